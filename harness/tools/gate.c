/*
 * gate.c - `unloadfuzz gate`: the merge gate. One command a CI job runs on
 * every change, whose exit status says whether the change may land.
 *
 * Step 1 replays every regression. The .ufp files of corpus/regressions/api
 * are api programs, run here through the interpreter three times each;
 * each must raise exactly what its `# expect:` line says (the check of
 * tests/test_corpus.c: every expected rule raised, nothing at or above
 * break unexpected, no internal-* finding, the same trace every time).
 * Those of corpus/regressions/<target>/ are driver programs, run one file
 * at a time through `<target>_replay --expect`. A broken regression fails
 * the gate whatever the baseline says.
 *
 * Step 2 fuzzes each target (api and every driver target of drivers.tsv
 * that is not a planted-bug variant, or the --targets list) from its seeds
 * with libFuzzer, one process per target: `-runs=N -seed=S` (a run that
 * repeats exactly) or `-max_total_time` (its share of --budget). An input
 * the engine saves is triaged (`unloadfuzz triage`) into a signature,
 * target:rule:ddi:typepath; an input triage cannot replay (a sanitizer
 * report, a timeout, an out-of-memory, a leak) gets an engine signature,
 * target:engine-<kind>:-:-. A signature listed in the baseline
 * (corpus/baseline.tsv: `signature<TAB>reason`) is known; any other is new
 * and fails the gate. libFuzzer stops at its first crash, so after a known
 * one the target runs again with the next seed for what is left of its
 * runs or time (at most GATE_MAX_SESSIONS times), the crashing input taken
 * out of its seeds: a known finding does not hide what lies behind it.
 *
 * Then come the reports: SARIF 2.1.0 (one reportingDescriptor per catalogue
 * rule and two of the gate's own, one result per new finding and per broken
 * regression, located at the driver source line of the offending call,
 * with the minimized program as a related location and in the message) and
 * JUnit XML (one testcase per regression file and per target's fuzz run).
 *
 * Everything is checked before anything is written: arguments, the build
 * (drivers.tsv, every binary needed), the baseline, the regressions, the
 * seeds, and that an explicit --sarif or --junit file does not exist yet
 * (the gate never overwrites one). A problem there is exit 2 and nothing is
 * written. The work directory (--out, default out/gate) is the gate's own:
 * it is emptied at the start of every run, and the gate refuses a non-empty
 * directory it did not make. Its layout is a campaign's (docs/CAMPAIGNS.md):
 * <target>/{seeds,corpus,crashes,logs}, findings/<target>/ and
 * findings.json, beside regressions/ (the replay logs) and the reports.
 *
 * The SARIF holds no clock time and no machine name, so two runs with the
 * same --runs, --seed and --out give it byte for byte (the engines run
 * without address randomization for that: see gate_main); the JUnit has
 * the durations and the host JUnit readers expect.
 */
#define _XOPEN_SOURCE 700 /* realpath(), beside the build's _POSIX_C_SOURCE */

#include "gate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "findings.h"
#include "load.h"
#include "program.h"
#include "trace.h"
#include "trees.h"
#include "verdict.h"

#define GATE_VERSION "0.1.0"
#define GATE_DEFAULT_BUDGET 120  /* seconds, when neither --runs nor --budget */
#define GATE_MAX_SESSIONS 8      /* libFuzzer runs per target (restarts after known crashes) */
#define GATE_INPUT_TIMEOUT 30    /* libFuzzer -timeout: one input, seconds */
#define GATE_MAX_LEN 4096        /* libFuzzer -max_len (api.options) */
#define GATE_MARKER ".unloadfuzz-gate" /* marks a work directory the gate made */
#define MARKER_TEXT "unloadfuzz gate work directory: emptied at every run\n"
#define RULE_BROKEN "gate/regression-broken"
#define RULE_ENGINE "gate/engine-crash"
#define NRULES (RULE__COUNT + 2) /* the catalogue's and the gate's own two */

/* ---- small helpers: strings, files, processes ---- */

/* A growing string. */
struct sbuf {
    char *p;    /* NUL-terminated text, owned; NULL while empty */
    size_t len; /* its length */
    size_t cap; /* bytes allocated */
};

/* Out of host memory: nothing sensible is left to do. */
static void oom(void)
{
    fprintf(stderr, "unloadfuzz gate: out of memory\n");
    abort();
}

/* malloc/realloc/strdup that never return NULL. */
static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL)
        oom();
    return p;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");

    if (d == NULL)
        oom();
    return d;
}

/* Appends n bytes of s to b. */
static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;

        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Appends printf-formatted text to b. */
__attribute__((format(printf, 2, 3))) static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sb_add(b, small, (size_t)n);
        return;
    }
    {
        char *big = xrealloc(NULL, (size_t)n + 1);

        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb_add(b, big, (size_t)n);
        free(big);
    }
}

/* The text of b, "" when empty; b keeps owning it. */
static const char *sb_str(const struct sbuf *b)
{
    return b->p ? b->p : "";
}

/* printf into buf of n bytes. Returns 0, or -1 when the text did not fit. */
__attribute__((format(printf, 3, 4))) static int fmt(char *buf, size_t n, const char *f, ...)
{
    va_list ap;
    int r;

    va_start(ap, f);
    r = vsnprintf(buf, n, f, ap);
    va_end(ap);
    return r < 0 || (size_t)r >= n ? -1 : 0;
}

