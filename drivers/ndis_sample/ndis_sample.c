/*
 * ndis_sample.c - an NDIS-style miniport written as real KMDF code, and seven
 * planted bugs on its unload paths.
 *
 * The shape is that of the NDIS-WDF miniports (the WDI WLAN sample and the
 * NetAdapter-less NIC drivers built on KMDF): the port driver (NDIS) owns the
 * WDM driver object and its dispatch table, so DriverEntry creates the
 * framework driver with WdfDriverInitNoDispatchOverride and then registers
 * with the port (NdisMRegisterMiniportDriver, NDIS 6 characteristics). For
 * each adapter NDIS calls MiniportInitializeEx (NdisSampleInitializeEx, then
 * NdisSampleDeviceArrival with the device objects NdisMGetDeviceProperty
 * gives), which creates one
 * miniport device over the port's FDO (WdfDeviceMiniportCreate) with the
 * adapter's context and, under it, everything the adapter runs on:
 *
 *   device (ADAPTER_CONTEXT, EvtCleanupCallback AdapterCleanup)
 *   +-- Lock        spin lock: guards the context fields the timers touch
 *   +-- RxBuffer    WDFMEMORY: the receive descriptor ring
 *   +-- Filters     collection of FILTER objects (the packet filters set)
 *   |     +-- (items are FILTER objects, themselves children of the device)
 *   +-- Watchdog    periodic DISPATCH timer: notices a stuck receive path
 *   +-- StatsTimer  periodic DISPATCH timer: harvests the receive ring
 *   +-- ResetWork   PASSIVE work item: resets the receive path after a hang
 *   +-- (default I/O target: the device below the adapter, NextDevice)
 *   +-- LinkQuery   request kept at the lower device: it completes on a link
 *                   change, and its completion routine sends it again
 *
 * Per-adapter hardware state comes from pool (ExAllocatePool2) when the
 * model has a pool; until then it lives in the context (see
 * NDIS_SAMPLE_POOL below).
 *
 * MiniportHaltEx (NdisSampleDeviceRemoval) quiesces the adapter: it takes it off the
 * driver's adapter list, stops both timers waiting for running callbacks,
 * flushes the reset work, releases the receive ring and the hardware state.
 * Before that it stops the lower target, cancelling the link query, so
 * that no completion comes after the ring is gone.
 * It leaves the device itself to the driver's teardown, as NDIS-WDF
 * miniports do ([M7]): WdfDriverMiniportUnload deletes it with the rest of
 * the driver's objects (the model notes it as miniport-device-not-deleted,
 * a warning). MiniportDriverUnload (unload) calls WdfDriverMiniportUnload
 * first, then NdisMDeregisterMiniportDriver, guarded by the driver's own
 * "registered" state, so a second call from the port does nothing. The
 * driver registers no EvtDriverUnload: FxDriver::Initialize
 * (shared/core/fxdriver.cpp in the KMDF source) keeps it only for a driver
 * that lets the framework own its dispatch table, so for this one the
 * framework would never call it; MiniportDriverUnload is where unloading
 * happens, and nothing else deletes the framework driver when it forgets.
 *
 * Variants (one #ifdef each; README.md tells the story of each):
 *   UF_BUG_STALE_GUARD     the release helper guards with WdfGetDriver() != NULL
 *   UF_BUG_UNLOAD_LOCKED   unload called with the adapter-list spin lock held
 *   UF_BUG_STATS_TIMER     halt forgets the statistics timer
 *   UF_BUG_MEMORY_STATUS   a failed WdfMemoryCreate is not checked
 *   UF_BUG_CLEANUP_CREATE  the device's cleanup creates a work item under it
 *   UF_BUG_POOL_LEAK       an error path skips the pool free
 *   UF_BUG_NO_MINIPORT_UNLOAD  unload never calls WdfDriverMiniportUnload
 *   UF_BUG_TARGET_NOT_STOPPED  halt never stops the lower target: the link
 *                          query completes after the ring is released
 *   UF_BUG_RESEND_WITHOUT_REUSE  the completion routine sends the request
 *                          again as it came back
 *   UF_BUG_HALT_WAITS_FOR_IO  halt waits for the link query instead of
 *                          cancelling it
 *   UF_BUG_REQUEST_OUTLIVES_DEVICE  the link query is the driver's; halt
 *                          deletes the device, then sends it to the target
 *                          it had cached
 * and one variant that is not a bug, for the contrast with the last one:
 *   UF_ENTRY_FAILURE_STUB  DriverEntry's failure path leaves the framework
 *                          driver to the framework's stub
 */
#include <ndis.h>
#include <wdf.h>
#include <wdfminiport.h>

/* The pool DDIs (ExAllocatePool2, ExFreePoolWithTag) and the leak check at
 * unload come with the model's pool; wdm.h defines POOL_FLAG_NON_PAGED as a
 * macro, and so does the model's header once it has them. Without them the
 * hardware state is a member of the adapter context, and the pool-leak
 * variant cannot be built. */
