/*
 * wdfbugcodes.h - the face drivers include under Microsoft's name: the codes of WDF_VIOLATION.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
