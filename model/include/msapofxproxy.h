/*
 * msapofxproxy.h - the face drivers include under Microsoft's name: the property set through which Windows' proxy APO discovers a driver's audio effects (KSPROPSETID_AudioEffectsDiscovery, KSP_PINMODE).
 * What it gives is in the shared base, uf/ksmedia.h.
 */
#include "uf/ksmedia.h"
