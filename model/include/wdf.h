/*
 * wdf.h - the face drivers include for the framework, under Microsoft's
 * name. Everything is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
