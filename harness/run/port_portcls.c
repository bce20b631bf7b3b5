/*
 * port_portcls.c - PortCls as it calls an audio adapter (port_internal.h):
 * the routines of portcls.h and the port flavour that sends an adapter's
 * FDO its PnP IRPs. The COM objects PortCls makes (ports, resource lists,
 * the interfaces a port answers for) are portcls_objects.c's.
 *
 * The driver's entry calls PcInitializeAdapterDriver, which keeps the
 * adapter's AddDevice, points the IRP dispatch table at PortCls and puts
 * PortCls's unload routine in DriverObject->DriverUnload [R1]; the driver
 * may then put its own IRP_MJ_PNP dispatch over PortCls's (SysVAD's
 * PnpHandler, which forwards to PcDispatchIrp) and chain its unload. The
 * flavour is installed from there. Then, for adapter a, each at
 * PASSIVE_LEVEL (docs/WDF-SEMANTICS.md, section 17):
 *
 *   device-arrival    AddDevice, in which the driver calls
 *                     PcAddAdapterDevice [R4]; then IRP_MN_START_DEVICE to
 *                     the driver's IRP_MJ_PNP dispatch, where PcDispatchIrp
 *                     makes a resource list and calls StartDevice [R5]. A
 *                     start that fails is followed by IRP_MN_REMOVE_DEVICE.
 *   device-removal    IRP_MN_QUERY_REMOVE_DEVICE, then IRP_MN_REMOVE_DEVICE,
 *                     at which PcDispatchIrp lets go of what the device
 *                     still has registered and deletes the FDO [R6].
 *   surprise-removal  IRP_MN_SURPRISE_REMOVAL, then IRP_MN_REMOVE_DEVICE.
 *   port-unload       the port core removes each device still present,
 *                     then calls DriverObject->DriverUnload.
 *
 * PortCls's objects still referenced when the image unloads are reported
 * (portcls-interface-leak) [R9].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "port_internal.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "initguid.h"
#include "portcls.h" /* after initguid.h: PortCls's GUIDs are defined here */
#include "portcls_internal.h"

#define P uf__port
#define C uf__portcls

struct portcls_state uf__portcls;

void uf_port_portcls_reset(void)
{
    uint32_t a;

    for (a = 0; a < PROG_MAX_ADAPTERS; a++)
        free(C.dev[a].extension);
    memset(&C, 0, sizeof C);
}

/* ---- the devices ---- */

/* Adapter a's device when DeviceObject is an FDO PcAddAdapterDevice made. */
struct pc_device *uf_pc_device_of(PDEVICE_OBJECT DeviceObject, uint32_t *ap)
{
    uint32_t a;

    if (!uf_port_device_index(DeviceObject, &a) || !C.dev[a].added)
        return NULL;
    if (ap)
        *ap = a;
    return &C.dev[a];
}

int uf_pc_find_subdevice(struct pc_device *d, const struct pc_object *port)
{
    uint32_t i;

    for (i = 0; i < d->nsub; i++)
        if (d->sub[i].port == port)
            return (int)i;
    return -1;
}

/* Unregisters subdevice i: the port lets go of its miniport there and
 * then, since the miniport usually holds interfaces of its port (its
 * IPortEvents) and would otherwise keep it alive for ever, and the
 * registration's reference on the port goes [R8]. */
void uf_pc_drop_subdevice(struct pc_device *d, uint32_t i)
{
    struct pc_object *port = d->sub[i].port;

    d->sub[i] = d->sub[--d->nsub];
    port->registered = 0;
    uf_pc_release_miniport(port);
    if (!model_halted())
        uf_pc_release(port);
}

/* IRP_MN_REMOVE_DEVICE as PcDispatchIrp handles it: the connections and
 * subdevices still registered are unregistered (each registration's
 * reference on its port released), the power management registration is
 * released, and the FDO is detached and deleted [R6]. */
