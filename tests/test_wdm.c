/*
 * test_wdm.c - the kernel's own routines in the model: the IRQL and spin
 * locks, waits, completing an IRP, counted strings
 * (docs/WDF-SEMANTICS.md [W1]-[W5]).
 *
 * The harness plays the caller's IRQL with model_set_irql() and reads the
 * model's with model_irql(); the routines are called as a driver calls
 * them, through <ntddk.h>'s macros, so a violation names this file's line.
 * Correct use must stay quiet; a call above a routine's highest IRQL must
 * raise irql-too-high once and be refused.
 */
#include <ntddk.h>
#include <wdf.h>

#include <string.h>

#include "testlib.h"

/* What the timer callback of the callback test does with its KSPIN_LOCK. */
static struct {
    KSPIN_LOCK lock; /* acquired by the callback */
    int release;     /* and released before it returns */
    KIRQL inside;    /* the IRQL after the acquire */
} cb;

static void timer_cb(WDFTIMER t)
{
    KIRQL old;

    KeAcquireSpinLock(&cb.lock, &old);
    cb.inside = KeGetCurrentIrql();
    if (cb.release)
        KeReleaseSpinLock(&cb.lock, old);
}

/* A DISPATCH_LEVEL timer under `parent`, calling timer_cb. */
static WDFTIMER timer(WDFOBJECT parent)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFTIMER t = NULL;

    WDF_TIMER_CONFIG_INIT(&config, timer_cb);
    config.AutomaticSerialization = FALSE;
    t_attributes(&a, parent);
    assert_int_equal(WdfTimerCreate(&config, &a, &t), STATUS_SUCCESS);
    return t;
}

/* [W1] KeAcquireSpinLock gives the IRQL before and raises the model's to
 * DISPATCH_LEVEL; KeReleaseSpinLock lowers it to what it is given. The
 * AtDpcLevel pair changes no IRQL. */
static void W1_spin_lock_raises_to_dispatch_and_release_restores(void **state)
{
    KSPIN_LOCK lock;
    KIRQL old = 0xFF;

    KeInitializeSpinLock(&lock);
    assert_int_equal(lock, 0);
    KeAcquireSpinLock(&lock, &old);
    assert_int_equal(old, PASSIVE_LEVEL);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    assert_int_not_equal(lock, 0);
    KeReleaseSpinLock(&lock, old);
    assert_int_equal(model_irql(), PASSIVE_LEVEL);
    assert_int_equal(lock, 0);

    model_set_irql(APC_LEVEL);
    KeAcquireSpinLock(&lock, &old);
    assert_int_equal(old, APC_LEVEL);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    KeReleaseSpinLock(&lock, old);
    assert_int_equal(model_irql(), APC_LEVEL);

    model_set_irql(DISPATCH_LEVEL);
    KeAcquireSpinLockAtDpcLevel(&lock);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    assert_int_not_equal(lock, 0);
    KeReleaseSpinLockFromDpcLevel(&lock);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    assert_int_equal(lock, 0);
    t_expect_quiet();
    t_expect_events_in_order("call KeAcquireSpinLockRaiseToDpc", "return KeAcquireSpinLockRaiseToDpc",
                             "call KeReleaseSpinLock", NULL);
}

/* [W1] Above DISPATCH_LEVEL an acquire is irql-too-high at the driver's
 * line and takes nothing; the IRQL stays. */
static void W1_spin_lock_above_dispatch_is_refused(void **state)
{
    KSPIN_LOCK lock = 0;
    KIRQL old = 0xFF;

    assert_int_equal(model_ddi_max_irql(DDI_KeAcquireSpinLockRaiseToDpc), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_KeReleaseSpinLock), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_KeAcquireSpinLockAtDpcLevel), HIGH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_KeReleaseSpinLockFromDpcLevel), DISPATCH_LEVEL);
    model_set_irql(DISPATCH_LEVEL + 1);
    KeAcquireSpinLock(&lock, &old);
    assert_int_equal(old, DISPATCH_LEVEL + 1);
    assert_int_equal(model_irql(), DISPATCH_LEVEL + 1);
    assert_int_equal(lock, 0);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order(
        "violation irql-too-high break in KeAcquireSpinLockRaiseToDpc at test_wdm.c:", NULL);
}

