/*
 * mutations.c - the ten mutations of a decoded program, and the choice of
 * which to apply.
 *
 * Each mutation edits the program with harness/program/edit.h's
 * primitives and may leave it invalid (a name used above its binding, a
 * block left open); mut__apply_kind() then hands it to normalize.c, which
 * makes it valid again, so a mutation only has to make sense, not to be
 * careful. New ops, names and values come from generate.c. The weights
 * here say what the mutator leans toward: inserting ops and blocks of the
 * unload path, changing options and operands, and deleting more the longer
 * a program grows, so programs stay quick to run. mutator.c stacks 1 to
 * MUT_MAX_STACK of them on each input; splice.c is the crossover.
 */
#include <string.h>

#include "edit.h"
#include "mut_internal.h"

#define BODY_MAX 3   /* ops insert-block puts in its new block */
#define PICK_TRIES 8 /* kinds one stacked mutation tries before giving up */

static struct op block_copy[PROG_MAX_OPS]; /* duplicate-block's copy */

/* How often each kind is picked for a stacked mutation. */
static const uint8_t kind_weight[MUT__COUNT] = {
    [MUT_INSERT_OP] = 20, [MUT_DELETE_OP] = 12, [MUT_SWAP_OPS] = 8, [MUT_DUPLICATE_OP] = 8,
    [MUT_DUPLICATE_BLOCK] = 4, [MUT_INSERT_BLOCK] = 12, [MUT_MOVE_INTO_BLOCK] = 5,
    [MUT_MOVE_OUT_OF_BLOCK] = 5, [MUT_CHANGE_OPERAND] = 12, [MUT_CHANGE_OPTION] = 14,
};

/* How often insert-op picks each op. The unload path's ops (unloads,
 * deletes, dereferences, IRQL changes, allocation faults, the dispose work
 * item, timers firing, work items and DPCs running, the lower device
 * completing, targets stopping) make up over half; on and end never
 * (insert-block makes those). */
static const uint8_t insert_weight[OP__COUNT] = {
    [OP_DRIVER_CREATE] = 1, [OP_MINIPORT_DEVICE_CREATE] = 2, [OP_OBJECT_CREATE] = 3,
    [OP_MEMORY_CREATE] = 1, [OP_TIMER_CREATE] = 3, [OP_TIMER_START] = 3, [OP_TIMER_STOP] = 3,
    [OP_WORKITEM_CREATE] = 3, [OP_WORKITEM_ENQUEUE] = 3, [OP_WORKITEM_FLUSH] = 2,
    [OP_SPINLOCK_CREATE] = 1, [OP_SPINLOCK_ACQUIRE] = 2, [OP_SPINLOCK_RELEASE] = 2,
    [OP_WAITLOCK_CREATE] = 1, [OP_WAITLOCK_ACQUIRE] = 1, [OP_WAITLOCK_RELEASE] = 1,
    [OP_COLLECTION_CREATE] = 1, [OP_COLLECTION_ADD] = 1, [OP_COLLECTION_REMOVE] = 1,
    [OP_CONTEXT_ALLOCATE] = 2, [OP_REFERENCE] = 3, [OP_DEREFERENCE] = 10, [OP_DELETE] = 14,
    [OP_MINIPORT_UNLOAD] = 12, [OP_IRQL] = 6, [OP_FAIL_ALLOC] = 10, [OP_RUN_DEFERRED] = 8,
    [OP_TIMER_FIRE] = 6, [OP_WORKITEM_RUN] = 6, [OP_POOL_ALLOCATE] = 2, [OP_POOL_FREE] = 3,
    [OP_IMAGE_UNLOAD] = 4, [OP_FOLLOW_DOCUMENTATION] = 1, [OP_DEVICE_IO_TARGET] = 2,
    [OP_IOTARGET_CREATE] = 1, [OP_IOTARGET_OPEN] = 1, [OP_IOTARGET_START] = 1,
    [OP_IOTARGET_STOP] = 4, [OP_IOTARGET_PURGE] = 1, [OP_IOTARGET_CLOSE] = 1,
    [OP_REQUEST_CREATE] = 2, [OP_REQUEST_FORMAT] = 2, [OP_REQUEST_SEND] = 3,
    [OP_REQUEST_REUSE] = 1, [OP_REQUEST_CANCEL] = 1, [OP_REQUEST_COMPLETE] = 6,
    [OP_IOCTL_SYNC] = 1, [OP_MEMORY_PREALLOCATED] = 1, [OP_OBJECT_ACQUIRE_LOCK] = 1,
    [OP_OBJECT_RELEASE_LOCK] = 1, [OP_LOWER_DEVICE] = 2, [OP_DPC_CREATE] = 2,
    [OP_DPC_ENQUEUE] = 2, [OP_DPC_CANCEL] = 2, [OP_DPC_RUN] = 6, [OP_STRING_CREATE] = 1,
    [OP_REGISTRY_OPEN] = 1, [OP_REGISTRY_QUERY] = 1, [OP_REGISTRY_CLOSE] = 1,
    [OP_LOOKASIDE_CREATE] = 1, [OP_MEMORY_FROM_LOOKASIDE] = 1, [OP_IOTARGET_OPEN_BY_NAME] = 1,
};

