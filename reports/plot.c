/*
 * plot.c - SVG line plots (plot.h).
 */
#include "plot.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"

#define NCOLORS 10
#define PW 720 /* the plot's width and height, in px */
#define PH 280
#define PL 60 /* margins: the y labels, right, top, the x labels */
#define PR 16
#define PT 14
#define PB 42

/* Series colours (Tableau 10). */
static const char *const palette[NCOLORS] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
};

/* The colour of series i. */
const char *plot_color(size_t i)
{
    return palette[i % NCOLORS];
}

/* An axis label: short, with k and M ("2.5k", "1.2M"). Returns buf. */
static const char *tick_label(double v, char *buf, size_t n)
{
    if (v >= 1e6)
        snprintf(buf, n, "%gM", v / 1e6);
    else if (v >= 1e4)
        snprintf(buf, n, "%gk", v / 1e3);
    else
        snprintf(buf, n, "%g", v);
    return buf;
}

/* A round step (1, 2 or 5 times a power of ten) that cuts range into about
 * ticks parts. */
static double nice_step(double range, int ticks)
{
    double raw = range / ticks, p = 1;

    if (!(raw > 0))
        return 1;
    while (p * 10 <= raw)
        p *= 10;
    while (p > raw)
        p /= 10;
    if (raw <= p)
        return p;
    if (raw <= 2 * p)
        return 2 * p;
    if (raw <= 5 * p)
        return 5 * p;
    return 10 * p;
}

/* max rounded up to a whole number of steps. */
static double round_up(double max, double step)
{
    double n = (double)(long long)(max / step);

    return (n * step < max ? n + 1 : n) * step;
}

/* The largest y value of the plot. */
static double plot_ymax(const struct plot *p)
{
    double m = 0;
    size_t i, k;

    for (i = 0; i < p->ns; i++)
        for (k = 0; k < p->s[i].n; k++)
            if (p->s[i].y[k] > m)
                m = p->s[i].y[k];
    for (i = 0; i < p->nm; i++)
        if (p->m[i].y > m)
            m = p->m[i].y;
    return m;
}

/* The x pixel of time x on an axis ending at xend. */
static double px(double x, double xend)
{
    return PL + (PW - PL - PR) * x / xend;
}

/* The y pixel of value y on an axis ending at yend. */
static double py(double y, double yend)
{
    return PT + (PH - PT - PB) * (1 - y / yend);
}

/* The y grid and labels, and the y axis's title. */
static void svg_yaxis(struct buf *b, const struct plot *p, double ymax, double step)
{
    char tick[32];
    double v;

    buf_puts(b, "<g class=\"grid\">");
    for (v = 0; v <= ymax + step / 2; v += step) {
        double y = py(v, ymax);

        buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", PL, y, PW - PR, y);
        buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", PL - 6, y + 4,
                   tick_label(v, tick, sizeof tick));
    }
    buf_printf(b, "</g><text class=\"label\" transform=\"translate(14 %d) rotate(-90)\" "
                  "text-anchor=\"middle\">",
               (PT + PH - PB) / 2);
    esc_html(b, p->ylabel);
    buf_puts(b, "</text>");
}

/* The x axis: time, in seconds, minutes or hours as the span asks. Returns
 * the axis's end in seconds. */
static double svg_xaxis(struct buf *b, double xmax)
{
    double unit = xmax <= 600 ? 1 : xmax <= 6 * 3600 ? 60 : 3600;
    const char *uname = unit == 1 ? "s" : unit == 60 ? "min" : "h";
    double step = nice_step(xmax / unit, 6), end, v;
    char tick[32];

    if (unit == 1 && step < 1) /* no ticks at fractions of a second */
        step = 1;
    end = round_up(xmax / unit, step);
    buf_printf(b, "<g class=\"axis\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", PL, PH - PB,
               PW - PR, PH - PB);
    for (v = 0; v <= end + step / 2; v += step) {
        double x = px(v, end);

        buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, PH - PB, x,
                   PH - PB + 5);
        buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x,
                   PH - PB + 18, tick_label(v, tick, sizeof tick));
    }
    buf_printf(b, "</g><text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                  "time since the campaign started (%s)</text>",
               (PL + PW - PR) / 2, PH - 6, uname);
    return end * unit;
}

/* One series as a path (a dot when it has one point). */
static void svg_series(struct buf *b, const struct plot_series *s, double xend, double yend)
{
    size_t k;

    if (s->n == 0)
        return;
    buf_printf(b, "<path class=\"series%s\" stroke=\"%s\" data-target=\"",
               strcmp(s->color, PLOT_TOTAL_COLOR) ? "" : " total", s->color);
    esc_html(b, s->name);
    buf_puts(b, "\" d=\"");
    for (k = 0; k < s->n; k++)
        buf_printf(b, "%s%.1f,%.1f", k ? " L" : "M", px(s->x[k], xend), py(s->y[k], yend));
    buf_puts(b, "\"><title>");
    esc_html(b, s->name);
    buf_puts(b, "</title></path>");
    if (s->n == 1)
        buf_printf(b, "<circle class=\"point\" r=\"3\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\"/>",
                   s->color, px(s->x[0], xend), py(s->y[0], yend));
}

/* The legend under a plot: one swatch per series that has points. */
static void svg_legend(struct buf *b, const struct plot *p)
{
    size_t i;

    buf_puts(b, "<ul class=\"legend\">");
    for (i = 0; i < p->ns; i++) {
        if (p->s[i].n == 0)
            continue;
        buf_printf(b, "<li><span class=\"swatch\" style=\"background:%s\"></span>",
                   p->s[i].color);
        esc_html(b, p->s[i].name);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
}

/* Appends the whole plot: an <svg> with a title, grid, axes, series and
 * markers, and its legend. */
void plot_svg(struct buf *b, const struct plot *p)
{
    double ymax = plot_ymax(p), ystep, xend;
    size_t i, points = 0;

    ystep = nice_step(ymax > 0 ? ymax : 1, 5);
    if (p->integer && ystep < 1)
        ystep = 1;
    ymax = round_up(ymax > 0 ? ymax : 1, ystep);
    buf_printf(b, "<figure><figcaption>%s</figcaption>"
                  "<svg id=\"%s\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" "
                  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
               p->title, p->id, PW, PH, PW, PH);
    esc_html(b, p->title);
    buf_puts(b, "\">");
    svg_yaxis(b, p, ymax, ystep);
    xend = svg_xaxis(b, p->xmax > 0 ? p->xmax : 1);
    for (i = 0; i < p->ns; i++) {
        svg_series(b, &p->s[i], xend, ymax);
        points += p->s[i].n;
    }
    for (i = 0; i < p->nm; i++) {
        buf_printf(b, "<circle class=\"finding\" r=\"4\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\">"
                      "<title>",
                   p->m[i].color, px(p->m[i].x, xend), py(p->m[i].y, ymax));
        esc_html(b, p->m[i].title);
        buf_puts(b, "</title></circle>");
    }
    if (points == 0)
        buf_printf(b, "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                      "no data</text>",
                   (PL + PW - PR) / 2, (PT + PH - PB) / 2);
    buf_puts(b, "</svg>");
    svg_legend(b, p);
    buf_puts(b, "</figure>\n");
}
