/*
 * gate_log.h - what the gate reads in the output of the programs it runs:
 * a replay's violation line and the driver call site it names, and in a
 * libFuzzer log the executions, the kind of a crash no rule names, and
 * the first stack frame in the source tree. Step 1 reads the replays of
 * the driver regressions, step 2 the engines' logs and the replays of the
 * minimized programs.
 */
#ifndef UNLOADFUZZ_GATE_LOG_H
#define UNLOADFUZZ_GATE_LOG_H

#include <stddef.h>

#include "gate_state.h"

/* In text, the first "violation RULE ..." line (of any rule when rule is
 * NULL), without its indentation, and the driver call site it names
 * (`at FILE:LINE:`). Returns the line (malloc'd, the caller frees it) or
 * NULL when there is none; sets *file (malloc'd, the name as printed) and
 * *lineno when it names a call site, else NULL and 0. */
char *gate_log_violation(const char *text, const char *rule, char **file, unsigned *lineno);

/* The source file of target ti that a violation names as `name`: its
 * driver directory's file of that name (absolute), or an absolute name
 * that is a file. Returns it (malloc'd, the caller frees it) or NULL. */
char *gate_log_source(const struct gate *g, size_t ti, const char *name);

/* libFuzzer's count of executions in the log file `log`, 0 when it
 * printed none. */
unsigned long long gate_log_execs(const char *log);

/* The kind of a crash triage could not replay, from the sanitizer's or
 * libFuzzer's SUMMARY line of log text (NULL: none), as [a-z0-9-] into
 * kind (n bytes): "crash" when it says nothing better. */
void gate_log_kind(const char *text, char *kind, size_t n);

/* The first stack frame of log text in the source tree src (preferring
 * drivers/): its absolute file into *file (malloc'd) and its line into
 * *line. Returns 0 when found, else -1. */
int gate_log_frame(const char *text, const char *src, char **file, unsigned *line);
/* gate_log_frame, but first the first frame in the driver's own directory
 * drv (absolute; NULL for none), wherever it lies: a driver out of the tree
 * is located in its own sources, not in the model it called. */
int gate_log_frame_in(const char *text, const char *drv, const char *src, char **file,
                      unsigned *line);

#endif /* UNLOADFUZZ_GATE_LOG_H */
