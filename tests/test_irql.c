/*
 * test_irql.c - the IRQL as state, and what it does to deletion
 * (docs/WDF-SEMANTICS.md [X1]-[X4], [I1], [I2], and the choices [C2], [C7],
 * [C8]).
 *
 * The harness plays the caller's IRQL with model_set_irql() and the
 * framework's PASSIVE_LEVEL dispose-list work item with model_run_deferred().
 * The tests check which objects must be disposed at PASSIVE_LEVEL, that a
 * delete above PASSIVE is deferred (whole or partial) to the right dispose
 * list and finished by the drain, that a last release at DISPATCH_LEVEL
 * defers the destroy to the driver's list, that driver and device disposal
 * wait for their lists, that every DDI above its highest IRQL is refused
 * (a status DDI fails with STATUS_INVALID_DEVICE_REQUEST, a VOID one does
 * nothing), that spin locks raise and restore the IRQL, and that callbacks
 * must return at their IRQL with no critical region left entered.
 *
 * Correct use must stay quiet, each misuse must raise exactly its rule, and a
 * bugcheck-severity rule must halt the model. Object ids are handed out in
 * creation order (the driver is o1); the tests assert the ids they rely on.
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

/* ---- recorders: cleanup IRQL and count per object, callback actions ---- */

#define MAX_IDS 64

static struct {
    KIRQL cleanup_irql[MAX_IDS];  /* IRQL each object's cleanup ran at */
    int cleanups[MAX_IDS];        /* times each object's cleanup ran */
    KIRQL cb_irql;                /* IRQL the last timer/work callback ran at */
    KIRQL irql_after_acquire;     /* inside the callback, after its acquire */
    KIRQL unload_irql;            /* IRQL EvtDriverUnload ran at */
    int paged_code;               /* the callback runs PAGED_CODE() */
    WDFSPINLOCK spin;             /* acquired by the callback when set */
    WDFWAITLOCK wait;             /* acquired by the callback when set */
    int release;                  /* the callback releases what it took */
} g;

static void rec_reset(void)
{
    memset(&g, 0, sizeof(g));
    g.cb_irql = g.irql_after_acquire = g.unload_irql = 0xFF;
}

/* EvtCleanupCallback that records its IRQL; logs like t_cleanup. */
static void rec_cleanup(WDFOBJECT o)
{
    uint32_t id = t_id(o);

    t_log("cleanup o%u", id);
    if (id < MAX_IDS) {
        g.cleanup_irql[id] = KeGetCurrentIrql();
        g.cleanups[id]++;
    }
}

/* What every timer and work item callback of this file does. */
static void callback_body(void)
{
    g.cb_irql = KeGetCurrentIrql();
    if (g.paged_code)
        PAGED_CODE();
    if (g.spin) {
        WdfSpinLockAcquire(g.spin);
        g.irql_after_acquire = KeGetCurrentIrql();
        if (g.release)
            WdfSpinLockRelease(g.spin);
    }
    if (g.wait) {
        assert_int_equal(WdfWaitLockAcquire(g.wait, NULL), STATUS_SUCCESS);
        if (g.release)
            WdfWaitLockRelease(g.wait);
    }
}

static void timer_cb(WDFTIMER t)
{
    t_log("timer o%u", t_id(t));
    callback_body();
}

static void work_cb(WDFWORKITEM w)
{
    t_log("work o%u", t_id(w));
    callback_body();
}

static void unload_cb(WDFDRIVER d)
{
    (void)d;
    g.unload_irql = KeGetCurrentIrql();
    t_log("unload");
}

/* ---- builders ---- */

/* WdfDriverCreate with EvtDriverUnload = unload_cb, for a driver that lets
 * the framework own its dispatch table, so that WdfDriverMiniportUnload
 * (FxDriver::Unload) calls it [C1] and its IRQL can be watched. */
static NTSTATUS make_driver(WDFDRIVER *d)
{
    static WCHAR path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\irql";
    static UNICODE_STRING registry = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    WDF_OBJECT_ATTRIBUTES a;
    WDF_DRIVER_CONFIG config;

    t_attributes(&a, NULL);
    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = 0;
    config.EvtDriverUnload = unload_cb;
    *d = NULL;
    return WdfDriverCreate(&t_driver_object, &registry, &a, &config, d);
}

/* A generic object under `parent` whose cleanup records its IRQL. */
static WDFOBJECT obj(WDFOBJECT parent, WDF_EXECUTION_LEVEL exec)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o = NULL;

    t_attributes(&a, parent);
    a.EvtCleanupCallback = rec_cleanup;
    a.ExecutionLevel = exec;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    return o;
}

static WDFTIMER timer(WDFOBJECT parent, WDF_EXECUTION_LEVEL exec)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFTIMER t = NULL;

    WDF_TIMER_CONFIG_INIT(&config, timer_cb);
    t_attributes(&a, parent);
    a.EvtCleanupCallback = rec_cleanup;
    a.ExecutionLevel = exec;
    assert_int_equal(WdfTimerCreate(&config, &a, &t), STATUS_SUCCESS);
    return t;
}

static WDFWORKITEM work(WDFOBJECT parent)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFWORKITEM w = NULL;

    WDF_WORKITEM_CONFIG_INIT(&config, work_cb);
    t_attributes(&a, parent);
    a.EvtCleanupCallback = rec_cleanup;
    assert_int_equal(WdfWorkItemCreate(&config, &a, &w), STATUS_SUCCESS);
    return w;
}

static WDFMEMORY memory(WDFOBJECT parent, POOL_TYPE pool)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFMEMORY m = NULL;

    t_attributes(&a, parent);
    a.EvtCleanupCallback = rec_cleanup;
    assert_int_equal(WdfMemoryCreate(&a, pool, 0x74736554, 64, &m, NULL), STATUS_SUCCESS);
    return m;
}

static WDFSPINLOCK spinlock(void)
{
    WDFSPINLOCK l = NULL;

    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &l), STATUS_SUCCESS);
    return l;
}

static WDFWAITLOCK waitlock(void)
{
    WDFWAITLOCK l = NULL;

    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &l), STATUS_SUCCESS);
    return l;
}

static struct model_object_info info_of(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info;
}

typedef struct _IRQL_CTX {
    ULONG Value;
} IRQL_CTX;
WDF_DECLARE_CONTEXT_TYPE(IRQL_CTX)

static const char tag_a[] = "a";

/* How many recorded event lines contain `what`. */
static int count_events(const char *what)
{
    const char *p = t_events();
    int n = 0;

    while ((p = strstr(p, what)) != NULL) {
        n++;
        p += strlen(what);
    }
    return n;
}

/* ================================ [X1] ================================ */

