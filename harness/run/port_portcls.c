/*
 * port_portcls.c - PortCls as it calls an audio adapter (port_internal.h):
 * the routines of portcls.h, the port flavour that sends an adapter's FDO
 * its PnP IRPs, and the COM objects PortCls makes (ports, resource lists,
 * the unregistration interfaces), whose references it counts.
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
 * Every object PortCls makes starts with one reference, its creator's;
 * PortCls holds its own while a port is registered as a subdevice [R8].
 * An object whose last reference went is kept, so that a Release or a
 * call past it is reported (portcls-release-past-zero) rather than
 * reaching freed memory; objects still referenced when the image unloads
 * are reported (portcls-interface-leak) [R9]. The calls PortCls makes into
 * the driver's own objects (the miniport's QueryInterface, Init,
 * GetDescription and Release, the adapter's power management) are the
 * driver's to count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "port_internal.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "initguid.h"
#include "portcls.h"

#define P uf__port

#define PC_MAX_OBJECTS 64    /* per run; more fail as an allocation would */
#define PC_MAX_SUBDEVICES 16 /* per device */
#define PC_MAX_CONNECTIONS 32

/* One interface of a PortCls object: its table first, as both languages
 * expect, then the object it belongs to. */
struct pc_iface {
    const void *vtbl;
    struct pc_object *o;
};

enum pc_kind { PC_PORT_WAVERT, PC_PORT_TOPOLOGY, PC_RESOURCE_LIST };

struct pc_object {
    struct pc_iface main; /* IPort (and its kind's), or IResourceList */
    struct pc_iface unregister_subdevice;
    struct pc_iface unregister_connection;
    struct pc_iface events;           /* IPortEvents */
    struct pc_iface stream_resources; /* IPortClsStreamResourceManager2 (WaveRT) */
    enum pc_kind kind;
    LONG refs;          /* 0: released, kept to catch what follows */
    LONG miniport_refs; /* of refs, those the miniport took on its port in its Init */
    uint8_t initialized; /* IPort::Init succeeded */
    uint8_t registered;  /* a subdevice of a device (PcRegisterSubdevice) */
    PUNKNOWN miniport;   /* the port's miniport interface, held from Init */
    const char *file;    /* where the driver made it */
    int line;
};

struct pc_subdevice {
    struct pc_object *port;
    WCHAR name[40];
};

struct pc_connection {
    struct pc_object *from, *to;
    ULONG from_pin, to_pin;
};

struct pc_device {
    uint8_t added;      /* PcAddAdapterDevice made the FDO; until IRP_MN_REMOVE_DEVICE */
    uint8_t pc_started; /* PcDispatchIrp saw the start succeed */
    PCPFNSTARTDEVICE start;
    ULONG max_objects;
    void *extension; /* the FDO's device extension (heap, so that a use after the removal shows) */
    struct pc_subdevice sub[PC_MAX_SUBDEVICES];
    uint32_t nsub;
    struct pc_connection conn[PC_MAX_CONNECTIONS];
    uint32_t nconn;
    PUNKNOWN power; /* PcRegisterAdapterPowerManagement's IAdapterPowerManagement */
};

/* A PnP IRP of the port's own: the dispatch routine's stack location and
 * the one below it. */
struct pc_irp {
    IRP irp;
    IO_STACK_LOCATION stack[2]; /* [1] the driver's (current), [0] the lower driver's */
};

static struct {
    uint8_t initialized;          /* PcInitializeAdapterDriver succeeded */
    PDRIVER_UNLOAD port_unload;   /* PortCls's own, until it ran */
    struct pc_device dev[PROG_MAX_ADAPTERS];
    struct pc_object obj[PC_MAX_OBJECTS];
    uint32_t nobj;
    struct pc_irp irp;            /* the IRP of the PnP call being made */
    uint8_t in_dispatch;          /* PcDispatchIrp handled the IRP being sent */
} C;

void uf_port_portcls_reset(void)
{
    uint32_t a;

    for (a = 0; a < PROG_MAX_ADAPTERS; a++)
        free(C.dev[a].extension);
    memset(&C, 0, sizeof C);
}

