/*
 * uf/ndis.h - NDIS 6 as a miniport driver sees it: the base of ndis.h.
 *
 * The miniport's registration (NDIS_MINIPORT_DRIVER_CHARACTERISTICS and the
 * handlers it names), the adapter's attributes, the port's completions
 * (NdisMPauseComplete, NdisMResetComplete, ...), NET_BUFFER_LISTs and their
 * pools, NDIS memory and spin locks, with Microsoft's names, layouts and
 * values ([N1]-[N12] in docs/WDF-SEMANTICS.md). The port simulation plays
 * NDIS (harness/run/port_ndis.c); the memory, pools and locks are the
 * model's (model/ndis.c), so faults reach them and leaks are reported when
 * the image unloads. What a miniport may call and nothing here plays is in
 * uf/unmodelled_ndis.def: declared, and a call says it was not modelled.
 * ntddndis.h's part (OIDs, statistics, link state) and xfilter.h's
 * (Ethernet addresses) are here too.
 */
#ifndef UNLOADFUZZ_UF_NDIS_H
#define UNLOADFUZZ_UF_NDIS_H

#include "wdm.h"

EXTERN_C_START

/* ---- basic types ---- */
typedef int NDIS_STATUS, *PNDIS_STATUS;
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
typedef ULONG NDIS_PORT_NUMBER, *PNDIS_PORT_NUMBER;
typedef UNICODE_STRING NDIS_STRING, *PNDIS_STRING;
typedef PHYSICAL_ADDRESS NDIS_PHYSICAL_ADDRESS, *PNDIS_PHYSICAL_ADDRESS;
typedef ULONG NET_IFINDEX, *PNET_IFINDEX;
typedef USHORT NET_IFTYPE, *PNET_IFTYPE;
typedef union _NET_LUID_LH {
    ULONG64 Value;
    struct {
        ULONG64 Reserved : 24;
        ULONG64 NetLuidIndex : 24;
        ULONG64 IfType : 16;
    } Info;
} NET_LUID_LH, *PNET_LUID_LH, NET_LUID, *PNET_LUID, IF_LUID, *PIF_LUID;
typedef ULONG NDIS_OID, *PNDIS_OID;
typedef struct _CM_PARTIAL_RESOURCE_LIST *PNDIS_RESOURCE_LIST;

#define NDIS_DEFAULT_PORT_NUMBER ((NDIS_PORT_NUMBER)0)

/* ---- status values ---- */
#define NDIS_STATUS_SUCCESS              ((NDIS_STATUS)STATUS_SUCCESS)
#define NDIS_STATUS_PENDING              ((NDIS_STATUS)STATUS_PENDING)
#define NDIS_STATUS_NOT_RECOGNIZED       ((NDIS_STATUS)0x00010001L)
#define NDIS_STATUS_NOT_COPIED           ((NDIS_STATUS)0x00010002L)
#define NDIS_STATUS_NOT_ACCEPTED         ((NDIS_STATUS)0x00010003L)
#define NDIS_STATUS_INDICATION_REQUIRED  ((NDIS_STATUS)0x40230001L)
#define NDIS_STATUS_MEDIA_CONNECT        ((NDIS_STATUS)0x4001000BL)
#define NDIS_STATUS_MEDIA_DISCONNECT     ((NDIS_STATUS)0x4001000CL)
#define NDIS_STATUS_LINK_STATE           ((NDIS_STATUS)0x40010017L)
#define NDIS_STATUS_SOFT_ERRORS          ((NDIS_STATUS)0x80010003L)
#define NDIS_STATUS_FAILURE              ((NDIS_STATUS)STATUS_UNSUCCESSFUL)
#define NDIS_STATUS_RESOURCES            ((NDIS_STATUS)STATUS_INSUFFICIENT_RESOURCES)
#define NDIS_STATUS_INVALID_PARAMETER    ((NDIS_STATUS)STATUS_INVALID_PARAMETER)
#define NDIS_STATUS_NOT_SUPPORTED        ((NDIS_STATUS)STATUS_NOT_SUPPORTED)
#define NDIS_STATUS_CLOSING              ((NDIS_STATUS)0xC0230002L)
#define NDIS_STATUS_BAD_VERSION          ((NDIS_STATUS)0xC0230004L)
#define NDIS_STATUS_BAD_CHARACTERISTICS  ((NDIS_STATUS)0xC0230005L)
#define NDIS_STATUS_ADAPTER_NOT_FOUND    ((NDIS_STATUS)0xC0230006L)
#define NDIS_STATUS_OPEN_FAILED          ((NDIS_STATUS)0xC0230007L)
#define NDIS_STATUS_DEVICE_FAILED        ((NDIS_STATUS)0xC0230008L)
#define NDIS_STATUS_MULTICAST_FULL       ((NDIS_STATUS)0xC0230009L)
#define NDIS_STATUS_MULTICAST_EXISTS     ((NDIS_STATUS)0xC023000AL)
#define NDIS_STATUS_MULTICAST_NOT_FOUND  ((NDIS_STATUS)0xC023000BL)
#define NDIS_STATUS_REQUEST_ABORTED      ((NDIS_STATUS)0xC023000CL)
#define NDIS_STATUS_SEND_ABORTED         ((NDIS_STATUS)0xC023000CL) /* STATUS_NDIS_REQUEST_ABORTED too */
#define NDIS_STATUS_RESET_IN_PROGRESS    ((NDIS_STATUS)0xC023000DL)
#define NDIS_STATUS_INVALID_PACKET       ((NDIS_STATUS)0xC023000FL)
#define NDIS_STATUS_ADAPTER_NOT_READY    ((NDIS_STATUS)0xC0230011L)
#define NDIS_STATUS_INVALID_LENGTH       ((NDIS_STATUS)0xC0230014L)
#define NDIS_STATUS_INVALID_DATA         ((NDIS_STATUS)0xC0230015L)
#define NDIS_STATUS_BUFFER_TOO_SHORT     ((NDIS_STATUS)0xC0230016L)
#define NDIS_STATUS_INVALID_OID          ((NDIS_STATUS)0xC0230017L)
#define NDIS_STATUS_ADAPTER_REMOVED      ((NDIS_STATUS)0xC0230018L)
#define NDIS_STATUS_UNSUPPORTED_MEDIA    ((NDIS_STATUS)0xC0230019L)
#define NDIS_STATUS_FILE_NOT_FOUND       ((NDIS_STATUS)0xC023001BL)
#define NDIS_STATUS_ERROR_READING_FILE   ((NDIS_STATUS)0xC023001CL)
#define NDIS_STATUS_ALREADY_MAPPED       ((NDIS_STATUS)0xC023001DL)
#define NDIS_STATUS_RESOURCE_CONFLICT    ((NDIS_STATUS)0xC023001EL)
#define NDIS_STATUS_MEDIA_DISCONNECTED   ((NDIS_STATUS)0xC023001FL)
#define NDIS_STATUS_INVALID_ADDRESS      ((NDIS_STATUS)0xC0230022L)
#define NDIS_STATUS_INVALID_DEVICE_REQUEST ((NDIS_STATUS)STATUS_INVALID_DEVICE_REQUEST)
#define NDIS_STATUS_PAUSED               ((NDIS_STATUS)0xC023002AL)
#define NDIS_STATUS_INTERFACE_NOT_FOUND  ((NDIS_STATUS)0xC023002BL)
#define NDIS_STATUS_INVALID_PORT         ((NDIS_STATUS)0xC023002DL)
#define NDIS_STATUS_INVALID_PORT_STATE   ((NDIS_STATUS)0xC023002EL)
#define NDIS_STATUS_LOW_POWER_STATE      ((NDIS_STATUS)0xC023002FL)
#define NDIS_STATUS_BUFFER_OVERFLOW      ((NDIS_STATUS)STATUS_BUFFER_OVERFLOW)