/* [X1] Driver, devices, timers, work items, paged memory, passive objects dispose at PASSIVE. */
static void X1_passive_dispose_by_type(void **state)
{
    WDFDRIVER d;
    WDFDEVICE dev;
    WDFCOLLECTION c = NULL;

    (void)state;
    rec_reset();
    d = t_driver();
    dev = t_device(0);
    assert_int_equal(info_of(d).passive_dispose, 1);
    assert_int_equal(info_of(dev).passive_dispose, 1);
    assert_int_equal(info_of(timer(dev, WdfExecutionLevelInheritFromParent)).passive_dispose, 1);
    assert_int_equal(info_of(timer(dev, WdfExecutionLevelDispatch)).passive_dispose, 1);
    assert_int_equal(info_of(work(dev)).passive_dispose, 1);
    assert_int_equal(info_of(memory(dev, PagedPool)).passive_dispose, 1);
    assert_int_equal(info_of(obj(NULL, WdfExecutionLevelPassive)).passive_dispose, 1);

    assert_int_equal(info_of(obj(NULL, WdfExecutionLevelInheritFromParent)).passive_dispose, 0);
    assert_int_equal(info_of(obj(dev, WdfExecutionLevelDispatch)).passive_dispose, 0);
    assert_int_equal(info_of(memory(dev, NonPagedPool)).passive_dispose, 0);
    assert_int_equal(info_of(memory(NULL, NonPagedPoolNx)).passive_dispose, 0);
    assert_int_equal(info_of(spinlock()).passive_dispose, 0);
    assert_int_equal(info_of(waitlock()).passive_dispose, 0);
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    assert_int_equal(info_of(c).passive_dispose, 0);
    t_expect_quiet();
}

/* [X1] At DISPATCH, objects that need not dispose at PASSIVE go at once; the others wait. */
static void X1_only_passive_objects_wait_for_passive(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT now[4], later[4];
    int i;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    now[0] = obj(dev, WdfExecutionLevelInheritFromParent);
    now[1] = obj(dev, WdfExecutionLevelDispatch);
    now[2] = memory(dev, NonPagedPool);
    now[3] = spinlock();
    later[0] = obj(dev, WdfExecutionLevelPassive);
    later[1] = memory(dev, PagedPool);
    later[2] = timer(dev, WdfExecutionLevelInheritFromParent);
    later[3] = work(dev);

    model_set_irql(DISPATCH_LEVEL);
    for (i = 0; i < 4; i++) {
        WdfObjectDelete(now[i]);
        assert_int_equal(t_state(now[i]), STATE_FREED);
    }
    assert_int_equal(model_deferred_pending(), 0);
    for (i = 0; i < 3; i++) /* the spin lock has no recording cleanup */
        assert_int_equal(g.cleanup_irql[t_id(now[i])], DISPATCH_LEVEL);
    for (i = 0; i < 4; i++) {
        WdfObjectDelete(later[i]);
        assert_int_equal(t_state(later[i]), STATE_DEFERRED);
        assert_int_equal(g.cleanups[t_id(later[i])], 0);
    }
    assert_int_equal(model_deferred_pending(), 4);
    t_expect_quiet();

    assert_int_equal(model_run_deferred(), 4);
    assert_int_equal(model_irql(), DISPATCH_LEVEL); /* the caller's level is kept */
    model_set_irql(PASSIVE_LEVEL);
    for (i = 0; i < 4; i++) {
        assert_int_equal(t_state(later[i]), STATE_FREED);
        assert_int_equal(g.cleanups[t_id(later[i])], 1);
        assert_int_equal(g.cleanup_irql[t_id(later[i])], PASSIVE_LEVEL);
    }
    assert_int_equal(model_deferred_pending(), 0);
    assert_int_equal(t_refs(dev), 1);
    t_expect_quiet();
}

/* ================================ [X2] ================================ */

/* [X2] A passive object deleted at DISPATCH is disposed later, from the driver's list. */
static void X2_dispatch_delete_of_passive_object_is_deferred(void **state)
{
    WDFOBJECT p;

    (void)state;
    rec_reset();
    t_driver();
    p = obj(NULL, WdfExecutionLevelPassive);
    assert_int_equal(t_id(p), 2);

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(p);
    assert_int_equal(t_state(p), STATE_DEFERRED);
    assert_int_equal(model_deferred_pending(), 1);
    t_expect_log(NULL);
    t_expect_events_in_order("call WdfObjectDelete o2 object", "defer o2 object dispose list=o1",
                             "return WdfObjectDelete STATUS_SUCCESS", NULL);
    t_expect_quiet();

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 1);
    t_expect_log("cleanup o2", "destroy o2", NULL);
    assert_int_equal(g.cleanup_irql[2], PASSIVE_LEVEL);
    assert_int_equal(t_state(p), STATE_FREED);
    assert_int_equal(model_deferred_pending(), 0);
    assert_int_equal(model_run_deferred(), 0);
    t_expect_quiet();
}

/* [X2] An object under a device is deferred to the device's dispose list. */
static void X2_deferred_to_the_devices_list(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT p;
    WDFMEMORY m;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    p = obj(dev, WdfExecutionLevelPassive);
    m = memory(dev, PagedPool);
    assert_int_equal(t_id(p), 3);
    assert_int_equal(t_id(m), 4);

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(p);
    WdfObjectDelete(m);
    t_expect_events_in_order("defer o3 object dispose list=o2", "defer o4 memory dispose list=o2",
                             NULL);
    assert_int_equal(model_deferred_pending(), 2);
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 2);
    assert_int_equal(t_state(p), STATE_FREED);
    assert_int_equal(t_state(m), STATE_FREED);
    assert_int_equal(t_state(dev), STATE_CREATED);
    t_expect_quiet();
}

/* [X2] An object with a direct passive child is deferred whole, before any child is touched. */
static void X2_direct_passive_child_defers_before_touching_children(void **state)
{
    WDFOBJECT gen, plain, pas;

    (void)state;
    rec_reset();
    t_driver();
    gen = obj(NULL, WdfExecutionLevelInheritFromParent);   /* o2 */
    plain = obj(gen, WdfExecutionLevelInheritFromParent);  /* o3 */
    pas = obj(gen, WdfExecutionLevelPassive);              /* o4 */
    assert_int_equal(t_id(pas), 4);

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(gen);
    assert_int_equal(t_state(gen), STATE_DEFERRED);
    assert_int_equal(t_state(plain), STATE_CREATED);
    assert_int_equal(t_state(pas), STATE_CREATED);
    assert_int_equal(model_deferred_pending(), 1);
    t_expect_events_in_order("defer o2 object dispose list=o1", NULL);
    t_expect_log(NULL);
    t_expect_quiet();

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 1);
    /* Children before the parent [D1]; sibling order is not tested. */
    assert_true(t_log_index("cleanup o3") >= 0 && t_log_index("cleanup o4") >= 0);
    assert_true(t_log_index("cleanup o3") < t_log_index("cleanup o2"));
    assert_true(t_log_index("cleanup o4") < t_log_index("cleanup o2"));
    assert_true(t_log_index("cleanup o2") < t_log_index("destroy o3"));
    assert_true(t_log_index("destroy o3") < t_log_index("destroy o2"));
    assert_true(t_log_index("destroy o4") < t_log_index("destroy o2"));
    assert_int_equal(g.cleanup_irql[3], PASSIVE_LEVEL);
    assert_int_equal(g.cleanup_irql[4], PASSIVE_LEVEL);
    assert_int_equal(model_live_objects(), 1);
    t_expect_quiet();
}

