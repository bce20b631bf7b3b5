/*
 * mmreg.h - the face drivers include under Microsoft's name: WAVEFORMATEX, WAVEFORMATEXTENSIBLE and the wave format tags.
 * What it gives is in the shared base, uf/mmreg.h.
 */
#include "uf/mmreg.h"
