/*
 * explore.c - torture sweeps and a bounded exhaustive search (explore.h).
 *
 * Every run is a program: a sweep or the search builds it from the
 * scenario by inserting ops (a `fail-alloc`, an `irql` around a call, a
 * second unload), so the program that found something is the one that
 * replays it, and it is written out as text beside the command to run it.
 *
 * The sweeps, on each scenario:
 *  - alloc: the scenario runs once to count its allocations K; then with
 *    `fail-alloc nth=N` (N = 1..K), with `fail-alloc after=N` (N = 0..K-1),
 *    and with `fail-alloc site=S` for each site, each series stopping at the
 *    first run where no fault fired;
 *  - irql: each call the port makes into the driver (api: each top-level
 *    op) made once at APC_LEVEL and once at DISPATCH_LEVEL, with the port
 *    allowed to (`inject irql`): these findings are robustness findings;
 *  - unload: a second unload (driver: `port-unload` with `inject
 *    double-unload`; api: `miniport-unload`) inserted after each step.
 * The search (driver targets): from the scenario's setup (its leading
 * load, device-arrival, fail-alloc, inject and irql ops), every sequence of up to
 * D environment events (device arrival and removal, timers expiring, work
 * items running, deferred disposal, unload), depth first; a run whose end
 * state (the model's objects, the driver's state, the port's) was reached
 * before is not extended, so equivalent orderings are explored once.
 *
 * A finding is a violation at or above --fail-on; two are the same when
 * rule, DDI, object type and driver call site agree.
 */
#include "explore.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "dir.h"
#include "edit.h"
#include "finding.h"
#include "jsonfile.h"
#include "load.h"
#include "port.h"
#include "target.h"

#define MAX_FINDINGS 512
#define MAX_RUN_VIOLATIONS 64
#define MAX_SCENARIOS 64
#define MAX_DEPTH 12
#define STATE_BITS 20 /* the search remembers up to 2^20 states */
#define TEXT_MAX (PROG_MAX_OPS * 96)

enum sweep { SW_BASE, SW_ALLOC, SW_IRQL, SW_UNLOAD, SW_SEARCH, SW__COUNT };
static const char *const sweep_names[SW__COUNT] = {"scenario", "alloc", "irql", "unload", "search"};

/* Search events, for --events. */
enum { EVT_ARRIVAL = 1, EVT_REMOVAL = 2, EVT_FIRE = 4, EVT_RUN = 8, EVT_DEFERRED = 16,
       EVT_UNLOAD = 32, EVT__ALL = 63 };
static const char *const event_names[] = {"arrival", "removal", "fire", "run", "deferred", "unload"};

struct explore_finding {
    struct finding v;
    enum sweep sweep;
    char how[48];       /* "nth=3", "dispatch before op 2", "depth 3" */
    uint32_t inject;    /* PORT_INJECT_* the run needed */
    double seconds;     /* since the start */
    uint64_t runs;      /* runs so far when found */
    char path[1024];    /* the program written out */
};

static struct {
    const struct explore_target *t;
    enum model_severity fail_on;
    const char *out;
    int quiet;
    uint32_t events;       /* EVT_* the search may play */
    uint32_t depth;
    uint64_t budget;       /* runs the search may make */
    /* the run under way */
    struct finding seen[MAX_RUN_VIOLATIONS];
    uint32_t nseen;
    uint8_t raised[RULE__COUNT]; /* rules at or above break in this run */
    /* totals */
    uint64_t runs, sweep_runs[SW__COUNT];
    struct explore_finding findings[MAX_FINDINGS];
    uint32_t nfindings, dropped;
    double start, last_progress;
    /* the search */
    uint64_t *states;      /* open addressing, 0 = empty */
    uint64_t nstates, merged, search_runs;
    int search_cut;        /* the budget or the state table ran out */
    /* per-sweep series lengths, for the summary */
    uint32_t alloc_k, nth_runs, after_runs, site_runs;
    /* what report() needs, also when the process dies */
    uint32_t nscenarios, sweeps;
    int json;
    char crash_path[1100];  /* the program that crashed the process, "" when none */
    char crash_how[96];
} X;

static struct program work, work2;   /* programs being built */
static char text[TEXT_MAX];

/* The run under way, for a driver that crashes the process (a NULL
 * dereference in its code, or a sanitizer's report): the program is
 * written out as a finding before the process dies. */
static struct {
    const struct program *p;
    enum sweep sweep;
    const char *how;
    uint32_t inject;
} cur;

/* The sanitizers' hook, called before they end the process; absent (NULL)
 * in a build without them. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* ------------------------------------------------------------ running */

