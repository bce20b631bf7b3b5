/*
 * test_timers.c - WDFTIMER and WDFWORKITEM: what they need to be created,
 * the references they hold, how disposal stops them, and the callbacks that
 * wait for themselves (docs/WDF-SEMANTICS.md [T1]-[T5], and the choice [C4]
 * makes between the documentation and the source for self-waits).
 *
 * Each test builds a small tree under a driver and a miniport device with
 * the testlib builders, plays time with model_timer_fire() and
 * model_workitem_run(), and checks the statuses the DDIs return, the
 * reference counts and states the model reports, the callback log, and the
 * rules that fired: correct use must stay quiet, each misuse must raise
 * exactly its rule, and a bugcheck-severity rule must halt the model.
 *
 * Object ids are handed out in creation order, so the driver is o1 and the
 * first device o2 in every test; the tests assert the ids they rely on.
 */
#include "testlib.h"

#include <string.h>

/* ---- what the driver's timer and work item callbacks do ---- */

enum action {
    ACT_NONE,
    ACT_STOP_WAIT,     /* WdfTimerStop(self, TRUE) */
    ACT_STOP_NOWAIT,   /* WdfTimerStop(self, FALSE) */
    ACT_DELETE_SELF,   /* WdfObjectDelete(self) */
    ACT_DELETE_TARGET, /* WdfObjectDelete(g.target) */
    ACT_FLUSH_SELF,    /* WdfWorkItemFlush(self) */
    ACT_REQUEUE_SELF,  /* WdfWorkItemEnqueue(self) while g.requeues > 0 */
    ACT_STOP_WAIT_THEN_START, /* WdfTimerStop(self, TRUE), then WdfTimerStart(self) */
    ACT_FIRE_SELF_THEN_STOP_WAIT, /* once: start and fire self (nested), then stop with wait */
    ACT_START_THEN_STOP_WAIT, /* WdfTimerStart(self), then WdfTimerStop(self, TRUE) */
    ACT_RECORD         /* only record_self() */
};

static struct {
    enum action act;          /* what the next callback does */
    WDFOBJECT target;         /* ACT_DELETE_TARGET */
    int requeues;             /* ACT_REQUEUE_SELF budget */
    BOOLEAN stop_result;      /* what WdfTimerStop returned inside */
    BOOLEAN start_result;     /* what WdfTimerStart returned inside */
    KIRQL irql;               /* IRQL the callback ran at */
    int32_t refs_after;       /* own refs after the action, inside */
    enum model_state state_after; /* own state after the action, inside */
} g;

static void cb_reset(enum action a)
{
    memset(&g, 0, sizeof(g));
    g.act = a;
    g.irql = 0xFF;
}

/* Records the caller's own state and references (inside a callback). */
static void record_self(WDFOBJECT self)
{
    struct model_object_info info;

    if (model_object_info(t_id(self), &info) == 0) {
        g.refs_after = info.refs;
        g.state_after = info.state;
    }
}

static void timer_cb(WDFTIMER t)
{
    t_log("timer o%u", t_id(t));
    g.irql = KeGetCurrentIrql();
    switch (g.act) {
    case ACT_STOP_WAIT:
        g.stop_result = WdfTimerStop(t, TRUE);
        break;
    case ACT_STOP_NOWAIT:
        g.stop_result = WdfTimerStop(t, FALSE);
        break;
    case ACT_STOP_WAIT_THEN_START:
        g.stop_result = WdfTimerStop(t, TRUE);
        g.start_result = WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
        break;
    case ACT_START_THEN_STOP_WAIT:
        g.start_result = WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
        g.stop_result = WdfTimerStop(t, TRUE);
        break;
    case ACT_FIRE_SELF_THEN_STOP_WAIT:
        if (g.requeues > 0) {
            g.requeues--;
            WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
            model_timer_fire(t); /* the callback again, as on another processor */
            g.stop_result = WdfTimerStop(t, TRUE);
        }
        break;
    case ACT_DELETE_SELF:
        WdfObjectDelete(t);
        record_self(t);
        break;
    case ACT_DELETE_TARGET:
        WdfObjectDelete(g.target);
        break;
    default:
        break;
    }
    t_log("timer o%u returns", t_id(t));
}

static void work_cb(WDFWORKITEM w)
{
    t_log("work o%u", t_id(w));
    g.irql = KeGetCurrentIrql();
    switch (g.act) {
    case ACT_FLUSH_SELF:
        WdfWorkItemFlush(w);
        break;
    case ACT_DELETE_SELF:
        WdfObjectDelete(w);
        record_self(w);
        break;
    case ACT_DELETE_TARGET:
        WdfObjectDelete(g.target);
        record_self(w);
        break;
    case ACT_RECORD:
        record_self(w);
        break;
    case ACT_REQUEUE_SELF:
        if (g.requeues > 0) {
            g.requeues--;
            WdfWorkItemEnqueue(w);
        }
        break;
    default:
        break;
    }
    t_log("work o%u returns", t_id(w));
}

