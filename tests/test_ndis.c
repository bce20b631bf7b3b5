/*
 * test_ndis.c - NDIS 6 as the port simulation plays it (port_ndis.c) and
 * the miniport's side of the contract, [N1]-[N14] in docs/WDF-SEMANTICS.md:
 * each check fires on the misuse and stays quiet on correct use.
 *
 * The miniport is tests/drivers/ndis_contract: ContractMode() (here) says
 * what its handlers do, ContractLog (its own) says what NDIS called, in
 * order, with the IRQL of each call ("send@2": DISPATCH_LEVEL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/ndis_contract/contract.h"
#include "ndis.h"
#include "porttest.h"

extern char ContractLog[CONTRACT_LOG_BYTES];

static ULONG mode;

ULONG ContractMode(VOID);
ULONG ContractMode(VOID) { return mode; }

/* Runs the driver program `text` with the miniport in mode m. */
static void run(ULONG m, const char *text)
{
    mode = m;
    t_port_run(&uf_driver_under_test, text);
    print_message("  log: %s\n", ContractLog);
}

static void assert_log(const char *expected)
{
    if (strcmp(ContractLog, expected) != 0) {
        print_message("  expected: %s\n", expected);
        fail();
    }
}

#define LIFE "load\ndevice-arrival\ndevice-removal\nport-unload\n"

/* [N1] [N2] [N3] [N5] [N13] A correct miniport: registration accepted and
 * NDIS's own unload routine installed; initialize with NDIS's header and
 * device stack, then restart; removal pauses before it halts; unload
 * after every halt; each at PASSIVE_LEVEL. Nothing fires. */
static void N1_a_correct_miniport_lives_quietly(void **state)
{
    (void)state;
    run(0, LIFE);
    assert_log("entry@0 ndis-unload init@0 init-header stack general-first-refused restart@0 pause@0 "
               "halt@0 unload@0 ");
    t_expect_quiet();
}

/* [N1] Characteristics of the wrong header type, or without a mandatory
 * handler, are refused: the entry fails, and says why. */
static void N1_bad_characteristics_are_refused(void **state)
{
    (void)state;
    run(M_BAD_HEADER, LIFE);
    assert_log("entry@0 refused ");
    t_expect_only(RULE_NDIS_BAD_CHARACTERISTICS, 1);
    run(M_MISSING_HANDLER, LIFE);
    assert_log("entry@0 refused ");
    assert_int_equal(model_rule_count(RULE_NDIS_BAD_CHARACTERISTICS), 1);
}

/* [N5] NDIS never halts an adapter whose initialize failed; unload still
 * comes. */
static void N5_no_halt_after_a_failed_initialize(void **state)
{
    (void)state;
    run(M_INIT_FAILS, LIFE);
    assert_log("entry@0 ndis-unload init@0 init-header stack unload@0 ");
    t_expect_quiet();
}

/* [N4] Without registration attributes NDIS has no context: the adapter
 * fails, and is never halted; general attributes before them are refused. */
static void N4_initialize_without_context_fails_the_adapter(void **state)
{
    (void)state;
    run(M_NO_CONTEXT, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_NO_ADAPTER_CONTEXT), 1);
    assert_null(strstr(ContractLog, "halt"));
}

/* [N3] [N6] A send reaches a Running adapter at DISPATCH_LEVEL; a pause
 * that returns it first is clean, one that keeps it fires. */
static void N6_a_pause_returns_the_sends_first(void **state)
{
    (void)state;
    run(M_HOLD_SENDS, "load\ndevice-arrival\nsend\npause\nrestart\nport-unload\n");
    assert_non_null(strstr(ContractLog, "send@2 pause@0 restart@0"));
    t_expect_quiet();
    run(M_HOLD_SENDS | M_PAUSE_KEEPS_SENDS, "load\ndevice-arrival\nsend\npause\n");
    assert_int_equal(model_rule_count(RULE_NDIS_PAUSE_WITH_SENDS_OUTSTANDING), 1);
    /* Paused: NDIS sends nothing more. */
    run(0, "load\ndevice-arrival\npause\nsend\n");
    assert_null(strstr(ContractLog, "send"));
}

/* [N6] A pended pause completes from the work item while NDIS waits (time
 * passes: queued work runs); a pended pause nothing completes is NDIS's
 * watchdog; a pause that drains its sends in the work item is clean. */
static void N6_a_pended_pause_completes_while_ndis_waits(void **state)
{
    (void)state;
    run(M_PAUSE_PENDS | M_COMPLETE_IN_WORK, LIFE);
    assert_non_null(strstr(ContractLog, "pause@0 work halt@0"));
    t_expect_quiet();
    run(M_PAUSE_PENDS, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_PAUSE_NEVER_COMPLETES), 1);
    assert_null(strstr(ContractLog, "halt"));
    run(M_HOLD_SENDS | M_DRAIN_IN_WORK, "load\ndevice-arrival\nsend\ndevice-removal\nport-unload\n");
    assert_non_null(strstr(ContractLog, "pause@0 work halt@0"));
    t_expect_quiet();
}

