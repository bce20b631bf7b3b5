/*
 * port_ks.c - AVStream as it calls a minidriver (port_internal.h): the
 * routines of ks.h the simulation plays, and the port flavour that calls
 * the minidriver's KSDEVICE_DISPATCH routines as devices come and go.
 *
 * The driver's entry calls KsInitializeDriver, which keeps the device
 * descriptor in a driver object extension (an allocation the fault plan
 * reaches, at the kernel's site driver-object-extension), makes
 * KsAddDevice the driver's AddDevice, points the IRP dispatch table at
 * AVStream and puts KsNullDriverUnload, a routine that does nothing, in
 * DriverObject->DriverUnload [A1] [A2]; the driver chains its own unload
 * to that. The flavour is installed from there.
 *
 * Then, for adapter a, in the order ks.sys calls them
 * (docs/WDF-SEMANTICS.md, section 16), each at PASSIVE_LEVEL:
 *
 *   device-arrival    DriverExtension->AddDevice (KsAddDevice unless the
 *                     driver put its own there, which calls it): a KSDEVICE
 *                     over the port's FDO, lower device and PDO, and Add
 *                     [A4]; when that succeeded, Start with the port's
 *                     START_DEVICE IRP and no resources, and when Start
 *                     succeeded the device is Started and PostStart runs
 *                     [A5]. A failed Start is followed by PnP's removal:
 *                     Remove, with no Stop, since the device never started.
 *   device-removal    Stop when Started, then Remove [A6].
 *   surprise-removal  SurpriseRemoval, then, at the removal that follows,
 *                     Stop (Started was never cleared) and Remove [A7].
 *   port-unload       the port core removes each device still present as
 *                     above, then calls DriverObject->DriverUnload.
 *
 * A dispatch routine that returns STATUS_PENDING is reported
 * (ks-dispatch-pending) and taken for success [A8]. AVStream's own
 * unload does nothing, so this flavour has no checks at unload: what a
 * driver leaves of the framework is the model's to find. Filters, pins,
 * power and the query/cancel minors are not played; the routines of the
 * objects not played fail and raise ddi-not-modelled [U1].
 */
#include <stdio.h>
#include <string.h>

#include "port_internal.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "ks.h"

#define P uf__port

/* One adapter's device as AVStream keeps it. */
struct ks_device {
    KSDEVICE ks;     /* what the minidriver sees */
    uint8_t created; /* from KsAddDevice until Remove returned, or Add failed */
};

static struct {
    const KSDEVICE_DESCRIPTOR *descriptor; /* KsInitializeDriver's; NULL: no dispatch */
    uint8_t initialized;                   /* KsInitializeDriver succeeded */
    struct ks_device dev[PROG_MAX_ADAPTERS];
    struct port_irp irp;                   /* the IRP of the call being made */
} K;

void uf_port_ks_reset(void)
{
    memset(&K, 0, sizeof K);
}

/* The descriptor's dispatch table, or NULL. */
static const KSDEVICE_DISPATCH *dispatch(void)
{
    return K.descriptor ? K.descriptor->Dispatch : NULL;
}

/* K.irp as a PnP IRP of minor function `minor` for adapter a's FDO, the
 * drivers below it having succeeded. */
static PIRP pnp_irp(uint32_t a, UCHAR minor)
{
    return uf_port_pnp_irp(&K.irp, a, minor, STATUS_SUCCESS);
}

/* Reports a dispatch routine `name` that returned STATUS_PENDING [A8]. */
static void check_not_pending(NTSTATUS st, const char *name)
{
    char detail[120];

    if (st != STATUS_PENDING)
        return;
    snprintf(detail, sizeof detail,
             "the %s dispatch returned STATUS_PENDING, which no KSDEVICE_DISPATCH routine may",
             name);
    model_port_violation(RULE_KS_DISPATCH_PENDING, detail, 0);
}

/* Calls adapter a's IRP_MN_REMOVE_DEVICE handling: Stop when the device
 * is still Started, then Remove; the KSDEVICE is gone after [A6]. */
