/*
 * test_mutator.c - the structure-aware mutator (fuzzers/mutator/) only
 * ever makes valid programs, and makes them the same way every time.
 *
 * Starting from the api seeds (the .ufp files of corpus/seeds/api, read
 * as text): each mutation kind applies and gives a program whose bytes
 * decode to it and whose text parses back to it; outputs never pass
 * max_size (nor write past it); one seed gives one output; 20,000 rounds
 * of mutation and crossover, each output fed back in as an engine would,
 * never give an invalid program (the bytes checked every round, the text
 * every eighth); inputs seen before mutate as when first decoded; crossover brings in the second program's ops; new ops and
 * blocks lean toward the unload path; and every token of fuzzers/api.dict
 * encodes whole ops, the first one the op its name says.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "defs.h"
#include "mutator.h"
#include "program.h"
#include "progtest.h"
#include "testlib.h"

#define MAX_SEEDS 16
#define FILE_MAX (64 * 1024)       /* a seed file's text */
#define TEXT_MAX (256 * 1024)      /* any program's text (512 ops, well under 200 bytes each) */
#define POOL 16                    /* inputs the rounds test keeps, as an engine's corpus */
#define ROUNDS 20000               /* rounds of the rounds test */

/* The seeds, parsed, and their binary form. */
static struct program seeds[MAX_SEEDS];
static uint8_t seed_bytes[MAX_SEEDS][MUT_OUTPUT_MAX];
static size_t seed_len[MAX_SEEDS];
static int nseeds;

/* Programs and buffers are large; keep them out of the stack. */
static struct program pa, pb, pc;
static char file[FILE_MAX], text[TEXT_MAX], err[512];
static uint8_t out[MUT_OUTPUT_MAX + 64], out2[MUT_OUTPUT_MAX + 64], bytes[MUT_OUTPUT_MAX];
static uint8_t pool[POOL][UF_MAX_INPUT];
static size_t pool_len[POOL];

/* ---------------------------------------------------------------- helpers */

/* One step of xorshift32 on *x (never 0). Returns the new value. */
static uint32_t xorshift32(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* Reads the file at path into `file` (NUL-terminated). Returns its length. */
static size_t read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n;

    if (f == NULL)
        fail_msg("cannot open %s", path);
    n = fread(file, 1, sizeof file - 1, f);
    fclose(f);
    file[n] = '\0';
    return n;
}

/* Parses every .ufp file of corpus/seeds/api into seeds[] (sorted by name) and
 * encodes each. Returns 0 (cmocka group setup). */
static int load_seeds(void **state)
{
    char dir[512], path[1024], names[MAX_SEEDS][256], tmp[256];
    struct dirent *e;
    DIR *d;
    int i, j, n = 0;

    snprintf(dir, sizeof dir, "%s/seeds/api", UF_CORPUS_DIR);
    d = opendir(dir);
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);

        if (len < 5 || len >= sizeof names[0] || strcmp(e->d_name + len - 4, ".ufp") != 0 ||
            n == MAX_SEEDS)
            continue;
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            memcpy(tmp, names[j], sizeof tmp);
            memcpy(names[j], names[j - 1], sizeof tmp);
            memcpy(names[j - 1], tmp, sizeof tmp);
        }
    for (i = 0; i < n; i++) {
        size_t len;

        snprintf(path, sizeof path, "%.500s/%.255s", dir, names[i]);
        len = read_file(path);
        if (prog_parse_text(file, len, &seeds[i], err, sizeof err) != 0) {
            fprintf(stderr, "%s: %s\n", path, err);
            return -1;
        }
        seed_len[i] = prog_encode(&seeds[i], seed_bytes[i], sizeof seed_bytes[i]);
    }
    nseeds = n;
    return n >= 3 ? 0 : -1;
}


/* Asserts that the program *p (as the mutator left it) is valid: within
 * the language's limits, its bytes decode to it and, with `text`, its
 * canonical text parses back to it (the slow part, under ASan). */
