/*
 * views.c - the tables and the summary report.md and report.html share
 * (views.h).
 */
#include "views.h"

#include <stdio.h>
#include <string.h>

#include "human.h"
#include "plot.h"

/* Sets cell c to a count. */
static void cell_count(struct table_cell *c, double v)
{
    c->text = human_count(v, c->room, sizeof c->room);
}

/* Sets cell c to a duration. */
static void cell_time(struct table_cell *c, double secs)
{
    c->text = human_time(secs, c->room, sizeof c->room);
}

/* Sets cell c to a rate. */
static void cell_rate(struct table_cell *c, double v)
{
    c->text = human_rate(v, c->room, sizeof c->room);
}

/* Sets cell c to an unsigned number as it is. */
static void cell_unsigned(struct table_cell *c, unsigned v)
{
    snprintf(c->room, sizeof c->room, "%u", v);
    c->text = c->room;
}

static const struct table_column target_columns[] = {
    {"target", TABLE_NAME},          {"time", TABLE_NUMBER},
    {"executions", TABLE_NUMBER},    {"exec/s (last)", TABLE_NUMBER},
    {"exec/s (mean)", TABLE_NUMBER}, {"coverage", TABLE_NUMBER},
    {"corpus", TABLE_NUMBER},        {"findings", TABLE_NUMBER},
    {"flaky", TABLE_NUMBER},
};

/* Row r of the per-target table: target r. */
static void target_row(const void *ctx, size_t r, struct table_cell *c)
{
    const struct tally *ty = ctx;
    const struct campdir_target *t = &ty->c->t[r];
    const struct tally_target *st = &ty->targets[r];

    c[0].text = t->name;
    c[0].swatch = plot_color(r);
    cell_time(&c[1], st->time);
    cell_count(&c[2], st->execs);
    cell_rate(&c[3], st->eps);
    cell_rate(&c[4], st->mean);
    cell_count(&c[5], st->cov);
    cell_count(&c[6], st->corpus);
    cell_unsigned(&c[7], t->nfind);
    cell_unsigned(&c[8], t->nflaky);
}

/* The per-target table. */
void view_targets(const struct tally *ty, struct table *t)
{
    *t = (struct table){target_columns, 9, ty->c->nt, target_row, ty, NULL, 1};
}

static const struct table_column rule_columns[] = {
    {"rule", TABLE_CODE},       {"severity", TABLE_TEXT}, {"findings", TABLE_NUMBER},
    {"flaky", TABLE_NUMBER},    {"targets", TABLE_TEXT},  {"first seen", TABLE_NUMBER},
};

/* "a, b" in buf: the targets with findings of rule. Returns buf. */
static const char *rule_targets(const struct tally *ty, const char *rule, char *buf, size_t n)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < ty->c->nt && len < n; i++)
        if (tally_has_rule(ty, i, rule))
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
                                    ty->c->t[i].name);
    return buf;
}

/* Row r of the per-rule table: the r-th rule by id. */
static void rule_row(const void *ctx, size_t r, struct table_cell *c)
{
    const struct tally *ty = ctx;
    const struct tally_rule *row = &ty->rules[r];

    c[0].text = row->rule;
    c[1].text = row->severity;
    cell_unsigned(&c[2], row->n);
    cell_unsigned(&c[3], row->nflaky);
    c[4].text = rule_targets(ty, row->rule, c[4].room, sizeof c[4].room);
    cell_time(&c[5], row->first);
}

/* The per-rule table. */
void view_rules(const struct tally *ty, struct table *t)
{
    *t = (struct table){rule_columns, 6, ty->nrules, rule_row, ty, NULL, 1};
}

static const struct table_column coverage_columns[] = {
    {"sources", TABLE_NAME},    {"lines", TABLE_NUMBER},
    {"functions", TABLE_NUMBER}, {"regions", TABLE_NUMBER},
};

