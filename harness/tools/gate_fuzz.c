/*
 * gate_fuzz.c - step 2: libFuzzer sessions, the inputs they save
 * classified, and their triage (gate_fuzz.h).
 */
#include "gate_fuzz.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "defs.h"
#include "dir.h"
#include "file.h"
#include "gate_log.h"
#include "gate_setup.h"
#include "load.h"
#include "proc.h"
#include "program.h"
#include "trace.h"

/* Converts target ti's seeds to the binary form in dir. Returns 0 or 2. */
static int convert_seeds(const struct gate *g, size_t ti, const char *dir)
{
    static struct program p;
    static uint8_t bin[PROG_MAX_OPS * 32];
    const struct tree_target *t = &g->tree[ti];
    struct names seeds;
    size_t i;
    int rc = 0;

    if (!t->seeds[0])
        return 0;
    if (dir_list(t->seeds, ".ufp", DIR_FILES, &seeds) < 0)
        return gate_fail("cannot read %s", t->seeds);
    for (i = 0; i < seeds.n && rc == 0; i++) {
        char in[PATH_MAX], outp[PATH_MAX];
        size_t n;

        if (gate_fmt(in, sizeof in, "%s/%s", t->seeds, seeds.v[i]) < 0 ||
            gate_fmt(outp, sizeof outp, "%s/%.*s", dir, (int)(strlen(seeds.v[i]) - 4),
                     seeds.v[i]) < 0 ||
            prog_load_file_kind(in, 1, ti == 0 ? PROG_API : PROG_DRIVER, &p) < 0) {
            rc = gate_fail("the seed %s does not convert", in);
            break;
        }
        n = prog_encode(&p, bin, sizeof bin);
        if (n > sizeof bin || file_write(outp, bin, n, FILE_REPLACE) != 0)
            rc = gate_fail("cannot write %s: %s", outp, strerror(errno));
    }
    names_free(&seeds);
    return rc;
}

/* The finding of target ti with signature sig, added when new (its rule
 * a catalogue id, or an engine's when engine). Returns it. */
static struct gate_report_finding *finding_for(struct gate *g, size_t ti, const char *sig,
                                               const char *rule, int engine)
{
    struct gate_report *rep = &g->rep;
    struct gate_report_finding *f;
    size_t i;

    for (i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].target == ti && !strcmp(rep->findings[i].sig, sig))
            return &rep->findings[i];
    rep->findings = gate_realloc(rep->findings, (rep->nfindings + 1) * sizeof rep->findings[0]);
    f = &rep->findings[rep->nfindings++];
    memset(f, 0, sizeof *f);
    f->target = ti;
    f->sig = gate_strdup(sig);
    f->rule = gate_strdup(rule);
    f->engine = engine;
    f->reason = gate_setup_reason(g, sig);
    f->known = f->reason != NULL;
    f->first_seen = clock_now() - g->t0;
    return f;
}

/* Runs `unloadfuzz triage` of target ti on input (a file or a directory)
 * into directory dir. Returns triage.json (to json_decref), or NULL when
 * triage died on it. */
static json_t *triage(const struct gate *g, size_t ti, const char *input, const char *dir)
{
    char json[PATH_MAX], log[PATH_MAX];
    char *argv[8];
    json_t *j;
    int st;

    if (gate_fmt(json, sizeof json, "%s/triage.json", dir) < 0 ||
        gate_fmt(log, sizeof log, "%s.log", dir) < 0 || dir_remove_tree(dir) != 0 ||
        dir_make(dir) != 0)
        return NULL;
    argv[0] = (char *)g->trees.self;
    argv[1] = "triage";
    argv[2] = (char *)g->rep.targets[ti].name;
    argv[3] = "--out";
    argv[4] = (char *)dir;
    argv[5] = (char *)input;
    argv[6] = NULL;
    st = proc_run(argv, NULL, log);
    if (st != 0 && st != 1)
        return NULL;
    j = json_load_file(json, 0, NULL);
    if (j && !json_is_array(json_object_get(j, "signatures"))) {
        json_decref(j);
        j = NULL;
    }
    return j;
}

/* Whether files a and b hold the same bytes. */
static int same_bytes(const char *a, const char *b)
{
    char *x = NULL, *y = NULL;
    size_t na = 0, nb = 0;
    int same = file_read(a, 0, &x, &na) == 0 && file_read(b, 0, &y, &nb) == 0 && na == nb &&
               memcmp(x, y, na) == 0;

    free(x);
    free(y);
    return same;
}

