/*
 * test_check.c - the independent checker catches a model that lies.
 *
 * A correct model gives the checker nothing to say (the corpus tests show
 * that on every program). Here the checker is fed what a broken model would
 * produce: events out of order, a fault swallowed, a freed handle used in
 * silence, a leak left unreported. Each test plays one op (the api
 * programs' CHECK_OPS mode) or one DDI call (the driver targets'
 * CHECK_CALLS mode) by hand against the real model (so introspection is
 * real) and checks the finding. tests/drivers/liar shows the same on a
 * whole driver target run through the port.
 */
#include <string.h>

#include "check.h"
#include "testlib.h"

static struct op op;      /* the op the checker is told about */
static WDFOBJECT operand; /* the handle its operand names */
static struct check chk;

/* A fresh checker for one op of `code` naming handle `h` (api programs'
 * CHECK_OPS mode). */
static void setup_prog(enum op_code code, WDFOBJECT h)
{
    memset(&op, 0, sizeof(op));
    memset(&chk, 0, sizeof(chk));
    op.code = (uint8_t)code;
    op.target = 1;
    op.arg = SLOT_NONE;
    operand = h;
    chk.mode = CHECK_OPS;
    check_begin(&chk);
}

/* The op starts. */
static void op_begin(void)
{
    check_op_begin(&chk, &op, operand, NULL);
}

/* The op ends, with the status its DDI returned (has_status 0: none). */
static void op_end(int has_status, NTSTATUS status)
{
    check_op_end(&chk, &op, has_status, status);
}

/* Did the checker report `r`? */
static int has_finding(enum model_rule r)
{
    uint32_t i;

    for (i = 0; i < chk.nfindings && i < CHECK_MAX_FINDINGS; i++)
        if (chk.findings[i].rule == r)
            return 1;
    return 0;
}

/* An event of `kind` for object `id`. */
static void feed(enum model_event_kind kind, uint32_t id)
{
    struct model_event ev;

    memset(&ev, 0, sizeof(ev));
    ev.kind = kind;
    ev.object = id;
    check_event(&chk, &ev);
}

/* A DDI call event for `ddi` on object `id`, and its return. */
static void feed_call(enum model_ddi ddi, uint32_t id)
{
    struct model_event ev;

    memset(&ev, 0, sizeof(ev));
    ev.kind = EV_CALL;
    ev.ddi = ddi;
    ev.object = id;
    check_event(&chk, &ev);
}

static void feed_return(NTSTATUS status)
{
    struct model_event ev;

    memset(&ev, 0, sizeof(ev));
    ev.kind = EV_RETURN;
    ev.status = status;
    check_event(&chk, &ev);
}

/* A violation of rule r inside whatever is under way. */
static void feed_violation(enum model_rule r)
{
    struct model_event ev;

    memset(&ev, 0, sizeof(ev));
    ev.kind = EV_VIOLATION;
    ev.rule = r;
    check_event(&chk, &ev);
}

/* A fresh checker following DDI calls (driver targets' CHECK_CALLS mode). */
static void setup_calls(void)
{
    memset(&chk, 0, sizeof(chk));
    chk.mode = CHECK_CALLS;
    check_begin(&chk);
}

/* Destroy before cleanup, and cleanup twice, are order findings; the
 * framework's order is not. */
static void order_of_callbacks(void **state)
{
    setup_prog(OP_DELETE, NULL);
    feed(EV_CREATE, 5);
    feed(EV_CLEANUP, 5);
    feed(EV_DESTROY, 5);
    feed(EV_FREE, 5);
    assert_int_equal(chk.nfindings, 0);
    feed(EV_CREATE, 6);
    feed(EV_DESTROY, 6);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_CHECK_ORDER);
    feed(EV_CLEANUP, 7); /* never created: a failed create got a callback */
    assert_int_equal(chk.nfindings, 2);
}

/* A parent's cleanup before its live child's is a post-order finding (a
 * thorough check: repro and the tests, not the fuzz targets). */
static void cleanup_before_child(void **state)
{
    WDFOBJECT p, c;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    c = t_object(p, WdfExecutionLevelInheritFromParent);
    setup_prog(OP_DELETE, p);
    feed(EV_CREATE, t_id(p));
    feed(EV_CREATE, t_id(c));
    feed(EV_CLEANUP, t_id(p)); /* not looked at on the fuzzing path */
    assert_int_equal(chk.nfindings, 0);
    chk.thorough = 1;
    feed(EV_CREATE, 40);
    feed(EV_CLEANUP, 40);      /* no children: fine */
    assert_int_equal(chk.nfindings, 0);
    chk.shadow[t_id(p)] = 1;   /* seen created only, again */
    feed(EV_CLEANUP, t_id(p)); /* the child o3 is alive and not cleaned up */
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_CHECK_ORDER);
}