#if defined(POOL_FLAG_NON_PAGED)
#define NDIS_SAMPLE_POOL 1
#else
#define NDIS_SAMPLE_POOL 0
#endif
#if defined(UF_BUG_POOL_LEAK) && !NDIS_SAMPLE_POOL
#error "UF_BUG_POOL_LEAK needs ExAllocatePool2 and ExFreePoolWithTag in model/wdf.h"
#endif

#define NDIS_SAMPLE_TAG          0x53646E4Eu /* 'NndS' in memory */
#define NDIS_SAMPLE_MAX_ADAPTERS 4           /* the port delivers at most four */
#define NDIS_SAMPLE_RX_DESCRIPTORS 32        /* one small ring: under a page */
#define NDIS_SAMPLE_WATCHDOG_MS  2000
#define NDIS_SAMPLE_STATS_MS     500

/* The IOCTLs the adapter sends the device below it: a query that completes
 * on the next link change, and the notice that the adapter is going. */
#define IOCTL_NDIS_SAMPLE_LINK_CHANGE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_NDIS_SAMPLE_LINK_DOWN   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* One receive descriptor as the hardware writes it back. */
typedef struct _RX_DESCRIPTOR {
    ULONG Flags;      /* RX_DESC_* */
    ULONG Length;     /* bytes received into the buffer */
    ULONGLONG Buffer; /* physical address of the receive buffer */
} RX_DESCRIPTOR, *PRX_DESCRIPTOR;

#define RX_DESC_DONE 0x1u /* the hardware filled this descriptor */

/* The adapter's mirror of its hardware registers. */
typedef struct _ADAPTER_HW_STATE {
    ULONG InterruptMask;  /* interrupts enabled on the NIC */
    ULONG ReceiveControl; /* the receive unit's control word */
    ULONG RxHead;         /* next descriptor the driver harvests */
    ULONG ResetCount;     /* receive-path resets since initialize */
} ADAPTER_HW_STATE, *PADAPTER_HW_STATE;

/* The per-adapter context (MiniportAdapterContext in NDIS terms). */
typedef struct _ADAPTER_CONTEXT {
    PDEVICE_OBJECT Fdo;         /* the port's FDO this adapter was created over */
    NDIS_HANDLE MiniportAdapterHandle; /* NDIS's handle, for its completions */
    WDFSPINLOCK Lock;           /* guards the fields below that timers and work touch */
    WDFMEMORY RxBuffer;         /* the receive descriptor ring; released by halt */
    PRX_DESCRIPTOR RxRing;      /* RxBuffer's buffer */
    ULONG RxDescriptors;        /* descriptors in RxRing */
    WDFCOLLECTION Filters;      /* FILTER objects: the packet filters set */
    WDFTIMER Watchdog;          /* periodic, DISPATCH: receive-path hang check */
    WDFTIMER StatsTimer;        /* periodic, DISPATCH: harvests the ring */
    WDFWORKITEM ResetWork;      /* PASSIVE: resets the receive path */
    WDFIOTARGET Lower;          /* the device below the adapter (the default target) */
    WDFREQUEST LinkQuery;       /* at the lower device until the link changes */
    PADAPTER_HW_STATE HwState;  /* hardware mirror: pool, or HwStateStorage */
#if !NDIS_SAMPLE_POOL
    ADAPTER_HW_STATE HwStateStorage; /* HwState's home until the model has a pool */
#endif
    BOOLEAN Halted;             /* MiniportHaltEx ran: nothing may touch the hardware */
    BOOLEAN ResetPending;       /* ResetWork is queued */
    ULONG Harvests;             /* statistics timer runs */
    ULONG LastHarvests;         /* Harvests at the watchdog's previous tick */
    ULONGLONG RxFrames;         /* frames received */
    ULONG LinkChanges;          /* link changes the lower device reported */
} ADAPTER_CONTEXT, *PADAPTER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(ADAPTER_CONTEXT, AdapterGetContext)

/* A packet filter set on an adapter (OID_GEN_CURRENT_PACKET_FILTER bits). */
typedef struct _FILTER_CONTEXT {
    ULONG PacketFilter; /* NDIS_PACKET_TYPE_* bits this filter passes */
    ULONG Matches;      /* frames it passed */
} FILTER_CONTEXT, *PFILTER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FILTER_CONTEXT, FilterGetContext)

/* The filters every adapter starts with. */
static const ULONG DefaultPacketFilters[] = {
    NDIS_PACKET_TYPE_DIRECTED,
    NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_BROADCAST,
};

/* One adapter known to the driver: the FDO the port identifies it by, and
 * its device (NULL while MiniportInitializeEx is still building it). */
typedef struct _ADAPTER_SLOT {
    PDEVICE_OBJECT Fdo;
    WDFDEVICE Device;
} ADAPTER_SLOT;

