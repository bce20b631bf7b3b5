/*
 * plot.h - line plots over time as inline SVG, for report.html: a grid,
 * a time axis in s, min or h as the span asks, one path per series, dots
 * for markers and a legend, with no script and no external file.
 *
 * The plot is drawn from numbers alone: the same series give the same
 * bytes, like every output of the tool.
 */
#ifndef UNLOADFUZZ_PLOT_H
#define UNLOADFUZZ_PLOT_H

#include <stddef.h>

#include "buf.h"

/* The colour of the line of all targets together (drawn dashed). */
#define PLOT_TOTAL_COLOR "#333333"

/* The colour of series i (Tableau 10, cycling): a target keeps its colour
 * in every plot and table. */
const char *plot_color(size_t i);

/* A line: one target's values over time. */
struct plot_series {
    const char *name;    /* its target, or "all targets" */
    const char *color;   /* plot_color(), or PLOT_TOTAL_COLOR */
    const double *x, *y; /* n points, in time order (seconds; values >= 0) */
    size_t n;            /* how many */
};

/* A dot: one event (a finding) at its time. */
struct plot_marker {
    double x, y;       /* where */
    const char *color; /* its target's */
    const char *title; /* its tooltip */
};

/* One plot. Nothing in it is owned. */
struct plot {
    const char *id;              /* the svg element's id */
    const char *title;           /* its caption (HTML-safe: written as it is there) */
    const char *ylabel;          /* the y axis's title */
    int integer;                 /* y values are counts: ticks at whole numbers */
    double xmax;                 /* seconds */
    const struct plot_series *s; /* its lines */
    size_t ns;                   /* how many */
    const struct plot_marker *m; /* its dots */
    size_t nm;                   /* how many */
};

/* Appends p as a <figure>: its caption, the <svg> (a plot with no points
 * says "no data") and the legend of the series that have points. */
void plot_svg(struct buf *b, const struct plot *p);

#endif /* UNLOADFUZZ_PLOT_H */