/* ---- object headers: every NDIS 6 structure begins with one [N2] ---- */
typedef struct _NDIS_OBJECT_HEADER {
    UCHAR Type;
    UCHAR Revision;
    USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

#define NDIS_OBJECT_REVISION_1 1

#define NDIS_OBJECT_TYPE_DEFAULT                                  0x80
#define NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS                 0x81
#define NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION                       0x83
#define NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT                       0x84
#define NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES                 0x85
#define NDIS_OBJECT_TYPE_BIND_PARAMETERS                          0x86
#define NDIS_OBJECT_TYPE_OPEN_PARAMETERS                          0x87
#define NDIS_OBJECT_TYPE_RSS_CAPABILITIES                         0x88
#define NDIS_OBJECT_TYPE_RSS_PARAMETERS                           0x89
#define NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS          0x8A
#define NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS            0x8B
#define NDIS_OBJECT_TYPE_OID_REQUEST                              0x96
#define NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS                    0x97
#define NDIS_OBJECT_TYPE_STATUS_INDICATION                        0x98
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES 0x9E
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES      0x9F
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES      0xA0
#define NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES 0xA1
#define NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES               0xA2
#define NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS             0x92
#define NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES 0xB0

#define NDIS_SIZEOF_THROUGH_(type, field) \
    ((USHORT)(__builtin_offsetof(type, field) + sizeof(((type *)0)->field)))

/* ---- the adapter's life: what NDIS hands its handlers ---- */
typedef enum _NDIS_HALT_ACTION {
    NdisHaltDeviceDisabled,
    NdisHaltDeviceInstanceDeInitialized,
    NdisHaltDevicePoweredDown,
    NdisHaltDeviceSurpriseRemoved,
    NdisHaltDeviceFailed,
    NdisHaltDeviceInitializationFailed,
    NdisHaltDeviceStopped
} NDIS_HALT_ACTION, *PNDIS_HALT_ACTION;

typedef enum _NDIS_SHUTDOWN_ACTION {
    NdisShutdownPowerOff,
    NdisShutdownBugCheck
} NDIS_SHUTDOWN_ACTION, *PNDIS_SHUTDOWN_ACTION;

typedef enum _NDIS_DEVICE_PNP_EVENT {
    NdisDevicePnPEventQueryRemoved,
    NdisDevicePnPEventRemoved,
    NdisDevicePnPEventSurpriseRemoved,
    NdisDevicePnPEventQueryStopped,
    NdisDevicePnPEventStopped,
    NdisDevicePnPEventPowerProfileChanged,
    NdisDevicePnPEventFilterListChanged,
    NdisDevicePnPEventMaximum
} NDIS_DEVICE_PNP_EVENT, *PNDIS_DEVICE_PNP_EVENT;

typedef struct _NET_DEVICE_PNP_EVENT {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_DEVICE_PNP_EVENT DevicePnPEvent;
    PVOID InformationBuffer;
    ULONG InformationBufferLength;
    UCHAR NdisReserved[2];
} NET_DEVICE_PNP_EVENT, *PNET_DEVICE_PNP_EVENT;

typedef struct _NDIS_MINIPORT_INIT_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    PNDIS_RESOURCE_LIST AllocatedResources;
    NDIS_HANDLE IMDeviceInstanceContext;
    NDIS_HANDLE MiniportAddDeviceContext;
    NET_IFINDEX IfIndex;
    NET_LUID NetLuid;
    PVOID DefaultPortAuthStates;
    PVOID PciDeviceCustomProperties;
} NDIS_MINIPORT_INIT_PARAMETERS, *PNDIS_MINIPORT_INIT_PARAMETERS;
#define NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_INIT_PARAMETER_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_INIT_PARAMETERS, PciDeviceCustomProperties)

