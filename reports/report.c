/*
 * report.c - `unloadfuzz report DIR`: a campaign directory read back and
 * written up for people (report.md, report.html) and for tools (report.json).
 *
 * `unloadfuzz fuzz` leaves a campaign in one directory (docs/CAMPAIGNS.md):
 * campaign.json (what was asked), progress.tsv (one line per target every
 * 10 s), findings.json (every distinct finding, each naming the minimized
 * program triage wrote) and, when scripts/coverage.sh has run, coverage/
 * (an llvm-cov report of model/ and drivers/ and its summary.json). This
 * command reads all of it, checks it, and only then writes the three
 * reports, each first to a temporary file renamed into place: a missing or
 * malformed input gets one clear message and exit status 2, and nothing in
 * DIR is written or overwritten.
 *
 * The HTML page is self-contained: inline CSS, plots drawn here as inline
 * SVG, no script, no external file, so it opens from an archived CI
 * artifact as it is. Output depends on the inputs only (no clock, no
 * addresses), like everything else the tool prints.
 */
#include "report.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"

#define NAME_MAX_LEN 128          /* a target's name, with its NUL */
#define PROGRAM_MAX (1u << 20)    /* a program file larger than this is not one */
#define NCOLORS 10

/* Series colours (Tableau 10): a target keeps its colour in every plot. */
static const char *const palette[NCOLORS] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
};
#define TOTAL_COLOR "#333333"

/* ---- a growing string: the reports are built in memory, then written ---- */

struct buf {
    char *p;    /* the text, NUL-terminated; owned */
    size_t len; /* its length */
    size_t cap; /* bytes allocated */
    int oom;    /* an allocation failed: the text is incomplete */
};

/* Makes room for n more bytes and the NUL. Returns 0, or -1 out of memory. */
static int buf_reserve(struct buf *b, size_t n)
{
    size_t cap = b->cap ? b->cap : 4096;
    char *p;

    if (b->oom)
        return -1;
    while (cap < b->len + n + 1)
        cap *= 2;
    if (cap == b->cap)
        return 0;
    p = realloc(b->p, cap);
    if (p == NULL) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

/* Appends n bytes of s. */
static void buf_add(struct buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) < 0)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Appends the string s. */
static void buf_puts(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

/* Appends printf-formatted text. */
__attribute__((format(printf, 2, 3))) static void buf_printf(struct buf *b, const char *fmt,
                                                             ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Appends s escaped for HTML text and attribute values. */
static void buf_html(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_add(b, s, 1);
        }
    }
}

/* Appends s for a Markdown table cell: a '|' would end the cell. */
static void buf_md_cell(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            buf_puts(b, "\\|");
        else if (*s == '\n')
            buf_puts(b, " ");
        else
            buf_add(b, s, 1);
    }
}

/* ---- messages ---- */

