/*
 * ksmedia.h - the face drivers include under Microsoft's name: kernel streaming's audio formats, ranges, node types, property sets and jack descriptions.
 * What it gives is in the shared base, uf/ksmedia.h.
 */
#include "uf/ksmedia.h"
