/*
 * test_dpcs.c - WDFDPC: what it needs to be created, the references it
 * holds, queueing and cancelling, the flush of its disposal, its callback's
 * IRQL and return checks, and deleting it from its own callback
 * (docs/WDF-SEMANTICS.md [K1]-[K7]).
 *
 * Each test builds a driver (o1) and a miniport device (o2) with the
 * testlib builders, plays the DPC dispatcher with model_dpc_run(), and
 * checks statuses, reference counts, states, the callback log and the
 * rules that fired: correct use stays quiet, each misuse raises exactly its
 * rule, and a bugcheck-severity rule halts the model.
 */
#include "testlib.h"

#include <string.h>

/* ---- what the driver's DPC callback does ---- */

enum action {
    ACT_NONE,
    ACT_DELETE_SELF,      /* WdfObjectDelete(self) */
    ACT_CANCEL_WAIT_SELF, /* WdfDpcCancel(self, TRUE) */
    ACT_CANCEL_SELF,      /* WdfDpcCancel(self, FALSE) after queueing itself again */
    ACT_KEEP_WAITLOCK,    /* acquire g.waitlock with a zero timeout, keep it */
    ACT_KEEP_SPINLOCK     /* acquire g.spinlock, keep it */
};

static struct {
    enum action act;          /* what the next callback does */
    WDFWAITLOCK waitlock;     /* ACT_KEEP_WAITLOCK */
    WDFSPINLOCK spinlock;     /* ACT_KEEP_SPINLOCK */
    BOOLEAN result;           /* what WdfDpcCancel returned inside */
    KIRQL irql;               /* IRQL the callback ran at */
    enum model_state state_after; /* own state after the action, inside */
} g;

static void cb_reset(enum action a)
{
    memset(&g, 0, sizeof(g));
    g.act = a;
    g.irql = 0xFF;
}

static void dpc_cb(WDFDPC d)
{
    struct model_object_info info;
    LONGLONG zero = 0;

    t_log("dpc o%u", t_id(d));
    g.irql = KeGetCurrentIrql();
    switch (g.act) {
    case ACT_DELETE_SELF:
        WdfObjectDelete(d);
        if (model_object_info(t_id(d), &info) == 0)
            g.state_after = info.state;
        break;
    case ACT_CANCEL_WAIT_SELF:
        g.result = WdfDpcCancel(d, TRUE);
        break;
    case ACT_CANCEL_SELF:
        WdfDpcEnqueue(d);
        g.result = WdfDpcCancel(d, FALSE);
        break;
    case ACT_KEEP_WAITLOCK:
        WdfWaitLockAcquire(g.waitlock, &zero);
        break;
    case ACT_KEEP_SPINLOCK:
        WdfSpinLockAcquire(g.spinlock);
        break;
    default:
        break;
    }
    t_log("dpc o%u returns", t_id(d));
}

/* cmocka setup: a fresh model and a callback that does nothing. */
static int setup(void **state)
{
    cb_reset(ACT_NONE);
    return t_setup(state);
}

/* ---- builders ---- */

/* WdfDpcCreate with recording cleanup/destroy under `parent`. */
static NTSTATUS make_dpc(WDFOBJECT parent, WDFDPC *d)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;

    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    t_attributes(&a, parent);
    *d = NULL;
    return WdfDpcCreate(&config, &a, d);
}

static WDFDPC dpc(WDFOBJECT parent)
{
    WDFDPC d;

    assert_int_equal(make_dpc(parent, &d), STATUS_SUCCESS);
    assert_non_null(d);
    return d;
}

static int pending(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info.pending;
}

/* ---- [K1] creation ---- */

static void K1_dpc_requires_a_parent(void **state)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDPC d = (WDFDPC)1;

    (void)state;
    t_driver();
    t_device(0);
    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    assert_int_equal(WdfDpcCreate(&config, NULL, &d), STATUS_WDF_PARENT_NOT_SPECIFIED);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    assert_int_equal(WdfDpcCreate(&config, &a, &d), STATUS_WDF_PARENT_NOT_SPECIFIED);
    assert_ptr_equal(d, (WDFDPC)1); /* written only on success */
    assert_int_equal(model_object_count(), 2);
    t_expect_quiet();
}

