/*
 * campdir.c - reading a campaign directory back (campdir.h).
 *
 * Every input is checked as it is read: a missing file, malformed JSON, a
 * progress line that is not numbers, a finding without its target or a
 * program file that is not there each stop the reading with one message
 * naming the file (and line), so the command can exit 2 having written
 * nothing.
 */
#include "campdir.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dir.h"
#include "file.h"
#include "model.h"
#include "text.h"

#define PROGRAM_MAX (1u << 20) /* a program file larger than this is not one */

const char *const campdir_cov_metrics[3] = {"lines", "functions", "regions"};

/* Says what is wrong in c's message buffer. Returns -1, for
 * `return fail(...)`. */
__attribute__((format(printf, 2, 3))) static int fail(struct campdir *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, c->errn, fmt, ap);
    va_end(ap);
    return -1;
}

/* DIR/name in buf. Returns buf. */
static const char *in_dir(const struct campdir *c, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", c->dir, name);
    return buf;
}

/* The index of target name in c->t, added when new. Returns -1 (said)
 * when the name is empty, too long or holds a control character. */
static long target_index(struct campdir *c, const char *name, const char *where)
{
    struct campdir_target *t;
    const char *p;
    size_t i;

    for (p = name; *p; p++)
        if ((unsigned char)*p < 0x20)
            break;
    if (*name == '\0' || *p || strlen(name) >= CAMPDIR_NAME_MAX)
        return fail(c, "%s: bad target name '%.40s'", where, name);
    for (i = 0; i < c->nt; i++)
        if (!strcmp(c->t[i].name, name))
            return (long)i;
    t = realloc(c->t, (c->nt + 1) * sizeof *t);
    if (t == NULL)
        return fail(c, "out of memory");
    c->t = t;
    memset(&t[c->nt], 0, sizeof t[0]);
    snprintf(t[c->nt].name, sizeof t[0].name, "%s", name);
    return (long)c->nt++;
}

/* Loads DIR/name as JSON into *out. Returns 0, or -1 (said). */
static int load_json(struct campdir *c, const char *name, json_t **out)
{
    char path[4096];
    json_error_t e;

    in_dir(c, name, path, sizeof path);
    if (!dir_is_file(path))
        return fail(c, "%s: missing (is %s a campaign directory? docs/CAMPAIGNS.md)", path,
                    c->dir);
    *out = json_load_file(path, 0, &e);
    if (*out == NULL)
        return fail(c, "%s:%d: malformed JSON: %s", path, e.line, e.text);
    return 0;
}

/* campaign.json: an object; its targets, when listed, come first.
 * Returns 0, or -1 (said). */