/* [X2] A deeper passive descendant stops the walk part-way; disposed siblings stay disposed. */
static void X2_deeper_passive_descendant_makes_deferral_partial(void **state)
{
    WDFOBJECT top, a1, mid, a2, pas;
    int disposed_early = 0, i;
    WDFOBJECT plain[2];

    (void)state;
    rec_reset();
    t_driver();
    /* top -> {a1, mid, a2}, mid -> pas (passive). The plain siblings sit on
     * both sides of mid, so the walk disposes one of them before it reaches
     * mid in whichever direction it goes (sibling order is not tested). */
    top = obj(NULL, WdfExecutionLevelInheritFromParent); /* o2 */
    a1 = obj(top, WdfExecutionLevelInheritFromParent);   /* o3 */
    mid = obj(top, WdfExecutionLevelInheritFromParent);  /* o4 */
    a2 = obj(top, WdfExecutionLevelInheritFromParent);   /* o5 */
    pas = obj(mid, WdfExecutionLevelPassive);            /* o6 */
    assert_int_equal(t_id(pas), 6);
    plain[0] = a1;
    plain[1] = a2;

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(top);
    /* The object the delete started on is queued, and only it. */
    assert_int_equal(t_state(top), STATE_DEFERRED);
    assert_int_equal(model_deferred_pending(), 1);
    t_expect_events_in_order("defer o2 object dispose list=o1", NULL);
    /* The walk stopped at mid: neither it nor its passive child is disposed. */
    assert_int_equal(t_state(mid), STATE_DEFERRED);
    assert_int_equal(t_state(pas), STATE_CREATED);
    assert_int_equal(g.cleanups[4] + g.cleanups[6] + g.cleanups[2], 0);
    for (i = 0; i < 2; i++) {
        uint32_t id = t_id(plain[i]);

        if (g.cleanups[id]) {
            disposed_early++;
            assert_int_equal(t_state(plain[i]), STATE_DISPOSED);
            assert_int_equal(g.cleanup_irql[id], DISPATCH_LEVEL);
        } else {
            assert_int_equal(t_state(plain[i]), STATE_CREATED);
        }
    }
    assert_int_equal(disposed_early, 1); /* partial: one sibling before mid, not after */
    t_expect_quiet();

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 1);
    /* Every object cleaned up exactly once: the early one was not redone. */
    for (i = 2; i <= 6; i++) {
        char e[32];

        snprintf(e, sizeof(e), "cleanup o%d object\n", i);
        assert_int_equal(g.cleanups[i], 1);
        assert_int_equal(count_events(e), 1);
    }
    assert_int_equal(g.cleanup_irql[6], PASSIVE_LEVEL);
    assert_int_equal(g.cleanup_irql[4], PASSIVE_LEVEL);
    assert_int_equal(g.cleanup_irql[2], PASSIVE_LEVEL);
    assert_true(t_log_index("cleanup o6") < t_log_index("cleanup o4"));
    assert_true(t_log_index("cleanup o4") < t_log_index("cleanup o2"));
    assert_true(t_log_index("cleanup o3") < t_log_index("cleanup o2"));
    assert_true(t_log_index("cleanup o5") < t_log_index("cleanup o2"));
    for (i = 3; i <= 6; i++) {
        char e[32];

        snprintf(e, sizeof(e), "destroy o%d", i);
        assert_true(t_log_index(e) >= 0);
        assert_true(t_log_index(e) < t_log_index("destroy o2"));
    }
    assert_int_equal(model_live_objects(), 1);
    t_expect_quiet();
}

/* ================================ [X3] ================================ */

/* [X3] A last release at DISPATCH defers a passive object's destroy to the DRIVER's list. */
static void X3_last_release_at_dispatch_defers_destroy_to_driver_list(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT p;
    WDFTIMER t;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    p = obj(dev, WdfExecutionLevelPassive); /* o3 */
    t = timer(dev, WdfExecutionLevelInheritFromParent); /* o4 */
    assert_int_equal(t_id(t), 4);
    WdfObjectReferenceWithTag(p, (PVOID)tag_a);
    WdfObjectReferenceWithTag(t, (PVOID)tag_a);
    WdfObjectDelete(p); /* at PASSIVE: disposed now */
    WdfObjectDelete(t);
    assert_int_equal(t_state(p), STATE_DISPOSED);
    assert_int_equal(t_state(t), STATE_DISPOSED);
    t_expect_log("cleanup o3", "cleanup o4", NULL);

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDereferenceWithTag(p, (PVOID)tag_a);
    WdfObjectDereferenceWithTag(t, (PVOID)tag_a);
    t_expect_events_in_order("defer o3 object destroy list=o1", "defer o4 timer destroy list=o1",
                             NULL);
    assert_null(strstr(t_events(), "list=o2"));
    assert_int_equal(model_deferred_pending(), 2);
    assert_int_equal(t_state(p), STATE_DISPOSED);
    assert_int_equal(t_refs(p), 0);
    t_expect_log("cleanup o3", "cleanup o4", NULL); /* no destroy yet */
    t_expect_quiet();

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 2);
    t_expect_log("cleanup o3", "cleanup o4", "destroy o3", "destroy o4", NULL);
    assert_int_equal(t_state(p), STATE_FREED);
    assert_int_equal(t_state(t), STATE_FREED);
    t_expect_quiet();
}

/* [X3] A last release at DISPATCH of a non-passive object destroys it at once. */
static void X3_last_release_of_non_passive_object_destroys_at_once(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT o;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    o = obj(dev, WdfExecutionLevelInheritFromParent); /* o3 */
    WdfObjectReferenceWithTag(o, (PVOID)tag_a);
    WdfObjectDelete(o);
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDereferenceWithTag(o, (PVOID)tag_a);
    assert_int_equal(t_state(o), STATE_FREED);
    assert_int_equal(model_deferred_pending(), 0);
    t_expect_log("cleanup o3", "destroy o3", NULL);
    t_expect_quiet();
}

/* ================================ [X4] ================================ */

/* [X4] Deleting a miniport device at PASSIVE waits for its own dispose list (and only its own). */
static void X4_device_delete_drains_its_dispose_list(void **state)
{
    WDFDEVICE dev;
    WDFOBJECT p, q;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    p = obj(dev, WdfExecutionLevelPassive);  /* o3: the device's list */
    q = obj(NULL, WdfExecutionLevelPassive); /* o4: the driver's list */
    assert_int_equal(t_id(q), 4);

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(p);
    WdfObjectDelete(q);
    t_expect_events_in_order("defer o3 object dispose list=o2", "defer o4 object dispose list=o1",
                             NULL);
    assert_int_equal(model_deferred_pending(), 2);

    model_set_irql(PASSIVE_LEVEL);
    WdfObjectDelete(dev);
    /* FxMpDevice::Dispose: its cleanup, then the wait for its list, then its
     * destroy; all before WdfObjectDelete returns. */
    t_expect_log("cleanup o2", "cleanup o3", "destroy o3", "destroy o2", NULL);
    t_expect_events_in_order("call WdfObjectDelete o2 device", "cleanup o3 object",
                             "destroy o2 device", "return WdfObjectDelete", NULL);
    assert_int_equal(t_state(p), STATE_FREED);
    assert_int_equal(t_state(q), STATE_DEFERRED); /* not on the device's list */
    assert_int_equal(model_deferred_pending(), 1);
    assert_int_equal(t_device_objects[0].ReferenceCount, 0);
    t_expect_quiet();

    assert_int_equal(model_run_deferred(), 1);
    assert_int_equal(t_state(q), STATE_FREED);
    t_expect_quiet();
}

