/*
 * wdm.h - the face drivers include under Microsoft's name: the kernel for a WDM driver.
 * What it gives is in the shared base, uf/wdm.h.
 */
#include "uf/wdm.h"
