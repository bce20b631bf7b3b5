/*
 * mutator.c - the structure-aware mutator (mutator.h): mutations of the
 * decoded program, not of its bytes.
 *
 * A mutation edits a struct program freely: it may move a name's use above
 * its binding, leave a block open or bind a new name with a made-up slot
 * number. normalize() then makes it a valid program again, the way the
 * decoder would read it: slots renumbered in binding order, a use whose
 * name is no longer bound above it renamed to one that is (preferring an
 * object of the right kind: a timer for timer-fire), options masked to what
 * the op accepts with values in range, blocks closed and never nested, and
 * at most PROG_MAX_OPS ops. So every mutation applies to any valid program,
 * and prog_encode()'s bytes decode to exactly the program meant; emit()
 * checks that on every output and counts a mismatch as the bug it would be.
 *
 * Everything random comes from one splitmix64 stream seeded by the caller,
 * so a seed always gives the same output. The working programs are static
 * (a program is 14 KiB, too big for an engine's stack), which makes the
 * mutator non-reentrant: one thread at a time.
 */
#include <string.h>

#include "edit.h"
#include "mutator.h"

/* Raw slot ids a program may hold between a mutation and normalize(): the
 * program's own (below PROG_MAX_SLOTS), a crossover donor's (ID_DONOR +
 * its slot) and names the mutation binds anew (ID_FRESH and up). */
#define ID_SPACE 256u
#define ID_DONOR 64u
#define ID_FRESH 128u
/* The schema's option masks (options.def): prog_option_mask() of each
 * field, as constants, since they are read on every op normalized. */
enum {
    NUM_OPTS = 0u /* options whose value goes to op.num */
#define OPTION(e, word, field, value, lo, count, words, hint) | ((field) == FIELD_NUM ? OPT_##e : 0u)
#include "options.def"
#undef OPTION
    ,
    LEVEL_OPTS = 0u /* options whose value goes to op.level */
#define OPTION(e, word, field, value, lo, count, words, hint) | ((field) == FIELD_LEVEL ? OPT_##e : 0u)
#include "options.def"
#undef OPTION
    ,
    SEED_OPTS = 0u /* options whose value goes to op.seed */
#define OPTION(e, word, field, value, lo, count, words, hint) | ((field) == FIELD_SEED ? OPT_##e : 0u)
#include "options.def"
#undef OPTION
    ,
    VALUE_OPTS = 0u /* options that carry a value at all */
#define OPTION(e, word, field, value, lo, count, words, hint) | ((field) != FIELD_NONE ? OPT_##e : 0u)
#include "options.def"
#undef OPTION
};
#define BODY_MAX 3      /* ops insert-block puts in its new block */
#define PICK_TRIES 8    /* kinds one stacked mutation tries before giving up */
#define SAME_TRIES 4    /* extra mutations when the output is the input again */
#define END_BYTES 1     /* an `end` encodes to its code byte alone */
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
/* Which operand of an op a choice is for. */
#define WHICH_TARGET 0  /* the first name (or the name a create op binds) */
#define WHICH_ITEM 1    /* collection-add/remove's item */
#define WHICH_PARENT 2  /* parent= */

/* A splitmix64 stream. */
struct rng {
    uint64_t s; /* state: advanced by a constant each draw */
};

/* The working state of one mutator call. */
struct ctx {
    struct rng rng; /* every random choice */
    uint16_t fresh; /* the next raw id for a name bound anew */
};

/* The names bound before a position of a program, in first-binding order. */
struct bound {
    uint32_t n;             /* how many, $driver (always first) included */
    uint16_t id[ID_SPACE];  /* their raw ids */
    uint8_t code[ID_SPACE]; /* the create op that last bound each (driver-create: $driver) */
};

/* Indexed by enum mut_kind. */
static const char *const kind_names[MUT__COUNT] = {
    "insert-op", "delete-op", "swap-ops", "duplicate-op", "duplicate-block",
    "insert-block", "move-into-block", "move-out-of-block", "change-operand", "change-option",
};

/* How often each kind is picked for a stacked mutation. */
static const uint8_t kind_weight[MUT__COUNT] = {
    [MUT_INSERT_OP] = 20, [MUT_DELETE_OP] = 12, [MUT_SWAP_OPS] = 8, [MUT_DUPLICATE_OP] = 8,
    [MUT_DUPLICATE_BLOCK] = 4, [MUT_INSERT_BLOCK] = 12, [MUT_MOVE_INTO_BLOCK] = 5,
    [MUT_MOVE_OUT_OF_BLOCK] = 5, [MUT_CHANGE_OPERAND] = 12, [MUT_CHANGE_OPTION] = 14,
};

/* How often insert-op picks each op. The unload path's ops (unloads,
 * deletes, dereferences, IRQL changes, allocation faults, the dispose work
 * item, timers firing, work items running) make up over half; on and end
 * never (insert-block makes those). */
static const uint8_t insert_weight[OP__COUNT] = {
    [OP_DRIVER_CREATE] = 1, [OP_MINIPORT_DEVICE_CREATE] = 2, [OP_OBJECT_CREATE] = 3,
    [OP_MEMORY_CREATE] = 1, [OP_TIMER_CREATE] = 3, [OP_TIMER_START] = 3, [OP_TIMER_STOP] = 3,
    [OP_WORKITEM_CREATE] = 3, [OP_WORKITEM_ENQUEUE] = 3, [OP_WORKITEM_FLUSH] = 2,
    [OP_SPINLOCK_CREATE] = 1, [OP_SPINLOCK_ACQUIRE] = 2, [OP_SPINLOCK_RELEASE] = 2,
    [OP_WAITLOCK_CREATE] = 1, [OP_WAITLOCK_ACQUIRE] = 1, [OP_WAITLOCK_RELEASE] = 1,
    [OP_COLLECTION_CREATE] = 1, [OP_COLLECTION_ADD] = 1, [OP_COLLECTION_REMOVE] = 1,
    [OP_CONTEXT_ALLOCATE] = 2, [OP_REFERENCE] = 3, [OP_DEREFERENCE] = 6, [OP_DELETE] = 8,
    [OP_MINIPORT_UNLOAD] = 8, [OP_IRQL] = 6, [OP_FAIL_ALLOC] = 6, [OP_RUN_DEFERRED] = 6,
    [OP_TIMER_FIRE] = 6, [OP_WORKITEM_RUN] = 6, [OP_POOL_ALLOCATE] = 2, [OP_POOL_FREE] = 3,
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
    [OP_POOL_FREE] = 2,
};

/* How often insert-block picks each callback kind: cleanup, destroy and
 * unload (the unload path) most. */
static const uint8_t block_weight[BLOCK__COUNT] = {
    [BLOCK_CLEANUP] = 30, [BLOCK_DESTROY] = 20, [BLOCK_UNLOAD] = 20, [BLOCK_TIMER] = 15,
    [BLOCK_WORKITEM] = 15,
};

