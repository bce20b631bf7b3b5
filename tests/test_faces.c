/*
 * test_faces.c - the headers under Microsoft's names, included as a KMDF
 * driver includes them (<ntddk.h>, then <wdf.h> and its sub-headers, the
 * safe string and integer headers, <initguid.h> before its GUIDs), with
 * faces_wdm.c and faces_ntifs.c starting from <wdm.h> and <ntifs.h>
 * (docs/WDF-SEMANTICS.md [W6], [W7], [W9]).
 *
 * What driver code relies on must hold: the Windows sizes of the types
 * (WCHAR 2 bytes, LONG 4, ULONG_PTR 8), L"" literals and the counted
 * strings over them, what the debug macros evaluate in a release build,
 * the list routines (and their stop on a corrupted list), the interlocked
 * operations' return values, the overflow checks of ntintsafe.h, GUIDs
 * defined once and declared elsewhere, and the stack location routines.
 * Whether every face compiles cleanly with both compilers, in C and C++,
 * is tests/check_faces.sh's.
 */
#include <ntddk.h>
#include <wdf.h>
#include <wdfminiport.h>
#include <wdfassert.h>
#include <wdfbugcodes.h>
#include <wdfcollection.h>
#include <wdfcore.h>
#include <wdfdevice.h>
#include <wdfdpc.h>
#include <wdfdriver.h>
#include <wdffdo.h>
#include <wdffuncenum.h>
#include <wdfglobals.h>
#include <wdfinterrupt.h>
#include <wdfio.h>
#include <wdfiotarget.h>
#include <wdfmemory.h>
#include <wdfobject.h>
#include <wdfpool.h>
#include <wdfregistry.h>
#include <wdfrequest.h>
#include <wdfstatus.h>
#include <wdfstring.h>
#include <wdfsync.h>
#include <wdftimer.h>
#include <wdftypes.h>
#include <wdfverifier.h>
#include <wdfworkitem.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <evntrace.h>
#include <ntdef.h>
#include <windef.h>
#include <wdm.h>
#include <ntifs.h>
#include <initguid.h>

DEFINE_GUID(GUID_UF_FACES_TEST, 0x12345678, 0x9abc, 0xdef0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
            0xcd, 0xef);

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "faces.h"
#include "testlib.h"

C_ASSERT(sizeof(WCHAR) == 2);
C_ASSERT(IRP_MJ_MAXIMUM_FUNCTION == IRP_MJ_PNP);

/* A structure that lives on a list, as a driver's adapter does. */
typedef struct _ITEM {
    ULONG Value;
    LIST_ENTRY Link;
    SINGLE_LIST_ENTRY Next;
} ITEM, *PITEM;

/* The types have their Windows sizes; L"" literals and the counted strings
 * over them count 2-byte characters, in every translation unit. */
