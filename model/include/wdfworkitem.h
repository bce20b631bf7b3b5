/*
 * wdfworkitem.h - the face drivers include under Microsoft's name: WDFWORKITEM.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