/* A work item's EvtCleanupCallback that enqueues the item again. */
static void work_cleanup_enqueue(WDFOBJECT o)
{
    t_log("cleanup o%u", t_id(o));
    WdfWorkItemEnqueue((WDFWORKITEM)o);
}

/* ---- builders ---- */

/* WdfTimerCreate with recording cleanup/destroy under `parent`; period 0
 * makes a one-shot timer. */
static NTSTATUS make_timer(WDFOBJECT parent, LONG period, WDF_EXECUTION_LEVEL exec,
                           WDFTIMER *t)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;

    if (period)
        WDF_TIMER_CONFIG_INIT_PERIODIC(&config, timer_cb, period);
    else
        WDF_TIMER_CONFIG_INIT(&config, timer_cb);
    t_attributes(&a, parent);
    a.ExecutionLevel = exec;
    *t = NULL;
    return WdfTimerCreate(&config, &a, t);
}

static WDFTIMER timer(WDFOBJECT parent, LONG period, WDF_EXECUTION_LEVEL exec)
{
    WDFTIMER t;

    assert_int_equal(make_timer(parent, period, exec, &t), STATUS_SUCCESS);
    assert_non_null(t);
    return t;
}

/* WdfWorkItemCreate with recording cleanup/destroy under `parent`. */
static NTSTATUS make_work(WDFOBJECT parent, PFN_WDF_WORKITEM fn, WDFWORKITEM *w)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;

    WDF_WORKITEM_CONFIG_INIT(&config, fn);
    t_attributes(&a, parent);
    *w = NULL;
    return WdfWorkItemCreate(&config, &a, w);
}

static WDFWORKITEM work(WDFOBJECT parent)
{
    WDFWORKITEM w;

    assert_int_equal(make_work(parent, work_cb, &w), STATUS_SUCCESS);
    assert_non_null(w);
    return w;
}

static struct model_object_info info_of(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info;
}

/* A driver-chosen reference tag. */
static const char tag_a[] = "a";

/* ================================ [T1] ================================ */

/* [T1] A timer's parent must have a device among its ancestors. */
static void T1_timer_needs_device_ancestor(void **state)
{
    WDFDRIVER d;
    WDFDEVICE dev;
    WDFOBJECT loose;
    WDFTIMER t;
    uint32_t n;

    (void)state;
    d = t_driver();
    dev = t_device(0);
    loose = t_object(NULL, WdfExecutionLevelInheritFromParent); /* under the driver */
    n = model_object_count();

    assert_int_equal(make_timer(d, 0, WdfExecutionLevelInheritFromParent, &t),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_null(t);
    assert_int_equal(make_timer(loose, 0, WdfExecutionLevelInheritFromParent, &t),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_null(t);
    /* The failed creations left no object behind and ran no callback [D3]. */
    assert_int_equal(model_object_count(), n);
    assert_int_equal(t_refs(loose), 1);
    assert_int_equal(t_refs(d), 1);
    t_expect_log(NULL);

    assert_int_equal(make_timer(dev, 0, WdfExecutionLevelInheritFromParent, &t),
                     STATUS_SUCCESS);
    assert_non_null(t);
    assert_int_equal(info_of(t).type, TYPE_TIMER);
    assert_int_equal(info_of(t).parent, t_id(dev));
    t_expect_quiet();
}

/* [T1] A timer requires a ParentObject: none is STATUS_WDF_PARENT_NOT_SPECIFIED. */
static void T1_timer_requires_parent(void **state)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFTIMER t = NULL;
    uint32_t n;

    (void)state;
    t_driver();
    t_device(0);
    n = model_object_count();
    WDF_TIMER_CONFIG_INIT(&config, timer_cb);

    assert_int_equal(WdfTimerCreate(&config, WDF_NO_OBJECT_ATTRIBUTES, &t),
                     STATUS_WDF_PARENT_NOT_SPECIFIED);
    t_attributes(&a, NULL);
    assert_int_equal(WdfTimerCreate(&config, &a, &t), STATUS_WDF_PARENT_NOT_SPECIFIED);
    assert_null(t);
    assert_int_equal(model_object_count(), n);
    t_expect_log(NULL);
    t_expect_quiet();
}

/* [T1] A work item's parent must have a device among its ancestors. */
static void T1_workitem_needs_device_ancestor(void **state)
{
    WDFDRIVER d;
    WDFDEVICE dev;
    WDFOBJECT loose;
    WDFWORKITEM w;
    uint32_t n;

    (void)state;
    d = t_driver();
    dev = t_device(0);
    loose = t_object(NULL, WdfExecutionLevelInheritFromParent);
    n = model_object_count();

    assert_int_equal(make_work(d, work_cb, &w), STATUS_INVALID_DEVICE_REQUEST);
    assert_null(w);
    assert_int_equal(make_work(loose, work_cb, &w), STATUS_INVALID_DEVICE_REQUEST);
    assert_null(w);
    assert_int_equal(model_object_count(), n);
    assert_int_equal(t_refs(loose), 1);
    t_expect_log(NULL);

    assert_int_equal(make_work(dev, work_cb, &w), STATUS_SUCCESS);
    assert_non_null(w);
    assert_int_equal(info_of(w).type, TYPE_WORKITEM);
    assert_int_equal(info_of(w).parent, t_id(dev));
    t_expect_quiet();
}

/* [T1] A work item requires a ParentObject: none is STATUS_WDF_PARENT_NOT_SPECIFIED. */
static void T1_workitem_requires_parent(void **state)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFWORKITEM w = NULL;
    uint32_t n;

    (void)state;
    t_driver();
    t_device(0);
    n = model_object_count();
    WDF_WORKITEM_CONFIG_INIT(&config, work_cb);

    assert_int_equal(WdfWorkItemCreate(&config, WDF_NO_OBJECT_ATTRIBUTES, &w),
                     STATUS_WDF_PARENT_NOT_SPECIFIED);
    t_attributes(&a, NULL);
    assert_int_equal(WdfWorkItemCreate(&config, &a, &w), STATUS_WDF_PARENT_NOT_SPECIFIED);
    assert_null(w);
    assert_int_equal(model_object_count(), n);
    t_expect_quiet();
}

