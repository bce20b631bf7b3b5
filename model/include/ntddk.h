/*
 * ntddk.h - the face drivers include under Microsoft's name: the kernel for a driver (wdm.h and the routines of ntddk.h).
 * What it gives is in the shared base, uf/wdm.h.
 */
#include "uf/wdm.h"