/* Prints "report: MESSAGE" to stderr. Returns -1, for `return fail(...)`. */
__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
    va_list ap;

    fputs("report: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

/* ---- numbers and times for people ---- */

/* A count with thousands separators ("1,234,567") in buf. Returns buf. */
static const char *fmt_count(double v, char *buf, size_t n)
{
    char digits[32];
    size_t len, i, o = 0;

    snprintf(digits, sizeof digits, "%.0f", v < 0 ? 0 : v);
    len = strlen(digits);
    for (i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* A duration in seconds as "45 s", "12 min 5 s" or "3 h 12 min"; "unknown"
 * when negative (a first_seen_s the campaign could not tell). Returns buf. */
static const char *fmt_time(double secs, char *buf, size_t n)
{
    long s = (long)(secs + 0.5);

    if (secs < 0)
        snprintf(buf, n, "unknown");
    else if (s < 60)
        snprintf(buf, n, "%ld s", s);
    else if (s < 3600)
        snprintf(buf, n, s % 60 ? "%ld min %ld s" : "%ld min", s / 60, s % 60);
    else
        snprintf(buf, n, (s % 3600) / 60 ? "%ld h %ld min" : "%ld h", s / 3600, (s % 3600) / 60);
    return buf;
}

/* A rate with one decimal below 100, none above ("3.5", "12,345"). Returns buf. */
static const char *fmt_rate(double v, char *buf, size_t n)
{
    if (v < 100)
        snprintf(buf, n, "%.1f", v);
    else
        fmt_count(v, buf, n);
    return buf;
}

/* An axis label: short, with k and M ("2.5k", "1.2M"). Returns buf. */
static const char *fmt_tick(double v, char *buf, size_t n)
{
    if (v >= 1e6)
        snprintf(buf, n, "%gM", v / 1e6);
    else if (v >= 1e4)
        snprintf(buf, n, "%gk", v / 1e3);
    else
        snprintf(buf, n, "%g", v);
    return buf;
}

/* ---- the campaign as read ---- */

struct sample {
    double t;        /* elapsed_s: seconds since the first session started */
    double execs;    /* executions so far */
    double eps;      /* executions per second, as the runner measured them */
    double cov;      /* the engine's edge count */
    double corpus;   /* corpus entries */
    double findings; /* distinct signatures so far (checked, not shown: findings.json says more) */
    double dt;       /* the seconds it stands for: since the line before it, of any target */
};

struct target {
    char name[NAME_MAX_LEN]; /* as campaign.json, progress.tsv and findings.json spell it */
    struct sample *s;        /* its progress lines, by elapsed time; owned */
    size_t n, cap;           /* lines, and room */
    unsigned nfind, nflaky;  /* its findings, and the flaky ones among them */
};

struct finding {
    json_t *obj;            /* its object in findings.json (borrowed from R.findings) */
    const char *target;     /* its target; these strings are borrowed from obj */
    const char *signature;  /* target:rule:ddi:type/path; "" for a flaky crash */
    const char *rule;       /* its rule id; "" for a flaky crash */
    const char *severity;   /* "" when absent */
    const char *reproduce;  /* "" when absent */
    const char *program;    /* as findings.json names it; "" when none */
    double first_seen;      /* first_seen_s; -1 when the campaign could not tell */
    long inputs;            /* crash inputs with its signature; -1 when not said */
    int flaky;              /* 1 when not the same signature on every replay */
    char *path;             /* the program file found (DIR/program or program); owned */
    char *text;             /* that file's contents; owned, NULL when none */
    size_t ti;              /* its target's index in R.t */
};

/* One area of the source coverage summary (model/, drivers/, all). */
struct cov_area {
    const char *name;     /* "model/", "drivers/", "all" */
    double count[3];      /* lines, functions, regions */
    double covered[3];
};
static const char *const cov_metrics[3] = {"lines", "functions", "regions"};

static struct {
    const char *dir;          /* the campaign directory */
    json_t *campaign;         /* campaign.json; owned */
    json_t *findings;         /* findings.json; owned */
    struct target *t;         /* every target named anywhere, campaign.json's first; owned */
    size_t nt;                /* how many */
    struct finding *f;        /* findings.json's entries, in its order; owned */
    size_t nf;                /* how many */
    double end;               /* the largest elapsed_s, or first_seen_s, seen */
    int have_cov;             /* coverage/summary.json was there */
    struct cov_area cov[3];   /* its model/, drivers/ and overall sums */
    int cov_html;             /* coverage/index.html is there */
} R;

/* DIR/name in buf. Returns buf. */
static const char *in_dir(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", R.dir, name);
    return buf;
}

/* Whether path is a regular file. */
static int is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The index of target name in R.t, added when new. Returns -1 (said) when
 * the name is empty, too long or holds a control character. */
static long target_index(const char *name, const char *where)
{
    struct target *t;
    const char *c;
    size_t i;

    for (c = name; *c; c++)
        if ((unsigned char)*c < 0x20)
            break;
    if (*name == '\0' || *c || strlen(name) >= NAME_MAX_LEN)
        return fail("%s: bad target name '%.40s'", where, name);
    for (i = 0; i < R.nt; i++)
        if (!strcmp(R.t[i].name, name))
            return (long)i;
    t = realloc(R.t, (R.nt + 1) * sizeof *t);
    if (t == NULL)
        return fail("out of memory");
    R.t = t;
    memset(&t[R.nt], 0, sizeof t[0]);
    snprintf(t[R.nt].name, sizeof t[0].name, "%s", name);
    return (long)R.nt++;
}

/* Loads DIR/name as JSON into *out. Returns 0, or -1 (said). */
static int load_json(const char *name, json_t **out)
{
    char path[4096];
    json_error_t e;

    in_dir(name, path, sizeof path);
    if (!is_file(path))
        return fail("%s: missing (is %s a campaign directory? docs/CAMPAIGNS.md)", path, R.dir);
    *out = json_load_file(path, 0, &e);
    if (*out == NULL)
        return fail("%s:%d: malformed JSON: %s", path, e.line, e.text);
    return 0;
}

/* campaign.json: an object; its targets, when listed, come first. */
static int load_campaign(void)
{
    json_t *targets, *v;
    size_t i;

    if (load_json("campaign.json", &R.campaign) < 0)
        return -1;
    if (!json_is_object(R.campaign))
        return fail("%s/campaign.json: not a JSON object", R.dir);
    targets = json_object_get(R.campaign, "targets");
    if (targets && !json_is_array(targets))
        return fail("%s/campaign.json: \"targets\" is not an array", R.dir);
    json_array_foreach(targets, i, v) {
        if (!json_is_string(v))
            return fail("%s/campaign.json: \"targets\"[%zu] is not a string", R.dir, i);
        if (target_index(json_string_value(v), "campaign.json") < 0)
            return -1;
    }
    return 0;
}

/* ---- progress.tsv ---- */

enum { COL_ELAPSED, COL_TARGET, COL_EXECS, COL_EPS, COL_COV, COL_CORPUS, COL_FINDINGS, NCOLS };
static const char *const col_names[NCOLS] = {
    "elapsed_s", "target", "execs", "execs_per_s", "coverage", "corpus", "findings",
};
#define MAX_FIELDS 32

/* Splits line at tabs, in place, keeping empty fields. Returns the count. */
static int split_tabs(char *line, char **field)
{
    int n = 0;

    line[strcspn(line, "\r\n")] = '\0';
    while (n < MAX_FIELDS) {
        char *tab = strchr(line, '\t');

        field[n++] = line;
        if (tab == NULL)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return n;
}

/* Finds each column of the header line. Returns 0, or -1 (said). */
static int parse_header(char *line, int *col, const char *path)
{
    char *field[MAX_FIELDS];
    int n = split_tabs(line, field), c, k;

    for (c = 0; c < NCOLS; c++) {
        col[c] = -1;
        for (k = 0; k < n; k++)
            if (!strcmp(field[k], col_names[c]))
                col[c] = k;
        if (col[c] < 0)
            return fail("%s:1: the header has no '%s' column (want: elapsed_s target execs"
                        " execs_per_s coverage corpus findings, tab-separated)",
                        path, col_names[c]);
    }
    return 0;
}

/* Reads field s as a number >= 0 into *v. Returns 0, or -1 (said). */
static int parse_number(const char *s, double *v, const char *path, long line, int c)
{
    char *end;

    errno = 0;
    *v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno || !(*v >= 0) || *v > 1e18)
        return fail("%s:%ld: %s '%.40s' is not a number >= 0", path, line, col_names[c], s);
    return 0;
}

/* Adds sample x to target t, keeping t's samples in time order. */
static int add_sample(struct target *t, const struct sample *x)
{
    size_t i;

    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct sample *s = realloc(t->s, cap * sizeof *s);

        if (s == NULL)
            return fail("out of memory");
        t->s = s;
        t->cap = cap;
    }
    /* the runner writes in time order: this loop is almost always empty */
    for (i = t->n; i > 0 && t->s[i - 1].t > x->t; i--)
        t->s[i] = t->s[i - 1];
    t->s[i] = *x;
    t->n++;
    return 0;
}

/* Parses one data line of progress.tsv. Returns 0, or -1 (said). */
static int parse_progress_line(char *line, const int *col, const char *path, long lineno)
{
    char *field[MAX_FIELDS], where[4200];
    double v[NCOLS];
    struct sample x;
    int n = split_tabs(line, field), c;
    long ti;

    for (c = 0; c < NCOLS; c++) {
        if (col[c] >= n)
            return fail("%s:%ld: %d fields, the header has more", path, lineno, n);
        if (c != COL_TARGET && parse_number(field[col[c]], &v[c], path, lineno, c) < 0)
            return -1;
    }
    snprintf(where, sizeof where, "%s:%ld", path, lineno);
    ti = target_index(field[col[COL_TARGET]], where);
    if (ti < 0)
        return -1;
    x.t = v[COL_ELAPSED];
    x.execs = v[COL_EXECS];
    x.eps = v[COL_EPS];
    x.cov = v[COL_COV];
    x.corpus = v[COL_CORPUS];
    x.findings = v[COL_FINDINGS];
    if (x.t > R.end)
        R.end = x.t;
    return add_sample(&R.t[ti], &x);
}

/* qsort order of doubles, ascending. */
static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Sets each sample's dt: the time since the latest line, of any target,
 * before it (0 for the first). The targets of a campaign take turns, so a
 * target's dt add up to the time it was fuzzed. Returns 0, or -1 (said). */
static int set_dt(void)
{
    size_t n = 0, i, k, lo, hi;
    double *all;

    for (i = 0; i < R.nt; i++)
        n += R.t[i].n;
    all = malloc((n + 1) * sizeof *all);
    if (all == NULL)
        return fail("out of memory");
    for (n = 0, i = 0; i < R.nt; i++)
        for (k = 0; k < R.t[i].n; k++)
            all[n++] = R.t[i].s[k].t;
    qsort(all, n, sizeof *all, by_double);
    for (i = 0; i < R.nt; i++) {
        for (k = 0; k < R.t[i].n; k++) {
            struct sample *x = &R.t[i].s[k];

            for (lo = 0, hi = n; lo < hi;) { /* the first line at x->t or later */
                size_t mid = lo + (hi - lo) / 2;

                if (all[mid] < x->t)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            x->dt = x->t - (lo > 0 ? all[lo - 1] : 0);
        }
    }
    free(all);
    return 0;
}

/* progress.tsv: a header naming the columns, then one line per target and
 * interval; blank lines are skipped. Returns 0, or -1 (said). */
static int load_progress(void)
{
    char path[4096], *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int col[NCOLS], rc = 0;
    FILE *f;

    in_dir("progress.tsv", path, sizeof path);
    f = fopen(path, "r");
    if (f == NULL)
        return fail("%s: %s (is %s a campaign directory? docs/CAMPAIGNS.md)", path,
                    strerror(errno), R.dir);
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        if (++lineno == 1)
            rc = parse_header(line, col, path);
        else if (line[strspn(line, " \t\r\n")] != '\0')
            rc = parse_progress_line(line, col, path, lineno);
    }
    if (rc == 0 && lineno == 0)
        rc = fail("%s: empty (want at least its header line)", path);
    free(line);
    fclose(f);
    return rc == 0 ? set_dt() : rc;
}

/* ---- findings.json ---- */

/* Reads member key of finding i as a string into *out: "" when absent or
 * null and not required (the campaign writes null for what a flaky crash
 * does not have). Returns 0, or -1 (said). */
static int get_string(json_t *o, size_t i, const char *key, int required, const char **out)
{
    json_t *v = json_object_get(o, key);

    *out = "";
    if ((v == NULL || json_is_null(v)) && !required)
        return 0;
    if (!json_is_string(v))
        return fail("%s/findings.json: finding %zu: \"%s\" %s", R.dir, i + 1, key,
                    v ? "is not a string" : "is missing");
    *out = json_string_value(v);
    return 0;
}

/* Reads the whole of path into a new NUL-terminated string, its length in
 * *len. Returns it, or NULL (said). */
static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *text;
    size_t n;

    if (f == NULL) {
        fail("%s: %s", path, strerror(errno));
        return NULL;
    }
    text = malloc(PROGRAM_MAX + 1);
    n = text ? fread(text, 1, PROGRAM_MAX + 1, f) : 0;
    fclose(f);
    if (text == NULL || n > PROGRAM_MAX) {
        fail("%s: %s", path, text ? "over 1 MiB: not a program" : "out of memory");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    *len = n;
    return text;
}

/* Whether s reads as text: no control characters but tabs and line ends
 * (a crash input is bytes; triage's programs are text). */
static int is_text(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') ||
            s[i] == 0x7f)
            return 0;
    return 1;
}

/* Finds and reads the program file finding f names: relative names are
 * taken in DIR first (the layout's findings/<target>/NNN-<rule>.ufp), then
 * as they are. Returns 0 (also when none is named), or -1 (said). */
static int read_program(struct finding *f, size_t i)
{
    char path[4096];
    size_t n;

    if (f->program[0] == '\0')
        return 0;
    if (f->program[0] == '/' || !is_file(in_dir(f->program, path, sizeof path)))
        snprintf(path, sizeof path, "%s", f->program);
    if (!is_file(path))
        return fail("%s/findings.json: finding %zu (%s): its program '%s' is neither in %s nor"
                    " in the current directory", R.dir, i + 1, f->signature, f->program, R.dir);
    f->path = strdup(path);
    f->text = read_text(path, &n);
    if (f->path == NULL || f->text == NULL)
        return f->path ? -1 : fail("out of memory");
    if (!is_text(f->text, n)) {
        free(f->text); /* a crash input in the binary form: named, not shown */
        f->text = NULL;
    }
    return 0;
}

/* Reads the optional numbers and flags of finding i. Returns 0, or -1 (said). */
static int get_counts(json_t *o, size_t i, struct finding *f)
{
    json_t *v = json_object_get(o, "first_seen_s");

    /* null: the campaign could not tell when (its crash file is gone) */
    f->first_seen = -1;
    if (json_is_number(v) && json_number_value(v) >= 0)
        f->first_seen = json_number_value(v);
    else if (v != NULL && !json_is_null(v))
        return fail("%s/findings.json: finding %zu: \"first_seen_s\" is not a number >= 0",
                    R.dir, i + 1);
    v = json_object_get(o, "inputs");
    f->inputs = -1;
    if (json_is_integer(v))
        f->inputs = (long)json_integer_value(v);
    else if (json_is_array(v))
        f->inputs = (long)json_array_size(v);
    else if (v != NULL)
        return fail("%s/findings.json: finding %zu: \"inputs\" is neither a count nor a list",
                    R.dir, i + 1);
    v = json_object_get(o, "flaky");
    if (v != NULL && !json_is_boolean(v))
        return fail("%s/findings.json: finding %zu: \"flaky\" is not true or false", R.dir, i + 1);
    f->flaky = json_is_true(v);
    return 0;
}

/* Reads finding i of findings.json. Returns 0, or -1 (said). */
static int load_finding(json_t *o, size_t i)
{
    struct finding *f = &R.f[i];
    char where[4200];
    long ti;

    f->obj = o;
    if (!json_is_object(o))
        return fail("%s/findings.json: finding %zu is not an object", R.dir, i + 1);
    if (get_string(o, i, "target", 1, &f->target) < 0 ||
        get_string(o, i, "signature", 0, &f->signature) < 0 ||
        get_string(o, i, "rule", 0, &f->rule) < 0 ||
        get_string(o, i, "severity", 0, &f->severity) < 0 ||
        get_string(o, i, "reproduce", 0, &f->reproduce) < 0 ||
        get_string(o, i, "program", 0, &f->program) < 0 || get_counts(o, i, f) < 0)
        return -1;
    /* a flaky crash has no one signature; any other finding is one */
    if (!f->flaky && (!f->rule[0] || !f->signature[0]))
        return fail("%s/findings.json: finding %zu: \"%s\" is missing (only a flaky"
                    " finding may go without)", R.dir, i + 1, f->rule[0] ? "signature" : "rule");
    if (!f->severity[0] && f->rule[0] && model_rule_lookup(f->rule) < RULE__COUNT)
        f->severity = model_severity_name(model_rule_severity(model_rule_lookup(f->rule)));
    snprintf(where, sizeof where, "%s/findings.json: finding %zu", R.dir, i + 1);
    ti = target_index(f->target, where);
    if (ti < 0)
        return -1;
    f->ti = (size_t)ti;
    R.t[ti].nfind++;
    R.t[ti].nflaky += (unsigned)f->flaky;
    if (f->first_seen > R.end)
        R.end = f->first_seen;
    return read_program(f, i);
}

/* findings.json: an array of findings, maybe empty. Returns 0, or -1 (said). */
static int load_findings(void)
{
    size_t i;

    if (load_json("findings.json", &R.findings) < 0)
        return -1;
    if (!json_is_array(R.findings))
        return fail("%s/findings.json: not a JSON array", R.dir);
    R.nf = json_array_size(R.findings);
    R.f = calloc(R.nf ? R.nf : 1, sizeof *R.f);
    if (R.f == NULL)
        return fail("out of memory");
    for (i = 0; i < R.nf; i++)
        if (load_finding(json_array_get(R.findings, i), i) < 0)
            return -1;
    return 0;
}

/* ---- coverage/: what scripts/coverage.sh left, when it ran ---- */

/* Adds one file's summary (llvm-cov export -summary-only) to area a. */
static void cov_add(struct cov_area *a, json_t *summary)
{
    int m;

    for (m = 0; m < 3; m++) {
        json_t *s = json_object_get(summary, cov_metrics[m]);

        a->count[m] += json_number_value(json_object_get(s, "count"));
        a->covered[m] += json_number_value(json_object_get(s, "covered"));
    }
}

/* The last of "/model/" and "/drivers/" in path: 0 for model/, 1 for
 * drivers/, -1 for neither (the last, so that a checkout under a directory
 * of either name still counts right). */
static int source_area(const char *path)
{
    const char *p, *model = NULL, *drivers = NULL;

    for (p = strstr(path, "/model/"); p; p = strstr(p + 1, "/model/"))
        model = p;
    for (p = strstr(path, "/drivers/"); p; p = strstr(p + 1, "/drivers/"))
        drivers = p;
    if (model == NULL || drivers == NULL)
        return model ? 0 : drivers ? 1 : -1;
    return model > drivers ? 0 : 1;
}

/* coverage/summary.json, when there: per-file sums for model/ and drivers/.
 * Returns 0, or -1 (said) when it is there and malformed. */
static int load_coverage(void)
{
    char path[4096];
    json_t *j, *files, *file;
    size_t i;
    int area;

    R.cov[0].name = "model/";
    R.cov[1].name = "drivers/";
    R.cov[2].name = "all";
    R.cov_html = is_file(in_dir("coverage/index.html", path, sizeof path));
    if (!is_file(in_dir("coverage/summary.json", path, sizeof path)))
        return 0;
    if (load_json("coverage/summary.json", &j) < 0)
        return -1;
    files = json_object_get(json_array_get(json_object_get(j, "data"), 0), "files");
    if (!json_is_array(files)) {
        json_decref(j);
        return fail("%s: no data[0].files (want the output of llvm-cov export -summary-only)",
                    path);
    }
    json_array_foreach(files, i, file) {
        const char *name = json_string_value(json_object_get(file, "filename"));
        json_t *summary = json_object_get(file, "summary");

        if (name == NULL)
            continue;
        area = source_area(name);
        if (area >= 0)
            cov_add(&R.cov[area], summary);
        cov_add(&R.cov[2], summary);
    }
    json_decref(j);
    R.have_cov = 1;
    return 0;
}

/* ---- what the tables say ---- */

struct tstats {
    double time;   /* the seconds it was fuzzed: its lines' dt added up */
    double execs;  /* its executions, over every session */
    double eps;    /* its last exec/s */
    double mean;   /* executions over time */
    double cov;    /* its highest coverage */
    double corpus; /* its last corpus size */
};

/* A target's figures. An engine's execution count starts again at 0 when
 * a session resumes the campaign: where it drops, the count before the
 * drop is added in. */
static void target_stats(const struct target *t, struct tstats *st)
{
    size_t i;

    memset(st, 0, sizeof *st);
    for (i = 0; i < t->n; i++) {
        if (i > 0 && t->s[i].execs < t->s[i - 1].execs)
            st->execs += t->s[i - 1].execs;
        if (t->s[i].cov > st->cov)
            st->cov = t->s[i].cov;
        st->time += t->s[i].dt;
    }
    if (t->n > 0) {
        st->execs += t->s[t->n - 1].execs;
        st->eps = t->s[t->n - 1].eps;
        st->corpus = t->s[t->n - 1].corpus;
    }
    st->mean = st->time > 0 ? st->execs / st->time : 0;
}

struct totals {
    double execs;   /* over every target */
    double eps;     /* executions over the campaign's time */
    unsigned flaky; /* flaky findings */
    size_t nrules;  /* distinct rules found */
};

/* The campaign's figures, over every target and finding. */
static void totals(struct totals *to)
{
    struct tstats st;
    size_t i, k;

    memset(to, 0, sizeof *to);
    for (i = 0; i < R.nt; i++) {
        target_stats(&R.t[i], &st);
        to->execs += st.execs;
    }
    to->eps = R.end > 0 ? to->execs / R.end : 0;
    for (i = 0; i < R.nf; i++) {
        to->flaky += (unsigned)R.f[i].flaky;
        for (k = 0; k < i && strcmp(R.f[k].rule, R.f[i].rule); k++)
            ;
        to->nrules += k == i && R.f[i].rule[0];
    }
}

/* One row of the per-rule table: the findings of one rule. */
struct rule_row {
    const char *rule;     /* its id */
    const char *severity; /* as the first finding of it says */
    unsigned n, nflaky;   /* findings, flaky ones */
    double first;         /* the earliest first_seen_s known, or -1 */
};

/* qsort order of rule rows: by rule id. */
static int by_rule(const void *a, const void *b)
{
    return strcmp(((const struct rule_row *)a)->rule, ((const struct rule_row *)b)->rule);
}

/* The per-rule rows, sorted by rule id, into rows (R.nf of room); flaky
 * crashes with no rule are left out. Returns how many. */
static size_t rule_rows(struct rule_row *rows)
{
    size_t n = 0, i, k;

    for (i = 0; i < R.nf; i++) {
        if (!R.f[i].rule[0])
            continue;
        for (k = 0; k < n && strcmp(rows[k].rule, R.f[i].rule); k++)
            ;
        if (k == n) {
            rows[n].rule = R.f[i].rule;
            rows[n].severity = R.f[i].severity;
            rows[n].n = rows[n].nflaky = 0;
            rows[n].first = R.f[i].first_seen;
            n++;
        }
        rows[k].n++;
        rows[k].nflaky += (unsigned)R.f[i].flaky;
        if (R.f[i].first_seen >= 0 && (rows[k].first < 0 || R.f[i].first_seen < rows[k].first))
            rows[k].first = R.f[i].first_seen;
    }
    qsort(rows, n, sizeof rows[0], by_rule);
    return n;
}

/* Whether some finding of target ti has rule. */
static int target_has_rule(size_t ti, const char *rule)
{
    size_t i;

    for (i = 0; i < R.nf; i++)
        if (R.f[i].ti == ti && !strcmp(R.f[i].rule, rule))
            return 1;
    return 0;
}

/* "a, b" in buf: the targets with findings of rule. Returns buf. */
static const char *rule_targets(const char *rule, char *buf, size_t n)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < R.nt && len < n; i++)
        if (target_has_rule(i, rule))
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", R.t[i].name);
    return buf;
}

