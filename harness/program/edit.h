/*
 * edit.h - editing a program's ops: the primitives the mutator, the
 * explorer's sweeps and triage's minimizer build their edits from.
 *
 * An edit may leave a program invalid (a name used above its binding, a
 * block left open); the caller decides how to make it valid again: the
 * mutator normalizes it, the explorer only ever inserts whole ops at the
 * top level, and triage reads it back through the binary form
 * (prog_revalidate()). Nothing here allocates.
 */
#ifndef UNLOADFUZZ_EDIT_H
#define UNLOADFUZZ_EDIT_H

#include <stdint.h>

#include "program.h"

/* Makes *o an op `code` with no operand and no option: every field as the
 * decoder leaves it for an op it read no byte of (target and arg
 * SLOT_NONE). */
void op_init(struct op *o, enum op_code code);

/* Opens a gap of k ops at position pos of p, moving the ops from pos up;
 * the caller makes sure there is room and fills the gap. */
void prog_open_gap(struct program *p, uint32_t pos, uint32_t k);
/* Removes the k ops at position pos of p. */
void prog_close_gap(struct program *p, uint32_t pos, uint32_t k);
/* Inserts the n ops at `ops` before op pos of p, as many as there is room
 * for (one op may point into p itself; n ops may not). Returns how many
 * were inserted. */
uint32_t prog_insert(struct program *p, uint32_t pos, const struct op *ops, uint32_t n);
/* Appends an `end` to p (the caller makes sure there is room). */
void prog_append_end(struct program *p);

/* The index of the `end` of the block whose `on` is at index on (nops when
 * the program is not valid and has none). */
uint32_t prog_block_end(const struct program *p, uint32_t on);
/* The index of the `on` of the block whose `end` (or body op) is at
 * index i (0 when there is none before it). */
uint32_t prog_block_on(const struct program *p, uint32_t i);
/* Whether op i of p is at the top level: not inside a block, and not the
 * `end` of one. */
int prog_top_level(const struct program *p, uint32_t i);
/* Fills pos[] (nops + 1 entries) with the positions 0..nops of p where no
 * block is open: an op inserted there is at the top level. Returns how
 * many. */
uint32_t prog_top_positions(const struct program *p, uint16_t *pos);

/* Writes into *dst the program *src reads as through the binary form:
 * valid whatever an edit did to it (names bound before use, blocks
 * closed), with canonical names. *dst and *src must differ. */
void prog_revalidate(struct program *dst, const struct program *src);

#endif /* UNLOADFUZZ_EDIT_H */
