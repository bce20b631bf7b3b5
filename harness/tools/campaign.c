/*
 * campaign.c - `unloadfuzz fuzz`: a fuzzing campaign over one or more
 * targets, in the directory layout of docs/CAMPAIGNS.md, resumable, with
 * one live progress line and the crashes triaged into distinct findings
 * as each target's turn ends.
 *
 * The targets take turns, each for its share of --time, with --jobs
 * workers (campaign_workers.c): libFuzzer in fork mode (-fork=JOBS,
 * -ignore_crashes=1: a crash is saved and the campaign goes on) on the
 * target's shared corpus; or AFL++, a main and JOBS-1 secondaries on one
 * sync directory. At the end of a turn the corpus is merged (libFuzzer
 * -merge=1: the smallest set with the same coverage), every target's
 * crashes so far are triaged (`unloadfuzz triage`) and findings.json is
 * rewritten (campaign_record.c). Everything an engine finds is on disk the
 * moment it is found, so a kill -9 loses nothing: the next run with the
 * same --out triages what is there and goes on.
 *
 * Every argument is checked, and the build's targets found (trees.c),
 * before anything is written.
 */
#define _GNU_SOURCE /* sched_getaffinity(): the cores this process may run on, as nproc counts */

#include "campaign.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "campaign_record.h"
#include "campaign_workers.h"
#include "dir.h"
#include "file.h"
#include "load.h"
#include "msg.h"
#include "proc.h"
#include "program.h"
#include "target.h"
#include "trees.h"

/* The campaign: what was asked, where the build is, how far it got. */
static struct {
    const char *engine;              /* --engine: "libfuzzer" or "afl" */
    const char *time;                /* --time as given */
    const char *jobs_arg;            /* --jobs as given, or the cores */
    const char *out_arg;             /* --out as given */
    const char *inject;              /* --inject as given, "" for none */
    const char *seed;                /* --seed as given, or the one chosen from the clock */
    const char *sync_arg;            /* --sync-dir as given, "" for none */
    int main_worker;                 /* --main */
    char **targets;                  /* the targets in turn order (the array owned) */
    size_t nt;                       /* how many */
    unsigned jobs;                   /* --jobs */
    unsigned long total;             /* --time in seconds */
    struct trees trees;              /* this build and the source tree it came from */
    struct tree_target *all;         /* the build's targets, api first (owned) */
    size_t nall;                     /* how many */
    char out[PATH_MAX];              /* the campaign directory, absolute */
    char sync_dir[PATH_MAX];         /* the shared sync directory, absolute; "" for none */
    char cores[24];                  /* the default --jobs */
    char seed_buf[16];               /* the seed chosen from the clock */
    char started[64];                /* campaign.json's first start */
    long long prior;                 /* seconds the earlier sessions ran */
    time_t start;                    /* this session's start */
    struct record_findings findings; /* what findings.json holds now */
} C;

/* One turn's workers: large, so not on the stack. */
static struct workers W;

/* Prints the command's usage to f. */
static void usage(FILE *f)
{
    fputs("usage: unloadfuzz fuzz [TARGET...] [--engine libfuzzer|afl] [--time DURATION]\n"
          "                       [--jobs N] [--out DIR] [--inject LIST] [--seed N]\n"
          "                       [--sync-dir DIR [--main]]\n"
          "\n"
          "Runs a fuzzing campaign: each TARGET (api, or a driver target; default: api\n"
          "and every correct sample driver) takes its turn for its share of DURATION\n"
          "with N workers, seeded from corpus/seeds. A progress line shows elapsed\n"
          "time, executions, exec/s, coverage, corpus size and distinct findings; at\n"
          "the end of each turn the corpus is merged and the crashes are triaged into\n"
          "DIR/findings/ and DIR/findings.json (docs/CAMPAIGNS.md). Running it again\n"
          "with the same --out resumes.\n"
          "\n"
          "  --engine E       libfuzzer (default) or afl\n"
          "  --time D         the whole campaign: 90s, 10m, 8h, 1d (default 10m)\n"
          "  --jobs N         workers per target (default: the machine's cores)\n"
          "  --out DIR        the campaign directory (default out/campaign)\n"
          "  --inject LIST    driver targets: double-unload, irql (robustness mode)\n"
          "  --seed N         libFuzzer's -seed for the first worker (default: from the clock)\n"
          "  --sync-dir DIR   AFL++ only, one target: join the campaign whose sync directory is\n"
          "                   DIR (shared with other machines' campaigns, docs/CAMPAIGNS.md) with\n"
          "                   secondaries named after this host; --main makes one worker the main\n"
          "Exit status: 0 no finding, 1 findings, 2 bad arguments or a build missing.\n",
          f);
}