/* ---- plots: inline SVG ---- */

#define PW 720 /* the plot's width and height, in px */
#define PH 280
#define PL 60 /* margins: the y labels, right, top, the x labels */
#define PR 16
#define PT 14
#define PB 42

struct series {
    const char *name;  /* its target, or "all targets" */
    const char *color;
    const double *x, *y; /* n points, in time order */
    size_t n;
};

struct marker {
    double x, y;       /* where */
    const char *color;
    const char *title; /* its tooltip */
};

struct plot {
    const char *id;     /* the svg element's id */
    const char *title;
    const char *ylabel;
    int integer;        /* y values are counts: ticks at whole numbers */
    double xmax;        /* seconds */
    const struct series *s;
    size_t ns;
    const struct marker *m;
    size_t nm;
};

/* A round step (1, 2 or 5 times a power of ten) that cuts range into about
 * ticks parts. */
static double nice_step(double range, int ticks)
{
    double raw = range / ticks, p = 1;

    if (!(raw > 0))
        return 1;
    while (p * 10 <= raw)
        p *= 10;
    while (p > raw)
        p /= 10;
    if (raw <= p)
        return p;
    if (raw <= 2 * p)
        return 2 * p;
    if (raw <= 5 * p)
        return 5 * p;
    return 10 * p;
}

