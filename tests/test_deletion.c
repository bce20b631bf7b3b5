/*
 * test_deletion.c - the two-phase delete: docs/WDF-SEMANTICS.md section 2
 * ([D1]..[D6]).
 *
 * Phase 1 disposes children before their parent and runs each cleanup once;
 * phase 2 releases creation references, children's first, and destroys at
 * zero. The callback log (testlib) records the order the model calls them.
 * Sibling order is unspecified in the framework's contract, so no test
 * depends on it.
 */
#include <string.h>

#include "testlib.h"

/* [D1] Deleting a tree disposes it deepest first: each child's whole subtree
 * is cleaned up before its parent's cleanup runs. */
static void D1_cleanup_runs_children_first(void **state)
{
    WDFOBJECT p, a, b, a1;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent);  /* o2 */
    a = t_object(p, WdfExecutionLevelInheritFromParent);     /* o3 */
    b = t_object(p, WdfExecutionLevelInheritFromParent);     /* o4 */
    a1 = t_object(a, WdfExecutionLevelInheritFromParent);    /* o5 */
    (void)b;
    (void)a1;
    WdfObjectDelete(p);
    assert_true(t_log_index("cleanup o5") < t_log_index("cleanup o3"));
    assert_true(t_log_index("cleanup o3") < t_log_index("cleanup o2"));
    assert_true(t_log_index("cleanup o4") < t_log_index("cleanup o2"));
    /* every cleanup before any destroy */
    assert_true(t_log_index("cleanup o2") < t_log_index("destroy o5"));
    t_expect_quiet();
}

static int d1_cleanups;

/* Counts cleanups and deletes its own object again from inside. */
static void d1_cleanup_deletes_itself(WDFOBJECT o)
{
    d1_cleanups++;
    WdfObjectDelete(o);
}

/* [D1] Each cleanup runs at most once, even when the object is deleted
 * again from its own cleanup (a double delete, dropped). */
static void D1_cleanup_runs_at_most_once(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = d1_cleanup_deletes_itself;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    d1_cleanups = 0;
    WdfObjectDelete(o);
    assert_int_equal(d1_cleanups, 1);
    t_expect_only(RULE_DOUBLE_DELETE, 1);
}

/* [D2] Destroy runs once, after cleanup, when the count reaches zero; with
 * no extra references children are destroyed before their parent. */
static void D2_destroy_after_cleanup_children_first(void **state)
{
    WDFOBJECT p, c;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent); /* o2 */
    c = t_object(p, WdfExecutionLevelInheritFromParent);    /* o3 */
    (void)c;
    WdfObjectDelete(p);
    t_expect_log("cleanup o3", "cleanup o2", "destroy o3", "destroy o2", NULL);
    t_expect_events_in_order("free o3", "free o2", NULL);
    t_expect_quiet();
}

/* [D2] A child with an extra reference outlives its deleted parent: it is
 * disposed with it, detached, and destroyed at its last release. */
static void D2_referenced_child_outlives_parent(void **state)
{
    struct model_object_info info;
    WDFOBJECT p, c;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent); /* o2 */
    c = t_object(p, WdfExecutionLevelInheritFromParent);    /* o3 */
    WdfObjectReferenceWithTag(c, (PVOID)1);
    WdfObjectDelete(p);
    t_expect_log("cleanup o3", "cleanup o2", "destroy o2", NULL);
    assert_int_equal(t_state(p), STATE_FREED);
    model_object_info(t_id(c), &info);
    assert_int_equal(info.state, STATE_DISPOSED);
    assert_int_equal(info.parent, 0);
    assert_int_equal(info.refs, 1);
    WdfObjectDereferenceWithTag(c, (PVOID)1);
    t_expect_log("cleanup o3", "cleanup o2", "destroy o2", "destroy o3", NULL);
    t_expect_quiet();
}

