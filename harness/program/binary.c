/*
 * binary.c - the binary form of a program: what fuzzing engines mutate.
 *
 * An engine hands the harness arbitrary bytes on every execution, so the
 * decoder turns ANY byte string into a valid program: every operand names a
 * slot bound so far, every option is one the op accepts with a value in
 * range, blocks are closed and never nested. It runs once per execution, so
 * it allocates nothing, prints nothing and looks at each byte once.
 *
 * The encoder is its inverse on valid programs (those the decoder or the
 * text parser made): it writes the bytes that decode back to the same ops,
 * so a corpus can be kept as text and handed to an engine as bytes.
 * docs/LANGUAGE.md ("The binary form") describes the layout; the two
 * functions below must stay in step with it and with each other.
 */
#include <string.h>

#include "edit.h"
#include "program.h"

/* A create op's slot byte below this binds a new slot (while there is
 * room); from it up, it rebinds an existing one (never $driver). */
#define BIND_REBIND 0xC0u
/* miniport-unload's operand byte from this up names a slot; below it,
 * the op has no operand (WdfGetDriver()). */
#define OPTOBJ_SLOT 0x80u
/* Varints are at most this long (32 bits, 7 per byte). */
#define VARINT_MAX 5

/* Input state of one prog_decode call. */
struct reader {
    const uint8_t *d; /* the bytes */
    size_t len;       /* how many */
    size_t pos;       /* next byte to read */
    const struct vocab *v; /* the ops of the program's kind */
};

/* The ops of one kind of program, numbered in ops.def order: an op's code
 * byte is its index among them (mod their count when decoding). The api
 * target's first ops come first in ops.def, so for them the index is the
 * op code itself, as it was before driver programs existed. */
struct vocab {
    uint8_t code[OP__COUNT];  /* index -> op code */
    uint8_t index[OP__COUNT]; /* op code -> index (0xFF: not of this kind) */
    uint32_t n;
};

static struct vocab vocabs[2];
static int vocabs_ready;

/* The vocabulary of kind k, built on first use. */
static const struct vocab *vocab_of(enum prog_kind k)
{
    int kind;
    uint32_t c;

    if (!vocabs_ready) {
        for (kind = PROG_API; kind <= PROG_DRIVER; kind++) {
            struct vocab *v = &vocabs[kind];

            memset(v->index, 0xFF, sizeof v->index);
            for (c = 0; c < OP__COUNT; c++)
                if (op_in((enum op_code)c, (enum prog_kind)kind)) {
                    v->index[c] = (uint8_t)v->n;
                    v->code[v->n++] = (uint8_t)c;
                }
        }
        vocabs_ready = 1;
    }
    return &vocabs[k == PROG_DRIVER];
}

/* Output state of one prog_encode call, snprintf-like. */
struct writer {
    uint8_t *buf; /* destination, may be NULL when n is 0 */
    size_t n;     /* its size */
    size_t len;   /* bytes produced so far, written or not */
};

/* ---------------------------------------------------------------- shared */

/* The number of set bits in v. */
static uint32_t popcount32(uint32_t v)
{
    uint32_t n = 0;

    for (; v != 0; v &= v - 1)
        n++;
    return n;
}

/* ---------------------------------------------------------------- decoder */

/* How many ops programs of kind k have (see program.h). */
uint32_t prog_vocab_size(enum prog_kind k)
{
    return vocab_of(k)->n;
}

/* Reads one byte into *b. Returns 1, or 0 when the input is used up. */
static int rd_byte(struct reader *r, uint8_t *b)
{
    if (r->pos >= r->len)
        return 0;
    *b = r->d[r->pos++];
    return 1;
}

/* Reads an LEB128 varint into *v: at most VARINT_MAX bytes (the last one's
 * continuation bit is ignored), bits beyond 32 dropped. Returns 1, or 0 when
 * the input ends inside it. */
static int rd_varint(struct reader *r, uint32_t *v)
{
    uint64_t acc = 0;
    uint8_t b;
    int i;

    for (i = 0; i < VARINT_MAX; i++) {
        if (!rd_byte(r, &b))
            return 0;
        acc |= (uint64_t)(b & 0x7Fu) << (7 * i);
        if (!(b & 0x80u))
            break;
    }
    *v = (uint32_t)acc;
    return 1;
}

/* The slot a create op binds given its slot byte `sel`, with n slots bound
 * so far: a new one (n) while there is room and sel asks for it (or there
 * is nothing to rebind), else an existing one other than $driver. */
