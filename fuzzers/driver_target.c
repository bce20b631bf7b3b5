/*
 * driver_target.c - the fuzz target of a registered driver under test
 * (drivers/unloadfuzz_driver.h): the input is a driver program, played by
 * the port simulation (harness/port.c) against the driver.
 *
 * The target crashes on the first violation at or above the chosen
 * severity (default break), printing one stable first line
 * `unloadfuzz: <target>: <rule>` before abort(), and a second line saying
 * which port misbehaviour was injected when one took effect: such a
 * finding is about the driver's robustness, not its contract.
 *
 * Options, for every engine: the environment variables UNLOADFUZZ_INJECT
 * (double-unload, irql, both comma-separated, or none) and UNLOADFUZZ_FAIL_ON
 * (warning, break, ub, bugcheck); libFuzzer also takes them on its command
 * line as --inject=... and --fail-on=... (it leaves arguments starting with
 * two dashes to the target).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver_target.h"
#include "port.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct driver_target_options opts = {0, SEV_BREAK, 0};

/* The first violation of the run at or above opts.fail_on. */
static struct {
    int found;
    enum model_rule rule;
} first;

static void watch(const struct model_event *ev, void *arg)
{
    (void)arg;
    if (ev->kind == EV_VIOLATION && !first.found && model_rule_severity(ev->rule) >= opts.fail_on) {
        first.found = 1;
        first.rule = ev->rule;
    }
}

/* Reads one option, "inject" or "fail-on", from value v. Returns 0, or -1
 * after saying what is wrong. */
static int set_option(const char *name, const char *v)
{
    enum model_severity s;

    if (strcmp(name, "inject") == 0) {
        if (port_parse_inject(v, &opts.inject) == 0)
            return 0;
        fprintf(stderr, "unloadfuzz: %s: bad inject '%s' (double-unload, irql, both, or none)\n",
                uf_driver_under_test.name, v);
        return -1;
    }
    s = model_severity_lookup(v);
    if (s < SEV__COUNT) {
        opts.fail_on = s;
        return 0;
    }
    fprintf(stderr, "unloadfuzz: %s: bad fail-on '%s' (warning, break, ub or bugcheck)\n",
            uf_driver_under_test.name, v);
    return -1;
}

int driver_target_configure(int argc, char **argv)
{
    const char *e;
    int i;

    if ((e = getenv("UNLOADFUZZ_INJECT")) != NULL && set_option("inject", e) < 0)
        return -1;
    if ((e = getenv("UNLOADFUZZ_FAIL_ON")) != NULL && set_option("fail-on", e) < 0)
        return -1;
    for (i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--inject=", 9) == 0 && set_option("inject", argv[i] + 9) < 0)
            return -1;
        if (strncmp(argv[i], "--fail-on=", 10) == 0 && set_option("fail-on", argv[i] + 10) < 0)
            return -1;
    }
    opts.configured = 1;
    return 0;
}

const struct driver_target_options *driver_target_options(void)
{
    return &opts;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (driver_target_configure(*argc, *argv) < 0)
        exit(2);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct program prog;
    struct port_run run = {0};

    if (!opts.configured && driver_target_configure(0, NULL) < 0)
        exit(2);
    if (size > DRIVER_TARGET_MAX_INPUT)
        return 0;
    prog_decode_kind(data, size, PROG_DRIVER, &prog);
    first.found = 0;
    run.inject = opts.inject;
    port_set_sink(watch, NULL);
    port_run(&uf_driver_under_test, &prog, &run);
    port_set_sink(NULL, NULL);
    if (first.found) {
        fprintf(stderr, "unloadfuzz: %s: %s\n", uf_driver_under_test.name, model_rule_id(first.rule));
        if (run.injected)
            fprintf(stderr, "unloadfuzz: %s: robustness finding: the port misbehaved on purpose (%s%s%s)\n",
                    uf_driver_under_test.name,
                    (run.injected & PORT_INJECT_DOUBLE_UNLOAD) ? "double-unload" : "",
                    run.injected == (PORT_INJECT_DOUBLE_UNLOAD | PORT_INJECT_IRQL) ? "," : "",
                    (run.injected & PORT_INJECT_IRQL) ? "irql" : "");
        abort();
    }
    return 0;
}
