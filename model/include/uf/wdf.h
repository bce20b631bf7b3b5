/*
 * uf/wdf.h - the framework: what Microsoft's wdf.h and its sub-headers
 * (wdfobject.h, wdfdriver.h, wdfminiport.h, wdftimer.h, ...) give a driver,
 * the shared base of every one of those names in model/include/.
 *
 * A miniport driver's unload code is written against Microsoft's wdf.h. This
 * header gives the same names, parameter order, structure members and macros
 * for everything in the model's scope, so such code compiles here with no edit
 * beyond its includes. The DDIs are plain C functions implemented by model/
 * (the real ones are inline thunks into the framework's function table; a
 * driver cannot tell the difference). The kernel below the framework is
 * uf/wdm.h, which this file includes, as the real wdf.h expects ntddk.h or
 * wdm.h first.
 *
 * Two things differ from the real header, both invisible to driver code:
 *  - handles are opaque values the model decodes (see model/object.c); they
 *    are never valid pointers, so code that dereferences one crashes at once;
 *  - each DDI call records the caller's file and line first (macros at the
 *    end, uf/callsite.h), so violations can name the driver source line.
 *    Define WDFMODEL_NO_CALL_SITES before including to turn that off.
 *
 * Facts behind each DDI's behaviour: docs/WDF-SEMANTICS.md.
 */
#ifndef UNLOADFUZZ_WDF_H
#define UNLOADFUZZ_WDF_H

#include "uf/wdm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the framework's status codes (wdfstatus.h) ---- */
#define STATUS_WDF_DEVICE_REMOVED_NOT_SENT       ((NTSTATUS)0xC0200206L)
#define STATUS_WDF_OBJECT_ATTRIBUTES_INVALID     ((NTSTATUS)0xC0200209L)
#define STATUS_WDF_NO_CALLBACK                   ((NTSTATUS)0xC020020BL)
#define STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL  ((NTSTATUS)0xC020020CL)
#define STATUS_WDF_PARENT_ALREADY_ASSIGNED       ((NTSTATUS)0xC020020DL)
#define STATUS_WDF_PARENT_IS_SELF                ((NTSTATUS)0xC020020EL)
#define STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED ((NTSTATUS)0xC020020FL)
#define STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID ((NTSTATUS)0xC0200210L)
#define STATUS_WDF_EXECUTION_LEVEL_INVALID       ((NTSTATUS)0xC0200211L)
#define STATUS_WDF_PARENT_NOT_SPECIFIED          ((NTSTATUS)0xC0200212L)

#define WDFAPI
#define WDF_EXTERN_C       EXTERN_C
#define WDF_EXTERN_C_START EXTERN_C_START
#define WDF_EXTERN_C_END   EXTERN_C_END

/* ---- bug check codes of WDF_VIOLATION (0x10D), its first parameter
 * (wdfbugcodes.h): what the model's rules name as their counterpart ---- */
typedef enum _WDF_BUGCHECK_CODES {
    WDF_POWER_ROUTINE_TIMED_OUT = 0x1,
    WDF_RECURSIVE_LOCK = 0x2,
    WDF_VERIFIER_FATAL_ERROR = 0x3,
    WDF_REQUIRED_PARAMETER_IS_NULL = 0x4,
    WDF_INVALID_HANDLE = 0x5,
    WDF_REQUEST_FATAL_ERROR = 0x6,
    WDF_OBJECT_ERROR = 0x7,
    WDF_DMA_FATAL_ERROR = 0x8,
    WDF_INVALID_INTERRUPT = 0x9,
    WDF_QUEUE_FATAL_ERROR = 0xA,
    WDF_INVALID_LOCK_OPERATION = 0xB,
    WDF_PNP_FATAL_ERROR = 0xC,
    WDF_POWER_MULTIPLE_PPO = 0xD,
    WDF_VERIFIER_IRQL_MISMATCH = 0xE,
    WDF_VERIFIER_CRITICAL_REGION_MISMATCH = 0xF,
    WDF_API_UNAVAILABLE = 0x10,
} WDF_BUGCHECK_CODES;

/* ---- the framework's assertions (wdfassert.h) ---- */
/* WDFVERIFY tests its expression only when the driver's globals say
 * WdfVerifyOn (the registry's VerifyOn); the model runs with it off, the
 * default, so the expression is not evaluated. WDFCASSERT checks at compile
 * time. */
#define WDFVERIFY(e)                   ((void)0)
#define VERIFY_IS_IRQL_PASSIVE_LEVEL() WDFVERIFY(KeGetCurrentIrql() == PASSIVE_LEVEL)
#define IS_AT_PASSIVE()                WDFVERIFY(KeGetCurrentIrql() == PASSIVE_LEVEL)
#define WDFCASSERT(c)                  C_ASSERT(c)

/* ---- the driver's globals (wdfglobals.h) ---- */
#define WDF_DRIVER_GLOBALS_NAME_LEN (32)
typedef struct _WDF_DRIVER_GLOBALS {
    CHAR DriverName[WDF_DRIVER_GLOBALS_NAME_LEN];
} WDF_DRIVER_GLOBALS, *PWDF_DRIVER_GLOBALS;

/* ---- handles (wdftypes.h) ---- */
typedef HANDLE WDFOBJECT, *PWDFOBJECT;
DECLARE_HANDLE(WDFDRIVER);
DECLARE_HANDLE(WDFDEVICE);
DECLARE_HANDLE(WDFTIMER);
DECLARE_HANDLE(WDFWORKITEM);
DECLARE_HANDLE(WDFWAITLOCK);
DECLARE_HANDLE(WDFSPINLOCK);
DECLARE_HANDLE(WDFMEMORY);
DECLARE_HANDLE(WDFCOLLECTION);
DECLARE_HANDLE(WDFKEY);
DECLARE_HANDLE(WDFIOTARGET);
DECLARE_HANDLE(WDFREQUEST);
DECLARE_HANDLE(WDFDPC);
DECLARE_HANDLE(WDFSTRING);
DECLARE_HANDLE(WDFLOOKASIDE);
typedef PVOID WDFCONTEXT;
typedef struct WDFDEVICE_INIT *PWDFDEVICE_INIT;