/* How often insert-block picks each op for the body of a callback: what
 * goes wrong inside cleanup, destroy, unload, timer and work item callbacks
 * (deleting, dereferencing, unloading, stopping or flushing oneself,
 * waiting, locking, raising the IRQL). Timers firing and work items
 * running inside a callback are rare: a timer block firing its own timer
 * runs to the interpreter's bound of 4096 ops, slowing every execution. */
static const uint8_t body_weight[OP__COUNT] = {
    [OP_OBJECT_CREATE] = 2, [OP_MEMORY_CREATE] = 1, [OP_TIMER_CREATE] = 1, [OP_TIMER_START] = 3,
    [OP_TIMER_STOP] = 5, [OP_WORKITEM_CREATE] = 1, [OP_WORKITEM_ENQUEUE] = 4,
    [OP_WORKITEM_FLUSH] = 4, [OP_SPINLOCK_ACQUIRE] = 3, [OP_SPINLOCK_RELEASE] = 2,
    [OP_WAITLOCK_ACQUIRE] = 3, [OP_WAITLOCK_RELEASE] = 2, [OP_COLLECTION_ADD] = 1,
    [OP_COLLECTION_REMOVE] = 1, [OP_CONTEXT_ALLOCATE] = 1, [OP_REFERENCE] = 2,
    [OP_DEREFERENCE] = 6, [OP_DELETE] = 8, [OP_MINIPORT_UNLOAD] = 5, [OP_IRQL] = 4,
    [OP_FAIL_ALLOC] = 2, [OP_RUN_DEFERRED] = 3, [OP_TIMER_FIRE] = 1, [OP_WORKITEM_RUN] = 1,
    [OP_POOL_FREE] = 2, [OP_IOTARGET_STOP] = 3, [OP_REQUEST_SEND] = 3, [OP_REQUEST_REUSE] = 2,
    [OP_REQUEST_FORMAT] = 2, [OP_REQUEST_CANCEL] = 2, [OP_IOCTL_SYNC] = 1,
    [OP_OBJECT_ACQUIRE_LOCK] = 2, [OP_OBJECT_RELEASE_LOCK] = 2, [OP_DPC_ENQUEUE] = 2,
    [OP_DPC_CANCEL] = 3, [OP_DPC_RUN] = 1, [OP_REGISTRY_CLOSE] = 1,
};

/* How often insert-block picks each callback kind: cleanup, destroy and
 * unload (the unload path) most. */
static const uint8_t block_weight[BLOCK__COUNT] = {
    [BLOCK_CLEANUP] = 36, [BLOCK_DESTROY] = 20, [BLOCK_UNLOAD] = 10, [BLOCK_TIMER] = 15,
    [BLOCK_WORKITEM] = 15, [BLOCK_COMPLETION] = 5, [BLOCK_DPC] = 5,
};

/* Which ops collect() gathers. */
enum gather {
    G_PLAIN,     /* every op but on and end */
    G_TOP_PLAIN, /* ops outside blocks (on and end excluded) */
    G_BODY,      /* ops inside blocks (on and end excluded) */
    G_ON         /* the `on` of every block */
};

