/*
 * test_determinism.c - the same calls give the same events, byte for byte:
 * twice in one process (nothing leaks between executions through a reset),
 * and against tests/golden/scenario.log, which the clang (ASan + UBSan) and
 * gcc (valgrind) builds both check, so the two compilers agree too.
 * Set UF_GOLDEN_UPDATE=1 to rewrite the golden file after a deliberate
 * change to the scenario or the event format (UF_GOLDEN names another file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "testlib.h"

#define LOG_MAX (256 * 1024)

static char log_a[LOG_MAX], log_b[LOG_MAX], golden[LOG_MAX];
static size_t len;

/* Appends the event's line to the log at `arg`. */
static void capture(const struct model_event *ev, void *arg)
{
    char *log = arg;
    int n = model_event_format(ev, log + len, LOG_MAX - len - 1);

    assert_true(n > 0 && len + (size_t)n + 1 < LOG_MAX);
    len += (size_t)n;
    log[len++] = '\n';
    log[len] = 0;
}

/* Plays the scenario into `log`. */
static void record(char *log)
{
    len = 0;
    log[0] = 0;
    model_set_sink(capture, log);
    scenario_run();
    model_set_sink(NULL, NULL);
}

/* Two runs in one process log the same bytes, and the scenario does what
 * it is there for: violations that do not stop the run, and a full unload. */
static void same_events_twice(void **state)
{
    record(log_a);
    record(log_b);
    assert_string_equal(log_a, log_b);
    assert_non_null(strstr(log_a, "violation collection-remove-nonmember"));
    assert_non_null(strstr(log_a, "violation leak-at-unload"));
    assert_non_null(strstr(log_a, "fault collection-entry"));
    assert_non_null(strstr(log_a, "defer o"));
    assert_false(model_halted());
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
}

/* The log is the golden file's, whichever compiler built this. */
static void same_events_as_golden(void **state)
{
    const char *path = getenv("UF_GOLDEN") ? getenv("UF_GOLDEN") : UF_GOLDEN_DEFAULT;
    FILE *f;
    size_t n;

    record(log_a);
    if (getenv("UF_GOLDEN_UPDATE")) {
        f = fopen(path, "w");
        assert_non_null(f);
        fputs(log_a, f);
        fclose(f);
    }
    f = fopen(path, "r");
    assert_non_null(f);
    n = fread(golden, 1, sizeof(golden) - 1, f);
    golden[n] = 0;
    fclose(f);
    if (strcmp(golden, log_a)) {
        print_error("event log differs from %s:\n%s", path, log_a);
        fail();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_events_twice),
        cmocka_unit_test(same_events_as_golden),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