/* [X4] Unload at PASSIVE waits for the dispose lists before the driver's own cleanup. */
static void X4_unload_drains_dispose_lists_before_driver_cleanup(void **state)
{
    WDFDRIVER d;
    WDFOBJECT p, r;

    (void)state;
    rec_reset();
    assert_int_equal(make_driver(&d), STATUS_SUCCESS);
    p = obj(NULL, WdfExecutionLevelPassive); /* o2: deferred dispose */
    r = obj(NULL, WdfExecutionLevelPassive); /* o3: deferred destroy [X3] */
    WdfObjectReferenceWithTag(r, (PVOID)tag_a);
    WdfObjectDelete(r);
    t_log_clear();

    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(p);
    WdfObjectDereferenceWithTag(r, (PVOID)tag_a);
    assert_int_equal(model_deferred_pending(), 2);
    t_expect_log(NULL);

    model_set_irql(PASSIVE_LEVEL);
    WdfDriverMiniportUnload(d);
    assert_int_equal(g.unload_irql, PASSIVE_LEVEL);
    assert_int_equal(t_log_index("unload"), 0);
    assert_true(t_log_index("cleanup o2") > 0);
    assert_true(t_log_index("cleanup o2") < t_log_index("cleanup o1"));
    assert_true(t_log_index("destroy o2") < t_log_index("cleanup o1"));
    assert_true(t_log_index("destroy o3") < t_log_index("cleanup o1"));
    assert_true(t_log_index("cleanup o1") < t_log_index("destroy o1"));
    assert_int_equal(model_deferred_pending(), 0);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    assert_int_equal(model_live_objects(), 0);
    t_expect_quiet();
}

/* ================================ [I1] ================================ */

/* [I1] The model's table of highest IRQLs is the documented one. */
static void I1_ddi_limits_match_the_table(void **state)
{
    (void)state;
    assert_int_equal(model_ddi_max_irql(DDI_WdfDriverCreate), PASSIVE_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfDeviceMiniportCreate), PASSIVE_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfDriverMiniportUnload), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfObjectDelete), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfObjectReferenceActual), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfObjectDereferenceActual), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfObjectCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfObjectAllocateContext), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfTimerCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfTimerStart), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfTimerStop), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfWorkItemCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfWorkItemEnqueue), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfWorkItemFlush), PASSIVE_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfSpinLockCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfWaitLockCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfWaitLockRelease), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfCollectionCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfCollectionAdd), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfCollectionRemove), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfCollectionGetCount), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfCollectionGetItem), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfMemoryCreate), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfMemoryGetBuffer), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfSpinLockAcquire), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfSpinLockRelease), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfWaitLockAcquire), DISPATCH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_WdfObjectGetTypedContextWorker), HIGH_LEVEL);
    assert_int_equal(model_ddi_max_irql(DDI_PAGED_CODE), APC_LEVEL);
}

/* [I1] WdfDriverCreate is PASSIVE only: at DISPATCH it fails with STATUS_INVALID_DEVICE_REQUEST. */
static void I1_driver_create_above_passive_fails(void **state)
{
    WDFDRIVER d;

    (void)state;
    rec_reset();
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(make_driver(&d), STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order("violation irql-too-high break in WdfDriverCreate",
                             "return WdfDriverCreate STATUS_INVALID_DEVICE_REQUEST", NULL);
    assert_int_equal(model_driver_state(), DRIVER_NONE);
    assert_int_equal(model_object_count(), 0);
    assert_null(WdfGetDriver());

    t_forget_violations();
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(make_driver(&d), STATUS_SUCCESS);
    assert_int_equal(model_driver_state(), DRIVER_CREATED);
    t_expect_quiet();
}

/* [I1] WdfDeviceMiniportCreate is PASSIVE only: at DISPATCH, STATUS_INVALID_DEVICE_REQUEST. */
static void I1_miniport_device_create_above_passive_fails(void **state)
{
    WDFDEVICE dev = NULL;
    uint32_t n;

    (void)state;
    rec_reset();
    t_driver();
    t_device(0);
    t_expect_quiet();
    n = model_object_count();

    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES,
                                             &t_device_objects[1], NULL, NULL, &dev),
                     STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    assert_null(dev);
    assert_int_equal(model_object_count(), n);
    assert_int_equal(t_device_objects[1].ReferenceCount, 0);
}

/* [I1] WdfMemoryCreate from paged pool is APC_LEVEL at most; non-paged is fine at DISPATCH. */
static void I1_paged_memory_create_above_apc_fails(void **state)
{
    WDFMEMORY m = NULL;
    PVOID buf = NULL;
    size_t size = 0;
    uint32_t n;

    (void)state;
    rec_reset();
    t_driver();
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPool, 0, 32, &m, &buf),
                     STATUS_SUCCESS);
    assert_non_null(buf);
    assert_ptr_equal(WdfMemoryGetBuffer(m, &size), buf);
    assert_int_equal(size, 32);
    model_set_irql(APC_LEVEL);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, PagedPool, 0, 32, &m, NULL),
                     STATUS_SUCCESS);
    t_expect_quiet();
    n = model_object_count();

    m = NULL;
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, PagedPool, 0, 32, &m, NULL),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, PagedPoolCacheAligned, 0, 32,
                                     &m, NULL),
                     STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);
    t_expect_events_in_order("violation irql-too-high break in WdfMemoryCreate",
                             "return WdfMemoryCreate STATUS_INVALID_DEVICE_REQUEST", NULL);
    assert_null(m);
    assert_int_equal(model_object_count(), n);
}

/* [I1] WdfWaitLockAcquire is PASSIVE only unless the timeout is zero. */
static void I1_waitlock_acquire_that_may_wait_needs_passive(void **state)
{
    WDFWAITLOCK l;
    LONGLONG zero = 0, one_ms = WDF_REL_TIMEOUT_IN_MS(1);

    (void)state;
    rec_reset();
    t_driver();
    l = waitlock();
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(WdfWaitLockAcquire(l, &zero), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    t_expect_quiet();

    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfWaitLockAcquire(l, &one_ms), STATUS_INVALID_DEVICE_REQUEST);
    model_set_irql(APC_LEVEL);
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 3);

    /* None of the refused calls took the lock. */
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    t_expect_only(RULE_IRQL_TOO_HIGH, 3);
}

/* [I1] WdfTimerStop with Wait is PASSIVE only; without waiting it is fine at DISPATCH. */
static void I1_timer_stop_with_wait_needs_passive(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    t = timer(dev, WdfExecutionLevelInheritFromParent);
    model_set_irql(DISPATCH_LEVEL);
    assert_false(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10)));
    assert_true(WdfTimerStop(t, FALSE));
    assert_false(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10)));
    t_expect_quiet();

    assert_false(WdfTimerStop(t, TRUE));
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order("call WdfTimerStop o3 timer",
                             "violation irql-too-high break in WdfTimerStop",
                             "return WdfTimerStop STATUS_INVALID_DEVICE_REQUEST", NULL);
    model_set_irql(APC_LEVEL);
    assert_false(WdfTimerStop(t, TRUE));
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);

    /* The refused stops did not stop it [C8]. */
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_log("timer o3", NULL);
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);
}

/* [I1] WdfWorkItemFlush is PASSIVE only. */
static void I1_workitem_flush_needs_passive(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    w = work(dev);
    model_set_irql(DISPATCH_LEVEL);
    WdfWorkItemEnqueue(w); /* fine at DISPATCH */
    model_set_irql(PASSIVE_LEVEL);
    WdfWorkItemFlush(w);
    t_expect_log("work o3", NULL);
    t_expect_quiet();

    model_set_irql(DISPATCH_LEVEL);
    WdfWorkItemEnqueue(w);
    WdfWorkItemFlush(w);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order("call WdfWorkItemFlush o3 workitem",
                             "violation irql-too-high break in WdfWorkItemFlush", NULL);
    t_expect_log("work o3", NULL); /* nothing ran */
}

