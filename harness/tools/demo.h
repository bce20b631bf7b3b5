/*
 * demo.h - `unloadfuzz demo`: the model run through a miniport's whole life,
 * printed as events, until the fuzzing campaign takes over as the main job.
 */
#ifndef UNLOADFUZZ_DEMO_H
#define UNLOADFUZZ_DEMO_H

/* Runs the demo with argv after the command name. Returns the exit status:
 * 0 when every run ended as expected, 1 when not, 2 for bad arguments. */
int demo_main(int argc, char **argv);

#endif