/* Deletes every file of dir whose bytes are input's: a known crash must
 * not stop the next session at its seeds. */
static void drop_input(const char *dir, const char *input)
{
    struct names l;
    size_t i;

    if (dir_list(dir, NULL, DIR_FILES, &l) < 0)
        return;
    for (i = 0; i < l.n; i++) {
        char p[PATH_MAX];

        if (gate_fmt(p, sizeof p, "%s/%s", dir, l.v[i]) == 0 && same_bytes(p, input))
            unlink(p);
    }
    names_free(&l);
}

/* Notes that finding f has input `to` (moved out of the artifacts): sets
 * *fresh when f is new, and takes a known one's input out of the seeds in
 * work directory wd. Returns whether this was f's first input. */
static int note_input(struct gate_report_finding *f, const char *to, const char *wd, int *fresh)
{
    int first = f->inputs++ == 0;
    char dir[PATH_MAX];

    if (first)
        f->artifact = gate_strdup(to);
    *fresh |= !f->known;
    if (f->known && gate_fmt(dir, sizeof dir, "%s/seeds", wd) == 0)
        drop_input(dir, to);
    return first;
}

/* An input the engine saved (`from`, named name) that triage replayed to
 * the signature of triage.json j: moved to crashes/, its finding noted
 * (its minimized program comes later). */
static void classify_crash(struct gate *g, size_t ti, json_t *j, const char *from,
                           const char *name, const char *wd, int *fresh)
{
    json_t *s = json_array_get(json_object_get(j, "signatures"), 0);
    char sig[512], rule[128], to[PATH_MAX];

    snprintf(sig, sizeof sig, "%s", json_string_value(json_object_get(s, "signature")));
    snprintf(rule, sizeof rule, "%s", json_string_value(json_object_get(s, "rule")));
    if (gate_fmt(to, sizeof to, "%s/crashes/%s", wd, name) < 0 || rename(from, to) != 0)
        return;
    note_input(finding_for(g, ti, sig, rule, 0), to, wd, fresh);
}

/* An input the engine saved that triage does not replay: moved to other/
 * as an engine finding, named by the engine's own word for it (the file's
 * prefix, or its log's SUMMARY), located by its log's stack. */
static void classify_engine(struct gate *g, size_t ti, const char *from, const char *name,
                            const char *wd, const char *log, int *fresh)
{
    const char *target = g->rep.targets[ti].name, *kind;
    char *text = NULL, lk[64], sig[512], rule[128], to[PATH_MAX];
    struct gate_report_finding *f;

    if (file_read(log, 0, &text, NULL) < 0)
        text = NULL;
    if (!strncmp(name, "timeout-", 8)) {
        kind = "timeout";
    } else if (!strncmp(name, "oom-", 4)) {
        kind = "out-of-memory";
    } else if (!strncmp(name, "leak-", 5)) {
        kind = "leak";
    } else {
        gate_log_kind(text, lk, sizeof lk);
        kind = lk;
    }
    snprintf(rule, sizeof rule, "engine-%s", kind);
    snprintf(sig, sizeof sig, "%s:%s:-:-", target, rule);
    if (gate_fmt(to, sizeof to, "%s/other/%s", wd, name) < 0 || rename(from, to) != 0)
        goto out_free_text;
    f = finding_for(g, ti, sig, rule, 1);
    if (note_input(f, to, wd, fresh)) {
        const char *s = text ? strstr(text, "SUMMARY: ") : NULL;
        char summary[512];
        struct buf cmd = BUF_INIT(0);

        snprintf(summary, sizeof summary, "%.*s", s ? (int)strcspn(s, "\n") : 0, s ? s : "");
        f->violation = gate_strdup(summary[0] ? summary : kind);
        char drv[2 * PATH_MAX + 8];
        const char *dir = g->tree[ti].dir;
        int fits = (size_t)snprintf(drv, sizeof drv, "%s%s%s", dir[0] == '/' ? "" : g->trees.src,
                                    dir[0] == '/' ? "" : "/", dir) < sizeof drv;

        if (gate_log_frame_in(text, dir[0] && fits ? drv : NULL, g->trees.src, &f->file,
                              &f->line) < 0) {
            f->file = NULL;
            f->line = 0;
        }
        buf_printf(&cmd, "%s/%s_replay %s", g->trees.build, target, gate_shown(g, to));
        f->reproduce = gate_take(&cmd);
    }
out_free_text:
    free(text);
}

