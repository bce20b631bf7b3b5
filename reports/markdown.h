/*
 * markdown.h - report.md: a campaign written up in Markdown, for a person
 * reading it in a terminal, a merge request or a code host.
 *
 * A summary, the per-target and per-rule tables (views.h), each finding
 * with its minimized program and the command that reproduces it, and the
 * source coverage; report.html shows the same with plots.
 */
#ifndef UNLOADFUZZ_MARKDOWN_H
#define UNLOADFUZZ_MARKDOWN_H

#include "buf.h"
#include "tally.h"

/* Appends report.md of the campaign ty is the figures of. */
void md_report(struct buf *b, const struct tally *ty);

#endif /* UNLOADFUZZ_MARKDOWN_H */
