/*
 * html.h - report.html: a campaign written up as one self-contained page,
 * for a person opening it from an archived CI artifact as it is.
 *
 * What report.md shows (views.h renders the same tables in both), with
 * plots of coverage, exec/s and findings over time (plot.h); inline CSS
 * and SVG, no script, no external file.
 */
#ifndef UNLOADFUZZ_HTML_H
#define UNLOADFUZZ_HTML_H

#include "buf.h"
#include "tally.h"

/* Appends report.html of the campaign ty is the figures of. Returns 0, or
 * -1 when out of memory for the plots' points. */
int html_report(struct buf *b, const struct tally *ty);

#endif /* UNLOADFUZZ_HTML_H */
