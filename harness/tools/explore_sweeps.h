/*
 * explore_sweeps.h - the explorer's torture sweeps (explore_sweeps.c):
 * every allocation failed, every port call made at a higher IRQL, a second
 * unload after every step, each as a program built from a scenario.
 *
 * Where it sits: the command (explore.c) hands each scenario to the sweeps
 * chosen; a sweep inserts ops into a copy of it (edit.h) and runs each
 * result through the engine (explore_engine.h), which records what it
 * finds. The counts kept here go into the summary (explore_output.h).
 */
#ifndef UNLOADFUZZ_EXPLORE_SWEEPS_H
#define UNLOADFUZZ_EXPLORE_SWEEPS_H

#include <stdint.h>

#include "explore_engine.h"

/* The allocation sweep's series, over every scenario, for the summary. */
struct xsweep_stats {
    uint32_t largest_k;  /* the most allocations one scenario made */
    uint32_t nth_runs;   /* runs with `fail-alloc nth=N` */
    uint32_t after_runs; /* runs with `fail-alloc after=N` */
    uint32_t site_runs;  /* runs with `fail-alloc site=S` */
};

/* The allocation sweep of scenario p: runs it as written to count its
 * allocations K, then with `fail-alloc nth=N` in front for N = 1, 2, ...
 * and with `fail-alloc after=N` for N = 0, 1, ..., each series stopping at
 * the first run in which no fault fired (at K + 1 and K at the latest),
 * then with `fail-alloc site=S` for every allocation site. Counts into
 * *st. */
void xsweep_alloc(struct xeng *e, struct xsweep_stats *st, const struct program *p);

/* The IRQL sweep of scenario p: each call the port makes into the driver
 * (api: each top-level op but `on` and `irql`) made once at APC_LEVEL and
 * once at DISPATCH_LEVEL (`irql L` before it, `irql passive` after it; a
 * driver target's port allowed to, with `inject irql`). */
void xsweep_irql(struct xeng *e, const struct program *p);

/* The unload sweep of scenario p: a second unload after each step (api:
 * each top-level op but `on`; `miniport-unload`), for a driver target
 * `inject double-unload` and `port-unload`. */
void xsweep_unload(struct xeng *e, const struct program *p);

#endif /* UNLOADFUZZ_EXPLORE_SWEEPS_H */
