/*
 * normalize.c - makes an edited program valid again, the way the decoder
 * would read it.
 *
 * A mutation (mutations.c, splice.c) edits a struct program freely: it may
 * move a name's use above its binding, leave a block open, bind a new name
 * with a made-up raw id or splice in a donor's ids. mut__commit() then
 * rewrites it as the valid program closest to it: slots renumbered in
 * binding order, a use whose name is no longer bound above it renamed to
 * one that is (an object of the kind the op wants when there is one,
 * chosen with generate.c's mut__choose()), options masked to what the op
 * accepts with values in the schema's ranges (options.def), blocks closed
 * and never nested, at most PROG_MAX_OPS ops. So every mutation applies to
 * any valid program, and output.c's bytes decode to exactly the program
 * meant.
 *
 * Normalizing is incremental: the ops an edit left alone before and after
 * it (mut__common_prefix(), mut__common_suffix() against the last program
 * normalized) are not looked at again when that cannot change them. Builds
 * without NDEBUG check every commit against a normalization from scratch.
 */
#include <string.h>

#include "edit.h"
#include "mut_internal.h"

static struct program scratch; /* the last program normalized, copied back by mut__commit() */

/* Brings the value of the first option of `present` (OPT_* bits that *o
 * carries, of one field) that has a range into that range, as the decoder
 * reads it (options.def): a value outside lo..lo+count-1 becomes
 * lo + value % count. Options without a range keep any value. */
static void keep_in_range(struct op *o, uint32_t present)
{
    const struct opt_info *oi;
    uint32_t v;
    int i;

    for (; present != 0; present &= present - 1) {
        i = mut__option_index(mut__lowest_bit(present));
        oi = &prog_options[i];
        if (oi->count == 0)
            continue;
        v = opt_get(o, i);
        if (v - oi->lo >= oi->count)
            opt_set(o, i, oi->lo + v % oi->count);
        return;
    }
}

/* Makes the values of *o ones the decoder could give: options masked to
 * what the op accepts, one fail-alloc mode, an irql level and a block's
 * callback kind in range, option values in their schema's ranges, and
 * every field no option or operand uses zeroed (level, num, seed, line;
 * slots are left to normalize()). */
static void clean_values(struct op *o)
{
    enum op_arg a = op_arg((enum op_code)o->code);

    o->opts &= op_options((enum op_code)o->code);
    if (o->code == OP_FAIL_ALLOC) {
        uint32_t modes = o->opts & OPT_FAIL_MODES;
        uint32_t mode = modes != 0 ? mut__lowest_bit(modes) : OPT_OFF;

        o->opts = mode | (mode == OPT_PERCENT ? o->opts & OPT_SEED : 0);
    }
    if (a == ARG_LEVEL)
        o->level %= 3;
    else if (a == ARG_BLOCK)
        o->level %= BLOCK__COUNT;
    else if (o->opts & MUT__LEVEL_OPTS)
        keep_in_range(o, o->opts & MUT__LEVEL_OPTS);
    else
        o->level = 0;
    if (o->opts & MUT__NUM_OPTS)
        keep_in_range(o, o->opts & MUT__NUM_OPTS);
    else
        o->num = 0;
    if (!(o->opts & MUT__SEED_OPTS))
        o->seed = 0;
    o->line = 0;
}

/* The slot a use of raw id `raw` names, with n slots bound so far (map:
 * raw id to slot; owner: the op that last bound each slot): the one raw is
 * bound to, or, when it is not bound above this op any more, one that is
 * (of the kind `want` when there is one). Returns the slot. */
static uint16_t use_slot(struct mut__ctx *c, const uint16_t *map, const uint8_t *owner,
                         uint32_t n, uint16_t raw, enum op_code want)
{
    if (raw < MUT__ID_SPACE && map[raw] != SLOT_NONE)
        return map[raw];
    mut__stats.repaired++;
    return (uint16_t)mut__choose(c, owner, 0, n, want);
}

/* The slot a create op `code` with raw target `raw` binds, *n slots bound
 * so far: the slot raw is bound to (a rebinding), else a new one (else, with
 * every slot taken, an existing one other than $driver, as the decoder
 * does). Records the binding in map and owner. Returns the slot. */
