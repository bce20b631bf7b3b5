/*
 * portcls_sample.c - a PortCls audio adapter driver (the SysVAD pattern)
 * written in C as real KMDF code.
 *
 * An audio adapter driver is a WDM driver owned by the PortCls port driver:
 * PcInitializeAdapterDriver installs the port's dispatch table, AddDevice
 * and unload routine. The adapter uses KMDF only for its framework objects,
 * so DriverEntry creates a miniport-style framework driver
 * (WdfDriverInitNoDispatchOverride: the framework keeps its hands off the
 * dispatch table) before handing the WDM driver object to the port. It then
 * saves the unload routine the port installed in DriverObject->DriverUnload
 * and installs its own, which runs the saved port unload first and then
 * WdfDriverMiniportUnload (SysVAD's DriverUnload does exactly that). A
 * failure in DriverEntry after WdfDriverCreate tears the framework driver
 * down with WdfDriverMiniportUnload, as SysVAD's entry does.
 *
 * There is no EvtDriverUnload: FxDriver::Initialize (shared/core/fxdriver.cpp
 * in the KMDF source) keeps it only for a driver that lets the framework own
 * its dispatch table, so for a WdfDriverInitNoDispatchOverride driver
 * WdfDriverMiniportUnload never calls it. What the driver does at unload it
 * does in its own DriverUnload, before WdfDriverMiniportUnload.
 *
 * Driver-wide state: a copy of the registry path in a WDFMEMORY (SysVAD
 * keeps one in g_RegistryPath) and a settings object whose cleanup callback
 * persists the mixer defaults under that path when the driver goes away.
 *
 * PortCls calls AddDevice, which hands it StartDevice (PcAddAdapterDevice),
 * and sends the PnP IRPs to the driver's own IRP_MJ_PNP dispatch, which
 * tears the adapter down at a stop, surprise removal or removal and then
 * forwards the IRP to PcDispatchIrp (SysVAD's PnpHandler).
 *
 * Per adapter (StartDevice): a topology subdevice, PortCls's topology
 * port over a miniport of the driver's own written in C (its vtable filled
 * by hand, the way a C driver implements a COM interface), registered with
 * PcRegisterSubdevice; a miniport device (WdfDeviceMiniportCreate) with an ADAPTER_CONTEXT, and
 * under it a wait lock for the adapter state, a WDFMEMORY for the adapter's
 * buffers, a jack-detection poll timer and work item, and a power work item.
 * The jack-detection path holds a reference on the device from arrival
 * until its first pass completes (a real driver keeps the adapter alive for
 * the notification it raises to the audio stack from that pass). The
 * start path also opens the sideband driver's target by name and asks it
 * for its capabilities with a synchronous IOCTL, with a timeout, as
 * SysVAD's sideband scenarios talk to a Bluetooth or USB audio driver; the
 * adapter runs without it when it is not there or does not answer. Removal
 * stops the timer, flushes the work items, powers the codec down, closes
 * the sideband target and deletes the device.
 *
 * Unload is guarded by the driver's own state (g.Loaded), never by
 * WdfGetDriver(), so a second call of DriverUnload does nothing.
 *
 * Variants (README.md): each UF_BUG_* macro plants one realistic unload-path
 * mistake in the few lines it changes.
 */
#include <ntddk.h>
#include <wdf.h>
#include <portcls.h>

/* Pool tags (as a debugger shows them, reversed in memory). */
#define PORTCLS_SAMPLE_POOL_TAG ((ULONG)0x64615653) /* 'SVad' */
#define PORTCLS_SAMPLE_PATH_TAG ((ULONG)0x68745053) /* 'SPth' */

/* The tag of the jack-detection path's reference on the adapter device. */
#define JACK_REF_TAG ((PVOID)(ULONG_PTR)0x6B63614Au) /* 'Jack' */

/* The most adapters the driver serves at once (the port delivers up to 4). */
#define MAX_ADAPTERS 4

/* The size of an adapter's buffer block (DMA-style scratch for the codec). */
#define ADAPTER_BUFFER_SIZE 4096

/* Codec power states, as the power work item applies them. */
#define CODEC_POWER_D0 0u
#define CODEC_POWER_D3 3u