static void expect_valid_as(const struct program *p, int with_text)
{
    size_t n = prog_encode(p, bytes, sizeof bytes), len;

    assert_true(n <= sizeof bytes);
    assert_true(p->nops <= PROG_MAX_OPS);
    assert_true(p->nslots >= 1 && p->nslots <= PROG_MAX_SLOTS);
    prog_decode(bytes, n, &pb);
    expect_same_ops(p, &pb);
    if (!with_text)
        return;
    len = prog_print_text(p, 1, text, sizeof text);
    assert_true(len < sizeof text);
    if (prog_parse_text(text, len, &pc, err, sizeof err) != 0)
        fail_msg("the mutated program does not parse: %s\n%s", err, text);
    expect_same_ops(p, &pc);
}

/* expect_valid_as() with the text round trip. */
static void expect_valid(const struct program *p)
{
    expect_valid_as(p, 1);
}

/* Asserts that b[0..n) is a canonical encoding (what the mutator writes):
 * it decodes to a program within the language's limits that encodes back
 * to the same bytes (so its bytes decode to it), and with `with_text` its
 * text parses back to it. */
static void expect_valid_bytes_as(const uint8_t *b, size_t n, int with_text)
{
    uint8_t again[MUT_OUTPUT_MAX];
    size_t len;

    prog_decode(b, n, &pa);
    assert_true(pa.nops <= PROG_MAX_OPS);
    assert_true(pa.nslots >= 1 && pa.nslots <= PROG_MAX_SLOTS);
    assert_int_equal(prog_encode(&pa, again, sizeof again), n);
    assert_memory_equal(again, b, n);
    if (!with_text)
        return;
    len = prog_print_text(&pa, 1, text, sizeof text);
    assert_true(len < sizeof text);
    if (prog_parse_text(text, len, &pc, err, sizeof err) != 0)
        fail_msg("the mutated program does not parse: %s\n%s", err, text);
    expect_same_ops(&pa, &pc);
}

/* expect_valid_bytes_as() with the text round trip. */
static void expect_valid_bytes(const uint8_t *b, size_t n)
{
    expect_valid_bytes_as(b, n, 1);
}

