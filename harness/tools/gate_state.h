/*
 * gate_state.h - the state of one run of `unloadfuzz gate`, which every
 * step of it reads and fills: where things are (the trees, the work
 * directory, the reports), what was asked, what there is (the targets,
 * the baseline) and what happened (a gate_report, which the writers of
 * reports/ turn into SARIF, JUnit and findings.json).
 *
 * The steps: gate.c reads the arguments, gate_setup.c checks every input
 * before anything runs, gate_replay.c replays the regressions (step 1),
 * gate_fuzz.c fuzzes and triages (step 2), gate_log.c reads what the
 * engines and replays printed; gate.c writes the reports.
 *
 * Out of host memory, the gate has nothing sensible left to do: the
 * allocators here print a message and abort().
 */
#ifndef UNLOADFUZZ_GATE_STATE_H
#define UNLOADFUZZ_GATE_STATE_H

#include <limits.h>
#include <stddef.h>

#include "buf.h"
#include "gate_report.h"
#include "msg.h"
#include "trees.h"

/* A baseline entry: a finding the gate accepts. */
struct gate_known {
    char *sig;    /* its signature (owned) */
    char *reason; /* why it is accepted (owned) */
};

struct gate {
    struct trees trees;           /* this binary, the build tree, the source tree */
    char out[PATH_MAX];           /* the work directory (absolute once made) */
    char regressions[PATH_MAX];   /* the regression directory (absolute once listed) */
    char baseline[PATH_MAX];      /* the baseline file */
    char sarif[PATH_MAX];         /* the SARIF report */
    char junit[PATH_MAX];         /* the JUnit report */
    int sarif_given, junit_given; /* named on the command line: never overwritten */
    int seed_given;               /* --seed was given */
    int aslr;                     /* address randomization could not be turned off: the errno */
    const char *targets_opt;      /* --targets, NULL for the default */
    double t0, deadline;          /* the start; the end of the budget */
    struct tree_target *tree;     /* per target its sources, seeds, variant ([0] api; owned) */
    struct gate_known *known;     /* the baseline (owned) */
    size_t nknown;                /* its entries */
    struct gate_report rep;       /* what was asked and what happened; its targets are
                                   * tree's, in the same order */
};

/* Prints "unloadfuzz gate: MESSAGE" to stderr. Returns 2, the exit status
 * for it. */
#define gate_fail(...) msg_fail(2, "unloadfuzz gate", __VA_ARGS__)

/* Out of host memory: says so and aborts. */
_Noreturn void gate_oom(void);

/* realloc() that never returns NULL (n 0 is taken as 1). */
void *gate_realloc(void *p, size_t n);

/* A copy of s (NULL: "") that is never NULL (malloc'd, the caller frees it). */
char *gate_strdup(const char *s);

/* The text of b, handed over (malloc'd, the caller frees it; b is left
 * empty); aborts when b ran out of memory. */
char *gate_take(struct buf *b);

/* printf into buf of n bytes. Returns 0, or -1 when the text did not fit. */
int gate_fmt(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The index of target name in g's targets, or -1. */
int gate_target(const struct gate *g, const char *name);

/* path as the gate shows it: relative to the source tree when under it. */
const char *gate_shown(const struct gate *g, const char *path);

/* Frees everything g holds. */
void gate_free(struct gate *g);

#endif /* UNLOADFUZZ_GATE_STATE_H */