/* How often (in eighths) a new op gets each option; parent= is
 * special-cased in gen_options(), a fail-alloc's mode is drawn by
 * fail_mode_weight, and seed= goes with percent= only. */
static const uint8_t option_eighths[OPT__COUNT] = {
    [OPTI_CLEANUP] = 4, [OPTI_DESTROY] = 3, [OPTI_CONTEXT] = 3, [OPTI_ATTACHED] = 2,
    [OPTI_UNLOAD_CALLBACK] = 6, [OPTI_WAIT] = 4, [OPTI_PARENT] = 3, [OPTI_SIZE] = 3,
    [OPTI_POOL] = 3, [OPTI_PERIOD] = 3, [OPTI_EXEC] = 3, [OPTI_INIT] = 2, [OPTI_DUE] = 4,
    [OPTI_TIMEOUT] = 3, [OPTI_TAG] = 3,
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

static struct mut_stats stats;       /* what mut_stats() reports */
static struct program scratch;       /* normalize()'s output, copied back by commit() */
static struct program in_a, in_b;    /* the inputs of mut_mutate() / mut_crossover() */
static struct program before;        /* mut_mutate()'s input, to tell a change */
static struct program check;         /* emit()'s decode of its own output */
static struct program last;          /* the program of the last output... */
static uint8_t last_bytes[MUT_OUTPUT_MAX]; /* ...and its bytes (mut_last_output()) */
static uint32_t last_ends[PROG_MAX_OPS];   /* ...and where each of its ops ends in them */
static uint32_t last_slots[PROG_MAX_OPS];  /* ...and the slots bound once each has run */
static size_t last_len;              /* 0: no output to remember */
static uint32_t emitted;             /* outputs so far, for the sampled self-check */
static struct op block_copy[PROG_MAX_OPS];              /* duplicate-block's copy */
static struct op run[2 * MUT_SPLICE_MAX + 1];           /* a crossover's run */

/* Programs of inputs decoded before. libFuzzer hands the mutator corpus
 * entries over and over (each one's first mutation, and every crossover's
 * donor), and decoding one costs more than the mutation itself; an entry
 * is looked up by a hash of its bytes and then compared whole, so a hit
 * gives exactly what decoding would. Direct-mapped: a clash evicts. */
#define CACHE_ENTRIES 1024u /* a power of two */
#define CACHE_BYTES 512u   /* longest input kept */
#define CACHE_OPS 160u     /* most ops a kept program has */
struct cached {
    uint32_t len;          /* 0: empty */
    uint32_t nops, nslots;
    uint8_t bytes[CACHE_BYTES];
    struct op ops[CACHE_OPS];
};
static struct cached cache[CACHE_ENTRIES];

/* ------------------------------------------------------------- randomness */

/* Starts a stream from seed (distinct seeds, distinct streams). */
static void ctx_init(struct ctx *c, uint32_t seed)
{
    c->rng.s = 0x5DEECE66Du ^ ((uint64_t)seed << 17) ^ seed;
    c->fresh = (uint16_t)ID_FRESH;
}

/* The next 32 random bits of c's stream (splitmix64's output, high half). */
static uint32_t rnd(struct ctx *c)
{
    uint64_t z = (c->rng.s += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* A number below n (0 when n is 0). */
static uint32_t below(struct ctx *c, uint32_t n)
{
    return n != 0 ? rnd(c) % n : 0;
}

/* 1 with probability num/den. */
static int chance(struct ctx *c, uint32_t num, uint32_t den)
{
    return below(c, den) < num;
}

/* An index into the n weights w, drawn in proportion to them (0 when they
 * are all 0). */
static uint32_t weighted(struct ctx *c, const uint8_t *w, uint32_t n)
{
    uint32_t sum = 0, i, r;

    for (i = 0; i < n; i++)
        sum += w[i];
    r = below(c, sum);
    for (i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return 0;
}

/* One of the n values of table t. */
static uint32_t one_of(struct ctx *c, const uint32_t *t, uint32_t n)
{
    return t[below(c, n)];
}

/* ------------------------------------------------------------ op helpers */

/* Whether *o is an ordinary op (not `on` or `end`). */
static int is_plain(const struct op *o)
{
    return o->code != OP_ON && o->code != OP_END;
}

/* Whether *o binds a name other than $driver (a create op but driver-create). */
static int binds_name(const struct op *o)
{
    return op_arg((enum op_code)o->code) == ARG_BIND && o->code != OP_DRIVER_CREATE;
}

/* The lowest set bit of v (0 when none). */
static uint32_t lowest_bit(uint32_t v)
{
    return v & (~v + 1);
}

/* The number of set bits of v. */
static uint32_t bit_count(uint32_t v)
{
    uint32_t n = 0;

    for (; v != 0; v &= v - 1)
        n++;
    return n;
}

/* The k-th (from 0) set bit of v, lowest first; 0 when v has fewer. */
static uint32_t nth_bit(uint32_t v, uint32_t k)
{
    for (; v != 0; v &= v - 1)
        if (k-- == 0)
            return lowest_bit(v);
    return 0;
}

/* The kind of object that naturally fills operand `which` (WHICH_*) of *o:
 * the create op that makes it (a timer for timer-fire, the driver for
 * miniport-unload and unload blocks, a device for a timer's parent), or
 * OP__COUNT when any object will do. */
static enum op_code want_owner(const struct op *o, int which)
{
    if (which == WHICH_PARENT)
        return o->code == OP_TIMER_CREATE || o->code == OP_WORKITEM_CREATE
                   ? OP_MINIPORT_DEVICE_CREATE : OP__COUNT;
    if (which == WHICH_ITEM)
        return OP__COUNT;
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
    case OP_ON:
        return o->level == BLOCK_TIMER      ? OP_TIMER_CREATE
               : o->level == BLOCK_WORKITEM ? OP_WORKITEM_CREATE
               : o->level == BLOCK_UNLOAD   ? OP_DRIVER_CREATE
                                            : OP__COUNT;
    default:
        return OP__COUNT;
    }
}

/* Chooses one of names lo..n-1 whose binding ops are codes[]: three times
 * in four one made by `want` when there is one (want OP__COUNT: any),
 * else any. Returns its index; n must be above lo. */
static uint32_t choose(struct ctx *c, const uint8_t *codes, uint32_t lo, uint32_t n,
                       enum op_code want)
{
    uint32_t matches = 0, i, k;

    if (want != OP__COUNT && !chance(c, 1, 4)) {
        for (i = lo; i < n; i++)
            matches += codes[i] == want;
        if (matches != 0) {
            k = below(c, matches);
            for (i = lo; i < n; i++)
                if (codes[i] == want && k-- == 0)
                    return i;
        }
    }
    return lo + below(c, n - lo);
}

/* ----------------------------------------------------------- normalizing */

/* The option number (enum opt_index) of the OPT_* bit `bit` (one bit set). */
static int option_index(uint32_t bit)
{
    return __builtin_ctz(bit);
}

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
        i = option_index(lowest_bit(present));
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
        uint32_t mode = modes != 0 ? lowest_bit(modes) : OPT_OFF;

        o->opts = mode | (mode == OPT_PERCENT ? o->opts & OPT_SEED : 0);
    }
    if (a == ARG_LEVEL)
        o->level %= 3;
    else if (a == ARG_BLOCK)
        o->level %= BLOCK__COUNT;
    else if (o->opts & LEVEL_OPTS)
        keep_in_range(o, o->opts & LEVEL_OPTS);
    else
        o->level = 0;
    if (o->opts & NUM_OPTS)
        keep_in_range(o, o->opts & NUM_OPTS);
    else
        o->num = 0;
    if (!(o->opts & SEED_OPTS))
        o->seed = 0;
    o->line = 0;
}

/* The slot a use of raw id `raw` names, with n slots bound so far (map:
 * raw id to slot; owner: the op that last bound each slot): the one raw is
 * bound to, or, when it is not bound above this op any more, one that is
 * (of the kind `want` when there is one). Returns the slot. */
static uint16_t use_slot(struct ctx *c, const uint16_t *map, const uint8_t *owner, uint32_t n,
                         uint16_t raw, enum op_code want)
{
    if (raw < ID_SPACE && map[raw] != SLOT_NONE)
        return map[raw];
    stats.repaired++;
    return (uint16_t)choose(c, owner, 0, n, want);
}

/* The slot a create op `code` with raw target `raw` binds, *n slots bound
 * so far: the slot raw is bound to (a rebinding), else a new one (else, with
 * every slot taken, an existing one other than $driver, as the decoder
 * does). Records the binding in map and owner. Returns the slot. */
static uint16_t bind_slot(struct ctx *c, uint16_t *map, uint8_t *owner, uint32_t *n, uint16_t raw,
                          uint8_t code)
{
    uint16_t s = raw < ID_SPACE ? map[raw] : SLOT_NONE;

    if (s == SLOT_NONE || s == SLOT_DRIVER) {
        if (*n < PROG_MAX_SLOTS)
            s = (uint16_t)(*n)++;
        else
            s = (uint16_t)(1 + below(c, *n - 1));
        if (raw < ID_SPACE && raw != SLOT_DRIVER)
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

/* Writes into *dst the valid program closest to *src, as described at the
 * top of this file: the decoder's block and room rules, slots renumbered in
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
static uint32_t normalize(struct ctx *c, const struct program *src, struct program *dst,
                          uint32_t from, uint32_t tail)
{
    uint16_t map[ID_SPACE];
    uint8_t owner[PROG_MAX_SLOTS];
    uint32_t n = 1, i, need, old_n, old_nslots = dst->nslots, stop = src->nops - tail;
    int in_block = 0, old_in_block;

    for (i = 0; i < ID_SPACE; i++)
        map[i] = SLOT_NONE;
    map[SLOT_DRIVER] = SLOT_DRIVER;
    owner[SLOT_DRIVER] = OP_DRIVER_CREATE;
    for (i = 0; i < from; i++) {
        const struct op *o = &src->ops[i];

        if (binds_name(o)) {
            if (o->target >= n)
                n = o->target + 1u;
            map[o->target] = o->target;
            owner[o->target] = o->code;
        } else if (o->code == OP_ON) {
            in_block = 1;
        } else if (o->code == OP_END) {
            in_block = 0;
        }
    }
    /* what the last ops of the old program had bound and open before them */
    old_n = n;
    old_in_block = in_block;
    for (i = from; tail != 0 && i < dst->nops - tail; i++) {
        const struct op *o = &dst->ops[i];

        if (binds_name(o) && o->target >= old_n)
            old_n = o->target + 1u;
        else if (o->code == OP_ON || o->code == OP_END)
            old_in_block = o->code == OP_ON;
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
        if (o.code == OP_ON)
            need = in_block ? 3 : 2;
        else
            need = in_block && o.code != OP_END ? 2 : 1;
        if (dst->nops + need > PROG_MAX_OPS)
            break;
        if (o.code == OP_ON && in_block)
            prog_append_end(dst);
        clean_values(&o);
        a = op_arg((enum op_code)o.code);
        if (o.opts & OPT_PARENT)
            o.arg = use_slot(c, map, owner, n, o.arg, want_owner(&o, WHICH_PARENT));
        else if (a != ARG_OBJ2)
            o.arg = SLOT_NONE;
        switch (a) {
        case ARG_NONE:
        case ARG_LEVEL:
        case ARG_ENVREF: /* not an api op: dropped above */
            o.target = SLOT_NONE;
            break;
        case ARG_BIND:
            o.target = o.code == OP_DRIVER_CREATE ? SLOT_DRIVER
                                                  : bind_slot(c, map, owner, &n, o.target, o.code);
            break;
        case ARG_OBJ:
        case ARG_BLOCK:
            o.target = use_slot(c, map, owner, n, o.target, want_owner(&o, WHICH_TARGET));
            break;
        case ARG_OBJ2:
            o.target = use_slot(c, map, owner, n, o.target, want_owner(&o, WHICH_TARGET));
            o.arg = use_slot(c, map, owner, n, o.arg, OP__COUNT);
            break;
        case ARG_OPTOBJ:
            if (o.target != SLOT_NONE)
                o.target = use_slot(c, map, owner, n, o.target, want_owner(&o, WHICH_TARGET));
            break;
        }
        if (o.code == OP_ON)
            in_block = 1;
        else if (o.code == OP_END)
            in_block = 0;
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
static int same_ops(const struct program *a, const struct program *b)
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
static uint32_t common_prefix(const struct program *a, const struct program *b)
{
    uint32_t i, n = a->nops < b->nops ? a->nops : b->nops;

    for (i = 0; i < n; i++)
        if (!op_equal(&a->ops[i], &b->ops[i]))
            break;
    return i;
}

/* How many last ops programs a and b share, not counting their first `from`. */
static uint32_t common_suffix(const struct program *a, const struct program *b, uint32_t from)
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
static void commit(struct ctx *c, struct program *p)
{
    /* scratch holds the last program normalize() wrote, a valid one: the ops
     * *p shares with it before and after the edit need no second look */
    uint32_t s, from = common_prefix(p, &scratch), tail = common_suffix(p, &scratch, from), kept;
#ifndef NDEBUG
    static struct program whole;
    struct ctx c0 = *c;

    whole.nops = 0;
    normalize(&c0, p, &whole, 0, 0);
#endif
    kept = normalize(c, p, &scratch, from, tail);
#ifndef NDEBUG
    if (!same_ops(&whole, &scratch) || c0.rng.s != c->rng.s)
        stats.mismatches++;
#endif
    if (scratch.nops != p->nops)
        kept = 0; /* ops were dropped or added: the last ones moved */
    /* the last `kept` ops of *p are already those of scratch */
    memcpy(p->ops + from, scratch.ops + from, (scratch.nops - kept - from) * sizeof p->ops[0]);
    p->nops = scratch.nops;
    p->nslots = scratch.nslots;
    for (s = 0; s < p->nslots; s++)
        p->names[s][0] = '\0';
    c->fresh = (uint16_t)ID_FRESH;
}

/* ------------------------------------------------------ program structure */

/* Fills *b with the names bound by the ops before position pos of p. */
static void bound_at(const struct program *p, uint32_t pos, struct bound *b)
{
    uint16_t where[ID_SPACE];
    uint32_t i;

    for (i = 0; i < ID_SPACE; i++)
        where[i] = SLOT_NONE;
    b->n = 1;
    b->id[0] = SLOT_DRIVER;
    b->code[0] = OP_DRIVER_CREATE;
    where[SLOT_DRIVER] = 0;
    for (i = 0; i < pos && i < p->nops; i++) {
        const struct op *o = &p->ops[i];

        if (!binds_name(o) || o->target >= ID_SPACE || o->target == SLOT_DRIVER)
            continue;
        if (where[o->target] == SLOT_NONE) {
            where[o->target] = (uint16_t)b->n;
            b->id[b->n++] = o->target;
        }
        b->code[where[o->target]] = o->code;
    }
}

/* Whether raw id `id` is among the names in *b. */
static int is_bound(const struct bound *b, uint16_t id)
{
    uint32_t i;

    for (i = 0; i < b->n; i++)
        if (b->id[i] == id)
            return 1;
    return 0;
}

/* A name of *b for operand `which` of *o (see want_owner()), not $driver
 * when no_driver. Returns its raw id, or SLOT_NONE when there is none. */
static uint16_t pick_name(struct ctx *c, const struct bound *b, const struct op *o, int which,
                          int no_driver)
{
    uint32_t lo = no_driver ? 1 : 0;
    enum op_code want = which == WHICH_TARGET && binds_name(o) ? (enum op_code)o->code
                                                              : want_owner(o, which);

    if (b->n <= lo)
        return SLOT_NONE;
    return b->id[choose(c, b->code, lo, b->n, want)];
}

/* pick_name(), but a name other than `cur` whenever there is one: twice
 * by pick_name()'s odds, then any other. Returns its raw id (cur when it
 * is the only candidate, SLOT_NONE when there is none). */
static uint16_t pick_other(struct ctx *c, const struct bound *b, const struct op *o, int which,
                           int no_driver, uint16_t cur)
{
    uint32_t lo = no_driver ? 1 : 0, i, k, others = 0;
    uint16_t id = SLOT_NONE;

    for (i = 0; i < 2; i++) {
        id = pick_name(c, b, o, which, no_driver);
        if (id != cur)
            return id;
    }
    for (i = lo; i < b->n; i++)
        others += b->id[i] != cur;
    if (others == 0)
        return id;
    k = below(c, others);
    for (i = lo; i < b->n; i++)
        if (b->id[i] != cur && k-- == 0)
            return b->id[i];
    return id;
}

/* A raw id no op of the program being edited uses (SLOT_NONE when they
 * are used up: normalize() then binds a new slot all the same). */
static uint16_t fresh_id(struct ctx *c)
{
    return c->fresh < ID_SPACE ? c->fresh++ : SLOT_NONE;
}

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

/* ------------------------------------------------------------ new values */

/* A tag: half the time one the program already uses (so references and
 * dereferences pair up or miss each other), else a small one. */
static uint32_t gen_tag(struct ctx *c, const struct program *p)
{
    uint32_t i, n = 0, k;

    for (i = 0; i < p->nops; i++)
        n += (p->ops[i].opts & OPT_TAG) != 0;
    if (n != 0 && chance(c, 1, 2)) {
        k = below(c, n);
        for (i = 0; i < p->nops; i++)
            if ((p->ops[i].opts & OPT_TAG) && k-- == 0)
                return p->ops[i].num;
    }
    return below(c, 5);
}

/* Sets option i of *o to a value in its range (options.def), any one. */
static void gen_in_range(struct ctx *c, int i, struct op *o)
{
    opt_set(o, i, prog_options[i].lo + below(c, prog_options[i].count));
}

/* Sets the value of option `bit` of *o, an op at a position of p where the
 * names of *b are bound: values that matter (sizes around the model's
 * limits, due times 0 and long, the first allocations, boundary
 * percents), and any value in range for site=, pool=, exec= and init=. */
static void gen_value(struct ctx *c, const struct program *p, const struct bound *b, uint32_t bit,
                      struct op *o)
{
    switch (bit) {
    case OPT_PARENT:
        o->arg = pick_name(c, b, o, WHICH_PARENT, 0);
        break;
    case OPT_SIZE:
        o->num = chance(c, 3, 4) ? one_of(c, size_values, COUNT_OF(size_values))
                                 : below(c, 100000);
        break;
    case OPT_PERIOD:
    case OPT_DUE:
    case OPT_TIMEOUT:
        o->num = one_of(c, time_values, COUNT_OF(time_values));
        break;
    case OPT_TAG:
        o->num = gen_tag(c, p);
        break;
    case OPT_NTH:
        o->num = 1 + below(c, 8);
        break;
    case OPT_AFTER:
        o->num = below(c, 8);
        break;
    case OPT_PERCENT:
        if (chance(c, 1, 2))
            o->num = one_of(c, percent_values, COUNT_OF(percent_values));
        else
            gen_in_range(c, OPTI_PERCENT, o);
        break;
    case OPT_SEED:
        o->seed = rnd(c);
        break;
    case OPT_SITE:
    case OPT_POOL:
    case OPT_EXEC:
    case OPT_INIT:
        gen_in_range(c, option_index(bit), o);
        break;
    default: /* flags carry no value */
        break;
    }
}

/* Gives the fail-alloc op *o the mode `mode` (a bit of OPT_FAIL_MODES) with
 * a new value, and half the time a seed with percent=. */
static void set_fail_mode(struct ctx *c, const struct program *p, const struct bound *b,
                          uint32_t mode, struct op *o)
{
    o->opts = mode;
    o->num = 0;
    o->seed = 0;
    gen_value(c, p, b, mode, o);
    if (mode == OPT_PERCENT && chance(c, 1, 2)) {
        o->opts |= OPT_SEED;
        gen_value(c, p, b, OPT_SEED, o);
    }
}

/* A fail-alloc mode (a bit of OPT_FAIL_MODES), drawn by fail_mode_weight. */
static uint32_t gen_fail_mode(struct ctx *c)
{
    return 1u << weighted(c, fail_mode_weight, OPT__COUNT);
}

/* Gives the new op *o options, each with the odds of option_eighths (a
 * timer's or work item's parent= nearly always, since they need one). */
static void gen_options(struct ctx *c, const struct program *p, const struct bound *b, struct op *o)
{
    uint32_t accepted = op_options((enum op_code)o->code), rest, bit;

    if (o->code == OP_FAIL_ALLOC) {
        set_fail_mode(c, p, b, gen_fail_mode(c), o);
        return;
    }
    for (rest = accepted; rest != 0; rest &= rest - 1) {
        uint32_t odds;

        bit = lowest_bit(rest);
        odds = option_eighths[option_index(bit)];
        if (bit == OPT_PARENT)
            odds = want_owner(o, WHICH_PARENT) != OP__COUNT ? 7 : 3;
        if (chance(c, odds, 8)) {
            o->opts |= bit;
            gen_value(c, p, b, bit, o);
        }
    }
}

/* Makes *o a new op for position pos of p, drawn with the weights w
 * (insert_weight or body_weight), with operands among the names bound
 * there: a create op binds a new name three times in four, else rebinds
 * one of its own kind. */
static void gen_op(struct ctx *c, const struct program *p, uint32_t pos, const uint8_t *w,
                   struct op *o)
{
    static const uint8_t irql_weight[3] = {1, 1, 2}; /* dispatch most */
    struct bound b;

    bound_at(p, pos, &b);
    op_init(o, (enum op_code)weighted(c, w, OP__COUNT));
    switch (op_arg((enum op_code)o->code)) {
    case ARG_BIND:
        if (o->code == OP_DRIVER_CREATE)
            o->target = SLOT_DRIVER;
        else if (b.n > 1 && chance(c, 1, 4))
            o->target = pick_name(c, &b, o, WHICH_TARGET, 1);
        else
            o->target = fresh_id(c);
        break;
    case ARG_OBJ:
        o->target = pick_name(c, &b, o, WHICH_TARGET, 0);
        break;
    case ARG_OBJ2:
        o->target = pick_name(c, &b, o, WHICH_TARGET, 0);
        o->arg = pick_name(c, &b, o, WHICH_ITEM, 0);
        break;
    case ARG_OPTOBJ:
        if (chance(c, 1, 4))
            o->target = pick_name(c, &b, o, WHICH_TARGET, 0);
        break;
    case ARG_LEVEL:
        o->level = (uint8_t)weighted(c, irql_weight, 3);
        break;
    case ARG_NONE:
    case ARG_BLOCK:
    case ARG_ENVREF: /* driver programs' ops: their weights are 0 */
        break;
    }
    gen_options(c, p, &b, o);
}

/* ------------------------------------------------------------- mutations */

/* insert-op: a new op anywhere. Returns 1, or 0 when p is full. */
static int m_insert_op(struct ctx *c, struct program *p)
{
    struct op o;
    uint32_t pos;

    if (p->nops + 1 > PROG_MAX_OPS)
        return 0;
    pos = below(c, p->nops + 1);
    gen_op(c, p, pos, insert_weight, &o);
    prog_insert(p, pos, &o, 1);
    return 1;
}

/* delete-op: one op; when an `on` or `end` is picked, its whole block
 * (three times in four) or just the block's lines, leaving its body at the
 * top level. Returns 1, or 0 when p is empty. */
static int m_delete_op(struct ctx *c, struct program *p)
{
    uint32_t i, on, end;

    if (p->nops == 0)
        return 0;
    i = below(c, p->nops);
    if (is_plain(&p->ops[i])) {
        prog_close_gap(p, i, 1);
        return 1;
    }
    on = p->ops[i].code == OP_ON ? i : prog_block_on(p, i);
    end = prog_block_end(p, on);
    if (end >= p->nops)
        return 0;
    if (chance(c, 1, 4)) {
        prog_close_gap(p, end, 1);
        prog_close_gap(p, on, 1);
    } else {
        prog_close_gap(p, on, end - on + 1);
    }
    return 1;
}

/* swap-ops: two ordinary ops trade places. Returns 1, or 0 when p has
 * fewer than two. */
static int m_swap_ops(struct ctx *c, struct program *p)
{
    uint16_t idx[PROG_MAX_OPS];
    uint32_t n = collect(p, G_PLAIN, idx), a, b;
    struct op t;

    if (n < 2)
        return 0;
    a = below(c, n);
    b = (a + 1 + below(c, n - 1)) % n;
    t = p->ops[idx[a]];
    p->ops[idx[a]] = p->ops[idx[b]];
    p->ops[idx[b]] = t;
    return 1;
}

/* duplicate-op: a copy of an ordinary op, right after it or anywhere (a
 * create op's copy rebinds its name). Returns 1, or 0 when there is none or
 * p is full. */
static int m_duplicate_op(struct ctx *c, struct program *p)
{
    uint16_t idx[PROG_MAX_OPS];
    uint32_t n = collect(p, G_PLAIN, idx), i, pos;

    if (n == 0 || p->nops + 1 > PROG_MAX_OPS)
        return 0;
    i = idx[below(c, n)];
    pos = chance(c, 1, 2) ? i + 1 : below(c, p->nops + 1);
    prog_insert(p, pos, &p->ops[i], 1);
    return 1;
}

/* One of the n positions pos[] (ascending): three times in four one at or
 * after `from` when there is one (names bound above the original stay
 * bound above a copy or a moved op), else any. Returns it. */
static uint32_t below_or_anywhere(struct ctx *c, const uint16_t *pos, uint32_t n, uint32_t from)
{
    uint32_t first = 0;

    while (first < n && pos[first] < from)
        first++;
    if (first < n && chance(c, 3, 4))
        return pos[first + below(c, n - first)];
    return pos[below(c, n)];
}

/* duplicate-block: a copy of a whole block, at a top-level position (below
 * the original, mostly). Returns 1, or 0 when p has no block or no room
 * for it. */
static int m_duplicate_block(struct ctx *c, struct program *p)
{
    uint16_t idx[PROG_MAX_OPS], top[PROG_MAX_OPS + 1];
    uint32_t n = collect(p, G_ON, idx), on, end, len, to;

    if (n == 0)
        return 0;
    on = idx[below(c, n)];
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
 * driver-create (the last one above pos, else the first one below). Timers
 * and work items always have their callbacks. */
static void enable_callback(struct ctx *c, struct program *p, uint32_t pos, uint16_t id,
                            uint8_t kind)
{
    uint32_t bit, i, found = p->nops;

    if (kind == BLOCK_TIMER || kind == BLOCK_WORKITEM || !chance(c, 3, 4))
        return;
    bit = kind == BLOCK_CLEANUP ? OPT_CLEANUP : kind == BLOCK_DESTROY ? OPT_DESTROY
                                                                      : OPT_UNLOAD_CALLBACK;
    for (i = 0; i < pos; i++) {
        const struct op *o = &p->ops[i];

        if ((kind == BLOCK_UNLOAD || id == SLOT_DRIVER) ? o->code == OP_DRIVER_CREATE
                                                        : binds_name(o) && o->target == id)
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
static int m_insert_block(struct ctx *c, struct program *p)
{
    uint16_t top[PROG_MAX_OPS + 1];
    uint32_t k, pos, j;
    struct bound b;
    struct op on, end, body;

    if (p->nops + 3 > PROG_MAX_OPS)
        return 0;
    k = 1 + below(c, BODY_MAX);
    while (p->nops + 2 + k > PROG_MAX_OPS)
        k--;
    pos = top[below(c, prog_top_positions(p, top))];
    bound_at(p, pos, &b);
    op_init(&on, OP_ON);
    on.level = (uint8_t)weighted(c, block_weight, BLOCK__COUNT);
    on.target = pick_name(c, &b, &on, WHICH_TARGET, 0);
    enable_callback(c, p, pos, on.target, on.level);
    op_init(&end, OP_END);
    prog_insert(p, pos, &on, 1);
    prog_insert(p, pos + 1, &end, 1);
    for (j = 0; j < k; j++) {
        gen_op(c, p, pos + 1 + j, body_weight, &body);
        prog_insert(p, pos + 1 + j, &body, 1);
    }
    return 1;
}

/* move-into-block: a top-level ordinary op moves into a block, anywhere in
 * its body. Returns 1, or 0 when p has no block or no such op. */
static int m_move_into_block(struct ctx *c, struct program *p)
{
    uint16_t ons[PROG_MAX_OPS], tops[PROG_MAX_OPS];
    uint32_t non = collect(p, G_ON, ons), ntop = collect(p, G_TOP_PLAIN, tops), i, on, end;
    struct op o;

    if (non == 0 || ntop == 0)
        return 0;
    i = tops[below(c, ntop)];
    on = ons[below(c, non)];
    end = prog_block_end(p, on);
    if (end >= p->nops)
        return 0;
    o = p->ops[i];
    prog_close_gap(p, i, 1);
    if (i < on) {
        on--;
        end--;
    }
    prog_insert(p, on + 1 + below(c, end - on), &o, 1);
    return 1;
}

/* move-out-of-block: an op of a block's body moves to a top-level
 * position: right after its block half the time, else mostly below it.
 * Returns 1, or 0 when no block has a body. */
static int m_move_out_of_block(struct ctx *c, struct program *p)
{
    uint16_t body[PROG_MAX_OPS], top[PROG_MAX_OPS + 1];
    uint32_t n = collect(p, G_BODY, body), i, end;
    struct op o;

    if (n == 0)
        return 0;
    i = body[below(c, n)];
    o = p->ops[i];
    end = prog_block_end(p, i);
    prog_close_gap(p, i, 1);
    if (chance(c, 1, 2))
        prog_insert(p, end, &o, 1); /* right after its block (whose end moved up one) */
    else
        prog_insert(p, below_or_anywhere(c, top, prog_top_positions(p, top), end), &o, 1);
    return 1;
}

/* The name operands of *o, by WHICH_*: bit w set when operand w exists. */
static uint32_t operands_of(const struct op *o)
{
    uint32_t m = o->opts & OPT_PARENT ? 1u << WHICH_PARENT : 0;

    switch (op_arg((enum op_code)o->code)) {
    case ARG_BIND:
        return m | (o->code != OP_DRIVER_CREATE ? 1u << WHICH_TARGET : 0);
    case ARG_OBJ:
    case ARG_OPTOBJ:
    case ARG_BLOCK:
        return m | 1u << WHICH_TARGET;
    case ARG_OBJ2:
        return m | 1u << WHICH_TARGET | 1u << WHICH_ITEM;
    default:
        return m;
    }
}

/* change-operand: one name operand names another name bound there; a
 * create op switches between binding a new name and rebinding one;
 * miniport-unload gains or loses its operand. Returns 1, or 0 when p has
 * no operand to change. */
static int m_change_operand(struct ctx *c, struct program *p)
{
    uint32_t total = 0, i, k, which = 0;
    struct bound b;
    struct op *o = NULL;

    for (i = 0; i < p->nops; i++)
        total += bit_count(operands_of(&p->ops[i]));
    if (total == 0)
        return 0;
    k = below(c, total);
    for (i = 0; i < p->nops; i++) {
        uint32_t m = operands_of(&p->ops[i]);

        if (k < bit_count(m)) {
            o = &p->ops[i];
            which = nth_bit(m, k) == 1u ? WHICH_TARGET : nth_bit(m, k) == 2u ? WHICH_ITEM
                                                                             : WHICH_PARENT;
            break;
        }
        k -= bit_count(m);
    }
    bound_at(p, i, &b);
    if (which == WHICH_PARENT || which == WHICH_ITEM) {
        o->arg = pick_other(c, &b, o, (int)which, 0, o->arg);
    } else if (binds_name(o)) {
        if (is_bound(&b, o->target) && chance(c, 1, 2))
            o->target = fresh_id(c);
        else if (b.n > 1)
            o->target = pick_other(c, &b, o, WHICH_TARGET, 1, o->target);
        else
            return 0;
    } else if (o->code == OP_MINIPORT_UNLOAD && o->target != SLOT_NONE && chance(c, 1, 3)) {
        o->target = SLOT_NONE;
    } else {
        o->target = pick_other(c, &b, o, WHICH_TARGET, 0, o->target);
    }
    return 1;
}

/* change-option: on one op, an option switched on (with a value) or off,
 * or its value changed; fail-alloc changes mode or value; irql changes
 * level; `on` changes callback kind. Returns 1, or 0 when no op of p has
 * any of those. */
static int m_change_option(struct ctx *c, struct program *p)
{
    uint32_t n = 0, i, k, bit, accepted;
    struct bound b;
    struct op *o = NULL;

    for (i = 0; i < p->nops; i++)
        n += op_options((enum op_code)p->ops[i].code) != 0 || p->ops[i].code == OP_IRQL ||
             p->ops[i].code == OP_ON;
    if (n == 0)
        return 0;
    k = below(c, n);
    for (i = 0; i < p->nops; i++)
        if ((op_options((enum op_code)p->ops[i].code) != 0 || p->ops[i].code == OP_IRQL ||
             p->ops[i].code == OP_ON) && k-- == 0)
            break;
    o = &p->ops[i];
    if (o->code == OP_IRQL) {
        o->level = (uint8_t)((o->level + 1 + below(c, 2)) % 3);
        return 1;
    }
    if (o->code == OP_ON) {
        o->level = (uint8_t)((o->level + 1 + below(c, BLOCK__COUNT - 1)) % BLOCK__COUNT);
        return 1;
    }
    bound_at(p, i, &b);
    if (o->code == OP_FAIL_ALLOC) {
        uint32_t mode = o->opts & OPT_FAIL_MODES, next;

        if (mode != OPT_OFF && chance(c, 1, 2)) {
            if (mode == OPT_PERCENT && chance(c, 1, 2))
                o->opts ^= OPT_SEED;
            else
                gen_value(c, p, &b, mode, o);
            if (o->opts & OPT_SEED)
                gen_value(c, p, &b, OPT_SEED, o);
            return 1;
        }
        do
            next = gen_fail_mode(c);
        while (next == mode);
        set_fail_mode(c, p, &b, next, o);
        return 1;
    }
    accepted = op_options((enum op_code)o->code);
    bit = nth_bit(accepted, below(c, bit_count(accepted)));
    if (!(o->opts & bit)) {
        o->opts |= bit;
        gen_value(c, p, &b, bit, o);
    } else if ((bit & VALUE_OPTS) && chance(c, 1, 2)) {
        gen_value(c, p, &b, bit, o);
    } else {
        o->opts &= ~bit;
    }
    return 1;
}

/* Indexed by enum mut_kind. */
static int (*const mutations[MUT__COUNT])(struct ctx *, struct program *) = {
    m_insert_op, m_delete_op, m_swap_ops, m_duplicate_op, m_duplicate_block,
    m_insert_block, m_move_into_block, m_move_out_of_block, m_change_operand, m_change_option,
};

/* Applies mutation k to the valid program *p and makes it valid again.
 * Returns 1, or 0 when k had nothing to act on (*p unchanged). */
static int apply_kind(struct ctx *c, struct program *p, enum mut_kind k)
{
    if (!mutations[k](c, p)) {
        stats.refused++;
        return 0;
    }
    commit(c, p);
    stats.applied[k]++;
    return 1;
}

/* Applies one mutation of a kind drawn by kind_weight, or a deletion with
 * odds that grow with the program (1 in 4 at 64 ops, 1 in 2 at 128, at
 * most 3 in 4), so programs stay short enough to run fast. Returns 1, or 0
 * when PICK_TRIES kinds all had nothing to act on. */
static int mutate_once(struct ctx *c, struct program *p)
{
    int t;

    for (t = 0; t < PICK_TRIES; t++) {
        enum mut_kind k = (enum mut_kind)weighted(c, kind_weight, MUT__COUNT);

        if (chance(c, p->nops < 192 ? p->nops : 192, 256))
            k = MUT_DELETE_OP;
        if (apply_kind(c, p, k))
            return 1;
    }
    return 0;
}

/* Moves the donor's slots (all but $driver) into raw ids ID_DONOR and up,
 * so they meet none of the receiving program's. */
static void donor_ids(struct op *o)
{
    uint32_t m = operands_of(o);

    if ((m & (1u << WHICH_TARGET)) && o->target != SLOT_DRIVER && o->target < ID_DONOR)
        o->target = (uint16_t)(o->target + ID_DONOR);
    if ((m & (1u << WHICH_ITEM | 1u << WHICH_PARENT)) && o->arg != SLOT_DRIVER &&
        o->arg < ID_DONOR)
        o->arg = (uint16_t)(o->arg + ID_DONOR);
}

/* The crossover: copies a run of src's ops (blocks it cuts into closed, an
 * `end` it starts after dropped) into *dst, at a top-level position when it
 * holds a block, a third of the time (two thirds past 64 ops) over up to as
 * many of dst's ops. Returns 1, or 0 when src is empty or dst has no room
 * (dst unchanged). */
static int splice(struct ctx *c, struct program *dst, const struct program *src)
{
    uint16_t top[PROG_MAX_OPS + 1];
    uint32_t start, len, j, m = 0, pos, drop;
    int open = 0, has_block = 0;

    if (src->nops == 0)
        return 0;
    start = below(c, src->nops);
    len = 1 + below(c, src->nops - start < MUT_SPLICE_MAX ? src->nops - start : MUT_SPLICE_MAX);
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
    pos = has_block ? top[below(c, prog_top_positions(dst, top))] : below(c, dst->nops + 1);
    if (chance(c, dst->nops > 64 ? 2 : 1, 3)) {
        drop = below(c, m + 1);
        prog_close_gap(dst, pos, drop < dst->nops - pos ? drop : dst->nops - pos);
    }
    prog_insert(dst, pos, run, m);
    stats.crossovers++;
    commit(c, dst);
    return 1;
}

/* ---------------------------------------------------------------- output */

/* Cuts ops off the end of *p, whose ops end at the byte offsets ends[]
 * (prog_encode_ends()), to fit max_size bytes, closing a block the cut
 * leaves open. Returns the encoding's size; *closed says whether an `end`
 * was added (its byte follows the kept ops' bytes). */
static size_t cut(struct program *p, size_t max_size, const uint32_t *ends, int *closed)
{
    uint32_t i, keep = 0;
    int in_block = 0, keep_open = 0;

    *closed = 0;
    if (p->nops == 0 || ends[p->nops - 1] <= max_size)
        return p->nops ? ends[p->nops - 1] : 0;
    for (i = 0; i < p->nops; i++) {
        if (p->ops[i].code == OP_ON)
            in_block = 1;
        else if (p->ops[i].code == OP_END)
            in_block = 0;
        if (ends[i] + (in_block ? END_BYTES : 0) > max_size)
            break;
        keep = i + 1;
        keep_open = in_block;
    }
    stats.trimmed++;
    p->nops = keep;
    if (keep_open)
        prog_append_end(p);
    *closed = keep_open;
    /* A prefix of a valid program is valid, with the slots its ops bind. */
    for (p->nslots = 1, i = 0; i < p->nops; i++)
        if (binds_name(&p->ops[i]) && p->ops[i].target >= p->nslots)
            p->nslots = p->ops[i].target + 1u;
    return (keep ? ends[keep - 1] : 0) + (keep_open ? END_BYTES : 0);
}

/* Cuts ops off the end of *p to fit max_size bytes (see mutator.h).
 * Returns the encoding's size. */
size_t mut_fit(struct program *p, size_t max_size)
{
    static uint32_t ends[PROG_MAX_OPS];
    int closed;

    prog_encode_ends(p, NULL, 0, ends);
    return cut(p, max_size, ends, &closed);
}

/* Makes *dst the program of kind `kind` with ops[0..nops) and nslots slots
 * (names left empty, as a decode leaves them). */
static void set_ops(struct program *dst, const struct op *ops, uint32_t nops, uint8_t kind,
                    uint32_t nslots)
{
    uint32_t s;

    memcpy(dst->ops, ops, nops * sizeof ops[0]);
    dst->nops = nops;
    dst->kind = kind;
    dst->nslots = nslots;
    for (s = 0; s < nslots; s++)
        dst->names[s][0] = '\0';
}

/* Copies the ops and slots of *src into *dst (names left empty, as a
 * decode leaves them). */
static void copy_program(struct program *dst, const struct program *src)
{
    set_ops(dst, src->ops, src->nops, src->kind, src->nslots);
}

/* Encodes the valid program *p into out, cut to max_size (mut_fit), checks
 * (every time, or every MUT_CHECK_EVERY-th time with NDEBUG) that the bytes
 * decode back to *p, and remembers both for mut_last_output(). libFuzzer
 * mutates its last output again four times in five: the first ops *p shares
 * with it, and the last ones when they follow as many bound slots, keep
 * their bytes (an op's bytes depend only on the slots bound before it),
 * copied, not encoded. Returns the bytes written, or 0 after a mismatch
 * (counted: it would be a bug here or in the codec). */
static size_t emit(struct program *p, uint8_t *out, size_t max_size)
{
    static uint32_t ends[PROG_MAX_OPS], slots[PROG_MAX_OPS];
    uint32_t from = last_len != 0 ? common_prefix(p, &last) : 0, tail = 0, i, j, k;
    size_t n, start;
    int closed;

    if (from != 0) {
        n = last_ends[from - 1];
        memmove(out, last_bytes, n < max_size ? n : max_size);
        memcpy(ends, last_ends, from * sizeof ends[0]);
        memcpy(slots, last_slots, from * sizeof slots[0]);
    }
    if (last_len != 0)
        tail = common_suffix(p, &last, from);
    i = p->nops - tail;
    j = last.nops - tail;
    n = prog_encode_range(p, from, i, out, max_size, ends, slots);
    if (tail != 0 && (i ? slots[i - 1] : 1) == (j ? last_slots[j - 1] : 1)) {
        start = j ? last_ends[j - 1] : 0;
        if (n < max_size)
            memcpy(out + n, last_bytes + start,
                   last_len - start < max_size - n ? last_len - start : max_size - n);
        for (k = 0; k < tail; k++) {
            ends[i + k] = (uint32_t)(last_ends[j + k] - start + n);
            slots[i + k] = last_slots[j + k];
        }
        n += last_len - start;
    } else if (i < p->nops) {
        n = prog_encode_range(p, i, p->nops, out, max_size, ends, slots);
    }
    last_len = 0;
    if (n > max_size) {
        /* the kept ops' bytes are already in out; an `end` is one byte */
        n = cut(p, max_size, ends, &closed);
        if (closed) {
            out[n - END_BYTES] = OP_END;
            ends[p->nops - 1] = (uint32_t)n;
            slots[p->nops - 1] = p->nops > 1 ? slots[p->nops - 2] : 1;
        }
    }
    if (emitted++ % MUT_CHECK_EVERY == 0) {
        prog_decode(out, n, &check);
        if (!same_ops(p, &check)) {
            stats.mismatches++;
            return 0;
        }
    }
    copy_program(&last, p);
    memcpy(last_ends, ends, p->nops * sizeof ends[0]);
    memcpy(last_slots, slots, p->nops * sizeof slots[0]);
    memcpy(last_bytes, out, n);
    last_len = n;
    return n;
}

/* The cache entry for data[0..size): FNV-1a over 8-byte words. */
static struct cached *cache_slot(const uint8_t *data, size_t size)
{
    uint64_t h = 0xCBF29CE484222325u ^ size, w;
    size_t i;

    for (i = 0; i + 8 <= size; i += 8) {
        memcpy(&w, data + i, 8);
        h = (h ^ w) * 0x100000001B3u;
    }
    for (; i < size; i++)
        h = (h ^ data[i]) * 0x100000001B3u;
    return &cache[(h ^ (h >> 32)) & (CACHE_ENTRIES - 1)];
}

/* Decodes data[0..size) into *p, or copies the program of the last output
 * or of the cache when these are bytes seen before. */
static void decode_input(const uint8_t *data, size_t size, struct program *p)
{
    const struct program *known = mut_last_output(data, size);
    struct cached *e;

    if (known != NULL) {
        copy_program(p, known);
        return;
    }
    e = size <= CACHE_BYTES ? cache_slot(data, size) : NULL;
    if (e != NULL && e->len == size && size != 0 && memcmp(e->bytes, data, size) == 0) {
        set_ops(p, e->ops, e->nops, PROG_API, e->nslots);
        return;
    }
    prog_decode(data, size, p);
    if (e != NULL && size != 0 && p->nops <= CACHE_OPS) {
        e->len = (uint32_t)size;
        memcpy(e->bytes, data, size);
        memcpy(e->ops, p->ops, p->nops * sizeof p->ops[0]);
        e->nops = p->nops;
        e->nslots = p->nslots;
    }
}

/* ------------------------------------------------------------ public API */

/* The name of mutation kind k, or "". */
const char *mut_kind_name(enum mut_kind k)
{
    return (unsigned)k < MUT__COUNT ? kind_names[k] : "";
}

/* One mutation of kind k on a valid program (see mutator.h). Returns 1
 * when it applied, else 0. */
int mut_apply(struct program *p, enum mut_kind k, uint32_t seed)
{
    struct ctx c;

    if ((unsigned)k >= MUT__COUNT)
        return 0;
    ctx_init(&c, seed);
    return apply_kind(&c, p, k);
}

/* A crossover of two valid programs into *dst (see mutator.h). Returns 1,
 * or 0 when nothing was spliced. */
int mut_splice(struct program *dst, const struct program *src, uint32_t seed)
{
    struct ctx c;

    ctx_init(&c, seed);
    return splice(&c, dst, src);
}

/* The bytes in, 1 to MUT_MAX_STACK mutations, the bytes out (see
 * mutator.h). Returns the bytes written to out. */
size_t mut_mutate(const uint8_t *data, size_t size, uint8_t *out, size_t max_size, uint32_t seed)
{
    struct ctx c;
    uint32_t rounds = 1, r;
    size_t n;
    int tries;

    ctx_init(&c, seed);
    decode_input(data, size, &in_a);
    copy_program(&before, &in_a);
    while (rounds < MUT_MAX_STACK && chance(&c, 1, 2))
        rounds++;
    for (r = 0; r < rounds; r++)
        mutate_once(&c, &in_a);
    n = emit(&in_a, out, max_size);
    for (tries = 0; tries < SAME_TRIES && n != 0 && same_ops(&in_a, &before); tries++) {
        mutate_once(&c, &in_a);
        n = emit(&in_a, out, max_size);
    }
    return n;
}

/* The crossover of two inputs (see mutator.h). Returns the bytes written
 * to out. */
size_t mut_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                     uint8_t *out, size_t max_size, uint32_t seed)
{
    struct ctx c;

    decode_input(data2, size2, &in_b);
    if (in_b.nops == 0)
        return mut_mutate(data1, size1, out, max_size, seed);
    ctx_init(&c, seed ^ 0xC0550C0Du);
    decode_input(data1, size1, &in_a);
    if (!splice(&c, &in_a, &in_b))
        mutate_once(&c, &in_a);
    return emit(&in_a, out, max_size);
}

/* The program of the last output, when data[0..size) are its bytes (see
 * mutator.h); else NULL. */
const struct program *mut_last_output(const uint8_t *data, size_t size)
{
    if (last_len == 0 || size != last_len || memcmp(data, last_bytes, size) != 0)
        return NULL;
    return &last;
}

/* The counters (see struct mut_stats). */
const struct mut_stats *mut_stats(void)
{
    return &stats;
}

/* Zeroes the counters. */
void mut_stats_reset(void)
{
    memset(&stats, 0, sizeof stats);
}
