/*
 * uf/ndisoid.h - OID requests and what they carry: NDIS_OID_REQUEST, the OIDs
 * a miniport answers, its statistics, Ethernet addresses (what the WDK's
 * ntddndis.h and ndis.h give). Included by uf/ndis.h where it stands, after
 * NDIS's basic types and object headers; not on its own.
 */
#ifndef UNLOADFUZZ_UF_NDISOID_H
#define UNLOADFUZZ_UF_NDISOID_H

/* ---- OID requests ---- */
typedef enum _NDIS_REQUEST_TYPE {
    NdisRequestQueryInformation,
    NdisRequestSetInformation,
    NdisRequestQueryStatistics,
    NdisRequestOpen,
    NdisRequestClose,
    NdisRequestSend,
    NdisRequestTransferData,
    NdisRequestReset,
    NdisRequestGeneric1,
    NdisRequestGeneric2,
    NdisRequestGeneric3,
    NdisRequestGeneric4,
    NdisRequestMethod = 12
} NDIS_REQUEST_TYPE, *PNDIS_REQUEST_TYPE;

typedef struct _NDIS_OID_REQUEST {
    NDIS_OBJECT_HEADER Header;
    NDIS_REQUEST_TYPE RequestType;
    NDIS_PORT_NUMBER PortNumber;
    UINT Timeout;
    PVOID RequestId;
    NDIS_HANDLE RequestHandle;
    union _REQUEST_DATA {
        struct _QUERY {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            UINT InformationBufferLength;
            UINT BytesWritten;
            UINT BytesNeeded;
        } QUERY_INFORMATION;
        struct _SET {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            UINT InformationBufferLength;
            UINT BytesRead;
            UINT BytesNeeded;
        } SET_INFORMATION;
        struct _METHOD {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            ULONG InputBufferLength;
            ULONG OutputBufferLength;
            ULONG MethodId;
            UINT BytesWritten;
            UINT BytesRead;
            UINT BytesNeeded;
        } METHOD_INFORMATION;
    } DATA;
    UCHAR NdisReserved[16 * sizeof(PVOID)];
    UCHAR MiniportReserved[2 * sizeof(PVOID)];
    UCHAR SourceReserved[2 * sizeof(PVOID)];
    UCHAR SupportedRevision;
    UCHAR Reserved1;
    USHORT Reserved2;
} NDIS_OID_REQUEST, *PNDIS_OID_REQUEST;
#define NDIS_OID_REQUEST_REVISION_1 1
#define NDIS_SIZEOF_OID_REQUEST_REVISION_1 NDIS_SIZEOF_THROUGH_(NDIS_OID_REQUEST, Reserved2)

/* The OIDs the port simulation sends (`oid-request`), and the general ones
 * a miniport answers. */
#define OID_GEN_SUPPORTED_LIST           0x00010101
#define OID_GEN_HARDWARE_STATUS          0x00010102
#define OID_GEN_MEDIA_SUPPORTED          0x00010103
#define OID_GEN_MEDIA_IN_USE             0x00010104
#define OID_GEN_MAXIMUM_LOOKAHEAD        0x00010105
#define OID_GEN_MAXIMUM_FRAME_SIZE       0x00010106
#define OID_GEN_LINK_SPEED               0x00010107
#define OID_GEN_TRANSMIT_BUFFER_SPACE    0x00010108
#define OID_GEN_RECEIVE_BUFFER_SPACE     0x00010109
#define OID_GEN_TRANSMIT_BLOCK_SIZE      0x0001010A
#define OID_GEN_RECEIVE_BLOCK_SIZE       0x0001010B
#define OID_GEN_VENDOR_ID                0x0001010C
#define OID_GEN_VENDOR_DESCRIPTION       0x0001010D
#define OID_GEN_CURRENT_PACKET_FILTER    0x0001010E
#define OID_GEN_CURRENT_LOOKAHEAD        0x0001010F
#define OID_GEN_DRIVER_VERSION           0x00010110
#define OID_GEN_MAXIMUM_TOTAL_SIZE       0x00010111
#define OID_GEN_PROTOCOL_OPTIONS         0x00010112
#define OID_GEN_MAC_OPTIONS              0x00010113
#define OID_GEN_MEDIA_CONNECT_STATUS     0x00010114
#define OID_GEN_MAXIMUM_SEND_PACKETS     0x00010115
#define OID_GEN_VENDOR_DRIVER_VERSION    0x00010116
#define OID_GEN_SUPPORTED_GUIDS          0x00010117
#define OID_GEN_INTERRUPT_MODERATION     0x00010209
#define OID_GEN_XMIT_OK                  0x00020101
#define OID_GEN_RCV_OK                   0x00020102
#define OID_GEN_XMIT_ERROR               0x00020103
#define OID_GEN_RCV_ERROR                0x00020104
#define OID_GEN_RCV_NO_BUFFER            0x00020105
#define OID_GEN_STATISTICS               0x00020106
#define OID_802_3_PERMANENT_ADDRESS      0x01010101
#define OID_802_3_CURRENT_ADDRESS        0x01010102
#define OID_802_3_MULTICAST_LIST         0x01010103
#define OID_802_3_MAXIMUM_LIST_SIZE      0x01010104
#define OID_802_3_RCV_ERROR_ALIGNMENT    0x01020101
#define OID_802_3_XMIT_ONE_COLLISION     0x01020102
#define OID_802_3_XMIT_MORE_COLLISIONS   0x01020103
#define OID_802_3_XMIT_DEFERRED          0x01020201
#define OID_802_3_XMIT_MAX_COLLISIONS    0x01020202
#define OID_802_3_RCV_OVERRUN            0x01020203
#define OID_802_3_XMIT_UNDERRUN          0x01020204
#define OID_802_3_XMIT_HEARTBEAT_FAILURE 0x01020205
#define OID_802_3_XMIT_TIMES_CRS_LOST    0x01020206
#define OID_802_3_XMIT_LATE_COLLISIONS   0x01020207