/* [T1] A work item needs a callback: none is STATUS_INVALID_PARAMETER. */
static void T1_workitem_needs_callback(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;
    uint32_t n;

    (void)state;
    t_driver();
    dev = t_device(0);
    n = model_object_count();

    assert_int_equal(make_work(dev, NULL, &w), STATUS_INVALID_PARAMETER);
    assert_null(w);
    assert_int_equal(model_object_count(), n);
    assert_int_equal(t_refs(dev), 1);
    t_expect_log(NULL);
    t_expect_quiet();
}

/* [T1] A periodic timer with passive execution level is STATUS_NOT_SUPPORTED. */
static void T1_periodic_passive_timer_not_supported(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;
    uint32_t n;

    (void)state;
    t_driver();
    dev = t_device(0);
    n = model_object_count();

    assert_int_equal(make_timer(dev, 100, WdfExecutionLevelPassive, &t), STATUS_NOT_SUPPORTED);
    assert_null(t);
    assert_int_equal(model_object_count(), n);
    assert_int_equal(t_refs(dev), 1);
    t_expect_quiet();

    /* One-shot passive, periodic dispatch and periodic inherit are fine. */
    assert_int_equal(make_timer(dev, 0, WdfExecutionLevelPassive, &t), STATUS_SUCCESS);
    assert_int_equal(make_timer(dev, 100, WdfExecutionLevelDispatch, &t), STATUS_SUCCESS);
    assert_int_equal(make_timer(dev, 100, WdfExecutionLevelInheritFromParent, &t),
                     STATUS_SUCCESS);
    assert_int_equal(model_object_count(), n + 3);
    t_expect_quiet();
}

/* [T1] The device may be any ancestor: a generic object under a device parents both. */
static void T1_parent_may_be_any_object_under_a_device(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT mid, low;
    WDFTIMER t;
    WDFWORKITEM w;

    (void)state;
    t_driver();
    dev = t_device(0);
    mid = t_object(dev, WdfExecutionLevelInheritFromParent);
    low = t_object(mid, WdfExecutionLevelInheritFromParent);

    t = timer(low, 0, WdfExecutionLevelInheritFromParent);
    w = work(low);
    assert_ptr_equal(WdfTimerGetParentObject(t), low);
    assert_ptr_equal(WdfWorkItemGetParentObject(w), low);
    assert_int_equal(info_of(t).parent, t_id(low));
    assert_int_equal(info_of(w).parent, t_id(low));
    t_expect_quiet();
}

/* ================================ [T2] ================================ */

/* [T2] A timer holds a reference on itself and on its parent until it is disposed. */
static void T2_timer_holds_refs_on_self_and_parent_until_disposed(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    t_driver();
    dev = t_device(0);
    assert_int_equal(t_refs(dev), 1);

    t = timer(dev, 0, WdfExecutionLevelInheritFromParent);
    assert_int_equal(t_id(t), 3);
    assert_int_equal(t_refs(t), 2);      /* creation + its own */
    assert_int_equal(info_of(t).ntags, 2);
    assert_int_equal(t_refs(dev), 2);    /* creation + the timer's */
    assert_int_equal(info_of(dev).ntags, 2);

    /* A driver reference keeps the timer past its disposal: the timer's own
     * references must be gone at dispose, not at destroy. */
    WdfObjectReferenceWithTag(t, (PVOID)tag_a);
    assert_int_equal(t_refs(t), 3);
    WdfObjectDelete(t);
    assert_int_equal(t_state(t), STATE_DISPOSED);
    assert_int_equal(t_refs(t), 1);      /* only the driver's */
    assert_int_equal(info_of(t).ntags, 1);
    assert_int_equal(t_refs(dev), 1);    /* the parent got its reference back */
    assert_int_equal(info_of(dev).ntags, 1);
    t_expect_log("cleanup o3", NULL);

    WdfObjectDereferenceWithTag(t, (PVOID)tag_a);
    assert_int_equal(t_state(t), STATE_FREED);
    t_expect_log("cleanup o3", "destroy o3", NULL);
    t_expect_quiet();
}

