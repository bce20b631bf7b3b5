/*
 * gate.c - `unloadfuzz gate`: the merge gate. One command a CI job runs on
 * every change, whose exit status says whether the change may land.
 *
 * This file is the command: its arguments, the order of the steps and the
 * reports at the end. Everything is checked before anything runs
 * (gate_setup.h): arguments, the build, the baseline, the regressions, the
 * seeds, and that an explicit --sarif or --junit file does not exist yet
 * (the gate never overwrites one); a problem there is exit 2 and nothing
 * is written. Step 1 replays every regression (gate_replay.h); step 2
 * fuzzes each target and triages what crashed (gate_fuzz.h). Then come
 * the reports, written by reports/ from the run's record (gate_report.h):
 * findings.json (findings.h), SARIF 2.1.0 (sarif.h) and JUnit XML
 * (junit.h).
 *
 * The work directory (--out, default out/gate) is the gate's own: it is
 * emptied at the start of every run, and the gate refuses a non-empty
 * directory it did not make. Its layout is a campaign's (docs/CAMPAIGNS.md):
 * <target>/{seeds,corpus,crashes,logs}, findings/<target>/ and
 * findings.json, beside regressions/ (the replay logs) and the reports.
 *
 * The SARIF holds no clock time and no machine name, so two runs with the
 * same --runs, --seed and --out give it byte for byte (the engines run
 * without address randomization for that: see gate_main); the JUnit has
 * the durations and the host JUnit readers expect.
 */
#include "gate.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "file.h"
#include "findings.h"
#include "gate_fuzz.h"
#include "gate_replay.h"
#include "gate_setup.h"
#include "gate_state.h"
#include "junit.h"
#include "model.h"
#include "sarif.h"

#define GATE_DEFAULT_BUDGET 120 /* seconds, when neither --runs nor --budget */

/* ---- usage and arguments ---- */

/* The command's --help, to f. */
static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz gate [--runs N | --budget SECONDS] [--seed N] [--baseline FILE]\n"
            "                       [--sarif FILE] [--junit FILE] [--targets LIST]\n"
            "                       [--regressions DIR] [--out DIR]\n"
            "\n"
            "The merge gate. Replays every regression (corpus/regressions/api/*.ufp through\n"
            "the api interpreter, corpus/regressions/<target>/*.ufp through <target>_replay\n"
            "--expect), then fuzzes each target from its seeds with libFuzzer, triages\n"
            "every crash and compares its signature with the baseline. Writes SARIF 2.1.0\n"
            "and JUnit XML (docs/CAMPAIGNS.md, \"The merge gate\").\n"
            "\n"
            "  --runs N          libFuzzer -runs=N per target, with -seed: the run repeats\n"
            "                    exactly\n"
            "  --budget SECONDS  the whole gate's time, shared among the targets\n"
            "                    (-max_total_time; default %d when neither is given)\n"
            "  --seed N          libFuzzer's seed, 1 to 4294967295 (default: from the clock;\n"
            "                    the gate prints it)\n"
            "  --baseline FILE   known findings, `signature<TAB>reason` a line (default\n"
            "                    corpus/baseline.tsv of the source tree)\n"
            "  --sarif FILE      the SARIF report (default DIR/gate.sarif); an existing\n"
            "                    file is never overwritten\n"
            "  --junit FILE      the JUnit report (default DIR/gate.junit.xml); likewise\n"
            "  --targets LIST    comma-separated targets to fuzz (default: api and every\n"
            "                    driver target that is not a planted-bug variant)\n"
            "  --regressions DIR the regression programs (default corpus/regressions, and\n"
            "                    regressions/<target>/ beside each driver of -DUF_DRIVER_DIRS)\n"
            "  --out DIR         the gate's work directory, emptied at every run (default\n"
            "                    out/gate)\n"
            "\n"
            "Exit status: 0 clean, 1 a new finding or a broken regression, 2 bad arguments,\n"
            "a missing build or an unreadable file (nothing is written then).\n",
            GATE_DEFAULT_BUDGET);
}