/* [N7] A pended reset completes from the work item; one never completed
 * keeps NDIS from halting. Reset runs at DISPATCH_LEVEL. */
static void N7_a_pended_reset_must_complete(void **state)
{
    (void)state;
    run(M_RESET_PENDS | M_COMPLETE_IN_WORK, "load\ndevice-arrival\nreset\n" "device-removal\nport-unload\n");
    assert_non_null(strstr(ContractLog, "reset@2"));
    t_expect_quiet();
    run(M_RESET_PENDS, "load\ndevice-arrival\nreset\ndevice-removal\n");
    assert_int_equal(model_rule_count(RULE_NDIS_RESET_NEVER_COMPLETES), 1);
}

/* [N5] [N6] An OID request may stay pending across a pause, but NDIS
 * never halts with one outstanding. */
static void N5_no_halt_with_a_request_pending(void **state)
{
    (void)state;
    run(M_OID_PENDS, "load\ndevice-arrival\noid-request\npause\n");
    t_expect_quiet();
    run(M_OID_PENDS, "load\ndevice-arrival\noid-request\ndevice-removal\n");
    assert_int_equal(model_rule_count(RULE_NDIS_REQUEST_NEVER_COMPLETES), 1);
}

/* [N6] Completions NDIS is not waiting for: a pause completed with no
 * pause pending, a send completed twice. */
static void N6_completions_nothing_waits_for(void **state)
{
    (void)state;
    run(M_STRAY_COMPLETIONS, "load\ndevice-arrival\noid-request\n");
    assert_int_equal(model_rule_count(RULE_NDIS_UNEXPECTED_COMPLETION), 1);
    run(M_STRAY_COMPLETIONS, "load\ndevice-arrival\nsend\n");
    assert_int_equal(model_rule_count(RULE_NDIS_UNEXPECTED_COMPLETION), 1);
}

/* [N5] [N4] MiniportDriverUnload must deregister, once (a second time the
 * handle is NDIS's no more); so must a DriverEntry that fails after
 * registering. */
static void N5_the_registration_goes_before_the_image(void **state)
{
    (void)state;
    run(M_NO_DEREGISTER, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_NOT_DEREGISTERED), 1);
    run(M_ENTRY_FAILS_REGISTERED, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_NOT_DEREGISTERED), 1);
    run(M_DEREGISTER_TWICE, LIFE);
    t_expect_only(RULE_NDIS_HANDLE_INVALID, 1);
}

/* [N9] NDIS memory left at unload has its own rule, not the kernel pool's;
 * a fault at ndis-memory fails the allocation and initialize cleans up. */
static void N9_ndis_memory_has_its_own_leak_rule(void **state)
{
    (void)state;
    run(M_LEAK_MEMORY, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_MEMORY_LEAK_AT_UNLOAD), 1);
    assert_int_equal(model_rule_count(RULE_POOL_LEAK_AT_UNLOAD), 0);
    run(0, "fail-alloc site=ndis-memory\n" LIFE);
    assert_null(strstr(ContractLog, "halt"));
    t_expect_quiet();
}

/* [N10] Pools: one left at unload; one freed with its list out; a list
 * freed twice; a list still allocated when the miniport deregisters. */
static void N10_pools_and_their_lists(void **state)
{
    (void)state;
    run(M_LEAK_POOL, LIFE);
    t_expect_only(RULE_NDIS_NBL_POOL_LEAK_AT_UNLOAD, 1);
    run(M_FREE_POOL_IN_USE, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_NBL_POOL_FREED_IN_USE), 1);
    run(M_DOUBLE_FREE_NBL, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_NBL_FREE_INVALID), 1);
    run(M_LEAK_NBL, LIFE);
    assert_int_equal(model_rule_count(RULE_NDIS_NBL_LEAKED), 1);
    run(0, "fail-alloc site=ndis-nbl-pool\n" LIFE);
    t_expect_quiet();
    run(0, "fail-alloc site=ndis-nbl\n" LIFE);
    t_expect_quiet();
}

/* [N8] NDIS returns an indicated list through MiniportReturnNetBufferLists,
 * but not one indicated with NDIS_RECEIVE_FLAGS_RESOURCES. */
static void N8_indicated_receives_come_back(void **state)
{
    (void)state;
    run(M_INDICATE, "load\ndevice-arrival\noid-request\n");
    assert_non_null(strstr(ContractLog, "oid@0 returned indicated"));
    run(M_INDICATE_RESOURCES, "load\ndevice-arrival\noid-request\n");
    assert_null(strstr(ContractLog, "returned"));
}

/* [N11] Surprise removal: the PnP notification, then the pause, then halt
 * with NdisHaltDeviceSurpriseRemoved. */