static void windows_types_have_their_windows_sizes(void **state)
{
    static const UNICODE_STRING abc = RTL_CONSTANT_STRING(L"abc");
    static const ANSI_STRING narrow = RTL_CONSTANT_STRING("abc");
    LARGE_INTEGER li;
    ULARGE_INTEGER uli;

    C_ASSERT(sizeof(LONG) == 4);
    assert_int_equal(sizeof(WCHAR), 2);
    assert_int_equal(sizeof(L"ab"), 6);
    assert_int_equal(sizeof(ULONG), 4);
    assert_int_equal(sizeof(LONG), 4);
    assert_int_equal(sizeof(ULONG_PTR), 8);
    assert_int_equal(sizeof(LONG_PTR), 8);
    assert_int_equal(sizeof(SIZE_T), 8);
    assert_int_equal(sizeof(LONGLONG), 8);
    assert_int_equal(sizeof(LONG64), 8);
    assert_int_equal(sizeof(ULONG64), 8);
    assert_int_equal(sizeof(USHORT), 2);
    assert_int_equal(sizeof(UCHAR), 1);
    assert_int_equal(sizeof(BOOLEAN), 1);
    assert_int_equal(sizeof(INT), 4);
    assert_int_equal(sizeof(UINT), 4);
    assert_int_equal(sizeof(DWORD), 4);
    assert_int_equal(sizeof(BYTE), 1);
    assert_int_equal(sizeof(WORD), 2);
    assert_int_equal(sizeof(BOOL), 4);
    assert_int_equal(sizeof(HANDLE), 8);
    assert_int_equal(sizeof(NTSTATUS), 4);
    assert_int_equal(sizeof(KIRQL), 1);
    assert_int_equal(sizeof(GUID), 16);
    assert_int_equal(sizeof(LARGE_INTEGER), 8);
    assert_int_equal(sizeof(PHYSICAL_ADDRESS), 8);
    assert_int_equal(sizeof(unsigned __int64), 8);
    assert_int_equal(abc.Length, 6);
    assert_int_equal(abc.MaximumLength, 8);
    assert_int_equal(narrow.Length, 3);
    assert_int_equal(narrow.MaximumLength, 4);

    li.QuadPart = 0x1122334455667788LL;
    assert_int_equal(li.LowPart, 0x55667788u);
    assert_int_equal(li.HighPart, 0x11223344);
    assert_int_equal(li.u.LowPart, 0x55667788u);
    li.QuadPart = -1;
    assert_int_equal(li.HighPart, -1);
    uli.QuadPart = 0xFFFFFFFF00000001ULL;
    assert_int_equal(uli.HighPart, 0xFFFFFFFFu);
    assert_int_equal(uli.u.LowPart, 1);

    assert_int_equal(faces_wdm_wchar_size(), 2);
    assert_int_equal(faces_wdm_literal_size(), 6);
    assert_int_equal(faces_wdm_const_length(), 4);
    assert_int_equal(faces_wdm_const_maximum(), 6);
    assert_int_equal(faces_ntifs_constant_length(), 6);
    assert_int_equal(faces_ntifs_long_size(), 4);
    assert_int_equal(faces_ntifs_ulong_ptr_size(), 8);
}

/* The structure macros: offsets, member sizes, element counts, the
 * structure around a member. */
static void structure_macros_measure_as_on_windows(void **state)
{
    ITEM item;
    WCHAR buffer[7];
    DECLARE_UNICODE_STRING_SIZE(name, 5);

    assert_int_equal(FIELD_OFFSET(ITEM, Link), 8);
    assert_int_equal(RTL_FIELD_SIZE(ITEM, Link), sizeof(LIST_ENTRY));
    assert_int_equal(RTL_SIZEOF_THROUGH_FIELD(ITEM, Link), 24);
    assert_int_equal(ARRAYSIZE(buffer), 7);
    assert_int_equal(RTL_NUMBER_OF(buffer), 7);
    assert_int_equal(RTL_FIELD_SIZE(DRIVER_OBJECT, MajorFunction) / sizeof(PDRIVER_DISPATCH),
                     IRP_MJ_MAXIMUM_FUNCTION + 1);
    assert_ptr_equal(CONTAINING_RECORD(&item.Link, ITEM, Link), &item);
    assert_ptr_equal(CONTAINING_RECORD(&item.Next, ITEM, Next), &item);
    assert_int_equal(name.Length, 0);
    assert_int_equal(name.MaximumLength, 10);
    assert_ptr_equal(name.Buffer, name_buffer);
    assert_int_equal(min(3, 4), 3);
    assert_int_equal(max(3, 4), 4);
    assert_int_equal(ALIGN_UP_BY(13, 8), 16);
    assert_int_equal(ALIGN_DOWN_BY(13, 8), 8);
    assert_int_equal(DBG, 0);
}

/* [W6] In a release build (DBG 0) the debug macros evaluate none of their
 * arguments; NT_VERIFY and RTL_VERIFY evaluate theirs in every build; the
 * debug print routines return STATUS_SUCCESS. */
