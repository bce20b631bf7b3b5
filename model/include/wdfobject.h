/*
 * wdfobject.h - the face drivers include under Microsoft's name: object attributes, contexts and references.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
