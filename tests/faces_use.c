/*
 * faces_use.c - driver code over every face, compiled (never run) by
 * check_faces.sh as C with clang and gcc and as C++ with clang++ and g++:
 * the macro forms drivers write must expand to valid code in each.
 */
#include <ntddk.h>
#include <wdf.h>
#include <wdfminiport.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <evntrace.h>
#include <initguid.h>

DEFINE_GUID(GUID_UF_FACES_USE, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xa, 0xb);

typedef struct _ADAPTER {
    LIST_ENTRY Link;
    KSPIN_LOCK Lock;
    LONG Count;
} ADAPTER, *PADAPTER;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(ADAPTER, AdapterGet)

EXTERN_C DRIVER_INITIALIZE DriverEntry;
EXTERN_C NTSTATUS faces_use(_In_ PDRIVER_OBJECT DriverObject, _Inout_ PIRP Irp);

_Use_decl_annotations_
EXTERN_C NTSTATUS faces_use(PDRIVER_OBJECT DriverObject, PIRP Irp)
{
    static const UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\Uf");
    DECLARE_UNICODE_STRING_SIZE(text, 32);
    WCHAR buffer[16];
    ADAPTER adapter;
    KIRQL old;
    LARGE_INTEGER interval;
    ULONG sum;
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    int n = 0;

    C_ASSERT(sizeof(WCHAR) == 2);
    UNREFERENCED_PARAMETER(DriverObject);
    DBG_UNREFERENCED_LOCAL_VARIABLE(n); /* only the debug macros read it */
    KdPrint(("%d\n", n++));
    ASSERT(n == 0);
    NT_ASSERT(stack != NULL);
    InitializeListHead(&adapter.Link);
    KeInitializeSpinLock(&adapter.Lock);
    KeAcquireSpinLock(&adapter.Lock, &old);
    InterlockedIncrement(&adapter.Count);
    KeReleaseSpinLock(&adapter.Lock, old);
    interval.QuadPart = WDF_REL_TIMEOUT_IN_MS(10);
    (void)KeDelayExecutionThread(KernelMode, FALSE, &interval);
    if (!NT_SUCCESS(RtlULongAdd(1, 2, &sum)))
        return STATUS_INTEGER_OVERFLOW;
    if (!NT_SUCCESS(RtlStringCchPrintfW(buffer, RTL_NUMBER_OF(buffer), L"%wZ:%lu", &name, sum)))
        return STATUS_BUFFER_OVERFLOW;
    (void)RtlUnicodeStringCopy(&text, &name);
    if (stack->MajorFunction == IRP_MJ_PNP && stack->MinorFunction == IRP_MN_REMOVE_DEVICE)
        IoSkipCurrentIrpStackLocation(Irp);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    /* REFGUID is a pointer in C and a reference in C++, as in guiddef.h. */
#ifdef __cplusplus
    return IsEqualGUID(GUID_UF_FACES_USE, GUID_UF_FACES_USE) ? STATUS_SUCCESS
                                                             : STATUS_UNSUCCESSFUL;
#else
    return IsEqualGUID(&GUID_UF_FACES_USE, &GUID_UF_FACES_USE) ? STATUS_SUCCESS
                                                               : STATUS_UNSUCCESSFUL;
#endif
}
