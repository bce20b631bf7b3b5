/*++

Module Name:

    driver.c

Abstract:

    DriverEntry and MiniportDriverUnload of the virtual NIC. The framework
    driver comes first (NDIS keeps the dispatch table: no dispatch
    override), then the registration with NDIS; unload undoes them in the
    other order's NDIS-WDF form: WdfDriverMiniportUnload, which deletes the
    adapters' miniport devices with the rest of the driver's objects, then
    NdisMDeregisterMiniportDriver.

Environment:

    Kernel mode

--*/

#include "vnic.h"
#include "driver.tmh"

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, VNicDriverUnload)

static NDIS_HANDLE g_MiniportDriverHandle;  // NdisMRegisterMiniportDriver's; NULL once deregistered

//
// DriverEntry, at PASSIVE_LEVEL. A failure undoes what succeeded, newest
// first.
//
NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    WDF_DRIVER_CONFIG config;
    NDIS_STATUS ndisStatus;
    NTSTATUS status;

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! Entry");

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    config.DriverPoolTag = VNIC_TAG;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "WdfDriverCreate failed %!STATUS!", status);
        goto out_cleanup_wpp;
    }

    NdisZeroMemory(&ch, sizeof(ch));
    ch.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    ch.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    ch.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    ch.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    ch.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    ch.MajorDriverVersion = 1;
    ch.MinorDriverVersion = 0;
    ch.InitializeHandlerEx = VNicInitializeEx;
    ch.HaltHandlerEx = VNicHaltEx;
    ch.UnloadHandler = VNicDriverUnload;
    ch.PauseHandler = VNicPause;
    ch.RestartHandler = VNicRestart;
    ch.OidRequestHandler = VNicOidRequest;
    ch.SendNetBufferListsHandler = VNicSendNetBufferLists;
    ch.ReturnNetBufferListsHandler = VNicReturnNetBufferLists;
    ch.CancelSendHandler = VNicCancelSend;
    ch.CheckForHangHandlerEx = NULL;
    ch.ResetHandlerEx = VNicResetEx;
    ch.DevicePnPEventNotifyHandler = VNicDevicePnPEventNotify;
    ch.ShutdownHandlerEx = VNicShutdownEx;
    ch.CancelOidRequestHandler = VNicCancelOidRequest;
    ndisStatus = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &ch,
                                             &g_MiniportDriverHandle);
    if (ndisStatus != NDIS_STATUS_SUCCESS) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER,
                    "NdisMRegisterMiniportDriver failed %!STATUS!", ndisStatus);
        g_MiniportDriverHandle = NULL;
        status = ndisStatus == NDIS_STATUS_RESOURCES ? STATUS_INSUFFICIENT_RESOURCES
                                                     : STATUS_UNSUCCESSFUL;
        goto out_unload_framework;
    }

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! Exit");
    return STATUS_SUCCESS;

out_unload_framework:
    if (g_MiniportDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(g_MiniportDriverHandle);
        g_MiniportDriverHandle = NULL;
    }
    WdfDriverMiniportUnload(WdfGetDriver());
out_cleanup_wpp:
    WPP_CLEANUP(DriverObject);
    return status;
}

//
// MiniportDriverUnload, at PASSIVE_LEVEL: NDIS halted every adapter. The
// framework driver goes first (it deletes the miniport devices), then the
// registration. A second call finds nothing registered.
//
VOID
VNicDriverUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! Entry");
    if (g_MiniportDriverHandle == NULL) {
        return;
    }

    WdfDriverMiniportUnload(WdfGetDriver());
    NdisMDeregisterMiniportDriver(g_MiniportDriverHandle);
    g_MiniportDriverHandle = NULL;

    WPP_CLEANUP(DriverObject);
}