#define WDF_NO_OBJECT_ATTRIBUTES NULL
#define WDF_NO_EVENT_CALLBACK    NULL
#define WDF_NO_HANDLE            NULL
#define WDF_NO_CONTEXT           NULL
#define WDF_STRUCTURE_SIZE(s)    ((ULONG)sizeof(s))

/* ---- object attributes and contexts (wdfobject.h) ---- */
typedef enum _WDF_EXECUTION_LEVEL {
    WdfExecutionLevelInvalid = 0x00,
    WdfExecutionLevelInheritFromParent,
    WdfExecutionLevelPassive,
    WdfExecutionLevelDispatch,
} WDF_EXECUTION_LEVEL;

typedef enum _WDF_SYNCHRONIZATION_SCOPE {
    WdfSynchronizationScopeInvalid = 0x00,
    WdfSynchronizationScopeInheritFromParent,
    WdfSynchronizationScopeDevice,
    WdfSynchronizationScopeQueue,
    WdfSynchronizationScopeNone,
} WDF_SYNCHRONIZATION_SCOPE;

typedef VOID EVT_WDF_OBJECT_CONTEXT_CLEANUP(_In_ WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP *PFN_WDF_OBJECT_CONTEXT_CLEANUP;
typedef VOID EVT_WDF_OBJECT_CONTEXT_DESTROY(_In_ WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY *PFN_WDF_OBJECT_CONTEXT_DESTROY;

typedef const struct _WDF_OBJECT_CONTEXT_TYPE_INFO *PCWDF_OBJECT_CONTEXT_TYPE_INFO;

typedef struct _WDF_OBJECT_ATTRIBUTES {
    ULONG Size;
    PFN_WDF_OBJECT_CONTEXT_CLEANUP EvtCleanupCallback;
    PFN_WDF_OBJECT_CONTEXT_DESTROY EvtDestroyCallback;
    WDF_EXECUTION_LEVEL ExecutionLevel;
    WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
    WDFOBJECT ParentObject;
    size_t ContextSizeOverride;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO ContextTypeInfo;
} WDF_OBJECT_ATTRIBUTES, *PWDF_OBJECT_ATTRIBUTES;

FORCEINLINE VOID WDF_OBJECT_ATTRIBUTES_INIT(_Out_ PWDF_OBJECT_ATTRIBUTES Attributes)
{
    RtlZeroMemory(Attributes, sizeof(WDF_OBJECT_ATTRIBUTES));
    Attributes->Size = WDF_STRUCTURE_SIZE(WDF_OBJECT_ATTRIBUTES);
    Attributes->ExecutionLevel = WdfExecutionLevelInheritFromParent;
    Attributes->SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
}

typedef PCWDF_OBJECT_CONTEXT_TYPE_INFO (*PFN_GET_UNIQUE_CONTEXT_TYPE)(VOID);

typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO {
    ULONG Size;
    LPCSTR ContextName;
    size_t ContextSize;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO UniqueType;
    PFN_GET_UNIQUE_CONTEXT_TYPE EvtDriverGetUniqueContextType;
} WDF_OBJECT_CONTEXT_TYPE_INFO, *PWDF_OBJECT_CONTEXT_TYPE_INFO;

#define WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) _WDF_##_contexttype##_TYPE_INFO
#define WDF_GET_CONTEXT_TYPE_INFO(_contexttype) (&WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype))
#define WDF_TYPE_NAME_POINTER_TYPE(_contexttype) WDF_POINTER_TYPE_##_contexttype

#define WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype) \
    (_attributes)->ContextTypeInfo = WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType

#define WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(_attributes, _contexttype) \
    WDF_OBJECT_ATTRIBUTES_INIT(_attributes);                                \
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype)

/*
 * The real header gives the type info __declspec(selectany) so a context type
 * declared in a header is one object in the whole driver; a weak definition is
 * the ELF equivalent. The type's identity is the address of that object.
 * C++ says extern on the definition too, or g++ takes the const for
 * internal.
 */
#ifdef __cplusplus
#define UF_CXX_EXTERN_ extern
#else
#define UF_CXX_EXTERN_
#endif
#define WDF_DECLARE_TYPE_AND_GLOBALS(_contexttype, _UniqueType, _GetUniqueType) \
    typedef _contexttype *WDF_TYPE_NAME_POINTER_TYPE(_contexttype);              \
    __attribute__((weak)) extern const WDF_OBJECT_CONTEXT_TYPE_INFO            \
        WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype);                              \
    __attribute__((weak)) UF_CXX_EXTERN_ const WDF_OBJECT_CONTEXT_TYPE_INFO    \
        WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) = {                           \
            sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), #_contexttype,               \
            sizeof(_contexttype), _UniqueType, _GetUniqueType,                 \
    };

#define WDF_DECLARE_CASTING_FUNCTION(_contexttype, _castingfunction)            \
    static inline __attribute__((unused)) WDF_TYPE_NAME_POINTER_TYPE(_contexttype) \
    _castingfunction(_In_ WDFOBJECT Handle)                                     \
    {                                                                           \
        return (WDF_TYPE_NAME_POINTER_TYPE(_contexttype))                       \
            WdfObjectGetTypedContextWorker(                                     \
                Handle, WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType);   \
    }

#define WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, _castingfunction)  \
    WDF_DECLARE_TYPE_AND_GLOBALS(_contexttype,                               \
                                 WDF_GET_CONTEXT_TYPE_INFO(_contexttype), NULL) \
    WDF_DECLARE_CASTING_FUNCTION(_contexttype, _castingfunction)

#define WDF_DECLARE_CONTEXT_TYPE(_contexttype) \
    WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, WdfObjectGet_##_contexttype)

#define WdfObjectGetTypedContext(handle, type) \
    (type *)WdfObjectGetTypedContextWorker(    \
        (WDFOBJECT)(handle), WDF_GET_CONTEXT_TYPE_INFO(type)->UniqueType)

PVOID WdfObjectGetTypedContextWorker(_In_ WDFOBJECT Handle,
                                     _In_ PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo);
