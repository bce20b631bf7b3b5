/*
 * uf/portcls.h - PortCls (Microsoft's portcls.h) as an audio adapter
 * driver sees it: the routines it calls from DriverEntry, AddDevice and
 * StartDevice, and the COM interfaces of ports, miniports, resource lists
 * and subdevice registration, declared for C (lpVtbl) and C++ alike
 * (uf/com.h).
 *
 * The port simulation plays PortCls (harness/run/port_portcls.c): it
 * keeps the adapter's AddDevice, creates the FDO PcAddAdapterDevice asks
 * for, sends the PnP IRPs to the driver's IRP_MJ_PNP dispatch, calls
 * StartDevice from PcDispatchIrp, and makes the ports, resource lists and
 * unregistration interfaces, counting their references
 * (docs/WDF-SEMANTICS.md, section 17). Ports of the WaveRT and topology
 * kinds are played; PcNewMiniport's built-in miniports, IPort's registry
 * and device-property methods and the streams are declared and fail,
 * raising ddi-not-modelled [U1].
 *
 * The interfaces have the real methods in the real order, and the GUIDs
 * their real values, so an object built from either side has the layout
 * the other expects.
 */
#ifndef UNLOADFUZZ_UF_PORTCLS_H
#define UNLOADFUZZ_UF_PORTCLS_H

#include "uf/com.h"
#include "uf/ks.h"
#include "uf/ksmedia.h"

/* ---- what the interfaces pass that the kernel headers do not give ---- */
typedef int CM_RESOURCE_TYPE;
#define CmResourceTypeNull             0
#define CmResourceTypePort             1
#define CmResourceTypeInterrupt        2
#define CmResourceTypeMemory           3
#define CmResourceTypeDma              4
#define CmResourceTypeDeviceSpecific   5
#define CmResourceTypeBusNumber        6
#define CmResourceTypeMemoryLarge      7

typedef enum _DEVICE_REGISTRY_PROPERTY {
    DevicePropertyDeviceDescription = 0,
    DevicePropertyHardwareID,
    DevicePropertyCompatibleIDs,
    DevicePropertyBootConfiguration,
    DevicePropertyBootConfigurationTranslated,
    DevicePropertyClassName,
    DevicePropertyClassGuid,
    DevicePropertyDriverKeyName,
    DevicePropertyManufacturer,
    DevicePropertyFriendlyName,
    DevicePropertyLocationInformation,
    DevicePropertyPhysicalDeviceObjectName,
    DevicePropertyBusTypeGuid,
    DevicePropertyLegacyBusType,
    DevicePropertyBusNumber,
    DevicePropertyEnumeratorName,
    DevicePropertyAddress,
    DevicePropertyUINumber,
    DevicePropertyInstallState,
    DevicePropertyRemovalPolicy,
    DevicePropertyResourceRequirements,
    DevicePropertyAllocatedResources,
    DevicePropertyContainerID
} DEVICE_REGISTRY_PROPERTY;

typedef struct _DEVICE_DESCRIPTION DEVICE_DESCRIPTION, *PDEVICE_DESCRIPTION;
/* A WaveRT stream, the miniport's and the port's: NewStream makes one
 * (the streams are not played, so their interfaces are not declared). */
typedef interface IMiniportWaveRTStream *PMINIPORTWAVERTSTREAM;
typedef interface IPortWaveRTStream *PPORTWAVERTSTREAM;
/* ---- what a miniport describes its filter with ---- */
typedef struct _PCPROPERTY_REQUEST PCPROPERTY_REQUEST, *PPCPROPERTY_REQUEST;
typedef struct _PCMETHOD_REQUEST PCMETHOD_REQUEST, *PPCMETHOD_REQUEST;
typedef struct _PCEVENT_REQUEST PCEVENT_REQUEST, *PPCEVENT_REQUEST;

/* The handlers the port calls for a property, method or event of the
 * filter, a pin or a node; STATUS_PENDING promises a
 * PcCompletePending*Request later. */
typedef NTSTATUS (*PCPFNPROPERTY_HANDLER)(_In_ PPCPROPERTY_REQUEST PropertyRequest);
typedef NTSTATUS (*PCPFNMETHOD_HANDLER)(_In_ PPCMETHOD_REQUEST MethodRequest);
typedef NTSTATUS (*PCPFNEVENT_HANDLER)(_In_ PPCEVENT_REQUEST EventRequest);

/* A property a filter, pin or node supports, and what may be done with it. */
typedef struct {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;                    /* PCPROPERTY_ITEM_FLAG_* */
    PCPFNPROPERTY_HANDLER Handler;
} PCPROPERTY_ITEM, *PPCPROPERTY_ITEM;
#define PCPROPERTY_ITEM_FLAG_GET            KSPROPERTY_TYPE_GET
#define PCPROPERTY_ITEM_FLAG_SET            KSPROPERTY_TYPE_SET
#define PCPROPERTY_ITEM_FLAG_BASICSUPPORT   KSPROPERTY_TYPE_BASICSUPPORT
#define PCPROPERTY_ITEM_FLAG_SERIALIZERAW   KSPROPERTY_TYPE_SERIALIZERAW
#define PCPROPERTY_ITEM_FLAG_UNSERIALIZERAW KSPROPERTY_TYPE_UNSERIALIZERAW
#define PCPROPERTY_ITEM_FLAG_SERIALIZESIZE  KSPROPERTY_TYPE_SERIALIZESIZE
#define PCPROPERTY_ITEM_FLAG_SERIALIZE \
    (PCPROPERTY_ITEM_FLAG_SERIALIZERAW | PCPROPERTY_ITEM_FLAG_UNSERIALIZERAW | \
     PCPROPERTY_ITEM_FLAG_SERIALIZESIZE)
