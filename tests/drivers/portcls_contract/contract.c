/*
 * contract.c - a PortCls audio adapter over KMDF for tests/test_portcls.c:
 * every routine logs its call (ContractLog) and does what the test's mode
 * bits say (ContractMode(), the test's: a driver's globals are restored
 * before every run, the test's are not). Mode 0 is a correct adapter.
 *
 * It is written as the WDK's samples are: DriverEntry creates its
 * framework driver with WdfDriverInitNoDispatchOverride, calls
 * PcInitializeAdapterDriver, puts its own IRP_MJ_PNP dispatch over
 * PortCls's and chains its unload to PortCls's (SysVAD's adapter.cpp).
 * AddDevice calls PcAddAdapterDevice; StartDevice makes an adapter object
 * (IUnknown and IAdapterPowerManagement, in C), a topology subdevice and a
 * WaveRT subdevice (PortCls's ports over miniports of its own, whose
 * vtables it fills by hand), a physical connection between them, and
 * registers the adapter's power management. The topology miniport keeps
 * an interface of its port from Init until it is destroyed, as the
 * samples' miniports keep the port's IPortEvents: a cycle only PortCls
 * can break. Removal undoes it all through IUnregisterPhysicalConnection,
 * IUnregisterSubdevice and PcUnregisterAdapterPowerManagement (the
 * Raspberry Pi audio driver's way), or, with M_NO_UNREGISTER, only
 * releases its own references (simpleaudiosample's), leaving the rest to
 * PortCls.
 *
 * The log's words: "entry@0" (the routine and its IRQL), "pc-unload"
 * (PcInitializeAdapterDriver left an unload routine), "add-kept" (and
 * kept AddDevice), "dispatch" (and filled the dispatch table), "ext" (the extension's driver slots are zero and its
 * driver part is there), "rl0" (StartDevice's resource list is there,
 * empty), "pdo" (PcGetPhysicalDeviceObject answered AddDevice's PDO), "topo-qi"/"wave-qi",
 * "-init", "-desc", "-free" (what PortCls called on a miniport, and its
 * destruction), "topo-refs=N" (the port's references after registration),
 * "topo-port=STATUS" and the like (a call that failed), "topo-is-port"
 * (the port answers IPortTopology with itself), "pm-qi" (PortCls asked the
 * adapter for IAdapterPowerManagement), "adapter-refs=N", "unreg-conn",
 * "unreg-sub" (unregistrations that succeeded), "adapter-free", "removed"
 * (PcDispatchIrp returned from IRP_MN_REMOVE_DEVICE).
 */
#include <string.h>

#include <ntddk.h>
#include <wdf.h>
#include <portcls.h>

#include "contract.h"

#define TAG 0x6C435043u /* 'CPCl' */

/* The test's; 0 (a correct adapter) in the driver's own binaries. */
__attribute__((weak)) ULONG ContractMode(VOID) { return 0; }

#define MODE(m) ((ContractMode() & (m)) != 0)

char ContractLog[CONTRACT_LOG_BYTES];

/* The pointer-sized slot of PortCls's extension where the adapter keeps
 * its object (simpleaudiosample's PortClassDeviceContext.m_pCommon). */
#define ADAPTER_SLOT 5

/* A miniport of the driver's own: IMiniportTopology or IMiniportWaveRT. */
typedef struct _CONTRACT_MINIPORT {
    IMiniport Interface;   /* first: its lpVtbl is the object's */
    LONG References;
    const char *Name;      /* "topo" or "wave", for the log */
    PUNKNOWN Port;         /* the topology miniport's hold on its port */
} CONTRACT_MINIPORT, *PCONTRACT_MINIPORT;

/* The adapter object, one per device. */
typedef struct _CONTRACT_ADAPTER {
    IUnknown Unknown;                /* first: the object's identity */
    IAdapterPowerManagement Power;   /* what PortCls asks for */
    LONG References;
    PDEVICE_OBJECT Fdo;
    PPORT Topology, Wave;            /* our references on the ports */
    BOOLEAN TopologyRegistered, WaveRegistered, Connected, PowerRegistered;
} CONTRACT_ADAPTER, *PCONTRACT_ADAPTER;

