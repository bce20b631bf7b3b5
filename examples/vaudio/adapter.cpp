/*++

Module Name:

    adapter.cpp

Abstract:

    DriverEntry, AddDevice, StartDevice, the PnP handler and the unload of
    the virtual audio adapter. PortCls owns the dispatch table and the
    unload routine; the driver puts its PnP handler over PortCls's (to tear
    the adapter down at a stop or removal) and chains its unload to
    PortCls's, unloading the framework after it.

Environment:

    Kernel mode

--*/

//
// The GUIDs this unit's headers declare are defined here.
//
#include <initguid.h>
#include "vaudio.h"

extern "C" DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DriverUnload;
DRIVER_ADD_DEVICE AddDevice;
DRIVER_DISPATCH PnpHandler;

NTSTATUS StartDevice(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp,
                     _In_ PRESOURCELIST ResourceList);

//
// PortCls's unload routine, which ours calls first, and whether the
// framework driver is still there to unload.
//
static PDRIVER_UNLOAD gPCDriverUnloadRoutine = NULL;
static BOOLEAN gFrameworkLoaded = FALSE;

#pragma code_seg("PAGE")
void DriverUnload(_In_ PDRIVER_OBJECT DriverObject)
{
    PAGED_CODE();

    if (DriverObject == NULL) {
        return;
    }

    //
    // The port's unload first, then the framework driver. SysVAD guards the
    // second with WdfGetDriver() != NULL alone, which still holds after the
    // framework driver is gone (WdfGetDriver() keeps returning its handle):
    // a second call of this routine would unload it again. The flag is
    // what guards.
    //
    if (gPCDriverUnloadRoutine != NULL) {
        gPCDriverUnloadRoutine(DriverObject);
    }
    if (gFrameworkLoaded && WdfGetDriver() != NULL) {
        gFrameworkLoaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

#pragma code_seg("PAGE")
NTSTATUS AddDevice(_In_ PDRIVER_OBJECT DriverObject, _In_ PDEVICE_OBJECT PhysicalDeviceObject)
{
    PAGED_CODE();

    //
    // PortCls makes the FDO and calls StartDevice when the device starts.
    //
    return PcAddAdapterDevice(DriverObject, PhysicalDeviceObject,
                              PCPFNSTARTDEVICE(StartDevice), MAX_MINIPORTS, 0);
}

#pragma code_seg("PAGE")
NTSTATUS StartDevice(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp,
                     _In_ PRESOURCELIST ResourceList)
{
    NTSTATUS ntStatus;
    PUNKNOWN pUnknownCommon = NULL;
    PADAPTERCOMMON pAdapterCommon = NULL;
    PortClassDeviceContext *pExtension =
        static_cast<PortClassDeviceContext *>(DeviceObject->DeviceExtension);

    PAGED_CODE();

    ntStatus = NewAdapterCommon(&pUnknownCommon, IID_IAdapterCommon, NULL, POOL_FLAG_NON_PAGED);
    if (!NT_SUCCESS(ntStatus)) {
        goto Exit;
    }

    ntStatus = pUnknownCommon->QueryInterface(IID_IAdapterCommon, (PVOID *)&pAdapterCommon);
    if (!NT_SUCCESS(ntStatus)) {
        goto Exit;
    }

    ntStatus = pAdapterCommon->Init(DeviceObject);
    if (!NT_SUCCESS(ntStatus)) {
        goto Exit;
    }

    //
    // PortCls calls the adapter's IAdapterPowerManagement from here on.
    //
    ntStatus = PcRegisterAdapterPowerManagement(PUNKNOWN(pAdapterCommon), DeviceObject);
    if (!NT_SUCCESS(ntStatus)) {
        goto Exit;
    }

    ntStatus = pAdapterCommon->InstallSubdevices(Irp, ResourceList);

Exit:
    //
    // The common object goes into the device extension whether the start
    // succeeded or not: PnP sends IRP_MN_REMOVE_DEVICE after a failed
    // start, and the PnP handler cleans up from there.
    //
    if (pAdapterCommon != NULL) {
#ifdef UF_BUG_COMMON_LEAK_ON_FAILED_START
        //
        // BUG: "keep it only if the device started": after a failed start
        // the reference QueryInterface took is never released, and the
        // adapter common object, its miniport device and the port's
        // registrations leak.
        //
        if (NT_SUCCESS(ntStatus))
#endif
        pExtension->m_pCommon = pAdapterCommon;
    }

    SAFE_RELEASE(pUnknownCommon);
    return ntStatus;
}

//
// Stop, surprise removal and removal tear the adapter down before PortCls
// sees the IRP.
//
#pragma code_seg("PAGE")
NTSTATUS PnpHandler(_In_ DEVICE_OBJECT *DeviceObject, _Inout_ IRP *Irp)
{
    IO_STACK_LOCATION *stack;
    PortClassDeviceContext *ext;

    PAGED_CODE();

    stack = IoGetCurrentIrpStackLocation(Irp);

    switch (stack->MinorFunction) {
    case IRP_MN_REMOVE_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
    case IRP_MN_STOP_DEVICE:
        ext = static_cast<PortClassDeviceContext *>(DeviceObject->DeviceExtension);
        if (ext->m_pCommon != NULL) {
            ext->m_pCommon->Cleanup();
            ext->m_pCommon->Release();
            ext->m_pCommon = NULL;
        }
        break;

    default:
        break;
    }

    return PcDispatchIrp(DeviceObject, Irp);
}

#pragma code_seg("INIT")
extern "C" NTSTATUS DriverEntry(_In_ PDRIVER_OBJECT DriverObject,
                                _In_ PUNICODE_STRING RegistryPathName)
{
    NTSTATUS ntStatus;
    WDF_DRIVER_CONFIG config;

    //
    // A framework driver that leaves the dispatch table to PortCls.
    //
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    config.DriverPoolTag = VAUDIO_POOLTAG;

    ntStatus = WdfDriverCreate(DriverObject, RegistryPathName, WDF_NO_OBJECT_ATTRIBUTES, &config,
                               WDF_NO_HANDLE);
    if (!NT_SUCCESS(ntStatus)) {
        goto Done;
    }
    gFrameworkLoaded = TRUE;

    ntStatus = PcInitializeAdapterDriver(DriverObject, RegistryPathName,
                                         (PDRIVER_ADD_DEVICE)AddDevice);
    if (!NT_SUCCESS(ntStatus)) {
        goto Done;
    }

    DriverObject->MajorFunction[IRP_MJ_PNP] = PnpHandler;

    //
    // Chain to PortCls's unload routine.
    //
    gPCDriverUnloadRoutine = DriverObject->DriverUnload;
    DriverObject->DriverUnload = DriverUnload;

Done:
    if (!NT_SUCCESS(ntStatus)) {
        if (gFrameworkLoaded && WdfGetDriver() != NULL) {
            gFrameworkLoaded = FALSE;
            WdfDriverMiniportUnload(WdfGetDriver());
        }
    }
    return ntStatus;
}
#pragma code_seg()