/* Every global of the driver: zero as the image is loaded. */
static struct {
    NDIS_HANDLE MiniportDriverHandle; /* from NdisMRegisterMiniportDriver; NULL when not registered */
    BOOLEAN FrameworkDriverCreated;   /* WdfDriverCreate succeeded, WdfDriverMiniportUnload not yet called */
    BOOLEAN Registered;               /* the unload guard: DriverEntry succeeded, unload has not run */
    BOOLEAN AdapterListClosed;        /* unload began: no adapter may be added */
    WDFSPINLOCK AdapterListLock;      /* guards Adapters[] and AdapterListClosed */
    ADAPTER_SLOT Adapters[NDIS_SAMPLE_MAX_ADAPTERS]; /* adapters initialized and not halted */
    ULONGLONG RetiredRxFrames;        /* frames received by adapters already disposed */
} g;

static EVT_WDF_OBJECT_CONTEXT_CLEANUP AdapterCleanup;
static EVT_WDF_TIMER AdapterWatchdog;
static EVT_WDF_TIMER AdapterStatsTimer;
static EVT_WDF_WORKITEM AdapterResetWork;
static EVT_WDF_REQUEST_COMPLETION_ROUTINE AdapterLinkChanged;
#ifdef UF_BUG_CLEANUP_CREATE
static EVT_WDF_WORKITEM AdapterRetireWork;
#endif

/* ---- hardware state ---- */

/* Gives the adapter its hardware mirror. Returns STATUS_SUCCESS, or
 * STATUS_INSUFFICIENT_RESOURCES when the pool has none. */
static NTSTATUS AdapterAllocateHwState(PADAPTER_CONTEXT Ctx)
{
#if NDIS_SAMPLE_POOL
    Ctx->HwState = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(ADAPTER_HW_STATE), NDIS_SAMPLE_TAG);
    if (Ctx->HwState == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
#else
    Ctx->HwState = &Ctx->HwStateStorage;
#endif
    RtlZeroMemory(Ctx->HwState, sizeof(ADAPTER_HW_STATE));
    return STATUS_SUCCESS;
}

/* Releases the adapter's hardware mirror, if it has one. */
static VOID AdapterFreeHwState(PADAPTER_CONTEXT Ctx)
{
#if NDIS_SAMPLE_POOL
    if (Ctx->HwState != NULL)
        ExFreePoolWithTag(Ctx->HwState, NDIS_SAMPLE_TAG);
#endif
    Ctx->HwState = NULL;
}

/* ---- the receive path ---- */

/* Hands every descriptor of the ring back to the hardware. Caller holds
 * Ctx->Lock or owns the adapter alone (initialize). */
static VOID AdapterInitRxRing(PADAPTER_CONTEXT Ctx)
{
    ULONG i;

    for (i = 0; i < Ctx->RxDescriptors; i++) {
        Ctx->RxRing[i].Flags = 0;
        Ctx->RxRing[i].Length = 0;
        Ctx->RxRing[i].Buffer = 0;
    }
    Ctx->HwState->RxHead = 0;
}

/* The statistics timer, at DISPATCH_LEVEL: harvests the descriptors the
 * hardware filled and credits the filters that passed them. */
static VOID AdapterStatsTimer(WDFTIMER Timer)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfTimerGetParentObject(Timer));
    PRX_DESCRIPTOR ring;
    size_t ringBytes;
    ULONG i, n, done = 0, count;

    WdfSpinLockAcquire(ctx->Lock);
    /* The ring through its memory object: halt releases it, after stopping
     * this timer. */
    ring = WdfMemoryGetBuffer(ctx->RxBuffer, &ringBytes);
    n = (ULONG)(ringBytes / sizeof(RX_DESCRIPTOR));
    for (i = 0; i < n; i++) {
        if (ring[i].Flags & RX_DESC_DONE) {
            ring[i].Flags = 0;
            done++;
        }
    }
    ctx->RxFrames += done;
    count = WdfCollectionGetCount(ctx->Filters);
    for (i = 0; i < count; i++) {
        PFILTER_CONTEXT filter = FilterGetContext(WdfCollectionGetItem(ctx->Filters, i));

        if (filter != NULL)
            filter->Matches += done;
    }
    ctx->Harvests++;
    WdfSpinLockRelease(ctx->Lock);
}

/* The watchdog, at DISPATCH_LEVEL: when the statistics timer has not run
 * since the last tick the receive path is stuck; reset it at PASSIVE. */
static VOID AdapterWatchdog(WDFTIMER Timer)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfTimerGetParentObject(Timer));
    BOOLEAN reset = FALSE;

    WdfSpinLockAcquire(ctx->Lock);
    if (!ctx->Halted && ctx->Harvests == ctx->LastHarvests && !ctx->ResetPending) {
        ctx->ResetPending = TRUE;
        reset = TRUE;
    }
    ctx->LastHarvests = ctx->Harvests;
    WdfSpinLockRelease(ctx->Lock);
    if (reset)
        WdfWorkItemEnqueue(ctx->ResetWork);
}