/* Prints "unloadfuzz fuzz: MESSAGE" on stderr. Returns 2, the exit status
 * of bad arguments and missing builds. */
#define fail(...) msg_fail(2, "unloadfuzz fuzz", __VA_ARGS__)

/* The cores this process may run on (the default --jobs). */
static long count_cores(void)
{
    cpu_set_t set;
    long n;

    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

/* Reads the command line into C. Returns -1 to go on, 0 after printing
 * the usage (--help), or 2 after saying what is wrong. */
static int parse_args(int argc, char **argv)
{
    static const char *const valued[] = {"--engine", "--time", "--jobs", "--out",
                                         "--inject", "--seed", "--sync-dir"};
    const char **slot[] = {&C.engine, &C.time, &C.jobs_arg, &C.out_arg,
                           &C.inject, &C.seed, &C.sync_arg};
    int i;
    size_t k;

    snprintf(C.cores, sizeof C.cores, "%ld", count_cores());
    C.engine = "libfuzzer";
    C.time = "10m";
    C.jobs_arg = C.cores;
    C.out_arg = "out/campaign";
    C.inject = C.seed = C.sync_arg = "";
    C.targets = calloc((size_t)argc + 1, sizeof *C.targets);
    if (C.targets == NULL)
        return fail("out of memory");
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        for (k = 0; k < sizeof valued / sizeof valued[0] && strcmp(a, valued[k]); k++)
            ;
        if (k < sizeof valued / sizeof valued[0]) {
            if (i + 1 >= argc)
                return fail("%s needs a value", a);
            *slot[k] = argv[++i];
        } else if (!strcmp(a, "--main")) {
            C.main_worker = 1;
        } else if (a[0] == '-') {
            usage(stderr);
            return fail("unknown option '%s'", a);
        } else {
            C.targets[C.nt++] = argv[i];
        }
    }
    return -1;
}

/* Whether s is 1 to `most` decimal digits, the first not 0 unless zero_ok. */
static int is_number(const char *s, size_t most, int zero_ok)
{
    size_t n = strspn(s, "0123456789");

    return n >= 1 && n <= most && s[n] == '\0' && (zero_ok || s[0] != '0');
}

/* Reads DURATION (90, 90s, 10m, 8h, 1d: at most 7 digits and a unit) into
 * *secs. A leading 0 makes the digits octal (010 is 8), as --time has
 * always read them. Returns 0, or -1 when it is not a duration. */
static int parse_duration(const char *s, unsigned long *secs)
{
    static const char units[] = "smhd";
    static const unsigned long scale[] = {1, 60, 3600, 86400};
    char digits[16];
    size_t n = strspn(s, "0123456789");
    const char *u = s[n] ? strchr(units, s[n]) : NULL;
    char *end;

    if (n < 1 || n > 7 || (s[n] && (u == NULL || s[n + 1])))
        return -1;
    memcpy(digits, s, n);
    digits[n] = '\0';
    *secs = strtoul(digits, &end, 0);
    if (*end)
        return -1;
    *secs *= u ? scale[u - units] : 1;
    return 0;
}

/* Whether s is an --inject list: double-unload, irql, or both, one comma
 * between them (target_parse_inject() reads the words). */
static int valid_inject(const char *s)
{
    const char *comma = strchr(s, ',');
    uint32_t bits;

    return target_parse_inject(s, &bits) == 0 && bits != 0 &&
           (comma == NULL || (comma[1] && !strchr(comma + 1, ',')));
}

/* The absolute name of directory `path` as the shell's `cd path && pwd`
 * gives it: relative to $PWD when that names this directory, "." and ".."
 * taken away by name (a link keeps its name), or the physical name when
 * that is not the same directory. Writes it into buf (PATH_MAX bytes).
 * Returns 0, or -1 with errno set. */
