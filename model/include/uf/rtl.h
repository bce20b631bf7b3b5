/*
 * uf/rtl.h - the run-time library a driver calls (wdm.h): doubly and
 * singly linked lists, memory macros, and counted-string routines.
 *
 * The list routines are inline, as in wdm.h, and checked as the kernel
 * checks them since Windows 8: a list whose neighbours do not point back
 * stops the machine (bug check 0x139, KERNEL_SECURITY_CHECK_FAILURE, from
 * RtlFailFast); here the process traps, which every engine records as a
 * crash. The string routines are kernel exports with IRQL limits: each is a
 * row of ddi.def, implemented in model/wdm.c, and records the driver's line
 * (the call-site macros at the end). Case-insensitive comparison folds
 * a-z only, where the kernel uses the whole Unicode upcase table.
 */
#ifndef UNLOADFUZZ_UF_RTL_H
#define UNLOADFUZZ_UF_RTL_H

#include "uf/base.h"
#include "uf/callsite.h"
#include "uf/ke.h"

EXTERN_C_START

/* ---- memory ---- */
#define RtlZeroMemory(d, n)       memset((d), 0, (n))
#define RtlFillMemory(d, n, v)    memset((d), (v), (n))
#define RtlCopyMemory(d, s, n)    memcpy((d), (s), (n))
#define RtlMoveMemory(d, s, n)    memmove((d), (s), (n))
#define RtlEqualMemory(a, b, n)   (!memcmp((a), (b), (n)))
#define RtlSecureZeroMemory(d, n) memset((d), 0, (n))

/* The number of leading bytes in which a and b agree. */
FORCEINLINE SIZE_T RtlCompareMemory(_In_ const VOID *a, _In_ const VOID *b, _In_ SIZE_T n)
{
    const UCHAR *p = (const UCHAR *)a, *q = (const UCHAR *)b;
    SIZE_T i = 0;

    while (i < n && p[i] == q[i])
        i++;
    return i;
}

/* ---- fail fast ---- */
#define FAST_FAIL_CORRUPT_LIST_ENTRY 3

/* Stops at once, as __fastfail does (bug check 0x139 in the kernel). */
DECLSPEC_NORETURN FORCEINLINE VOID RtlFailFast(_In_ ULONG Code)
{
    (void)Code;
    __builtin_trap();
}

/* ---- doubly linked lists: a head whose Flink and Blink are itself is empty ---- */
FORCEINLINE VOID InitializeListHead(_Out_ PLIST_ENTRY ListHead)
{
    ListHead->Flink = ListHead->Blink = ListHead;
}

FORCEINLINE BOOLEAN IsListEmpty(_In_ const LIST_ENTRY *ListHead)
{
    return (BOOLEAN)(ListHead->Flink == ListHead);
}

/* Unlinks Entry; returns TRUE when the list is then empty. */
FORCEINLINE BOOLEAN RemoveEntryList(_In_ PLIST_ENTRY Entry)
{
    PLIST_ENTRY next = Entry->Flink, prev = Entry->Blink;

    if (next->Blink != Entry || prev->Flink != Entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    prev->Flink = next;
    next->Blink = prev;
    return (BOOLEAN)(prev == next);
}

/* Unlinks and returns the first entry (the head itself when empty). */
FORCEINLINE PLIST_ENTRY RemoveHeadList(_Inout_ PLIST_ENTRY ListHead)
{
    PLIST_ENTRY entry = ListHead->Flink, next = entry->Flink;

    if (entry->Blink != ListHead || next->Blink != entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    ListHead->Flink = next;
    next->Blink = ListHead;
    return entry;
}

/* Unlinks and returns the last entry (the head itself when empty). */
FORCEINLINE PLIST_ENTRY RemoveTailList(_Inout_ PLIST_ENTRY ListHead)
{
    PLIST_ENTRY entry = ListHead->Blink, prev = entry->Blink;

    if (entry->Flink != ListHead || prev->Flink != entry)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    ListHead->Blink = prev;
    prev->Flink = ListHead;
    return entry;
}

FORCEINLINE VOID InsertTailList(_Inout_ PLIST_ENTRY ListHead, _Out_ PLIST_ENTRY Entry)
{
    PLIST_ENTRY last = ListHead->Blink;

    if (last->Flink != ListHead)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    Entry->Flink = ListHead;
    Entry->Blink = last;
    last->Flink = Entry;
    ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(_Inout_ PLIST_ENTRY ListHead, _Out_ PLIST_ENTRY Entry)
{
    PLIST_ENTRY first = ListHead->Flink;

    if (first->Blink != ListHead)
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY);
    Entry->Flink = first;
    Entry->Blink = ListHead;
    first->Blink = Entry;
    ListHead->Flink = Entry;
}

/* Links the list that starts at ListToAppend (no head of its own) after
 * ListHead's last entry. */
FORCEINLINE VOID AppendTailList(_Inout_ PLIST_ENTRY ListHead, _Inout_ PLIST_ENTRY ListToAppend)
{
    PLIST_ENTRY last = ListHead->Blink;

    ListHead->Blink->Flink = ListToAppend;
    ListHead->Blink = ListToAppend->Blink;
    ListToAppend->Blink->Flink = ListHead;
    ListToAppend->Blink = last;
}

/* ---- singly linked lists: a LIFO through Next ---- */
FORCEINLINE VOID PushEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead,
                               _Inout_ PSINGLE_LIST_ENTRY Entry)
{
    Entry->Next = ListHead->Next;
    ListHead->Next = Entry;
}

/* Unlinks and returns the first entry, or NULL when empty. */
FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead)
{
    PSINGLE_LIST_ENTRY first = ListHead->Next;

    if (first)
        ListHead->Next = first->Next;
    return first;
}