#define PCPROPERTY_ITEM_FLAG_DEFAULTVALUES  KSPROPERTY_TYPE_DEFAULTVALUES

typedef struct {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;                    /* KSMETHOD_TYPE_* */
    PCPFNMETHOD_HANDLER Handler;
} PCMETHOD_ITEM, *PPCMETHOD_ITEM;

typedef struct {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;                    /* KSEVENT_TYPE_* */
    PCPFNEVENT_HANDLER Handler;
} PCEVENT_ITEM, *PPCEVENT_ITEM;
#define PCEVENT_ITEM_FLAG_ENABLE       KSEVENT_TYPE_ENABLE
#define PCEVENT_ITEM_FLAG_ONESHOT      KSEVENT_TYPE_ONESHOT
#define PCEVENT_ITEM_FLAG_BASICSUPPORT KSEVENT_TYPE_BASICSUPPORT

/* A property request as the port hands it to a handler. The major target
 * is the miniport, the minor target the stream (or NULL); Node is
 * ULONG(-1) unless the request is for a node. */
struct _PCPROPERTY_REQUEST {
    PUNKNOWN MajorTarget;
    PUNKNOWN MinorTarget;
    ULONG Node;
    const PCPROPERTY_ITEM *PropertyItem;
    ULONG Verb;                     /* KSPROPERTY_TYPE_* */
    ULONG InstanceSize;
    PVOID Instance;                 /* what follows the KSPROPERTY */
    ULONG ValueSize;
    PVOID Value;
    PIRP Irp;
};

struct _PCMETHOD_REQUEST {
    PUNKNOWN MajorTarget;
    PUNKNOWN MinorTarget;
    ULONG Node;
    const PCMETHOD_ITEM *MethodItem;
    ULONG Verb;
};

struct _PCEVENT_REQUEST {
    PUNKNOWN MajorTarget;
    PUNKNOWN MinorTarget;
    ULONG Node;
    const PCEVENT_ITEM *EventItem;
    PKSEVENT_ENTRY EventEntry;
    ULONG Verb;                     /* PCEVENT_VERB_* */
    PIRP Irp;
};
#define PCEVENT_VERB_NONE    0
#define PCEVENT_VERB_ADD     1
#define PCEVENT_VERB_REMOVE  2
#define PCEVENT_VERB_SUPPORT 4

/* The properties, methods and events of a filter, pin or node. An item
 * size may exceed the PortCls item's, the driver's data following it. */
typedef struct {
    ULONG PropertyItemSize;
    ULONG PropertyCount;
    const PCPROPERTY_ITEM *Properties;
    ULONG MethodItemSize;
    ULONG MethodCount;
    const PCMETHOD_ITEM *Methods;
    ULONG EventItemSize;
    ULONG EventCount;
    const PCEVENT_ITEM *Events;
    ULONG Reserved;
} PCAUTOMATION_TABLE, *PPCAUTOMATION_TABLE;

/* A const automation table named Table over the arrays given; the item
 * size is the array's own, so a driver's longer items are allowed. */
#define DEFINE_PCAUTOMATION_TABLE_PROP(Table, PropertyTable)                            \
    const PCAUTOMATION_TABLE Table = { sizeof(PropertyTable[0]),                        \
                                       SIZEOF_ARRAY(PropertyTable),                     \
                                       (const PCPROPERTY_ITEM *)PropertyTable,          \
                                       0, 0, NULL, 0, 0, NULL, 0 }
#define DEFINE_PCAUTOMATION_TABLE_PROP_EVENT(Table, PropertyTable, EventTable)          \
    const PCAUTOMATION_TABLE Table = { sizeof(PropertyTable[0]),                        \
                                       SIZEOF_ARRAY(PropertyTable),                     \
                                       (const PCPROPERTY_ITEM *)PropertyTable,          \
                                       0, 0, NULL,                                      \
                                       sizeof(EventTable[0]),                           \
                                       SIZEOF_ARRAY(EventTable),                        \
                                       (const PCEVENT_ITEM *)EventTable, 0 }
#define DEFINE_PCAUTOMATION_TABLE_EVENT(Table, EventTable)                              \
    const PCAUTOMATION_TABLE Table = { 0, 0, NULL, 0, 0, NULL,                          \
                                       sizeof(EventTable[0]),                           \
                                       SIZEOF_ARRAY(EventTable),                        \
                                       (const PCEVENT_ITEM *)EventTable, 0 }

/* A pin: how many instances there may be, its automation (or NULL) and
 * its KS description. */
typedef struct {
    ULONG MaxGlobalInstanceCount;
    ULONG MaxFilterInstanceCount;
    ULONG MinFilterInstanceCount;
    const PCAUTOMATION_TABLE *AutomationTable;
    KSPIN_DESCRIPTOR KsPinDescriptor;
} PCPIN_DESCRIPTOR, *PPCPIN_DESCRIPTOR;

/* A node: its type (KSNODETYPE_*), its name (NULL: the type's). */
typedef struct {
    ULONG Flags;
    const PCAUTOMATION_TABLE *AutomationTable;
    const GUID *Type;
    const GUID *Name;
} PCNODE_DESCRIPTOR, *PPCNODE_DESCRIPTOR;

/* A connection inside the filter; PCFILTER_NODE names the filter's pins. */
typedef KSTOPOLOGY_CONNECTION PCCONNECTION_DESCRIPTOR, *PPCCONNECTION_DESCRIPTOR;
#define PCFILTER_NODE KSFILTER_NODE

/* The filter a miniport implements, which IMiniport::GetDescription
 * returns; it must outlive the miniport's port. Version is 0; PinSize and
 * NodeSize may exceed the PortCls descriptors'. */
