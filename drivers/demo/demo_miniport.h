/*
 * demo_miniport.h - the routines the port calls into the demo miniport
 * (drivers/demo/demo_miniport.c): its entry, device arrival and removal,
 * and its unload routine, plus a reset of its globals for the unit tests.
 */
#ifndef UNLOADFUZZ_DEMO_MINIPORT_H
#define UNLOADFUZZ_DEMO_MINIPORT_H

#include "wdf.h"

/* DriverEntry: WdfDriverCreate with WdfDriverInitNoDispatchOverride. */
NTSTATUS demo_driver_entry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
/* The port reports a new adapter: a miniport device with its children. */
NTSTATUS demo_device_arrival(PDEVICE_OBJECT DeviceObject);
/* The port reports the adapter gone: the driver deletes its device. */
void demo_device_removal(void);
/* The port-defined unload routine: calls WdfDriverMiniportUnload. */
void demo_unload(PDRIVER_OBJECT DriverObject);
/* The adapter's device handle, NULL when none. */
WDFDEVICE demo_adapter(void);
/* Restores the driver's globals to their load-time values: for the unit
 * tests that call the routines directly (the harness restores them itself). */
void demo_reset(void);

#endif /* UNLOADFUZZ_DEMO_MINIPORT_H */