/* Seconds on a monotonic clock. */
static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int is_dir(const char *p)
{
    struct stat st;

    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;

    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int exists(const char *p)
{
    struct stat st;

    return lstat(p, &st) == 0;
}

/* Reads the whole file at path. Returns it NUL-terminated (malloc'd; the
 * caller frees it), its length in *len when len is not NULL, or NULL with
 * errno set. */
static char *read_file(const char *path, size_t *len)
{
    struct sbuf b = {0};
    char chunk[8192];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (f == NULL)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sb_add(&b, chunk, n);
    if (ferror(f)) {
        fclose(f);
        free(b.p);
        errno = EIO;
        return NULL;
    }
    fclose(f);
    if (b.p == NULL)
        b.p = xstrdup("");
    if (len)
        *len = b.len;
    return b.p;
}

/* Writes n bytes to a new file at path (mode 0644). Returns 0 or -1. */
static int write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL)
        return -1;
    if (fwrite(data, 1, n, f) != n) {
        fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* mkdir -p. Returns 0, or -1 with errno set. */
static int mkdirs(const char *path)
{
    char tmp[PATH_MAX];
    char *s;

    if (fmt(tmp, sizeof tmp, "%s", path) < 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (s = tmp + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            *s = '/';
        }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        return -1;
    return is_dir(tmp) ? 0 : -1;
}

/* Removes path and, for a directory, everything under it (symbolic links
 * are removed, never followed). Returns 0 or -1. */
static int rmtree(const char *path)
{
    struct stat st;
    struct dirent *e;
    DIR *d;
    int rc = 0;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    d = opendir(path);
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char sub[PATH_MAX];

        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (fmt(sub, sizeof sub, "%s/%s", path, e->d_name) < 0 || rmtree(sub) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) == 0 ? rc : -1;
}

/* A sorted list of names. */
struct names {
    char **v;  /* each malloc'd */
    size_t n;  /* how many */
};

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of directory dir (not starting with '.'), sorted; only
 * regular files ending in suffix when suffix is not NULL, only
 * directories when dirs. Returns 0, or -1 when dir cannot be read. */
static int list_dir(const char *dir, const char *suffix, int dirs, struct names *out)
{
    struct dirent *e;
    DIR *d = opendir(dir);

    out->v = NULL;
    out->n = 0;
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char p[PATH_MAX];
        size_t l = strlen(e->d_name);

        if (e->d_name[0] == '.' || fmt(p, sizeof p, "%s/%s", dir, e->d_name) < 0)
            continue;
        if (dirs ? !is_dir(p) : !is_file(p))
            continue;
        if (suffix && (l <= strlen(suffix) || strcmp(e->d_name + l - strlen(suffix), suffix)))
            continue;
        out->v = xrealloc(out->v, (out->n + 1) * sizeof out->v[0]);
        out->v[out->n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (out->n)
        qsort(out->v, out->n, sizeof out->v[0], by_str);
    return 0;
}

static void names_free(struct names *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* Runs argv[0] with argv in directory cwd (NULL: this one), stdin from
 * /dev/null, stdout and stderr into the new file log. Returns its exit
 * status, 128 + the signal that ended it, or -1 when it could not start. */
static int run_cmd(char *const argv[], const char *cwd, const char *log)
{
    pid_t pid;
    int st;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

        if (in < 0 || out < 0 || (cwd && chdir(cwd) != 0))
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        close(in);
        close(out);
        execv(argv[0], argv);
        fprintf(stderr, "unloadfuzz gate: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st) == 127 ? -1 : WEXITSTATUS(st);
    return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* The part of path under root ("a/b" for root "/r" and path "/r/a/b"), or
 * NULL when path is not under root. */
static const char *under(const char *root, const char *path)
{
    size_t n = strlen(root);

    if (n && strncmp(root, path, n) == 0 && path[n] == '/')
        return path + n + 1;
    return NULL;
}

/* Copies s into a new string with every byte that is not valid UTF-8, and
 * every control character but tab and newline, replaced by '?': what JSON
 * strings and XML text accept. The caller frees it. */
static char *clean_text(const char *s)
{
    struct sbuf b = {0};
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    while (*p) {
        unsigned c = *p;
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                               : (c & 0xF8) == 0xF0 ? 4 : 0;
        size_t i;
        int ok = k > 0 && !(k == 2 && c < 0xC2) && !(k == 4 && c > 0xF4);

        for (i = 1; ok && i < k; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (!ok) {
            sb_puts(&b, "?");
            p++;
        } else if (k == 1 && c < 0x20 && c != '\t' && c != '\n') {
            sb_puts(&b, c == '\r' ? "" : "?");
            p++;
        } else {
            sb_add(&b, (const char *)p, k);
            p += k;
        }
    }
    if (b.p == NULL)
        b.p = xstrdup("");
    return b.p;
}

/* ---- the state of one run ---- */

/* A target: api or a driver target of drivers.tsv. */
struct target {
    char name[64];          /* as drivers.tsv spells it, or "api" */
    char dir[PATH_MAX];     /* its sources, relative to the source tree; "" for api */
    char seeds[PATH_MAX];   /* its seed directory (absolute), "" for none */
    int variant;            /* a planted-bug variant (EXPECT rules in drivers.tsv) */
    int fuzz;               /* fuzzed in step 2 */
    /* step 2 */
    double seconds;         /* time spent fuzzing and triaging it */
    unsigned long long execs; /* libFuzzer's executions, all its sessions */
    unsigned sessions;      /* libFuzzer runs (more than one after known crashes) */
    unsigned inputs;        /* inputs the engine saved */
};

/* Something a broken regression reports, for SARIF. */
struct problem {
    const char *rule;       /* a catalogue id, or RULE_BROKEN */
    char *file;             /* absolute path of where it is located, NULL for none */
    unsigned line;          /* 1-based, 0 for none */
    char *message;          /* one line */
};

/* One regression file. */
struct regression {
    int target;             /* index into G.targets; -1: api; -2: no such target */
    char *target_name;      /* "api" or the directory's name */
    char *path;             /* absolute */
    char *name;             /* the file's name */
    int broken;             /* it did not give its verdict */
    double seconds;         /* time to replay it */
    char *detail;           /* what went wrong, or the replay's output */
    struct problem *problems; /* for SARIF */
    unsigned nproblems;
};

/* A distinct finding of step 2. */
struct finding {
    int target;             /* index into G.targets */
    char *sig;              /* target:rule:ddi:typepath */
    char *rule;             /* the signature's rule: a catalogue id or engine-<kind> */
    int engine;             /* no catalogue rule: a sanitizer report, timeout, ... */
    int known;              /* its signature is in the baseline */
    const char *reason;     /* the baseline's reason when known */
    unsigned inputs;        /* inputs the engine saved with it */
    double first_seen;      /* seconds after the gate started */
    char *program;          /* the minimized program, NULL for none */
    char *artifact;         /* the (first) input the engine saved */
    char *file;             /* the offending call's source file (absolute), NULL unknown */
    unsigned line;          /* and its line, 0 unknown */
    char *violation;        /* the violation's line as the replay printed it, or the summary */
    char *reproduce;        /* a command that replays it */
};

/* A baseline entry. */
struct known {
    char *sig;              /* the signature */
    char *reason;           /* why it is accepted */
};

static struct {
    /* where things are */
    char self[PATH_MAX];    /* this binary */
    char build[PATH_MAX];   /* its directory: the build tree */
    char src[PATH_MAX];     /* the source tree it was built from */
    char out[PATH_MAX];     /* the work directory (absolute once made) */
    char regressions[PATH_MAX]; /* the regression directory (absolute) */
    char baseline[PATH_MAX];
    char sarif[PATH_MAX];
    char junit[PATH_MAX];
    int sarif_given, junit_given; /* explicit paths: never overwritten */
    /* what was asked */
    long long runs;         /* -runs per target; 0 with a budget */
    long long budget;       /* seconds for the whole gate; 0 with runs */
    uint32_t seed;          /* libFuzzer's -seed (the first session's) */
    int seed_given;
    int aslr;               /* address randomization could not be turned off: the errno */
    const char *targets_opt; /* --targets, NULL for the default */
    double t0, deadline;    /* start; end of the budget */
    /* what there is */
    struct target *targets; /* [0] is api, then drivers.tsv's */
    size_t ntargets;
    struct known *baseline_v;
    size_t nbaseline;
    /* what happened */
    struct regression *regs;
    size_t nregs;
    struct finding *findings;
    size_t nfindings;
} G;

/* Prints an error and returns 2, the exit status for it. */
__attribute__((format(printf, 1, 2))) static int error(const char *f, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "unloadfuzz gate: ");
    va_start(ap, f);
    vfprintf(stderr, f, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

/* How a path is shown and located: relative to the source tree when under
 * it, else as it is. */
static const char *shown(const char *abs)
{
    const char *r = abs ? under(G.src, abs) : NULL;

    return r ? r : abs ? abs : "";
}

/* ---- usage and arguments ---- */

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
            "  --regressions DIR the regression programs (default corpus/regressions)\n"
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

/* Parses the arguments into G. Returns 0, 2 on a bad one (said), or -1
 * when --help was printed. */
static int parse_args(int argc, char **argv)
{
    const char *out = "out/gate", *v;
    unsigned long long n;
    int i, missing = 0;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return -1;
        } else if ((v = opt(argc, argv, &i, "--runs", &missing)) != NULL) {
            if (missing || parse_num(v, 1, INT_MAX, &n) < 0)
                return error("--runs takes a number of executions, 1 to %d", INT_MAX);
            G.runs = (long long)n;
        } else if ((v = opt(argc, argv, &i, "--budget", &missing)) != NULL) {
            if (missing || parse_num(v, 1, 7 * 86400, &n) < 0)
                return error("--budget takes seconds, 1 to %d", 7 * 86400);
            G.budget = (long long)n;
        } else if ((v = opt(argc, argv, &i, "--seed", &missing)) != NULL) {
            if (missing || parse_num(v, 1, UINT32_MAX, &n) < 0)
                return error("--seed takes a number, 1 to %u (0 would let libFuzzer pick one)",
                             (unsigned)UINT32_MAX);
            G.seed = (uint32_t)n;
            G.seed_given = 1;
        } else if ((v = opt(argc, argv, &i, "--baseline", &missing)) != NULL) {
            if (missing || !*v || fmt(G.baseline, sizeof G.baseline, "%s", v) < 0)
                return error("--baseline takes a file");
        } else if ((v = opt(argc, argv, &i, "--sarif", &missing)) != NULL) {
            if (missing || !*v || fmt(G.sarif, sizeof G.sarif, "%s", v) < 0)
                return error("--sarif takes a file to write");
            G.sarif_given = 1;
        } else if ((v = opt(argc, argv, &i, "--junit", &missing)) != NULL) {
            if (missing || !*v || fmt(G.junit, sizeof G.junit, "%s", v) < 0)
                return error("--junit takes a file to write");
            G.junit_given = 1;
        } else if ((v = opt(argc, argv, &i, "--targets", &missing)) != NULL) {
            if (missing || !*v)
                return error("--targets takes a comma-separated list of targets");
            G.targets_opt = v;
        } else if ((v = opt(argc, argv, &i, "--regressions", &missing)) != NULL) {
            if (missing || !*v || fmt(G.regressions, sizeof G.regressions, "%s", v) < 0)
                return error("--regressions takes a directory");
        } else if ((v = opt(argc, argv, &i, "--out", &missing)) != NULL) {
            if (missing || !*v)
                return error("--out takes a directory");
            out = v;
        } else {
            fprintf(stderr, "unloadfuzz gate: unknown argument '%s'\n\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (G.runs && G.budget)
        return error("give --runs or --budget, not both");
    if (!G.runs && !G.budget)
        G.budget = GATE_DEFAULT_BUDGET;
    if (fmt(G.out, sizeof G.out, "%s", out) < 0)
        return error("--out: path too long");
    if (!G.seed_given) {
        struct timespec ts;

        clock_gettime(CLOCK_REALTIME, &ts);
        G.seed = (uint32_t)((uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^
                            (uint64_t)getpid() << 16);
        G.seed = G.seed % 2147483647u + 1; /* 1 .. 2^31-1: any libFuzzer takes it */
    }
    return 0;
}

/* ---- the build, the targets, the baseline ---- */

/* Finds this binary's directory (the build tree) and the source tree it was
 * configured from (trees.h). Returns 0 or 2. */
static int find_trees(void)
{
    struct trees t;
    char err[PATH_MAX + 256];

    if (trees_find(&t, err, sizeof err) < 0)
        return error("%s", err);
    memcpy(G.self, t.self, sizeof G.self);
    memcpy(G.build, t.build, sizeof G.build);
    memcpy(G.src, t.src, sizeof G.src);
    return 0;
}

/* Reads drivers.tsv into G.targets, api first (trees.h). Returns 0 or 2. */
static int load_targets(void)
{
    struct trees t;
    struct tree_target *v;
    char err[PATH_MAX + 256];
    size_t i, n;

    memcpy(t.self, G.self, sizeof t.self);
    memcpy(t.build, G.build, sizeof t.build);
    memcpy(t.src, G.src, sizeof t.src);
    if (trees_targets(&t, &v, &n, err, sizeof err) < 0)
        return error("%s", err);
    G.targets = xrealloc(NULL, n * sizeof G.targets[0]);
    G.ntargets = n;
    for (i = 0; i < n; i++) {
        memset(&G.targets[i], 0, sizeof G.targets[i]);
        strcpy(G.targets[i].name, v[i].name);
        strcpy(G.targets[i].dir, v[i].dir);
        strcpy(G.targets[i].seeds, v[i].seeds);
        G.targets[i].variant = v[i].variant;
    }
    free(v);
    return 0;
}

/* The index of target name, or -1. */
static int target_index(const char *name)
{
    size_t i;

    for (i = 0; i < G.ntargets; i++)
        if (!strcmp(G.targets[i].name, name))
            return (int)i;
    return -1;
}

/* Marks the targets step 2 fuzzes. Returns 0 or 2. */
static int select_targets(void)
{
    char list[4096], *name, *save = NULL;
    size_t i;
    int any = 0;

    if (G.targets_opt == NULL) {
        for (i = 0; i < G.ntargets; i++)
            G.targets[i].fuzz = !G.targets[i].variant;
        return 0;
    }
    if (fmt(list, sizeof list, "%s", G.targets_opt) < 0)
        return error("--targets: list too long");
    for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        int k = target_index(name);

        if (k < 0) {
            struct sbuf b = {0};

            for (i = 0; i < G.ntargets; i++)
                sb_printf(&b, "%s%s", i ? " " : "", G.targets[i].name);
            error("--targets: no target '%s' in this build (targets: %s)", name, sb_str(&b));
            free(b.p);
            return 2;
        }
        G.targets[k].fuzz = 1;
        any = 1;
    }
    return any ? 0 : error("--targets: no target named");
}

/* Whether sig looks like a signature: four ':'-separated fields, the first
 * a target name, no white space. */
static int valid_signature(const char *sig)
{
    size_t colons = 0;
    const char *p;

    for (p = sig; *p; p++) {
        if (*p == ' ' || *p == '\t')
            return 0;
        colons += *p == ':';
    }
    return colons >= 3 && sig[0] != ':';
}

/* Reads the baseline. Returns 0, or 2 when it cannot be read or a line is
 * not `signature<TAB>reason`. */
static int load_baseline(void)
{
    char *text, *line, *next;
    unsigned lineno = 0;

    if (!G.baseline[0] && fmt(G.baseline, sizeof G.baseline, "%s/corpus/baseline.tsv", G.src) < 0)
        return error("source path too long");
    text = read_file(G.baseline, NULL);
    if (text == NULL)
        return error("cannot read the baseline %s: %s", G.baseline, strerror(errno));
    for (line = text; line && *line; line = next) {
        char *tab, *end;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        end = line + strlen(line);
        while (end > line && (end[-1] == '\r' || end[-1] == ' '))
            *--end = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        tab = strchr(line, '\t');
        if (tab == NULL || tab[1] == '\0' || strspn(tab + 1, " \t") == strlen(tab + 1)) {
            free(text);
            return error("%s:%u: want `signature<TAB>reason` (a reason is required)", G.baseline,
                         lineno);
        }
        *tab = '\0';
        if (!valid_signature(line)) {
            error("%s:%u: '%s' is not a signature (target:rule:ddi:typepath)", G.baseline,
                  lineno, line);
            free(text);
            return 2;
        }
        G.baseline_v = xrealloc(G.baseline_v, (G.nbaseline + 1) * sizeof G.baseline_v[0]);
        G.baseline_v[G.nbaseline].sig = xstrdup(line);
        G.baseline_v[G.nbaseline].reason = xstrdup(tab + 1 + strspn(tab + 1, " \t"));
        G.nbaseline++;
    }
    free(text);
    return 0;
}

/* The baseline's reason for sig, or NULL when sig is new. */
static const char *baseline_reason(const char *sig)
{
    size_t i;

    for (i = 0; i < G.nbaseline; i++)
        if (!strcmp(G.baseline_v[i].sig, sig))
            return G.baseline_v[i].reason;
    return NULL;
}

/* Whether build/<name><suffix> is there and executable. */
static int have_binary(const char *name, const char *suffix)
{
    char p[PATH_MAX];

    return fmt(p, sizeof p, "%s/%s%s", G.build, name, suffix) == 0 && access(p, X_OK) == 0;
}

/* Lists the regression files into G.regs (not yet run). Returns 0 or 2. */
static int list_regressions(void)
{
    char abs[PATH_MAX];
    struct names top = {0}, subs = {0}, files = {0};
    size_t i, j;
    int rc = 0;

    if (!G.regressions[0] &&
        fmt(G.regressions, sizeof G.regressions, "%s/corpus/regressions", G.src) < 0)
        return error("source path too long");
    if (!realpath(G.regressions, abs) || !is_dir(abs))
        return error("cannot read the regression directory %s: %s", G.regressions,
                     is_dir(G.regressions) ? strerror(errno) : "not a directory");
    strcpy(G.regressions, abs);
    if (list_dir(abs, ".ufp", 0, &top) < 0 || list_dir(abs, NULL, 1, &subs) < 0) {
        rc = error("cannot read %s: %s", abs, strerror(errno));
        goto out_free_lists;
    }
    if (top.n) {
        rc = error("%s/%s: a regression goes in the directory of its target (api/ for api"
                   " programs, <target>/ for a driver target's)", abs, top.v[0]);
        goto out_free_lists;
    }
    for (i = 0; i < subs.n; i++) {
        const char *tname = subs.v[i];
        int t = target_index(tname);
        char dir[PATH_MAX];

        if (fmt(dir, sizeof dir, "%s/%s", abs, tname) < 0 ||
            list_dir(dir, ".ufp", 0, &files) < 0) {
            rc = error("cannot read %s/%s", abs, tname);
            goto out_free_lists;
        }
        if (t == 0)
            t = -1; /* api programs: the interpreter, in this process */
        else if (t < 0)
            t = -2; /* no such target: each file is reported broken */
        if (t > 0 && files.n && !have_binary(tname, "_replay")) {
            rc = error("missing build: %s/%s_replay", G.build, tname);
            goto out_free_lists;
        }
        for (j = 0; j < files.n; j++) {
            struct regression *r;
            char p[PATH_MAX];

            if (fmt(p, sizeof p, "%s/%s", dir, files.v[j]) < 0) {
                rc = error("path too long under %s", dir);
                goto out_free_lists;
            }
            G.regs = xrealloc(G.regs, (G.nregs + 1) * sizeof G.regs[0]);
            r = &G.regs[G.nregs++];
            memset(r, 0, sizeof *r);
            r->target = t;
            r->target_name = xstrdup(tname);
            r->path = xstrdup(p);
            r->name = xstrdup(files.v[j]);
        }
        names_free(&files);
    }
out_free_lists:
    names_free(&files);
    names_free(&top);
    names_free(&subs);
    return rc;
}

/* Checks what step 2 needs: each fuzzed target's binaries and seeds (every
 * seed must parse). Returns 0 or 2. */
static int check_fuzz_inputs(void)
{
    static struct program p;
    size_t i, j;

    for (i = 0; i < G.ntargets; i++) {
        struct target *t = &G.targets[i];
        struct names seeds;

        if (!t->fuzz)
            continue;
        if (!have_binary(t->name, "_fuzzer"))
            return error("missing build: %s/%s_fuzzer (libFuzzer targets need clang and"
                         " -DUF_LIBFUZZER=ON: the debug preset)", G.build, t->name);
        if (i > 0 && (!have_binary(t->name, "_replay") || !have_binary(t->name, "_explore")))
            return error("missing build: %s/%s_replay or %s_explore", G.build, t->name,
                         t->name);
        if (!t->seeds[0])
            continue;
        if (list_dir(t->seeds, ".ufp", 0, &seeds) < 0)
            return error("cannot read the seeds of %s: %s: %s", t->name, t->seeds,
                         strerror(errno));
        for (j = 0; j < seeds.n; j++) {
            char sp[PATH_MAX];

            if (fmt(sp, sizeof sp, "%s/%s", t->seeds, seeds.v[j]) < 0 ||
                prog_load_file_kind(sp, 1, i ? PROG_DRIVER : PROG_API, &p) < 0) {
                names_free(&seeds);
                return error("the seed %s of %s does not parse (above)", sp, t->name);
            }
        }
        names_free(&seeds);
    }
    return 0;
}

/* Checks the report paths: an explicit one must not exist and its
 * directory must. Returns 0 or 2. */
static int check_reports(void)
{
    const char *paths[2] = {G.sarif, G.junit};
    const int given[2] = {G.sarif_given, G.junit_given};
    int k;

    if (G.sarif_given && G.junit_given && !strcmp(G.sarif, G.junit))
        return error("--sarif and --junit name the same file");
    for (k = 0; k < 2; k++) {
        char dir[PATH_MAX], *slash;

        if (!given[k])
            continue;
        if (exists(paths[k]))
            return error("%s exists: the gate does not overwrite a report (remove it, or"
                         " name another file)", paths[k]);
        strcpy(dir, paths[k]);
        slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        else
            strcpy(dir, ".");
        if (!is_dir(dir) || access(dir, W_OK) != 0)
            return error("cannot write %s: no writable directory %s", paths[k], dir);
    }
    return 0;
}

/* Makes the work directory, or empties the one a previous run made; a
 * non-empty directory without the gate's marker is refused. Returns 0 or 2. */
static int prepare_out(void)
{
    char marker[PATH_MAX], abs[PATH_MAX];
    struct names all = {0};
    struct dirent *e;
    DIR *d;
    size_t i;

    if (is_dir(G.out)) {
        if (fmt(marker, sizeof marker, "%s/%s", G.out, GATE_MARKER) < 0)
            return error("--out: path too long");
        d = opendir(G.out);
        if (d == NULL)
            return error("cannot read %s: %s", G.out, strerror(errno));
        while ((e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                all.v = xrealloc(all.v, (all.n + 1) * sizeof all.v[0]);
                all.v[all.n++] = xstrdup(e->d_name);
            }
        closedir(d);
        if (all.n && !is_file(marker)) {
            names_free(&all);
            return error("%s is not empty and not a directory the gate made (no %s): give"
                         " the gate a directory of its own with --out", G.out, GATE_MARKER);
        }
        for (i = 0; i < all.n; i++) {
            char p[PATH_MAX];

            if (fmt(p, sizeof p, "%s/%s", G.out, all.v[i]) == 0 && strcmp(all.v[i], GATE_MARKER) &&
                rmtree(p) != 0) {
                names_free(&all);
                return error("cannot empty %s: %s", G.out, strerror(errno));
            }
        }
        names_free(&all);
    } else if (exists(G.out)) {
        return error("--out %s is not a directory", G.out);
    } else if (mkdirs(G.out) != 0) {
        return error("cannot make %s: %s", G.out, strerror(errno));
    }
    if (!realpath(G.out, abs))
        return error("%s: %s", G.out, strerror(errno));
    strcpy(G.out, abs);
    if (fmt(marker, sizeof marker, "%s/%s", G.out, GATE_MARKER) < 0 ||
        write_file(marker, MARKER_TEXT, strlen(MARKER_TEXT)) != 0)
        return error("cannot write to %s: %s", G.out, strerror(errno));
    if (!G.sarif_given && fmt(G.sarif, sizeof G.sarif, "%s/gate.sarif", G.out) < 0)
        return error("--out: path too long");
    if (!G.junit_given && fmt(G.junit, sizeof G.junit, "%s/gate.junit.xml", G.out) < 0)
        return error("--out: path too long");
    return 0;
}

/* ---- step 1: the regressions ---- */

/* Adds a problem to regression r. */
static void add_problem(struct regression *r, const char *rule, const char *file, unsigned line,
                        const char *message)
{
    struct problem *p;

    r->problems = xrealloc(r->problems, (r->nproblems + 1) * sizeof r->problems[0]);
    p = &r->problems[r->nproblems++];
    p->rule = rule;
    p->file = file ? xstrdup(file) : NULL;
    p->line = line;
    p->message = xstrdup(message);
}

/* The rule id as a stable string: the catalogue's own pointer. */
static const char *rule_name(const char *id)
{
    enum model_rule r = model_rule_lookup(id);

    return r < RULE__COUNT ? model_rule_id(r) : RULE_BROKEN;
}

/* Replays api regression r three times in this process: exactly its
 * expected rules (warnings may come on top), no internal-* finding, the
 * same trace each time. */
static void replay_api(struct regression *r)
{
    static struct program prog;
    static struct trace tr;
    uint8_t want[RULE__COUNT];
    struct verdict got;
    struct expect_mismatch miss[RULE__COUNT];
    size_t nmiss;
    struct sbuf d = {0};
    char bad[128], msg[768];
    uint64_t first = 0;
    int k, line;
    size_t v, q;

    line = expect_read(r->path, want, bad, sizeof bad);
    if (line <= 0) {
        snprintf(msg, sizeof msg, line < 0 ? "unknown rule '%s' in its `# expect:` line"
                                           : "no `# expect:` line%s", line < 0 ? bad : "");
        add_problem(r, RULE_BROKEN, r->path, 1, msg);
        sb_printf(&d, "%s\n", msg);
        goto out;
    }
    for (k = 0; k < 3 && !r->nproblems; k++) {
        if (prog_load_file(r->path, 0, &prog) < 0) {
            add_problem(r, RULE_BROKEN, r->path, 1, "does not parse (the reason is on stderr)");
            sb_printf(&d, "does not parse (the reason is on stderr)\n");
            break;
        }
        trace_free(&tr);
        if (trace_run(&tr, &prog) < 0)
            oom();
        if (k == 0) {
            first = tr.hash;
        } else if (tr.hash != first) {
            snprintf(msg, sizeof msg, "run %d traced differently from run 1 (state leaks"
                     " between executions)", k + 1);
            add_problem(r, RULE_BROKEN, r->path, 1, msg);
            sb_printf(&d, "%s\n", msg);
            break;
        }
        verdict_clear(&got);
        for (v = 0; v < tr.nviolations; v++)
            verdict_add(&got, tr.violations[v].rule);
        nmiss = expect_compare(&got, want, miss, RULE__COUNT);
        for (q = 0; q < nmiss; q++) {
            enum model_rule rule = miss[q].rule;
            int internal = miss[q].miss == EXPECT_INTERNAL;

            if (miss[q].miss == EXPECT_NOT_RAISED) {
                snprintf(msg, sizeof msg, "%s expected, not raised", model_rule_id(rule));
                add_problem(r, model_rule_id(rule), r->path, (unsigned)line, msg);
                sb_printf(&d, "%s\n", msg);
            } else {
                const struct trace_violation *tv = NULL;

                for (v = 0; v < tr.nviolations && !tv; v++)
                    if (tr.violations[v].rule == rule)
                        tv = &tr.violations[v];
                snprintf(msg, sizeof msg, "%s %s: %s%s%s", model_rule_id(rule),
                         internal ? "raised (the model found itself inconsistent)"
                                  : "raised, not expected",
                         tv && tv->object[0] ? tv->object : "", tv && tv->object[0] ? " " : "",
                         tv ? tv->message : "");
                add_problem(r, model_rule_id(rule), r->path, tv && tv->line ? tv->line : 1, msg);
                sb_printf(&d, "%s\n", msg);
            }
        }
        if (r->nproblems)
            sb_printf(&d, "-- trace\n%s", trace_text(&tr));
    }
out:
    r->broken = r->nproblems > 0;
    r->detail = d.p ? d.p : xstrdup("");
}

/* In text, the first "violation RULE ..." line (any rule when rule is
 * NULL) and its driver call site `at FILE:LINE:`. Returns the line
 * (malloc'd) or NULL; *file (malloc'd, the name as printed) and *lineno
 * are set when it names a call site. */
static char *find_violation(const char *text, const char *rule, char **file, unsigned *lineno)
{
    const char *p = text;

    *file = NULL;
    *lineno = 0;
    while (p && *p) {
        const char *end = strchr(p, '\n'), *v = strstr(p, "violation ");
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (v && v < p + len) {
            const char *id = v + 10;
            size_t idl = strcspn(id, " \n");

            if (rule == NULL || (idl == strlen(rule) && !strncmp(id, rule, idl))) {
                char *l = xrealloc(NULL, len + 1), *at, *s;

                memcpy(l, p, len);
                l[len] = '\0';
                for (at = strstr(l, " at "); at; at = strstr(at + 1, " at ")) {
                    char *colon = strchr(at + 4, ':');
                    char *sp = strchr(at + 4, ' ');
                    unsigned long n;
                    char *e;

                    if (!colon || (sp && sp < colon) || colon == at + 4)
                        continue;
                    n = strtoul(colon + 1, &e, 10);
                    if (e == colon + 1 || *e != ':' || n == 0)
                        continue;
                    *file = xrealloc(NULL, (size_t)(colon - at - 4) + 1);
                    memcpy(*file, at + 4, (size_t)(colon - at - 4));
                    (*file)[colon - at - 4] = '\0';
                    *lineno = (unsigned)n;
                    break;
                }
                s = l + strspn(l, " ");
                memmove(l, s, strlen(s) + 1);
                return l;
            }
        }
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

/* The source file of target t that a violation names as `name`: its
 * driver directory's file of that name (absolute), or NULL. */
static char *driver_source(const struct target *t, const char *name)
{
    char p[PATH_MAX];

    if (name == NULL || strchr(name, '/') || !t->dir[0])
        return name && name[0] == '/' && is_file(name) ? xstrdup(name) : NULL;
    if (fmt(p, sizeof p, "%s/%s/%s", G.src, t->dir, name) == 0 && is_file(p))
        return xstrdup(p);
    return NULL;
}

/* Replays driver regression r through <target>_replay --expect, its output
 * kept under out/regressions/. */
static void replay_driver(struct regression *r)
{
    const struct target *t = &G.targets[r->target];
    char bin[PATH_MAX], dir[PATH_MAX], log[PATH_MAX];
    char *argv[4], *text, *p;
    int st;

    if (fmt(bin, sizeof bin, "%s/%s_replay", G.build, t->name) < 0 ||
        fmt(dir, sizeof dir, "%s/regressions/%s", G.out, t->name) < 0 ||
        fmt(log, sizeof log, "%s/%s.log", dir, r->name) < 0 || mkdirs(dir) != 0) {
        add_problem(r, RULE_BROKEN, r->path, 1, "cannot write its replay log");
        r->broken = 1;
        r->detail = xstrdup("cannot write its replay log\n");
        return;
    }
    argv[0] = bin;
    argv[1] = "--expect";
    argv[2] = r->path;
    argv[3] = NULL;
    st = run_cmd(argv, NULL, log);
    text = read_file(log, NULL);
    r->detail = text ? text : xstrdup("");
    if (st == 0)
        return;
    r->broken = 1;
    for (p = r->detail; p && *p;) {
        char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char line[1024], id[128];

        snprintf(line, sizeof line, "%.*s", (int)(len < 1000 ? len : 1000), p);
        if (sscanf(line, " expect: %127s", id) == 1 && strstr(line, "raised, not expected")) {
            char *file = NULL, *src = NULL, msg[1400];
            unsigned ln = 0;
            char *v = find_violation(r->detail, id, &file, &ln);

            src = driver_source(t, file);
            snprintf(msg, sizeof msg, "%s raised, not expected%s%s", id, v ? ": " : "",
                     v ? v : "");
            add_problem(r, rule_name(id), src ? src : r->path, src ? ln : 1, msg);
            free(v);
            free(file);
            free(src);
        } else if (sscanf(line, " expect: %127s", id) == 1 &&
                   strstr(line, "expected, not raised")) {
            uint8_t want[RULE__COUNT];
            char bad[128], msg[256];
            int el = expect_read(r->path, want, bad, sizeof bad);

            snprintf(msg, sizeof msg, "%s expected, not raised", id);
            add_problem(r, rule_name(id), r->path, el > 0 ? (unsigned)el : 1, msg);
        } else if (strstr(line, "  reset: ") == line || strstr(line, "  expect: no") == line) {
            add_problem(r, RULE_BROKEN, r->path, 1, line + 2);
        }
        p = end ? end + 1 : NULL;
    }
    if (r->nproblems == 0) {
        char msg[1200];
        const char *first = r->detail + strspn(r->detail, " \n");

        snprintf(msg, sizeof msg, "%s_replay --expect exited %d%s%.*s", t->name, st,
                 *first ? ": " : "", (int)strcspn(first, "\n"), first);
        add_problem(r, RULE_BROKEN, r->path, 1, msg);
    }
}

/* Step 1: every regression. Returns how many are broken. */
static size_t replay_regressions(void)
{
    size_t i, broken = 0;

    for (i = 0; i < G.nregs; i++) {
        struct regression *r = &G.regs[i];
        double t = now();

        if (r->target == -1) {
            replay_api(r);
        } else if (r->target >= 0) {
            replay_driver(r);
        } else {
            char msg[512];

            snprintf(msg, sizeof msg, "no driver target '%s' in this build (drivers.tsv):"
                     " the directory's name must be a target's", r->target_name);
            add_problem(r, RULE_BROKEN, r->path, 1, msg);
            r->broken = 1;
            r->detail = xstrdup(msg);
        }
        r->seconds = now() - t;
        if (r->broken) {
            broken++;
            printf("gate: BROKEN regression %s (%s): %s\n", shown(r->path), r->target_name,
                   r->problems[0].message);
        }
    }
    return broken;
}

/* ---- step 2: fuzzing ---- */

/* Converts target t's seeds to the binary form in dir. Returns 0 or 2. */
static int convert_seeds(const struct target *t, const char *dir)
{
    static struct program p;
    static uint8_t bin[PROG_MAX_OPS * 32];
    struct names seeds;
    size_t i;

    if (!t->seeds[0])
        return 0;
    if (list_dir(t->seeds, ".ufp", 0, &seeds) < 0)
        return error("cannot read %s", t->seeds);
    for (i = 0; i < seeds.n; i++) {
        char in[PATH_MAX], outp[PATH_MAX];
        size_t n;

        if (fmt(in, sizeof in, "%s/%s", t->seeds, seeds.v[i]) < 0 ||
            fmt(outp, sizeof outp, "%s/%.*s", dir, (int)(strlen(seeds.v[i]) - 4), seeds.v[i]) < 0 ||
            prog_load_file_kind(in, 1, t == G.targets ? PROG_API : PROG_DRIVER, &p) < 0) {
            names_free(&seeds);
            return error("the seed %s does not convert", in);
        }
        n = prog_encode(&p, bin, sizeof bin);
        if (n > sizeof bin || write_file(outp, bin, n) != 0) {
            names_free(&seeds);
            return error("cannot write %s: %s", outp, strerror(errno));
        }
    }
    names_free(&seeds);
    return 0;
}

/* libFuzzer's count of executions in its log, 0 when it printed none. */
static unsigned long long log_execs(const char *log)
{
    char *text = read_file(log, NULL), *p;
    unsigned long long n = 0;

    if (text && (p = strstr(text, "stat::number_of_executed_units:")) != NULL)
        n = strtoull(p + 31, NULL, 10);
    free(text);
    return n;
}

/* From a fuzzer log: the kind of a crash triage could not replay (the
 * sanitizer's or libFuzzer's SUMMARY), as [a-z0-9-], into kind. */
static void log_kind(const char *text, char *kind, size_t n)
{
    const char *p = text ? strstr(text, "SUMMARY: ") : NULL;
    size_t k = 0;

    snprintf(kind, n, "crash");
    if (p == NULL)
        return;
    p += 9;
    p = strstr(p, ": ") ? strstr(p, ": ") + 2 : p;
    if (strncmp(p, "deadly signal", 13) == 0 || strncmp(p, "fuzz target exited", 18) == 0) {
        snprintf(kind, n, "%s", p[0] == 'd' ? "deadly-signal" : "exit");
        return;
    }
    while (*p && *p != ' ' && *p != '\n' && k + 1 < n) {
        char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;

        kind[k++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
        p++;
    }
    if (k)
        kind[k] = '\0';
}

/* From a fuzzer log: the first stack frame in the source tree (preferring
 * drivers/), as an absolute file and line. Returns 0 when found. */
static int log_frame(const char *text, char **file, unsigned *line)
{
    int pass;

    for (pass = 0; pass < 2; pass++) {
        const char *p = text;

        while (p && *p) {
            const char *end = strchr(p, '\n'), *hit;
            size_t len = end ? (size_t)(end - p) : strlen(p);
            char l[2048];

            snprintf(l, sizeof l, "%.*s", (int)(len < 2000 ? len : 2000), p);
            hit = strstr(l, G.src);
            if (l[strspn(l, " ")] == '#') {
                if (hit && hit[strlen(G.src)] == '/') {
                    const char *rel = hit + strlen(G.src) + 1;
                    const char *colon = strchr(rel, ':');

                    if (colon && (pass == 1 || !strncmp(rel, "drivers/", 8))) {
                        unsigned long n = strtoul(colon + 1, NULL, 10);

                        if (n > 0) {
                            *file = xrealloc(NULL, (size_t)(colon - hit) + 1);
                            memcpy(*file, hit, (size_t)(colon - hit));
                            (*file)[colon - hit] = '\0';
                            *line = (unsigned)n;
                            return 0;
                        }
                    }
                }
            }
            p = end ? end + 1 : NULL;
        }
    }
    return -1;
}

/* The finding of target ti with signature sig, added when new. */
static struct finding *finding_for(int ti, const char *sig, const char *rule, int engine)
{
    struct finding *f;
    size_t i;

    for (i = 0; i < G.nfindings; i++)
        if (G.findings[i].target == ti && !strcmp(G.findings[i].sig, sig))
            return &G.findings[i];
    G.findings = xrealloc(G.findings, (G.nfindings + 1) * sizeof G.findings[0]);
    f = &G.findings[G.nfindings++];
    memset(f, 0, sizeof *f);
    f->target = ti;
    f->sig = xstrdup(sig);
    f->rule = xstrdup(rule);
    f->engine = engine;
    f->reason = baseline_reason(sig);
    f->known = f->reason != NULL;
    f->first_seen = now() - G.t0;
    return f;
}

/* Runs `unloadfuzz triage` of target t on input into directory dir.
 * Returns triage.json (to json_decref), or NULL when triage died on it. */
static json_t *triage(const struct target *t, const char *input, const char *dir)
{
    char json[PATH_MAX], log[PATH_MAX];
    char *argv[8];
    json_t *j;
    int st;

    if (fmt(json, sizeof json, "%s/triage.json", dir) < 0 ||
        fmt(log, sizeof log, "%s.log", dir) < 0 || rmtree(dir) != 0 || mkdirs(dir) != 0)
        return NULL;
    argv[0] = G.self;
    argv[1] = "triage";
    argv[2] = (char *)t->name;
    argv[3] = "--out";
    argv[4] = (char *)dir;
    argv[5] = (char *)input;
    argv[6] = NULL;
    st = run_cmd(argv, NULL, log);
    if (st != 0 && st != 1)
        return NULL;
    j = json_load_file(json, 0, NULL);
    if (j && !json_is_array(json_object_get(j, "signatures"))) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

/* Whether files a and b hold the same bytes. */
static int same_bytes(const char *a, const char *b)
{
    size_t na, nb;
    char *x = read_file(a, &na), *y = read_file(b, &nb);
    int same = x && y && na == nb && memcmp(x, y, na) == 0;

    free(x);
    free(y);
    return same;
}

/* Deletes every file of dir whose bytes are input's: a known crash must
 * not stop the next session at its seeds. */
static void drop_input(const char *dir, const char *input)
{
    struct names l;
    size_t i;

    if (list_dir(dir, NULL, 0, &l) < 0)
        return;
    for (i = 0; i < l.n; i++) {
        char p[PATH_MAX];

        if (fmt(p, sizeof p, "%s/%s", dir, l.v[i]) == 0 && same_bytes(p, input))
            unlink(p);
    }
    names_free(&l);
}

/* Classifies the inputs libFuzzer saved in session k of target ti (in
 * arts/): a crash triage replays goes to crashes/ (its signature decided
 * here, its minimized program later), anything else to other/ as an
 * engine finding. Returns how many inputs there were, and sets *fresh
 * when one of them is a new finding. */
static unsigned classify(int ti, unsigned k, const char *wd, const char *log, int *fresh)
{
    struct target *t = &G.targets[ti];
    char arts[PATH_MAX];
    struct names l;
    unsigned n = 0;
    size_t i;

    if (fmt(arts, sizeof arts, "%s/artifacts", wd) < 0 || list_dir(arts, NULL, 0, &l) < 0)
        return 0;
    for (i = 0; i < l.n; i++) {
        char from[PATH_MAX], to[PATH_MAX], sig[512], rule[128], tdir[PATH_MAX];
        const char *kind = NULL;
        const char *name = l.v[i];
        struct finding *f;
        json_t *j = NULL;

        if (fmt(from, sizeof from, "%s/%s", arts, name) < 0)
            continue;
        if (!strncmp(name, "slow-unit-", 10)) { /* slow, not wrong */
            unlink(from);
            continue;
        }
        n++;
        t->inputs++;
        if (!strncmp(name, "crash-", 6) &&
            fmt(tdir, sizeof tdir, "%s/logs/triage-%u-%zu", wd, k, i) == 0 &&
            (j = triage(t, from, tdir)) != NULL &&
            json_array_size(json_object_get(j, "signatures")) > 0) {
            json_t *s = json_array_get(json_object_get(j, "signatures"), 0);

            snprintf(sig, sizeof sig, "%s", json_string_value(json_object_get(s, "signature")));
            snprintf(rule, sizeof rule, "%s", json_string_value(json_object_get(s, "rule")));
            json_decref(j);
            if (fmt(to, sizeof to, "%s/crashes/%s", wd, name) < 0 || rename(from, to) != 0)
                continue;
            f = finding_for(ti, sig, rule, 0);
            if (f->inputs++ == 0)
                f->artifact = xstrdup(to);
            *fresh |= !f->known;
            if (f->known) {
                char dir[PATH_MAX];

                if (fmt(dir, sizeof dir, "%s/seeds", wd) == 0)
                    drop_input(dir, to);
            }
            continue;
        }
        json_decref(j);
        /* an input triage does not replay: the engine's own word for it */
        {
            char *text = read_file(log, NULL), lk[64], *file = NULL;
            unsigned line = 0;

            if (!strncmp(name, "timeout-", 8))
                kind = "timeout";
            else if (!strncmp(name, "oom-", 4))
                kind = "out-of-memory";
            else if (!strncmp(name, "leak-", 5))
                kind = "leak";
            else {
                log_kind(text, lk, sizeof lk);
                kind = lk;
            }
            snprintf(rule, sizeof rule, "engine-%s", kind);
            snprintf(sig, sizeof sig, "%s:%s:-:-", t->name, rule);
            if (fmt(to, sizeof to, "%s/other/%s", wd, name) < 0 || rename(from, to) != 0) {
                free(text);
                continue;
            }
            f = finding_for(ti, sig, rule, 1);
            if (f->inputs++ == 0) {
                const char *s = text ? strstr(text, "SUMMARY: ") : NULL;
                char summary[512];

                f->artifact = xstrdup(to);
                snprintf(summary, sizeof summary, "%.*s", s ? (int)strcspn(s, "\n") : 0,
                         s ? s : "");
                f->violation = xstrdup(summary[0] ? summary : kind);
                if (log_frame(text, &file, &line) == 0) {
                    f->file = file;
                    f->line = line;
                }
                {
                    struct sbuf cmd = {0};

                    sb_printf(&cmd, "%s/%s_replay %s", G.build, t->name, shown(to));
                    f->reproduce = cmd.p;
                }
            }
            *fresh |= !f->known;
            if (f->known) {
                char dir[PATH_MAX];

                if (fmt(dir, sizeof dir, "%s/seeds", wd) == 0)
                    drop_input(dir, to);
            }
            free(text);
        }
    }
    names_free(&l);
    return n;
}

/* Fills in a catalogue finding from the final triage's entry s: its
 * minimized program, and where the offending call is (the driver's source
 * line, from a replay of the program; for api, the program's own line). */
static void describe(struct finding *f, json_t *s, const char *wd)
{
    static struct program prog;
    static struct trace tr;
    const struct target *t = &G.targets[f->target];
    const char *program = json_string_value(json_object_get(s, "program"));
    char cmd[PATH_MAX * 2];
    size_t v;

    if (program == NULL || !*program)
        return;
    free(f->program);
    f->program = xstrdup(program);
    if (fmt(cmd, sizeof cmd, "unloadfuzz repro%s%s %s", f->target ? " --target " : "",
            f->target ? t->name : "", shown(program)) == 0) {
        free(f->reproduce);
        f->reproduce = xstrdup(cmd);
    }
    if (f->target == 0) {
        if (prog_load_file(program, 0, &prog) < 0)
            return;
        trace_free(&tr);
        if (trace_run(&tr, &prog) < 0)
            oom();
        for (v = 0; v < tr.nviolations; v++)
            if (!strcmp(model_rule_id(tr.violations[v].rule), f->rule)) {
                char line[512];

                snprintf(line, sizeof line, "%s %s", f->rule, tr.violations[v].message);
                free(f->violation);
                f->violation = xstrdup(line);
                f->file = xstrdup(program);
                f->line = tr.violations[v].line;
                break;
            }
        trace_free(&tr);
    } else {
        char bin[PATH_MAX], log[PATH_MAX], *argv[3], *text, *file = NULL;
        unsigned line = 0;

        if (fmt(bin, sizeof bin, "%s/%s_replay", G.build, t->name) < 0 ||
            fmt(log, sizeof log, "%s/logs/replay-%s.log", wd,
                strrchr(program, '/') ? strrchr(program, '/') + 1 : program) < 0)
            return;
        argv[0] = bin;
        argv[1] = (char *)program;
        argv[2] = NULL;
        run_cmd(argv, NULL, log);
        text = read_file(log, NULL);
        if (text) {
            free(f->violation);
            f->violation = find_violation(text, f->rule, &file, &line);
            f->file = driver_source(t, file);
            f->line = f->file ? line : 0;
            free(file);
            free(text);
        }
    }
}

/* Step 2 for target ti: libFuzzer sessions from its seeds, each input
 * classified; then one triage of every crash into findings/<target>/.
 * Returns 0, or 2 when the engine or triage could not run. */
static int fuzz_target(int ti, size_t left)
{
    struct target *t = &G.targets[ti];
    char wd[PATH_MAX], sub[PATH_MAX], fuzzer[PATH_MAX], dict[PATH_MAX];
    static const char *const dirs[] = {"seeds", "corpus", "crashes", "logs", "artifacts", "other"};
    double start = now(), share = 0;
    long long runs_left = G.runs;
    uint32_t seed = G.seed;
    unsigned k;
    size_t i, before = G.nfindings;
    struct names crashes;

    if (fmt(wd, sizeof wd, "%s/%s", G.out, t->name) < 0 ||
        fmt(fuzzer, sizeof fuzzer, "%s/%s_fuzzer", G.build, t->name) < 0 ||
        fmt(dict, sizeof dict, "-dict=%s/fuzzers/api.dict", G.src) < 0)
        return error("path too long");
    for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (fmt(sub, sizeof sub, "%s/%s", wd, dirs[i]) < 0 || mkdirs(sub) != 0)
            return error("cannot make %s: %s", sub, strerror(errno));
    if (fmt(sub, sizeof sub, "%s/seeds", wd) < 0 || convert_seeds(t, sub) != 0)
        return 2;
    if (G.budget) {
        share = (G.deadline - start) / (double)left;
        if (share < 1)
            share = 1;
    }
    for (k = 0; k < GATE_MAX_SESSIONS; k++) {
        char a_seed[32], a_len[32], a_bound[48], a_timeout[32], a_art[PATH_MAX], log[PATH_MAX];
        char corpus[PATH_MAX], seeds[PATH_MAX];
        char *argv[16];
        unsigned long long execs;
        unsigned n;
        int st, c = 0, fresh = 0;

        if (G.budget) {
            double rest = start + share - now();

            snprintf(a_bound, sizeof a_bound, "-max_total_time=%d", rest < 1 ? 1 : (int)rest);
        } else {
            snprintf(a_bound, sizeof a_bound, "-runs=%lld", runs_left);
        }
        snprintf(a_seed, sizeof a_seed, "-seed=%u", seed);
        snprintf(a_len, sizeof a_len, "-max_len=%d", GATE_MAX_LEN);
        snprintf(a_timeout, sizeof a_timeout, "-timeout=%d", GATE_INPUT_TIMEOUT);
        if (fmt(a_art, sizeof a_art, "-artifact_prefix=%s/artifacts/", wd) < 0 ||
            fmt(log, sizeof log, "%s/logs/libfuzzer-%u.log", wd, k) < 0 ||
            fmt(corpus, sizeof corpus, "%s/corpus", wd) < 0 ||
            fmt(seeds, sizeof seeds, "%s/seeds", wd) < 0)
            return error("path too long");
        argv[c++] = fuzzer;
        argv[c++] = a_seed;
        argv[c++] = a_bound;
        argv[c++] = a_len;
        argv[c++] = a_timeout;
        argv[c++] = "-reload=0";
        argv[c++] = "-print_final_stats=1";
        argv[c++] = a_art;
        if (ti == 0)
            argv[c++] = dict;
        argv[c++] = corpus;
        argv[c++] = seeds;
        argv[c] = NULL;
        st = run_cmd(argv, wd, log);
        execs = log_execs(log);
        t->execs += execs;
        t->sessions++;
        n = classify(ti, k, wd, log, &fresh);
        if (st == 0 && n == 0)
            break;
        if (n == 0)
            return error("%s_fuzzer exited with status %d without saving an input; its log:"
                         " %s", t->name, st, log);
        if (fresh)
            break;
        if (G.budget ? now() >= start + share - 1 : (runs_left -= (long long)execs) <= 0)
            break;
        if (execs == 0)
            break;
        seed = seed == UINT32_MAX ? 1 : seed + 1;
    }
    /* one triage of every crash, for the minimized programs */
    if (fmt(sub, sizeof sub, "%s/crashes", wd) == 0 && list_dir(sub, NULL, 0, &crashes) == 0) {
        if (crashes.n) {
            char fdir[PATH_MAX];
            json_t *j;

            if (fmt(fdir, sizeof fdir, "%s/findings/%s", G.out, t->name) < 0)
                return error("path too long");
            j = triage(t, sub, fdir);
            if (j == NULL) {
                names_free(&crashes);
                return error("unloadfuzz triage %s failed on %s (its log: %s.log)", t->name,
                             sub, fdir);
            }
            for (i = 0; i < json_array_size(json_object_get(j, "signatures")); i++) {
                json_t *s = json_array_get(json_object_get(j, "signatures"), i);
                const char *sig = json_string_value(json_object_get(s, "signature"));
                const char *rule = json_string_value(json_object_get(s, "rule"));

                if (sig && rule)
                    describe(finding_for(ti, sig, rule, 0), s, wd);
            }
            json_decref(j);
        }
        names_free(&crashes);
    }
    t->seconds = now() - start;
    printf("gate: fuzz %s: %llu executions in %u libFuzzer session%s, %u input%s saved,"
           " %.1f s\n", t->name, t->execs, t->sessions, t->sessions == 1 ? "" : "s", t->inputs,
           t->inputs == 1 ? "" : "s", t->seconds);
    for (i = before; i < G.nfindings; i++) {
        const struct finding *f = &G.findings[i];

        printf("gate:   %s %s (%u input%s)\n", f->known ? "known" : "NEW", f->sig, f->inputs,
               f->inputs == 1 ? "" : "s");
        if (f->file)
            printf("gate:     at %s:%u\n", shown(f->file), f->line);
        if (f->violation)
            printf("gate:     %s\n", f->violation);
        if (f->known)
            printf("gate:     baseline: %s\n", f->reason);
        if (f->reproduce)
            printf("gate:     reproduce: %s\n", f->reproduce);
    }
    return 0;
}

/* ---- the reports ---- */

/* Percent-encodes path for a URI (RFC 3986: unreserved characters and '/'
 * stay). The caller frees it. */
static char *uri_path(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct sbuf b = {0};
    const unsigned char *p;

    for (p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            sb_add(&b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};

            sb_add(&b, e, 3);
        }
    }
    return b.p ? b.p : xstrdup("");
}

/* A JSON string of text, made valid UTF-8. */
static json_t *jstr(const char *text)
{
    char *c = clean_text(text);
    json_t *j = json_string(c);

    free(c);
    return j ? j : json_string("");
}

/* A SARIF physicalLocation for file path (absolute) at line (0: none):
 * relative to SRCROOT under the source tree, else a file: URI. */
static json_t *sarif_physical(const char *path, unsigned line)
{
    const char *rel = under(G.src, path);
    char *enc = uri_path(rel ? rel : path);
    json_t *art = json_object(), *loc = json_object();

    if (rel) {
        json_object_set_new(art, "uri", json_string(enc));
        json_object_set_new(art, "uriBaseId", json_string("SRCROOT"));
    } else {
        struct sbuf b = {0};

        sb_printf(&b, "file://%s", enc);
        json_object_set_new(art, "uri", json_string(sb_str(&b)));
        free(b.p);
    }
    free(enc);
    json_object_set_new(loc, "artifactLocation", art);
    if (line)
        json_object_set_new(loc, "region", json_pack("{s:i}", "startLine", (int)line));
    return loc;
}

/* A SARIF location (with a message when msg is not NULL). */
static json_t *sarif_location(const char *path, unsigned line, const char *msg, int id)
{
    json_t *l = json_object();

    if (id)
        json_object_set_new(l, "id", json_integer(id));
    json_object_set_new(l, "physicalLocation", sarif_physical(path, line));
    if (msg)
        json_object_set_new(l, "message", json_pack("{s:o}", "text", jstr(msg)));
    return l;
}

/* The SARIF level of a rule id. */
static const char *sarif_level(const char *rule)
{
    enum model_rule r = model_rule_lookup(rule);

    return r < RULE__COUNT && model_rule_severity(r) == SEV_WARNING ? "warning" : "error";
}

/* The index of rule id among the descriptors. */
static int rule_index(const char *rule)
{
    enum model_rule r = model_rule_lookup(rule);

    if (r < RULE__COUNT)
        return (int)r;
    return strcmp(rule, RULE_BROKEN) ? RULE__COUNT + 1 : RULE__COUNT;
}

/* The first sentence (or clause) of text, for shortDescription. */
static json_t *first_clause(const char *text)
{
    size_t n = strcspn(text, ".:;");
    struct sbuf b = {0};
    json_t *j;

    sb_add(&b, text, n);
    j = jstr(sb_str(&b));
    free(b.p);
    return j;
}

/* One reportingDescriptor. */
static json_t *sarif_rule(const char *id, const char *description, const char *reference,
                          const char *severity, const char *semantics)
{
    json_t *d = json_object(), *props = json_object();
    struct sbuf help = {0};
    const char *level = !strcmp(severity, "warning") ? "warning" : "error";

    sb_printf(&help, "Real-world counterpart: %s.", reference);
    if (semantics && *semantics)
        sb_printf(&help, " The WDF facts it encodes: %s (docs/WDF-SEMANTICS.md).", semantics);
    sb_printf(&help, " Severity in the model: %s. docs/RULES.md describes every rule.", severity);
    json_object_set_new(d, "id", json_string(id));
    json_object_set_new(d, "shortDescription",
                        json_pack("{s:o}", "text", first_clause(description)));
    json_object_set_new(d, "fullDescription", json_pack("{s:o}", "text", jstr(description)));
    json_object_set_new(d, "help", json_pack("{s:o}", "text", jstr(sb_str(&help))));
    json_object_set_new(d, "defaultConfiguration", json_pack("{s:s}", "level", level));
    json_object_set_new(props, "severity", json_string(severity));
    json_object_set_new(props, "reference", jstr(reference));
    json_object_set_new(props, "tags", json_pack("[s,s]", "kmdf", "unload"));
    json_object_set_new(d, "properties", props);
    free(help.p);
    return d;
}

/* The minimized program's ops (its lines but comments), or "". */
static char *program_ops(const char *path)
{
    char *text = path ? read_file(path, NULL) : NULL, *p;
    struct sbuf b = {0};

    for (p = text; p && *p;) {
        char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len && p[0] != '#') {
            sb_add(&b, p, len);
            sb_puts(&b, "\n");
        }
        p = end ? end + 1 : NULL;
    }
    free(text);
    return b.p ? b.p : xstrdup("");
}

/* The SARIF result of new finding f. */
static json_t *sarif_finding(const struct finding *f)
{
    const struct target *t = &G.targets[f->target];
    const char *rule = f->engine ? RULE_ENGINE : f->rule;
    json_t *res = json_object(), *locs = json_array(), *rel = json_array(), *props = json_object();
    struct sbuf m = {0};
    char *ops = program_ops(f->program);
    int id = 1;

    sb_printf(&m, "New finding %s of target %s", f->sig, t->name);
    if (f->violation)
        sb_printf(&m, ": %s", f->violation);
    sb_printf(&m, ".");
    if (f->program)
        sb_printf(&m, " Minimized program (%s):\n%s", shown(f->program), ops);
    if (f->reproduce)
        sb_printf(&m, "%sReproduce: %s", f->program ? "" : " ", f->reproduce);
    json_object_set_new(res, "ruleId", json_string(rule));
    json_object_set_new(res, "ruleIndex", json_integer(rule_index(rule)));
    json_object_set_new(res, "level", json_string(sarif_level(rule)));
    json_object_set_new(res, "message", json_pack("{s:o}", "text", jstr(sb_str(&m))));
    if (f->file)
        json_array_append_new(locs, sarif_location(f->file, f->line, NULL, 0));
    else if (f->program)
        json_array_append_new(locs, sarif_location(f->program, 0, NULL, 0));
    else if (f->artifact)
        json_array_append_new(locs, sarif_location(f->artifact, 0, NULL, 0));
    json_object_set_new(res, "locations", locs);
    if (f->program && f->file)
        json_array_append_new(rel, sarif_location(f->program, 0, "the minimized program that"
                                                  " reproduces it", id++));
    if (f->artifact)
        json_array_append_new(rel, sarif_location(f->artifact, 0,
                                                  "the input the fuzzing engine saved", id++));
    if (json_array_size(rel))
        json_object_set_new(res, "relatedLocations", rel);
    else
        json_decref(rel);
    json_object_set_new(res, "partialFingerprints",
                        json_pack("{s:o}", "unloadfuzzSignature/v1", jstr(f->sig)));
    json_object_set_new(res, "baselineState", json_string("new"));
    json_object_set_new(props, "kind", json_string("new-finding"));
    json_object_set_new(props, "target", json_string(t->name));
    json_object_set_new(props, "signature", jstr(f->sig));
    json_object_set_new(props, "inputs", json_integer(f->inputs));
    if (f->program) {
        json_object_set_new(props, "program", jstr(shown(f->program)));
        json_object_set_new(props, "programText", jstr(ops));
    }
    if (f->reproduce)
        json_object_set_new(props, "reproduce", jstr(f->reproduce));
    json_object_set_new(res, "properties", props);
    free(ops);
    free(m.p);
    return res;
}

/* The SARIF results of broken regression r, one per problem. */
static void sarif_regression(json_t *results, const struct regression *r)
{
    unsigned i;

    for (i = 0; i < r->nproblems; i++) {
        const struct problem *p = &r->problems[i];
        json_t *res = json_object(), *locs = json_array(), *props = json_object();
        struct sbuf m = {0};

        sb_printf(&m, "Broken regression %s (target %s): %s", shown(r->path), r->target_name,
                  p->message);
        json_object_set_new(res, "ruleId", json_string(p->rule));
        json_object_set_new(res, "ruleIndex", json_integer(rule_index(p->rule)));
        json_object_set_new(res, "level", json_string("error"));
        json_object_set_new(res, "message", json_pack("{s:o}", "text", jstr(sb_str(&m))));
        json_array_append_new(locs, sarif_location(p->file ? p->file : r->path,
                                                   p->file ? p->line : 1, NULL, 0));
        json_object_set_new(res, "locations", locs);
        if (p->file && strcmp(p->file, r->path))
            json_object_set_new(res, "relatedLocations",
                                json_pack("[o]", sarif_location(r->path, 1,
                                                                "the regression program", 1)));
        json_object_set_new(props, "kind", json_string("broken-regression"));
        json_object_set_new(props, "target", json_string(r->target_name));
        json_object_set_new(props, "regression", jstr(shown(r->path)));
        json_object_set_new(res, "properties", props);
        json_array_append_new(results, res);
        free(m.p);
    }
}

/* Writes text to path. A report named on the command line (noclobber) is
 * created with O_EXCL, so an existing file is never replaced, and removed
 * again when it cannot be written whole; one in the work directory goes
 * through a temporary file renamed into place. Returns 0 or 2. */
static int write_report(const char *path, const char *text, int noclobber)
{
    char tmp[PATH_MAX];
    size_t n = strlen(text), done = 0;
    int fd, e;

    if (fmt(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) < 0)
        return error("%s: path too long", path);
    fd = open(noclobber ? path : tmp, O_WRONLY | O_CREAT | (noclobber ? O_EXCL : O_TRUNC), 0644);
    if (fd < 0)
        return error("cannot write %s: %s", noclobber ? path : tmp, strerror(errno));
    while (done < n) {
        ssize_t w = write(fd, text + done, n - done);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    e = errno;
    if (close(fd) != 0 && done == n) {
        e = errno;
        done = 0;
    }
    if (done == n && (noclobber || rename(tmp, path) == 0))
        return 0;
    e = done == n ? errno : e;
    unlink(noclobber ? path : tmp);
    return error("cannot write %s: %s", path, strerror(e ? e : EIO));
}

/* The SARIF log of this run. */
static char *sarif_text(void)
{
    json_t *log = json_object(), *run = json_object(), *rules = json_array();
    json_t *results = json_array(), *props = json_object(), *fuzz = json_array(), *tool, *inv;
    char *enc = uri_path(G.src), *text;
    struct sbuf root = {0};
    size_t i;

    for (i = 0; i < RULE__COUNT; i++) {
        enum model_rule r = (enum model_rule)i;

        json_array_append_new(rules, sarif_rule(model_rule_id(r), model_rule_description(r),
                                                model_rule_reference(r),
                                                model_severity_name(model_rule_severity(r)),
                                                model_rule_semantics(r)));
    }
    json_array_append_new(rules, sarif_rule(RULE_BROKEN,
        "A regression program (corpus/regressions) no longer gives the verdict its `# expect:`"
        " line records: a rule expected and not raised, a rule raised and not expected, a trace"
        " that differs between runs, or a program that does not run.",
        "the project's own regression corpus: each program is a bug found before", "bugcheck",
        NULL));
    json_array_append_new(rules, sarif_rule(RULE_ENGINE,
        "The fuzzing engine saved an input that no catalogue rule names: a sanitizer report"
        " (memory or undefined-behaviour error in the driver or the harness), a timeout, an"
        " out-of-memory or a leak.",
        "AddressSanitizer / UndefinedBehaviorSanitizer / libFuzzer reports: a crash, hang or"
        " leak a real machine would show as a bug check or a hang", "bugcheck", NULL));
    for (i = 0; i < G.nregs; i++)
        if (G.regs[i].broken)
            sarif_regression(results, &G.regs[i]);
    for (i = 0; i < G.nfindings; i++)
        if (!G.findings[i].known)
            json_array_append_new(results, sarif_finding(&G.findings[i]));
    tool = json_pack("{s:{s:s,s:s,s:s,s:o}}", "driver", "name", "unloadfuzz", "version",
                     GATE_VERSION, "semanticVersion", GATE_VERSION, "rules", rules);
    json_object_set_new(run, "tool", tool);
    inv = json_object();
    json_object_set_new(inv, "executionSuccessful", json_true());
    json_object_set_new(run, "invocations", json_pack("[o]", inv));
    sb_printf(&root, "file://%s/", enc);
    json_object_set_new(run, "originalUriBaseIds",
                        json_pack("{s:{s:s}}", "SRCROOT", "uri", sb_str(&root)));
    json_object_set_new(run, "automationDetails", json_pack("{s:s}", "id", "unloadfuzz/gate/"));
    json_object_set_new(run, "results", results);
    json_object_set_new(props, "seed", json_integer(G.seed));
    if (G.runs)
        json_object_set_new(props, "runs", json_integer(G.runs));
    else
        json_object_set_new(props, "budget", json_integer(G.budget));
    json_object_set_new(props, "regressions", json_integer((json_int_t)G.nregs));
    for (i = 0; i < G.ntargets; i++) {
        const struct target *t = &G.targets[i];
        json_t *o, *known;
        size_t j;

        if (!t->fuzz)
            continue;
        known = json_array();
        for (j = 0; j < G.nfindings; j++)
            if (G.findings[j].target == (int)i && G.findings[j].known)
                json_array_append_new(known, jstr(G.findings[j].sig));
        o = json_pack("{s:s,s:I,s:i,s:o}", "target", t->name, "executions",
                      (json_int_t)t->execs, "sessions", (int)t->sessions, "knownFindings", known);
        json_array_append_new(fuzz, o);
    }
    json_object_set_new(props, "fuzz", fuzz);
    json_object_set_new(run, "properties", props);
    json_object_set_new(log, "$schema", json_string("https://docs.oasis-open.org/sarif/sarif/"
                                                    "v2.1.0/errata01/os/schemas/"
                                                    "sarif-schema-2.1.0.json"));
    json_object_set_new(log, "version", json_string("2.1.0"));
    json_object_set_new(log, "runs", json_pack("[o]", run));
    text = json_dumps(log, JSON_INDENT(2));
    json_decref(log);
    free(enc);
    free(root.p);
    if (text == NULL)
        oom();
    return text;
}

/* Appends text to b, escaped for XML (attribute values too). */
static void xml_escape(struct sbuf *b, const char *text)
{
    char *c = clean_text(text);
    const char *p;

    for (p = c; *p; p++) {
        switch (*p) {
        case '&': sb_puts(b, "&amp;"); break;
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&apos;"); break;
        default: sb_add(b, p, 1);
        }
    }
    free(c);
}

/* A JUnit name: one line, no runs of spaces (XML Schema's token). */
static void xml_token(struct sbuf *b, const char *text)
{
    struct sbuf t = {0};
    const char *p;
    int space = 0;

    for (p = text; *p; p++) {
        int s = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';

        if (s) {
            space = t.len > 0;
            continue;
        }
        if (space)
            sb_puts(&t, " ");
        space = 0;
        sb_add(&t, p, 1);
    }
    xml_escape(b, sb_str(&t));
    free(t.p);
}

/* Opens a <testsuite> that both the Ant schema (windyroad JUnit.xsd) and
 * Jenkins' junit-4.xsd accept: every attribute either requires, then the
 * properties. */
static void junit_suite(struct sbuf *x, const char *name, int id, size_t tests, size_t failures,
                        double seconds, const char *stamp, const char *host)
{
    sb_printf(x, "  <testsuite name=\"%s\" package=\"unloadfuzz.gate\" id=\"%d\" timestamp=\"%s\""
                 " hostname=\"", name, id, stamp);
    xml_token(x, host);
    sb_printf(x, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"%.3f\">\n", tests, failures,
              seconds);
    sb_printf(x, "    <properties>\n      <property name=\"seed\" value=\"%u\"/>\n", G.seed);
    if (G.runs)
        sb_printf(x, "      <property name=\"runs\" value=\"%lld\"/>\n", G.runs);
    else
        sb_printf(x, "      <property name=\"budget\" value=\"%lld\"/>\n", G.budget);
    sb_puts(x, "      <property name=\"baseline\" value=\"");
    xml_escape(x, shown(G.baseline));
    sb_puts(x, "\"/>\n    </properties>\n");
}

/* The JUnit XML of this run. */
static char *junit_text(void)
{
    struct sbuf x = {0}, out = {0};
    char stamp[32], host[256];
    time_t clock = time(NULL);
    struct tm tm;
    size_t i, j, broken = 0, failing = 0, fuzzed = 0;
    double reg_seconds = 0, fuzz_seconds = 0;

    gmtime_r(&clock, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    if (gethostname(host, sizeof host) != 0 || !host[0])
        strcpy(host, "localhost");
    host[sizeof host - 1] = '\0';
    for (i = 0; i < G.nregs; i++) {
        broken += G.regs[i].broken != 0;
        reg_seconds += G.regs[i].seconds;
    }
    sb_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    junit_suite(&x, "regressions", 0, G.nregs, broken, reg_seconds, stamp, host);
    for (i = 0; i < G.nregs; i++) {
        const struct regression *r = &G.regs[i];

        sb_puts(&x, "    <testcase name=\"");
        xml_token(&x, r->name);
        sb_puts(&x, "\" classname=\"regressions.");
        xml_token(&x, r->target_name);
        sb_printf(&x, "\" time=\"%.3f\"", r->seconds);
        if (!r->broken) {
            sb_puts(&x, "/>\n");
            continue;
        }
        sb_puts(&x, ">\n      <failure type=\"broken-regression\" message=\"");
        xml_escape(&x, r->nproblems ? r->problems[0].message : "broken");
        sb_puts(&x, "\">");
        if (strncmp(r->detail, r->path, strlen(r->path))) { /* the replay's output names it */
            xml_escape(&x, shown(r->path));
            sb_puts(&x, "\n");
        }
        xml_escape(&x, r->detail);
        sb_puts(&x, "</failure>\n    </testcase>\n");
    }
    sb_puts(&x, "    <system-out>");
    sb_printf(&out, "%zu regression programs replayed from %s, %zu broken\n", G.nregs,
              shown(G.regressions), broken);
    xml_escape(&x, sb_str(&out));
    sb_puts(&x, "</system-out>\n    <system-err></system-err>\n  </testsuite>\n");
    free(out.p);
    out.p = NULL;
    out.len = out.cap = 0;
    for (i = 0; i < G.ntargets; i++)
        if (G.targets[i].fuzz) {
            size_t fresh = 0;

            fuzzed++;
            fuzz_seconds += G.targets[i].seconds;
            for (j = 0; j < G.nfindings; j++)
                fresh += G.findings[j].target == (int)i && !G.findings[j].known;
            failing += fresh > 0;
        }
    junit_suite(&x, "fuzz", 1, fuzzed, failing, fuzz_seconds, stamp, host);
    for (i = 0; i < G.ntargets; i++) {
        const struct target *t = &G.targets[i];
        struct sbuf why = {0};
        size_t fresh = 0;

        if (!t->fuzz)
            continue;
        sb_printf(&out, "%s: %llu executions in %u libFuzzer session%s, %u input%s saved\n",
                  t->name, t->execs, t->sessions, t->sessions == 1 ? "" : "s", t->inputs,
                  t->inputs == 1 ? "" : "s");
        for (j = 0; j < G.nfindings; j++) {
            const struct finding *f = &G.findings[j];

            if (f->target != (int)i)
                continue;
            if (f->known) {
                sb_printf(&out, "  known %s (%u input%s): %s\n", f->sig, f->inputs,
                          f->inputs == 1 ? "" : "s", f->reason);
                continue;
            }
            fresh++;
            sb_printf(&why, "new finding %s (%u input%s)\n", f->sig, f->inputs,
                      f->inputs == 1 ? "" : "s");
            if (f->violation)
                sb_printf(&why, "  %s\n", f->violation);
            if (f->file)
                sb_printf(&why, "  at %s:%u\n", shown(f->file), f->line);
            if (f->program) {
                char *ops = program_ops(f->program);

                sb_printf(&why, "  minimized program %s:\n%s", shown(f->program), ops);
                free(ops);
            }
            if (f->reproduce)
                sb_printf(&why, "  reproduce: %s\n", f->reproduce);
        }
        sb_puts(&x, "    <testcase name=\"");
        xml_token(&x, t->name);
        sb_printf(&x, "\" classname=\"fuzz\" time=\"%.3f\"", t->seconds);
        if (!fresh) {
            sb_puts(&x, "/>\n");
        } else {
            char msg[128];

            snprintf(msg, sizeof msg, "%zu new finding%s", fresh, fresh == 1 ? "" : "s");
            sb_printf(&x, ">\n      <failure type=\"new-finding\" message=\"%s\">", msg);
            xml_escape(&x, sb_str(&why));
            sb_puts(&x, "</failure>\n    </testcase>\n");
        }
        free(why.p);
    }
    sb_puts(&x, "    <system-out>");
    xml_escape(&x, sb_str(&out));
    sb_puts(&x, "</system-out>\n    <system-err></system-err>\n  </testsuite>\n</testsuites>\n");
    free(out.p);
    return x.p;
}

/* findings.json: every distinct finding, in the shape of a campaign's
 * (reports/findings.h), with whether it is new and the baseline's reason. */
static char *findings_text(void)
{
    struct findings_entry *v = xrealloc(NULL, (G.nfindings ? G.nfindings : 1) * sizeof *v);
    char **where = xrealloc(NULL, (G.nfindings ? G.nfindings : 1) * sizeof *where);
    char *text;
    size_t i;

    for (i = 0; i < G.nfindings; i++) {
        const struct finding *f = &G.findings[i];
        enum model_rule r = model_rule_lookup(f->rule);
        struct sbuf b = {0};

        where[i] = NULL;
        if (f->file) {
            sb_printf(&b, "%s:%u", shown(f->file), f->line);
            where[i] = b.p;
        }
        memset(&v[i], 0, sizeof v[i]);
        v[i].target = G.targets[f->target].name;
        v[i].signature = f->sig;
        v[i].rule = f->rule;
        v[i].severity = r < RULE__COUNT ? model_severity_name(model_rule_severity(r)) : "engine";
        v[i].first_seen_s = f->first_seen;
        v[i].inputs = f->inputs;
        v[i].program = f->program;
        v[i].ops = -1;
        v[i].reproduce = f->reproduce;
        v[i].baseline = 1;
        v[i].is_new = !f->known;
        v[i].baseline_reason = f->known ? f->reason : NULL;
        v[i].location = where[i];
    }
    text = findings_json(v, G.nfindings);
    for (i = 0; i < G.nfindings; i++)
        free(where[i]);
    free(where);
    free(v);
    if (text == NULL)
        oom();
    return text;
}

/* ---- the command ---- */

int gate_main(int argc, char **argv)
{
    size_t i, broken, fresh = 0, known = 0, left = 0;
    char *text, path[PATH_MAX];
    int rc;

    G.t0 = now();
    rc = parse_args(argc, argv);
    if (rc)
        return rc < 0 ? 0 : rc;
    /* a gate is hermetic: the default port and fail-on, whatever the shell says */
    unsetenv("UNLOADFUZZ_INJECT");
    unsetenv("UNLOADFUZZ_FAIL_ON");
    /* The children run without address randomization: the model's pool
     * indexes blocks by a hash of their address, so how many probes a
     * lookup takes (edge hit counts, which libFuzzer's features count)
     * depends on where the heap is, and with ASLR two runs of one seed
     * can keep different inputs. Where that is refused (a container's
     * seccomp profile), the gate goes on and says so. */
    if (personality(0xffffffffUL) == -1 ||
        personality((unsigned long)personality(0xffffffffUL) | ADDR_NO_RANDOMIZE) == -1)
        G.aslr = errno ? errno : EPERM;
    if ((rc = find_trees()) || (rc = load_targets()) || (rc = select_targets()) ||
        (rc = list_regressions()) || (rc = load_baseline()) || (rc = check_fuzz_inputs()) ||
        (rc = check_reports()) || (rc = prepare_out()))
        return rc;
    G.deadline = G.t0 + (double)G.budget;
    if (G.runs)
        printf("gate: seed %u (--runs %lld --seed %u repeats this run exactly)\n", G.seed,
               G.runs, G.seed);
    else
        printf("gate: seed %u, budget %lld s (--seed %u repeats the sessions' seeds; with"
               " --runs a run repeats exactly)\n", G.seed, G.budget, G.seed);
    printf("gate: source %s, build %s, work %s\n", G.src, G.build, G.out);
    if (G.aslr && G.runs)
        printf("gate: note: address randomization stays on (personality: %s): coverage can"
               " depend on addresses, so this run may not repeat exactly\n", strerror(G.aslr));

    /* step 1 */
    broken = replay_regressions();
    printf("gate: regressions: %zu replayed from %s, %zu broken\n", G.nregs,
           shown(G.regressions), broken);

    /* step 2 */
    for (i = 0; i < G.ntargets; i++)
        left += G.targets[i].fuzz != 0;
    for (i = 0; i < G.ntargets; i++)
        if (G.targets[i].fuzz && (rc = fuzz_target((int)i, left--)) != 0)
            return rc;
    for (i = 0; i < G.nfindings; i++) {
        fresh += !G.findings[i].known;
        known += G.findings[i].known != 0;
    }

    /* the reports */
    text = findings_text();
    rc = fmt(path, sizeof path, "%s/findings.json", G.out) < 0 ? error("path too long")
                                                               : write_report(path, text, 0);
    free(text);
    if (rc)
        return rc;
    text = sarif_text();
    rc = write_report(G.sarif, text, G.sarif_given);
    free(text);
    if (rc)
        return rc;
    text = junit_text();
    rc = write_report(G.junit, text, G.junit_given);
    free(text);
    if (rc)
        return rc;
    printf("gate: reports: %s, %s\n", G.sarif, G.junit);
    if (fresh || broken) {
        printf("gate: FAILED: %zu new finding%s, %zu broken regression%s (%zu known finding%s;"
               " seed %u)\n", fresh, fresh == 1 ? "" : "s", broken, broken == 1 ? "" : "s", known,
               known == 1 ? "" : "s", G.seed);
        return 1;
    }
    printf("gate: passed: no new finding, every regression holds (%zu known finding%s;"
           " seed %u)\n", known, known == 1 ? "" : "s", G.seed);
    return 0;
}
