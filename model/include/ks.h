/*
 * ks.h - the face drivers include under Microsoft's name: AVStream's device descriptor, dispatch table and KSDEVICE, and the routines a minidriver calls.
 * What it gives is in the shared base, uf/ks.h.
 */
#include "uf/ks.h"
