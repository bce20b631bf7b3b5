/*
 * driver_replay.c - a driver target's replay binary (<target>_replay): runs
 * driver programs with no engine and says what each did.
 *
 *   <target>_replay [--inject=LIST] [--fail-on=SEVERITY] [--unload-callback=documented]
 *                   [--keep-globals] [--text] [--quiet] [--trace] [--expect] FILE...
 *
 * A file named *.ufp (or any file with --text) is a text program, anything
 * else the binary form an engine wrote. Each program runs three times in
 * this process, the second and third time after other programs that leave
 * the driver's globals in other states (loaded with adapters and no unload;
 * unloaded); the three traces must be identical, which is how the restore
 * of the driver's globals (harness/run/globals.h) is proven to give every
 * run a fresh image. --keep-globals turns the restore off, to show what it
 * hides: a driver that relies on a global being what the image file says
 * differs on its second run. For each file it prints the
 * violations (with --trace, every event) and a verdict. With --expect, a text file's
 * `# expect: RULE...` (or `# expect: clean`) line must list exactly the rules
 * at or above break it raises (warnings it raises may be listed too).
 *
 * Exit status: 0 every file clean (or, with --expect, as expected), 1 a
 * violation at or above --fail-on (or an expectation not met, or a reset
 * that does not restore the driver), 2 bad usage or an unreadable file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"
#include "verdict.h"
#include "load.h"
#include "port.h"

#define MAX_SEEN 64 /* violations printed per file */

/* Programs run between a file's runs, to leave the driver's globals in
 * states the restore must undo: loaded with four adapters and never
 * unloaded; through time and an unload. */
static const char *const perturbations[] = {
    "load\ndevice-arrival\ndevice-arrival\ndevice-arrival\ndevice-arrival\n"
    "fire timer#0\nrun workitem#0\n",
    "load\ndevice-arrival\nfire timer#0\nfire timer#1\nrun workitem#0\nrun workitem#1\n"
    "device-removal\nrun-deferred\nport-unload\n",
};

static struct {
    int quiet;
    int trace;
    uint32_t nseen;
    struct verdict raised;       /* this run's */
} S;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s_replay [--inject=LIST] [--fail-on=SEVERITY] [--unload-callback=documented]\n"
            "       [--keep-globals] [--text] [--quiet] [--trace] [--expect] FILE...\n"
            "\n"
            "Runs driver programs against the %s driver through the port simulation,\n"
            "each three times, between other programs (the traces must match: the\n"
            "driver's globals are restored before every run, as a fresh image has them),\n"
            "and prints each violation and a verdict per file.\n"
            "\n"
            "  --inject=LIST      double-unload, irql, both (comma-separated) or none:\n"
            "                     the port misbehaves on purpose (robustness mode)\n"
            "  --fail-on=SEV      warning, break (default), ub or bugcheck\n"
            "  --unload-callback=documented\n"
            "                     WdfDriverMiniportUnload calls a miniport's EvtDriverUnload,\n"
            "                     as its documentation says (default: source: never)\n"
            "  --keep-globals     do not restore the driver's globals between runs (shows\n"
            "                     a driver that relies on a fresh image; UNLOADFUZZ_KEEP_GLOBALS=1)\n"
            "  --text             read every file as text, whatever its name\n"
            "  --quiet            print only the verdicts\n"
            "  --trace            print every event of each program's first run\n"
            "  --expect           check each text file's `# expect:` line\n"
            "\n"
            "Exit status: 0 clean (or as expected), 1 a violation at or above --fail-on,\n"
            "an expectation not met or a run that differs after others, 2 bad usage.\n",
            uf_driver_under_test.name, uf_driver_under_test.name);
}

static void print_event(const struct model_event *ev, void *arg)
{
    char line[512];

    (void)arg;
    if (S.trace) {
        model_event_format(ev, line, sizeof line);
        printf("    %s\n", line);
    }
    if (ev->kind != EV_VIOLATION)
        return;
    verdict_add(&S.raised, ev->rule);
    if (S.quiet || S.nseen++ >= MAX_SEEN)
        return;
    model_event_format(ev, line, sizeof line);
    printf("  %s\n", line);
}

