/*++

Module Name:

    oid.c

Abstract:

    The virtual NIC's OID requests: the packet filter and the lookahead
    are set, the general and 802.3 queries answered. Every request
    completes synchronously, so there is never one to cancel.

Environment:

    Kernel mode

--*/

#include "vnic.h"
#include "oid.tmh"

//
// A query: copies Length bytes of Data to the request's buffer, or says
// how many it needs.
//
static NDIS_STATUS
VNicQueryAnswer(
    _Inout_ PNDIS_OID_REQUEST OidRequest,
    _In_reads_bytes_(Length) const VOID *Data,
    _In_ ULONG Length
    )
{
    if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < Length) {
        OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = Length;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(OidRequest->DATA.QUERY_INFORMATION.InformationBuffer, Data, Length);
    OidRequest->DATA.QUERY_INFORMATION.BytesWritten = Length;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
VNicQuery(
    _In_ PVNIC_ADAPTER Adapter,
    _Inout_ PNDIS_OID_REQUEST OidRequest
    )
{
    ULONG value;
    ULONG64 value64;
    NDIS_MEDIUM medium = NdisMedium802_3;
    NET_IF_MEDIA_CONNECT_STATE connect = MediaConnectStateConnected;

    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_MEDIA_SUPPORTED:
    case OID_GEN_MEDIA_IN_USE:
        return VNicQueryAnswer(OidRequest, &medium, sizeof(medium));
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        value = VNIC_MTU;
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    case OID_GEN_MAXIMUM_TOTAL_SIZE:
        value = VNIC_MTU + 14;
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    case OID_GEN_LINK_SPEED:
        value = (ULONG)(VNIC_LINK_SPEED / 100);     // in units of 100 b/s
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    case OID_GEN_MEDIA_CONNECT_STATUS:
        if (Adapter->SurpriseRemoved) {
            connect = MediaConnectStateDisconnected;
        }
        return VNicQueryAnswer(OidRequest, &connect, sizeof(connect));
    case OID_GEN_CURRENT_PACKET_FILTER:
        NdisAcquireSpinLock(&Adapter->Lock);
        value = Adapter->PacketFilter;
        NdisReleaseSpinLock(&Adapter->Lock);
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    case OID_GEN_CURRENT_LOOKAHEAD:
        value = Adapter->Lookahead;
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    case OID_GEN_VENDOR_DRIVER_VERSION:
        value = 0x00010000;
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
        NdisAcquireSpinLock(&Adapter->Lock);
        value64 = OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK
                      ? Adapter->FramesXmitOk : Adapter->FramesRcvOk;
        NdisReleaseSpinLock(&Adapter->Lock);
        return VNicQueryAnswer(OidRequest, &value64, sizeof(value64));
    case OID_802_3_PERMANENT_ADDRESS:
    case OID_802_3_CURRENT_ADDRESS:
        return VNicQueryAnswer(OidRequest, Adapter->MacAddress, sizeof(Adapter->MacAddress));
    case OID_802_3_MAXIMUM_LIST_SIZE:
        value = 32;
        return VNicQueryAnswer(OidRequest, &value, sizeof(value));
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
VNicSet(
    _In_ PVNIC_ADAPTER Adapter,
    _Inout_ PNDIS_OID_REQUEST OidRequest
    )
{
    ULONG value;

    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
    case OID_GEN_CURRENT_LOOKAHEAD:
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(&value, OidRequest->DATA.SET_INFORMATION.InformationBuffer, sizeof(ULONG));
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        if (OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_LOOKAHEAD) {
            if (value > VNIC_MTU) {
                return NDIS_STATUS_INVALID_DATA;
            }
            Adapter->Lookahead = value;
            return NDIS_STATUS_SUCCESS;
        }
        if ((value & ~VNIC_SUPPORTED_FILTERS) != 0) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        NdisAcquireSpinLock(&Adapter->Lock);
        Adapter->PacketFilter = value;
        NdisReleaseSpinLock(&Adapter->Lock);
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_OID, "packet filter 0x%x", value);
        return NDIS_STATUS_SUCCESS;
    case OID_802_3_MULTICAST_LIST:
        OidRequest->DATA.SET_INFORMATION.BytesRead =
            OidRequest->DATA.SET_INFORMATION.InformationBufferLength;
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

//
// MiniportOidRequest, at PASSIVE_LEVEL: answered before it returns.
//
NDIS_STATUS
VNicOidRequest(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PNDIS_OID_REQUEST OidRequest
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS status;

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        status = VNicQuery(adapter, OidRequest);
        break;
    case NdisRequestSetInformation:
        status = VNicSet(adapter, OidRequest);
        break;
    default:
        status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_OID, "%!FUNC! type %u oid 0x%x %!STATUS!",
                OidRequest->RequestType, OidRequest->DATA.QUERY_INFORMATION.Oid, status);
    return status;
}

//
// MiniportCancelOidRequest: every request completed before its handler
// returned, so none is left to cancel.
//
VOID
VNicCancelOidRequest(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PVOID RequestId
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}
