/*
 * junit.c - the gate's JUnit XML (junit.h).
 */
#include "junit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"

/* Appends text as a JUnit name: one line, no runs of spaces (XML Schema's
 * token), escaped. */
static void xml_token(struct buf *b, const char *text)
{
    struct buf t = BUF_INIT(0);
    const char *p;
    int space = 0;

    for (p = text; *p; p++) {
        int s = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';

        if (s) {
            space = t.len > 0;
            continue;
        }
        if (space)
            buf_puts(&t, " ");
        space = 0;
        buf_add(&t, p, 1);
    }
    if (buf_failed(&t))
        buf_fail(b); /* the name is part of b's text */
    esc_xml(b, buf_str(&t));
    buf_free(&t);
}

/* Appends the opening of a <testsuite> that both the Ant schema (windyroad
 * JUnit.xsd) and Jenkins' junit-4.xsd accept: every attribute either
 * requires, then the properties. */
static void junit_suite(struct buf *x, const struct gate_report *r, const char *name, int id,
                        size_t tests, size_t failures, double seconds, const char *stamp,
                        const char *host)
{
    buf_printf(x, "  <testsuite name=\"%s\" package=\"unloadfuzz.gate\" id=\"%d\""
                  " timestamp=\"%s\" hostname=\"", name, id, stamp);
    xml_token(x, host);
    buf_printf(x, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"%.3f\">\n", tests,
               failures, seconds);
    buf_printf(x, "    <properties>\n      <property name=\"seed\" value=\"%u\"/>\n", r->seed);
    if (r->runs)
        buf_printf(x, "      <property name=\"runs\" value=\"%lld\"/>\n", r->runs);
    else
        buf_printf(x, "      <property name=\"budget\" value=\"%lld\"/>\n", r->budget);
    buf_puts(x, "      <property name=\"baseline\" value=\"");
    esc_xml(x, gate_report_shown(r, r->baseline));
    buf_puts(x, "\"/>\n    </properties>\n");
}

/* Appends the end of a <testsuite>: its output (escaped) and no errors. */
static void junit_suite_end(struct buf *x, const struct buf *out)
{
    if (buf_failed(out))
        buf_fail(x);
    buf_puts(x, "    <system-out>");
    esc_xml(x, buf_str(out));
    buf_puts(x, "</system-out>\n    <system-err></system-err>\n  </testsuite>\n");
}

/* Appends the suite of the regressions: a testcase a file. */
static void junit_regressions(struct buf *x, const struct gate_report *r, const char *stamp,
                              const char *host)
{
    struct buf out = BUF_INIT(0);
    size_t i, broken = 0;
    double seconds = 0;

    for (i = 0; i < r->nregs; i++) {
        broken += r->regs[i].broken != 0;
        seconds += r->regs[i].seconds;
    }
    junit_suite(x, r, "regressions", 0, r->nregs, broken, seconds, stamp, host);
    for (i = 0; i < r->nregs; i++) {
        const struct gate_report_regression *g = &r->regs[i];

        buf_puts(x, "    <testcase name=\"");
        xml_token(x, g->name);
        buf_puts(x, "\" classname=\"regressions.");
        xml_token(x, g->target_name);
        buf_printf(x, "\" time=\"%.3f\"", g->seconds);
        if (!g->broken) {
            buf_puts(x, "/>\n");
            continue;
        }
        buf_puts(x, ">\n      <failure type=\"broken-regression\" message=\"");
        esc_xml(x, g->nproblems ? g->problems[0].message : "broken");
        buf_puts(x, "\">");
        if (strncmp(g->detail, g->path, strlen(g->path))) { /* the replay's output names it */
            esc_xml(x, gate_report_shown(r, g->path));
            buf_puts(x, "\n");
        }
        esc_xml(x, g->detail);
        buf_puts(x, "</failure>\n    </testcase>\n");
    }
    buf_printf(&out, "%zu regression programs replayed from %s, %zu broken\n", r->nregs,
               gate_report_shown(r, r->regressions), broken);
    junit_suite_end(x, &out);
    buf_free(&out);
}

