/*++

Module Name:

    common.cpp

Abstract:

    The adapter common object: the WDF miniport device over PortCls's FDO,
    the sideband poll under it (a periodic timer that queues a work item,
    which asks the sideband driver for its state through an I/O target),
    the WaveRT and
    topology subdevices and the physical connection between them, and the
    adapter's power management.

Environment:

    Kernel mode

--*/

#include "vaudio.h"

#define SIDEBAND_POLL_MS 100
#define SIDEBAND_TIMEOUT_MS 50

//
// The sideband driver (a Bluetooth or USB audio driver, in SysVAD's
// sideband scenarios) and the IOCTL that returns its state.
//
#define SIDEBAND_DEVICE_NAME L"\\Device\\VaudioSideband"
#define IOCTL_SIDEBAND_GET_STATE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x811, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define WAVE_PIN_TO_TOPOLOGY 1
#define TOPOLOGY_PIN_FROM_WAVE 0

//
// One installed subdevice: our references on its port and its miniport.
//
typedef struct _SUBDEVICE {
    PUNKNOWN PortUnknown;
    PUNKNOWN MiniportUnknown;
    BOOLEAN Registered;
} SUBDEVICE;

//
// The sideband poll's timer and work item carry what they use.
//
typedef struct _SIDEBAND_CONTEXT {
    WDFIOTARGET Sideband;
    WDFWORKITEM Work;
    ULONG State;
    ULONG Polls;
} SIDEBAND_CONTEXT, *PSIDEBAND_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SIDEBAND_CONTEXT, SidebandGetContext)

EVT_WDF_TIMER SidebandTimer;
EVT_WDF_WORKITEM SidebandWork;

class CAdapterCommon : public IAdapterCommon, public IAdapterPowerManagement, public CUnknown
{
private:
    PDEVICE_OBJECT m_pDeviceObject;
    PDEVICE_OBJECT m_pPhysicalDeviceObject;
    WDFDEVICE m_WdfDevice;
    WDFTIMER m_SidebandTimer;
    WDFWORKITEM m_SidebandWork;
    WDFIOTARGET m_Sideband;
    SUBDEVICE m_Wave;
    SUBDEVICE m_Topology;
    BOOLEAN m_Connected;
    DEVICE_POWER_STATE m_PowerState;

    NTSTATUS CreateSideband();
    NTSTATUS InstallSubdevice(_In_opt_ PIRP Irp, _In_ PWSTR Name, _In_ REFCLSID PortClassId,
                              _In_ PFNCREATEMINIPORT MiniportCreate,
                              _In_ PRESOURCELIST ResourceList, _Out_ SUBDEVICE *Subdevice);
    VOID UnregisterSubdevice(_Inout_ SUBDEVICE *Subdevice);
    VOID EmptySubdeviceCache();

public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CAdapterCommon);
    ~CAdapterCommon();

    STDMETHODIMP_(NTSTATUS) Init(_In_ PDEVICE_OBJECT DeviceObject);
    STDMETHODIMP_(WDFDEVICE) GetWdfDevice() { return m_WdfDevice; }
    STDMETHODIMP_(NTSTATUS) InstallSubdevices(_In_opt_ PIRP Irp, _In_ PRESOURCELIST ResourceList);
    STDMETHODIMP_(VOID) Cleanup();

    IMP_IAdapterPowerManagement;
};

#pragma code_seg("PAGE")
NTSTATUS NewAdapterCommon(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                          _In_opt_ PUNKNOWN UnknownOuter, _In_ POOL_FLAGS PoolFlags)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(ClassId);

    STD_CREATE_BODY_WITH_TAG_(CAdapterCommon, Unknown, UnknownOuter, PoolFlags, VAUDIO_POOLTAG,
                              PADAPTERCOMMON);
}

#pragma code_seg("PAGE")
CAdapterCommon::~CAdapterCommon()
{
    PAGED_CODE();

    EmptySubdeviceCache();
    if (m_WdfDevice != NULL) {
        WdfObjectDelete(m_WdfDevice);
        m_WdfDevice = NULL;
    }
}