/* Classifies the inputs libFuzzer saved in session k of target ti (in
 * wd/artifacts): a crash triage replays goes to crashes/, anything else
 * to other/ as an engine finding; slow units are dropped. Returns how many
 * inputs there were, and sets *fresh when one of them is a new finding. */
static unsigned classify(struct gate *g, size_t ti, unsigned k, const char *wd, const char *log,
                         int *fresh)
{
    char arts[PATH_MAX];
    struct names l;
    unsigned n = 0;
    size_t i;

    if (gate_fmt(arts, sizeof arts, "%s/artifacts", wd) < 0 ||
        dir_list(arts, NULL, DIR_FILES, &l) < 0)
        return 0;
    for (i = 0; i < l.n; i++) {
        const char *name = l.v[i];
        char from[PATH_MAX], tdir[PATH_MAX];
        json_t *j = NULL;

        if (gate_fmt(from, sizeof from, "%s/%s", arts, name) < 0)
            continue;
        if (!strncmp(name, "slow-unit-", 10)) { /* slow, not wrong */
            unlink(from);
            continue;
        }
        n++;
        g->rep.targets[ti].inputs++;
        if (!strncmp(name, "crash-", 6) &&
            gate_fmt(tdir, sizeof tdir, "%s/logs/triage-%u-%zu", wd, k, i) == 0 &&
            (j = triage(g, ti, from, tdir)) != NULL &&
            json_array_size(json_object_get(j, "signatures")) > 0)
            classify_crash(g, ti, j, from, name, wd, fresh);
        else
            classify_engine(g, ti, from, name, wd, log, fresh);
        json_decref(j);
    }
    names_free(&l);
    return n;
}

/* Where an api finding's offending call is: the line of minimized
 * program `program` that raises f's rule, with the violation's message. */
static void locate_api(struct gate_report_finding *f, const char *program)
{
    static struct program prog;
    static struct trace tr;
    size_t v;

    if (prog_load_file(program, 0, &prog) < 0)
        return;
    trace_free(&tr);
    if (trace_run(&tr, &prog) < 0)
        gate_oom();
    for (v = 0; v < tr.nviolations; v++)
        if (!strcmp(model_rule_id(tr.violations[v].rule), f->rule)) {
            char line[512];

            snprintf(line, sizeof line, "%s %s", f->rule, tr.violations[v].message);
            free(f->violation);
            f->violation = gate_strdup(line);
            free(f->file);
            f->file = gate_strdup(program);
            f->line = tr.violations[v].line;
            break;
        }
    trace_free(&tr);
}

/* Where a driver finding's offending call is: the driver's source line
 * the replay of minimized program `program` names (its log in wd/logs). */
static void locate_driver(const struct gate *g, struct gate_report_finding *f,
                          const char *program, const char *wd)
{
    const char *name = g->rep.targets[f->target].name;
    char bin[PATH_MAX], log[PATH_MAX], *argv[3], *text = NULL, *file = NULL;
    unsigned line = 0;

    if (gate_fmt(bin, sizeof bin, "%s/%s_replay", g->trees.build, name) < 0 ||
        gate_fmt(log, sizeof log, "%s/logs/replay-%s.log", wd,
                 strrchr(program, '/') ? strrchr(program, '/') + 1 : program) < 0)
        return;
    argv[0] = bin;
    argv[1] = (char *)program;
    argv[2] = NULL;
    proc_run(argv, NULL, log);
    if (file_read(log, 0, &text, NULL) < 0)
        return;
    free(f->violation);
    f->violation = gate_log_violation(text, f->rule, &file, &line);
    free(f->file);
    f->file = gate_log_source(g, f->target, file);
    f->line = f->file ? line : 0;
    free(file);
    free(text);
}

/* Fills in a catalogue finding from the final triage's entry s: its
 * minimized program, the command that reproduces it, and where the
 * offending call is. */
