/*
 * ndis.h - the face drivers include under Microsoft's name: NDIS 6 for a miniport.
 * What it gives is in the shared base, uf/ndis.h.
 */
#include "uf/ndis.h"
