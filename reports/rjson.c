/*
 * rjson.c - report.json (rjson.h).
 */
#include "rjson.h"

#include <jansson.h>
#include <string.h>

#include "text.h"

/* report.json's "summary": the campaign in figures. */
static json_t *rjson_summary(const struct tally *ty)
{
    const struct campdir *c = ty->c;

    return json_pack("{s:I,s:f,s:I,s:f,s:I,s:I,s:I,s:I}", "targets", (json_int_t)c->nt,
                     "time_s", c->end, "executions", (json_int_t)ty->execs, "execs_per_s",
                     ty->eps, "findings", (json_int_t)c->nf, "flaky", (json_int_t)ty->flaky,
                     "rules", (json_int_t)ty->nrules, "sessions",
                     (json_int_t)campdir_sessions(c));
}

/* report.json's "targets": one object per target, as the table shows it. */
static json_t *rjson_targets(const struct tally *ty)
{
    const struct campdir *c = ty->c;
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < c->nt; i++) {
        const struct tally_target *st = &ty->targets[i];
        json_t *gaps = json_array(), *o;
        const char *p = c->t[i].gaps;

        while (p && *p) {
            size_t n = strcspn(p, "\n");
            char *line = strndup(p, n);

            json_array_append_new(gaps, text_json(line));
            free(line);
            p += n + (p[n] == '\n');
        }
        json_array_append_new(
            a, o = json_pack("{s:o,s:f,s:I,s:f,s:f,s:I,s:I,s:I,s:I,s:I}", "target", text_json(c->t[i].name),
                         "time_s", st->time, "executions", (json_int_t)st->execs, "execs_per_s",
                         st->eps, "mean_execs_per_s", st->mean, "coverage", (json_int_t)st->cov,
                         "corpus", (json_int_t)st->corpus, "findings", (json_int_t)c->t[i].nfind,
                         "flaky", (json_int_t)c->t[i].nflaky, "samples", (json_int_t)c->t[i].n));
        json_object_set_new(o, "not_modelled", gaps);
    }
    return a;
}

/* report.json's "rules": one object per rule found, as the table shows it. */
static json_t *rjson_rules(const struct tally *ty)
{
    json_t *a = json_array(), *ts;
    size_t i, t;

    for (i = 0; i < ty->nrules; i++) {
        const struct tally_rule *row = &ty->rules[i];

        ts = json_array();
        for (t = 0; t < ty->c->nt; t++)
            if (tally_has_rule(ty, t, row->rule))
                json_array_append_new(ts, text_json(ty->c->t[t].name));
        json_array_append_new(a, json_pack("{s:s,s:s,s:I,s:I,s:o,s:o}", "rule", row->rule,
                                           "severity", row->severity, "findings",
                                           (json_int_t)row->n, "flaky", (json_int_t)row->nflaky,
                                           "targets", ts, "first_seen_s",
                                           row->first >= 0 ? json_real(row->first)
                                                           : json_null()));
    }
    return a;
}

/* Each finding as findings.json has it, with the program file found and
 * its text. */
static json_t *rjson_findings(const struct campdir *c)
{
    json_t *a = json_array(), *o;
    size_t i;

    for (i = 0; i < c->nf; i++) {
        const struct campdir_finding *f = &c->f[i];

        o = json_deep_copy(f->obj);
        if (f->severity[0]) /* the catalogue's, when findings.json has none */
            json_object_set_new(o, "severity", json_string(f->severity));
        json_object_set_new(o, "program_file", f->path ? text_json(f->path) : json_null());
        json_object_set_new(o, "program_text", f->text ? json_stringn(f->text, strlen(f->text))
                                                       : json_null());
        json_array_append_new(a, o);
    }
    return a;
}

/* The source coverage summary, or null when scripts/coverage.sh has not run. */
static json_t *rjson_coverage(const struct campdir *c)
{
    json_t *o, *area;
    int a, m;

    if (!c->have_cov && !c->cov_html)
        return json_null();
    o = json_object();
    json_object_set_new(o, "report", c->cov_html ? json_string("coverage/index.html")
                                                 : json_null());
    for (a = 0; c->have_cov && a < 3; a++) {
        area = json_object();
        for (m = 0; m < 3; m++)
            json_object_set_new(area, campdir_cov_metrics[m],
                                json_pack("{s:I,s:I}", "count", (json_int_t)c->cov[a].count[m],
                                          "covered", (json_int_t)c->cov[a].covered[m]));
        json_object_set_new(o, c->cov[a].name, area);
    }
    return o;
}

/* The text of report.json. Returns it, or NULL. */
char *rjson_text(const struct tally *ty)
{
    json_t *o = json_object();
    char *text;

    if (o == NULL)
        return NULL;
    json_object_set(o, "campaign", ty->c->campaign);
    json_object_set_new(o, "summary", rjson_summary(ty));
    json_object_set_new(o, "targets", rjson_targets(ty));
    json_object_set_new(o, "rules", rjson_rules(ty));
    json_object_set_new(o, "findings", rjson_findings(ty->c));
    json_object_set_new(o, "source_coverage", rjson_coverage(ty->c));
    text = json_dumps(o, JSON_INDENT(2));
    json_decref(o);
    return text;
}
