/*
 * Ntstrsafe.h - ntstrsafe.h as some drivers spell it (simpleaudiosample's
 * definitions.h): Windows' file names ignore case, Linux's do not.
 * What it gives is in the shared base, uf/strsafe.h.
 */
#include "uf/strsafe.h"