static void K1_dpc_needs_a_device_among_its_ancestors(void **state)
{
    WDFDRIVER drv;
    WDFOBJECT o;
    WDFDPC d;

    (void)state;
    drv = t_driver();
    t_device(0);
    o = t_object(NULL, WdfExecutionLevelInheritFromParent); /* under the driver */
    assert_int_equal(make_dpc(drv, &d), STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(make_dpc(o, &d), STATUS_INVALID_DEVICE_REQUEST);
    assert_null(d);
    assert_int_equal(model_object_count(), 3);
    assert_int_equal(t_refs(o), 1);
    t_expect_quiet();
}

static void K1_parent_may_be_any_object_under_a_device(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT o;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    o = t_object(dev, WdfExecutionLevelInheritFromParent);
    d = dpc(o);
    assert_int_equal(model_object_type(t_id(d)), TYPE_DPC);
    assert_ptr_equal(WdfDpcGetParentObject(d), o);
    t_expect_quiet();
}

static void K1_null_config_is_a_bugcheck(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    t_attributes(&a, dev);
    WdfDpcCreate(NULL, &a, &d);
    t_expect_only(RULE_NULL_PARAMETER, 1);
    assert_true(model_halted());
}

static void K1_bad_sizes_and_levels_are_refused(void **state)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    config.Size--;
    t_attributes(&a, dev);
    assert_int_equal(WdfDpcCreate(&config, &a, &d), STATUS_INFO_LENGTH_MISMATCH);
    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    a.Size--;
    assert_int_equal(WdfDpcCreate(&config, &a, &d), STATUS_INFO_LENGTH_MISMATCH);
    t_attributes(&a, dev);
    a.ExecutionLevel = WdfExecutionLevelPassive;
    assert_int_equal(WdfDpcCreate(&config, &a, &d), STATUS_WDF_EXECUTION_LEVEL_INVALID);
    assert_int_equal(model_object_count(), 2);
    t_expect_quiet();
}

static void K1_config_init_serializes_and_a_failed_allocation_fails_the_create(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_DPC_OBJECT};
    WDF_DPC_CONFIG config;
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    assert_int_equal(config.Size, sizeof(WDF_DPC_CONFIG));
    assert_true(config.AutomaticSerialization);
    assert_ptr_equal(config.EvtDpcFunc, dpc_cb);
    t_driver();
    dev = t_device(0);
    model_fault_arm(&plan);
    assert_int_equal(make_dpc(dev, &d), STATUS_INSUFFICIENT_RESOURCES);
    assert_null(d);
    assert_int_equal(model_faults_injected(), 1);
    assert_int_equal(model_object_count(), 2);
    assert_int_equal(t_refs(dev), 1);
    t_expect_quiet();
}

/* ---- [K2] references ---- */

static void K2_dpc_holds_refs_on_self_and_parent_until_disposed(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;
    int32_t before;

    (void)state;
    t_driver();
    dev = t_device(0);
    before = t_refs(dev);
    d = dpc(dev);
    assert_int_equal(t_refs(d), 2);
    assert_int_equal(t_refs(dev), before + 1);
    WdfObjectReference(d);
    WdfObjectDelete(d);
    assert_int_equal(t_state(d), STATE_DISPOSED);
    assert_int_equal(t_refs(d), 1); /* the driver's own */
    assert_int_equal(t_refs(dev), before);
    assert_null(WdfDpcGetParentObject(d)); /* m_Object cleared by the rundown */
    WdfObjectDereference(d);
    assert_int_equal(t_state(d), STATE_FREED);
    t_expect_log("cleanup o3", "destroy o3", NULL);
    t_expect_quiet();
}

/* ---- [K3] enqueue and cancel ---- */

static void K3_enqueue_answers_whether_it_was_queued_and_takes_no_reference(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    assert_true(WdfDpcEnqueue(d));
    assert_int_equal(pending(d), 1);
    assert_int_equal(t_refs(d), 2);
    assert_false(WdfDpcEnqueue(d));
    assert_int_equal(model_dpc_run(d), 1);
    assert_int_equal(model_dpc_run(d), 0); /* ran once for both */
    assert_int_equal(pending(d), 0);
    t_expect_log("dpc o3", "dpc o3 returns", NULL);
    t_expect_quiet();
}

