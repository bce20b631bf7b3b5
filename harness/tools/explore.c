/*
 * explore.c - the explorer's command (explore.h): its arguments, its output
 * directory, its scenarios; then each scenario through the sweeps and the
 * search, and the summary.
 *
 * Where it sits: `unloadfuzz explore api` (harness/cli/explore_cli.c) and a
 * driver target's own explorer (harness/cli/driver_explore.c) call
 * explore_main() with their target. The parts it drives, in the order data
 * flows through them:
 *  - explore_sweeps.c: the alloc, irql and unload sweeps build programs
 *    from a scenario;
 *  - explore_search.c: the bounded search builds sequences of events;
 *  - explore_engine.c: runs each program on the target, records each
 *    distinct finding (finding.h);
 *  - explore_output.c: writes each finding's program, the summary, and
 *    the program that crashed the process.
 * For each scenario the alloc sweep (or, without it, one run as written)
 * and the unload sweep run first; then the search over every scenario;
 * the IRQL sweep last: it calls drivers outside their contract, where a
 * crash of the process, which ends the exploration, is most likely.
 * docs/EXPLORING.md says what each sweep runs and what a clean one proves.
 */
#include "explore.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir.h"
#include "explore_engine.h"
#include "explore_output.h"
#include "explore_search.h"
#include "explore_sweeps.h"
#include "load.h"
#include "target.h"

#define MAX_SCENARIOS 64 /* programs explored in one command */

/* The words of --sweeps, bit i being sweep_words[i], in the order of
 * enum xeng_sweep from SWEEP_ALLOC. */
static const char *const sweep_words[] = {"alloc", "irql", "unload", "search"};
#define NSWEEP_WORDS 4
#define ALL_SWEEP_WORDS ((1u << NSWEEP_WORDS) - 1)

/* What the command line asks for. */
struct request {
    uint32_t sweeps;              /* bit i: sweep_words[i] */
    uint32_t events;              /* the search's events (explore_search.h) */
    uint32_t depth;               /* the search's depth */
    uint64_t budget;              /* the search's runs */
    const char *out;              /* the output directory; NULL: out/explore/<target> */
    enum model_severity fail_on;  /* the lowest severity that is a finding */
    int json;                     /* print the summary as JSON */
    int quiet;                    /* no progress lines */
    uint32_t nscenarios;          /* PROGRAMs given, loaded into scenarios[] */
};

/* Prints the explorer's usage for target `target` to f. */
static void usage(FILE *f, const char *target)
{
    fprintf(f,
            "usage: explore %s [--sweeps LIST] [--depth D] [--events LIST] [--budget RUNS]\n"
            "               [--out DIR] [--fail-on SEV] [--unload-callback=documented]\n"
            "               [--json] [--quiet] [PROGRAM...]\n"
            "\n"
            "Runs each PROGRAM (a driver target: its seeds when none is given) under\n"
            "the sweeps and the search, reports each distinct finding once with the\n"
            "program that replays it (written to DIR), and a JSON summary.\n"
            "\n"
            "  --sweeps LIST   alloc, irql, unload, search, comma-separated (default all;\n"
            "                  search is for driver targets)\n"
            "  --depth D       events per sequence in the search (default 4, at most %d)\n"
            "  --events LIST   the search's events: arrival, removal, fire, run, deferred,\n"
            "                  unload, complete, dpc, lower, port (the port's own ops:\n"
            "                  NDIS's send, pause, restart, reset, oid-request,\n"
            "                  surprise-removal; AVStream's surprise-removal) (default all)\n"
            "  --budget RUNS   runs the search may make (default 200000)\n"
            "  --out DIR       where findings and summary.json go (default\n"
            "                  out/explore/<target>); it must be empty or an earlier\n"
            "                  explore's\n"
            "  --fail-on SEV   the lowest severity that is a finding (default break)\n"
            "  --unload-callback=documented\n"
            "                  WdfDriverMiniportUnload calls a miniport's EvtDriverUnload,\n"
            "                  as its documentation says (default: source, as the\n"
            "                  framework's code does: never; docs/WDF-SEMANTICS.md [C1])\n"
            "  --json          print the summary as JSON\n"
            "  --quiet         no progress lines\n"
            "\n"
            "Exit status: 0 no finding, 1 findings, 2 bad usage or input.\n",
            target, XSEARCH_MAX_DEPTH);
}