/* [D2] A child with extra references never released leaks at unload. */
static void D2_unreleased_child_leaks(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WDFOBJECT c = t_object(p, WdfExecutionLevelInheritFromParent);

    WdfObjectReference(c);
    WdfObjectDelete(p);
    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_LEAK_AT_UNLOAD, 1);
    assert_int_equal(t_state(c), STATE_DISPOSED);
}

/* A work item callback that never runs here. */
static void d3_work(WDFWORKITEM w) { (void)w; }

/* [D3] An object whose creation failed part-way gets neither callback. */
static void D3_failed_create_gets_no_callbacks(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_WORKITEM_SYSTEM};
    WDF_WORKITEM_CONFIG wc;
    WDF_OBJECT_ATTRIBUTES a;
    WDFWORKITEM w = (WDFWORKITEM)1;
    WDFDEVICE dev;
    uint32_t objects;

    t_driver();
    dev = t_device(0);
    objects = model_object_count();
    model_fault_arm(&plan);
    WDF_WORKITEM_CONFIG_INIT(&wc, d3_work);
    t_attributes(&a, dev);
    /* the work item object is allocated, then its IO_WORKITEM fails */
    assert_int_equal(WdfWorkItemCreate(&wc, &a, &w), STATUS_INSUFFICIENT_RESOURCES);
    assert_null(w);
    assert_int_equal(model_faults_injected(), 1);
    assert_int_equal(model_object_count(), objects); /* no id burnt */
    t_log_clear();
    WdfObjectDelete(dev);
    t_expect_log("cleanup o2", "destroy o2", NULL); /* the device's only */
    t_expect_quiet();
}

/* [D4] [C18] Deleting an object already being deleted, kept alive by a
 * reference, is dropped: a checked-build ASSERT only, so a warning, and
 * the run goes on. */
static void C18_second_delete_is_dropped_with_a_warning(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReference(o);
    WdfObjectDelete(o);
    t_expect_quiet();
    WdfObjectDelete(o);
    t_expect_only(RULE_DOUBLE_DELETE, 1);
    assert_int_equal(model_rule_severity(RULE_DOUBLE_DELETE), SEV_WARNING);
    assert_int_equal(model_halted(), 0);
    t_expect_log("cleanup o2", NULL);
    WdfObjectDereference(o);
    t_expect_log("cleanup o2", "destroy o2", NULL);
}

/* [D4] Deleting it after it was freed is a use after free. */
static void D4_delete_after_free_is_use_after_free(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectDelete(o);
    t_expect_quiet();
    WdfObjectDelete(o);
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
    t_expect_log("cleanup o2", "destroy o2", NULL);
}

static WDFOBJECT d4_sibling;

/* A cleanup callback deleting a sibling its parent is disposing. */
static void d4_delete_sibling(WDFOBJECT o)
{
    (void)o;
    WdfObjectDelete(d4_sibling);
}

/* [D4] Deleting a child whose parent is already being deleted is not a
 * double delete: the parent's walk disposes it, quietly. */
static void D4_delete_during_parent_delete_is_quiet(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT p, first;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent); /* o2 */
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = p;
    a.EvtCleanupCallback = d4_delete_sibling;
    assert_int_equal(WdfObjectCreate(&a, &first), STATUS_SUCCESS); /* o3 */
    d4_sibling = t_object(p, WdfExecutionLevelInheritFromParent);  /* o4 */
    WdfObjectDelete(p);
    assert_int_equal(t_state(d4_sibling), STATE_FREED);
    assert_int_equal(t_log_index("cleanup o4"), 0); /* once, in the parent's walk */
    assert_int_equal(t_log_index("destroy o4") > t_log_index("cleanup o2"), 1);
    t_expect_quiet();
}

/* [D5] The driver may not delete the driver object: nothing changes. */
static void D5_driver_object_cannot_be_deleted(void **state)
{
    struct model_object_info info;
    WDFDRIVER d = t_driver();

    WdfObjectDelete(d);
    t_expect_only(RULE_DELETE_NOT_ALLOWED, 1);
    model_object_info(t_id(d), &info);
    assert_int_equal(info.state, STATE_CREATED);
    assert_int_equal(info.deletable, 0);
    assert_int_equal(model_driver_state(), DRIVER_CREATED);
    assert_int_equal(t_log_index("cleanup o1"), -1);
}