/* The jack-detection poll period, in milliseconds. */
#define JACK_POLL_PERIOD_MS 500

/* The sideband driver's device and the IOCTL that returns its capabilities. */
#define SIDEBAND_DEVICE_NAME L"\\Device\\SysvadSideband"
#define IOCTL_SIDEBAND_GET_CAPS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define SIDEBAND_TIMEOUT_MS 1000

/* The state of one adapter, the context of its miniport device. */
typedef struct _ADAPTER_CONTEXT {
    PDEVICE_OBJECT Fdo;        /* the port's functional device object */
    WDFWAITLOCK StateLock;     /* serializes the fields below between work items */
    WDFMEMORY Buffers;         /* the adapter's buffer block */
    PUCHAR BufferVa;           /* its buffer, ADAPTER_BUFFER_SIZE bytes */
    WDFTIMER JackPollTimer;    /* periodic: queues JackWork */
    WDFWORKITEM JackWork;      /* jack detection, at PASSIVE_LEVEL */
    WDFWORKITEM PowerWork;     /* codec power transitions, at PASSIVE_LEVEL */
    BOOLEAN JackRefHeld;       /* the jack path still holds its reference on the device */
    ULONG JackState;           /* last jack presence bits read from the codec */
    ULONG JackPolls;           /* jack-detection passes run */
    ULONG PowerTarget;         /* the power state PowerWork applies */
    ULONG PowerState;          /* the codec's current power state */
    WDFIOTARGET Sideband;      /* the sideband driver, opened by name */
    BOOLEAN SidebandOpen;      /* it answered: close it at removal */
    ULONG SidebandCaps;        /* what it said it can do */
} ADAPTER_CONTEXT, *PADAPTER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(ADAPTER_CONTEXT, AdapterGetContext)

/* Driver-wide mixer defaults, the context of the settings object. */
typedef struct _DRIVER_SETTINGS {
    ULONG MasterVolume;        /* default volume of new endpoints */
    ULONG AdaptersServed;      /* adapters started since load */
    BOOLEAN Persist;           /* an orderly unload asked for the save */
    ULONG PersistedChecksum;   /* what the save wrote (stands for the registry write) */
} DRIVER_SETTINGS, *PDRIVER_SETTINGS;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DRIVER_SETTINGS, SettingsGetContext)

/* One adapter slot: the port's device and the miniport device over it. */
typedef struct _ADAPTER_SLOT {
    PDEVICE_OBJECT Fdo;        /* NULL: the slot is free */
    WDFDEVICE Device;          /* the miniport device created for Fdo */
    PPORT TopologyPort;        /* the registered topology subdevice's port (our reference) */
} ADAPTER_SLOT;

/* The topology miniport: IMiniportTopology implemented in C. */
typedef struct _TOPOLOGY_MINIPORT {
    IMiniportTopology Interface; /* first: its lpVtbl is the object's */
    LONG References;
    PPORTTOPOLOGY Port;          /* Init's, not referenced: the port outlives its miniport */
} TOPOLOGY_MINIPORT, *PTOPOLOGY_MINIPORT;

#define PORTCLS_SAMPLE_MINIPORT_TAG ((ULONG)0x6F705453) /* 'STpo' */

/* Every global of the driver. */
static struct {
    BOOLEAN Loaded;            /* the driver's own unload guard */
    PDRIVER_UNLOAD PortUnload; /* the port's unload routine, saved from DriverObject->DriverUnload */
    WDFMEMORY RegistryPathMemory; /* the copy of the registry path (parent: the driver) */
    WDFOBJECT Settings;        /* the settings object (parent: the driver) */
    ADAPTER_SLOT Adapters[MAX_ADAPTERS]; /* the adapters started and not yet removed */
} g;

DRIVER_INITIALIZE DriverEntry;
static DRIVER_ADD_DEVICE PortclsSampleAddDevice;
static DRIVER_DISPATCH PortclsSamplePnp;
static DRIVER_UNLOAD PortclsSampleDriverUnload;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP SettingsCleanup;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP AdapterCleanup;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP JackWorkCleanup;
static EVT_WDF_TIMER AdapterJackPoll;
static EVT_WDF_WORKITEM AdapterJackWork;
static EVT_WDF_WORKITEM AdapterPowerWork;