static void describe(const struct gate *g, struct gate_report_finding *f, json_t *s,
                     const char *wd)
{
    const char *program = json_string_value(json_object_get(s, "program"));
    char cmd[PATH_MAX * 2];

    if (program == NULL || !*program)
        return;
    free(f->program);
    f->program = gate_strdup(program);
    if (gate_fmt(cmd, sizeof cmd, "unloadfuzz repro%s%s %s", f->target ? " --target " : "",
                 f->target ? g->rep.targets[f->target].name : "", gate_shown(g, program)) == 0) {
        free(f->reproduce);
        f->reproduce = gate_strdup(cmd);
    }
    if (f->target == 0)
        locate_api(f, program);
    else
        locate_driver(g, f, program, wd);
}

/* One libFuzzer session k of target ti in work directory wd, with seed
 * and its bound (-runs or -max_total_time). Returns the engine's exit
 * status; the log goes to log (PATH_MAX bytes), or -2 (said) when a path
 * is too long. */
static int run_session(const struct gate *g, size_t ti, unsigned k, const char *wd,
                       uint32_t seed, const char *bound, char *log)
{
    char fuzzer[PATH_MAX], dict[PATH_MAX], a_seed[32], a_len[32], a_timeout[32];
    char a_art[PATH_MAX], corpus[PATH_MAX], seeds[PATH_MAX];
    char *argv[16];
    int c = 0;

    if (gate_fmt(fuzzer, sizeof fuzzer, "%s/%s_fuzzer", g->trees.build,
                 g->rep.targets[ti].name) < 0 ||
        gate_fmt(dict, sizeof dict, "-dict=%s/fuzzers/api.dict", g->trees.src) < 0 ||
        gate_fmt(a_art, sizeof a_art, "-artifact_prefix=%s/artifacts/", wd) < 0 ||
        gate_fmt(log, PATH_MAX, "%s/logs/libfuzzer-%u.log", wd, k) < 0 ||
        gate_fmt(corpus, sizeof corpus, "%s/corpus", wd) < 0 ||
        gate_fmt(seeds, sizeof seeds, "%s/seeds", wd) < 0) {
        gate_fail("path too long");
        return -2;
    }
    snprintf(a_seed, sizeof a_seed, "-seed=%u", seed);
    snprintf(a_len, sizeof a_len, "-max_len=%d", UF_MAX_INPUT);
    snprintf(a_timeout, sizeof a_timeout, "-timeout=%d", GATE_INPUT_TIMEOUT);
    argv[c++] = fuzzer;
    argv[c++] = a_seed;
    argv[c++] = (char *)bound;
    argv[c++] = a_len;
    argv[c++] = a_timeout;
    argv[c++] = "-reload=0";
    argv[c++] = "-print_final_stats=1";
    argv[c++] = a_art;
    if (ti == 0)
        argv[c++] = dict;
    argv[c++] = corpus;
    argv[c++] = seeds;
    argv[c] = NULL;
    return proc_run(argv, wd, log);
}

/* The libFuzzer sessions of target ti in wd, from `start` with a time
 * share of `share` seconds (a budget) or the runs asked: until a new
 * finding, a clean end, or the runs or time are spent. Returns 0 or 2. */
static int run_sessions(struct gate *g, size_t ti, const char *wd, double start, double share)
{
    struct gate_report_target *t = &g->rep.targets[ti];
    long long runs_left = g->rep.runs;
    uint32_t seed = g->rep.seed;
    unsigned k;

    for (k = 0; k < GATE_MAX_SESSIONS; k++) {
        char bound[48], log[PATH_MAX];
        unsigned long long execs;
        unsigned n;
        int st, fresh = 0;

        if (g->rep.budget) {
            double rest = start + share - clock_now();

            snprintf(bound, sizeof bound, "-max_total_time=%d", rest < 1 ? 1 : (int)rest);
        } else {
            snprintf(bound, sizeof bound, "-runs=%lld", runs_left);
        }
        st = run_session(g, ti, k, wd, seed, bound, log);
        if (st == -2)
            return 2;
        execs = gate_log_execs(log);
        t->execs += execs;
        t->sessions++;
        n = classify(g, ti, k, wd, log, &fresh);
        if (st == 0 && n == 0)
            break;
        if (n == 0)
            return gate_fail("%s_fuzzer exited with status %d without saving an input; its"
                             " log: %s", t->name, st, log);
        if (fresh)
            break;
        if (g->rep.budget ? clock_now() >= start + share - 1
                          : (runs_left -= (long long)execs) <= 0)
            break;
        if (execs == 0)
            break;
        seed = seed == UINT32_MAX ? 1 : seed + 1;
    }
    return 0;
}

