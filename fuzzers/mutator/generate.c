/*
 * generate.c - what the mutator makes anew: ops, their operands, their
 * options and the options' values.
 *
 * The mutations (mutations.c) ask here for a new op at a position of a
 * program (insert-op, the body of insert-block), for another name for an
 * operand (change-operand) or a new value of an option (change-option).
 * Every choice leans toward what breaks unload paths: operands are
 * mostly objects of the kind the op wants (a timer for timer-fire, the
 * driver for miniport-unload), tags reuse the program's own, sizes, times
 * and fault counts come from short lists of values that matter. Where an
 * option's values only have to be in range (site=, pool=, exec=, init=),
 * the range is the schema's (options.def). The names offered are the ones
 * bound at the position (mut__bound_at()); normalize.c repairs what an
 * edit moves out of their reach, choosing its repairs here too.
 */
#include "edit.h"
#include "mut_internal.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* How often (in eighths) a new op gets each option; parent= is
 * special-cased in gen_options(), a fail-alloc's mode is drawn by
 * fail_mode_weight, and seed= goes with percent= only. */
static const uint8_t option_eighths[OPT__COUNT] = {
    [OPTI_CLEANUP] = 4, [OPTI_DESTROY] = 3, [OPTI_CONTEXT] = 3, [OPTI_ATTACHED] = 2,
    [OPTI_UNLOAD_CALLBACK] = 6, [OPTI_WAIT] = 4, [OPTI_PARENT] = 3, [OPTI_SIZE] = 3,
    [OPTI_POOL] = 3, [OPTI_PERIOD] = 3, [OPTI_EXEC] = 3, [OPTI_INIT] = 2, [OPTI_DUE] = 4,
    [OPTI_TIMEOUT] = 3, [OPTI_TAG] = 3, [OPTI_ENTRY_FAILED] = 3, [OPTI_STATUS] = 5,
    [OPTI_ACTION] = 5, [OPTI_SYNC] = 3, [OPTI_DEVICE] = 8, [OPTI_FROM] = 8, [OPTI_SCOPE] = 2,
};

/* How often each fail-alloc mode (OPT_FAIL_MODES) is drawn: nth= and site=
 * most, then after=, percent=, off. */
static const uint8_t fail_mode_weight[OPT__COUNT] = {
    [OPTI_NTH] = 30, [OPTI_AFTER] = 20, [OPTI_SITE] = 25, [OPTI_PERCENT] = 15, [OPTI_OFF] = 10,
};

/* Values worth trying for the numeric options. */
static const uint32_t size_values[] = {
    0, 1, 8, 64, 256, 4096, 8192, 65536, 0x7FFFFFFFu, 0xFFFFFFFFu,
};
static const uint32_t time_values[] = {0, 1, 5, 10, 50, 1000, 0xFFFFFFFFu};
static const uint32_t percent_values[] = {0, 1, 10, 30, 50, 90, 100};

/* The kind of object that naturally fills operand `which` of *o: the
 * create op that makes it (a timer for timer-fire, the driver for
 * miniport-unload and unload blocks, a device for a timer's parent), or
 * OP__COUNT when any object will do. */