static void remove_device(uint32_t a)
{
    struct ks_device *d = &K.dev[a];
    const KSDEVICE_DISPATCH *ds = dispatch();

    if (d->ks.Started) {
        if (ds && ds->Stop) {
            uf_port_enter_driver(PORT_CALL_KS_STOP | a << 16, PASSIVE_LEVEL);
            ds->Stop(&d->ks, pnp_irp(a, IRP_MN_REMOVE_DEVICE));
            uf_port_leave_driver();
        }
        d->ks.Started = FALSE;
    }
    if (ds && ds->Remove && !model_halted()) {
        uf_port_enter_driver(PORT_CALL_KS_REMOVE | a << 16, PASSIVE_LEVEL);
        ds->Remove(&d->ks, pnp_irp(a, IRP_MN_REMOVE_DEVICE));
        uf_port_leave_driver();
    }
    d->created = 0;
}

/* Adapter a arrived: AddDevice, then IRP_MN_START_DEVICE [A4] [A5].
 * Returns 1 when the device started. */
static int ks_arrive(uint32_t a)
{
    struct ks_device *d = &K.dev[a];
    const KSDEVICE_DISPATCH *ds;
    PDRIVER_ADD_DEVICE add = P.driver_object.DriverExtension->AddDevice;
    NTSTATUS st;

    if (add == NULL)
        return 0;
    uf_port_enter_driver(PORT_CALL_KS_ADD | a << 16, PASSIVE_LEVEL);
    st = add(&P.driver_object, &P.dev[a].pdo);
    uf_port_leave_driver();
    if (!NT_SUCCESS(st) || !d->created || model_halted()) {
        d->created = 0; /* AddDevice failed: PnP forgets the device */
        return 0;
    }
    ds = dispatch();
    st = STATUS_SUCCESS;
    if (ds && ds->Start) {
        uf_port_enter_driver(PORT_CALL_KS_START | a << 16, PASSIVE_LEVEL);
        st = ds->Start(&d->ks, pnp_irp(a, IRP_MN_START_DEVICE), NULL, NULL);
        uf_port_leave_driver();
        check_not_pending(st, "Start");
    }
    if (model_halted())
        return 0;
    if (!NT_SUCCESS(st)) {
        /* the start failed: PnP sends IRP_MN_REMOVE_DEVICE */
        remove_device(a);
        return 0;
    }
    d->ks.Started = TRUE;
    if (ds && ds->PostStart) {
        uf_port_enter_driver(PORT_CALL_KS_POST_START | a << 16, PASSIVE_LEVEL);
        st = ds->PostStart(&d->ks);
        uf_port_leave_driver();
        check_not_pending(st, "PostStart");
        /* a failure fails later creates; the device stays started */
    }
    return !model_halted();
}

/* Adapter a leaves: surprise removal first when pulled out, then the
 * removal [A6] [A7]. */
static void ks_remove(uint32_t a, int surprise)
{
    struct ks_device *d = &K.dev[a];
    const KSDEVICE_DISPATCH *ds = dispatch();

    if (!d->created)
        return;
    if (surprise && ds && ds->SurpriseRemoval) {
        uf_port_enter_driver(PORT_CALL_KS_SURPRISE_REMOVAL | a << 16, PASSIVE_LEVEL);
        ds->SurpriseRemoval(&d->ks, pnp_irp(a, IRP_MN_SURPRISE_REMOVAL));
        uf_port_leave_driver();
        if (model_halted())
            return;
    }
    remove_device(a);
}

static const struct port_flavour port_ks = {
    .name = "AVStream",
    .arrive = ks_arrive,
    .remove = ks_remove,
    .events = uf_port_surprise_removals,
};

/* ---- the routines of ks.h ---- */

/* AVStream's IRP dispatch, where KsInitializeDriver points the driver's
 * table: the port sends the minidriver no IRP through it, so a driver
 * that calls it (chaining its own handler) leaves what is played. */
static NTSTATUS ks_dispatch_irp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    (void)DeviceObject;
    (void)Irp;
    model_not_modelled("AVStream's IRP dispatch");
    return STATUS_NOT_IMPLEMENTED;
}

/* AVStream's unload routine: nothing of its own is left by then [A2]. */
VOID KsNullDriverUnload(PDRIVER_OBJECT DriverObject)
{
    (void)DriverObject;
}

/* From DriverEntry [A1]: STATUS_SUCCESS, STATUS_INSUFFICIENT_RESOURCES when
 * the extension for a descriptor cannot be allocated, or a failure with
 * ddi-not-modelled when the port cannot play the call. */
