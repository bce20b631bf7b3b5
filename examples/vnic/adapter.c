/*++

Module Name:

    adapter.c

Abstract:

    The adapter's life as NDIS drives it: MiniportInitializeEx builds it
    (attributes, miniport device, adapter block, receive lists, the wire's
    timer, the reset work item), MiniportRestart and MiniportPause start
    and stop its data path, MiniportResetEx pends and finishes in a work
    item, MiniportHaltEx takes it apart again. The miniport device stays
    until the driver unloads (WdfDriverMiniportUnload deletes it), as
    NDIS-WDF miniports have it.

Environment:

    Kernel mode

--*/

#include "vnic.h"
#include "adapter.tmh"

#pragma alloc_text(PAGE, VNicInitializeEx)
#pragma alloc_text(PAGE, VNicHaltEx)
#pragma alloc_text(PAGE, VNicPause)
#pragma alloc_text(PAGE, VNicRestart)

static EVT_WDF_WORKITEM VNicResetWork;

static const NDIS_OID VNicSupportedOids[] = {
    OID_GEN_SUPPORTED_LIST,
    OID_GEN_HARDWARE_STATUS,
    OID_GEN_MEDIA_SUPPORTED,
    OID_GEN_MEDIA_IN_USE,
    OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_LINK_SPEED,
    OID_GEN_CURRENT_PACKET_FILTER,
    OID_GEN_CURRENT_LOOKAHEAD,
    OID_GEN_MAXIMUM_TOTAL_SIZE,
    OID_GEN_MEDIA_CONNECT_STATUS,
    OID_GEN_VENDOR_DRIVER_VERSION,
    OID_GEN_XMIT_OK,
    OID_GEN_RCV_OK,
    OID_802_3_PERMANENT_ADDRESS,
    OID_802_3_CURRENT_ADDRESS,
    OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE,
};

//
// Frees the receive lists on the free list, then their pool. Every list
// must be back: a list NDIS or the wire still holds keeps the pool in use.
//
static VOID
VNicFreeReceiveLists(
    _In_ PVNIC_ADAPTER Adapter
    )
{
    PNET_BUFFER_LIST nbl;

    while ((nbl = Adapter->RxFree) != NULL) {
        Adapter->RxFree = NET_BUFFER_LIST_NEXT_NBL(nbl);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        Adapter->RxFreeCount--;
        NdisFreeNetBufferList(nbl);
    }
    NdisFreeNetBufferListPool(Adapter->NblPool);
    Adapter->NblPool = NULL;
}

//
// The receive lists' pool and VNIC_RX_NBLS lists from it, on the free list.
// On failure nothing is left allocated.
//
static NDIS_STATUS
VNicAllocateReceiveLists(
    _In_ PVNIC_ADAPTER Adapter
    )
{
    NET_BUFFER_LIST_POOL_PARAMETERS poolParameters;
    PNET_BUFFER_LIST nbl;
    ULONG i;

    NdisZeroMemory(&poolParameters, sizeof(poolParameters));
    poolParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    poolParameters.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    poolParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    poolParameters.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    poolParameters.fAllocateNetBuffer = TRUE;
    poolParameters.PoolTag = VNIC_TAG;
    Adapter->NblPool = NdisAllocateNetBufferListPool(Adapter->AdapterHandle, &poolParameters);
    if (Adapter->NblPool == NULL) {
        return NDIS_STATUS_RESOURCES;
    }

    for (i = 0; i < VNIC_RX_NBLS; i++) {
        nbl = NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, NULL, 0, 0);
        if (nbl == NULL) {
            VNicFreeReceiveLists(Adapter);
            return NDIS_STATUS_RESOURCES;
        }
        NET_BUFFER_LIST_NEXT_NBL(nbl) = Adapter->RxFree;
        Adapter->RxFree = nbl;
        Adapter->RxFreeCount++;
    }
    return NDIS_STATUS_SUCCESS;
}