/* The receive-path reset, at PASSIVE_LEVEL. */
static VOID AdapterResetWork(WDFWORKITEM WorkItem)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfWorkItemGetParentObject(WorkItem));

    PAGED_CODE();
    WdfSpinLockAcquire(ctx->Lock);
    if (ctx->Halted) {
        /* Halt flushes a queued reset before it releases the hardware
         * state; a reset that still runs after it (halt called where it
         * could not wait) finds nothing to reset. */
        ctx->ResetPending = FALSE;
        WdfSpinLockRelease(ctx->Lock);
        return;
    }
    AdapterInitRxRing(ctx);
    ctx->HwState->ResetCount++;
    ctx->ResetPending = FALSE;
    WdfSpinLockRelease(ctx->Lock);
}

/* ---- the link query ---- */

/* Formats the link query for the device below and sends it; it stays there
 * until the link changes. Returns the framework's status (the adapter runs
 * without watching its link when the query cannot go). */
static NTSTATUS AdapterQueryLink(PADAPTER_CONTEXT Ctx)
{
    NTSTATUS status;

    status = WdfIoTargetFormatRequestForIoctl(Ctx->Lower, Ctx->LinkQuery,
                                              IOCTL_NDIS_SAMPLE_LINK_CHANGE, NULL, NULL, NULL, NULL);
    if (!NT_SUCCESS(status))
        return status;
    WdfRequestSetCompletionRoutine(Ctx->LinkQuery, AdapterLinkChanged, Ctx);
    if (!WdfRequestSend(Ctx->LinkQuery, Ctx->Lower, WDF_NO_SEND_OPTIONS))
        return WdfRequestGetStatus(Ctx->LinkQuery);
    return STATUS_SUCCESS;
}

/* The link query's completion, at DISPATCH_LEVEL: the link changed, so the
 * receive ring starts over; then the query goes down again. Halt cancels
 * it before it releases the ring, so a failed or cancelled query only ends
 * the watch. */
static VOID AdapterLinkChanged(WDFREQUEST Request, WDFIOTARGET Target,
                               PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    PADAPTER_CONTEXT ctx = Context;
    PRX_DESCRIPTOR ring;
    size_t ringBytes;
#ifndef UF_BUG_RESEND_WITHOUT_REUSE
    WDF_REQUEST_REUSE_PARAMS reuse;
#endif

    UNREFERENCED_PARAMETER(Target);
    if (!NT_SUCCESS(Params->IoStatus.Status))
        return;
    WdfSpinLockAcquire(ctx->Lock);
    /* Through the ring's memory object, as the statistics timer reads it. */
    ring = WdfMemoryGetBuffer(ctx->RxBuffer, &ringBytes);
    if (ringBytes >= sizeof(RX_DESCRIPTOR))
        ring[0].Flags = 0;
    ctx->LinkChanges++;
    WdfSpinLockRelease(ctx->Lock);
#ifdef UF_BUG_RESEND_WITHOUT_REUSE
    /* Bug: "the request is ours, send it again": a completed request must be
     * reused and formatted before it goes down again. */
    (void)WdfRequestSend(Request, ctx->Lower, WDF_NO_SEND_OPTIONS);
#else
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    if (NT_SUCCESS(WdfRequestReuse(Request, &reuse)))
        (void)AdapterQueryLink(ctx);
#endif
}

/* ---- the adapter list ---- */

/* Reserves a slot for Fdo. Returns its index, or -1 when the list is full or
 * closed by unload. */
static int AdapterListReserve(PDEVICE_OBJECT Fdo)
{
    int slot = -1, i;

    WdfSpinLockAcquire(g.AdapterListLock);
    for (i = 0; i < NDIS_SAMPLE_MAX_ADAPTERS && !g.AdapterListClosed; i++) {
        if (g.Adapters[i].Fdo == NULL) {
            g.Adapters[i].Fdo = Fdo;
            slot = i;
            break;
        }
    }
    WdfSpinLockRelease(g.AdapterListLock);
    return slot;
}

/* Publishes Device in slot (Device NULL: gives the slot back). */
static VOID AdapterListSet(int Slot, WDFDEVICE Device)
{
    WdfSpinLockAcquire(g.AdapterListLock);
    g.Adapters[Slot].Device = Device;
    if (Device == NULL)
        g.Adapters[Slot].Fdo = NULL;
    WdfSpinLockRelease(g.AdapterListLock);
}

/* Takes the adapter created over Fdo off the list. Returns its device, or
 * NULL when there is none. */
static WDFDEVICE AdapterListRemove(PDEVICE_OBJECT Fdo)
{
    WDFDEVICE device = NULL;
    int i;

    WdfSpinLockAcquire(g.AdapterListLock);
    for (i = 0; i < NDIS_SAMPLE_MAX_ADAPTERS; i++) {
        if (g.Adapters[i].Fdo == Fdo && g.Adapters[i].Device != NULL) {
            device = g.Adapters[i].Device;
            g.Adapters[i].Device = NULL;
            g.Adapters[i].Fdo = NULL;
            break;
        }
    }
    WdfSpinLockRelease(g.AdapterListLock);
    return device;
}

