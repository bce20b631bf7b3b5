/*
 * test_portcls.c - PortCls as the port simulation plays it
 * (port_portcls.c) and the adapter's side of the contract, [R1]-[R9] in
 * docs/WDF-SEMANTICS.md: each check fires on the misuse and stays quiet on
 * correct use.
 *
 * The adapter is tests/drivers/portcls_contract: ContractMode() (here)
 * says what its routines do, ContractLog (its own) says what PortCls
 * called, in order, with the IRQL of each call ("start@0": PASSIVE_LEVEL),
 * and what the adapter saw (contract.c's opening comment lists the words).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/portcls_contract/contract.h"
#include "portcls.h"
#include "porttest.h"

extern char ContractLog[CONTRACT_LOG_BYTES];

static ULONG mode;

ULONG ContractMode(VOID);
ULONG ContractMode(VOID) { return mode; }

/* Runs the driver program `text` with the adapter in mode m, and the
 * run's injections `inject`. */
static void run_inject(ULONG m, const char *text, uint32_t inject)
{
    mode = m;
    t_port_run_inject(&uf_driver_under_test, text, inject);
    print_message("  log: %s\n", ContractLog);
}

static void run(ULONG m, const char *text)
{
    run_inject(m, text, 0);
}

static void assert_log(const char *expected)
{
    if (strcmp(ContractLog, expected) != 0) {
        print_message("  expected: %s\n", expected);
        fail();
    }
}

/* Whether the log holds `words`, in that order and next to each other. */
static void assert_logged(const char *words)
{
    if (strstr(ContractLog, words) == NULL) {
        print_message("  not logged: %s\n", words);
        fail();
    }
}

#define LIFE "load\ndevice-arrival\ndevice-removal\nport-unload\n"

/* What the correct adapter's start logs: its extension, resource list and
 * PDO; each miniport queried, initialized and described, and held by its
 * port; the topology port referenced by its creator, its miniport and its
 * registration, the WaveRT port by its creator and its registration; the
 * connection; the power management registration's reference on the
 * adapter object. */
#define STARTED                                                                          \
    "add@0 pnp-start@0 start@0 ext rl0 pdo topo-qi topo-init topo-desc topo-held "       \
    "topo-refs=3 topo-events topo-qi-resources=c000000d topo-is-port topo-qi-wave=c000000d " \
    "wave-qi wave-init wave-desc wave-held wave-refs=2 wave-resources conn pm-qi "       \
    "adapter-refs=2 "

/* Removal undoing it all explicitly: the power management registration's
 * reference goes at PcUnregisterAdapterPowerManagement, the connection,
 * then each subdevice, its port letting go of its miniport there. */
#define UNREGISTERED                                                                     \
    "adapter-refs=1 unreg-conn wave-free unreg-sub topo-free unreg-sub adapter-free removed "

/* [R1] [R2] [R4] [R5] [R6] A correct adapter's life: PcInitializeAdapterDriver
 * keeps AddDevice and leaves its dispatch and unload routines; AddDevice;
 * the start IRP to the driver's own dispatch, which forwards it to
 * PcDispatchIrp, which calls StartDevice; the removal IRPs in PnP's order;
 * the chained unload last. Every call at PASSIVE_LEVEL; nothing fires. */
static void R1_a_correct_adapter_lives_quietly(void **state)
{
    (void)state;
    run(0, LIFE);
    assert_log("entry@0 pc-unload add-kept dispatch " STARTED
               "pnp-query-remove@0 pnp-remove@0 " UNREGISTERED "unload@0 ");
    t_expect_quiet();
}

/* [R2] The chained unload: PortCls's unload routine first, then
 * WdfDriverMiniportUnload, once; guarded by the driver's own flag, a
 * second unload (injected) does nothing. */
