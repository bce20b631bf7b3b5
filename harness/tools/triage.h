/*
 * triage.h - crash triage (triage.c): crash inputs replayed, grouped by
 * signature (finding.h), one of each minimized (minimize.h) and written as
 * a readable regression, with triage.json for the gate and the campaign.
 */
#ifndef UNLOADFUZZ_TRIAGE_H
#define UNLOADFUZZ_TRIAGE_H

#include "explore.h"

/* `triage` with its arguments after the target's name: [--out DIR]
 * [--fail-on SEV] [--inject=LIST] [--json] CRASH... Returns the exit
 * status: 0 nothing reproduced, 1 crashes triaged, 2 bad usage or input. */
int triage_main(const struct explore_target *t, int argc, char **argv);

#endif /* UNLOADFUZZ_TRIAGE_H */