/* ---- driver-wide state ---- */

/* Folds a buffer into a checksum: stands for the registry write a real
 * driver makes when it persists its settings. Returns the checksum. */
static ULONG Checksum(const UCHAR *Data, size_t Length)
{
    ULONG sum = 2166136261u;
    size_t i;

    for (i = 0; i < Length; i++)
        sum = (sum ^ Data[i]) * 16777619u;
    return sum;
}

/* Copies the registry path into a WDFMEMORY parented to the driver
 * (SysVAD's CopyRegistrySettingsPath). Returns the status of the copy. */
static NTSTATUS CopyRegistrySettingsPath(WDFDRIVER Driver, PCUNICODE_STRING RegistryPath)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    size_t length = RegistryPath && RegistryPath->Buffer ? RegistryPath->Length : 0;
    PVOID buffer;
    NTSTATUS status;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Driver;
    /* Room for a terminating NUL, so an empty path is still a valid string. */
    status = WdfMemoryCreate(&attributes, NonPagedPoolNx, PORTCLS_SAMPLE_PATH_TAG,
                             length + sizeof(WCHAR), &g.RegistryPathMemory, &buffer);
    if (!NT_SUCCESS(status)) {
        g.RegistryPathMemory = NULL;
        return status;
    }
    RtlZeroMemory(buffer, length + sizeof(WCHAR));
    if (length)
        RtlCopyMemory(buffer, RegistryPath->Buffer, length);
    return STATUS_SUCCESS;
}

/* Creates the settings object under the driver: its cleanup persists the
 * mixer defaults under the registry path when the driver object is
 * deleted. Returns the status of the create. */
static NTSTATUS CreateDriverSettings(WDFDRIVER Driver)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PDRIVER_SETTINGS settings;
    NTSTATUS status;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DRIVER_SETTINGS);
    attributes.ParentObject = Driver;
    attributes.EvtCleanupCallback = SettingsCleanup;
    status = WdfObjectCreate(&attributes, &g.Settings);
    if (!NT_SUCCESS(status)) {
        g.Settings = NULL;
        return status;
    }
    settings = SettingsGetContext(g.Settings);
    settings->MasterVolume = 0x8000;
    return STATUS_SUCCESS;
}

/* The settings object's cleanup, run while WdfDriverMiniportUnload (from
 * DriverUnload, or from DriverEntry's failure path) deletes the driver
 * object: when DriverUnload asked for it, persists the mixer defaults under
 * the registry path copy, a sibling that stays alive until the whole tree
 * is disposed. */
static VOID SettingsCleanup(WDFOBJECT Object)
{
    PDRIVER_SETTINGS settings = SettingsGetContext(Object);
    size_t length = 0;
    PUCHAR path;

    if (!settings->Persist || g.RegistryPathMemory == NULL)
        return;
    path = WdfMemoryGetBuffer(g.RegistryPathMemory, &length);
    if (path == NULL)
        return;
    settings->PersistedChecksum =
        Checksum(path, length) ^ settings->MasterVolume ^ settings->AdaptersServed;
}

/* ---- the adapter ---- */

/* The slot of the adapter over Fdo, or NULL. */
static ADAPTER_SLOT *AdapterFindSlot(PDEVICE_OBJECT Fdo)
{
    ULONG i;

    for (i = 0; i < MAX_ADAPTERS; i++)
        if (g.Adapters[i].Fdo != NULL && g.Adapters[i].Fdo == Fdo)
            return &g.Adapters[i];
    return NULL;
}

/* A free slot in the adapter table, or NULL when the table is full. */
static ADAPTER_SLOT *AdapterFreeSlot(VOID)
{
    ULONG i;

    for (i = 0; i < MAX_ADAPTERS; i++)
        if (g.Adapters[i].Fdo == NULL)
            return &g.Adapters[i];
    return NULL;
}

/* Drops the jack-detection path's reference on the adapter device, once:
 * whichever of the first jack pass, the jack work item's cleanup or
 * arrival's error path comes first. */
static VOID AdapterDropJackReference(WDFDEVICE Device)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(Device);

    if (!ctx->JackRefHeld)
        return;
    ctx->JackRefHeld = FALSE;
    WdfObjectDereferenceWithTag(Device, JACK_REF_TAG);
}