#define NDIS_PAUSE_NDIS_INTERNAL             0x00000001
#define NDIS_PAUSE_LOW_POWER                 0x00000002
#define NDIS_PAUSE_BIND_PROTOCOL             0x00000004
#define NDIS_PAUSE_UNBIND_PROTOCOL           0x00000008
#define NDIS_PAUSE_ATTACH_FILTER             0x00000010
#define NDIS_PAUSE_DETACH_FILTER             0x00000020
#define NDIS_PAUSE_FILTER_RESTART_STACK      0x00000040
#define NDIS_PAUSE_MINIPORT_DEVICE_REMOVE    0x00000080

typedef struct _NDIS_MINIPORT_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
} NDIS_MINIPORT_PAUSE_PARAMETERS, *PNDIS_MINIPORT_PAUSE_PARAMETERS;
#define NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_PAUSE_PARAMETERS_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_PAUSE_PARAMETERS, PauseReason)

typedef struct _NDIS_RESTART_ATTRIBUTES NDIS_RESTART_ATTRIBUTES, *PNDIS_RESTART_ATTRIBUTES;
struct _NDIS_RESTART_ATTRIBUTES {
    PNDIS_RESTART_ATTRIBUTES Next;
    NDIS_OID Oid;
    ULONG DataLength;
    UCHAR Data[1];
};

typedef struct _NDIS_MINIPORT_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PVOID FilterModuleNameList;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    NET_IFINDEX BoundIfIndex;
    NET_LUID BoundIfNetluid;
    ULONG Flags;
} NDIS_MINIPORT_RESTART_PARAMETERS, *PNDIS_MINIPORT_RESTART_PARAMETERS;
#define NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_RESTART_PARAMETERS_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_RESTART_PARAMETERS, Flags)

/* OID requests and what they carry; NET_BUFFER_LISTs (bases of their own). */
#include "ndisoid.h"
#include "nbl.h"

/* ---- the miniport's handlers ([N3]; NDIS_MINIPORT_DRIVER_CHARACTERISTICS
 * names them) ---- */
typedef NDIS_STATUS(MINIPORT_SET_OPTIONS)(_In_ NDIS_HANDLE NdisDriverHandle,
                                          _In_ NDIS_HANDLE DriverContext);
typedef MINIPORT_SET_OPTIONS(*SET_OPTIONS_HANDLER);
typedef NDIS_STATUS(MINIPORT_INITIALIZE)(_In_ NDIS_HANDLE NdisMiniportHandle,
                                         _In_ NDIS_HANDLE MiniportDriverContext,
                                         _In_ PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
typedef MINIPORT_INITIALIZE(*MINIPORT_INITIALIZE_HANDLER);
typedef VOID(MINIPORT_HALT)(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ NDIS_HALT_ACTION HaltAction);
typedef MINIPORT_HALT(*MINIPORT_HALT_HANDLER);
typedef VOID(MINIPORT_UNLOAD)(_In_ PDRIVER_OBJECT DriverObject);
typedef MINIPORT_UNLOAD(*MINIPORT_DRIVER_UNLOAD);
typedef NDIS_STATUS(MINIPORT_PAUSE)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                    _In_ PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters);
typedef MINIPORT_PAUSE(*MINIPORT_PAUSE_HANDLER);
typedef NDIS_STATUS(MINIPORT_RESTART)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                      _In_ PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters);
typedef MINIPORT_RESTART(*MINIPORT_RESTART_HANDLER);
typedef NDIS_STATUS(MINIPORT_OID_REQUEST)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                          _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_OID_REQUEST(*MINIPORT_OID_REQUEST_HANDLER);
typedef VOID(MINIPORT_CANCEL_OID_REQUEST)(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ PVOID RequestId);
typedef MINIPORT_CANCEL_OID_REQUEST(*MINIPORT_CANCEL_OID_REQUEST_HANDLER);
typedef NDIS_STATUS(MINIPORT_DIRECT_OID_REQUEST)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                                 _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_DIRECT_OID_REQUEST(*MINIPORT_DIRECT_OID_REQUEST_HANDLER);
typedef VOID(MINIPORT_CANCEL_DIRECT_OID_REQUEST)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                                 _In_ PVOID RequestId);
typedef MINIPORT_CANCEL_DIRECT_OID_REQUEST(*MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER);
typedef NDIS_STATUS(MINIPORT_SYNCHRONOUS_OID_REQUEST)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                                      _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_SYNCHRONOUS_OID_REQUEST(*MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER);
typedef VOID(MINIPORT_SEND_NET_BUFFER_LISTS)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                            _In_ PNET_BUFFER_LIST NetBufferList,
                                            _In_ NDIS_PORT_NUMBER PortNumber, _In_ ULONG SendFlags);
typedef MINIPORT_SEND_NET_BUFFER_LISTS(*MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER);
typedef VOID(MINIPORT_RETURN_NET_BUFFER_LISTS)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                              _In_ PNET_BUFFER_LIST NetBufferLists,
                                              _In_ ULONG ReturnFlags);
typedef MINIPORT_RETURN_NET_BUFFER_LISTS(*MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER);
typedef VOID(MINIPORT_CANCEL_SEND)(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ PVOID CancelId);
typedef MINIPORT_CANCEL_SEND(*MINIPORT_CANCEL_SEND_HANDLER);
typedef BOOLEAN(MINIPORT_CHECK_FOR_HANG)(_In_ NDIS_HANDLE MiniportAdapterContext);
typedef MINIPORT_CHECK_FOR_HANG(*MINIPORT_CHECK_FOR_HANG_HANDLER);
typedef NDIS_STATUS(MINIPORT_RESET)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                    _Out_ PBOOLEAN AddressingReset);
typedef MINIPORT_RESET(*MINIPORT_RESET_HANDLER);
typedef VOID(MINIPORT_DEVICE_PNP_EVENT_NOTIFY)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                              _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
typedef MINIPORT_DEVICE_PNP_EVENT_NOTIFY(*MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER);
typedef VOID(MINIPORT_SHUTDOWN)(_In_ NDIS_HANDLE MiniportAdapterContext,
                                _In_ NDIS_SHUTDOWN_ACTION ShutdownAction);