typedef struct {
    ULONG Version;
    const PCAUTOMATION_TABLE *AutomationTable;
    ULONG PinSize;
    ULONG PinCount;
    const PCPIN_DESCRIPTOR *Pins;
    ULONG NodeSize;
    ULONG NodeCount;
    const PCNODE_DESCRIPTOR *Nodes;
    ULONG ConnectionCount;
    const PCCONNECTION_DESCRIPTOR *Connections;
    ULONG CategoryCount;            /* 0: KSCATEGORY_AUDIO and the port's */
    const GUID *Categories;
} PCFILTER_DESCRIPTOR, *PPCFILTER_DESCRIPTOR;

/* The adapter's StartDevice as PcAddAdapterDevice registers it. */
typedef interface IResourceList *PRESOURCELIST;
typedef NTSTATUS (*PCPFNSTARTDEVICE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp,
                                     _In_ PRESOURCELIST ResourceList);

/* The part of the FDO's device extension that is PortCls's; an adapter's
 * own part, PcAddAdapterDevice's DeviceExtensionSize, follows it. Drivers
 * keep pointers in the reserved words SysVAD's PortClassDeviceContext
 * names, which the simulation never touches. */
#define PORT_CLASS_DEVICE_EXTENSION_SIZE (64 * sizeof(ULONG_PTR))

/* ---- IResourceList ---- */
#undef INTERFACE
#define INTERFACE IResourceList
DECLARE_INTERFACE_(IResourceList, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(ULONG, NumberOfEntries)(THIS) PURE;
    STDMETHOD_(ULONG, NumberOfEntriesOfType)(THIS_ _In_ CM_RESOURCE_TYPE Type) PURE;
    STDMETHOD_(PCM_PARTIAL_RESOURCE_DESCRIPTOR, FindTranslatedEntry)(THIS_ _In_ CM_RESOURCE_TYPE Type,
                                                                     _In_ ULONG Index) PURE;
    STDMETHOD_(PCM_PARTIAL_RESOURCE_DESCRIPTOR, FindUntranslatedEntry)(THIS_ _In_ CM_RESOURCE_TYPE Type,
                                                                       _In_ ULONG Index) PURE;
    STDMETHOD_(NTSTATUS, AddEntry)(THIS_ _In_ PCM_PARTIAL_RESOURCE_DESCRIPTOR Translated,
                                   _In_ PCM_PARTIAL_RESOURCE_DESCRIPTOR Untranslated) PURE;
    STDMETHOD_(NTSTATUS, AddEntryFromParent)(THIS_ _In_ interface IResourceList * Parent,
                                             _In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index) PURE;
    STDMETHOD_(PCM_RESOURCE_LIST, TranslatedList)(THIS) PURE;
    STDMETHOD_(PCM_RESOURCE_LIST, UntranslatedList)(THIS) PURE;
};
#undef INTERFACE

/* ---- IPort, and the ports played ---- */
#define DEFINE_ABSTRACT_PORT()                                                         \
    STDMETHOD_(NTSTATUS, Init)(THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_opt_ PIRP Irp, \
                               _In_ PUNKNOWN UnknownMiniport,                           \
                               _In_opt_ PUNKNOWN UnknownAdapter,                        \
                               _In_ PRESOURCELIST ResourceList) PURE;                  \
    STDMETHOD_(NTSTATUS, GetDeviceProperty)(THIS_ _In_ DEVICE_REGISTRY_PROPERTY DeviceProperty, \
                                            _In_ ULONG BufferLength,                   \
                                            _Out_ PVOID PropertyBuffer,                \
                                            _Out_ PULONG ResultLength) PURE;           \
    STDMETHOD_(NTSTATUS, NewRegistryKey)(THIS_ _Out_ PVOID * OutRegistryKey,           \
                                         _In_opt_ PUNKNOWN OuterUnknown,               \
                                         _In_ ULONG RegistryKeyType,                   \
                                         _In_ ACCESS_MASK DesiredAccess,               \
                                         _In_opt_ PVOID ObjectAttributes,              \
                                         _In_opt_ ULONG CreateOptions,                 \
                                         _Out_opt_ PULONG Disposition) PURE;

#define INTERFACE IPort
DECLARE_INTERFACE_(IPort, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_PORT()
};
#undef INTERFACE
typedef IPort *PPORT;

#define INTERFACE IPortWaveRT
DECLARE_INTERFACE_(IPortWaveRT, IPort)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_PORT()
};
#undef INTERFACE
typedef IPortWaveRT *PPORTWAVERT;

#define INTERFACE IPortTopology
DECLARE_INTERFACE_(IPortTopology, IPort)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_PORT()
};
#undef INTERFACE
typedef IPortTopology *PPORTTOPOLOGY;

/* ---- IMiniport, and the miniports of the ports played ---- */
#define DEFINE_ABSTRACT_MINIPORT()                                                     \
    STDMETHOD_(NTSTATUS, GetDescription)(THIS_ _Out_ PPCFILTER_DESCRIPTOR * Description) PURE; \
    STDMETHOD_(NTSTATUS, DataRangeIntersection)(THIS_ _In_ ULONG PinId,                \
                                                _In_ PKSDATARANGE DataRange,       \
                                                _In_ PKSDATARANGE MatchingDataRange, \
                                                _In_ ULONG OutputBufferLength,         \
                                                _Out_opt_ PVOID ResultantFormat,       \
                                                _Out_ PULONG ResultantFormatLength) PURE;

#define INTERFACE IMiniport
DECLARE_INTERFACE_(IMiniport, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_MINIPORT()
};
#undef INTERFACE
typedef IMiniport *PMINIPORT;

