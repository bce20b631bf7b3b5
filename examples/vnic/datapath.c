/*++

Module Name:

    datapath.c

Abstract:

    The virtual NIC's data path. Sends are queued under the adapter's lock
    while the adapter runs; the wire, a periodic WDF timer, transmits what
    is queued at each tick, completes it, and reflects each frame back as
    a receive when the packet filter lets it in. When the free receive
    lists run low the indication carries NDIS_RECEIVE_FLAGS_RESOURCES and
    the lists are the miniport's again as soon as it returns.

Environment:

    Kernel mode

--*/

#include "vnic.h"
#include "datapath.tmh"

#define VNIC_RX_LOW 1   // fewer free receive lists than this: indicate with RESOURCES

//
// Takes every queued send off the adapter, oldest first, as one chain.
// The caller holds the lock.
//
PNET_BUFFER_LIST
VNicTakeSendsLocked(
    _In_ PVNIC_ADAPTER Adapter
    )
{
    PNET_BUFFER_LIST sends = Adapter->SendHead;

    Adapter->SendHead = NULL;
    Adapter->SendTail = NULL;
    Adapter->SendsQueued = 0;
    return sends;
}

//
// Gives a chain of sends back to NDIS with Status. Called without the lock.
//
VOID
VNicCompleteSends(
    _In_ PVNIC_ADAPTER Adapter,
    _In_opt_ PNET_BUFFER_LIST NetBufferLists,
    _In_ NDIS_STATUS Status,
    _In_ BOOLEAN AtDispatch
    )
{
    PNET_BUFFER_LIST nbl;
    ULONG completeFlags = 0;

    if (NetBufferLists == NULL) {
        return;
    }
    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        NET_BUFFER_LIST_STATUS(nbl) = Status;
    }
    if (AtDispatch) {
        NDIS_SET_SEND_COMPLETE_FLAG(completeFlags, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists, completeFlags);
}

//
// MiniportSendNetBufferLists, at IRQL <= DISPATCH_LEVEL: queued for the
// wire while the adapter runs; otherwise back at once, NDIS_STATUS_PAUSED
// (or the reason the wire is down).
//
VOID
VNicSendNetBufferLists(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PNET_BUFFER_LIST NetBufferLists,
    _In_ NDIS_PORT_NUMBER PortNumber,
    _In_ ULONG SendFlags
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;
    BOOLEAN atDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags);
    PNET_BUFFER_LIST nbl, tail;
    NDIS_STATUS status = NDIS_STATUS_SUCCESS;
    ULONG count = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    for (tail = NetBufferLists; ; tail = NET_BUFFER_LIST_NEXT_NBL(tail)) {
        count++;
        if (NET_BUFFER_LIST_NEXT_NBL(tail) == NULL) {
            break;
        }
    }

    if (atDispatch) {
        NdisDprAcquireSpinLock(&adapter->Lock);
    } else {
        NdisAcquireSpinLock(&adapter->Lock);
    }
    if (adapter->SurpriseRemoved) {
        status = NDIS_STATUS_ADAPTER_REMOVED;
    } else if (adapter->ShutDown || adapter->ResetPending) {
        status = NDIS_STATUS_RESET_IN_PROGRESS;
    } else if (adapter->State != VnicRunning) {
        status = NDIS_STATUS_PAUSED;
    } else {
        if (adapter->SendTail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(adapter->SendTail) = NetBufferLists;
        } else {
            adapter->SendHead = NetBufferLists;
        }
        adapter->SendTail = tail;
        adapter->SendsQueued += count;
    }
    if (atDispatch) {
        NdisDprReleaseSpinLock(&adapter->Lock);
    } else {
        NdisReleaseSpinLock(&adapter->Lock);
    }

    if (status != NDIS_STATUS_SUCCESS) {
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_DATAPATH, "%!FUNC! %u refused %!STATUS!", count,
                    status);
        for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
            NET_BUFFER_LIST_STATUS(nbl) = status;
        }
        VNicCompleteSends(adapter, NetBufferLists, status, atDispatch);
    }
}

//
// MiniportReturnNetBufferLists, at IRQL <= DISPATCH_LEVEL: receive lists
// NDIS is done with go back on the free list.
//
VOID
VNicReturnNetBufferLists(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PNET_BUFFER_LIST NetBufferLists,
    _In_ ULONG ReturnFlags
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;
    BOOLEAN atDispatch = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags);
    PNET_BUFFER_LIST nbl, next;

    if (atDispatch) {
        NdisDprAcquireSpinLock(&adapter->Lock);
    } else {
        NdisAcquireSpinLock(&adapter->Lock);
    }
    for (nbl = NetBufferLists; nbl != NULL; nbl = next) {
        next = NET_BUFFER_LIST_NEXT_NBL(nbl);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = adapter->RxFree;
        adapter->RxFree = nbl;
        adapter->RxFreeCount++;
    }
    if (atDispatch) {
        NdisDprReleaseSpinLock(&adapter->Lock);
    } else {
        NdisReleaseSpinLock(&adapter->Lock);
    }
}