/* [I1] PAGED_CODE() above APC_LEVEL is reported; in a PASSIVE callback it is fine. */
static void I1_paged_code_above_apc_is_reported(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;
    WDFWORKITEM w;

    (void)state;
    rec_reset();
    g.paged_code = 1;
    t_driver();
    dev = t_device(0);
    t = timer(dev, WdfExecutionLevelInheritFromParent);
    w = work(dev);
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(g.cb_irql, PASSIVE_LEVEL);
    t_expect_quiet();

    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10));
    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(g.cb_irql, DISPATCH_LEVEL);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_events_in_order("callback o3 timer EvtTimerFunc",
                             "violation irql-too-high break in PAGED_CODE", NULL);
    assert_int_equal(model_halted(), 0);
}

/* [I1] The DISPATCH_LEVEL DDIs all work at DISPATCH. */
static void I1_dispatch_level_ddis_work_at_dispatch(void **state)
{
    WDF_OBJECT_ATTRIBUTES ca;
    WDFDEVICE dev;
    WDFOBJECT o = NULL;
    WDFTIMER t;
    WDFWORKITEM w;
    WDFSPINLOCK s = NULL;
    WDFWAITLOCK l = NULL;
    WDFCOLLECTION c = NULL;
    WDFMEMORY m = NULL;
    IRQL_CTX *ctx = NULL;
    LONGLONG zero = 0;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    model_set_irql(DISPATCH_LEVEL);

    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&ca, IRQL_CTX);
    assert_int_equal(WdfObjectAllocateContext(o, &ca, (PVOID *)&ctx), STATUS_SUCCESS);
    assert_ptr_equal(WdfObjectGet_IRQL_CTX(o), ctx);
    WdfObjectReferenceWithTag(o, (PVOID)tag_a);
    assert_int_equal(t_refs(o), 2);
    WdfObjectDereferenceWithTag(o, (PVOID)tag_a);
    assert_int_equal(t_refs(o), 1);

    t = timer(dev, WdfExecutionLevelInheritFromParent);
    assert_false(WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(10)));
    assert_true(WdfTimerStop(t, FALSE));
    assert_ptr_equal(WdfTimerGetParentObject(t), dev);
    w = work(dev);
    WdfWorkItemEnqueue(w);
    assert_ptr_equal(WdfWorkItemGetParentObject(w), dev);

    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &s), STATUS_SUCCESS);
    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &l), STATUS_SUCCESS);
    assert_int_equal(WdfWaitLockAcquire(l, &zero), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    assert_int_equal(WdfCollectionAdd(c, o), STATUS_SUCCESS);
    assert_int_equal(WdfCollectionGetCount(c), 1);
    assert_ptr_equal(WdfCollectionGetItem(c, 0), o);
    WdfCollectionRemove(c, o);
    assert_int_equal(WdfCollectionGetCount(c), 0);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 0, 16, &m, NULL),
                     STATUS_SUCCESS);
    assert_non_null(WdfMemoryGetBuffer(m, NULL));
    assert_ptr_equal(WdfDriverWdmGetDriverObject(WdfGetDriver()), &t_driver_object);

    WdfObjectDelete(o);
    assert_int_equal(t_state(o), STATE_FREED);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    t_expect_quiet();
}

/* [I1] Above DISPATCH each DISPATCH DDI is refused: STATUS_INVALID_DEVICE_REQUEST. */
static void I1_ddis_refused_above_dispatch(void **state)
{
    WDF_OBJECT_ATTRIBUTES ca, a;
    WDF_TIMER_CONFIG tc;
    WDF_WORKITEM_CONFIG wc;
    WDFDEVICE dev;
    WDFOBJECT o, out = NULL;
    WDFTIMER t = NULL;
    WDFWORKITEM w = NULL;
    WDFSPINLOCK s = NULL;
    WDFWAITLOCK l, l2 = NULL;
    WDFCOLLECTION c = NULL, c2 = NULL;
    WDFMEMORY m = NULL;
    IRQL_CTX *ctx = NULL;
    LONGLONG zero = 0;
    uint32_t n;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&ca, IRQL_CTX);
    assert_int_equal(WdfObjectCreate(&ca, &o), STATUS_SUCCESS);
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    l = waitlock();
    n = model_object_count();
    t_expect_quiet();

    model_set_irql(HIGH_LEVEL);
    /* Any-IRQL calls are fine. */
    assert_non_null(WdfObjectGetTypedContext(o, IRQL_CTX));
    assert_non_null(WdfGetDriver());
    t_expect_quiet();

    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &out),
                     STATUS_INVALID_DEVICE_REQUEST);
    WDF_TIMER_CONFIG_INIT(&tc, timer_cb);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfTimerCreate(&tc, &a, &t), STATUS_INVALID_DEVICE_REQUEST);
    WDF_WORKITEM_CONFIG_INIT(&wc, work_cb);
    assert_int_equal(WdfWorkItemCreate(&wc, &a, &w), STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &s),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &l2),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c2),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPool, 0, 16, &m, NULL),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfCollectionAdd(c, o), STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfWaitLockAcquire(l, &zero), STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(WdfObjectAllocateContext(o, &ca, (PVOID *)&ctx),
                     STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 10);
    assert_null(out);
    assert_null(t);
    assert_null(w);
    assert_null(s);
    assert_null(l2);
    assert_null(c2);
    assert_null(m);
    assert_null(ctx);
    assert_int_equal(model_object_count(), n);
    assert_int_equal(t_refs(o), 1); /* the collection took no reference */

    /* Nothing was taken: the lock is free and the collection empty. */
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(WdfCollectionGetCount(c), 0);
    assert_int_equal(WdfWaitLockAcquire(l, &zero), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    t_expect_only(RULE_IRQL_TOO_HIGH, 10);
}

/* [I1] Acquiring a wait lock the caller holds, with no timeout, waits for ever: bugcheck, halt. */
static void I1_waitlock_recursive_acquire_without_timeout_halts(void **state)
{
    WDFWAITLOCK l;
    LONGLONG zero = 0;

    (void)state;
    rec_reset();
    t_driver();
    l = waitlock();
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_SUCCESS);
    /* A zero-timeout try on the held lock is fine: it times out. */
    assert_int_equal(WdfWaitLockAcquire(l, &zero), STATUS_TIMEOUT);
    t_expect_quiet();

    assert_false(NT_SUCCESS(WdfWaitLockAcquire(l, NULL)));
    t_expect_only(RULE_WAITLOCK_RECURSIVE_ACQUIRE, 1);
    t_expect_events_in_order("call WdfWaitLockAcquire o2 waitlock",
                             "violation waitlock-recursive-acquire bugcheck o2 waitlock", NULL);
    assert_int_equal(model_halted(), 1);
    WdfWaitLockRelease(l); /* the machine is gone: nothing more is reported */
    assert_int_equal(WdfWaitLockAcquire(l, &zero), STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_WAITLOCK_RECURSIVE_ACQUIRE, 1);
}

/* [I1] Releasing a wait lock the caller does not hold is reported; the run carries on. */
static void I1_waitlock_release_unheld_is_reported(void **state)
{
    WDFWAITLOCK l;

    (void)state;
    rec_reset();
    t_driver();
    l = waitlock();
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    t_expect_quiet();

    WdfWaitLockRelease(l);
    t_expect_only(RULE_WAITLOCK_RELEASE_NOT_OWNER, 1);
    t_expect_events_in_order("call WdfWaitLockRelease o2 waitlock",
                             "violation waitlock-release-not-owner ub o2 waitlock", NULL);
    assert_int_equal(model_halted(), 0);
    /* The lock is still usable (the release changed nothing). */
    assert_int_equal(WdfWaitLockAcquire(l, NULL), STATUS_SUCCESS);
    WdfWaitLockRelease(l);
    t_expect_only(RULE_WAITLOCK_RELEASE_NOT_OWNER, 1);
}

