/*
 * clock.h - the one clock the tools read: for progress lines, budgets and
 * the durations reports show. Nothing a run decides depends on it.
 */
#ifndef UNLOADFUZZ_CLOCK_H
#define UNLOADFUZZ_CLOCK_H

/* Seconds on a monotonic clock (an arbitrary start). */
double clock_now(void);

#endif /* UNLOADFUZZ_CLOCK_H */
