/*++

Module Name:

    avcapture.h

Abstract:

    A simulated video capture device: an AVStream minidriver that uses
    KMDF for its device-level objects. AVStream owns the dispatch table,
    AddDevice and the unload routine; the driver hands it a device
    descriptor whose dispatch table creates, for each KSDEVICE, a KMDF
    miniport device with a frame timer and a frame work item under it.

--*/

#pragma once

#include <ntddk.h>
#include <wdf.h>
#include <wdfminiport.h>
#include <ks.h>

#define AVCAPTURE_POOLTAG 'pCvA'

//
// The frame rate of the simulated sensor: one frame every 33 ms.
//
#define AVCAPTURE_FRAME_INTERVAL_MS 33

//
// The registers of the simulated sensor, in nonpaged pool from Start to
// Stop: what a real device maps from its BARs at start.
//
typedef struct _AVCAPTURE_HARDWARE {
    ULONG FrameNumber;          // advanced by the frame timer
    ULONG Width;
    ULONG Height;
} AVCAPTURE_HARDWARE, *PAVCAPTURE_HARDWARE;

typedef struct _AVCAPTURE_DEVICE {
    PKSDEVICE KsDevice;
    WDFTIMER FrameTimer;        // periodic, DISPATCH_LEVEL
    WDFWORKITEM FrameWork;      // hands each frame on at PASSIVE_LEVEL
    PAVCAPTURE_HARDWARE Hardware;
    ULONG FramesDelivered;
    BOOLEAN Gone;               // surprise-removed: the hardware is not there
} AVCAPTURE_DEVICE, *PAVCAPTURE_DEVICE;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(AVCAPTURE_DEVICE, AvCaptureGetDevice)

//
// driver.c
//
DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD AvCaptureDriverUnload;

//
// device.c
//
extern const KSDEVICE_DESCRIPTOR AvCaptureDeviceDescriptor;