static void K3_cancel_removes_a_queued_dpc(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    assert_false(WdfDpcCancel(d, FALSE)); /* nothing queued */
    WdfDpcEnqueue(d);
    assert_true(WdfDpcCancel(d, TRUE));
    assert_int_equal(pending(d), 0);
    assert_int_equal(model_dpc_run(d), 0);
    t_expect_log(NULL);
    t_expect_quiet();
}

static void K3_cancel_with_wait_above_passive_is_refused_and_leaves_it_queued(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    model_set_irql(DISPATCH_LEVEL);
    assert_false(WdfDpcCancel(d, TRUE));
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    assert_false(model_halted());
    assert_int_equal(pending(d), 1);
    assert_true(WdfDpcCancel(d, FALSE)); /* no wait: any IRQL */
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

static void K3_waiting_cancel_with_nothing_queued_flushes(void **state)
{
    WDFDEVICE dev;
    WDFDPC a, b;

    (void)state;
    t_driver();
    dev = t_device(0);
    a = dpc(dev);
    b = dpc(dev);
    WdfDpcEnqueue(b);
    assert_false(WdfDpcCancel(a, TRUE)); /* KeFlushQueuedDpcs: b runs */
    assert_int_equal(pending(b), 0);
    t_expect_log("dpc o4", "dpc o4 returns", NULL);
    t_expect_quiet();
}

/* ---- [K4] disposal flushes ---- */

static void K4_queued_dpc_runs_inside_its_disposal_before_cleanup(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;
    int32_t before;

    (void)state;
    t_driver();
    dev = t_device(0);
    before = t_refs(dev);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    WdfObjectDelete(d);
    t_expect_log("dpc o3", "dpc o3 returns", "cleanup o3", "destroy o3", NULL);
    assert_int_equal(t_state(d), STATE_FREED);
    assert_int_equal(t_refs(dev), before);
    t_expect_quiet();
}

static void K4_dpc_is_passive_dispose_and_the_device_delete_flushes_it(void **state)
{
    struct model_object_info info;
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    assert_int_equal(model_object_info(t_id(d), &info), 0);
    assert_true(info.passive_dispose);
    WdfDpcEnqueue(d);
    WdfObjectDelete(dev);
    assert_true(t_log_index("dpc o3 returns") < t_log_index("cleanup o3"));
    assert_true(t_log_index("cleanup o3") < t_log_index("cleanup o2"));
    assert_int_equal(t_state(d), STATE_FREED);
    assert_int_equal(t_state(dev), STATE_FREED);
    t_expect_quiet();
}

/* ---- [K5] the callback ---- */

static void K5_callback_runs_at_dispatch_level(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    assert_int_equal(model_dpc_run(d), 1);
    assert_int_equal(g.irql, DISPATCH_LEVEL);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    t_expect_quiet();
}

static void K5_callback_keeping_a_wait_lock_changes_the_apc_disable_count(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    cb_reset(ACT_KEEP_WAITLOCK);
    t_driver();
    dev = t_device(0);
    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &g.waitlock), STATUS_SUCCESS);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    model_dpc_run(d);
    t_expect_only(RULE_DPC_APC_DISABLE_CHANGED, 1);
    assert_true(model_halted());
}

static void K5_callback_keeping_a_spin_lock_is_reported(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    cb_reset(ACT_KEEP_SPINLOCK);
    t_driver();
    dev = t_device(0);
    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &g.spinlock), STATUS_SUCCESS);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    model_dpc_run(d);
    t_expect_only(RULE_CALLBACK_LOCK_HELD, 1);
}

static void K5_callback_may_queue_itself_again(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    cb_reset(ACT_CANCEL_SELF);
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    assert_int_equal(model_dpc_run(d), 1);
    assert_true(g.result); /* it queued itself, then removed that */
    assert_int_equal(pending(d), 0);
    t_expect_quiet();
}

/* ---- [K6] its own callback ---- */

static void K6_deleting_the_dpc_from_its_callback_is_deferred(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;
    int32_t before;

    (void)state;
    cb_reset(ACT_DELETE_SELF);
    t_driver();
    dev = t_device(0);
    before = t_refs(dev);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    assert_int_equal(model_dpc_run(d), 1);
    assert_int_equal(g.state_after, STATE_DEFERRED);
    assert_int_equal(model_deferred_pending(), 1);
    assert_int_equal(t_log_index("cleanup o3"), -1);
    assert_int_equal(model_run_deferred(), 1);
    assert_int_equal(t_state(d), STATE_FREED);
    assert_int_equal(t_refs(dev), before);
    assert_true(t_log_index("dpc o3 returns") < t_log_index("cleanup o3"));
    t_expect_quiet();
}

