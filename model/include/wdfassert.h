/*
 * wdfassert.h - the face drivers include under Microsoft's name: the framework's assertions.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
