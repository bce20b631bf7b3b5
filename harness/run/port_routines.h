/*
 * port_routines.h - the routines of its port that a miniport calls, as the
 * port simulation provides them: PortCls's (port_simple.c) for a driver of
 * the simplified port. NDIS's are in ndis.h, AVStream's in ks.h. The plug-in header
 * (unloadfuzz_driver.h) includes it, so a driver includes that alone.
 */
#ifndef UNLOADFUZZ_PORT_ROUTINES_H
#define UNLOADFUZZ_PORT_ROUTINES_H

#include "wdf.h"

/* PortCls: called from DriverEntry; installs the port's unload routine in
 * DriverObject->DriverUnload (the driver saves it and chains to it) and
 * the port's dispatch table. AddDevice is accepted for the signature's
 * sake: the port simulation delivers devices through device_arrival. */
NTSTATUS PcInitializeAdapterDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPathName,
                                   PDRIVER_ADD_DEVICE AddDevice);

#endif /* UNLOADFUZZ_PORT_ROUTINES_H */