enum op_code mut__want_owner(const struct op *o, enum mut__which which)
{
    if (which == MUT__WHICH_PARENT)
        return o->code == OP_TIMER_CREATE || o->code == OP_WORKITEM_CREATE ||
                       o->code == OP_DEVICE_IO_TARGET || o->code == OP_IOTARGET_CREATE ||
                       o->code == OP_DPC_CREATE
                   ? OP_MINIPORT_DEVICE_CREATE
               : o->code == OP_MEMORY_FROM_LOOKASIDE ? OP_LOOKASIDE_CREATE
                                                     : OP__COUNT;
    if (which == MUT__WHICH_ITEM)
        return o->code == OP_REQUEST_FORMAT || o->code == OP_REQUEST_SEND ? OP_DEVICE_IO_TARGET
                                                                          : OP__COUNT;
    switch (o->code) {
    case OP_TIMER_START:
    case OP_TIMER_STOP:
    case OP_TIMER_FIRE:
        return OP_TIMER_CREATE;
    case OP_WORKITEM_ENQUEUE:
    case OP_WORKITEM_FLUSH:
    case OP_WORKITEM_RUN:
        return OP_WORKITEM_CREATE;
    case OP_SPINLOCK_ACQUIRE:
    case OP_SPINLOCK_RELEASE:
        return OP_SPINLOCK_CREATE;
    case OP_WAITLOCK_ACQUIRE:
    case OP_WAITLOCK_RELEASE:
        return OP_WAITLOCK_CREATE;
    case OP_COLLECTION_ADD:
    case OP_COLLECTION_REMOVE:
        return OP_COLLECTION_CREATE;
    case OP_MINIPORT_UNLOAD:
        return OP_DRIVER_CREATE;
    case OP_POOL_FREE:
        return OP_POOL_ALLOCATE;
    case OP_IOTARGET_OPEN:
    case OP_IOTARGET_OPEN_BY_NAME:
    case OP_IOTARGET_CLOSE:
        return OP_IOTARGET_CREATE;
    case OP_IOTARGET_START:
    case OP_IOTARGET_STOP:
    case OP_IOTARGET_PURGE:
    case OP_IOCTL_SYNC:
        return OP_DEVICE_IO_TARGET;
    case OP_REQUEST_FORMAT:
    case OP_REQUEST_SEND:
    case OP_REQUEST_REUSE:
    case OP_REQUEST_CANCEL:
    case OP_REQUEST_COMPLETE:
        return OP_REQUEST_CREATE;
    case OP_OBJECT_ACQUIRE_LOCK:
    case OP_OBJECT_RELEASE_LOCK:
        return OP_MINIPORT_DEVICE_CREATE;
    case OP_DPC_ENQUEUE:
    case OP_DPC_CANCEL:
    case OP_DPC_RUN:
        return OP_DPC_CREATE;
    case OP_REGISTRY_QUERY:
    case OP_REGISTRY_CLOSE:
        return OP_REGISTRY_OPEN;
    case OP_ON:
        return o->level == BLOCK_TIMER      ? OP_TIMER_CREATE
               : o->level == BLOCK_WORKITEM ? OP_WORKITEM_CREATE
               : o->level == BLOCK_UNLOAD   ? OP_DRIVER_CREATE
               : o->level == BLOCK_COMPLETION ? OP_REQUEST_CREATE
               : o->level == BLOCK_DPC      ? OP_DPC_CREATE
                                            : OP__COUNT;
    default:
        return OP__COUNT;
    }
}

/* Chooses one of names lo..n-1 whose binding ops are codes[]: three times
 * in four one made by `want` when there is one (want OP__COUNT: any),
 * else any. Returns its index; n must be above lo. */
uint32_t mut__choose(struct mut__ctx *c, const uint8_t *codes, uint32_t lo, uint32_t n,
                     enum op_code want)
{
    uint32_t matches = 0, i, k;

    if (want != OP__COUNT && !mut__chance(c, 1, 4)) {
        for (i = lo; i < n; i++)
            matches += codes[i] == want;
        if (matches != 0) {
            k = mut__below(c, matches);
            for (i = lo; i < n; i++)
                if (codes[i] == want && k-- == 0)
                    return i;
        }
    }
    return lo + mut__below(c, n - lo);
}

/* Fills *b with the names bound by the ops before position pos of p. */
void mut__bound_at(const struct program *p, uint32_t pos, struct mut__bound *b)
{
    uint16_t where[MUT__ID_SPACE];
    uint32_t i;

    for (i = 0; i < MUT__ID_SPACE; i++)
        where[i] = SLOT_NONE;
    b->n = 1;
    b->id[0] = SLOT_DRIVER;
    b->code[0] = OP_DRIVER_CREATE;
    where[SLOT_DRIVER] = 0;
    for (i = 0; i < pos && i < p->nops; i++) {
        const struct op *o = &p->ops[i];

        if (!mut__binds_name(o) || o->target >= MUT__ID_SPACE || o->target == SLOT_DRIVER)
            continue;
        if (where[o->target] == SLOT_NONE) {
            where[o->target] = (uint16_t)b->n;
            b->id[b->n++] = o->target;
        }
        b->code[where[o->target]] = o->code;
    }
}

/* Whether raw id `id` is among the names in *b. */
int mut__is_bound(const struct mut__bound *b, uint16_t id)
{
    uint32_t i;

    for (i = 0; i < b->n; i++)
        if (b->id[i] == id)
            return 1;
    return 0;
}

