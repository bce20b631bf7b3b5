/*
 * gate_setup.h - everything the gate checks before it runs anything: the
 * build (its trees, drivers.tsv, every binary needed), the targets to
 * fuzz, the baseline, the regressions, the seeds, the report paths, and
 * its work directory. A problem there is exit 2 with nothing written.
 */
#ifndef UNLOADFUZZ_GATE_SETUP_H
#define UNLOADFUZZ_GATE_SETUP_H

#include "gate_state.h"

/* Finds the trees and reads the targets, the --targets list, the
 * regression files (listed into g->rep.regs, not yet run) and the
 * baseline; checks the fuzzed targets' binaries and seeds and the report
 * paths (an explicit one must not exist); then makes the work directory,
 * or empties the one an earlier run made. Returns 0, or 2 (said). */
int gate_setup(struct gate *g);

/* The baseline's reason for signature sig, or NULL when sig is new. */
const char *gate_setup_reason(const struct gate *g, const char *sig);

#endif /* UNLOADFUZZ_GATE_SETUP_H */
