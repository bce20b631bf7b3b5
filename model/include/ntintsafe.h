/*
 * ntintsafe.h - the face drivers include under Microsoft's name: the overflow-checked integer arithmetic (RtlULongAdd, ...).
 * What it gives is in the shared base, uf/intsafe.h.
 */
#include "uf/intsafe.h"