/* [T2] A work item holds a reference on itself and on its parent until it is disposed. */
static void T2_workitem_holds_refs_on_self_and_parent_until_disposed(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT parent;
    WDFWORKITEM w;

    (void)state;
    t_driver();
    dev = t_device(0);
    parent = t_object(dev, WdfExecutionLevelInheritFromParent);
    assert_int_equal(t_refs(parent), 1);

    w = work(parent);
    assert_int_equal(t_id(w), 4);
    assert_int_equal(t_refs(w), 2);
    assert_int_equal(t_refs(parent), 2);
    assert_int_equal(t_refs(dev), 1); /* only the direct parent is referenced */

    WdfObjectReferenceWithTag(w, (PVOID)tag_a);
    WdfObjectDelete(w);
    assert_int_equal(t_state(w), STATE_DISPOSED);
    assert_int_equal(t_refs(w), 1);
    assert_int_equal(t_refs(parent), 1);
    t_expect_log("cleanup o4", NULL);

    WdfObjectDereferenceWithTag(w, (PVOID)tag_a);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(t_state(parent), STATE_CREATED);
    t_expect_log("cleanup o4", "destroy o4", NULL);
    t_expect_quiet();
}

/* [T2] Deleting the parent disposes its timer and work item, which give back their references. */
static void T2_refs_dropped_when_parent_device_deleted(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;
    WDFWORKITEM w;

    (void)state;
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelInheritFromParent);
    w = work(dev);
    assert_int_equal(t_refs(dev), 3);
    assert_int_equal(t_device_objects[0].ReferenceCount, 1);

    WdfObjectDelete(dev);
    assert_int_equal(t_state(t), STATE_FREED);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(t_state(dev), STATE_FREED);
    assert_int_equal(t_device_objects[0].ReferenceCount, 0);
    /* Children are disposed before the device, destroyed before it too. */
    assert_true(t_log_index("cleanup o3") < t_log_index("cleanup o2"));
    assert_true(t_log_index("cleanup o4") < t_log_index("cleanup o2"));
    assert_true(t_log_index("destroy o3") < t_log_index("destroy o2"));
    assert_true(t_log_index("destroy o4") < t_log_index("destroy o2"));
    assert_int_equal(model_live_objects(), 1); /* the driver */
    t_expect_quiet();
}

/* ================================ [T3] ================================ */

/* [T3] A started timer fires once; a stopped one does not fire. */
/* model_object_info()'s `pending` for handle h. */
static int pending(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(model_handle_id(h), &info), 0);
    return info.pending;
}

static void T3_stopped_timer_does_not_fire(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelInheritFromParent);

    assert_int_equal(model_timer_fire(t), 0); /* never started */
    assert_int_equal(pending(t), 0);
    assert_false(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10)));
    assert_true(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10))); /* was already queued */
    assert_int_equal(pending(t), 1); /* what the introspection shows */
    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(pending(t), 0);
    assert_int_equal(g.irql, DISPATCH_LEVEL);
    assert_int_equal(model_timer_fire(t), 0); /* one-shot: expired */

    assert_false(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10)));
    assert_true(WdfTimerStop(t, FALSE));      /* it was queued */
    assert_false(WdfTimerStop(t, TRUE));      /* no longer */
    assert_int_equal(model_timer_fire(t), 0);
    t_expect_log("timer o3", "timer o3 returns", NULL);
    t_expect_quiet();
}

/* [T3] Disposing a timer stops it: a started timer never fires after its delete. */
static void T3_disposed_timer_never_fires(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t, other;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelInheritFromParent);
    other = timer(dev, 0, WdfExecutionLevelInheritFromParent);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    WdfTimerStart(other, WDF_REL_TIMEOUT_IN_MS(10));

    WdfObjectReferenceWithTag(t, (PVOID)tag_a); /* keep the handle valid */
    WdfObjectDelete(t);
    assert_int_equal(t_state(t), STATE_DISPOSED);
    assert_int_equal(model_timer_fire(t), 0);
    assert_int_equal(model_timer_fire(other), 1); /* the control still fires */
    WdfObjectDereferenceWithTag(t, (PVOID)tag_a);
    assert_int_equal(model_timer_fire(t), 0);
    t_expect_log("cleanup o3", "timer o4", "timer o4 returns", "destroy o3", NULL);
    t_expect_quiet();
}

