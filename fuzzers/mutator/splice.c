/*
 * splice.c - the crossover: a run of another program's ops spliced into
 * the one being mutated.
 *
 * mut_crossover() and mut_splice() (mutator.c) come here with two decoded
 * programs. The run keeps its blocks whole (one it cuts into is closed, an
 * `end` it starts after is dropped) and goes where its blocks may stand,
 * sometimes over as many ops of the receiver. The donor's names are moved
 * to raw ids of their own (MUT__ID_DONOR and up), so normalize.c, which
 * the result goes through, renames each use the run does not bind to a
 * name the receiver has bound there.
 */
#include "edit.h"
#include "mut_internal.h"

static struct op run[2 * MUT_SPLICE_MAX + 1]; /* the run, its blocks closed */

/* Moves the donor's slots (all but $driver) into raw ids MUT__ID_DONOR
 * and up, so they meet none of the receiving program's. */
static void donor_ids(struct op *o)
{
    uint32_t m = mut__operands_of(o);

    if ((m & (1u << MUT__WHICH_TARGET)) && o->target != SLOT_DRIVER && o->target < MUT__ID_DONOR)
        o->target = (uint16_t)(o->target + MUT__ID_DONOR);
    if ((m & (1u << MUT__WHICH_ITEM | 1u << MUT__WHICH_PARENT)) && o->arg != SLOT_DRIVER &&
        o->arg < MUT__ID_DONOR)
        o->arg = (uint16_t)(o->arg + MUT__ID_DONOR);
}

/* The crossover: copies a run of src's ops (blocks it cuts into closed, an
 * `end` it starts after dropped) into *dst, at a top-level position when it
 * holds a block, a third of the time (two thirds past 64 ops) over up to as
 * many of dst's ops. Returns 1, or 0 when src is empty or dst has no room
 * (dst unchanged). */
int mut__splice(struct mut__ctx *c, struct program *dst, const struct program *src)
{
    uint16_t top[PROG_MAX_OPS + 1];
    uint32_t start, len, j, m = 0, pos, drop;
    int open = 0, has_block = 0;

    if (src->nops == 0)
        return 0;
    start = mut__below(c, src->nops);
    len = 1 + mut__below(c, src->nops - start < MUT_SPLICE_MAX ? src->nops - start
                                                               : MUT_SPLICE_MAX);
    for (j = start; j < start + len; j++) {
        struct op o = src->ops[j];

        donor_ids(&o);
        if (o.code == OP_END) {
            if (!open)
                continue;
            open = 0;
        } else if (o.code == OP_ON) {
            if (open)
                op_init(&run[m++], OP_END);
            open = has_block = 1;
        }
        run[m++] = o;
    }
    if (open)
        op_init(&run[m++], OP_END);
    if (m == 0 || dst->nops + m > PROG_MAX_OPS)
        return 0;
    pos = has_block ? top[mut__below(c, prog_top_positions(dst, top))]
                    : mut__below(c, dst->nops + 1);
    if (mut__chance(c, dst->nops > 64 ? 2 : 1, 3)) {
        drop = mut__below(c, m + 1);
        prog_close_gap(dst, pos, drop < dst->nops - pos ? drop : dst->nops - pos);
    }
    prog_insert(dst, pos, run, m);
    mut__stats.crossovers++;
    mut__commit(c, dst);
    return 1;
}