/* max rounded up to a whole number of steps. */
static double round_up(double max, double step)
{
    double n = (double)(long long)(max / step);

    return (n * step < max ? n + 1 : n) * step;
}

/* The largest y value of the plot. */
static double plot_ymax(const struct plot *p)
{
    double m = 0;
    size_t i, k;

    for (i = 0; i < p->ns; i++)
        for (k = 0; k < p->s[i].n; k++)
            if (p->s[i].y[k] > m)
                m = p->s[i].y[k];
    for (i = 0; i < p->nm; i++)
        if (p->m[i].y > m)
            m = p->m[i].y;
    return m;
}

/* The y grid and labels, and the y axis's title. */
static void svg_yaxis(struct buf *b, const struct plot *p, double ymax, double step)
{
    char tick[32];
    double v;

    buf_puts(b, "<g class=\"grid\">");
    for (v = 0; v <= ymax + step / 2; v += step) {
        double y = PT + (PH - PT - PB) * (1 - v / ymax);

        buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", PL, y, PW - PR, y);
        buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", PL - 6, y + 4,
                   fmt_tick(v, tick, sizeof tick));
    }
    buf_printf(b, "</g><text class=\"label\" transform=\"translate(14 %d) rotate(-90)\" "
                  "text-anchor=\"middle\">",
               (PT + PH - PB) / 2);
    buf_html(b, p->ylabel);
    buf_puts(b, "</text>");
}

/* The x axis: time, in seconds, minutes or hours as the span asks. Returns
 * the axis's end in seconds. */
static double svg_xaxis(struct buf *b, double xmax)
{
    double unit = xmax <= 600 ? 1 : xmax <= 6 * 3600 ? 60 : 3600;
    const char *uname = unit == 1 ? "s" : unit == 60 ? "min" : "h";
    double step = nice_step(xmax / unit, 6), end, v;
    char tick[32];

    if (unit == 1 && step < 1) /* no ticks at fractions of a second */
        step = 1;
    end = round_up(xmax / unit, step);
    buf_printf(b, "<g class=\"axis\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", PL, PH - PB,
               PW - PR, PH - PB);
    for (v = 0; v <= end + step / 2; v += step) {
        double x = PL + (PW - PL - PR) * v / end;

        buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, PH - PB, x,
                   PH - PB + 5);
        buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x,
                   PH - PB + 18, fmt_tick(v, tick, sizeof tick));
    }
    buf_printf(b, "</g><text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                  "time since the campaign started (%s)</text>",
               (PL + PW - PR) / 2, PH - 6, uname);
    return end * unit;
}

/* One series as a path (a dot when it has one point). */
static void svg_series(struct buf *b, const struct series *s, double xend, double yend)
{
    size_t k;

    if (s->n == 0)
        return;
    buf_printf(b, "<path class=\"series%s\" stroke=\"%s\" data-target=\"",
               strcmp(s->color, TOTAL_COLOR) ? "" : " total", s->color);
    buf_html(b, s->name);
    buf_puts(b, "\" d=\"");
    for (k = 0; k < s->n; k++)
        buf_printf(b, "%s%.1f,%.1f", k ? " L" : "M", PL + (PW - PL - PR) * s->x[k] / xend,
                   PT + (PH - PT - PB) * (1 - s->y[k] / yend));
    buf_puts(b, "\"><title>");
    buf_html(b, s->name);
    buf_puts(b, "</title></path>");
    if (s->n == 1)
        buf_printf(b, "<circle class=\"point\" r=\"3\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\"/>",
                   s->color, PL + (PW - PL - PR) * s->x[0] / xend,
                   PT + (PH - PT - PB) * (1 - s->y[0] / yend));
}

/* The legend under a plot: one swatch per series that has points. */
static void html_legend(struct buf *b, const struct plot *p)
{
    size_t i;

    buf_puts(b, "<ul class=\"legend\">");
    for (i = 0; i < p->ns; i++) {
        if (p->s[i].n == 0)
            continue;
        buf_printf(b, "<li><span class=\"swatch\" style=\"background:%s\"></span>",
                   p->s[i].color);
        buf_html(b, p->s[i].name);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
}

/* A whole plot: an <svg> with a title, grid, axes, series and markers, and
 * its legend. A plot with no points says so in place of lines. */
static void svg_plot(struct buf *b, const struct plot *p)
{
    double ymax = plot_ymax(p), ystep, xend;
    size_t i, points = 0;

    ystep = nice_step(ymax > 0 ? ymax : 1, 5);
    if (p->integer && ystep < 1)
        ystep = 1;
    ymax = round_up(ymax > 0 ? ymax : 1, ystep);
    buf_printf(b, "<figure><figcaption>%s</figcaption>"
                  "<svg id=\"%s\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" "
                  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
               p->title, p->id, PW, PH, PW, PH);
    buf_html(b, p->title);
    buf_puts(b, "\">");
    svg_yaxis(b, p, ymax, ystep);
    xend = svg_xaxis(b, p->xmax > 0 ? p->xmax : 1);
    for (i = 0; i < p->ns; i++) {
        svg_series(b, &p->s[i], xend, ymax);
        points += p->s[i].n;
    }
    for (i = 0; i < p->nm; i++) {
        buf_printf(b, "<circle class=\"finding\" r=\"4\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\">"
                      "<title>",
                   p->m[i].color, PL + (PW - PL - PR) * p->m[i].x / xend,
                   PT + (PH - PT - PB) * (1 - p->m[i].y / ymax));
        buf_html(b, p->m[i].title);
        buf_puts(b, "</title></circle>");
    }
    if (points == 0)
        buf_printf(b, "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                      "no data</text>",
                   (PL + PW - PR) / 2, (PT + PH - PB) / 2);
    buf_puts(b, "</svg>");
    html_legend(b, p);
    buf_puts(b, "</figure>\n");
}

/* The x and y arrays of every target's series, for one progress column. */
struct xy {
    double *x, *y; /* owned */
    size_t n;
};

/* Frees the n point arrays of v, and v. */
static void xy_free(struct xy *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(v[i].x);
        free(v[i].y);
    }
    free(v);
}

