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
/* The kernel-streaming descriptions a miniport hands its port: pointers
 * only here (the port reads none of them). */
typedef struct _PCFILTER_DESCRIPTOR PCFILTER_DESCRIPTOR, *PPCFILTER_DESCRIPTOR;
typedef struct _KSDATARANGE_ KSDATARANGE_PC_, *PKSDATARANGE_PC_;
typedef struct _KSDATAFORMAT_ KSDATAFORMAT_PC_, *PKSDATAFORMAT_PC_;

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
                                                _In_ PKSDATARANGE_PC_ DataRange,       \
                                                _In_ PKSDATARANGE_PC_ MatchingDataRange, \
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
    STDMETHOD_(NTSTATUS, NewStream)(THIS_ _Out_ PVOID * Stream, _In_ PVOID PortStream,
                                    _In_ ULONG Pin, _In_ BOOLEAN Capture,
                                    _In_ PKSDATAFORMAT_PC_ DataFormat) PURE;
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
    STDMETHODIMP_(NTSTATUS) DataRangeIntersection(_In_ ULONG PinId, _In_ PKSDATARANGE_PC_ DataRange, \
                                                  _In_ PKSDATARANGE_PC_ MatchingDataRange, \
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
    STDMETHODIMP_(NTSTATUS) NewStream(_Out_ PVOID *Stream, _In_ PVOID PortStream,      \
                                      _In_ ULONG Pin, _In_ BOOLEAN Capture,            \
                                      _In_ PKSDATAFORMAT_PC_ DataFormat);              \
    STDMETHODIMP_(NTSTATUS) GetDeviceDescription(_Out_ PDEVICE_DESCRIPTION DeviceDescription)
#define IMP_IAdapterPowerManagement                                                    \
    STDMETHODIMP_(void) PowerChangeState(_In_ POWER_STATE NewState);                   \
    STDMETHODIMP_(NTSTATUS) QueryPowerChangeState(_In_ POWER_STATE NewStateQuery);     \
    STDMETHODIMP_(NTSTATUS) QueryDeviceCapabilities(_Inout_updates_bytes_(sizeof(DEVICE_CAPABILITIES)) PDEVICE_CAPABILITIES PowerDeviceCaps)

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
