/*
 * campaign_record.h - the files that record a campaign in its directory
 * (campaign_record.c; docs/CAMPAIGNS.md): campaign.json, what each
 * session asked; progress.tsv, a line every 10 s and at the end of each
 * turn; findings.json, the distinct findings of every target's triage.
 *
 * The campaign (campaign.c) writes them as it goes; `unloadfuzz report`
 * and the gate read the same layout. Each is written so that a kill at
 * any moment leaves it whole: campaign.json and findings.json are
 * replaced atomically, progress.tsv only grows by whole lines.
 */
#ifndef UNLOADFUZZ_CAMPAIGN_RECORD_H
#define UNLOADFUZZ_CAMPAIGN_RECORD_H

#include <stddef.h>

#include "findings.h"

/* One session of a campaign, as campaign.json records it. */
struct record_session {
    const char *started;       /* when it started: ISO 8601 in UTC, "2024-05-01T22:00:00Z" */
    const char *engine;        /* "libfuzzer" or "afl" */
    unsigned jobs;             /* workers per target */
    unsigned long time_s;      /* the whole session's time */
    unsigned long seed;        /* libFuzzer's -seed */
    const char *inject;        /* --inject as given, "" for none (null) */
    char *const *targets;      /* its targets, in turn order */
    size_t ntargets;           /* how many */
};

/* Whether DIR holds a campaign already (a campaign.json): a run with it
 * resumes. */
int record_resumes(const char *dir);

/* Adds session s to DIR/campaign.json, which it makes when there is none
 * (its "started" is then s's); the campaign's targets, engine and jobs
 * become s's, every earlier session is kept. Writes the campaign's first
 * start into started (n bytes). Returns 0, or -1 after saying why on
 * stderr (campaign.json is then as it was). */
int record_session(const char *dir, const struct record_session *s, char *started, size_t n);

/* One line of progress.tsv. */
struct record_progress {
    long long elapsed_s;      /* seconds since the first session started, across resumes */
    const char *target;       /* the target taking its turn */
    unsigned long long execs; /* the engine's executions in this session */
    unsigned long long eps;   /* executions per second */
    unsigned long long cov;   /* edges covered */
    unsigned long long corpus; /* corpus entries */
    unsigned findings;        /* the campaign's distinct findings so far, all targets */
};

/* Starts DIR/progress.tsv afresh, with its header line only. Returns 0, or
 * -1 with errno set. */
int record_progress_start(const char *dir);
/* The elapsed_s of DIR/progress.tsv's last line: how long the earlier
 * sessions ran; 0 when there is no such line. */
long long record_progress_done(const char *dir);
/* Appends line p to DIR/progress.tsv. Returns 0, or -1 with errno set. */
int record_progress(const char *dir, const struct record_progress *p);

/* One entry of findings.json and the strings it points to. */
struct record_finding {
    struct findings_entry e; /* as the writer takes it; its strings are the ones below */
    char *target;            /* owned */
    char *signature;         /* owned, NULL for a flaky crash */
    char *rule;              /* owned, NULL for a flaky crash */
    char *program;           /* owned: the minimized program, or the flaky crash */
    char *reproduce;         /* owned, NULL for a flaky crash */
};

/* The findings of a campaign. */
struct record_findings {
    struct record_finding *v; /* in findings.json's order (owned) */
    size_t n;                 /* how many */
    unsigned distinct;        /* those that are not flaky */
};

/* Reads every DIR/findings/<target>/triage.json (targets in sorted order,
 * earlier sessions' included) into *f and writes DIR/findings.json from it
 * (reports/findings.h): one entry per signature, first_seen_s the time
 * between `started` (campaign.json's) and its first input's modification,
 * then one per flaky crash. A triage.json that cannot be read is left out
 * with a message. Returns 0, or -1 after saying why findings.json could
 * not be written (*f is filled all the same). Free *f with
 * record_findings_free(). */
int record_findings(const char *dir, const char *started, struct record_findings *f);
/* Frees what record_findings() filled in and empties *f. */
void record_findings_free(struct record_findings *f);

#endif /* UNLOADFUZZ_CAMPAIGN_RECORD_H */
