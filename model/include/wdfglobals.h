/*
 * wdfglobals.h - the face drivers include under Microsoft's name: the driver's framework globals.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