/* A target's samples of one column (COL_COV or COL_EPS) as points. */
static int xy_progress(struct xy *v, const struct target *t, int col)
{
    size_t k;

    v->x = malloc((t->n + 1) * sizeof *v->x);
    v->y = malloc((t->n + 1) * sizeof *v->y);
    if (v->x == NULL || v->y == NULL)
        return -1;
    for (k = 0; k < t->n; k++) {
        v->x[k] = t->s[k].t;
        v->y[k] = col == COL_COV ? t->s[k].cov : t->s[k].eps;
    }
    v->n = t->n;
    return 0;
}

/* Cumulative findings of target ti (or of all, ti == R.nt) as a step line
 * from 0 to end; those with no first_seen_s are left out. */
static int xy_findings(struct xy *v, size_t ti, double end)
{
    double *when = malloc((R.nf + 1) * sizeof *when);
    size_t i, n = 0;

    v->x = malloc((2 * R.nf + 2) * sizeof *v->x);
    v->y = malloc((2 * R.nf + 2) * sizeof *v->y);
    if (when == NULL || v->x == NULL || v->y == NULL) {
        free(when);
        return -1;
    }
    for (i = 0; i < R.nf; i++)
        if ((ti == R.nt || R.f[i].ti == ti) && R.f[i].first_seen >= 0)
            when[n++] = R.f[i].first_seen;
    qsort(when, n, sizeof when[0], by_double);
    v->x[0] = v->y[0] = 0;
    v->n = 1;
    for (i = 0; i < n; i++) {
        v->x[v->n] = when[i], v->y[v->n++] = (double)i;
        v->x[v->n] = when[i], v->y[v->n++] = (double)i + 1;
    }
    v->x[v->n] = end, v->y[v->n++] = (double)n;
    free(when);
    return 0;
}

/* The coverage or exec/s plot: one series per target. */
static int plot_progress(struct buf *b, const char *id, const char *title, const char *ylabel,
                         int col)
{
    struct xy *v = calloc(R.nt + 1, sizeof *v);
    struct series *s = calloc(R.nt + 1, sizeof *s);
    struct plot p = {id, title, ylabel, col == COL_COV, R.end, s, R.nt, NULL, 0};
    size_t i;
    int rc = 0;

    for (i = 0; v && s && i < R.nt && rc == 0; i++) {
        rc = xy_progress(&v[i], &R.t[i], col);
        s[i] = (struct series){R.t[i].name, palette[i % NCOLORS], v[i].x, v[i].y, v[i].n};
    }
    if (v && s && rc == 0)
        svg_plot(b, &p);
    else
        rc = fail("out of memory");
    xy_free(v, v ? R.nt : 0);
    free(s);
    return rc;
}

/* Where finding i's dot sits on the all-targets line: its rank in time,
 * from 1 (ties in findings.json's order). */
static size_t finding_rank(size_t i)
{
    size_t k, r = 1;

    for (k = 0; k < R.nf; k++)
        if ((R.f[k].first_seen >= 0 && R.f[k].first_seen < R.f[i].first_seen) ||
            (R.f[k].first_seen == R.f[i].first_seen && k < i))
            r++;
    return r;
}

/* The findings plot: a step line per target with findings, one for all of
 * them when there are several targets, and a dot per finding. */
static int plot_findings(struct buf *b)
{
    struct xy *v = calloc(R.nt + 1, sizeof *v);
    struct series *s = calloc(R.nt + 1, sizeof *s);
    struct marker *m = calloc(R.nf + 1, sizeof *m);
    struct plot p = {"plot-findings", "Findings over time", "distinct findings", 1, R.end,
                     s, 0, m, 0};
    size_t i;
    int rc = v && s && m ? 0 : -1;

    for (i = 0; rc == 0 && i <= R.nt; i++) {
        if (i < R.nt && (R.t[i].nfind == 0 || R.nt == 1))
            continue;
        rc = xy_findings(&v[i], i, R.end);
        s[p.ns++] = (struct series){i < R.nt ? R.t[i].name : "all targets",
                                    i < R.nt ? palette[i % NCOLORS] : TOTAL_COLOR, v[i].x,
                                    v[i].y, v[i].n};
    }
    for (i = 0; rc == 0 && i < R.nf; i++)
        if (R.f[i].first_seen >= 0)
            m[p.nm++] = (struct marker){R.f[i].first_seen, (double)finding_rank(i),
                                        palette[R.f[i].ti % NCOLORS],
                                        R.f[i].signature[0] ? R.f[i].signature : "flaky"};
    if (rc == 0)
        svg_plot(b, &p);
    else
        fail("out of memory");
    xy_free(v, v ? R.nt + 1 : 0);
    free(s);
    free(m);
    return rc;
}

/* ---- report.json ---- */

/* The campaign's session count: campaign.json's "sessions", when listed. */
static size_t nsessions(void)
{
    return json_array_size(json_object_get(R.campaign, "sessions"));
}

/* report.json's "summary": the campaign in figures. */
static json_t *json_summary(const struct totals *to)
{
    return json_pack("{s:I,s:f,s:I,s:f,s:I,s:I,s:I,s:I}", "targets", (json_int_t)R.nt, "time_s",
                     R.end, "executions", (json_int_t)to->execs, "execs_per_s", to->eps,
                     "findings", (json_int_t)R.nf, "flaky", (json_int_t)to->flaky, "rules",
                     (json_int_t)to->nrules, "sessions", (json_int_t)nsessions());
}

/* report.json's "targets": one object per target, as the table shows it. */
static json_t *json_targets(void)
{
    json_t *a = json_array();
    struct tstats st;
    size_t i;

    for (i = 0; i < R.nt; i++) {
        target_stats(&R.t[i], &st);
        json_array_append_new(
            a, json_pack("{s:s,s:f,s:I,s:f,s:f,s:I,s:I,s:I,s:I,s:I}", "target", R.t[i].name,
                         "time_s", st.time, "executions", (json_int_t)st.execs, "execs_per_s",
                         st.eps, "mean_execs_per_s", st.mean, "coverage", (json_int_t)st.cov,
                         "corpus", (json_int_t)st.corpus, "findings", (json_int_t)R.t[i].nfind,
                         "flaky", (json_int_t)R.t[i].nflaky, "samples", (json_int_t)R.t[i].n));
    }
    return a;
}

/* report.json's "rules": one object per rule found, as the table shows it. */
static json_t *json_rules(void)
{
    struct rule_row *rows = calloc(R.nf + 1, sizeof *rows);
    json_t *a = json_array(), *ts;
    size_t n = rows ? rule_rows(rows) : 0, i, t;

    for (i = 0; i < n; i++) {
        ts = json_array();
        for (t = 0; t < R.nt; t++)
            if (target_has_rule(t, rows[i].rule))
                json_array_append_new(ts, json_string(R.t[t].name));
        json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I,s:o,s:o}", "rule", rows[i].rule,
                                           "severity", rows[i].severity, "findings",
                                           (json_int_t)rows[i].n, "flaky",
                                           (json_int_t)rows[i].nflaky, "targets", ts,
                                           "first_seen_s", rows[i].first >= 0
                                                               ? json_real(rows[i].first)
                                                               : json_null()));
    }
    free(rows);
    return a;
}

/* Each finding as findings.json has it, with the program file found and
 * its text. */
static json_t *json_findings(void)
{
    json_t *a = json_array(), *o;
    size_t i;

    for (i = 0; i < R.nf; i++) {
        o = json_deep_copy(R.f[i].obj);
        if (R.f[i].severity[0]) /* the catalogue's, when findings.json has none */
            json_object_set_new(o, "severity", json_string(R.f[i].severity));
        json_object_set_new(o, "program_file", R.f[i].path ? json_string(R.f[i].path)
                                                           : json_null());
        json_object_set_new(o, "program_text", R.f[i].text ? json_stringn(R.f[i].text,
                                                                          strlen(R.f[i].text))
                                                           : json_null());
        json_array_append_new(a, o);
    }
    return a;
}

/* The source coverage summary, or null when scripts/coverage.sh has not run. */
static json_t *json_coverage(void)
{
    json_t *o, *area;
    int a, m;

    if (!R.have_cov && !R.cov_html)
        return json_null();
    o = json_object();
    json_object_set_new(o, "report", R.cov_html ? json_string("coverage/index.html")
                                                : json_null());
    for (a = 0; R.have_cov && a < 3; a++) {
        area = json_object();
        for (m = 0; m < 3; m++)
            json_object_set_new(area, cov_metrics[m],
                                json_pack("{s:I,s:I}", "count", (json_int_t)R.cov[a].count[m],
                                          "covered", (json_int_t)R.cov[a].covered[m]));
        json_object_set_new(o, R.cov[a].name, area);
    }
    return o;
}