/* ---- the objects ---- */

static const char *kind_name(enum pc_kind k)
{
    switch (k) {
    case PC_PORT_WAVERT:
        return "WaveRT port";
    case PC_PORT_TOPOLOGY:
        return "topology port";
    case PC_RESOURCE_LIST:
        return "resource list";
    }
    return "object";
}

static const char *site_file(const char *file)
{
    return file ? file : "PortCls";
}

/* The object behind an interface pointer of PortCls's, or NULL. */
static struct pc_object *object_of(const void *iface)
{
    uint32_t i;

    for (i = 0; i < C.nobj; i++) {
        struct pc_object *o = &C.obj[i];
        if (iface == &o->main || iface == &o->unregister_subdevice ||
            iface == &o->unregister_connection || iface == &o->events ||
            iface == &o->stream_resources)
            return o;
    }
    return NULL;
}

/* Whether a call may use o: a call on an object whose last reference
 * went is a use after free [R9]. */
static int alive(struct pc_object *o, const char *method)
{
    char detail[200];

    if (o->refs > 0)
        return 1;
    snprintf(detail, sizeof detail,
             "%s on the %s made at %s:%d after its last reference was released (a use after free)",
             method, kind_name(o->kind), site_file(o->file), o->line);
    model_port_violation(RULE_PORTCLS_RELEASE_PAST_ZERO, detail, 0);
    return 0;
}

static ULONG obj_add_ref(struct pc_object *o)
{
    if (!alive(o, "AddRef"))
        return 0;
    return (ULONG)++o->refs;
}

/* A port lets go of its miniport (a call into the driver's object). */
static void release_miniport(struct pc_object *o)
{
    PUNKNOWN mp = o->miniport;

    o->miniport = NULL;
    if (mp != NULL && !model_halted()) {
        uf_port_trace_call(PORT_CALL_PORTCLS_MINIPORT_RELEASE);
        mp->lpVtbl->Release(mp);
    }
}

/* Drops a reference; the last one destroys the object, letting go of the
 * miniport a port still holds. A port no subdevice registers whose only
 * references left are those its miniport took lets go of its miniport too
 * (which then releases them): nothing else could ever reach it [R8]. */
static ULONG obj_release(struct pc_object *o)
{
    if (!alive(o, "Release"))
        return 0;
    if (--o->refs > 0) {
        if (o->miniport != NULL && !o->registered && o->refs <= o->miniport_refs) {
            release_miniport(o);
            return o->refs > 0 ? (ULONG)o->refs : 0;
        }
        return (ULONG)o->refs;
    }
    release_miniport(o);
    return 0;
}

static const IPortVtbl port_vtbl;
static const IResourceListVtbl resource_list_vtbl;
static const IUnregisterSubdeviceVtbl unregister_subdevice_vtbl;
static const IUnregisterPhysicalConnectionVtbl unregister_connection_vtbl;
static const IPortEventsVtbl events_vtbl;
static const IPortClsStreamResourceManager2Vtbl stream_resources_vtbl;

/* A new object with its creator's reference, or NULL when the allocation
 * fails (the fault plan's site `site`). */
static struct pc_object *obj_new(enum pc_kind kind, enum model_site site)
{
    struct pc_object *o;

