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

#include "dir.h"
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

/* --gaps: each distinct ddi-not-modelled event (its line as printed) and
 * how many programs raised it. */
#define MAX_GAPS 64
static struct {
    char line[MAX_GAPS][256];
    unsigned programs[MAX_GAPS];
    uint8_t seen[MAX_GAPS]; /* raised by the program being run */
    unsigned n;
} G;

static void note_gap(const struct model_event *ev, void *arg)
{
    char line[256];
    unsigned i;

    (void)arg;
    if (ev->kind != EV_VIOLATION || model_rule_severity(ev->rule) != SEV_GAP)
        return;
    model_event_format(ev, line, sizeof line);
    for (i = 0; i < G.n && strcmp(G.line[i], line) != 0; i++)
        ;
    if (i == G.n) {
        if (G.n == MAX_GAPS)
            return;
        snprintf(G.line[G.n++], sizeof G.line[0], "%s", line);
    }
    G.seen[i] = 1;
}

/* Runs one program for --gaps. Returns 0, or 2 when it cannot be read. */
static int gaps_run(const char *path, int text, struct program *prog)
{
    struct port_run r = {0};
    unsigned i;

    if (prog_load_file_kind(path, text || strstr(path, ".ufp") != NULL, PROG_DRIVER, prog) < 0)
        return 2;
    memset(G.seen, 0, sizeof G.seen);
    r.inject = target_options()->inject;
    uf_port_set_sink(note_gap, NULL);
    uf_port_run(&uf_driver_under_test, prog, &r);
    uf_port_set_sink(NULL, NULL);
    for (i = 0; i < G.n; i++)
        G.programs[i] += G.seen[i];
    return 0;
}

/* --gaps FILE|DIR...: every program of the files and directories, once
 * each, and the routines they called that the model does not implement
 * (ddi-not-modelled), one line each with the programs that reached it.
 * What a campaign keeps beside its corpus (gaps.txt) for the report.
 * Returns the exit status. */
static int gaps_main(int argc, char **argv, int text)
{
    static struct program prog;
    unsigned programs = 0, i;
    int a;

    for (a = 1; a < argc; a++) {
        struct names files;
        size_t k;

        if (argv[a][0] == '-')
            continue;
        if (!dir_is_dir(argv[a])) {
            if (gaps_run(argv[a], text, &prog) != 0)
                return 2;
            programs++;
            continue;
        }
        if (dir_list(argv[a], NULL, DIR_FILES, &files) < 0) {
            fprintf(stderr, "%s_replay: cannot read %s\n", uf_driver_under_test.name, argv[a]);
            return 2;
        }
        for (k = 0; k < files.n; k++) {
            char p[4096];

            snprintf(p, sizeof p, "%s/%s", argv[a], files.v[k]);
            if (gaps_run(p, text, &prog) != 0) {
                names_free(&files);
                return 2;
            }
            programs++;
        }
        names_free(&files);
    }
    printf("gaps: %u routine call(s) the model does not implement, over %u program(s)\n", G.n,
           programs);
    for (i = 0; i < G.n; i++)
        printf("  %s (%u program%s)\n", G.line[i], G.programs[i], G.programs[i] == 1 ? "" : "s");
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s_replay [--inject=LIST] [--fail-on=SEVERITY] [--unload-callback=documented]\n"
            "       [--keep-globals] [--text] [--quiet] [--trace] [--expect] FILE...\n"
            "       %s_replay --gaps FILE|DIR...\n"
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
            "  --gaps             run each program (every file of a DIR) once and list the\n"
            "                     routines called that the model does not implement\n"
            "                     (ddi-not-modelled), with how many programs reached each\n"
            "\n"
            "Exit status: 0 clean (or as expected), 1 a violation at or above --fail-on,\n"
            "an expectation not met or a run that differs after others, 2 bad usage.\n",
            uf_driver_under_test.name, uf_driver_under_test.name, uf_driver_under_test.name);
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
    int i, text = 0, expect = 0, gaps = 0, files = 0, rc = 0;

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
        else if (strcmp(a, "--gaps") == 0)
            gaps = 1;
        else if (strncmp(a, "--inject=", 9) != 0 && strncmp(a, "--fail-on=", 10) != 0 &&
                 strncmp(a, "--unload-callback=", 18) != 0 && strcmp(a, "--keep-globals") != 0 &&
                 a[0] == '-') {
            fprintf(stderr, "%s_replay: unknown option '%s'\n", uf_driver_under_test.name, a);
            usage(stderr);
            return 2;
        }
    }
    if (gaps)
        return gaps_main(argc, argv, text);
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