/* ================================ [I2] ================================ */

/* [I2] WdfSpinLockAcquire raises the IRQL to DISPATCH; WdfSpinLockRelease restores it. */
static void I2_spinlock_raises_to_dispatch_and_restores(void **state)
{
    WDFSPINLOCK a, b;

    (void)state;
    rec_reset();
    t_driver();
    a = spinlock();
    b = spinlock();

    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    WdfSpinLockAcquire(a);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    WdfSpinLockAcquire(b); /* nested: saves DISPATCH */
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    WdfSpinLockRelease(b);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    WdfSpinLockRelease(a);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);

    model_set_irql(APC_LEVEL);
    WdfSpinLockAcquire(a);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    WdfSpinLockRelease(a);
    assert_int_equal(KeGetCurrentIrql(), APC_LEVEL);

    model_set_irql(DISPATCH_LEVEL);
    WdfSpinLockAcquire(a);
    WdfSpinLockRelease(a);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    t_expect_quiet();
}

/* [I2] Acquiring a spin lock the caller already holds deadlocks: bugcheck, halt. */
static void I2_spinlock_recursive_acquire_halts(void **state)
{
    WDFSPINLOCK s;

    (void)state;
    rec_reset();
    t_driver();
    s = spinlock();
    WdfSpinLockAcquire(s);
    t_expect_quiet();

    WdfSpinLockAcquire(s);
    t_expect_only(RULE_SPINLOCK_RECURSIVE_ACQUIRE, 1);
    t_expect_events_in_order("violation spinlock-recursive-acquire bugcheck o2 spinlock", NULL);
    assert_int_equal(model_halted(), 1);
    WdfSpinLockRelease(s);
    assert_int_equal(model_irql(), DISPATCH_LEVEL); /* the release did nothing */
    t_expect_only(RULE_SPINLOCK_RECURSIVE_ACQUIRE, 1);
}

/* [I2] Releasing a spin lock the caller does not hold is WDF_VIOLATION 0xB: bugcheck, halt. */
static void I2_spinlock_release_unheld_halts(void **state)
{
    WDFSPINLOCK s, other;

    (void)state;
    rec_reset();
    t_driver();
    s = spinlock();
    other = spinlock();
    WdfSpinLockAcquire(s);
    WdfSpinLockRelease(s);
    t_expect_quiet();

    /* At DISPATCH (under another lock), so only "not held" is wrong. */
    WdfSpinLockAcquire(other);
    WdfSpinLockRelease(s);
    t_expect_only(RULE_SPINLOCK_RELEASE_NOT_OWNER, 1);
    t_expect_events_in_order("call WdfSpinLockRelease o2 spinlock",
                             "violation spinlock-release-not-owner bugcheck o2 spinlock", NULL);
    assert_int_equal(model_halted(), 1);
    assert_int_equal(model_irql(), DISPATCH_LEVEL); /* nothing was restored */
}

/* [C15] Releasing a held spin lock below DISPATCH is no 0xB: KMDF checks
 * the owner only; the release restores the level saved at acquire. */
static void C15_spinlock_release_below_dispatch_is_not_0xB(void **state)
{
    WDFSPINLOCK s;

    (void)state;
    rec_reset();
    t_driver();
    s = spinlock();
    WdfSpinLockAcquire(s);
    model_set_irql(APC_LEVEL); /* the caller lowered the IRQL under the lock */
    t_expect_quiet();

    WdfSpinLockRelease(s);
    t_expect_quiet();
    assert_int_equal(model_irql(), PASSIVE_LEVEL);
    assert_int_equal(model_halted(), 0);
}

/* [I2] Callbacks run at their own IRQL, and the caller's IRQL comes back after them. */
static void I2_callbacks_run_at_their_level_and_restore_it(void **state)
{
    WDFDEVICE dev;
    WDFTIMER td, tp;
    WDFWORKITEM w;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    td = timer(dev, WdfExecutionLevelInheritFromParent);
    tp = timer(dev, WdfExecutionLevelPassive);
    w = work(dev);

    WdfTimerStart(td, WDF_REL_TIMEOUT_IN_MS(1));
    WdfTimerStart(tp, WDF_REL_TIMEOUT_IN_MS(1));
    model_set_irql(APC_LEVEL);
    assert_int_equal(model_timer_fire(td), 1);
    assert_int_equal(g.cb_irql, DISPATCH_LEVEL);
    assert_int_equal(model_irql(), APC_LEVEL);
    assert_int_equal(model_timer_fire(tp), 1);
    assert_int_equal(g.cb_irql, PASSIVE_LEVEL);
    assert_int_equal(model_irql(), APC_LEVEL);
    WdfWorkItemEnqueue(w);
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(g.cb_irql, PASSIVE_LEVEL);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    t_expect_quiet();
}

/* [C14] A work item returning with a spin lock held returns to the system
 * worker thread at DISPATCH_LEVEL: bug check 0xE1, halt. */
static void C14_work_item_returning_at_dispatch_is_0xE1(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    w = work(dev);
    g.spin = spinlock();
    g.release = 1;
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    assert_int_equal(g.irql_after_acquire, DISPATCH_LEVEL);
    t_expect_quiet();

    g.release = 0;
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    t_expect_only(RULE_WORKER_RETURNED_AT_BAD_IRQL, 1);
    t_expect_events_in_order("callback o3 workitem EvtWorkItemFunc",
                             "violation worker-returned-at-bad-irql bugcheck o3 workitem", NULL);
    assert_int_equal(model_halted(), 1);
    assert_int_equal(model_irql(), PASSIVE_LEVEL);
}

/* [C14] A passive timer runs in a system work item too: the same 0xE1. */
static void C14_passive_timer_returning_at_dispatch_is_0xE1(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    t = timer(dev, WdfExecutionLevelPassive);
    g.spin = spinlock();
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(1));
    t_expect_quiet();
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_WORKER_RETURNED_AT_BAD_IRQL, 1);
    assert_int_equal(model_halted(), 1);
}

/* [I2] A DISPATCH callback must not return holding a spin lock (SDV
 * WdfSpinlock): its IRQL is unchanged, and nothing in KMDF or the DPC
 * dispatcher checks it [C14], so this is callback-lock-held; the run goes
 * on (undefined: the next acquire deadlocks). */
static void I2_dispatch_callback_returning_with_spinlock_held_is_reported(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    t = timer(dev, WdfExecutionLevelInheritFromParent);
    g.spin = spinlock();
    g.release = 1;
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(1));
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_quiet();

    g.release = 0;
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(1));
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_CALLBACK_LOCK_HELD, 1);
    assert_int_equal(model_halted(), 0);
    assert_int_equal(model_irql(), PASSIVE_LEVEL);
}

/* [C15] FxSpinLock::ReleaseLock checks the owner, never the IRQL: a held
 * lock released above DISPATCH_LEVEL is released, quietly; a lock never
 * acquired is 0xB. */
static void C15_spinlock_release_checks_the_owner_not_the_irql(void **state)
{
    WDFSPINLOCK s;

    (void)state;
    rec_reset();
    t_driver();
    s = spinlock();
    WdfSpinLockAcquire(s);
    model_set_irql(HIGH_LEVEL); /* e.g. KeRaiseIrql under the lock */
    WdfSpinLockRelease(s);
    t_expect_quiet();
    assert_int_equal(model_irql(), PASSIVE_LEVEL); /* the level saved at acquire */

    WdfSpinLockRelease(s);
    t_expect_only(RULE_SPINLOCK_RELEASE_NOT_OWNER, 1);
    assert_int_equal(model_halted(), 1);
}

