/*
 * progtest.c - see progtest.h.
 */
#include "progtest.h"
#include "testlib.h"

void expect_same_ops(const struct program *a, const struct program *b)
{
    uint32_t i;

    assert_int_equal(a->nops, b->nops);
    assert_int_equal(a->nslots, b->nslots);
    for (i = 0; i < a->nops; i++) {
        const struct op *x = &a->ops[i], *y = &b->ops[i];

        if (x->code != y->code || x->level != y->level || x->target != y->target ||
            x->arg != y->arg || x->opts != y->opts || x->num != y->num || x->seed != y->seed)
            fail_msg("op %u differs: %s %u/%u/%u/%x/%u/%u vs %s %u/%u/%u/%x/%u/%u", (unsigned)i,
                     op_name((enum op_code)x->code), x->level, x->target, x->arg, x->opts,
                     x->num, x->seed, op_name((enum op_code)y->code), y->level, y->target,
                     y->arg, y->opts, y->num, y->seed);
    }
}
