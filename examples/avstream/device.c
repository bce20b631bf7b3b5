/*++

Module Name:

    device.c

Abstract:

    The device dispatch of the capture minidriver: what AVStream calls as
    the device is added, started, stopped, pulled out and removed.

      Add              a KMDF miniport device over the KSDEVICE's device
                       objects, and under it the frame timer and the frame
                       work item
      Start            maps the sensor (its registers in nonpaged pool)
                       and starts the frame timer
      Stop             stops the timer, waits for the work item, unmaps
                       the sensor
      SurpriseRemoval  the sensor is gone: no more frames
      Remove           deletes the miniport device, and with it the timer
                       and the work item

    AVStream calls Stop at removal whenever the device is still started,
    also after a surprise removal, so the sensor is unmapped in one place,
    Stop.

Environment:

    Kernel mode

--*/

#include "avcapture.h"

static NTSTATUS AvCaptureDispatchAdd(_In_ PKSDEVICE Device);
static NTSTATUS AvCaptureDispatchStart(_In_ PKSDEVICE Device, _In_ PIRP Irp,
                                       _In_opt_ PCM_RESOURCE_LIST TranslatedResources,
                                       _In_opt_ PCM_RESOURCE_LIST UntranslatedResources);
static void AvCaptureDispatchStop(_In_ PKSDEVICE Device, _In_ PIRP Irp);
static void AvCaptureDispatchSurpriseRemoval(_In_ PKSDEVICE Device, _In_ PIRP Irp);
static void AvCaptureDispatchRemove(_In_ PKSDEVICE Device, _In_ PIRP Irp);
static EVT_WDF_TIMER AvCaptureEvtFrameTimer;
static EVT_WDF_WORKITEM AvCaptureEvtFrameWork;

#pragma alloc_text(PAGE, AvCaptureDispatchAdd)
#pragma alloc_text(PAGE, AvCaptureDispatchStart)
#pragma alloc_text(PAGE, AvCaptureDispatchStop)
#pragma alloc_text(PAGE, AvCaptureDispatchSurpriseRemoval)
#pragma alloc_text(PAGE, AvCaptureDispatchRemove)
#pragma alloc_text(PAGE, AvCaptureEvtFrameWork)

static const KSDEVICE_DISPATCH AvCaptureDeviceDispatch = {
    AvCaptureDispatchAdd,               // Add
    AvCaptureDispatchStart,             // Start
    NULL,                               // PostStart
    NULL,                               // QueryStop
    NULL,                               // CancelStop
    AvCaptureDispatchStop,              // Stop
    NULL,                               // QueryRemove
    NULL,                               // CancelRemove
    AvCaptureDispatchRemove,            // Remove
    NULL,                               // QueryCapabilities
    AvCaptureDispatchSurpriseRemoval,   // SurpriseRemoval
    NULL,                               // QueryPower
    NULL,                               // SetPower
    NULL                                // QueryInterface
};

//
// The device level alone: a full minidriver lists its capture filter's
// descriptor here; this sample has none.
//
const KSDEVICE_DESCRIPTOR AvCaptureDeviceDescriptor = {
    &AvCaptureDeviceDispatch,
    0,
    NULL,
    KSDEVICE_DESCRIPTOR_VERSION,
    0
};

static
NTSTATUS
AvCaptureDispatchAdd(
    _In_ PKSDEVICE Device
    )
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_TIMER_CONFIG timerConfig;
    WDF_WORKITEM_CONFIG workConfig;
    PAVCAPTURE_DEVICE capture;
    WDFDEVICE device;
    NTSTATUS status;

    PAGED_CODE();

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, AVCAPTURE_DEVICE);
    status = WdfDeviceMiniportCreate(WdfGetDriver(),
                                     &attributes,
                                     Device->FunctionalDeviceObject,
                                     Device->NextDeviceObject,
                                     Device->PhysicalDeviceObject,
                                     &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }

    capture = AvCaptureGetDevice(device);
    capture->KsDevice = Device;

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, AvCaptureEvtFrameTimer,
                                   AVCAPTURE_FRAME_INTERVAL_MS);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfTimerCreate(&timerConfig, &attributes, &capture->FrameTimer);
    if (!NT_SUCCESS(status)) {
        goto out_delete_device;
    }

    WDF_WORKITEM_CONFIG_INIT(&workConfig, AvCaptureEvtFrameWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfWorkItemCreate(&workConfig, &attributes, &capture->FrameWork);
    if (!NT_SUCCESS(status)) {
        goto out_delete_device;
    }

    Device->Context = device;
    return STATUS_SUCCESS;

out_delete_device:
    WdfObjectDelete(device);
    return status;
}

