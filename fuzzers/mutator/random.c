/*
 * random.c - the mutator's one source of randomness: a splitmix64 stream
 * seeded by the caller of mut_mutate() / mut_crossover() (mutator.c), and
 * the draws every other module makes from it (a number below n, a chance,
 * an index by weights, a value from a table).
 *
 * Nothing else in the mutator is random, so a seed always gives the same
 * output, byte for byte, on every build and compiler: no clock, no rand().
 */
#include "mut_internal.h"

/* Starts c's stream from seed (distinct seeds, distinct streams). */
void mut__ctx_init(struct mut__ctx *c, uint32_t seed)
{
    c->rng = 0x5DEECE66Du ^ ((uint64_t)seed << 17) ^ seed;
    c->fresh = (uint16_t)MUT__ID_FRESH;
}

/* The next 32 random bits of c's stream (splitmix64's output, high half). */
uint32_t mut__rnd(struct mut__ctx *c)
{
    uint64_t z = (c->rng += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* A number below n (0 when n is 0). */
uint32_t mut__below(struct mut__ctx *c, uint32_t n)
{
    return n != 0 ? mut__rnd(c) % n : 0;
}

/* 1 with probability num/den. */
int mut__chance(struct mut__ctx *c, uint32_t num, uint32_t den)
{
    return mut__below(c, den) < num;
}

/* An index into the n weights w, drawn in proportion to them (0 when they
 * are all 0). */
uint32_t mut__weighted(struct mut__ctx *c, const uint8_t *w, uint32_t n)
{
    uint32_t sum = 0, i, r;

    for (i = 0; i < n; i++)
        sum += w[i];
    r = mut__below(c, sum);
    for (i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return 0;
}

/* One of the n values of table t. */
uint32_t mut__one_of(struct mut__ctx *c, const uint32_t *t, uint32_t n)
{
    return t[mut__below(c, n)];
}