static int logical_path(const char *path, char *buf)
{
    char joined[2 * PATH_MAX + 2], cwd[PATH_MAX], *seg, *save = NULL;
    const char *base = getenv("PWD");
    struct stat a, b;
    size_t len = 0;

    if (path[0] != '/' && !(base && base[0] == '/' && stat(base, &a) == 0 && stat(".", &b) == 0 &&
                            a.st_dev == b.st_dev && a.st_ino == b.st_ino))
        base = getcwd(cwd, sizeof cwd);
    if (path[0] != '/' && base == NULL)
        return -1;
    snprintf(joined, sizeof joined, "%s/%s", path[0] == '/' ? "" : base, path);
    buf[0] = '\0';
    for (seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (!strcmp(seg, "."))
            continue;
        if (!strcmp(seg, "..")) {
            char *slash = strrchr(buf, '/');

            len = slash ? (size_t)(slash - buf) : 0;
            buf[len] = '\0';
            continue;
        }
        if (len + 1 + strlen(seg) >= PATH_MAX) {
            errno = ENAMETOOLONG;
            return -1;
        }
        len += (size_t)sprintf(buf + len, "/%s", seg);
    }
    if (len == 0)
        strcpy(buf, "/");
    if (stat(buf, &a) != 0 || stat(path, &b) != 0 || a.st_dev != b.st_dev ||
        a.st_ino != b.st_ino)
        return realpath(path, buf) ? 0 : -1;
    return 0;
}

/* The build's target named `name`, or NULL. */
static const struct tree_target *find_target(const char *name)
{
    size_t i;

    for (i = 0; i < C.nall; i++)
        if (!strcmp(C.all[i].name, name))
            return &C.all[i];
    return NULL;
}

/* The binary the engine runs for target `name`, into buf (PATH_MAX
 * bytes): <build>/<name>_fuzzer, or <name>_afl in $UF_AFL_BUILD_DIR
 * (default <source>/build/afl). Returns buf, or NULL when the path is too
 * long. */
static char *engine_binary(const char *name, char *buf)
{
    const char *afl = getenv("UF_AFL_BUILD_DIR");
    int n;

    if (strcmp(C.engine, "afl") != 0)
        n = snprintf(buf, PATH_MAX, "%s/%s_fuzzer", C.trees.build, name);
    else if (afl && *afl)
        n = snprintf(buf, PATH_MAX, "%s/%s_afl", afl, name);
    else
        n = snprintf(buf, PATH_MAX, "%s/build/afl/%s_afl", C.trees.src, name);
    return n >= 0 && n < PATH_MAX ? buf : NULL;
}

/* Checks the options' values. Returns 0, or 2 after saying which is
 * wrong. */
static int check_values(void)
{
    if (strcmp(C.engine, "libfuzzer") && strcmp(C.engine, "afl"))
        return fail("--engine takes libfuzzer or afl, not '%s'", C.engine);
    if (!is_number(C.jobs_arg, 3, 0))
        return fail("--jobs takes 1 to 999, not '%s'", C.jobs_arg);
    C.jobs = (unsigned)strtoul(C.jobs_arg, NULL, 10);
    if (*C.seed && !is_number(C.seed, 9, 1))
        return fail("--seed takes a number, not '%s'", C.seed);
    if (*C.inject && !valid_inject(C.inject))
        return fail("--inject takes double-unload, irql or both, not '%s'", C.inject);
    if (parse_duration(C.time, &C.total) < 0)
        return fail("--time takes 90s, 10m, 8h or 1d, not '%s'", C.time);
    if (C.total < 1)
        return fail("--time must be at least 1s");
    return 0;
}

/* Whether program `name` is in a directory of PATH, executable (an empty
 * entry is the current directory). */
static int on_path(const char *name)
{
    const char *p = getenv("PATH");

    while (p && *p) {
        size_t k = strcspn(p, ":");
        char path[PATH_MAX];

        if ((size_t)snprintf(path, sizeof path, "%.*s/%s", k ? (int)k : 1, k ? p : ".", name) <
                sizeof path &&
            access(path, X_OK) == 0)
            return 1;
        p += k + (p[k] == ':');
    }
    return 0;
}

/* Finds the build and checks the engine, the targets and the
 * directories. Returns 0, or 2 after saying what is missing. */