/* Fills idx[] with the indices of p's ops of group g. Returns how many. */
static uint32_t collect(const struct program *p, enum gather g, uint16_t *idx)
{
    uint32_t i, n = 0;
    int in_block = 0;

    for (i = 0; i < p->nops; i++) {
        const struct op *o = &p->ops[i];
        int take;

        if (o->code == OP_ON) {
            in_block = 1;
            take = g == G_ON;
        } else if (o->code == OP_END) {
            in_block = 0;
            take = 0;
        } else {
            take = g == G_PLAIN || (g == G_TOP_PLAIN && !in_block) || (g == G_BODY && in_block);
        }
        if (take)
            idx[n++] = (uint16_t)i;
    }
    return n;
}

/* insert-op: a new op anywhere. Returns 1, or 0 when p is full. */
static int m_insert_op(struct mut__ctx *c, struct program *p)
{
    struct op o;
    uint32_t pos;

    if (p->nops + 1 > PROG_MAX_OPS)
        return 0;
    pos = mut__below(c, p->nops + 1);
    mut__gen_op(c, p, pos, insert_weight, &o);
    prog_insert(p, pos, &o, 1);
    return 1;
}

/* delete-op: one op; when an `on` or `end` is picked, its whole block
 * (three times in four) or just the block's lines, leaving its body at the
 * top level. Returns 1, or 0 when p is empty. */
static int m_delete_op(struct mut__ctx *c, struct program *p)
{
    uint32_t i, on, end;

    if (p->nops == 0)
        return 0;
    i = mut__below(c, p->nops);
    if (mut__is_plain(&p->ops[i])) {
        prog_close_gap(p, i, 1);
        return 1;
    }
    on = p->ops[i].code == OP_ON ? i : prog_block_on(p, i);
    end = prog_block_end(p, on);
    if (end >= p->nops)
        return 0;
    if (mut__chance(c, 1, 4)) {
        prog_close_gap(p, end, 1);
        prog_close_gap(p, on, 1);
    } else {
        prog_close_gap(p, on, end - on + 1);
    }
    return 1;
}

/* swap-ops: two ordinary ops trade places. Returns 1, or 0 when p has
 * fewer than two. */
static int m_swap_ops(struct mut__ctx *c, struct program *p)
{
    uint16_t idx[PROG_MAX_OPS];
    uint32_t n = collect(p, G_PLAIN, idx), a, b;
    struct op t;

    if (n < 2)
        return 0;
    a = mut__below(c, n);
    b = (a + 1 + mut__below(c, n - 1)) % n;
    t = p->ops[idx[a]];
    p->ops[idx[a]] = p->ops[idx[b]];
    p->ops[idx[b]] = t;
    return 1;
}

/* duplicate-op: a copy of an ordinary op, right after it or anywhere (a
 * create op's copy rebinds its name). Returns 1, or 0 when there is none or
 * p is full. */
static int m_duplicate_op(struct mut__ctx *c, struct program *p)
{
    uint16_t idx[PROG_MAX_OPS];
    uint32_t n = collect(p, G_PLAIN, idx), i, pos;

    if (n == 0 || p->nops + 1 > PROG_MAX_OPS)
        return 0;
    i = idx[mut__below(c, n)];
    pos = mut__chance(c, 1, 2) ? i + 1 : mut__below(c, p->nops + 1);
    prog_insert(p, pos, &p->ops[i], 1);
    return 1;
}

/* One of the n positions pos[] (ascending): three times in four one at or
 * after `from` when there is one (names bound above the original stay
 * bound above a copy or a moved op), else any. Returns it. */
static uint32_t below_or_anywhere(struct mut__ctx *c, const uint16_t *pos, uint32_t n,
                                  uint32_t from)
{
    uint32_t first = 0;

    while (first < n && pos[first] < from)
        first++;
    if (first < n && mut__chance(c, 3, 4))
        return pos[first + mut__below(c, n - first)];
    return pos[mut__below(c, n)];
}

/* duplicate-block: a copy of a whole block, at a top-level position (below
 * the original, mostly). Returns 1, or 0 when p has no block or no room
 * for it. */
