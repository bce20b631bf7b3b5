/*
 * libfuzzer_mutator.c - libFuzzer's custom mutator hooks for the `api` target.
 *
 * When a binary defines LLVMFuzzerCustomMutator, libFuzzer mutates only
 * through it (and LLVMFuzzerCustomCrossOver, when defined, takes the place
 * of its own crossover), so these hooks hand most calls to the
 * structure-aware mutator (mutator.h) and one in eight back to
 * LLVMFuzzerMutate, libFuzzer's byte-level mutations: those keep the
 * dictionary (api.dict), the comparison tables and the odd byte flip that a
 * program-level edit would never make. This file is linked into the
 * libFuzzer build of the target only: the replay and AFL++ binaries have no
 * LLVMFuzzerMutate to call (AFL++ loads afl_mutator.c instead). libFuzzer
 * calls both hooks from its one mutation thread; the mutator is not
 * thread-safe.
 */
#include <stddef.h>
#include <stdint.h>

#include "defs.h"
#include "mutator.h"

#define BYTE_LEVEL_SHARE 8 /* one call in this many goes to LLVMFuzzerMutate */

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2,
                                 size_t size2, uint8_t *out, size_t max_out_size,
                                 unsigned int seed);

/* Mixes the engine's seed (murmur3's finalizer), so the byte-level share
 * does not follow the low bits the mutator draws from. Returns the mix. */
static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x85EBCA6Bu;
    x ^= x >> 13;
    x *= 0xC2B2AE35u;
    x ^= x >> 16;
    return x;
}

/* The limit an output must keep to: the engine's, and no more than the api
 * target reads (it ignores longer inputs). */
static size_t limit(size_t max_size)
{
    return max_size < UF_MAX_INPUT ? max_size : UF_MAX_INPUT;
}

/* libFuzzer's mutation hook: mutates data[0..size) in place (data holds
 * max_size bytes). Returns the new size. */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    size_t n;

    if (mix(seed) % BYTE_LEVEL_SHARE == 0)
        return LLVMFuzzerMutate(data, size, max_size);
    n = mut_mutate(data, size, data, limit(max_size), seed);
    return n != 0 ? n : LLVMFuzzerMutate(data, size, max_size);
}

/* libFuzzer's crossover hook: splices a run of ops of the second input into
 * the first, writing at most max_out_size bytes to out. Returns the size. */
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2,
                                 size_t size2, uint8_t *out, size_t max_out_size,
                                 unsigned int seed)
{
    return mut_crossover(data1, size1, data2, size2, out, limit(max_out_size), seed);
}