static struct {
    BOOLEAN Loaded;            /* the driver's own unload guard */
    PDRIVER_UNLOAD PortUnload; /* PortCls's, saved from DriverObject->DriverUnload */
    PDEVICE_OBJECT Pdo;        /* the last AddDevice's */
} g;

static VOID Log(const char *what)
{
    size_t n = strlen(ContractLog), m = strlen(what);

    if (n + m + 2 < sizeof ContractLog) {
        memcpy(ContractLog + n, what, m);
        ContractLog[n + m] = ' ';
        ContractLog[n + m + 1] = 0;
    }
}

static VOID LogIrql(const char *what)
{
    char buf[40];
    size_t n = strlen(what);

    memcpy(buf, what, n);
    buf[n] = '@';
    buf[n + 1] = (char)('0' + KeGetCurrentIrql());
    buf[n + 2] = 0;
    Log(buf);
}

/* "name-what=value": a status in hex, or a count in decimal. */
static VOID LogValue(const char *name, const char *what, ULONG value, BOOLEAN hex)
{
    char buf[48], digits[12];
    size_t n = 0, d = 0;

    while (*name && n < 16)
        buf[n++] = *name++;
    buf[n++] = '-';
    while (*what && n < 32)
        buf[n++] = *what++;
    buf[n++] = '=';
    do {
        ULONG r = value % (hex ? 16u : 10u);
        digits[d++] = (char)(r < 10 ? '0' + r : 'a' + r - 10);
        value /= hex ? 16u : 10u;
    } while (value != 0);
    while (d > 0)
        buf[n++] = digits[--d];
    buf[n] = 0;
    Log(buf);
}

/* How many references an object has, read as COM lets one: AddRef's
 * answer, less the one it took. */
static ULONG References(PUNKNOWN Unknown)
{
    ULONG n = Unknown->lpVtbl->AddRef(Unknown);

    Unknown->lpVtbl->Release(Unknown);
    return n - 1;
}

/* ---- the miniports ---- */

static PCONTRACT_MINIPORT MiniportOf(PVOID This)
{
    return (PCONTRACT_MINIPORT)This;
}

static ULONG MiniportAddRef(PVOID This)
{
    return (ULONG)InterlockedIncrement(&MiniportOf(This)->References);
}

/* The last release destroys the miniport, and with it its hold on the
 * port. */
static ULONG MiniportRelease(PVOID This)
{
    PCONTRACT_MINIPORT miniport = MiniportOf(This);
    LONG left = InterlockedDecrement(&miniport->References);
    char what[16];

    if (left != 0)
        return (ULONG)left;
    strcpy(what, miniport->Name);
    strcat(what, "-free");
    Log(what);
    if (miniport->Port != NULL)
        miniport->Port->lpVtbl->Release(miniport->Port);
    ExFreePoolWithTag(miniport, TAG);
    return 0;
}

static NTSTATUS MiniportQuery(PVOID This, REFIID Iid, const GUID *Own, PVOID *Out)
{
    PCONTRACT_MINIPORT miniport = MiniportOf(This);
    char what[16];

    strcpy(what, miniport->Name);
    strcat(what, "-qi");
    Log(what);
    if (IsEqualGUID(Iid, &IID_IUnknown) || IsEqualGUID(Iid, &IID_IMiniport) ||
        IsEqualGUID(Iid, Own)) {
        *Out = This;
        MiniportAddRef(This);
        return STATUS_SUCCESS;
    }
    *Out = NULL;
    return STATUS_INVALID_PARAMETER;
}

/* The filter's description: one the port does not read here. */
static ULONG FilterDescription;

static NTSTATUS MiniportGetDescription(PVOID This, PPCFILTER_DESCRIPTOR *Description)
{
    char what[16];

    strcpy(what, MiniportOf(This)->Name);
    strcat(what, "-desc");
    Log(what);
    *Description = (PPCFILTER_DESCRIPTOR)&FilterDescription;
    return STATUS_SUCCESS;
}

static NTSTATUS TopoQueryInterface(IMiniportTopology *This, REFIID Iid, PVOID *Out)
{
    return MiniportQuery(This, Iid, &IID_IMiniportTopology, Out);
}

static ULONG TopoAddRef(IMiniportTopology *This)
{
    return MiniportAddRef(This);
}

