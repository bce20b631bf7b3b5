/*
 * portcls.h - the PortCls header a KMDF-hosted audio adapter driver
 * includes, as the port simulation provides it: the port's routines a
 * driver calls (port_routines.h: PcInitializeAdapterDriver, which the
 * simulation plays), and the rest of what an adapter's DriverEntry,
 * AddDevice and StartDevice name, declared with the real names and types.
 * The simulation does not play those yet: it delivers devices through the
 * driver's registration (unloadfuzz_driver.h), so a call of one fails and
 * raises ddi-not-modelled, naming the driver's line (docs/DRIVERS.md).
 */
#ifndef UNLOADFUZZ_PORTCLS_H
#define UNLOADFUZZ_PORTCLS_H

#include "port_routines.h"

EXTERN_C_START

/* The adapter's resources, as PortCls hands them to StartDevice. */
typedef struct IResourceList *PRESOURCELIST;
/* The StartDevice routine PcAddAdapterDevice registers. */
typedef NTSTATUS (*PCPFNSTARTDEVICE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp,
                                     _In_ PRESOURCELIST ResourceList);

NTSTATUS PcAddAdapterDevice(_In_ PDRIVER_OBJECT DriverObject,
                            _In_ PDEVICE_OBJECT PhysicalDeviceObject,
                            _In_ PCPFNSTARTDEVICE StartDevice, _In_ ULONG MaxObjects,
                            _In_ ULONG DeviceExtensionSize);
NTSTATUS PcDispatchIrp(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
NTSTATUS PcGetPhysicalDeviceObject(_In_ PDEVICE_OBJECT DeviceObject,
                                   _Out_ PDEVICE_OBJECT *PhysicalDeviceObject);

#ifndef WDFMODEL_NO_CALL_SITES
#define PcAddAdapterDevice(...)        WDFMODEL_AT_(PcAddAdapterDevice(__VA_ARGS__))
#define PcDispatchIrp(...)             WDFMODEL_AT_(PcDispatchIrp(__VA_ARGS__))
#define PcGetPhysicalDeviceObject(...) WDFMODEL_AT_(PcGetPhysicalDeviceObject(__VA_ARGS__))
#endif

EXTERN_C_END

#endif /* UNLOADFUZZ_PORTCLS_H */