    if (C.nobj == PC_MAX_OBJECTS || !model_port_allocate(site))
        return NULL;
    o = &C.obj[C.nobj++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->refs = 1;
    o->main.o = o;
    o->main.vtbl = kind == PC_RESOURCE_LIST ? (const void *)&resource_list_vtbl
                                            : (const void *)&port_vtbl;
    o->unregister_subdevice.vtbl = &unregister_subdevice_vtbl;
    o->unregister_subdevice.o = o;
    o->unregister_connection.vtbl = &unregister_connection_vtbl;
    o->unregister_connection.o = o;
    o->events.vtbl = &events_vtbl;
    o->events.o = o;
    o->stream_resources.vtbl = &stream_resources_vtbl;
    o->stream_resources.o = o;
    model_port_call_site(&o->file, &o->line);
    return o;
}

static struct pc_object *self(const void *This)
{
    return ((const struct pc_iface *)This)->o;
}

/* QueryInterface of every PortCls object: a port answers for itself, its
 * kind's interface, the two unregistration interfaces and IPortEvents, and
 * a WaveRT port for its stream resource manager [R7]. */
static NTSTATUS obj_query(struct pc_object *o, REFIID riid, PVOID *out)
{
    const struct pc_iface *i = NULL;

    if (out == NULL)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    if (!alive(o, "QueryInterface"))
        return STATUS_INVALID_PARAMETER;
    if (IsEqualGUID(riid, &IID_IUnknown))
        i = &o->main;
    else if (o->kind == PC_RESOURCE_LIST)
        i = IsEqualGUID(riid, &IID_IResourceList) ? &o->main : NULL;
    else if (IsEqualGUID(riid, &IID_IPort) ||
             IsEqualGUID(riid, o->kind == PC_PORT_WAVERT ? &IID_IPortWaveRT : &IID_IPortTopology))
        i = &o->main;
    else if (IsEqualGUID(riid, &IID_IUnregisterSubdevice))
        i = &o->unregister_subdevice;
    else if (IsEqualGUID(riid, &IID_IUnregisterPhysicalConnection))
        i = &o->unregister_connection;
    else if (IsEqualGUID(riid, &IID_IPortEvents))
        i = &o->events;
    else if (o->kind == PC_PORT_WAVERT && (IsEqualGUID(riid, &IID_IPortClsStreamResourceManager) ||
                                           IsEqualGUID(riid, &IID_IPortClsStreamResourceManager2)))
        i = &o->stream_resources;
    if (i == NULL)
        return STATUS_INVALID_PARAMETER;
    o->refs++;
    *out = (PVOID)i;
    return STATUS_SUCCESS;
}

static NTSTATUS iface_query(IUnknown *This, REFIID riid, PVOID *out)
{
    return obj_query(self(This), riid, out);
}

static ULONG iface_add_ref(IUnknown *This)
{
    return obj_add_ref(self(This));
}

static ULONG iface_release(IUnknown *This)
{
    return obj_release(self(This));
}

/* ---- the devices ---- */

/* Adapter a's device when DeviceObject is an FDO PcAddAdapterDevice made. */
static struct pc_device *device_of(PDEVICE_OBJECT DeviceObject, uint32_t *ap)
{
    uint32_t a;