static int check_build(void)
{
    char err[PATH_MAX + 256], path[PATH_MAX + 32];
    size_t i;

    if (strcmp(C.engine, "afl") == 0 && !on_path("afl-fuzz"))
        return fail("no afl-fuzz in PATH: apt-get install afl++ (docs/CAMPAIGNS.md)");
    if (trees_find(&C.trees, err, sizeof err) < 0)
        return fail("%s", err);
    snprintf(path, sizeof path, "%s/drivers.tsv", C.trees.build);
    if (!dir_is_file(path))
        return fail("no %s: build first", path);
    if (trees_targets(&C.trees, &C.all, &C.nall, err, sizeof err) < 0)
        return fail("%s", err);
    if (C.nt == 0) {
        char **v = realloc(C.targets, C.nall * sizeof *v);

        if (v == NULL)
            return fail("out of memory");
        C.targets = v;
        for (i = 0; i < C.nall; i++)
            if (!C.all[i].variant)
                C.targets[C.nt++] = C.all[i].name;
    }
    for (i = 0; i < C.nt; i++) {
        char bin[PATH_MAX];

        if (!find_target(C.targets[i])) {
            struct buf names = BUF_INIT(0);
            size_t k;

            for (k = 1; k < C.nall; k++)
                buf_printf(&names, "%s%s", k > 1 ? " " : "", C.all[k].name);
            fail("no target '%s' (api, or one of: %s)", C.targets[i], buf_str(&names));
            buf_free(&names);
            return 2;
        }
        if (engine_binary(C.targets[i], bin) == NULL)
            return fail("the %s binary of %s: path too long", C.engine, C.targets[i]);
        if (access(bin, X_OK) != 0)
            return fail("no %s: build the %s targets first (docs/CAMPAIGNS.md)", bin, C.engine);
    }
    return 0;
}

/* Checks --sync-dir and --out, making both. Returns 0, or 2 after saying
 * what is wrong. */
static int check_dirs(void)
{
    if (*C.sync_arg) {
        if (strcmp(C.engine, "afl"))
            return fail("--sync-dir is for --engine afl");
        if (C.nt != 1)
            return fail("--sync-dir joins one target's campaign: name exactly one target");
        if (dir_make(C.sync_arg) != 0 || access(C.sync_arg, W_OK) != 0 ||
            logical_path(C.sync_arg, C.sync_dir) != 0)
            return fail("cannot write to the sync directory %s", C.sync_arg);
    } else if (C.main_worker) {
        return fail("--main goes with --sync-dir");
    }
    if (dir_make(C.out_arg) != 0)
        return fail("cannot make %s", C.out_arg);
    if (access(C.out_arg, W_OK) != 0)
        return fail("%s is not writable", C.out_arg);
    if (logical_path(C.out_arg, C.out) != 0)
        return fail("cannot make %s", C.out_arg);
    return 0;
}

/* Converts the text program `in` into the binary form, as the new file
 * `out`; kind is the program's (load.h). Returns 0, or -1 after saying
 * why. */
static int convert_seed(const char *in, const char *out, int kind)
{
    static struct program p;
    static uint8_t bin[PROG_MAX_OPS * 32];
    size_t n;

    if (prog_load_file_kind(in, 0, kind, &p) < 0)
        return -1; /* the loader said why */
    n = prog_encode(&p, bin, sizeof bin);
    if (n > sizeof bin) {
        fprintf(stderr, "unloadfuzz fuzz: %s: program too large to encode\n", in);
        return -1;
    }
    if (file_write(out, bin, n, FILE_NEW) != 0) {
        fprintf(stderr, "unloadfuzz fuzz: %s: cannot create: %s\n", out, strerror(errno));
        return -1;
    }
    return 0;
}

/* Converts target t's text seeds into the binary form in dir/seeds, each
 * named as its file without .ufp and converted once (one already there is
 * kept): driver programs for a driver target, api programs as their ops
 * say. Returns 0, or -1 after saying which seed does not parse: a seed to
 * fix, not one to skip. */
static int convert_seeds(const struct tree_target *t, const char *dir)
{
    int kind = strcmp(t->name, "api") ? PROG_DRIVER : LOAD_KIND_AS_WRITTEN;
    struct names seeds;
    size_t i;
    int rc = 0;

    if (!t->seeds[0] || dir_list(t->seeds, ".ufp", DIR_ANY, &seeds) < 0)
        return 0;
    for (i = 0; rc == 0 && i < seeds.n; i++) {
        char in[PATH_MAX + 256], out[PATH_MAX + 256];

        snprintf(in, sizeof in, "%s/%s", t->seeds, seeds.v[i]);
        snprintf(out, sizeof out, "%s/seeds/%.*s", dir, (int)(strlen(seeds.v[i]) - 4),
                 seeds.v[i]);
        if (!dir_exists(out) && convert_seed(in, out, kind) < 0) {
            fail("the seed %s does not parse (above); nothing was run for %s", in, t->name);
            rc = -1;
        }
    }
    names_free(&seeds);
    return rc;
}

