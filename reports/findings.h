/*
 * findings.h - findings.json: every distinct finding of a campaign or a
 * gate run, one writer for both (docs/CAMPAIGNS.md has the schema), read
 * back by `unloadfuzz report`.
 *
 * Each finding is an object with, in this order: target, signature, rule,
 * severity, first_seen_s, inputs, program, then ops for a campaign, reproduce,
 * flaky, and, for a run that compared its findings with a baseline (the
 * gate), new, baseline_reason and location. Strings are made valid UTF-8;
 * absent values are null.
 */
#ifndef UNLOADFUZZ_FINDINGS_H
#define UNLOADFUZZ_FINDINGS_H

#include <stddef.h>

/* One finding as findings.json records it. Every string may be NULL (null
 * in the file); none is owned by the writer. */
struct findings_entry {
    const char *target;          /* "api" or a driver target */
    const char *signature;       /* target:rule:ddi:typepath; NULL for a flaky one */
    const char *rule;            /* a catalogue id or engine-<kind>; NULL for a flaky one */
    const char *severity;        /* the rule's severity, "engine", or NULL */
    double first_seen_s;         /* seconds after the campaign started; < 0: unknown */
    long inputs;                 /* inputs the engine saved with it */
    const char *program;         /* the minimized (or flaky) program's file */
    int with_ops;                /* write ops (a campaign's findings.json has it) */
    long ops;                    /* with_ops: the minimized program's ops; < 0: null */
    const char *reproduce;       /* a command that replays it */
    int flaky;                   /* not the same signature every time */
    int baseline;                /* compared with a baseline: write what follows */
    int is_new;                  /* baseline: not listed there */
    const char *baseline_reason; /* baseline: why it is accepted, NULL when new */
    const char *location;        /* baseline: "file:line" of the offending call, or NULL */
};

/* The text of findings.json for the n findings of v (malloc'd, the caller
 * frees it), or NULL when out of memory. */
char *findings_json(const struct findings_entry *v, size_t n);

/* Writes findings.json for the n findings of v to `path`, atomically (a
 * reader sees the old file or the new one). Returns 0, or -1 with errno
 * set. */
int findings_write(const char *path, const struct findings_entry *v, size_t n);

#endif /* UNLOADFUZZ_FINDINGS_H */