static void N11_surprise_removal_notifies_pauses_halts(void **state)
{
    (void)state;
    run(0, "load\ndevice-arrival\nsurprise-removal\nport-unload\n");
    assert_non_null(strstr(ContractLog, "pnp-surprise@0 pause@0 halt-surprise@0 unload@0"));
    t_expect_quiet();
}

/* [N12] Shutdown: MiniportShutdownEx at PASSIVE_LEVEL, then nothing, not
 * even unload. */
static void N12_shutdown_ends_everything(void **state)
{
    (void)state;
    run(0, "load\ndevice-arrival\nshutdown\ndevice-removal\nport-unload\n");
    assert_non_null(strstr(ContractLog, "restart@0 shutdown@0 "));
    assert_null(strstr(ContractLog, "halt"));
    assert_null(strstr(ContractLog, " unload@"));
    /* Shut down while a pause waits for the work item: time no longer
     * passes, so nothing completes it, and nothing is reported. */
    run(M_PAUSE_PENDS | M_COMPLETE_IN_WORK, "load\ndevice-arrival\npause\nshutdown\nrun workitem#0\n");
    assert_null(strstr(ContractLog, "work"));
    t_expect_quiet();
}

/* [N2] NDIS fills the header of what it passes (the initialize parameters)
 * and checks the header of what it is given (general attributes before the
 * registration attributes are refused). */
static void N2_headers_filled_and_checked(void **state)
{
    (void)state;
    run(0, LIFE);
    assert_non_null(strstr(ContractLog, "init-header"));
    assert_non_null(strstr(ContractLog, "general-first-refused"));
}

/* [N3] Each handler at its IRQL: a send and a reset at DISPATCH_LEVEL, the
 * rest at PASSIVE_LEVEL. */
static void N3_handlers_run_at_their_irql(void **state)
{
    (void)state;
    run(0, "load\ndevice-arrival\nsend\nreset\noid-request\ndevice-removal\nport-unload\n");
    assert_log("entry@0 ndis-unload init@0 init-header stack general-first-refused restart@0 send@2 "
               "reset@2 oid@0 pause@0 halt@0 unload@0 ");
}

/* [N7] A reset completed from inside MiniportResetEx is legal. */
static void N7_a_reset_completed_inside_is_legal(void **state)
{
    (void)state;
    run(M_STRAY_COMPLETIONS, "load\ndevice-arrival\nreset\n");
    t_expect_quiet();
}

/* [N13] NdisMGetDeviceProperty gives the PDO, the FDO and the next device:
 * the PDO at the bottom, the next device on it, NDIS's FDO on top. */
static void N13_device_objects_in_ndis_order(void **state)
{
    (void)state;
    run(0, "load\ndevice-arrival\n");
    assert_non_null(strstr(ContractLog, "stack"));
}

/* [N14] NDIS's spin lock is the kernel's: acquiring raises to
 * DISPATCH_LEVEL, releasing restores, and NdisFreeSpinLock evaluates
 * nothing (a driver may name a member that does not exist). */
static int evaluations;
static PNDIS_SPIN_LOCK counted(PNDIS_SPIN_LOCK l)
{
    evaluations++;
    return l;
}

static void N14_ndis_spin_locks_are_the_kernels(void **state)
{
    NDIS_SPIN_LOCK lock;

    (void)state;
    model_reset();
    NdisAllocateSpinLock(&lock);
    NdisAcquireSpinLock(&lock);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    NdisReleaseSpinLock(&lock);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    NdisFreeSpinLock(counted(&lock));
    assert_int_equal(evaluations, 0);
    (void)counted;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(N1_a_correct_miniport_lives_quietly),
        cmocka_unit_test(N1_bad_characteristics_are_refused),
        cmocka_unit_test(N5_no_halt_after_a_failed_initialize),
        cmocka_unit_test(N4_initialize_without_context_fails_the_adapter),
        cmocka_unit_test(N6_a_pause_returns_the_sends_first),
        cmocka_unit_test(N6_a_pended_pause_completes_while_ndis_waits),
        cmocka_unit_test(N7_a_pended_reset_must_complete),
        cmocka_unit_test(N5_no_halt_with_a_request_pending),
        cmocka_unit_test(N6_completions_nothing_waits_for),
        cmocka_unit_test(N5_the_registration_goes_before_the_image),
        cmocka_unit_test(N9_ndis_memory_has_its_own_leak_rule),
        cmocka_unit_test(N10_pools_and_their_lists),
        cmocka_unit_test(N8_indicated_receives_come_back),
        cmocka_unit_test(N11_surprise_removal_notifies_pauses_halts),
        cmocka_unit_test(N12_shutdown_ends_everything),
        cmocka_unit_test(N14_ndis_spin_locks_are_the_kernels),
        cmocka_unit_test(N2_headers_filled_and_checked),
        cmocka_unit_test(N3_handlers_run_at_their_irql),
        cmocka_unit_test(N7_a_reset_completed_inside_is_legal),
        cmocka_unit_test(N13_device_objects_in_ndis_order),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
