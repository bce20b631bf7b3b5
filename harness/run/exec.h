/*
 * exec.h - the interpreter: runs a program against a freshly reset model,
 * playing both the driver (DDI calls, callbacks whose bodies are the
 * program's blocks) and the port (IRQL, timers expiring, work items and
 * dispose lists running, allocation faults).
 *
 * One execution at a time per process, like the model it drives. The hot
 * path (a fuzzer's) allocates nothing and formats nothing; a caller that
 * wants a trace passes an event hook, and one that wants the independent
 * checker (check.h) attaches it, which it brackets each op for.
 */
#ifndef UNLOADFUZZ_EXEC_H
#define UNLOADFUZZ_EXEC_H

#include <stdint.h>

#include "model.h"
#include "program.h"

#define EXEC_MAX_STEPS 4096  /* op executions in one run, blocks included */
#define EXEC_MAX_DEPTH 8     /* callbacks running blocks inside each other */
#define EXEC_MAX_IDS 8192    /* object ids whose slot is remembered */

struct exec;
struct check;

/* Called for every model event while a program runs, with the index of the
 * op being executed (the top-level op when no block op is running). */
typedef void (*exec_event_fn)(struct exec *x, const struct model_event *ev, uint32_t op);
/* Called when op `op` starts (done = 0) and when it ends (done = 1). */
typedef void (*exec_op_fn)(struct exec *x, uint32_t op, int done);

struct exec_op_result {
    NTSTATUS status;    /* last status the op's DDI returned */
    uint8_t has_status; /* the op calls a DDI that returns an NTSTATUS */
    uint8_t executed;   /* the op ran at least once */
};

struct exec {
    const struct program *prog;                 /* the program (not owned) */
    exec_event_fn on_event;                     /* NULL: no trace */
    exec_op_fn on_op;                           /* NULL: no trace */
    struct check *check;                        /* NULL: no checking; else zeroed once */
    void *arg;                                  /* the caller's, for on_event */
    WDFOBJECT handles[PROG_MAX_SLOTS];          /* slot -> handle, this run */
    uint16_t id_slot[EXEC_MAX_IDS];             /* object id -> slot it was bound to */
    struct exec_op_result result[PROG_MAX_OPS]; /* per op */
    uint32_t op;                                /* op executing now */
    uint32_t steps;                             /* op executions so far */
    uint32_t depth;                             /* blocks running inside callbacks */
    uint32_t ndevices;                          /* WDM device objects handed out */
    uint16_t binding;                           /* slot the running create binds */
    uint32_t ids_used;                          /* id_slot entries set since cleared */
    uint8_t ready;                              /* id_slot has been cleared once */
    uint64_t bound;                             /* slots whose handles[] entry may be set */
    uint32_t results_used;                      /* result[] entries at and past it are zero */
};

/* Runs `p` from a reset model. `x` is the caller's: zeroed (static, or
 * memset) before its first run, then reused; on_event, on_op, check and
 * arg are the caller's to set. Afterwards the model holds the final state for
 * inspection, and x->result[] says what each op did. */
void exec_run(struct exec *x, const struct program *p);

/* The program name of object `id` ("$driver", "$o3", or "oN" when the object
 * was never bound to a slot). Valid until the next exec_run. */
const char *exec_object_name(const struct exec *x, uint32_t id, char *buf, size_t n);

#endif /* UNLOADFUZZ_EXEC_H */