static uint16_t bind_slot(uint8_t sel, uint32_t n)
{
    if (n < PROG_MAX_SLOTS && (sel < BIND_REBIND || n == 1))
        return (uint16_t)n;
    return (uint16_t)(1 + sel % (n - 1));
}

/* Reads the value of option number i of *o, with n slots bound, as
 * options.def says it is written. Returns 1, or 0 when the input ends. */
static int rd_value(struct reader *r, int i, uint32_t n, struct op *o)
{
    const struct opt_info *oi = &prog_options[i];
    uint32_t v;
    uint8_t b;

    switch ((enum opt_value)oi->value) {
    case VAL_SLOT:
    case VAL_INDEX:
    case VAL_WORD:
        /* one byte, mapped into the option's range */
        if (!rd_byte(r, &b))
            return 0;
        if (oi->value == VAL_SLOT)
            opt_set(o, i, b % n);
        else
            opt_set(o, i, oi->lo + b % oi->count);
        return 1;
    case VAL_U32:
        if (!rd_varint(r, &v))
            return 0;
        opt_set(o, i, oi->count ? v % oi->count : v);
        return 1;
    case VAL_FLAG: /* flags carry no value */
        return 1;
    }
    return 1;
}

/* Reads the option bytes of *o and their values, with n slots bound: bit i
 * of the option bytes is the i-th option the op accepts, in OPT_* order.
 * Returns 1, or 0 when the input ends. */
static int rd_options(struct reader *r, uint32_t n, struct op *o)
{
    uint32_t accepted = op_options((enum op_code)o->code), bits = 0, k, j, rest;
    uint32_t nbytes = (popcount32(accepted) + 7) / 8;
    uint8_t b;

    for (k = 0; k < nbytes; k++) {
        if (!rd_byte(r, &b))
            return 0;
        bits |= (uint32_t)b << (8 * k);
    }
    for (j = 0, rest = accepted; rest != 0; rest &= rest - 1, j++)
        if (bits & (1u << j))
            o->opts |= rest & (~rest + 1);
    if (o->code == OP_FAIL_ALLOC) {
        uint32_t modes = o->opts & OPT_FAIL_MODES;
        uint32_t mode = modes != 0 ? modes & (~modes + 1) : OPT_OFF;

        o->opts = mode | (mode == OPT_PERCENT ? o->opts & OPT_SEED : 0);
    }
    for (rest = o->opts; rest != 0; rest &= rest - 1)
        if (!rd_value(r, __builtin_ctz(rest), n, o))
            return 0;
    return 1;
}

/* The characters of a registry value's name, which a name byte picks from
 * modulo their count. */
static const char regname_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

/* Reads the registry op's operand: the name's length byte (1 + b modulo
 * the longest), its characters, the value as a varint. A name the table
 * has no room for becomes the one its first byte picks among those there.
 * Returns 1, or 0 when the input ends inside it. */
static int rd_regvalue(struct reader *r, struct program *p, struct op *o)
{
    char name[PROG_REGNAME_MAX];
    uint8_t b, len;
    int k;
    size_t i;

    if (!rd_byte(r, &len))
        return 0;
    len = (uint8_t)(1 + len % (PROG_REGNAME_MAX - 1));
    for (i = 0; i < len; i++) {
        if (!rd_byte(r, &b))
            return 0;
        name[i] = regname_chars[b % (sizeof regname_chars - 1)];
    }
    if (!rd_varint(r, &o->num))
        return 0;
    k = prog_regname(p, name, len);
    o->target = (uint16_t)(k >= 0 ? (unsigned)k : (unsigned char)name[0] % p->nregnames);
    return 1;
}

/* Reads one op into *o, with n slots bound before it. A create op's target
 * is n when it binds a new slot (the caller commits it). Returns 1, or 0
 * when the input ends inside the op. */