/* [T3] A periodic timer fires until disposed, never after. */
static void T3_disposed_periodic_timer_never_fires_again(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 50, WdfExecutionLevelInheritFromParent);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(50));
    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(model_timer_fire(t), 1); /* periodic: still queued */

    WdfObjectDelete(t);
    assert_int_equal(t_state(t), STATE_FREED);
    assert_int_equal(model_timer_fire(t), 0);
    t_expect_log("timer o3", "timer o3 returns", "timer o3", "timer o3 returns", "cleanup o3",
                 "destroy o3", NULL);
    t_expect_quiet();
}

/* [T3] Deleting the device disposes its started child timer: it never fires. */
static void T3_device_delete_stops_child_timer(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 100, WdfExecutionLevelInheritFromParent);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(100));

    WdfObjectDelete(dev);
    assert_int_equal(t_state(t), STATE_FREED);
    assert_int_equal(model_timer_fire(t), 0);
    t_expect_log("cleanup o3", "cleanup o2", "destroy o3", "destroy o2", NULL);
    t_expect_quiet();
}

/* [T3] Starting a timer that is being disposed is refused (verifier break). */
static void T3_start_on_disposed_timer_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelInheritFromParent);
    WdfObjectReferenceWithTag(t, (PVOID)tag_a);
    WdfObjectDelete(t);
    t_expect_quiet();

    assert_false(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10)));
    t_expect_only(RULE_TIMER_START_DISPOSING, 1);
    t_expect_events_in_order("call WdfTimerStart o3 timer",
                             "violation timer-start-disposing break o3 timer in WdfTimerStart",
                             "return WdfTimerStart STATUS_DELETE_PENDING", NULL);
    assert_int_equal(model_timer_fire(t), 0);
    assert_int_equal(model_halted(), 0); /* a break: the run carries on */
    WdfObjectDereferenceWithTag(t, (PVOID)tag_a);
    assert_int_equal(t_state(t), STATE_FREED);
    t_expect_log("cleanup o3", "destroy o3", NULL);
    t_expect_only(RULE_TIMER_START_DISPOSING, 1);
}

/* [T3] Disposing a work item flushes it: a queued callback runs inside the disposal. */
static void T3_queued_workitem_runs_inside_its_disposal(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfWorkItemEnqueue(w);
    t_expect_log(NULL);

    WdfObjectDelete(w);
    t_expect_log("work o3", "work o3 returns", "cleanup o3", "destroy o3", NULL);
    t_expect_events_in_order("call WdfObjectDelete o3 workitem",
                             "callback o3 workitem EvtWorkItemFunc", "cleanup o3 workitem",
                             "destroy o3 workitem", "return WdfObjectDelete", NULL);
    assert_int_equal(g.irql, PASSIVE_LEVEL);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(model_workitem_run(w), 0); /* never again */
    assert_int_equal(t_refs(dev), 1);
    t_expect_quiet();
}

/* [T3] Deleting the device flushes its queued child work item before disposing the device. */
static void T3_queued_workitem_runs_when_device_deleted(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfWorkItemEnqueue(w);

    WdfObjectDelete(dev);
    t_expect_log("work o3", "work o3 returns", "cleanup o3", "cleanup o2", "destroy o3",
                 "destroy o2", NULL);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(model_workitem_run(w), 0);
    t_expect_quiet();
}

/* [T3] WdfWorkItemFlush runs a queued callback and returns after it; the item is then idle. */
static void T3_flush_runs_queued_workitem(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfWorkItemFlush(w); /* nothing queued: nothing runs */
    t_expect_log(NULL);

    assert_int_equal(pending(w), 0);
    WdfWorkItemEnqueue(w);
    assert_int_equal(t_refs(w), 3); /* the enqueue holds one */
    assert_int_equal(pending(w), 1);
    WdfWorkItemFlush(w);
    t_expect_log("work o3", "work o3 returns", NULL);
    assert_int_equal(t_refs(w), 2);
    assert_int_equal(pending(w), 0);
    assert_int_equal(model_workitem_run(w), 0);
    assert_int_equal(t_state(w), STATE_CREATED);
    t_expect_quiet();
}

/* ================================ [T4] ================================ */

