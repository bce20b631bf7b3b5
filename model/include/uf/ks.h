/*
 * uf/ks.h - AVStream (Microsoft's ks.h) as a minidriver sees its device:
 * the device descriptor and dispatch table it hands KsInitializeDriver,
 * the KSDEVICE AVStream builds for each device, and the routines a
 * minidriver calls around them.
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
 * which only the 32-bit layout has). The constants have their real values.
 * Real drivers include ntddk.h (or wdm.h) first; this base includes the
 * kernel itself, so the face also compiles alone.
 */
#ifndef UNLOADFUZZ_UF_KS_H
#define UNLOADFUZZ_UF_KS_H

#include "uf/wdm.h"

EXTERN_C_START

#define KSDDKAPI

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
