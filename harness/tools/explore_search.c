/*
 * explore_search.c - the bounded depth-first search over a driver target's
 * environment events (explore_search.h).
 *
 * Runs are deterministic, so each sequence is re-run from a reset model:
 * a prefix always leads to the same state, and nothing is saved between
 * runs but the hash of where each ended. The hash covers every object's
 * type, state, parent, reference count, held tags, pending timer, work
 * item, DPC or request and cleanup and destroy flags; the framework
 * driver's state; the deferred disposals; whether the machine halted; the
 * pool still allocated; the lower device's answer; and the port's state
 * (loaded, unloads, adapters arrived and present, and what the port's
 * flavour knows of them: an NDIS adapter's state and the sends it holds). A run whose end state
 * was reached before is not extended: orderings that lead to the same
 * state are explored once. The driver's own globals are not in the hash
 * (docs/EXPLORING.md says what that means for a clean search).
 */
#include "explore_search.h"

#include <stdio.h>
#include <stdlib.h>

#include "edit.h"
#include "port.h"

#define STATE_BITS 20 /* the state table has 2^20 slots and holds up to 2^19 states */

/* The kinds of event, bit k of a mask being xsearch_event_names[k]. */
enum {
    EVENT_ARRIVAL = 1u << 0,  /* device-arrival */
    EVENT_REMOVAL = 1u << 1,  /* device-removal adapter=N, each adapter present */
    EVENT_FIRE = 1u << 2,     /* fire timer#N, each timer the driver made */
    EVENT_RUN = 1u << 3,      /* run workitem#N, each work item the driver made */
    EVENT_DEFERRED = 1u << 4, /* run-deferred */
    EVENT_UNLOAD = 1u << 5,   /* port-unload */
    EVENT_COMPLETE = 1u << 6, /* complete request#N, each request at the lower device */
    EVENT_DPC = 1u << 7,      /* run-dpc dpc#N, each DPC queued */
    EVENT_LOWER = 1u << 8,    /* lower-device status=no-answer, once */
    EVENT_PORT = 1u << 9,     /* the port's own ops that act now (NDIS: send, pause, ...) */
};

const char *const xsearch_event_names[XSEARCH_NEVENTS] = {
    "arrival", "removal", "fire", "run", "deferred", "unload", "complete", "dpc", "lower", "port",
};

/* Makes *s a search with its state table (explore_search.h). Returns 0 or
 * -1. */
int xsearch_init(struct xsearch *s, uint32_t events, uint32_t depth, uint64_t budget)
{
    s->events = events;
    s->depth = depth;
    s->budget = budget;
    s->nstates = s->merged = s->runs = 0;
    s->cut = 0;
    s->states = calloc((size_t)1 << STATE_BITS, sizeof s->states[0]);
    return s->states ? 0 : -1;
}

/* Frees the state table (explore_search.h). */
void xsearch_free(struct xsearch *s)
{
    free(s->states);
    s->states = NULL;
}

/* The end state of the run just made: the model's objects, the driver's
 * state, the deferred work, and the port's state port_state. Never 0. */
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
            v[5] = (uint32_t)model_lower_answer();
            v[6] = v[7] = 0;
            v[8] = 0xFFFFFFFFu;
        }
        for (k = 0; k < sizeof v; k++) {
            h ^= ((const uint8_t *)v)[k];
            h *= 0x100000001B3ull;
        }
    }
    return h ? h : 1;
}

/* Adds state hash h to the states reached. Returns 1 when it is new, 0
 * when it was reached before, -1 when the table is full. */
static int remember(struct xsearch *s, uint64_t h)
{
    uint64_t mask = (1ull << STATE_BITS) - 1, i = h & mask;

    if (s->nstates >= mask / 2)
        return -1;
    while (s->states[i] != 0) {
        if (s->states[i] == h)
            return 0;
        i = (i + 1) & mask;
    }
    s->states[i] = h;
    s->nstates++;
    return 1;
}

/* Fills ev[] with the events the search may play in the state the last
 * run ended in (the port's being port_state). Returns how many. */