static uint16_t bind_slot(struct mut__ctx *c, uint16_t *map, uint8_t *owner, uint32_t *n,
                          uint16_t raw, uint8_t code)
{
    uint16_t s = raw < MUT__ID_SPACE ? map[raw] : SLOT_NONE;

    if (s == SLOT_NONE || s == SLOT_DRIVER) {
        if (*n < PROG_MAX_SLOTS)
            s = (uint16_t)(*n)++;
        else
            s = (uint16_t)(1 + mut__below(c, *n - 1));
        if (raw < MUT__ID_SPACE && raw != SLOT_DRIVER)
            map[raw] = s;
    }
    owner[s] = code;
    return s;
}

/* Whether map binds the raw ids of a valid program's first n slots to
 * themselves and no other raw id below PROG_MAX_SLOTS: the bindings a
 * valid program has before an op that sees n slots. */
static int slots_canonical(const uint16_t *map, uint32_t n)
{
    uint32_t r;

    for (r = 0; r < PROG_MAX_SLOTS; r++)
        if (map[r] != (r < n ? r : SLOT_NONE))
            return 0;
    return 1;
}

/* How many ops appending op `code` to a valid program takes, a block open
 * or not: an `on` closes the open block first and needs its own `end`; an
 * op inside a block needs room for the block's `end` after it. The
 * decoder keeps to the same rule. */
static uint32_t ops_needed(uint8_t code, int in_block)
{
    if (code == OP_ON)
        return in_block ? 3 : 2;
    return in_block && code != OP_END ? 2 : 1;
}

/* Writes into *dst the valid program closest to *src, as described at the
 * top of this file: the decoder's block and room rules (ops_needed()), slots renumbered in
 * binding order, uses of names not bound above them renamed, values
 * cleaned. A valid program comes out unchanged (but for lines). Names are
 * left to the caller.
 *
 * *dst may hold a valid program already (the last one normalized) that
 * *src is an edit of: `from` first ops and `tail` last ops the same. Those
 * first ops are kept as they are, and only the bindings and the open block
 * they leave are read from them. The last ops are copied as they are when
 * the edit left them with the same slots bound and the same block open as
 * before, since they would then come out as they went in. Either way
 * normalizing them again would give them back unchanged and draw nothing
 * at random, so the result is the same as from scratch. Returns how many
 * last ops were copied so (0 when the edit did change their bindings). */
static uint32_t normalize(struct mut__ctx *c, const struct program *src, struct program *dst,
                          uint32_t from, uint32_t tail)
{
    uint16_t map[MUT__ID_SPACE];
    uint8_t owner[PROG_MAX_SLOTS];
    uint32_t n = 1, i, old_n, old_nslots = dst->nslots, stop = src->nops - tail;
    int in_block = 0, old_in_block;

    for (i = 0; i < MUT__ID_SPACE; i++)
        map[i] = SLOT_NONE;
    map[SLOT_DRIVER] = SLOT_DRIVER;
    owner[SLOT_DRIVER] = OP_DRIVER_CREATE;
    for (i = 0; i < from; i++) {
        const struct op *o = &src->ops[i];

        if (mut__binds_name(o)) {
            if (o->target >= n)
                n = o->target + 1u;
            map[o->target] = o->target;
            owner[o->target] = o->code;
        }
        in_block = mut__open_after(o, in_block);
    }
    /* what the last ops of the old program had bound and open before them */
    old_n = n;
    old_in_block = in_block;
    for (i = from; tail != 0 && i < dst->nops - tail; i++) {
        const struct op *o = &dst->ops[i];

        if (mut__binds_name(o) && o->target >= old_n)
            old_n = o->target + 1u;
        old_in_block = mut__open_after(o, old_in_block);
    }
    dst->nops = from;
    for (i = from; i < src->nops; i++) {
        struct op o = src->ops[i];
        enum op_arg a;

        if (i == stop && n == old_n && in_block == old_in_block &&
            dst->nops + tail <= PROG_MAX_OPS && slots_canonical(map, n)) {
            memcpy(&dst->ops[dst->nops], &src->ops[i], tail * sizeof src->ops[0]);
            dst->nops += tail;
            dst->nslots = old_nslots;
            return tail;
        }

        if (!op_in((enum op_code)o.code, PROG_API) || (o.code == OP_END && !in_block))
            continue;
        if (dst->nops + ops_needed(o.code, in_block) > PROG_MAX_OPS)
            break;
        if (o.code == OP_ON && in_block)
            prog_append_end(dst);
        clean_values(&o);
        a = op_arg((enum op_code)o.code);
        if (o.opts & OPT_SLOTS)
            o.arg = use_slot(c, map, owner, n, o.arg, mut__want_owner(&o, MUT__WHICH_PARENT));
        else if (a != ARG_OBJ2)
            o.arg = SLOT_NONE;
        switch (a) {
        case ARG_NONE:
        case ARG_LEVEL:
        case ARG_ENVREF: /* not an api op: dropped above */
        case ARG_REGVALUE:
            o.target = SLOT_NONE;
            break;
        case ARG_BIND:
            o.target = o.code == OP_DRIVER_CREATE ? SLOT_DRIVER
                                                  : bind_slot(c, map, owner, &n, o.target, o.code);
            break;
        case ARG_OBJ:
        case ARG_BLOCK:
            o.target = use_slot(c, map, owner, n, o.target,
                                mut__want_owner(&o, MUT__WHICH_TARGET));
            break;
        case ARG_OBJ2:
            o.target = use_slot(c, map, owner, n, o.target,
                                mut__want_owner(&o, MUT__WHICH_TARGET));
            o.arg = use_slot(c, map, owner, n, o.arg, OP__COUNT);
            break;
        case ARG_OPTOBJ:
            if (o.target != SLOT_NONE)
                o.target = use_slot(c, map, owner, n, o.target,
                                    mut__want_owner(&o, MUT__WHICH_TARGET));
            break;
        }
        in_block = mut__open_after(&o, in_block);
        dst->ops[dst->nops++] = o;
    }
    if (in_block)
        prog_append_end(dst);
    dst->nslots = n;
    return 0;
}

