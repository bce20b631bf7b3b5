/*
 * output.c - where a mutator call starts and ends: the decoded input, and
 * the bytes of the output.
 *
 * The output of every call is encoded here (mut__emit()): cut to
 * max_size from the end, closing a block the cut leaves open, and decoded
 * again to check it is the program meant (every time, or one in
 * MUT_CHECK_EVERY with NDEBUG; a difference is counted as the bug it
 * would be). The output's program, bytes and op ends are remembered:
 * libFuzzer runs that output next and mutates it again, so the target
 * asks for its program (mut_last_output()) instead of decoding it, the
 * next mutation starts from it, and the ops a new output shares with it
 * first and last keep their bytes (an op's bytes depend only on the slots
 * bound before it) instead of being encoded again. Inputs are decoded
 * here too (mut__decode_input()), through a cache of the programs of
 * inputs seen before: corpus entries come back again and again, as inputs
 * and as crossover donors.
 */
#include <string.h>

#include "edit.h"
#include "mut_internal.h"

#define END_BYTES 1 /* an `end` encodes to its code byte alone */

static struct program check;               /* mut__emit()'s decode of its own output */
static struct program last;                /* the program of the last output... */
static uint8_t last_bytes[MUT_OUTPUT_MAX]; /* ...and its bytes (mut_last_output()) */
static uint32_t last_ends[PROG_MAX_OPS];   /* ...and where each of its ops ends in them */
static uint32_t last_slots[PROG_MAX_OPS];  /* ...and the slots bound once each has run */
static size_t last_len;                    /* 0: no output to remember */
static uint32_t emitted;                   /* outputs so far, for the sampled self-check */

/* Programs of inputs decoded before. libFuzzer hands the mutator corpus
 * entries over and over (each one's first mutation, and every crossover's
 * donor), and decoding one costs more than the mutation itself; an entry
 * is looked up by a hash of its bytes and then compared whole, so a hit
 * gives exactly what decoding would. Direct-mapped: a clash evicts. */
#define CACHE_ENTRIES 1024u /* a power of two */
#define CACHE_BYTES 512u    /* longest input kept */
#define CACHE_OPS 160u      /* most ops a kept program has */
struct cached {
    uint32_t len;                /* bytes of the input; 0: empty */
    uint32_t nops, nslots;       /* its program's ops and slots */
    uint8_t bytes[CACHE_BYTES];  /* the input */
    struct op ops[CACHE_OPS];    /* its program's ops */
};
static struct cached cache[CACHE_ENTRIES];

/* The slots the ops of the valid program *p bind, $driver counted: one
 * past the highest a create op binds. */
static uint32_t slots_bound(const struct program *p)
{
    uint32_t i, n = 1;

    for (i = 0; i < p->nops; i++)
        if (mut__binds_name(&p->ops[i]) && p->ops[i].target >= n)
            n = p->ops[i].target + 1u;
    return n;
}

/* Cuts ops off the end of *p, whose ops end at the byte offsets ends[]
 * (prog_encode_ends()), to fit max_size bytes, closing a block the cut
 * leaves open. Returns the encoding's size; *closed says whether an `end`
 * was added (its byte follows the kept ops' bytes). */
size_t mut__cut(struct program *p, size_t max_size, const uint32_t *ends, int *closed)
{
    uint32_t i, keep = 0;
    int in_block = 0, keep_open = 0;

    *closed = 0;
    if (p->nops == 0 || ends[p->nops - 1] <= max_size)
        return p->nops ? ends[p->nops - 1] : 0;
    for (i = 0; i < p->nops; i++) {
        in_block = mut__open_after(&p->ops[i], in_block);
        if (ends[i] + (in_block ? END_BYTES : 0) > max_size)
            break;
        keep = i + 1;
        keep_open = in_block;
    }
    mut__stats.trimmed++;
    p->nops = keep;
    if (keep_open)
        prog_append_end(p);
    *closed = keep_open;
    /* A prefix of a valid program is valid, with the slots its ops bind. */
    p->nslots = slots_bound(p);
    return (keep ? ends[keep - 1] : 0) + (keep_open ? END_BYTES : 0);
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
void mut__copy_program(struct program *dst, const struct program *src)
{
    set_ops(dst, src->ops, src->nops, src->kind, src->nslots);
}

/* Encodes the valid program *p into out, cut to max_size (mut__cut()), checks
 * (every time, or every MUT_CHECK_EVERY-th time with NDEBUG) that the bytes
 * decode back to *p, and remembers both for mut_last_output(). libFuzzer
 * mutates its last output again four times in five: the first ops *p shares
 * with it, and the last ones when they follow as many bound slots, keep
 * their bytes (an op's bytes depend only on the slots bound before it),
 * copied, not encoded. Returns the bytes written, or 0 after a mismatch
 * (counted: it would be a bug here or in the codec). */
size_t mut__emit(struct program *p, uint8_t *out, size_t max_size)
{
    static uint32_t ends[PROG_MAX_OPS], slots[PROG_MAX_OPS];
    uint32_t from = last_len != 0 ? mut__common_prefix(p, &last) : 0, tail = 0, i, j, k;
    size_t n, start;
    int closed;

    if (from != 0) {
        n = last_ends[from - 1];
        memmove(out, last_bytes, n < max_size ? n : max_size);
        memcpy(ends, last_ends, from * sizeof ends[0]);
        memcpy(slots, last_slots, from * sizeof slots[0]);
    }
    if (last_len != 0)
        tail = mut__common_suffix(p, &last, from);
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
        n = mut__cut(p, max_size, ends, &closed);
        if (closed) {
            out[n - END_BYTES] = OP_END;
            ends[p->nops - 1] = (uint32_t)n;
            slots[p->nops - 1] = p->nops > 1 ? slots[p->nops - 2] : 1;
        }
    }
    if (emitted++ % MUT_CHECK_EVERY == 0) {
        prog_decode(out, n, &check);
        if (!mut__same_ops(p, &check)) {
            mut__stats.mismatches++;
            return 0;
        }
    }
    mut__copy_program(&last, p);
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
void mut__decode_input(const uint8_t *data, size_t size, struct program *p)
{
    const struct program *known = mut__last_output(data, size);
    struct cached *e;

    if (known != NULL) {
        mut__copy_program(p, known);
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

/* The program of the last output when data[0..size) are its bytes, else
 * NULL (also after an output that failed its check). */
const struct program *mut__last_output(const uint8_t *data, size_t size)
{
    if (last_len == 0 || size != last_len || memcmp(data, last_bytes, size) != 0)
        return NULL;
    return &last;
}