/* [C14] A work item returning with a wait lock it took still held leaves
 * the worker thread's kernel APC disable count unbalanced: bug check 0x1
 * (APC_INDEX_MISMATCH), halt. A lock taken and released inside, or held by
 * the caller around it, is fine. */
static void C14_work_item_returning_in_a_critical_region_is_0x1(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;
    WDFWAITLOCK outer;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    w = work(dev);
    outer = waitlock();
    g.wait = waitlock();
    g.release = 1;
    assert_int_equal(WdfWaitLockAcquire(outer, NULL), STATUS_SUCCESS);
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    WdfWaitLockRelease(outer);
    t_expect_quiet();

    g.release = 0;
    WdfWorkItemEnqueue(w);
    assert_int_equal(model_workitem_run(w), 1);
    t_expect_only(RULE_APC_INDEX_MISMATCH, 1);
    t_expect_events_in_order("violation apc-index-mismatch bugcheck o3 workitem", NULL);
    assert_int_equal(model_halted(), 1);
}

/* A timer callback that takes g.wait with a zero timeout (allowed at
 * DISPATCH_LEVEL) and keeps it. */
static void dpc_keeps_waitlock(WDFTIMER t)
{
    LONGLONG zero = 0;

    (void)t;
    assert_int_equal(WdfWaitLockAcquire(g.wait, &zero), STATUS_SUCCESS);
}

/* [C14] A timer's DPC that returns in a critical region changed the
 * thread's APC disable count: bug check 0xC7 parameter 0x5, halt. */
static void C14_timer_dpc_returning_in_a_critical_region_is_0xC7(void **state)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFTIMER t = NULL;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    g.wait = waitlock();
    WDF_TIMER_CONFIG_INIT(&config, dpc_keeps_waitlock);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfTimerCreate(&config, &a, &t), STATUS_SUCCESS);
    WdfTimerStart(t, WDF_REL_TIMEOUT_IN_MS(1));
    assert_int_equal(model_timer_fire(t), 1);
    t_expect_only(RULE_DPC_APC_DISABLE_CHANGED, 1);
    assert_int_equal(model_halted(), 1);
}

/* An EvtCleanupCallback that takes g.wait (its caller releases it). */
static void cleanup_takes_waitlock(WDFOBJECT o)
{
    (void)o;
    assert_int_equal(WdfWaitLockAcquire(g.wait, NULL), STATUS_SUCCESS);
}

/* [C14] KMDF checks no miniport callback's return (its checks are hooked
 * only through WdfDeviceCreate and WdfIoQueueCreate): a cleanup callback,
 * called at PASSIVE_LEVEL on the deleting thread, that takes a wait lock
 * its caller releases after WdfObjectDelete returns is legal and quiet. */
static void C14_cleanup_taking_a_waitlock_its_caller_releases_is_quiet(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o = NULL;

    (void)state;
    rec_reset();
    t_driver();
    g.wait = waitlock();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = cleanup_takes_waitlock;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    WdfObjectDelete(o);
    WdfWaitLockRelease(g.wait);
    t_expect_quiet();
    assert_int_equal(model_halted(), 0);
}

/* ================================ [C2] ================================ */

/* [C2] Unload at DISPATCH: EvtDriverUnload runs, then the dispose-list wait halts the run. */
static void C2_unload_at_dispatch_calls_unload_then_halts(void **state)
{
    WDFDRIVER d;

    (void)state;
    rec_reset();
    assert_int_equal(make_driver(&d), STATUS_SUCCESS);
    t_log_clear();
    model_set_irql(DISPATCH_LEVEL);
    WdfDriverMiniportUnload(d);

    assert_int_equal(g.unload_irql, DISPATCH_LEVEL);
    t_expect_log("unload", NULL); /* no cleanup: the driver was not deleted */
    t_expect_only(RULE_UNLOAD_IRQL_WAIT, 1); /* not irql-too-high */
    t_expect_events_in_order("call WdfDriverMiniportUnload o1 driver",
                             "callback o1 driver EvtDriverUnload",
                             "violation unload-irql-wait bugcheck o1 driver", NULL);
    assert_int_equal(model_halted(), 1);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADING);
    assert_int_equal(t_state(d), STATE_CREATED);
    assert_int_equal(info_of(d).cleanup_ran, 0);

    model_set_irql(PASSIVE_LEVEL);
    WdfDriverMiniportUnload(d); /* the machine is gone */
    t_expect_log("unload", NULL);
    t_expect_only(RULE_UNLOAD_IRQL_WAIT, 1);
}

/* [C2] The same unload at PASSIVE is quiet: EvtDriverUnload, then the tree goes. */
static void C2_unload_at_passive_is_quiet(void **state)
{
    WDFDRIVER d;

    (void)state;
    rec_reset();
    assert_int_equal(make_driver(&d), STATUS_SUCCESS);
    obj(NULL, WdfExecutionLevelInheritFromParent); /* o2 */
    t_log_clear();
    WdfDriverMiniportUnload(d);
    assert_int_equal(g.unload_irql, PASSIVE_LEVEL);
    t_expect_log("unload", "cleanup o2", "cleanup o1", "destroy o2", "destroy o1", NULL);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    assert_int_equal(model_halted(), 0);
    t_expect_quiet();
}

/* [C2] Above DISPATCH the unload is refused by the IRQL table: EvtDriverUnload is not called. */
static void C2_unload_above_dispatch_is_refused(void **state)
{
    WDFDRIVER d;

    (void)state;
    rec_reset();
    assert_int_equal(make_driver(&d), STATUS_SUCCESS);
    t_log_clear();
    model_set_irql(HIGH_LEVEL);
    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_log(NULL);
    assert_int_equal(model_driver_state(), DRIVER_CREATED);
    assert_int_equal(model_halted(), 0);

    model_set_irql(PASSIVE_LEVEL);
    WdfDriverMiniportUnload(d);
    t_expect_log("unload", "cleanup o1", "destroy o1", NULL);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* ================================ [C7] ================================ */

/* [C7] A device deleted at DISPATCH waits for its own dispose list from inside it: a hang. */
static void C7_device_deleted_at_dispatch_waits_for_itself(void **state)
{
    WDFDEVICE dev;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(dev);
    assert_int_equal(t_state(dev), STATE_DEFERRED);
    assert_int_equal(model_deferred_pending(), 1);
    t_expect_events_in_order("defer o2 device dispose list=o2", NULL);
    t_expect_log(NULL);
    t_expect_quiet();

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 1);
    t_expect_only(RULE_DISPOSE_LIST_SELF_WAIT, 1);
    t_expect_events_in_order("cleanup o2 device",
                             "violation dispose-list-self-wait bugcheck o2 device", NULL);
    assert_int_equal(model_halted(), 1);
    t_expect_log("cleanup o2", NULL); /* never destroyed */
    assert_int_equal(t_device_objects[0].ReferenceCount, 1);
    assert_int_equal(model_run_deferred(), 0);
}

/* [C7] The same device deleted at PASSIVE is disposed at once, quietly. */
static void C7_device_deleted_at_passive_is_quiet(void **state)
{
    WDFDEVICE dev;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    WdfObjectDelete(dev);
    assert_int_equal(t_state(dev), STATE_FREED);
    assert_int_equal(model_deferred_pending(), 0);
    t_expect_log("cleanup o2", "destroy o2", NULL);
    assert_int_equal(t_device_objects[0].ReferenceCount, 0);
    t_expect_quiet();
}