/* An op using a freed handle with no violation from the model. */
static void freed_handle_used_in_silence(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    setup_prog(OP_DELETE, o);
    feed(EV_CREATE, t_id(o));
    WdfObjectDelete(o);
    feed(EV_CLEANUP, t_id(o));
    feed(EV_DESTROY, t_id(o));
    feed(EV_FREE, t_id(o));
    op_begin(); /* delete $o1 again, and the model says nothing */
    op_end(0, 0);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_UNREPORTED_HANDLE_USE_AFTER_FREE);
    /* with the model's report in the op, nothing to say */
    chk.nfindings = 0;
    op_begin();
    feed_violation(RULE_HANDLE_USE_AFTER_FREE);
    op_end(0, 0);
    assert_int_equal(chk.nfindings, 0);
}

/* A create that saw a fault but succeeded, and one that failed for memory
 * with no fault. */
static void faults_accounted(void **state)
{
    t_driver();
    setup_prog(OP_OBJECT_CREATE, NULL);
    op_begin();
    feed(EV_FAULT, 0);
    op_end(1, STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_CHECK_FAULT);
    op_begin();
    op_end(1, STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(chk.nfindings, 2);
    op_begin();
    feed(EV_FAULT, 0);
    op_end(1, STATUS_INSUFFICIENT_RESOURCES); /* fault and failure together: right */
    assert_int_equal(chk.nfindings, 2);
}

/* A DDI above its IRQL with no report. */
static void irql_unreported(void **state)
{
    t_driver();
    setup_prog(OP_MINIPORT_DEVICE_CREATE, NULL);
    model_set_irql(DISPATCH_LEVEL);
    op_begin();
    op_end(1, STATUS_SUCCESS);
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_UNREPORTED_IRQL_TOO_HIGH);
}

/* A reference that raised nothing but did not move the count. */
static void refcount_unmoved(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    setup_prog(OP_REFERENCE, o);
    op_begin();
    WdfObjectReference(o); /* the model takes it: right */
    op_end(0, 0);
    assert_int_equal(chk.nfindings, 0);
    op_begin();
    op_end(0, 0); /* a model that took none */
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_CHECK_REFCOUNT);
}

/* After unload, a live object nobody reported leaked. */
static void leak_unreported(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT o = t_object(NULL, WdfExecutionLevelInheritFromParent);

    WdfObjectReference(o);
    setup_prog(OP_MINIPORT_UNLOAD, NULL);
    WdfDriverMiniportUnload(d); /* the model reports the leak... */
    check_end(&chk);            /* ...but the checker never saw that event */
    assert_true(has_finding(RULE_INTERNAL_UNREPORTED_LEAK_AT_UNLOAD));
    /* nor the frees: the tree no longer matches what it saw */
    assert_true(has_finding(RULE_INTERNAL_CHECK_TREE));
}

/* Driver targets (CHECK_CALLS): a DDI call on a freed object that the
 * model let pass in silence; with the model's report, nothing to say. */
static void calls_freed_handle_used_in_silence(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    setup_calls();
    feed(EV_CREATE, t_id(o));
    feed(EV_CLEANUP, t_id(o));
    feed(EV_DESTROY, t_id(o));
    feed(EV_FREE, t_id(o));
    feed_call(DDI_WdfObjectDelete, t_id(o));
    feed_return(STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_UNREPORTED_HANDLE_USE_AFTER_FREE);
    feed_call(DDI_WdfObjectDelete, t_id(o));
    feed_violation(RULE_HANDLE_USE_AFTER_FREE);
    feed_return(STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 1);
}

/* CHECK_CALLS: the last reference of a never-deleted object dropped, and
 * the model silent ([D6]); a dereference of one of two references is fine. */
static void calls_deref_to_zero_unreported(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReference(o);
    setup_calls();
    feed_call(DDI_WdfObjectDereferenceActual, t_id(o)); /* 2 references */
    WdfObjectDereference(o);
    feed_return(STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 0);
    feed_call(DDI_WdfObjectDereferenceActual, t_id(o)); /* 1: the creation reference */
    feed_return(STATUS_SUCCESS);
    assert_true(has_finding(RULE_INTERNAL_UNREPORTED_DEREF_TO_ZERO));
}