/* ---- MiniportInitializeEx ---- */

/* Creates a FILTER passing PacketFilter under Device and adds it to the
 * adapter's filter collection. Returns the framework's status. */
static NTSTATUS AdapterAddFilter(WDFDEVICE Device, PADAPTER_CONTEXT Ctx, ULONG PacketFilter)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT filter;
    NTSTATUS status;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FILTER_CONTEXT);
    attributes.ParentObject = Device;
    status = WdfObjectCreate(&attributes, &filter);
    if (!NT_SUCCESS(status))
        return status;
    FilterGetContext(filter)->PacketFilter = PacketFilter;
    status = WdfCollectionAdd(Ctx->Filters, filter);
    if (!NT_SUCCESS(status))
        WdfObjectDelete(filter);
    return status;
}

/* The device's cleanup, at PASSIVE_LEVEL: the framework disposes the
 * adapter, at the driver's teardown or on initialize's failure path. Its
 * children (timers, ring, filters) are already disposed; the context is
 * still there. The adapter's counters go into the driver's totals. */
static VOID AdapterCleanup(WDFOBJECT Device)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(Device);

#ifdef UF_BUG_CLEANUP_CREATE
    /* Bug: the totals are "written out at PASSIVE by a work item", created
     * under the device so that it goes away with it. The device is being
     * deleted, so it refuses new children (STATUS_DELETE_PENDING); the
     * status is ignored and the NULL handle enqueued. */
    WDF_WORKITEM_CONFIG workConfig;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFWORKITEM retire = NULL;

    WDF_WORKITEM_CONFIG_INIT(&workConfig, AdapterRetireWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Device;
    (void)WdfWorkItemCreate(&workConfig, &attributes, &retire);
    WdfWorkItemEnqueue(retire);
#else
    g.RetiredRxFrames += ctx->RxFrames;
#endif
    ctx->RxFrames = 0;
}

#ifdef UF_BUG_CLEANUP_CREATE
/* The work item the buggy cleanup means to run: the adapter's totals. */
static VOID AdapterRetireWork(WDFWORKITEM WorkItem)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfWorkItemGetParentObject(WorkItem));

    g.RetiredRxFrames += ctx->RxFrames;
}
#endif

/* MiniportInitializeEx, at PASSIVE_LEVEL: one miniport device over the
 * port's FDO, and everything the adapter runs on under it. Any failure
 * deletes the device (and so all of it) and frees what is not a framework
 * object. */
static NTSTATUS NdisSampleDeviceArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice,
                                        PDEVICE_OBJECT Pdo)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_TIMER_CONFIG timerConfig;
    WDF_WORKITEM_CONFIG workConfig;
    PADAPTER_CONTEXT ctx;
    WDFDEVICE device;
    size_t ringBytes;
    NTSTATUS status;
    ULONG i;
    int slot;

    PAGED_CODE();
    slot = AdapterListReserve(Fdo);
    if (slot < 0)
        return STATUS_INSUFFICIENT_RESOURCES;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, ADAPTER_CONTEXT);
    attributes.EvtCleanupCallback = AdapterCleanup;
    status = WdfDeviceMiniportCreate(WdfGetDriver(), &attributes, Fdo, NextDevice, Pdo, &device);
    if (!NT_SUCCESS(status))
        goto out_free_slot;
    ctx = AdapterGetContext(device);
    ctx->Fdo = Fdo;

    status = AdapterAllocateHwState(ctx);
    if (!NT_SUCCESS(status))
        goto out_delete_device;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfSpinLockCreate(&attributes, &ctx->Lock);
    if (!NT_SUCCESS(status))
        goto out_free_hw_state;

    /* The receive ring: non-paged, the timers read it at DISPATCH_LEVEL. */
    status = WdfMemoryCreate(&attributes, NonPagedPoolNx, NDIS_SAMPLE_TAG,
                             NDIS_SAMPLE_RX_DESCRIPTORS * sizeof(RX_DESCRIPTOR), &ctx->RxBuffer,
                             NULL);
#ifndef UF_BUG_MEMORY_STATUS
    if (!NT_SUCCESS(status))
        goto out_free_hw_state;
#endif
    /* UF_BUG_MEMORY_STATUS: the status check above is missing ("a 512-byte
     * allocation does not fail"), so a failed create hands the NULL handle
     * on. */
    ctx->RxRing = WdfMemoryGetBuffer(ctx->RxBuffer, &ringBytes);
    ctx->RxDescriptors = (ULONG)(ringBytes / sizeof(RX_DESCRIPTOR));
    AdapterInitRxRing(ctx);

    status = WdfCollectionCreate(&attributes, &ctx->Filters);
    if (!NT_SUCCESS(status))
        goto out_free_hw_state;
    for (i = 0; i < sizeof(DefaultPacketFilters) / sizeof(DefaultPacketFilters[0]); i++) {
        status = AdapterAddFilter(device, ctx, DefaultPacketFilters[i]);
        if (!NT_SUCCESS(status))
            goto out_free_hw_state;
    }

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, AdapterWatchdog, NDIS_SAMPLE_WATCHDOG_MS);
    status = WdfTimerCreate(&timerConfig, &attributes, &ctx->Watchdog);
    if (!NT_SUCCESS(status))