/* Parses a comma-separated list of words from names[0..n) into bits.
 * Returns 0, or -1 for an unknown word. */
static int parse_list(const char *s, const char *const *names, uint32_t n, uint32_t *bits)
{
    char buf[256], *w, *save = NULL;
    uint32_t k;

    snprintf(buf, sizeof buf, "%s", s);
    *bits = 0;
    for (w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        for (k = 0; k < n && strcmp(w, names[k]); k++)
            ;
        if (k == n)
            return -1;
        *bits |= 1u << k;
    }
    return *bits ? 0 : -1;
}

/* Whether dir holds no entry at all, hidden ones included; a directory
 * that cannot be read counts as holding nothing. */
static int holds_nothing(const char *dir)
{
    struct dirent *e;
    DIR *d = opendir(dir);
    int empty = 1;

    if (d == NULL)
        return 1;
    while (empty && (e = readdir(d)) != NULL)
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

/* Whether name is one of an explore's finding programs: NNN-*.ufp. */
static int is_finding_program(const char *name)
{
    size_t len = strlen(name);

    return len >= 8 && strspn(name, "0123456789") >= 3 && name[3] == '-' &&
           !strcmp(name + len - 4, ".ufp");
}

/* Removes what an earlier explore wrote into dir: its finding programs and
 * summary.json. Returns 0, or -1 after saying what could not go. */
static int remove_earlier(const char *dir)
{
    struct names names;
    char path[1100];
    size_t i;
    int rc = 0;

    if (dir_list(dir, ".ufp", DIR_ANY, &names) == 0) {
        for (i = 0; i < names.n; i++) {
            if (!is_finding_program(names.v[i]))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
            if (unlink(path) != 0 && errno != ENOENT) {
                fprintf(stderr, "explore: %s: %s\n", path, strerror(errno));
                rc = -1;
            }
        }
        names_free(&names);
    }
    snprintf(path, sizeof path, "%s/summary.json", dir);
    if (unlink(path) != 0 && errno != ENOENT) {
        fprintf(stderr, "explore: %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Makes dir (and its parents); empties it of an earlier explore's files,
 * and refuses one holding anything else. Returns 0, or -1 after saying
 * why. */
static int prepare_out(const char *dir)
{
    char path[1100];
    struct stat st;

    if (dir[0] == '\0' || dir_make(dir) != 0) {
        fprintf(stderr, "explore: cannot make the output directory '%s'\n", dir);
        return -1;
    }
    snprintf(path, sizeof path, "%s/summary.json", dir);
    if (stat(path, &st) == 0)
        return remove_earlier(dir);
    if (!holds_nothing(dir)) {
        fprintf(stderr, "explore: '%s' holds files that are not an earlier explore's: choose"
                        " another --out\n", dir);
        return -1;
    }
    if (access(dir, W_OK) != 0) {
        fprintf(stderr, "explore: '%s' is not writable\n", dir);
        return -1;
    }
    return 0;
}

/* Loads the *.ufp files of t->seeds into scenarios[], in name order (the
 * first MAX_SCENARIOS). Returns how many, or (uint32_t)-1 after saying
 * why. */
static uint32_t load_seeds(const struct explore_target *t, struct program *scenarios)
{
    struct names names;
    char path[1024];
    uint32_t n = 0;

    if (dir_list(t->seeds, ".ufp", DIR_ANY, &names) != 0) {
        fprintf(stderr, "explore: %s: %s\n", t->seeds, strerror(errno));
        return (uint32_t)-1;
    }
    for (n = 0; n < names.n && n < MAX_SCENARIOS; n++) {
        if (snprintf(path, sizeof path, "%s/%s", t->seeds, names.v[n]) >= (int)sizeof path) {
            fprintf(stderr, "explore: %s/%s: path too long\n", t->seeds, names.v[n]);
            goto out_free_names;
        }
        if (prog_load_file_kind(path, 0, (int)t->kind, &scenarios[n]) < 0)
            goto out_free_names;
    }
    names_free(&names);
    return n;
out_free_names:
    names_free(&names);
    return (uint32_t)-1;
}

/* Reads the arguments into *rq, loading each PROGRAM into scenarios[].
 * Returns 0, 1 after printing the usage for --help, or -1 after saying
 * what is wrong. */
static int parse_args(const struct explore_target *t, int argc, char **argv, struct request *rq,
                      struct program *scenarios)
{
    enum model_severity sev;
    int a;

    memset(rq, 0, sizeof *rq);
    rq->sweeps = ALL_SWEEP_WORDS;
    rq->events = XSEARCH_ALL_EVENTS;
    rq->depth = 4;
    rq->budget = 200000;
    rq->fail_on = SEV_BREAK;
    if (target_unload_callback_from_env("explore") < 0)
        return -1;
    for (a = 0; a < argc; a++) {
        const char *s = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;

        if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage(stdout, t->name);
            return 1;
        } else if (!strcmp(s, "--json")) {
            rq->json = 1;
        } else if (!strcmp(s, "--quiet")) {
            rq->quiet = 1;
        } else if (!strncmp(s, "--unload-callback=", 18)) {
            if (target_set_option("explore", "unload-callback", s + 18) < 0)
                return -1;
        } else if (s[0] == '-' && s[1] == '-' && v == NULL) {
            fprintf(stderr, "explore: %s needs a value\n", s);
            return -1;
        } else if (!strcmp(s, "--sweeps")) {
            if (parse_list(v, sweep_words, NSWEEP_WORDS, &rq->sweeps) < 0) {
                fprintf(stderr, "explore: --sweeps takes alloc, irql, unload, search\n");
                return -1;
            }
            a++;
        } else if (!strcmp(s, "--events")) {
            if (parse_list(v, xsearch_event_names, XSEARCH_NEVENTS, &rq->events) < 0) {
                fprintf(stderr, "explore: --events takes arrival, removal, fire, run, deferred,"
                                " unload, complete, dpc, lower, port\n");
                return -1;
            }
            a++;
        } else if (!strcmp(s, "--depth")) {
            rq->depth = (uint32_t)strtoul(v, NULL, 10);
            if (strspn(v, "0123456789") != strlen(v) || rq->depth < 1 ||
                rq->depth > XSEARCH_MAX_DEPTH) {
                fprintf(stderr, "explore: --depth takes 1 to %d\n", XSEARCH_MAX_DEPTH);
                return -1;
            }
            a++;
        } else if (!strcmp(s, "--budget")) {
            rq->budget = strtoull(v, NULL, 10);
            if (strspn(v, "0123456789") != strlen(v) || rq->budget == 0) {
                fprintf(stderr, "explore: --budget takes a positive number of runs\n");
                return -1;
            }
            a++;
        } else if (!strcmp(s, "--out")) {
            rq->out = v;
            a++;
        } else if (!strcmp(s, "--fail-on")) {
            sev = model_severity_lookup(v);
            if (sev >= SEV__COUNT) {
                fprintf(stderr, "explore: --fail-on takes warning, break, ub or bugcheck\n");
                return -1;
            }
            rq->fail_on = sev;
            a++;
        } else if (s[0] == '-') {
            fprintf(stderr, "explore: unknown option '%s'\n", s);
            usage(stderr, t->name);
            return -1;
        } else {
            if (rq->nscenarios == MAX_SCENARIOS) {
                fprintf(stderr, "explore: at most %d programs\n", MAX_SCENARIOS);
                return -1;
            }
            if (prog_load_file_kind(s, 0, (int)t->kind, &scenarios[rq->nscenarios]) < 0)
                return -1;
            rq->nscenarios++;
        }
    }
    return 0;
}

/* The sweeps to run, 1 << SWEEP_* each, from the words of --sweeps: the
 * search only for a driver target (left out of the default for api).
 * Returns the mask, or 0 after saying why the request cannot be run. */
static uint32_t sweeps_to_run(const struct explore_target *t, uint32_t words)
{
    uint32_t ran = 0, i;

    for (i = 0; i < NSWEEP_WORDS; i++)
        if (words & (1u << i))
            ran |= 1u << (SWEEP_ALLOC + i);
    if (t->kind == PROG_API && (ran & (1u << SWEEP_SEARCH))) {
        if (words != ALL_SWEEP_WORDS) {
            fprintf(stderr, "explore: the search plays a port's events: driver targets only\n");
            return 0;
        }
        ran &= ~(1u << SWEEP_SEARCH);
    }
    return ran;
}

/* `explore` (explore.h). Returns the exit status. */
int explore_main(const struct explore_target *t, int argc, char **argv)
{
    static struct program scenarios[MAX_SCENARIOS];
    static struct xeng engine;
    static struct xsweep_stats stats;
    static struct xsearch search;
    static struct xout out;
    static char outbuf[512];
    struct request rq;
    uint32_t ran, nsc, i;
    int rc;

    rc = parse_args(t, argc, argv, &rq, scenarios);
    if (rc != 0)
        return rc > 0 ? 0 : 2;
    nsc = rq.nscenarios;
    if (nsc == 0 && t->seeds != NULL && (nsc = load_seeds(t, scenarios)) == (uint32_t)-1)
        return 2;
    if (nsc == 0) {
        fprintf(stderr, "explore: no program to explore\n");
        usage(stderr, t->name);
        return 2;
    }
    ran = sweeps_to_run(t, rq.sweeps);
    if (ran == 0)
        return 2;
    if (rq.out == NULL) {
        snprintf(outbuf, sizeof outbuf, "out/explore/%s", t->name);
        rq.out = outbuf;
    }
    if (prepare_out(rq.out) < 0)
        return 2;
    memset(&stats, 0, sizeof stats);
    memset(&search, 0, sizeof search);
    memset(&out, 0, sizeof out);
    out.dir = rq.out;
    out.e = &engine;
    out.sweeps = &stats;
    out.search = &search;
    out.nscenarios = nsc;
    out.ran = ran;
    out.json = rq.json;
    xeng_init(&engine, t, rq.fail_on, rq.quiet, xout_finding, &out);
    if ((ran & (1u << SWEEP_SEARCH)) &&
        xsearch_init(&search, rq.events, rq.depth, rq.budget) < 0) {
        fprintf(stderr, "explore: out of memory\n");
        return 2;
    }
    xout_catch_crashes(&out);
    for (i = 0; i < nsc; i++) {
        if (ran & (1u << SWEEP_ALLOC))
            xsweep_alloc(&engine, &stats, &scenarios[i]);
        else
            xeng_run(&engine, &scenarios[i], 0, SWEEP_SCENARIO, "as written", NULL);
        if (ran & (1u << SWEEP_UNLOAD))
            xsweep_unload(&engine, &scenarios[i]);
    }
    for (i = 0; i < nsc && (ran & (1u << SWEEP_SEARCH)); i++)
        xsearch_scenario(&search, &engine, &scenarios[i]);
    for (i = 0; i < nsc && (ran & (1u << SWEEP_IRQL)); i++)
        xsweep_irql(&engine, &scenarios[i]);
    xout_summary(&out);
    xsearch_free(&search);
    return engine.nfindings ? 1 : 0;
}
