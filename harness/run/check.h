/*
 * check.h - the independent invariant checker.
 *
 * The model can be wrong; the checker is how fuzzing finds out. It watches
 * only what any client can see, the event stream and the public
 * introspection of model.h, and keeps its own shadow of every object's life.
 * It checks that callbacks came in the framework's order, that passive-only
 * work never ran above PASSIVE_LEVEL, and that an injected allocation fault
 * was reported by the DDI that hit it. It re-derives, from its shadow, the
 * misuses it can see without the model's help (a freed handle used, a
 * second unload, a DDI above its IRQL, a dereference to zero, a reference
 * count that moved by other than one, a leak at unload) and reports
 * `internal-unreported-<rule>` when the model stayed silent about one. At
 * the end of a run it checks the tree and the leak accounting. Every
 * finding is an internal-* rule: never the driver's fault.
 *
 * It is attached on every path that runs the model. The api interpreter
 * (exec.c) tells it where each op of the program begins and ends, and the
 * checks that need to know what a DDI was asked are made per op. A driver
 * target's run (port.c) has no ops of its own inside the driver: there the
 * checker follows every DDI call from its call event to its return event
 * (CHECK_CALLS) and makes the same checks per call. Findings go to the
 * host's report function as violation events, and are kept in findings[].
 */
#ifndef UNLOADFUZZ_CHECK_H
#define UNLOADFUZZ_CHECK_H

#include <stdint.h>

#include "model.h"
#include "program.h"

#define CHECK_MAX_FINDINGS 32 /* findings kept per run (more are counted) */
#define CHECK_MAX_FRAMES 64   /* ops, or DDI calls, running inside each other */
#define CHECK_MAX_IDS 8192    /* objects shadowed (= EXEC_MAX_IDS) */

struct check_finding {
    enum model_rule rule; /* an internal-* rule */
    uint32_t object;      /* object id, 0 for none */
    const char *what;     /* static text */
};

/* One op (CHECK_OPS) or DDI call (CHECK_CALLS) under way. */
struct check_frame {
    uint32_t faults;      /* injected faults while it ran (not in nested frames) */
    uint32_t violations;  /* model violations while it ran (not in nested frames) */
    uint32_t target_id;   /* its object operand's id at start, 0 for none */
    uint32_t arg_id;      /* its second operand's id at start, 0 for none */
    int32_t target_refs;  /* the operand's count at start */
    int32_t arg_refs;     /* the second operand's count at start */
    uint8_t target_state; /* the operand's state at start */
    uint8_t freed;        /* an operand was already freed at start */
    uint8_t halted;       /* the model was halted when it started */
    KIRQL irql;           /* IRQL it was called at */
    enum model_ddi ddi;   /* CHECK_CALLS: the DDI called */
};

/* What the host tells the checker about the run. */
enum check_mode {
    CHECK_OPS,  /* the host brackets each op with check_op_begin/end (api programs) */
    CHECK_CALLS /* the checker brackets each DDI call itself (driver targets) */
};

struct check {
    /* set by the host */
    int thorough;                      /* the costly checks too: post-order of
                                        * every cleanup, the tree after every op */
    enum check_mode mode;
    /* Called for each finding, as a violation event (depth 0: the host
     * sets its own); NULL: findings are only kept. */
    void (*report)(void *arg, struct model_event *ev);
    void *report_arg;
    /* the checker's own (zeroed by check_begin) */
    uint32_t nfindings;                /* findings in this run */
    struct check_finding findings[CHECK_MAX_FINDINGS];
    struct check_frame frames[CHECK_MAX_FRAMES];
    uint32_t depth;                    /* frames in use (more than recorded when deep) */
    uint32_t maxid;                    /* highest object id seen */
    uint8_t shadow[CHECK_MAX_IDS];     /* per object id: what the checker saw */
};

/* Starts a run (before the model's reset events; the model is reset). */
void check_begin(struct check *c);
/* Every model event of the run, in order. */
void check_event(struct check *c, const struct model_event *ev);
/* CHECK_OPS: op *o of the program starts; target and arg are the handles
 * its operands name now (NULL for none). */
void check_op_begin(struct check *c, const struct op *o, WDFOBJECT target, WDFOBJECT arg);
/* CHECK_OPS: op *o ends; has_status says whether it called a DDI that
 * returns an NTSTATUS, status what it returned last. */
void check_op_end(struct check *c, const struct op *o, int has_status, NTSTATUS status);
/* Between two steps of the host (a driver target's port ops): with
 * `thorough`, the tree is checked here. */
void check_step(struct check *c);
/* The run ended: the tree and the leak accounting. */
void check_end(struct check *c);

#endif /* UNLOADFUZZ_CHECK_H */
