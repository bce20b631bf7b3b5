/*
 * wdfdpc.h - the face drivers include under Microsoft's name: WDFDPC.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
