/*++

Module Name:

    driver.c

Abstract:

    DriverEntry, AddDevice, PnP dispatch and unload of the virtual audio
    adapter: a KMDF miniport driver whose port is PortCls. PortCls owns the
    dispatch table, the FDO and the unload routine; the driver puts its own
    PnP dispatch over PortCls's to tear the adapter down at its removal,
    and chains its own unload to the port's and unloads the framework after
    it.

Environment:

    Kernel mode

--*/

#include <initguid.h>
#include "adapter.h"
#include "driver.tmh"

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, DriverUnload)
#pragma alloc_text(PAGE, VAdapterAddDevice)
#pragma alloc_text(PAGE, VAdapterEvtDriverContextCleanup)

//
// Globals. The image's initial values are what every load starts from.
//
ULONG g_TraceLevel = TRACE_LEVEL_INFORMATION;
ULONG g_BufferSize = 4096;
ULONG g_AdapterCount;                   // adapters started since the image loaded
static PDRIVER_UNLOAD g_PortClsUnload;  // PortCls's unload routine, chained to
static BOOLEAN g_FrameworkLoaded;       // guards WdfDriverMiniportUnload

#pragma data_seg("NONPAGE")
ULONG g_MaxAdapters = 2;                // the Parameters key's MaxAdapters, 1 to 4
#pragma data_seg()

//
// The Parameters key's values, each kept only when in range.
//
VOID
VAdapterReadParameters(
    _In_ WDFDRIVER Driver
    )
{
    NTSTATUS status;
    WDFKEY key;
    ULONG value;
    DECLARE_CONST_UNICODE_STRING(maxAdaptersName, L"MaxAdapters");
    DECLARE_CONST_UNICODE_STRING(bufferSizeName, L"BufferSize");

    PAGED_CODE();

    status = WdfDriverOpenParametersRegistryKey(Driver, KEY_READ, WDF_NO_OBJECT_ATTRIBUTES, &key);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_DRIVER,
                    "no Parameters key %!STATUS!: defaults", status);
        return;
    }

    if (NT_SUCCESS(WdfRegistryQueryULong(key, &maxAdaptersName, &value)) &&
        value >= 1 && value <= 4) {
        g_MaxAdapters = value;
    }
    if (NT_SUCCESS(WdfRegistryQueryULong(key, &bufferSizeName, &value)) &&
        value >= 512 && value <= 65536) {
        g_BufferSize = value;
    }

    Trace(TRACE_LEVEL_INFORMATION, "MaxAdapters %u BufferSize %u", g_MaxAdapters, g_BufferSize);
    WdfRegistryClose(key);
}

//
// AddDevice: PortCls creates the adapter's FDO, and calls
// VAdapterStartDevice when the device starts. The adapter registers no
// subdevice.
//
NTSTATUS
VAdapterAddDevice(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PDEVICE_OBJECT PhysicalDeviceObject
    )
{
    PAGED_CODE();
    return PcAddAdapterDevice(DriverObject, PhysicalDeviceObject, VAdapterStartDevice, 0, 0);
}

//
// The PnP dispatch, over PortCls's: the adapter goes at a stop, a surprise
// removal or a removal (once: it is forgotten after), then PortCls handles
// the IRP.
//
NTSTATUS
VAdapterDispatchPnp(
    _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp
    )
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);

    switch (stack->MinorFunction) {
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
    case IRP_MN_REMOVE_DEVICE:
        VAdapterRemoveDevice(DeviceObject);
        break;
    default:
        break;
    }
    return PcDispatchIrp(DeviceObject, Irp);
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDRIVER driver;
    NTSTATUS status;

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    Trace(TRACE_LEVEL_INFORMATION, "%!FUNC! Entry");

    //
    // PortCls owns the dispatch table: no dispatch override.
    //
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;

    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = VAdapterEvtDriverContextCleanup;

    status = WdfDriverCreate(DriverObject, RegistryPath, &attributes, &config, &driver);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "WdfDriverCreate failed %!STATUS!", status);
#ifndef UF_BUG_NO_WPP_CLEANUP
        WPP_CLEANUP(DriverObject);
#endif
        return status;
    }
    g_FrameworkLoaded = TRUE;

    VAdapterReadParameters(driver);

    status = PcInitializeAdapterDriver(DriverObject, RegistryPath, VAdapterAddDevice);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER,
                    "PcInitializeAdapterDriver failed %!STATUS!", status);
        //
        // The driver object's cleanup callback stops the tracing.
        //
        g_FrameworkLoaded = FALSE;
        WdfDriverMiniportUnload(driver);
        return status;
    }

    //
    // Our PnP dispatch in front of PortCls's; chain to PortCls's unload
    // routine.
    //
    DriverObject->MajorFunction[IRP_MJ_PNP] = VAdapterDispatchPnp;
    g_PortClsUnload = DriverObject->DriverUnload;
    DriverObject->DriverUnload = DriverUnload;

    return STATUS_SUCCESS;
}

VOID
DriverUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    PAGED_CODE();

    Trace(TRACE_LEVEL_INFORMATION, "%!FUNC! Entry");

    if (g_PortClsUnload != NULL) {
        g_PortClsUnload(DriverObject);
    }
    if (g_FrameworkLoaded) {
        g_FrameworkLoaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

VOID
VAdapterEvtDriverContextCleanup(
    _In_ WDFOBJECT DriverObject
    )
{
    PAGED_CODE();

    Trace(TRACE_LEVEL_INFORMATION, "%!FUNC! Entry");
    WPP_CLEANUP(WdfDriverWdmGetDriverObject((WDFDRIVER)DriverObject));
}
