/*
 * explore_engine.c - one program run through the target, its violations
 * collected, the new distinct findings recorded (explore_engine.h).
 *
 * A finding is a violation at or above --fail-on; two are the same when
 * finding_same() says so (rule, DDI, object type, driver call site), and
 * only the first run that raised one records it. Rules at or above break
 * are remembered for the run too, whatever --fail-on says: they are what
 * the finding's program expects when it is replayed.
 */
#include "explore_engine.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"

static const char *const sweep_names[SWEEP__COUNT] = {"scenario", "alloc", "irql", "unload",
                                                      "search"};

/* The model's event sink during a run (arg is the engine): keeps the
 * violations at or above fail_on, and which rules at or above break were
 * raised. */
static void collect(const struct model_event *ev, void *arg)
{
    struct xeng *e = arg;

    if (ev->kind != EV_VIOLATION)
        return;
    if (model_rule_severity(ev->rule) >= SEV_BREAK)
        e->raised[ev->rule] = 1;
    if (model_rule_severity(ev->rule) < e->fail_on || e->nseen >= XENG_RUN_VIOLATIONS)
        return;
    finding_from_event(&e->seen[e->nseen++], ev);
}

/* Prints a progress line naming `what` on stderr, unless quiet or the last
 * one is less than a second old. */
static void progress(struct xeng *e, const char *what)
{
    double t = clock_now();

    if (e->quiet || t - e->last_progress < 1.0)
        return;
    e->last_progress = t;
    fprintf(stderr, "explore: %.0fs: %s: %llu runs, %u findings\n", t - e->start, what,
            (unsigned long long)e->runs, e->nfindings);
}

/* Records the violations of the run just made that no finding has yet,
 * each handed to the hook with the program p that raised it. A finding
 * made so far only with the port misbehaving on purpose (a robustness
 * finding) is made again, in place, by a run without: the driver fails
 * under the port's contract too, which is what the finding then says. */
static void record(struct xeng *e, const struct program *p, uint32_t inject, enum xeng_sweep sw,
                   const char *how)
{
    struct xeng_finding *f;
    uint32_t i, j;

    for (i = 0; i < e->nseen; i++) {
        for (j = 0; j < e->nfindings && !finding_same(&e->findings[j].v, &e->seen[i]); j++)
            ;
        if (j < e->nfindings) {
            f = &e->findings[j];
            if (f->inject == 0 || inject != 0)
                continue;
            f->v = e->seen[i];
            f->sweep = sw;
            snprintf(f->how, sizeof f->how, "%s", how);
            f->inject = 0;
            f->seconds = clock_now() - e->start;
            f->runs = e->runs;
            if (e->on_finding)
                e->on_finding(e->on_finding_arg, e, f, p);
            continue;
        }
        if (e->nfindings == XENG_MAX_FINDINGS) {
            e->dropped++;
            continue;
        }
        f = &e->findings[e->nfindings];
        f->v = e->seen[i];
        f->sweep = sw;
        snprintf(f->how, sizeof f->how, "%s", how);
        f->inject = inject;
        f->seconds = clock_now() - e->start;
        f->runs = e->runs;
        f->path[0] = '\0';
        if (e->on_finding)
            e->on_finding(e->on_finding_arg, e, f, p);
        e->nfindings++;
    }
}

/* Makes *e a fresh engine (explore_engine.h). */
void xeng_init(struct xeng *e, const struct explore_target *t, enum model_severity fail_on,
               int quiet, xeng_finding_fn fn, void *arg)
{
    memset(e, 0, sizeof *e);
    e->t = t;
    e->fail_on = fail_on;
    e->quiet = quiet;
    e->on_finding = fn;
    e->on_finding_arg = arg;
    e->start = e->last_progress = clock_now();
}

/* Runs p and records what is new (explore_engine.h). Returns the faults
 * injected during the run. */
uint32_t xeng_run(struct xeng *e, const struct program *p, uint32_t inject, enum xeng_sweep sw,
                  const char *how, uint32_t *port_state)
{
    uint32_t faults, ps = 0;

    e->nseen = 0;
    memset(e->raised, 0, sizeof e->raised);
    e->cur.p = p;
    e->cur.sweep = sw;
    e->cur.how = how;
    e->cur.inject = inject;
    e->t->run(p, inject, collect, e, &ps);
    e->cur.p = NULL;
    faults = model_faults_injected();
    if (port_state)
        *port_state = ps;
    e->runs++;
    e->sweep_runs[sw]++;
    record(e, p, inject, sw, how);
    progress(e, sweep_names[sw]);
    return faults;
}

/* The name of sweep sw (explore_engine.h). */
const char *xeng_sweep_name(enum xeng_sweep sw)
{
    return sweep_names[sw];
}