#define INTERFACE IMiniportWaveRT
DECLARE_INTERFACE_(IMiniportWaveRT, IMiniport)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_MINIPORT()
    STDMETHOD_(NTSTATUS, Init)(THIS_ _In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList,
                               _In_ PPORTWAVERT Port) PURE;
    STDMETHOD_(NTSTATUS, NewStream)(THIS_ _Out_ PMINIPORTWAVERTSTREAM * Stream,
                                    _In_ PPORTWAVERTSTREAM PortStream,
                                    _In_ ULONG Pin, _In_ BOOLEAN Capture,
                                    _In_ PKSDATAFORMAT DataFormat) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceDescription)(THIS_ _Out_ PDEVICE_DESCRIPTION DeviceDescription) PURE;
};
#undef INTERFACE
typedef IMiniportWaveRT *PMINIPORTWAVERT;

#define INTERFACE IMiniportTopology
DECLARE_INTERFACE_(IMiniportTopology, IMiniport)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_MINIPORT()
    STDMETHOD_(NTSTATUS, Init)(THIS_ _In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList,
                               _In_ PPORTTOPOLOGY Port) PURE;
};
#undef INTERFACE
typedef IMiniportTopology *PMINIPORTTOPOLOGY;

/* ---- unregistering what PcRegisterSubdevice and
 * PcRegisterPhysicalConnection registered, through the port ---- */
#define INTERFACE IUnregisterSubdevice
DECLARE_INTERFACE_(IUnregisterSubdevice, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(NTSTATUS, UnregisterSubdevice)(THIS_ _In_ PDEVICE_OBJECT DeviceObject,
                                              _In_ PUNKNOWN Unknown) PURE;
};
#undef INTERFACE
typedef IUnregisterSubdevice *PUNREGISTERSUBDEVICE;

#define INTERFACE IUnregisterPhysicalConnection
DECLARE_INTERFACE_(IUnregisterPhysicalConnection, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(NTSTATUS, UnregisterPhysicalConnection)(THIS_ _In_ PDEVICE_OBJECT DeviceObject,
                                                       _In_ PUNKNOWN FromUnknown, _In_ ULONG FromPin,
                                                       _In_ PUNKNOWN ToUnknown, _In_ ULONG ToPin) PURE;
    STDMETHOD_(NTSTATUS, UnregisterPhysicalConnectionToExternal)(THIS_ _In_ PDEVICE_OBJECT DeviceObject,
                                                                 _In_ PUNKNOWN FromUnknown,
                                                                 _In_ ULONG FromPin,
                                                                 _In_ PUNICODE_STRING ToString,
                                                                 _In_ ULONG ToPin) PURE;
    STDMETHOD_(NTSTATUS, UnregisterPhysicalConnectionFromExternal)(THIS_ _In_ PDEVICE_OBJECT DeviceObject,
                                                                   _In_ PUNICODE_STRING FromString,
                                                                   _In_ ULONG FromPin,
                                                                   _In_ PUNKNOWN ToUnknown,
                                                                   _In_ ULONG ToPin) PURE;
};
#undef INTERFACE
typedef IUnregisterPhysicalConnection *PUNREGISTERPHYSICALCONNECTION;

/* ---- the adapter's power management, which PortCls calls ---- */
#define DEFINE_ABSTRACT_ADAPTERPOWERMANAGEMENT()                                       \
    STDMETHOD_(void, PowerChangeState)(THIS_ _In_ POWER_STATE NewState) PURE;          \
    STDMETHOD_(NTSTATUS, QueryPowerChangeState)(THIS_ _In_ POWER_STATE NewStateQuery) PURE; \
    STDMETHOD_(NTSTATUS, QueryDeviceCapabilities)(THIS_ _Inout_updates_bytes_(sizeof(DEVICE_CAPABILITIES)) PDEVICE_CAPABILITIES PowerDeviceCaps) PURE;

#define INTERFACE IAdapterPowerManagement
DECLARE_INTERFACE_(IAdapterPowerManagement, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_ADAPTERPOWERMANAGEMENT()
};
#undef INTERFACE
typedef IAdapterPowerManagement *PADAPTERPOWERMANAGEMENT;

/* ---- service groups: what a miniport's interrupt handling notifies ---- */
#define INTERFACE IServiceSink
DECLARE_INTERFACE_(IServiceSink, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(void, RequestService)(THIS) PURE;
};
#undef INTERFACE
typedef IServiceSink *PSERVICESINK;

#define INTERFACE IServiceGroup
DECLARE_INTERFACE_(IServiceGroup, IServiceSink)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(void, RequestService)(THIS) PURE;
    STDMETHOD_(NTSTATUS, AddMember)(THIS_ _In_ PSERVICESINK pServiceSink) PURE;
    STDMETHOD_(void, RemoveMember)(THIS_ _In_ PSERVICESINK pServiceSink) PURE;
    STDMETHOD_(void, SupportDelayedService)(THIS) PURE;
    STDMETHOD_(void, RequestDelayedService)(THIS_ _In_ ULONGLONG ullDelay) PURE;
    STDMETHOD_(void, CancelDelayedService)(THIS) PURE;
};
#undef INTERFACE
typedef IServiceGroup *PSERVICEGROUP;

/* ---- what a port offers its miniport besides IPort (QueryInterface on
 * the port the miniport's Init is given) ---- */
/* Events: a miniport adds the event entries it was asked to enable and
 * signals them. */
#define INTERFACE IPortEvents
DECLARE_INTERFACE_(IPortEvents, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(void, AddEventToEventList)(THIS_ _In_ PKSEVENT_ENTRY EventEntry) PURE;
    STDMETHOD_(void, GenerateEventList)(THIS_ _In_opt_ GUID * Set, _In_ ULONG EventId,
                                        _In_ BOOL PinEvent, _In_ ULONG PinId,
                                        _In_ BOOL NodeEvent, _In_ ULONG NodeId) PURE;
};
#undef INTERFACE
typedef IPortEvents *PPORTEVENTS;

