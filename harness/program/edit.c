/*
 * edit.c - the program-editing primitives (edit.h).
 */
#include "edit.h"

#include <string.h>

/* Makes *o a bare op `code` (edit.h). */
void op_init(struct op *o, enum op_code code)
{
    memset(o, 0, sizeof *o);
    o->code = (uint8_t)code;
    o->target = SLOT_NONE;
    o->arg = SLOT_NONE;
}

/* Opens a gap of k ops at pos (edit.h). */
void prog_open_gap(struct program *p, uint32_t pos, uint32_t k)
{
    memmove(&p->ops[pos + k], &p->ops[pos], (p->nops - pos) * sizeof p->ops[0]);
    p->nops += k;
}

/* Removes k ops at pos (edit.h). */
void prog_close_gap(struct program *p, uint32_t pos, uint32_t k)
{
    memmove(&p->ops[pos], &p->ops[pos + k], (p->nops - pos - k) * sizeof p->ops[0]);
    p->nops -= k;
}

/* Inserts n ops before op pos, as many as fit (edit.h). Returns how many. */
uint32_t prog_insert(struct program *p, uint32_t pos, const struct op *ops, uint32_t n)
{
    struct op one;

    if (p->nops + n > PROG_MAX_OPS)
        n = PROG_MAX_OPS - p->nops;
    if (n == 1) {
        one = ops[0]; /* ops may point into p */
        ops = &one;
    }
    prog_open_gap(p, pos, n);
    memcpy(&p->ops[pos], ops, n * sizeof ops[0]);
    return n;
}

/* Appends an `end` (edit.h). */
void prog_append_end(struct program *p)
{
    op_init(&p->ops[p->nops++], OP_END);
}

/* The `end` of the block opened at `on` (edit.h). */
uint32_t prog_block_end(const struct program *p, uint32_t on)
{
    uint32_t i = on + 1;

    while (i < p->nops && p->ops[i].code != OP_END)
        i++;
    return i;
}

/* The `on` of the block around or ending at i (edit.h). */
uint32_t prog_block_on(const struct program *p, uint32_t i)
{
    while (i > 0 && p->ops[i].code != OP_ON)
        i--;
    return i;
}

/* Whether op i is at the top level (edit.h). */
int prog_top_level(const struct program *p, uint32_t i)
{
    uint32_t k;
    int in = 0;

    for (k = 0; k < i; k++)
        if (p->ops[k].code == OP_ON)
            in = 1;
        else if (p->ops[k].code == OP_END)
            in = 0;
    return !in && p->ops[i].code != OP_END;
}

/* The top-level positions of p (edit.h). Returns how many. */
uint32_t prog_top_positions(const struct program *p, uint16_t *pos)
{
    uint32_t i, n = 0;
    int in_block = 0;

    for (i = 0;; i++) {
        if (!in_block)
            pos[n++] = (uint16_t)i;
        if (i == p->nops)
            break;
        if (p->ops[i].code == OP_ON)
            in_block = 1;
        else if (p->ops[i].code == OP_END)
            in_block = 0;
    }
    return n;
}

/* *src through the binary form into *dst (edit.h). */
void prog_revalidate(struct program *dst, const struct program *src)
{
    static uint8_t bytes[PROG_MAX_OPS * 32];
    size_t n = prog_encode(src, bytes, sizeof bytes);

    prog_decode_kind(bytes, n < sizeof bytes ? n : sizeof bytes, (enum prog_kind)src->kind, dst);
}