/* Whether ops x and y are the same, field by field (their padding is not
 * theirs to compare), lines aside. */
static int op_same(const struct op *x, const struct op *y)
{
    return x->code == y->code && x->level == y->level && x->target == y->target &&
           x->arg == y->arg && x->opts == y->opts && x->num == y->num && x->seed == y->seed;
}

/* op_same(), lines included: an op from a text keeps its line until
 * normalized, so it is not yet the normalized one. */
static int op_equal(const struct op *x, const struct op *y)
{
    return op_same(x, y) && x->line == y->line;
}

/* Whether programs a and b have the same ops (lines aside) and slots. */
int mut__same_ops(const struct program *a, const struct program *b)
{
    uint32_t i;

    if (a->nops != b->nops || a->nslots != b->nslots)
        return 0;
    for (i = 0; i < a->nops; i++)
        if (!op_same(&a->ops[i], &b->ops[i]))
            return 0;
    return 1;
}

/* How many first ops programs a and b share. */
uint32_t mut__common_prefix(const struct program *a, const struct program *b)
{
    uint32_t i, n = a->nops < b->nops ? a->nops : b->nops;

    for (i = 0; i < n; i++)
        if (!op_equal(&a->ops[i], &b->ops[i]))
            break;
    return i;
}

/* How many last ops programs a and b share, not counting their first `from`. */
uint32_t mut__common_suffix(const struct program *a, const struct program *b, uint32_t from)
{
    uint32_t k, n = (a->nops < b->nops ? a->nops : b->nops) - from;

    for (k = 0; k < n; k++)
        if (!op_equal(&a->ops[a->nops - 1 - k], &b->ops[b->nops - 1 - k]))
            break;
    return k;
}

/* Makes the edited program *p valid again (normalize() through scratch),
 * with canonical names (empty: see prog_name()); raw ids start afresh.
 * Without NDEBUG, every commit is checked against a normalization of the
 * whole program (a difference counts as a mismatch). */
void mut__commit(struct mut__ctx *c, struct program *p)
{
    /* scratch holds the last program normalize() wrote, a valid one: the ops
     * *p shares with it before and after the edit need no second look */
    uint32_t s, from = mut__common_prefix(p, &scratch), kept;
    uint32_t tail = mut__common_suffix(p, &scratch, from);
#ifndef NDEBUG
    static struct program whole;
    struct mut__ctx c0 = *c;

    whole.nops = 0;
    normalize(&c0, p, &whole, 0, 0);
#endif
    kept = normalize(c, p, &scratch, from, tail);
#ifndef NDEBUG
    if (!mut__same_ops(&whole, &scratch) || c0.rng != c->rng)
        mut__stats.mismatches++;
#endif
    if (scratch.nops != p->nops)
        kept = 0; /* ops were dropped or added: the last ones moved */
    /* the last `kept` ops of *p are already those of scratch */
    memcpy(p->ops + from, scratch.ops + from, (scratch.nops - kept - from) * sizeof p->ops[0]);
    p->nops = scratch.nops;
    p->nslots = scratch.nslots;
    for (s = 0; s < p->nslots; s++)
        p->names[s][0] = '\0';
    c->fresh = (uint16_t)MUT__ID_FRESH;
}
