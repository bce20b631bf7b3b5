/*
 * explore_engine.h - the explorer's engine (explore_engine.c): runs one
 * program through the target, collects its violations, and records the
 * findings no earlier run had.
 *
 * Where it sits: the sweeps (explore_sweeps.h) and the search
 * (explore_search.h) build programs and hand each to xeng_run(); the
 * engine runs it on the target (explore.h's struct explore_target: the api
 * interpreter, or a driver on the port simulation), keeps each violation
 * at or above --fail-on as a finding (finding.h), and hands each new
 * distinct finding, with the program that found it, to a hook the command
 * sets (explore_output.c writes it out). The summary reads the totals
 * kept here. ("Engine" is the explorer's own; the fuzzing engines are
 * libFuzzer and AFL++, in fuzzers/.)
 */
#ifndef UNLOADFUZZ_EXPLORE_ENGINE_H
#define UNLOADFUZZ_EXPLORE_ENGINE_H

#include <stdint.h>

#include "explore.h"
#include "finding.h"

#define XENG_MAX_FINDINGS 512     /* distinct findings kept; more are counted as dropped */
#define XENG_RUN_VIOLATIONS 64    /* violations one run may add */

/* What a run was made for: the scenario as written, or one of the sweeps. */
enum xeng_sweep {
    SWEEP_SCENARIO, /* the scenario as written */
    SWEEP_ALLOC,    /* allocation failures */
    SWEEP_IRQL,     /* calls at a higher IRQL */
    SWEEP_UNLOAD,   /* a second unload */
    SWEEP_SEARCH,   /* the bounded search */
    SWEEP__COUNT
};

/* A distinct finding and how it was found. */
struct xeng_finding {
    struct finding v;          /* the violation */
    enum xeng_sweep sweep;     /* the sweep whose run found it */
    char how[48];              /* the run within it: "nth=3", "apc around op 2", "depth 3" */
    uint32_t inject;           /* PORT_INJECT_* the run allowed */
    double seconds;            /* since the start */
    uint64_t runs;             /* runs made when it was found, its own included */
    char path[1024];           /* its program's file; "" when it could not be written */
};

/* The run under way, for the crash handler (explore_output.c). */
struct xeng_current {
    const struct program *p;   /* the program; NULL between runs */
    enum xeng_sweep sweep;     /* what it was made for */
    const char *how;           /* the run within the sweep */
    uint32_t inject;           /* PORT_INJECT_* it allowed */
};

struct xeng;

/* The hook that gets each new distinct finding f and the program p that
 * found it, before it is counted (e->nfindings is its index, from 0); it
 * writes the program out and sets f->path. arg is the hook's own. */
typedef void (*xeng_finding_fn)(void *arg, const struct xeng *e, struct xeng_finding *f,
                                const struct program *p);

/* The engine's state. Callers read it; only the engine writes it. */
struct xeng {
    const struct explore_target *t;    /* what programs run on */
    enum model_severity fail_on;       /* the lowest severity that is a finding */
    int quiet;                         /* no progress lines */
    xeng_finding_fn on_finding;        /* gets each new finding */
    void *on_finding_arg;              /* its argument */
    double start;                      /* clock_now() at xeng_init() */
    double last_progress;              /* when the last progress line was printed */
    /* the run under way */
    struct xeng_current cur;           /* what runs now */
    struct finding seen[XENG_RUN_VIOLATIONS]; /* its violations at or above fail_on */
    uint32_t nseen;                    /* how many */
    uint8_t raised[RULE__COUNT];       /* rules at or above break it raised: its `# expect:` */
    /* totals */
    uint64_t runs;                     /* runs made */
    uint64_t sweep_runs[SWEEP__COUNT]; /* of those, made for each sweep */
    struct xeng_finding findings[XENG_MAX_FINDINGS]; /* the distinct findings, in order found */
    uint32_t nfindings;                /* how many */
    uint32_t dropped;                  /* distinct findings beyond XENG_MAX_FINDINGS */
};

/* Makes *e a fresh engine for target t: findings at or above fail_on, no
 * progress lines with quiet, each new finding handed to fn(arg, ...).
 * Starts its clock. */
void xeng_init(struct xeng *e, const struct explore_target *t, enum model_severity fail_on,
               int quiet, xeng_finding_fn fn, void *arg);

/* Runs p from a reset model, allowing the port misbehaviours `inject`
 * (PORT_INJECT_*), for sweep sw, the run described by `how` (a string
 * that must last while the run does). Records its new findings and prints
 * a progress line at most once a second. Sets *port_state (may be NULL)
 * to the port's end state (driver targets; 0 for api). Returns the faults
 * injected during the run. */
uint32_t xeng_run(struct xeng *e, const struct program *p, uint32_t inject, enum xeng_sweep sw,
                  const char *how, uint32_t *port_state);

/* The name of sweep sw, as the summary and the finding programs say it:
 * "scenario", "alloc", "irql", "unload", "search". A static string. */
const char *xeng_sweep_name(enum xeng_sweep sw);

#endif /* UNLOADFUZZ_EXPLORE_ENGINE_H */
