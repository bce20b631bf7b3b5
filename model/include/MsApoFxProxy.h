/*
 * MsApoFxProxy.h - msapofxproxy.h as audio drivers spell it (SysVAD's
 * sysvad.h, the Raspberry Pi bcm2836 adapter's rpiwav.h): Windows' file
 * names ignore case, Linux's do not.
 * What it gives is in the shared base, uf/ksmedia.h.
 */
#include "uf/ksmedia.h"