NTSTATUS WdfObjectAllocateContext(_In_ WDFOBJECT Handle,
                                  _In_ PWDF_OBJECT_ATTRIBUTES ContextAttributes,
                                  _Outptr_opt_ PVOID *Context);
WDFOBJECT WdfObjectContextGetObject(_In_ PVOID ContextPointer);
VOID WdfObjectReferenceActual(_In_ WDFOBJECT Handle, _In_opt_ PVOID Tag,
                              _In_ LONG Line, _In_z_ PCCH File);
VOID WdfObjectDereferenceActual(_In_ WDFOBJECT Handle, _In_opt_ PVOID Tag,
                                _In_ LONG Line, _In_z_ PCCH File);
NTSTATUS WdfObjectCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes,
                         _Out_ WDFOBJECT *Object);
VOID WdfObjectDelete(_In_ WDFOBJECT Object);

#define WdfObjectReference(Handle) WdfObjectReferenceWithTag(Handle, NULL)
#define WdfObjectReferenceWithTag(Handle, Tag) \
    WdfObjectReferenceActual(Handle, Tag, __LINE__, __FILE__)
#define WdfObjectDereference(Handle) WdfObjectDereferenceWithTag(Handle, NULL)
#define WdfObjectDereferenceWithTag(Handle, Tag) \
    WdfObjectDereferenceActual(Handle, Tag, __LINE__, __FILE__)

/* ---- driver (wdfdriver.h, wdfminiport.h) ---- */
typedef enum _WDF_DRIVER_INIT_FLAGS {
    WdfDriverInitNonPnpDriver = 0x00000001,
    WdfDriverInitNoDispatchOverride = 0x00000002,
    WdfVerifyOn = 0x00000004,
    WdfVerifierOn = 0x00000008,
    WdfDriverInitCompanion = 0x00000010,
} WDF_DRIVER_INIT_FLAGS;

typedef NTSTATUS EVT_WDF_DRIVER_DEVICE_ADD(_In_ WDFDRIVER Driver,
                                           _Inout_ PWDFDEVICE_INIT DeviceInit);
typedef EVT_WDF_DRIVER_DEVICE_ADD *PFN_WDF_DRIVER_DEVICE_ADD;
typedef VOID EVT_WDF_DRIVER_UNLOAD(_In_ WDFDRIVER Driver);
typedef EVT_WDF_DRIVER_UNLOAD *PFN_WDF_DRIVER_UNLOAD;

typedef struct _WDF_DRIVER_CONFIG {
    ULONG Size;
    PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd;
    PFN_WDF_DRIVER_UNLOAD EvtDriverUnload;
    ULONG DriverInitFlags;
    ULONG DriverPoolTag;
} WDF_DRIVER_CONFIG, *PWDF_DRIVER_CONFIG;

FORCEINLINE VOID WDF_DRIVER_CONFIG_INIT(_Out_ PWDF_DRIVER_CONFIG Config,
                                        _In_opt_ PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd)
{
    RtlZeroMemory(Config, sizeof(WDF_DRIVER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_DRIVER_CONFIG);
    Config->EvtDriverDeviceAdd = EvtDriverDeviceAdd;
}

NTSTATUS WdfDriverCreate(_In_ PDRIVER_OBJECT DriverObject,
                         _In_ PCUNICODE_STRING RegistryPath,
                         _In_opt_ PWDF_OBJECT_ATTRIBUTES DriverAttributes,
                         _In_ PWDF_DRIVER_CONFIG DriverConfig,
                         _Out_opt_ WDFDRIVER *Driver);
WDFDRIVER WdfGetDriver(VOID);
PDRIVER_OBJECT WdfDriverWdmGetDriverObject(_In_ WDFDRIVER Driver);
NTSTATUS WdfDeviceMiniportCreate(_In_ WDFDRIVER Driver,
                                 _In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes,
                                 _In_ PDEVICE_OBJECT DeviceObject,
                                 _In_opt_ PDEVICE_OBJECT AttachedDeviceObject,
                                 _In_opt_ PDEVICE_OBJECT Pdo,
                                 _Out_ WDFDEVICE *Device);
VOID WdfDriverMiniportUnload(_In_ WDFDRIVER Driver);
PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(_In_ WDFDEVICE Device);
PDEVICE_OBJECT WdfDeviceWdmGetAttachedDevice(_In_ WDFDEVICE Device);
PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(_In_ WDFDEVICE Device);

/* ---- time (wdfcore.h) ---- */
#define WDF_TIMEOUT_TO_SEC ((LONGLONG)1 * 10 * 1000 * 1000)
#define WDF_TIMEOUT_TO_MS  ((LONGLONG)1 * 10 * 1000)
#define WDF_TIMEOUT_TO_US  ((LONGLONG)1 * 10)
FORCEINLINE LONGLONG WDF_REL_TIMEOUT_IN_SEC(_In_ ULONGLONG Time) { return (LONGLONG)Time * -1 * WDF_TIMEOUT_TO_SEC; }
FORCEINLINE LONGLONG WDF_ABS_TIMEOUT_IN_SEC(_In_ ULONGLONG Time) { return (LONGLONG)Time * 1 * WDF_TIMEOUT_TO_SEC; }
FORCEINLINE LONGLONG WDF_REL_TIMEOUT_IN_MS(_In_ ULONGLONG Time) { return (LONGLONG)Time * -1 * WDF_TIMEOUT_TO_MS; }
FORCEINLINE LONGLONG WDF_ABS_TIMEOUT_IN_MS(_In_ ULONGLONG Time) { return (LONGLONG)Time * 1 * WDF_TIMEOUT_TO_MS; }
FORCEINLINE LONGLONG WDF_REL_TIMEOUT_IN_US(_In_ ULONGLONG Time) { return (LONGLONG)Time * -1 * WDF_TIMEOUT_TO_US; }
FORCEINLINE LONGLONG WDF_ABS_TIMEOUT_IN_US(_In_ ULONGLONG Time) { return (LONGLONG)Time * 1 * WDF_TIMEOUT_TO_US; }

/* ---- timers (wdftimer.h) ---- */
#define TolerableDelayUnlimited ((ULONG)-1)
typedef VOID EVT_WDF_TIMER(_In_ WDFTIMER Timer);
typedef EVT_WDF_TIMER *PFN_WDF_TIMER;

typedef struct _WDF_TIMER_CONFIG {
    ULONG Size;
    PFN_WDF_TIMER EvtTimerFunc;
    ULONG Period;
    BOOLEAN AutomaticSerialization;
    ULONG TolerableDelay;
    BOOLEAN UseHighResolutionTimer;
} WDF_TIMER_CONFIG, *PWDF_TIMER_CONFIG;

FORCEINLINE VOID WDF_TIMER_CONFIG_INIT(_Out_ PWDF_TIMER_CONFIG Config,
                                       _In_ PFN_WDF_TIMER EvtTimerFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_TIMER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_TIMER_CONFIG);
    Config->EvtTimerFunc = EvtTimerFunc;
    Config->Period = 0;
    Config->AutomaticSerialization = TRUE;
    Config->TolerableDelay = 0;
}