static void R2_the_chained_unload_runs_once(void **state)
{
    (void)state;
    run(0, "load\nport-unload\n");
    assert_log("entry@0 pc-unload add-kept dispatch unload@0 ");
    assert_non_null(strstr(t_events(), "call WdfDriverMiniportUnload o1 driver"));
    t_expect_quiet();
    run_inject(0, LIFE, PORT_INJECT_DOUBLE_UNLOAD);
    assert_logged("removed unload@0 unload@0 ");
    t_expect_quiet();
}

/* [R2] [M6] Guarded by WdfGetDriver() != NULL, as SysVAD's DriverUnload
 * is, a second unload passes the guard: WdfGetDriver() still returns the
 * dangling handle, and WdfDriverMiniportUnload runs again. */
static void R2_a_get_driver_guard_does_not_guard(void **state)
{
    (void)state;
    run(M_GUARD_GET_DRIVER, LIFE);
    t_expect_quiet();
    run_inject(M_GUARD_GET_DRIVER, LIFE, PORT_INJECT_DOUBLE_UNLOAD);
    assert_logged("removed unload@0 unload@0 ");
    t_expect_only(RULE_DOUBLE_UNLOAD, 1);
}

/* [R3] PcAddAdapterDevice, PcDispatchIrp and PcGetPhysicalDeviceObject
 * are played: no ddi-not-modelled in a life that uses them. Given a
 * device object that is no FDO of PortCls's, PcGetPhysicalDeviceObject
 * fails with no PDO and says so; PcNewMiniport (PortCls's built-in
 * miniports) is not played. */
static void R3_pcadd_dispatch_and_pdo_are_played(void **state)
{
    DEVICE_OBJECT dev;
    PDEVICE_OBJECT pdo = &dev;
    PMINIPORT miniport = (PMINIPORT)&dev;

    (void)state;
    run(0, LIFE);
    assert_int_equal(model_rule_count(RULE_DDI_NOT_MODELLED), 0);
    memset(&dev, 0, sizeof dev);
    t_setup(NULL);
    assert_int_equal(PcGetPhysicalDeviceObject(&dev, &pdo), STATUS_INVALID_PARAMETER);
    assert_null(pdo);
    assert_int_equal(PcNewMiniport(&miniport, &CLSID_PortTopology), STATUS_NOT_IMPLEMENTED);
    assert_null(miniport);
    model_set_sink(NULL, NULL);
    t_expect_only(RULE_DDI_NOT_MODELLED, 2);
}

/* [R4] PcAddAdapterDevice fails as IoCreateDevice would when the FDO
 * cannot be made (site portcls-device): AddDevice returns the failure,
 * the device never starts, and nothing is left. */
static void R4_a_failed_pcadd_adds_nothing(void **state)
{
    (void)state;
    run(0, "fail-alloc site=portcls-device\n" LIFE);
    assert_log("entry@0 pc-unload add-kept dispatch add@0 add-status=c000009a unload@0 ");
    t_expect_quiet();
    /* a size between 1 and PORT_CLASS_DEVICE_EXTENSION_SIZE - 1 is illegal */
    run(M_SMALL_EXTENSION, LIFE);
    assert_log("entry@0 pc-unload add-kept dispatch add@0 add-status=c000000d unload@0 ");
    t_expect_quiet();
}

/* [R5] A failed StartDevice is followed by IRP_MN_REMOVE_DEVICE, with no
 * query-remove; so is a start whose resource list PortCls cannot make
 * (site portcls-resource-list), where StartDevice is never called. */
static void R5_a_failed_start_is_followed_by_removal(void **state)
{
    (void)state;
    run(M_START_FAILS, LIFE);
    assert_log("entry@0 pc-unload add-kept dispatch add@0 pnp-start@0 start@0 ext rl0 pdo "
               "start-status=c0000001 pnp-remove@0 removed unload@0 ");
    t_expect_quiet();
    run(0, "fail-alloc site=portcls-resource-list\n" LIFE);
    assert_log("entry@0 pc-unload add-kept dispatch add@0 pnp-start@0 start-status=c000009a "
               "pnp-remove@0 removed unload@0 ");
    t_expect_quiet();
}