/* The jack poll timer, at DISPATCH_LEVEL: reading the codec needs
 * PASSIVE_LEVEL, so it queues the jack work item. */
static VOID AdapterJackPoll(WDFTIMER Timer)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfTimerGetParentObject(Timer));

    WdfWorkItemEnqueue(ctx->JackWork);
}

/* Jack detection, at PASSIVE_LEVEL: reads the presence bits the codec
 * mirrors into the adapter's buffer; the first pass completing releases
 * the reference arrival took for it. */
static VOID AdapterJackWork(WDFWORKITEM WorkItem)
{
    WDFDEVICE device = (WDFDEVICE)WdfWorkItemGetParentObject(WorkItem);
    PADAPTER_CONTEXT ctx = AdapterGetContext(device);

    PAGED_CODE();
    WdfWaitLockAcquire(ctx->StateLock, NULL);
    ctx->JackState = ctx->BufferVa[0] & 0x3u;
    ctx->JackPolls++;
    WdfWaitLockRelease(ctx->StateLock);
    AdapterDropJackReference(device);
}

/* The jack work item's cleanup: if it is disposed before its first pass
 * ever ran, the reference that pass would have dropped goes here. */
static VOID JackWorkCleanup(WDFOBJECT WorkItem)
{
    WDFDEVICE device = (WDFDEVICE)WdfWorkItemGetParentObject((WDFWORKITEM)WorkItem);

#ifdef UF_BUG_CLEANUP_DEREF
    /* BUG: "the work item goes, so does the reference it held": drops the
     * jack reference without checking that the first pass already dropped
     * it, a dereference with no reference left to match it. */
    WdfObjectDereferenceWithTag(device, JACK_REF_TAG);
#else
    AdapterDropJackReference(device);
#endif
}

/* Codec power transitions, at PASSIVE_LEVEL: applies PowerTarget. Going to
 * D3 clears the buffer block, as the codec loses its state. */
static VOID AdapterPowerWork(WDFWORKITEM WorkItem)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfWorkItemGetParentObject(WorkItem));

    PAGED_CODE();
    WdfWaitLockAcquire(ctx->StateLock, NULL);
    if (ctx->PowerTarget == CODEC_POWER_D3)
        RtlZeroMemory(ctx->BufferVa, ADAPTER_BUFFER_SIZE);
    ctx->PowerState = ctx->PowerTarget;
    WdfWaitLockRelease(ctx->StateLock);
}

/* The adapter device's cleanup, whichever way the device goes (removal,
 * or arrival's error path): frees its slot in the adapter table. Its
 * children (timer, work items, lock, buffers) are already disposed. */
static VOID AdapterCleanup(WDFOBJECT Device)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(Device);
    ADAPTER_SLOT *slot = ctx->Fdo ? AdapterFindSlot(ctx->Fdo) : NULL;

#ifdef UF_BUG_CLEANUP_ENQUEUE
    /* BUG: powers the codec down from here, "whichever way the adapter
     * goes", by queueing the power work item: a child of this device,
     * already disposed when the device's cleanup runs. */
    if (ctx->PowerWork) {
        ctx->PowerTarget = CODEC_POWER_D3;
        WdfWorkItemEnqueue(ctx->PowerWork);
    }
#endif
    if (slot && slot->Device == (WDFDEVICE)Device) {
        slot->Fdo = NULL;
        slot->Device = NULL;
    }
}

/* Opens the sideband driver's target under Device and asks it for its
 * capabilities. Returns a failure only when the target object cannot be
 * made; a sideband driver that is not there, or does not answer within
 * SIDEBAND_TIMEOUT_MS, leaves the adapter without it. */