//
// The attributes NDIS wants from MiniportInitializeEx: the registration
// attributes (the adapter block is the context) first, then the general
// ones.
//
static NDIS_STATUS
VNicSetAttributes(
    _In_ NDIS_HANDLE MiniportAdapterHandle,
    _In_ PVNIC_ADAPTER Adapter
    )
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES registration;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES general;
    NDIS_STATUS status;

    NdisZeroMemory(&registration, sizeof(registration));
    registration.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    registration.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    registration.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    registration.MiniportAdapterContext = Adapter;
    registration.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM |
                                  NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    registration.CheckForHangTimeInSeconds = 0;
    registration.InterfaceType = NdisInterfaceInternal;
    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&registration);
    if (status != NDIS_STATUS_SUCCESS) {
        return status;
    }

    NdisZeroMemory(&general, sizeof(general));
    general.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    general.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    general.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    general.MediaType = NdisMedium802_3;
    general.PhysicalMediumType = NdisPhysicalMediumUnspecified;
    general.MtuSize = VNIC_MTU;
    general.MaxXmitLinkSpeed = VNIC_LINK_SPEED;
    general.XmitLinkSpeed = VNIC_LINK_SPEED;
    general.MaxRcvLinkSpeed = VNIC_LINK_SPEED;
    general.RcvLinkSpeed = VNIC_LINK_SPEED;
    general.MediaConnectState = MediaConnectStateConnected;
    general.MediaDuplexState = MediaDuplexStateFull;
    general.LookaheadSize = VNIC_MTU;
    general.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA |
                         NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                         NDIS_MAC_OPTION_NO_LOOPBACK;
    general.SupportedPacketFilters = VNIC_SUPPORTED_FILTERS;
    general.MaxMulticastListSize = 32;
    general.MacAddressLength = sizeof(Adapter->MacAddress);
    NdisMoveMemory(general.PermanentMacAddress, Adapter->MacAddress, sizeof(Adapter->MacAddress));
    NdisMoveMemory(general.CurrentMacAddress, Adapter->MacAddress, sizeof(Adapter->MacAddress));
    general.AccessType = NET_IF_ACCESS_BROADCAST;
    general.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    general.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    general.IfType = IF_TYPE_ETHERNET_CSMACD;
    general.IfConnectorPresent = FALSE;
    general.SupportedStatistics = NDIS_STATISTICS_XMIT_OK_SUPPORTED |
                                  NDIS_STATISTICS_RCV_OK_SUPPORTED;
    general.SupportedPauseFunctions = NdisPauseFunctionsUnsupported;
    general.SupportedOidList = (PNDIS_OID)VNicSupportedOids;
    general.SupportedOidListLength = sizeof(VNicSupportedOids);
    return NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&general);
}