/* A name of *b for operand `which` of *o (see mut__want_owner()), not
 * $driver when no_driver: a create op rebinds a name of its own kind.
 * Returns its raw id, or SLOT_NONE when there is none. */
uint16_t mut__pick_name(struct mut__ctx *c, const struct mut__bound *b, const struct op *o,
                        enum mut__which which, int no_driver)
{
    uint32_t lo = no_driver ? 1 : 0;
    enum op_code want = which == MUT__WHICH_TARGET && mut__binds_name(o)
                            ? (enum op_code)o->code
                            : mut__want_owner(o, which);

    if (b->n <= lo)
        return SLOT_NONE;
    return b->id[mut__choose(c, b->code, lo, b->n, want)];
}

/* mut__pick_name(), but a name other than `cur` whenever there is one:
 * twice by mut__pick_name()'s odds, then any other. Returns its raw id
 * (cur when it is the only candidate, SLOT_NONE when there is none). */
uint16_t mut__pick_other(struct mut__ctx *c, const struct mut__bound *b, const struct op *o,
                         enum mut__which which, int no_driver, uint16_t cur)
{
    uint32_t lo = no_driver ? 1 : 0, i, k, others = 0;
    uint16_t id = SLOT_NONE;

    for (i = 0; i < 2; i++) {
        id = mut__pick_name(c, b, o, which, no_driver);
        if (id != cur)
            return id;
    }
    for (i = lo; i < b->n; i++)
        others += b->id[i] != cur;
    if (others == 0)
        return id;
    k = mut__below(c, others);
    for (i = lo; i < b->n; i++)
        if (b->id[i] != cur && k-- == 0)
            return b->id[i];
    return id;
}

/* A raw id no op of the program being edited uses (SLOT_NONE when they
 * are used up: normalizing then binds a new slot all the same). */
uint16_t mut__fresh_id(struct mut__ctx *c)
{
    return c->fresh < MUT__ID_SPACE ? c->fresh++ : SLOT_NONE;
}

/* A tag: half the time one the program already uses (so references and
 * dereferences pair up or miss each other), else a small one. */
static uint32_t gen_tag(struct mut__ctx *c, const struct program *p)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < p->nops; i++)
        n += (p->ops[i].opts & OPT_TAG) != 0;
    if (n != 0 && mut__chance(c, 1, 2)) {
        k = mut__below(c, n);
        for (i = 0; i < p->nops; i++)
            if ((p->ops[i].opts & OPT_TAG) && k-- == 0)
                return p->ops[i].num;
    }
    return mut__below(c, 5);
}

/* Sets option i of *o to a value in its range (options.def), any one. */
static void gen_in_range(struct mut__ctx *c, int i, struct op *o)
{
    opt_set(o, i, prog_options[i].lo + mut__below(c, prog_options[i].count));
}

/* Sets the value of option `bit` of *o, an op at a position of p where the
 * names of *b are bound: values that matter (sizes around the model's
 * limits, due times 0 and long, the first allocations, boundary
 * percents), and any value in range for site=, pool=, exec= and init=. */
void mut__gen_value(struct mut__ctx *c, const struct program *p, const struct mut__bound *b,
                    uint32_t bit, struct op *o)
{
    switch (bit) {
    case OPT_PARENT:
    case OPT_DEVICE:
    case OPT_FROM:
        o->arg = mut__pick_name(c, b, o, MUT__WHICH_PARENT, 0);
        break;
    case OPT_SIZE:
        o->num = mut__chance(c, 3, 4) ? mut__one_of(c, size_values, COUNT_OF(size_values))
                                      : mut__below(c, 100000);
        break;
    case OPT_PERIOD:
    case OPT_DUE:
    case OPT_TIMEOUT:
        o->num = mut__one_of(c, time_values, COUNT_OF(time_values));
        break;
    case OPT_TAG:
        o->num = gen_tag(c, p);
        break;
    case OPT_NTH:
        o->num = 1 + mut__below(c, 8);
        break;
    case OPT_AFTER:
        o->num = mut__below(c, 8);
        break;
    case OPT_PERCENT:
        if (mut__chance(c, 1, 2))
            o->num = mut__one_of(c, percent_values, COUNT_OF(percent_values));
        else
            gen_in_range(c, OPTI_PERCENT, o);
        break;
    case OPT_SEED:
        o->seed = mut__rnd(c);
        break;
    case OPT_SITE:
    case OPT_POOL:
    case OPT_EXEC:
    case OPT_INIT:
        gen_in_range(c, mut__option_index(bit), o);
        break;
    default: /* flags carry no value */
        break;
    }
}