typedef MINIPORT_SHUTDOWN(*MINIPORT_SHUTDOWN_HANDLER);

/* ---- registration [N1] ---- */
typedef struct _NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    MINIPORT_INITIALIZE_HANDLER InitializeHandlerEx;
    MINIPORT_HALT_HANDLER HaltHandlerEx;
    MINIPORT_DRIVER_UNLOAD UnloadHandler;
    MINIPORT_PAUSE_HANDLER PauseHandler;
    MINIPORT_RESTART_HANDLER RestartHandler;
    MINIPORT_OID_REQUEST_HANDLER OidRequestHandler;
    MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
    MINIPORT_CANCEL_SEND_HANDLER CancelSendHandler;
    MINIPORT_CHECK_FOR_HANG_HANDLER CheckForHangHandlerEx;
    MINIPORT_RESET_HANDLER ResetHandlerEx;
    MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER DevicePnPEventNotifyHandler;
    MINIPORT_SHUTDOWN_HANDLER ShutdownHandlerEx;
    MINIPORT_CANCEL_OID_REQUEST_HANDLER CancelOidRequestHandler;
    /* NDIS 6.1 (revision 2) */
    MINIPORT_DIRECT_OID_REQUEST_HANDLER DirectOidRequestHandler;
    MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER CancelDirectOidRequestHandler;
    /* NDIS 6.80 (revision 3) */
    MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER SynchronousOidRequestHandler;
} NDIS_MINIPORT_DRIVER_CHARACTERISTICS, *PNDIS_MINIPORT_DRIVER_CHARACTERISTICS;

#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 1
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 2
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 3
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelOidRequestHandler)
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelDirectOidRequestHandler)
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, SynchronousOidRequestHandler)

/* The characteristics' Flags: the miniport is a WDM lower edge, with no
 * hardware resources of its own (a virtual or USB miniport). */
#define NDIS_WDM_DRIVER 0x00000002

/* The NDIS version a miniport says it was written for, from the macro its
 * build defines (NDIS60_MINIPORT, ...). */
#if defined(NDIS685_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 85
#elif defined(NDIS680_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 80
#elif defined(NDIS660_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 60
#elif defined(NDIS650_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 50
#elif defined(NDIS640_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 40
#elif defined(NDIS630_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 30
#elif defined(NDIS620_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 20
#elif defined(NDIS61_MINIPORT)
#define NDIS_MINIPORT_MINOR_VERSION 1
#else
#define NDIS_MINIPORT_MINOR_VERSION 0
#endif
#define NDIS_MINIPORT_MAJOR_VERSION 6

/* ---- the adapter's attributes [N4] ---- */
typedef enum _NDIS_INTERFACE_TYPE {
    NdisInterfaceInternal = 0,
    NdisInterfaceIsa,
    NdisInterfaceEisa,
    NdisInterfaceMca,
    NdisInterfaceTurboChannel,
    NdisInterfacePci,
    NdisInterfacePcMcia,
    NdisInterfaceCBus,
    NdisInterfaceMPIBus,
    NdisInterfaceMPSABus,
    NdisInterfaceProcessorInternal,
    NdisInterfaceInternalPowerBus,
    NdisInterfacePNPISABus,
    NdisInterfacePNPBus,
    NdisInterfaceUSB,
    NdisInterfaceIrda,
    NdisInterface1394,
    NdisMaximumInterfaceType
} NDIS_INTERFACE_TYPE, *PNDIS_INTERFACE_TYPE;

#define NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE      0x00000001
#define NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM             0x00000002
#define NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK   0x00000004
#define NDIS_MINIPORT_ATTRIBUTES_NOT_CO_NDIS          0x00000008
#define NDIS_MINIPORT_ATTRIBUTES_DO_NOT_BIND_TO_ALL_CO 0x00000010
#define NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND   0x00000020
#define NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER           0x00000040
#define NDIS_MINIPORT_ATTRIBUTES_CONTROLS_DEFAULT_PORT 0x00000080
#define NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND  0x00000100

typedef struct _NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE MiniportAdapterContext;
    ULONG AttributeFlags;
    UINT CheckForHangTimeInSeconds;
    NDIS_INTERFACE_TYPE InterfaceType;
} NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 \
    NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1

typedef enum _NDIS_MEDIUM {
    NdisMedium802_3,
    NdisMedium802_5,
    NdisMediumFddi,
    NdisMediumWan,
    NdisMediumLocalTalk,
    NdisMediumDix,
    NdisMediumArcnetRaw,
    NdisMediumArcnet878_2,
    NdisMediumAtm,
    NdisMediumWirelessWan,
    NdisMediumIrda,
    NdisMediumBpc,
    NdisMediumCoWan,
    NdisMedium1394,
    NdisMediumInfiniBand,
    NdisMediumTunnel,
    NdisMediumNative802_11,
    NdisMediumLoopback,
    NdisMediumWiMAX,
    NdisMediumIP,
    NdisMediumMax
} NDIS_MEDIUM, *PNDIS_MEDIUM;

typedef enum _NDIS_PHYSICAL_MEDIUM {
    NdisPhysicalMediumUnspecified,
    NdisPhysicalMediumWirelessLan,
    NdisPhysicalMediumCableModem,
    NdisPhysicalMediumPhoneLine,
    NdisPhysicalMediumPowerLine,
    NdisPhysicalMediumDSL,
    NdisPhysicalMediumFibreChannel,
    NdisPhysicalMedium1394,
    NdisPhysicalMediumWirelessWan,
    NdisPhysicalMediumNative802_11,
    NdisPhysicalMediumBluetooth,
    NdisPhysicalMediumInfiniband,
    NdisPhysicalMediumWiMax,
    NdisPhysicalMediumUWB,
    NdisPhysicalMedium802_3,
    NdisPhysicalMedium802_5,
    NdisPhysicalMediumIrda,
    NdisPhysicalMediumWiredWAN,
    NdisPhysicalMediumWiredCoWan,
    NdisPhysicalMediumOther,
    NdisPhysicalMediumMax
} NDIS_PHYSICAL_MEDIUM, *PNDIS_PHYSICAL_MEDIUM;

