/*
 * port_routines.h - the routines of its port that a miniport calls, as the
 * port simulation (port.c) provides them: what a driver under test needs of
 * NDIS and PortCls beyond the framework. The plug-in header
 * (unloadfuzz_driver.h) includes it, so a driver includes that alone.
 */
#ifndef UNLOADFUZZ_PORT_ROUTINES_H
#define UNLOADFUZZ_PORT_ROUTINES_H

#include "wdf.h"

/* The port's handle for a registered NDIS-style miniport. */
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;

/* PortCls: called from DriverEntry; installs the port's unload routine in
 * DriverObject->DriverUnload (the driver saves it and chains to it) and
 * the port's dispatch table. AddDevice is accepted for the signature's
 * sake: the port simulation delivers devices through device_arrival. */
NTSTATUS PcInitializeAdapterDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPathName,
                                   PDRIVER_ADD_DEVICE AddDevice);

/* NDIS: called from DriverEntry (after WdfDriverCreate); gives the port's
 * handle for the miniport. The port simulation keeps no characteristics:
 * it calls the routines of the driver's UF_DRIVER() registration. */
NTSTATUS NdisMRegisterMiniportDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                                     PNDIS_HANDLE NdisMiniportDriverHandle);
/* NDIS: called from MiniportDriverUnload, after WdfDriverMiniportUnload, and
 * on DriverEntry's failure path. */
VOID NdisMDeregisterMiniportDriver(NDIS_HANDLE NdisMiniportDriverHandle);

#endif /* UNLOADFUZZ_PORT_ROUTINES_H */
