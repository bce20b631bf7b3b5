/*
 * trace.h - a program's run written down: every op as it runs with its
 * status, every model event under it naming objects as the program does,
 * the violations, and a 64-bit hash of the text. `unloadfuzz repro` prints
 * it; the tests compare hashes between runs and builds.
 */
#ifndef UNLOADFUZZ_TRACE_H
#define UNLOADFUZZ_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "check.h"
#include "exec.h"

#define TRACE_NAME_MAX (PROG_NAME_MAX + 16)

struct trace_event {
    uint32_t op;                 /* op running when it happened */
    enum model_event_kind kind;
    char object[TRACE_NAME_MAX]; /* "$name", or "" for none */
};

struct trace_violation {
    enum model_rule rule;
    uint32_t op;                 /* op running (nops: found at the end) */
    uint32_t line;               /* the op's text line, 0 for binary */
    char object[TRACE_NAME_MAX]; /* "$name", or "" for none */
    char message[192];
};

struct trace {
    struct buf out;                    /* the trace, one line per step (trace_text()) */
    struct trace_event *events;        /* every event but DDI entry/exit */
    size_t nevents, events_cap;
    struct trace_violation *violations;
    size_t nviolations, violations_cap;
    char *printed;                     /* the program as text */
    char *linebuf;                     /* a copy, cut into lines */
    const char *lines[PROG_MAX_OPS];   /* each op's text, into linebuf */
    struct exec x;                     /* the run; x.result[] per op */
    struct check check;                /* the invariant checker, thorough */
    uint64_t hash;                     /* FNV-1a of text */
};

/* Runs `p` and records it in *t (which must be zeroed or trace_free'd).
 * Returns 0, or -1 when out of host memory. */
int trace_run(struct trace *t, const struct program *p);
/* The trace's text ("" before a run). */
static inline const char *trace_text(const struct trace *t) { return buf_str(&t->out); }
/* Frees what trace_run allocated and zeroes *t. */
void trace_free(struct trace *t);
/* Worst severity among the violations, SEV__COUNT for none. */
enum model_severity trace_worst(const struct trace *t);
/* How many violations have severity >= `sev`. */
size_t trace_count_at_least(const struct trace *t, enum model_severity sev);
/* Name of an event kind ("create", "cleanup", ...). */
const char *trace_kind_name(enum model_event_kind k);

#endif