/* Gives the fail-alloc op *o the mode `mode` (a bit of OPT_FAIL_MODES) with
 * a new value, and half the time a seed with percent=. */
void mut__set_fail_mode(struct mut__ctx *c, const struct program *p, const struct mut__bound *b,
                        uint32_t mode, struct op *o)
{
    o->opts = mode;
    o->num = 0;
    o->seed = 0;
    mut__gen_value(c, p, b, mode, o);
    if (mode == OPT_PERCENT && mut__chance(c, 1, 2)) {
        o->opts |= OPT_SEED;
        mut__gen_value(c, p, b, OPT_SEED, o);
    }
}

/* A fail-alloc mode (a bit of OPT_FAIL_MODES), drawn by fail_mode_weight. */
uint32_t mut__gen_fail_mode(struct mut__ctx *c)
{
    return 1u << mut__weighted(c, fail_mode_weight, OPT__COUNT);
}

/* Gives the new op *o options, each with the odds of option_eighths (a
 * timer's or work item's parent= nearly always, since they need one). */
static void gen_options(struct mut__ctx *c, const struct program *p, const struct mut__bound *b,
                        struct op *o)
{
    uint32_t accepted = op_options((enum op_code)o->code), rest, bit;

    if (o->code == OP_FAIL_ALLOC) {
        mut__set_fail_mode(c, p, b, mut__gen_fail_mode(c), o);
        return;
    }
    for (rest = accepted; rest != 0; rest &= rest - 1) {
        uint32_t odds;

        bit = mut__lowest_bit(rest);
        odds = option_eighths[mut__option_index(bit)];
        if (bit == OPT_PARENT)
            odds = mut__want_owner(o, MUT__WHICH_PARENT) != OP__COUNT ? 7 : 3;
        if (mut__chance(c, odds, 8)) {
            o->opts |= bit;
            mut__gen_value(c, p, b, bit, o);
        }
    }
}

/* Makes *o a new op for position pos of p, drawn with the weights w
 * (mutations.c: insert_weight or body_weight), with operands among the names bound
 * there: a create op binds a new name three times in four, else rebinds
 * one of its own kind. */
void mut__gen_op(struct mut__ctx *c, const struct program *p, uint32_t pos, const uint8_t *w,
                 struct op *o)
{
    static const uint8_t irql_weight[3] = {1, 1, 2}; /* dispatch most */
    struct mut__bound b;

    mut__bound_at(p, pos, &b);
    op_init(o, (enum op_code)mut__weighted(c, w, OP__COUNT));
    switch (op_arg((enum op_code)o->code)) {
    case ARG_BIND:
        if (o->code == OP_DRIVER_CREATE)
            o->target = SLOT_DRIVER;
        else if (b.n > 1 && mut__chance(c, 1, 4))
            o->target = mut__pick_name(c, &b, o, MUT__WHICH_TARGET, 1);
        else
            o->target = mut__fresh_id(c);
        break;
    case ARG_OBJ:
        o->target = mut__pick_name(c, &b, o, MUT__WHICH_TARGET, 0);
        break;
    case ARG_OBJ2:
        o->target = mut__pick_name(c, &b, o, MUT__WHICH_TARGET, 0);
        o->arg = mut__pick_name(c, &b, o, MUT__WHICH_ITEM, 0);
        break;
    case ARG_OPTOBJ:
        if (mut__chance(c, 1, 4))
            o->target = mut__pick_name(c, &b, o, MUT__WHICH_TARGET, 0);
        break;
    case ARG_LEVEL:
        o->level = (uint8_t)mut__weighted(c, irql_weight, 3);
        break;
    case ARG_NONE:
    case ARG_BLOCK:
    case ARG_ENVREF: /* driver programs' ops: their weights are 0 */
    case ARG_REGVALUE:
        break;
    }
    gen_options(c, p, &b, o);
}