static uint32_t next_events(const struct xsearch *s, const struct xeng *e, struct op *ev,
                            uint32_t max, uint32_t port_state)
{
    struct model_object_info info;
    uint32_t n = 0, id, count = model_object_count(), timers = 0, items = 0, a;
    uint32_t requests = 0, dpcs = 0;

    for (id = 1; id <= count; id++) {
        if (model_object_info(id, &info) < 0)
            continue;
        timers += info.type == TYPE_TIMER;
        items += info.type == TYPE_WORKITEM;
        /* Only what the event may act on: a request pending (at the lower
         * device, or queued in a stopped target, where completing it does
         * nothing and the state hash merges the run), a DPC queued; TYPE#N
         * counts every object of the type. */
        if (info.type == TYPE_REQUEST && requests < PROG_MAX_ENVREF) {
            if (info.pending && (s->events & EVENT_COMPLETE)) {
                op_init(&ev[n], OP_COMPLETE);
                ev[n++].target = (uint16_t)requests;
            }
            requests++;
        }
        if (info.type == TYPE_DPC && dpcs < PROG_MAX_ENVREF) {
            if (info.pending && (s->events & EVENT_DPC)) {
                op_init(&ev[n], OP_RUN_DPC);
                ev[n++].target = (uint16_t)dpcs;
            }
            dpcs++;
        }
    }
    if ((s->events & EVENT_ARRIVAL) && PORT_STATE_ARRIVED(port_state) < PROG_MAX_ADAPTERS)
        op_init(&ev[n++], OP_DEVICE_ARRIVAL);
    for (a = 0; a < PROG_MAX_ADAPTERS && (s->events & EVENT_REMOVAL); a++)
        if (PORT_STATE_PRESENT(port_state) & (1u << a)) {
            op_init(&ev[n], OP_DEVICE_REMOVAL);
            ev[n].opts = OPT_ADAPTER;
            ev[n++].num = a;
        }
    for (a = 0; a < timers && a < PROG_MAX_ENVREF && (s->events & EVENT_FIRE); a++) {
        op_init(&ev[n], OP_FIRE);
        ev[n++].target = (uint16_t)a;
    }
    for (a = 0; a < items && a < PROG_MAX_ENVREF && (s->events & EVENT_RUN); a++) {
        op_init(&ev[n], OP_RUN);
        ev[n++].target = (uint16_t)a;
    }
    if (s->events & EVENT_DEFERRED)
        op_init(&ev[n++], OP_RUN_DEFERRED);
    if (s->events & EVENT_UNLOAD)
        op_init(&ev[n++], OP_PORT_UNLOAD);
    if ((s->events & EVENT_LOWER) && model_lower_answer() != LOWER_NO_ANSWER) {
        op_init(&ev[n], OP_LOWER_DEVICE);
        ev[n].opts = OPT_STATUS;
        ev[n++].level = LOWER_NO_ANSWER;
    }
    if ((s->events & EVENT_PORT) && e->t->port_events)
        n += e->t->port_events(&ev[n], max - n);
    return n;
}

/* Makes *dst the setup of driver program p, where the search starts: its
 * leading load, device-arrival, fail-alloc, inject, irql and lower-device
 * ops. */
static void setup(struct program *dst, const struct program *p)
{
    uint32_t i;

    *dst = *p;
    for (i = 0; i < p->nops; i++) {
        enum op_code c = (enum op_code)p->ops[i].code;

        if (c != OP_LOAD && c != OP_DEVICE_ARRIVAL && c != OP_FAIL_ALLOC && c != OP_INJECT &&
            c != OP_IRQL && c != OP_LOWER_DEVICE)
            break;
    }
    dst->nops = i;
}

/* Runs p (which holds `depth` events after the setup), then, unless its
 * end state was reached before, every event the state allows after it,
 * depth first. */
static void search(struct xsearch *s, struct xeng *e, const struct program *p, uint32_t depth)
{
    static struct program level[XSEARCH_MAX_DEPTH + 1];
    struct op ev[4 * PROG_MAX_ENVREF + 8 * PROG_MAX_ADAPTERS + 4];
    uint32_t n, i, ps;
    char how[48];
    int fresh;

    if (s->runs >= s->budget) {
        s->cut = 1;
        return;
    }
    snprintf(how, sizeof how, "depth %u", depth);
    xeng_run(e, p, 0, SWEEP_SEARCH, how, &ps);
    s->runs++;
    fresh = remember(s, state_hash(ps));
    if (fresh < 0)
        s->cut = 1;
    if (fresh <= 0) {
        s->merged += fresh == 0;
        return;
    }
    if (depth >= s->depth || model_halted() || p->nops >= PROG_MAX_OPS)
        return;
    n = next_events(s, e, ev, sizeof ev / sizeof ev[0], ps);
    for (i = 0; i < n; i++) {
        level[depth] = *p;
        prog_insert(&level[depth], p->nops, &ev[i], 1);
        search(s, e, &level[depth], depth + 1);
    }
}

/* Searches from scenario p's setup (explore_search.h). */
void xsearch_scenario(struct xsearch *s, struct xeng *e, const struct program *p)
{
    static struct program start;

    setup(&start, p);
    search(s, e, &start, 0);
}
