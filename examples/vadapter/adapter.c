/*++

Module Name:

    adapter.c

Abstract:

    The adapter's start (PortCls's StartDevice) and removal: its miniport
    device, the DMA buffer the position timer walks, and the work item
    that renders a period.

Environment:

    Kernel mode

--*/

#include "adapter.h"
#include "adapter.tmh"

EVT_WDF_TIMER VAdapterEvtPositionTimer;
EVT_WDF_WORKITEM VAdapterEvtRenderWork;
EVT_WDF_OBJECT_CONTEXT_CLEANUP VAdapterEvtDeviceCleanup;

#pragma alloc_text(PAGE, VAdapterStartDevice)
#pragma alloc_text(PAGE, VAdapterRemoveDevice)
#pragma alloc_text(PAGE, VAdapterEvtRenderWork)

#define VADAPTER_MAX 4
#define VADAPTER_PERIOD_BYTES 1024

static WDFDEVICE g_Adapters[VADAPTER_MAX];
static WCHAR g_LastAdapterName[64];

//
// Every 10 ms the position advances; each period is rendered at PASSIVE_LEVEL.
//
VOID
VAdapterEvtPositionTimer(
    _In_ WDFTIMER Timer
    )
{
    PADAPTER_CONTEXT context = AdapterGetContext(WdfTimerGetParentObject(Timer));

    if (!context->Running || context->DmaBuffer == NULL) {
        return;
    }
    context->DmaBuffer[context->Position % context->BufferSize]++;
    context->Position += 256;
    if ((context->Position % VADAPTER_PERIOD_BYTES) == 0) {
        WdfWorkItemEnqueue(context->RenderWork);
    }
}

VOID
VAdapterEvtRenderWork(
    _In_ WDFWORKITEM WorkItem
    )
{
    PADAPTER_CONTEXT context;

    PAGED_CODE();

    context = AdapterGetContext(WdfWorkItemGetParentObject(WorkItem));
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_STREAM, "adapter %u period at %u",
                context->Index, context->Position);
}

NTSTATUS
VAdapterCreateTimer(
    _In_ WDFDEVICE Device,
    _Inout_ PADAPTER_CONTEXT Context
    )
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;

    WDF_TIMER_CONFIG_INIT_PERIODIC(&config, VAdapterEvtPositionTimer, 10);
    config.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Device;
    return WdfTimerCreate(&config, &attributes, &Context->PositionTimer);
}

NTSTATUS
VAdapterCreateRenderWork(
    _In_ WDFDEVICE Device,
    _Inout_ PADAPTER_CONTEXT Context
    )
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;

    WDF_WORKITEM_CONFIG_INIT(&config, VAdapterEvtRenderWork);
    config.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Device;
    return WdfWorkItemCreate(&config, &attributes, &Context->RenderWork);
}

//
// PortCls's StartDevice (PcAddAdapterDevice), from IRP_MN_START_DEVICE.
// A virtual adapter has no resources to read from the list.
//
NTSTATUS
VAdapterStartDevice(
    _In_ PDEVICE_OBJECT Fdo,
    _In_ PIRP Irp,
    _In_ PRESOURCELIST ResourceList
    )
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PADAPTER_CONTEXT context;
    WDFDEVICE device;
    NTSTATUS status;
    ULONG slot;

    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(ResourceList);

    PAGED_CODE();

    //
    // The count of adapters ever started only grows: the image's zero is
    // what each load starts from.
    //
    if (g_AdapterCount >= g_MaxAdapters) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "at most %u adapters", g_MaxAdapters);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    for (slot = 0; slot < VADAPTER_MAX && g_Adapters[slot] != NULL; slot++) {
    }
    if (slot == VADAPTER_MAX) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, ADAPTER_CONTEXT);
    attributes.EvtCleanupCallback = VAdapterEvtDeviceCleanup;
    //
    // Over PortCls's FDO alone, with no lower device and no PDO (SysVAD's):
    // the framework sends nothing down the stack.
    //
    status = WdfDeviceMiniportCreate(WdfGetDriver(), &attributes, Fdo, NULL, NULL, &device);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE,
                    "WdfDeviceMiniportCreate failed %!STATUS!", status);
        return status;
    }

    context = AdapterGetContext(device);
    context->Index = g_AdapterCount++;
    context->BufferSize = g_BufferSize;
    context->DmaBuffer = (PUCHAR)ExAllocatePool2(POOL_FLAG_NON_PAGED, g_BufferSize,
                                                 VADAPTER_POOLTAG);
    if (context->DmaBuffer == NULL) {
        WdfObjectDelete(device);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    status = VAdapterCreateTimer(device, context);
    if (NT_SUCCESS(status)) {
        status = VAdapterCreateRenderWork(device, context);
    }
    if (!NT_SUCCESS(status)) {
        //
        // The device's cleanup releases the buffer.
        //
        WdfObjectDelete(device);
        return status;
    }

    (VOID)RtlStringCchPrintfW(g_LastAdapterName, ARRAYSIZE(g_LastAdapterName),
                              L"Virtual Audio Adapter %u", context->Index);

    g_Adapters[slot] = device;
    context->Running = TRUE;
    WdfTimerStart(context->PositionTimer, WDF_REL_TIMEOUT_IN_MS(10));
    Trace(TRACE_LEVEL_INFORMATION, "%ws started", g_LastAdapterName);
    return STATUS_SUCCESS;
}

VOID
VAdapterEvtDeviceCleanup(
    _In_ WDFOBJECT Device
    )
{
    PADAPTER_CONTEXT context = AdapterGetContext(Device);

    if (context->DmaBuffer != NULL) {
        ExFreePoolWithTag(context->DmaBuffer, VADAPTER_POOLTAG);
        context->DmaBuffer = NULL;
    }
}

//
// The adapter over Fdo leaves (its PnP dispatch, at a stop, surprise
// removal or removal): the timer stops, the work item finishes, the
// device goes.
//
VOID
VAdapterRemoveDevice(
    _In_ PDEVICE_OBJECT Fdo
    )
{
    PADAPTER_CONTEXT context;
    WDFDEVICE device;
    ULONG slot;

    PAGED_CODE();

    for (slot = 0; slot < VADAPTER_MAX; slot++) {
        if (g_Adapters[slot] != NULL && WdfDeviceWdmGetDeviceObject(g_Adapters[slot]) == Fdo) {
            break;
        }
    }
    if (slot == VADAPTER_MAX) {
        return;
    }

    device = g_Adapters[slot];
    g_Adapters[slot] = NULL;
    context = AdapterGetContext(device);
    context->Running = FALSE;
    WdfTimerStop(context->PositionTimer, TRUE);
    WdfWorkItemFlush(context->RenderWork);
    WdfObjectDelete(device);
}
