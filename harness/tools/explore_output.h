/*
 * explore_output.h - what the explorer writes (explore_output.c): each
 * finding's program as text, the summary (summary.json, and as text or
 * JSON on stdout), and the program that crashed the process, written as
 * it dies.
 *
 * Where it sits: the engine (explore_engine.h) hands each new finding to
 * xout_finding(); the command (explore.c) asks for the summary at the end,
 * and arms the crash handler before the first run. The summary reads the
 * engine's totals, the allocation sweep's series (explore_sweeps.h) and
 * the search's counts (explore_search.h).
 */
#ifndef UNLOADFUZZ_EXPLORE_OUTPUT_H
#define UNLOADFUZZ_EXPLORE_OUTPUT_H

#include <stdint.h>

#include "explore_engine.h"
#include "explore_search.h"
#include "explore_sweeps.h"

/* What the explorer writes, and what it is made of. The command fills in
 * the fields above crash_path and owns what they point to. */
struct xout {
    const char *dir;                   /* the output directory */
    const struct xeng *e;              /* the engine: the target, the totals, the findings */
    const struct xsweep_stats *sweeps; /* the allocation sweep's series */
    const struct xsearch *search;      /* the search's counts */
    uint32_t nscenarios;               /* scenarios explored */
    uint32_t ran;                      /* 1 << SWEEP_* of each sweep chosen */
    int json;                          /* the summary goes to stdout as JSON, not text */
    char crash_path[1100];             /* the program that crashed the process; "" when none */
    char crash_how[96];                /* the sweep and run it came from */
};

/* The engine's finding hook (xeng_finding_fn; arg is the struct xout):
 * writes program p of finding f, the index e->nfindings, as
 * DIR/NNN-<rule>.ufp, headed by its `# expect:` line (every rule at or
 * above break the run raised), the sweep that found it and the command
 * that replays it; sets f->path ("" after saying why it could not). */
void xout_finding(void *arg, const struct xeng *e, struct xeng_finding *f, const struct program *p);

/* Writes DIR/summary.json and prints the summary: as JSON with o->json,
 * else as text (the runs of each sweep, the search's numbers, each
 * finding with its program, the crash if there was one). */
void xout_summary(struct xout *o);

/* Arms the crash handler for the rest of the process: when a signal
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) or a sanitizer ends it while a
 * program runs, the program goes to DIR/crash-<sweep>.ufp with the command
 * that replays it, a line on stderr says so, and the summary of what was
 * found so far is written. o must last as long as the process. */
void xout_catch_crashes(struct xout *o);

#endif /* UNLOADFUZZ_EXPLORE_OUTPUT_H */
