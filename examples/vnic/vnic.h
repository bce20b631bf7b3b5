/*++

Module Name:

    vnic.h

Abstract:

    A virtual Ethernet adapter: an NDIS 6.0 miniport over KMDF. NDIS owns
    the driver object and calls the miniport's handlers; the framework
    gives each adapter a miniport device (WdfDeviceMiniportCreate) with a
    periodic timer that plays the wire (it transmits what is queued, loops
    it back as receives, and finishes a pending pause) and a work item that
    finishes a reset at PASSIVE_LEVEL.

    Lock order: the adapter's Lock alone; NDIS is never called with it held.

--*/

#pragma once

#include <ndis.h>
#include <wdf.h>
#include <wdfminiport.h>

#include "trace.h"

#define VNIC_TAG                'cinV'
#define VNIC_RX_NBLS            4          // receive NET_BUFFER_LISTs per adapter
#define VNIC_TICK_MS            10         // the wire's period
#define VNIC_MTU                1500
#define VNIC_LINK_SPEED         1000000000ull  // 1 Gb/s, both ways
#define VNIC_SUPPORTED_FILTERS  (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                 NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \
                                 NDIS_PACKET_TYPE_PROMISCUOUS)

typedef enum _VNIC_STATE {
    VnicPaused,          // after initialize, and after a pause completed
    VnicRunning,         // MiniportRestart returned
    VnicPausing,         // MiniportPause pended: sends still queued
} VNIC_STATE;

//
// The adapter block: MiniportAdapterContext, from NDIS memory. Fields
// below Lock are guarded by it.
//
typedef struct _VNIC_ADAPTER {
    NDIS_HANDLE AdapterHandle;          // NDIS's, for its completions
    WDFDEVICE Device;                   // the miniport device (the driver's teardown deletes it)
    WDFTIMER Tick;                      // periodic: the wire
    WDFWORKITEM ResetWork;              // finishes a pended MiniportResetEx
    NDIS_HANDLE NblPool;                // the receive NET_BUFFER_LISTs' pool
    UCHAR MacAddress[6];

    NDIS_SPIN_LOCK Lock;
    VNIC_STATE State;
    BOOLEAN ResetPending;               // MiniportResetEx pended, ResetWork not done
    BOOLEAN SurpriseRemoved;            // the device is gone: nothing goes on the wire
    BOOLEAN ShutDown;                   // MiniportShutdownEx: the wire is off
    PNET_BUFFER_LIST SendHead;          // sends queued for the wire, oldest first
    PNET_BUFFER_LIST SendTail;
    ULONG SendsQueued;
    PNET_BUFFER_LIST RxFree;            // receive lists not indicated
    ULONG RxFreeCount;
    ULONG PacketFilter;                 // OID_GEN_CURRENT_PACKET_FILTER
    ULONG Lookahead;                    // OID_GEN_CURRENT_LOOKAHEAD
    ULONG64 FramesXmitOk;
    ULONG64 FramesRcvOk;
} VNIC_ADAPTER, *PVNIC_ADAPTER;

//
// The miniport device's context: the way back from a timer or work item.
//
typedef struct _VNIC_DEVICE_CONTEXT {
    PVNIC_ADAPTER Adapter;
} VNIC_DEVICE_CONTEXT, *PVNIC_DEVICE_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(VNIC_DEVICE_CONTEXT, VNicGetDeviceContext)

//
// driver.c
//
DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD VNicDriverUnload;

//
// adapter.c
//
MINIPORT_INITIALIZE VNicInitializeEx;
MINIPORT_HALT VNicHaltEx;
MINIPORT_PAUSE VNicPause;
MINIPORT_RESTART VNicRestart;
MINIPORT_RESET VNicResetEx;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY VNicDevicePnPEventNotify;
MINIPORT_SHUTDOWN VNicShutdownEx;

//
// datapath.c
//
MINIPORT_SEND_NET_BUFFER_LISTS VNicSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS VNicReturnNetBufferLists;
MINIPORT_CANCEL_SEND VNicCancelSend;
EVT_WDF_TIMER VNicTick;

PNET_BUFFER_LIST
VNicTakeSendsLocked(
    _In_ PVNIC_ADAPTER Adapter
    );

VOID
VNicCompleteSends(
    _In_ PVNIC_ADAPTER Adapter,
    _In_opt_ PNET_BUFFER_LIST NetBufferLists,
    _In_ NDIS_STATUS Status,
    _In_ BOOLEAN AtDispatch
    );

//
// oid.c
//
MINIPORT_OID_REQUEST VNicOidRequest;
MINIPORT_CANCEL_OID_REQUEST VNicCancelOidRequest;