/* Parses a decimal number in [lo, hi] into *v. Returns 0 or -1. */
static int parse_num(const char *s, unsigned long long lo, unsigned long long hi,
                     unsigned long long *v)
{
    char *end;

    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    *v = strtoull(s, &end, 10);
    return errno || *end || *v < lo || *v > hi ? -1 : 0;
}

/* The value of option `name` at argv[*i], as `--name VALUE` or
 * `--name=VALUE` (advancing *i past it). Returns it, NULL when argv[*i] is
 * not that option, or "" when the value is missing (*missing set). */
static const char *opt(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);

    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return "";
    }
    return argv[++*i];
}

/* Copies the path value v of an option into buf (PATH_MAX bytes).
 * Returns 0, or -1 when it is missing, empty or too long. */
static int path_arg(char *buf, const char *v, int missing)
{
    return missing || !*v || gate_fmt(buf, PATH_MAX, "%s", v) < 0 ? -1 : 0;
}

/* A seed from the clock when none was given: 1 .. 2^31-1, which any
 * libFuzzer takes. */
static uint32_t clock_seed(void)
{
    struct timespec ts;
    uint32_t seed;

    clock_gettime(CLOCK_REALTIME, &ts);
    seed = (uint32_t)((uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^
                      (uint64_t)getpid() << 16);
    return seed % 2147483647u + 1;
}

/* Parses the arguments into g. Returns 0, 2 on a bad one (said), or -1
 * when --help was printed. */
static int parse_args(struct gate *g, int argc, char **argv)
{
    struct gate_report *rep = &g->rep;
    const char *out = "out/gate", *v;
    unsigned long long n;
    int i, missing = 0;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return -1;
        } else if ((v = opt(argc, argv, &i, "--runs", &missing)) != NULL) {
            if (missing || parse_num(v, 1, INT_MAX, &n) < 0)
                return gate_fail("--runs takes a number of executions, 1 to %d", INT_MAX);
            rep->runs = (long long)n;
        } else if ((v = opt(argc, argv, &i, "--budget", &missing)) != NULL) {
            if (missing || parse_num(v, 1, 7 * 86400, &n) < 0)
                return gate_fail("--budget takes seconds, 1 to %d", 7 * 86400);
            rep->budget = (long long)n;
        } else if ((v = opt(argc, argv, &i, "--seed", &missing)) != NULL) {
            if (missing || parse_num(v, 1, UINT32_MAX, &n) < 0)
                return gate_fail("--seed takes a number, 1 to %u (0 would let libFuzzer pick"
                                 " one)", (unsigned)UINT32_MAX);
            rep->seed = (uint32_t)n;
            g->seed_given = 1;
        } else if ((v = opt(argc, argv, &i, "--baseline", &missing)) != NULL) {
            if (path_arg(g->baseline, v, missing) < 0)
                return gate_fail("--baseline takes a file");
        } else if ((v = opt(argc, argv, &i, "--sarif", &missing)) != NULL) {
            if (path_arg(g->sarif, v, missing) < 0)
                return gate_fail("--sarif takes a file to write");
            g->sarif_given = 1;
        } else if ((v = opt(argc, argv, &i, "--junit", &missing)) != NULL) {
            if (path_arg(g->junit, v, missing) < 0)
                return gate_fail("--junit takes a file to write");
            g->junit_given = 1;
        } else if ((v = opt(argc, argv, &i, "--targets", &missing)) != NULL) {
            if (missing || !*v)
                return gate_fail("--targets takes a comma-separated list of targets");
            g->targets_opt = v;
        } else if ((v = opt(argc, argv, &i, "--regressions", &missing)) != NULL) {
            if (path_arg(g->regressions, v, missing) < 0)
                return gate_fail("--regressions takes a directory");
        } else if ((v = opt(argc, argv, &i, "--out", &missing)) != NULL) {
            if (missing || !*v)
                return gate_fail("--out takes a directory");
            out = v;
        } else {
            fprintf(stderr, "unloadfuzz gate: unknown argument '%s'\n\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (rep->runs && rep->budget)
        return gate_fail("give --runs or --budget, not both");
    if (!rep->runs && !rep->budget)
        rep->budget = GATE_DEFAULT_BUDGET;
    if (gate_fmt(g->out, sizeof g->out, "%s", out) < 0)
        return gate_fail("--out: path too long");
    if (!g->seed_given)
        rep->seed = clock_seed();
    return 0;
}

/* ---- the reports ---- */

/* The text of findings.json: every distinct finding, in the shape of a
 * campaign's (reports/findings.h), with whether it is new and the
 * baseline's reason. Returns it (malloc'd); aborts out of memory. */
static char *findings_text(const struct gate *g)
{
    const struct gate_report *rep = &g->rep;
    size_t n = rep->nfindings, i;
    struct findings_entry *v = gate_realloc(NULL, (n ? n : 1) * sizeof *v);
    char **where = gate_realloc(NULL, (n ? n : 1) * sizeof *where);
    char *text;

    for (i = 0; i < n; i++) {
        const struct gate_report_finding *f = &rep->findings[i];
        enum model_rule r = model_rule_lookup(f->rule);

        where[i] = NULL;
        if (f->file) {
            struct buf b = BUF_INIT(0);

            buf_printf(&b, "%s:%u", gate_shown(g, f->file), f->line);
            where[i] = gate_take(&b);
        }
        memset(&v[i], 0, sizeof v[i]);
        v[i].target = rep->targets[f->target].name;
        v[i].signature = f->sig;
        v[i].rule = f->rule;
        v[i].severity = r < RULE__COUNT ? model_severity_name(model_rule_severity(r)) : "engine";
        v[i].first_seen_s = f->first_seen;
        v[i].inputs = f->inputs;
        v[i].program = f->program;
        v[i].reproduce = f->reproduce;
        v[i].baseline = 1;
        v[i].is_new = !f->known;
        v[i].baseline_reason = f->known ? f->reason : NULL;
        v[i].location = where[i];
    }
    text = findings_json(v, n);
    for (i = 0; i < n; i++)
        free(where[i]);
    free(where);
    free(v);
    if (text == NULL)
        gate_oom();
    return text;
}

/* Writes text (NULL: out of memory, which aborts) to path and frees it. A
 * report named on the command line (noclobber) is created new, so an
 * existing file is never replaced, and removed again when it cannot be
 * written whole; one in the work directory goes through a temporary file
 * renamed into place. Returns 0 or 2 (said). */
static int write_report(const char *path, char *text, int noclobber)
{
    int rc = 0;

    if (text == NULL)
        gate_oom();
    if (file_write(path, text, strlen(text), noclobber ? FILE_NEW : FILE_REPLACE) != 0)
        rc = gate_fail("cannot write %s: %s", path, strerror(errno));
    free(text);
    return rc;
}

/* The UTC time now as JUnit's timestamp into stamp, and this machine's
 * name into host (hn bytes). */
static void junit_stamp(char stamp[32], char *host, size_t hn)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(stamp, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    if (gethostname(host, hn) != 0 || !host[0])
        snprintf(host, hn, "localhost");
    host[hn - 1] = '\0';
}

/* Writes findings.json, the SARIF and the JUnit. Returns 0 or 2 (said). */
static int write_reports(const struct gate *g)
{
    char path[PATH_MAX], stamp[32], host[256];
    int rc;

    if (gate_fmt(path, sizeof path, "%s/findings.json", g->out) < 0)
        return gate_fail("path too long");
    if ((rc = write_report(path, findings_text(g), 0)) != 0 ||
        (rc = write_report(g->sarif, sarif_text(&g->rep), g->sarif_given)) != 0)
        return rc;
    junit_stamp(stamp, host, sizeof host);
    return write_report(g->junit, junit_text(&g->rep, stamp, host), g->junit_given);
}

/* ---- the command ---- */

/* Turns off address randomization for this process and its children. The
 * model's pool indexes blocks by a hash of their address, so how many
 * probes a lookup takes (edge hit counts, which libFuzzer's features
 * count) depends on where the heap is, and with ASLR two runs of one seed
 * can keep different inputs. Where that is refused (a container's seccomp
 * profile), the gate goes on and says so. Returns 0, or the errno. */
static int no_aslr(void)
{
    if (personality(0xffffffffUL) == -1 ||
        personality((unsigned long)personality(0xffffffffUL) | ADDR_NO_RANDOMIZE) == -1)
        return errno ? errno : EPERM;
    return 0;
}

/* Prints what the run is: its seed and how to repeat it, and the trees. */
static void print_start(const struct gate *g)
{
    const struct gate_report *rep = &g->rep;

    if (rep->runs)
        printf("gate: seed %u (--runs %lld --seed %u repeats this run exactly)\n", rep->seed,
               rep->runs, rep->seed);
    else
        printf("gate: seed %u, budget %lld s (--seed %u repeats the sessions' seeds; with"
               " --runs a run repeats exactly)\n", rep->seed, rep->budget, rep->seed);
    printf("gate: source %s, build %s, work %s\n", g->trees.src, g->trees.build, g->out);
    if (g->aslr && rep->runs)
        printf("gate: note: address randomization stays on (personality: %s): coverage can"
               " depend on addresses, so this run may not repeat exactly\n", strerror(g->aslr));
}

/* Prints the verdict. Returns the exit status: 1 when a finding is new or
 * a regression broken, else 0. */
static int print_verdict(const struct gate *g, size_t broken)
{
    size_t i, fresh = 0, known = 0;

    for (i = 0; i < g->rep.nfindings; i++) {
        fresh += !g->rep.findings[i].known;
        known += g->rep.findings[i].known != 0;
    }
    printf("gate: reports: %s, %s\n", g->sarif, g->junit);
    if (fresh || broken) {
        printf("gate: FAILED: %zu new finding%s, %zu broken regression%s (%zu known finding%s;"
               " seed %u)\n", fresh, fresh == 1 ? "" : "s", broken, broken == 1 ? "" : "s",
               known, known == 1 ? "" : "s", g->rep.seed);
        return 1;
    }
    printf("gate: passed: no new finding, every regression holds (%zu known finding%s;"
           " seed %u)\n", known, known == 1 ? "" : "s", g->rep.seed);
    return 0;
}

/* The command (gate.h). Returns its exit status. */
int gate_main(int argc, char **argv)
{
    static struct gate g;
    size_t i, broken, beside, left = 0;
    int rc;

    memset(&g, 0, sizeof g);
    g.t0 = clock_now();
    rc = parse_args(&g, argc, argv);
    if (rc)
        return rc < 0 ? 0 : rc;
    /* a gate is hermetic: the default port and fail-on, whatever the shell says */
    unsetenv("UNLOADFUZZ_INJECT");
    unsetenv("UNLOADFUZZ_FAIL_ON");
    unsetenv("UNLOADFUZZ_UNLOAD_CALLBACK");
    g.aslr = no_aslr();
    if ((rc = gate_setup(&g)) != 0)
        goto out_free_gate;
    g.deadline = g.t0 + (double)g.rep.budget;
    print_start(&g);

    /* step 1 */
    broken = gate_replay(&g);
    for (i = 0, beside = 0; i < g.rep.nregs; i++)
        beside += strncmp(g.rep.regs[i].path, g.regressions, strlen(g.regressions)) != 0;
    printf("gate: regressions: %zu replayed from %s%s, %zu broken\n", g.rep.nregs,
           gate_shown(&g, g.regressions),
           beside ? " and beside the drivers of UF_DRIVER_DIRS" : "", broken);

    /* step 2 */
    for (i = 0; i < g.rep.ntargets; i++)
        left += g.rep.targets[i].fuzz != 0;
    for (i = 0; i < g.rep.ntargets; i++)
        if (g.rep.targets[i].fuzz && (rc = gate_fuzz(&g, i, left--)) != 0)
            goto out_free_gate;

    if ((rc = write_reports(&g)) == 0)
        rc = print_verdict(&g, broken);
out_free_gate:
    gate_free(&g);
    return rc;
}