/* Appends to why what new finding f is, and to out the line of known
 * finding f. Returns 1 when f is new, else 0. */
static int junit_finding(struct buf *why, struct buf *out, const struct gate_report *r,
                         const struct gate_report_finding *f)
{
    const char *s = f->inputs == 1 ? "" : "s";

    if (f->known) {
        buf_printf(out, "  known %s (%u input%s): %s\n", f->sig, f->inputs, s, f->reason);
        return 0;
    }
    buf_printf(why, "new finding %s (%u input%s)\n", f->sig, f->inputs, s);
    if (f->violation)
        buf_printf(why, "  %s\n", f->violation);
    if (f->file)
        buf_printf(why, "  at %s:%u\n", gate_report_shown(r, f->file), f->line);
    if (f->program) {
        char *ops = gate_report_ops(f->program);

        if (ops == NULL)
            buf_fail(why);
        buf_printf(why, "  minimized program %s:\n%s", gate_report_shown(r, f->program),
                   ops ? ops : "");
        free(ops);
    }
    if (f->reproduce)
        buf_printf(why, "  reproduce: %s\n", f->reproduce);
    return 1;
}

/* How many new findings target ti has. */
static size_t new_findings(const struct gate_report *r, size_t ti)
{
    size_t j, n = 0;

    for (j = 0; j < r->nfindings; j++)
        n += r->findings[j].target == ti && !r->findings[j].known;
    return n;
}

/* Appends the suite of the fuzzing: a testcase a fuzzed target. */
static void junit_fuzz(struct buf *x, const struct gate_report *r, const char *stamp,
                       const char *host)
{
    struct buf out = BUF_INIT(0);
    size_t i, j, fuzzed = 0, failing = 0;
    double seconds = 0;

    for (i = 0; i < r->ntargets; i++)
        if (r->targets[i].fuzz) {
            fuzzed++;
            seconds += r->targets[i].seconds;
            failing += new_findings(r, i) > 0;
        }
    junit_suite(x, r, "fuzz", 1, fuzzed, failing, seconds, stamp, host);
    for (i = 0; i < r->ntargets; i++) {
        const struct gate_report_target *t = &r->targets[i];
        struct buf why = BUF_INIT(0);
        size_t fresh = 0;

        if (!t->fuzz)
            continue;
        buf_printf(&out, "%s: %llu executions in %u libFuzzer session%s, %u input%s saved\n",
                   t->name, t->execs, t->sessions, t->sessions == 1 ? "" : "s", t->inputs,
                   t->inputs == 1 ? "" : "s");
        for (j = 0; j < r->nfindings; j++)
            if (r->findings[j].target == i)
                fresh += (size_t)junit_finding(&why, &out, r, &r->findings[j]);
        buf_puts(x, "    <testcase name=\"");
        xml_token(x, t->name);
        buf_printf(x, "\" classname=\"fuzz\" time=\"%.3f\"", t->seconds);
        if (!fresh) {
            buf_puts(x, "/>\n");
        } else {
            buf_printf(x, ">\n      <failure type=\"new-finding\" message=\"%zu new finding%s\">",
                       fresh, fresh == 1 ? "" : "s");
            if (buf_failed(&why))
                buf_fail(x);
            esc_xml(x, buf_str(&why));
            buf_puts(x, "</failure>\n    </testcase>\n");
        }
        buf_free(&why);
    }
    junit_suite_end(x, &out);
    buf_free(&out);
}

/* The JUnit XML of run r (junit.h). Returns it, or NULL. */
char *junit_text(const struct gate_report *r, const char *timestamp, const char *host)
{
    struct buf x = BUF_INIT(0);

    buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    junit_regressions(&x, r, timestamp, host);
    junit_fuzz(&x, r, timestamp, host);
    buf_puts(&x, "</testsuites>\n");
    if (buf_failed(&x)) {
        buf_free(&x);
        return NULL;
    }
    return buf_take(&x);
}
