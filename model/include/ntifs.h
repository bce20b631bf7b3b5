/*
 * ntifs.h - the face drivers include under Microsoft's name: the kernel for a file-system or filter driver (a superset of ntddk.h).
 * What it gives is in the shared base, uf/wdm.h.
 */
#include "uf/wdm.h"