static NTSTATUS AdapterOpenSideband(WDFDEVICE Device, PADAPTER_CONTEXT Ctx)
{
    static const UNICODE_STRING name = RTL_CONSTANT_STRING(SIDEBAND_DEVICE_NAME);
    WDF_IO_TARGET_OPEN_PARAMS openParams;
    WDF_MEMORY_DESCRIPTOR output;
    WDF_REQUEST_SEND_OPTIONS options;
    NTSTATUS status;

    status = WdfIoTargetCreate(Device, WDF_NO_OBJECT_ATTRIBUTES, &Ctx->Sideband);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&openParams, &name, GENERIC_READ | GENERIC_WRITE);
    if (!NT_SUCCESS(WdfIoTargetOpen(Ctx->Sideband, &openParams)))
        return STATUS_SUCCESS;
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&output, &Ctx->SidebandCaps, sizeof(Ctx->SidebandCaps));
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
#ifndef UF_BUG_SIDEBAND_NO_TIMEOUT
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(SIDEBAND_TIMEOUT_MS));
#endif
    /* UF_BUG_SIDEBAND_NO_TIMEOUT: "the sideband driver always answers":
     * when it does not, the start path waits for ever. */
    status = WdfIoTargetSendIoctlSynchronously(Ctx->Sideband, NULL, IOCTL_SIDEBAND_GET_CAPS, NULL,
                                               &output, &options, NULL);
    if (NT_SUCCESS(status))
        Ctx->SidebandOpen = TRUE;
    else
        WdfIoTargetClose(Ctx->Sideband);
    return STATUS_SUCCESS;
}

/* ---- the topology miniport, a COM object written in C ---- */

static NTSTATUS TopoQueryInterface(IMiniportTopology *This, REFIID Iid, PVOID *Out)
{
    if (IsEqualGUID(Iid, &IID_IUnknown) || IsEqualGUID(Iid, &IID_IMiniport) ||
        IsEqualGUID(Iid, &IID_IMiniportTopology)) {
        *Out = This;
        This->lpVtbl->AddRef(This);
        return STATUS_SUCCESS;
    }
    *Out = NULL;
    return STATUS_INVALID_PARAMETER;
}

static ULONG TopoAddRef(IMiniportTopology *This)
{
    return (ULONG)InterlockedIncrement(&((PTOPOLOGY_MINIPORT)This)->References);
}

static ULONG TopoRelease(IMiniportTopology *This)
{
    PTOPOLOGY_MINIPORT miniport = (PTOPOLOGY_MINIPORT)This;
    LONG left = InterlockedDecrement(&miniport->References);

    if (left == 0)
        ExFreePoolWithTag(miniport, PORTCLS_SAMPLE_MINIPORT_TAG);
    return (ULONG)left;
}

/* The filter's description: no pins, nodes or connections, and the
 * default categories. */
static PCFILTER_DESCRIPTOR TopoDescription = {
    0, NULL, sizeof(PCPIN_DESCRIPTOR), 0, NULL, sizeof(PCNODE_DESCRIPTOR), 0, NULL, 0, NULL, 0, NULL
};

static NTSTATUS TopoGetDescription(IMiniportTopology *This, PPCFILTER_DESCRIPTOR *Description)
{
    UNREFERENCED_PARAMETER(This);
    *Description = &TopoDescription;
    return STATUS_SUCCESS;
}

static NTSTATUS TopoDataRangeIntersection(IMiniportTopology *This, ULONG PinId,
                                          PKSDATARANGE DataRange,
                                          PKSDATARANGE MatchingDataRange,
                                          ULONG OutputBufferLength, PVOID ResultantFormat,
                                          PULONG ResultantFormatLength)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(PinId);
    UNREFERENCED_PARAMETER(DataRange);
    UNREFERENCED_PARAMETER(MatchingDataRange);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(ResultantFormat);
    UNREFERENCED_PARAMETER(ResultantFormatLength);
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS TopoInit(IMiniportTopology *This, PUNKNOWN UnknownAdapter,
                         PRESOURCELIST ResourceList, PPORTTOPOLOGY Port)
{
    UNREFERENCED_PARAMETER(UnknownAdapter);
    UNREFERENCED_PARAMETER(ResourceList);
    ((PTOPOLOGY_MINIPORT)This)->Port = Port;
    return STATUS_SUCCESS;
}

static const IMiniportTopologyVtbl TopoVtbl = {
    TopoQueryInterface, TopoAddRef, TopoRelease, TopoGetDescription,
    TopoDataRangeIntersection, TopoInit,
};

/* A new topology miniport with one reference, or NULL. */
static PTOPOLOGY_MINIPORT TopoCreate(VOID)
{
    PTOPOLOGY_MINIPORT miniport =
        ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof *miniport, PORTCLS_SAMPLE_MINIPORT_TAG);

    if (miniport == NULL)
        return NULL;
    miniport->Interface.lpVtbl = &TopoVtbl;
    miniport->References = 1;
    return miniport;
}

