/*
 * gate_replay.c - step 1: the regressions (gate_replay.h).
 */
#include "gate_replay.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dir.h"
#include "file.h"
#include "gate_log.h"
#include "load.h"
#include "proc.h"
#include "program.h"
#include "trace.h"
#include "verdict.h"

/* Adds a problem to regression r: rule (not copied), where it is (file,
 * copied, NULL for none; line) and what (copied). */
static void add_problem(struct gate_report_regression *r, const char *rule, const char *file,
                        unsigned line, const char *message)
{
    struct gate_report_problem *p;

    r->problems = gate_realloc(r->problems, (r->nproblems + 1) * sizeof r->problems[0]);
    p = &r->problems[r->nproblems++];
    p->rule = rule;
    p->file = file ? gate_strdup(file) : NULL;
    p->line = line;
    p->message = gate_strdup(message);
}

/* The rule id as a stable string: the catalogue's own pointer, or
 * GATE_RULE_BROKEN for an id it does not know. */
static const char *rule_name(const char *id)
{
    enum model_rule r = model_rule_lookup(id);

    return r < RULE__COUNT ? model_rule_id(r) : GATE_RULE_BROKEN;
}

/* Notes in r and in its detail d each way the verdict of trace tr departs
 * from want[] (its `# expect:` line, line). */
static void api_mismatches(struct gate_report_regression *r, struct buf *d,
                           const struct trace *tr, const uint8_t want[RULE__COUNT], int line)
{
    struct expect_mismatch miss[RULE__COUNT];
    struct verdict got;
    char msg[768];
    size_t nmiss, q, v;

    verdict_clear(&got);
    for (v = 0; v < tr->nviolations; v++)
        verdict_add(&got, tr->violations[v].rule);
    nmiss = expect_compare(&got, want, miss, RULE__COUNT);
    for (q = 0; q < nmiss; q++) {
        enum model_rule rule = miss[q].rule;
        const struct trace_violation *tv = NULL;

        if (miss[q].miss == EXPECT_NOT_RAISED) {
            snprintf(msg, sizeof msg, "%s expected, not raised", model_rule_id(rule));
            add_problem(r, model_rule_id(rule), r->path, (unsigned)line, msg);
            buf_printf(d, "%s\n", msg);
            continue;
        }
        for (v = 0; v < tr->nviolations && !tv; v++)
            if (tr->violations[v].rule == rule)
                tv = &tr->violations[v];
        snprintf(msg, sizeof msg, "%s %s: %s%s%s", model_rule_id(rule),
                 miss[q].miss == EXPECT_INTERNAL ? "raised (the model found itself inconsistent)"
                                                 : "raised, not expected",
                 tv && tv->object[0] ? tv->object : "", tv && tv->object[0] ? " " : "",
                 tv ? tv->message : "");
        add_problem(r, model_rule_id(rule), r->path, tv && tv->line ? tv->line : 1, msg);
        buf_printf(d, "%s\n", msg);
    }
}

/* Replays api regression r three times in this process: exactly its
 * expected rules (warnings may come on top), no internal-* finding, the
 * same trace each time. */
static void replay_api(struct gate_report_regression *r)
{
    static struct program prog;
    static struct trace tr;
    uint8_t want[RULE__COUNT];
    struct buf d = BUF_INIT(0);
    char bad[128], msg[768];
    uint64_t first = 0;
    int k, line;

    line = expect_read(r->path, want, bad, sizeof bad);
    if (line <= 0) {
        snprintf(msg, sizeof msg, line < 0 ? "unknown rule '%s' in its `# expect:` line"
                                           : "no `# expect:` line%s", line < 0 ? bad : "");
        add_problem(r, GATE_RULE_BROKEN, r->path, 1, msg);
        buf_printf(&d, "%s\n", msg);
        goto out;
    }
    for (k = 0; k < 3 && !r->nproblems; k++) {
        if (prog_load_file(r->path, 0, &prog) < 0) {
            add_problem(r, GATE_RULE_BROKEN, r->path, 1,
                        "does not parse (the reason is on stderr)");
            buf_printf(&d, "does not parse (the reason is on stderr)\n");
            break;
        }
        trace_free(&tr);
        if (trace_run(&tr, &prog) < 0)
            gate_oom();
        if (k == 0) {
            first = tr.hash;
        } else if (tr.hash != first) {
            snprintf(msg, sizeof msg, "run %d traced differently from run 1 (state leaks"
                     " between executions)", k + 1);
            add_problem(r, GATE_RULE_BROKEN, r->path, 1, msg);
            buf_printf(&d, "%s\n", msg);
            break;
        }
        api_mismatches(r, &d, &tr, want, line);
        if (r->nproblems)
            buf_printf(&d, "-- trace\n%s", trace_text(&tr));
    }
out:
    r->broken = r->nproblems > 0;
    r->detail = gate_take(&d);
}