FORCEINLINE VOID WDF_TIMER_CONFIG_INIT_PERIODIC(_Out_ PWDF_TIMER_CONFIG Config,
                                                _In_ PFN_WDF_TIMER EvtTimerFunc,
                                                _In_ LONG Period)
{
    RtlZeroMemory(Config, sizeof(WDF_TIMER_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_TIMER_CONFIG);
    Config->EvtTimerFunc = EvtTimerFunc;
    Config->Period = (ULONG)Period;
    Config->AutomaticSerialization = TRUE;
    Config->TolerableDelay = 0;
}

NTSTATUS WdfTimerCreate(_In_ PWDF_TIMER_CONFIG Config,
                        _In_ PWDF_OBJECT_ATTRIBUTES Attributes,
                        _Out_ WDFTIMER *Timer);
BOOLEAN WdfTimerStart(_In_ WDFTIMER Timer, _In_ LONGLONG DueTime);
BOOLEAN WdfTimerStop(_In_ WDFTIMER Timer, _In_ BOOLEAN Wait);
WDFOBJECT WdfTimerGetParentObject(_In_ WDFTIMER Timer);

/* ---- work items (wdfworkitem.h) ---- */
typedef VOID EVT_WDF_WORKITEM(_In_ WDFWORKITEM WorkItem);
typedef EVT_WDF_WORKITEM *PFN_WDF_WORKITEM;

typedef struct _WDF_WORKITEM_CONFIG {
    ULONG Size;
    PFN_WDF_WORKITEM EvtWorkItemFunc;
    BOOLEAN AutomaticSerialization;
} WDF_WORKITEM_CONFIG, *PWDF_WORKITEM_CONFIG;

FORCEINLINE VOID WDF_WORKITEM_CONFIG_INIT(_Out_ PWDF_WORKITEM_CONFIG Config,
                                          _In_ PFN_WDF_WORKITEM EvtWorkItemFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_WORKITEM_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_WORKITEM_CONFIG);
    Config->EvtWorkItemFunc = EvtWorkItemFunc;
    Config->AutomaticSerialization = TRUE;
}

NTSTATUS WdfWorkItemCreate(_In_ PWDF_WORKITEM_CONFIG Config,
                           _In_ PWDF_OBJECT_ATTRIBUTES Attributes,
                           _Out_ WDFWORKITEM *WorkItem);
VOID WdfWorkItemEnqueue(_In_ WDFWORKITEM WorkItem);
WDFOBJECT WdfWorkItemGetParentObject(_In_ WDFWORKITEM WorkItem);
VOID WdfWorkItemFlush(_In_ WDFWORKITEM WorkItem);

/* ---- memory (wdfmemory.h) ---- */
NTSTATUS WdfMemoryCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes,
                         _In_ POOL_TYPE PoolType, _In_opt_ ULONG PoolTag,
                         _In_ size_t BufferSize, _Out_ WDFMEMORY *Memory,
                         _Outptr_opt_ PVOID *Buffer);
PVOID WdfMemoryGetBuffer(_In_ WDFMEMORY Memory, _Out_opt_ size_t *BufferSize);

/* ---- locks (wdfsync.h) ---- */
NTSTATUS WdfSpinLockCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES SpinLockAttributes,
                           _Out_ WDFSPINLOCK *SpinLock);
VOID WdfSpinLockAcquire(_In_ WDFSPINLOCK SpinLock);
VOID WdfSpinLockRelease(_In_ WDFSPINLOCK SpinLock);
NTSTATUS WdfWaitLockCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES LockAttributes,
                           _Out_ WDFWAITLOCK *Lock);
NTSTATUS WdfWaitLockAcquire(_In_ WDFWAITLOCK Lock, _In_opt_ PLONGLONG Timeout);
VOID WdfWaitLockRelease(_In_ WDFWAITLOCK Lock);
/* The callback lock of a device (a miniport device always has one). */
VOID WdfObjectAcquireLock(_In_ WDFOBJECT Object);
VOID WdfObjectReleaseLock(_In_ WDFOBJECT Object);

/* ---- collections (wdfcollection.h) ---- */
NTSTATUS WdfCollectionCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES CollectionAttributes,
                             _Out_ WDFCOLLECTION *Collection);
ULONG WdfCollectionGetCount(_In_ WDFCOLLECTION Collection);
NTSTATUS WdfCollectionAdd(_In_ WDFCOLLECTION Collection, _In_ WDFOBJECT Object);
VOID WdfCollectionRemove(_In_ WDFCOLLECTION Collection, _In_ WDFOBJECT Item);
VOID WdfCollectionRemoveItem(_In_ WDFCOLLECTION Collection, _In_ ULONG Index);
WDFOBJECT WdfCollectionGetItem(_In_ WDFCOLLECTION Collection, _In_ ULONG Index);
WDFOBJECT WdfCollectionGetFirstItem(_In_ WDFCOLLECTION Collection);
WDFOBJECT WdfCollectionGetLastItem(_In_ WDFCOLLECTION Collection);

