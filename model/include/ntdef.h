/*
 * ntdef.h - the face drivers include under Microsoft's name: the basic types, NTSTATUS and the structure macros.
 * What it gives is in the shared base, uf/base.h.
 */
#include "uf/base.h"
