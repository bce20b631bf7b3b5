/*
 * gate_fuzz.h - step 2 of the gate: each target fuzzed from its seeds.
 *
 * libFuzzer runs one process per target: `-runs=N -seed=S` (a run that
 * repeats exactly) or `-max_total_time` (its share of --budget). An input
 * the engine saves is triaged (`unloadfuzz triage`) into a signature,
 * target:rule:ddi:typepath; an input triage cannot replay (a sanitizer
 * report, a timeout, an out-of-memory, a leak) gets an engine signature,
 * target:engine-<kind>:-:-. A signature the baseline lists is known; any
 * other is new. libFuzzer stops at its first crash, so after a known one
 * the target runs again with the next seed for what is left of its runs
 * or time (at most GATE_MAX_SESSIONS times), the crashing input taken out
 * of its seeds: a known finding does not hide what lies behind it. Then
 * one triage of every crash writes the minimized programs, and a replay
 * of each locates its offending call.
 *
 * The work directory holds, per target, a campaign's layout
 * (docs/CAMPAIGNS.md): <target>/{seeds,corpus,crashes,logs} and
 * findings/<target>/.
 */
#ifndef UNLOADFUZZ_GATE_FUZZ_H
#define UNLOADFUZZ_GATE_FUZZ_H

#include <stddef.h>

#include "gate_state.h"

#define GATE_MAX_SESSIONS 8   /* libFuzzer runs per target (restarts after known crashes) */
#define GATE_INPUT_TIMEOUT 30 /* libFuzzer -timeout: one input, seconds */

/* Fuzzes target ti, one of `left` targets still to fuzz (they share what
 * is left of the budget), recording its figures in g->rep.targets[ti] and
 * its findings in g->rep.findings, and prints what it found. Returns 0,
 * or 2 (said) when the engine or triage could not run. */
int gate_fuzz(struct gate *g, size_t ti, size_t left);

#endif /* UNLOADFUZZ_GATE_FUZZ_H */