typedef enum _NET_IF_MEDIA_CONNECT_STATE {
    MediaConnectStateUnknown,
    MediaConnectStateConnected,
    MediaConnectStateDisconnected
} NET_IF_MEDIA_CONNECT_STATE, *PNET_IF_MEDIA_CONNECT_STATE;
typedef enum _NET_IF_MEDIA_DUPLEX_STATE {
    MediaDuplexStateUnknown,
    MediaDuplexStateHalf,
    MediaDuplexStateFull
} NET_IF_MEDIA_DUPLEX_STATE, *PNET_IF_MEDIA_DUPLEX_STATE;
typedef enum _NET_IF_ACCESS_TYPE {
    NET_IF_ACCESS_LOOPBACK = 1,
    NET_IF_ACCESS_BROADCAST = 2,
    NET_IF_ACCESS_POINT_TO_POINT = 3,
    NET_IF_ACCESS_POINT_TO_MULTI_POINT = 4,
    NET_IF_ACCESS_MAXIMUM = 5
} NET_IF_ACCESS_TYPE, *PNET_IF_ACCESS_TYPE;
typedef enum _NET_IF_DIRECTION_TYPE {
    NET_IF_DIRECTION_SENDRECEIVE,
    NET_IF_DIRECTION_SENDONLY,
    NET_IF_DIRECTION_RECEIVEONLY,
    NET_IF_DIRECTION_MAXIMUM
} NET_IF_DIRECTION_TYPE, *PNET_IF_DIRECTION_TYPE;
typedef enum _NET_IF_CONNECTION_TYPE {
    NET_IF_CONNECTION_DEDICATED = 1,
    NET_IF_CONNECTION_PASSIVE = 2,
    NET_IF_CONNECTION_DEMAND = 3,
    NET_IF_CONNECTION_MAXIMUM = 4
} NET_IF_CONNECTION_TYPE, *PNET_IF_CONNECTION_TYPE;
#define IF_TYPE_ETHERNET_CSMACD 6
#define NDIS_MAX_PHYS_ADDRESS_LENGTH 32
#define NDIS_LINK_SPEED_UNKNOWN ((ULONG64)-1)

typedef struct _NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_MEDIUM MediaType;
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NET_IF_MEDIA_CONNECT_STATE MediaConnectState;
    NET_IF_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PVOID PowerManagementCapabilities;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR PermanentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    PVOID RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    ULONG SupportedStatistics;
    ULONG SupportedPauseFunctions;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
    ULONG AutoNegotiationFlags;
    PVOID PowerManagementCapabilitiesEx;
} NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, AutoNegotiationFlags)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 \
    NDIS_SIZEOF_THROUGH_(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, PowerManagementCapabilitiesEx)

#define NDIS_PACKET_TYPE_DIRECTED       0x00000001
#define NDIS_PACKET_TYPE_MULTICAST      0x00000002
#define NDIS_PACKET_TYPE_ALL_MULTICAST  0x00000004
#define NDIS_PACKET_TYPE_BROADCAST      0x00000008
#define NDIS_PACKET_TYPE_PROMISCUOUS    0x00000020
#define NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA 0x00000001
#define NDIS_MAC_OPTION_RECEIVE_SERIALIZED  0x00000002
#define NDIS_MAC_OPTION_TRANSFERS_NOT_PEND  0x00000004
#define NDIS_MAC_OPTION_NO_LOOPBACK         0x00000008
#define NDIS_MAC_OPTION_FULL_DUPLEX         0x00000010
#define NDIS_MAC_OPTION_EOTX_INDICATION     0x00000020
#define NDIS_MAC_OPTION_8021P_PRIORITY      0x00000040
#define NDIS_MAC_OPTION_SUPPORTS_MAC_ADDRESS_OVERWRITE 0x00000080
#define NDIS_MAC_OPTION_RECEIVE_AT_DPC      0x00000100
#define NDIS_MAC_OPTION_8021Q_VLAN          0x00000200
#define NDIS_MAC_OPTION_RESERVED            0x80000000

/* The general attributes' SupportedStatistics: which counters of
 * OID_GEN_STATISTICS the miniport keeps. */
