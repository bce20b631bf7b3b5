/*
 * triage.c - crash triage (triage.h): every crash replayed for its verdict,
 * grouped by a semantic signature, one of each minimized and written out.
 *
 * Where it sits: a fuzzer (or the gate's libFuzzer runs) saved crash
 * inputs; triage turns them into a few readable regressions, and the gate
 * reads its triage.json. A crash's signature is what it means, not where
 * the stack was: the target, the rule of the first violation at or above
 * --fail-on (the one that crashed the target), the DDI that raised it, and
 * the type path of its object (driver/device/timer), as finding.h spells
 * it. Each input runs three times; one whose signature is not the same all
 * three times is listed apart as flaky (the model is deterministic: there
 * should be none). The first input of each signature is minimized at the
 * op level (minimize.c) and written as readable text beside the command
 * that replays it; triage.json lists every signature with its inputs.
 *
 * A crash the model does not see (the sanitizer stopping the driver's own
 * code: a use of freed pool, an overflow) ends the process that runs it,
 * so each input is first run once in a child: one that dies there is a
 * finding named by the sanitizer's word for it (engine-use-after-poison,
 * ...) and the first frame of the driver's code, kept unminimized (each
 * step of the minimizer would be a child of its own).
 */
#include "triage.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dir.h"
#include "edit.h"
#include "file.h"
#include "finding.h"
#include "gate_log.h"
#include "jsonfile.h"
#include "load.h"
#include "minimize.h"
#include "target.h"

#define MAX_SIGS 256     /* distinct signatures kept */
#define MAX_INPUTS 4096  /* files triaged from one directory, in name order */
#define MAX_FLAKY 64     /* flaky inputs named */
#define SIG_MAX 256      /* bytes of a signature */
#define TEXT_MAX (PROG_MAX_OPS * 96)

/* One distinct signature and the program it was minimized to. */
struct signature {
    char text[SIG_MAX];      /* target:rule:ddi:type/path */
    enum model_rule rule;    /* its rule */
    char first[1024];        /* the first input with it */
    uint32_t inputs;         /* inputs with it */
    uint32_t ops_before;     /* the first input's ops */
    uint32_t ops_after;      /* the minimized program's ops */
    char program[1100];      /* the minimized program's file; "" when not written */
    char rule_id[64];        /* the rule's id, or engine-KIND for a crash of the sanitizer's */
};

/* Triage's state, from explore_main's arguments to triage.json. */
static struct {
    const struct explore_target *t;  /* the target crashes are replayed on */
    enum model_severity fail_on;     /* the lowest severity that crashes it */
    uint32_t inject;                 /* PORT_INJECT_* every run allows */
    /* the run under way */
    int found;                       /* a violation crashed the target */
    char sig[SIG_MAX];               /* its signature */
    enum model_rule rule;            /* its rule */
    /* the results */
    uint64_t runs;                   /* runs made, minimizations included */
    struct signature sigs[MAX_SIGS]; /* the distinct signatures, in order found */
    uint32_t nsigs;                  /* how many */
    char flaky[MAX_FLAKY][1024];     /* the first flaky inputs */
    uint32_t nflaky;                 /* flaky inputs, also those not named */
    uint32_t nclean;                 /* inputs that did not crash the target */
    uint32_t ninputs;                /* inputs read */
} T;

static struct program input, cur; /* the input read, the program minimized */
static char text[TEXT_MAX];       /* a program printed as text */

/* The model's event sink while a crash runs: keeps the signature of the
 * first violation that crashes the target in T.sig and its rule in
 * T.rule. */
static void watch(const struct model_event *ev, void *arg)
{
    struct finding f;

    (void)arg;
    if (ev->kind != EV_VIOLATION || T.found || model_rule_severity(ev->rule) < T.fail_on)
        return;
    /* the api target crashes on the model's and the checker's internal-*
     * findings only: misuse is what its programs are for */
    if (T.t->kind == PROG_API && !model_rule_internal(ev->rule))
        return;
    finding_from_event(&f, ev);
    finding_signature(&f, T.t->name, T.sig, sizeof T.sig);
    T.rule = f.rule;
    T.found = 1;
}

