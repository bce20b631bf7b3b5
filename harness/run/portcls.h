/*
 * portcls.h - the PortCls header a KMDF-hosted audio adapter driver
 * includes, as the port simulation provides it: the port's routines a
 * driver calls (port_routines.h). The rest of the real header (the port
 * and miniport interfaces, PcAddAdapterDevice) is not here yet.
 */
#ifndef UNLOADFUZZ_PORTCLS_H
#define UNLOADFUZZ_PORTCLS_H

#include "port_routines.h"

#endif /* UNLOADFUZZ_PORTCLS_H */