static ULONG TopoRelease(IMiniportTopology *This)
{
    return MiniportRelease(This);
}

static NTSTATUS TopoGetDescription(IMiniportTopology *This, PPCFILTER_DESCRIPTOR *Description)
{
    return MiniportGetDescription(This, Description);
}

/* The topology miniport keeps its port's interface until it is destroyed
 * (the samples' miniports keep IPortEvents so): the port holds the
 * miniport, the miniport the port. */
static NTSTATUS TopoInit(IMiniportTopology *This, PUNKNOWN UnknownAdapter,
                         PRESOURCELIST ResourceList, PPORTTOPOLOGY Port)
{
    PCONTRACT_MINIPORT miniport = MiniportOf(This);

    UNREFERENCED_PARAMETER(UnknownAdapter);
    UNREFERENCED_PARAMETER(ResourceList);
    Log("topo-init");
    if (MODE(M_NO_PORT_HOLD))
        return STATUS_SUCCESS;
    return Port->lpVtbl->QueryInterface(Port, &IID_IPortTopology, (PVOID *)&miniport->Port);
}

/* DataRangeIntersection is left out: PortCls calls it for a pin's format,
 * which no run here asks for. */
static const IMiniportTopologyVtbl TopoVtbl = {
    .QueryInterface = TopoQueryInterface,
    .AddRef = TopoAddRef,
    .Release = TopoRelease,
    .GetDescription = TopoGetDescription,
    .Init = TopoInit,
};

static NTSTATUS WaveQueryInterface(IMiniportWaveRT *This, REFIID Iid, PVOID *Out)
{
    return MiniportQuery(This, Iid, &IID_IMiniportWaveRT, Out);
}

static ULONG WaveAddRef(IMiniportWaveRT *This)
{
    return MiniportAddRef(This);
}

static ULONG WaveRelease(IMiniportWaveRT *This)
{
    return MiniportRelease(This);
}

static NTSTATUS WaveGetDescription(IMiniportWaveRT *This, PPCFILTER_DESCRIPTOR *Description)
{
    return MiniportGetDescription(This, Description);
}

static NTSTATUS WaveInit(IMiniportWaveRT *This, PUNKNOWN UnknownAdapter,
                         PRESOURCELIST ResourceList, PPORTWAVERT Port)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(UnknownAdapter);
    UNREFERENCED_PARAMETER(ResourceList);
    UNREFERENCED_PARAMETER(Port);
    Log("wave-init");
    return STATUS_SUCCESS;
}

/* Streams are not played: NewStream, GetDeviceDescription and
 * DataRangeIntersection are left out. */
static const IMiniportWaveRTVtbl WaveVtbl = {
    .QueryInterface = WaveQueryInterface,
    .AddRef = WaveAddRef,
    .Release = WaveRelease,
    .GetDescription = WaveGetDescription,
    .Init = WaveInit,
};

/* A new miniport with its creator's reference, or NULL. */
static PCONTRACT_MINIPORT MiniportCreate(BOOLEAN Wave)
{
    PCONTRACT_MINIPORT miniport = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof *miniport, TAG);

    if (miniport == NULL)
        return NULL;
    miniport->Interface.lpVtbl =
        Wave ? (const IMiniportVtbl *)&WaveVtbl : (const IMiniportVtbl *)&TopoVtbl;
    miniport->References = 1;
    miniport->Name = Wave ? "wave" : "topo";
    return miniport;
}

/* ---- the adapter object ---- */

static PCONTRACT_ADAPTER AdapterOf(PUNKNOWN Unknown)
{
    return (PCONTRACT_ADAPTER)Unknown;
}

static PCONTRACT_ADAPTER AdapterOfPower(IAdapterPowerManagement *Power)
{
    return CONTAINING_RECORD(Power, CONTRACT_ADAPTER, Power);
}

static ULONG AdapterAddRef(PUNKNOWN This)
{
    return (ULONG)InterlockedIncrement(&AdapterOf(This)->References);
}

static ULONG AdapterRelease(PUNKNOWN This)
{
    PCONTRACT_ADAPTER adapter = AdapterOf(This);
    LONG left = InterlockedDecrement(&adapter->References);

    if (left == 0) {
        Log("adapter-free");
        ExFreePoolWithTag(adapter, TAG);
    }
    return (ULONG)left;
}

