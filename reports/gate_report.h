/*
 * gate_report.h - what one run of the merge gate did, as its reports read
 * it: what was run, every regression replayed with the problems of the
 * broken ones, and every distinct finding of the fuzzing with whether the
 * baseline knows it.
 *
 * `unloadfuzz gate` (harness/tools/gate.c) fills it as it goes; the
 * writers of this room turn it into SARIF 2.1.0 (sarif.h) and JUnit XML
 * (junit.h), and the gate into findings.json (findings.h). Paths are
 * absolute; the writers show those under the source tree relative to it.
 */
#ifndef UNLOADFUZZ_GATE_REPORT_H
#define UNLOADFUZZ_GATE_REPORT_H

#include <stddef.h>
#include <stdint.h>

/* The gate's own rules, beside the catalogue's, for SARIF. */
#define GATE_RULE_BROKEN "gate/regression-broken" /* a regression no longer holds */
#define GATE_RULE_ENGINE "gate/engine-crash"      /* the engine saved what no rule names */

/* A target of the build: api or a driver target of drivers.tsv. */
struct gate_report_target {
    const char *name;         /* "api" or as drivers.tsv spells it (not owned) */
    int fuzz;                 /* fuzzed in step 2: it has a testcase and a fuzz entry */
    double seconds;           /* time spent fuzzing and triaging it */
    unsigned long long execs; /* libFuzzer's executions, all its sessions */
    unsigned sessions;        /* libFuzzer runs (more than one after known crashes) */
    unsigned inputs;          /* inputs the engine saved */
};

/* Something a broken regression reports: one SARIF result. */
struct gate_report_problem {
    const char *rule; /* a catalogue id (its own pointer) or GATE_RULE_BROKEN (not owned) */
    char *file;       /* where it is located (owned), NULL: the regression itself */
    unsigned line;    /* 1-based, 0 for none */
    char *message;    /* one line (owned) */
};

/* One regression file, replayed in step 1. Strings owned. */
struct gate_report_regression {
    char *target_name;                    /* "api" or its directory's name */
    char *path;                           /* the file */
    char *name;                           /* the file's name */
    int broken;                           /* it did not give its verdict */
    double seconds;                       /* time to replay it */
    char *detail;                         /* what went wrong, or the replay's output */
    struct gate_report_problem *problems; /* why it is broken (owned) */
    unsigned nproblems;                   /* how many */
};

/* A distinct finding of step 2. Strings owned but reason; NULL: unknown. */
struct gate_report_finding {
    size_t target;      /* index into targets */
    char *sig;          /* target:rule:ddi:typepath */
    char *rule;         /* the signature's rule: a catalogue id or engine-<kind> */
    int engine;         /* no catalogue rule: a sanitizer report, timeout, ... */
    int known;          /* its signature is in the baseline */
    const char *reason; /* the baseline's reason when known (not owned) */
    unsigned inputs;    /* inputs the engine saved with it */
    double first_seen;  /* seconds after the gate started */
    char *program;      /* the minimized program */
    char *artifact;     /* the (first) input the engine saved */
    char *file;         /* the offending call's source file */
    unsigned line;      /* and its line, 0 unknown */
    char *violation;    /* the violation's line as the replay printed it, or the summary */
    char *reproduce;    /* a command that replays it */
};

/* One run of the gate. The strings of the first block are not owned; the
 * arrays are (gate_report_free()). */
struct gate_report {
    const char *src;         /* the source tree: paths under it are shown relative */
    const char *baseline;    /* the baseline file read */
    const char *regressions; /* the regression directory */
    uint32_t seed;           /* libFuzzer's -seed of the first session */
    long long runs;          /* -runs per target; 0 with a budget */
    long long budget;        /* seconds for the whole gate; 0 with runs */
    struct gate_report_target *targets;   /* [0] is api, then drivers.tsv's */
    size_t ntargets;                      /* how many */
    struct gate_report_regression *regs;  /* in the order replayed */
    size_t nregs;                         /* how many */
    struct gate_report_finding *findings; /* in the order found */
    size_t nfindings;                     /* how many */
};

/* The part of path under the source tree ("a/b" for src "/r" and path
 * "/r/a/b"), or NULL when path is not under it. */
const char *gate_report_relative(const struct gate_report *r, const char *path);

/* path as reports and messages show it: relative to the source tree when
 * under it, else as it is; "" for NULL. Never NULL. */
const char *gate_report_shown(const struct gate_report *r, const char *path);

/* The lines of the program file at path (NULL: none) that are not
 * comments, each with its line break: the ops a minimized program holds.
 * Returns them (malloc'd, the caller frees it; "" when the file cannot be
 * read), or NULL when out of memory. */
char *gate_report_ops(const char *path);

/* Frees the regressions, their problems and the findings, and the targets
 * array, and empties r. */
void gate_report_free(struct gate_report *r);

#endif /* UNLOADFUZZ_GATE_REPORT_H */