/* [T4] Enqueueing a work item from its own cleanup (being disposed) is refused; no run. */
static void T4_enqueue_during_dispose_is_refused(void **state)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFWORKITEM w = NULL;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    WDF_WORKITEM_CONFIG_INIT(&config, work_cb);
    t_attributes(&a, dev);
    a.EvtCleanupCallback = work_cleanup_enqueue;
    assert_int_equal(WdfWorkItemCreate(&config, &a, &w), STATUS_SUCCESS);
    assert_int_equal(t_id(w), 3);

    WdfObjectDelete(w);
    t_expect_only(RULE_WORKITEM_ENQUEUE_DISPOSING, 1);
    t_expect_events_in_order("cleanup o3 workitem", "call WdfWorkItemEnqueue o3 workitem",
                             "violation workitem-enqueue-disposing break o3 workitem", NULL);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(model_workitem_run(w), 0);
    t_expect_log("cleanup o3", "destroy o3", NULL); /* the callback never ran */
    assert_int_equal(model_halted(), 0);
}

/* [T4] A callback re-enqueueing itself is fine, except inside its disposal, where it is refused. */
static void T4_requeue_from_callback_inside_disposal_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_REQUEUE_SELF);
    g.requeues = 1;
    t_driver();
    dev = t_device(0);
    w = work(dev);

    /* Outside disposal: the self-requeue queues it again, quietly. */
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(model_workitem_run(w), 0);
    t_expect_quiet();

    /* Inside disposal: the queued callback runs, its requeue is refused. */
    g.requeues = 5;
    WdfWorkItemEnqueue(w);
    t_log_clear();
    WdfObjectDelete(w);
    t_expect_only(RULE_WORKITEM_ENQUEUE_DISPOSING, 1);
    t_expect_log("work o3", "work o3 returns", "cleanup o3", "destroy o3", NULL);
    assert_int_equal(g.requeues, 4); /* it tried once; it did not run again */
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(model_workitem_run(w), 0);
}

/* [T4] Enqueueing a disposed work item (kept alive by a reference) is refused; it does not run. */
static void T4_enqueue_after_dispose_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_NONE);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfObjectReferenceWithTag(w, (PVOID)tag_a);
    WdfObjectDelete(w);
    assert_int_equal(t_state(w), STATE_DISPOSED);
    t_expect_quiet();

    WdfWorkItemEnqueue(w);
    t_expect_only(RULE_WORKITEM_ENQUEUE_DISPOSING, 1);
    assert_int_equal(t_refs(w), 1); /* no enqueue reference taken */
    assert_int_equal(model_workitem_run(w), 0);
    WdfObjectDereferenceWithTag(w, (PVOID)tag_a);
    assert_int_equal(t_state(w), STATE_FREED);
    t_expect_log("cleanup o3", "destroy o3", NULL);
    t_expect_only(RULE_WORKITEM_ENQUEUE_DISPOSING, 1);
}

/* ================================ [T5] ================================ */

/* [T5] [C4] WdfTimerStop(Wait) from the timer's own (passive) callback:
 * FxTimer::Stop recognises the thread, breaks and returns FALSE without
 * waiting or stopping anything; the timer stays started and the run goes on. */
static void T5_timer_stop_wait_from_own_callback_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_STOP_WAIT);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelPassive);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    t_expect_quiet();

    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(g.irql, PASSIVE_LEVEL);
    assert_false(g.stop_result);
    t_expect_only(RULE_SELF_WAIT_REFUSED, 1);
    t_expect_events_in_order("callback o3 timer EvtTimerFunc", "call WdfTimerStop o3 timer",
                             "violation self-wait-refused break o3 timer in WdfTimerStop",
                             NULL);
    assert_int_equal(model_halted(), 0);
    assert_int_equal(model_worst_severity(), SEV_BREAK);
    t_expect_log("timer o3", "timer o3 returns", NULL);

    /* Not stopped: started again inside, it is still started after. */
    cb_reset(ACT_START_THEN_STOP_WAIT);
    assert_int_equal(model_timer_fire(t), 0); /* one-shot: expired */
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    assert_int_equal(model_timer_fire(t), 1);
    assert_false(g.stop_result);
    assert_int_equal(model_timer_fire(t), 1); /* still started: it fires again */
    t_expect_only(RULE_SELF_WAIT_REFUSED, 3);
}

/* [T5] The callback is still its own after another run of it returned:
 * a timer fired again from inside its callback (the model's way of running
 * it on another processor) leaves the outer run on the stack, so stopping
 * with wait there still waits for itself. */
static void T5_timer_stop_wait_after_a_nested_run_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_FIRE_SELF_THEN_STOP_WAIT);
    g.requeues = 1;
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelPassive);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    assert_int_equal(model_timer_fire(t), 1);
    assert_false(g.stop_result);
    t_expect_log("timer o3", "timer o3", "timer o3 returns", "timer o3 returns", NULL);
    t_expect_only(RULE_SELF_WAIT_REFUSED, 1);
    assert_int_equal(model_halted(), 0);
}

