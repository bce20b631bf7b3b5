/*
 * html.c - report.html (html.h): its sections, the three plots built from
 * the campaign's progress and findings, and each finding.
 */
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "human.h"
#include "plot.h"
#include "table.h"
#include "views.h"

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

/* The summary section: the line and a table of the campaign's figures. */
static void html_summary(struct buf *b, const struct tally *ty)
{
    struct buf line = BUF_INIT(0);
    struct table t;

    view_summary_line(&line, ty);
    if (buf_failed(&line))
        buf_fail(b); /* the summary is part of the page */
    table_fmt_html.open(b, "summary", "Summary");
    table_fmt_html.para(b, buf_str(&line));
    view_summary(ty, &t);
    table_html(b, &t);
    table_fmt_html.close(b);
    buf_free(&line);
}

/* ---- the plots ---- */

/* Which progress column a plot shows. */
enum progress_of { OF_COVERAGE, OF_EXECS_PER_S };

/* The x and y arrays of one series. */
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

/* A target's samples of one column as points. Returns 0, or -1 out of
 * memory. */
static int xy_progress(struct xy *v, const struct campdir_target *t, enum progress_of of)
{
    size_t k;

    v->x = malloc((t->n + 1) * sizeof *v->x);
    v->y = malloc((t->n + 1) * sizeof *v->y);
    if (v->x == NULL || v->y == NULL)
        return -1;
    for (k = 0; k < t->n; k++) {
        v->x[k] = t->s[k].t;
        v->y[k] = of == OF_COVERAGE ? t->s[k].cov : t->s[k].eps;
    }
    v->n = t->n;
    return 0;
}

/* qsort order of doubles, ascending. */
static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Cumulative findings of target ti (or of all, ti == c->nt) as a step
 * line from 0 to end; those with no first_seen_s are left out. Returns 0,
 * or -1 out of memory. */
