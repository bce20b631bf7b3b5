/*
 * tally.h - the figures of a campaign, taken once from what campdir.h
 * read: per target, per rule and over the whole campaign. The views
 * (views.h), report.json and the plots show them; none counts again.
 */
#ifndef UNLOADFUZZ_TALLY_H
#define UNLOADFUZZ_TALLY_H

#include <stddef.h>

#include "campdir.h"

/* One target's figures. */
struct tally_target {
    double time;   /* the seconds it was fuzzed: its lines' dt added up */
    double execs;  /* its executions, over every session */
    double eps;    /* its last exec/s */
    double mean;   /* executions over time */
    double cov;    /* its highest coverage */
    double corpus; /* its last corpus size */
};

/* The findings of one rule. */
struct tally_rule {
    const char *rule;     /* its id (borrowed from the campaign) */
    const char *severity; /* as the first finding of it says */
    unsigned n, nflaky;   /* findings, flaky ones */
    double first;         /* the earliest first_seen_s known, or -1 */
};

/* A campaign's figures. The arrays are owned; free with tally_free(). */
struct tally {
    const struct campdir *c;      /* the campaign they are of (not owned) */
    struct tally_target *targets; /* one per c->t, in its order */
    struct tally_rule *rules;     /* one per distinct rule found, by rule id; flaky
                                   * crashes with no rule are left out */
    size_t nrules;                /* how many */
    double execs;                 /* over every target */
    double eps;                   /* executions over the campaign's time */
    unsigned flaky;               /* flaky findings */
};

/* Takes the figures of campaign c into *ty. Returns 0, or -1 when out of
 * memory (free *ty with tally_free() either way). */
int tally_make(struct tally *ty, const struct campdir *c);

/* Frees what ty holds and empties it. */
void tally_free(struct tally *ty);

/* Whether some finding of target ti has rule. */
int tally_has_rule(const struct tally *ty, size_t ti, const char *rule);

#endif /* UNLOADFUZZ_TALLY_H */
