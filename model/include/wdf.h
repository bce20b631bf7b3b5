/*
 * wdf.h - the face drivers include under Microsoft's name: the framework,
 * with the kernel below it. What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
