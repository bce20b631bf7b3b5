/*
 * explore_search.h - the explorer's bounded search (explore_search.c):
 * from a scenario's setup, every sequence of up to D environment events,
 * depth first, with runs that end in a state already reached merged.
 *
 * Where it sits: the command (explore.c) hands it each scenario of a
 * driver target; it builds each sequence as a program (the setup with
 * events appended), runs it through the engine (explore_engine.h), hashes
 * the state the run ended in and remembers it in a table. Its counts go
 * into the summary (explore_output.h).
 */
#ifndef UNLOADFUZZ_EXPLORE_SEARCH_H
#define UNLOADFUZZ_EXPLORE_SEARCH_H

#include <stdint.h>

#include "explore_engine.h"

#define XSEARCH_MAX_DEPTH 12  /* the deepest --depth */
#define XSEARCH_NEVENTS 10    /* kinds of event the search may play */
#define XSEARCH_ALL_EVENTS ((1u << XSEARCH_NEVENTS) - 1)

/* The kinds of event, as --events names them: bit k of an events mask is
 * xsearch_event_names[k] ("arrival", "removal", "fire", "run", "deferred",
 * "unload", "complete", "dpc", "lower", "surprise"). */
extern const char *const xsearch_event_names[XSEARCH_NEVENTS];

/* The search's state and counts. Callers read the counts. */
struct xsearch {
    uint32_t events;   /* the kinds of event it may play, a mask as above */
    uint32_t depth;    /* events in a sequence at most */
    uint64_t budget;   /* runs it may make */
    uint64_t *states;  /* the end states reached, open addressing, 0 = empty (owned) */
    uint64_t nstates;  /* distinct states reached */
    uint64_t merged;   /* runs that ended in a state reached before */
    uint64_t runs;     /* runs made */
    int cut;           /* the budget or the state table ran out: not every state was reached */
};

/* Makes *s a search playing `events` up to `depth` events deep within
 * `budget` runs, its state table allocated. Returns 0, or -1 when out of
 * memory. Free with xsearch_free(). */
int xsearch_init(struct xsearch *s, uint32_t events, uint32_t depth, uint64_t budget);
/* Frees the state table (the counts stay). */
void xsearch_free(struct xsearch *s);

/* Searches from the setup of driver scenario p: its leading load,
 * device-arrival, fail-alloc, inject, irql and lower-device ops. Every sequence of the
 * events the state allows is run until the depth, the budget or a state
 * reached before stops it. */
void xsearch_scenario(struct xsearch *s, struct xeng *e, const struct program *p);

#endif /* UNLOADFUZZ_EXPLORE_SEARCH_H */
