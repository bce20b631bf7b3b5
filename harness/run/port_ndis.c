/*
 * port_ndis.c - NDIS 6 as it calls a miniport (port_internal.h).
 */
#include "port_internal.h"

void port_ndis_reset(void)
{
}
