/*
 * human.h - numbers and times as the reports show them to people: counts
 * with thousands separators, durations in s / min / h, rates.
 *
 * Each writes into a caller's buffer and returns it, so a call can stand
 * as a printf argument.
 */
#ifndef UNLOADFUZZ_HUMAN_H
#define UNLOADFUZZ_HUMAN_H

#include <stddef.h>

/* A count with thousands separators ("1,234,567"; negative: "0") in buf
 * (n bytes). Returns buf. */
const char *human_count(double v, char *buf, size_t n);

/* A duration in seconds as "45 s", "12 min 5 s" or "3 h 12 min";
 * "unknown" when negative (a first_seen_s a campaign could not tell).
 * Returns buf. */
const char *human_time(double secs, char *buf, size_t n);

/* A rate with one decimal below 100, none above ("3.5", "12,345").
 * Returns buf. */
const char *human_rate(double v, char *buf, size_t n);

#endif /* UNLOADFUZZ_HUMAN_H */