/* Whether program p has an op with code `code`. */
static int has_op(const struct program *p, enum op_code code)
{
    uint32_t i;

    for (i = 0; i < p->nops; i++)
        if (p->ops[i].code == code)
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ tests */

/* Every kind applies to the seeds, to evolving programs and (where it can)
 * to the empty program; each result is valid and most differ from what
 * went in; a kind with nothing to act on says so and changes nothing. */
static void every_mutation_kind_applies_and_round_trips(void **state)
{
    uint32_t applied[MUT__COUNT] = {0}, changed[MUT__COUNT] = {0}, s;
    int i, k;

    for (i = 0; i < nseeds; i++)
        for (k = 0; k < MUT__COUNT; k++)
            for (s = 0; s < 200; s++) {
                size_t n;

                pa = seeds[i];
                if (!mut_apply(&pa, (enum mut_kind)k, s))
                    continue;
                applied[k]++;
                n = prog_encode(&pa, out, sizeof out);
                changed[k] += n != seed_len[i] || memcmp(out, seed_bytes[i], n) != 0;
                expect_valid_as(&pa, s % 2 == 0);
            }
    for (k = 0; k < MUT__COUNT; k++) {
        if (applied[k] < 100 || changed[k] < applied[k] / 2)
            fail_msg("%s: applied %u times, changed the program %u times",
                     mut_kind_name((enum mut_kind)k), applied[k], changed[k]);
    }

    /* One program through 3000 mutations of every kind in turn. */
    for (i = 0; i < nseeds; i++) {
        static struct program evolving;

        evolving = seeds[i];
        for (s = 0; s < 1000; s++) {
            mut_apply(&evolving, (enum mut_kind)(s % MUT__COUNT), s * 7919u + (uint32_t)i);
            expect_valid_as(&evolving, s % 8 == 0);
        }
    }

    /* The empty program: only the inserting kinds have something to do. */
    for (k = 0; k < MUT__COUNT; k++) {
        memset(&pa, 0, sizeof pa);
        pa.nslots = 1;
        strcpy(pa.names[0], "$driver");
        if (mut_apply(&pa, (enum mut_kind)k, 1))
            assert_true(k == MUT_INSERT_OP || k == MUT_INSERT_BLOCK);
        else
            assert_int_equal(pa.nops, 0);
        expect_valid(&pa);
    }
    assert_string_equal(mut_kind_name(MUT_INSERT_OP), "insert-op");
    assert_string_equal(mut_kind_name(MUT_CHANGE_OPTION), "change-option");
    assert_string_equal(mut_kind_name(MUT__COUNT), "");
}

/* Outputs fit max_size, bytes past it are never written, and what is cut
 * is cut at whole ops (blocks closed); a full program is cut too. */
static void outputs_respect_max_size(void **state)
{
    static const size_t limits[] = {0, 1, 2, 3, 5, 8, 13, 32, 64, 100, 333, 1024, 4096};
    uint64_t trimmed = mut_stats()->trimmed;
    size_t l, n;
    uint32_t s;
    int i;

    for (i = 0; i < nseeds; i++)
        for (l = 0; l < sizeof limits / sizeof limits[0]; l++)
            for (s = 0; s < 40; s++) {
                memset(out, 0xA5, sizeof out);
                n = mut_mutate(seed_bytes[i], seed_len[i], out, limits[l], s);
                assert_true(n <= limits[l]);
                assert_true(out[limits[l]] == 0xA5 && out[limits[l] + 63] == 0xA5);
                expect_valid_bytes(out, n);
                memset(out, 0xA5, sizeof out);
                n = mut_crossover(seed_bytes[i], seed_len[i], seed_bytes[(i + 1) % nseeds],
                                  seed_len[(i + 1) % nseeds], out, limits[l], s);
                assert_true(n <= limits[l]);
                assert_true(out[limits[l]] == 0xA5);
                expect_valid_bytes(out, n);
            }
    assert_true(mut_stats()->trimmed > trimmed);

    /* mut_fit on a program of 512 ops, cut inside a block. */
    memset(&pa, 0, sizeof pa);
    pa.nslots = 1;
    strcpy(pa.names[0], "$driver");
    for (s = 0; s < PROG_MAX_OPS; s++) {
        pa.ops[s].code = s == 100 ? OP_ON : s == PROG_MAX_OPS - 1 ? OP_END : OP_RUN_DEFERRED;
        pa.ops[s].target = s == 100 ? SLOT_DRIVER : SLOT_NONE;
        pa.ops[s].arg = SLOT_NONE;
    }
    pa.nops = PROG_MAX_OPS;
    expect_valid(&pa);
    n = mut_fit(&pa, 300);
    assert_int_equal(n, 300);
    assert_int_equal(pa.nops, 100 + 1 + 196 + 1); /* the on is 3 bytes, the end 1 */
    assert_int_equal(pa.ops[pa.nops - 1].code, OP_END);
    expect_valid(&pa);
    assert_int_equal(prog_encode(&pa, NULL, 0), n);
}

/* The same seed gives the same bytes (in place or not); different seeds
 * give different outputs. */
static void the_same_seed_gives_the_same_output(void **state)
{
    size_t n1, n2;
    uint32_t s, distinct = 0;
    int i;

    for (i = 0; i < nseeds; i++)
        for (s = 0; s < 100; s++) {
            n1 = mut_mutate(seed_bytes[i], seed_len[i], out, UF_MAX_INPUT, s);
            n2 = mut_mutate(seed_bytes[i], seed_len[i], out2, UF_MAX_INPUT, s);
            assert_int_equal(n1, n2);
            assert_memory_equal(out, out2, n1);
            memcpy(out2, seed_bytes[i], seed_len[i]);
            n2 = mut_mutate(out2, seed_len[i], out2, UF_MAX_INPUT, s);
            assert_int_equal(n1, n2);
            assert_memory_equal(out, out2, n1);
            n1 = mut_crossover(seed_bytes[i], seed_len[i], seed_bytes[0], seed_len[0], out,
                               UF_MAX_INPUT, s);
            n2 = mut_crossover(seed_bytes[i], seed_len[i], seed_bytes[0], seed_len[0], out2,
                               UF_MAX_INPUT, s);
            assert_int_equal(n1, n2);
            assert_memory_equal(out, out2, n1);
            n2 = mut_mutate(seed_bytes[i], seed_len[i], out2, UF_MAX_INPUT, s + 1);
            n1 = mut_mutate(seed_bytes[i], seed_len[i], out, UF_MAX_INPUT, s);
            distinct += n1 != n2 || memcmp(out, out2, n1) != 0;
            /* and a mutation is never the input back */
            assert_false(n1 == seed_len[i] && memcmp(out, seed_bytes[i], n1) == 0);
        }
    assert_true(distinct > 90 * (uint32_t)nseeds);
}

/* mut_last_output() gives the program of the last output exactly as
 * prog_decode() would, and only for those bytes; mutating an output again
 * (taken from that memory) gives what mutating the same bytes decoded
 * afresh gives. */
/* Inputs seen before come from the mutator's cache of decoded programs:
 * the second mutation of the same bytes (a hit) must equal the first (a
 * decode), for byte strings of every length around the cache's limit, and
 * after a clash evicted the entry. */
static void inputs_seen_before_mutate_as_when_first_decoded(void **state)
{
    static uint8_t in[3][1024];
    size_t len[3], n1, n2, j;
    uint32_t x = 0x1234567u, s;
    int i, k;

    (void)state;
    for (i = 0; i < 600; i++) {
        for (k = 0; k < 3; k++) {
            len[k] = 1 + xorshift32(&x) % (k == 2 ? 1024 : 600);
            for (j = 0; j < len[k]; j++)
                in[k][j] = (uint8_t)xorshift32(&x);
        }
        s = xorshift32(&x);
        n1 = mut_mutate(in[0], len[0], out, UF_MAX_INPUT, s);
        n2 = mut_mutate(in[0], len[0], out2, UF_MAX_INPUT, s);
        assert_int_equal(n1, n2);
        assert_memory_equal(out, out2, n1);
        /* a crossover's donor, first decoded, then from the cache */
        n1 = mut_crossover(in[2], len[2], in[1], len[1], out, UF_MAX_INPUT, s);
        n2 = mut_crossover(in[2], len[2], in[1], len[1], out2, UF_MAX_INPUT, s);
        assert_int_equal(n1, n2);
        assert_memory_equal(out, out2, n1);
    }
    /* a seed mutated again after hundreds of other inputs took its entry */
    n1 = mut_mutate(seed_bytes[0], seed_len[0], out, UF_MAX_INPUT, 99);
    for (i = 0; i < 2000; i++) {
        for (j = 0; j < 40; j++)
            in[0][j] = (uint8_t)xorshift32(&x);
        (void)mut_mutate(in[0], 40, out2, UF_MAX_INPUT, 1);
    }
    n2 = mut_mutate(seed_bytes[0], seed_len[0], out2, UF_MAX_INPUT, 99);
    assert_int_equal(n1, n2);
    assert_memory_equal(out, out2, n1);
}

static void the_last_output_is_remembered_exactly(void **state)
{
    const struct program *known;
    size_t n1, n2, n3;
    uint32_t s;
    int i;

    for (i = 0; i < nseeds; i++)
        for (s = 0; s < 50; s++) {
            n1 = mut_mutate(seed_bytes[i], seed_len[i], out, 200 + s * 40, s);
            known = mut_last_output(out, n1);
            assert_non_null(known);
            prog_decode(out, n1, &pb);
            expect_same_ops(known, &pb);
            assert_int_equal(known->nslots, pb.nslots);
            assert_null(mut_last_output(out, n1 - 1));
            assert_null(mut_last_output(seed_bytes[i], seed_len[i]));
            memcpy(out2, out, n1);
            out2[n1 - 1] ^= 1;
            assert_null(mut_last_output(out2, n1));
            /* again from the memory, then from a decode of the same bytes */
            n2 = mut_mutate(out, n1, out2, UF_MAX_INPUT, s + 7);
            n3 = mut_crossover(seed_bytes[i], seed_len[i], out2, n2, bytes, UF_MAX_INPUT, s);
            assert_null(mut_last_output(out, n1));
            n3 = mut_mutate(out, n1, bytes, UF_MAX_INPUT, s + 7);
            assert_int_equal(n2, n3);
            assert_memory_equal(out2, bytes, n2);
        }
    /* an output that fit nothing is remembered as nothing */
    assert_int_equal(mut_mutate(seed_bytes[0], seed_len[0], out, 0, 1), 0);
    assert_null(mut_last_output(out, 0));
}

/* prog_encode_ends() writes the same bytes as prog_encode(), each prefix
 * of ops alone encodes to exactly the bytes before its end, and the ops
 * after a prefix encode after its bytes to the rest (prog_encode_range). */
static void encoding_ends_mark_each_prefix(void **state)
{
    static uint32_t ends[PROG_MAX_OPS], slots[PROG_MAX_OPS];
    size_t n;
    uint32_t k;
    int i;

    for (i = 0; i < nseeds; i++) {
        n = prog_encode_ends(&seeds[i], out, sizeof out, ends);
        assert_int_equal(n, seed_len[i]);
        assert_memory_equal(out, seed_bytes[i], n);
        assert_int_equal(ends[seeds[i].nops - 1], n);
        for (k = 0; k < seeds[i].nops; k++) {
            pa = seeds[i];
            pa.nops = k + 1;
            assert_int_equal(prog_encode(&pa, out2, sizeof out2), ends[k]);
            assert_memory_equal(out2, seed_bytes[i], ends[k]);
            /* the rest encoded after the bytes of ops 0..k, as emit() does */
            memset(out2 + ends[k], 0xA5, sizeof out2 - ends[k]);
            assert_int_equal(prog_encode_range(&seeds[i], k + 1, seeds[i].nops, out2, sizeof out2,
                                               ends, NULL), n);
            assert_memory_equal(out2, seed_bytes[i], n);
            /* and from the slots bound so far, counted by an encoding of the prefix */
            memset(out2 + ends[k], 0xA5, sizeof out2 - ends[k]);
            prog_encode_range(&seeds[i], 0, k + 1, out2, sizeof out2, ends, slots);
            assert_int_equal(prog_encode_range(&seeds[i], k + 1, seeds[i].nops, out2, sizeof out2,
                                               ends, slots), n);
            assert_memory_equal(out2, seed_bytes[i], n);
        }
    }
}

/* 20,000 rounds as an engine runs them: pick an input of a small corpus
 * (the seeds at first), mutate it or cross it with another, check the
 * output, put it back in place of a random one. Nothing invalid ever comes
 * out, and every kind gets its turn. */
static void twenty_thousand_rounds_never_make_an_invalid_program(void **state)
{
    struct mut_stats before = *mut_stats();
    uint32_t x = 2463534242u, r, k;
    uint32_t max_ops = 0;
    size_t n;
    int i;

    for (i = 0; i < POOL; i++) {
        pool_len[i] = seed_len[i % nseeds];
        memcpy(pool[i], seed_bytes[i % nseeds], pool_len[i]);
    }
    for (r = 0; r < ROUNDS; r++) {
        uint32_t a = xorshift32(&x) % POOL, b = xorshift32(&x) % POOL;
        size_t max = r % 16 == 0 ? UF_MAX_INPUT : 512;

        if (r % 4 == 3)
            n = mut_crossover(pool[a], pool_len[a], pool[b], pool_len[b], out, max, r);
        else
            n = mut_mutate(pool[a], pool_len[a], out, max, r);
        assert_true(n <= max);
        expect_valid_bytes_as(out, n, r % 8 == 0);
        if (pa.nops > max_ops)
            max_ops = pa.nops;
        b = xorshift32(&x) % POOL;
        if (n != 0 && xorshift32(&x) % 8 != 0) {
            memcpy(pool[b], out, n);
            pool_len[b] = n;
        } else { /* now and then, back to a seed */
            pool_len[b] = seed_len[b % nseeds];
            memcpy(pool[b], seed_bytes[b % nseeds], pool_len[b]);
        }
    }
    assert_int_equal(mut_stats()->mismatches, 0);
    for (k = 0; k < MUT__COUNT; k++)
        if (mut_stats()->applied[k] - before.applied[k] < 500)
            fail_msg("%s applied only %u times", mut_kind_name((enum mut_kind)k),
                     (unsigned)(mut_stats()->applied[k] - before.applied[k]));
    assert_true(mut_stats()->crossovers - before.crossovers > ROUNDS / 8);
    assert_true(mut_stats()->repaired > before.repaired);
    assert_true(max_ops > 100);
}

/* A crossover brings in ops only the second program has, renames its
 * names into the first's, and falls back to a mutation when the second is
 * empty. */
static void crossover_splices_ops_of_the_second_program(void **state)
{
    int life = -1, faults = -1, i, from_b = 0, spliced = 0;
    uint32_t s;
    size_t n;

    for (i = 0; i < nseeds; i++) {
        if (!has_op(&seeds[i], OP_FAIL_ALLOC))
            life = life < 0 || seeds[i].nops > seeds[life].nops ? i : life;
        else
            faults = i;
    }
    assert_true(life >= 0 && faults >= 0);
    for (s = 0; s < 200; s++) {
        pa = seeds[life];
        if (mut_splice(&pa, &seeds[faults], s)) {
            spliced++;
            expect_valid(&pa);
        }
        n = mut_crossover(seed_bytes[life], seed_len[life], seed_bytes[faults], seed_len[faults],
                          out, UF_MAX_INPUT, s);
        expect_valid_bytes(out, n);
        from_b += has_op(&pa, OP_FAIL_ALLOC) || has_op(&pa, OP_IRQL);
    }
    assert_int_equal(spliced, 200);
    assert_true(from_b > 50);

    /* an empty second input: a mutation of the first, not the first again */
    n = mut_crossover(seed_bytes[life], seed_len[life], NULL, 0, out, UF_MAX_INPUT, 5);
    expect_valid_bytes(out, n);
    assert_false(n == seed_len[life] && memcmp(out, seed_bytes[life], n) == 0);
    memset(&pb, 0, sizeof pb);
    pb.nslots = 1;
    pa = seeds[life];
    assert_int_equal(mut_splice(&pa, &pb, 1), 0);
    expect_same_ops(&pa, &seeds[life]);
}

/* New ops lean toward the unload path and new blocks toward cleanup,
 * destroy and unload callbacks, which get switched on. */
static void new_ops_and_blocks_favour_the_unload_path(void **state)
{
    uint32_t s, favoured = 0, unload_path_blocks = 0, switched_on = 0, n = 2000;
    int i;

    for (s = 0; s < n; s++) {
        memset(&pa, 0, sizeof pa);
        pa.nslots = 1;
        assert_int_equal(mut_apply(&pa, MUT_INSERT_OP, s), 1);
        assert_int_equal(pa.nops, 1);
        switch (pa.ops[0].code) {
        case OP_MINIPORT_UNLOAD:
        case OP_DELETE:
        case OP_DEREFERENCE:
        case OP_IRQL:
        case OP_FAIL_ALLOC:
        case OP_RUN_DEFERRED:
        case OP_TIMER_FIRE:
        case OP_WORKITEM_RUN:
        case OP_REQUEST_COMPLETE:
        case OP_DPC_RUN:
        case OP_IOTARGET_STOP:
            favoured++;
            break;
        default:
            break;
        }
        pa = seeds[s % (uint32_t)nseeds];
        assert_int_equal(mut_apply(&pa, MUT_INSERT_BLOCK, s), 1);
        expect_valid(&pa);
    }
    assert_true(favoured > n / 2);

    /* Blocks added to a program that has none (the faults seed): the one
     * `on` is the new block's; a create op above it whose options changed
     * got its callback switched on. */
    for (i = 0; i < nseeds && (has_op(&seeds[i], OP_ON) || !has_op(&seeds[i], OP_FAIL_ALLOC)); i++)
        ;
    assert_true(i < nseeds);
    for (s = 0; s < n; s++) {
        uint32_t j, on;

        pa = seeds[i];
        assert_int_equal(mut_apply(&pa, MUT_INSERT_BLOCK, s), 1);
        for (on = 0; on < pa.nops && pa.ops[on].code != OP_ON; on++)
            ;
        assert_true(on < pa.nops);
        if (pa.ops[on].level == BLOCK_CLEANUP || pa.ops[on].level == BLOCK_DESTROY ||
            pa.ops[on].level == BLOCK_UNLOAD)
            unload_path_blocks++;
        for (j = 0; j < on && pa.ops[j].opts == seeds[i].ops[j].opts; j++)
            ;
        switched_on += j < on;
    }
    assert_true(unload_path_blocks > n * 6 / 10);
    assert_true(switched_on > n / 5);
}

/* Reads the next `key="value"` line of a dictionary at *pos: the key into
 * key, the value (\xNN, \\ and \" unescaped) into val. Returns the value's
 * length, or -1 at the end of the file. */
static int next_token(const char **pos, char *key, size_t keylen, uint8_t *val)
{
    const char *s = *pos, *q;
    int n;

    for (;;) {
        const char *eol = strchr(s, '\n');
        size_t k = 0;

        if (*s == '\0')
            return -1;
        if (eol == NULL)
            eol = s + strlen(s);
        if (*s == '#' || *s == '\n') {
            s = *eol ? eol + 1 : eol;
            continue;
        }
        q = strchr(s, '=');
        assert_non_null(q);
        assert_true(q < eol && q[1] == '"' && eol[-1] == '"');
        for (; s < q && k + 1 < keylen; s++)
            key[k++] = *s;
        key[k] = '\0';
        n = 0;
        for (q += 2; q < eol - 1; q++) {
            if (q[0] == '\\' && q[1] == 'x') {
                unsigned v;

                assert_int_equal(sscanf(q + 2, "%2x", &v), 1);
                val[n++] = (uint8_t)v;
                q += 3;
            } else if (q[0] == '\\') {
                val[n++] = (uint8_t)*++q;
            } else {
                val[n++] = (uint8_t)*q;
            }
        }
        *pos = *eol ? eol + 1 : eol;
        return n;
    }
}

/* Every token of fuzzers/api.dict is whole ops: it decodes with no byte
 * left over and none missing, and its first op is the one its key names. */
static void dictionary_tokens_are_whole_ops(void **state)
{
    static const uint8_t block[] = {OP_ON, SLOT_DRIVER, BLOCK_CLEANUP};
    const char *pos = file;
    char key[128];
    uint8_t val[64], buf[sizeof block + sizeof val];
    size_t pre;
    int n, tokens = 0;

    read_file(UF_DICT);
    while ((n = next_token(&pos, key, sizeof key, val)) >= 0) {
        int c, best = -1;
        size_t best_len = 0, len;

        assert_true(n > 0 && n < (int)sizeof val - 1);
        for (c = 0; c < OP__COUNT; c++) {
            char want[64];
            size_t j;

            len = strlen(op_name((enum op_code)c));
            for (j = 0; j <= len; j++)
                want[j] = op_name((enum op_code)c)[j] == '-' ? '_' : op_name((enum op_code)c)[j];
            if (strncmp(key, want, len) == 0 && (key[len] == '\0' || key[len] == '_') &&
                len > best_len) {
                best = c;
                best_len = len;
            }
        }
        if (best < 0)
            fail_msg("token %s names no op", key);
        /* an `end` token needs a block to close: decode it after an `on` */
        pre = val[0] == OP_END ? sizeof block : 0;
        memcpy(buf, block, pre);
        memcpy(buf + pre, val, (size_t)n);
        prog_decode(buf, pre + (size_t)n, &pa);
        assert_true(pa.nops > (pre != 0));
        if (pa.ops[pre != 0].code != best)
            fail_msg("token %s decodes to %s first", key,
                     op_name((enum op_code)pa.ops[pre != 0].code));
        /* no byte missing: one more op byte makes exactly one more op */
        buf[pre + (size_t)n] = OP_RUN_DEFERRED;
        prog_decode(buf, pre + (size_t)n + 1, &pb);
        if (pb.nops != pa.nops + 1)
            fail_msg("token %s does not end at an op's end", key);
        /* none left over: the ops (less an `end` the decoder added) encode
         * to as many bytes */
        if (pa.ops[pa.nops - 1].code == OP_END && val[n - 1] != OP_END)
            pa.nops--;
        if (prog_encode(&pa, NULL, 0) != pre + (size_t)n)
            fail_msg("token %s is %d bytes, its ops %zu", key, n, prog_encode(&pa, NULL, 0) - pre);
        tokens++;
    }
    assert_true(tokens >= 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_mutation_kind_applies_and_round_trips),
        cmocka_unit_test(outputs_respect_max_size),
        cmocka_unit_test(the_same_seed_gives_the_same_output),
        cmocka_unit_test(the_last_output_is_remembered_exactly),
        cmocka_unit_test(inputs_seen_before_mutate_as_when_first_decoded),
        cmocka_unit_test(encoding_ends_mark_each_prefix),
        cmocka_unit_test(twenty_thousand_rounds_never_make_an_invalid_program),
        cmocka_unit_test(crossover_splices_ops_of_the_second_program),
        cmocka_unit_test(new_ops_and_blocks_favour_the_unload_path),
        cmocka_unit_test(dictionary_tokens_are_whole_ops),
    };

    return cmocka_run_group_tests(tests, load_seeds, NULL);
}