#ifdef UF_BUG_POOL_LEAK
        /* Bug: the error path added with the watchdog jumps past the
         * label that frees the hardware state. */
        goto out_delete_device;
#else
        goto out_free_hw_state;
#endif

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, AdapterStatsTimer, NDIS_SAMPLE_STATS_MS);
    status = WdfTimerCreate(&timerConfig, &attributes, &ctx->StatsTimer);
    if (!NT_SUCCESS(status))
        goto out_free_hw_state;

    WDF_WORKITEM_CONFIG_INIT(&workConfig, AdapterResetWork);
    status = WdfWorkItemCreate(&workConfig, &attributes, &ctx->ResetWork);
    if (!NT_SUCCESS(status))
        goto out_free_hw_state;

    /* The link query, sized for the device below. */
    ctx->Lower = WdfDeviceGetIoTarget(device);
#ifdef UF_BUG_REQUEST_OUTLIVES_DEVICE
    /* The query is the driver's ("a request must outlive the adapter so
     * that halt can say goodbye with it"). */
    status = WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, ctx->Lower, &ctx->LinkQuery);
#else
    status = WdfRequestCreate(&attributes, ctx->Lower, &ctx->LinkQuery);
#endif
    if (!NT_SUCCESS(status))
        goto out_free_hw_state;

    /* The adapter is complete: halt can find it from here on. */
    AdapterListSet(slot, device);
    WdfTimerStart(ctx->Watchdog, WDF_REL_TIMEOUT_IN_MS(NDIS_SAMPLE_WATCHDOG_MS));
    WdfTimerStart(ctx->StatsTimer, WDF_REL_TIMEOUT_IN_MS(NDIS_SAMPLE_STATS_MS));
    (void)AdapterQueryLink(ctx);
    return STATUS_SUCCESS;

out_free_hw_state:
    AdapterFreeHwState(ctx);
out_delete_device:
    /* Disposes the device's children (the timers stop, nothing was started)
     * and runs AdapterCleanup. */
    WdfObjectDelete(device);
out_free_slot:
    AdapterListSet(slot, NULL);
    return status;
}

/* ---- MiniportHaltEx ---- */

/* MiniportHaltEx, at PASSIVE_LEVEL: the port stopped sending the adapter
 * work. Quiesce it and release what the hardware used; the device and its
 * remaining children go with the driver at unload. */
static VOID NdisSampleDeviceRemoval(PDEVICE_OBJECT Fdo)
{
    PADAPTER_CONTEXT ctx;
    WDFDEVICE device;

    PAGED_CODE();
    device = AdapterListRemove(Fdo);
    if (device == NULL)
        return;
    ctx = AdapterGetContext(device);

    WdfSpinLockAcquire(ctx->Lock);
    ctx->Halted = TRUE;
    ctx->HwState->InterruptMask = 0;
    ctx->HwState->ReceiveControl = 0;
    WdfSpinLockRelease(ctx->Lock);

    /* Nothing may run on the adapter from here: stop the watchdog (it
     * queues the reset), let a queued reset finish, then stop the
     * statistics timer, each time waiting for a callback in progress. */
    WdfTimerStop(ctx->Watchdog, TRUE);
    WdfWorkItemFlush(ctx->ResetWork);
#ifndef UF_BUG_STATS_TIMER
    WdfTimerStop(ctx->StatsTimer, TRUE);
#endif
    /* UF_BUG_STATS_TIMER: the statistics timer was added after halt was
     * written, and halt was never taught to stop it: it keeps firing into
     * the ring released below. */

    /* The link query's completion touches the ring: cancel it and wait for
     * it before the ring goes. */
#if defined(UF_BUG_HALT_WAITS_FOR_IO)
    /* Bug: "halt lets the query finish": it completes only on a link
     * change, so halt waits for a change that may never come. */
    WdfIoTargetStop(ctx->Lower, WdfIoTargetWaitForSentIoToComplete);
#elif !defined(UF_BUG_TARGET_NOT_STOPPED)
    WdfIoTargetStop(ctx->Lower, WdfIoTargetCancelSentIo);
#endif
    /* UF_BUG_TARGET_NOT_STOPPED: the query was added after halt was
     * written; it is still at the lower device, and a link change after
     * halt runs its completion on the released ring. */

    /* The ring and the hardware mirror are the adapter's; the handle is not
     * cleared: nothing runs on a halted adapter. */
    WdfObjectDelete(ctx->RxBuffer);
    ctx->RxRing = NULL;
    ctx->RxDescriptors = 0;
    AdapterFreeHwState(ctx);
#ifdef UF_BUG_REQUEST_OUTLIVES_DEVICE
    {
        /* Bug: the adapter's device goes here, and the query, being the
         * driver's, is used afterwards to tell the device below that the
         * adapter is gone: the target it was cached with went with the
         * device. */
        WDFIOTARGET lower = ctx->Lower;
        WDFREQUEST query = ctx->LinkQuery;

        WdfObjectDelete(device);
        if (NT_SUCCESS(WdfIoTargetFormatRequestForIoctl(lower, query, IOCTL_NDIS_SAMPLE_LINK_DOWN,
                                                        NULL, NULL, NULL, NULL)))
            (void)WdfRequestSend(query, lower, WDF_NO_SEND_OPTIONS);
    }
#endif
}