/* Runs p; returns 1 with T.sig set when it crashes the target, else 0. */
static int crashes(const struct program *p)
{
    uint32_t ps;

    T.found = 0;
    T.t->run(p, T.inject, watch, NULL, &ps);
    T.runs++;
    return T.found;
}

/* Whether p still crashes the target with signature sig (a const char *):
 * the minimizer's predicate. Returns 1 or 0. */
static int keeps(const struct program *p, void *sig)
{
    return crashes(p) && !strcmp(T.sig, (const char *)sig);
}

/* Writes the minimized program of signature s, found from input `path`,
 * into the directory out as NNN-<rule>.ufp, its header saying what it
 * expects, its signature, where it came from and how to replay it. Leaves
 * s->program empty when the file cannot be written (after saying so). */
static void write_program(struct signature *s, const char *path, const char *out)
{
    FILE *f;

    snprintf(s->program, sizeof s->program, "%s/%03u-%s.ufp", out, T.nsigs,
             model_rule_id(s->rule));
    f = fopen(s->program, "w");
    if (f == NULL) {
        fprintf(stderr, "triage: %s: %s\n", s->program, strerror(errno));
        s->program[0] = '\0';
        return;
    }
    fprintf(f, "# expect: %s\n# signature: %s\n# minimized from %s (%u ops to %u)\n"
               "# reproduce: %s%s%s%s FILE\n",
            model_rule_id(s->rule), s->text, path, s->ops_before, s->ops_after, T.t->replay,
            T.inject ? " --inject=" : "", target_inject_name(T.inject),
            target_unload_callback_arg());
    prog_print_text(&cur, 1, text, sizeof text);
    fputs(text, f);
    fclose(f);
}

/* The first frame of a sanitizer report in the driver's code: not the
 * model's, the harness's or the runtime's. Writes "file:line" (its path's
 * last component) into where, or "-". */
static void driver_frame(const char *report, char *where, size_t n)
{
    const char *p = report;

    snprintf(where, n, "-");
    while (p && *p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char l[1024], *in, *loc, *base;

        snprintf(l, sizeof l, "%.*s", (int)(len < 1000 ? len : 1000), p);
        p = end ? end + 1 : NULL;
        if (l[strspn(l, " ")] != '#' || (in = strstr(l, " in ")) == NULL)
            continue;
        loc = strrchr(in, ' ') + 1;
        if (strstr(loc, "/model/") || strstr(loc, "/harness/") || strstr(loc, "/fuzzers/") ||
            strstr(loc, "compiler-rt") || strncmp(loc, "/usr/", 5) == 0 || !strchr(loc, ':'))
            continue;
        base = strrchr(loc, '/') ? strrchr(loc, '/') + 1 : loc;
        if (strchr(base, ':') && strchr(strchr(base, ':') + 1, ':'))
            *strchr(strchr(base, ':') + 1, ':') = '\0'; /* file:line, no column */
        snprintf(where, n, "%s", base);
        return;
    }
}

/* Runs p once in a child, its stderr kept. Returns 0 when the child lived
 * through it, else 1 with the sanitizer's kind of crash (its SUMMARY) in
 * kind, the driver's frame in where and the SUMMARY line in summary. */
static int dies(const struct program *p, char *kind, size_t kn, char *where, size_t wn,
                char *summary, size_t sn)
{
    char log[] = "/tmp/unloadfuzz-triage-XXXXXX", *said = NULL;
    int fd = mkstemp(log), st = 0;
    pid_t pid;

    if (fd < 0)
        return 0; /* no child, no probe: the in-process runs decide */
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        dup2(fd, STDERR_FILENO);
        dup2(fd, STDOUT_FILENO);
        (void)crashes(p);
        _exit(0);
    }
    close(fd);
    if (pid < 0 || waitpid(pid, &st, 0) < 0 || (WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
        unlink(log);
        return 0;
    }
    if (file_read(log, 1 << 20, &said, NULL) < 0)
        said = NULL;
    unlink(log);
    gate_log_kind(said, kind, kn);
    driver_frame(said ? said : "", where, wn);
    {
        const char *s = said ? strstr(said, "SUMMARY: ") : NULL;

        snprintf(summary, sn, "%.*s", s ? (int)strcspn(s, "\n") : 0, s ? s : "");
    }
    free(said);
    return 1;
}