/* The adapter's topology subdevice: PortCls's topology port over our
 * miniport, registered. *Port keeps our reference on the port; the port
 * holds its own on the miniport, so ours goes. */
static NTSTATUS InstallTopology(PDEVICE_OBJECT Fdo, PIRP Irp, PRESOURCELIST ResourceList,
                                PPORT *Port)
{
    PTOPOLOGY_MINIPORT miniport;
    PPORT port = NULL;
    NTSTATUS status;

    PAGED_CODE();
    *Port = NULL;
    status = PcNewPort(&port, &CLSID_PortTopology);
    if (!NT_SUCCESS(status))
        return status;
    miniport = TopoCreate();
    if (miniport == NULL) {
        port->lpVtbl->Release(port);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = port->lpVtbl->Init(port, Fdo, Irp, (PUNKNOWN)miniport, NULL, ResourceList);
    if (NT_SUCCESS(status))
        status = PcRegisterSubdevice(Fdo, L"Topology", (PUNKNOWN)port);
    miniport->Interface.lpVtbl->Release(&miniport->Interface);
    if (!NT_SUCCESS(status)) {
        port->lpVtbl->Release(port);
        return status;
    }
    *Port = port;
    return STATUS_SUCCESS;
}

/* Unregisters the topology subdevice and drops our reference on its port. */
static VOID RemoveTopology(PDEVICE_OBJECT Fdo, PPORT *Port)
{
    PUNREGISTERSUBDEVICE unregister = NULL;
    PPORT port = *Port;

    PAGED_CODE();
    if (port == NULL)
        return;
    *Port = NULL;
    if (NT_SUCCESS(port->lpVtbl->QueryInterface(port, &IID_IUnregisterSubdevice,
                                                (PVOID *)&unregister))) {
        unregister->lpVtbl->UnregisterSubdevice(unregister, Fdo, (PUNKNOWN)port);
        unregister->lpVtbl->Release(unregister);
    }
    port->lpVtbl->Release(port);
}

/* StartDevice: the adapter's miniport device and everything under it, its
 * topology subdevice, then jack detection. At PASSIVE_LEVEL. Returns the
 * status; on failure nothing of the adapter is left. */
static NTSTATUS PortclsSampleStartDevice(PDEVICE_OBJECT Fdo, PIRP Irp,
                                         PRESOURCELIST ResourceList)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_TIMER_CONFIG timerConfig;
    WDF_WORKITEM_CONFIG workConfig;
    PADAPTER_CONTEXT ctx;
    ADAPTER_SLOT *slot;
    WDFDEVICE device;
    NTSTATUS status;

    PAGED_CODE();
    slot = AdapterFreeSlot();
    if (slot == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, ADAPTER_CONTEXT);
    attributes.EvtCleanupCallback = AdapterCleanup;
    /* The device over PortCls's FDO alone, with no lower device and no PDO
     * (SysVAD's): the framework sends nothing down the stack. */
    status = WdfDeviceMiniportCreate(WdfGetDriver(), &attributes, Fdo, NULL, NULL, &device);
    if (!NT_SUCCESS(status))
        return status;
    ctx = AdapterGetContext(device);
    ctx->Fdo = Fdo;
    ctx->PowerState = CODEC_POWER_D0;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfWaitLockCreate(&attributes, &ctx->StateLock);
    if (!NT_SUCCESS(status))
        goto out_delete_device;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfMemoryCreate(&attributes, NonPagedPoolNx, PORTCLS_SAMPLE_POOL_TAG,
                             ADAPTER_BUFFER_SIZE, &ctx->Buffers, (PVOID *)&ctx->BufferVa);
    if (!NT_SUCCESS(status))
        goto out_delete_device;
    RtlZeroMemory(ctx->BufferVa, ADAPTER_BUFFER_SIZE);

    /* The jack-detection path (its timer and work item) holds the adapter
     * until its first pass completes. The reference is taken before the
     * path is built, so every failure below has one place to drop it. */
    WdfObjectReferenceWithTag(device, JACK_REF_TAG);
#ifndef UF_BUG_DEVICE_REF_LEAK
    ctx->JackRefHeld = TRUE;
#endif
    /* (UF_BUG_DEVICE_REF_LEAK: the reference is taken but never recorded,
     * so neither the first jack pass nor the work item's cleanup drops it:
     * the device is deleted at removal and never freed.) */

    WDF_WORKITEM_CONFIG_INIT(&workConfig, AdapterJackWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    attributes.EvtCleanupCallback = JackWorkCleanup;
    status = WdfWorkItemCreate(&workConfig, &attributes, &ctx->JackWork);
    if (!NT_SUCCESS(status)) {
        ctx->JackWork = NULL;
        goto out_drop_jack_reference;
    }

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, AdapterJackPoll, JACK_POLL_PERIOD_MS);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfTimerCreate(&timerConfig, &attributes, &ctx->JackPollTimer);
    if (!NT_SUCCESS(status)) {
        ctx->JackPollTimer = NULL;
        goto out_drop_jack_reference;
    }

    WDF_WORKITEM_CONFIG_INIT(&workConfig, AdapterPowerWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfWorkItemCreate(&workConfig, &attributes, &ctx->PowerWork);
    if (!NT_SUCCESS(status)) {
        ctx->PowerWork = NULL;
        goto out_drop_jack_reference;
    }

    status = AdapterOpenSideband(device, ctx);
    if (!NT_SUCCESS(status))
        goto out_drop_jack_reference;

    status = InstallTopology(Fdo, Irp, ResourceList, &slot->TopologyPort);
    if (!NT_SUCCESS(status))
        goto out_close_sideband;

    slot->Fdo = Fdo;
    slot->Device = device;
    if (g.Settings)
        SettingsGetContext(g.Settings)->AdaptersServed++;

    /* First jack pass now, then every JACK_POLL_PERIOD_MS. */
    WdfWorkItemEnqueue(ctx->JackWork);
    WdfTimerStart(ctx->JackPollTimer, WDF_REL_TIMEOUT_IN_MS(JACK_POLL_PERIOD_MS));
    return STATUS_SUCCESS;

out_close_sideband:
    if (ctx->SidebandOpen) {
        ctx->SidebandOpen = FALSE;
        WdfIoTargetClose(ctx->Sideband);
    }
out_drop_jack_reference:
#ifndef UF_BUG_ARRIVAL_ERROR_REF_LEAK
    AdapterDropJackReference(device);
#endif
    /* (UF_BUG_ARRIVAL_ERROR_REF_LEAK: the error path leaves the reference
     * to the jack work item's cleanup, which does not exist when creating
     * that work item is what failed.) */
out_delete_device:
    WdfObjectDelete(device);
    return status;
}

/* The port reports the adapter over Fdo gone (after it stopped sending it
 * work). At PASSIVE_LEVEL: stops jack detection, powers the codec down and
 * deletes the miniport device. */
static VOID PortclsSampleDeviceRemoval(PDEVICE_OBJECT Fdo)
{
    ADAPTER_SLOT *slot = AdapterFindSlot(Fdo);
    PADAPTER_CONTEXT ctx;
    WDFDEVICE device;

    PAGED_CODE();
    if (slot == NULL)
        return; /* never started, or its start failed */
    RemoveTopology(Fdo, &slot->TopologyPort);
    device = slot->Device;
    ctx = AdapterGetContext(device);

    /* No new polls, and the one in flight (if any) finishes. */
    WdfTimerStop(ctx->JackPollTimer, TRUE);
    WdfWorkItemFlush(ctx->JackWork);

#ifndef UF_BUG_CLEANUP_ENQUEUE
    /* Power the codec down while the work item can still run. */
    ctx->PowerTarget = CODEC_POWER_D3;
    WdfWorkItemEnqueue(ctx->PowerWork);
    WdfWorkItemFlush(ctx->PowerWork);
#endif

    if (ctx->SidebandOpen) {
        ctx->SidebandOpen = FALSE;
        WdfIoTargetClose(ctx->Sideband);
    }

    /* AdapterCleanup frees the slot. */
    WdfObjectDelete(device);
}

/* ---- load and unload ---- */

/* AddDevice: PortCls makes the adapter's FDO and calls StartDevice when
 * the device starts. One subdevice per adapter. */
static NTSTATUS PortclsSampleAddDevice(PDRIVER_OBJECT DriverObject,
                                       PDEVICE_OBJECT PhysicalDeviceObject)
{
    PAGED_CODE();
    return PcAddAdapterDevice(DriverObject, PhysicalDeviceObject, PortclsSampleStartDevice, 1, 0);
}

/* The driver's IRP_MJ_PNP dispatch, over PortCls's: the adapter goes at a
 * stop, a surprise removal or a removal (once: the slot is gone after),
 * then PortCls handles the IRP. */
static NTSTATUS PortclsSamplePnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

    switch (stack->MinorFunction) {
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
    case IRP_MN_REMOVE_DEVICE:
        PortclsSampleDeviceRemoval(DeviceObject);
        break;
    default:
        break;
    }
    return PcDispatchIrp(DeviceObject, Irp);
}