/* Digital rights of a stream's content (drmk.h). */
typedef struct tagDRMRIGHTS {
    BOOL CopyProtect;
    ULONG Reserved;
    BOOL DigitalOutputDisable;
} DRMRIGHTS, *PDRMRIGHTS;
typedef const DRMRIGHTS *PCDRMRIGHTS;
typedef struct tagDRMFORWARD {
    DWORD Flags;
    PDEVICE_OBJECT DeviceObject;
    PFILE_OBJECT FileObject;
    PVOID Context;
} DRMFORWARD, *PDRMFORWARD;
typedef const DRMFORWARD *PCDRMFORWARD;

#define DEFINE_ABSTRACT_DRMPORT()                                                      \
    STDMETHOD_(NTSTATUS, CreateContentMixed)(THIS_ _In_ PULONG paContentId,            \
                                             _In_ ULONG cContentId,                    \
                                             _Out_ PULONG pMixedContentId) PURE;       \
    STDMETHOD_(NTSTATUS, DestroyContent)(THIS_ _In_ ULONG ContentId) PURE;             \
    STDMETHOD_(NTSTATUS, ForwardContentToFileObject)(THIS_ _In_ ULONG ContentId,       \
                                                     _In_ PFILE_OBJECT FileObject) PURE; \
    STDMETHOD_(NTSTATUS, ForwardContentToInterface)(THIS_ _In_ ULONG ContentId,        \
                                                    _In_ PUNKNOWN pUnknown,            \
                                                    _In_ ULONG NumMethods) PURE;       \
    STDMETHOD_(NTSTATUS, GetContentRights)(THIS_ _In_ ULONG ContentId,                 \
                                           _Out_ PDRMRIGHTS DrmRights) PURE;

#define INTERFACE IDrmPort
DECLARE_INTERFACE_(IDrmPort, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_DRMPORT()
};
#undef INTERFACE
typedef IDrmPort *PDRMPORT;

#define INTERFACE IDrmPort2
DECLARE_INTERFACE_(IDrmPort2, IDrmPort)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_DRMPORT()
    STDMETHOD_(NTSTATUS, AddContentHandlers)(THIS_ _In_ ULONG ContentId,
                                             _In_reads_(NumHandlers) PVOID * paHandlers,
                                             _In_ ULONG NumHandlers) PURE;
    STDMETHOD_(NTSTATUS, ForwardContentToDeviceObject)(THIS_ _In_ ULONG ContentId,
                                                       _In_opt_ PVOID Reserved,
                                                       _In_ PCDRMFORWARD DrmForward) PURE;
};
#undef INTERFACE
typedef IDrmPort2 *PDRMPORT2;

/* ETW events a miniport writes through its port. */
typedef enum {
    eMINIPORT_IHV_DEFINED = 0,
    eMINIPORT_BUFFER_COMPLETE,
    eMINIPORT_PIN_STATE,
    eMINIPORT_GET_STREAM_POSITION,
    eMINIPORT_SET_WAVERT_BUFFER_WRITE_POSITION,
    eMINIPORT_GET_PRESENTATION_POSITION,
    eMINIPORT_PROGRAM_DMA,
    eMINIPORT_GLITCH_REPORT,
    eMINIPORT_LAST_BUFFER_RENDERED,
    eMINIPORT_PROCESSING_MODE,
    eMINIPORT_FX_CLSID,
    eMINIPORT_MaxValue
} EPcMiniportEngineEvent;

/* The real header declares this and the two power interfaces below
 * without IUnknown's methods in their bodies, which C++ inherits; a C
 * table needs them, so they are here. */
#define INTERFACE IPortClsEtwHelper
DECLARE_INTERFACE_(IPortClsEtwHelper, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(NTSTATUS, MiniportWriteEtwEvent)(THIS_ _In_ EPcMiniportEngineEvent miniportEventType,
                                                _In_ ULONGLONG pvData1, _In_ ULONGLONG pvData2,
                                                _In_ ULONGLONG ulData3,
                                                _In_ ULONGLONG ulData4) PURE;
};
#undef INTERFACE
typedef IPortClsEtwHelper *PPORTCLSETWHELPER;

/* Runtime power: power-control requests through the power framework. */
typedef NTSTATUS (*PCPFNRUNTIME_POWER_CONTROL_CALLBACK)(_In_ LPCGUID PowerControlCode,
                                                       _In_opt_ PVOID InBuffer,
                                                       _In_ SIZE_T InBufferSize,
                                                       _Out_opt_ PVOID OutBuffer,
                                                       _In_ SIZE_T OutBufferSize,
                                                       _Out_opt_ PSIZE_T BytesReturned,
                                                       _In_opt_ PVOID Context);

#define INTERFACE IPortClsRuntimePower
DECLARE_INTERFACE_(IPortClsRuntimePower, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(NTSTATUS, SendPowerControl)(THIS_ _In_ PDEVICE_OBJECT _DeviceObject,
                                           _In_ LPCGUID _PowerControlCode,
                                           _In_opt_ PVOID _InBuffer, _In_ SIZE_T _InBufferSize,
                                           _Out_opt_ PVOID _OutBuffer,
                                           _In_ SIZE_T _OutBufferSize,
                                           _Out_opt_ PSIZE_T _BytesReturned) PURE;
    STDMETHOD_(NTSTATUS, RegisterPowerControlCallback)(THIS_ _In_ PDEVICE_OBJECT _DeviceObject,
                                                       _In_ PCPFNRUNTIME_POWER_CONTROL_CALLBACK _Callback,
                                                       _In_opt_ PVOID _Context) PURE;
    STDMETHOD_(NTSTATUS, UnregisterPowerControlCallback)(THIS_ _In_ PDEVICE_OBJECT _DeviceObject) PURE;
};
#undef INTERFACE
typedef IPortClsRuntimePower *PPORTCLSRUNTIMEPOWER;