/* Row r of the coverage table: area r, "c of n (p %)" for each metric. */
static void coverage_row(const void *ctx, size_t r, struct table_cell *c)
{
    const struct campdir_coverage *a = &((const struct tally *)ctx)->c->cov[r];
    char covered[32], count[32];
    int m;

    c[0].text = a->name;
    for (m = 0; m < 3; m++) {
        if (a->count[m] <= 0)
            snprintf(c[m + 1].room, sizeof c[m + 1].room, "none");
        else
            snprintf(c[m + 1].room, sizeof c[m + 1].room, "%s of %s (%.1f %%)",
                     human_count(a->covered[m], covered, sizeof covered),
                     human_count(a->count[m], count, sizeof count),
                     100.0 * a->covered[m] / a->count[m]);
        c[m + 1].text = c[m + 1].room;
    }
}

/* The source coverage table. */
void view_coverage(const struct tally *ty, struct table *t)
{
    *t = (struct table){coverage_columns, 4, 3, coverage_row, ty, NULL, 0};
}

#define STARTED_MAX 64 /* campaign.json's "started", as much as is shown */

static const struct table_column summary_columns[] = {
    {NULL, TABLE_HEADING},
    {NULL, TABLE_NUMBER},
};
static const char *const summary_headings[] = {
    "targets", "time", "executions", "exec/s", "findings", "flaky", "started",
};

/* Row r of the summary table: one figure of the campaign; the last, when
 * campaign.json says when it started, that. */
static void summary_row(const void *ctx, size_t r, struct table_cell *c)
{
    const struct tally *ty = ctx;

    c[0].text = summary_headings[r];
    switch (r) {
    case 0: cell_count(&c[1], (double)ty->c->nt); break;
    case 1: cell_time(&c[1], ty->c->end); break;
    case 2: cell_count(&c[1], ty->execs); break;
    case 3: cell_rate(&c[1], ty->eps); break;
    case 4: cell_count(&c[1], (double)ty->c->nf); break;
    case 5: cell_count(&c[1], ty->flaky); break;
    default:
        c[1].text = campdir_field(ty->c, "started", c[1].room, STARTED_MAX);
        c[1].kind = TABLE_TEXT;
    }
}

/* The summary table: six figures, and when the campaign started. */
void view_summary(const struct tally *ty, struct table *t)
{
    char started[STARTED_MAX];

    *t = (struct table){summary_columns, 2, 6, summary_row, ty, "summary", 0};
    if (campdir_field(ty->c, "started", started, sizeof started)[0])
        t->nrow = 7;
}

/* Appends the per-target and per-rule sections. */
void view_tables(struct buf *b, const struct table_format *f, const struct tally *ty)
{
    struct table t;

    view_targets(ty, &t);
    table_section(b, f, "targets", "Per target", &t, NULL);
    view_rules(ty, &t);
    table_section(b, f, "rules", "Per rule", &t, "No rule was broken.");
}

/* Appends the summary line. */
void view_summary_line(struct buf *b, const struct tally *ty)
{
    const struct campdir *c = ty->c;
    char t[32], e[32], r[32], engine[64], jobs[32], parts[192] = "";
    size_t ns = campdir_sessions(c);
    int len = 0;

    campdir_field(c, "engine", engine, sizeof engine);
    campdir_field(c, "jobs", jobs, sizeof jobs);
    if (engine[0])
        len += snprintf(parts + len, sizeof parts - (size_t)len, "%s", engine);
    if (jobs[0])
        len += snprintf(parts + len, sizeof parts - (size_t)len, "%s%s job%s", len ? ", " : "",
                        jobs, strcmp(jobs, "1") ? "s" : "");
    if (ns)
        snprintf(parts + len, sizeof parts - (size_t)len, "%s%zu session%s", len ? ", " : "",
                 ns, ns == 1 ? "" : "s");
    buf_printf(b, "%zu target%s, %s of fuzzing", c->nt, c->nt == 1 ? "" : "s",
               human_time(c->end, t, sizeof t));
    if (parts[0])
        buf_printf(b, " (%s)", parts);
    buf_printf(b, ", %s executions (%s exec/s), %zu finding%s",
               human_count(ty->execs, e, sizeof e), human_rate(ty->eps, r, sizeof r), c->nf,
               c->nf == 1 ? "" : "s");
    if (ty->flaky)
        buf_printf(b, " (%u flaky)", ty->flaky);
    buf_puts(b, ".");
}

/* The option convert needs for f's crash input. */
const char *view_convert_option(const struct campdir_finding *f)
{
    return strcmp(f->target, "api") ? " --driver" : "";
}