/* ---- DPCs, strings, registry keys, lookaside lists (wdfdpc.h, wdfstring.h,
 * wdfregistry.h, wdfdriver.h, wdfmemory.h) ----
 * Prototypes from their reference pages (learn.microsoft.com/windows-hardware/
 * drivers/ddi/wdfdpc/, wdfstring/, wdfregistry/, wdfdriver/
 * nf-wdfdriver-wdfdriveropenparametersregistrykey, wdfmemory/
 * nf-wdfmemory-wdflookasidelistcreate and -wdfmemorycreatefromlookaside);
 * docs/WDF-SEMANTICS.md section 10 says what the model does with them. */

typedef VOID EVT_WDF_DPC(_In_ WDFDPC Dpc);
typedef EVT_WDF_DPC *PFN_WDF_DPC;

typedef struct _WDF_DPC_CONFIG {
    ULONG Size;
    PFN_WDF_DPC EvtDpcFunc;
    BOOLEAN AutomaticSerialization;
} WDF_DPC_CONFIG, *PWDF_DPC_CONFIG;

FORCEINLINE VOID WDF_DPC_CONFIG_INIT(_Out_ PWDF_DPC_CONFIG Config, _In_ PFN_WDF_DPC EvtDpcFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_DPC_CONFIG));
    Config->Size = WDF_STRUCTURE_SIZE(WDF_DPC_CONFIG);
    Config->EvtDpcFunc = EvtDpcFunc;
    Config->AutomaticSerialization = TRUE;
}

NTSTATUS WdfDpcCreate(_In_ PWDF_DPC_CONFIG Config, _In_ PWDF_OBJECT_ATTRIBUTES Attributes,
                      _Out_ WDFDPC *Dpc);
/* TRUE when queued now, FALSE when it already was. */
BOOLEAN WdfDpcEnqueue(_In_ WDFDPC Dpc);
/* TRUE when it was queued and is no longer. */
BOOLEAN WdfDpcCancel(_In_ WDFDPC Dpc, _In_ BOOLEAN Wait);
WDFOBJECT WdfDpcGetParentObject(_In_ WDFDPC Dpc);
PKDPC WdfDpcWdmGetDpc(_In_ WDFDPC Dpc);

NTSTATUS WdfStringCreate(_In_opt_ PCUNICODE_STRING UnicodeString,
                         _In_opt_ PWDF_OBJECT_ATTRIBUTES StringAttributes,
                         _Out_ WDFSTRING *String);
VOID WdfStringGetUnicodeString(_In_ WDFSTRING String, _Out_ PUNICODE_STRING UnicodeString);

/* Keys take the kernel's access rights (KEY_READ, ...) and value types
 * (REG_DWORD, ...): uf/registry.h. */

NTSTATUS WdfDriverOpenParametersRegistryKey(_In_ WDFDRIVER Driver, _In_ ACCESS_MASK DesiredAccess,
                                            _In_opt_ PWDF_OBJECT_ATTRIBUTES KeyAttributes,
                                            _Out_ WDFKEY *Key);
NTSTATUS WdfRegistryOpenKey(_In_opt_ WDFKEY ParentKey, _In_ PCUNICODE_STRING KeyName,
                            _In_ ACCESS_MASK DesiredAccess,
                            _In_opt_ PWDF_OBJECT_ATTRIBUTES KeyAttributes, _Out_ WDFKEY *Key);
NTSTATUS WdfRegistryCreateKey(_In_opt_ WDFKEY ParentKey, _In_ PCUNICODE_STRING KeyName,
                              _In_ ACCESS_MASK DesiredAccess, _In_ ULONG CreateOptions,
                              _Out_opt_ PULONG CreateDisposition,
                              _In_opt_ PWDF_OBJECT_ATTRIBUTES KeyAttributes, _Out_ WDFKEY *Key);
VOID WdfRegistryClose(_In_ WDFKEY Key);
NTSTATUS WdfRegistryQueryULong(_In_ WDFKEY Key, _In_ PCUNICODE_STRING ValueName,
                               _Out_ PULONG Value);
NTSTATUS WdfRegistryQueryValue(_In_ WDFKEY Key, _In_ PCUNICODE_STRING ValueName,
                               _In_ ULONG ValueLength, _Out_opt_ PVOID Value,
                               _Out_opt_ PULONG ValueLengthQueried, _Out_opt_ PULONG ValueType);
NTSTATUS WdfRegistryQueryUnicodeString(_In_ WDFKEY Key, _In_ PCUNICODE_STRING ValueName,
                                       _Out_opt_ PUSHORT ValueByteLength,
                                       _Inout_opt_ PUNICODE_STRING Value);
NTSTATUS WdfRegistryAssignULong(_In_ WDFKEY Key, _In_ PCUNICODE_STRING ValueName,
                                _In_ ULONG Value);

NTSTATUS WdfLookasideListCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES LookasideAttributes,
                                _In_ size_t BufferSize, _In_ POOL_TYPE PoolType,
                                _In_opt_ PWDF_OBJECT_ATTRIBUTES MemoryAttributes,
                                _In_opt_ ULONG PoolTag, _Out_ WDFLOOKASIDE *Lookaside);
NTSTATUS WdfMemoryCreateFromLookaside(_In_ WDFLOOKASIDE Lookaside, _Out_ WDFMEMORY *Memory);

/* ---- the PnP device's DDIs (wdfio.h, wdfinterrupt.h, wdfdevice.h) ----
 * A device of WdfDeviceCreate's has queues and interrupts; a miniport
 * device does not, and each of these bug checks on one (the model's only
 * kind of device). They are here so driver code that calls them compiles
 * and shows what it would do. */
typedef enum _WDF_TRI_STATE {
    WdfFalse = FALSE,
    WdfTrue = TRUE,
    WdfUseDefault = 2,
} WDF_TRI_STATE, *PWDF_TRI_STATE;

DECLARE_HANDLE(WDFQUEUE);
DECLARE_HANDLE(WDFINTERRUPT);

typedef enum _WDF_IO_QUEUE_DISPATCH_TYPE {
    WdfIoQueueDispatchInvalid = 0,
    WdfIoQueueDispatchSequential,
    WdfIoQueueDispatchParallel,
    WdfIoQueueDispatchManual,
    WdfIoQueueDispatchMax,
} WDF_IO_QUEUE_DISPATCH_TYPE;

