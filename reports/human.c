/*
 * human.c - counts, durations and rates for people (human.h).
 */
#include "human.h"

#include <stdio.h>
#include <string.h>

/* A count with thousands separators in buf. Returns buf. */
const char *human_count(double v, char *buf, size_t n)
{
    char digits[32];
    size_t len, i, o = 0;

    snprintf(digits, sizeof digits, "%.0f", v < 0 ? 0 : v);
    len = strlen(digits);
    for (i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* A duration in s, min or h, or "unknown". Returns buf. */
const char *human_time(double secs, char *buf, size_t n)
{
    long s = (long)(secs + 0.5);

    if (secs < 0)
        snprintf(buf, n, "unknown");
    else if (s < 60)
        snprintf(buf, n, "%ld s", s);
    else if (s < 3600)
        snprintf(buf, n, s % 60 ? "%ld min %ld s" : "%ld min", s / 60, s % 60);
    else
        snprintf(buf, n, (s % 3600) / 60 ? "%ld h %ld min" : "%ld h", s / 3600, (s % 3600) / 60);
    return buf;
}

/* A rate: one decimal below 100, a count above. Returns buf. */
const char *human_rate(double v, char *buf, size_t n)
{
    if (v < 100)
        snprintf(buf, n, "%.1f", v);
    else
        human_count(v, buf, n);
    return buf;
}
