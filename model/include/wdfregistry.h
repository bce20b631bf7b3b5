/*
 * wdfregistry.h - the face drivers include under Microsoft's name: WDFKEY.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