/* report.json, as text in b. */
static void write_json(struct buf *b, const struct totals *to)
{
    json_t *o = json_object();
    char *text;

    json_object_set(o, "campaign", R.campaign);
    json_object_set_new(o, "summary", json_summary(to));
    json_object_set_new(o, "targets", json_targets());
    json_object_set_new(o, "rules", json_rules());
    json_object_set_new(o, "findings", json_findings());
    json_object_set_new(o, "source_coverage", json_coverage());
    text = json_dumps(o, JSON_INDENT(2));
    if (text == NULL)
        b->oom = 1;
    else
        buf_printf(b, "%s\n", text);
    free(text);
    json_decref(o);
}

/* ---- what report.md and report.html share ---- */

/* "c of n (p %)" for one coverage metric. Returns buf. */
static const char *fmt_cov(const struct cov_area *a, int m, char *buf, size_t n)
{
    char c[32], t[32];

    if (a->count[m] <= 0)
        snprintf(buf, n, "none");
    else
        snprintf(buf, n, "%s of %s (%.1f %%)", fmt_count(a->covered[m], c, sizeof c),
                 fmt_count(a->count[m], t, sizeof t), 100.0 * a->covered[m] / a->count[m]);
    return buf;
}

/* The campaign.json member key as text ("" when absent): strings as they
 * are, numbers printed. Returns buf. */
static const char *campaign_field(const char *key, char *buf, size_t n)
{
    json_t *v = json_object_get(R.campaign, key);

    buf[0] = '\0';
    if (json_is_string(v))
        snprintf(buf, n, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, n, "%g", json_real_value(v));
    return buf;
}

/* The one-paragraph summary, as plain text: report.md takes it as it is,
 * report.html escaped. */
static void summary_line(struct buf *b, const struct totals *to)
{
    char t[32], e[32], r[32], engine[64], jobs[32], parts[192] = "";
    size_t ns = nsessions();
    int len = 0;

    campaign_field("engine", engine, sizeof engine);
    campaign_field("jobs", jobs, sizeof jobs);
    if (engine[0])
        len += snprintf(parts + len, sizeof parts - (size_t)len, "%s", engine);
    if (jobs[0])
        len += snprintf(parts + len, sizeof parts - (size_t)len, "%s%s job%s", len ? ", " : "",
                        jobs, strcmp(jobs, "1") ? "s" : "");
    if (ns)
        snprintf(parts + len, sizeof parts - (size_t)len, "%s%zu session%s", len ? ", " : "",
                 ns, ns == 1 ? "" : "s");
    buf_printf(b, "%zu target%s, %s of fuzzing", R.nt, R.nt == 1 ? "" : "s",
               fmt_time(R.end, t, sizeof t));
    if (parts[0])
        buf_printf(b, " (%s)", parts);
    buf_printf(b, ", %s executions (%s exec/s), %zu finding%s", fmt_count(to->execs, e, sizeof e),
               fmt_rate(to->eps, r, sizeof r), R.nf, R.nf == 1 ? "" : "s");
    if (to->flaky)
        buf_printf(b, " (%u flaky)", to->flaky);
    buf_puts(b, ".");
}

/* ---- report.md ---- */

/* The per-target table. */
static void md_targets(struct buf *b)
{
    char c[6][32];
    struct tstats st;
    size_t i;

    buf_puts(b, "## Per target\n\n"
                "| target | time | executions | exec/s (last) | exec/s (mean) | coverage | corpus "
                "| findings | flaky |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (i = 0; i < R.nt; i++) {
        target_stats(&R.t[i], &st);
        buf_puts(b, "| ");
        buf_md_cell(b, R.t[i].name);
        buf_printf(b, " | %s | %s | %s | %s | %s | %s | %u | %u |\n",
                   fmt_time(st.time, c[0], sizeof c[0]), fmt_count(st.execs, c[1], sizeof c[1]),
                   fmt_rate(st.eps, c[2], sizeof c[2]), fmt_rate(st.mean, c[3], sizeof c[3]),
                   fmt_count(st.cov, c[4], sizeof c[4]), fmt_count(st.corpus, c[5], sizeof c[5]),
                   R.t[i].nfind, R.t[i].nflaky);
    }
    buf_puts(b, "\n");
}

/* The per-rule table, or a line saying no rule was broken. */
static void md_rules(struct buf *b)
{
    struct rule_row *rows = calloc(R.nf + 1, sizeof *rows);
    char targets[2048], t[32];
    size_t n = rows ? rule_rows(rows) : 0, i;

    buf_puts(b, "## Per rule\n\n");
    if (n == 0)
        buf_puts(b, "No rule was broken.\n\n");
    else
        buf_puts(b, "| rule | severity | findings | flaky | targets | first seen |\n"
                    "|---|---|--:|--:|---|--:|\n");
    for (i = 0; i < n; i++) {
        buf_printf(b, "| `%s` | ", rows[i].rule);
        buf_md_cell(b, rows[i].severity);
        buf_printf(b, " | %u | %u | ", rows[i].n, rows[i].nflaky);
        buf_md_cell(b, rule_targets(rows[i].rule, targets, sizeof targets));
        buf_printf(b, " | %s |\n", fmt_time(rows[i].first, t, sizeof t));
    }
    if (n)
        buf_puts(b, "\n");
    free(rows);
}

/* A fence for a code block holding text: longer than any run of backticks
 * in it. */
