/*
 * wdfpool.h - the face drivers include under Microsoft's name: the framework's pool tracking (nothing a driver calls).
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