static int load_campaign(struct campdir *c)
{
    json_t *targets, *v;
    size_t i;

    if (load_json(c, "campaign.json", &c->campaign) < 0)
        return -1;
    if (!json_is_object(c->campaign))
        return fail(c, "%s/campaign.json: not a JSON object", c->dir);
    targets = json_object_get(c->campaign, "targets");
    if (targets && !json_is_array(targets))
        return fail(c, "%s/campaign.json: \"targets\" is not an array", c->dir);
    json_array_foreach(targets, i, v) {
        if (!json_is_string(v))
            return fail(c, "%s/campaign.json: \"targets\"[%zu] is not a string", c->dir, i);
        if (target_index(c, json_string_value(v), "campaign.json") < 0)
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
static int parse_header(struct campdir *c, char *line, int *col, const char *path)
{
    char *field[MAX_FIELDS];
    int n = split_tabs(line, field), k, i;

    for (k = 0; k < NCOLS; k++) {
        col[k] = -1;
        for (i = 0; i < n; i++)
            if (!strcmp(field[i], col_names[k]))
                col[k] = i;
        if (col[k] < 0)
            return fail(c, "%s:1: the header has no '%s' column (want: elapsed_s target execs"
                        " execs_per_s coverage corpus findings, tab-separated)",
                        path, col_names[k]);
    }
    return 0;
}

/* Reads field s of column k as a number >= 0 into *v. Returns 0, or -1
 * (said). */
static int parse_number(struct campdir *c, const char *s, double *v, const char *path,
                        long line, int k)
{
    char *end;

    errno = 0;
    *v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno || !(*v >= 0) || *v > 1e18)
        return fail(c, "%s:%ld: %s '%.40s' is not a number >= 0", path, line, col_names[k], s);
    return 0;
}

/* Adds sample x to target t, keeping t's samples in time order. Returns
 * 0, or -1 (said). */
static int add_sample(struct campdir *c, struct campdir_target *t,
                      const struct campdir_sample *x)
{
    size_t i;

    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct campdir_sample *s = realloc(t->s, cap * sizeof *s);

        if (s == NULL)
            return fail(c, "out of memory");
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
static int parse_progress_line(struct campdir *c, char *line, const int *col, const char *path,
                               long lineno)
{
    char *field[MAX_FIELDS], where[4200];
    double v[NCOLS];
    struct campdir_sample x;
    int n = split_tabs(line, field), k;
    long ti;

    for (k = 0; k < NCOLS; k++) {
        if (col[k] >= n)
            return fail(c, "%s:%ld: %d fields, the header has more", path, lineno, n);
        if (k != COL_TARGET && parse_number(c, field[col[k]], &v[k], path, lineno, k) < 0)
            return -1;
    }
    snprintf(where, sizeof where, "%s:%ld", path, lineno);
    ti = target_index(c, field[col[COL_TARGET]], where);
    if (ti < 0)
        return -1;
    x.t = v[COL_ELAPSED];
    x.execs = v[COL_EXECS];
    x.eps = v[COL_EPS];
    x.cov = v[COL_COV];
    x.corpus = v[COL_CORPUS];
    x.findings = v[COL_FINDINGS];
    if (x.t > c->end)
        c->end = x.t;
    return add_sample(c, &c->t[ti], &x);
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
static int set_dt(struct campdir *c)
{
    size_t n = 0, i, k, lo, hi;
    double *all;

    for (i = 0; i < c->nt; i++)
        n += c->t[i].n;
    all = malloc((n + 1) * sizeof *all);
    if (all == NULL)
        return fail(c, "out of memory");
    for (n = 0, i = 0; i < c->nt; i++)
        for (k = 0; k < c->t[i].n; k++)
            all[n++] = c->t[i].s[k].t;
    qsort(all, n, sizeof *all, by_double);
    for (i = 0; i < c->nt; i++) {
        for (k = 0; k < c->t[i].n; k++) {
            struct campdir_sample *x = &c->t[i].s[k];

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
static int load_progress(struct campdir *c)
{
    char path[4096], *text, *line, *next, *end;
    size_t len;
    long lineno = 0;
    int col[NCOLS], rc = 0;

    in_dir(c, "progress.tsv", path, sizeof path);
    if (file_read(path, 0, &text, &len) < 0)
        return fail(c, "%s: %s (is %s a campaign directory? docs/CAMPAIGNS.md)", path,
                    strerror(errno), c->dir);
    end = text + len;
    for (line = text; rc == 0 && line < end; line = next) {
        char *nl = memchr(line, '\n', (size_t)(end - line));

        next = nl ? nl + 1 : end;
        if (nl)
            *nl = '\0';
        if (++lineno == 1)
            rc = parse_header(c, line, col, path);
        else if (line[strspn(line, " \t\r\n")] != '\0')
            rc = parse_progress_line(c, line, col, path, lineno);
    }
    if (rc == 0 && lineno == 0)
        rc = fail(c, "%s: empty (want at least its header line)", path);
    free(text);
    return rc == 0 ? set_dt(c) : rc;
}

/* ---- findings.json ---- */

/* Reads member key of finding i as a string into *out: "" when absent or
 * null and not required (the campaign writes null for what a flaky crash
 * does not have). Returns 0, or -1 (said). */
static int get_string(struct campdir *c, json_t *o, size_t i, const char *key, int required,
                      const char **out)
{
    json_t *v = json_object_get(o, key);

    *out = "";
    if ((v == NULL || json_is_null(v)) && !required)
        return 0;
    if (!json_is_string(v))
        return fail(c, "%s/findings.json: finding %zu: \"%s\" %s", c->dir, i + 1, key,
                    v ? "is not a string" : "is missing");
    *out = json_string_value(v);
    return 0;
}

/* Finds and reads the program file finding f (number i) names: relative
 * names are taken in DIR first (the layout's
 * findings/<target>/NNN-<rule>.ufp), then as they are. Returns 0 (also
 * when none is named), or -1 (said). */
static int read_program(struct campdir *c, struct campdir_finding *f, size_t i)
{
    char path[4096];
    size_t n;

    if (f->program[0] == '\0')
        return 0;
    if (f->program[0] == '/' || !dir_is_file(in_dir(c, f->program, path, sizeof path)))
        snprintf(path, sizeof path, "%s", f->program);
    if (!dir_is_file(path))
        return fail(c, "%s/findings.json: finding %zu (%s): its program '%s' is neither in %s"
                    " nor in the current directory", c->dir, i + 1, f->signature, f->program,
                    c->dir);
    f->path = strdup(path);
    if (f->path == NULL)
        return fail(c, "out of memory");
    if (file_read(path, PROGRAM_MAX, &f->text, &n) < 0) {
        f->text = NULL;
        return fail(c, "%s: %s", path, errno == EFBIG ? "over 1 MiB: not a program"
                                       : errno == ENOMEM ? "out of memory" : strerror(errno));
    }
    if (!text_valid(f->text, n)) {
        free(f->text); /* a crash input in the binary form: named, not shown */
        f->text = NULL;
    }
    return 0;
}

/* Reads the optional numbers and flags of finding i. Returns 0, or -1
 * (said). */
static int get_counts(struct campdir *c, json_t *o, size_t i, struct campdir_finding *f)
{
    json_t *v = json_object_get(o, "first_seen_s");

    /* null: the campaign could not tell when (its crash file is gone) */
    f->first_seen = -1;
    if (json_is_number(v) && json_number_value(v) >= 0)
        f->first_seen = json_number_value(v);
    else if (v != NULL && !json_is_null(v))
        return fail(c, "%s/findings.json: finding %zu: \"first_seen_s\" is not a number >= 0",
                    c->dir, i + 1);
    v = json_object_get(o, "inputs");
    f->inputs = -1;
    if (json_is_integer(v))
        f->inputs = (long)json_integer_value(v);
    else if (json_is_array(v))
        f->inputs = (long)json_array_size(v);
    else if (v != NULL)
        return fail(c, "%s/findings.json: finding %zu: \"inputs\" is neither a count nor a list",
                    c->dir, i + 1);
    v = json_object_get(o, "flaky");
    if (v != NULL && !json_is_boolean(v))
        return fail(c, "%s/findings.json: finding %zu: \"flaky\" is not true or false", c->dir,
                    i + 1);
    f->flaky = json_is_true(v);
    return 0;
}

/* Reads finding i of findings.json. Returns 0, or -1 (said). */
static int load_finding(struct campdir *c, json_t *o, size_t i)
{
    struct campdir_finding *f = &c->f[i];
    char where[4200];
    long ti;

    f->obj = o;
    if (!json_is_object(o))
        return fail(c, "%s/findings.json: finding %zu is not an object", c->dir, i + 1);
    if (get_string(c, o, i, "target", 1, &f->target) < 0 ||
        get_string(c, o, i, "signature", 0, &f->signature) < 0 ||
        get_string(c, o, i, "rule", 0, &f->rule) < 0 ||
        get_string(c, o, i, "severity", 0, &f->severity) < 0 ||
        get_string(c, o, i, "reproduce", 0, &f->reproduce) < 0 ||
        get_string(c, o, i, "program", 0, &f->program) < 0 || get_counts(c, o, i, f) < 0)
        return -1;
    /* a flaky crash has no one signature; any other finding is one */
    if (!f->flaky && (!f->rule[0] || !f->signature[0]))
        return fail(c, "%s/findings.json: finding %zu: \"%s\" is missing (only a flaky"
                    " finding may go without)", c->dir, i + 1,
                    f->rule[0] ? "signature" : "rule");
    if (!f->severity[0] && f->rule[0] && model_rule_lookup(f->rule) < RULE__COUNT)
        f->severity = model_severity_name(model_rule_severity(model_rule_lookup(f->rule)));
    snprintf(where, sizeof where, "%s/findings.json: finding %zu", c->dir, i + 1);
    ti = target_index(c, f->target, where);
    if (ti < 0)
        return -1;
    f->ti = (size_t)ti;
    c->t[ti].nfind++;
    c->t[ti].nflaky += (unsigned)f->flaky;
    if (f->first_seen > c->end)
        c->end = f->first_seen;
    return read_program(c, f, i);
}

/* findings.json: an array of findings, maybe empty. Returns 0, or -1
 * (said). */
static int load_findings(struct campdir *c)
{
    size_t i;

    if (load_json(c, "findings.json", &c->findings) < 0)
        return -1;
    if (!json_is_array(c->findings))
        return fail(c, "%s/findings.json: not a JSON array", c->dir);
    c->nf = json_array_size(c->findings);
    c->f = calloc(c->nf ? c->nf : 1, sizeof *c->f);
    if (c->f == NULL)
        return fail(c, "out of memory");
    for (i = 0; i < c->nf; i++)
        if (load_finding(c, json_array_get(c->findings, i), i) < 0)
            return -1;
    return 0;
}

/* ---- coverage/: what scripts/coverage.sh left, when it ran ---- */

/* Adds one file's summary (llvm-cov export -summary-only) to area a. */
static void cov_add(struct campdir_coverage *a, json_t *summary)
{
    int m;

    for (m = 0; m < 3; m++) {
        json_t *s = json_object_get(summary, campdir_cov_metrics[m]);

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

/* coverage/summary.json, when there: per-file sums for model/ and
 * drivers/. Returns 0, or -1 (said) when it is there and malformed. */
static int load_coverage(struct campdir *c)
{
    char path[4096];
    json_t *j, *files, *file;
    size_t i;
    int area;

    c->cov[0].name = "model/";
    c->cov[1].name = "drivers/";
    c->cov[2].name = "all";
    c->cov_html = dir_is_file(in_dir(c, "coverage/index.html", path, sizeof path));
    if (!dir_is_file(in_dir(c, "coverage/summary.json", path, sizeof path)))
        return 0;
    if (load_json(c, "coverage/summary.json", &j) < 0)
        return -1;
    files = json_object_get(json_array_get(json_object_get(j, "data"), 0), "files");
    if (!json_is_array(files)) {
        json_decref(j);
        return fail(c, "%s: no data[0].files (want the output of llvm-cov export"
                    " -summary-only)", path);
    }
    json_array_foreach(files, i, file) {
        const char *name = json_string_value(json_object_get(file, "filename"));
        json_t *summary = json_object_get(file, "summary");

        if (name == NULL)
            continue;
        area = source_area(name);
        if (area >= 0)
            cov_add(&c->cov[area], summary);
        cov_add(&c->cov[2], summary);
    }
    json_decref(j);
    c->have_cov = 1;
    return 0;
}

/* ---- the whole directory ---- */

/* Each target's gaps.txt (the campaign's <target>_replay --gaps): its
 * lines after the first, each "  violation ddi-not-modelled ... (N
 * programs)", kept without their indent. Missing is none. */
static void load_gaps(struct campdir *c)
{
    size_t i;

    for (i = 0; i < c->nt; i++) {
        char path[4096], *text = NULL, *line, *save = NULL;
        struct buf b = BUF_INIT(0);

        snprintf(path, sizeof path, "%s/%s/gaps.txt", c->dir, c->t[i].name);
        if (file_read(path, 1 << 20, &text, NULL) < 0)
            continue;
        for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
            if (strncmp(line, "  ", 2) == 0)
                buf_printf(&b, "%s\n", line + 2);
        free(text);
        c->t[i].gaps = buf_failed(&b) ? NULL : buf_take(&b);
        buf_free(&b);
    }
}

/* Reads the campaign (campdir.h). Returns 0, or -1 with err written. */
int campdir_load(struct campdir *c, const char *dir, char *err, size_t errn)
{
    memset(c, 0, sizeof *c);
    c->dir = dir;
    c->err = err;
    c->errn = errn;
    if (errn)
        err[0] = '\0';
    if (load_campaign(c) < 0 || load_progress(c) < 0 || load_findings(c) < 0 ||
        load_coverage(c) < 0)
        return -1;
    load_gaps(c);
    return 0;
}

/* Frees what c holds. */
void campdir_free(struct campdir *c)
{
    size_t i;

    for (i = 0; i < c->nt; i++) {
        free(c->t[i].s);
        free(c->t[i].gaps);
    }
    for (i = 0; i < c->nf && c->f; i++) {
        free(c->f[i].path);
        free(c->f[i].text);
    }
    free(c->t);
    free(c->f);
    json_decref(c->campaign);
    json_decref(c->findings);
    memset(c, 0, sizeof *c);
}

/* campaign.json's member key as text. Returns buf. */
const char *campdir_field(const struct campdir *c, const char *key, char *buf, size_t n)
{
    json_t *v = json_object_get(c->campaign, key);

    buf[0] = '\0';
    if (json_is_string(v))
        snprintf(buf, n, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, n, "%g", json_real_value(v));
    return buf;
}

/* The sessions campaign.json lists. */
size_t campdir_sessions(const struct campdir *c)
{
    return json_array_size(json_object_get(c->campaign, "sessions"));
}
