/*
 * explore_output.c - the finding programs, the summary and the crash
 * program (explore_output.h).
 *
 * A finding's program is a regression as it stands: its first line is the
 * `# expect:` the replay checks, the next say which sweep found it (and,
 * for a run that let the port misbehave, that it is a robustness finding)
 * and the command that replays it, with the same --inject. The summary is
 * one JSON document (summary.json), printed as text unless --json asks
 * for the document itself.
 */
#include "explore_output.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "jsonfile.h"
#include "target.h"

#define TEXT_MAX (PROG_MAX_OPS * 96)

static char text[TEXT_MAX];     /* a program printed as text */
static struct xout *armed;      /* what the crash handler writes; NULL until armed */

/* The sanitizers' hook, called before they end the process; absent (NULL)
 * in a build without them. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* Writes a finding's program (explore_output.h). */
void xout_finding(void *arg, const struct xeng *e, struct xeng_finding *f, const struct program *p)
{
    const struct xout *o = arg;
    FILE *out;
    int r, first = 1;

    snprintf(f->path, sizeof f->path, "%s/%03u-%s.ufp", o->dir,
             (unsigned)(f - e->findings) + 1, model_rule_id(f->v.rule));
    out = fopen(f->path, "w");
    if (out == NULL) {
        fprintf(stderr, "explore: %s: %s\n", f->path, strerror(errno));
        f->path[0] = '\0';
        return;
    }
    fputs("# expect:", out);
    for (r = 0; r < RULE__COUNT; r++)
        if (e->raised[r]) {
            fprintf(out, " %s", model_rule_id((enum model_rule)r));
            first = 0;
        }
    fputs(first ? " clean\n" : "\n", out);
    fprintf(out, "# found by the %s sweep (%s) of `explore %s`%s\n", xeng_sweep_name(f->sweep),
            f->how, e->t->name,
            f->inject ? "; a robustness finding: the port misbehaved on purpose" : "");
    fprintf(out, "# replay: %s%s%s%s FILE\n", e->t->replay, f->inject ? " --inject=" : "",
            target_inject_name(f->inject), target_unload_callback_arg());
    prog_print_text(p, 1, text, sizeof text);
    fputs(text, out);
    fclose(out);
}

/* The summary's entry for finding fd. Returns a new JSON object. */
static json_t *finding_json(const struct xeng_finding *fd)
{
    json_t *j = json_object();

    json_object_set_new(j, "rule", json_string(model_rule_id(fd->v.rule)));
    json_object_set_new(j, "severity",
                        json_string(model_severity_name(model_rule_severity(fd->v.rule))));
    json_object_set_new(j, "ddi", json_string(model_ddi_name(fd->v.ddi)));
    json_object_set_new(j, "object_type", json_string(model_type_name(fd->v.type)));
    json_object_set_new(j, "file", fd->v.file ? json_string(fd->v.file) : json_null());
    json_object_set_new(j, "line", fd->v.file ? json_integer(fd->v.line) : json_null());
    json_object_set_new(j, "sweep", json_string(xeng_sweep_name(fd->sweep)));
    json_object_set_new(j, "how", json_string(fd->how));
    json_object_set_new(j, "robustness", json_boolean(fd->inject != 0));
    json_object_set_new(j, "program", json_string(fd->path));
    json_object_set_new(j, "seconds", json_real(fd->seconds));
    json_object_set_new(j, "runs", json_integer((json_int_t)fd->runs));
    return j;
}

/* The summary's "sweeps" object: the numbers of each sweep chosen.
 * Returns a new JSON object. */
static json_t *sweeps_json(const struct xout *o)
{
    const struct xeng *e = o->e;
    json_t *sw = json_object();

    if (o->ran & (1u << SWEEP_ALLOC))
        json_object_set_new(sw, "alloc", json_pack("{s:I,s:I,s:I,s:I,s:I}", "runs",
                                                   (json_int_t)e->sweep_runs[SWEEP_ALLOC],
                                                   "largest_k", (json_int_t)o->sweeps->largest_k,
                                                   "nth_runs", (json_int_t)o->sweeps->nth_runs,
                                                   "after_runs", (json_int_t)o->sweeps->after_runs,
                                                   "site_runs", (json_int_t)o->sweeps->site_runs));
    if (o->ran & (1u << SWEEP_IRQL))
        json_object_set_new(sw, "irql",
                            json_pack("{s:I}", "runs", (json_int_t)e->sweep_runs[SWEEP_IRQL]));
    if (o->ran & (1u << SWEEP_UNLOAD))
        json_object_set_new(sw, "unload",
                            json_pack("{s:I}", "runs", (json_int_t)e->sweep_runs[SWEEP_UNLOAD]));
    if (o->ran & (1u << SWEEP_SEARCH))
        json_object_set_new(sw, "search",
                            json_pack("{s:i,s:I,s:I,s:I,s:b}", "depth", (int)o->search->depth,
                                      "states", (json_int_t)o->search->nstates, "runs",
                                      (json_int_t)o->search->runs, "merged",
                                      (json_int_t)o->search->merged, "complete",
                                      !o->search->cut));
    return sw;
}