#define NDIS_STATISTICS_XMIT_OK_SUPPORTED               0x00000001
#define NDIS_STATISTICS_RCV_OK_SUPPORTED                0x00000002
#define NDIS_STATISTICS_XMIT_ERROR_SUPPORTED            0x00000004
#define NDIS_STATISTICS_RCV_ERROR_SUPPORTED             0x00000008
#define NDIS_STATISTICS_RCV_NO_BUFFER_SUPPORTED         0x00000010
#define NDIS_STATISTICS_DIRECTED_BYTES_XMIT_SUPPORTED   0x00000020
#define NDIS_STATISTICS_DIRECTED_FRAMES_XMIT_SUPPORTED  0x00000040
#define NDIS_STATISTICS_MULTICAST_BYTES_XMIT_SUPPORTED  0x00000080
#define NDIS_STATISTICS_MULTICAST_FRAMES_XMIT_SUPPORTED 0x00000100
#define NDIS_STATISTICS_BROADCAST_BYTES_XMIT_SUPPORTED  0x00000200
#define NDIS_STATISTICS_BROADCAST_FRAMES_XMIT_SUPPORTED 0x00000400
#define NDIS_STATISTICS_DIRECTED_BYTES_RCV_SUPPORTED    0x00000800
#define NDIS_STATISTICS_DIRECTED_FRAMES_RCV_SUPPORTED   0x00001000
#define NDIS_STATISTICS_MULTICAST_BYTES_RCV_SUPPORTED   0x00002000
#define NDIS_STATISTICS_MULTICAST_FRAMES_RCV_SUPPORTED  0x00004000
#define NDIS_STATISTICS_BROADCAST_BYTES_RCV_SUPPORTED   0x00008000
#define NDIS_STATISTICS_BROADCAST_FRAMES_RCV_SUPPORTED  0x00010000
#define NDIS_STATISTICS_RCV_CRC_ERROR_SUPPORTED         0x00020000
#define NDIS_STATISTICS_TRANSMIT_QUEUE_LENGTH_SUPPORTED 0x00040000
#define NDIS_STATISTICS_BYTES_RCV_SUPPORTED             0x00080000
#define NDIS_STATISTICS_BYTES_XMIT_SUPPORTED            0x00100000
#define NDIS_STATISTICS_RCV_DISCARDS_SUPPORTED          0x00200000
#define NDIS_STATISTICS_GEN_STATISTICS_SUPPORTED        0x00400000
#define NDIS_STATISTICS_XMIT_DISCARDS_SUPPORTED         0x08000000
#define NDIS_PAUSE_FUNCTIONS_UNSUPPORTED 0
typedef enum _NDIS_SUPPORTED_PAUSE_FUNCTIONS {
    NdisPauseFunctionsUnsupported,
    NdisPauseFunctionsSendOnly,
    NdisPauseFunctionsReceiveOnly,
    NdisPauseFunctionsSendAndReceive,
    NdisPauseFunctionsUnknown
} NDIS_SUPPORTED_PAUSE_FUNCTIONS, *PNDIS_SUPPORTED_PAUSE_FUNCTIONS;
#define NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED 0x00000001
#define NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED  0x00000002
#define NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED          0x00000004

typedef union _NDIS_MINIPORT_ADAPTER_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GeneralAttributes;
} NDIS_MINIPORT_ADAPTER_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_ATTRIBUTES;

/* ---- status indications ---- */
typedef struct _NDIS_STATUS_INDICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE SourceHandle;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_STATUS StatusCode;
    ULONG Flags;
    NDIS_HANDLE DestinationHandle;
    PVOID RequestId;
    PVOID StatusBuffer;
    ULONG StatusBufferSize;
    GUID Guid;
    PVOID NdisReserved[4];
} NDIS_STATUS_INDICATION, *PNDIS_STATUS_INDICATION;
#define NDIS_STATUS_INDICATION_REVISION_1 1
#define NDIS_SIZEOF_STATUS_INDICATION_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_STATUS_INDICATION, NdisReserved)

typedef struct _NDIS_LINK_STATE {
    NDIS_OBJECT_HEADER Header;
    NET_IF_MEDIA_CONNECT_STATE MediaConnectState;
    NET_IF_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    ULONG PauseFunctions;
    ULONG AutoNegotiationFlags;
} NDIS_LINK_STATE, *PNDIS_LINK_STATE;
#define NDIS_LINK_STATE_REVISION_1 1
#define NDIS_SIZEOF_LINK_STATE_REVISION_1 NDIS_SIZEOF_THROUGH_(NDIS_LINK_STATE, AutoNegotiationFlags)

/* ---- NDIS's spin lock: a kernel spin lock and the IRQL it raised from.
 * For a miniport the real header makes these macros over the kernel's
 * routines, and so does this one. ---- */
typedef struct _NDIS_SPIN_LOCK {
    KSPIN_LOCK SpinLock;
    KIRQL OldIrql;
} NDIS_SPIN_LOCK, *PNDIS_SPIN_LOCK;

#define NdisAllocateSpinLock(L)   KeInitializeSpinLock(&(L)->SpinLock)
/* Nothing to free: the real macro expands to nothing, its argument
 * unevaluated, and drivers build that rely on it. */
#define NdisFreeSpinLock(L)
#define NdisAcquireSpinLock(L)    KeAcquireSpinLock(&(L)->SpinLock, &(L)->OldIrql)
#define NdisReleaseSpinLock(L)    KeReleaseSpinLock(&(L)->SpinLock, (L)->OldIrql)
#define NdisDprAcquireSpinLock(L) KeAcquireSpinLockAtDpcLevel(&(L)->SpinLock)
#define NdisDprReleaseSpinLock(L) KeReleaseSpinLockFromDpcLevel(&(L)->SpinLock)

#define NdisZeroMemory(D, L)      RtlZeroMemory((D), (L))
#define NdisMoveMemory(D, S, L)   RtlCopyMemory((D), (S), (L))
#define NdisEqualMemory(S1, S2, L) RtlEqualMemory((S1), (S2), (L))
#define NdisFillMemory(D, L, F)   RtlFillMemory((D), (L), (F))
#define NdisInterlockedIncrement(A) InterlockedIncrement(A)
#define NdisInterlockedDecrement(A) InterlockedDecrement(A)
#define NdisInitializeListHead(H)   InitializeListHead(H)
#define NdisInterlockedInsertHeadList(H, E, L) ExInterlockedInsertHeadList((H), (E), &(L)->SpinLock)
#define NdisInterlockedInsertTailList(H, E, L) ExInterlockedInsertTailList((H), (E), &(L)->SpinLock)
#define NdisInterlockedRemoveHeadList(H, L)    ExInterlockedRemoveHeadList((H), &(L)->SpinLock)

/* ---- NDIS's event: a kernel event, notification type ---- */
typedef struct _NDIS_EVENT {
    KEVENT Event;
} NDIS_EVENT, *PNDIS_EVENT;

/* ---- NDIS's work items ---- */
typedef VOID(NDIS_IO_WORKITEM_FUNCTION)(_In_opt_ PVOID WorkItemContext,
                                        _In_ NDIS_HANDLE NdisIoWorkItemHandle);
typedef NDIS_IO_WORKITEM_FUNCTION *NDIS_IO_WORKITEM_ROUTINE;

/* ---- NDIS 6 timer objects: a timer NDIS allocates, whose function runs
 * as a DPC ---- */