/* OID_GEN_STATISTICS' answer: the interface's counters (ntddndis.h). */
typedef struct _NDIS_STATISTICS_INFO {
    NDIS_OBJECT_HEADER Header;
    ULONG SupportedStatistics;
    ULONG64 ifInDiscards;
    ULONG64 ifInErrors;
    ULONG64 ifHCInOctets;
    ULONG64 ifHCInUcastPkts;
    ULONG64 ifHCInMulticastPkts;
    ULONG64 ifHCInBroadcastPkts;
    ULONG64 ifHCOutOctets;
    ULONG64 ifHCOutUcastPkts;
    ULONG64 ifHCOutMulticastPkts;
    ULONG64 ifHCOutBroadcastPkts;
    ULONG64 ifOutErrors;
    ULONG64 ifOutDiscards;
    ULONG64 ifHCInUcastOctets;
    ULONG64 ifHCInMulticastOctets;
    ULONG64 ifHCInBroadcastOctets;
    ULONG64 ifHCOutUcastOctets;
    ULONG64 ifHCOutMulticastOctets;
    ULONG64 ifHCOutBroadcastOctets;
} NDIS_STATISTICS_INFO, *PNDIS_STATISTICS_INFO;
#define NDIS_STATISTICS_INFO_REVISION_1 1
#define NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_STATISTICS_INFO, ifHCOutBroadcastOctets)

#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV   0x00000001
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV  0x00000002
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV  0x00000004
#define NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV             0x00000008
#define NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS          0x00000010
#define NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR             0x00000020
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT  0x00000040
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT 0x00000080
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT 0x00000100
#define NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT            0x00000200
#define NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR            0x00000400
#define NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS         0x00008000
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV    0x00010000
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV   0x00020000
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV   0x00040000
#define NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT   0x00080000
#define NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT  0x00100000
#define NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT  0x00200000

/* OID_GEN_INTERRUPT_MODERATION's answer (ntddndis.h). */
typedef enum _NDIS_INTERRUPT_MODERATION {
    NdisInterruptModerationUnknown,
    NdisInterruptModerationNotSupported,
    NdisInterruptModerationEnabled,
    NdisInterruptModerationDisabled
} NDIS_INTERRUPT_MODERATION, *PNDIS_INTERRUPT_MODERATION;
#define NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET        0x00000001
#define NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE 0x00000002

typedef struct _NDIS_INTERRUPT_MODERATION_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_INTERRUPT_MODERATION InterruptModeration;
} NDIS_INTERRUPT_MODERATION_PARAMETERS, *PNDIS_INTERRUPT_MODERATION_PARAMETERS;
#define NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NDIS_INTERRUPT_MODERATION_PARAMETERS, InterruptModeration)

/* Ethernet addresses (xfilter.h, which ndis.h includes). */
#define ETH_LENGTH_OF_ADDRESS 6
#define ETH_IS_BROADCAST(A) \
    ((((PUCHAR)(A))[0] == 0xff) && (((PUCHAR)(A))[1] == 0xff) && (((PUCHAR)(A))[2] == 0xff) && \
     (((PUCHAR)(A))[3] == 0xff) && (((PUCHAR)(A))[4] == 0xff) && (((PUCHAR)(A))[5] == 0xff))
#define ETH_IS_MULTICAST(A) ((BOOLEAN)(((PUCHAR)(A))[0] & ((UCHAR)0x01)))
/* A block, as the real macro is: four bytes then two, unaligned. */
#define ETH_COPY_NETWORK_ADDRESS(D, S)                                                   \
    {                                                                                    \
        *((ULONG UNALIGNED *)(D)) = *((ULONG UNALIGNED *)(S));                            \
        *((USHORT UNALIGNED *)((UCHAR *)(D) + 4)) = *((USHORT UNALIGNED *)((UCHAR *)(S) + 4)); \
    }

#endif /* UNLOADFUZZ_UF_NDISOID_H */