static void collect(const struct model_event *ev, void *arg)
{
    (void)arg;
    if (ev->kind != EV_VIOLATION)
        return;
    if (model_rule_severity(ev->rule) >= SEV_BREAK)
        X.raised[ev->rule] = 1;
    if (model_rule_severity(ev->rule) < X.fail_on || X.nseen >= MAX_RUN_VIOLATIONS)
        return;
    finding_from_event(&X.seen[X.nseen++], ev);
}

/* Writes finding f's program p to the output directory. */
static void write_finding(struct explore_finding *f, const struct program *p)
{
    FILE *out;
    int r, first = 1;

    snprintf(f->path, sizeof f->path, "%s/%03u-%s.ufp", X.out, X.nfindings + 1,
             model_rule_id(f->v.rule));
    out = fopen(f->path, "w");
    if (out == NULL) {
        fprintf(stderr, "explore: %s: %s\n", f->path, strerror(errno));
        f->path[0] = '\0';
        return;
    }
    fputs("# expect:", out);
    for (r = 0; r < RULE__COUNT; r++)
        if (X.raised[r]) {
            fprintf(out, " %s", model_rule_id((enum model_rule)r));
            first = 0;
        }
    fputs(first ? " clean\n" : "\n", out);
    fprintf(out, "# found by the %s sweep (%s) of `explore %s`%s\n", sweep_names[f->sweep], f->how,
            X.t->name, f->inject ? "; a robustness finding: the port misbehaved on purpose" : "");
    fprintf(out, "# replay: %s%s%s FILE\n", X.t->replay, f->inject ? " --inject=" : "",
            target_inject_name(f->inject));
    prog_print_text(p, 1, text, sizeof text);
    fputs(text, out);
    fclose(out);
}

static void progress(const char *what)
{
    double t = clock_now();

    if (X.quiet || t - X.last_progress < 1.0)
        return;
    X.last_progress = t;
    fprintf(stderr, "explore: %.0fs: %s: %llu runs, %u findings\n", t - X.start, what,
            (unsigned long long)X.runs, X.nfindings);
}

/* Writes the program of the run under way as a crash finding and says so.
 * Called as the process dies. */
static void report(void);

static void crashed(void)
{
    static int once;
    char *path = X.crash_path;
    FILE *f;

    if (once++ || cur.p == NULL || X.out == NULL)
        return;
    snprintf(path, sizeof X.crash_path, "%s/crash-%s.ufp", X.out, sweep_names[cur.sweep]);
    snprintf(X.crash_how, sizeof X.crash_how, "%s sweep (%s)", sweep_names[cur.sweep], cur.how);
    f = fopen(path, "w");
    if (f != NULL) {
        fprintf(f, "# the driver crashed the process while this program ran: the %s sweep (%s)"
                   " of `explore %s`%s\n# replay: %s%s%s FILE\n",
                sweep_names[cur.sweep], cur.how, X.t->name,
                cur.inject ? "; the port misbehaved on purpose" : "", X.t->replay,
                cur.inject ? " --inject=" : "", target_inject_name(cur.inject));
        prog_print_text(cur.p, 1, text, sizeof text);
        fputs(text, f);
        fclose(f);
    }
    fprintf(stderr, "explore: the driver crashed the process in the %s sweep (%s), after %llu"
                    " runs and %u finding(s); the program: %s\n",
            sweep_names[cur.sweep], cur.how, (unsigned long long)X.runs, X.nfindings, path);
    report();
    fflush(stdout);
}

