/*
 * minimize.h - the op-level minimizer (minimize.c): a program made as short
 * and as plain as it can be while it still does what was seen.
 *
 * Triage hands it the first input of each signature with a predicate,
 * "still crashes the target with this signature", and writes out what it
 * leaves. The minimizer knows nothing of targets or signatures: it edits
 * the program with the primitives of edit.h and asks the predicate.
 */
#ifndef UNLOADFUZZ_MINIMIZE_H
#define UNLOADFUZZ_MINIMIZE_H

#include <stdint.h>

#include "program.h"

/* Runs a minimization may make by default: calls of the predicate. */
#define MINIMIZE_BUDGET 20000

/* Whether program p still shows what is being minimized; arg is the
 * caller's. Each call is one run of the target. */
typedef int (*minimize_keeps_fn)(const struct program *p, void *arg);

/* Minimizes *p in place, which `keeps` holds for: deletes chunks of ops
 * (halves, quarters, ... single ops), then drops options and lowers
 * numbers, keeping each edit `keeps` still holds for, until a pass changes
 * nothing or `budget` calls of keeps were made. Each candidate is re-read
 * through the binary form first (prog_revalidate()), so a deletion that
 * leaves a name unbound still gives a valid program. Returns the calls of
 * keeps made. Not reentrant: it edits in static programs. */
uint32_t minimize_program(struct program *p, minimize_keeps_fn keeps, void *arg, uint32_t budget);

#endif /* UNLOADFUZZ_MINIMIZE_H */
