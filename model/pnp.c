/*
 * pnp.c - the DDIs of a PnP device (WdfDeviceCreate's), as a miniport
 * device meets them.
 *
 * A miniport device is an FxMpDevice: its handle answers for
 * FX_TYPE_DEVICE_BASE (which the WDM accessors, WdfDeviceGetIoTarget,
 * WdfIoTargetCreate and WdfFdoQueryForInterface ask for) but not for
 * FX_TYPE_DEVICE, which every DDI of a PnP device asks for first:
 * FxObjectHandleGetPtr's type check fails and bug checks WDF_VIOLATION 0x5
 * before any parameter is read [N1]. The model's devices are all miniport
 * devices, so each of these is that bug check.
 */
#define WDFMODEL_NO_CALL_SITES
#include "internal.h"

/* The handle check of a DDI that asks for FX_TYPE_DEVICE. */
static void pnp_device_only(enum model_ddi ddi, WDFDEVICE Device)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, ddi, Device)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    d = uf__obj_lookup(Device, TYPE_DEVICE);
    if (d)
        uf__violation(RULE_HANDLE_INVALID, d,
                      "a miniport device is not a PnP device (FX_TYPE_DEVICE): this DDI is not for it");
    uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
}

NTSTATUS WdfIoQueueCreate(WDFDEVICE Device, PWDF_IO_QUEUE_CONFIG Config,
                          PWDF_OBJECT_ATTRIBUTES QueueAttributes, WDFQUEUE *Queue)
{
    (void)Config;
    (void)QueueAttributes;
    if (Queue)
        *Queue = NULL;
    pnp_device_only(DDI_WdfIoQueueCreate, Device);
    return STATUS_INVALID_HANDLE;
}

NTSTATUS WdfInterruptCreate(WDFDEVICE Device, PWDF_INTERRUPT_CONFIG Configuration,
                            PWDF_OBJECT_ATTRIBUTES Attributes, WDFINTERRUPT *Interrupt)
{
    (void)Configuration;
    (void)Attributes;
    if (Interrupt)
        *Interrupt = NULL;
    pnp_device_only(DDI_WdfInterruptCreate, Device);
    return STATUS_INVALID_HANDLE;
}

WDFQUEUE WdfDeviceGetDefaultQueue(WDFDEVICE Device)
{
    pnp_device_only(DDI_WdfDeviceGetDefaultQueue, Device);
    return NULL;
}

WDFDRIVER WdfDeviceGetDriver(WDFDEVICE Device)
{
    pnp_device_only(DDI_WdfDeviceGetDriver, Device);
    return NULL;
}