/* [T5] Stop without wait from the callback, or stop-with-wait from outside, is fine. */
static void T5_timer_stop_without_self_wait_is_quiet(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_STOP_NOWAIT);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelPassive);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    assert_int_equal(model_timer_fire(t), 1);
    assert_false(g.stop_result); /* one-shot: no longer queued while it runs */

    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    assert_true(WdfTimerStop(t, TRUE)); /* from outside, at PASSIVE */
    assert_int_equal(model_timer_fire(t), 0);
    assert_int_equal(model_halted(), 0);
    t_expect_quiet();
}

/* [T5] [C4] WdfWorkItemFlush from the item's own callback:
 * FxWorkItem::FlushAndWait recognises the thread, breaks and returns
 * without waiting; the run goes on. */
static void T5_workitem_flush_from_own_callback_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_FLUSH_SELF);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfWorkItemEnqueue(w);
    t_expect_quiet();

    assert_int_equal(model_workitem_run(w), 1);
    t_expect_only(RULE_SELF_WAIT_REFUSED, 1);
    t_expect_events_in_order("callback o3 workitem EvtWorkItemFunc",
                             "call WdfWorkItemFlush o3 workitem",
                             "violation self-wait-refused break o3 workitem", NULL);
    assert_int_equal(model_halted(), 0);
    t_expect_log("work o3", "work o3 returns", NULL);

    /* The run goes on: the item works as before. */
    cb_reset(ACT_NONE);
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    t_expect_only(RULE_SELF_WAIT_REFUSED, 1);
}

/* [T5] Deleting a passive-level timer from its own callback: disposal waits for the callback. */
static void T5_deleting_passive_timer_from_own_callback_halts(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_DELETE_SELF);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelPassive);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));

    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_CALLBACK_SELF_WAIT, 1);
    t_expect_events_in_order("call WdfObjectDelete o3 timer",
                             "violation callback-self-wait bugcheck o3 timer in WdfObjectDelete",
                             NULL);
    assert_int_equal(model_halted(), 1);
    t_expect_log("timer o3", "timer o3 returns", NULL); /* no cleanup ever */
    assert_int_equal(info_of(t).cleanup_ran, 0);
    assert_int_equal(model_run_deferred(), 0);
}

/* [T5] A passive timer's callback deleting its parent: that disposal waits for it. */
static void T5_deleting_parent_from_passive_timer_callback_halts(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_DELETE_TARGET);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelPassive);
    g.target = dev;
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));

    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_CALLBACK_SELF_WAIT, 1);
    t_expect_events_in_order("call WdfObjectDelete o2 device",
                             "violation callback-self-wait bugcheck o3 timer", NULL);
    assert_int_equal(model_halted(), 1);
    assert_int_equal(info_of(t).cleanup_ran, 0);
    assert_int_equal(info_of(dev).cleanup_ran, 0);
}

/* [T5] A dispatch timer deleting itself from its callback is deferred: no self-wait. */
static void T5_deleting_dispatch_timer_from_own_callback_is_deferred(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_DELETE_SELF);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelInheritFromParent);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));

    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(g.irql, DISPATCH_LEVEL);
    assert_int_equal(g.state_after, STATE_DEFERRED);
    assert_int_equal(model_deferred_pending(), 1);
    t_expect_events_in_order("defer o3 timer dispose list=o2", NULL);
    t_expect_log("timer o3", "timer o3 returns", NULL);
    t_expect_quiet();

    assert_int_equal(model_run_deferred(), 1);
    assert_int_equal(t_state(t), STATE_FREED);
    assert_int_equal(t_refs(dev), 1);
    t_expect_log("timer o3", "timer o3 returns", "cleanup o3", "destroy o3", NULL);
    t_expect_quiet();
}

/* ================================ [C4] ================================ */

/* [C4] Deleting a work item from its own callback is no self-wait; destroyed after it. */
static void C4_deleting_workitem_from_own_callback_is_quiet(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_DELETE_SELF);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfWorkItemEnqueue(w);

    assert_int_equal(model_workitem_run(w), 1);
    /* Inside the callback, after the delete: disposed, kept by the enqueue reference. */
    assert_int_equal(g.state_after, STATE_DISPOSED);
    assert_int_equal(g.refs_after, 1);
    /* Cleanup ran inside the callback; destroy only after it returned. */
    t_expect_log("work o3", "cleanup o3", "work o3 returns", "destroy o3", NULL);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_int_equal(t_refs(dev), 1);
    assert_int_equal(model_halted(), 0);
    t_expect_quiet();
}

/* [C4] The enqueue reference is held from enqueue until the callback returns. */
static void C4_enqueue_reference_held_until_callback_returns(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_RECORD);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    assert_int_equal(t_refs(w), 2);
    WdfWorkItemEnqueue(w);
    WdfWorkItemEnqueue(w); /* already queued: no second reference */
    assert_int_equal(t_refs(w), 3);
    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(g.refs_after, 3); /* still held inside the callback */
    assert_int_equal(t_refs(w), 2);
    t_expect_quiet();
}