static void on_signal(int sig)
{
    crashed();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Runs p (allowing `inject`) and records what is new. Returns the faults
 * injected during the run. */
static uint32_t run(const struct program *p, uint32_t inject, enum sweep sw, const char *how,
                    uint32_t *port_state)
{
    uint32_t i, j, faults, ps = 0;

    X.nseen = 0;
    memset(X.raised, 0, sizeof X.raised);
    cur.p = p;
    cur.sweep = sw;
    cur.how = how;
    cur.inject = inject;
    X.t->run(p, inject, collect, NULL, &ps);
    cur.p = NULL;
    faults = model_faults_injected();
    if (port_state)
        *port_state = ps;
    X.runs++;
    X.sweep_runs[sw]++;
    for (i = 0; i < X.nseen; i++) {
        for (j = 0; j < X.nfindings; j++)
            if (finding_same(&X.findings[j].v, &X.seen[i]))
                break;
        if (j < X.nfindings)
            continue;
        if (X.nfindings == MAX_FINDINGS) {
            X.dropped++;
            continue;
        }
        X.findings[j].v = X.seen[i];
        X.findings[j].sweep = sw;
        snprintf(X.findings[j].how, sizeof X.findings[j].how, "%s", how);
        X.findings[j].inject = inject;
        X.findings[j].seconds = clock_now() - X.start;
        X.findings[j].runs = X.runs;
        write_finding(&X.findings[j], p);
        X.nfindings++;
    }
    progress(sweep_names[sw]);
    return faults;
}

/* ------------------------------------------------------ building programs */

/* A bare op `code`: no operand, no option. */
static struct op make(enum op_code code)
{
    struct op o;

    op_init(&o, code);
    return o;
}

/* *dst = base with the n ops of ins inserted before base's op pos, as many
 * as PROG_MAX_OPS leaves room for. */
static void insert(struct program *dst, const struct program *base, uint32_t pos,
                   const struct op *ins, uint32_t n)
{
    *dst = *base;
    prog_insert(dst, pos, ins, n);
}

/* Whether op i of driver program p is a call of the port into the driver. */
static int port_call(const struct program *p, uint32_t i)
{
    enum op_code c = (enum op_code)p->ops[i].code;

    return c == OP_LOAD || c == OP_DEVICE_ARRIVAL || c == OP_DEVICE_REMOVAL || c == OP_PORT_UNLOAD;
}

/* --------------------------------------------------------------- sweeps */

/* Runs p with `fail-alloc <mode>=N` in front, for N = first, first+1, ...
 * up to last, stopping at the first run in which no fault fired. Counts
 * the runs in *runs. */
static void fault_series(const struct program *p, uint32_t mode, const char *word, uint32_t first,
                         uint32_t last, uint32_t *runs)
{
    struct op f = make(OP_FAIL_ALLOC);
    char how[48];
    uint32_t n;

    f.opts = mode;
    for (n = first; n <= last; n++) {
        f.num = n;
        insert(&work, p, 0, &f, 1);
        snprintf(how, sizeof how, "%s=%u", word, n);
        (*runs)++;
        if (run(&work, 0, SW_ALLOC, how, NULL) == 0)
            break;
    }
}

static void sweep_alloc(const struct program *p)
{
    struct op f = make(OP_FAIL_ALLOC);
    char how[48];
    uint32_t k, s;

    run(p, 0, SW_BASE, "as written", NULL);
    k = model_alloc_count();
    if (k > X.alloc_k)
        X.alloc_k = k;
    /* each series goes one past K: it ends where no fault fires */
    fault_series(p, OPT_NTH, "nth", 1, k + 1, &X.nth_runs);
    fault_series(p, OPT_AFTER, "after", 0, k, &X.after_runs);
    for (s = 0; s < SITE__COUNT; s++) {
        f.opts = OPT_SITE;
        f.num = s;
        insert(&work, p, 0, &f, 1);
        snprintf(how, sizeof how, "site=%s", model_site_name((enum model_site)s));
        X.site_runs++;
        run(&work, 0, SW_ALLOC, how, NULL);
    }
}

static void sweep_irql(const struct program *p)
{
    static const char *const lv[] = {"passive", "apc", "dispatch"};
    struct op ins[3], after = make(OP_IRQL);
    char how[48];
    uint32_t i, level, n;

    for (i = 0; i < p->nops; i++) {
        if (p->kind == PROG_DRIVER ? !port_call(p, i) : !prog_top_level(p, i))
            continue;
        if (p->ops[i].code == OP_ON || p->ops[i].code == OP_IRQL)
            continue;
        for (level = APC_LEVEL; level <= DISPATCH_LEVEL; level++) {
            n = 0;
            if (p->kind == PROG_DRIVER) {
                ins[n] = make(OP_INJECT);
                ins[n++].opts = OPT_INJECT_IRQL;
            }
            ins[n] = make(OP_IRQL);
            ins[n++].level = (uint8_t)level;
            insert(&work2, p, i, ins, n);
            after.level = PASSIVE_LEVEL;
            insert(&work, &work2, i + n + 1 <= work2.nops ? i + n + 1 : work2.nops, &after, 1);
            snprintf(how, sizeof how, "%s around op %u", lv[level], i + 1);
            run(&work, p->kind == PROG_DRIVER ? PORT_INJECT_IRQL : 0, SW_IRQL, how, NULL);
        }
    }
}

static void sweep_unload(const struct program *p)
{
    struct op ins[2];
    char how[48];
    uint32_t i, n;

    for (i = 0; i < p->nops; i++) {
        if (p->kind == PROG_API && !prog_top_level(p, i))
            continue;
        if (p->ops[i].code == OP_ON)
            continue;
        n = 0;
        if (p->kind == PROG_DRIVER) {
            ins[n] = make(OP_INJECT);
            ins[n++].opts = OPT_DOUBLE_UNLOAD;
            ins[n++] = make(OP_PORT_UNLOAD);
        } else {
            ins[n++] = make(OP_MINIPORT_UNLOAD);
        }
        insert(&work, p, i + 1, ins, n);
        snprintf(how, sizeof how, "a second unload after op %u", i + 1);
        run(&work, p->kind == PROG_DRIVER ? PORT_INJECT_DOUBLE_UNLOAD : 0, SW_UNLOAD, how, NULL);
    }
}

/* --------------------------------------------------------------- search */

/* The end state of the run just made: the model's objects, the driver's
 * state, the deferred work, and the port's state. Never 0. */
static uint64_t state_hash(uint32_t port_state)
{
    struct model_object_info info;
    uint64_t h = 0xCBF29CE484222325ull;
    uint32_t id, count = model_object_count(), v[9], k;

    for (id = 1; id <= count + 1; id++) {
        if (id <= count) {
            if (model_object_info(id, &info) < 0)
                continue;
            v[0] = info.type;
            v[1] = info.state;
            v[2] = info.parent;
            v[3] = (uint32_t)info.refs;
            v[4] = info.pending;
            v[5] = (uint32_t)info.cleanup_ran | (uint32_t)info.destroy_ran << 1;
            v[6] = info.ntags;
            v[7] = 0;
            v[8] = id;
        } else {
            v[0] = model_driver_state();
            v[1] = model_deferred_pending();
            v[2] = (uint32_t)model_halted();
            v[3] = port_state;
            v[4] = model_pool_outstanding();
            v[5] = v[6] = v[7] = 0;
            v[8] = 0xFFFFFFFFu;
        }
        for (k = 0; k < sizeof v; k++) {
            h ^= ((const uint8_t *)v)[k];
            h *= 0x100000001B3ull;
        }
    }
    return h ? h : 1;
}

/* Adds h to the states seen. Returns 1 when it is new, 0 when seen, -1 when
 * the table is full. */
static int remember(uint64_t h)
{
    uint64_t mask = (1ull << STATE_BITS) - 1, i = h & mask;

    if (X.nstates >= mask / 2)
        return -1;
    while (X.states[i] != 0) {
        if (X.states[i] == h)
            return 0;
        i = (i + 1) & mask;
    }
    X.states[i] = h;
    X.nstates++;
    return 1;
}

/* The events the search may play in the state the last run ended in. */
static uint32_t next_events(struct op *ev, uint32_t port_state)
{
    struct model_object_info info;
    uint32_t n = 0, id, count = model_object_count(), timers = 0, items = 0, a;

    for (id = 1; id <= count; id++)
        if (model_object_info(id, &info) == 0) {
            timers += info.type == TYPE_TIMER;
            items += info.type == TYPE_WORKITEM;
        }
    if ((X.events & EVT_ARRIVAL) && PORT_STATE_ARRIVED(port_state) < PROG_MAX_ADAPTERS)
        ev[n++] = make(OP_DEVICE_ARRIVAL);
    for (a = 0; a < PROG_MAX_ADAPTERS && (X.events & EVT_REMOVAL); a++)
        if (PORT_STATE_PRESENT(port_state) & (1u << a)) {
            ev[n] = make(OP_DEVICE_REMOVAL);
            ev[n].opts = OPT_ADAPTER;
            ev[n++].num = a;
        }
    for (a = 0; a < timers && a < PROG_MAX_ENVREF && (X.events & EVT_FIRE); a++) {
        ev[n] = make(OP_FIRE);
        ev[n++].target = (uint16_t)a;
    }
    for (a = 0; a < items && a < PROG_MAX_ENVREF && (X.events & EVT_RUN); a++) {
        ev[n] = make(OP_RUN);
        ev[n++].target = (uint16_t)a;
    }
    if (X.events & EVT_DEFERRED)
        ev[n++] = make(OP_RUN_DEFERRED);
    if (X.events & EVT_UNLOAD)
        ev[n++] = make(OP_PORT_UNLOAD);
    return n;
}

/* *dst = the setup of driver program p, where the search starts: its
 * leading load, device-arrival, fail-alloc, inject and irql ops. */
static void setup(struct program *dst, const struct program *p)
{
    uint32_t i;

    *dst = *p;
    for (i = 0; i < p->nops; i++) {
        enum op_code c = (enum op_code)p->ops[i].code;

        if (c != OP_LOAD && c != OP_DEVICE_ARRIVAL && c != OP_FAIL_ALLOC && c != OP_INJECT &&
            c != OP_IRQL)
            break;
    }
    dst->nops = i;
}

/* Explores every sequence of events after p (which already holds `depth`
 * of them), depth first. */
static void search(const struct program *p, uint32_t depth)
{
    static struct program level[MAX_DEPTH + 1];
    struct op ev[2 * PROG_MAX_ENVREF + PROG_MAX_ADAPTERS + 3];
    uint32_t n, i, ps;
    char how[48];
    int fresh;

    if (X.search_runs >= X.budget) {
        X.search_cut = 1;
        return;
    }
    snprintf(how, sizeof how, "depth %u", depth);
    run(p, 0, SW_SEARCH, how, &ps);
    X.search_runs++;
    fresh = remember(state_hash(ps));
    if (fresh < 0)
        X.search_cut = 1;
    if (fresh <= 0) {
        X.merged += fresh == 0;
        return;
    }
    if (depth >= X.depth || model_halted() || p->nops >= PROG_MAX_OPS)
        return;
    n = next_events(ev, ps);
    for (i = 0; i < n; i++) {
        insert(&level[depth], p, p->nops, &ev[i], 1);
        search(&level[depth], depth + 1);
    }
}

/* ----------------------------------------------------------- reporting */

static void report(void)
{
    int json = X.json;
    uint32_t nscenarios = X.nscenarios, sweeps = X.sweeps;
    json_t *o = json_object(), *fs = json_array(), *sw = json_object();
    double secs = clock_now() - X.start;
    char path[1024];
    uint32_t i;

    for (i = 0; i < X.nfindings; i++) {
        const struct explore_finding *fd = &X.findings[i];
        json_t *j = json_object();

        json_object_set_new(j, "rule", json_string(model_rule_id(fd->v.rule)));
        json_object_set_new(j, "severity",
                            json_string(model_severity_name(model_rule_severity(fd->v.rule))));
        json_object_set_new(j, "ddi", json_string(model_ddi_name(fd->v.ddi)));
        json_object_set_new(j, "object_type", json_string(model_type_name(fd->v.type)));
        json_object_set_new(j, "file", fd->v.file ? json_string(fd->v.file) : json_null());
        json_object_set_new(j, "line", fd->v.file ? json_integer(fd->v.line) : json_null());
        json_object_set_new(j, "sweep", json_string(sweep_names[fd->sweep]));
        json_object_set_new(j, "how", json_string(fd->how));
        json_object_set_new(j, "robustness", json_boolean(fd->inject != 0));
        json_object_set_new(j, "program", json_string(fd->path));
        json_object_set_new(j, "seconds", json_real(fd->seconds));
        json_object_set_new(j, "runs", json_integer((json_int_t)fd->runs));
        json_array_append_new(fs, j);
    }
    if (sweeps & (1u << SW_ALLOC))
        json_object_set_new(sw, "alloc", json_pack("{s:I,s:I,s:I,s:I,s:I}", "runs",
                                                   (json_int_t)X.sweep_runs[SW_ALLOC], "largest_k",
                                                   (json_int_t)X.alloc_k, "nth_runs",
                                                   (json_int_t)X.nth_runs, "after_runs",
                                                   (json_int_t)X.after_runs, "site_runs",
                                                   (json_int_t)X.site_runs));
    if (sweeps & (1u << SW_IRQL))
        json_object_set_new(sw, "irql", json_pack("{s:I}", "runs", (json_int_t)X.sweep_runs[SW_IRQL]));
    if (sweeps & (1u << SW_UNLOAD))
        json_object_set_new(sw, "unload",
                            json_pack("{s:I}", "runs", (json_int_t)X.sweep_runs[SW_UNLOAD]));
    if (sweeps & (1u << SW_SEARCH))
        json_object_set_new(sw, "search",
                            json_pack("{s:i,s:I,s:I,s:I,s:b}", "depth", (int)X.depth, "states",
                                      (json_int_t)X.nstates, "runs", (json_int_t)X.search_runs,
                                      "merged", (json_int_t)X.merged, "complete", !X.search_cut));
    json_object_set_new(o, "target", json_string(X.t->name));
    json_object_set_new(o, "scenarios", json_integer(nscenarios));
    json_object_set_new(o, "runs", json_integer((json_int_t)X.runs));
    json_object_set_new(o, "seconds", json_real(secs));
    json_object_set_new(o, "sweeps", sw);
    json_object_set_new(o, "findings", fs);
    json_object_set_new(o, "findings_dropped", json_integer(X.dropped));
    json_object_set_new(o, "crash", X.crash_path[0]
                                        ? json_pack("{s:s,s:s}", "program", X.crash_path, "found_by",
                                                    X.crash_how)
                                        : json_null());
    snprintf(path, sizeof path, "%s/summary.json", X.out);
    if (!jsonfile_write(o, path, json)) {
        printf("explore %s: %u scenario(s), %llu runs in %.2fs\n", X.t->name, nscenarios,
               (unsigned long long)X.runs, secs);
        if (sweeps & (1u << SW_ALLOC))
            printf("  alloc:  %llu runs (largest K %u: nth %u, after %u, sites %u)\n",
                   (unsigned long long)X.sweep_runs[SW_ALLOC], X.alloc_k, X.nth_runs,
                   X.after_runs, X.site_runs);
        if (sweeps & (1u << SW_IRQL))
            printf("  irql:   %llu runs\n", (unsigned long long)X.sweep_runs[SW_IRQL]);
        if (sweeps & (1u << SW_UNLOAD))
            printf("  unload: %llu runs\n", (unsigned long long)X.sweep_runs[SW_UNLOAD]);
        if (sweeps & (1u << SW_SEARCH))
            printf("  search: depth %u: %llu distinct states, %llu runs, %llu merged into a state"
                   " seen before; %s\n",
                   X.depth, (unsigned long long)X.nstates, (unsigned long long)X.search_runs,
                   (unsigned long long)X.merged,
                   X.search_cut ? "STOPPED at the budget: not every state was reached"
                                : "every state within the depth was reached");
        printf("%u distinct finding(s)%s\n", X.nfindings, X.nfindings ? ":" : "");
        for (i = 0; i < X.nfindings; i++) {
            const struct explore_finding *fd = &X.findings[i];

            char where[256] = "";

            if (fd->v.file)
                snprintf(where, sizeof where, " at %s:%d", fd->v.file, fd->v.line);
            printf("  %s (%s) in %s%s, %s sweep (%s)%s, after %.3fs\n", model_rule_id(fd->v.rule),
                   model_severity_name(model_rule_severity(fd->v.rule)),
                   fd->v.ddi ? model_ddi_name(fd->v.ddi) : "the port", where,
                   sweep_names[fd->sweep], fd->how, fd->inject ? ", robustness" : "", fd->seconds);
            printf("    %s\n", fd->path);
        }
        if (X.dropped)
            printf("  (%u more not kept: over %d)\n", X.dropped, MAX_FINDINGS);
        if (X.crash_path[0])
            printf("the driver crashed the process in the %s; it ended the exploration there:\n"
                   "    %s\n", X.crash_how, X.crash_path);
        printf("summary: %s\n", path);
    }
    json_decref(o);
}

/* ---------------------------------------------------------------- main */

static void usage(FILE *f, const char *target)
{
    fprintf(f,
            "usage: explore %s [--sweeps LIST] [--depth D] [--events LIST] [--budget RUNS]\n"
            "               [--out DIR] [--fail-on SEV] [--json] [--quiet] [PROGRAM...]\n"
            "\n"
            "Runs each PROGRAM (a driver target: its seeds when none is given) under\n"
            "the sweeps and the search, reports each distinct finding once with the\n"
            "program that replays it (written to DIR), and a JSON summary.\n"
            "\n"
            "  --sweeps LIST   alloc, irql, unload, search, comma-separated (default all;\n"
            "                  search is for driver targets)\n"
            "  --depth D       events per sequence in the search (default 4, at most %d)\n"
            "  --events LIST   the search's events: arrival, removal, fire, run, deferred,\n"
            "                  unload (default all)\n"
            "  --budget RUNS   runs the search may make (default 200000)\n"
            "  --out DIR       where findings and summary.json go (default\n"
            "                  out/explore/<target>); it must be empty or an earlier\n"
            "                  explore's\n"
            "  --fail-on SEV   the lowest severity that is a finding (default break)\n"
            "  --json          print the summary as JSON\n"
            "  --quiet         no progress lines\n"
            "\n"
            "Exit status: 0 no finding, 1 findings, 2 bad usage or input.\n",
            target, MAX_DEPTH);
}

/* Parses a comma-separated list of words from names[0..n) into bits.
 * Returns 0, or -1 for an unknown word. */
static int parse_list(const char *s, const char *const *names, uint32_t n, uint32_t *bits)
{
    char buf[256], *w, *save = NULL;
    uint32_t k;

    snprintf(buf, sizeof buf, "%s", s);
    *bits = 0;
    for (w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        for (k = 0; k < n && strcmp(w, names[k]); k++)
            ;
        if (k == n)
            return -1;
        *bits |= 1u << k;
    }
    return *bits ? 0 : -1;
}

/* Whether dir holds no entry at all, hidden ones included; a directory
 * that cannot be read counts as holding nothing. */
static int holds_nothing(const char *dir)
{
    struct dirent *e;
    DIR *d = opendir(dir);
    int empty = 1;

    if (d == NULL)
        return 1;
    while (empty && (e = readdir(d)) != NULL)
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

/* Whether name is one of an explore's finding programs: NNN-*.ufp. */
static int finding_program_name(const char *name)
{
    size_t len = strlen(name);

    return len >= 8 && strspn(name, "0123456789") >= 3 && name[3] == '-' &&
           !strcmp(name + len - 4, ".ufp");
}

/* Removes what an earlier explore wrote into dir: its finding programs and
 * summary.json. Returns 0, or -1 after saying what could not go. */
static int remove_earlier(const char *dir)
{
    struct names names;
    char path[1100];
    size_t i;
    int rc = 0;

    if (dir_list(dir, ".ufp", DIR_ANY, &names) == 0) {
        for (i = 0; i < names.n; i++) {
            if (!finding_program_name(names.v[i]))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
            if (unlink(path) != 0 && errno != ENOENT) {
                fprintf(stderr, "explore: %s: %s\n", path, strerror(errno));
                rc = -1;
            }
        }
        names_free(&names);
    }
    snprintf(path, sizeof path, "%s/summary.json", dir);
    if (unlink(path) != 0 && errno != ENOENT) {
        fprintf(stderr, "explore: %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Makes dir (and its parents); empties it of an earlier explore's files,
 * and refuses one holding anything else. Returns 0, or -1 after saying
 * why. */
static int prepare_out(const char *dir)
{
    char path[1100];
    struct stat st;

    if (dir[0] == '\0' || dir_make(dir) != 0) {
        fprintf(stderr, "explore: cannot make the output directory '%s'\n", dir);
        return -1;
    }
    snprintf(path, sizeof path, "%s/summary.json", dir);
    if (stat(path, &st) == 0)
        return remove_earlier(dir);
    if (!holds_nothing(dir)) {
        fprintf(stderr, "explore: '%s' holds files that are not an earlier explore's: choose"
                        " another --out\n", dir);
        return -1;
    }
    if (access(dir, W_OK) != 0) {
        fprintf(stderr, "explore: '%s' is not writable\n", dir);
        return -1;
    }
    return 0;
}

/* Loads the *.ufp files of t->seeds into scenarios[], in name order (the
 * first MAX_SCENARIOS). Returns how many, or (uint32_t)-1 after saying
 * why. */
static uint32_t load_seeds(const struct explore_target *t, struct program *scenarios)
{
    struct names names;
    char path[1024];
    uint32_t n = 0;

    if (dir_list(t->seeds, ".ufp", DIR_ANY, &names) != 0) {
        fprintf(stderr, "explore: %s: %s\n", t->seeds, strerror(errno));
        return (uint32_t)-1;
    }
    for (n = 0; n < names.n && n < MAX_SCENARIOS; n++) {
        if (snprintf(path, sizeof path, "%s/%s", t->seeds, names.v[n]) >= (int)sizeof path) {
            fprintf(stderr, "explore: %s/%s: path too long\n", t->seeds, names.v[n]);
            goto out_free_names;
        }
        if (prog_load_file_kind(path, 0, (int)t->kind, &scenarios[n]) < 0)
            goto out_free_names;
    }
    names_free(&names);
    return n;
out_free_names:
    names_free(&names);
    return (uint32_t)-1;
}

int explore_main(const struct explore_target *t, int argc, char **argv)
{
    static struct program scenarios[MAX_SCENARIOS];
    static const char *const sweep_words[] = {"alloc", "irql", "unload", "search"};
    uint32_t sweeps = 0, list, nsc = 0, i;
    char outbuf[512];
    const char *out = NULL;
    int json = 0, a;
    enum model_severity sev;

    memset(&X, 0, sizeof X);
    X.t = t;
    X.fail_on = SEV_BREAK;
    X.depth = 4;
    X.budget = 200000;
    X.events = EVT__ALL;
    list = (1u << 4) - 1;
    for (a = 0; a < argc; a++) {
        const char *s = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;

        if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage(stdout, t->name);
            return 0;
        } else if (!strcmp(s, "--json")) {
            json = 1;
        } else if (!strcmp(s, "--quiet")) {
            X.quiet = 1;
        } else if (s[0] == '-' && s[1] == '-' && v == NULL) {
            fprintf(stderr, "explore: %s needs a value\n", s);
            return 2;
        } else if (!strcmp(s, "--sweeps")) {
            if (parse_list(v, sweep_words, 4, &list) < 0) {
                fprintf(stderr, "explore: --sweeps takes alloc, irql, unload, search\n");
                return 2;
            }
            a++;
        } else if (!strcmp(s, "--events")) {
            if (parse_list(v, event_names, 6, &X.events) < 0) {
                fprintf(stderr, "explore: --events takes arrival, removal, fire, run, deferred,"
                                " unload\n");
                return 2;
            }
            a++;
        } else if (!strcmp(s, "--depth")) {
            X.depth = (uint32_t)strtoul(v, NULL, 10);
            if (strspn(v, "0123456789") != strlen(v) || X.depth < 1 || X.depth > MAX_DEPTH) {
                fprintf(stderr, "explore: --depth takes 1 to %d\n", MAX_DEPTH);
                return 2;
            }
            a++;
        } else if (!strcmp(s, "--budget")) {
            X.budget = strtoull(v, NULL, 10);
            if (strspn(v, "0123456789") != strlen(v) || X.budget == 0) {
                fprintf(stderr, "explore: --budget takes a positive number of runs\n");
                return 2;
            }
            a++;
        } else if (!strcmp(s, "--out")) {
            out = v;
            a++;
        } else if (!strcmp(s, "--fail-on")) {
            sev = model_severity_lookup(v);
            if (sev >= SEV__COUNT) {
                fprintf(stderr, "explore: --fail-on takes warning, break, ub or bugcheck\n");
                return 2;
            }
            X.fail_on = sev;
            a++;
        } else if (s[0] == '-') {
            fprintf(stderr, "explore: unknown option '%s'\n", s);
            usage(stderr, t->name);
            return 2;
        } else {
            if (nsc == MAX_SCENARIOS) {
                fprintf(stderr, "explore: at most %d programs\n", MAX_SCENARIOS);
                return 2;
            }
            if (prog_load_file_kind(s, 0, (int)t->kind, &scenarios[nsc]) < 0)
                return 2;
            nsc++;
        }
    }
    if (nsc == 0 && t->seeds != NULL && (nsc = load_seeds(t, scenarios)) == (uint32_t)-1)
        return 2;
    if (nsc == 0) {
        fprintf(stderr, "explore: no program to explore\n");
        usage(stderr, t->name);
        return 2;
    }
    /* alloc irql unload search -> SW_ALLOC.. */
    for (i = 0; i < 4; i++)
        if (list & (1u << i))
            sweeps |= 1u << (SW_ALLOC + i);
    if (t->kind == PROG_API && (sweeps & (1u << SW_SEARCH))) {
        if (list != (1u << 4) - 1) {
            fprintf(stderr, "explore: the search plays a port's events: driver targets only\n");
            return 2;
        }
        sweeps &= ~(1u << SW_SEARCH);
    }
    if (out == NULL) {
        snprintf(outbuf, sizeof outbuf, "out/explore/%s", t->name);
        out = outbuf;
    }
    if (prepare_out(out) < 0)
        return 2;
    X.out = out;
    X.json = json;
    X.nscenarios = nsc;
    X.sweeps = sweeps;
    X.start = X.last_progress = clock_now();
    if (sweeps & (1u << SW_SEARCH)) {
        X.states = calloc((size_t)1 << STATE_BITS, sizeof X.states[0]);
        if (X.states == NULL) {
            fprintf(stderr, "explore: out of memory\n");
            return 2;
        }
    }
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(crashed);
    signal(SIGSEGV, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGFPE, on_signal);
    signal(SIGILL, on_signal);
    signal(SIGABRT, on_signal);
    /* The IRQL sweep last: it calls drivers outside their contract, where
     * crashing the process is most likely, and a crash ends the run. */
    for (i = 0; i < nsc; i++) {
        if (sweeps & (1u << SW_ALLOC))
            sweep_alloc(&scenarios[i]);
        else
            run(&scenarios[i], 0, SW_BASE, "as written", NULL);
        if (sweeps & (1u << SW_UNLOAD))
            sweep_unload(&scenarios[i]);
    }
    for (i = 0; i < nsc && (sweeps & (1u << SW_SEARCH)); i++) {
        setup(&work, &scenarios[i]);
        search(&work, 0);
    }
    for (i = 0; i < nsc && (sweeps & (1u << SW_IRQL)); i++)
        sweep_irql(&scenarios[i]);
    report();
    free(X.states);
    return X.nfindings ? 1 : 0;
}
