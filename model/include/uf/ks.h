/*
 * uf/ks.h - kernel streaming (Microsoft's ks.h): the vocabulary every KS
 * driver describes its filters and pins with (GUID-named property sets,
 * data formats and ranges, pin descriptors), and AVStream as a minidriver
 * sees its device: the device descriptor and dispatch table it hands
 * KsInitializeDriver, the KSDEVICE AVStream builds for each device, and
 * the routines a minidriver calls around them.
 *
 * The vocabulary is data: PortCls drivers (uf/portcls.h) build their
 * filter descriptors from it, and the model reads none of it. KS names its
 * GUIDs twice: STATIC_X, the eleven numbers of the GUID, which initialise
 * GUID members of static tables, and X, the GUID object. Microsoft's
 * compiler makes X from a __declspec(uuid) class in C++, and C drivers
 * link ksguid.lib; here, in C++, DEFINE_GUIDSTRUCT defines X in every unit
 * that sees it, weakly (as DEFINE_GUID under INITGUID, uf/guid.h), so
 * that any number of units link and one copy is kept; in C it declares X
 * only, and there is no ksguid.lib.
 *
 * The port simulation plays AVStream (harness/run/port_ks.c): it keeps the
 * descriptor KsInitializeDriver is given, builds a KSDEVICE when a device
 * arrives and calls the dispatch routines in the order ks.sys calls them
 * (docs/WDF-SEMANTICS.md, section 16). Filters and pins are not played:
 * KSFILTER_DESCRIPTOR is declared but not defined, so a descriptor may
 * point at filter descriptors it never defines here; the routines of KS
 * objects the simulation does not build (object bags, the device mutex,
 * KsGetDevice of a filter or pin) are declared and fail, raising
 * ddi-not-modelled [U1].
 *
 * The structures have the real members in the real order; on x86-64 they
 * have the real offsets too (KSDEVICE.Started at 0x30, a 0x70-byte
 * dispatch table, a 0x20-byte device descriptor with no Alignment member,
 * which only the 32-bit layout has; KSIDENTIFIER and KSDATAFORMAT aligned
 * to 8 bytes by their LONGLONG, as Microsoft's compiler lays them out).
 * The constants have their real values. Real drivers include ntddk.h (or
 * wdm.h) first; this base includes the kernel itself, so the face also
 * compiles alone.
 */
#ifndef UNLOADFUZZ_UF_KS_H
#define UNLOADFUZZ_UF_KS_H

#include "uf/wdm.h"

EXTERN_C_START

#define KSDDKAPI

/* ---- GUIDs by name ---- */
#ifndef SIZEOF_ARRAY
#define SIZEOF_ARRAY(ar) (sizeof(ar) / sizeof((ar)[0]))
#endif
/* A declaration of the GUID n. */
#define DEFINE_GUIDEX(n) EXTERN_C const GUID n
/* The eleven numbers of the GUID g, for an initialiser. */
#define STATICGUIDOF(g) STATIC_##g
/* The GUID n: in C++ defined (weakly) from STATIC_n, which must be
 * defined first, where Microsoft's compiler makes it from a
 * __declspec(uuid) class; in C only declared, as in ks.h (C drivers link
 * ksguid.lib for the definitions, which the model does not provide). str,
 * the GUID as text, only documents it. */