/* Prints the summary as text: secs is the time taken, path summary.json's. */
static void print_summary(const struct xout *o, double secs, const char *path)
{
    const struct xeng *e = o->e;
    uint32_t i;

    printf("explore %s: %u scenario(s), %llu runs in %.2fs\n", e->t->name, o->nscenarios,
           (unsigned long long)e->runs, secs);
    if (o->ran & (1u << SWEEP_ALLOC))
        printf("  alloc:  %llu runs (largest K %u: nth %u, after %u, sites %u)\n",
               (unsigned long long)e->sweep_runs[SWEEP_ALLOC], o->sweeps->largest_k,
               o->sweeps->nth_runs, o->sweeps->after_runs, o->sweeps->site_runs);
    if (o->ran & (1u << SWEEP_IRQL))
        printf("  irql:   %llu runs\n", (unsigned long long)e->sweep_runs[SWEEP_IRQL]);
    if (o->ran & (1u << SWEEP_UNLOAD))
        printf("  unload: %llu runs\n", (unsigned long long)e->sweep_runs[SWEEP_UNLOAD]);
    if (o->ran & (1u << SWEEP_SEARCH))
        printf("  search: depth %u: %llu distinct states, %llu runs, %llu merged into a state"
               " seen before; %s\n",
               o->search->depth, (unsigned long long)o->search->nstates,
               (unsigned long long)o->search->runs, (unsigned long long)o->search->merged,
               o->search->cut ? "STOPPED at the budget: not every state was reached"
                              : "every state within the depth was reached");
    printf("%u distinct finding(s)%s\n", e->nfindings, e->nfindings ? ":" : "");
    for (i = 0; i < e->nfindings; i++) {
        const struct xeng_finding *fd = &e->findings[i];
        char where[256] = "";

        if (fd->v.file)
            snprintf(where, sizeof where, " at %s:%d", fd->v.file, fd->v.line);
        printf("  %s (%s) in %s%s, %s sweep (%s)%s, after %.3fs\n", model_rule_id(fd->v.rule),
               model_severity_name(model_rule_severity(fd->v.rule)),
               fd->v.ddi ? model_ddi_name(fd->v.ddi) : "the port", where,
               xeng_sweep_name(fd->sweep), fd->how, fd->inject ? ", robustness" : "",
               fd->seconds);
        printf("    %s\n", fd->path);
    }
    if (e->dropped)
        printf("  (%u more not kept: over %d)\n", e->dropped, XENG_MAX_FINDINGS);
    if (o->crash_path[0])
        printf("the driver crashed the process in the %s; it ended the exploration there:\n"
               "    %s\n", o->crash_how, o->crash_path);
    printf("summary: %s\n", path);
}

/* Writes and prints the summary (explore_output.h). */
void xout_summary(struct xout *o)
{
    const struct xeng *e = o->e;
    json_t *doc = json_object(), *fs = json_array(), *sw = sweeps_json(o);
    double secs = clock_now() - e->start;
    char path[1024];
    uint32_t i;

    for (i = 0; i < e->nfindings; i++)
        json_array_append_new(fs, finding_json(&e->findings[i]));
    json_object_set_new(doc, "target", json_string(e->t->name));
    json_object_set_new(doc, "scenarios", json_integer(o->nscenarios));
    json_object_set_new(doc, "runs", json_integer((json_int_t)e->runs));
    json_object_set_new(doc, "seconds", json_real(secs));
    json_object_set_new(doc, "sweeps", sw);
    json_object_set_new(doc, "findings", fs);
    json_object_set_new(doc, "findings_dropped", json_integer(e->dropped));
    json_object_set_new(doc, "crash", o->crash_path[0]
                                          ? json_pack("{s:s,s:s}", "program", o->crash_path,
                                                      "found_by", o->crash_how)
                                          : json_null());
    snprintf(path, sizeof path, "%s/summary.json", o->dir);
    if (!jsonfile_write(doc, path, o->json))
        print_summary(o, secs, path);
    json_decref(doc);
}

/* Writes the program of the run under way as DIR/crash-<sweep>.ufp, says
 * so on stderr and writes the summary. Runs once, as the process dies, and
 * only while a program runs. */
static void crashed(void)
{
    static int once;
    struct xout *o = armed;
    const struct xeng_current *cur;
    FILE *f;

    if (once++ || o == NULL || o->e->cur.p == NULL)
        return;
    cur = &o->e->cur;
    snprintf(o->crash_path, sizeof o->crash_path, "%s/crash-%s.ufp", o->dir,
             xeng_sweep_name(cur->sweep));
    snprintf(o->crash_how, sizeof o->crash_how, "%s sweep (%s)", xeng_sweep_name(cur->sweep),
             cur->how);
    f = fopen(o->crash_path, "w");
    if (f != NULL) {
        fprintf(f, "# the driver crashed the process while this program ran: the %s sweep (%s)"
                   " of `explore %s`%s\n# replay: %s%s%s%s FILE\n",
                xeng_sweep_name(cur->sweep), cur->how, o->e->t->name,
                cur->inject ? "; the port misbehaved on purpose" : "", o->e->t->replay,
                cur->inject ? " --inject=" : "", target_inject_name(cur->inject),
                target_unload_callback_arg());
        prog_print_text(cur->p, 1, text, sizeof text);
        fputs(text, f);
        fclose(f);
    }
    fprintf(stderr, "explore: the driver crashed the process in the %s sweep (%s), after %llu"
                    " runs and %u finding(s); the program: %s\n",
            xeng_sweep_name(cur->sweep), cur->how, (unsigned long long)o->e->runs,
            o->e->nfindings, o->crash_path);
    xout_summary(o);
    fflush(stdout);
}

/* The handler of the signals that end the process: writes what crashed
 * it, then dies of the signal as it would have. */
static void on_signal(int sig)
{
    crashed();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Arms the crash handler (explore_output.h). */
void xout_catch_crashes(struct xout *o)
{
    armed = o;
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(crashed);
    signal(SIGSEGV, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGFPE, on_signal);
    signal(SIGILL, on_signal);
    signal(SIGABRT, on_signal);
}