int main(int argc, char **argv)
{
    static struct program prog, perturb[sizeof perturbations / sizeof perturbations[0]];
    const struct target_options *o;
    char err[256];
    size_t k;
    int i, text = 0, expect = 0, files = 0, rc = 0;

    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
    if (target_configure(uf_driver_under_test.name, argc, argv) < 0)
        return 2;
    o = target_options();
    for (k = 0; k < sizeof perturbations / sizeof perturbations[0]; k++)
        if (prog_parse_text(perturbations[k], strlen(perturbations[k]), &perturb[k], err,
                            sizeof err) < 0) {
            fprintf(stderr, "driver_replay: perturbation %zu: %s\n", k, err);
            return 2;
        }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--text") == 0)
            text = 1;
        else if (strcmp(a, "--quiet") == 0)
            S.quiet = 1;
        else if (strcmp(a, "--trace") == 0)
            S.trace = 1;
        else if (strcmp(a, "--expect") == 0)
            expect = 1;
        else if (strncmp(a, "--inject=", 9) != 0 && strncmp(a, "--fail-on=", 10) != 0 &&
                 strncmp(a, "--unload-callback=", 18) != 0 && strcmp(a, "--keep-globals") != 0 &&
                 a[0] == '-') {
            fprintf(stderr, "%s_replay: unknown option '%s'\n", uf_driver_under_test.name, a);
            usage(stderr);
            return 2;
        }
    }
    for (i = 1; i < argc; i++) {
        struct port_run r1 = {0}, r2 = {0}, scratch = {0};
        uint8_t want[RULE__COUNT];
        struct expect_mismatch miss[RULE__COUNT];
        const char *path = argv[i];
        size_t m, nmiss;
        int bad = 0, has_expect = 0;

        if (path[0] == '-')
            continue;
        files++;
        if (prog_load_file_kind(path, text, PROG_DRIVER, &prog) < 0)
            return 2;
        if (expect) {
            char unknown[64];
            int n = expect_read(path, want, unknown, sizeof unknown);

            if (n < 0) {
                fprintf(stderr, "%s: # expect: unknown rule '%s'\n", path, unknown);
                return 2;
            }
            has_expect = n > 0;
        }
        printf("%s\n", path);
        verdict_clear(&S.raised);
        S.nseen = 0;
        r1.inject = r2.inject = o->inject;
        r1.thorough = r2.thorough = 1;
        uf_port_set_sink(print_event, NULL);
        uf_port_run(&uf_driver_under_test, &prog, &r1);
        uf_port_set_sink(NULL, NULL);
        for (k = 0; k < sizeof perturbations / sizeof perturbations[0]; k++) {
            uf_port_run(&uf_driver_under_test, &perturb[k], &scratch);
            uf_port_run(&uf_driver_under_test, &prog, &r2);
            if (r1.trace_hash != r2.trace_hash || r1.events != r2.events) {
                printf("  reset: a run after other programs differs (%u events, hash %016llx;"
                       " then %u, %016llx): %s\n",
                       (unsigned)r1.events, (unsigned long long)r1.trace_hash,
                       (unsigned)r2.events, (unsigned long long)r2.trace_hash,
                       o->keep_globals ? "the driver relies on its globals as a fresh image"
                                         " has them (--keep-globals)"
                       : uf_driver_under_test.reset
                           ? "the driver keeps state its reset hook does not restore"
                           : "the driver keeps state outside its globals");
                rc = 1;
                break;
            }
        }
        bad = verdict_fails(&S.raised, o->fail_on);
        nmiss = has_expect ? expect_compare(&S.raised, want, miss, RULE__COUNT) : 0;
        for (m = 0; m < nmiss; m++) {
            printf("  expect: %s %s\n", model_rule_id(miss[m].rule),
                   miss[m].miss == EXPECT_NOT_RAISED     ? "expected, not raised"
                   : miss[m].miss == EXPECT_NOT_EXPECTED ? "raised, not expected"
                   : "raised, not expected (the model found itself inconsistent)");
            has_expect = 2;
        }
        if (expect && has_expect == 0) {
            printf("  expect: no `# expect:` line\n");
            rc = 1;
        }
        printf("  verdict: %s%s; trace %016llx%s\n",
               bad                                   ? "violation"
               : verdict_count(&S.raised, SEV_GAP) ? "incomplete (a routine the model does not"
                                                     " implement was called: ddi-not-modelled)"
                                                   : "clean",
               r1.injected ? " (the port misbehaved on purpose)" : "",
               (unsigned long long)r1.trace_hash,
               has_expect == 1 ? "; as expected" : has_expect == 2 ? "; NOT as expected" : "");
        if (has_expect == 2 || (!expect && bad))
            rc = 1;
    }
    if (files == 0) {
        usage(stderr);
        return 2;
    }
    return rc;
}