/* The port's side of PcRegisterAdapterPowerManagement and idle power. */
#define INTERFACE IPortClsPower
DECLARE_INTERFACE_(IPortClsPower, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    STDMETHOD_(NTSTATUS, RegisterAdapterPowerManagement)(THIS_ _In_ PUNKNOWN pUnknown,
                                                         _In_ PDEVICE_OBJECT DeviceObject) PURE;
    STDMETHOD_(NTSTATUS, UnregisterAdapterPowerManagement)(THIS_ _In_ PDEVICE_OBJECT DeviceObject) PURE;
    STDMETHOD_(NTSTATUS, SetIdlePowerManagement)(THIS_ _In_ PDEVICE_OBJECT DeviceObject,
                                                 _In_ BOOLEAN bEnabled) PURE;
};
#undef INTERFACE
typedef IPortClsPower *PPORTCLSPOWER;

/* Stream resources: the interrupts and threads a driver's streams depend
 * on, which it registers after making them and removes before freeing. */
DECLARE_HANDLE(PCSTREAMRESOURCE);
typedef enum _PcStreamResourceType {
    ePcStreamResourceInterrupt,
    ePcStreamResourceThread,
    ePcStreamResourceSet
} PcStreamResourceType, *PPcStreamResourceType;

typedef struct _PCSTREAMRESOURCE_DESCRIPTOR {
    ULONG Size;                     /* sizeof(PCSTREAMRESOURCE_DESCRIPTOR) */
    ULONG Flags;                    /* 0 */
    PDEVICE_OBJECT Pdo;             /* of the stack that made the resource */
    PcStreamResourceType Type;
    union {
        struct {
            ULONG Version;
            PVOID Generic;
        } Interrupt;
        PETHREAD Thread;
        PVOID ResourceSet;          /* NULL */
    } Resource;
} PCSTREAMRESOURCE_DESCRIPTOR, *PPCSTREAMRESOURCE_DESCRIPTOR;

/* Zeroes *Resource and sets its Size. */
FORCEINLINE VOID PCSTREAMRESOURCE_DESCRIPTOR_INIT(_Out_ PPCSTREAMRESOURCE_DESCRIPTOR Resource)
{
    memset(Resource, 0, sizeof(PCSTREAMRESOURCE_DESCRIPTOR));
    Resource->Size = sizeof(PCSTREAMRESOURCE_DESCRIPTOR);
}

#define DEFINE_ABSTRACT_IPORTCLSSTREAMRESOURCEMANAGER()                                \
    STDMETHOD_(NTSTATUS, AddStreamResource)(THIS_ _In_ PVOID ResourceSet,              \
                                            _In_ PPCSTREAMRESOURCE_DESCRIPTOR ResourceDescriptor, \
                                            _Out_ PCSTREAMRESOURCE * ResourceHandle) PURE; \
    STDMETHOD_(NTSTATUS, RemoveStreamResource)(THIS_ _In_ PCSTREAMRESOURCE ResourceHandle) PURE;

#define INTERFACE IPortClsStreamResourceManager
DECLARE_INTERFACE_(IPortClsStreamResourceManager, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_IPORTCLSSTREAMRESOURCEMANAGER()
};
#undef INTERFACE
typedef IPortClsStreamResourceManager *PPORTCLSStreamResourceManager;

#define INTERFACE IPortClsStreamResourceManager2
DECLARE_INTERFACE_(IPortClsStreamResourceManager2, IPortClsStreamResourceManager)
{
    DEFINE_ABSTRACT_UNKNOWN()
    DEFINE_ABSTRACT_IPORTCLSSTREAMRESOURCEMANAGER()
    STDMETHOD_(NTSTATUS, AddStreamResource2)(THIS_ _In_ PDEVICE_OBJECT PhysicalDeviceObject,
                                             _In_ PVOID ResourceSet,
                                             _In_ PPCSTREAMRESOURCE_DESCRIPTOR ResourceDescriptor,
                                             _Out_ PCSTREAMRESOURCE * ResourceHandle) PURE;
};
#undef INTERFACE
typedef IPortClsStreamResourceManager2 *PPORTCLSStreamResourceManager2;

/* The methods a C++ class implementing these interfaces declares. */
#define IMP_IResourceList                                                              \
    STDMETHODIMP_(ULONG) NumberOfEntries(void);                                        \
    STDMETHODIMP_(ULONG) NumberOfEntriesOfType(_In_ CM_RESOURCE_TYPE Type);            \
    STDMETHODIMP_(PCM_PARTIAL_RESOURCE_DESCRIPTOR) FindTranslatedEntry(_In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index); \
    STDMETHODIMP_(PCM_PARTIAL_RESOURCE_DESCRIPTOR) FindUntranslatedEntry(_In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index); \
    STDMETHODIMP_(NTSTATUS) AddEntry(_In_ PCM_PARTIAL_RESOURCE_DESCRIPTOR Translated, _In_ PCM_PARTIAL_RESOURCE_DESCRIPTOR Untranslated); \
    STDMETHODIMP_(NTSTATUS) AddEntryFromParent(_In_ IResourceList *Parent, _In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index); \
    STDMETHODIMP_(PCM_RESOURCE_LIST) TranslatedList(void);                             \
    STDMETHODIMP_(PCM_RESOURCE_LIST) UntranslatedList(void)