/* ---- the NDIS 6 handlers over the adapter routines above ---- */

/* The adapter's device, found by the FDO NDIS created for it (the
 * MiniportAdapterContext every handler receives). NULL when it is gone. */
static WDFDEVICE AdapterListFind(PDEVICE_OBJECT Fdo)
{
    WDFDEVICE device = NULL;
    int i;

    WdfSpinLockAcquire(g.AdapterListLock);
    for (i = 0; i < NDIS_SAMPLE_MAX_ADAPTERS; i++)
        if (g.Adapters[i].Fdo == Fdo && g.Adapters[i].Device != NULL)
            device = g.Adapters[i].Device;
    WdfSpinLockRelease(g.AdapterListLock);
    return device;
}

/* MiniportInitializeEx: the adapter's context is the FDO NDIS created for
 * it, the key of the adapter list; the device objects come from NDIS
 * (NdisMGetDeviceProperty). */
static NDIS_STATUS NdisSampleInitializeEx(NDIS_HANDLE MiniportAdapterHandle,
                                          NDIS_HANDLE MiniportDriverContext,
                                          PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES registration;
    PDEVICE_OBJECT pdo = NULL, fdo = NULL, next = NULL;
    WDFDEVICE device;
    NDIS_STATUS status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(InitParameters);
    NdisMGetDeviceProperty(MiniportAdapterHandle, &pdo, &fdo, &next, NULL, NULL);

    NdisZeroMemory(&registration, sizeof(registration));
    registration.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    registration.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    registration.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    registration.MiniportAdapterContext = fdo;
    registration.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM;
    registration.InterfaceType = NdisInterfacePNPBus;
    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&registration);
    if (status != NDIS_STATUS_SUCCESS)
        return status;

    status = NdisSampleDeviceArrival(fdo, next, pdo);
    if (!NT_SUCCESS(status))
        return status == STATUS_INSUFFICIENT_RESOURCES ? NDIS_STATUS_RESOURCES : NDIS_STATUS_FAILURE;
    device = AdapterListFind(fdo);
    if (device != NULL)
        AdapterGetContext(device)->MiniportAdapterHandle = MiniportAdapterHandle;
    return NDIS_STATUS_SUCCESS;
}

static VOID NdisSampleHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisSampleDeviceRemoval((PDEVICE_OBJECT)MiniportAdapterContext);
}

/* The adapter has no data path of its own: nothing to drain, so pause and
 * restart complete at once. */
static NDIS_STATUS NdisSamplePause(NDIS_HANDLE MiniportAdapterContext,
                                   PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS NdisSampleRestart(NDIS_HANDLE MiniportAdapterContext,
                                     PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

/* Sends are not transmitted: each comes back at once, failed. */
static VOID NdisSampleSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext,
                                         PNET_BUFFER_LIST NetBufferLists,
                                         NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    WDFDEVICE device = AdapterListFind((PDEVICE_OBJECT)MiniportAdapterContext);
    PNET_BUFFER_LIST nbl;
    ULONG completeFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);
    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl))
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_MEDIA_DISCONNECTED;
    if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags))
        NDIS_SET_SEND_COMPLETE_FLAG(completeFlags, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    if (device != NULL)
        NdisMSendNetBufferListsComplete(AdapterGetContext(device)->MiniportAdapterHandle,
                                        NetBufferLists, completeFlags);
}

static VOID NdisSampleReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext,
                                           PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

static VOID NdisSampleCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* Requests complete at once: the packet filter is kept, the rest is not
 * supported. */
static NDIS_STATUS NdisSampleOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

static VOID NdisSampleCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

static VOID NdisSampleDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext,
                                           PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

static VOID NdisSampleShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

/* ---- DriverEntry and MiniportDriverUnload ---- */

/* Undoes what DriverEntry did, in the order NDIS-WDF miniports use: the
 * framework driver first (WdfDriverMiniportUnload deletes the devices,
 * timers and everything else of the driver), then the port registration.
 * Shared by DriverEntry's failure path and the end of unload, so it must do
 * nothing twice. */