/* The driver's unload routine, installed over the port's: the port's own
 * unload first (it tears down its device objects and dispatch state), then
 * the driver's own unload work, then the framework driver. The work is done
 * here because nothing else would run it: the framework never calls
 * EvtDriverUnload for a WdfDriverInitNoDispatchOverride driver
 * (FxDriver::Initialize). Every driver-wide resource is a framework object
 * under the driver, deleted by WdfDriverMiniportUnload (their cleanups
 * first), so there is nothing to free: it only asks the settings object to
 * save the mixer defaults when its cleanup runs. Guarded by the driver's
 * own state, so a second call does nothing (WdfGetDriver() would still
 * return the dangling handle). */
static VOID PortclsSampleDriverUnload(PDRIVER_OBJECT DriverObject)
{
    PDRIVER_UNLOAD portUnload = g.PortUnload;

    PAGED_CODE();
    if (!g.Loaded)
        return;
    g.Loaded = FALSE;
    g.PortUnload = NULL;
    if (portUnload)
        portUnload(DriverObject);

    if (g.Settings)
        SettingsGetContext(g.Settings)->Persist = TRUE;
#ifdef UF_BUG_UNLOAD_FREES_SHARED
    /* BUG: frees the registry path copy here, the way SysVAD's DriverUnload
     * frees g_RegistryPath; but the settings object's cleanup, which runs
     * in the WdfDriverMiniportUnload below while the framework deletes the
     * driver, still reads it (and the handle is not even cleared). */
    if (g.RegistryPathMemory)
        WdfObjectDelete(g.RegistryPathMemory);
#endif
    WdfDriverMiniportUnload(WdfGetDriver());
}

