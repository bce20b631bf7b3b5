/*
 * pool.c - the driver's own pool allocations (wdm.h: ExAllocatePool2,
 * ExAllocatePoolWithTag, ExFreePoolWithTag, ExFreePool), tracked the way
 * Driver Verifier's pool tracking does.
 *
 * A driver keeps its own structures in pool memory next to its framework
 * objects, and its unload path must free them. These are kernel routines,
 * not framework DDIs: they need no framework driver [P1], only the IRQL
 * limits of the pool [P4]. Each allocation is counted at the fault site
 * pool-allocate, so every fault plan reaches it, and comes from the
 * poisoning arena: it is real memory the driver can use, zeroed or filled
 * with a fixed pattern when the routine leaves it uninitialized [P2] [P3],
 * and poisoned when freed, never reused before the reset.
 *
 * Every block is recorded in allocation order (its tag, size, pool, the
 * routine and the driver line that allocated it); a search of the records,
 * newest first, finds the block a free names (block_find() says why not a
 * hash of the address). Because the arena never hands out an address twice
 * in an execution, the record of a freed block stays valid: a second free is
 * told apart from a free of an address no allocation returned [P6]. When the
 * driver's image unloads, the blocks still outstanding are the leaks Driver
 * Verifier would report [P8], listed in allocation order, so the report is
 * deterministic. The records live on the host heap, kept across resets.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"

#define UNINIT_BYTE 0xA5 /* what uninitialized pool reads as [P3] */
/* Required flags the allocator knows: POOL_FLAG_USE_QUOTA..RESERVED3 [P2]. */
#define KNOWN_REQUIRED ((POOL_FLAG_LAST_KNOWN_REQUIRED << 1) - 1)
#define REQUIRED_MASK ((POOL_FLAG_REQUIRED_END << 1) - 1)
#define TYPE_FLAGS (POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED)
#define BLOCKS_MIN 32u /* smallest table of blocks */

struct block {
    void *p;             /* the address handed to the driver */
    size_t size;         /* NumberOfBytes as given */
    ULONG tag;           /* Tag as given */
    uint8_t paged;       /* paged pool: freed at APC_LEVEL at most [P4] */
    uint8_t freed;       /* freed: poisoned, and a second free is caught */
    uint8_t reported;    /* reported by an image unload [C12] */
    uint8_t ndis;        /* NDIS memory (model/ndis.c): its own leak rule [N9] */
    enum model_ddi ddi;  /* the routine that allocated it */
    const char *file;    /* its driver call site */
    int line;
};

static struct {
    struct block *blocks; /* every block since the reset, in allocation order */
    uint32_t n;           /* blocks in use */
    uint32_t cap;         /* blocks allocated */
    uint32_t outstanding; /* blocks not yet freed */
} pool;

/* Resizes a host table, aborting when the host is out of memory: that is no
 * driver's fault and no result could be trusted after it. */
static void *host_realloc(void *p, size_t size)
{
    void *q = realloc(p, size);

    if (!q) {
        fprintf(stderr, "unloadfuzz: host out of memory (%zu bytes)\n", size);
        abort();
    }
    return q;
}

/* The block whose address is `p`, freed or not, or NULL when no allocation
 * of this execution returned `p`. A search from the newest block down, not
 * a hash of the address: the addresses change from run to run (ASLR), and
 * a lookup whose branches follow them would make coverage, and with it a
 * fuzzing run, differ between two runs of the same input. Freed blocks keep
 * their address to themselves (the arena never hands it out again before
 * the reset), so the first match is the block. */
static struct block *block_find(const void *p)
{
    uint32_t i;

    for (i = pool.n; i-- > 0;)
        if (pool.blocks[i].p == p)
            return &pool.blocks[i];
    return NULL;
}

/* Records a new block at `p`. Returns it. */
static struct block *block_add(void *p, size_t size, ULONG tag, int paged)
{
    struct block *b;

    if (pool.n == pool.cap) {
        pool.cap = pool.cap ? pool.cap * 2 : BLOCKS_MIN;
        pool.blocks = host_realloc(pool.blocks, pool.cap * sizeof(*pool.blocks));
    }
    b = &pool.blocks[pool.n++];
    memset(b, 0, sizeof(*b));
    b->p = p;
    b->size = size;
    b->tag = tag;
    b->paged = (uint8_t)paged;
    b->ddi = uf__model.ddi;
    b->file = uf__model.site_file;
    b->line = uf__model.site_line;
    pool.outstanding++;
    return b;
}

