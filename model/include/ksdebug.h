/*
 * ksdebug.h - the face drivers include under Microsoft's name: the debug levels and _DbgPrintF of kernel-streaming drivers.
 * What it gives is in the shared base, uf/ksdebug.h.
 */
#include "uf/ksdebug.h"