static int m_duplicate_block(struct mut__ctx *c, struct program *p)
{
    uint16_t idx[PROG_MAX_OPS], top[PROG_MAX_OPS + 1];
    uint32_t n = collect(p, G_ON, idx), on, end, len, to;

    if (n == 0)
        return 0;
    on = idx[mut__below(c, n)];
    end = prog_block_end(p, on);
    len = end - on + 1;
    if (end >= p->nops || p->nops + len > PROG_MAX_OPS)
        return 0;
    memcpy(block_copy, &p->ops[on], len * sizeof p->ops[0]);
    to = below_or_anywhere(c, top, prog_top_positions(p, top), end + 1);
    prog_insert(p, to, block_copy, len);
    return 1;
}

/* Gives the create op behind the new block `on $id KIND` at position pos
 * of p the callback that runs it, three times in four: `cleanup` or
 * `destroy` on the op that last bound id above pos, `unload-callback` on a
 * driver-create (the last one above pos, else the first one below). Timers,
 * work items and sent requests always have their callbacks. */
static void enable_callback(struct mut__ctx *c, struct program *p, uint32_t pos, uint16_t id,
                            uint8_t kind)
{
    uint32_t bit, i, found = p->nops;

    if (kind == BLOCK_TIMER || kind == BLOCK_WORKITEM || kind == BLOCK_COMPLETION || kind == BLOCK_DPC ||
        !mut__chance(c, 3, 4))
        return;
    bit = kind == BLOCK_CLEANUP ? OPT_CLEANUP : kind == BLOCK_DESTROY ? OPT_DESTROY
                                                                      : OPT_UNLOAD_CALLBACK;
    for (i = 0; i < pos; i++) {
        const struct op *o = &p->ops[i];

        if ((kind == BLOCK_UNLOAD || id == SLOT_DRIVER) ? o->code == OP_DRIVER_CREATE
                                                        : mut__binds_name(o) && o->target == id)
            found = i;
    }
    for (i = pos; found == p->nops && kind == BLOCK_UNLOAD && i < p->nops; i++)
        if (p->ops[i].code == OP_DRIVER_CREATE)
            found = i;
    if (found < p->nops && (op_options((enum op_code)p->ops[found].code) & bit))
        p->ops[found].opts |= bit;
}

/* insert-block: `on $x KIND`, 1 to 3 new ops, `end`, at a top-level
 * position, for a name bound there (of the kind the callback belongs to,
 * mostly), with the callback switched on. Returns 1, or 0 when p has no
 * room for a block of one op. */
static int m_insert_block(struct mut__ctx *c, struct program *p)
{
    uint16_t top[PROG_MAX_OPS + 1];
    uint32_t k, pos, j;
    struct mut__bound b;
    struct op on, end, body;

    if (p->nops + 3 > PROG_MAX_OPS)
        return 0;
    k = 1 + mut__below(c, BODY_MAX);
    while (p->nops + 2 + k > PROG_MAX_OPS)
        k--;
    pos = top[mut__below(c, prog_top_positions(p, top))];
    mut__bound_at(p, pos, &b);
    op_init(&on, OP_ON);
    on.level = (uint8_t)mut__weighted(c, block_weight, BLOCK__COUNT);
    on.target = mut__pick_name(c, &b, &on, MUT__WHICH_TARGET, 0);
    enable_callback(c, p, pos, on.target, on.level);
    op_init(&end, OP_END);
    prog_insert(p, pos, &on, 1);
    prog_insert(p, pos + 1, &end, 1);
    for (j = 0; j < k; j++) {
        mut__gen_op(c, p, pos + 1 + j, body_weight, &body);
        prog_insert(p, pos + 1 + j, &body, 1);
    }
    return 1;
}

/* move-into-block: a top-level ordinary op moves into a block, anywhere in
 * its body. Returns 1, or 0 when p has no block or no such op. */