/* [C4] A work item callback deleting its parent device: the item's dispose skips the wait. */
static void C4_deleting_parent_device_from_workitem_callback_is_quiet(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    cb_reset(ACT_DELETE_TARGET);
    t_driver();
    dev = t_device(0);
    w = work(dev);
    g.target = dev;
    WdfWorkItemEnqueue(w);

    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(g.state_after, STATE_DISPOSED);
    assert_int_equal(g.refs_after, 1); /* the enqueue reference outlives the device */
    assert_int_equal(t_state(dev), STATE_FREED);
    assert_int_equal(t_state(w), STATE_FREED);
    assert_true(t_log_index("destroy o2") < t_log_index("work o3 returns"));
    assert_true(t_log_index("work o3 returns") < t_log_index("destroy o3"));
    assert_int_equal(t_device_objects[0].ReferenceCount, 0);
    t_expect_quiet();
}

/* [C4] The source's guard is modelled: after the refused wait the callback
 * goes on (here it starts its timer again, which was running, so the start
 * returns TRUE), and the timer fires again. */
static void C4_self_wait_is_refused_and_the_callback_goes_on(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    cb_reset(ACT_STOP_WAIT_THEN_START);
    t_driver();
    dev = t_device(0);
    t = timer(dev, 0, WdfExecutionLevelPassive);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));

    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(model_rule_severity(RULE_SELF_WAIT_REFUSED), SEV_BREAK);
    t_expect_only(RULE_SELF_WAIT_REFUSED, 1);
    assert_int_equal(model_halted(), 0);
    assert_false(g.start_result); /* one-shot: expired when it fired */
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_SELF_WAIT_REFUSED, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(T1_timer_needs_device_ancestor, t_setup),
        cmocka_unit_test_setup(T1_timer_requires_parent, t_setup),
        cmocka_unit_test_setup(T1_workitem_needs_device_ancestor, t_setup),
        cmocka_unit_test_setup(T1_workitem_requires_parent, t_setup),
        cmocka_unit_test_setup(T1_workitem_needs_callback, t_setup),
        cmocka_unit_test_setup(T1_periodic_passive_timer_not_supported, t_setup),
        cmocka_unit_test_setup(T1_parent_may_be_any_object_under_a_device, t_setup),
        cmocka_unit_test_setup(T2_timer_holds_refs_on_self_and_parent_until_disposed, t_setup),
        cmocka_unit_test_setup(T2_workitem_holds_refs_on_self_and_parent_until_disposed, t_setup),
        cmocka_unit_test_setup(T2_refs_dropped_when_parent_device_deleted, t_setup),
        cmocka_unit_test_setup(T3_stopped_timer_does_not_fire, t_setup),
        cmocka_unit_test_setup(T3_disposed_timer_never_fires, t_setup),
        cmocka_unit_test_setup(T3_disposed_periodic_timer_never_fires_again, t_setup),
        cmocka_unit_test_setup(T3_device_delete_stops_child_timer, t_setup),
        cmocka_unit_test_setup(T3_start_on_disposed_timer_is_refused, t_setup),
        cmocka_unit_test_setup(T3_queued_workitem_runs_inside_its_disposal, t_setup),
        cmocka_unit_test_setup(T3_queued_workitem_runs_when_device_deleted, t_setup),
        cmocka_unit_test_setup(T3_flush_runs_queued_workitem, t_setup),
        cmocka_unit_test_setup(T4_enqueue_during_dispose_is_refused, t_setup),
        cmocka_unit_test_setup(T4_requeue_from_callback_inside_disposal_is_refused, t_setup),
        cmocka_unit_test_setup(T4_enqueue_after_dispose_is_refused, t_setup),
        cmocka_unit_test_setup(T5_timer_stop_wait_from_own_callback_is_refused, t_setup),
        cmocka_unit_test_setup(T5_timer_stop_wait_after_a_nested_run_is_refused, t_setup),
        cmocka_unit_test_setup(T5_timer_stop_without_self_wait_is_quiet, t_setup),
        cmocka_unit_test_setup(T5_workitem_flush_from_own_callback_is_refused, t_setup),
        cmocka_unit_test_setup(T5_deleting_passive_timer_from_own_callback_halts, t_setup),
        cmocka_unit_test_setup(T5_deleting_parent_from_passive_timer_callback_halts, t_setup),
        cmocka_unit_test_setup(T5_deleting_dispatch_timer_from_own_callback_is_deferred, t_setup),
        cmocka_unit_test_setup(C4_deleting_workitem_from_own_callback_is_quiet, t_setup),
        cmocka_unit_test_setup(C4_enqueue_reference_held_until_callback_returns, t_setup),
        cmocka_unit_test_setup(C4_deleting_parent_device_from_workitem_callback_is_quiet, t_setup),
        cmocka_unit_test_setup(C4_self_wait_is_refused_and_the_callback_goes_on, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