//
// MiniportCancelSendNetBufferLists, at IRQL <= DISPATCH_LEVEL: the queued
// sends marked with CancelId come back aborted.
//
VOID
VNicCancelSend(
    _In_ NDIS_HANDLE MiniportAdapterContext,
    _In_ PVOID CancelId
    )
{
    PVNIC_ADAPTER adapter = (PVNIC_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl, next, prev = NULL, cancelled = NULL, *link = &cancelled;

    NdisAcquireSpinLock(&adapter->Lock);
    for (nbl = adapter->SendHead; nbl != NULL; nbl = next) {
        next = NET_BUFFER_LIST_NEXT_NBL(nbl);
        if (NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(nbl) != CancelId) {
            prev = nbl;
            continue;
        }
        if (prev != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(prev) = next;
        } else {
            adapter->SendHead = next;
        }
        if (adapter->SendTail == nbl) {
            adapter->SendTail = prev;
        }
        adapter->SendsQueued--;
        NET_BUFFER_LIST_NEXT_NBL(nbl) = NULL;
        *link = nbl;
        link = &NET_BUFFER_LIST_NEXT_NBL(nbl);
    }
    NdisReleaseSpinLock(&adapter->Lock);

    VNicCompleteSends(adapter, cancelled, NDIS_STATUS_SEND_ABORTED, FALSE);
}

//
// Takes a free receive list for each frame sent, while there is one, and
// chains them. The caller holds the lock. Sets *Count and *LowResources
// (the chain took the free lists below VNIC_RX_LOW).
//
static PNET_BUFFER_LIST
VNicTakeReceivesLocked(
    _In_ PVNIC_ADAPTER Adapter,
    _In_ PNET_BUFFER_LIST Sends,
    _Out_ PULONG Count,
    _Out_ PBOOLEAN LowResources
    )
{
    PNET_BUFFER_LIST send, rx, head = NULL, *link = &head;

    *Count = 0;
    for (send = Sends; send != NULL && Adapter->RxFree != NULL;
         send = NET_BUFFER_LIST_NEXT_NBL(send)) {
        rx = Adapter->RxFree;
        Adapter->RxFree = NET_BUFFER_LIST_NEXT_NBL(rx);
        Adapter->RxFreeCount--;
        NET_BUFFER_LIST_NEXT_NBL(rx) = NULL;
        NET_BUFFER_LIST_STATUS(rx) = NDIS_STATUS_SUCCESS;
        rx->SourceHandle = Adapter->AdapterHandle;
        *link = rx;
        link = &NET_BUFFER_LIST_NEXT_NBL(rx);
        (*Count)++;
    }
    *LowResources = head != NULL && Adapter->RxFreeCount < VNIC_RX_LOW;
    return head;
}

//
// The wire, at DISPATCH_LEVEL, every VNIC_TICK_MS: what is queued is
// transmitted and completed, reflected back as receives while the adapter
// runs, and a pause waiting for the sends completes.
//
VOID
VNicTick(
    _In_ WDFTIMER Timer
    )
{
    PVNIC_ADAPTER adapter = VNicGetDeviceContext(WdfTimerGetParentObject(Timer))->Adapter;
    PNET_BUFFER_LIST sends, receives = NULL, nbl, next;
    NDIS_STATUS sendStatus = NDIS_STATUS_SUCCESS;
    BOOLEAN pauseDone = FALSE, lowResources = FALSE;
    ULONG receiveFlags = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL;
    ULONG count = 0;

    if (adapter == NULL) {
        return;
    }

    NdisDprAcquireSpinLock(&adapter->Lock);
    sends = VNicTakeSendsLocked(adapter);
    if (adapter->SurpriseRemoved) {
        sendStatus = NDIS_STATUS_ADAPTER_REMOVED;
    } else if (adapter->State == VnicRunning && !adapter->ShutDown &&
               (adapter->PacketFilter & (NDIS_PACKET_TYPE_DIRECTED |
                                         NDIS_PACKET_TYPE_PROMISCUOUS)) != 0) {
        receives = VNicTakeReceivesLocked(adapter, sends, &count, &lowResources);
    }
    for (nbl = sends; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        adapter->FramesXmitOk += sendStatus == NDIS_STATUS_SUCCESS;
    }
    adapter->FramesRcvOk += count;
    if (adapter->State == VnicPausing) {
        adapter->State = VnicPaused;
        pauseDone = TRUE;
    }
    NdisDprReleaseSpinLock(&adapter->Lock);

    VNicCompleteSends(adapter, sends, sendStatus, TRUE);

    if (receives != NULL) {
        if (lowResources) {
            NDIS_SET_RETURN_FLAG(receiveFlags, NDIS_RECEIVE_FLAGS_RESOURCES);
        }
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_DATAPATH, "%!FUNC! %u received", count);
        NdisMIndicateReceiveNetBufferLists(adapter->AdapterHandle, receives,
                                           NDIS_DEFAULT_PORT_NUMBER, count, receiveFlags);
        if (NDIS_TEST_RECEIVE_CANNOT_PEND(receiveFlags)) {
            //
            // With NDIS_RECEIVE_FLAGS_RESOURCES NDIS never returns the
            // lists: they are the miniport's again now.
            //
            NdisDprAcquireSpinLock(&adapter->Lock);
            for (nbl = receives; nbl != NULL; nbl = next) {
                next = NET_BUFFER_LIST_NEXT_NBL(nbl);
                NET_BUFFER_LIST_NEXT_NBL(nbl) = adapter->RxFree;
                adapter->RxFree = nbl;
                adapter->RxFreeCount++;
            }
            NdisDprReleaseSpinLock(&adapter->Lock);
        }
    }

    if (pauseDone) {
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DATAPATH, "%!FUNC! pause complete");
        NdisMPauseComplete(adapter->AdapterHandle);
    }
}