static int m_move_into_block(struct mut__ctx *c, struct program *p)
{
    uint16_t ons[PROG_MAX_OPS], tops[PROG_MAX_OPS];
    uint32_t non = collect(p, G_ON, ons), ntop = collect(p, G_TOP_PLAIN, tops), i, on, end;
    struct op o;

    if (non == 0 || ntop == 0)
        return 0;
    i = tops[mut__below(c, ntop)];
    on = ons[mut__below(c, non)];
    end = prog_block_end(p, on);
    if (end >= p->nops)
        return 0;
    o = p->ops[i];
    prog_close_gap(p, i, 1);
    if (i < on) {
        on--;
        end--;
    }
    prog_insert(p, on + 1 + mut__below(c, end - on), &o, 1);
    return 1;
}

/* move-out-of-block: an op of a block's body moves to a top-level
 * position: right after its block half the time, else mostly below it.
 * Returns 1, or 0 when no block has a body. */
static int m_move_out_of_block(struct mut__ctx *c, struct program *p)
{
    uint16_t body[PROG_MAX_OPS], top[PROG_MAX_OPS + 1];
    uint32_t n = collect(p, G_BODY, body), i, end;
    struct op o;

    if (n == 0)
        return 0;
    i = body[mut__below(c, n)];
    o = p->ops[i];
    end = prog_block_end(p, i);
    prog_close_gap(p, i, 1);
    if (mut__chance(c, 1, 2))
        prog_insert(p, end, &o, 1); /* right after its block (whose end moved up one) */
    else
        prog_insert(p, below_or_anywhere(c, top, prog_top_positions(p, top), end), &o, 1);
    return 1;
}

/* The name operands of *o: bit w set when operand w (enum mut__which)
 * exists. */
uint32_t mut__operands_of(const struct op *o)
{
    uint32_t m = o->opts & OPT_SLOTS ? 1u << MUT__WHICH_PARENT : 0;

    switch (op_arg((enum op_code)o->code)) {
    case ARG_BIND:
        return m | (o->code != OP_DRIVER_CREATE ? 1u << MUT__WHICH_TARGET : 0);
    case ARG_OBJ:
    case ARG_OPTOBJ:
    case ARG_BLOCK:
        return m | 1u << MUT__WHICH_TARGET;
    case ARG_OBJ2:
        return m | 1u << MUT__WHICH_TARGET | 1u << MUT__WHICH_ITEM;
    default:
        return m;
    }
}

/* change-operand: one name operand names another name bound there; a
 * create op switches between binding a new name and rebinding one;
 * miniport-unload gains or loses its operand. Returns 1, or 0 when p has
 * no operand to change. */
static int m_change_operand(struct mut__ctx *c, struct program *p)
{
    enum mut__which which = MUT__WHICH_TARGET;
    uint32_t total = 0, i, k;
    struct mut__bound b;
    struct op *o = NULL;

    for (i = 0; i < p->nops; i++)
        total += mut__bit_count(mut__operands_of(&p->ops[i]));
    if (total == 0)
        return 0;
    k = mut__below(c, total);
    for (i = 0; i < p->nops; i++) {
        uint32_t m = mut__operands_of(&p->ops[i]);

        if (k < mut__bit_count(m)) {
            o = &p->ops[i];
            which = mut__nth_bit(m, k) == 1u   ? MUT__WHICH_TARGET
                    : mut__nth_bit(m, k) == 2u ? MUT__WHICH_ITEM
                                               : MUT__WHICH_PARENT;
            break;
        }
        k -= mut__bit_count(m);
    }
    mut__bound_at(p, i, &b);
    if (which == MUT__WHICH_PARENT || which == MUT__WHICH_ITEM) {
        o->arg = mut__pick_other(c, &b, o, which, 0, o->arg);
    } else if (mut__binds_name(o)) {
        if (mut__is_bound(&b, o->target) && mut__chance(c, 1, 2))
            o->target = mut__fresh_id(c);
        else if (b.n > 1)
            o->target = mut__pick_other(c, &b, o, MUT__WHICH_TARGET, 1, o->target);
        else
            return 0;
    } else if (o->code == OP_MINIPORT_UNLOAD && o->target != SLOT_NONE && mut__chance(c, 1, 3)) {
        o->target = SLOT_NONE;
    } else {
        o->target = mut__pick_other(c, &b, o, MUT__WHICH_TARGET, 0, o->target);
    }
    return 1;
}

