/*
 * wdm.c - the kernel's own routines a driver calls on its entry, halt and
 * unload paths (uf/ke.h, uf/io.h, uf/rtl.h, uf/debug.h): the IRQL,
 * executive spin locks, waits, completing an IRP, counted strings, and
 * debug output.
 *
 * These are kernel exports, not framework DDIs: like the pool routines
 * (pool.c) they need no framework driver and start with
 * uf__ddi_enter_kernel(), which checks the caller's IRQL against the
 * routine's row of ddi.def. A call above it is reported as irql-too-high
 * and refused, as the model refuses any DDI's ([C8]): a VOID routine does
 * nothing, the others return STATUS_INVALID_DEVICE_REQUEST, FALSE or 0.
 * The IRQL is the model's state: KeAcquireSpinLock raises it to
 * DISPATCH_LEVEL and KeReleaseSpinLock restores the level it returned, so
 * the IRQL checks of every DDI called in between see it [W1]. A held
 * KSPIN_LOCK counts with the framework's spin locks, so a callback that
 * returns holding one is callback-lock-held [W1] [I2]. The model runs one
 * thread and no clock: waiting and stalling return at once.
 *
 * What is not modelled yet: acquiring a spin lock already held (a
 * deadlock), releasing one not held, raising the IRQL to a lower level or
 * lowering it to a higher one (bug checks), and the IRP stack above the
 * driver, which IofCompleteRequest would walk: these are done without a
 * report, and IofCompleteRequest changes nothing in the IRP.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "wstr.h"

#define LOCK_HELD 1 /* a KSPIN_LOCK's value while owned; 0 when free */

/* ---- IRQL ---- */

KIRQL KfRaiseIrql(KIRQL NewIrql)
{
    struct ddi_frame f;
    KIRQL old = model_now.irql;

    if (uf__ddi_enter_kernel(&f, DDI_KfRaiseIrql))
        model_now.irql = NewIrql;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return old;
}

KIRQL KeRaiseIrqlToDpcLevel(VOID)
{
    struct ddi_frame f;
    KIRQL old = model_now.irql;

    if (uf__ddi_enter_kernel(&f, DDI_KeRaiseIrqlToDpcLevel))
        model_now.irql = DISPATCH_LEVEL;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return old;
}

VOID KeLowerIrql(KIRQL NewIrql)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_KeLowerIrql))
        model_now.irql = NewIrql;
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* ---- executive spin locks ---- */

/* Marks SpinLock owned and counts it held, unless it already is. */
static void lock_take(PKSPIN_LOCK SpinLock)
{
    if (*SpinLock == LOCK_HELD)
        return;
    *SpinLock = LOCK_HELD;
    uf__model.spinlocks_held++;
}

/* Marks SpinLock free and stops counting it, if it was owned. */
static void lock_give(PKSPIN_LOCK SpinLock)
{
    if (*SpinLock != LOCK_HELD)
        return;
    *SpinLock = 0;
    uf__model.spinlocks_held--;
}

KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
{
    struct ddi_frame f;
    KIRQL old = model_now.irql;

    if (uf__ddi_enter_kernel(&f, DDI_KeAcquireSpinLockRaiseToDpc)) {
        lock_take(SpinLock);
        model_now.irql = DISPATCH_LEVEL;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return old;
}

VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_KeReleaseSpinLock)) {
        lock_give(SpinLock);
        model_now.irql = NewIrql;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_KeAcquireSpinLockAtDpcLevel))
        lock_take(SpinLock);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_KeReleaseSpinLockFromDpcLevel))
        lock_give(SpinLock);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* ---- waiting ---- */

NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                                PLARGE_INTEGER Interval)
{
    struct ddi_frame f;

    if (!uf__ddi_enter_kernel(&f, DDI_KeDelayExecutionThread))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID KeStallExecutionProcessor(ULONG MicroSeconds)
{
    struct ddi_frame f;

    uf__ddi_enter_kernel(&f, DDI_KeStallExecutionProcessor);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* ---- IRPs ---- */

VOID IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    struct ddi_frame f;

    uf__ddi_enter_kernel(&f, DDI_IofCompleteRequest);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* ---- counted strings ---- */

/* Terminates d after its Length when a WCHAR more fits. */
static void terminate(PUNICODE_STRING d)
{
    if ((size_t)d->Length + sizeof(WCHAR) <= d->MaximumLength)
        d->Buffer[d->Length / sizeof(WCHAR)] = 0;
}

VOID RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    struct ddi_frame f;
    size_t n;

    if (!uf__ddi_enter_kernel(&f, DDI_RtlInitUnicodeString))
        goto out;
    DestinationString->Length = DestinationString->MaximumLength = 0;
    DestinationString->Buffer = (PWSTR)SourceString;
    if (SourceString) {
        /* Longer than a UNICODE_STRING can count: cut to the largest even
         * length, its maximum one WCHAR more. */
        n = uf__wcslen(SourceString) * sizeof(WCHAR);
        if (n > 0xFFFC)
            n = 0xFFFC;
        DestinationString->Length = (USHORT)n;
        DestinationString->MaximumLength = (USHORT)(n + sizeof(WCHAR));
    }
out:
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
    struct ddi_frame f;
    size_t n;

    if (!uf__ddi_enter_kernel(&f, DDI_RtlInitAnsiString))
        goto out;
    DestinationString->Length = DestinationString->MaximumLength = 0;
    DestinationString->Buffer = (PCHAR)SourceString;
    if (SourceString) {
        n = strlen(SourceString);
        if (n > 0xFFFE)
            n = 0xFFFE;
        DestinationString->Length = (USHORT)n;
        DestinationString->MaximumLength = (USHORT)(n + 1);
    }
out:
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    struct ddi_frame f;
    USHORT n;

    if (!uf__ddi_enter_kernel(&f, DDI_RtlCopyUnicodeString))
        goto out;
    if (!SourceString) {
        DestinationString->Length = 0;
        goto out;
    }
    n = SourceString->Length < DestinationString->MaximumLength
            ? SourceString->Length
            : DestinationString->MaximumLength;
    memmove(DestinationString->Buffer, SourceString->Buffer, n);
    DestinationString->Length = n;
    terminate(DestinationString);
out:
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The first difference of a and b (folded when `fold`), then their lengths':
 * negative, 0 or positive. */
static LONG compare(PCUNICODE_STRING a, PCUNICODE_STRING b, BOOLEAN fold)
{
    size_t i, na = a->Length / sizeof(WCHAR), nb = b->Length / sizeof(WCHAR);
    WCHAR ca, cb;

    for (i = 0; i < na && i < nb; i++) {
        ca = fold ? uf__wupcase(a->Buffer[i]) : a->Buffer[i];
        cb = fold ? uf__wupcase(b->Buffer[i]) : b->Buffer[i];
        if (ca != cb)
            return (LONG)ca - (LONG)cb;
    }
    return (LONG)na - (LONG)nb;
}

BOOLEAN RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                              BOOLEAN CaseInSensitive)
{
    struct ddi_frame f;
    BOOLEAN equal = FALSE;

    if (uf__ddi_enter_kernel(&f, DDI_RtlEqualUnicodeString))
        equal = String1->Length == String2->Length &&
                compare(String1, String2, CaseInSensitive) == 0;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return equal;
}

LONG RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                             BOOLEAN CaseInSensitive)
{
    struct ddi_frame f;
    LONG order = 0;

    if (uf__ddi_enter_kernel(&f, DDI_RtlCompareUnicodeString))
        order = compare(String1, String2, CaseInSensitive);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return order;
}

/* Appends n bytes at s to d, terminated when there is room; changes
 * nothing and returns STATUS_BUFFER_TOO_SMALL when they do not fit, and
 * nothing at all when n is 0. */
static NTSTATUS append(PUNICODE_STRING d, const WCHAR *s, size_t n)
{
    if (!n)
        return STATUS_SUCCESS;
    if ((size_t)d->Length + n > d->MaximumLength)
        return STATUS_BUFFER_TOO_SMALL;
    memmove((PCHAR)d->Buffer + d->Length, s, n);
    d->Length = (USHORT)(d->Length + n);
    terminate(d);
    return STATUS_SUCCESS;
}

NTSTATUS RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source)
{
    struct ddi_frame f;

    if (!uf__ddi_enter_kernel(&f, DDI_RtlAppendUnicodeToString))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Source)
        return uf__ddi_leave(&f, STATUS_SUCCESS);
    return uf__ddi_leave(&f, append(Destination, Source, uf__wcslen(Source) * sizeof(WCHAR)));
}

NTSTATUS RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source)
{
    struct ddi_frame f;

    if (!uf__ddi_enter_kernel(&f, DDI_RtlAppendUnicodeStringToString))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    return uf__ddi_leave(&f, append(Destination, Source->Buffer, Source->Length));
}

/* ---- the kernel C run-time ---- */

/* wcscmp over 16-bit WCHAR, which the C library's (4-byte wchar_t) is not. */
int wcscmp(const wchar_t *String1, const wchar_t *String2)
{
    while (*String1 != 0 && *String1 == *String2) {
        String1++;
        String2++;
    }
    if ((USHORT)*String1 == (USHORT)*String2)
        return 0;
    return (USHORT)*String1 < (USHORT)*String2 ? -1 : 1;
}

/* ---- debug output ---- */

ULONG DbgPrint(PCSTR Format, ...) { return STATUS_SUCCESS; }

ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...) { return STATUS_SUCCESS; }

VOID RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber,
               PSTR MutableMessage)
{
    fprintf(stderr, "unloadfuzz: driver assertion failed: %s%s%s at %s:%lu\n",
            MutableMessage ? MutableMessage : "", MutableMessage ? ": " : "",
            (const char *)VoidFailedAssertion, (const char *)VoidFileName,
            (unsigned long)LineNumber);
    abort();
}
