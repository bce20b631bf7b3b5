/*++

Module Name:

    driver.c

Abstract:

    DriverEntry and unload of the capture minidriver. KMDF is created
    first, as a miniport (no dispatch override), then AVStream takes the
    driver object with the device descriptor. KsInitializeDriver puts
    AVStream's unload routine in DriverObject->DriverUnload; the driver
    keeps it and installs its own, which chains to it and unloads KMDF.

Environment:

    Kernel mode

--*/

#include "avcapture.h"

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, AvCaptureDriverUnload)

//
// AVStream's unload routine, as KsInitializeDriver left it, and whether
// KMDF is still loaded (the unload does its work once).
//
static PDRIVER_UNLOAD g_KsDriverUnload;
static BOOLEAN g_FrameworkLoaded;

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    //
    // AVStream owns the dispatch table, AddDevice and unload: KMDF must
    // leave them alone.
    //
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;

    status = WdfDriverCreate(DriverObject,
                             RegistryPath,
                             WDF_NO_OBJECT_ATTRIBUTES,
                             &config,
                             WDF_NO_HANDLE);
    if (!NT_SUCCESS(status)) {
        KdPrint(("avcapture: WdfDriverCreate failed 0x%08X\n", status));
        return status;
    }

    status = KsInitializeDriver(DriverObject, RegistryPath, &AvCaptureDeviceDescriptor);
    if (!NT_SUCCESS(status)) {
        KdPrint(("avcapture: KsInitializeDriver failed 0x%08X\n", status));
        WdfDriverMiniportUnload(WdfGetDriver());
        return status;
    }

    g_FrameworkLoaded = TRUE;
    g_KsDriverUnload = DriverObject->DriverUnload;
    DriverObject->DriverUnload = AvCaptureDriverUnload;

    return STATUS_SUCCESS;
}

//
// Every device is gone by now (AVStream called Remove for each): chain to
// AVStream's unload, then let KMDF go.
//
VOID
AvCaptureDriverUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();

    if (!g_FrameworkLoaded) {
        return;
    }
    g_FrameworkLoaded = FALSE;

    if (g_KsDriverUnload != NULL) {
        g_KsDriverUnload(DriverObject);
    }

    WdfDriverMiniportUnload(WdfGetDriver());
}