/* [D5] The miniport device is deletable, and deleting it is quiet. */
static void D5_miniport_device_is_deletable(void **state)
{
    WDFDEVICE dev;

    t_driver();
    dev = t_device(0);
    WdfObjectDelete(dev);
    assert_int_equal(t_state(dev), STATE_FREED);
    t_expect_log("cleanup o2", "destroy o2", NULL);
    t_expect_quiet();
}

/* [D6] Dereferencing an object to zero instead of deleting it, while it
 * still has its parent link, is WDF_VIOLATION 0x7; the run stops there,
 * before the leftover callbacks ([C10]). */
static void D6_dereference_to_zero_is_a_bugcheck(void **state)
{
    WDFOBJECT p, c;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    c = t_object(p, WdfExecutionLevelInheritFromParent);
    (void)c;
    WdfObjectDereference(p); /* p still has its parent and a child */
    t_expect_only(RULE_DEREF_TO_ZERO, 1);
    t_expect_log(NULL);
    assert_true(model_halted());
}

static int c10_cleanups;

/* A cleanup callback that would unload the driver, were it called. */
static void c10_cleanup_unloads(WDFOBJECT o)
{
    (void)o;
    c10_cleanups++;
    WdfDriverMiniportUnload(WdfGetDriver());
}

/* [C10] At the dereference to zero the run stops: no leftover cleanup runs
 * on the half-destroyed object (here it would have unloaded the driver and
 * disposed the same object again). */
static void C10_deref_to_zero_runs_no_leftover_callbacks(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = c10_cleanup_unloads;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    c10_cleanups = 0;
    WdfObjectDereferenceWithTag(o, (PVOID)4); /* unbalanced, and the last one */
    assert_int_equal(c10_cleanups, 0);
    assert_int_equal(model_rule_count(RULE_DEREFERENCE_UNBALANCED), 1);
    assert_int_equal(model_rule_count(RULE_DEREF_TO_ZERO), 1);
    assert_int_equal(model_violation_count(), 2);
    assert_true(model_halted());
    assert_int_equal(model_driver_state(), DRIVER_CREATED);
}

/* [D6] The same count reaching zero through delete is the normal path. */
static void D6_delete_then_release_is_quiet(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReference(o);
    WdfObjectDelete(o);
    WdfObjectDereference(o);
    t_expect_quiet();
    assert_int_equal(t_state(o), STATE_FREED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(D1_cleanup_runs_children_first, t_setup),
        cmocka_unit_test_setup(D1_cleanup_runs_at_most_once, t_setup),
        cmocka_unit_test_setup(D2_destroy_after_cleanup_children_first, t_setup),
        cmocka_unit_test_setup(D2_referenced_child_outlives_parent, t_setup),
        cmocka_unit_test_setup(D2_unreleased_child_leaks, t_setup),
        cmocka_unit_test_setup(D3_failed_create_gets_no_callbacks, t_setup),
        cmocka_unit_test_setup(C18_second_delete_is_dropped_with_a_warning, t_setup),
        cmocka_unit_test_setup(D4_delete_after_free_is_use_after_free, t_setup),
        cmocka_unit_test_setup(D4_delete_during_parent_delete_is_quiet, t_setup),
        cmocka_unit_test_setup(D5_driver_object_cannot_be_deleted, t_setup),
        cmocka_unit_test_setup(D5_miniport_device_is_deletable, t_setup),
        cmocka_unit_test_setup(D6_dereference_to_zero_is_a_bugcheck, t_setup),
        cmocka_unit_test_setup(D6_delete_then_release_is_quiet, t_setup),
        cmocka_unit_test_setup(C10_deref_to_zero_runs_no_leftover_callbacks, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