static int rd_op(struct reader *r, uint32_t n, struct program *p, struct op *o)
{
    uint8_t b, k;

    if (!rd_byte(r, &b))
        return 0;
    o->code = r->v->code[b % r->v->n];
    o->level = 0;
    o->target = SLOT_NONE;
    o->arg = SLOT_NONE;
    o->opts = 0;
    o->num = 0;
    o->seed = 0;
    o->line = 0;
    switch (op_arg((enum op_code)o->code)) {
    case ARG_NONE:
        break;
    case ARG_BIND:
        if (o->code == OP_DRIVER_CREATE) {
            o->target = SLOT_DRIVER;
            break;
        }
        if (!rd_byte(r, &b))
            return 0;
        o->target = bind_slot(b, n);
        break;
    case ARG_OBJ:
        if (!rd_byte(r, &b))
            return 0;
        o->target = (uint16_t)(b % n);
        break;
    case ARG_OBJ2:
        if (!rd_byte(r, &b) || !rd_byte(r, &k))
            return 0;
        o->target = (uint16_t)(b % n);
        o->arg = (uint16_t)(k % n);
        break;
    case ARG_OPTOBJ:
        if (!rd_byte(r, &b))
            return 0;
        if (b >= OPTOBJ_SLOT)
            o->target = (uint16_t)((b - OPTOBJ_SLOT) % n);
        break;
    case ARG_LEVEL:
        if (!rd_byte(r, &b))
            return 0;
        o->level = (uint8_t)(b % 3);
        break;
    case ARG_ENVREF:
        if (!rd_byte(r, &b))
            return 0;
        o->target = (uint16_t)(b % PROG_MAX_ENVREF);
        break;
    case ARG_REGVALUE:
        if (!rd_regvalue(r, p, o))
            return 0;
        break;
    case ARG_BLOCK:
        if (!rd_byte(r, &b) || !rd_byte(r, &k))
            return 0;
        o->target = (uint16_t)(b % n);
        o->level = (uint8_t)(k % BLOCK__COUNT);
        break;
    }
    return rd_options(r, n, o);
}

/* Decodes any byte string into *p (see program.h and docs/LANGUAGE.md).
 * Ops that would not leave room for the END of an open block, and every op
 * after them, are ignored. */
void prog_decode(const uint8_t *data, size_t len, struct program *p)
{
    prog_decode_kind(data, len, PROG_API, p);
}

/* Decodes any byte string into *p, a program of kind k (see program.h). */
void prog_decode_kind(const uint8_t *data, size_t len, enum prog_kind k, struct program *p)
{
    struct reader r = {data, len, 0, vocab_of(k)};
    int in_block = 0;
    struct op o;

    p->nops = 0;
    p->kind = (uint8_t)k;
    p->nslots = 1;
    p->nregnames = 0;
    p->names[0][0] = '\0';
    while (rd_op(&r, p->nslots, p, &o)) {
        uint32_t need;

        if (o.code == OP_END && !in_block)
            continue;                       /* END outside a block: dropped */
        if (o.code == OP_ON)
            need = in_block ? 3 : 2;        /* (END,) ON and its END */
        else
            need = in_block && o.code != OP_END ? 2 : 1;
        if (p->nops + need > PROG_MAX_OPS)
            break;
        if (o.code == OP_ON && in_block)
            prog_append_end(p);                     /* ON inside a block closes it */
        if (op_arg((enum op_code)o.code) == ARG_BIND && o.target == p->nslots)
            p->names[p->nslots++][0] = '\0';
        if (o.code == OP_ON)
            in_block = 1;
        else if (o.code == OP_END)
            in_block = 0;
        p->ops[p->nops++] = o;
    }
    if (in_block)
        prog_append_end(p);
}

/* ---------------------------------------------------------------- encoder */

/* Appends byte b. */
static void wr_byte(struct writer *w, uint8_t b)
{
    if (w->len < w->n)
        w->buf[w->len] = b;
    w->len++;
}

/* Appends v as a minimal LEB128 varint (1 to 5 bytes). */
static void wr_varint(struct writer *w, uint32_t v)
{
    while (v >= 0x80u) {
        wr_byte(w, (uint8_t)(v | 0x80u));
        v >>= 7;
    }
    wr_byte(w, (uint8_t)v);
}

/* The slot byte that makes a create op with n slots bound bind `target`:
 * BIND_REBIND + d, d chosen so that 1 + byte % (n - 1) == target, for an
 * existing slot; 0 for a new one. */
static uint8_t bind_byte(uint16_t target, uint32_t n)
{
    uint32_t m;

    if (target >= n || target == SLOT_DRIVER)
        return 0;
    m = n - 1;
    return (uint8_t)(BIND_REBIND + (target - 1 + m - BIND_REBIND % m) % m);
}

/* Appends the value of option number i of *o, as rd_value() reads it. */
static void wr_value(struct writer *w, int i, const struct op *o)
{
    const struct opt_info *oi = &prog_options[i];

    switch ((enum opt_value)oi->value) {
    case VAL_SLOT:
        wr_byte(w, (uint8_t)opt_get(o, i));
        break;
    case VAL_INDEX:
    case VAL_WORD:
        wr_byte(w, (uint8_t)(opt_get(o, i) - oi->lo));
        break;
    case VAL_U32:
        wr_varint(w, opt_get(o, i));
        break;
    case VAL_FLAG: /* flags carry no value */
        break;
    }
}

