/*
 * mut_internal.h - what the mutator's modules share; never seen outside
 * fuzzers/mutator/. Public names carry mut_ (mutator.h), these mut__.
 *
 * One call into the mutator (mutator.c, the public API and the counters)
 * flows through its modules in this order:
 *
 *   output.c     the input decoded, or its program found remembered
 *   random.c     the call's stream, started from the caller's seed
 *   splice.c     for a crossover, a run of the other input's ops spliced in
 *   mutations.c  1 to MUT_MAX_STACK of the ten mutations, whose new ops,
 *                operand names and option values come from generate.c
 *   normalize.c  after each edit, the program made valid again
 *   output.c     the result encoded, cut to max_size, checked, remembered
 *
 * All state is static (the working programs are too big for an engine's
 * stack), so the mutator is non-reentrant, as mutator.h says.
 */
#ifndef UNLOADFUZZ_MUT_INTERNAL_H
#define UNLOADFUZZ_MUT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mutator.h"
#include "program.h"

/* Raw slot ids a program may hold between a mutation and normalizing: the
 * program's own (below PROG_MAX_SLOTS), a crossover donor's (MUT__ID_DONOR
 * + its slot) and names the mutation binds anew (MUT__ID_FRESH and up). */
#define MUT__ID_SPACE 256u
#define MUT__ID_DONOR 64u
#define MUT__ID_FRESH 128u

/* Which operand of an op a choice is for. */
enum mut__which {
    MUT__WHICH_TARGET, /* the first name (or the name a create op binds) */
    MUT__WHICH_ITEM,   /* collection-add/remove's item */
    MUT__WHICH_PARENT  /* parent=, device= or from= (op.arg) */
};

/* The counters mut_stats() reports (mutator.c); every module counts. */
extern struct mut_stats mut__stats;

/* ---- the schema's option masks (options.def) ----
 * prog_option_mask() of each field, as constants: the mutator reads them
 * on every op it normalizes. */
#define MUT__BIT_IF(e, cond) | ((cond) ? OPT_##e : 0u)
enum {
    MUT__NUM_OPTS = 0u /* options whose value goes to op.num */
#define OPTION(e, word, field, value, lo, count, words, hint) MUT__BIT_IF(e, (field) == FIELD_NUM)
#include "options.def"
#undef OPTION
    ,
    MUT__LEVEL_OPTS = 0u /* options whose value goes to op.level */
#define OPTION(e, word, field, value, lo, count, words, hint) MUT__BIT_IF(e, (field) == FIELD_LEVEL)
#include "options.def"
#undef OPTION
    ,
    MUT__SEED_OPTS = 0u /* options whose value goes to op.seed */
#define OPTION(e, word, field, value, lo, count, words, hint) MUT__BIT_IF(e, (field) == FIELD_SEED)
#include "options.def"
#undef OPTION
    ,
    MUT__VALUE_OPTS = 0u /* options that carry a value at all */
#define OPTION(e, word, field, value, lo, count, words, hint) MUT__BIT_IF(e, (field) != FIELD_NONE)
#include "options.def"
#undef OPTION
};
#undef MUT__BIT_IF

/* ---- small helpers every module uses ---- */

/* The lowest set bit of v (0 when none). */
static inline uint32_t mut__lowest_bit(uint32_t v)
{
    return v & (~v + 1);
}

/* The number of set bits of v. */
static inline uint32_t mut__bit_count(uint32_t v)
{
    uint32_t n = 0;

    for (; v != 0; v &= v - 1)
        n++;
    return n;
}

/* The k-th (from 0) set bit of v, lowest first; 0 when v has fewer. */
static inline uint32_t mut__nth_bit(uint32_t v, uint32_t k)
{
    for (; v != 0; v &= v - 1)
        if (k-- == 0)
            return mut__lowest_bit(v);
    return 0;
}

/* The option number (enum opt_index) of the OPT_* bit `bit` (one bit set). */
static inline int mut__option_index(uint32_t bit)
{
    return __builtin_ctz(bit);
}

/* Whether *o is an ordinary op (not `on` or `end`). */
static inline int mut__is_plain(const struct op *o)
{
    return o->code != OP_ON && o->code != OP_END;
}

/* Whether a block is open after op *o of a valid program, `open` saying
 * whether one was before it: an `on` opens one, an `end` closes it. */
static inline int mut__open_after(const struct op *o, int open)
{
    return o->code == OP_ON ? 1 : o->code == OP_END ? 0 : open;
}

/* Whether *o binds a name other than $driver (a create op but driver-create). */
static inline int mut__binds_name(const struct op *o)
{
    return op_arg((enum op_code)o->code) == ARG_BIND && o->code != OP_DRIVER_CREATE;
}

/* ---- random.c: the stream and weighted draws ---- */

/* The working state of one mutator call. */
struct mut__ctx {
    uint64_t rng;   /* splitmix64 state: advanced by a constant each draw */
    uint16_t fresh; /* the next raw id for a name bound anew */
};

/* Starts c's stream from seed (distinct seeds, distinct streams), with no
 * name bound anew yet. */
void mut__ctx_init(struct mut__ctx *c, uint32_t seed);
/* The next 32 random bits of c's stream. */
uint32_t mut__rnd(struct mut__ctx *c);
/* A number below n (0 when n is 0). */
uint32_t mut__below(struct mut__ctx *c, uint32_t n);
/* 1 with probability num/den, else 0. */
int mut__chance(struct mut__ctx *c, uint32_t num, uint32_t den);
/* An index into the n weights w, drawn in proportion to them (0 when they
 * are all 0). */
