/*
 * ntddndis.h - the face drivers include under Microsoft's name: NDIS's
 * definitions shared with user mode (object headers, OIDs, link state,
 * statistics, interrupt moderation). The real ndis.h includes it; here
 * both are the one base, uf/ndis.h.
 */
#include "uf/ndis.h"