/* [W1] A callback that returns holding a KSPIN_LOCK is callback-lock-held,
 * as with a framework spin lock; released, it is quiet. */
static void W1_callback_returning_with_a_kspin_lock_held(void **state)
{
    WDFTIMER t;

    t_driver();
    t = timer(t_device(0));
    memset(&cb, 0, sizeof(cb));
    cb.release = 1;
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(1));
    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(cb.inside, DISPATCH_LEVEL);
    assert_int_equal(cb.lock, 0);
    t_expect_quiet();

    cb.release = 0;
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(1));
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_CALLBACK_LOCK_HELD, 1);
}

/* [W2] KeDelayExecutionThread returns at once at PASSIVE_LEVEL and
 * APC_LEVEL; at DISPATCH_LEVEL it is irql-too-high and fails.
 * KeStallExecutionProcessor runs at any IRQL. */
static void W2_delay_above_apc_level_is_reported(void **state)
{
    LARGE_INTEGER interval;

    interval.QuadPart = -10 * 1000 * 1000; /* one second, relative */
    assert_int_equal(KeDelayExecutionThread(KernelMode, FALSE, &interval), STATUS_SUCCESS);
    model_set_irql(APC_LEVEL);
    assert_int_equal(KeDelayExecutionThread(KernelMode, TRUE, &interval), STATUS_SUCCESS);
    model_set_irql(HIGH_LEVEL);
    KeStallExecutionProcessor(50);
    t_expect_quiet();

    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(KeDelayExecutionThread(KernelMode, FALSE, &interval),
                     STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order("violation irql-too-high break in KeDelayExecutionThread at "
                             "test_wdm.c:",
                             "called at DISPATCH_LEVEL", NULL);
    assert_int_equal(model_ddi_max_irql(DDI_KeDelayExecutionThread), APC_LEVEL);
}

/* [W3] KeRaiseIrql gives the IRQL before and sets the new one; KeLowerIrql
 * sets it back; KeRaiseIrqlToDpcLevel is refused above DISPATCH_LEVEL. */
static void W3_raise_and_lower_set_the_irql(void **state)
{
    KIRQL old = 0xFF;

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    assert_int_equal(old, PASSIVE_LEVEL);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    KeRaiseIrql(HIGH_LEVEL, &old);
    assert_int_equal(old, DISPATCH_LEVEL);
    assert_int_equal(model_irql(), HIGH_LEVEL);
    KeLowerIrql(old);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    KeLowerIrql(PASSIVE_LEVEL);
    assert_int_equal(KeRaiseIrqlToDpcLevel(), PASSIVE_LEVEL);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    t_expect_quiet();

    model_set_irql(HIGH_LEVEL);
    assert_int_equal(KeRaiseIrqlToDpcLevel(), HIGH_LEVEL);
    assert_int_equal(model_irql(), HIGH_LEVEL);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* [W4] IoCompleteRequest is IofCompleteRequest: at <= DISPATCH_LEVEL it is
 * quiet and leaves the IRP as it was; above, irql-too-high. */
static void W4_complete_request_checks_the_irql_and_keeps_the_irp(void **state)
{
    IRP irp, before;

    memset(&irp, 0, sizeof(irp));
    irp.IoStatus.Status = STATUS_SUCCESS;
    irp.IoStatus.Information = 12;
    before = irp;
    model_set_irql(DISPATCH_LEVEL);
    IoCompleteRequest(&irp, IO_NO_INCREMENT);
    assert_memory_equal(&irp, &before, sizeof(irp));
    t_expect_quiet();
    t_expect_events_in_order("call IofCompleteRequest", "return IofCompleteRequest", NULL);

    model_set_irql(DISPATCH_LEVEL + 1);
    IoCompleteRequest(&irp, IO_NETWORK_INCREMENT);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order("violation irql-too-high break in IofCompleteRequest at test_wdm.c:",
                             NULL);
}

/* [W5] Initializing points at the source with the lengths in bytes, NULL
 * making an empty string. */
static void W5_init_counts_bytes_without_and_with_the_terminator(void **state)
{
    static WCHAR text[] = L"abc";
    UNICODE_STRING u;
    ANSI_STRING a;

    RtlInitUnicodeString(&u, text);
    assert_int_equal(u.Length, 6);
    assert_int_equal(u.MaximumLength, 8);
    assert_ptr_equal(u.Buffer, text);
    RtlInitUnicodeString(&u, NULL);
    assert_int_equal(u.Length, 0);
    assert_int_equal(u.MaximumLength, 0);
    assert_null(u.Buffer);
    RtlInitAnsiString(&a, "abcd");
    assert_int_equal(a.Length, 4);
    assert_int_equal(a.MaximumLength, 5);
    RtlInitAnsiString(&a, NULL);
    assert_int_equal(a.MaximumLength, 0);
    t_expect_quiet();

    model_set_irql(DISPATCH_LEVEL + 1);
    RtlInitUnicodeString(&u, text);
    assert_null(u.Buffer);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* [W5] A copy takes what fits of the source, sets the Length alone and
 * terminates when a character more fits; an append that does not fit
 * changes nothing. */
static void W5_copy_and_append_stay_within_the_destination(void **state)
{
    static const UNICODE_STRING six = RTL_CONSTANT_STRING(L"abcdef");
    static const UNICODE_STRING two = RTL_CONSTANT_STRING(L"cd");
    WCHAR buffer[5];
    UNICODE_STRING d = {0, 8, buffer};

    buffer[4] = 0x7777;
    RtlCopyUnicodeString(&d, &six);
    assert_int_equal(d.Length, 8);
    assert_int_equal(d.MaximumLength, 8);
    assert_memory_equal(buffer, L"abcd", 8);
    assert_int_equal(buffer[4], 0x7777);
    RtlCopyUnicodeString(&d, &two);
    assert_int_equal(d.Length, 4);
    assert_int_equal(buffer[2], 0);
    RtlCopyUnicodeString(&d, NULL);
    assert_int_equal(d.Length, 0);

    assert_int_equal(RtlAppendUnicodeToString(&d, L"ab"), STATUS_SUCCESS);
    assert_int_equal(d.Length, 4);
    assert_int_equal(buffer[2], 0);
    assert_int_equal(RtlAppendUnicodeToString(&d, L"xyz"), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(d.Length, 4);
    assert_int_equal(RtlAppendUnicodeStringToString(&d, &two), STATUS_SUCCESS);
    assert_int_equal(d.Length, 8);
    assert_memory_equal(buffer, L"abcd", 8);
    assert_int_equal(RtlAppendUnicodeStringToString(&d, &two), STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(RtlAppendUnicodeToString(&d, NULL), STATUS_SUCCESS);
    assert_int_equal(d.Length, 8);
    t_expect_quiet();
}

/* [W5] Equality and order, with and without case; both at PASSIVE_LEVEL
 * only. */
static void W5_compare_at_passive_level_only(void **state)
{
    static const UNICODE_STRING abc = RTL_CONSTANT_STRING(L"abc");
    static const UNICODE_STRING ABC = RTL_CONSTANT_STRING(L"ABC");
    static const UNICODE_STRING abd = RTL_CONSTANT_STRING(L"abd");
    static const UNICODE_STRING ab = RTL_CONSTANT_STRING(L"ab");

    assert_true(RtlEqualUnicodeString(&abc, &abc, FALSE));
    assert_false(RtlEqualUnicodeString(&abc, &ABC, FALSE));
    assert_true(RtlEqualUnicodeString(&abc, &ABC, TRUE));
    assert_false(RtlEqualUnicodeString(&abc, &ab, TRUE));
    assert_true(RtlCompareUnicodeString(&abc, &abd, FALSE) < 0);
    assert_true(RtlCompareUnicodeString(&abd, &abc, FALSE) > 0);
    assert_true(RtlCompareUnicodeString(&abc, &ab, FALSE) > 0);
    assert_true(RtlCompareUnicodeString(&ab, &abc, FALSE) < 0);
    assert_true(RtlCompareUnicodeString(&ABC, &abc, FALSE) < 0);
    assert_int_equal(RtlCompareUnicodeString(&ABC, &abc, TRUE), 0);
    t_expect_quiet();

    model_set_irql(DISPATCH_LEVEL);
    assert_false(RtlEqualUnicodeString(&abc, &abc, FALSE));
    assert_int_equal(RtlCompareUnicodeString(&abc, &abd, FALSE), 0);
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);
    t_expect_events_in_order("violation irql-too-high break in RtlEqualUnicodeString at test_wdm.c:",
                             "violation irql-too-high break in RtlCompareUnicodeString", NULL);
}

/* [W10] A device interface's symbolic link name, its state and
 * properties by that name, and the name freed; a failed registration; a
 * call above PASSIVE_LEVEL refused. */
static void W10_device_interfaces_by_name(void **state)
{
    static const GUID audio = {0x6994AD04, 0x93EF, 0x11D0, {0xA3, 0xCC, 0x00, 0xA0, 0xC9, 0x22, 0x31, 0x96}};
    static const DEVPROPKEY key = {{0x1, 0x2, 0x3, {4, 5, 6, 7, 8, 9, 10, 11}}, 2};
    const struct model_fault_plan fail = {.mode = FAULT_SITE, .site = SITE_DEVICE_INTERFACE};
    const struct model_fault_plan off = {.mode = FAULT_OFF};
    UNICODE_STRING ref = RTL_CONSTANT_STRING(L"Wave"), name, again, other = RTL_CONSTANT_STRING(L"x");
    DEVICE_OBJECT pdo;
    ULONG value = 1;

    (void)state;
    memset(&pdo, 0, sizeof pdo);
    assert_int_equal(IoRegisterDeviceInterface(&pdo, &audio, &ref, &name), STATUS_SUCCESS);
    assert_non_null(name.Buffer);
    assert_true(name.Length > 0);
    assert_int_equal(IoRegisterDeviceInterface(&pdo, &audio, &ref, &again), STATUS_SUCCESS);
    assert_true(RtlEqualUnicodeString(&name, &again, FALSE));
    assert_int_equal(IoSetDeviceInterfaceState(&name, TRUE), STATUS_SUCCESS);
    assert_int_equal(IoSetDeviceInterfacePropertyData(&name, &key, LOCALE_NEUTRAL,
                                                      PLUGPLAY_PROPERTY_PERSISTENT,
                                                      DEVPROP_TYPE_UINT32, sizeof value, &value),
                     STATUS_SUCCESS);
    assert_int_equal(IoSetDeviceInterfaceState(&other, TRUE), STATUS_OBJECT_NAME_NOT_FOUND);
    RtlFreeUnicodeString(&name);
    assert_null(name.Buffer);
    assert_non_null(PsGetCurrentThread());
    assert_ptr_equal(PsGetCurrentThread(), PsGetCurrentThread());
    t_expect_quiet();

    ref.Length = 2 * sizeof(WCHAR); /* "Wa": another reference */
    model_fault_arm(&fail);
    assert_int_equal(IoRegisterDeviceInterface(&pdo, &audio, &ref, &name),
                     STATUS_INSUFFICIENT_RESOURCES);
    model_fault_arm(&off);
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(IoRegisterDeviceInterface(&pdo, &audio, &ref, &name),
                     STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(W1_spin_lock_raises_to_dispatch_and_release_restores, t_setup),
        cmocka_unit_test_setup(W1_spin_lock_above_dispatch_is_refused, t_setup),
        cmocka_unit_test_setup(W1_callback_returning_with_a_kspin_lock_held, t_setup),
        cmocka_unit_test_setup(W2_delay_above_apc_level_is_reported, t_setup),
        cmocka_unit_test_setup(W3_raise_and_lower_set_the_irql, t_setup),
        cmocka_unit_test_setup(W4_complete_request_checks_the_irql_and_keeps_the_irp, t_setup),
        cmocka_unit_test_setup(W5_init_counts_bytes_without_and_with_the_terminator, t_setup),
        cmocka_unit_test_setup(W5_copy_and_append_stay_within_the_destination, t_setup),
        cmocka_unit_test_setup(W5_compare_at_passive_level_only, t_setup),
        cmocka_unit_test_setup(W10_device_interfaces_by_name, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
