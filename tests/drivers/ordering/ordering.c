/*
 * ordering.c - a driver with a bug that only one ordering of three events
 * reaches, for the test of the explorer's bounded search
 * (tests/check_explore.sh). Its adapter has a one-shot timer (started at
 * arrival), a work item and a buffer. The timer queues the work item; the
 * work item retires the buffer (deletes it) but forgets its handle; the
 * removal, which first tells the work item to stand down and flushes it,
 * then reads the buffer if it was retired: a use after free when, and only
 * when, the timer fired, then the work item ran, then the device left.
 */
#include "unloadfuzz_driver.h"

static struct {
    BOOLEAN Loaded;
    BOOLEAN Removing;   /* the work item stands down */
    BOOLEAN Retired;    /* the work item deleted Buffer (and kept the handle) */
    WDFDEVICE Device;
    WDFTIMER Timer;
    WDFWORKITEM Work;
    WDFMEMORY Buffer;
} g;

static VOID OrderingReset(VOID)
{
    RtlZeroMemory(&g, sizeof(g));
}

static VOID OrderingTimer(WDFTIMER Timer)
{
    UNREFERENCED_PARAMETER(Timer);
    WdfWorkItemEnqueue(g.Work);
}

static VOID OrderingWork(WDFWORKITEM WorkItem)
{
    UNREFERENCED_PARAMETER(WorkItem);
    if (g.Removing)
        return;
    WdfObjectDelete(g.Buffer); /* the bug: g.Buffer still holds the handle */
    g.Retired = TRUE;
}

static NTSTATUS OrderingEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    g.Loaded = NT_SUCCESS(status);
    return status;
}

static NTSTATUS OrderingArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_TIMER_CONFIG timerConfig;
    WDF_WORKITEM_CONFIG workConfig;
    NTSTATUS status;

    if (g.Device != NULL)
        return STATUS_INSUFFICIENT_RESOURCES; /* one adapter */
    status = WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, Fdo, NextDevice,
                                     Pdo, &g.Device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g.Device;
    WDF_TIMER_CONFIG_INIT(&timerConfig, OrderingTimer);
    status = WdfTimerCreate(&timerConfig, &attributes, &g.Timer);
    if (NT_SUCCESS(status)) {
        WDF_WORKITEM_CONFIG_INIT(&workConfig, OrderingWork);
        status = WdfWorkItemCreate(&workConfig, &attributes, &g.Work);
    }
    if (NT_SUCCESS(status))
        status = WdfMemoryCreate(&attributes, NonPagedPoolNx, 0x6472724F /* 'Ordr' */, 64,
                                 &g.Buffer, NULL);
    if (!NT_SUCCESS(status)) {
        WdfObjectDelete(g.Device);
        g.Device = NULL;
        return status;
    }
    WdfTimerStart(g.Timer, WDF_REL_TIMEOUT_IN_MS(10));
    return STATUS_SUCCESS;
}

static VOID OrderingRemoval(PDEVICE_OBJECT Fdo)
{
    UNREFERENCED_PARAMETER(Fdo);
    g.Removing = TRUE;
    WdfTimerStop(g.Timer, TRUE);
    WdfWorkItemFlush(g.Work);
    if (g.Retired)
        (void)WdfMemoryGetBuffer(g.Buffer, NULL); /* freed: the bug shows */
    WdfObjectDelete(g.Device);
    g.Device = NULL;
}

static VOID OrderingUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (g.Loaded) {
        g.Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = OrderingEntry, .device_arrival = OrderingArrival,
          .device_removal = OrderingRemoval, .unload = OrderingUnload, .reset = OrderingReset);
