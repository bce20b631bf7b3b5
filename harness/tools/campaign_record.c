/*
 * campaign_record.c - campaign.json, progress.tsv and findings.json of a
 * campaign directory (campaign_record.h).
 *
 * campaign.json is read and written with jansson, its members kept in
 * the order they were first written, so a resumed campaign's record reads
 * as the first session left it with one more session at the end.
 * findings.json is built from the triage.json files that `unloadfuzz
 * triage` wrote (harness/tools/triage.c) and written by the one writer of
 * findings.json, reports/findings.c, with the catalogue's severity of each
 * rule.
 */
#include "campaign_record.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "dir.h"
#include "file.h"
#include "model.h"

/* The path DIR/name into buf (n bytes). Returns buf, or NULL when it does
 * not fit. */
static char *path_in(char *buf, size_t n, const char *dir, const char *name)
{
    return (size_t)snprintf(buf, n, "%s/%s", dir, name) < n ? buf : NULL;
}

/* Whether DIR holds a campaign (campaign_record.h). */
int record_resumes(const char *dir)
{
    char path[PATH_MAX];

    return path_in(path, sizeof path, dir, "campaign.json") && dir_is_file(path);
}

/* A JSON array of the n strings of v, or NULL when out of memory. */
static json_t *string_array(char *const *v, size_t n)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_string(v[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Reads DIR/campaign.json at `path`, or makes a new record started at
 * `started`. Returns it (to json_decref), or NULL after saying why. */
static json_t *load_record(const char *path, const char *started)
{
    json_error_t err;
    json_t *c;

    if (!dir_is_file(path))
        return json_pack("{s:s,s:[]}", "started", started, "sessions");
    c = json_load_file(path, 0, &err);
    if (c == NULL) {
        fprintf(stderr, "unloadfuzz fuzz: %s:%d: %s\n", path, err.line, err.text);
        return NULL;
    }
    if (!json_is_object(c) || !json_is_string(json_object_get(c, "started")) ||
        !json_is_array(json_object_get(c, "sessions"))) {
        fprintf(stderr, "unloadfuzz fuzz: %s: not a campaign record (no \"started\" or"
                        " \"sessions\")\n", path);
        json_decref(c);
        return NULL;
    }
    return c;
}

/* Adds session s to campaign.json (campaign_record.h). Returns 0 or -1. */
int record_session(const char *dir, const struct record_session *s, char *started, size_t n)
{
    char path[PATH_MAX];
    json_t *c, *session;
    char *text = NULL;
    int rc = -1;

    if (!path_in(path, sizeof path, dir, "campaign.json")) {
        fprintf(stderr, "unloadfuzz fuzz: %s: path too long\n", dir);
        return -1;
    }
    c = load_record(path, s->started);
    if (c == NULL)
        return -1;
    session = json_pack("{s:s,s:I,s:I,s:o,s:o}", "started", s->started, "time_s",
                        (json_int_t)s->time_s, "seed", (json_int_t)s->seed, "inject",
                        *s->inject ? json_string(s->inject) : json_null(), "targets",
                        string_array(s->targets, s->ntargets));
    if (session == NULL ||
        json_object_set_new(c, "targets", string_array(s->targets, s->ntargets)) != 0 ||
        json_object_set_new(c, "engine", json_string(s->engine)) != 0 ||
        json_object_set_new(c, "jobs", json_integer(s->jobs)) != 0 ||
        json_array_append_new(json_object_get(c, "sessions"), session) != 0)
        goto out_nomem;
    text = json_dumps(c, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    if (text == NULL)
        goto out_nomem;
    if (file_write(path, text, strlen(text), FILE_REPLACE) != 0) {
        fprintf(stderr, "unloadfuzz fuzz: cannot write %s: %s\n", path, strerror(errno));
        goto out_free_record;
    }
    snprintf(started, n, "%s", json_string_value(json_object_get(c, "started")));
    rc = 0;
    goto out_free_record;
out_nomem:
    fprintf(stderr, "unloadfuzz fuzz: out of memory\n");
out_free_record:
    free(text);
    json_decref(c);
    return rc;
}

/* Opens DIR/progress.tsv with fopen() mode `mode`. Returns the stream, or
 * NULL with errno set. */
static FILE *open_progress(const char *dir, const char *mode)
{
    char path[PATH_MAX];

    if (!path_in(path, sizeof path, dir, "progress.tsv")) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    return fopen(path, mode);
}

/* Starts progress.tsv with its header (campaign_record.h). Returns 0 or -1. */
int record_progress_start(const char *dir)
{
    FILE *f = open_progress(dir, "w");

    if (f == NULL)
        return -1;
    fputs("elapsed_s\ttarget\texecs\texecs_per_s\tcoverage\tcorpus\tfindings\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

/* The first field of progress.tsv's last line (campaign_record.h), 0 when
 * it is not a number. */
long long record_progress_done(const char *dir)
{
    char path[PATH_MAX], *text, *line, *end;
    size_t len;
    long long v = 0;

    if (!path_in(path, sizeof path, dir, "progress.tsv") || file_read(path, 0, &text, &len) < 0)
        return 0;
    if (len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
    line = strrchr(text, '\n');
    line = line ? line + 1 : text;
    end = line + strspn(line, "0123456789");
    if (end > line && (*end == '\t' || *end == '\0'))
        v = strtoll(line, NULL, 10);
    free(text);
    return v;
}

/* Appends a line to progress.tsv (campaign_record.h). Returns 0 or -1. */
int record_progress(const char *dir, const struct record_progress *p)
{
    FILE *f = open_progress(dir, "a");

    if (f == NULL)
        return -1;
    fprintf(f, "%lld\t%s\t%llu\t%llu\t%llu\t%llu\t%u\n", p->elapsed_s, p->target, p->execs,
            p->eps, p->cov, p->corpus, p->findings);
    return fclose(f) == 0 ? 0 : -1;
}

/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* Seconds since the epoch of an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ",
 * or -1 when `iso` is not one. */
static double epoch_of(const char *iso)
{
    int y, mo, d, h, mi, s, used = -1;

    if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 ||
        used != (int)strlen(iso) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    return (double)(days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s);
}

/* A malloc'd copy of s (NULL for NULL); *oom is set when out of memory. */
static char *copy(const char *s, int *oom)
{
    char *c;

    if (s == NULL)
        return NULL;
    c = strdup(s);
    if (c == NULL)
        *oom = 1;
    return c;
}

/* A new entry at the end of f, zeroed. Returns it, or NULL when out of
 * memory. */
static struct record_finding *add_entry(struct record_findings *f)
{
    struct record_finding *v = realloc(f->v, (f->n + 1) * sizeof *v);

    if (v == NULL)
        return NULL;
    f->v = v;
    memset(&v[f->n], 0, sizeof v[f->n]);
    return &v[f->n++];
}

/* Adds signature s of target's triage.json to f: its first input's time
 * after t0 (< 0: unknown), the catalogue's severity, the command that
 * reproduces it (with the --inject the triage ran under, inject; NULL for
 * none). Returns 0, 1 when s is malformed, -1 out of memory. */
static int add_signature(struct record_findings *f, const char *target, const char *inject,
                         json_t *s, double t0)
{
    const char *sig, *rule, *first, *program;
    json_int_t inputs, ops;
    struct record_finding *e;
    enum model_rule r;
    struct stat st;
    struct buf b = BUF_INIT(0);
    int oom = 0;
    char *cmd;

    if (json_unpack(s, "{s:s,s:s,s:I,s:s,s:I,s:s}", "signature", &sig, "rule", &rule, "inputs",
                    &inputs, "first", &first, "ops_after", &ops, "program", &program) != 0)
        return 1;
    buf_puts(&b, "unloadfuzz repro ");
    if (strcmp(target, "api"))
        buf_printf(&b, "--target %s ", target);
    if (inject)
        buf_printf(&b, "--inject=%s ", inject);
    buf_puts(&b, program);
    cmd = buf_failed(&b) ? NULL : buf_take(&b);
    buf_free(&b);
    e = cmd ? add_entry(f) : NULL;
    if (e == NULL) {
        free(cmd);
        return -1;
    }
    e->reproduce = cmd;
    e->target = copy(target, &oom);
    e->signature = copy(sig, &oom);
    e->rule = copy(rule, &oom);
    e->program = copy(program, &oom);
    r = model_rule_lookup(rule);
    e->e.severity = r < RULE__COUNT ? model_severity_name(model_rule_severity(r)) : NULL;
    e->e.first_seen_s = -1;
    if (t0 >= 0 && stat(first, &st) == 0)
        e->e.first_seen_s = (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9 - t0;
    e->e.inputs = (long)inputs;
    e->e.with_ops = 1;
    e->e.ops = (long)ops;
    f->distinct++;
    return oom ? -1 : 0;
}

/* Adds flaky crash `path` of target to f: no signature, rule, time or
 * command. Returns 0, or -1 when out of memory. */
static int add_flaky(struct record_findings *f, const char *target, const char *path)
{
    struct record_finding *e = add_entry(f);
    int oom = 0;

    if (e == NULL)
        return -1;
    e->target = copy(target, &oom);
    e->program = copy(path, &oom);
    e->e.first_seen_s = -1;
    e->e.inputs = 1;
    e->e.with_ops = 1;
    e->e.ops = -1;
    e->e.flaky = 1;
    return oom ? -1 : 0;
}

/* Adds what DIR/findings/<target>/triage.json lists to f, saying why when
 * it cannot be read. Returns 0, or -1 when out of memory. */
static int add_triage(struct record_findings *f, const char *findings, const char *target,
                      double t0)
{
    char path[PATH_MAX];
    json_error_t err;
    json_t *tr, *sigs, *flaky, *v;
    const char *inject;
    size_t i;
    int rc = 0;

    if ((size_t)snprintf(path, sizeof path, "%s/%s/triage.json", findings, target) >=
            sizeof path ||
        !dir_exists(path))
        return 0;
    tr = json_load_file(path, 0, &err);
    sigs = json_object_get(tr, "signatures");
    flaky = json_object_get(tr, "flaky");
    if (!json_is_array(sigs) || !json_is_array(flaky)) {
        fprintf(stderr, "unloadfuzz fuzz: %s: %s; its findings are left out\n", path,
                tr ? "not triage's output" : err.text);
        json_decref(tr);
        return 0;
    }
    inject = json_string_value(json_object_get(tr, "inject"));
    json_array_foreach(sigs, i, v) {
        int k = add_signature(f, target, inject, v, t0);

        if (k < 0)
            rc = -1;
        else if (k > 0)
            fprintf(stderr, "unloadfuzz fuzz: %s: signature %zu is malformed; left out\n", path,
                    i + 1);
    }
    json_array_foreach(flaky, i, v)
        if (json_is_string(v) && add_flaky(f, target, json_string_value(v)) < 0)
            rc = -1;
    json_decref(tr);
    return rc;
}

/* Reads the triage.json files and writes findings.json (campaign_record.h).
 * Returns 0 or -1. */
int record_findings(const char *dir, const char *started, struct record_findings *f)
{
    char findings[PATH_MAX], path[PATH_MAX];
    struct findings_entry *v = NULL;
    double t0 = epoch_of(started);
    struct names targets = {NULL, 0};
    size_t i;
    int rc = -1;

    memset(f, 0, sizeof *f);
    if (!path_in(findings, sizeof findings, dir, "findings") ||
        !path_in(path, sizeof path, dir, "findings.json")) {
        fprintf(stderr, "unloadfuzz fuzz: %s: path too long\n", dir);
        return -1;
    }
    if (dir_is_dir(findings) && dir_list(findings, NULL, DIR_DIRS, &targets) < 0) {
        fprintf(stderr, "unloadfuzz fuzz: cannot read %s: %s\n", findings, strerror(errno));
        return -1;
    }
    for (i = 0; i < targets.n; i++)
        if (add_triage(f, findings, targets.v[i], t0) < 0)
            goto out_nomem;
    v = calloc(f->n ? f->n : 1, sizeof *v);
    if (v == NULL)
        goto out_nomem;
    for (i = 0; i < f->n; i++) {
        struct record_finding *e = &f->v[i];

        e->e.target = e->target;
        e->e.signature = e->signature;
        e->e.rule = e->rule;
        e->e.program = e->program;
        e->e.reproduce = e->reproduce;
        v[i] = e->e;
    }
    if (findings_write(path, v, f->n) != 0) {
        fprintf(stderr, "unloadfuzz fuzz: cannot write %s: %s\n", path, strerror(errno));
        goto out_free_list;
    }
    rc = 0;
    goto out_free_list;
out_nomem:
    fprintf(stderr, "unloadfuzz fuzz: out of memory\n");
out_free_list:
    free(v);
    names_free(&targets);
    return rc;
}

/* Frees what record_findings() filled in (campaign_record.h). */
void record_findings_free(struct record_findings *f)
{
    size_t i;

    for (i = 0; i < f->n; i++) {
        free(f->v[i].target);
        free(f->v[i].signature);
        free(f->v[i].rule);
        free(f->v[i].program);
        free(f->v[i].reproduce);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}