/* [R6] A surprise removal is IRP_MN_SURPRISE_REMOVAL, then
 * IRP_MN_REMOVE_DEVICE; the unload removes a device still present first. */
static void R6_surprise_removal_then_removal(void **state)
{
    (void)state;
    run(0, "load\ndevice-arrival\nsurprise-removal\nport-unload\n");
    assert_logged("pnp-surprise@0 pnp-remove@0 adapter-refs=1");
    assert_null(strstr(ContractLog, "query-remove"));
    t_expect_quiet();
    run(0, "load\ndevice-arrival\nport-unload\n");
    assert_logged("pnp-query-remove@0 pnp-remove@0 " UNREGISTERED "unload@0 ");
    t_expect_quiet();
}

/* [R6] [R8] An adapter that only releases its own references at removal
 * (simpleaudiosample's): PortCls unregisters what is still registered at
 * IRP_MN_REMOVE_DEVICE, each port letting go of its miniport, and
 * releases the power management registration, so the adapter object and
 * the miniports are destroyed inside PcDispatchIrp. */
static void R6_portcls_unregisters_what_is_left_at_removal(void **state)
{
    (void)state;
    run(M_NO_UNREGISTER, LIFE);
    assert_logged("pnp-remove@0 wave-free topo-free adapter-free removed unload@0 ");
    t_expect_quiet();
}

/* [R7] A port answers QueryInterface for itself (IUnknown, IPort and its
 * kind's interface: the same pointer, referenced) and for its
 * unregistration interfaces, and fails for what it is not. */
static void R7_a_port_answers_for_its_interfaces(void **state)
{
    (void)state;
    run(0, LIFE);
    assert_logged("topo-events topo-qi-resources=c000000d topo-is-port topo-qi-wave=c000000d ");
    assert_logged("wave-desc wave-held wave-refs=2 wave-resources conn ");
    assert_logged("unreg-conn");
    assert_logged("unreg-sub");
    t_expect_quiet();
}

/* [R7] [R8] PcNewPort, IPort::Init and PcRegisterSubdevice fail with
 * STATUS_INSUFFICIENT_RESOURCES when their allocations do (sites
 * portcls-port, portcls-port-init, portcls-subdevice); the adapter's
 * start unwinds and nothing is left. IPort::Init fails after the
 * miniport's Init and lets go of the miniport. A miniport that keeps an
 * interface of its port, whose port is never registered, is let go of
 * when the adapter's references go ([R8]). */
static void R8_port_and_registration_failures_unwind(void **state)
{
    (void)state;
    run(M_NO_PORT_HOLD, "fail-alloc site=portcls-port\n" LIFE);
    assert_logged("pdo topo-port=c000009a adapter-free start-status=c000009a pnp-remove@0 ");
    t_expect_quiet();
    run(M_NO_PORT_HOLD, "fail-alloc site=portcls-port-init\n" LIFE);
    assert_logged("topo-qi topo-init topo-desc topo-init=c000009a topo-free adapter-free "
                  "start-status=c000009a ");
    t_expect_quiet();
    run(M_NO_PORT_HOLD, "fail-alloc site=portcls-subdevice\n" LIFE);
    assert_logged("topo-held topo-reg=c000009a topo-free adapter-free start-status=c000009a ");
    t_expect_quiet();
    /* a miniport holding its port: once the adapter's own references go,
     * the port's only ones left are the miniport's, and it lets go of the
     * miniport, which releases them: nothing leaks */
    run(0, "fail-alloc site=portcls-subdevice\n" LIFE);
    assert_logged("topo-held topo-reg=c000009a ");
    assert_logged("topo-free adapter-free start-status=c000009a ");
    t_expect_quiet();
}

/* [R8] PcRegisterSubdevice takes a reference on the port, and refuses
 * more subdevices than AddDevice's MaxObjects; the port lets go of its
 * miniport when its subdevice is unregistered, or when the port goes. */
