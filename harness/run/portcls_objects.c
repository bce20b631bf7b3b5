/*
 * portcls_objects.c - the COM objects PortCls makes for an adapter
 * (portcls_internal.h): ports (IPort, IPortWaveRT, IPortTopology),
 * resource lists, and the interfaces a port answers for besides itself
 * (IUnregisterSubdevice, IUnregisterPhysicalConnection, IPortEvents, a
 * WaveRT port's stream resource manager), each a table of C functions
 * with the layout C++ drivers expect (uf/com.h).
 *
 * Every object starts with one reference, its creator's; PortCls holds its
 * own while a port is registered as a subdevice [R8]. An object whose last
 * reference went is kept, so that a Release or a call past it is reported
 * (portcls-release-past-zero) rather than reaching freed memory [R9]. The
 * calls an object makes into the driver's own (a port's miniport:
 * QueryInterface, Init, GetDescription, Release) are the driver's to count.
 */
#include <stdio.h>
#include <string.h>

#include "portcls_internal.h"

#define C uf__portcls

/* ---- the objects ---- */

const char *uf_pc_kind_name(enum pc_kind k)
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

const char *uf_pc_site_file(const char *file)
{
    return file ? file : "PortCls";
}

/* The object behind an interface pointer of PortCls's, or NULL. */
struct pc_object *uf_pc_object_of(const void *iface)
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
int uf_pc_alive(struct pc_object *o, const char *method)
{
    char detail[200];

    if (o->refs > 0)
        return 1;
    snprintf(detail, sizeof detail,
             "%s on the %s made at %s:%d after its last reference was released (a use after free)",
             method, uf_pc_kind_name(o->kind), uf_pc_site_file(o->file), o->line);
    model_port_violation(RULE_PORTCLS_RELEASE_PAST_ZERO, detail, 0);
    return 0;
}

static ULONG obj_add_ref(struct pc_object *o)
{
    if (!uf_pc_alive(o, "AddRef"))
        return 0;
    return (ULONG)++o->refs;
}

/* A port lets go of its miniport (a call into the driver's object). */
void uf_pc_release_miniport(struct pc_object *o)
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
ULONG uf_pc_release(struct pc_object *o)
{
    if (!uf_pc_alive(o, "Release"))
        return 0;
    if (--o->refs > 0) {
        if (o->miniport != NULL && !o->registered && o->refs <= o->miniport_refs) {
            uf_pc_release_miniport(o);
            return o->refs > 0 ? (ULONG)o->refs : 0;
        }
        return (ULONG)o->refs;
    }
    uf_pc_release_miniport(o);
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
struct pc_object *uf_pc_new(enum pc_kind kind, enum model_site site)
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
    if (!uf_pc_alive(o, "QueryInterface"))
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
    return uf_pc_release(self(This));
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
    if (!uf_pc_alive(o, "IPort::Init"))
        return STATUS_INVALID_PARAMETER;
    if (o->initialized || UnknownMiniport == NULL || uf_pc_device_of(DeviceObject, NULL) == NULL)
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
    if (uf_pc_alive(self(This), "IPort::GetDeviceProperty"))
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
    if (uf_pc_alive(self(This), "IPort::NewRegistryKey"))
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
    uf_pc_alive(self(This), "IResourceList::NumberOfEntries");
    return 0;
}

static ULONG rl_count_of_type(IResourceList *This, CM_RESOURCE_TYPE Type)
{
    (void)Type;
    uf_pc_alive(self(This), "IResourceList::NumberOfEntriesOfType");
    return 0;
}

static PCM_PARTIAL_RESOURCE_DESCRIPTOR rl_find(IResourceList *This, CM_RESOURCE_TYPE Type,
                                               ULONG Index)
{
    (void)Type;
    (void)Index;
    uf_pc_alive(self(This), "IResourceList::FindTranslatedEntry");
    return NULL;
}

static NTSTATUS rl_add(IResourceList *This, PCM_PARTIAL_RESOURCE_DESCRIPTOR Translated,
                       PCM_PARTIAL_RESOURCE_DESCRIPTOR Untranslated)
{
    (void)Translated;
    (void)Untranslated;
    if (uf_pc_alive(self(This), "IResourceList::AddEntry"))
        model_not_modelled("IResourceList::AddEntry");
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS rl_add_from_parent(IResourceList *This, IResourceList *Parent,
                                   CM_RESOURCE_TYPE Type, ULONG Index)
{
    (void)Parent;
    (void)Type;
    (void)Index;
    if (uf_pc_alive(self(This), "IResourceList::AddEntryFromParent"))
        model_not_modelled("IResourceList::AddEntryFromParent");
    return STATUS_NOT_IMPLEMENTED;
}

static PCM_RESOURCE_LIST rl_list(IResourceList *This)
{
    uf_pc_alive(self(This), "IResourceList::TranslatedList");
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
    struct pc_object *port = uf_pc_object_of(Unknown);
    int i;

    if (!uf_pc_alive(self(This), "IUnregisterSubdevice::UnregisterSubdevice"))
        return STATUS_INVALID_PARAMETER;
    if ((d = uf_pc_device_of(DeviceObject, NULL)) == NULL || port == NULL ||
        (i = uf_pc_find_subdevice(d, port)) < 0)
        return STATUS_INVALID_PARAMETER;
    uf_pc_drop_subdevice(d, (uint32_t)i);
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
    struct pc_object *from = uf_pc_object_of(FromUnknown), *to = uf_pc_object_of(ToUnknown);
    struct pc_device *d;
    uint32_t i;

    if (!uf_pc_alive(self(This), "IUnregisterPhysicalConnection::UnregisterPhysicalConnection"))
        return STATUS_INVALID_PARAMETER;
    if ((d = uf_pc_device_of(DeviceObject, NULL)) == NULL)
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
    if (uf_pc_alive(self(This), "IUnregisterPhysicalConnection"))
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
    uf_pc_alive(self(This), "IPortEvents::AddEventToEventList");
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
    uf_pc_alive(self(This), "IPortEvents::GenerateEventList");
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
    if (!uf_pc_alive(self(This), "IPortClsStreamResourceManager::AddStreamResource"))
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
    if (!uf_pc_alive(self(This), "IPortClsStreamResourceManager::RemoveStreamResource"))
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