/* Records input `path`, which ended the process running it: under its
 * signature target:engine-KIND:-:FILE:LINE, the first one written out as
 * it is (unminimized) with what the sanitizer said. */
static void engine_crash(const char *path, const char *out, const char *kind, const char *where,
                         const char *summary)
{
    char sig[SIG_MAX];
    struct signature *s;
    FILE *f;
    uint32_t i;

    snprintf(sig, sizeof sig, "%.63s:engine-%.40s:-:%.120s", T.t->name, kind, where);
    for (i = 0; i < T.nsigs && strcmp(T.sigs[i].text, sig); i++)
        ;
    if (i < T.nsigs) {
        T.sigs[i].inputs++;
        return;
    }
    if (T.nsigs == MAX_SIGS)
        return;
    s = &T.sigs[T.nsigs++];
    memset(s, 0, sizeof *s);
    snprintf(s->text, sizeof s->text, "%s", sig);
    snprintf(s->first, sizeof s->first, "%s", path);
    snprintf(s->rule_id, sizeof s->rule_id, "engine-%.50s", kind);
    s->rule = RULE__COUNT;
    s->inputs = 1;
    s->ops_before = s->ops_after = input.nops;
    snprintf(s->program, sizeof s->program, "%s/%03u-engine-%s.ufp", out, T.nsigs, kind);
    f = fopen(s->program, "w");
    if (f == NULL) {
        fprintf(stderr, "triage: %s: %s\n", s->program, strerror(errno));
        s->program[0] = '\0';
        return;
    }
    fprintf(f, "# signature: %s\n# the sanitizer stopped the process: %s\n# in the driver at %s;"
               " not minimized\n# from %s\n# reproduce: %s%s%s%s FILE\n",
            sig, summary[0] ? summary : kind, where, path, T.t->replay,
            T.inject ? " --inject=" : "", target_inject_name(T.inject),
            target_unload_callback_arg());
    prog_print_text(&input, 1, text, sizeof text);
    fputs(text, f);
    fclose(f);
}

/* Triages one input file: replays it three times, counts it clean, flaky
 * or under its signature, and minimizes and writes out the first input of
 * a new signature. */
static void triage_one(const char *path, const char *out)
{
    char first[SIG_MAX];
    struct signature *s;
    uint32_t i;
    int r, same = 1, any = 0, all = 1;

    if (prog_load_file_kind(path, 0, (int)T.t->kind, &input) < 0)
        return;
    T.ninputs++;
    {
        char kind[64], where[256], summary[512];

        if (dies(&input, kind, sizeof kind, where, sizeof where, summary, sizeof summary)) {
            engine_crash(path, out, kind, where, summary);
            return;
        }
    }
    first[0] = '\0';
    for (r = 0; r < 3; r++) {
        int c = crashes(&input);

        any |= c;
        all &= c;
        if (c && first[0] == '\0')
            snprintf(first, sizeof first, "%s", T.sig);
        else if (c && strcmp(first, T.sig))
            same = 0;
    }
    if (!any) {
        T.nclean++;
        fprintf(stderr, "triage: %s: does not crash the target (no violation at or above %s)\n", path,
               model_severity_name(T.fail_on));
        return;
    }
    if (!all || !same) {
        if (T.nflaky < MAX_FLAKY)
            snprintf(T.flaky[T.nflaky], sizeof T.flaky[0], "%s", path);
        T.nflaky++;
        fprintf(stderr, "triage: %s: FLAKY (not the same signature 3 times out of 3)\n", path);
        return;
    }
    for (i = 0; i < T.nsigs && strcmp(T.sigs[i].text, first); i++)
        ;
    if (i < T.nsigs) {
        T.sigs[i].inputs++;
        return;
    }
    if (T.nsigs == MAX_SIGS)
        return;
    s = &T.sigs[T.nsigs++];
    snprintf(s->text, sizeof s->text, "%s", first);
    snprintf(s->first, sizeof s->first, "%s", path);
    (void)crashes(&input);
    s->rule = T.rule;
    snprintf(s->rule_id, sizeof s->rule_id, "%s", model_rule_id(T.rule));
    s->inputs = 1;
    s->ops_before = input.nops;
    prog_revalidate(&cur, &input);
    if (!keeps(&cur, s->text))
        cur = input; /* the input's own bytes are not canonical: keep them */
    minimize_program(&cur, keeps, s->text, MINIMIZE_BUDGET);
    s->ops_after = cur.nops;
    write_program(s, path, out);
}

