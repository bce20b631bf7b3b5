/*
 * wdfdevice.h - the face drivers include under Microsoft's name: WDFDEVICE.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