typedef VOID(NDIS_TIMER_FUNCTION)(_In_ PVOID SystemSpecific1, _In_ PVOID FunctionContext,
                                  _In_ PVOID SystemSpecific2, _In_ PVOID SystemSpecific3);
typedef NDIS_TIMER_FUNCTION(*PNDIS_TIMER_FUNCTION);

typedef struct _NDIS_TIMER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG AllocationTag;
    PNDIS_TIMER_FUNCTION TimerFunction;
    PVOID FunctionContext;
} NDIS_TIMER_CHARACTERISTICS, *PNDIS_TIMER_CHARACTERISTICS;
#define NDIS_TIMER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_TIMER_CHARACTERISTICS, FunctionContext)

/* NdisFreeMemory's MemoryFlags: the memory came from
 * NdisAllocateMemoryWithTagPriority, so 0. */
#define NDIS_MEMORY_CONTIGUOUS 0x00000001
#define NDIS_MEMORY_NONCACHED  0x00000002

/* ---- NDIS's routines: the model's (model/ndis.c) ---- */
/* NULL when NDIS has no memory (an injected fault at site ndis-memory). */
PVOID NdisAllocateMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle, _In_ UINT Length, _In_ ULONG Tag,
                                        _In_ EX_POOL_PRIORITY Priority);
/* The NDIS 5 form, still exported to NDIS 6 miniports. */
NDIS_STATUS NdisAllocateMemoryWithTag(_Out_ PVOID *VirtualAddress, _In_ UINT Length, _In_ ULONG Tag);
VOID NdisFreeMemory(_In_ PVOID VirtualAddress, _In_ UINT Length, _In_ UINT MemoryFlags);
VOID NdisFreeMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle, _In_ PVOID VirtualAddress, _In_ ULONG Tag);

/* The running NDIS's version, major in the high word: the port plays
 * NDIS 6.85, what Windows 10 2004 and later report. */
UINT NdisGetVersion(VOID);

/* An event starts not signalled; set, it stays so until reset. A wait
 * returns TRUE once the event is signalled, FALSE when MsToWait (0: no
 * limit) ran out. Nothing else runs while the model's driver waits, so a
 * wait on an event not signalled times out at once, and one with no
 * limit is reported as not modelled (the real thread would wait for
 * another to set it) and returns FALSE. */
VOID NdisInitializeEvent(_Out_ PNDIS_EVENT Event);
VOID NdisSetEvent(_In_ PNDIS_EVENT Event);
VOID NdisResetEvent(_In_ PNDIS_EVENT Event);
BOOLEAN NdisWaitEvent(_In_ PNDIS_EVENT Event, _In_ UINT MsToWait);

/* A timer object is NDIS memory charged to NdisHandle (site ndis-memory:
 * NDIS_STATUS_RESOURCES when it fails), so one never freed is reported
 * when the image unloads. Setting it arms it (TRUE when it was armed
 * already), cancelling disarms it (TRUE when it was armed); the model
 * never fires it. NdisFreeTimerObject frees it, armed or not. */
NDIS_STATUS NdisAllocateTimerObject(_In_ NDIS_HANDLE NdisHandle,
                                    _In_ PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics,
                                    _Out_ PNDIS_HANDLE pTimerObject);
BOOLEAN NdisSetTimerObject(_In_ NDIS_HANDLE TimerObject, _In_ LARGE_INTEGER DueTime,
                           _In_opt_ LONG MillisecondsPeriod, _In_opt_ PVOID FunctionContext);
BOOLEAN NdisCancelTimerObject(_In_ NDIS_HANDLE TimerObject);
VOID NdisFreeTimerObject(_In_ NDIS_HANDLE TimerObject);

NDIS_HANDLE NdisAllocateNetBufferListPool(_In_opt_ NDIS_HANDLE NdisHandle,
                                          _In_ PNET_BUFFER_LIST_POOL_PARAMETERS Parameters);
VOID NdisFreeNetBufferListPool(_In_ NDIS_HANDLE PoolHandle);
PNET_BUFFER_LIST NdisAllocateNetBufferAndNetBufferList(_In_ NDIS_HANDLE PoolHandle,
                                                        _In_ USHORT ContextSize,
                                                        _In_ USHORT ContextBackFill,
                                                        _In_opt_ PMDL MdlChain,
                                                        _In_ ULONG DataOffset,
                                                        _In_ SIZE_T DataLength);
PNET_BUFFER_LIST NdisAllocateNetBufferList(_In_ NDIS_HANDLE PoolHandle, _In_ USHORT ContextSize,
                                           _In_ USHORT ContextBackFill);
VOID NdisFreeNetBufferList(_In_ PNET_BUFFER_LIST NetBufferList);

/* ---- the port's routines: NDIS as the port simulation plays it
 * (harness/run/port_ndis.c) ---- */
NDIS_STATUS NdisMRegisterMiniportDriver(_In_ PDRIVER_OBJECT DriverObject,
                                        _In_ PUNICODE_STRING RegistryPath,
                                        _In_opt_ NDIS_HANDLE MiniportDriverContext,
                                        _In_ PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MiniportDriverCharacteristics,
                                        _Out_ PNDIS_HANDLE NdisMiniportDriverHandle);
VOID NdisMDeregisterMiniportDriver(_In_ NDIS_HANDLE NdisMiniportDriverHandle);
NDIS_STATUS NdisMSetMiniportAttributes(_In_ NDIS_HANDLE NdisMiniportHandle,
                                       _In_ PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes);
VOID NdisMGetDeviceProperty(_In_ NDIS_HANDLE MiniportAdapterHandle,
                            _Inout_opt_ PDEVICE_OBJECT *PhysicalDeviceObject,
                            _Inout_opt_ PDEVICE_OBJECT *FunctionalDeviceObject,
                            _Inout_opt_ PDEVICE_OBJECT *NextDeviceObject,
                            _Inout_opt_ PCM_RESOURCE_LIST *AllocatedResources,
                            _Inout_opt_ PCM_RESOURCE_LIST *AllocatedResourcesTranslated);
