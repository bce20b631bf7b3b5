/*
 * scenario.h - one rich, fixed sequence of framework calls (scenario.c)
 * whose event log must be the same byte for byte on every run and build.
 */
#ifndef UNLOADFUZZ_SCENARIO_H
#define UNLOADFUZZ_SCENARIO_H

/* Resets the model and plays the scenario; events go to the current sink. */
void scenario_run(void);

#endif
