/*
 * explore_sweeps.c - the allocation, IRQL and unload sweeps
 * (explore_sweeps.h).
 *
 * Every run is a program: the scenario with ops inserted (a `fail-alloc`
 * in front, an `irql` pair around a call, a second unload after a step),
 * so the program that found something is the one that replays it. The
 * findings of the IRQL and unload sweeps of a driver target are robustness
 * findings: their runs allow the port to misbehave (PORT_INJECT_*), and the
 * replay needs the same --inject.
 */
#include "explore_sweeps.h"

#include <stdio.h>

#include "edit.h"
#include "target.h"

static struct program work, work2; /* the programs being built */

/* Makes *dst the program base with the n ops of ins inserted before op
 * pos, as many as PROG_MAX_OPS leaves room for. */
static void build(struct program *dst, const struct program *base, uint32_t pos,
                  const struct op *ins, uint32_t n)
{
    *dst = *base;
    prog_insert(dst, pos, ins, n);
}

/* Whether op i of driver program p is a call of the port into the driver. */
static int port_call(const struct program *p, uint32_t i)
{
    enum op_code c = (enum op_code)p->ops[i].code;

    return c == OP_LOAD || c == OP_DEVICE_ARRIVAL || c == OP_DEVICE_REMOVAL || c == OP_PORT_UNLOAD ||
           c == OP_SURPRISE_REMOVAL || c == OP_PAUSE || c == OP_RESTART || c == OP_RESET ||
           c == OP_SEND || c == OP_OID_REQUEST || c == OP_SHUTDOWN;
}

/* Runs p with `fail-alloc <mode>=N` in front (word names the mode), for
 * N = first, first+1, ... up to last, stopping at the first run in which no
 * fault fired. Counts the runs in *runs. */
static void fault_series(struct xeng *e, const struct program *p, uint32_t mode, const char *word,
                         uint32_t first, uint32_t last, uint32_t *runs)
{
    struct op f;
    char how[48];
    uint32_t n;

    op_init(&f, OP_FAIL_ALLOC);
    f.opts = mode;
    for (n = first; n <= last; n++) {
        f.num = n;
        build(&work, p, 0, &f, 1);
        snprintf(how, sizeof how, "%s=%u", word, n);
        (*runs)++;
        if (xeng_run(e, &work, 0, SWEEP_ALLOC, how, NULL) == 0)
            break;
    }
}

/* The allocation sweep (explore_sweeps.h). */
void xsweep_alloc(struct xeng *e, struct xsweep_stats *st, const struct program *p)
{
    struct op f;
    char how[48];
    uint32_t k, s;

    xeng_run(e, p, 0, SWEEP_SCENARIO, "as written", NULL);
    k = model_alloc_count();
    if (k > st->largest_k)
        st->largest_k = k;
    /* each series goes one past K: it ends where no fault fires */
    fault_series(e, p, OPT_NTH, "nth", 1, k + 1, &st->nth_runs);
    fault_series(e, p, OPT_AFTER, "after", 0, k, &st->after_runs);
    op_init(&f, OP_FAIL_ALLOC);
    f.opts = OPT_SITE;
    for (s = 0; s < SITE__COUNT; s++) {
        f.num = s;
        build(&work, p, 0, &f, 1);
        snprintf(how, sizeof how, "site=%s", model_site_name((enum model_site)s));
        st->site_runs++;
        xeng_run(e, &work, 0, SWEEP_ALLOC, how, NULL);
    }
}

/* The IRQL sweep (explore_sweeps.h). */
void xsweep_irql(struct xeng *e, const struct program *p)
{
    static const char *const level_names[] = {"passive", "apc", "dispatch"};
    struct op ins[2], after;
    char how[48];
    uint32_t i, level, n;

    op_init(&after, OP_IRQL);
    after.level = PASSIVE_LEVEL;
    for (i = 0; i < p->nops; i++) {
        if (p->kind == PROG_DRIVER ? !port_call(p, i) : !prog_top_level(p, i))
            continue;
        if (p->ops[i].code == OP_ON || p->ops[i].code == OP_IRQL)
            continue;
        for (level = APC_LEVEL; level <= DISPATCH_LEVEL; level++) {
            n = 0;
            if (p->kind == PROG_DRIVER) {
                op_init(&ins[n], OP_INJECT);
                ins[n++].opts = OPT_INJECT_IRQL;
            }
            op_init(&ins[n], OP_IRQL);
            ins[n++].level = (uint8_t)level;
            build(&work2, p, i, ins, n);
            build(&work, &work2, i + n + 1 <= work2.nops ? i + n + 1 : work2.nops, &after, 1);
            snprintf(how, sizeof how, "%s around op %u", level_names[level], i + 1);
            xeng_run(e, &work, p->kind == PROG_DRIVER ? PORT_INJECT_IRQL : 0, SWEEP_IRQL, how,
                     NULL);
        }
    }
}

/* The unload sweep (explore_sweeps.h). */
void xsweep_unload(struct xeng *e, const struct program *p)
{
    struct op ins[2];
    char how[48];
    uint32_t i, n;

    for (i = 0; i < p->nops; i++) {
        if (p->kind == PROG_API && !prog_top_level(p, i))
            continue;
        if (p->ops[i].code == OP_ON)
            continue;
        n = 0;
        if (p->kind == PROG_DRIVER) {
            op_init(&ins[n], OP_INJECT);
            ins[n++].opts = OPT_DOUBLE_UNLOAD;
            op_init(&ins[n++], OP_PORT_UNLOAD);
        } else {
            op_init(&ins[n++], OP_MINIPORT_UNLOAD);
        }
        build(&work, p, i + 1, ins, n);
        snprintf(how, sizeof how, "a second unload after op %u", i + 1);
        xeng_run(e, &work, p->kind == PROG_DRIVER ? PORT_INJECT_DOUBLE_UNLOAD : 0, SWEEP_UNLOAD,
                 how, NULL);
    }
}