/* ================================ [C8] ================================ */

/* [C8] WdfWorkItemFlush refused at DISPATCH does nothing: the item stays queued. */
static void C8_refused_flush_leaves_item_queued(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    w = work(dev);
    WdfWorkItemEnqueue(w);
    assert_int_equal(t_refs(w), 3);
    model_set_irql(DISPATCH_LEVEL);
    WdfWorkItemFlush(w);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_expect_log(NULL);
    assert_int_equal(t_refs(w), 3); /* still queued, enqueue reference held */

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_workitem_run(w), 1);
    t_expect_log("work o3", NULL);
    assert_int_equal(t_refs(w), 2);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* [C8] WdfObjectDelete refused above DISPATCH does nothing; a later delete works. */
static void C8_refused_delete_changes_nothing(void **state)
{
    WDFOBJECT o;

    (void)state;
    rec_reset();
    t_driver();
    o = obj(NULL, WdfExecutionLevelInheritFromParent);
    model_set_irql(HIGH_LEVEL);
    WdfObjectDelete(o);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    assert_int_equal(t_state(o), STATE_CREATED);
    assert_int_equal(model_deferred_pending(), 0);
    t_expect_log(NULL);

    model_set_irql(PASSIVE_LEVEL);
    WdfObjectDelete(o); /* not a double delete: the first one never happened */
    assert_int_equal(t_state(o), STATE_FREED);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* [C8] WdfSpinLockAcquire refused above DISPATCH neither takes the lock nor changes the IRQL. */
static void C8_refused_spinlock_acquire_takes_nothing(void **state)
{
    WDFSPINLOCK s;

    (void)state;
    rec_reset();
    t_driver();
    s = spinlock();
    model_set_irql(HIGH_LEVEL);
    WdfSpinLockAcquire(s);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    assert_int_equal(model_irql(), HIGH_LEVEL);

    model_set_irql(PASSIVE_LEVEL);
    WdfSpinLockAcquire(s); /* not recursive: the refused one took nothing */
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
    WdfSpinLockRelease(s);
    assert_int_equal(model_irql(), PASSIVE_LEVEL);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

/* [C8] Refused WdfWorkItemEnqueue / WdfObjectReference queue nothing, take no reference. */
static void C8_refused_enqueue_and_reference_do_nothing(void **state)
{
    WDFDEVICE dev;
    WDFWORKITEM w;

    (void)state;
    rec_reset();
    t_driver();
    dev = t_device(0);
    w = work(dev);
    model_set_irql(HIGH_LEVEL);
    WdfWorkItemEnqueue(w);
    WdfObjectReferenceWithTag(w, (PVOID)tag_a);
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);
    assert_int_equal(t_refs(w), 2);
    assert_int_equal(model_object_tag_count(t_id(w), tag_a), 0);

    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_workitem_run(w), 0);
    t_expect_log(NULL);
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(X1_passive_dispose_by_type, t_setup),
        cmocka_unit_test_setup(X1_only_passive_objects_wait_for_passive, t_setup),
        cmocka_unit_test_setup(X2_dispatch_delete_of_passive_object_is_deferred, t_setup),
        cmocka_unit_test_setup(X2_deferred_to_the_devices_list, t_setup),
        cmocka_unit_test_setup(X2_direct_passive_child_defers_before_touching_children, t_setup),
        cmocka_unit_test_setup(X2_deeper_passive_descendant_makes_deferral_partial, t_setup),
        cmocka_unit_test_setup(X3_last_release_at_dispatch_defers_destroy_to_driver_list, t_setup),
        cmocka_unit_test_setup(X3_last_release_of_non_passive_object_destroys_at_once, t_setup),
        cmocka_unit_test_setup(X4_device_delete_drains_its_dispose_list, t_setup),
        cmocka_unit_test_setup(X4_unload_drains_dispose_lists_before_driver_cleanup, t_setup),
        cmocka_unit_test_setup(I1_ddi_limits_match_the_table, t_setup),
        cmocka_unit_test_setup(I1_driver_create_above_passive_fails, t_setup),
        cmocka_unit_test_setup(I1_miniport_device_create_above_passive_fails, t_setup),
        cmocka_unit_test_setup(I1_paged_memory_create_above_apc_fails, t_setup),
        cmocka_unit_test_setup(I1_waitlock_acquire_that_may_wait_needs_passive, t_setup),
        cmocka_unit_test_setup(I1_timer_stop_with_wait_needs_passive, t_setup),
        cmocka_unit_test_setup(I1_workitem_flush_needs_passive, t_setup),
        cmocka_unit_test_setup(I1_paged_code_above_apc_is_reported, t_setup),
        cmocka_unit_test_setup(I1_dispatch_level_ddis_work_at_dispatch, t_setup),
        cmocka_unit_test_setup(I1_ddis_refused_above_dispatch, t_setup),
        cmocka_unit_test_setup(I1_waitlock_recursive_acquire_without_timeout_halts, t_setup),
        cmocka_unit_test_setup(I1_waitlock_release_unheld_is_reported, t_setup),
        cmocka_unit_test_setup(I2_spinlock_raises_to_dispatch_and_restores, t_setup),
        cmocka_unit_test_setup(I2_spinlock_recursive_acquire_halts, t_setup),
        cmocka_unit_test_setup(I2_spinlock_release_unheld_halts, t_setup),
        cmocka_unit_test_setup(C15_spinlock_release_below_dispatch_is_not_0xB, t_setup),
        cmocka_unit_test_setup(I2_callbacks_run_at_their_level_and_restore_it, t_setup),
        cmocka_unit_test_setup(C14_work_item_returning_at_dispatch_is_0xE1, t_setup),
        cmocka_unit_test_setup(C14_passive_timer_returning_at_dispatch_is_0xE1, t_setup),
        cmocka_unit_test_setup(C14_work_item_returning_in_a_critical_region_is_0x1, t_setup),
        cmocka_unit_test_setup(C14_timer_dpc_returning_in_a_critical_region_is_0xC7, t_setup),
        cmocka_unit_test_setup(C14_cleanup_taking_a_waitlock_its_caller_releases_is_quiet,
                               t_setup),
        cmocka_unit_test_setup(I2_dispatch_callback_returning_with_spinlock_held_is_reported,
                               t_setup),
        cmocka_unit_test_setup(C15_spinlock_release_checks_the_owner_not_the_irql, t_setup),
        cmocka_unit_test_setup(C2_unload_at_dispatch_calls_unload_then_halts, t_setup),
        cmocka_unit_test_setup(C2_unload_at_passive_is_quiet, t_setup),
        cmocka_unit_test_setup(C2_unload_above_dispatch_is_refused, t_setup),
        cmocka_unit_test_setup(C7_device_deleted_at_dispatch_waits_for_itself, t_setup),
        cmocka_unit_test_setup(C7_device_deleted_at_passive_is_quiet, t_setup),
        cmocka_unit_test_setup(C8_refused_flush_leaves_item_queued, t_setup),
        cmocka_unit_test_setup(C8_refused_delete_changes_nothing, t_setup),
        cmocka_unit_test_setup(C8_refused_spinlock_acquire_takes_nothing, t_setup),
        cmocka_unit_test_setup(C8_refused_enqueue_and_reference_do_nothing, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
