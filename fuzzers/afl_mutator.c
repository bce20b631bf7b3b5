/*
 * afl_mutator.c - the structure-aware mutator (mutator.h) as an AFL++
 * custom mutator library, libunloadfuzz_afl_mutator.so.
 *
 * afl-fuzz loads it with AFL_CUSTOM_MUTATOR_LIBRARY and calls
 * afl_custom_fuzz() next to its own havoc stages (or instead of them with
 * AFL_CUSTOM_MUTATOR_ONLY=1). The interface is AFL++'s
 * docs/custom_mutators.md (4.04c); afl_state_t stays opaque, so no AFL++
 * header is needed and any C compiler builds the library. It carries its
 * own copy of the binary codec and the editing primitives
 * (harness/program/: binary.c, edit.c, program.c) and is built without
 * sanitizers or coverage instrumentation: it runs inside afl-fuzz, not
 * inside the target. One call in four with a second input (AFL++'s splice
 * partner) is a crossover. afl-fuzz is single-threaded, as the mutator
 * requires.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "defs.h"
#include "mutator.h"

#define CROSSOVER_SHARE 4 /* one call in this many with a partner is a crossover */

typedef struct afl_state afl_state_t; /* AFL++'s state; never looked into */

/* What afl_custom_init() hands back and afl-fuzz passes to every call. */
struct afl_mutator {
    uint32_t seed;                /* afl-fuzz's seed */
    uint64_t calls;               /* afl_custom_fuzz() calls so far */
    uint8_t out[MUT_OUTPUT_MAX];  /* the last output; *out_buf points here */
};

void *afl_custom_init(afl_state_t *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size);
void afl_custom_deinit(void *data);

/* The seed of call `calls` of a run seeded with `seed` (splitmix64's
 * finalizer over both), so every call draws a different stream and a run
 * repeats with afl-fuzz's -s. Returns it. */
static uint32_t call_seed(uint32_t seed, uint64_t calls)
{
    uint64_t z = ((uint64_t)seed << 32 | (calls & 0xFFFFFFFFu)) + 0x9E3779B97F4A7C15ull;

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* Called once when afl-fuzz loads the library. Returns the mutator's state
 * (the one allocation, outside the fuzzing loop), or NULL when out of
 * memory, which makes afl-fuzz stop. */
void *afl_custom_init(afl_state_t *afl, unsigned int seed)
{
    struct afl_mutator *m = calloc(1, sizeof *m);

    if (m != NULL)
        m->seed = seed;
    return m;
}

/* Mutates buf[0..buf_size) (afl-fuzz's copy of a queue entry; add_buf is
 * another entry, or NULL) into the state's buffer, at most max_size bytes
 * and no more than the api target reads, and points *out_buf at it.
 * Returns the output's size (0: afl-fuzz skips this round). */
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size)
{
    struct afl_mutator *m = data;
    uint32_t seed = call_seed(m->seed, m->calls++);
    size_t lim = max_size < UF_MAX_INPUT ? max_size : UF_MAX_INPUT;

    *out_buf = m->out;
    if (add_buf != NULL && add_buf_size != 0 && seed % CROSSOVER_SHARE == 0)
        return mut_crossover(buf, buf_size, add_buf, add_buf_size, m->out, lim, seed >> 2);
    return mut_mutate(buf, buf_size, m->out, lim, seed);
}

/* Called when afl-fuzz exits: frees the state. */
void afl_custom_deinit(void *data)
{
    free(data);
}