static NTSTATUS AdapterQueryInterface(PUNKNOWN This, REFIID Iid, PVOID *Out)
{
    PCONTRACT_ADAPTER adapter = AdapterOf(This);

    if (IsEqualGUID(Iid, &IID_IUnknown)) {
        *Out = &adapter->Unknown;
    } else if (IsEqualGUID(Iid, &IID_IAdapterPowerManagement)) {
        Log("pm-qi");
        *Out = &adapter->Power;
    } else {
        *Out = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    AdapterAddRef(This);
    return STATUS_SUCCESS;
}

static const IUnknownVtbl AdapterVtbl = {
    .QueryInterface = AdapterQueryInterface,
    .AddRef = AdapterAddRef,
    .Release = AdapterRelease,
};

static NTSTATUS PowerQueryInterface(IAdapterPowerManagement *This, REFIID Iid, PVOID *Out)
{
    return AdapterQueryInterface(&AdapterOfPower(This)->Unknown, Iid, Out);
}

static ULONG PowerAddRef(IAdapterPowerManagement *This)
{
    return AdapterAddRef(&AdapterOfPower(This)->Unknown);
}

static ULONG PowerRelease(IAdapterPowerManagement *This)
{
    return AdapterRelease(&AdapterOfPower(This)->Unknown);
}

static VOID PowerChangeState(IAdapterPowerManagement *This, POWER_STATE NewState)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(NewState);
    Log("power-change");
}

static NTSTATUS PowerQueryChangeState(IAdapterPowerManagement *This, POWER_STATE NewState)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(NewState);
    return STATUS_SUCCESS;
}

static NTSTATUS PowerQueryCapabilities(IAdapterPowerManagement *This,
                                       PDEVICE_CAPABILITIES Capabilities)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(Capabilities);
    return STATUS_SUCCESS;
}

static const IAdapterPowerManagementVtbl PowerVtbl = {
    .QueryInterface = PowerQueryInterface,
    .AddRef = PowerAddRef,
    .Release = PowerRelease,
    .PowerChangeState = PowerChangeState,
    .QueryPowerChangeState = PowerQueryChangeState,
    .QueryDeviceCapabilities = PowerQueryCapabilities,
};

/* ---- the subdevices ---- */

/* One subdevice: PortCls's port of ClassId over a new miniport of ours,
 * initialized and registered as Name. *Port keeps our reference on the
 * port (also when a later step failed, for the teardown to release);
 * the port holds its own on the miniport, so ours goes. */
