/*
 * markdown.c - report.md (markdown.h).
 */
#include "markdown.h"

#include <string.h>

#include "human.h"
#include "table.h"
#include "views.h"

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

/* A finding's program: its text in a code block, or what it is. */
static void md_program(struct buf *b, const struct campdir_finding *f)
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
                   f->program, view_convert_option(f));
    } else {
        buf_puts(b, "- minimized program: none written\n");
    }
}

/* Finding i: its facts, its program and the command that reproduces it. */
static void md_finding(struct buf *b, const struct campdir *c, size_t i)
{
    const struct campdir_finding *f = &c->f[i];
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
    buf_printf(b, "- first seen: %s%s\n", human_time(f->first_seen, t, sizeof t),
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
static void md_coverage(struct buf *b, const struct tally *ty)
{
    const struct campdir *c = ty->c;
    struct table t;

    table_fmt_md.open(b, "coverage", "Source coverage");
    if (!c->have_cov && !c->cov_html) {
        buf_printf(b, "Not measured: `bash scripts/coverage.sh %s` replays every target's corpus "
                      "through an instrumented build and writes `coverage/` here; then run "
                      "`unloadfuzz report` again.\n\n",
                   c->dir);
        return;
    }
    if (c->cov_html)
        buf_puts(b, "The line-by-line report: [coverage/index.html](coverage/index.html).\n\n");
    if (!c->have_cov)
        return;
    view_coverage(ty, &t);
    table_fmt_md.table(b, &t);
}

/* The routines the model does not implement that each target's corpus
 * reached: no finding, but what the campaign could not check. */
static void md_gaps(struct buf *b, const struct campdir *c)
{
    size_t i;
    int any = 0;

    for (i = 0; i < c->nt; i++)
        any |= c->t[i].gaps != NULL && c->t[i].gaps[0];
    if (!any)
        return;
    buf_puts(b, "## Not modelled\n\nRoutines the drivers called that the model does not implement"
                " (`ddi-not-modelled`): each returned a failure, so what followed it was not"
                " checked against what the real one does.\n\n");
    for (i = 0; i < c->nt; i++)
        if (c->t[i].gaps && c->t[i].gaps[0]) {
            buf_printf(b, "%s:\n\n", c->t[i].name);
            md_fence(b, c->t[i].gaps, "");
            buf_puts(b, c->t[i].gaps);
            md_fence(b, c->t[i].gaps, "");
            buf_puts(b, "\n");
        }
}

/* Appends report.md. */
void md_report(struct buf *b, const struct tally *ty)
{
    const struct campdir *c = ty->c;
    char started[64];
    size_t i;

    buf_puts(b, "# unloadfuzz campaign report\n\n");
    view_summary_line(b, ty);
    campdir_field(c, "started", started, sizeof started);
    if (started[0])
        buf_printf(b, " Started %s.", started);
    buf_puts(b, "\n\nPlots of coverage, exec/s and findings over time: "
                "[report.html](report.html).\n\n");
    view_tables(b, &table_fmt_md, ty);
    buf_puts(b, "## Findings\n\n");
    if (c->nf == 0)
        buf_puts(b, "None: no target crashed.\n\n");
    for (i = 0; i < c->nf; i++)
        md_finding(b, c, i);
    md_gaps(b, c);
    md_coverage(b, ty);
}