/* DriverEntry: the framework driver (no EvtDriverUnload: DriverUnload does
 * the unload work), the port, the driver-wide state, then the unload
 * routine. Any failure after WdfDriverCreate tears the framework driver
 * down again. */
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    config.DriverPoolTag = PORTCLS_SAMPLE_POOL_TAG;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             &driver);
    if (!NT_SUCCESS(status))
        return status;

    status = PcInitializeAdapterDriver(DriverObject, RegistryPath, PortclsSampleAddDevice);
    if (!NT_SUCCESS(status))
        goto out_unload_framework;

    status = CopyRegistrySettingsPath(driver, RegistryPath);
    if (!NT_SUCCESS(status))
        goto out_unload_framework;

    status = CreateDriverSettings(driver);
    if (!NT_SUCCESS(status))
        goto out_unload_framework;

    /* Our PnP dispatch in front of PortCls's, our unload in front of the
     * port's. */
    DriverObject->MajorFunction[IRP_MJ_PNP] = PortclsSamplePnp;
    g.PortUnload = DriverObject->DriverUnload;
    DriverObject->DriverUnload = PortclsSampleDriverUnload;
    g.Loaded = TRUE;
    return STATUS_SUCCESS;

out_unload_framework:
#ifdef UF_BUG_DELETE_DRIVER
    /* BUG: "undo WdfDriverCreate" by deleting the framework driver object.
     * The driver object may not be deleted by the driver: the call is
     * refused and the framework driver, with its children, stays until the
     * image unloads (the stub deletes it after a failed DriverEntry). */
    WdfObjectDelete(driver);
#else
    WdfDriverMiniportUnload(driver);
#endif
    return status;
}
