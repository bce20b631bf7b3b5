/*
 * mutator.h - a structure-aware mutator for the binary program form.
 *
 * Byte-level engines flip and splice bytes; the binary form makes every
 * result a valid program, but most of them are programs nobody would write
 * (an operand byte changed is a different op three ops later). This mutator
 * works on the decoded program instead: it inserts, deletes, swaps,
 * duplicates and moves whole ops and blocks, changes one operand or one
 * option, and splices runs of ops from another program, then encodes the
 * result. Every output decodes to exactly the program the mutator meant,
 * with names bound before use and blocks closed and not nested.
 *
 * Its choices lean toward what breaks unload paths: unloads, deletes,
 * dereferences, IRQL changes, allocation faults, the dispose work item,
 * timers firing and work items running, and blocks on cleanup, destroy and
 * unload callbacks.
 *
 * The engines' hooks (fuzzers/libfuzzer_mutator.c for libFuzzer,
 * fuzzers/afl_mutator.c for AFL++) are thin wrappers around mut_mutate()
 * and mut_crossover(); the program level functions are there for the
 * tests. Everything is deterministic given the seed; nothing is allocated
 * (the working programs are static buffers), so the mutator is NOT
 * thread-safe: call it from one thread at a time, as libFuzzer and
 * afl-fuzz do. The modules behind this header share mut_internal.h;
 * docs/FUZZING.md describes them.
 */
#ifndef UNLOADFUZZ_MUTATOR_H
#define UNLOADFUZZ_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

#define MUT_MAX_STACK 8      /* most mutations one mut_mutate() call applies */
#define MUT_SPLICE_MAX 16    /* most ops a crossover takes from the donor */
#define MUT_OUTPUT_MAX 8192  /* no program encodes to more bytes (512 ops of at most 10) */
/* Every output is decoded again and checked to be the program meant; with
 * NDEBUG (release builds, where speed is the point) one in this many. The
 * codec's and the mutator's tests check every one. */
#ifdef NDEBUG
#define MUT_CHECK_EVERY 64u
#else
#define MUT_CHECK_EVERY 1u
#endif

/* What one mutation does to a program. */
enum mut_kind {
    MUT_INSERT_OP,         /* a new op (any but on/end) anywhere */
    MUT_DELETE_OP,         /* one op, or a whole block when its on/end is picked */
    MUT_SWAP_OPS,          /* two ops trade places */
    MUT_DUPLICATE_OP,      /* a copy of one op, next to it or anywhere */
    MUT_DUPLICATE_BLOCK,   /* a copy of a whole block, between blocks */
    MUT_INSERT_BLOCK,      /* `on $x KIND` with 1 to 3 new ops, then `end` */
    MUT_MOVE_INTO_BLOCK,   /* a top-level op moves into a block */
    MUT_MOVE_OUT_OF_BLOCK, /* an op of a block moves to the top level */
    MUT_CHANGE_OPERAND,    /* one name operand (or parent=) names another slot */
    MUT_CHANGE_OPTION,     /* one option toggled or its value changed (level, kind too) */
    MUT__COUNT
};

/* What the mutator has done since the process started (or mut_stats_reset). */
struct mut_stats {
    uint64_t applied[MUT__COUNT]; /* mutations applied, by kind */
    uint64_t refused;             /* picks that had nothing to act on or no room */
    uint64_t repaired;            /* operands renamed because their name was no longer bound */
    uint64_t crossovers;          /* splices done by mut_crossover() */
    uint64_t trimmed;             /* outputs cut at the end to fit max_size */
    uint64_t mismatches;          /* outputs that did not decode to the program meant (a bug) */
};

/* The name of mutation kind k ("insert-op", ...), or "" when k is none. */
const char *mut_kind_name(enum mut_kind k);

/* Applies one mutation of kind k, chosen with `seed`, to the valid api
 * program *p (from prog_decode, prog_parse_text or this file). Returns 1
 * when it applied: *p is then valid with canonical names and lines 0; or
 * 0 when there was nothing to act on or no room, *p unchanged. */
int mut_apply(struct program *p, enum mut_kind k, uint32_t seed);

/* Splices a run of 1 to MUT_SPLICE_MAX ops of `src` into *dst (both valid
 * api programs), chosen with `seed`; operands the run names but does not
 * bind are renamed to names *dst has bound there. Returns 1, or 0 when src
 * is empty or *dst has no room (*dst unchanged). */
int mut_splice(struct program *dst, const struct program *src, uint32_t seed);

/* Cuts ops off the end of the valid api program *p until its encoding
 * fits in max_size bytes (closing a block the cut leaves open). Returns
 * the encoding's size. */
size_t mut_fit(struct program *p, size_t max_size);

/* Decodes data[0..size), applies 1 to MUT_MAX_STACK mutations chosen with
 * `seed`, and encodes the result into out (at most max_size bytes; out may
 * be data itself). The engines' hooks pass no max_size above UF_MAX_INPUT
 * (defs.h), since the api target ignores longer inputs. Returns the bytes
 * written, or 0 when nothing could be written (a max_size too small for
 * any op). */
size_t mut_mutate(const uint8_t *data, size_t size, uint8_t *out, size_t max_size, uint32_t seed);

/* Decodes both inputs and splices a run of ops of the second into the first
 * (mut_splice), then encodes into out as mut_mutate does (out may be either
 * input). Falls back to mut_mutate of the first when the second is empty.
 * Returns the bytes written. */
size_t mut_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                     uint8_t *out, size_t max_size, uint32_t seed);

/* The program the last output of mut_mutate() or mut_crossover() decodes
 * to, when data[0..size) are exactly its bytes; else NULL (also after an
 * output that failed its check). The pointer stays valid until the next
 * call into the mutator. libFuzzer runs each output next and mutates it
 * again, so the target and the next mutation skip decoding it. */
const struct program *mut_last_output(const uint8_t *data, size_t size);

/* The counters so far, and a way to zero them (tests). */
const struct mut_stats *mut_stats(void);
void mut_stats_reset(void);

#endif /* UNLOADFUZZ_MUTATOR_H */
