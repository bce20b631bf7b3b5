/*
 * gate_replay.h - step 1 of the gate: every regression replayed.
 *
 * The .ufp files of corpus/regressions/api are api programs, run here
 * through the interpreter three times each; each must raise exactly what
 * its `# expect:` line says (verdict.h: every expected rule raised,
 * nothing at or above break unexpected, no internal-* finding) with the
 * same trace every time. Those of corpus/regressions/<target>/ are driver
 * programs, run one file at a time through `<target>_replay --expect`. A
 * broken regression fails the gate whatever the baseline says.
 */
#ifndef UNLOADFUZZ_GATE_REPLAY_H
#define UNLOADFUZZ_GATE_REPLAY_H

#include <stddef.h>

#include "gate_state.h"

/* Replays every regression of g->rep.regs, recording for each whether it
 * is broken, why (its problems, located for SARIF), its output and its
 * time, and printing a line for each broken one. Returns how many are. */
size_t gate_replay(struct gate *g);

#endif /* UNLOADFUZZ_GATE_REPLAY_H */