/* Triages every target's crashes and rewrites findings.json from what
 * the triages found. */
static void triage_all(void)
{
    size_t i;

    for (i = 0; i < C.nt; i++)
        workers_triage(C.trees.self, C.out, C.targets[i],
                       strcmp(C.targets[i], "api") ? C.inject : ""); /* drivers' alone */
    record_findings_free(&C.findings);
    record_findings(C.out, C.started, &C.findings);
}

/* Seconds since the first session started, across resumes. */
static long long elapsed(void)
{
    return C.prior + (long long)(time(NULL) - C.start);
}

/* Appends a line of target's progress to progress.tsv. */
static void progress_record(const char *target, const struct workers_stats *st)
{
    struct record_progress p = {elapsed(), target, st->execs, st->eps, st->cov, st->corpus,
                                C.findings.distinct};

    if (record_progress(C.out, &p) != 0)
        fprintf(stderr, "unloadfuzz fuzz: cannot write %s/progress.tsv: %s\n", C.out,
                strerror(errno));
}

/* A driver target's gaps: its corpus replayed once (<target>_replay --gaps)
 * into DIR/<target>/gaps.txt, the routines the model does not implement
 * that the campaign's programs reached, which the report lists. */
static void record_gaps(const struct tree_target *t)
{
    char bin[PATH_MAX + 96], corpus[PATH_MAX + 16], out[PATH_MAX + 16];
    char *argv[] = {bin, "--gaps", corpus, NULL};

    if (!strcmp(t->name, "api"))
        return;
    if ((size_t)snprintf(bin, sizeof bin, "%s/%s_replay", C.trees.build, t->name) >= sizeof bin ||
        (size_t)snprintf(corpus, sizeof corpus, "%s/corpus", W.dir) >= sizeof corpus ||
        (size_t)snprintf(out, sizeof out, "%s/gaps.txt", W.dir) >= sizeof out)
        return;
    if (proc_run(argv, NULL, out) != 0)
        fprintf(stderr, "unloadfuzz fuzz: %s: could not list the routines the model does not"
                        " implement (%s)\n", t->name, out);
}

/* Runs target t's turn of secs seconds: its seeds converted, its workers
 * until they end, with the progress line once a second on a terminal
 * (rewritten in place) and every 10 s otherwise, and a line of
 * progress.tsv every 10 s; then the corpus merged, every target's crashes
 * triaged and the turn's last line. Returns 0, or 2 when it could not
 * start (nothing was run). */
static int turn(const struct tree_target *t, unsigned long secs)
{
    static const char *const dirs[] = {"seeds", "corpus", "crashes", "logs"};
    char corpus[PATH_MAX + 16], old[PATH_MAX + 16];
    int tty = isatty(STDOUT_FILENO);
    struct workers_stats st;
    unsigned long s = 0;
    size_t i;

    memset(&W, 0, sizeof W);
    if ((size_t)snprintf(W.dir, sizeof W.dir, "%s/%s", C.out, t->name) >= sizeof W.dir)
        return fail("%s/%s: path too long", C.out, t->name);
    /* a merge cut short by a kill leaves the corpus in corpus.old */
    snprintf(corpus, sizeof corpus, "%s/corpus", W.dir);
    snprintf(old, sizeof old, "%s/corpus.old", W.dir);
    if (!dir_is_dir(corpus) && dir_is_dir(old) && rename(old, corpus) != 0)
        return fail("cannot take %s back: %s", old, strerror(errno));
    for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char d[PATH_MAX + 16];

        snprintf(d, sizeof d, "%s/%s", W.dir, dirs[i]);
        if (dir_make(d) != 0)
            return fail("cannot make %s: %s", d, strerror(errno));
    }
    if (convert_seeds(t, W.dir) < 0)
        return 2;
    W.engine = strcmp(C.engine, "afl") ? WORKERS_LIBFUZZER : WORKERS_AFL;
    engine_binary(t->name, W.binary);
    W.inject = *C.inject ? C.inject : "none";
    W.jobs = C.jobs;
    W.seconds = secs;
    W.seed = C.seed;
    W.sync_dir = *C.sync_dir ? C.sync_dir : NULL;
    W.main_worker = C.main_worker;
    workers_start(&W); /* on failure, the workers that started take the turn */
    while (workers_running(&W) > 0) {
        sleep(1);
        s++;
        if (W.engine == WORKERS_AFL)
            workers_collect_crashes(&W);
        workers_stats(&W, &st);
        if (tty || s % 10 == 0) {
            printf("\r%6llds  %-28s %10llu execs %7llu/s  cov %5llu  corpus %5llu  crashes %4llu"
                   "  findings %3u ",
                   elapsed(), t->name, st.execs, st.eps, st.cov, st.corpus, st.crashes,
                   C.findings.distinct);
            if (!tty)
                putchar('\n');
            fflush(stdout);
        }
        if (s % 10 == 0)
            progress_record(t->name, &st);
    }
    workers_wait(&W);
    if (tty)
        putchar('\n');
    workers_merge(&W);
    workers_stats(&W, &st);
    triage_all();
    record_gaps(t);
    progress_record(t->name, &st);
    printf("unloadfuzz fuzz: %s: %llu execs, coverage %llu, corpus %llu, %llu crashes; %u distinct"
           " finding(s) in all\n",
           t->name, st.execs, st.cov, st.corpus, st.crashes, C.findings.distinct);
    fflush(stdout);
    return 0;
}

