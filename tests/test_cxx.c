/*
 * test_cxx.c - a driver written in C++, as kernel C++ runs: facts [V1]-[V3]
 * in docs/WDF-SEMANTICS.md, each check firing on the misuse and quiet on
 * correct use.
 *
 * The driver is tests/drivers/cxx (its pool operator new and delete in
 * NewDelete.cpp, an adapter class whose constructor allocates); CxxLog
 * (its own) says what it did. One source, three executables, one a
 * target: test_cxx links the correct driver, test_cxx_pure the variant
 * that calls a pure virtual function (UF_CXX_PURE), test_cxx_ctor the one
 * with a global constructor (UF_CXX_CTOR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cxx.h"
#include "porttest.h"

extern char CxxLog[512];

/* Runs the driver program `text`, then prints the driver's log. */
static void run(const char *text)
{
    t_port_run(&uf_driver_under_test, text);
    print_message("  log: %s\n", CxxLog);
}

static void __attribute__((unused)) assert_log(const char *expected)
{
    if (strcmp(CxxLog, expected) != 0) {
        print_message("  expected: %s\n", expected);
        fail();
    }
}

#if !defined(UF_CXX_PURE) && !defined(UF_CXX_CTOR)
/* [V1] The adapter's life: its pool new, its constructor, a call through
 * its vtable, then its virtual destructor and the sized operator delete,
 * which frees the block to the pool (nothing leaks at unload). No
 * constructor of a global is reported: the driver has none. */
static void V1_new_and_delete_go_through_the_drivers_operators(void **state)
{
    (void)state;
    run("load\ndevice-arrival\ndevice-removal\nport-unload\n");
    assert_log("new ctor adapter dtor delete-sized ");
    t_expect_quiet();
    assert_int_equal(uf_cxx_constructors(), 0);
}

/* [V1] The pool has no memory for the adapter: the operator returns NULL
 * and the new-expression yields NULL without running the constructor (at
 * NULL it would write the adapter's fields and crash). The driver's check
 * fails the arrival; nothing is reported. */
static void V1_a_failed_new_runs_no_constructor(void **state)
{
    (void)state;
    run("load\nfail-alloc site=pool-allocate\ndevice-arrival\nfail-alloc off\nport-unload\n");
    assert_log("new-null no-adapter ");
    t_expect_quiet();
}

/* [V1] The adapter is made but its constructor's own allocation fails:
 * Init says so and the driver deletes it, the destructor running and the
 * sized delete freeing the block. Nothing leaks. */
static void V1_a_constructor_failure_reaches_the_error_path(void **state)
{
    (void)state;
    run("load\nfail-alloc nth=2\ndevice-arrival\nfail-alloc off\nport-unload\n");
    assert_log("new ctor init-failed dtor delete-sized ");
    t_expect_quiet();
}
#endif

#ifdef UF_CXX_PURE
/* [V2] The component's constructor calls Describe through the vtable while
 * the object is still a Component, whose Describe is pure: the call
 * reaches the pure virtual slot, a bug check, and the machine halts. The
 * call does not return: the driver's log ends with the new, and nothing
 * more of the program runs (no removal, no unload). */
static void V2_a_pure_virtual_call_is_a_bug_check(void **state)
{
    (void)state;
    run("load\ndevice-arrival\ndevice-removal\nport-unload\n");
    assert_log("new ");
    t_expect_only(RULE_CXX_PURE_VIRTUAL_CALL, 1);
    assert_true(model_halted());
}

/* [V2] With no device the constructor never runs, and nothing is called. */
static void V2_no_call_no_report(void **state)
{
    (void)state;
    run("load\nport-unload\n");
    t_expect_quiet();
}
#endif

#ifdef UF_CXX_CTOR
/* [V3] The driver has a global with a constructor: the build set it aside,
 * the global is left zeroed (the driver sees it unconstructed), and every
 * load reports it, once. Its destructor was never registered: the run
 * ends with no call into it. */
static void V3_global_constructors_are_reported_not_run(void **state)
{
    (void)state;
    assert_int_equal(uf_cxx_constructors(), 1);
    run("load\ndevice-arrival\ndevice-removal\nport-unload\n");
    assert_log("unconstructed new ctor adapter dtor delete-sized ");
    t_expect_only(RULE_CXX_GLOBAL_CONSTRUCTOR, 1);
    run("load\nport-unload\n");
    assert_log("unconstructed ");
    t_expect_only(RULE_CXX_GLOBAL_CONSTRUCTOR, 1);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
#if defined(UF_CXX_PURE)
        cmocka_unit_test(V2_a_pure_virtual_call_is_a_bug_check),
        cmocka_unit_test(V2_no_call_no_report),
#elif defined(UF_CXX_CTOR)
        cmocka_unit_test(V3_global_constructors_are_reported_not_run),
#else
        cmocka_unit_test(V1_new_and_delete_go_through_the_drivers_operators),
        cmocka_unit_test(V1_a_failed_new_runs_no_constructor),
        cmocka_unit_test(V1_a_constructor_failure_reaches_the_error_path),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