static void K6_waiting_cancel_from_its_callback_is_irql_too_high(void **state)
{
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    cb_reset(ACT_CANCEL_WAIT_SELF);
    t_driver();
    dev = t_device(0);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    assert_int_equal(model_dpc_run(d), 1);
    assert_false(g.result);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* ---- [K7] the KDPC ---- */

static void K7_wdm_get_dpc_returns_one_kdpc_per_dpc(void **state)
{
    WDFDEVICE dev;
    WDFDPC a, b;
    PKDPC ka;

    (void)state;
    t_driver();
    dev = t_device(0);
    a = dpc(dev);
    b = dpc(dev);
    ka = WdfDpcWdmGetDpc(a);
    assert_non_null(ka);
    assert_ptr_equal(WdfDpcWdmGetDpc(a), ka);
    assert_ptr_not_equal(WdfDpcWdmGetDpc(b), ka);
    model_set_irql(HIGH_LEVEL); /* any IRQL */
    assert_ptr_equal(WdfDpcWdmGetDpc(a), ka);
    assert_ptr_equal(WdfDpcGetParentObject(a), dev);
    assert_true(WdfDpcEnqueue(a));
    t_expect_quiet();
}

/* A miniport's halt deletes its device: a DPC still queued runs then, and
 * nothing of it is left for the unload. */
static void K7_a_dpc_left_queued_goes_with_its_device_at_halt(void **state)
{
    WDFDRIVER drv;
    WDFDEVICE dev;
    WDFDPC d;

    (void)state;
    drv = t_driver();
    dev = t_device(0);
    d = dpc(dev);
    WdfDpcEnqueue(d);
    WdfObjectDelete(dev);
    WdfDriverMiniportUnload(drv);
    assert_int_equal(t_state(d), STATE_FREED);
    assert_int_equal(t_state(dev), STATE_FREED);
    assert_true(t_log_index("dpc o3 returns") < t_log_index("cleanup o3"));
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(K1_dpc_requires_a_parent, setup),
        cmocka_unit_test_setup(K1_dpc_needs_a_device_among_its_ancestors, setup),
        cmocka_unit_test_setup(K1_parent_may_be_any_object_under_a_device, setup),
        cmocka_unit_test_setup(K1_null_config_is_a_bugcheck, setup),
        cmocka_unit_test_setup(K1_bad_sizes_and_levels_are_refused, setup),
        cmocka_unit_test_setup(K1_config_init_serializes_and_a_failed_allocation_fails_the_create, setup),
        cmocka_unit_test_setup(K2_dpc_holds_refs_on_self_and_parent_until_disposed, setup),
        cmocka_unit_test_setup(K3_enqueue_answers_whether_it_was_queued_and_takes_no_reference, setup),
        cmocka_unit_test_setup(K3_cancel_removes_a_queued_dpc, setup),
        cmocka_unit_test_setup(K3_cancel_with_wait_above_passive_is_refused_and_leaves_it_queued, setup),
        cmocka_unit_test_setup(K3_waiting_cancel_with_nothing_queued_flushes, setup),
        cmocka_unit_test_setup(K4_queued_dpc_runs_inside_its_disposal_before_cleanup, setup),
        cmocka_unit_test_setup(K4_dpc_is_passive_dispose_and_the_device_delete_flushes_it, setup),
        cmocka_unit_test_setup(K5_callback_runs_at_dispatch_level, setup),
        cmocka_unit_test_setup(K5_callback_keeping_a_wait_lock_changes_the_apc_disable_count, setup),
        cmocka_unit_test_setup(K5_callback_keeping_a_spin_lock_is_reported, setup),
        cmocka_unit_test_setup(K5_callback_may_queue_itself_again, setup),
        cmocka_unit_test_setup(K6_deleting_the_dpc_from_its_callback_is_deferred, setup),
        cmocka_unit_test_setup(K6_waiting_cancel_from_its_callback_is_irql_too_high, setup),
        cmocka_unit_test_setup(K7_wdm_get_dpc_returns_one_kdpc_per_dpc, setup),
        cmocka_unit_test_setup(K7_a_dpc_left_queued_goes_with_its_device_at_halt, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
