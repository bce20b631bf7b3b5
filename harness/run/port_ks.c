/*
 * port_ks.c - AVStream as it calls a minidriver (port_internal.h).
 */
#include "port_internal.h"

void uf_port_ks_reset(void)
{
}