/* One triage of every crash of target ti into findings/<target>/, for
 * the minimized programs; each catalogue finding described. Returns 0 or
 * 2. */
static int triage_crashes(struct gate *g, size_t ti, const char *wd)
{
    char sub[PATH_MAX], fdir[PATH_MAX];
    struct names crashes;
    json_t *j;
    size_t i;
    int rc = 0;

    if (gate_fmt(sub, sizeof sub, "%s/crashes", wd) < 0 ||
        dir_list(sub, NULL, DIR_FILES, &crashes) < 0)
        return 0;
    if (crashes.n == 0)
        goto out_free_crashes;
    if (gate_fmt(fdir, sizeof fdir, "%s/findings/%s", g->out, g->rep.targets[ti].name) < 0) {
        rc = gate_fail("path too long");
        goto out_free_crashes;
    }
    j = triage(g, ti, sub, fdir);
    if (j == NULL) {
        rc = gate_fail("unloadfuzz triage %s failed on %s (its log: %s.log)",
                       g->rep.targets[ti].name, sub, fdir);
        goto out_free_crashes;
    }
    for (i = 0; i < json_array_size(json_object_get(j, "signatures")); i++) {
        json_t *s = json_array_get(json_object_get(j, "signatures"), i);
        const char *sig = json_string_value(json_object_get(s, "signature"));
        const char *rule = json_string_value(json_object_get(s, "rule"));

        if (sig && rule)
            describe(g, finding_for(g, ti, sig, rule, 0), s, wd);
    }
    json_decref(j);
out_free_crashes:
    names_free(&crashes);
    return rc;
}

/* Prints target ti's figures and the findings from the first'th on. */
static void print_target(const struct gate *g, size_t ti, size_t first)
{
    const struct gate_report_target *t = &g->rep.targets[ti];
    size_t i;

    printf("gate: fuzz %s: %llu executions in %u libFuzzer session%s, %u input%s saved,"
           " %.1f s\n", t->name, t->execs, t->sessions, t->sessions == 1 ? "" : "s", t->inputs,
           t->inputs == 1 ? "" : "s", t->seconds);
    for (i = first; i < g->rep.nfindings; i++) {
        const struct gate_report_finding *f = &g->rep.findings[i];

        printf("gate:   %s %s (%u input%s)\n", f->known ? "known" : "NEW", f->sig, f->inputs,
               f->inputs == 1 ? "" : "s");
        if (f->file)
            printf("gate:     at %s:%u\n", gate_shown(g, f->file), f->line);
        if (f->violation)
            printf("gate:     %s\n", f->violation);
        if (f->known)
            printf("gate:     baseline: %s\n", f->reason);
        if (f->reproduce)
            printf("gate:     reproduce: %s\n", f->reproduce);
    }
}

/* Step 2 for target ti (gate_fuzz.h). Returns 0 or 2. */
int gate_fuzz(struct gate *g, size_t ti, size_t left)
{
    static const char *const dirs[] = {"seeds", "corpus", "crashes", "logs", "artifacts", "other"};
    struct gate_report_target *t = &g->rep.targets[ti];
    char wd[PATH_MAX], sub[PATH_MAX];
    double start = clock_now(), share = 0;
    size_t i, before = g->rep.nfindings;
    int rc;

    if (gate_fmt(wd, sizeof wd, "%s/%s", g->out, t->name) < 0)
        return gate_fail("path too long");
    for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (gate_fmt(sub, sizeof sub, "%s/%s", wd, dirs[i]) < 0 || dir_make(sub) != 0)
            return gate_fail("cannot make %s: %s", sub, strerror(errno));
    if (gate_fmt(sub, sizeof sub, "%s/seeds", wd) < 0 || convert_seeds(g, ti, sub) != 0)
        return 2;
    if (g->rep.budget) {
        share = (g->deadline - start) / (double)left;
        if (share < 1)
            share = 1;
    }
    if ((rc = run_sessions(g, ti, wd, start, share)) != 0 ||
        (rc = triage_crashes(g, ti, wd)) != 0)
        return rc;
    t->seconds = clock_now() - start;
    print_target(g, ti, before);
    return 0;
}