#ifdef __cplusplus
#define DEFINE_GUIDSTRUCT(str, n) \
    UF_GUID_DEFINITION_ const GUID DECLSPEC_SELECTANY n = UF_KS_GUID_FROM_(STATIC_##n)
#else
#define DEFINE_GUIDSTRUCT(str, n) DEFINE_GUIDEX(n)
#endif
#define DEFINE_GUIDNAMED(n) n
#define UF_KS_GUID_FROM_(...) UF_KS_GUID_INIT_(__VA_ARGS__)
#define UF_KS_GUID_INIT_(l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }

#define STATIC_GUID_NULL \
    0x00000000L, 0x0000, 0x0000, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
DEFINE_GUIDSTRUCT("00000000-0000-0000-0000-000000000000", GUID_NULL);
#define GUID_NULL DEFINE_GUIDNAMED(GUID_NULL)

/* ---- states, identifiers, properties ---- */
typedef enum {
    KSSTATE_STOP,
    KSSTATE_ACQUIRE,
    KSSTATE_PAUSE,
    KSSTATE_RUN
} KSSTATE, *PKSSTATE;

/* A request's set, item and flags: a property, method or event. */
typedef struct {
    union {
        struct {
            GUID Set;
            ULONG Id;
            ULONG Flags;  /* KSPROPERTY_TYPE_*, KSMETHOD_TYPE_*, ... */
        };
        LONGLONG Alignment;
    };
} KSIDENTIFIER, *PKSIDENTIFIER;
typedef KSIDENTIFIER KSPROPERTY, *PKSPROPERTY, KSMETHOD, *PKSMETHOD, KSEVENT, *PKSEVENT;

/* KSPROPERTY.Flags: what a property request asks. */
#define KSPROPERTY_TYPE_GET            0x00000001
#define KSPROPERTY_TYPE_SET            0x00000002
#define KSPROPERTY_TYPE_SETSUPPORT     0x00000100
#define KSPROPERTY_TYPE_BASICSUPPORT   0x00000200
#define KSPROPERTY_TYPE_RELATIONS      0x00000400
#define KSPROPERTY_TYPE_SERIALIZESET   0x00000800
#define KSPROPERTY_TYPE_UNSERIALIZESET 0x00001000
#define KSPROPERTY_TYPE_SERIALIZERAW   0x00002000
#define KSPROPERTY_TYPE_UNSERIALIZERAW 0x00004000
#define KSPROPERTY_TYPE_SERIALIZESIZE  0x00008000
#define KSPROPERTY_TYPE_DEFAULTVALUES  0x00010000
#define KSPROPERTY_TYPE_TOPOLOGY       0x10000000

/* KSMETHOD.Flags. */
#define KSMETHOD_TYPE_NONE         0x00000000
#define KSMETHOD_TYPE_READ         0x00000001
#define KSMETHOD_TYPE_WRITE        0x00000002
#define KSMETHOD_TYPE_MODIFY       0x00000003
#define KSMETHOD_TYPE_SOURCE       0x00000004
#define KSMETHOD_TYPE_SEND         0x00000001
#define KSMETHOD_TYPE_SETSUPPORT   0x00000100
#define KSMETHOD_TYPE_BASICSUPPORT 0x00000200
#define KSMETHOD_TYPE_TOPOLOGY     0x10000000

/* KSEVENT.Flags. */
#define KSEVENT_TYPE_ENABLE         0x00000001
#define KSEVENT_TYPE_ONESHOT        0x00000002
#define KSEVENT_TYPE_ENABLEBUFFERED 0x00000004
#define KSEVENT_TYPE_SETSUPPORT     0x00000100
#define KSEVENT_TYPE_BASICSUPPORT   0x00000200
#define KSEVENT_TYPE_QUERYBUFFER    0x00000400
#define KSEVENT_TYPE_TOPOLOGY       0x10000000

/* The head of a variable-length answer: its size in bytes, this header
 * included, and the number of items after it. */
typedef struct {
    ULONG Size;
    ULONG Count;
} KSMULTIPLE_ITEM, *PKSMULTIPLE_ITEM;

/* An enabled event, which KS owns; drivers pass pointers to it. */
typedef struct _KSEVENT_ENTRY KSEVENT_ENTRY, *PKSEVENT_ENTRY;

/* ---- the general property set ---- */
#define STATIC_KSPROPSETID_General \
    0x1464EDA5L, 0x6A8F, 0x11D1, 0x9A, 0xA7, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUIDSTRUCT("1464EDA5-6A8F-11D1-9AA7-00A0C9223196", KSPROPSETID_General);
#define KSPROPSETID_General DEFINE_GUIDNAMED(KSPROPSETID_General)

typedef enum {
    KSPROPERTY_GENERAL_COMPONENTID
} KSPROPERTY_GENERAL;

typedef struct {
    GUID Manufacturer;
    GUID Product;
    GUID Component;
    GUID Name;
    ULONG Version;
    ULONG Revision;
} KSCOMPONENTID, *PKSCOMPONENTID;

/* ---- topology ---- */
/* The filter itself, where a connection names a node. */
#define KSFILTER_NODE ((ULONG)-1)
#define KSALL_NODES   ((ULONG)-1)

/* A connection from a node's pin to another's; KSFILTER_NODE names the
 * filter, whose pins are then the pins of the filter. */
typedef struct {
    ULONG FromNode;
    ULONG FromNodePin;
    ULONG ToNode;
    ULONG ToNodePin;
} KSTOPOLOGY_CONNECTION, *PKSTOPOLOGY_CONNECTION;

#define STATIC_KSCATEGORY_CAPTURE \
    0x65E8773DL, 0x8F56, 0x11D0, 0xA3, 0xB9, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUIDSTRUCT("65E8773D-8F56-11D0-A3B9-00A0C9223196", KSCATEGORY_CAPTURE);
#define KSCATEGORY_CAPTURE DEFINE_GUIDNAMED(KSCATEGORY_CAPTURE)

#define STATIC_KSCATEGORY_RENDER \
    0x65E8773EL, 0x8F56, 0x11D0, 0xA3, 0xB9, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUIDSTRUCT("65E8773E-8F56-11D0-A3B9-00A0C9223196", KSCATEGORY_RENDER);
#define KSCATEGORY_RENDER DEFINE_GUIDNAMED(KSCATEGORY_RENDER)

/* ---- pins ---- */
typedef KSIDENTIFIER KSPIN_INTERFACE, *PKSPIN_INTERFACE;
typedef KSIDENTIFIER KSPIN_MEDIUM, *PKSPIN_MEDIUM;

#define STATIC_KSPROPSETID_Pin \
    0x8C134960L, 0x51AD, 0x11CF, 0x87, 0x8A, 0x94, 0xF8, 0x01, 0xC1, 0x00, 0x00
DEFINE_GUIDSTRUCT("8C134960-51AD-11CF-878A-94F801C10000", KSPROPSETID_Pin);
#define KSPROPSETID_Pin DEFINE_GUIDNAMED(KSPROPSETID_Pin)

typedef enum {
    KSPROPERTY_PIN_CINSTANCES,
    KSPROPERTY_PIN_CTYPES,
    KSPROPERTY_PIN_DATAFLOW,
    KSPROPERTY_PIN_DATARANGES,
    KSPROPERTY_PIN_DATAINTERSECTION,
    KSPROPERTY_PIN_INTERFACES,
    KSPROPERTY_PIN_MEDIUMS,
    KSPROPERTY_PIN_COMMUNICATION,
    KSPROPERTY_PIN_GLOBALCINSTANCES,
    KSPROPERTY_PIN_NECESSARYINSTANCES,
    KSPROPERTY_PIN_PHYSICALCONNECTION,
    KSPROPERTY_PIN_CATEGORY,
    KSPROPERTY_PIN_NAME,
    KSPROPERTY_PIN_CONSTRAINEDDATARANGES,
    KSPROPERTY_PIN_PROPOSEDATAFORMAT,
    KSPROPERTY_PIN_PROPOSEDATAFORMAT2,
    KSPROPERTY_PIN_MODEDATAFORMATS
} KSPROPERTY_PIN;

/* A pin property's request: the property and the pin. */
typedef struct {
    KSPROPERTY Property;
    ULONG PinId;
    ULONG Reserved;
} KSP_PIN, *PKSP_PIN;

typedef enum {
    KSPIN_DATAFLOW_IN = 1,
    KSPIN_DATAFLOW_OUT
} KSPIN_DATAFLOW, *PKSPIN_DATAFLOW;

typedef enum {
    KSPIN_COMMUNICATION_NONE,
    KSPIN_COMMUNICATION_SINK,
    KSPIN_COMMUNICATION_SOURCE,
    KSPIN_COMMUNICATION_BOTH,
    KSPIN_COMMUNICATION_BRIDGE
} KSPIN_COMMUNICATION, *PKSPIN_COMMUNICATION;

/* ---- data formats and ranges ---- */
/* KSDATAFORMAT.Flags. */
#define KSDATAFORMAT_BIT_TEMPORAL_COMPRESSION 0
#define KSDATAFORMAT_TEMPORAL_COMPRESSION     (1 << KSDATAFORMAT_BIT_TEMPORAL_COMPRESSION)
#define KSDATAFORMAT_BIT_ATTRIBUTES           1
#define KSDATAFORMAT_ATTRIBUTES               (1 << KSDATAFORMAT_BIT_ATTRIBUTES)
/* KSDATARANGE.Flags: an attribute list follows the range in its list
 * (KSDATARANGE_ATTRIBUTES), and the attributes are required. */
#define KSDATARANGE_BIT_ATTRIBUTES            1
#define KSDATARANGE_ATTRIBUTES                (1 << KSDATARANGE_BIT_ATTRIBUTES)
#define KSDATARANGE_BIT_REQUIRED_ATTRIBUTES   2
#define KSDATARANGE_REQUIRED_ATTRIBUTES       (1 << KSDATARANGE_BIT_REQUIRED_ATTRIBUTES)

/* The header of a data format (what a stream carries) or a data range
 * (what a pin accepts); a longer structure of the specifier's kind
 * follows it, FormatSize bytes in all. */
typedef union {
    struct {
        ULONG FormatSize;
        ULONG Flags;        /* KSDATAFORMAT_* or KSDATARANGE_* */
        ULONG SampleSize;
        ULONG Reserved;
        GUID MajorFormat;
        GUID SubFormat;
        GUID Specifier;
    };
    LONGLONG Alignment;
} KSDATAFORMAT, *PKSDATAFORMAT, KSDATARANGE, *PKSDATARANGE;

#define KSATTRIBUTE_REQUIRED 0x00000001

/* An attribute of a data range, named by GUID; a longer structure may
 * carry its value, Size bytes in all. */
typedef struct {
    ULONG Size;
    ULONG Flags;            /* KSATTRIBUTE_REQUIRED */
    GUID Attribute;
} KSATTRIBUTE, *PKSATTRIBUTE;

typedef struct {
    ULONG Count;
    _Field_size_(Count) PKSATTRIBUTE *Attributes;
} KSATTRIBUTE_LIST, *PKSATTRIBUTE_LIST;

#define STATIC_KSDATAFORMAT_TYPE_WILDCARD    STATIC_GUID_NULL
#define KSDATAFORMAT_TYPE_WILDCARD           GUID_NULL
#define STATIC_KSDATAFORMAT_SUBTYPE_WILDCARD STATIC_GUID_NULL
#define KSDATAFORMAT_SUBTYPE_WILDCARD        GUID_NULL
#define STATIC_KSDATAFORMAT_SPECIFIER_WILDCARD STATIC_GUID_NULL
#define KSDATAFORMAT_SPECIFIER_WILDCARD        GUID_NULL

#define STATIC_KSDATAFORMAT_SPECIFIER_NONE \
    0x0F6417D6L, 0xC318, 0x11D0, 0xA4, 0x3F, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96
DEFINE_GUIDSTRUCT("0F6417D6-C318-11D0-A43F-00A0C9223196", KSDATAFORMAT_SPECIFIER_NONE);
#define KSDATAFORMAT_SPECIFIER_NONE DEFINE_GUIDNAMED(KSDATAFORMAT_SPECIFIER_NONE)

/* A pin as a filter describes it. */
typedef struct {
    ULONG InterfacesCount;
    _Field_size_(InterfacesCount) const KSPIN_INTERFACE *Interfaces;
    ULONG MediumsCount;
    _Field_size_(MediumsCount) const KSPIN_MEDIUM *Mediums;
    ULONG DataRangesCount;
    _Field_size_(DataRangesCount) const PKSDATARANGE *DataRanges;
    KSPIN_DATAFLOW DataFlow;
    KSPIN_COMMUNICATION Communication;
    const GUID *Category;
    const GUID *Name;
    union {
        LONGLONG Reserved;
        struct {
            ULONG ConstrainedDataRangesCount;
            _Field_size_(ConstrainedDataRangesCount) PKSDATARANGE *ConstrainedDataRanges;
        };
    };
} KSPIN_DESCRIPTOR, *PKSPIN_DESCRIPTOR;
typedef const KSPIN_DESCRIPTOR *PCKSPIN_DESCRIPTOR;

/* ---- the objects ---- */
/* An object bag: items AVStream frees with the object that owns the bag. */
typedef PVOID KSOBJECT_BAG;

/* A filter factory's description: not played, so never defined here. */
typedef struct _KSFILTER_DESCRIPTOR KSFILTER_DESCRIPTOR, *PKSFILTER_DESCRIPTOR;
typedef struct _KSDEVICE KSDEVICE, *PKSDEVICE;
typedef struct _KSDEVICE_DISPATCH KSDEVICE_DISPATCH, *PKSDEVICE_DISPATCH;
typedef struct _KSDEVICE_DESCRIPTOR KSDEVICE_DESCRIPTOR, *PKSDEVICE_DESCRIPTOR;

/* ---- the dispatch routines' types (ks.h's PFNKSDEVICE* pages) ---- */
/* Add: the device was created at AddDevice. */
typedef NTSTATUS (*PFNKSDEVICECREATE)(_In_ PKSDEVICE Device);
/* Start: IRP_MN_START_DEVICE, after the lower drivers started it. */
typedef NTSTATUS (*PFNKSDEVICEPNPSTART)(_In_ PKSDEVICE Device, _In_ PIRP Irp,
                                        _In_opt_ PCM_RESOURCE_LIST TranslatedResourceList,
                                        _In_opt_ PCM_RESOURCE_LIST UntranslatedResourceList);
/* PostStart: after Start, on a worker thread. */
typedef NTSTATUS (*PFNKSDEVICE)(_In_ PKSDEVICE Device);
/* QueryStop, QueryRemove, QueryInterface. */
typedef NTSTATUS (*PFNKSDEVICEIRP)(_In_ PKSDEVICE Device, _In_ PIRP Irp);
/* CancelStop, Stop, CancelRemove, Remove, SurpriseRemoval. */
typedef void (*PFNKSDEVICEIRPVOID)(_In_ PKSDEVICE Device, _In_ PIRP Irp);
typedef NTSTATUS (*PFNKSDEVICEQUERYCAPABILITIES)(_In_ PKSDEVICE Device, _In_ PIRP Irp,
                                                 _Inout_ PDEVICE_CAPABILITIES Capabilities);
typedef NTSTATUS (*PFNKSDEVICEQUERYPOWER)(_In_ PKSDEVICE Device, _In_ PIRP Irp,
                                          _In_ DEVICE_POWER_STATE DeviceTo,
                                          _In_ DEVICE_POWER_STATE DeviceFrom,
                                          _In_ SYSTEM_POWER_STATE SystemTo,
                                          _In_ SYSTEM_POWER_STATE SystemFrom,
                                          _In_ POWER_ACTION Action);
typedef void (*PFNKSDEVICESETPOWER)(_In_ PKSDEVICE Device, _In_ PIRP Irp,
                                    _In_ DEVICE_POWER_STATE To, _In_ DEVICE_POWER_STATE From);
/* What frees an object bag's item (KsAddItemToObjectBag). */
typedef void (*PFNKSFREE)(_In_ PVOID Data);

/* The minidriver's device dispatch table: every member optional. None may
 * return STATUS_PENDING. */
struct _KSDEVICE_DISPATCH {
    PFNKSDEVICECREATE Add;
    PFNKSDEVICEPNPSTART Start;
    PFNKSDEVICE PostStart;
    PFNKSDEVICEIRP QueryStop;
    PFNKSDEVICEIRPVOID CancelStop;
    PFNKSDEVICEIRPVOID Stop;
    PFNKSDEVICEIRP QueryRemove;
    PFNKSDEVICEIRPVOID CancelRemove;
    PFNKSDEVICEIRPVOID Remove;
    PFNKSDEVICEQUERYCAPABILITIES QueryCapabilities;
    PFNKSDEVICEIRPVOID SurpriseRemoval;
    PFNKSDEVICEQUERYPOWER QueryPower;
    PFNKSDEVICESETPOWER SetPower;
    PFNKSDEVICEIRP QueryInterface;      /* Version >= KSDEVICE_DESCRIPTOR_VERSION only */
};

/* Versions of the device descriptor: from 0x100 AVStream calls
 * QueryInterface, from 0x110 it reads Flags. */
#define KSDEVICE_DESCRIPTOR_VERSION   0x100
#define KSDEVICE_DESCRIPTOR_VERSION_2 0x110

/* KSDEVICE_DESCRIPTOR.Flags (KSDEVICE_DESCRIPTOR_VERSION_2). */
#define KSDEVICE_FLAG_ENABLE_REMOTE_WAKEUP  0x00000001
#define KSDEVICE_FLAG_LOWPOWER_PASSTHROUGH  0x00000002
#define KSDEVICE_FLAG_ENABLE_QUERYINTERFACE 0x00000004

/* What KsInitializeDriver is given: the dispatch table and the filter
 * factories every device of the driver gets. */
struct _KSDEVICE_DESCRIPTOR {
    const KSDEVICE_DISPATCH *Dispatch;                 /* may be NULL */
    ULONG FilterDescriptorsCount;
    const KSFILTER_DESCRIPTOR *const *FilterDescriptors;
    ULONG Version;                                     /* 0, or KSDEVICE_DESCRIPTOR_VERSION* */
    ULONG Flags;                                       /* KSDEVICE_FLAG_* */
};

/* The device as AVStream shows it to the minidriver. AVStream owns it: it
 * exists from AddDevice until the Remove dispatch returns. */
struct _KSDEVICE {
    const KSDEVICE_DESCRIPTOR *Descriptor;
    KSOBJECT_BAG Bag;
    PVOID Context;                          /* the minidriver's; NULL at creation */
    PDEVICE_OBJECT FunctionalDeviceObject;
    PDEVICE_OBJECT PhysicalDeviceObject;
    PDEVICE_OBJECT NextDeviceObject;
    BOOLEAN Started;                        /* started, not yet stopped */
    SYSTEM_POWER_STATE SystemPowerState;
    DEVICE_POWER_STATE DevicePowerState;
};

/* ---- the routines (the port simulation's, harness/run/port_ks.c) ---- */
/* From DriverEntry: keeps Descriptor (NULL: devices with no dispatch and no
 * filters), makes AVStream the driver's AddDevice and dispatch, and puts
 * KsNullDriverUnload in DriverObject->DriverUnload. PASSIVE_LEVEL. */
KSDDKAPI NTSTATUS NTAPI KsInitializeDriver(_In_ PDRIVER_OBJECT DriverObject,
                                           _In_ PUNICODE_STRING RegistryPathName,
                                           _In_opt_ const KSDEVICE_DESCRIPTOR *Descriptor);
/* The unload routine KsInitializeDriver installs: it does nothing. */
KSDDKAPI VOID NTAPI KsNullDriverUnload(_In_ PDRIVER_OBJECT DriverObject);
/* AVStream's AddDevice: builds the device over the PDO from the
 * descriptor KsInitializeDriver kept and calls its Add dispatch. */
KSDDKAPI NTSTATUS NTAPI KsAddDevice(_In_ PDRIVER_OBJECT DriverObject,
                                    _In_ PDEVICE_OBJECT PhysicalDeviceObject);
/* The KSDEVICE of an AVStream FDO, or NULL. Any IRQL. */
KSDDKAPI PKSDEVICE NTAPI KsGetDeviceForDeviceObject(_In_ PDEVICE_OBJECT FunctionalDeviceObject);

/* Declared and not played: each fails and raises ddi-not-modelled. */
KSDDKAPI PKSDEVICE NTAPI KsGetDevice(_In_ PVOID Object);
KSDDKAPI void NTAPI KsAcquireDevice(_In_ PKSDEVICE Device);
KSDDKAPI void NTAPI KsReleaseDevice(_In_ PKSDEVICE Device);
KSDDKAPI NTSTATUS NTAPI KsAddItemToObjectBag(_In_ KSOBJECT_BAG ObjectBag, _In_ PVOID Item,
                                             _In_opt_ PFNKSFREE Free);
KSDDKAPI ULONG NTAPI KsRemoveItemFromObjectBag(_In_ KSOBJECT_BAG ObjectBag, _In_ PVOID Item,
                                               _In_ BOOLEAN Free);

EXTERN_C_END

/* ---- call sites: the driver line of each routine's call ---- */
#ifndef WDFMODEL_NO_CALL_SITES
#define KsInitializeDriver(...)         WDFMODEL_AT_(KsInitializeDriver(__VA_ARGS__))
#define KsAddDevice(...)                WDFMODEL_AT_(KsAddDevice(__VA_ARGS__))
#define KsGetDeviceForDeviceObject(...) WDFMODEL_AT_(KsGetDeviceForDeviceObject(__VA_ARGS__))
#define KsGetDevice(...)                WDFMODEL_AT_(KsGetDevice(__VA_ARGS__))
#define KsAcquireDevice(...)            WDFMODEL_AT_(KsAcquireDevice(__VA_ARGS__))
#define KsReleaseDevice(...)            WDFMODEL_AT_(KsReleaseDevice(__VA_ARGS__))
#define KsAddItemToObjectBag(...)       WDFMODEL_AT_(KsAddItemToObjectBag(__VA_ARGS__))
#define KsRemoveItemFromObjectBag(...)  WDFMODEL_AT_(KsRemoveItemFromObjectBag(__VA_ARGS__))
#endif

#endif /* UNLOADFUZZ_UF_KS_H */
