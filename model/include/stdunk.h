/*
 * stdunk.h - the face drivers include under Microsoft's name: CUnknown, the base class of a C++ audio driver's COM objects.
 * What it gives is in the shared base, uf/stdunk.h.
 */
#include "uf/stdunk.h"