uint32_t mut__weighted(struct mut__ctx *c, const uint8_t *w, uint32_t n);
/* One of the n values of table t. */
uint32_t mut__one_of(struct mut__ctx *c, const uint32_t *t, uint32_t n);

/* ---- generate.c: new ops, values, options and operand names ---- */

/* The names bound before a position of a program, in first-binding order. */
struct mut__bound {
    uint32_t n;                   /* how many, $driver (always first) included */
    uint16_t id[MUT__ID_SPACE];   /* their raw ids */
    uint8_t code[MUT__ID_SPACE];  /* the create op that last bound each (driver-create: $driver) */
};

/* The kind of object that naturally fills operand `which` of *o: the
 * create op that makes it (a timer for timer-fire, the driver for
 * miniport-unload), or OP__COUNT when any object will do. */
enum op_code mut__want_owner(const struct op *o, enum mut__which which);
/* One of names lo..n-1 whose binding ops are codes[], made by `want`
 * three times in four when there is one. Returns its index (n > lo). */
uint32_t mut__choose(struct mut__ctx *c, const uint8_t *codes, uint32_t lo, uint32_t n,
                     enum op_code want);
/* Fills *b with the names bound by the ops before position pos of p. */
void mut__bound_at(const struct program *p, uint32_t pos, struct mut__bound *b);
/* Whether raw id `id` is among the names in *b. */
int mut__is_bound(const struct mut__bound *b, uint16_t id);
/* A name of *b, other than `cur` whenever there is one, for operand
 * `which` of *o (not $driver when no_driver). Returns its raw id (cur
 * when it is the only candidate, SLOT_NONE when there is none). */
uint16_t mut__pick_other(struct mut__ctx *c, const struct mut__bound *b, const struct op *o,
                         enum mut__which which, int no_driver, uint16_t cur);
/* A name of *b for operand `which` of *o (see mut__pick_other). Returns
 * its raw id, or SLOT_NONE when there is none. */
uint16_t mut__pick_name(struct mut__ctx *c, const struct mut__bound *b, const struct op *o,
                        enum mut__which which, int no_driver);
/* A raw id no op of the program being edited uses, or SLOT_NONE when they
 * are used up (normalizing then binds a new slot all the same). */
uint16_t mut__fresh_id(struct mut__ctx *c);
/* Sets a new value of option `bit` (one OPT_* bit) of *o, an op of p where
 * the names of *b are bound. */
void mut__gen_value(struct mut__ctx *c, const struct program *p, const struct mut__bound *b,
                    uint32_t bit, struct op *o);
/* A fail-alloc mode (one bit of OPT_FAIL_MODES). */
uint32_t mut__gen_fail_mode(struct mut__ctx *c);
/* Gives the fail-alloc op *o the mode `mode` with a new value (and, half
 * the time with percent=, a seed). */
void mut__set_fail_mode(struct mut__ctx *c, const struct program *p, const struct mut__bound *b,
                        uint32_t mode, struct op *o);
/* Makes *o a new op for position pos of p, drawn with the weights w (one
 * per op code), with operands among the names bound there and options. */
void mut__gen_op(struct mut__ctx *c, const struct program *p, uint32_t pos, const uint8_t *w,
                 struct op *o);

/* ---- normalize.c: making an edited program valid again ---- */

/* Makes the edited program *p valid again, with canonical names; raw ids
 * start afresh. */
void mut__commit(struct mut__ctx *c, struct program *p);
/* Whether programs a and b have the same ops (lines aside) and slots. */
int mut__same_ops(const struct program *a, const struct program *b);
/* How many first ops programs a and b share. */
uint32_t mut__common_prefix(const struct program *a, const struct program *b);
/* How many last ops programs a and b share, not counting their first `from`. */
uint32_t mut__common_suffix(const struct program *a, const struct program *b, uint32_t from);

/* ---- mutations.c: the ten mutations ---- */

/* The name operands of *o: bit w set when operand w (enum mut__which)
 * exists. */
uint32_t mut__operands_of(const struct op *o);
/* Applies mutation k to the valid program *p and makes it valid again.
 * Returns 1, or 0 when k had nothing to act on (*p unchanged). */
int mut__apply_kind(struct mut__ctx *c, struct program *p, enum mut_kind k);
/* Applies one mutation of a kind drawn by the kinds' weights (deletions
 * more often the longer *p is). Returns 1, or 0 when none applied. */
int mut__mutate_once(struct mut__ctx *c, struct program *p);

/* ---- splice.c: the crossover ---- */

/* Splices a run of src's ops into *dst and makes it valid again. Returns
 * 1, or 0 when src is empty or dst has no room (dst unchanged). */
int mut__splice(struct mut__ctx *c, struct program *dst, const struct program *src);

/* ---- output.c: the encoding, its cut and check, the cache of inputs ---- */

/* Cuts ops off the end of *p, whose ops end at the byte offsets ends[], to
 * fit max_size bytes. Returns the encoding's size; *closed says whether an
 * `end` was added. */
size_t mut__cut(struct program *p, size_t max_size, const uint32_t *ends, int *closed);
/* Encodes the valid program *p into out, cut to max_size, checks it and
 * remembers it. Returns the bytes written, or 0 after a mismatch. */
size_t mut__emit(struct program *p, uint8_t *out, size_t max_size);
/* The program of the last output when data[0..size) are its bytes, else
 * NULL. */
const struct program *mut__last_output(const uint8_t *data, size_t size);
/* Decodes data[0..size) into *p, or copies the program remembered for
 * these bytes. */
void mut__decode_input(const uint8_t *data, size_t size, struct program *p);
/* Copies the ops and slots of *src into *dst (names left empty). */
void mut__copy_program(struct program *dst, const struct program *src);

#endif /* UNLOADFUZZ_MUT_INTERNAL_H */