static NTSTATUS InstallSubdevice(PDEVICE_OBJECT Fdo, PIRP Irp, PRESOURCELIST ResourceList,
                                 PCONTRACT_ADAPTER Adapter, BOOLEAN Wave, PPORT *Port,
                                 BOOLEAN *Registered)
{
    const char *name = Wave ? "wave" : "topo";
    PCONTRACT_MINIPORT miniport;
    NTSTATUS status;

    status = PcNewPort(Port, Wave ? &CLSID_PortWaveRT : &CLSID_PortTopology);
    if (!NT_SUCCESS(status)) {
        *Port = NULL;
        LogValue(name, "port", (ULONG)status, TRUE);
        return status;
    }
    miniport = MiniportCreate(Wave);
    if (miniport == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = (*Port)->lpVtbl->Init(*Port, Fdo, Irp, (PUNKNOWN)miniport, &Adapter->Unknown,
                                   ResourceList);
    if (NT_SUCCESS(status)) {
        if (miniport->References == 2) /* ours and the port's */
            Log(Wave ? "wave-held" : "topo-held");
        status = PcRegisterSubdevice(Fdo, Wave ? L"Wave" : L"Topology", (PUNKNOWN)*Port);
        if (NT_SUCCESS(status)) {
            *Registered = TRUE;
            LogValue(name, "refs", References((PUNKNOWN)*Port), FALSE);
        } else {
            LogValue(name, "reg", (ULONG)status, TRUE);
        }
    } else {
        LogValue(name, "init", (ULONG)status, TRUE);
    }
    miniport->Interface.lpVtbl->Release(&miniport->Interface);
    return status;
}

/* What a topology port answers for: itself as IPortTopology and IPort,
 * the same pointer; IPortEvents, whose calls do nothing; not IPortWaveRT,
 * nor a stream resource manager (a WaveRT port's). */
static VOID CheckPortInterfaces(PPORT Port)
{
    PVOID same = NULL, other = NULL, events = NULL;
    NTSTATUS status;

    if (NT_SUCCESS(Port->lpVtbl->QueryInterface(Port, &IID_IPortEvents, &events))) {
        ((PPORTEVENTS)events)->lpVtbl->GenerateEventList((PPORTEVENTS)events, NULL, 0, FALSE, 0,
                                                         FALSE, 0);
        ((PPORTEVENTS)events)->lpVtbl->Release((PPORTEVENTS)events);
        Log("topo-events");
    }
    status = Port->lpVtbl->QueryInterface(Port, &IID_IPortClsStreamResourceManager2, &other);
    if (other == NULL)
        LogValue("topo", "qi-resources", (ULONG)status, TRUE);

    if (NT_SUCCESS(Port->lpVtbl->QueryInterface(Port, &IID_IPortTopology, &same))) {
        if (same == Port)
            Log("topo-is-port");
        ((PUNKNOWN)same)->lpVtbl->Release((PUNKNOWN)same);
    }
    status = Port->lpVtbl->QueryInterface(Port, &IID_IPortWaveRT, &other);
    if (other == NULL)
        LogValue("topo", "qi-wave", (ULONG)status, TRUE);
}

/* A WaveRT port's stream resource manager (what simpleaudiosample's
 * StartDevice registers its thread with) takes a resource and gives it
 * back. */
static VOID CheckStreamResources(PPORT Port)
{
    PPORTCLSStreamResourceManager2 manager = NULL;
    PCSTREAMRESOURCE_DESCRIPTOR resource;
    PCSTREAMRESOURCE handle = NULL;

    if (!NT_SUCCESS(Port->lpVtbl->QueryInterface(Port, &IID_IPortClsStreamResourceManager2,
                                                 (PVOID *)&manager)))
        return;
    PCSTREAMRESOURCE_DESCRIPTOR_INIT(&resource);
    resource.Pdo = g.Pdo;
    resource.Type = ePcStreamResourceThread;
    resource.Resource.Thread = PsGetCurrentThread();
    if (NT_SUCCESS(manager->lpVtbl->AddStreamResource2(manager, g.Pdo, NULL, &resource, &handle)) &&
        handle != NULL && NT_SUCCESS(manager->lpVtbl->RemoveStreamResource(manager, handle)))
        Log("wave-resources");
    manager->lpVtbl->Release(manager);
}

/* Unregisters port's subdevice through the port's IUnregisterSubdevice. */
static VOID UnregisterSubdevice(PDEVICE_OBJECT Fdo, PPORT Port)
{
    PUNREGISTERSUBDEVICE unregister = NULL;

    if (NT_SUCCESS(Port->lpVtbl->QueryInterface(Port, &IID_IUnregisterSubdevice,
                                                (PVOID *)&unregister))) {
        if (NT_SUCCESS(unregister->lpVtbl->UnregisterSubdevice(unregister, Fdo, (PUNKNOWN)Port)))
            Log("unreg-sub");
        unregister->lpVtbl->Release(unregister);
    }
}

/* Undoes what StartDevice made, whatever it got to: the registrations
 * (unless M_NO_UNREGISTER leaves them to PortCls), then our references. */
static VOID AdapterTeardown(PCONTRACT_ADAPTER Adapter)
{
    PDEVICE_OBJECT fdo = Adapter->Fdo;
    PUNREGISTERPHYSICALCONNECTION unregister = NULL;
    PPORT port;
    NTSTATUS status;

    if (!MODE(M_NO_UNREGISTER)) {
        if (Adapter->PowerRegistered && NT_SUCCESS(PcUnregisterAdapterPowerManagement(fdo)))
            LogValue("adapter", "refs", References(&Adapter->Unknown), FALSE);
        if (Adapter->Connected &&
            NT_SUCCESS(Adapter->Topology->lpVtbl->QueryInterface(
                Adapter->Topology, &IID_IUnregisterPhysicalConnection, (PVOID *)&unregister))) {
            if (NT_SUCCESS(unregister->lpVtbl->UnregisterPhysicalConnection(
                    unregister, fdo, (PUNKNOWN)Adapter->Wave, 1, (PUNKNOWN)Adapter->Topology, 0)))
                Log("unreg-conn");
            unregister->lpVtbl->Release(unregister);
        }
        if (Adapter->WaveRegistered)
            UnregisterSubdevice(fdo, Adapter->Wave);
        if (Adapter->TopologyRegistered)
            UnregisterSubdevice(fdo, Adapter->Topology);
    }
    if (Adapter->Wave != NULL)
        Adapter->Wave->lpVtbl->Release(Adapter->Wave);
    port = Adapter->Topology;
    if (port != NULL && !MODE(M_LEAK_PORT)) {
        port->lpVtbl->Release(port);
        if (MODE(M_RELEASE_TWICE))
            port->lpVtbl->Release(port);
        if (MODE(M_CALL_AFTER_RELEASE)) {
            PVOID again = NULL;

            status = port->lpVtbl->QueryInterface(port, &IID_IUnregisterSubdevice, &again);
            LogValue("topo", "qi-after", (ULONG)status, TRUE);
        }
    }
    Adapter->Unknown.lpVtbl->Release(&Adapter->Unknown);
}

/* ---- PnP ---- */

/* StartDevice, from PcDispatchIrp at IRP_MN_START_DEVICE: the adapter
 * object, its two subdevices, their connection and its power management.
 * On failure nothing of it is left. */
static NTSTATUS ContractStartDevice(PDEVICE_OBJECT Fdo, PIRP Irp, PRESOURCELIST ResourceList)
{
    PULONG_PTR extension = Fdo->DeviceExtension;
    PCONTRACT_ADAPTER adapter;
    PDEVICE_OBJECT pdo = NULL;
    NTSTATUS status;

    LogIrql("start");
    if (extension != NULL && extension[4] == 0 && extension[5] == 0 && extension[6] == 0 &&
        extension[7] == 0) {
        /* the driver's own part, after PortCls's */
        memset((PUCHAR)extension + PORT_CLASS_DEVICE_EXTENSION_SIZE, 0xA5,
               CONTRACT_EXTENSION_SIZE);
        Log("ext");
    }
    if (ResourceList != NULL && ResourceList->lpVtbl->NumberOfEntries(ResourceList) == 0)
        Log("rl0");
    if (NT_SUCCESS(PcGetPhysicalDeviceObject(Fdo, &pdo)) && pdo == g.Pdo)
        Log("pdo");
    if (MODE(M_START_FAILS))
        return STATUS_UNSUCCESSFUL;

    adapter = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof *adapter, TAG);
    if (adapter == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    adapter->Unknown.lpVtbl = &AdapterVtbl;
    adapter->Power.lpVtbl = &PowerVtbl;
    adapter->References = 1;
    adapter->Fdo = Fdo;

    status = InstallSubdevice(Fdo, Irp, ResourceList, adapter, FALSE, &adapter->Topology,
                              &adapter->TopologyRegistered);
    if (NT_SUCCESS(status))
        CheckPortInterfaces(adapter->Topology);
    if (NT_SUCCESS(status))
        status = InstallSubdevice(Fdo, Irp, ResourceList, adapter, TRUE, &adapter->Wave,
                                  &adapter->WaveRegistered);
    if (NT_SUCCESS(status))
        CheckStreamResources(adapter->Wave);
    if (NT_SUCCESS(status)) {
        /* the wave filter's output pin 1 to the topology filter's input pin 0 */
        status = PcRegisterPhysicalConnection(Fdo, (PUNKNOWN)adapter->Wave, 1,
                                              (PUNKNOWN)adapter->Topology, 0);
        if (NT_SUCCESS(status)) {
            adapter->Connected = TRUE;
            Log("conn");
        } else {
            LogValue("conn", "reg", (ULONG)status, TRUE);
        }
    }
    if (NT_SUCCESS(status)) {
        status = PcRegisterAdapterPowerManagement(&adapter->Unknown, Fdo);
        if (NT_SUCCESS(status)) {
            adapter->PowerRegistered = TRUE;
            LogValue("adapter", "refs", References(&adapter->Unknown), FALSE);
        }
    }
    if (!NT_SUCCESS(status)) {
        AdapterTeardown(adapter);
        return status;
    }
    extension[ADAPTER_SLOT] = (ULONG_PTR)adapter;
    return STATUS_SUCCESS;
}

/* The driver's IRP_MJ_PNP dispatch, over PortCls's: logs the minor
 * function, tears the adapter down at IRP_MN_REMOVE_DEVICE, and forwards
 * every IRP to PcDispatchIrp. */
static NTSTATUS ContractPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    PULONG_PTR extension = DeviceObject->DeviceExtension;
    PCONTRACT_ADAPTER adapter;
    NTSTATUS status;

    switch (stack->MinorFunction) {
    case IRP_MN_START_DEVICE:
        LogIrql("pnp-start");
        status = PcDispatchIrp(DeviceObject, Irp);
        if (!NT_SUCCESS(status))
            LogValue("start", "status", (ULONG)status, TRUE);
        return status;
    case IRP_MN_QUERY_REMOVE_DEVICE:
        LogIrql("pnp-query-remove");
        break;
    case IRP_MN_SURPRISE_REMOVAL:
        LogIrql("pnp-surprise");
        break;
    case IRP_MN_STOP_DEVICE:
        LogIrql("pnp-stop");
        break;
    case IRP_MN_REMOVE_DEVICE:
        LogIrql("pnp-remove");
        adapter = (PCONTRACT_ADAPTER)extension[ADAPTER_SLOT];
        extension[ADAPTER_SLOT] = 0;
        if (adapter != NULL)
            AdapterTeardown(adapter);
        status = PcDispatchIrp(DeviceObject, Irp);
        Log("removed"); /* the extension is gone with the FDO */
        return status;
    default:
        break;
    }
    return PcDispatchIrp(DeviceObject, Irp);
}

