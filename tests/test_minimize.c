/*
 * test_minimize.c - triage's minimizer (harness/tools/minimize.h): what it
 * leaves, and that it stops once a pass changes nothing, also when an edit
 * reads back through the binary form as the program it started from.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "minimize.h"
#include "program.h"

static struct program prog;

static void parse(const char *text)
{
    char err[256];

    assert_int_equal(prog_parse_text(text, strlen(text), &prog, err, sizeof err), 0);
}

/* The predicate: the program still holds an op of code *arg. */
static int has_op(const struct program *p, void *arg)
{
    uint32_t i;

    for (i = 0; i < p->nops; i++)
        if (p->ops[i].code == *(const uint8_t *)arg)
            return 1;
    return 0;
}

/* Everything but the op the predicate needs goes. */
static void test_deletes_what_is_not_needed(void **state)
{
    uint8_t code;

    (void)state;
    parse("driver-create\nobject-create $a parent=$driver\nspinlock-create $s\n"
          "fail-alloc nth=3\nminiport-unload\n");
    code = prog.ops[3].code;
    minimize_program(&prog, has_op, &code, MINIMIZE_BUDGET);
    assert_int_equal(prog.nops, 1);
    assert_int_equal(prog.ops[0].code, code);
}

/* `fail-alloc off` without its only option bit reads back as itself (the
 * decoder's mode when none is written): a pass that only makes such edits
 * changed nothing, and the minimizer stops instead of spending its budget. */
static void test_an_edit_that_reads_back_the_same_is_no_progress(void **state)
{
    uint8_t code;
    uint32_t calls;

    (void)state;
    parse("fail-alloc off\n");
    code = prog.ops[0].code;
    calls = minimize_program(&prog, has_op, &code, 1000);
    assert_int_equal(prog.nops, 1);
    assert_true(calls < 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deletes_what_is_not_needed),
        cmocka_unit_test(test_an_edit_that_reads_back_the_same_is_no_progress),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
