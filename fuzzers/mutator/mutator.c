/*
 * mutator.c - the structure-aware mutator's public face (mutator.h):
 * bytes in, mutations of the decoded program, bytes out.
 *
 * An engine's hook (fuzzers/libfuzzer_mutator.c, fuzzers/afl_mutator.c)
 * calls mut_mutate() or mut_crossover() with an input and a seed. The
 * input is decoded (output.c), 1 to MUT_MAX_STACK mutations are applied
 * to the program (mutations.c, or first a crossover: splice.c), each one
 * followed by normalizing (normalize.c), and the result is encoded into
 * the engine's buffer (output.c). The tests call the program-level
 * functions (mut_apply(), mut_splice(), mut_fit()) directly.
 *
 * Everything random comes from one stream seeded by the caller
 * (random.c), so a seed always gives the same output. The working
 * programs are static (a program is 14 KiB, too big for an engine's
 * stack), which makes the mutator non-reentrant: one thread at a time.
 * mut_internal.h says what the modules share.
 */
#include <string.h>

#include "mut_internal.h"

#define SAME_TRIES 4 /* extra mutations when the output is the input again */

struct mut_stats mut__stats;      /* what mut_stats() reports */
static struct program in_a, in_b; /* the inputs of mut_mutate() / mut_crossover() */
static struct program before;     /* mut_mutate()'s input, to tell a change */

/* Indexed by enum mut_kind. */
static const char *const kind_names[MUT__COUNT] = {
    "insert-op", "delete-op", "swap-ops", "duplicate-op", "duplicate-block",
    "insert-block", "move-into-block", "move-out-of-block", "change-operand", "change-option",
};

/* The name of mutation kind k, or "". */
const char *mut_kind_name(enum mut_kind k)
{
    return (unsigned)k < MUT__COUNT ? kind_names[k] : "";
}

/* One mutation of kind k on a valid program (see mutator.h). Returns 1
 * when it applied, else 0. */
int mut_apply(struct program *p, enum mut_kind k, uint32_t seed)
{
    struct mut__ctx c;

    if ((unsigned)k >= MUT__COUNT)
        return 0;
    mut__ctx_init(&c, seed);
    return mut__apply_kind(&c, p, k);
}

/* A crossover of two valid programs into *dst (see mutator.h). Returns 1,
 * or 0 when nothing was spliced. */
int mut_splice(struct program *dst, const struct program *src, uint32_t seed)
{
    struct mut__ctx c;

    mut__ctx_init(&c, seed);
    return mut__splice(&c, dst, src);
}

/* Cuts ops off the end of *p to fit max_size bytes (see mutator.h).
 * Returns the encoding's size. */
size_t mut_fit(struct program *p, size_t max_size)
{
    static uint32_t ends[PROG_MAX_OPS];
    int closed;

    prog_encode_ends(p, NULL, 0, ends);
    return mut__cut(p, max_size, ends, &closed);
}

/* The bytes in, 1 to MUT_MAX_STACK mutations, the bytes out (see
 * mutator.h). Returns the bytes written to out. */
size_t mut_mutate(const uint8_t *data, size_t size, uint8_t *out, size_t max_size, uint32_t seed)
{
    struct mut__ctx c;
    uint32_t rounds = 1, r;
    size_t n;
    int tries;

    mut__ctx_init(&c, seed);
    mut__decode_input(data, size, &in_a);
    mut__copy_program(&before, &in_a);
    while (rounds < MUT_MAX_STACK && mut__chance(&c, 1, 2))
        rounds++;
    for (r = 0; r < rounds; r++)
        mut__mutate_once(&c, &in_a);
    n = mut__emit(&in_a, out, max_size);
    for (tries = 0; tries < SAME_TRIES && n != 0 && mut__same_ops(&in_a, &before); tries++) {
        mut__mutate_once(&c, &in_a);
        n = mut__emit(&in_a, out, max_size);
    }
    return n;
}

/* The crossover of two inputs (see mutator.h). Returns the bytes written
 * to out. */
size_t mut_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                     uint8_t *out, size_t max_size, uint32_t seed)
{
    struct mut__ctx c;

    mut__decode_input(data2, size2, &in_b);
    if (in_b.nops == 0)
        return mut_mutate(data1, size1, out, max_size, seed);
    mut__ctx_init(&c, seed ^ 0xC0550C0Du);
    mut__decode_input(data1, size1, &in_a);
    if (!mut__splice(&c, &in_a, &in_b))
        mut__mutate_once(&c, &in_a);
    return mut__emit(&in_a, out, max_size);
}

/* The program of the last output, when data[0..size) are its bytes (see
 * mutator.h); else NULL. */
const struct program *mut_last_output(const uint8_t *data, size_t size)
{
    return mut__last_output(data, size);
}

/* The counters (see struct mut_stats). */
const struct mut_stats *mut_stats(void)
{
    return &mut__stats;
}

/* Zeroes the counters. */
void mut_stats_reset(void)
{
    memset(&mut__stats, 0, sizeof mut__stats);
}