    if (!uf_port_device_index(DeviceObject, &a) || !C.dev[a].added)
        return NULL;
    if (ap)
        *ap = a;
    return &C.dev[a];
}

static int find_subdevice(struct pc_device *d, const struct pc_object *port)
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
static void drop_subdevice(struct pc_device *d, uint32_t i)
{
    struct pc_object *port = d->sub[i].port;

    d->sub[i] = d->sub[--d->nsub];
    port->registered = 0;
    release_miniport(port);
    if (!model_halted())
        obj_release(port);
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
        drop_subdevice(d, d->nsub - 1);
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

/* ---- IPort ---- */

static NTSTATUS port_init(IPort *This, PDEVICE_OBJECT DeviceObject, PIRP Irp,
                          PUNKNOWN UnknownMiniport, PUNKNOWN UnknownAdapter,
                          PRESOURCELIST ResourceList)
{
    struct pc_object *o = self(This);
    const GUID *iid = o->kind == PC_PORT_WAVERT ? &IID_IMiniportWaveRT : &IID_IMiniportTopology;
    PUNKNOWN mp = NULL;
    PPCFILTER_DESCRIPTOR desc = NULL;
    LONG before;
    NTSTATUS st;

    (void)Irp;
    if (!alive(o, "IPort::Init"))
        return STATUS_INVALID_PARAMETER;
    if (o->initialized || UnknownMiniport == NULL || device_of(DeviceObject, NULL) == NULL)
        return STATUS_INVALID_PARAMETER;
    /* the miniport's interface of this kind of port, held from here on */
    uf_port_trace_call(PORT_CALL_PORTCLS_MINIPORT_QUERY);
    st = UnknownMiniport->lpVtbl->QueryInterface(UnknownMiniport, iid, (PVOID *)&mp);
    if (model_halted())
        return STATUS_UNSUCCESSFUL;
    if (!NT_SUCCESS(st) || mp == NULL)
        return STATUS_INVALID_PARAMETER;
    uf_port_trace_call(PORT_CALL_PORTCLS_MINIPORT_INIT);
    before = o->refs;
    if (o->kind == PC_PORT_WAVERT)
        st = ((IMiniportWaveRT *)mp)->lpVtbl->Init((IMiniportWaveRT *)mp, UnknownAdapter,
                                                   ResourceList, (PPORTWAVERT)This);
    else
        st = ((IMiniportTopology *)mp)->lpVtbl->Init((IMiniportTopology *)mp, UnknownAdapter,
                                                     ResourceList, (PPORTTOPOLOGY)This);
    if (NT_SUCCESS(st) && !model_halted()) {
        uf_port_trace_call(PORT_CALL_PORTCLS_MINIPORT_DESCRIPTION);
        st = ((IMiniport *)mp)->lpVtbl->GetDescription((IMiniport *)mp, &desc);
    }
    /* the port's own description of the filter, built from the miniport's */
    if (NT_SUCCESS(st) && !model_halted() && !model_port_allocate(SITE_PORTCLS_PORT_INIT))
        st = STATUS_INSUFFICIENT_RESOURCES;
    if (model_halted())
        return STATUS_UNSUCCESSFUL;
    if (!NT_SUCCESS(st)) {
        uf_port_trace_call(PORT_CALL_PORTCLS_MINIPORT_RELEASE);
        mp->lpVtbl->Release(mp);
        return st;
    }
    o->miniport = mp;
    o->miniport_refs = o->refs > before ? o->refs - before : 0;
    o->initialized = 1;
    return STATUS_SUCCESS;
}

static NTSTATUS port_get_device_property(IPort *This, DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                         ULONG BufferLength, PVOID PropertyBuffer,
                                         PULONG ResultLength)
{
    (void)DeviceProperty;
    (void)BufferLength;
    (void)PropertyBuffer;
    if (ResultLength)
        *ResultLength = 0;
    if (alive(self(This), "IPort::GetDeviceProperty"))
        model_not_modelled("IPort::GetDeviceProperty");
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS port_new_registry_key(IPort *This, PVOID *OutRegistryKey, PUNKNOWN OuterUnknown,
                                      ULONG RegistryKeyType, ACCESS_MASK DesiredAccess,
                                      PVOID ObjectAttributes, ULONG CreateOptions,
                                      PULONG Disposition)
{
    (void)OuterUnknown;
    (void)RegistryKeyType;
    (void)DesiredAccess;
    (void)ObjectAttributes;
    (void)CreateOptions;
    (void)Disposition;
    if (OutRegistryKey)
        *OutRegistryKey = NULL;
    if (alive(self(This), "IPort::NewRegistryKey"))
        model_not_modelled("IPort::NewRegistryKey");
    return STATUS_NOT_IMPLEMENTED;
}

static const IPortVtbl port_vtbl = {
    .QueryInterface = (NTSTATUS(*)(IPort *, REFIID, PVOID *))iface_query,
    .AddRef = (ULONG(*)(IPort *))iface_add_ref,
    .Release = (ULONG(*)(IPort *))iface_release,
    .Init = port_init,
    .GetDeviceProperty = port_get_device_property,
    .NewRegistryKey = port_new_registry_key,
};

/* ---- IResourceList: a virtual device's, with no resources [R5] ---- */

static ULONG rl_count(IResourceList *This)
{
    alive(self(This), "IResourceList::NumberOfEntries");
    return 0;
}

static ULONG rl_count_of_type(IResourceList *This, CM_RESOURCE_TYPE Type)
{
    (void)Type;
    alive(self(This), "IResourceList::NumberOfEntriesOfType");
    return 0;
}

static PCM_PARTIAL_RESOURCE_DESCRIPTOR rl_find(IResourceList *This, CM_RESOURCE_TYPE Type,
                                               ULONG Index)
{
    (void)Type;
    (void)Index;
    alive(self(This), "IResourceList::FindTranslatedEntry");
    return NULL;
}

static NTSTATUS rl_add(IResourceList *This, PCM_PARTIAL_RESOURCE_DESCRIPTOR Translated,
                       PCM_PARTIAL_RESOURCE_DESCRIPTOR Untranslated)
{
    (void)Translated;
    (void)Untranslated;
    if (alive(self(This), "IResourceList::AddEntry"))
        model_not_modelled("IResourceList::AddEntry");
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS rl_add_from_parent(IResourceList *This, IResourceList *Parent,
                                   CM_RESOURCE_TYPE Type, ULONG Index)
{
    (void)Parent;
    (void)Type;
    (void)Index;
    if (alive(self(This), "IResourceList::AddEntryFromParent"))
        model_not_modelled("IResourceList::AddEntryFromParent");
    return STATUS_NOT_IMPLEMENTED;
}

static PCM_RESOURCE_LIST rl_list(IResourceList *This)
{
    alive(self(This), "IResourceList::TranslatedList");
    return NULL;
}

static const IResourceListVtbl resource_list_vtbl = {
    .QueryInterface = (NTSTATUS(*)(IResourceList *, REFIID, PVOID *))iface_query,
    .AddRef = (ULONG(*)(IResourceList *))iface_add_ref,
    .Release = (ULONG(*)(IResourceList *))iface_release,
    .NumberOfEntries = rl_count,
    .NumberOfEntriesOfType = rl_count_of_type,
    .FindTranslatedEntry = rl_find,
    .FindUntranslatedEntry = rl_find,
    .AddEntry = rl_add,
    .AddEntryFromParent = rl_add_from_parent,
    .TranslatedList = rl_list,
    .UntranslatedList = rl_list,
};

/* ---- IUnregisterSubdevice, IUnregisterPhysicalConnection [R8] ---- */

static NTSTATUS unregister_subdevice(IUnregisterSubdevice *This, PDEVICE_OBJECT DeviceObject,
                                     PUNKNOWN Unknown)
{
    struct pc_device *d;
    struct pc_object *port = object_of(Unknown);
    int i;

    if (!alive(self(This), "IUnregisterSubdevice::UnregisterSubdevice"))
        return STATUS_INVALID_PARAMETER;
    if ((d = device_of(DeviceObject, NULL)) == NULL || port == NULL ||
        (i = find_subdevice(d, port)) < 0)
        return STATUS_INVALID_PARAMETER;
    drop_subdevice(d, (uint32_t)i);
    return STATUS_SUCCESS;
}

static const IUnregisterSubdeviceVtbl unregister_subdevice_vtbl = {
    .QueryInterface = (NTSTATUS(*)(IUnregisterSubdevice *, REFIID, PVOID *))iface_query,
    .AddRef = (ULONG(*)(IUnregisterSubdevice *))iface_add_ref,
    .Release = (ULONG(*)(IUnregisterSubdevice *))iface_release,
    .UnregisterSubdevice = unregister_subdevice,
};

static NTSTATUS unregister_connection(IUnregisterPhysicalConnection *This,
                                      PDEVICE_OBJECT DeviceObject, PUNKNOWN FromUnknown,
                                      ULONG FromPin, PUNKNOWN ToUnknown, ULONG ToPin)
{
    struct pc_object *from = object_of(FromUnknown), *to = object_of(ToUnknown);
    struct pc_device *d;
    uint32_t i;

    if (!alive(self(This), "IUnregisterPhysicalConnection::UnregisterPhysicalConnection"))
        return STATUS_INVALID_PARAMETER;
    if ((d = device_of(DeviceObject, NULL)) == NULL)
        return STATUS_INVALID_PARAMETER;
    for (i = 0; i < d->nconn; i++) {
        struct pc_connection *c = &d->conn[i];
        if (c->from == from && c->to == to && c->from_pin == FromPin && c->to_pin == ToPin) {
            *c = d->conn[--d->nconn];
            return STATUS_SUCCESS;
        }
    }
    return STATUS_INVALID_PARAMETER;
}

static NTSTATUS unregister_external(IUnregisterPhysicalConnection *This,
                                    PDEVICE_OBJECT DeviceObject, PVOID A, ULONG APin, PVOID B,
                                    ULONG BPin)
{
    (void)DeviceObject;
    (void)A;
    (void)APin;
    (void)B;
    (void)BPin;
    if (alive(self(This), "IUnregisterPhysicalConnection"))
        model_not_modelled("IUnregisterPhysicalConnection (external connections)");
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS unregister_to_external(IUnregisterPhysicalConnection *This,
                                       PDEVICE_OBJECT DeviceObject, PUNKNOWN FromUnknown,
                                       ULONG FromPin, PUNICODE_STRING ToString, ULONG ToPin)
{
    return unregister_external(This, DeviceObject, FromUnknown, FromPin, ToString, ToPin);
}

static NTSTATUS unregister_from_external(IUnregisterPhysicalConnection *This,
                                         PDEVICE_OBJECT DeviceObject, PUNICODE_STRING FromString,
                                         ULONG FromPin, PUNKNOWN ToUnknown, ULONG ToPin)
{
    return unregister_external(This, DeviceObject, FromString, FromPin, ToUnknown, ToPin);
}

static const IUnregisterPhysicalConnectionVtbl unregister_connection_vtbl = {
    .QueryInterface = (NTSTATUS(*)(IUnregisterPhysicalConnection *, REFIID, PVOID *))iface_query,
    .AddRef = (ULONG(*)(IUnregisterPhysicalConnection *))iface_add_ref,
    .Release = (ULONG(*)(IUnregisterPhysicalConnection *))iface_release,
    .UnregisterPhysicalConnection = unregister_connection,
    .UnregisterPhysicalConnectionToExternal = unregister_to_external,
    .UnregisterPhysicalConnectionFromExternal = unregister_from_external,
};

/* ---- IPortEvents, IPortClsStreamResourceManager2: no client ever
 * enables an event or opens a stream here, so each call succeeds and
 * changes nothing [R7] ---- */

static void events_add(IPortEvents *This, PKSEVENT_ENTRY EventEntry)
{
    (void)EventEntry;
    alive(self(This), "IPortEvents::AddEventToEventList");
}

static void events_generate(IPortEvents *This, GUID *Set, ULONG EventId, BOOL PinEvent,
                            ULONG PinId, BOOL NodeEvent, ULONG NodeId)
{
    (void)Set;
    (void)EventId;
    (void)PinEvent;
    (void)PinId;
    (void)NodeEvent;
    (void)NodeId;
    alive(self(This), "IPortEvents::GenerateEventList");
}

static const IPortEventsVtbl events_vtbl = {
    .QueryInterface = (NTSTATUS(*)(IPortEvents *, REFIID, PVOID *))iface_query,
    .AddRef = (ULONG(*)(IPortEvents *))iface_add_ref,
    .Release = (ULONG(*)(IPortEvents *))iface_release,
    .AddEventToEventList = events_add,
    .GenerateEventList = events_generate,
};

static NTSTATUS resources_add2(IPortClsStreamResourceManager2 *This, PDEVICE_OBJECT Pdo,
                               PVOID ResourceSet, PPCSTREAMRESOURCE_DESCRIPTOR Descriptor,
                               PCSTREAMRESOURCE *Handle)
{
    (void)Pdo;
    (void)ResourceSet;
    if (Handle == NULL || Descriptor == NULL)
        return STATUS_INVALID_PARAMETER;
    *Handle = NULL;
    if (!alive(self(This), "IPortClsStreamResourceManager::AddStreamResource"))
        return STATUS_INVALID_PARAMETER;
    *Handle = (PCSTREAMRESOURCE)Descriptor; /* a token the driver hands back */
    return STATUS_SUCCESS;
}

static NTSTATUS resources_add(IPortClsStreamResourceManager2 *This, PVOID ResourceSet,
                              PPCSTREAMRESOURCE_DESCRIPTOR Descriptor, PCSTREAMRESOURCE *Handle)
{
    return resources_add2(This, NULL, ResourceSet, Descriptor, Handle);
}

static NTSTATUS resources_remove(IPortClsStreamResourceManager2 *This, PCSTREAMRESOURCE Handle)
{
    (void)Handle;
    if (!alive(self(This), "IPortClsStreamResourceManager::RemoveStreamResource"))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

static const IPortClsStreamResourceManager2Vtbl stream_resources_vtbl = {
    .QueryInterface = (NTSTATUS(*)(IPortClsStreamResourceManager2 *, REFIID, PVOID *))iface_query,
    .AddRef = (ULONG(*)(IPortClsStreamResourceManager2 *))iface_add_ref,
    .Release = (ULONG(*)(IPortClsStreamResourceManager2 *))iface_release,
    .AddStreamResource = resources_add,
    .RemoveStreamResource = resources_remove,
    .AddStreamResource2 = resources_add2,
};

/* ---- the flavour ---- */

/* Sends adapter a's FDO a PnP IRP of minor function `minor` through the
 * driver's IRP_MJ_PNP dispatch, as the PnP manager does. Returns the
 * dispatch routine's status. */
static NTSTATUS send_pnp(uint32_t a, UCHAR minor, uint32_t what)
{
    struct pc_irp *i = &C.irp;
    PDRIVER_DISPATCH dispatch = P.driver_object.MajorFunction[IRP_MJ_PNP];
    NTSTATUS st;

    if (dispatch == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    memset(i, 0, sizeof *i);
    i->irp.Type = 6; /* IO_TYPE_IRP of the real headers */
    i->irp.Size = (USHORT)sizeof i->irp;
    i->irp.StackCount = 2;
    i->irp.CurrentLocation = 2;
    i->irp.IoStatus.Status = STATUS_NOT_SUPPORTED; /* PnP's initial status */
    i->irp.Tail.Overlay.CurrentStackLocation = &i->stack[1];
    i->stack[1].MajorFunction = IRP_MJ_PNP;
    i->stack[1].MinorFunction = minor;
    i->stack[1].DeviceObject = &P.dev[a].fdo;
    uf_port_enter_driver(what | a << 16, PASSIVE_LEVEL);
    st = dispatch(&P.dev[a].fdo, &i->irp);
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
                 kind_name(o->kind), site_file(o->file), o->line, (int)o->refs,
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
    if ((list = obj_new(PC_RESOURCE_LIST, SITE_PORTCLS_RESOURCE_LIST)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    uf_port_trace_call(PORT_CALL_PORTCLS_START_DEVICE | a << 16);
    st = d->start(&P.dev[a].fdo, Irp, (PRESOURCELIST)&list->main);
    if (model_halted())
        return st;
    obj_release(list); /* PortCls's reference; the driver keeps what it took */
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

    if (Irp == NULL || (d = device_of(DeviceObject, &a)) == NULL) {
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
    if (device_of(DeviceObject, &a) == NULL) {
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
    if ((o = obj_new(kind, SITE_PORTCLS_PORT)) == NULL)
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
    struct pc_object *port = object_of(Unknown);
    struct pc_device *d;
    struct pc_subdevice *s;
    size_t n;

    if ((d = device_of(DeviceObject, NULL)) == NULL || Name == NULL || port == NULL ||
        port->kind == PC_RESOURCE_LIST) {
        model_not_modelled("PcRegisterSubdevice");
        return STATUS_INVALID_PARAMETER;
    }
    if (!alive(port, "PcRegisterSubdevice"))
        return STATUS_INVALID_PARAMETER;
    if (!port->initialized || find_subdevice(d, port) >= 0)
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
    struct pc_object *from = object_of(FromUnknown), *to = object_of(ToUnknown);
    struct pc_device *d;
    struct pc_connection *c;

    if ((d = device_of(DeviceObject, NULL)) == NULL || from == NULL || to == NULL) {
        model_not_modelled("PcRegisterPhysicalConnection");
        return STATUS_INVALID_PARAMETER;
    }
    if (!alive(from, "PcRegisterPhysicalConnection") || !alive(to, "PcRegisterPhysicalConnection"))
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
    struct pc_device *d = device_of((PDEVICE_OBJECT)pvContext1, NULL);
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
    struct pc_device *d = device_of(DeviceObject, NULL);
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