/* Writes `tag` as its four characters in memory order, the way pool dumps
 * show it ('Fred' shows as "derF"), when all are printable; else in hex. */
static const char *tag_text(ULONG tag, char *buf, size_t n)
{
    char c[4];
    int i;

    for (i = 0; i < 4; i++) {
        c[i] = (char)((tag >> (8 * i)) & 0xFF);
        if (c[i] < 0x20 || c[i] > 0x7E) {
            snprintf(buf, n, "0x%08X", (unsigned)tag);
            return buf;
        }
    }
    snprintf(buf, n, "'%c%c%c%c'", c[0], c[1], c[2], c[3]);
    return buf;
}

/* What both allocation routines share once their arguments passed: a count
 * at the fault site, then a block from the arena, zeroed or filled with the
 * uninitialized pattern, and its record. A zero-byte request is reported and
 * served [P5]. Returns the block, or NULL when the allocation failed (an
 * injected fault, or more than the model's pool hands out at once). */
static void *pool_allocate(SIZE_T size, ULONG tag, int paged, int zero)
{
    void *p;

    if (size == 0)
        uf__violation(RULE_POOL_ZERO_SIZE, NULL, "asked for zero bytes");
    if (!uf__alloc_try(SITE_POOL_ALLOCATE) || size > ALLOC_MAX_BLOCK)
        return NULL;
    p = uf__alloc_block(size);
    if (!zero)
        memset(p, UNINIT_BYTE, size);
    block_add(p, size, tag, paged);
    return p;
}

void *uf__pool_ndis_allocate(size_t size, ULONG tag)
{
    void *p;

    if (!uf__alloc_try(SITE_NDIS_MEMORY) || size == 0 || size > ALLOC_MAX_BLOCK)
        return NULL;
    p = uf__alloc_block(size);
    memset(p, UNINIT_BYTE, size); /* NDIS does not zero it either */
    block_add(p, size, tag, 0)->ndis = 1;
    return p;
}

/* ExAllocatePool2's flags are valid when no required flag is unknown [P2]
 * and exactly one pool type is named [C13]. */
static int flags_valid(POOL_FLAGS flags)
{
    POOL_FLAGS type = flags & TYPE_FLAGS;

    return !(flags & REQUIRED_MASK & ~KNOWN_REQUIRED) && type && !(type & (type - 1));
}

/* Ends an ExAllocatePool2 that returns no memory with `status`. With
 * POOL_FLAG_RAISE_ON_FAILURE the routine raises instead of returning NULL,
 * and driver code built here has no handler for it [C11]. Returns NULL. */
static PVOID pool2_fail(struct ddi_frame *f, POOL_FLAGS flags, NTSTATUS status)
{
    if (flags & POOL_FLAG_RAISE_ON_FAILURE)
        uf__violation(RULE_POOL_RAISE_UNHANDLED, NULL,
                  "the allocation failed and raised an exception nothing handles");
    uf__ddi_leave(f, status);
    return NULL;
}

PVOID ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    struct ddi_frame f;
    int paged = (Flags & POOL_FLAG_PAGED) != 0;
    void *p;

    if (!uf__ddi_enter_kernel(&f, DDI_ExAllocatePool2)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return NULL;
    }
    /* A zero tag or invalid flags: NULL, and no allocation is made [P2]. */
    if (Tag == 0 || !flags_valid(Flags))
        return pool2_fail(&f, Flags, STATUS_INVALID_PARAMETER);
    /* Paged pool at APC_LEVEL at most [P4]. */
    if (paged && !uf__irql_check(APC_LEVEL)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return NULL;
    }
    p = pool_allocate(NumberOfBytes, Tag, paged, !(Flags & POOL_FLAG_UNINITIALIZED));
    if (!p)
        return pool2_fail(&f, Flags, STATUS_INSUFFICIENT_RESOURCES);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return p;
}