static void md_fence(struct buf *b, const char *text, const char *info)
{
    size_t run = 0, longest = 2, i;

    for (i = 0; text[i]; i++) {
        run = text[i] == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    for (i = 0; i <= longest; i++)
        buf_puts(b, "`");
    buf_puts(b, info);
    buf_puts(b, "\n");
}

/* The option `unloadfuzz convert` needs to read f's crash input as text:
 * the bytes do not say which kind of program they are. */
static const char *convert_option(const struct finding *f)
{
    return strcmp(f->target, "api") ? " --driver" : "";
}

/* A finding's program: its text in a code block, or what it is. */
static void md_program(struct buf *b, const struct finding *f)
{
    size_t len;

    if (f->text) {
        buf_printf(b, "- minimized program: `%s`\n\n", f->program);
        len = strlen(f->text);
        md_fence(b, f->text, "");
        buf_puts(b, f->text);
        if (len && f->text[len - 1] != '\n')
            buf_puts(b, "\n");
        md_fence(b, f->text, "");
    } else if (f->path) {
        buf_printf(b, "- crash input: `%s` (binary; `unloadfuzz convert%s FILE` prints it as"
                      " text)\n",
                   f->program, convert_option(f));
    } else {
        buf_puts(b, "- minimized program: none written\n");
    }
}

/* Finding i: its facts, its program and the command that reproduces it. */
static void md_finding(struct buf *b, size_t i)
{
    const struct finding *f = &R.f[i];
    char t[32];

    if (f->rule[0])
        buf_printf(b, "### %zu. `%s` in %s%s\n\n", i + 1, f->rule, f->target,
                   f->flaky ? " (flaky)" : "");
    else
        buf_printf(b, "### %zu. A flaky crash in %s\n\n", i + 1, f->target);
    if (f->signature[0])
        buf_printf(b, "- signature: `%s`\n", f->signature);
    if (f->severity[0])
        buf_printf(b, "- severity: %s\n", f->severity);
    buf_printf(b, "- first seen: %s%s\n", fmt_time(f->first_seen, t, sizeof t),
               f->first_seen >= 0 ? " into the campaign" : "");
    if (f->inputs >= 0)
        buf_printf(b, "- crash inputs: %ld\n", f->inputs);
    if (f->flaky)
        buf_puts(b, "- flaky: its replays did not all give one signature\n");
    md_program(b, f);
    if (f->reproduce[0]) {
        buf_puts(b, "\nReproduce:\n\n");
        md_fence(b, f->reproduce, "sh");
        buf_printf(b, "%s\n", f->reproduce);
        md_fence(b, f->reproduce, "");
    }
    buf_puts(b, "\n");
}

/* The source coverage section: the totals and the link, or how to get them. */
static void md_coverage(struct buf *b)
{
    char c[3][96];
    int a;

    buf_puts(b, "## Source coverage\n\n");
    if (!R.have_cov && !R.cov_html) {
        buf_printf(b, "Not measured: `bash scripts/coverage.sh %s` replays every target's corpus "
                      "through an instrumented build and writes `coverage/` here; then run "
                      "`unloadfuzz report` again.\n\n",
                   R.dir);
        return;
    }
    if (R.cov_html)
        buf_puts(b, "The line-by-line report: [coverage/index.html](coverage/index.html).\n\n");
    if (!R.have_cov)
        return;
    buf_puts(b, "| sources | lines | functions | regions |\n|---|--:|--:|--:|\n");
    for (a = 0; a < 3; a++)
        buf_printf(b, "| %s | %s | %s | %s |\n", R.cov[a].name,
                   fmt_cov(&R.cov[a], 0, c[0], sizeof c[0]),
                   fmt_cov(&R.cov[a], 1, c[1], sizeof c[1]),
                   fmt_cov(&R.cov[a], 2, c[2], sizeof c[2]));
    buf_puts(b, "\n");
}

/* report.md, in b. */
static void write_md(struct buf *b, const struct totals *to)
{
    char started[64];
    size_t i;

    buf_puts(b, "# unloadfuzz campaign report\n\n");
    summary_line(b, to);
    campaign_field("started", started, sizeof started);
    if (started[0])
        buf_printf(b, " Started %s.", started);
    buf_puts(b, "\n\nPlots of coverage, exec/s and findings over time: "
                "[report.html](report.html).\n\n");
    md_targets(b);
    md_rules(b);
    buf_puts(b, "## Findings\n\n");
    if (R.nf == 0)
        buf_puts(b, "None: no target crashed.\n\n");
    for (i = 0; i < R.nf; i++)
        md_finding(b, i);
    md_coverage(b);
}

/* ---- report.html ---- */

static const char css[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;"
    "max-width:980px;margin:2em auto;padding:0 1em}"
    "h1{font-size:1.6em;margin-bottom:.2em}"
    "h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.8em}"
    "h3{margin:1.4em 0 .4em}"
    "table{border-collapse:collapse;margin:.6em 0}"
    "th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}"
    "th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "pre{background:#f7f7f7;border:1px solid #e2e2e2;padding:.6em;overflow:auto}"
    "code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}"
    "figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}"
    "svg.plot{display:block;max-width:100%;height:auto;border:1px solid #e2e2e2;background:#fff}"
    "svg.plot .grid line{stroke:#eee}svg.plot .axis line{stroke:#999}"
    "svg.plot text{font-size:11px;fill:#555}svg.plot text.label{font-size:12px;fill:#333}"
    "svg.plot text.empty{font-size:16px;fill:#999}"
    "svg.plot path.series{fill:none;stroke-width:1.8;stroke-linejoin:round}"
    "svg.plot path.total{stroke-dasharray:5 3}svg.plot circle.finding{stroke:#fff;stroke-width:1}"
    "ul.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:.2em 1.2em}"
    ".swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.35em;"
    "vertical-align:-.1em}"
    ".flaky{color:#b45309;font-weight:600}.muted{color:#666}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.4em 0}"
    "dt{color:#555}dd{margin:0}";

/* A table cell with a number, right-aligned. */
static void td_num(struct buf *b, const char *text)
{
    buf_printf(b, "<td class=\"n\">%s</td>", text);
}

/* The summary section: the line and a table of the campaign's figures. */
static void html_summary(struct buf *b, const struct totals *to)
{
    struct buf line = {0};
    char v[64], started[64];

    summary_line(&line, to);
    buf_puts(b, "<section id=\"summary\"><h2>Summary</h2><p>");
    buf_html(b, line.p ? line.p : "");
    buf_puts(b, "</p><table class=\"summary\">");
    buf_printf(b, "<tr><th>targets</th>");
    td_num(b, fmt_count((double)R.nt, v, sizeof v));
    buf_printf(b, "</tr><tr><th>time</th>");
    td_num(b, fmt_time(R.end, v, sizeof v));
    buf_printf(b, "</tr><tr><th>executions</th>");
    td_num(b, fmt_count(to->execs, v, sizeof v));
    buf_printf(b, "</tr><tr><th>exec/s</th>");
    td_num(b, fmt_rate(to->eps, v, sizeof v));
    buf_printf(b, "</tr><tr><th>findings</th>");
    td_num(b, fmt_count((double)R.nf, v, sizeof v));
    buf_printf(b, "</tr><tr><th>flaky</th>");
    td_num(b, fmt_count(to->flaky, v, sizeof v));
    buf_puts(b, "</tr>");
    if (campaign_field("started", started, sizeof started)[0]) {
        buf_puts(b, "<tr><th>started</th><td>");
        buf_html(b, started);
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</table></section>\n");
    free(line.p);
}

/* The three plots. Returns 0, or -1 (said) out of memory. */
static int html_plots(struct buf *b)
{
    buf_puts(b, "<section id=\"plots\"><h2>Over time</h2>\n");
    if (plot_progress(b, "plot-coverage", "Coverage over time", "edges (the engine's count)",
                      COL_COV) < 0 ||
        plot_progress(b, "plot-execs", "Executions per second over time", "exec/s", COL_EPS) < 0 ||
        plot_findings(b) < 0)
        return -1;
    buf_puts(b, "</section>\n");
    return 0;
}

/* The per-target table, each target with its colour in the plots. */
static void html_targets(struct buf *b)
{
    char c[6][32];
    struct tstats st;
    size_t i;

    buf_puts(b, "<section id=\"targets\"><h2>Per target</h2><table><tr><th>target</th>"
                "<th>time</th><th>executions</th><th>exec/s (last)</th><th>exec/s (mean)</th>"
                "<th>coverage</th><th>corpus</th><th>findings</th><th>flaky</th></tr>\n");
    for (i = 0; i < R.nt; i++) {
        target_stats(&R.t[i], &st);
        buf_printf(b, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span><code>",
                   palette[i % NCOLORS]);
        buf_html(b, R.t[i].name);
        buf_puts(b, "</code></td>");
        td_num(b, fmt_time(st.time, c[0], sizeof c[0]));
        td_num(b, fmt_count(st.execs, c[1], sizeof c[1]));
        td_num(b, fmt_rate(st.eps, c[2], sizeof c[2]));
        td_num(b, fmt_rate(st.mean, c[3], sizeof c[3]));
        td_num(b, fmt_count(st.cov, c[4], sizeof c[4]));
        td_num(b, fmt_count(st.corpus, c[5], sizeof c[5]));
        buf_printf(b, "<td class=\"n\">%u</td><td class=\"n\">%u</td></tr>\n", R.t[i].nfind,
                   R.t[i].nflaky);
    }
    buf_puts(b, "</table></section>\n");
}

/* The per-rule table, or a line saying no rule was broken. */
static void html_rules(struct buf *b)
{
    struct rule_row *rows = calloc(R.nf + 1, sizeof *rows);
    char targets[2048], t[32];
    size_t n = rows ? rule_rows(rows) : 0, i;

    buf_puts(b, "<section id=\"rules\"><h2>Per rule</h2>");
    if (n == 0)
        buf_puts(b, "<p>No rule was broken.</p>");
    else
        buf_puts(b, "<table><tr><th>rule</th><th>severity</th><th>findings</th><th>flaky</th>"
                    "<th>targets</th><th>first seen</th></tr>\n");
    for (i = 0; i < n; i++) {
        buf_puts(b, "<tr><td><code>");
        buf_html(b, rows[i].rule);
        buf_puts(b, "</code></td><td>");
        buf_html(b, rows[i].severity);
        buf_printf(b, "</td><td class=\"n\">%u</td><td class=\"n\">%u</td><td>", rows[i].n,
                   rows[i].nflaky);
        buf_html(b, rule_targets(rows[i].rule, targets, sizeof targets));
        buf_puts(b, "</td>");
        td_num(b, fmt_time(rows[i].first, t, sizeof t));
        buf_puts(b, "</tr>\n");
    }
    buf_puts(b, n ? "</table></section>\n" : "</section>\n");
    free(rows);
}

/* One <dt>/<dd> pair, the value escaped. */
static void html_dd(struct buf *b, const char *term, const char *value)
{
    buf_printf(b, "<dt>%s</dt><dd>", term);
    buf_html(b, value);
    buf_puts(b, "</dd>");
}

/* A finding's program: its text, or what it is. */
static void html_program(struct buf *b, const struct finding *f)
{
    if (f->text) {
        html_dd(b, "minimized program", f->program);
        buf_puts(b, "</dl><pre class=\"program\">");
        buf_html(b, f->text);
        buf_puts(b, "</pre>");
        return;
    }
    if (f->path) {
        html_dd(b, "crash input", f->program);
        buf_printf(b, "<dt></dt><dd class=\"muted\">binary; <code>unloadfuzz convert%s FILE"
                      "</code> prints it as text</dd>",
                   convert_option(f));
    } else {
        html_dd(b, "minimized program", "none written");
    }
    buf_puts(b, "</dl>");
}

/* Finding i as an <article>: its facts, program and reproduce command. */
static void html_finding(struct buf *b, size_t i)
{
    const struct finding *f = &R.f[i];
    char t[32];

    buf_printf(b, "<article class=\"finding\" id=\"finding-%zu\"><h3>%zu. ", i + 1, i + 1);
    if (f->rule[0]) {
        buf_puts(b, "<code>");
        buf_html(b, f->rule);
        buf_puts(b, "</code>");
    } else {
        buf_puts(b, "A flaky crash");
    }
    buf_puts(b, " in <code>");
    buf_html(b, f->target);
    buf_printf(b, "</code>%s</h3><dl>", f->flaky ? " <span class=\"flaky\">flaky</span>" : "");
    if (f->signature[0])
        html_dd(b, "signature", f->signature);
    if (f->severity[0])
        html_dd(b, "severity", f->severity);
    html_dd(b, "first seen", fmt_time(f->first_seen, t, sizeof t));
    if (f->inputs >= 0) {
        snprintf(t, sizeof t, "%ld", f->inputs);
        html_dd(b, "crash inputs", t);
    }
    if (f->flaky)
        html_dd(b, "flaky", "its replays did not all give one signature");
    html_program(b, f);
    if (f->reproduce[0]) {
        buf_puts(b, "<p>Reproduce:</p><pre class=\"reproduce\"><code>");
        buf_html(b, f->reproduce);
        buf_puts(b, "</code></pre>");
    }
    buf_puts(b, "</article>\n");
}

/* The source coverage section: the link and totals, or how to get them. */
static void html_coverage(struct buf *b)
{
    char c[96];
    int a, m;

    buf_puts(b, "<section id=\"coverage\"><h2>Source coverage</h2>");
    if (!R.have_cov && !R.cov_html) {
        buf_puts(b, "<p class=\"muted\">Not measured: <code>bash scripts/coverage.sh ");
        buf_html(b, R.dir);
        buf_puts(b, "</code> replays every target's corpus through an instrumented build and "
                    "writes <code>coverage/</code> here; then run <code>unloadfuzz report</code> "
                    "again.</p></section>\n");
        return;
    }
    if (R.cov_html)
        buf_puts(b, "<p>The line-by-line report of <code>model/</code> and <code>drivers/</code>: "
                    "<a id=\"coverage-link\" href=\"coverage/index.html\">coverage/index.html</a>"
                    "</p>");
    if (R.have_cov) {
        buf_puts(b, "<table><tr><th>sources</th><th>lines</th><th>functions</th>"
                    "<th>regions</th></tr>");
        for (a = 0; a < 3; a++) {
            buf_printf(b, "<tr><td><code>%s</code></td>", R.cov[a].name);
            for (m = 0; m < 3; m++)
                td_num(b, fmt_cov(&R.cov[a], m, c, sizeof c));
            buf_puts(b, "</tr>");
        }
        buf_puts(b, "</table>");
    }
    buf_puts(b, "</section>\n");
}

/* report.html, in b. Returns 0, or -1 (said). */
static int write_html(struct buf *b, const struct totals *to)
{
    size_t i;

    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>unloadfuzz campaign report</title><style>%s</style></head>\n<body>"
                  "<h1>unloadfuzz campaign report</h1><p class=\"muted\"><code>",
               css);
    buf_html(b, R.dir);
    buf_puts(b, "</code></p>\n");
    html_summary(b, to);
    if (html_plots(b) < 0)
        return -1;
    html_targets(b);
    html_rules(b);
    buf_puts(b, "<section id=\"findings\"><h2>Findings</h2>\n");
    if (R.nf == 0)
        buf_puts(b, "<p>None: no target crashed.</p>\n");
    for (i = 0; i < R.nf; i++)
        html_finding(b, i);
    buf_puts(b, "</section>\n");
    html_coverage(b);
    buf_puts(b, "</body></html>\n");
    return 0;
}

/* ---- writing: all three or none ---- */

struct output {
    const char *name; /* in DIR */
    struct buf text;  /* what goes in it */
};

/* Writes text to path. Returns 0, or -1 (said). */
static int write_file(const char *path, const struct buf *text)
{
    FILE *f = fopen(path, "w");
    int bad;

    if (f == NULL)
        return fail("%s: %s", path, strerror(errno));
    bad = fwrite(text->p, 1, text->len, f) != text->len;
    bad |= fclose(f) != 0;
    return bad ? fail("%s: cannot write", path) : 0;
}

/* Writes each output to a temporary file in DIR, then renames them all into
 * place: a failure before the renames leaves DIR as it was. Returns 0, or
 * -1 (said). */
static int write_outputs(struct output *o, size_t n)
{
    char tmp[4][4096], path[4096];
    size_t i, done;
    int ok;

    for (i = 0; i < n; i++) { /* a rename can only fail on what is in the way */
        struct stat st;

        if (stat(in_dir(o[i].name, path, sizeof path), &st) == 0 && !S_ISREG(st.st_mode))
            return fail("%s: in the way: not a regular file", path);
    }
    for (done = 0; done < n; done++) {
        if (o[done].text.oom || o[done].text.p == NULL) {
            fail("out of memory");
            break;
        }
        snprintf(tmp[done], sizeof tmp[done], "%s/.%s.tmp", R.dir, o[done].name);
        if (write_file(tmp[done], &o[done].text) < 0) {
            unlink(tmp[done]);
            break;
        }
    }
    ok = done == n;
    for (i = 0; i < done; i++) {
        if (ok && rename(tmp[i], in_dir(o[i].name, path, sizeof path)) != 0)
            ok = fail("%s: %s", path, strerror(errno)) == 0;
        if (!ok) /* nothing more goes in: no temporary file stays behind */
            unlink(tmp[i]);
    }
    return ok ? 0 : -1;
}

/* Builds the three reports and writes them. Returns 0, or -1 (said). */
static int render(void)
{
    struct output o[3] = {{"report.md", {0}}, {"report.json", {0}}, {"report.html", {0}}};
    struct totals to;
    struct buf line = {0};
    int rc = 0, i;

    totals(&to);
    write_md(&o[0].text, &to);
    write_json(&o[1].text, &to);
    if (write_html(&o[2].text, &to) < 0 || write_outputs(o, 3) < 0)
        rc = -1;
    if (rc == 0) {
        summary_line(&line, &to);
        printf("report: %s\n", line.p ? line.p : "");
        for (i = 0; i < 3; i++)
            printf("  %s/%s\n", R.dir, o[i].name);
    }
    for (i = 0; i < 3; i++)
        free(o[i].text.p);
    free(line.p);
    return rc;
}

/* Frees everything loaded and clears R. */
static void free_all(void)
{
    size_t i;

    for (i = 0; i < R.nt; i++)
        free(R.t[i].s);
    for (i = 0; i < R.nf && R.f; i++) {
        free(R.f[i].path);
        free(R.f[i].text);
    }
    free(R.t);
    free(R.f);
    json_decref(R.campaign);
    json_decref(R.findings);
    memset(&R, 0, sizeof R);
}

/* The command's --help. */
static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz report DIR\n"
            "\n"
            "Reads a campaign directory (docs/CAMPAIGNS.md: campaign.json, progress.tsv,\n"
            "findings.json and the minimized programs it names) and writes\n"
            "  DIR/report.md    a summary, a table per target and per rule, and each finding\n"
            "                   with its minimized program and the command that reproduces it\n"
            "  DIR/report.json  the same for tools\n"
            "  DIR/report.html  the same, self-contained (inline CSS and SVG, no script), with\n"
            "                   plots of coverage, exec/s and findings over time\n"
            "\n"
            "Source coverage of model/ and drivers/ is measured apart, by\n"
            "`bash scripts/coverage.sh DIR` (an llvm-cov build replaying every target's\n"
            "corpus): it writes DIR/coverage/, which the reports then link and summarize.\n"
            "\n"
            "Exit status: 0 the reports written; 2 bad usage, or a missing or malformed\n"
            "input (said on stderr; nothing in DIR is then written or overwritten).\n");
}

/* Reads the arguments: DIR into *dir. Returns -1 to go on, else the exit
 * status. */
static int parse_args(int argc, char **argv, const char **dir)
{
    int a;

    *dir = NULL;
    for (a = 0; a < argc; a++) {
        if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
            usage(stdout);
            return 0;
        }
        if (argv[a][0] == '-' && argv[a][1] != '\0') {
            fprintf(stderr, "report: unknown option '%s'\n\n", argv[a]);
            usage(stderr);
            return 2;
        }
        if (*dir != NULL) {
            fprintf(stderr, "report: one campaign directory at a time ('%s', then '%s')\n",
                    *dir, argv[a]);
            return 2;
        }
        *dir = argv[a];
    }
    if (*dir == NULL) {
        fprintf(stderr, "report: no campaign directory given\n\n");
        usage(stderr);
        return 2;
    }
    return -1;
}

/* The command (report.h). */
int report_main(int argc, char **argv)
{
    char dir[4096];
    struct stat st;
    const char *arg;
    size_t n;
    int rc = parse_args(argc, argv, &arg);

    if (rc >= 0)
        return rc;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "report: %s: %s\n", arg,
                stat(arg, &st) != 0 ? strerror(errno) : "not a directory");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s", arg);
    for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    memset(&R, 0, sizeof R);
    R.dir = dir;
    rc = load_campaign() < 0 || load_progress() < 0 || load_findings() < 0 ||
                 load_coverage() < 0 || render() < 0
             ? 2
             : 0;
    free_all();
    return rc;
}