NTSTATUS KsInitializeDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPathName,
                            const KSDEVICE_DESCRIPTOR *Descriptor)
{
    static const UCHAR majors[] = {IRP_MJ_CREATE, IRP_MJ_CLOSE, IRP_MJ_DEVICE_CONTROL,
                                   IRP_MJ_PNP, IRP_MJ_POWER, IRP_MJ_SYSTEM_CONTROL};
    size_t i;

    (void)RegistryPathName;
    if (DriverObject != &P.driver_object || uf_port_set_flavour(&port_ks) < 0) {
        /* not the entry's driver object, outside the entry, or a driver
         * that registered with another port as well */
        model_not_modelled("KsInitializeDriver");
        return STATUS_NOT_IMPLEMENTED;
    }
    /* the descriptor is kept in a driver object extension [A1] */
    if (Descriptor != NULL && !model_port_allocate(SITE_DRIVER_OBJECT_EXTENSION))
        return STATUS_INSUFFICIENT_RESOURCES;
    K.descriptor = Descriptor;
    K.initialized = 1;
    DriverObject->DriverExtension->AddDevice = KsAddDevice;
    for (i = 0; i < sizeof majors; i++)
        DriverObject->MajorFunction[majors[i]] = ks_dispatch_irp;
    DriverObject->DriverUnload = KsNullDriverUnload;
    return STATUS_SUCCESS;
}

/* AVStream's AddDevice [A4]: the KSDEVICE of the adapter whose PDO this is,
 * and its Add. Returns Add's failure, or STATUS_SUCCESS. */
NTSTATUS KsAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject)
{
    const KSDEVICE_DISPATCH *ds = dispatch();
    struct ks_device *d;
    uint32_t a;
    NTSTATUS st;

    for (a = 0; a < P.arrived && PhysicalDeviceObject != &P.dev[a].pdo; a++)
        ;
    if (!K.initialized || DriverObject != &P.driver_object || a == P.arrived ||
        K.dev[a].created) {
        model_not_modelled("KsAddDevice");
        return STATUS_NOT_IMPLEMENTED;
    }
    d = &K.dev[a];
    memset(d, 0, sizeof *d);
    d->ks.Descriptor = K.descriptor;
    d->ks.Bag = d; /* a value of AVStream's: the routines of bags are not played */
    d->ks.Context = NULL;
    d->ks.FunctionalDeviceObject = &P.dev[a].fdo;
    d->ks.PhysicalDeviceObject = &P.dev[a].pdo;
    d->ks.NextDeviceObject = &P.dev[a].next;
    d->ks.Started = FALSE;
    d->ks.SystemPowerState = PowerSystemWorking;
    d->ks.DevicePowerState = PowerDeviceD0;
    d->created = 1;
    if (ds && ds->Add) {
        st = ds->Add(&d->ks);
        check_not_pending(st, "Add");
        if (!NT_SUCCESS(st)) {
            d->created = 0; /* AVStream deletes the device: AddDevice fails */
            return st;
        }
    }
    return STATUS_SUCCESS;
}

/* The KSDEVICE over one of the port's FDOs, from KsAddDevice until Remove
 * returned; NULL for any other device object. */
PKSDEVICE KsGetDeviceForDeviceObject(PDEVICE_OBJECT FunctionalDeviceObject)
{
    uint32_t a;

    if (!uf_port_device_index(FunctionalDeviceObject, &a) || !K.dev[a].created)
        return NULL;
    return &K.dev[a].ks;
}

/* The routines of the objects not played: each raises ddi-not-modelled
 * and returns its failure (NULL, STATUS_NOT_IMPLEMENTED, 0). */
PKSDEVICE KsGetDevice(PVOID Object)
{
    (void)Object;
    model_not_modelled("KsGetDevice");
    return NULL;
}

void KsAcquireDevice(PKSDEVICE Device)
{
    (void)Device;
    model_not_modelled("KsAcquireDevice");
}

void KsReleaseDevice(PKSDEVICE Device)
{
    (void)Device;
    model_not_modelled("KsReleaseDevice");
}

NTSTATUS KsAddItemToObjectBag(KSOBJECT_BAG ObjectBag, PVOID Item, PFNKSFREE Free)
{
    (void)ObjectBag;
    (void)Item;
    (void)Free;
    model_not_modelled("KsAddItemToObjectBag");
    return STATUS_NOT_IMPLEMENTED;
}

ULONG KsRemoveItemFromObjectBag(KSOBJECT_BAG ObjectBag, PVOID Item, BOOLEAN Free)
{
    (void)ObjectBag;
    (void)Item;
    (void)Free;
    model_not_modelled("KsRemoveItemFromObjectBag");
    return 0;
}
