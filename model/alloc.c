/*
 * alloc.c - the fault-injecting allocator and the poisoning arena.
 *
 * Fault plans follow the KMDF verifier and SQLite's test_malloc.c: one struct
 * holds all injector state, one predicate (uf__alloc_try) is asked at every site,
 * and model_fault_hit() runs on every injected fault so a debugger can stop
 * there. FAULT_AFTER is VerifierAllocateFailCount (N of the framework's
 * allocations succeed, then all of them fail; the kernel's are outside its
 * count [C19]); FAULT_NTH fails one allocation of any kind (a transient
 * fault); FAULT_SITE fails a site persistently; FAULT_PERCENT is Driver
 * Verifier's randomized low-resources simulation, made repeatable by a
 * seeded generator.
 *
 * The arena is a chain of chunks kept across executions: a reset rewinds it,
 * so a warm process allocates nothing per execution. Under ASan each block
 * sits between poisoned red zones, and a freed block stays poisoned until the
 * reset unpoisons what the execution used.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define UF_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UF_ASAN 1
#endif
#endif

#ifdef UF_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#elif defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
/* Under valgrind, the same poisoning through memcheck's client requests
 * (no-ops when not running under valgrind). */
#include <valgrind/memcheck.h>
#define POISON(p, n)   ((void)VALGRIND_MAKE_MEM_NOACCESS((p), (n)))
#define UNPOISON(p, n) ((void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n)))
#endif
#endif
#ifndef POISON
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define REDZONE 16u            /* bytes poisoned before and after each block */
#define CHUNK_MIN (64u * 1024) /* smallest chunk the arena asks the host for */
#define FREED_BYTE 0xDF        /* pattern a freed block is filled with */
#define ARENA_KEEP (64u << 20) /* arena bytes a reset keeps for the next run */

struct chunk {
    struct chunk *next; /* next chunk in the chain */
    size_t size;        /* usable bytes in data[] */
    size_t used;        /* bytes handed out in this execution */
    _Alignas(16) unsigned char data[];
};

static struct {
    struct model_fault_plan plan; /* what to fail */
    uint32_t count;               /* allocations since arm */
    uint32_t fx_count;            /* the framework's among them (after='s count) */
    uint32_t injected;            /* faults since arm */
    uint64_t rng;                 /* FAULT_PERCENT state (xorshift64*) */
    struct chunk *chunks;         /* arena chain, first is the oldest */
    struct chunk *cur;            /* chunk blocks come from now */
    size_t total;                 /* bytes in the chain's chunks */
} A;

/* The fault hook: every injected fault passes here. Kept out of line so a
 * breakpoint on it stops at each one. */
__attribute__((noinline)) void model_fault_hit(enum model_site site)
{
    __asm__ volatile("" ::: "memory");
    (void)site;
}

/* Next value of the seeded generator (xorshift64*): no rand(), no clock. */
static uint64_t rng_next(void)
{
    uint64_t x = A.rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    A.rng = x;
    return x * 0x2545F4914F6CDD1DULL;
}

void model_fault_arm(const struct model_fault_plan *plan)
{
    A.plan = *plan;
    A.count = 0;
    A.fx_count = 0;
    A.injected = 0;
    A.rng = plan->seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
    if (A.rng == 0)
        A.rng = 1;
}

uint32_t model_alloc_count(void) { return A.count; }
uint32_t model_faults_injected(void) { return A.injected; }

int uf__alloc_try(enum model_site site)
{
    int fail = 0, fx = model_site_kind(site) != SITE_KIND_KERNEL;

    A.count++;
    A.fx_count += (uint32_t)fx;
    switch (A.plan.mode) {
    case FAULT_OFF:
        break;
    case FAULT_NTH:
        fail = A.count == A.plan.n;
        break;
    case FAULT_AFTER:
        fail = fx && A.fx_count > A.plan.n;
        break;
    case FAULT_SITE:
        fail = site == A.plan.site;
        break;
    case FAULT_PERCENT:
        fail = rng_next() % 100 < A.plan.percent;
        break;
    }
    if (!fail)
        return 1;
    A.injected++;
    model_fault_hit(site);
    uf__ev_fault(site);
    return 0;
}

void uf__alloc_verifier_lock(void)
{
    (void)uf__alloc_try(SITE_VERIFIER_LOCK);
}

/* Adds a chunk able to hold `need` bytes after the current one (or reuses
 * the next kept chunk if it is big enough). Aborts when the host is out of
 * memory: that is no driver's fault and no result can be trusted after it. */
static void chunk_advance(size_t need)
{
    struct chunk *c = A.cur ? A.cur->next : A.chunks;
    struct chunk **link = A.cur ? &A.cur->next : &A.chunks;

    while (c && c->size < need) {
        link = &c->next;
        c = c->next;
    }
    if (!c) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        c = malloc(sizeof(*c) + size);
        if (!c) {
            fprintf(stderr, "unloadfuzz: host out of memory (%zu bytes)\n", size);
            abort();
        }
        c->next = NULL;
        c->size = size;
        c->used = 0;
        POISON(c->data, size);
        *link = c;
        A.total += size;
    }
    A.cur = c;
}

void *uf__alloc_block(size_t size)
{
    size_t span = REDZONE + ((size + 15u) & ~(size_t)15u) + REDZONE;
    unsigned char *p;

    if (!A.cur || A.cur->size - A.cur->used < span)
        chunk_advance(span);
    p = A.cur->data + A.cur->used + REDZONE;
    A.cur->used += span;
    UNPOISON(p, size);
    memset(p, 0, size);
    return p;
}

void uf__alloc_block_free(void *p, size_t size)
{
    if (!p)
        return;
    memset(p, FREED_BYTE, size);
    POISON(p, size);
}

/* Frees every chunk (they were all rewound). */
static void chunks_free(void)
{
    struct chunk *c = A.chunks, *next;

    for (; c; c = next) {
        next = c->next;
        UNPOISON(c->data, c->size);
        free(c);
    }
    A.chunks = A.cur = NULL;
    A.total = 0;
}

void uf__alloc_reset(void)
{
    struct chunk *c;

    /* a reset walks only the chunks this run used: a big arena (up to
     * ARENA_KEEP, after one run that allocated much) costs no later run */
    if (A.total > ARENA_KEEP)
        chunks_free();
    for (c = A.chunks; c; c = c->next) {
        if (c->used)
            POISON(c->data, c->used);
        c->used = 0;
        if (c == A.cur)
            break;
    }
    A.cur = NULL;
    memset(&A.plan, 0, sizeof(A.plan));
    A.count = 0;
    A.fx_count = 0;
    A.injected = 0;
}

/* Gives the arena back to the host at exit, so leak checkers see none. */
__attribute__((destructor)) static void alloc_release(void)
{
    chunks_free();
}

int model_port_allocate(enum model_site site)
{
    return uf__alloc_try(site);
}
