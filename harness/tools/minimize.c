/*
 * minimize.c - the op-level minimizer (minimize.h).
 *
 * Between the crash a fuzzer saved and the regression an engineer reads:
 * triage (triage.c) replays a crash, then hands its program here and
 * writes out what comes back. Each pass first deletes chunks of ops,
 * halving the chunk down to single ops, then walks the ops dropping one
 * option bit at a time and lowering each number to 0, 1 or half of it.
 * Every candidate is made valid by prog_revalidate() before it is tried;
 * a deletion is kept only when the valid program is shorter. Passes repeat
 * while one of them changed something, within the budget.
 */
#include "minimize.h"

#include "edit.h"

/* The minimization under way. */
static struct {
    minimize_keeps_fn keeps; /* the predicate */
    void *arg;               /* its argument */
    uint32_t budget;         /* calls of keeps allowed */
    uint32_t calls;          /* calls of keeps made */
} mz;

/* The program being edited, and the candidate re-read through the binary
 * form. */
static struct program cand, valid;

/* Whether the budget still allows a call of keeps. */
static int budget_left(void)
{
    return mz.calls < mz.budget;
}

/* Asks the predicate of q, counting the call. Returns what keeps returns. */
static int ask(const struct program *q)
{
    mz.calls++;
    return mz.keeps(q, mz.arg);
}

/* Whether a and b have the same ops, lines aside. */
static int same_ops(const struct program *a, const struct program *b)
{
    uint32_t i;

    if (a->nops != b->nops)
        return 0;
    for (i = 0; i < a->nops; i++) {
        const struct op *x = &a->ops[i], *y = &b->ops[i];

        if (x->code != y->code || x->level != y->level || x->target != y->target ||
            x->arg != y->arg || x->opts != y->opts || x->num != y->num || x->seed != y->seed)
            return 0;
    }
    return 1;
}

/* Makes cand valid and keeps it in *p when keeps holds and it is another
 * program: an edit the binary form reads back as *p (an option that is
 * also the decoder's default) is no progress. Returns 1 when *p changed. */
static int take_candidate(struct program *p)
{
    prog_revalidate(&valid, &cand);
    if (same_ops(&valid, p) || !ask(&valid))
        return 0;
    *p = valid;
    return 1;
}

/* Deletes chunks of ops from *p: halves, then quarters, ... single ops,
 * each deletion kept when the valid program is shorter and keeps holds.
 * Returns 1 when something was deleted. */
static int delete_chunks(struct program *p)
{
    uint32_t chunk, i;
    int changed = 0;

    for (chunk = p->nops / 2 ? p->nops / 2 : 1; chunk >= 1; chunk /= 2) {
        for (i = 0; i + chunk <= p->nops && budget_left();) {
            cand = *p;
            prog_close_gap(&cand, i, chunk);
            prog_revalidate(&valid, &cand);
            if (valid.nops < p->nops && ask(&valid)) {
                *p = valid;
                changed = 1;
            } else {
                i++;
            }
        }
        if (chunk == 1)
            break;
    }
    return changed;
}

/* Drops each option bit of op i of *p and lowers its number (to 0, 1 or
 * half of it), each edit kept when keeps holds. Returns 1 when something
 * changed. */
static int simplify_op(struct program *p, uint32_t i)
{
    static const uint32_t lower_to[3] = {0, 1, 2}; /* 2: half the number */
    uint32_t bit, k;
    int changed = 0;

    for (bit = 0; bit < 32; bit++) {
        if (!(p->ops[i].opts & (1u << bit)))
            continue;
        cand = *p;
        cand.ops[i].opts &= ~(1u << bit);
        changed |= take_candidate(p);
    }
    for (k = 0; k < 3 && p->ops[i].num > 1; k++) {
        if (lower_to[k] == 2 && p->ops[i].num / 2 <= 1)
            break; /* half of 2 or 3 is the 1 just tried */
        cand = *p;
        cand.ops[i].num = lower_to[k] == 2 ? p->ops[i].num / 2 : lower_to[k];
        if (take_candidate(p)) {
            changed = 1;
            break;
        }
    }
    return changed;
}

/* Minimizes *p (minimize.h). Returns the calls of keeps made. */
uint32_t minimize_program(struct program *p, minimize_keeps_fn keeps, void *arg, uint32_t budget)
{
    uint32_t i;
    int progress = 1;

    mz.keeps = keeps;
    mz.arg = arg;
    mz.budget = budget;
    mz.calls = 0;
    while (progress && budget_left()) {
        progress = delete_chunks(p);
        for (i = 0; i < p->nops && budget_left(); i++)
            progress |= simplify_op(p, i);
    }
    return mz.calls;
}