static void W6_release_build_macros_evaluate_nothing(void **state)
{
    int n = 0;

    KdPrint(("%d\n", n++));
    KdPrintEx((DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "%d\n", n++));
    ASSERT(n++ == 100);
    ASSERTMSG("never", n++ == 100);
    NT_ASSERT(n++ == 100);
    NT_ASSERTMSG("never", n++ == 100);
    RTL_SOFT_ASSERT(n++ == 100);
    NT_ANALYSIS_ASSUME(n++ == 100);
    WDFVERIFY(n++ == 100);
    assert_int_equal(n, 0);

    assert_true(NT_VERIFY(n++ == 0));
    assert_int_equal(n, 1);
    assert_false(NT_VERIFY(n++ == 0));
    assert_int_equal(n, 2);
    assert_true(RTL_VERIFY(n++ == 2));
    assert_int_equal(n, 3);

    assert_int_equal(DbgPrint("%wZ %ws %I64x\n", NULL, L"x", 1ULL), STATUS_SUCCESS);
    assert_int_equal(DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "%d\n", 1),
                     STATUS_SUCCESS);
    assert_int_equal(DPFLTR_IHVDRIVER_ID, 77);
    assert_int_equal(TRACE_LEVEL_NONE, 0);
    assert_int_equal(TRACE_LEVEL_CRITICAL, 1);
    assert_int_equal(TRACE_LEVEL_FATAL, 1);
    assert_int_equal(TRACE_LEVEL_ERROR, 2);
    assert_int_equal(TRACE_LEVEL_WARNING, 3);
    assert_int_equal(TRACE_LEVEL_INFORMATION, 4);
    assert_int_equal(TRACE_LEVEL_VERBOSE, 5);
}

/* [W7] The doubly and singly linked list routines keep their order; a
 * removal reports whether the list is then empty, and the head removals
 * give the head back when there is nothing. */
static void W7_list_routines_keep_the_order(void **state)
{
    LIST_ENTRY head, other;
    SINGLE_LIST_ENTRY stack = {NULL};
    ITEM a = {.Value = 1}, b = {.Value = 2}, c = {.Value = 3}, d = {.Value = 4}, e = {.Value = 5};
    PLIST_ENTRY p;
    ULONG seen[8], n = 0;

    InitializeListHead(&head);
    assert_true(IsListEmpty(&head));
    InsertTailList(&head, &a.Link);
    InsertTailList(&head, &b.Link);
    InsertHeadList(&head, &c.Link);
    assert_false(IsListEmpty(&head));
    for (p = head.Flink; p != &head; p = p->Flink)
        seen[n++] = CONTAINING_RECORD(p, ITEM, Link)->Value;
    assert_int_equal(n, 3);
    assert_int_equal(seen[0], 3);
    assert_int_equal(seen[1], 1);
    assert_int_equal(seen[2], 2);
    for (n = 0, p = head.Blink; p != &head; p = p->Blink)
        n++;
    assert_int_equal(n, 3);

    /* another list, headless from its first entry, appended at the tail */
    InitializeListHead(&other);
    InsertTailList(&other, &d.Link);
    InsertTailList(&other, &e.Link);
    RemoveEntryList(&other);
    AppendTailList(&head, &d.Link);
    assert_ptr_equal(head.Blink, &e.Link);
    assert_ptr_equal(e.Link.Flink, &head);

    assert_ptr_equal(RemoveHeadList(&head), &c.Link);
    assert_ptr_equal(RemoveTailList(&head), &e.Link);
    assert_ptr_equal(RemoveTailList(&head), &d.Link);
    assert_false(RemoveEntryList(&a.Link));
    assert_true(RemoveEntryList(&b.Link));
    assert_true(IsListEmpty(&head));
    assert_ptr_equal(RemoveHeadList(&head), &head);
    assert_ptr_equal(RemoveTailList(&head), &head);

    PushEntryList(&stack, &a.Next);
    PushEntryList(&stack, &b.Next);
    assert_ptr_equal(PopEntryList(&stack), &b.Next);
    assert_ptr_equal(PopEntryList(&stack), &a.Next);
    assert_null(PopEntryList(&stack));
}

/* Runs `what` in a child process with the default signal actions (cmocka
 * catches SIGILL in this one); returns the signal that ended the child, or
 * 0 when it exited. */
static int in_child(void (*what)(void))
{
    int status = 0;
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGILL, SIG_DFL);
        signal(SIGTRAP, SIG_DFL);
        what();
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status))
        return WTERMSIG(status);
    assert_true(WIFEXITED(status));
    return 0;
}

/* A list entry removed once, as it should be. */
static void remove_once(void)
{
    LIST_ENTRY head, entry;

    InitializeListHead(&head);
    InsertTailList(&head, &entry);
    RemoveEntryList(&entry);
}

/* The same entry removed twice: its neighbours no longer point back. */
static void remove_twice(void)
{
    LIST_ENTRY head, entry, after;

    InitializeListHead(&head);
    InsertTailList(&head, &entry);
    InsertTailList(&head, &after);
    RemoveEntryList(&entry);
    RemoveEntryList(&entry);
}