//
// MiniportInitializeEx, at PASSIVE_LEVEL. Every failure frees exactly
// what succeeded before it; the miniport device, once created, is the
// framework driver's to delete.
//
NDIS_STATUS
VNicInitializeEx(
    _In_ NDIS_HANDLE MiniportAdapterHandle,
    _In_ NDIS_HANDLE MiniportDriverContext,
    _In_ PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    PDEVICE_OBJECT pdo = NULL, fdo = NULL, next = NULL;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_TIMER_CONFIG timerConfig;
    WDF_WORKITEM_CONFIG workItemConfig;
    PVNIC_ADAPTER adapter;
    WDFDEVICE device;
    NDIS_STATUS status;
    NTSTATUS ntStatus;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    PAGED_CODE();

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! IfIndex %u",
                MiniportInitParameters->IfIndex);

    adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(VNIC_ADAPTER),
                                                VNIC_TAG, NormalPoolPriority);
    if (adapter == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_ADAPTER, "no memory for the adapter block");
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(adapter, sizeof(VNIC_ADAPTER));
    adapter->AdapterHandle = MiniportAdapterHandle;
    adapter->State = VnicPaused;
    adapter->PacketFilter = 0;
    adapter->Lookahead = VNIC_MTU;
    adapter->MacAddress[0] = 0x02;      // locally administered
    adapter->MacAddress[1] = 0x56;
    adapter->MacAddress[2] = 0x4E;
    adapter->MacAddress[5] = (UCHAR)MiniportInitParameters->IfIndex;
    NdisAllocateSpinLock(&adapter->Lock);

    status = VNicSetAttributes(MiniportAdapterHandle, adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_ADAPTER, "attributes refused %!STATUS!", status);
        goto out_free_adapter;
    }

    //
    // The miniport device over NDIS's device objects: note the order
    // NdisMGetDeviceProperty gives them and WdfDeviceMiniportCreate takes
    // them in.
    //
    NdisMGetDeviceProperty(MiniportAdapterHandle, &pdo, &fdo, &next, NULL, NULL);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, VNIC_DEVICE_CONTEXT);
    ntStatus = WdfDeviceMiniportCreate(WdfGetDriver(), &attributes, fdo, next, pdo, &device);
    if (!NT_SUCCESS(ntStatus)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_ADAPTER, "WdfDeviceMiniportCreate failed %!STATUS!",
                    ntStatus);
        status = NDIS_STATUS_RESOURCES;
        goto out_free_adapter;
    }
    VNicGetDeviceContext(device)->Adapter = adapter;
    adapter->Device = device;

    status = VNicAllocateReceiveLists(adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_ADAPTER, "no receive lists %!STATUS!", status);
        goto out_free_adapter;
    }

    WDF_TIMER_CONFIG_INIT_PERIODIC(&timerConfig, VNicTick, VNIC_TICK_MS);
    timerConfig.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    ntStatus = WdfTimerCreate(&timerConfig, &attributes, &adapter->Tick);
    if (!NT_SUCCESS(ntStatus)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_ADAPTER, "WdfTimerCreate failed %!STATUS!", ntStatus);
        status = NDIS_STATUS_RESOURCES;
        goto out_free_receive_lists;
    }

    WDF_WORKITEM_CONFIG_INIT(&workItemConfig, VNicResetWork);
    workItemConfig.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    ntStatus = WdfWorkItemCreate(&workItemConfig, &attributes, &adapter->ResetWork);
    if (!NT_SUCCESS(ntStatus)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_ADAPTER, "WdfWorkItemCreate failed %!STATUS!",
                    ntStatus);
        status = NDIS_STATUS_RESOURCES;
        goto out_delete_timer;
    }

    //
    // The wire runs from here to halt; it carries nothing until restart.
    //
    WdfTimerStart(adapter->Tick, WDF_REL_TIMEOUT_IN_MS(VNIC_TICK_MS));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! adapter %p ready", adapter);
    return NDIS_STATUS_SUCCESS;

out_delete_timer:
    WdfObjectDelete(adapter->Tick);
out_free_receive_lists:
    VNicFreeReceiveLists(adapter);
out_free_adapter:
    //
    // The device, when it was created, stays for the driver's unload;
    // it must not lead back to the adapter block.
    //
    if (adapter->Device != NULL) {
        VNicGetDeviceContext(adapter->Device)->Adapter = NULL;
    }
    NdisFreeSpinLock(&adapter->Lock);
    NdisFreeMemoryWithTagPriority(MiniportAdapterHandle, adapter, VNIC_TAG);
    return status;
}

//
// MiniportHaltEx, at PASSIVE_LEVEL: the adapter is paused (NDIS paused
// it), so no send is queued. The wire stops (waiting for a tick under
// way), a reset in flight finishes, then the receive lists, their pool
// and the adapter block go.
//
VOID
VNicHaltEx(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ NDIS_HALT_ACTION HaltAction
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;

    PAGED_CODE();
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! action %u", HaltAction);

    WdfTimerStop(adapter->Tick, TRUE);
    WdfWorkItemFlush(adapter->ResetWork);

    NdisAcquireSpinLock(&adapter->Lock);
    NT_ASSERT(adapter->SendsQueued == 0);
    NdisReleaseSpinLock(&adapter->Lock);

    VNicGetDeviceContext(adapter->Device)->Adapter = NULL;
    VNicFreeReceiveLists(adapter);
    NdisFreeSpinLock(&adapter->Lock);
    NdisFreeMemoryWithTagPriority(adapter->AdapterHandle, adapter, VNIC_TAG);
}