static int xy_findings(struct xy *v, const struct campdir *c, size_t ti, double end)
{
    double *when = malloc((c->nf + 1) * sizeof *when);
    size_t i, n = 0;

    v->x = malloc((2 * c->nf + 2) * sizeof *v->x);
    v->y = malloc((2 * c->nf + 2) * sizeof *v->y);
    if (when == NULL || v->x == NULL || v->y == NULL) {
        free(when);
        return -1;
    }
    for (i = 0; i < c->nf; i++)
        if ((ti == c->nt || c->f[i].ti == ti) && c->f[i].first_seen >= 0)
            when[n++] = c->f[i].first_seen;
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

/* The coverage or exec/s plot: one series per target. Returns 0, or -1
 * out of memory. */
static int plot_progress(struct buf *b, const struct campdir *c, const char *id,
                         const char *title, const char *ylabel, enum progress_of of)
{
    struct xy *v = calloc(c->nt + 1, sizeof *v);
    struct plot_series *s = calloc(c->nt + 1, sizeof *s);
    struct plot p = {id, title, ylabel, of == OF_COVERAGE, c->end, s, c->nt, NULL, 0};
    size_t i;
    int rc = v && s ? 0 : -1;

    for (i = 0; rc == 0 && i < c->nt; i++) {
        rc = xy_progress(&v[i], &c->t[i], of);
        s[i] = (struct plot_series){c->t[i].name, plot_color(i), v[i].x, v[i].y, v[i].n};
    }
    if (rc == 0)
        plot_svg(b, &p);
    xy_free(v, v ? c->nt : 0);
    free(s);
    return rc;
}

/* Where finding i's dot sits on the all-targets line: its rank in time,
 * from 1 (ties in findings.json's order). */
static size_t finding_rank(const struct campdir *c, size_t i)
{
    size_t k, r = 1;

    for (k = 0; k < c->nf; k++)
        if ((c->f[k].first_seen >= 0 && c->f[k].first_seen < c->f[i].first_seen) ||
            (c->f[k].first_seen == c->f[i].first_seen && k < i))
            r++;
    return r;
}

/* The findings plot: a step line per target with findings, one for all of
 * them when there are several targets, and a dot per finding. Returns 0,
 * or -1 out of memory. */
static int plot_findings(struct buf *b, const struct campdir *c)
{
    struct xy *v = calloc(c->nt + 1, sizeof *v);
    struct plot_series *s = calloc(c->nt + 1, sizeof *s);
    struct plot_marker *m = calloc(c->nf + 1, sizeof *m);
    struct plot p = {"plot-findings", "Findings over time", "distinct findings", 1, c->end,
                     s, 0, m, 0};
    size_t i;
    int rc = v && s && m ? 0 : -1;

    for (i = 0; rc == 0 && i <= c->nt; i++) {
        if (i < c->nt && (c->t[i].nfind == 0 || c->nt == 1))
            continue;
        rc = xy_findings(&v[i], c, i, c->end);
        s[p.ns++] = (struct plot_series){i < c->nt ? c->t[i].name : "all targets",
                                         i < c->nt ? plot_color(i) : PLOT_TOTAL_COLOR, v[i].x,
                                         v[i].y, v[i].n};
    }
    for (i = 0; rc == 0 && i < c->nf; i++)
        if (c->f[i].first_seen >= 0)
            m[p.nm++] = (struct plot_marker){c->f[i].first_seen, (double)finding_rank(c, i),
                                             plot_color(c->f[i].ti),
                                             c->f[i].signature[0] ? c->f[i].signature : "flaky"};
    if (rc == 0)
        plot_svg(b, &p);
    xy_free(v, v ? c->nt + 1 : 0);
    free(s);
    free(m);
    return rc;
}

/* The three plots. Returns 0, or -1 out of memory. */
static int html_plots(struct buf *b, const struct campdir *c)
{
    buf_puts(b, "<section id=\"plots\"><h2>Over time</h2>\n");
    if (plot_progress(b, c, "plot-coverage", "Coverage over time", "edges (the engine's count)",
                      OF_COVERAGE) < 0 ||
        plot_progress(b, c, "plot-execs", "Executions per second over time", "exec/s",
                      OF_EXECS_PER_S) < 0 ||
        plot_findings(b, c) < 0)
        return -1;
    buf_puts(b, "</section>\n");
    return 0;
}

/* ---- the tables and the findings ---- */

/* One <dt>/<dd> pair, the value escaped. */
static void html_dd(struct buf *b, const char *term, const char *value)
{
    buf_printf(b, "<dt>%s</dt><dd>", term);
    esc_html(b, value);
    buf_puts(b, "</dd>");
}

/* A finding's program: its text, or what it is. */
static void html_program(struct buf *b, const struct campdir_finding *f)
{
    if (f->text) {
        html_dd(b, "minimized program", f->program);
        buf_puts(b, "</dl><pre class=\"program\">");
        esc_html(b, f->text);
        buf_puts(b, "</pre>");
        return;
    }
    if (f->path) {
        html_dd(b, "crash input", f->program);
        buf_printf(b, "<dt></dt><dd class=\"muted\">binary; <code>unloadfuzz convert%s FILE"
                      "</code> prints it as text</dd>",
                   view_convert_option(f));
    } else {
        html_dd(b, "minimized program", "none written");
    }
    buf_puts(b, "</dl>");
}

/* Finding i as an <article>: its facts, program and reproduce command. */
static void html_finding(struct buf *b, const struct campdir *c, size_t i)
{
    const struct campdir_finding *f = &c->f[i];
    char t[32];

    buf_printf(b, "<article class=\"finding\" id=\"finding-%zu\"><h3>%zu. ", i + 1, i + 1);
    if (f->rule[0]) {
        buf_puts(b, "<code>");
        esc_html(b, f->rule);
        buf_puts(b, "</code>");
    } else {
        buf_puts(b, "A flaky crash");
    }
    buf_puts(b, " in <code>");
    esc_html(b, f->target);
    buf_printf(b, "</code>%s</h3><dl>", f->flaky ? " <span class=\"flaky\">flaky</span>" : "");
    if (f->signature[0])
        html_dd(b, "signature", f->signature);
    if (f->severity[0])
        html_dd(b, "severity", f->severity);
    html_dd(b, "first seen", human_time(f->first_seen, t, sizeof t));
    if (f->inputs >= 0) {
        snprintf(t, sizeof t, "%ld", f->inputs);
        html_dd(b, "crash inputs", t);
    }
    if (f->flaky)
        html_dd(b, "flaky", "its replays did not all give one signature");
    html_program(b, f);
    if (f->reproduce[0]) {
        buf_puts(b, "<p>Reproduce:</p><pre class=\"reproduce\"><code>");
        esc_html(b, f->reproduce);
        buf_puts(b, "</code></pre>");
    }
    buf_puts(b, "</article>\n");
}

/* The routines the model does not implement that each target's corpus
 * reached (report.md's "Not modelled"). */
static void html_gaps(struct buf *b, const struct campdir *c)
{
    size_t i;
    int any = 0;

    for (i = 0; i < c->nt; i++)
        any |= c->t[i].gaps != NULL && c->t[i].gaps[0];
    if (!any)
        return;
    buf_puts(b, "<section id=\"gaps\"><h2>Not modelled</h2>\n<p>Routines the drivers called"
                " that the model does not implement (<code>ddi-not-modelled</code>): each"
                " returned a failure, so what followed it was not checked against what the real"
                " one does.</p>\n");
    for (i = 0; i < c->nt; i++)
        if (c->t[i].gaps && c->t[i].gaps[0]) {
            buf_puts(b, "<h3>");
            esc_html(b, c->t[i].name);
            buf_puts(b, "</h3><pre>");
            esc_html(b, c->t[i].gaps);
            buf_puts(b, "</pre>\n");
        }
    buf_puts(b, "</section>\n");
}

/* The source coverage section: the link and totals, or how to get them. */
static void html_coverage(struct buf *b, const struct tally *ty)
{
    const struct campdir *c = ty->c;
    struct table t;

    table_fmt_html.open(b, "coverage", "Source coverage");
    if (!c->have_cov && !c->cov_html) {
        buf_puts(b, "<p class=\"muted\">Not measured: <code>bash scripts/coverage.sh ");
        esc_html(b, c->dir);
        buf_puts(b, "</code> replays every target's corpus through an instrumented build and "
                    "writes <code>coverage/</code> here; then run <code>unloadfuzz report</code> "
                    "again.</p></section>\n");
        return;
    }
    if (c->cov_html)
        buf_puts(b, "<p>The line-by-line report of <code>model/</code> and <code>drivers/</code>: "
                    "<a id=\"coverage-link\" href=\"coverage/index.html\">coverage/index.html</a>"
                    "</p>");
    if (c->have_cov) {
        view_coverage(ty, &t);
        table_html(b, &t);
    }
    table_fmt_html.close(b);
}

/* Appends report.html. Returns 0, or -1 out of memory. */
int html_report(struct buf *b, const struct tally *ty)
{
    const struct campdir *c = ty->c;
    size_t i;

    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>unloadfuzz campaign report</title><style>%s</style></head>\n<body>"
                  "<h1>unloadfuzz campaign report</h1><p class=\"muted\"><code>",
               css);
    esc_html(b, c->dir);
    buf_puts(b, "</code></p>\n");
    html_summary(b, ty);
    if (html_plots(b, c) < 0)
        return -1;
    view_tables(b, &table_fmt_html, ty);
    buf_puts(b, "<section id=\"findings\"><h2>Findings</h2>\n");
    if (c->nf == 0)
        buf_puts(b, "<p>None: no target crashed.</p>\n");
    for (i = 0; i < c->nf; i++)
        html_finding(b, c, i);
    buf_puts(b, "</section>\n");
    html_gaps(b, c);
    html_coverage(b, ty);
    buf_puts(b, "</body></html>\n");
    return 0;
}