/* An entry inserted twice, then the list walked by removal. */
static void insert_twice(void)
{
    LIST_ENTRY head, entry;

    InitializeListHead(&head);
    InsertHeadList(&head, &entry);
    InsertTailList(&head, &entry);
    RemoveHeadList(&head);
    RemoveHeadList(&head);
}

/* [W7] A corrupted list stops the machine (bug check 0x139, 3): the
 * process traps, where a correct removal goes on. */
static void W7_a_corrupted_list_traps(void **state)
{
    int sig;

    assert_int_equal(in_child(remove_once), 0);
    sig = in_child(remove_twice);
    assert_true(sig == SIGILL || sig == SIGTRAP);
    sig = in_child(insert_twice);
    assert_true(sig == SIGILL || sig == SIGTRAP);
}

/* The interlocked operations return what the kernel's do: the new value
 * for Increment, Decrement and Add, the old one for the others; a compare
 * exchange stores only on a match. */
static void interlocked_operations_return_what_the_kernel_returns(void **state)
{
    LONG v = 5;
    LONG64 w = 5;
    int x, y;
    PVOID p = &x;

    assert_int_equal(InterlockedIncrement(&v), 6);
    assert_int_equal(InterlockedDecrement(&v), 5);
    assert_int_equal(InterlockedAdd(&v, 10), 15);
    assert_int_equal(InterlockedExchange(&v, 7), 15);
    assert_int_equal(InterlockedExchangeAdd(&v, 3), 7);
    assert_int_equal(v, 10);
    assert_int_equal(InterlockedCompareExchange(&v, 99, 11), 10);
    assert_int_equal(v, 10);
    assert_int_equal(InterlockedCompareExchange(&v, 99, 10), 10);
    assert_int_equal(v, 99);
    v = 0x0F;
    assert_int_equal(InterlockedOr(&v, 0xF0), 0x0F);
    assert_int_equal(InterlockedAnd(&v, 0x3C), 0xFF);
    assert_int_equal(InterlockedXor(&v, 0x0F), 0x3C);
    assert_int_equal(v, 0x33);
    v = -1;
    assert_int_equal(InterlockedIncrement(&v), 0);

    assert_int_equal(InterlockedIncrement64(&w), 6);
    assert_int_equal(InterlockedDecrement64(&w), 5);
    assert_int_equal(InterlockedAdd64(&w, 0x100000000LL), 0x100000005LL);
    assert_int_equal(InterlockedExchange64(&w, 1), 0x100000005LL);
    assert_int_equal(InterlockedExchangeAdd64(&w, 2), 1);
    assert_int_equal(InterlockedCompareExchange64(&w, 9, 4), 3);
    assert_int_equal(InterlockedCompareExchange64(&w, 9, 3), 3);
    assert_int_equal(w, 9);
    assert_int_equal(InterlockedOr64(&w, 6), 9);
    assert_int_equal(InterlockedAnd64(&w, 3), 15);
    assert_int_equal(InterlockedXor64(&w, 1), 3);
    assert_int_equal(w, 2);

    assert_ptr_equal(InterlockedExchangePointer(&p, &y), &x);
    assert_ptr_equal(p, &y);
    assert_ptr_equal(InterlockedCompareExchangePointer(&p, NULL, &x), &y);
    assert_ptr_equal(p, &y);
    assert_ptr_equal(InterlockedCompareExchangePointer(&p, NULL, &y), &y);
    assert_null(p);
}

/* [W9] Each checked operation gives its result, or STATUS_INTEGER_OVERFLOW
 * and its type's error value when the result does not fit. */