static
NTSTATUS
AvCaptureDispatchStart(
    _In_ PKSDEVICE Device,
    _In_ PIRP Irp,
    _In_opt_ PCM_RESOURCE_LIST TranslatedResources,
    _In_opt_ PCM_RESOURCE_LIST UntranslatedResources
    )
{
    PAVCAPTURE_DEVICE capture = AvCaptureGetDevice((WDFDEVICE)Device->Context);
    PAVCAPTURE_HARDWARE hardware;

    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(TranslatedResources);
    UNREFERENCED_PARAMETER(UntranslatedResources);

    PAGED_CODE();

    hardware = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*hardware), AVCAPTURE_POOLTAG);
    if (hardware == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    hardware->Width = 640;
    hardware->Height = 480;

    capture->Hardware = hardware;
    capture->Gone = FALSE;
    WdfTimerStart(capture->FrameTimer, WDF_REL_TIMEOUT_IN_MS(AVCAPTURE_FRAME_INTERVAL_MS));

    return STATUS_SUCCESS;
}

static
void
AvCaptureDispatchStop(
    _In_ PKSDEVICE Device,
    _In_ PIRP Irp
    )
{
    PAVCAPTURE_DEVICE capture = AvCaptureGetDevice((WDFDEVICE)Device->Context);

    UNREFERENCED_PARAMETER(Irp);

    PAGED_CODE();

    //
    // No frame may touch the sensor once it is unmapped.
    //
    WdfTimerStop(capture->FrameTimer, TRUE);
    WdfWorkItemFlush(capture->FrameWork);

    if (capture->Hardware != NULL) {
        ExFreePoolWithTag(capture->Hardware, AVCAPTURE_POOLTAG);
        capture->Hardware = NULL;
    }
}

static
void
AvCaptureDispatchSurpriseRemoval(
    _In_ PKSDEVICE Device,
    _In_ PIRP Irp
    )
{
    PAVCAPTURE_DEVICE capture = AvCaptureGetDevice((WDFDEVICE)Device->Context);

    UNREFERENCED_PARAMETER(Irp);

    PAGED_CODE();

    capture->Gone = TRUE;
    WdfTimerStop(capture->FrameTimer, TRUE);
    WdfWorkItemFlush(capture->FrameWork);

#ifdef UF_BUG_SURPRISE_DOUBLE_FREE
    //
    // The sensor is gone, so its registers go too. (Stop, which AVStream
    // still calls at the removal that follows, frees them again.)
    //
    ExFreePoolWithTag(capture->Hardware, AVCAPTURE_POOLTAG);
#endif
}

static
void
AvCaptureDispatchRemove(
    _In_ PKSDEVICE Device,
    _In_ PIRP Irp
    )
{
    UNREFERENCED_PARAMETER(Irp);

    PAGED_CODE();

    if (Device->Context != NULL) {
        WdfObjectDelete((WDFDEVICE)Device->Context);
        Device->Context = NULL;
    }
}

//
// A frame is ready: count it in the sensor, and hand it on at PASSIVE_LEVEL.
//
static
VOID
AvCaptureEvtFrameTimer(
    _In_ WDFTIMER Timer
    )
{
    PAVCAPTURE_DEVICE capture = AvCaptureGetDevice(WdfTimerGetParentObject(Timer));

    if (capture->Gone || capture->Hardware == NULL) {
        return;
    }

    capture->Hardware->FrameNumber++;
    WdfWorkItemEnqueue(capture->FrameWork);
}

static
VOID
AvCaptureEvtFrameWork(
    _In_ WDFWORKITEM WorkItem
    )
{
    PAVCAPTURE_DEVICE capture = AvCaptureGetDevice(WdfWorkItemGetParentObject(WorkItem));

    PAGED_CODE();

    if (capture->Hardware != NULL) {
        capture->FramesDelivered = capture->Hardware->FrameNumber;
    }
}