/* Appends the option bytes of *o and their values. */
static void wr_options(struct writer *w, const struct op *o)
{
    uint32_t accepted = op_options((enum op_code)o->code), bits = 0, j, k, rest;
    uint32_t nbytes = (popcount32(accepted) + 7) / 8;

    for (j = 0, rest = accepted; rest != 0; rest &= rest - 1, j++)
        if (o->opts & rest & (~rest + 1))
            bits |= 1u << j;
    for (k = 0; k < nbytes; k++)
        wr_byte(w, (uint8_t)(bits >> (8 * k)));
    for (rest = o->opts & accepted; rest != 0; rest &= rest - 1)
        wr_value(w, __builtin_ctz(rest), o);
}

/* Appends op *o, with *nslots slots bound before it (updated when *o binds
 * a new one). */
/* Writes the registry op's operand, as rd_regvalue reads it. */
static void wr_regvalue(struct writer *w, const struct program *p, const struct op *o)
{
    const char *name = o->target < p->nregnames ? p->regnames[o->target] : "_";
    size_t n = strlen(name), i;

    wr_byte(w, (uint8_t)(n - 1));
    for (i = 0; i < n; i++)
        wr_byte(w, (uint8_t)(strchr(regname_chars, name[i]) - regname_chars));
    wr_varint(w, o->num);
}

static void wr_op(struct writer *w, const struct vocab *v, const struct program *p,
                  const struct op *o, uint32_t *nslots)
{
    enum op_code code = (enum op_code)o->code;

    wr_byte(w, v->index[o->code]);
    switch (op_arg(code)) {
    case ARG_NONE:
        break;
    case ARG_BIND:
        if (code == OP_DRIVER_CREATE)
            break;
        wr_byte(w, bind_byte(o->target, *nslots));
        if (o->target >= *nslots && *nslots < PROG_MAX_SLOTS)
            (*nslots)++;
        break;
    case ARG_OBJ:
        wr_byte(w, (uint8_t)o->target);
        break;
    case ARG_OBJ2:
        wr_byte(w, (uint8_t)o->target);
        wr_byte(w, (uint8_t)o->arg);
        break;
    case ARG_OPTOBJ:
        wr_byte(w, o->target == SLOT_NONE ? 0 : (uint8_t)(OPTOBJ_SLOT + o->target));
        break;
    case ARG_LEVEL:
    case ARG_BLOCK:
        if (op_arg(code) == ARG_BLOCK)
            wr_byte(w, (uint8_t)o->target);
        wr_byte(w, o->level);
        break;
    case ARG_ENVREF:
        wr_byte(w, (uint8_t)o->target);
        break;
    case ARG_REGVALUE:
        wr_regvalue(w, p, o);
        break;
    }
    wr_options(w, o);
}

/* Encodes *p (see program.h). Returns the bytes needed; buf holds as many
 * as fit. */
size_t prog_encode(const struct program *p, uint8_t *buf, size_t n)
{
    return prog_encode_ends(p, buf, n, NULL);
}

/* Encodes *p, noting where each op ends (see program.h). Returns the bytes
 * needed; buf holds as many as fit. */
size_t prog_encode_ends(const struct program *p, uint8_t *buf, size_t n, uint32_t *ends)
{
    return prog_encode_range(p, 0, p->nops, buf, n, ends, NULL);
}

/* Encodes ops from..to-1 of *p after the bytes of the ones before (see
 * program.h). Returns the bytes of ops 0..to-1; buf holds as many as fit. */
size_t prog_encode_range(const struct program *p, uint32_t from, uint32_t to, uint8_t *buf,
                         size_t n, uint32_t *ends, uint32_t *slots)
{
    struct writer w = {buf, n, from != 0 ? ends[from - 1] : 0};
    const struct vocab *v = vocab_of((enum prog_kind)p->kind);
    uint32_t nslots = 1, i;

    if (from != 0 && slots != NULL)
        nslots = slots[from - 1];
    else
        for (i = 0; i < from; i++) { /* the slots bound before `from`, as wr_op counts them */
            const struct op *o = &p->ops[i];

            if (op_arg((enum op_code)o->code) == ARG_BIND && o->code != OP_DRIVER_CREATE &&
                o->target >= nslots && nslots < PROG_MAX_SLOTS)
                nslots++;
        }
    for (i = from; i < to; i++) {
        wr_op(&w, v, p, &p->ops[i], &nslots);
        if (ends != NULL)
            ends[i] = (uint32_t)w.len;
        if (slots != NULL)
            slots[i] = nslots;
    }
    return w.len;
}
