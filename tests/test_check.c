/*
 * test_check.c - the independent checker catches a model that lies.
 *
 * A correct model gives the checker nothing to say (the corpus tests show
 * that on every program). Here the checker is fed what a broken model would
 * produce: events out of order, a fault swallowed, a freed handle used in
 * silence, a leak left unreported. Each test plays one op by hand against
 * the real model (so introspection is real) and checks the finding.
 */
#include <string.h>

#include "check.h"
#include "exec.h"
#include "testlib.h"

static struct program prog;
static struct exec x;
static struct check chk;

/* A program of `n` ops of `code` on slot 1 (`$o1`); slot 1 holds `h`. */
static void setup_prog(enum op_code code, WDFOBJECT h)
{
    memset(&prog, 0, sizeof(prog));
    memset(&x, 0, sizeof(x));
    memset(&chk, 0, sizeof(chk));
    prog.nops = 1;
    prog.nslots = 2;
    strcpy(prog.names[0], "$driver");
    strcpy(prog.names[1], "$o1");
    prog.ops[0].code = (uint8_t)code;
    prog.ops[0].target = 1;
    prog.ops[0].arg = SLOT_NONE;
    x.prog = &prog;
    x.handles[1] = h;
    check_begin(&chk, &x);
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
    check_event(&chk, &x, &ev);
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
    struct model_event ev;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    setup_prog(OP_DELETE, o);
    feed(EV_CREATE, t_id(o));
    WdfObjectDelete(o);
    feed(EV_CLEANUP, t_id(o));
    feed(EV_DESTROY, t_id(o));
    feed(EV_FREE, t_id(o));
    check_op_begin(&chk, &x, 0); /* delete $o1 again, and the model says nothing */
    check_op_end(&chk, &x, 0);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_UNREPORTED_HANDLE_USE_AFTER_FREE);
    /* with the model's report in the op, nothing to say */
    chk.nfindings = 0;
    check_op_begin(&chk, &x, 0);
    memset(&ev, 0, sizeof(ev));
    ev.kind = EV_VIOLATION;
    ev.rule = RULE_HANDLE_USE_AFTER_FREE;
    check_event(&chk, &x, &ev);
    check_op_end(&chk, &x, 0);
    assert_int_equal(chk.nfindings, 0);
}

/* A create that saw a fault but succeeded, and one that failed for memory
 * with no fault. */
static void faults_accounted(void **state)
{
    t_driver();
    setup_prog(OP_OBJECT_CREATE, NULL);
    check_op_begin(&chk, &x, 0);
    feed(EV_FAULT, 0);
    x.result[0].has_status = 1;
    x.result[0].status = STATUS_SUCCESS;
    check_op_end(&chk, &x, 0);
    assert_int_equal(chk.nfindings, 1);
    assert_int_equal(chk.findings[0].rule, RULE_INTERNAL_CHECK_FAULT);
    check_op_begin(&chk, &x, 0);
    x.result[0].status = STATUS_INSUFFICIENT_RESOURCES;
    check_op_end(&chk, &x, 0);
    assert_int_equal(chk.nfindings, 2);
    check_op_begin(&chk, &x, 0);
    feed(EV_FAULT, 0);
    check_op_end(&chk, &x, 0); /* fault and failure together: right */
    assert_int_equal(chk.nfindings, 2);
}

/* A DDI above its IRQL with no report. */
static void irql_unreported(void **state)
{
    t_driver();
    setup_prog(OP_MINIPORT_DEVICE_CREATE, NULL);
    model_set_irql(DISPATCH_LEVEL);
    check_op_begin(&chk, &x, 0);
    check_op_end(&chk, &x, 0);
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
    check_op_begin(&chk, &x, 0);
    WdfObjectReference(o); /* the model takes it: right */
    check_op_end(&chk, &x, 0);
    assert_int_equal(chk.nfindings, 0);
    check_op_begin(&chk, &x, 0);
    check_op_end(&chk, &x, 0); /* a model that took none */
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
    check_end(&chk, &x);        /* ...but the checker never saw that event */
    assert_true(has_finding(RULE_INTERNAL_UNREPORTED_LEAK_AT_UNLOAD));
    /* nor the frees: the tree no longer matches what it saw */
    assert_true(has_finding(RULE_INTERNAL_CHECK_TREE));
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