#pragma code_seg("PAGE")
STDMETHODIMP CAdapterCommon::NonDelegatingQueryInterface(_In_ REFIID Interface,
                                                         _Out_ PVOID *Object)
{
    PAGED_CODE();

    if (IsEqualGUIDAligned(Interface, IID_IUnknown)) {
        *Object = PVOID(PUNKNOWN(PADAPTERCOMMON(this)));
    } else if (IsEqualGUIDAligned(Interface, IID_IAdapterCommon)) {
        *Object = PVOID(PADAPTERCOMMON(this));
    } else if (IsEqualGUIDAligned(Interface, IID_IAdapterPowerManagement)) {
        *Object = PVOID(PADAPTERPOWERMANAGEMENT(this));
    } else {
        *Object = NULL;
    }

    if (*Object != NULL) {
        PUNKNOWN(*Object)->AddRef();
        return STATUS_SUCCESS;
    }
    return STATUS_INVALID_PARAMETER;
}

//
// The WDF miniport device over PortCls's FDO, and the sideband poll under
// it. What fails here is deleted with the device by Cleanup.
//
#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CAdapterCommon::Init(_In_ PDEVICE_OBJECT DeviceObject)
{
    NTSTATUS ntStatus;

    PAGED_CODE();

    m_pDeviceObject = DeviceObject;
    m_PowerState = PowerDeviceD0;

    ntStatus = PcGetPhysicalDeviceObject(DeviceObject, &m_pPhysicalDeviceObject);
    if (!NT_SUCCESS(ntStatus)) {
        return ntStatus;
    }

    //
    // A WDF miniport device with no lower device and no PDO: the framework
    // sends nothing down PortCls's stack.
    //
    ntStatus = WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, DeviceObject,
                                       NULL, NULL, &m_WdfDevice);
    if (!NT_SUCCESS(ntStatus)) {
        m_WdfDevice = NULL;
        return ntStatus;
    }

    return CreateSideband();
}

#pragma code_seg("PAGE")
NTSTATUS CAdapterCommon::CreateSideband()
{
    static const UNICODE_STRING name = RTL_CONSTANT_STRING(SIDEBAND_DEVICE_NAME);
    NTSTATUS ntStatus;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_TARGET_OPEN_PARAMS openParams;
    WDF_WORKITEM_CONFIG workConfig;
    WDF_TIMER_CONFIG timerConfig;

    PAGED_CODE();

    ntStatus = WdfIoTargetCreate(m_WdfDevice, WDF_NO_OBJECT_ATTRIBUTES, &m_Sideband);
    if (!NT_SUCCESS(ntStatus)) {
        m_Sideband = NULL;
        return ntStatus;
    }

    //
    // No sideband driver: the adapter runs without the poll.
    //
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&openParams, &name, GENERIC_READ | GENERIC_WRITE);
    if (!NT_SUCCESS(WdfIoTargetOpen(m_Sideband, &openParams))) {
        return STATUS_SUCCESS;
    }

    WDF_WORKITEM_CONFIG_INIT(&workConfig, SidebandWork);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SIDEBAND_CONTEXT);
    attributes.ParentObject = m_WdfDevice;
    ntStatus = WdfWorkItemCreate(&workConfig, &attributes, &m_SidebandWork);
    if (!NT_SUCCESS(ntStatus)) {
        m_SidebandWork = NULL;
        return ntStatus;
    }
    SidebandGetContext(m_SidebandWork)->Sideband = m_Sideband;

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, SidebandTimer, SIDEBAND_POLL_MS);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SIDEBAND_CONTEXT);
    attributes.ParentObject = m_WdfDevice;
    ntStatus = WdfTimerCreate(&timerConfig, &attributes, &m_SidebandTimer);
    if (!NT_SUCCESS(ntStatus)) {
        m_SidebandTimer = NULL;
        return ntStatus;
    }
    SidebandGetContext(m_SidebandTimer)->Work = m_SidebandWork;

    WdfTimerStart(m_SidebandTimer, WDF_REL_TIMEOUT_IN_MS(SIDEBAND_POLL_MS));
    return STATUS_SUCCESS;
}

//
// The sideband poll: the timer, at DISPATCH_LEVEL, queues the work item,
// which asks the sideband driver for its state at PASSIVE_LEVEL, waiting
// SIDEBAND_TIMEOUT_MS at most.
//
#pragma code_seg()
VOID SidebandTimer(_In_ WDFTIMER Timer)
{
    WdfWorkItemEnqueue(SidebandGetContext(Timer)->Work);
}

