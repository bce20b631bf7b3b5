/*
 * ntstrsafe.h - the face drivers include under Microsoft's name: the safe string functions (RtlStringCch*, RtlStringCb*, RtlUnicodeString*).
 * Ntstrsafe.h, as some drivers spell it (simpleaudiosample's definitions.h), holds the same
 * bytes: Windows' file names ignore case, Linux's do not, and on a checkout that ignores
 * case the two are one file.
 * What it gives is in the shared base, uf/strsafe.h.
 */
#include "uf/strsafe.h"