/* Notes in driver regression r the problem one line of its replay's output
 * says, if it says one: a rule raised or not as expected, a reset or an
 * expectation that failed. ti is r's target. */
static void driver_problem(const struct gate *g, struct gate_report_regression *r, size_t ti,
                           const char *line)
{
    char id[128];

    if (sscanf(line, " expect: %127s", id) == 1 && strstr(line, "raised, not expected")) {
        char *file = NULL, *src, msg[1400];
        unsigned ln = 0;
        char *v = gate_log_violation(r->detail, id, &file, &ln);

        src = gate_log_source(g, ti, file);
        snprintf(msg, sizeof msg, "%s raised, not expected%s%s", id, v ? ": " : "",
                 v ? v : "");
        add_problem(r, rule_name(id), src ? src : r->path, src ? ln : 1, msg);
        free(v);
        free(file);
        free(src);
    } else if (sscanf(line, " expect: %127s", id) == 1 && strstr(line, "expected, not raised")) {
        uint8_t want[RULE__COUNT];
        char bad[128], msg[256];
        int el = expect_read(r->path, want, bad, sizeof bad);

        snprintf(msg, sizeof msg, "%s expected, not raised", id);
        add_problem(r, rule_name(id), r->path, el > 0 ? (unsigned)el : 1, msg);
    } else if (strstr(line, "  reset: ") == line || strstr(line, "  expect: no") == line) {
        add_problem(r, GATE_RULE_BROKEN, r->path, 1, line + 2);
    }
}

/* Replays driver regression r of target ti through <target>_replay
 * --expect, its output kept under out/regressions/. */
static void replay_driver(const struct gate *g, struct gate_report_regression *r, size_t ti)
{
    const char *name = g->rep.targets[ti].name;
    char bin[PATH_MAX], dir[PATH_MAX], log[PATH_MAX];
    char *argv[4], *p;
    int st;

    if (gate_fmt(bin, sizeof bin, "%s/%s_replay", g->trees.build, name) < 0 ||
        gate_fmt(dir, sizeof dir, "%s/regressions/%s", g->out, name) < 0 ||
        gate_fmt(log, sizeof log, "%s/%s.log", dir, r->name) < 0 || dir_make(dir) != 0) {
        add_problem(r, GATE_RULE_BROKEN, r->path, 1, "cannot write its replay log");
        r->broken = 1;
        r->detail = gate_strdup("cannot write its replay log\n");
        return;
    }
    argv[0] = bin;
    argv[1] = "--expect";
    argv[2] = r->path;
    argv[3] = NULL;
    st = proc_run(argv, NULL, log);
    if (file_read(log, 0, &r->detail, NULL) < 0)
        r->detail = gate_strdup("");
    if (st == 0)
        return;
    r->broken = 1;
    for (p = r->detail; p && *p;) {
        char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char line[1024];

        snprintf(line, sizeof line, "%.*s", (int)(len < 1000 ? len : 1000), p);
        driver_problem(g, r, ti, line);
        p = end ? end + 1 : NULL;
    }
    if (r->nproblems == 0) {
        char msg[1200];
        const char *first = r->detail + strspn(r->detail, " \n");

        snprintf(msg, sizeof msg, "%s_replay --expect exited %d%s%.*s", name, st,
                 *first ? ": " : "", (int)strcspn(first, "\n"), first);
        add_problem(r, GATE_RULE_BROKEN, r->path, 1, msg);
    }
}

/* Step 1 (gate_replay.h). Returns how many regressions are broken. */
size_t gate_replay(struct gate *g)
{
    size_t i, broken = 0;

    for (i = 0; i < g->rep.nregs; i++) {
        struct gate_report_regression *r = &g->rep.regs[i];
        int ti = gate_target(g, r->target_name);
        double t = clock_now();

        if (ti == 0) {
            replay_api(r);
        } else if (ti > 0) {
            replay_driver(g, r, (size_t)ti);
        } else {
            char msg[512];

            snprintf(msg, sizeof msg, "no driver target '%s' in this build (drivers.tsv):"
                     " the directory's name must be a target's", r->target_name);
            add_problem(r, GATE_RULE_BROKEN, r->path, 1, msg);
            r->broken = 1;
            r->detail = gate_strdup(msg);
        }
        r->seconds = clock_now() - t;
        if (r->broken) {
            broken++;
            printf("gate: BROKEN regression %s (%s): %s\n", gate_shown(g, r->path),
                   r->target_name, r->problems[0].message);
        }
    }
    return broken;
}
