/*
 * unknown.h - the face drivers include under Microsoft's name: the kernel's IUnknown and the macros that declare COM interfaces.
 * What it gives is in the shared base, uf/com.h.
 */
#include "uf/com.h"
