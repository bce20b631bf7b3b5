/*
 * demo_miniport.c - a small miniport driver, written as real KMDF code, that
 * `unloadfuzz demo` runs through its life: load, a device arriving, its
 * timer and work item firing, the device leaving, unload.
 *
 * It is the shape of an NDIS-style miniport: WdfDriverCreate with
 * WdfDriverInitNoDispatchOverride (the port owns the dispatch table), one
 * WdfDeviceMiniportCreate per adapter with a context, a watchdog timer and
 * a work item parented to the device, a lookaside-style WDFMEMORY and a
 * collection of per-adapter objects. It registers no EvtDriverUnload, which
 * the framework never calls for a NoDispatchOverride miniport: its unload
 * routine does the unloading, guarded by the driver's own state, which is
 * what makes a second unload harmless; the
 * variant built with UF_BUG_STALE_GUARD (the target demo_bug_stale_guard)
 * guards with WdfGetDriver() instead, the bug the demo then shows.
 */
#include "demo_miniport.h"

typedef struct _ADAPTER_CONTEXT {
    WDFTIMER Watchdog;
    WDFWORKITEM ResetWork;
    WDFMEMORY Scratch;
    WDFCOLLECTION Filters;
    ULONG WatchdogTicks;
    ULONG Resets;
} ADAPTER_CONTEXT, *PADAPTER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(ADAPTER_CONTEXT, AdapterGetContext)

#ifdef UF_BUG_STALE_GUARD
#define DEMO_STALE_GUARD TRUE /* the variant: the target demo_bug_stale_guard */
#else
#define DEMO_STALE_GUARD FALSE
#endif

#define DEMO_GLOBALS_AT_LOAD {FALSE, DEMO_STALE_GUARD, NULL}

static struct {
    BOOLEAN Loaded;          /* the driver's own unload guard */
    BOOLEAN StaleGuard;      /* the buggy variant: guard with WdfGetDriver() */
    WDFDEVICE Adapter;       /* the one adapter of the demo */
} g = DEMO_GLOBALS_AT_LOAD;

/* For the unit tests that call the routines directly, with no harness to
 * restore the globals between runs. */
void demo_reset(void)
{
    static const __typeof__(g) at_load = DEMO_GLOBALS_AT_LOAD;

    g = at_load;
}

/* The adapter's device handle, NULL when none; the port reaches it through
 * demo_miniport.h. */
WDFDEVICE demo_adapter(void) { return g.Adapter; }

static EVT_WDF_TIMER AdapterWatchdog;
static EVT_WDF_WORKITEM AdapterResetWork;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP AdapterCleanup;

/* The watchdog runs at DISPATCH_LEVEL: it counts and schedules a reset. */
static VOID AdapterWatchdog(WDFTIMER Timer)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfTimerGetParentObject(Timer));

    ctx->WatchdogTicks++;
    WdfWorkItemEnqueue(ctx->ResetWork);
}

/* The reset runs at PASSIVE_LEVEL. */
static VOID AdapterResetWork(WDFWORKITEM WorkItem)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(WdfWorkItemGetParentObject(WorkItem));

    PAGED_CODE();
    ctx->Resets++;
}

/* The adapter's cleanup: stop the watchdog before the framework disposes it.
 * The timer is missing when arrival failed before creating it. */
static VOID AdapterCleanup(WDFOBJECT Device)
{
    PADAPTER_CONTEXT ctx = AdapterGetContext(Device);

    if (ctx->Watchdog)
        WdfTimerStop(ctx->Watchdog, FALSE);
}

/* DriverEntry. No EvtDriverUnload: FxDriver::Initialize (shared/core/fxdriver.cpp
 * in the KMDF source) keeps it only when the framework owns the dispatch
 * table, so WdfDriverMiniportUnload never calls it for this driver. */
NTSTATUS demo_driver_entry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        g.Loaded = TRUE;
    return status;
}

NTSTATUS demo_device_arrival(PDEVICE_OBJECT DeviceObject)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_TIMER_CONFIG timerConfig;
    WDF_WORKITEM_CONFIG workConfig;
    PADAPTER_CONTEXT ctx;
    WDFDEVICE device;
    NTSTATUS status;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, ADAPTER_CONTEXT);
    attributes.EvtCleanupCallback = AdapterCleanup;
    status = WdfDeviceMiniportCreate(WdfGetDriver(), &attributes, DeviceObject, NULL, NULL,
                                     &device);
    if (!NT_SUCCESS(status))
        return status;
    ctx = AdapterGetContext(device);

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, AdapterWatchdog, 1000);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfTimerCreate(&timerConfig, &attributes, &ctx->Watchdog);
    if (!NT_SUCCESS(status))
        goto out_delete_device;

    WDF_WORKITEM_CONFIG_INIT(&workConfig, AdapterResetWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfWorkItemCreate(&workConfig, &attributes, &ctx->ResetWork);
    if (!NT_SUCCESS(status))
        goto out_delete_device;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfMemoryCreate(&attributes, NonPagedPoolNx, 0x6F6D6544 /* 'Demo' */, 256, &ctx->Scratch, NULL);
    if (!NT_SUCCESS(status))
        goto out_delete_device;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfCollectionCreate(&attributes, &ctx->Filters);
    if (!NT_SUCCESS(status))
        goto out_delete_device;
    status = WdfCollectionAdd(ctx->Filters, ctx->Scratch);
    if (!NT_SUCCESS(status))
        goto out_delete_device;

    WdfTimerStart(ctx->Watchdog, WDF_REL_TIMEOUT_IN_MS(1000));
    g.Adapter = device;
    return STATUS_SUCCESS;

out_delete_device:
    WdfObjectDelete(device);
    return status;
}

void demo_device_removal(void)
{
    if (g.Adapter) {
        WdfObjectDelete(g.Adapter);
        g.Adapter = NULL;
    }
}

/* The port's unload routine: whatever unload must do happens here, before
 * WdfDriverMiniportUnload; nothing in the framework does it for the driver. */
void demo_unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (g.StaleGuard) {
        /* The bug: WdfGetDriver() is never NULL once a driver was created,
         * not even after unload, so this guard does not guard. */
        if (WdfGetDriver() != NULL)
            WdfDriverMiniportUnload(WdfGetDriver());
        return;
    }
    if (g.Loaded) {
        g.Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}
