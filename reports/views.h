/*
 * views.h - what report.md and report.html both show, built once from a
 * campaign's figures (tally.h): the tables (per target, per rule, source
 * coverage, the summary's figures) as table.h rows, and the one-paragraph
 * summary. markdown.c and html.c render them, each in its own format.
 */
#ifndef UNLOADFUZZ_VIEWS_H
#define UNLOADFUZZ_VIEWS_H

#include "buf.h"
#include "table.h"
#include "tally.h"

/* The per-target table: time, executions, exec/s, coverage, corpus and
 * findings of each target, its name with its colour in the plots. */
void view_targets(const struct tally *ty, struct table *t);

/* The per-rule table: one row per rule found (none: no rule was broken). */
void view_rules(const struct tally *ty, struct table *t);

/* The source coverage table: lines, functions and regions of model/,
 * drivers/ and all (when coverage/summary.json was there). */
void view_coverage(const struct tally *ty, struct table *t);

/* The summary's figures, a heading a row (report.html). */
void view_summary(const struct tally *ty, struct table *t);

/* Appends the per-target and the per-rule sections in format f. */
void view_tables(struct buf *b, const struct table_format *f, const struct tally *ty);

/* Appends the one-paragraph summary as plain text: report.md takes it as
 * it is, report.html escaped, the command prints it. */
void view_summary_line(struct buf *b, const struct tally *ty);

/* The option `unloadfuzz convert` needs to read f's crash input as text
 * (the bytes do not say which kind of program they are): " --driver" or "". */
const char *view_convert_option(const struct campdir_finding *f);

#endif /* UNLOADFUZZ_VIEWS_H */