/* AddDevice: PortCls makes the FDO with room for our part of the
 * extension after its own. */
static NTSTATUS ContractAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
{
    NTSTATUS status;

    LogIrql("add");
    g.Pdo = Pdo;
    status = PcAddAdapterDevice(DriverObject, Pdo, ContractStartDevice, MODE(M_MAX_ONE) ? 1 : 2,
                                MODE(M_SMALL_EXTENSION)
                                    ? CONTRACT_EXTENSION_SIZE
                                    : PORT_CLASS_DEVICE_EXTENSION_SIZE + CONTRACT_EXTENSION_SIZE);
    if (!NT_SUCCESS(status))
        LogValue("add", "status", (ULONG)status, TRUE);
    return status;
}

/* ---- load and unload ---- */

/* The unload routine, over PortCls's: PortCls's first, then the
 * framework driver (SysVAD's DriverUnload). Guarded by the driver's own
 * flag, or with M_GUARD_GET_DRIVER by WdfGetDriver() != NULL as SysVAD's
 * is, which a second call passes ([M6]). */
static VOID ContractUnload(PDRIVER_OBJECT DriverObject)
{
    LogIrql("unload");
    if (MODE(M_GUARD_GET_DRIVER)) {
        if (WdfGetDriver() == NULL)
            return;
    } else {
        if (!g.Loaded)
            return;
        g.Loaded = FALSE;
    }
    if (g.PortUnload != NULL)
        g.PortUnload(DriverObject);
    WdfDriverMiniportUnload(WdfGetDriver());
}

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;

    LogIrql("entry");
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             &driver);
    if (!NT_SUCCESS(status))
        return status;
    status = PcInitializeAdapterDriver(DriverObject, RegistryPath, ContractAddDevice);
    if (!NT_SUCCESS(status)) {
        WdfDriverMiniportUnload(driver);
        return status;
    }
    if (DriverObject->DriverUnload != NULL)
        Log("pc-unload");
    if (DriverObject->DriverExtension->AddDevice == ContractAddDevice)
        Log("add-kept");
    if (DriverObject->MajorFunction[IRP_MJ_PNP] != NULL &&
        DriverObject->MajorFunction[IRP_MJ_CREATE] != NULL)
        Log("dispatch");
    DriverObject->MajorFunction[IRP_MJ_PNP] = ContractPnp;
    g.PortUnload = DriverObject->DriverUnload;
    DriverObject->DriverUnload = ContractUnload;
    g.Loaded = TRUE;
    return STATUS_SUCCESS;
}
