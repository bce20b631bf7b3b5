/*
 * check.h - the independent invariant checker.
 *
 * The model can be wrong; the checker is how fuzzing finds out. It watches
 * only what any client can see, the event stream and the public
 * introspection of model.h, and keeps its own shadow of every object's life.
 * After every op it checks that callbacks came in the framework's order,
 * that passive-only work never ran above PASSIVE_LEVEL, and that an
 * injected allocation fault was reported by the DDI that hit it (and no DDI
 * failed for lack of memory without one). It re-derives, from its shadow,
 * the misuses it can see without the model's help (a freed handle used, a
 * second unload, a DDI above its IRQL, a dereference to zero, a leak at
 * unload) and reports `internal-unreported-<rule>` when the model stayed
 * silent about one. At the end of a run it checks the tree and the leak
 * accounting. Every finding is an internal-* rule: never the driver's fault.
 */
#ifndef UNLOADFUZZ_CHECK_H
#define UNLOADFUZZ_CHECK_H

#include <stdint.h>

#include "model.h"

struct exec;

#define CHECK_MAX_FINDINGS 32 /* findings kept per run (more are counted) */
#define CHECK_MAX_FRAMES 64   /* ops running inside each other's callbacks */
#define CHECK_MAX_IDS 8192    /* objects shadowed (= EXEC_MAX_IDS) */

struct check_finding {
    enum model_rule rule; /* an internal-* rule */
    uint32_t op;          /* op running when it was found */
    uint32_t object;      /* object id, 0 for none */
    const char *what;     /* static text */
};

struct check_frame {
    uint32_t op;          /* the op */
    uint32_t faults;      /* injected faults while it ran (not in nested ops) */
    uint32_t violations;  /* model violations while it ran (not in nested ops) */
    uint32_t target_id;   /* its object operand's id at start, 0 for none */
    uint32_t arg_id;      /* its second operand's id at start, 0 for none */
    int32_t target_refs;  /* the operand's count at start */
    int32_t arg_refs;     /* the second operand's count at start */
    uint8_t target_state; /* the operand's state at start */
    uint8_t freed;        /* an operand was already freed at start */
    KIRQL irql;           /* IRQL it was called at */
    uint8_t halted;       /* the model was halted when it started */
};

struct check {
    int thorough;                      /* the costly checks too: post-order of
                                        * every cleanup, the tree after every op */
    uint32_t nfindings;                /* findings in this run */
    struct check_finding findings[CHECK_MAX_FINDINGS];
    struct check_frame frames[CHECK_MAX_FRAMES];
    uint32_t depth;                    /* frames in use */
    uint32_t maxid;                    /* highest object id seen */
    uint8_t shadow[CHECK_MAX_IDS];     /* per object id: what the checker saw */
};

/* Called by the interpreter (exec.c) when a checker is attached. */
void check_begin(struct check *c, struct exec *x);
void check_event(struct check *c, struct exec *x, const struct model_event *ev);
void check_op_begin(struct check *c, struct exec *x, uint32_t op);
void check_op_end(struct check *c, struct exec *x, uint32_t op);
void check_end(struct check *c, struct exec *x);

#endif /* UNLOADFUZZ_CHECK_H */