static void device_removed(struct pc_device *d)
{
    PUNKNOWN pm = d->power;

    d->nconn = 0;
    while (d->nsub > 0 && !model_halted())
        uf_pc_drop_subdevice(d, d->nsub - 1);
    d->power = NULL;
    if (pm != NULL && !model_halted()) {
        uf_port_trace_call(PORT_CALL_PORTCLS_POWER_RELEASE);
        pm->lpVtbl->Release(pm);
    }
    free(d->extension);
    d->extension = NULL;
    d->added = 0;
    d->pc_started = 0;
}

/* ---- the flavour ---- */

/* Sends adapter a's FDO a PnP IRP of minor function `minor` through the
 * driver's IRP_MJ_PNP dispatch, as the PnP manager does. Returns the
 * dispatch routine's status. */
static NTSTATUS send_pnp(uint32_t a, UCHAR minor, uint32_t what)
{
    PDRIVER_DISPATCH dispatch = P.driver_object.MajorFunction[IRP_MJ_PNP];
    PIRP irp;
    NTSTATUS st;

    if (dispatch == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    /* PnP's initial status of the IRP it sends */
    irp = uf_port_pnp_irp(&C.irp, a, minor, STATUS_NOT_SUPPORTED);
    uf_port_enter_driver(what | a << 16, PASSIVE_LEVEL);
    st = dispatch(&P.dev[a].fdo, irp);
    uf_port_leave_driver();
    return st;
}

/* Adapter a's removal IRP, and PnP forgets the device. */
static void remove_device(uint32_t a)
{
    send_pnp(a, IRP_MN_REMOVE_DEVICE, PORT_CALL_PORTCLS_PNP_REMOVE);
    /* a driver that never forwarded the IRP to PortCls keeps its
     * registrations: what they hold is reported at unload */
    C.dev[a].added = 0;
}

static int pc_arrive(uint32_t a)
{
    PDRIVER_ADD_DEVICE add = P.driver_object.DriverExtension->AddDevice;
    NTSTATUS st;

    if (add == NULL)
        return 0;
    uf_port_enter_driver(PORT_CALL_PORTCLS_ADD_DEVICE | a << 16, PASSIVE_LEVEL);
    st = add(&P.driver_object, &P.dev[a].pdo);
    uf_port_leave_driver();
    if (model_halted())
        return 0;
    if (!NT_SUCCESS(st) || !C.dev[a].added) {
        /* AddDevice failed: PnP forgets the device (a FDO made before the
         * failure is the driver's to delete, which PortCls's is not) */
        return 0;
    }
    st = send_pnp(a, IRP_MN_START_DEVICE, PORT_CALL_PORTCLS_PNP_START);
    if (model_halted())
        return 0;
    if (!NT_SUCCESS(st)) {
        remove_device(a); /* the start failed: PnP sends IRP_MN_REMOVE_DEVICE */
        return 0;
    }
    return !model_halted();
}

static void pc_remove(uint32_t a, int surprise)
{
    if (surprise)
        send_pnp(a, IRP_MN_SURPRISE_REMOVAL, PORT_CALL_PORTCLS_PNP_SURPRISE_REMOVAL);
    else
        send_pnp(a, IRP_MN_QUERY_REMOVE_DEVICE, PORT_CALL_PORTCLS_PNP_QUERY_REMOVE);
    if (!model_halted())
        remove_device(a);
}

/* The image unloads: what PortCls made and the driver still references
 * leaks, and holds the driver's miniports [R9]. */
static void pc_unloaded(int entry_failed)
{
    uint32_t i;
    char detail[240];

    (void)entry_failed;
    for (i = 0; i < C.nobj && !model_halted(); i++) {
        struct pc_object *o = &C.obj[i];
        if (o->refs <= 0)
            continue;
        snprintf(detail, sizeof detail,
                 "the %s made at %s:%d still had %d reference%s when the image unloaded%s",
                 uf_pc_kind_name(o->kind), uf_pc_site_file(o->file), o->line, (int)o->refs,
                 o->refs == 1 ? "" : "s",
                 o->miniport ? ", holding the driver's miniport" : "");
        model_port_violation(RULE_PORTCLS_INTERFACE_LEAK, detail, 0);
    }
}

static uint32_t pc_state(void)
{
    uint32_t a, s = 0;

    for (a = 0; a < PROG_MAX_ADAPTERS && a < 4; a++)
        s |= (uint32_t)(C.dev[a].nsub > 3 ? 3 : C.dev[a].nsub) << (2 * a);
    return s;
}

static const struct port_flavour port_portcls = {
    .name = "PortCls",
    .arrive = pc_arrive,
    .remove = pc_remove,
    .unloaded = pc_unloaded,
    .state = pc_state,
    .events = uf_port_surprise_removals,
};

/* ---- the routines of portcls.h ---- */

/* PortCls's unload routine, which the driver saves and chains to. */
static VOID portcls_driver_unload(PDRIVER_OBJECT DriverObject)
{
    (void)DriverObject;
    C.port_unload = NULL;
}

/* PortCls's IRP dispatch for what it does not play. */
static NTSTATUS portcls_dispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    return PcDispatchIrp(DeviceObject, Irp);
}

