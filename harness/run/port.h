/*
 * port.h - the port simulation: runs a driver program against a registered
 * driver under test (unloadfuzz_driver.h), with the independent checker
 * attached (check.h). Its own library, `port`, is what a driver target's
 * binaries link; its entry points carry the harness's prefix uf_, since
 * they enter the driver's link.
 *
 * The program plays the port and the system: load, devices arriving and
 * leaving, time passing (timers, work items, deferred disposal), unload,
 * allocation faults. By default the port keeps its documented contract
 * (one load, legal device order, one unload, every routine at
 * PASSIVE_LEVEL), so every violation is the driver's. Injections make the
 * port misbehave on purpose, to test the driver's defensive code: a second
 * unload, routines called at the IRQL of an `irql` op.
 */
#ifndef UNLOADFUZZ_PORT_H
#define UNLOADFUZZ_PORT_H

#include <stdint.h>

#include "model.h"
#include "program.h"
#include "target.h"
#include "unloadfuzz_driver.h"

struct port_run {
    uint32_t inject;     /* PORT_INJECT_* in force from the start; the only
                          * ones a program's `inject` op can turn on */
    uint8_t thorough;    /* the checker's costly checks too (replays) */
    uint32_t injected;   /* PORT_INJECT_* that took effect during the run */
    uint64_t trace_hash; /* FNV-1a of the run's events */
    uint32_t events;     /* how many */
    uint32_t port_state; /* at the end: PORT_STATE_* bits, unloads, adapters */
};

/* port_run.port_state: what the port knows at the end of a run. */
#define PORT_STATE_LOADED 1u            /* the entry succeeded */
#define PORT_STATE_UNLOADS(s) (((s) >> 1) & 3u) /* unload routine calls, at most 3 */
#define PORT_STATE_PRESENT(s) (((s) >> 3) & 0xFu) /* bit a: adapter a is present */
#define PORT_STATE_ARRIVED(s) (((s) >> 7) & 7u) /* adapters that arrived */
#define PORT_STATE_FLAVOUR(s) ((s) >> 10) /* the port's own adapter states (pause, sends, ...) */

/* Runs the driver program p against driver d from a reset model (and
 * reset driver globals). Afterwards the model holds the final state. A
 * caller that wants the events sets a sink with uf_port_set_sink(). */
void uf_port_run(const struct uf_driver *d, const struct program *p, struct port_run *r);

/* After a run: fills ev[] (room for max) with the ops of the driver's port
 * alone (send, pause, restart, reset, oid-request, surprise-removal for
 * NDIS) that would act on an adapter present in the state the run ended
 * in. Returns how many; 0 for a port with none, or once it unloaded. */
uint32_t uf_port_events(struct op *ev, uint32_t max);

/* Where events go besides the trace hash (NULL: nowhere). */
void uf_port_set_sink(model_sink_fn fn, void *arg);

#endif /* UNLOADFUZZ_PORT_H */
