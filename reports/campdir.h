/*
 * campdir.h - a campaign directory read back: the first step of
 * `unloadfuzz report`, before any statistic is taken or report written.
 *
 * `unloadfuzz fuzz` leaves a campaign in one directory (docs/CAMPAIGNS.md):
 * campaign.json (what was asked), progress.tsv (one line per target every
 * 10 s), findings.json (every distinct finding, each naming the minimized
 * program triage wrote) and, when scripts/coverage.sh has run, coverage/
 * (an llvm-cov report of model/ and drivers/ and its summary.json).
 * campdir_load() reads and checks all of it; tally.h takes the figures
 * from what it read, and the renderers write them up.
 */
#ifndef UNLOADFUZZ_CAMPDIR_H
#define UNLOADFUZZ_CAMPDIR_H

#include <jansson.h>
#include <stddef.h>

#define CAMPDIR_NAME_MAX 128 /* a target's name, with its NUL */

/* One line of progress.tsv. */
struct campdir_sample {
    double t;        /* elapsed_s: seconds since the first session started */
    double execs;    /* executions so far */
    double eps;      /* executions per second, as the runner measured them */
    double cov;      /* the engine's edge count */
    double corpus;   /* corpus entries */
    double findings; /* distinct signatures so far (checked, not shown: findings.json says more) */
    double dt;       /* the seconds it stands for: since the line before it, of any target */
};

/* A target named anywhere in the campaign. */
struct campdir_target {
    char name[CAMPDIR_NAME_MAX];  /* as campaign.json, progress.tsv and findings.json spell it */
    struct campdir_sample *s;     /* its progress lines, by elapsed time; owned */
    size_t n, cap;                /* lines, and room */
    unsigned nfind, nflaky;       /* its findings, and the flaky ones among them */
    char *gaps;                   /* DIR/<target>/gaps.txt's lines of routines the model does
                                   * not implement that the corpus reached, one a line; NULL
                                   * when the campaign listed none (owned) */
};

/* One entry of findings.json. Its strings are borrowed from obj, never
 * NULL ("" when absent). */
struct campdir_finding {
    json_t *obj;            /* its object in findings.json (borrowed from the campdir's) */
    const char *target;     /* its target */
    const char *signature;  /* target:rule:ddi:type/path; "" for a flaky crash */
    const char *rule;       /* its rule id; "" for a flaky crash */
    const char *severity;   /* the catalogue's when findings.json has none; "" unknown */
    const char *reproduce;  /* "" when absent */
    const char *program;    /* as findings.json names it; "" when none */
    double first_seen;      /* first_seen_s; -1 when the campaign could not tell */
    long inputs;            /* crash inputs with its signature; -1 when not said */
    int flaky;              /* 1 when not the same signature on every replay */
    char *path;             /* the program file found (DIR/program or program); owned */
    char *text;             /* that file's contents when it is text; owned, NULL otherwise */
    size_t ti;              /* its target's index in the campdir's t */
};

/* One area of the source coverage summary (model/, drivers/, all). */
struct campdir_coverage {
    const char *name;  /* "model/", "drivers/", "all" */
    double count[3];   /* lines, functions, regions (campdir_cov_metrics) */
    double covered[3]; /* of them, covered */
};
/* The metrics of a coverage area, in order: "lines", "functions", "regions". */
extern const char *const campdir_cov_metrics[3];

/* A campaign as read. Everything but dir is owned; free it with
 * campdir_free(). */
struct campdir {
    const char *dir;                /* the campaign directory (not owned) */
    json_t *campaign;               /* campaign.json */
    json_t *findings;               /* findings.json */
    struct campdir_target *t;       /* every target named anywhere, campaign.json's first */
    size_t nt;                      /* how many */
    struct campdir_finding *f;      /* findings.json's entries, in its order */
    size_t nf;                      /* how many */
    double end;                     /* the largest elapsed_s, or first_seen_s, seen */
    int have_cov;                   /* coverage/summary.json was there */
    struct campdir_coverage cov[3]; /* its model/, drivers/ and overall sums */
    int cov_html;                   /* coverage/index.html is there */
    char *err;                      /* private: where campdir_load() says what is wrong */
    size_t errn;                    /* private: its size */
};

/* Reads the campaign directory `dir` (no trailing '/') into *c: its
 * campaign.json, progress.tsv, findings.json, the program files
 * findings.json names, and coverage/ when there. Returns 0, or -1 with
 * the reason in err (errn bytes; the file and line it concerns). Free *c
 * with campdir_free() either way. */
int campdir_load(struct campdir *c, const char *dir, char *err, size_t errn);

/* Frees what c holds and empties it. */
void campdir_free(struct campdir *c);

/* campaign.json's member key as text into buf (n bytes): strings as they
 * are, numbers printed, "" when absent. Returns buf. */
const char *campdir_field(const struct campdir *c, const char *key, char *buf, size_t n);

/* How many sessions campaign.json lists (its "sessions"; 0 when none). */
size_t campdir_sessions(const struct campdir *c);

#endif /* UNLOADFUZZ_CAMPDIR_H */
