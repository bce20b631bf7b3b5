/*
 * uf/nbl.h - NET_BUFFER_LISTs, NET_BUFFERs and their flags and accessors
 * (what the WDK's nblapi.h gives). Included by uf/ndis.h where it stands,
 * after NDIS's basic types and object headers; not on its own.
 */
#ifndef UNLOADFUZZ_UF_NBL_H
#define UNLOADFUZZ_UF_NBL_H

/* ---- NET_BUFFER_LISTs [N8] ---- */
typedef struct _NET_BUFFER NET_BUFFER, *PNET_BUFFER;
typedef struct _NET_BUFFER_LIST NET_BUFFER_LIST, *PNET_BUFFER_LIST;
typedef struct _NET_BUFFER_LIST_CONTEXT NET_BUFFER_LIST_CONTEXT, *PNET_BUFFER_LIST_CONTEXT;

struct _NET_BUFFER_LIST_CONTEXT {
    PNET_BUFFER_LIST_CONTEXT Next;
    USHORT Size;
    USHORT Offset;
    UCHAR ContextData[1];
};

typedef union _SLIST_HEADER_NB {
    ULONGLONG Alignment;
} SLIST_HEADER_NB;

struct _NET_BUFFER {
    union {
        struct {
            PNET_BUFFER Next;
            PMDL CurrentMdl;
            ULONG CurrentMdlOffset;
            union {
                ULONG DataLength;
                SIZE_T stDataLength;
            };
            PMDL MdlChain;
            ULONG DataOffset;
        };
        SLIST_HEADER_NB Link;
    };
    USHORT ChecksumBias;
    USHORT Reserved;
    NDIS_HANDLE NdisPoolHandle;
    PVOID NdisReserved[2];
    PVOID ProtocolReserved[6];
    PVOID MiniportReserved[4];
    NDIS_PHYSICAL_ADDRESS DataPhysicalAddress;
    PVOID ScatterGatherList;
};

typedef enum _NDIS_NET_BUFFER_LIST_INFO {
    TcpIpChecksumNetBufferListInfo,
    TcpOffloadBytesTransferred = TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    TcpLargeSendNetBufferListInfo,
    TcpReceiveNoPush = TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo,
    Ieee8021QNetBufferListInfo,
    NetBufferListCancelId,
    MediaSpecificInformation,
    NetBufferListFrameType,
    NetBufferListProtocolId = NetBufferListFrameType,
    NetBufferListHashValue,
    NetBufferListHashInfo,
    WfpNetBufferListInfo,
    MaxNetBufferListInfo = 20
} NDIS_NET_BUFFER_LIST_INFO, *PNDIS_NET_BUFFER_LIST_INFO;

struct _NET_BUFFER_LIST {
    union {
        struct {
            PNET_BUFFER_LIST Next;
            PNET_BUFFER FirstNetBuffer;
        };
        SLIST_HEADER_NB Link;
    };
    PNET_BUFFER_LIST_CONTEXT Context;
    PNET_BUFFER_LIST ParentNetBufferList;
    NDIS_HANDLE NdisPoolHandle;
    PVOID NdisReserved[2];
    PVOID ProtocolReserved[4];
    PVOID MiniportReserved[2];
    PVOID Scratch;
    NDIS_HANDLE SourceHandle;
    ULONG NblFlags;
    LONG ChildRefCount;
    ULONG Flags;
    union {
        NDIS_STATUS Status;
        ULONG NdisReserved2;
    };
    PVOID NetBufferListInfo[MaxNetBufferListInfo];
};

/* Ieee8021QNetBufferListInfo's value: the 802.1Q tag, in place of the
 * pointer. */