NTSTATUS PcInitializeAdapterDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPathName,
                                   PDRIVER_ADD_DEVICE AddDevice)
{
    ULONG i;

    (void)RegistryPathName;
    if (DriverObject == NULL || AddDevice == NULL)
        return STATUS_INVALID_PARAMETER;
    if (DriverObject != &P.driver_object || uf_port_set_flavour(&port_portcls) < 0) {
        model_not_modelled("PcInitializeAdapterDriver");
        return STATUS_NOT_IMPLEMENTED;
    }
    DriverObject->DriverExtension->AddDevice = AddDevice;
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = portcls_dispatch;
    DriverObject->DriverUnload = portcls_driver_unload;
    C.port_unload = portcls_driver_unload;
    C.initialized = 1;
    return STATUS_SUCCESS;
}

NTSTATUS PcAddAdapterDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject,
                            PCPFNSTARTDEVICE StartDevice, ULONG MaxObjects,
                            ULONG DeviceExtensionSize)
{
    struct pc_device *d;
    uint32_t a;

    for (a = 0; a < P.arrived && PhysicalDeviceObject != &P.dev[a].pdo; a++)
        ;
    if (!C.initialized || DriverObject != &P.driver_object || a == P.arrived ||
        C.dev[a].added || StartDevice == NULL) {
        model_not_modelled("PcAddAdapterDevice");
        return STATUS_INVALID_PARAMETER;
    }
    d = &C.dev[a];
    /* DeviceExtensionSize is the whole extension: 0 for PortCls's own
     * part alone, or at least that part followed by the driver's [R4] */
    if (DeviceExtensionSize != 0 && DeviceExtensionSize < PORT_CLASS_DEVICE_EXTENSION_SIZE)
        return STATUS_INVALID_PARAMETER;
    /* the FDO (IoCreateDevice) with its extension */
    if (!model_port_allocate(SITE_PORTCLS_DEVICE))
        return STATUS_INSUFFICIENT_RESOURCES;
    free(d->extension);
    memset(d, 0, sizeof *d);
    d->extension = calloc(1, DeviceExtensionSize ? DeviceExtensionSize
                                                 : PORT_CLASS_DEVICE_EXTENSION_SIZE);
    if (d->extension == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    d->start = StartDevice;
    d->max_objects = MaxObjects;
    d->added = 1;
    P.dev[a].fdo.DeviceExtension = d->extension;
    return STATUS_SUCCESS;
}

/* IRP_MN_START_DEVICE: down the stack first (the lower device starts),
 * then the resource list and StartDevice [R5]. */
static NTSTATUS start_device(uint32_t a, struct pc_device *d, PIRP Irp)
{
    struct pc_object *list;
    NTSTATUS st;

    if (d->pc_started)
        return STATUS_SUCCESS;
    if ((list = uf_pc_new(PC_RESOURCE_LIST, SITE_PORTCLS_RESOURCE_LIST)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    uf_port_trace_call(PORT_CALL_PORTCLS_START_DEVICE | a << 16);
    st = d->start(&P.dev[a].fdo, Irp, (PRESOURCELIST)&list->main);
    if (model_halted())
        return st;
    uf_pc_release(list); /* PortCls's reference; the driver keeps what it took */
    if (NT_SUCCESS(st))
        d->pc_started = 1;
    return st;
}

NTSTATUS PcDispatchIrp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    struct pc_device *d;
    PIO_STACK_LOCATION s;
    uint32_t a;
    NTSTATUS st = STATUS_SUCCESS;

    if (Irp == NULL || (d = uf_pc_device_of(DeviceObject, &a)) == NULL) {
        model_not_modelled("PcDispatchIrp");
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    s = IoGetCurrentIrpStackLocation(Irp);
    if (s->MajorFunction != IRP_MJ_PNP) {
        model_not_modelled("PcDispatchIrp");
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    switch (s->MinorFunction) {
    case IRP_MN_START_DEVICE:
        st = start_device(a, d, Irp);
        break;
    case IRP_MN_REMOVE_DEVICE:
        device_removed(d);
        break;
    case IRP_MN_STOP_DEVICE:
        d->pc_started = 0;
        break;
    default:
        break; /* query-remove, surprise removal: success */
    }
    Irp->IoStatus.Status = st;
    return st;
}

NTSTATUS PcGetPhysicalDeviceObject(PDEVICE_OBJECT DeviceObject, PDEVICE_OBJECT *PhysicalDeviceObject)
{
    uint32_t a;

    if (PhysicalDeviceObject == NULL)
        return STATUS_INVALID_PARAMETER;
    if (uf_pc_device_of(DeviceObject, &a) == NULL) {
        *PhysicalDeviceObject = NULL;
        model_not_modelled("PcGetPhysicalDeviceObject");
        return STATUS_INVALID_PARAMETER;
    }
    *PhysicalDeviceObject = &P.dev[a].pdo;
    return STATUS_SUCCESS;
}

NTSTATUS PcNewPort(PPORT *OutPort, REFCLSID ClassId)
{
    enum pc_kind kind;
    struct pc_object *o;

    if (OutPort == NULL || ClassId == NULL)
        return STATUS_INVALID_PARAMETER;
    *OutPort = NULL;
    if (IsEqualGUID(ClassId, &CLSID_PortWaveRT))
        kind = PC_PORT_WAVERT;
    else if (IsEqualGUID(ClassId, &CLSID_PortTopology))
        kind = PC_PORT_TOPOLOGY;
    else {
        model_not_modelled("PcNewPort (a port class other than WaveRT and topology)");
        return STATUS_NOT_IMPLEMENTED;
    }
    if ((o = uf_pc_new(kind, SITE_PORTCLS_PORT)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    *OutPort = (PPORT)&o->main;
    return STATUS_SUCCESS;
}

NTSTATUS PcNewMiniport(PMINIPORT *OutMiniport, REFCLSID ClassId)
{
    (void)ClassId;
    if (OutMiniport)
        *OutMiniport = NULL;
    model_not_modelled("PcNewMiniport (PortCls's built-in miniports)");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcRegisterSubdevice(PDEVICE_OBJECT DeviceObject, PWSTR Name, PUNKNOWN Unknown)
{
    struct pc_object *port = uf_pc_object_of(Unknown);
    struct pc_device *d;
    struct pc_subdevice *s;
    size_t n;

    if ((d = uf_pc_device_of(DeviceObject, NULL)) == NULL || Name == NULL || port == NULL ||
        port->kind == PC_RESOURCE_LIST) {
        model_not_modelled("PcRegisterSubdevice");
        return STATUS_INVALID_PARAMETER;
    }
    if (!uf_pc_alive(port, "PcRegisterSubdevice"))
        return STATUS_INVALID_PARAMETER;
    if (!port->initialized || uf_pc_find_subdevice(d, port) >= 0)
        return STATUS_INVALID_PARAMETER;
    if (d->nsub == PC_MAX_SUBDEVICES || d->nsub >= d->max_objects ||
        !model_port_allocate(SITE_PORTCLS_SUBDEVICE))
        return STATUS_INSUFFICIENT_RESOURCES;
    s = &d->sub[d->nsub++];
    s->port = port;
    for (n = 0; n + 1 < sizeof s->name / sizeof s->name[0] && Name[n]; n++)
        s->name[n] = Name[n];
    s->name[n] = 0;
    port->refs++; /* the registration's reference [R8] */
    port->registered = 1;
    return STATUS_SUCCESS;
}

NTSTATUS PcRegisterPhysicalConnection(PDEVICE_OBJECT DeviceObject, PUNKNOWN FromUnknown,
                                      ULONG FromPin, PUNKNOWN ToUnknown, ULONG ToPin)
{
    struct pc_object *from = uf_pc_object_of(FromUnknown), *to = uf_pc_object_of(ToUnknown);
    struct pc_device *d;
    struct pc_connection *c;

    if ((d = uf_pc_device_of(DeviceObject, NULL)) == NULL || from == NULL || to == NULL) {
        model_not_modelled("PcRegisterPhysicalConnection");
        return STATUS_INVALID_PARAMETER;
    }
    if (!uf_pc_alive(from, "PcRegisterPhysicalConnection") || !uf_pc_alive(to, "PcRegisterPhysicalConnection"))
        return STATUS_INVALID_PARAMETER;
    if (!from->initialized || !to->initialized)
        return STATUS_INVALID_PARAMETER;
    if (d->nconn == PC_MAX_CONNECTIONS || !model_port_allocate(SITE_PORTCLS_CONNECTION))
        return STATUS_INSUFFICIENT_RESOURCES;
    c = &d->conn[d->nconn++];
    c->from = from;
    c->to = to;
    c->from_pin = FromPin;
    c->to_pin = ToPin;
    return STATUS_SUCCESS;
}

NTSTATUS PcRegisterAdapterPowerManagement(PUNKNOWN Unknown, PVOID pvContext1)
{
    struct pc_device *d = uf_pc_device_of((PDEVICE_OBJECT)pvContext1, NULL);
    PUNKNOWN pm = NULL;
    NTSTATUS st;

    if (Unknown == NULL || d == NULL) {
        model_not_modelled("PcRegisterAdapterPowerManagement");
        return STATUS_INVALID_PARAMETER;
    }
    if (d->power != NULL)
        return STATUS_INVALID_PARAMETER; /* one registration per device */
    uf_port_trace_call(PORT_CALL_PORTCLS_POWER_QUERY);
    st = Unknown->lpVtbl->QueryInterface(Unknown, &IID_IAdapterPowerManagement, (PVOID *)&pm);
    if (!NT_SUCCESS(st) || pm == NULL)
        return NT_SUCCESS(st) ? STATUS_INVALID_PARAMETER : st;
    d->power = pm;
    return STATUS_SUCCESS;
}

NTSTATUS PcUnregisterAdapterPowerManagement(PDEVICE_OBJECT DeviceObject)
{
    struct pc_device *d = uf_pc_device_of(DeviceObject, NULL);
    PUNKNOWN pm;

    if (d == NULL) {
        model_not_modelled("PcUnregisterAdapterPowerManagement");
        return STATUS_INVALID_PARAMETER;
    }
    if ((pm = d->power) == NULL)
        return STATUS_SUCCESS;
    d->power = NULL;
    uf_port_trace_call(PORT_CALL_PORTCLS_POWER_RELEASE);
    pm->lpVtbl->Release(pm);
    return STATUS_SUCCESS;
}