/* ---- counted strings ---- */
/* Points DestinationString at SourceString (NULL: an empty string), its
 * lengths in bytes without and with the terminator. <= DISPATCH_LEVEL. */
NTSYSAPI VOID NTAPI RtlInitUnicodeString(_Out_ PUNICODE_STRING DestinationString,
                                         _In_opt_z_ PCWSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(_Out_ PANSI_STRING DestinationString,
                                      _In_opt_z_ PCSZ SourceString);
#define RtlInitString(d, s) RtlInitAnsiString((d), (s))
/* Copies what fits of SourceString (NULL: nothing) into DestinationString's
 * buffer, terminated when there is room; sets its Length only. */
NTSYSAPI VOID NTAPI RtlCopyUnicodeString(_Inout_ PUNICODE_STRING DestinationString,
                                         _In_opt_ PCUNICODE_STRING SourceString);
/* TRUE when the two hold the same characters. PASSIVE_LEVEL. */
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(_In_ PCUNICODE_STRING String1,
                                             _In_ PCUNICODE_STRING String2,
                                             _In_ BOOLEAN CaseInSensitive);
/* Negative, zero or positive as String1 sorts before, with or after
 * String2. PASSIVE_LEVEL. */
NTSYSAPI LONG NTAPI RtlCompareUnicodeString(_In_ PCUNICODE_STRING String1,
                                            _In_ PCUNICODE_STRING String2,
                                            _In_ BOOLEAN CaseInSensitive);
/* Appends Source (terminated); STATUS_BUFFER_TOO_SMALL, changing nothing,
 * when it does not fit. */
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(_Inout_ PUNICODE_STRING Destination,
                                                 _In_opt_z_ PCWSTR Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(_Inout_ PUNICODE_STRING Destination,
                                                       _In_ PCUNICODE_STRING Source);

/* ---- the kernel C run-time's wide strings (libcntpr.lib), over WCHAR ---- */
/* Compares two NUL-terminated strings unit by unit, as unsigned 16-bit
 * values: -1, 0 or 1. Any IRQL (the strings must be resident). */
int __cdecl wcscmp(_In_z_ const wchar_t *String1, _In_z_ const wchar_t *String2);

/* ---- lists under a spin lock (ExInterlocked...List): the lock taken
 * and released around the insertion, at DISPATCH_LEVEL. Each returns the
 * entry that was first (or last) before, NULL for a list that was empty.
 * The spin lock routines are called unexpanded so the call site is the
 * driver's line, which the macro below records. ---- */
FORCEINLINE PLIST_ENTRY ExInterlockedInsertHeadList(_Inout_ PLIST_ENTRY ListHead,
                                                    _Inout_ PLIST_ENTRY ListEntry,
                                                    _Inout_ PKSPIN_LOCK Lock)
{
    KIRQL old = (KeAcquireSpinLockRaiseToDpc)(Lock);
    PLIST_ENTRY first = IsListEmpty(ListHead) ? NULL : ListHead->Flink;

    InsertHeadList(ListHead, ListEntry);
    (KeReleaseSpinLock)(Lock, old);
    return first;
}

FORCEINLINE PLIST_ENTRY ExInterlockedInsertTailList(_Inout_ PLIST_ENTRY ListHead,
                                                    _Inout_ PLIST_ENTRY ListEntry,
                                                    _Inout_ PKSPIN_LOCK Lock)
{
    KIRQL old = (KeAcquireSpinLockRaiseToDpc)(Lock);
    PLIST_ENTRY last = IsListEmpty(ListHead) ? NULL : ListHead->Blink;

    InsertTailList(ListHead, ListEntry);
    (KeReleaseSpinLock)(Lock, old);
    return last;
}

/* Unlinks and returns the first entry, NULL for an empty list. */
FORCEINLINE PLIST_ENTRY ExInterlockedRemoveHeadList(_Inout_ PLIST_ENTRY ListHead,
                                                    _Inout_ PKSPIN_LOCK Lock)
{
    KIRQL old = (KeAcquireSpinLockRaiseToDpc)(Lock);
    PLIST_ENTRY first = IsListEmpty(ListHead) ? NULL : RemoveHeadList(ListHead);

    (KeReleaseSpinLock)(Lock, old);
    return first;
}

EXTERN_C_END

/* ---- call sites: the driver line of each routine's call ---- */
#ifndef WDFMODEL_NO_CALL_SITES
#define ExInterlockedInsertHeadList(h, e, l) WDFMODEL_AT_(ExInterlockedInsertHeadList(h, e, l))
#define ExInterlockedInsertTailList(h, e, l) WDFMODEL_AT_(ExInterlockedInsertTailList(h, e, l))
#define ExInterlockedRemoveHeadList(h, l)    WDFMODEL_AT_(ExInterlockedRemoveHeadList(h, l))
#define RtlInitUnicodeString(d, s)           WDFMODEL_AT_(RtlInitUnicodeString(d, s))
#define RtlInitAnsiString(d, s)              WDFMODEL_AT_(RtlInitAnsiString(d, s))
#define RtlCopyUnicodeString(d, s)           WDFMODEL_AT_(RtlCopyUnicodeString(d, s))
#define RtlEqualUnicodeString(a, b, c)       WDFMODEL_AT_(RtlEqualUnicodeString(a, b, c))
#define RtlCompareUnicodeString(a, b, c)     WDFMODEL_AT_(RtlCompareUnicodeString(a, b, c))
#define RtlAppendUnicodeToString(d, s)       WDFMODEL_AT_(RtlAppendUnicodeToString(d, s))
#define RtlAppendUnicodeStringToString(d, s) WDFMODEL_AT_(RtlAppendUnicodeStringToString(d, s))
#endif

#endif /* UNLOADFUZZ_UF_RTL_H */
