/*
 * port_simple.c - the simplified port (port_internal.h) and PortCls's
 * routines.
 *
 * A UF_DRIVER() registration that names device_arrival / device_removal
 * gets the simplified port: a device arriving calls device_arrival with
 * the port's FDO, the device below it and the PDO; a device leaving calls
 * device_removal; the unload routine is the registration's `unload` (the
 * NDIS flavour's MiniportDriverUnload) or DriverObject->DriverUnload.
 *
 * PcInitializeAdapterDriver installs the port's own unload routine in
 * DriverObject->DriverUnload, which a PortCls adapter saves and chains to.
 * The rest of PortCls is not played yet: each routine fails and says so
 * [U1].
 */
#include <string.h>

#include "port_internal.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "portcls.h"

#define P uf__port

static struct {
    PDRIVER_UNLOAD port_unload; /* PcInitializeAdapterDriver's, until it ran */
} S;

void uf_port_simple_reset(void)
{
    memset(&S, 0, sizeof S);
}

static int simple_arrive(uint32_t a)
{
    struct port_device *dv = &P.dev[a];
    NTSTATUS st;

    if (P.d->device_arrival == NULL)
        return 0;
    uf_port_enter_driver(OP_DEVICE_ARRIVAL, PASSIVE_LEVEL);
    st = P.d->device_arrival(&dv->fdo, &dv->next, &dv->pdo);
    uf_port_leave_driver();
    return NT_SUCCESS(st);
}

static void simple_remove(uint32_t a, int surprise)
{
    (void)surprise;
    if (P.d->device_removal == NULL)
        return;
    uf_port_enter_driver(OP_DEVICE_REMOVAL, PASSIVE_LEVEL);
    P.d->device_removal(&P.dev[a].fdo);
    uf_port_leave_driver();
}

static PDRIVER_UNLOAD simple_unload_routine(void)
{
    return P.d->flavour == UF_PORT_NDIS ? P.d->unload : P.driver_object.DriverUnload;
}

const struct port_flavour uf_port_simple = {
    .name = "simplified",
    .arrive = simple_arrive,
    .remove = simple_remove,
    .unload_routine = simple_unload_routine,
};

/* ---- PortCls ---- */

/* The port's own unload routine, which a PortCls-style driver saves and
 * chains to: the port lets go of its adapters' state. */
static VOID port_driver_unload(PDRIVER_OBJECT DriverObject)
{
    (void)DriverObject;
    S.port_unload = NULL;
}

NTSTATUS PcAddAdapterDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject,
                            PCPFNSTARTDEVICE StartDevice, ULONG MaxObjects,
                            ULONG DeviceExtensionSize)
{
    (void)DriverObject;
    (void)PhysicalDeviceObject;
    (void)StartDevice;
    (void)MaxObjects;
    (void)DeviceExtensionSize;
    model_not_modelled("PcAddAdapterDevice");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcDispatchIrp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    (void)DeviceObject;
    (void)Irp;
    model_not_modelled("PcDispatchIrp");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcGetPhysicalDeviceObject(PDEVICE_OBJECT DeviceObject, PDEVICE_OBJECT *PhysicalDeviceObject)
{
    (void)DeviceObject;
    if (PhysicalDeviceObject)
        *PhysicalDeviceObject = NULL;
    model_not_modelled("PcGetPhysicalDeviceObject");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcInitializeAdapterDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPathName,
                                   PDRIVER_ADD_DEVICE AddDevice)
{
    (void)RegistryPathName;
    (void)AddDevice;
    if (DriverObject == NULL)
        return STATUS_INVALID_PARAMETER;
    DriverObject->DriverUnload = port_driver_unload;
    S.port_unload = port_driver_unload;
    return STATUS_SUCCESS;
}