/* change-option: on one op, an option switched on (with a value) or off,
 * or its value changed; fail-alloc changes mode or value; irql changes
 * level; `on` changes callback kind. Returns 1, or 0 when no op of p has
 * any of those. */
static int m_change_option(struct mut__ctx *c, struct program *p)
{
    uint32_t n = 0, i, k, bit, accepted;
    struct mut__bound b;
    struct op *o = NULL;

    for (i = 0; i < p->nops; i++)
        n += op_options((enum op_code)p->ops[i].code) != 0 || p->ops[i].code == OP_IRQL ||
             p->ops[i].code == OP_ON;
    if (n == 0)
        return 0;
    k = mut__below(c, n);
    for (i = 0; i < p->nops; i++)
        if ((op_options((enum op_code)p->ops[i].code) != 0 || p->ops[i].code == OP_IRQL ||
             p->ops[i].code == OP_ON) && k-- == 0)
            break;
    o = &p->ops[i];
    if (o->code == OP_IRQL) {
        o->level = (uint8_t)((o->level + 1 + mut__below(c, 2)) % 3);
        return 1;
    }
    if (o->code == OP_ON) {
        o->level = (uint8_t)((o->level + 1 + mut__below(c, BLOCK__COUNT - 1)) % BLOCK__COUNT);
        return 1;
    }
    mut__bound_at(p, i, &b);
    if (o->code == OP_FAIL_ALLOC) {
        uint32_t mode = o->opts & OPT_FAIL_MODES, next;

        if (mode != OPT_OFF && mut__chance(c, 1, 2)) {
            if (mode == OPT_PERCENT && mut__chance(c, 1, 2))
                o->opts ^= OPT_SEED;
            else
                mut__gen_value(c, p, &b, mode, o);
            if (o->opts & OPT_SEED)
                mut__gen_value(c, p, &b, OPT_SEED, o);
            return 1;
        }
        do
            next = mut__gen_fail_mode(c);
        while (next == mode);
        mut__set_fail_mode(c, p, &b, next, o);
        return 1;
    }
    accepted = op_options((enum op_code)o->code);
    bit = mut__nth_bit(accepted, mut__below(c, mut__bit_count(accepted)));
    if (!(o->opts & bit)) {
        o->opts |= bit;
        mut__gen_value(c, p, &b, bit, o);
    } else if ((bit & MUT__VALUE_OPTS) && mut__chance(c, 1, 2)) {
        mut__gen_value(c, p, &b, bit, o);
    } else {
        o->opts &= ~bit;
    }
    return 1;
}

/* Indexed by enum mut_kind. */
static int (*const mutations[MUT__COUNT])(struct mut__ctx *, struct program *) = {
    m_insert_op, m_delete_op, m_swap_ops, m_duplicate_op, m_duplicate_block,
    m_insert_block, m_move_into_block, m_move_out_of_block, m_change_operand, m_change_option,
};

/* Applies mutation k to the valid program *p and makes it valid again.
 * Returns 1, or 0 when k had nothing to act on (*p unchanged). */
int mut__apply_kind(struct mut__ctx *c, struct program *p, enum mut_kind k)
{
    if (!mutations[k](c, p)) {
        mut__stats.refused++;
        return 0;
    }
    mut__commit(c, p);
    mut__stats.applied[k]++;
    return 1;
}

/* Applies one mutation of a kind drawn by kind_weight, or a deletion with
 * odds that grow with the program (1 in 4 at 64 ops, 1 in 2 at 128, at
 * most 3 in 4), so programs stay short enough to run fast. Returns 1, or 0
 * when PICK_TRIES kinds all had nothing to act on. */
int mut__mutate_once(struct mut__ctx *c, struct program *p)
{
    int t;

    for (t = 0; t < PICK_TRIES; t++) {
        enum mut_kind k = (enum mut_kind)mut__weighted(c, kind_weight, MUT__COUNT);

        if (mut__chance(c, p->nops < 192 ? p->nops : 192, 256))
            k = MUT_DELETE_OP;
        if (mut__apply_kind(c, p, k))
            return 1;
    }
    return 0;
}