static void W9_checked_arithmetic_reports_overflow(void **state)
{
    ULONG ul;
    SIZE_T sz;
    UINT ui;
    ULONGLONG ull;
    LONG l;
    USHORT us;

    assert_int_equal(RtlULongAdd(0xFFFFFFF0u, 0xF, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 0xFFFFFFFFu);
    assert_int_equal(RtlULongAdd(0xFFFFFFFFu, 1, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(ul, ULONG_ERROR);
    assert_int_equal(RtlULongSub(5, 3, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 2);
    assert_int_equal(RtlULongSub(3, 5, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongMult(0x10000, 0xFFFF, &ul), STATUS_SUCCESS);
    assert_int_equal(RtlULongMult(0x10000, 0x10000, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(ul, ULONG_ERROR);

    assert_int_equal(RtlSizeTAdd(MAXSIZE_T - 1, 1, &sz), STATUS_SUCCESS);
    assert_int_equal(RtlSizeTAdd(MAXSIZE_T, 1, &sz), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(sz, SIZET_ERROR);
    assert_int_equal(RtlSizeTSub(0, 1, &sz), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlSizeTMult((MAXSIZE_T >> 1) + 1, 2, &sz), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlSizeTMult(4096, 16, &sz), STATUS_SUCCESS);
    assert_int_equal(sz, 65536);

    assert_int_equal(RtlUIntAdd(MAXUINT, 1, &ui), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(ui, UINT_ERROR);
    assert_int_equal(RtlUIntMult(0x10000, 0x10000, &ui), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlUIntMult(3, 5, &ui), STATUS_SUCCESS);
    assert_int_equal(ui, 15);
    assert_int_equal(RtlULongLongAdd(MAXULONGLONG, 1, &ull), STATUS_INTEGER_OVERFLOW);
    assert_true(ull == ULONGLONG_ERROR);
    assert_int_equal(RtlULongLongMult(0x100000000ULL, 0x100000000ULL, &ull),
                     STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlULongLongMult(0x100000000ULL, 0xFFFFFFFFULL, &ull), STATUS_SUCCESS);

    assert_int_equal(RtlLongAdd(-5, 3, &l), STATUS_SUCCESS);
    assert_int_equal(l, -2);
    assert_int_equal(RtlLongAdd(MAXLONG, 1, &l), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(l, LONG_ERROR);
    assert_int_equal(RtlLongAdd((LONG)MINLONG, -1, &l), STATUS_INTEGER_OVERFLOW);

    assert_int_equal(RtlULongToUShort(0xFFFF, &us), STATUS_SUCCESS);
    assert_int_equal(us, 0xFFFF);
    assert_int_equal(RtlULongToUShort(0x10000, &us), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(us, USHORT_ERROR);
    assert_int_equal(RtlULongLongToULong(0xFFFFFFFFULL, &ul), STATUS_SUCCESS);
    assert_int_equal(RtlULongLongToULong(0x100000000ULL, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlSizeTToULong((SIZE_T)1 << 32, &ul), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(RtlSizeTToULong(77, &ul), STATUS_SUCCESS);
    assert_int_equal(ul, 77);
}

/* DEFINE_GUID after initguid.h defines the GUID here; faces_wdm.c, which
 * does not include initguid.h, declares the same one. */
static void guids_are_defined_once_and_declared_elsewhere(void **state)
{
    static const GUID same = {0x12345678, 0x9abc, 0xdef0, {1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
    GUID other = same;

    assert_ptr_equal(faces_wdm_guid(), &GUID_UF_FACES_TEST);
    assert_true(IsEqualGUID(&GUID_UF_FACES_TEST, &same));
    other.Data4[7] = 0;
    assert_false(IsEqualGUID(&GUID_UF_FACES_TEST, &other));
}

static NTSTATUS completion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    return STATUS_CONTINUE_COMPLETION;
}

/* The stack location routines walk an IRP's stack as wdm.h's do, and the
 * function codes and device flags have their real values. */
static void irp_stack_locations_walk_as_in_wdm(void **state)
{
    IO_STACK_LOCATION stack[2];
    IRP irp;
    PIO_STACK_LOCATION cur, next;
    DRIVER_EXTENSION ext;
    DRIVER_OBJECT driver;
    int context;

    memset(stack, 0, sizeof(stack));
    memset(&irp, 0, sizeof(irp));
    irp.StackCount = 2;
    irp.CurrentLocation = 2;
    irp.Tail.Overlay.CurrentStackLocation = &stack[1];
    cur = IoGetCurrentIrpStackLocation(&irp);
    next = IoGetNextIrpStackLocation(&irp);
    assert_ptr_equal(cur, &stack[1]);
    assert_ptr_equal(next, &stack[0]);

    cur->MajorFunction = IRP_MJ_DEVICE_CONTROL;
    cur->Parameters.DeviceIoControl.IoControlCode =
        CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS);
    cur->Parameters.DeviceIoControl.InputBufferLength = 12;
    cur->CompletionRoutine = completion;
    cur->Control = SL_INVOKE_ON_SUCCESS;
    IoCopyCurrentIrpStackLocationToNext(&irp);
    assert_int_equal(next->MajorFunction, IRP_MJ_DEVICE_CONTROL);
    assert_int_equal(next->Parameters.DeviceIoControl.IoControlCode, 0x222000);
    assert_int_equal(next->Parameters.DeviceIoControl.InputBufferLength, 12);
    assert_null(next->CompletionRoutine);
    assert_int_equal(next->Control, 0);

    IoSetCompletionRoutine(&irp, completion, &context, TRUE, TRUE, TRUE);
    assert_ptr_equal(next->CompletionRoutine, completion);
    assert_ptr_equal(next->Context, &context);
    assert_int_equal(next->Control, SL_INVOKE_ON_SUCCESS | SL_INVOKE_ON_ERROR |
                                        SL_INVOKE_ON_CANCEL);
    IoMarkIrpPending(&irp);
    assert_int_equal(cur->Control & SL_PENDING_RETURNED, SL_PENDING_RETURNED);
    IoSkipCurrentIrpStackLocation(&irp);
    assert_int_equal(irp.CurrentLocation, 3);
    assert_ptr_equal(irp.Tail.Overlay.CurrentStackLocation, &stack[2]);

    memset(&driver, 0, sizeof(driver));
    memset(&ext, 0, sizeof(ext));
    driver.DriverExtension = &ext;
    driver.DriverExtension->AddDevice = NULL;
    driver.MajorFunction[IRP_MJ_PNP] = NULL;

    assert_int_equal(IRP_MJ_CREATE, 0x00);
    assert_int_equal(IRP_MJ_CLOSE, 0x02);
    assert_int_equal(IRP_MJ_DEVICE_CONTROL, 0x0e);
    assert_int_equal(IRP_MJ_INTERNAL_DEVICE_CONTROL, 0x0f);
    assert_int_equal(IRP_MJ_SHUTDOWN, 0x10);
    assert_int_equal(IRP_MJ_CLEANUP, 0x12);
    assert_int_equal(IRP_MJ_POWER, 0x16);
    assert_int_equal(IRP_MJ_SYSTEM_CONTROL, 0x17);
    assert_int_equal(IRP_MJ_PNP, 0x1b);
    assert_int_equal(IRP_MN_START_DEVICE, 0x00);
    assert_int_equal(IRP_MN_REMOVE_DEVICE, 0x02);
    assert_int_equal(IRP_MN_STOP_DEVICE, 0x04);
    assert_int_equal(IRP_MN_QUERY_INTERFACE, 0x08);
    assert_int_equal(IRP_MN_QUERY_ID, 0x13);
    assert_int_equal(IRP_MN_SURPRISE_REMOVAL, 0x17);
    assert_int_equal(IRP_MN_WAIT_WAKE, 0x00);
    assert_int_equal(IRP_MN_SET_POWER, 0x02);
    assert_int_equal(IRP_MN_QUERY_POWER, 0x03);
    assert_int_equal(DO_BUFFERED_IO, 0x4);
    assert_int_equal(DO_DIRECT_IO, 0x10);
    assert_int_equal(DO_DEVICE_INITIALIZING, 0x80);
    assert_int_equal(DO_POWER_PAGABLE, 0x2000);
    assert_int_equal(IO_NO_INCREMENT, 0);
    assert_int_equal(STATUS_MORE_PROCESSING_REQUIRED, (NTSTATUS)0xC0000016L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(windows_types_have_their_windows_sizes, t_setup),
        cmocka_unit_test_setup(structure_macros_measure_as_on_windows, t_setup),
        cmocka_unit_test_setup(W6_release_build_macros_evaluate_nothing, t_setup),
        cmocka_unit_test_setup(W7_list_routines_keep_the_order, t_setup),
        cmocka_unit_test_setup(W7_a_corrupted_list_traps, t_setup),
        cmocka_unit_test_setup(interlocked_operations_return_what_the_kernel_returns, t_setup),
        cmocka_unit_test_setup(W9_checked_arithmetic_reports_overflow, t_setup),
        cmocka_unit_test_setup(guids_are_defined_once_and_declared_elsewhere, t_setup),
        cmocka_unit_test_setup(irp_stack_locations_walk_as_in_wdm, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