VOID NdisMPauseComplete(_In_ NDIS_HANDLE MiniportAdapterHandle);
VOID NdisMRestartComplete(_In_ NDIS_HANDLE MiniportAdapterHandle, _In_ NDIS_STATUS Status);
VOID NdisMResetComplete(_In_ NDIS_HANDLE MiniportAdapterHandle, _In_ NDIS_STATUS Status,
                        _In_ BOOLEAN AddressingReset);
VOID NdisMOidRequestComplete(_In_ NDIS_HANDLE MiniportAdapterHandle, _In_ PNDIS_OID_REQUEST OidRequest,
                             _In_ NDIS_STATUS Status);
VOID NdisMSendNetBufferListsComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                     _In_ PNET_BUFFER_LIST NetBufferLists, _In_ ULONG SendCompleteFlags);
VOID NdisMIndicateReceiveNetBufferLists(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                        _In_ PNET_BUFFER_LIST NetBufferLists,
                                        _In_ NDIS_PORT_NUMBER PortNumber,
                                        _In_ ULONG NumberOfNetBufferLists, _In_ ULONG ReceiveFlags);
VOID NdisMIndicateStatusEx(_In_ NDIS_HANDLE MiniportAdapterHandle,
                           _In_ PNDIS_STATUS_INDICATION StatusIndication);

/* ---- what a miniport may call and the model does not play ---- */
#define UNMODELLED(ret, name, params, fail) ret name params;
#define UNMODELLED_VOID(name, params) VOID name params;
#include "unmodelled_ndis.def"
#undef UNMODELLED
#undef UNMODELLED_VOID

EXTERN_C_END

/* ---- call sites ---- */
#ifndef WDFMODEL_NO_CALL_SITES
#define NdisAllocateMemoryWithTagPriority(h, l, t, p) \
    WDFMODEL_AT_(NdisAllocateMemoryWithTagPriority(h, l, t, p))
#define NdisAllocateMemoryWithTag(v, l, t)  WDFMODEL_AT_(NdisAllocateMemoryWithTag(v, l, t))
#define NdisFreeMemory(v, l, f)             WDFMODEL_AT_(NdisFreeMemory(v, l, f))
#define NdisFreeMemoryWithTagPriority(h, v, t) WDFMODEL_AT_(NdisFreeMemoryWithTagPriority(h, v, t))
#define NdisAllocateNetBufferListPool(h, p) WDFMODEL_AT_(NdisAllocateNetBufferListPool(h, p))
#define NdisFreeNetBufferListPool(p)        WDFMODEL_AT_(NdisFreeNetBufferListPool(p))
#define NdisAllocateNetBufferAndNetBufferList(p, c, b, m, o, l) \
    WDFMODEL_AT_(NdisAllocateNetBufferAndNetBufferList(p, c, b, m, o, l))
#define NdisAllocateNetBufferList(p, c, b)  WDFMODEL_AT_(NdisAllocateNetBufferList(p, c, b))
#define NdisFreeNetBufferList(n)            WDFMODEL_AT_(NdisFreeNetBufferList(n))
#define NdisMRegisterMiniportDriver(d, r, c, ch, h) \
    WDFMODEL_AT_(NdisMRegisterMiniportDriver(d, r, c, ch, h))
#define NdisMDeregisterMiniportDriver(h)    WDFMODEL_AT_(NdisMDeregisterMiniportDriver(h))
#define NdisMSetMiniportAttributes(h, a)    WDFMODEL_AT_(NdisMSetMiniportAttributes(h, a))
#define NdisMPauseComplete(h)               WDFMODEL_AT_(NdisMPauseComplete(h))
#define NdisMRestartComplete(h, s)          WDFMODEL_AT_(NdisMRestartComplete(h, s))
#define NdisMResetComplete(h, s, a)         WDFMODEL_AT_(NdisMResetComplete(h, s, a))
#define NdisMOidRequestComplete(h, r, s)    WDFMODEL_AT_(NdisMOidRequestComplete(h, r, s))
#define NdisMSendNetBufferListsComplete(h, n, f) WDFMODEL_AT_(NdisMSendNetBufferListsComplete(h, n, f))
#define NdisGetVersion()                    WDFMODEL_AT_(NdisGetVersion())
#define NdisInitializeEvent(e)              WDFMODEL_AT_(NdisInitializeEvent(e))
#define NdisSetEvent(e)                     WDFMODEL_AT_(NdisSetEvent(e))
#define NdisResetEvent(e)                   WDFMODEL_AT_(NdisResetEvent(e))
#define NdisWaitEvent(e, m)                 WDFMODEL_AT_(NdisWaitEvent(e, m))
#define NdisAllocateTimerObject(h, c, t)    WDFMODEL_AT_(NdisAllocateTimerObject(h, c, t))
#define NdisSetTimerObject(t, d, p, c)      WDFMODEL_AT_(NdisSetTimerObject(t, d, p, c))
#define NdisCancelTimerObject(t)            WDFMODEL_AT_(NdisCancelTimerObject(t))
#define NdisFreeTimerObject(t)              WDFMODEL_AT_(NdisFreeTimerObject(t))
#define NdisMDeregisterScatterGatherDma(...) WDFMODEL_AT_(NdisMDeregisterScatterGatherDma(__VA_ARGS__))
#define NdisAllocateIoWorkItem(...)         WDFMODEL_AT_(NdisAllocateIoWorkItem(__VA_ARGS__))
#define NdisQueueIoWorkItem(...)            WDFMODEL_AT_(NdisQueueIoWorkItem(__VA_ARGS__))
#define NdisFreeIoWorkItem(...)             WDFMODEL_AT_(NdisFreeIoWorkItem(__VA_ARGS__))
#endif

#endif /* UNLOADFUZZ_UF_NDIS_H */