typedef struct _NDIS_NET_BUFFER_LIST_8021Q_INFO {
    union {
        struct {
            UINT32 UserPriority : 3;
            UINT32 CanonicalFormatId : 1;
            UINT32 VlanId : 12;
            UINT32 Reserved : 16;
        } TagHeader;
        struct {
            UINT32 UserPriority : 3;
            UINT32 CanonicalFormatId : 1;
            UINT32 VlanId : 12;
            UINT32 WMMInfo : 4;
            UINT32 Reserved : 12;
        } WLanTagHeader;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_8021Q_INFO, *PNDIS_NET_BUFFER_LIST_8021Q_INFO;

/* A NET_BUFFER's MDLs: the real macros are blocks, and so are these. */
#define NdisQueryMdl(Mdl, VirtualAddress, Length, Priority)                      \
    {                                                                            \
        if (ARGUMENT_PRESENT(VirtualAddress))                                    \
            *(PVOID *)(VirtualAddress) = MmGetSystemAddressForMdlSafe(Mdl, Priority); \
        *(Length) = MmGetMdlByteCount(Mdl);                                      \
    }
#define NdisQueryMdlOffset(Mdl, Offset, Length) \
    {                                           \
        *(Offset) = MmGetMdlByteOffset(Mdl);    \
        *(Length) = MmGetMdlByteCount(Mdl);     \
    }
#define NDIS_MDL_LINKAGE(Mdl) ((Mdl)->Next)
#define NdisGetNextMdl(CurrentMdl, NextMdl) \
    {                                       \
        *(NextMdl) = (CurrentMdl)->Next;    \
    }

#define NET_BUFFER_LIST_NEXT_NBL(n)          ((n)->Next)
#define NET_BUFFER_LIST_FIRST_NB(n)          ((n)->FirstNetBuffer)
#define NET_BUFFER_LIST_STATUS(n)            ((n)->Status)
#define NET_BUFFER_LIST_FLAGS(n)             ((n)->Flags)
#define NET_BUFFER_LIST_NBL_FLAGS(n)         ((n)->NblFlags)
#define NET_BUFFER_LIST_MINIPORT_RESERVED(n) ((n)->MiniportReserved)
#define NET_BUFFER_LIST_PROTOCOL_RESERVED(n) ((n)->ProtocolReserved)
#define NET_BUFFER_LIST_CONTEXT_DATA_START(n) \
    ((PUCHAR)(((n)->Context) + 1) + (n)->Context->Offset)
#define NET_BUFFER_LIST_INFO(n, id)          ((n)->NetBufferListInfo[(id)])
#define NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(n, id) \
    (NET_BUFFER_LIST_INFO(n, NetBufferListCancelId) = (id))
#define NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(n) (NET_BUFFER_LIST_INFO(n, NetBufferListCancelId))
#define NET_BUFFER_NEXT_NB(b)                ((b)->Next)
#define NET_BUFFER_FIRST_MDL(b)              ((b)->MdlChain)
#define NET_BUFFER_DATA_LENGTH(b)            ((b)->DataLength)
#define NET_BUFFER_DATA_OFFSET(b)            ((b)->DataOffset)
#define NET_BUFFER_CURRENT_MDL(b)            ((b)->CurrentMdl)
#define NET_BUFFER_CURRENT_MDL_OFFSET(b)     ((b)->CurrentMdlOffset)
#define NET_BUFFER_MINIPORT_RESERVED(b)      ((b)->MiniportReserved)
#define NET_BUFFER_PROTOCOL_RESERVED(b)      ((b)->ProtocolReserved)

#define NDIS_SEND_FLAGS_DISPATCH_LEVEL          0x00000001
#define NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK      0x00000002
#define NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL 0x00000001
#define NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL       0x00000001
#define NDIS_RECEIVE_FLAGS_RESOURCES            0x00000002
#define NDIS_RETURN_FLAGS_DISPATCH_LEVEL        0x00000001
#define NDIS_TEST_SEND_AT_DISPATCH_LEVEL(f)     (((f) & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0)
#define NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(f) \
    (((f) & NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL) != 0)
#define NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(f)   (((f) & NDIS_RETURN_FLAGS_DISPATCH_LEVEL) != 0)
#define NDIS_SET_SEND_COMPLETE_FLAG(f, v)       ((f) |= (v))
#define NDIS_SET_RETURN_FLAG(f, v)              ((f) |= (v))
#define NDIS_TEST_RECEIVE_CANNOT_PEND(f)        (((f) & NDIS_RECEIVE_FLAGS_RESOURCES) != 0)

typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR ProtocolId;
    BOOLEAN fAllocateNetBuffer;
    USHORT ContextSize;
    ULONG PoolTag;
    ULONG DataSize;
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 \
    NDIS_SIZEOF_THROUGH_(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)
#define NDIS_PROTOCOL_ID_DEFAULT 0x00
#define NDIS_PROTOCOL_ID_TCP_IP  0x02

#endif /* UNLOADFUZZ_UF_NBL_H */