#define IMP_IMiniport                                                                  \
    STDMETHODIMP_(NTSTATUS) GetDescription(_Out_ PPCFILTER_DESCRIPTOR *Description);   \
    STDMETHODIMP_(NTSTATUS) DataRangeIntersection(_In_ ULONG PinId, _In_ PKSDATARANGE DataRange, \
                                                  _In_ PKSDATARANGE MatchingDataRange, \
                                                  _In_ ULONG OutputBufferLength,       \
                                                  _Out_opt_ PVOID ResultantFormat,     \
                                                  _Out_ PULONG ResultantFormatLength)
#define IMP_IMiniportTopology                                                          \
    IMP_IMiniport;                                                                     \
    STDMETHODIMP_(NTSTATUS) Init(_In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList, \
                                 _In_ PPORTTOPOLOGY Port)
#define IMP_IMiniportWaveRT                                                            \
    IMP_IMiniport;                                                                     \
    STDMETHODIMP_(NTSTATUS) Init(_In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList, \
                                 _In_ PPORTWAVERT Port);                               \
    STDMETHODIMP_(NTSTATUS) NewStream(_Out_ PMINIPORTWAVERTSTREAM *Stream,              \
                                      _In_ PPORTWAVERTSTREAM PortStream,               \
                                      _In_ ULONG Pin, _In_ BOOLEAN Capture,            \
                                      _In_ PKSDATAFORMAT DataFormat);              \
    STDMETHODIMP_(NTSTATUS) GetDeviceDescription(_Out_ PDEVICE_DESCRIPTION DeviceDescription)
#define IMP_IAdapterPowerManagement                                                    \
    STDMETHODIMP_(void) PowerChangeState(_In_ POWER_STATE NewState);                   \
    STDMETHODIMP_(NTSTATUS) QueryPowerChangeState(_In_ POWER_STATE NewStateQuery);     \
    STDMETHODIMP_(NTSTATUS) QueryDeviceCapabilities(_Inout_updates_bytes_(sizeof(DEVICE_CAPABILITIES)) PDEVICE_CAPABILITIES PowerDeviceCaps)

#define IMP_IPortEvents                                                                \
    STDMETHODIMP_(void) AddEventToEventList(_In_ PKSEVENT_ENTRY EventEntry);           \
    STDMETHODIMP_(void) GenerateEventList(_In_opt_ GUID *Set, _In_ ULONG EventId,      \
                                          _In_ BOOL PinEvent, _In_ ULONG PinId,        \
                                          _In_ BOOL NodeEvent, _In_ ULONG NodeId)

/* ---- the GUIDs: classes of ports, and interfaces ---- */
DEFINE_GUID(CLSID_PortWaveRT, 0xcc9be57a, 0xeb9e, 0x42b4, 0x94, 0xfc, 0x0c, 0xad, 0x3d, 0xbc, 0xe7,
            0xfa);
DEFINE_GUID(CLSID_PortTopology, 0xb4c90a32, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11,
            0xb5, 0x44);
DEFINE_GUID(IID_IPort, 0xb4c90a25, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11, 0xb5, 0x44);
DEFINE_GUID(IID_IPortWaveRT, 0x339ff909, 0x68a9, 0x4310, 0xb0, 0x9b, 0x27, 0x4e, 0x96, 0xee, 0x4c,
            0xbd);
DEFINE_GUID(IID_IPortTopology, 0xb4c90a30, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11, 0xb5,
            0x44);
DEFINE_GUID(IID_IMiniport, 0xb4c90a24, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11, 0xb5,
            0x44);
DEFINE_GUID(IID_IMiniportWaveRT, 0x0f9fc4d6, 0x6061, 0x4f3c, 0xb1, 0xfc, 0x07, 0x5e, 0x35, 0xf7,
            0x96, 0x0a);
DEFINE_GUID(IID_IMiniportTopology, 0xb4c90a31, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11,
            0xb5, 0x44);
DEFINE_GUID(IID_IResourceList, 0x22c6ac60, 0x851b, 0x11d0, 0x9a, 0x7f, 0x00, 0xaa, 0x00, 0x38, 0xac,
            0xfe);
DEFINE_GUID(IID_IUnregisterSubdevice, 0x16738177, 0xe199, 0x41f9, 0x9a, 0x87, 0xab, 0xb2, 0xa5, 0x43,
            0x2f, 0x21);
DEFINE_GUID(IID_IUnregisterPhysicalConnection, 0x6c38e231, 0x2a0d, 0x428d, 0x81, 0xf8, 0x07, 0xcc,
            0x42, 0x8b, 0xb9, 0xa4);
DEFINE_GUID(IID_IAdapterPowerManagement, 0x793417d0, 0x35fe, 0x11d1, 0xad, 0x08, 0x00, 0xa0, 0xc9,
            0x0a, 0xb1, 0xb0);

DEFINE_GUID(IID_IServiceSink, 0x22c6ac64, 0x851b, 0x11d0, 0x9a, 0x7f, 0x00, 0xaa, 0x00, 0x38, 0xac,
            0xfe);
DEFINE_GUID(IID_IServiceGroup, 0x22c6ac65, 0x851b, 0x11d0, 0x9a, 0x7f, 0x00, 0xaa, 0x00, 0x38, 0xac,
            0xfe);
DEFINE_GUID(IID_IPortEvents, 0xa80f29c4, 0x5498, 0x11d2, 0x95, 0xd9, 0x00, 0xc0, 0x4f, 0xb9, 0x25,
            0xd3);
DEFINE_GUID(IID_IDrmPort, 0x286d3df8, 0xca22, 0x4e2e, 0xb9, 0xbc, 0x20, 0xb4, 0xf0, 0xe2, 0x01,
            0xce);
DEFINE_GUID(IID_IDrmPort2, 0x1acce59c, 0x7311, 0x4b6b, 0x9f, 0xba, 0xcc, 0x3b, 0xa5, 0x9a, 0xcd,
            0xce);