/* Paged pool types have the low bit set (PagedPool, PagedPoolCacheAligned). */
static int type_paged(POOL_TYPE t) { return ((unsigned)t & 1u) != 0; }

PVOID ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    struct ddi_frame f;
    void *p;

    if (!uf__ddi_enter_kernel(&f, DDI_ExAllocatePoolWithTag) ||
        (type_paged(PoolType) && !uf__irql_check(APC_LEVEL))) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return NULL;
    }
    p = pool_allocate(NumberOfBytes, Tag, type_paged(PoolType), 0);
    uf__ddi_leave(&f, p ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES);
    return p;
}

/* What both free routines do: the block must be outstanding [P6], freed at
 * its pool's IRQL [P4], under its own tag unless `tag` is 0 [P7]. Only then
 * is it poisoned and counted freed. */
static void pool_free(enum model_ddi ddi, void *p, ULONG tag)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, ddi))
        uf__pool_free_block(p, tag);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

void uf__pool_free_block(void *p, ULONG tag)
{
    struct block *b;
    char detail[96], t1[16], t2[16];

    b = block_find(p);
    if (!b) {
        uf__violation(RULE_POOL_FREE_INVALID, NULL,
                  p ? "P was not returned by a pool allocation" : "P is NULL");
        return;
    }
    if (b->freed) {
        snprintf(detail, sizeof(detail), "tag %s, %zu bytes, already freed",
                 tag_text(b->tag, t1, sizeof(t1)), b->size);
        uf__violation(RULE_POOL_DOUBLE_FREE, NULL, detail);
        return;
    }
    if (b->paged && !uf__irql_check(APC_LEVEL))
        return;
    if (tag && tag != b->tag) {
        snprintf(detail, sizeof(detail), "freed with tag %s, allocated with tag %s",
                 tag_text(tag, t1, sizeof(t1)), tag_text(b->tag, t2, sizeof(t2)));
        uf__violation(RULE_POOL_FREE_WRONG_TAG, NULL, detail);
        return;
    }
    b->freed = 1;
    pool.outstanding--;
    uf__alloc_block_free(b->p, b->size);
}

VOID ExFreePoolWithTag(PVOID P, ULONG Tag) { pool_free(DDI_ExFreePoolWithTag, P, Tag); }

/* ExFreePoolWithTag(P, 0): no tag check [P7]. */
VOID ExFreePool(PVOID P) { pool_free(DDI_ExFreePool, P, 0); }

void uf__pool_check_leaks(void)
{
    enum model_ddi ddi = uf__model.ddi;
    const char *file = uf__model.site_file;
    int line = uf__model.site_line;
    char detail[96], t[16];
    uint32_t i;

    for (i = 0; i < pool.n && !model_now.halted; i++) {
        struct block *b = &pool.blocks[i];

        if (b->freed || b->reported)
            continue;
        b->reported = 1;
        /* The violation names the line that allocated the block [C12]. */
        uf__model.ddi = b->ddi;
        uf__model.site_file = b->file;
        uf__model.site_line = b->line;
        snprintf(detail, sizeof(detail), "tag %s, %zu bytes, not freed before the image unloaded",
                 tag_text(b->tag, t, sizeof(t)), b->size);
        uf__violation(b->ndis ? RULE_NDIS_MEMORY_LEAK_AT_UNLOAD : RULE_POOL_LEAK_AT_UNLOAD, NULL,
                      detail);
    }
    uf__model.ddi = ddi;
    uf__model.site_file = file;
    uf__model.site_line = line;
}

uint32_t model_pool_outstanding(void) { return pool.outstanding; }

int model_pool_info(uint32_t n, struct model_pool_info *out)
{
    const struct block *b;

    if (n == 0 || n > pool.n)
        return -1;
    b = &pool.blocks[n - 1];
    out->tag = b->tag;
    out->size = b->size;
    out->paged = b->paged;
    out->freed = b->freed;
    out->ddi = b->ddi;
    return 0;
}

void uf__pool_reset(void)
{
    pool.n = 0;
    pool.outstanding = 0;
}

/* Gives the tables back to the host at exit, so leak checkers see none. */
__attribute__((destructor)) static void pool_release(void)
{
    free(pool.blocks);
    memset(&pool, 0, sizeof(pool));
}