/* CHECK_CALLS: a reference call that did not move the count [O1]. */
static void calls_refcount_unmoved(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    setup_calls();
    feed_call(DDI_WdfObjectReferenceActual, t_id(o));
    WdfObjectReference(o); /* the model takes it: right */
    feed_return(STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 0);
    feed_call(DDI_WdfObjectReferenceActual, t_id(o));
    feed_return(STATUS_SUCCESS); /* a model that took none */
    assert_true(has_finding(RULE_INTERNAL_CHECK_REFCOUNT));
}

/* CHECK_CALLS: a create call that saw a fault and still succeeded; a
 * fault with a failure is right; a fault in a call that allocates nothing
 * is not looked at. */
static void calls_faults_accounted(void **state)
{
    t_driver();
    setup_calls();
    feed_call(DDI_WdfTimerCreate, 0);
    feed(EV_FAULT, 0);
    feed_return(STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(chk.nfindings, 0);
    feed_call(DDI_WdfObjectDelete, 0);
    feed(EV_FAULT, 0);
    feed_return(STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 0);
    feed_call(DDI_WdfTimerCreate, 0);
    feed(EV_FAULT, 0);
    feed_return(STATUS_SUCCESS);
    assert_true(has_finding(RULE_INTERNAL_CHECK_FAULT));
}

/* A fault at allocation site `site`. */
static void feed_fault(enum model_site site)
{
    struct model_event ev;

    memset(&ev, 0, sizeof(ev));
    ev.kind = EV_FAULT;
    ev.site = site;
    check_event(&chk, &ev);
}

/* CHECK_CALLS [C19]: a fault at a site whose failure the framework
 * ignores (the verifier's lock) may come with a success; one at any other
 * site, the kernel's included, may not. */
static void C19_calls_ignored_faults_need_no_failure(void **state)
{
    t_driver();
    setup_calls();
    feed_call(DDI_WdfTimerCreate, 0);
    feed_fault(SITE_VERIFIER_LOCK);
    feed_return(STATUS_SUCCESS);
    assert_int_equal(chk.nfindings, 0);
    feed_call(DDI_WdfTimerCreate, 0);
    feed_fault(SITE_TIMER_EX_TIMER);
    feed_return(STATUS_SUCCESS);
    assert_true(has_finding(RULE_INTERNAL_CHECK_FAULT));
}

/* CHECK_CALLS: a call above the DDI's highest IRQL that the model let
 * pass [I1]; the same with its irql-too-high is fine; a nested call
 * counts apart from the one around it. */
static void calls_irql_unreported(void **state)
{
    t_driver();
    setup_calls();
    model_set_irql(DISPATCH_LEVEL);
    feed_call(DDI_WdfDeviceMiniportCreate, 0);
    feed_violation(RULE_IRQL_TOO_HIGH);
    feed_return(STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(chk.nfindings, 0);
    feed_call(DDI_WdfObjectDelete, 0); /* DISPATCH allows it */
    feed_call(DDI_WdfWorkItemFlush, 0); /* a callback inside calls a PASSIVE-only DDI */
    feed_return(STATUS_SUCCESS);
    feed_return(STATUS_SUCCESS);
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_UNREPORTED_IRQL_TOO_HIGH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(order_of_callbacks, t_setup),
        cmocka_unit_test_setup(cleanup_before_child, t_setup),
        cmocka_unit_test_setup(freed_handle_used_in_silence, t_setup),
        cmocka_unit_test_setup(faults_accounted, t_setup),
        cmocka_unit_test_setup(irql_unreported, t_setup),
        cmocka_unit_test_setup(refcount_unmoved, t_setup),
        cmocka_unit_test_setup(leak_unreported, t_setup),
        cmocka_unit_test_setup(calls_freed_handle_used_in_silence, t_setup),
        cmocka_unit_test_setup(calls_deref_to_zero_unreported, t_setup),
        cmocka_unit_test_setup(calls_refcount_unmoved, t_setup),
        cmocka_unit_test_setup(calls_faults_accounted, t_setup),
        cmocka_unit_test_setup(C19_calls_ignored_faults_need_no_failure, t_setup),
        cmocka_unit_test_setup(calls_irql_unreported, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