static void R8_registration_references_the_port_up_to_max_objects(void **state)
{
    (void)state;
    run(0, LIFE);
    assert_logged("wave-held wave-refs=2 ");      /* creator and registration */
    assert_logged("unreg-conn wave-free unreg-sub"); /* at unregistration */
    t_expect_quiet();
    run(M_MAX_ONE, LIFE);
    assert_logged("wave-held wave-reg=c000009a topo-free unreg-sub wave-free adapter-free "
                  "start-status=c000009a pnp-remove@0 removed ");
    t_expect_quiet();
}

/* [R8] PcRegisterPhysicalConnection fails when its entry cannot be made
 * (site portcls-connection); the adapter unregisters its subdevices and
 * fails its start. */
static void R8_a_failed_connection_unwinds(void **state)
{
    (void)state;
    run(0, "fail-alloc site=portcls-connection\n" LIFE);
    assert_logged("wave-refs=2 wave-resources conn-reg=c000009a wave-free unreg-sub topo-free unreg-sub "
                  "adapter-free start-status=c000009a ");
    t_expect_quiet();
}

/* [R8] PcRegisterAdapterPowerManagement queries the adapter's object for
 * IAdapterPowerManagement and keeps that reference until
 * PcUnregisterAdapterPowerManagement (the explicit removal) or
 * IRP_MN_REMOVE_DEVICE (an adapter that never unregisters). */
static void R8_power_management_holds_the_adapter(void **state)
{
    (void)state;
    run(0, LIFE);
    assert_logged("pm-qi adapter-refs=2 pnp-query-remove@0 pnp-remove@0 adapter-refs=1 ");
    t_expect_quiet();
    run(M_NO_UNREGISTER, LIFE);
    assert_logged("adapter-refs=2 pnp-query-remove@0 pnp-remove@0 wave-free topo-free "
                  "adapter-free removed ");
    t_expect_quiet();
}

/* [R9] A port the adapter never releases still has a reference when the
 * image unloads: portcls-interface-leak, once. */
static void R9_a_port_never_released_leaks(void **state)
{
    (void)state;
    run(M_LEAK_PORT, LIFE);
    t_expect_only(RULE_PORTCLS_INTERFACE_LEAK, 1);
}

/* [R9] A port released once more than it was referenced, or called after
 * its last Release: portcls-release-past-zero, once; the call fails. */
static void R9_release_past_zero_and_calls_after_it(void **state)
{
    (void)state;
    run(M_RELEASE_TWICE, LIFE);
    t_expect_only(RULE_PORTCLS_RELEASE_PAST_ZERO, 1);
    run(M_CALL_AFTER_RELEASE, LIFE);
    assert_logged("topo-qi-after=c000000d ");
    t_expect_only(RULE_PORTCLS_RELEASE_PAST_ZERO, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(R1_a_correct_adapter_lives_quietly),
        cmocka_unit_test(R2_the_chained_unload_runs_once),
        cmocka_unit_test(R2_a_get_driver_guard_does_not_guard),
        cmocka_unit_test(R3_pcadd_dispatch_and_pdo_are_played),
        cmocka_unit_test(R4_a_failed_pcadd_adds_nothing),
        cmocka_unit_test(R5_a_failed_start_is_followed_by_removal),
        cmocka_unit_test(R6_surprise_removal_then_removal),
        cmocka_unit_test(R6_portcls_unregisters_what_is_left_at_removal),
        cmocka_unit_test(R7_a_port_answers_for_its_interfaces),
        cmocka_unit_test(R8_port_and_registration_failures_unwind),
        cmocka_unit_test(R8_registration_references_the_port_up_to_max_objects),
        cmocka_unit_test(R8_a_failed_connection_unwinds),
        cmocka_unit_test(R8_power_management_holds_the_adapter),
        cmocka_unit_test(R9_a_port_never_released_leaks),
        cmocka_unit_test(R9_release_past_zero_and_calls_after_it),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
