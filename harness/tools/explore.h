/*
 * explore.h - systematic exploration: torture sweeps and a bounded
 * exhaustive search over a target's programs. The command is explore.c;
 * its parts are the engine (explore_engine.h), the sweeps
 * (explore_sweeps.h), the search (explore_search.h) and the output
 * (explore_output.h).
 *
 * Where a fuzzer samples, the explorer enumerates: every allocation of a
 * scenario failed in turn (once, and from there on), every allocation
 * site failed throughout, every call made at each higher IRQL, a second
 * unload after every step, and every ordering of the environment's events
 * up to a depth, with runs that reach a state already seen merged. Each
 * distinct finding is reported once, with the program that replays it.
 * Triage (triage.h) replays crashes on the same struct explore_target.
 * docs/EXPLORING.md says what a clean sweep proves and what it does not.
 */
#ifndef UNLOADFUZZ_EXPLORE_H
#define UNLOADFUZZ_EXPLORE_H

#include <stdint.h>

#include "model.h"
#include "program.h"

/* What the explorer runs programs on: the api target or a driver target. */
struct explore_target {
    const char *name;     /* "api", or the driver target's name */
    enum prog_kind kind;  /* the programs it runs */
    /* Runs p from a reset model; inject is PORT_INJECT_* (driver targets);
     * every event goes to sink. Sets *port_state (driver targets; 0 for
     * api) for the search's state hash. */
    void (*run)(const struct program *p, uint32_t inject, model_sink_fn sink, void *arg,
                uint32_t *port_state);
    const char *replay;   /* the command that replays a finding's file */
    const char *seeds;    /* explored when no program is given; NULL: none */
    /* After a run: fills ev[] (room for max) with the ops of the driver's
     * port alone that would act now (send, pause, ...; port.h
     * uf_port_events). Returns how many. NULL: none (the api target). */
    uint32_t (*port_events)(struct op *ev, uint32_t max);
};

/* `explore` with its command-line arguments (after the target's name):
 * [--sweeps LIST] [--depth D] [--events LIST] [--budget RUNS] [--out DIR]
 * [--json] [--fail-on SEV] [--quiet] [PROGRAM...]. Returns the exit
 * status: 0 no finding, 1 findings, 2 bad usage or input. */
int explore_main(const struct explore_target *t, int argc, char **argv);

#endif /* UNLOADFUZZ_EXPLORE_H */
