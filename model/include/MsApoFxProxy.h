/*
 * msapofxproxy.h - the face drivers include under Microsoft's name: the property set through which Windows' proxy APO discovers a driver's audio effects (KSPROPSETID_AudioEffectsDiscovery, KSP_PINMODE).
 * MsApoFxProxy.h, as audio drivers spell it (SysVAD's sysvad.h, the Raspberry Pi bcm2836
 * adapter's rpiwav.h), holds the same bytes: Windows' file names ignore case, Linux's do
 * not, and on a checkout that ignores case the two are one file.
 * What it gives is in the shared base, uf/ksmedia.h.
 */
#include "uf/ksmedia.h"
