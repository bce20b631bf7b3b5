/*
 * gen_seeds.c - writes the throughput benchmark's seed set: COUNT programs
 * of exactly OPS ops each (64 by default), in the binary form the engines
 * mutate, drawn from a fixed seed so every run of the benchmark starts from
 * the same bytes. Each program is a driver's life: `driver-create
 * unload-callback` and `miniport-device-create $o1` come first (so the ops
 * after them act on a loaded driver with a device, as a fuzzed driver
 * mostly does), then pseudo-random bytes, decoded with prog_decode() (any
 * byte string is a program) and cut to OPS ops with every block closed.
 * The result is encoded, decoded again and checked to have OPS ops and to
 * re-encode to the same bytes before it is written. Files are named
 * seed-0000, seed-0001, ... in DIR, which must exist; none is overwritten.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"

#define RANDOM_BYTES 2048 /* random tail decoded per attempt: far more than 64 ops */
#define MAX_ATTEMPTS 1000 /* per program, before giving up */
#define MAX_ENCODED (PROG_MAX_OPS * 32)

/* The fixed prefix: driver-create unload-callback (00 04), then
 * miniport-device-create $o1 (01 00 00). See docs/LANGUAGE.md section 6. */
static const uint8_t prefix[] = {0x00, 0x04, 0x01, 0x00, 0x00};

/* Prints the usage text to f. */
static void usage(FILE *f)
{
    fprintf(f, "usage: gen_seeds [--ops N] [--seed S] COUNT DIR\n"
               "\n"
               "Writes COUNT pseudo-random programs of exactly N ops (default 64), in the\n"
               "binary form, to DIR/seed-0000, DIR/seed-0001, ... (DIR must exist; no file\n"
               "is overwritten). The same S (default 1) gives the same bytes.\n");
}

/* splitmix64: the next pseudo-random number from *state. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Copies the first ops of *src into *dst so that dst holds exactly `want`
 * ops with every block closed: an op is taken only if there is still room
 * for the END of the block it is in or opens. Returns 1 when dst got
 * exactly `want` ops, 0 when src ran out or the cut fell badly. */
static int cut_program(const struct program *src, uint32_t want, struct program *dst)
{
    int in_block = 0;
    uint32_t i;

    dst->nops = 0;
    for (i = 0; i < src->nops && dst->nops < want; i++) {
        const struct op *o = &src->ops[i];
        uint32_t need = 1;

        if (o->code == OP_ON || (in_block && o->code != OP_END))
            need = 2;
        if (dst->nops + need > want)
            break;
        dst->ops[dst->nops++] = *o;
        if (o->code == OP_ON)
            in_block = 1;
        else if (o->code == OP_END)
            in_block = 0;
    }
    if (in_block && dst->nops < want) {
        memset(&dst->ops[dst->nops], 0, sizeof dst->ops[0]);
        dst->ops[dst->nops].code = OP_END;
        dst->ops[dst->nops].target = SLOT_NONE;
        dst->ops[dst->nops].arg = SLOT_NONE;
        dst->nops++;
        in_block = 0;
    }
    dst->nslots = src->nslots;
    memcpy(dst->names, src->names, sizeof dst->names);
    return !in_block && dst->nops == want;
}

/* Makes one program of `want` ops from *state and encodes it into out.
 * Returns its length in bytes, or 0 when no attempt gave `want` ops. */
static size_t make_program(uint64_t *state, uint32_t want, uint8_t *out, size_t outlen)
{
    static uint8_t raw[sizeof prefix + RANDOM_BYTES];
    static struct program decoded, cut, check;
    static uint8_t again[MAX_ENCODED];
    int attempt;

    for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        size_t i, len;

        memcpy(raw, prefix, sizeof prefix);
        for (i = sizeof prefix; i < sizeof raw; i += 8) {
            uint64_t r = next_random(state);
            size_t k;

            for (k = 0; k < 8 && i + k < sizeof raw; k++)
                raw[i + k] = (uint8_t)(r >> (8 * k));
        }
        prog_decode(raw, sizeof raw, &decoded);
        if (!cut_program(&decoded, want, &cut))
            continue;
        len = prog_encode(&cut, out, outlen);
        if (len > outlen)
            continue;
        prog_decode(out, len, &check);
        if (check.nops != want || prog_encode(&check, again, sizeof again) != len ||
            memcmp(out, again, len) != 0)
            continue;
        return len;
    }
    return 0;
}

/* Parses a decimal number into *v. Returns 1, or 0 when s is not one. */
static int parse_number(const char *s, unsigned long *v)
{
    char *end;

    if (*s < '0' || *s > '9')
        return 0;
    errno = 0;
    *v = strtoul(s, &end, 10);
    return errno == 0 && *end == '\0';
}

/* Parses the arguments, then writes the programs one file each. */
int main(int argc, char **argv)
{
    static uint8_t bin[MAX_ENCODED];
    unsigned long count = 0, ops = 64, seed = 1, n;
    const char *dir = NULL;
    int i, have_count = 0;
    uint64_t state;
    size_t total = 0;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--ops") && i + 1 < argc) {
            if (!parse_number(argv[++i], &ops) || ops < 3 || ops > PROG_MAX_OPS) {
                fprintf(stderr, "gen_seeds: --ops wants a number from 3 to %d\n", PROG_MAX_OPS);
                return 2;
            }
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            if (!parse_number(argv[++i], &seed)) {
                fprintf(stderr, "gen_seeds: --seed wants a decimal number\n");
                return 2;
            }
        } else if (argv[i][0] != '-' && !have_count) {
            if (!parse_number(argv[i], &count) || count == 0 || count > 100000) {
                fprintf(stderr, "gen_seeds: COUNT wants a number from 1 to 100000\n");
                return 2;
            }
            have_count = 1;
        } else if (argv[i][0] != '-' && !dir) {
            dir = argv[i];
        } else {
            fprintf(stderr, "gen_seeds: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (!have_count || !dir) {
        usage(stderr);
        return 2;
    }
    state = (uint64_t)seed;
    for (n = 0; n < count; n++) {
        char path[4096];
        size_t len = make_program(&state, (uint32_t)ops, bin, sizeof bin);
        FILE *f;

        if (len == 0) {
            fprintf(stderr, "gen_seeds: no %lu-op program after %d attempts\n", ops, MAX_ATTEMPTS);
            return 1;
        }
        if (snprintf(path, sizeof path, "%s/seed-%04lu", dir, n) >= (int)sizeof path) {
            fprintf(stderr, "gen_seeds: %s: path too long\n", dir);
            return 2;
        }
        f = fopen(path, "wbx");
        if (!f) {
            fprintf(stderr, "gen_seeds: %s: cannot create (it must not exist yet): %s\n", path,
                    strerror(errno));
            return 1;
        }
        if (fwrite(bin, 1, len, f) != len) {
            fclose(f);
            fprintf(stderr, "gen_seeds: %s: write failed\n", path);
            return 1;
        }
        if (fclose(f) != 0) {
            fprintf(stderr, "gen_seeds: %s: write failed\n", path);
            return 1;
        }
        total += len;
    }
    printf("gen_seeds: %lu programs of %lu ops in %s, %zu bytes (%zu on average)\n", count, ops,
           dir, total, total / count);
    return 0;
}