/* Triages path: a file, or every regular file of a directory in name
 * order (the first MAX_INPUTS of them). */
static void triage_path(const char *path, const char *out)
{
    struct names names;
    struct stat st;
    char sub[1400];
    size_t i;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "triage: %s: %s\n", path, strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        triage_one(path, out);
        return;
    }
    if (dir_list(path, NULL, DIR_ANY, &names) != 0)
        return; /* a directory that cannot be read holds no crash */
    for (i = 0; i < names.n && i < MAX_INPUTS; i++) {
        if (snprintf(sub, sizeof sub, "%s/%s", path, names.v[i]) >= (int)sizeof sub) {
            fprintf(stderr, "triage: %s/%s: path too long, skipped\n", path, names.v[i]);
            continue;
        }
        if (dir_is_file(sub))
            triage_one(sub, out);
    }
    names_free(&names);
}

/* Prints triage's usage for target `target` to f. */
static void usage(FILE *f, const char *target)
{
    fprintf(f,
            "usage: triage %s [--out DIR] [--fail-on SEV] [--inject=LIST]\n"
            "              [--unload-callback=documented] [--json] CRASH...\n"
            "\n"
            "Replays each crash file (or every file of a directory) three times, groups\n"
            "them by signature (target, rule, DDI, object type path), minimizes the first\n"
            "of each signature op by op, and writes it to DIR (default out/triage/%s) as\n"
            "readable text with the command that reproduces it, and DIR/triage.json.\n"
            "\n"
            "  --fail-on SEV    the lowest severity that crashes the target (default break;\n"
            "                   the api target crashes on internal-* findings only)\n"
            "  --inject=LIST    driver targets: as the fuzzer ran (double-unload, irql)\n"
            "  --unload-callback=documented\n"
            "                   as the fuzzer ran, when it ran so (docs/WDF-SEMANTICS.md [C1])\n"
            "  --json           print triage.json\n"
            "\n"
            "Exit status: 0 no crash reproduced, 1 crashes triaged, 2 bad usage or input.\n",
            target, target);
}

/* Writes DIR/triage.json (out is DIR) and prints it with json, or else its
 * text form: a line for the whole and two for each signature. */