typedef VOID EVT_WDF_IO_QUEUE_IO_DEFAULT(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_DEFAULT *PFN_WDF_IO_QUEUE_IO_DEFAULT;
typedef VOID EVT_WDF_IO_QUEUE_IO_READ(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                      _In_ size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_READ *PFN_WDF_IO_QUEUE_IO_READ;
typedef VOID EVT_WDF_IO_QUEUE_IO_WRITE(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                       _In_ size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_WRITE *PFN_WDF_IO_QUEUE_IO_WRITE;
typedef VOID EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                                _In_ size_t OutputBufferLength,
                                                _In_ size_t InputBufferLength,
                                                _In_ ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL;
typedef EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL;
typedef EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL;
typedef VOID EVT_WDF_IO_QUEUE_IO_STOP(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                      _In_ ULONG ActionFlags);
typedef EVT_WDF_IO_QUEUE_IO_STOP *PFN_WDF_IO_QUEUE_IO_STOP;
typedef VOID EVT_WDF_IO_QUEUE_IO_RESUME(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_RESUME *PFN_WDF_IO_QUEUE_IO_RESUME;
typedef VOID EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE *PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE;

typedef struct _WDF_IO_QUEUE_CONFIG {
    ULONG Size;
    WDF_IO_QUEUE_DISPATCH_TYPE DispatchType;
    WDF_TRI_STATE PowerManaged;
    BOOLEAN AllowZeroLengthRequests;
    BOOLEAN DefaultQueue;
    PFN_WDF_IO_QUEUE_IO_DEFAULT EvtIoDefault;
    PFN_WDF_IO_QUEUE_IO_READ EvtIoRead;
    PFN_WDF_IO_QUEUE_IO_WRITE EvtIoWrite;
    PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL EvtIoDeviceControl;
    PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL EvtIoInternalDeviceControl;
    PFN_WDF_IO_QUEUE_IO_STOP EvtIoStop;
    PFN_WDF_IO_QUEUE_IO_RESUME EvtIoResume;
    PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE EvtIoCanceledOnQueue;
    union {
        struct {
            ULONG NumberOfPresentedRequests;
        } Parallel;
    } Settings;
    WDFDRIVER Driver;
} WDF_IO_QUEUE_CONFIG, *PWDF_IO_QUEUE_CONFIG;

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT(_Out_ PWDF_IO_QUEUE_CONFIG Config,
                                          _In_ WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    RtlZeroMemory(Config, sizeof(WDF_IO_QUEUE_CONFIG));
    Config->Size = sizeof(WDF_IO_QUEUE_CONFIG);
    Config->PowerManaged = WdfUseDefault;
    Config->DispatchType = DispatchType;
    if (DispatchType == WdfIoQueueDispatchParallel)
        Config->Settings.Parallel.NumberOfPresentedRequests = (ULONG)-1;
}

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(
    _Out_ PWDF_IO_QUEUE_CONFIG Config, _In_ WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
    Config->DefaultQueue = TRUE;
}


typedef BOOLEAN EVT_WDF_INTERRUPT_ISR(_In_ WDFINTERRUPT Interrupt, _In_ ULONG MessageID);
typedef EVT_WDF_INTERRUPT_ISR *PFN_WDF_INTERRUPT_ISR;
typedef VOID EVT_WDF_INTERRUPT_DPC(_In_ WDFINTERRUPT Interrupt, _In_ WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_DPC *PFN_WDF_INTERRUPT_DPC;
typedef NTSTATUS EVT_WDF_INTERRUPT_ENABLE(_In_ WDFINTERRUPT Interrupt,
                                          _In_ WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_ENABLE *PFN_WDF_INTERRUPT_ENABLE;
typedef NTSTATUS EVT_WDF_INTERRUPT_DISABLE(_In_ WDFINTERRUPT Interrupt,
                                           _In_ WDFDEVICE AssociatedDevice);
typedef EVT_WDF_INTERRUPT_DISABLE *PFN_WDF_INTERRUPT_DISABLE;
typedef VOID EVT_WDF_INTERRUPT_WORKITEM(_In_ WDFINTERRUPT Interrupt,
                                        _In_ WDFOBJECT AssociatedObject);
typedef EVT_WDF_INTERRUPT_WORKITEM *PFN_WDF_INTERRUPT_WORKITEM;

typedef struct _WDF_INTERRUPT_CONFIG {
    ULONG Size;
    WDFSPINLOCK SpinLock;
    WDF_TRI_STATE ShareVector;
    BOOLEAN FloatingSave;
    BOOLEAN AutomaticSerialization;
    PFN_WDF_INTERRUPT_ISR EvtInterruptIsr;
    PFN_WDF_INTERRUPT_DPC EvtInterruptDpc;
    PFN_WDF_INTERRUPT_ENABLE EvtInterruptEnable;
    PFN_WDF_INTERRUPT_DISABLE EvtInterruptDisable;
    PFN_WDF_INTERRUPT_WORKITEM EvtInterruptWorkItem;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR InterruptRaw;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR InterruptTranslated;
    WDFWAITLOCK WaitLock;
    BOOLEAN PassiveHandling;
    WDF_TRI_STATE ReportInactiveOnPowerDown;
    BOOLEAN CanWakeDevice;
} WDF_INTERRUPT_CONFIG, *PWDF_INTERRUPT_CONFIG;

FORCEINLINE VOID WDF_INTERRUPT_CONFIG_INIT(_Out_ PWDF_INTERRUPT_CONFIG Configuration,
                                           _In_ PFN_WDF_INTERRUPT_ISR EvtInterruptIsr,
                                           _In_opt_ PFN_WDF_INTERRUPT_DPC EvtInterruptDpc)
{
    RtlZeroMemory(Configuration, sizeof(WDF_INTERRUPT_CONFIG));
    Configuration->Size = sizeof(WDF_INTERRUPT_CONFIG);
    Configuration->ShareVector = WdfUseDefault;
    Configuration->EvtInterruptIsr = EvtInterruptIsr;
    Configuration->EvtInterruptDpc = EvtInterruptDpc;
    Configuration->ReportInactiveOnPowerDown = WdfUseDefault;
}

NTSTATUS WdfIoQueueCreate(_In_ WDFDEVICE Device, _In_ PWDF_IO_QUEUE_CONFIG Config,
                          _In_opt_ PWDF_OBJECT_ATTRIBUTES QueueAttributes,
                          _Out_opt_ WDFQUEUE *Queue);
NTSTATUS WdfInterruptCreate(_In_ WDFDEVICE Device, _In_ PWDF_INTERRUPT_CONFIG Configuration,
                            _In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes,
                            _Out_ WDFINTERRUPT *Interrupt);
WDFQUEUE WdfDeviceGetDefaultQueue(_In_ WDFDEVICE Device);
WDFDRIVER WdfDeviceGetDriver(_In_ WDFDEVICE Device);

/* ---- I/O targets, memory descriptors, requests (uf/wdfio.h) ---- */
#include "uf/wdfio.h"

/* ---- call sites: the driver line of each DDI call (uf/callsite.h) ---- */
#ifndef WDFMODEL_NO_CALL_SITES
#define WdfObjectGetTypedContextWorker(h, t) WDFMODEL_AT_(WdfObjectGetTypedContextWorker(h, t))
#define WdfObjectAllocateContext(h, a, c)  WDFMODEL_AT_(WdfObjectAllocateContext(h, a, c))
#define WdfObjectCreate(a, o)              WDFMODEL_AT_(WdfObjectCreate(a, o))
#define WdfObjectDelete(o)                 WDFMODEL_AT_(WdfObjectDelete(o))
#define WdfDriverCreate(d, r, a, c, o)     WDFMODEL_AT_(WdfDriverCreate(d, r, a, c, o))
#define WdfDeviceMiniportCreate(d, a, o, t, p, v) WDFMODEL_AT_(WdfDeviceMiniportCreate(d, a, o, t, p, v))
#define WdfDriverMiniportUnload(d)         WDFMODEL_AT_(WdfDriverMiniportUnload(d))
#define WdfTimerCreate(c, a, t)            WDFMODEL_AT_(WdfTimerCreate(c, a, t))
#define WdfTimerStart(t, d)                WDFMODEL_AT_(WdfTimerStart(t, d))
#define WdfTimerStop(t, w)                 WDFMODEL_AT_(WdfTimerStop(t, w))
#define WdfTimerGetParentObject(t)         WDFMODEL_AT_(WdfTimerGetParentObject(t))
#define WdfWorkItemCreate(c, a, w)         WDFMODEL_AT_(WdfWorkItemCreate(c, a, w))
#define WdfWorkItemEnqueue(w)              WDFMODEL_AT_(WdfWorkItemEnqueue(w))
#define WdfWorkItemFlush(w)                WDFMODEL_AT_(WdfWorkItemFlush(w))
#define WdfWorkItemGetParentObject(w)      WDFMODEL_AT_(WdfWorkItemGetParentObject(w))
#define WdfMemoryCreate(a, p, t, s, m, b)  WDFMODEL_AT_(WdfMemoryCreate(a, p, t, s, m, b))
#define WdfMemoryGetBuffer(m, s)           WDFMODEL_AT_(WdfMemoryGetBuffer(m, s))
#define WdfSpinLockCreate(a, l)            WDFMODEL_AT_(WdfSpinLockCreate(a, l))
#define WdfSpinLockAcquire(l)              WDFMODEL_AT_(WdfSpinLockAcquire(l))
#define WdfSpinLockRelease(l)              WDFMODEL_AT_(WdfSpinLockRelease(l))
#define WdfWaitLockCreate(a, l)            WDFMODEL_AT_(WdfWaitLockCreate(a, l))
#define WdfWaitLockAcquire(l, t)           WDFMODEL_AT_(WdfWaitLockAcquire(l, t))
#define WdfWaitLockRelease(l)              WDFMODEL_AT_(WdfWaitLockRelease(l))
#define WdfCollectionCreate(a, c)          WDFMODEL_AT_(WdfCollectionCreate(a, c))
#define WdfCollectionGetCount(c)           WDFMODEL_AT_(WdfCollectionGetCount(c))
#define WdfCollectionAdd(c, o)             WDFMODEL_AT_(WdfCollectionAdd(c, o))
#define WdfCollectionRemove(c, o)          WDFMODEL_AT_(WdfCollectionRemove(c, o))
#define WdfCollectionRemoveItem(c, i)      WDFMODEL_AT_(WdfCollectionRemoveItem(c, i))
#define WdfCollectionGetItem(c, i)         WDFMODEL_AT_(WdfCollectionGetItem(c, i))
#define WdfCollectionGetFirstItem(c)       WDFMODEL_AT_(WdfCollectionGetFirstItem(c))
#define WdfCollectionGetLastItem(c)        WDFMODEL_AT_(WdfCollectionGetLastItem(c))
#define WdfIoQueueCreate(d, c, a, q)       WDFMODEL_AT_(WdfIoQueueCreate(d, c, a, q))
#define WdfInterruptCreate(d, c, a, i)     WDFMODEL_AT_(WdfInterruptCreate(d, c, a, i))
#define WdfDeviceGetDefaultQueue(d)        WDFMODEL_AT_(WdfDeviceGetDefaultQueue(d))
#define WdfDeviceGetDriver(d)              WDFMODEL_AT_(WdfDeviceGetDriver(d))
#define WdfObjectAcquireLock(o)            WDFMODEL_AT_(WdfObjectAcquireLock(o))
#define WdfObjectReleaseLock(o)            WDFMODEL_AT_(WdfObjectReleaseLock(o))
#define WdfDeviceWdmGetDeviceObject(d)     WDFMODEL_AT_(WdfDeviceWdmGetDeviceObject(d))
#define WdfDeviceWdmGetAttachedDevice(d)   WDFMODEL_AT_(WdfDeviceWdmGetAttachedDevice(d))
#define WdfDeviceWdmGetPhysicalDevice(d)   WDFMODEL_AT_(WdfDeviceWdmGetPhysicalDevice(d))
#define WdfDeviceGetIoTarget(d)            WDFMODEL_AT_(WdfDeviceGetIoTarget(d))
#define WdfIoTargetCreate(d, a, t)         WDFMODEL_AT_(WdfIoTargetCreate(d, a, t))
#define WdfIoTargetOpen(t, p)              WDFMODEL_AT_(WdfIoTargetOpen(t, p))
#define WdfIoTargetStart(t)                WDFMODEL_AT_(WdfIoTargetStart(t))
#define WdfIoTargetStop(t, a)              WDFMODEL_AT_(WdfIoTargetStop(t, a))
#define WdfIoTargetPurge(t, a)             WDFMODEL_AT_(WdfIoTargetPurge(t, a))
#define WdfIoTargetClose(t)                WDFMODEL_AT_(WdfIoTargetClose(t))
#define WdfIoTargetCloseForQueryRemove(t)  WDFMODEL_AT_(WdfIoTargetCloseForQueryRemove(t))
#define WdfIoTargetGetState(t)             WDFMODEL_AT_(WdfIoTargetGetState(t))
#define WdfIoTargetGetDevice(t)            WDFMODEL_AT_(WdfIoTargetGetDevice(t))
#define WdfIoTargetWdmGetTargetDeviceObject(t) WDFMODEL_AT_(WdfIoTargetWdmGetTargetDeviceObject(t))
#define WdfIoTargetQueryForInterface(t, g, i, s, v, d) \
    WDFMODEL_AT_(WdfIoTargetQueryForInterface(t, g, i, s, v, d))
#define WdfFdoQueryForInterface(o, g, i, s, v, d) \
    WDFMODEL_AT_(WdfFdoQueryForInterface(o, g, i, s, v, d))
#define WdfMemoryCreatePreallocated(a, b, s, m) WDFMODEL_AT_(WdfMemoryCreatePreallocated(a, b, s, m))
#define WdfRequestCreate(a, t, r)          WDFMODEL_AT_(WdfRequestCreate(a, t, r))
#define WdfIoTargetFormatRequestForIoctl(t, r, c, i, io, o, oo) \
    WDFMODEL_AT_(WdfIoTargetFormatRequestForIoctl(t, r, c, i, io, o, oo))
#define WdfIoTargetFormatRequestForInternalIoctl(t, r, c, i, io, o, oo) \
    WDFMODEL_AT_(WdfIoTargetFormatRequestForInternalIoctl(t, r, c, i, io, o, oo))
#define WdfRequestSetCompletionRoutine(r, f, c) WDFMODEL_AT_(WdfRequestSetCompletionRoutine(r, f, c))
#define WdfRequestSend(r, t, o)            WDFMODEL_AT_(WdfRequestSend(r, t, o))
#define WdfRequestReuse(r, p)              WDFMODEL_AT_(WdfRequestReuse(r, p))
#define WdfRequestCancelSentRequest(r)     WDFMODEL_AT_(WdfRequestCancelSentRequest(r))
#define WdfRequestGetStatus(r)             WDFMODEL_AT_(WdfRequestGetStatus(r))
#define WdfRequestGetInformation(r)        WDFMODEL_AT_(WdfRequestGetInformation(r))
#define WdfRequestGetIoTarget(r)           WDFMODEL_AT_(WdfRequestGetIoTarget(r))
#define WdfRequestGetCompletionParams(r, p) WDFMODEL_AT_(WdfRequestGetCompletionParams(r, p))
#define WdfIoTargetSendIoctlSynchronously(t, r, c, i, o, s, b) \
    WDFMODEL_AT_(WdfIoTargetSendIoctlSynchronously(t, r, c, i, o, s, b))
#define WdfIoTargetSendInternalIoctlSynchronously(t, r, c, i, o, s, b) \
    WDFMODEL_AT_(WdfIoTargetSendInternalIoctlSynchronously(t, r, c, i, o, s, b))
#define WdfDpcCreate(c, a, d)              WDFMODEL_AT_(WdfDpcCreate(c, a, d))
#define WdfDpcEnqueue(d)                   WDFMODEL_AT_(WdfDpcEnqueue(d))
#define WdfDpcCancel(d, w)                 WDFMODEL_AT_(WdfDpcCancel(d, w))
#define WdfDpcGetParentObject(d)           WDFMODEL_AT_(WdfDpcGetParentObject(d))
#define WdfDpcWdmGetDpc(d)                 WDFMODEL_AT_(WdfDpcWdmGetDpc(d))
#define WdfStringCreate(u, a, s)           WDFMODEL_AT_(WdfStringCreate(u, a, s))
#define WdfStringGetUnicodeString(s, u)    WDFMODEL_AT_(WdfStringGetUnicodeString(s, u))
#define WdfDriverOpenParametersRegistryKey(d, m, a, k) WDFMODEL_AT_(WdfDriverOpenParametersRegistryKey(d, m, a, k))
#define WdfRegistryOpenKey(p, n, m, a, k)  WDFMODEL_AT_(WdfRegistryOpenKey(p, n, m, a, k))
#define WdfRegistryCreateKey(p, n, m, o, d, a, k) WDFMODEL_AT_(WdfRegistryCreateKey(p, n, m, o, d, a, k))
#define WdfRegistryClose(k)                WDFMODEL_AT_(WdfRegistryClose(k))
#define WdfRegistryQueryULong(k, n, v)     WDFMODEL_AT_(WdfRegistryQueryULong(k, n, v))
#define WdfRegistryQueryValue(k, n, l, v, q, t) WDFMODEL_AT_(WdfRegistryQueryValue(k, n, l, v, q, t))
#define WdfRegistryQueryUnicodeString(k, n, l, v) WDFMODEL_AT_(WdfRegistryQueryUnicodeString(k, n, l, v))
#define WdfRegistryAssignULong(k, n, v)    WDFMODEL_AT_(WdfRegistryAssignULong(k, n, v))
#define WdfLookasideListCreate(a, s, p, m, t, l) WDFMODEL_AT_(WdfLookasideListCreate(a, s, p, m, t, l))
#define WdfMemoryCreateFromLookaside(l, m) WDFMODEL_AT_(WdfMemoryCreateFromLookaside(l, m))
#endif

/* ---- what drivers call that the model does not implement ---- */
#include "uf/unmodelled.h"

#ifdef __cplusplus
}
#endif

#endif /* UNLOADFUZZ_WDF_H */