#pragma code_seg("PAGE")
VOID SidebandWork(_In_ WDFWORKITEM WorkItem)
{
    PSIDEBAND_CONTEXT context = SidebandGetContext(WorkItem);
    WDF_MEMORY_DESCRIPTOR output;
    WDF_REQUEST_SEND_OPTIONS options;
    ULONG state = 0;

    PAGED_CODE();

    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&output, &state, sizeof(state));
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(SIDEBAND_TIMEOUT_MS));
    if (NT_SUCCESS(WdfIoTargetSendIoctlSynchronously(context->Sideband, NULL,
                                                     IOCTL_SIDEBAND_GET_STATE, NULL, &output,
                                                     &options, NULL))) {
        context->State = state;
    }
    context->Polls++;
}

//
// A port, its miniport, the port's Init and the registration, as SysVAD's
// InstallSubdevice does them. On success the subdevice keeps our
// references on the port and the miniport.
//
#pragma code_seg("PAGE")
NTSTATUS CAdapterCommon::InstallSubdevice(_In_opt_ PIRP Irp, _In_ PWSTR Name,
                                          _In_ REFCLSID PortClassId,
                                          _In_ PFNCREATEMINIPORT MiniportCreate,
                                          _In_ PRESOURCELIST ResourceList,
                                          _Out_ SUBDEVICE *Subdevice)
{
    NTSTATUS ntStatus;
    PPORT port = NULL;
    PUNKNOWN miniport = NULL;

    PAGED_CODE();

    RtlZeroMemory(Subdevice, sizeof(*Subdevice));

    ntStatus = PcNewPort(&port, PortClassId);
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = MiniportCreate(&miniport, PortClassId, NULL, POOL_FLAG_NON_PAGED);
    }
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = port->Init(m_pDeviceObject, Irp, miniport, PUNKNOWN(PADAPTERCOMMON(this)),
                              ResourceList);
    }
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = PcRegisterSubdevice(m_pDeviceObject, Name, port);
        Subdevice->Registered = NT_SUCCESS(ntStatus);
    }
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = port->QueryInterface(IID_IUnknown, (PVOID *)&Subdevice->PortUnknown);
    }
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = miniport->QueryInterface(IID_IUnknown, (PVOID *)&Subdevice->MiniportUnknown);
    }

    //
    // PortCls and the port hold what they need: our local references go.
    //
    SAFE_RELEASE(port);
    SAFE_RELEASE(miniport);
    return ntStatus;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CAdapterCommon::InstallSubdevices(_In_opt_ PIRP Irp,
                                                          _In_ PRESOURCELIST ResourceList)
{
    NTSTATUS ntStatus;

    PAGED_CODE();

    ntStatus = InstallSubdevice(Irp, (PWSTR)L"Wave", CLSID_PortWaveRT, CreateMiniportWaveRT,
                                ResourceList, &m_Wave);
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = InstallSubdevice(Irp, (PWSTR)L"Topology", CLSID_PortTopology,
                                    CreateMiniportTopology, ResourceList, &m_Topology);
    }
    if (NT_SUCCESS(ntStatus)) {
        ntStatus = PcRegisterPhysicalConnection(m_pDeviceObject, m_Wave.PortUnknown,
                                                WAVE_PIN_TO_TOPOLOGY, m_Topology.PortUnknown,
                                                TOPOLOGY_PIN_FROM_WAVE);
        m_Connected = NT_SUCCESS(ntStatus);
    }
    return ntStatus;
}