static void report(const char *out, int json)
{
    json_t *o = json_object(), *sigs = json_array(), *fl = json_array();
    char path[1100];
    uint32_t i;

    for (i = 0; i < T.nsigs; i++)
        json_array_append_new(sigs, json_pack("{s:s,s:s,s:i,s:s,s:i,s:i,s:s}", "signature",
                                              T.sigs[i].text, "rule", T.sigs[i].rule_id,
                                              "inputs",
                                              (int)T.sigs[i].inputs, "first", T.sigs[i].first,
                                              "ops_before", (int)T.sigs[i].ops_before,
                                              "ops_after", (int)T.sigs[i].ops_after, "program",
                                              T.sigs[i].program));
    for (i = 0; i < T.nflaky && i < MAX_FLAKY; i++)
        json_array_append_new(fl, json_string(T.flaky[i]));
    json_object_set_new(o, "target", json_string(T.t->name));
    json_object_set_new(o, "inject",
                        T.inject ? json_string(target_inject_name(T.inject)) : json_null());
    json_object_set_new(o, "inputs", json_integer(T.ninputs));
    json_object_set_new(o, "not_crashing", json_integer(T.nclean));
    json_object_set_new(o, "runs", json_integer((json_int_t)T.runs));
    json_object_set_new(o, "signatures", sigs);
    json_object_set_new(o, "flaky", fl);
    snprintf(path, sizeof path, "%s/triage.json", out);
    if (!jsonfile_write(o, path, json)) {
        printf("triage %s: %u inputs, %u distinct signature(s), %u flaky, %u not crashing"
               " (%llu runs)\n",
               T.t->name, T.ninputs, T.nsigs, T.nflaky, T.nclean, (unsigned long long)T.runs);
        for (i = 0; i < T.nsigs; i++)
            printf("  %s  (%u input%s; %u ops minimized to %u)\n    %s\n", T.sigs[i].text,
                   T.sigs[i].inputs, T.sigs[i].inputs == 1 ? "" : "s", T.sigs[i].ops_before,
                   T.sigs[i].ops_after, T.sigs[i].program);
        printf("triage: %s\n", path);
    }
    json_decref(o);
}

/* Whether argument s is an option that takes the next argument as its
 * value. */
static int takes_value(const char *s)
{
    return !strcmp(s, "--out") || !strcmp(s, "--fail-on");
}

/* `triage` (triage.h). Returns the exit status. */
int triage_main(const struct explore_target *t, int argc, char **argv)
{
    char outbuf[512];
    const char *out = NULL;
    int a, json = 0, inputs = 0;

    memset(&T, 0, sizeof T);
    T.t = t;
    T.fail_on = SEV_BREAK;
    if (target_unload_callback_from_env("triage") < 0)
        return 2;
    for (a = 0; a < argc; a++) {
        if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
            usage(stdout, t->name);
            return 0;
        } else if (!strcmp(argv[a], "--json")) {
            json = 1;
        } else if (!strcmp(argv[a], "--out") && a + 1 < argc) {
            out = argv[++a];
        } else if (!strcmp(argv[a], "--fail-on") && a + 1 < argc) {
            T.fail_on = model_severity_lookup(argv[++a]);
            if (T.fail_on >= SEV__COUNT) {
                fprintf(stderr, "triage: --fail-on takes warning, break, ub or bugcheck\n");
                return 2;
            }
        } else if (!strncmp(argv[a], "--inject=", 9) && t->kind == PROG_DRIVER) {
            if (target_parse_inject(argv[a] + 9, &T.inject) < 0) {
                fprintf(stderr, "triage: --inject takes double-unload, irql or both\n");
                return 2;
            }
        } else if (!strncmp(argv[a], "--unload-callback=", 18)) {
            if (target_set_option("triage", "unload-callback", argv[a] + 18) < 0)
                return 2;
        } else if (argv[a][0] == '-') {
            fprintf(stderr, "triage: unknown option '%s'\n", argv[a]);
            usage(stderr, t->name);
            return 2;
        } else {
            inputs++;
        }
    }
    if (inputs == 0) {
        fprintf(stderr, "triage: no crash file given\n");
        usage(stderr, t->name);
        return 2;
    }
    if (out == NULL) {
        snprintf(outbuf, sizeof outbuf, "out/triage/%s", t->name);
        out = outbuf;
    }
    if (out[0] == '\0' || dir_make(out) != 0 || access(out, W_OK) != 0) {
        fprintf(stderr, "triage: cannot write to '%s'\n", out);
        return 2;
    }
    for (a = 0; a < argc; a++) {
        if (takes_value(argv[a]))
            a++;
        else if (argv[a][0] != '-')
            triage_path(argv[a], out);
    }
    report(out, json);
    return T.nsigs || T.nflaky ? 1 : 0;
}