//
// MiniportRestart, at PASSIVE_LEVEL: sends and receives may flow.
//
NDIS_STATUS
VNicRestart(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    PAGED_CODE();

    NdisAcquireSpinLock(&adapter->Lock);
    adapter->State = VnicRunning;
    NdisReleaseSpinLock(&adapter->Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! running");
    return NDIS_STATUS_SUCCESS;
}

//
// MiniportPause, at PASSIVE_LEVEL: no new send is accepted. With sends
// still queued the pause pends; the wire (VNicTick) or a reset
// (VNicResetWork) completes them and then the pause.
//
NDIS_STATUS
VNicPause(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS status;

    UNREFERENCED_PARAMETER(PauseParameters);
    PAGED_CODE();

    NdisAcquireSpinLock(&adapter->Lock);
#ifdef UF_BUG_PAUSE_WITH_SENDS
    //
    // Bug: "the wire completes what is queued, paused or not": the pause
    // completes at once, and NDIS takes the adapter for paused while its
    // sends are still queued here.
    //
    adapter->State = VnicPaused;
    status = NDIS_STATUS_SUCCESS;
#else
    if (adapter->SendsQueued == 0) {
        adapter->State = VnicPaused;
        status = NDIS_STATUS_SUCCESS;
    } else {
        adapter->State = VnicPausing;
        status = NDIS_STATUS_PENDING;
    }
#endif
    NdisReleaseSpinLock(&adapter->Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! %!STATUS!", status);
    return status;
}

//
// MiniportResetEx, at DISPATCH_LEVEL: the queued sends are dropped and the
// wire restarted at PASSIVE_LEVEL, in ResetWork; the reset pends until it
// has run.
//
NDIS_STATUS
VNicResetEx(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _Out_ PBOOLEAN AddressingReset
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    NdisDprAcquireSpinLock(&adapter->Lock);
    if (adapter->ResetPending) {
        NdisDprReleaseSpinLock(&adapter->Lock);
        return NDIS_STATUS_RESET_IN_PROGRESS;
    }
    adapter->ResetPending = TRUE;
    NdisDprReleaseSpinLock(&adapter->Lock);

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! pending");
    WdfWorkItemEnqueue(adapter->ResetWork);
    return NDIS_STATUS_PENDING;
}

//
// The reset's second half, at PASSIVE_LEVEL: every queued send comes back
// aborted, a pause waiting for them completes, and so does the reset.
//
static VOID
VNicResetWork(
    _In_ WDFWORKITEM WorkItem
    )
{
    PVNIC_ADAPTER adapter = VNicGetDeviceContext(WdfWorkItemGetParentObject(WorkItem))->Adapter;
    PNET_BUFFER_LIST sends;
    BOOLEAN pauseDone = FALSE;

    NdisAcquireSpinLock(&adapter->Lock);
    sends = VNicTakeSendsLocked(adapter);
    if (adapter->State == VnicPausing) {
        adapter->State = VnicPaused;
        pauseDone = TRUE;
    }
    adapter->ResetPending = FALSE;
    NdisReleaseSpinLock(&adapter->Lock);

    VNicCompleteSends(adapter, sends, NDIS_STATUS_REQUEST_ABORTED, FALSE);
    if (pauseDone) {
        NdisMPauseComplete(adapter->AdapterHandle);
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_ADAPTER, "%!FUNC! reset complete");
    NdisMResetComplete(adapter->AdapterHandle, NDIS_STATUS_SUCCESS, FALSE);
}

//
// MiniportDevicePnPEventNotify, at PASSIVE_LEVEL: after a surprise removal
// nothing goes on the wire; NDIS halts the adapter next.
//
VOID
VNicDevicePnPEventNotify(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_ADAPTER, "%!FUNC! surprise removed");
        NdisAcquireSpinLock(&adapter->Lock);
        adapter->SurpriseRemoved = TRUE;
        NdisReleaseSpinLock(&adapter->Lock);
    }
}

//
// MiniportShutdownEx: at any IRQL up to HIGH_LEVEL on a bug check, so it
// takes no lock and frees nothing: it only turns the wire off.
//
VOID
VNicShutdownEx(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ NDIS_SHUTDOWN_ACTION ShutdownAction
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    adapter->ShutDown = TRUE;
}
