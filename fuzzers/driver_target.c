/*
 * driver_target.c - the fuzz target of a registered driver under test
 * (harness/run/unloadfuzz_driver.h): the input is a driver program, played
 * by the port simulation (harness/run/port.h) against the driver, with the
 * independent checker attached. uf_add_driver() compiles this file into
 * each driver's fuzz binaries, beside the driver's own library.
 *
 * The target crashes on the first violation at or above the chosen
 * severity (default break), or on any finding of the checker (an
 * internal-* rule: the model found inconsistent), printing one stable
 * first line `unloadfuzz: <target>: <rule>` before abort(), and a second
 * line saying which port misbehaviour was injected when one took effect:
 * such a finding is about the driver's robustness, not its contract.
 *
 * Options, for every engine: UNLOADFUZZ_INJECT, UNLOADFUZZ_FAIL_ON and
 * UNLOADFUZZ_UNLOAD_CALLBACK in the environment, and --inject=...,
 * --fail-on=... and --unload-callback=... on libFuzzer's command line
 * (harness/run/target.h). Under the documented EvtDriverUnload a crash says
 * so on a line of its own, so its reproduction asks for the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "port.h"
#include "target.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first violation of the run at or above the options' fail-on. */
static struct {
    int found;
    enum model_rule rule;
} first;

/* The port's event sink: notes the first violation that crashes. */
static void watch(const struct model_event *ev, void *arg)
{
    (void)arg;
    if (ev->kind == EV_VIOLATION && !first.found &&
        model_rule_severity(ev->rule) >= target_options()->fail_on) {
        first.found = 1;
        first.rule = ev->rule;
    }
}

/* libFuzzer's start-up hook: reads the options. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (target_configure(uf_driver_under_test.name, *argc, *argv) < 0)
        exit(2);
    return 0;
}

/* Runs one input as a driver program. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct program prog;
    struct port_run run = {0};

    if (!target_options()->configured && target_configure(uf_driver_under_test.name, 0, NULL) < 0)
        exit(2);
    if (size > UF_MAX_INPUT)
        return 0;
    prog_decode_kind(data, size, PROG_DRIVER, &prog);
    first.found = 0;
    run.inject = target_options()->inject;
    uf_port_set_sink(watch, NULL);
    uf_port_run(&uf_driver_under_test, &prog, &run);
    uf_port_set_sink(NULL, NULL);
    if (first.found) {
        fprintf(stderr, "unloadfuzz: %s: %s\n", uf_driver_under_test.name, model_rule_id(first.rule));
        if (run.injected)
            fprintf(stderr, "unloadfuzz: %s: robustness finding: the port misbehaved on purpose (%s)\n",
                    uf_driver_under_test.name, target_inject_name(run.injected));
        if (*target_unload_callback_arg())
            fprintf(stderr, "unloadfuzz: %s: ran with%s\n", uf_driver_under_test.name,
                    target_unload_callback_arg());
        abort();
    }
    return 0;
}
