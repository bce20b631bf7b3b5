/*
 * ntstrsafe.h - the face drivers include under Microsoft's name: the safe string functions (RtlStringCch*, RtlStringCb*, RtlUnicodeString*).
 * What it gives is in the shared base, uf/strsafe.h.
 */
#include "uf/strsafe.h"