static VOID NdisSampleReleaseDriver(VOID)
{
#ifdef UF_BUG_STALE_GUARD
    /* Bug: "release the framework driver if there is one". WdfGetDriver()
     * is NULL only before WdfDriverCreate: after WdfDriverMiniportUnload it
     * returns the deleted driver's handle, so when unload has already
     * unloaded the driver this unloads it a second time. */
    if (WdfGetDriver() != NULL) {
#else
    if (g.FrameworkDriverCreated) {
#endif
        g.FrameworkDriverCreated = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
    if (g.MiniportDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(g.MiniportDriverHandle);
        g.MiniportDriverHandle = NULL;
    }
}

/* MiniportDriverUnload, at PASSIVE_LEVEL: the port removed every adapter
 * (halt ran for each). Close the adapter list, unload the framework driver,
 * deregister from the port. A second call finds nothing registered. */
static VOID NdisSampleDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    PAGED_CODE();
    if (!g.Registered)
        return;
    g.Registered = FALSE;

    WdfSpinLockAcquire(g.AdapterListLock);
    g.AdapterListClosed = TRUE;
#ifdef UF_BUG_UNLOAD_LOCKED
    /* Bug: the list is kept locked across the teardown "so that no adapter
     * can slip in while the driver goes away": WdfDriverMiniportUnload runs
     * at DISPATCH_LEVEL, where deleting the driver cannot wait for its
     * dispose list. The release after it is too late. */
    g.FrameworkDriverCreated = FALSE;
    WdfDriverMiniportUnload(WdfGetDriver());
    WdfSpinLockRelease(g.AdapterListLock);
#elif defined(UF_BUG_NO_MINIPORT_UNLOAD)
    WdfSpinLockRelease(g.AdapterListLock);
    /* Bug: written as for a KMDF driver whose framework unloads it ("the
     * framework deletes its own objects when the driver goes"): the
     * framework driver is only marked released, so the helper below just
     * deregisters from NDIS. With no EvtDriverUnload registered nothing
     * deletes it: at image unload the driver object and everything under it
     * are left behind. */
    g.FrameworkDriverCreated = FALSE;
#else
    WdfSpinLockRelease(g.AdapterListLock);
    g.FrameworkDriverCreated = FALSE;
    WdfDriverMiniportUnload(WdfGetDriver());
#endif
    NdisSampleReleaseDriver();
}

/* DriverEntry, at PASSIVE_LEVEL: the framework driver (the port keeps its
 * dispatch table; no EvtDriverUnload, which the framework would never call),
 * the adapter list's lock, the port registration. A failure after
 * WdfDriverCreate unloads the framework driver again. */
DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    NDIS_HANDLE miniportDriverHandle = NULL;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    config.DriverPoolTag = NDIS_SAMPLE_TAG;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    g.FrameworkDriverCreated = TRUE;

    /* Parented to the driver: the list outlives every adapter. */
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    status = WdfSpinLockCreate(&attributes, &g.AdapterListLock);
    if (!NT_SUCCESS(status))
        goto out_release;

    NdisZeroMemory(&ch, sizeof(ch));
    ch.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    ch.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    ch.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    ch.MajorNdisVersion = 6;
    ch.MinorNdisVersion = 0;
    ch.MajorDriverVersion = 1;
    ch.InitializeHandlerEx = NdisSampleInitializeEx;
    ch.HaltHandlerEx = NdisSampleHaltEx;
    ch.UnloadHandler = NdisSampleDriverUnload;
    ch.PauseHandler = NdisSamplePause;
    ch.RestartHandler = NdisSampleRestart;
    ch.OidRequestHandler = NdisSampleOidRequest;
    ch.SendNetBufferListsHandler = NdisSampleSendNetBufferLists;
    ch.ReturnNetBufferListsHandler = NdisSampleReturnNetBufferLists;
    ch.CancelSendHandler = NdisSampleCancelSend;
    ch.DevicePnPEventNotifyHandler = NdisSampleDevicePnPEventNotify;
    ch.ShutdownHandlerEx = NdisSampleShutdownEx;
    ch.CancelOidRequestHandler = NdisSampleCancelOidRequest;
    status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &ch, &miniportDriverHandle);
    if (!NT_SUCCESS(status))
        goto out_release;
    g.MiniportDriverHandle = miniportDriverHandle;
    g.Registered = TRUE;
    return STATUS_SUCCESS;

out_release:
#ifndef UF_ENTRY_FAILURE_STUB
    NdisSampleReleaseDriver();
#endif
    /* UF_ENTRY_FAILURE_STUB (not a bug): the failure path leaves the
     * framework driver to the framework. When DriverEntry fails, the KMDF
     * stub the driver links unbinds from the framework as the image
     * unloads, and FxLibraryCommonUnregisterClient
     * (kmdf/src/librarycommon/fxlibrarycommon.cpp) deletes the framework
     * driver still alive and everything under it, cleanup callbacks
     * included, whatever its init flags. Nothing is registered with NDIS
     * yet on either path that comes here. */
    return status;
}