DEFINE_GUID(IID_IPortClsEtwHelper, 0x80ef6667, 0xe8b1, 0x4252, 0xab, 0x09, 0x8f, 0x6d, 0x5e, 0xbb,
            0xd1, 0x9f);
DEFINE_GUID(IID_IPortClsRuntimePower, 0xe057c351, 0x0430, 0x4dbc, 0xb1, 0x72, 0xc7, 0x11, 0xd4,
            0x0a, 0x23, 0x73);
DEFINE_GUID(IID_IPortClsPower, 0x47ba0351, 0xbc4b, 0x4869, 0x81, 0x34, 0xb7, 0x4f, 0xe1, 0x78, 0x52,
            0xd8);
DEFINE_GUID(IID_IPortClsStreamResourceManager, 0xe1cd9915, 0xcab1, 0x4103, 0xbb, 0x2f, 0x7d, 0xc0,
            0x9c, 0x9b, 0xe9, 0x42);
DEFINE_GUID(IID_IPortClsStreamResourceManager2, 0x0d500bae, 0xd565, 0x469d, 0xa0, 0xe2, 0xf2, 0x83,
            0x76, 0x0d, 0x71, 0x48);
/* The miniports PcNewMiniport makes (none is played). */
DEFINE_GUID(CLSID_MiniportDriverFmSynth, 0xb4c90ae0, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9,
            0x11, 0xb5, 0x44);
DEFINE_GUID(CLSID_MiniportDriverUart, 0xb4c90ae1, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9,
            0x11, 0xb5, 0x44);
DEFINE_GUID(CLSID_MiniportDriverFmSynthWithVol, 0xe5a3c139, 0xf0f2, 0x11d1, 0x81, 0xaf, 0x00, 0x60,
            0x08, 0x33, 0x16, 0xc1);

/* ---- the routines ---- */
EXTERN_C_START

/* From DriverEntry: keeps AddDevice, installs PortCls's IRP dispatch and
 * unload routine [R1]. */
NTSTATUS PcInitializeAdapterDriver(_In_ PDRIVER_OBJECT DriverObject,
                                   _In_ PUNICODE_STRING RegistryPathName,
                                   _In_ PDRIVER_ADD_DEVICE AddDevice);
/* From AddDevice: the FDO, attached over the PDO, its extension
 * PORT_CLASS_DEVICE_EXTENSION_SIZE + DeviceExtensionSize bytes; StartDevice
 * is called when the device starts [R4]. */
NTSTATUS PcAddAdapterDevice(_In_ PDRIVER_OBJECT DriverObject,
                            _In_ PDEVICE_OBJECT PhysicalDeviceObject,
                            _In_ PCPFNSTARTDEVICE StartDevice, _In_ ULONG MaxObjects,
                            _In_ ULONG DeviceExtensionSize);
/* PortCls's handling of an IRP the driver's own dispatch forwards [R5]. */
NTSTATUS PcDispatchIrp(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp);
NTSTATUS PcGetPhysicalDeviceObject(_In_ PDEVICE_OBJECT DeviceObject,
                                   _Out_ PDEVICE_OBJECT *PhysicalDeviceObject);
NTSTATUS PcNewPort(_Out_ PPORT *OutPort, _In_ REFCLSID ClassId);
NTSTATUS PcNewMiniport(_Out_ PMINIPORT *OutMiniport, _In_ REFCLSID ClassId);
NTSTATUS PcRegisterSubdevice(_In_ PDEVICE_OBJECT DeviceObject, _In_ PWSTR Name,
                             _In_ PUNKNOWN Unknown);
NTSTATUS PcRegisterPhysicalConnection(_In_ PDEVICE_OBJECT DeviceObject, _In_ PUNKNOWN FromUnknown,
                                      _In_ ULONG FromPin, _In_ PUNKNOWN ToUnknown,
                                      _In_ ULONG ToPin);
NTSTATUS PcRegisterAdapterPowerManagement(_In_ PUNKNOWN Unknown, _In_ PVOID pvContext1);
NTSTATUS PcUnregisterAdapterPowerManagement(_In_ PDEVICE_OBJECT DeviceObject);

#ifndef WDFMODEL_NO_CALL_SITES
#define PcInitializeAdapterDriver(...)     WDFMODEL_AT_(PcInitializeAdapterDriver(__VA_ARGS__))
#define PcAddAdapterDevice(...)            WDFMODEL_AT_(PcAddAdapterDevice(__VA_ARGS__))
#define PcDispatchIrp(...)                 WDFMODEL_AT_(PcDispatchIrp(__VA_ARGS__))
#define PcGetPhysicalDeviceObject(...)     WDFMODEL_AT_(PcGetPhysicalDeviceObject(__VA_ARGS__))
#define PcNewPort(...)                     WDFMODEL_AT_(PcNewPort(__VA_ARGS__))
#define PcNewMiniport(...)                 WDFMODEL_AT_(PcNewMiniport(__VA_ARGS__))
#define PcRegisterSubdevice(...)           WDFMODEL_AT_(PcRegisterSubdevice(__VA_ARGS__))
#define PcRegisterPhysicalConnection(...)  WDFMODEL_AT_(PcRegisterPhysicalConnection(__VA_ARGS__))
#define PcRegisterAdapterPowerManagement(...) \
    WDFMODEL_AT_(PcRegisterAdapterPowerManagement(__VA_ARGS__))
#define PcUnregisterAdapterPowerManagement(...) \
    WDFMODEL_AT_(PcUnregisterAdapterPowerManagement(__VA_ARGS__))
#endif

EXTERN_C_END

#endif /* UNLOADFUZZ_UF_PORTCLS_H */
