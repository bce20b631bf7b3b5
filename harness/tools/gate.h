/*
 * gate.h - `unloadfuzz gate`, the merge gate (gate.c; docs/CAMPAIGNS.md,
 * "The merge gate").
 */
#ifndef UNLOADFUZZ_GATE_H
#define UNLOADFUZZ_GATE_H

/* `unloadfuzz gate` with its arguments after the command's name: replays
 * every regression, fuzzes each target from its seeds, triages what crashed
 * and compares each finding with the baseline, then writes SARIF 2.1.0 and
 * JUnit XML. Returns the exit status: 0 clean, 1 a new finding or a broken
 * regression, 2 bad arguments, a missing build or an unreadable file (then
 * no report is written). */
int gate_main(int argc, char **argv);

#endif /* UNLOADFUZZ_GATE_H */