/* Starts this session: progress.tsv for a new campaign, or how long the
 * earlier sessions ran; the session added to campaign.json. Returns 0, or
 * 2 after saying why. */
static int start_session(void)
{
    char now[32];
    struct tm tm;
    struct record_session s;

    C.start = time(NULL);
    gmtime_r(&C.start, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!*C.seed) {
        snprintf(C.seed_buf, sizeof C.seed_buf, "%lld", (long long)(C.start % 1000000000));
        C.seed = C.seed_buf;
    }
    if (record_resumes(C.out)) {
        C.prior = record_progress_done(C.out);
        printf("unloadfuzz fuzz: resuming %s (%llds done before)\n", C.out, C.prior);
    } else if (record_progress_start(C.out) != 0) {
        return fail("cannot write %s/progress.tsv: %s", C.out, strerror(errno));
    }
    s.started = now;
    s.engine = C.engine;
    s.jobs = C.jobs;
    s.time_s = C.total;
    s.seed = strtoul(C.seed, NULL, 10);
    s.inject = C.inject;
    s.targets = C.targets;
    s.ntargets = C.nt;
    return record_session(C.out, &s, C.started, sizeof C.started) == 0 ? 0 : 2;
}

/* Prints the campaign's findings as findings.json lists them: each with
 * its rule, target, size and the command that reproduces it. */
static void print_findings(void)
{
    size_t i;

    for (i = 0; i < C.findings.n; i++) {
        const struct record_finding *f = &C.findings.v[i];

        if (f->e.flaky)
            printf("  FLAKY  %s  %s\n", f->target, f->program);
        else
            printf("  %-22s %-28s %ld ops\n      %s\n", f->rule, f->target, f->e.ops,
                   f->reproduce);
    }
}

/* `unloadfuzz fuzz` (campaign.h). Returns the exit status. */
int campaign_main(int argc, char **argv)
{
    unsigned long share;
    size_t i;
    int st;

    st = parse_args(argc, argv);
    if (st >= 0)
        goto out_free_targets;
    st = check_values();
    if (st == 0)
        st = check_build();
    if (st == 0)
        st = check_dirs();
    if (st == 0)
        st = start_session();
    if (st != 0)
        goto out_free_targets;
    printf("unloadfuzz fuzz: %zu target(s) (", C.nt);
    for (i = 0; i < C.nt; i++)
        printf("%s%s", i ? " " : "", C.targets[i]);
    printf("), %s, %s job(s), %lus in all, seed %s, in %s\n", C.engine, C.jobs_arg, C.total,
           C.seed, C.out);
    /* a resumed campaign first triages what a killed one left */
    triage_all();
    share = C.total / C.nt;
    if (share < 1)
        share = 1;
    for (i = 0; i < C.nt; i++) {
        st = turn(find_target(C.targets[i]), share);
        if (st != 0)
            goto out_free_findings;
    }
    printf("unloadfuzz fuzz: done: %u distinct finding(s); %s/findings.json\n",
           C.findings.distinct, C.out);
    print_findings();
    st = C.findings.distinct ? 1 : 0;
out_free_findings:
    record_findings_free(&C.findings);
out_free_targets:
    free(C.all);
    free(C.targets);
    return st;
}
