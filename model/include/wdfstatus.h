/*
 * wdfstatus.h - the face drivers include under Microsoft's name: the framework's status codes.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