//
// The subdevice's registration goes (through the port's
// IUnregisterSubdevice), then our references on its port and miniport.
//
#pragma code_seg("PAGE")
VOID CAdapterCommon::UnregisterSubdevice(_Inout_ SUBDEVICE *Subdevice)
{
    PUNREGISTERSUBDEVICE unregisterSubdevice = NULL;

    PAGED_CODE();

    if (Subdevice->Registered && Subdevice->PortUnknown != NULL &&
        NT_SUCCESS(Subdevice->PortUnknown->QueryInterface(IID_IUnregisterSubdevice,
                                                          (PVOID *)&unregisterSubdevice))) {
        unregisterSubdevice->UnregisterSubdevice(m_pDeviceObject, Subdevice->PortUnknown);
        unregisterSubdevice->Release();
        Subdevice->Registered = FALSE;
    }

#ifdef UF_BUG_PORT_RELEASED_TWICE
    //
    // BUG: releases the port without clearing the cache's pointer, and
    // EmptySubdeviceCache, which the removal path runs next, releases it
    // again.
    //
    if (Subdevice->PortUnknown != NULL) {
        Subdevice->PortUnknown->Release();
    }
#else
    SAFE_RELEASE(Subdevice->PortUnknown);
#endif
    SAFE_RELEASE(Subdevice->MiniportUnknown);
}

#pragma code_seg("PAGE")
VOID CAdapterCommon::EmptySubdeviceCache()
{
    PAGED_CODE();

    SAFE_RELEASE(m_Wave.PortUnknown);
    SAFE_RELEASE(m_Wave.MiniportUnknown);
    SAFE_RELEASE(m_Topology.PortUnknown);
    SAFE_RELEASE(m_Topology.MiniportUnknown);
}

//
// Called from the PnP handler at a stop or removal: the subdevices and the
// connection between them go, the sideband poll stops and the miniport
// device is deleted.
//
#pragma code_seg("PAGE")
STDMETHODIMP_(VOID) CAdapterCommon::Cleanup()
{
    PUNREGISTERPHYSICALCONNECTION unregisterConnection = NULL;

    PAGED_CODE();

    if (m_Connected && m_Topology.PortUnknown != NULL &&
        NT_SUCCESS(m_Topology.PortUnknown->QueryInterface(IID_IUnregisterPhysicalConnection,
                                                          (PVOID *)&unregisterConnection))) {
        unregisterConnection->UnregisterPhysicalConnection(m_pDeviceObject, m_Wave.PortUnknown,
                                                           WAVE_PIN_TO_TOPOLOGY,
                                                           m_Topology.PortUnknown,
                                                           TOPOLOGY_PIN_FROM_WAVE);
        unregisterConnection->Release();
    }
    m_Connected = FALSE;

    UnregisterSubdevice(&m_Topology);
    UnregisterSubdevice(&m_Wave);
    EmptySubdeviceCache();

    //
    // No new polls, and none still queued: the work item sends to the
    // sideband's target, which goes next.
    //
    if (m_SidebandTimer != NULL) {
        WdfTimerStop(m_SidebandTimer, TRUE);
    }
#ifndef UF_BUG_SIDEBAND_NOT_FLUSHED
    if (m_SidebandWork != NULL) {
        WdfWorkItemFlush(m_SidebandWork);
    }
#endif
    //
    // (UF_BUG_SIDEBAND_NOT_FLUSHED: a poll the timer queued before it
    // stopped still runs, inside the device's deletion below, and sends to
    // the target deleted here.)
    //
    if (m_Sideband != NULL) {
        WdfIoTargetClose(m_Sideband);
        WdfObjectDelete(m_Sideband);
        m_Sideband = NULL;
    }

    if (m_WdfDevice != NULL) {
        WdfObjectDelete(m_WdfDevice);
        m_WdfDevice = NULL;
    }
    m_SidebandTimer = NULL;
    m_SidebandWork = NULL;
}

//
// IAdapterPowerManagement: the codec follows the device's power state.
//
#pragma code_seg()
STDMETHODIMP_(void) CAdapterCommon::PowerChangeState(_In_ POWER_STATE NewState)
{
    m_PowerState = NewState.DeviceState;
}

#pragma code_seg()
STDMETHODIMP_(NTSTATUS) CAdapterCommon::QueryPowerChangeState(_In_ POWER_STATE NewStateQuery)
{
    UNREFERENCED_PARAMETER(NewStateQuery);
    return STATUS_SUCCESS;
}

#pragma code_seg()
STDMETHODIMP_(NTSTATUS) CAdapterCommon::QueryDeviceCapabilities(
    _Inout_updates_bytes_(sizeof(DEVICE_CAPABILITIES)) PDEVICE_CAPABILITIES PowerDeviceCaps)
{
    UNREFERENCED_PARAMETER(PowerDeviceCaps);
    return STATUS_SUCCESS;
}
