/*
 * campaign_workers.h - the processes a campaign runs (campaign_workers.c):
 * one turn's engine workers (libFuzzer in fork mode, or an AFL++ main and
 * secondaries), what their logs and stats files say, the corpus merge at
 * the end of the turn, and `unloadfuzz triage` of a target's crashes.
 *
 * The campaign (campaign.c) fills in a struct workers for a target's turn,
 * starts it, polls it once a second for the progress line and waits for
 * it; everything an engine finds is on disk the moment it finds it, under
 * the target's directory of the campaign (docs/CAMPAIGNS.md).
 */
#ifndef UNLOADFUZZ_CAMPAIGN_WORKERS_H
#define UNLOADFUZZ_CAMPAIGN_WORKERS_H

#include <limits.h>
#include <sys/types.h>

/* The most workers a turn has (--jobs takes 1 to 999). */
#define WORKERS_MAX 999

/* The engine the workers run. */
enum workers_engine {
    WORKERS_LIBFUZZER, /* one libFuzzer process, -fork=JOBS */
    WORKERS_AFL        /* JOBS afl-fuzz processes on one sync directory */
};

/* One target's turn. The caller sets the fields above `n`; workers_start()
 * sets the rest, which callers only read. */
struct workers {
    enum workers_engine engine;  /* which engine */
    char dir[PATH_MAX];          /* DIR/<target>: seeds/, corpus/, crashes/, logs/ */
    char binary[PATH_MAX];       /* <target>_fuzzer, or <target>_afl for AFL++ */
    const char *inject;          /* UNLOADFUZZ_INJECT for every worker: "none" or a list */
    unsigned jobs;               /* workers (libFuzzer: its -fork) */
    unsigned long seconds;       /* the turn's time */
    const char *seed;            /* libFuzzer's -seed, as given */
    const char *sync_dir;        /* AFL++: the shared sync directory, NULL: DIR/<target>/corpus */
    int main_worker;             /* AFL++ with sync_dir: worker 0 is the campaign's main */
    double started;              /* clock_now() when they were started */
    unsigned n;                  /* processes started */
    pid_t pid[WORKERS_MAX];      /* each one's id, 0 once it ended */
    char name[WORKERS_MAX][128]; /* AFL++: each one's name in the sync directory */
};

/* What the workers have done so far, as the progress line shows it. */
struct workers_stats {
    unsigned long long execs;   /* executions (libFuzzer's count; AFL++: all workers') */
    unsigned long long eps;     /* executions per second, as the engine last said */
    unsigned long long cov;     /* edges covered (AFL++: the most any worker has) */
    unsigned long long corpus;  /* corpus entries (AFL++: the sync directory's queues) */
    unsigned long long crashes; /* files in DIR/<target>/crashes */
};

/* Starts the turn's workers in the background, their output in
 * DIR/<target>/logs/ (fuzzer.log; afl-N.log). Returns 0, or -1 after
 * saying why on stderr (the workers started before then keep running and
 * are counted in w->n). */
int workers_start(struct workers *w);
/* Collects the workers that ended, saying so on stderr of one that failed
 * before its time was up. Returns how many still run. */
unsigned workers_running(struct workers *w);
/* Waits for every worker to end. */
void workers_wait(struct workers *w);

/* AFL++: copies the crashes the workers of this turn found in the sync
 * directory into DIR/<target>/crashes, named <worker>_<file> with '/', ':'
 * and ',' made '_', each once. */
void workers_collect_crashes(const struct workers *w);
/* Reads the workers' progress (logs/fuzzer.log, or the sync directory's
 * fuzzer_stats and queues) into *st; what is not there yet counts 0. */
void workers_stats(const struct workers *w, struct workers_stats *st);

/* libFuzzer: merges the corpus into the smallest set with the same
 * coverage (-merge=1 into corpus.merge, logs/merge.log), then swaps it in
 * through corpus.old, which a merge cut short leaves for the next turn to
 * take back. An empty corpus, or a merge that fails, leaves it as it was. */
void workers_merge(const struct workers *w);

/* Triages the crashes of DIR/<target>/crashes, when it holds anything,
 * into DIR/findings/<target>, emptied first: runs `self triage TARGET
 * [--inject=INJECT] --out DIR/findings/<target> DIR/<target>/crashes` and
 * waits for it, its stdout dropped, its stderr in triage.log there. inject
 * is "" for none. What it found is in the triage.json it writes; a triage
 * that fails (a crash input that kills it) is said on stderr. */
void workers_triage(const char *self, const char *dir, const char *target, const char *inject);

#endif /* UNLOADFUZZ_CAMPAIGN_WORKERS_H */
