/*
 * wdffdo.h - the face drivers include under Microsoft's name: a function driver's device DDIs.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
