/*
 * ndis.c - what NDIS allocates for a miniport (uf/ndis.h): its memory
 * (NdisAllocateMemoryWithTagPriority, NdisFreeMemory), its
 * NET_BUFFER_LIST pools and its timer objects; and NDIS's events and
 * version, which need nothing of the port.
 *
 * ndis.sys makes these allocations on the miniport's behalf, so Driver
 * Verifier's pool tracking, which charges a block to the image that called
 * the pool, never charges them to the miniport; NDIS's own tracking does
 * [N9] [N10]. The model keeps them apart the same way: NDIS memory is a
 * block of the pool's table (pool.c) marked as NDIS's, counted at its own
 * fault site (ndis-memory) and reported under its own rule when the image
 * unloads; a pool and its NET_BUFFER_LISTs are records here, each list
 * real memory from the poisoning arena, so a list used after it was freed
 * reads poison under the sanitizers.
 *
 * The routines need no framework driver: an NDIS miniport calls them from
 * its handlers whatever the framework's state, at their documented IRQL
 * (ddi.def).
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"
#include "uf/ndis.h"

#define POOLS_MAX 32 /* NET_BUFFER_LIST pools a miniport holds at once */
#define NBLS_MAX 256 /* NET_BUFFER_LISTs the model hands out per execution */
#define TIMERS_MAX 32 /* timer objects a miniport holds at once */
#define NDIS_VERSION_PLAYED 0x00060055u /* NDIS 6.85 */

/* A NET_BUFFER_LIST as the pool hands it out: the list, its one buffer,
 * and the context area behind them. */
struct nbl_block {
    NET_BUFFER_LIST nbl;
    NET_BUFFER nb;
    NET_BUFFER_LIST_CONTEXT ctx;
};

struct nbl_pool {
    uint8_t live;        /* allocated and not freed */
    uint8_t reported;    /* reported by an image unload */
    uint8_t buffers;     /* fAllocateNetBuffer */
    ULONG tag;
    uint32_t outstanding; /* lists allocated from it and not freed */
    enum model_ddi ddi;  /* where it was allocated, for the leak report */
    const char *file;
    int line;
};

struct nbl_record {
    struct nbl_block *b;
    uint32_t pool;       /* index in ndis.pools */
    uint8_t freed;
};

/* A timer object: NDIS memory (so a timer never freed is NDIS memory
 * left at unload) holding what the miniport asked for. */
struct ndis_timer {
    NDIS_TIMER_CHARACTERISTICS chars; /* the miniport's, copied */
    uint8_t armed;                    /* set and not cancelled; the model never fires it */
};

static struct {
    struct nbl_pool pools[POOLS_MAX];
    uint32_t npools;
    struct nbl_record nbls[NBLS_MAX];
    uint32_t nnbls;
    struct ndis_timer *timers[TIMERS_MAX]; /* live timer objects; NULL when free */
} ndis;

void uf__ndis_reset(void)
{
    memset(&ndis, 0, sizeof ndis);
}

/* ---- memory [N9] ---- */

PVOID NdisAllocateMemoryWithTagPriority(NDIS_HANDLE NdisHandle, UINT Length, ULONG Tag,
                                        EX_POOL_PRIORITY Priority)
{
    struct ddi_frame f;
    void *p;

    (void)NdisHandle;
    (void)Priority;
    if (!uf__ddi_enter_kernel(&f, DDI_NdisAllocateMemoryWithTagPriority)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return NULL;
    }
    p = uf__pool_ndis_allocate(Length, Tag);
    uf__ddi_leave(&f, p ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES);
    return p;
}

NDIS_STATUS NdisAllocateMemoryWithTag(PVOID *VirtualAddress, UINT Length, ULONG Tag)
{
    struct ddi_frame f;
    void *p = NULL;

    if (uf__ddi_enter_kernel(&f, DDI_NdisAllocateMemoryWithTag))
        p = uf__pool_ndis_allocate(Length, Tag);
    if (VirtualAddress)
        *VirtualAddress = p;
    return uf__ddi_leave(&f, p ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE);
}

VOID NdisFreeMemory(PVOID VirtualAddress, UINT Length, UINT MemoryFlags)
{
    struct ddi_frame f;

    (void)Length;
    (void)MemoryFlags;
    if (uf__ddi_enter_kernel(&f, DDI_NdisFreeMemory))
        uf__pool_free_block(VirtualAddress, 0);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID NdisFreeMemoryWithTagPriority(NDIS_HANDLE NdisHandle, PVOID VirtualAddress, ULONG Tag)
{
    struct ddi_frame f;

    (void)NdisHandle;
    if (uf__ddi_enter_kernel(&f, DDI_NdisFreeMemoryWithTagPriority))
        uf__pool_free_block(VirtualAddress, Tag);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* ---- NET_BUFFER_LIST pools [N10] ---- */

/* A pool handle is its index plus one, cast: never an address the driver
 * could read through. */
static NDIS_HANDLE pool_handle(uint32_t i) { return (NDIS_HANDLE)(uintptr_t)(i + 1); }

static struct nbl_pool *pool_of(NDIS_HANDLE h, uint32_t *index)
{
    uintptr_t i = (uintptr_t)h;

    if (i == 0 || i > ndis.npools)
        return NULL;
    *index = (uint32_t)(i - 1);
    return &ndis.pools[i - 1];
}

NDIS_HANDLE NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle,
                                          PNET_BUFFER_LIST_POOL_PARAMETERS Parameters)
{
    struct ddi_frame f;
    struct nbl_pool *p;

    (void)NdisHandle;
    if (!uf__ddi_enter_kernel(&f, DDI_NdisAllocateNetBufferListPool)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return NULL;
    }
    /* A header NDIS does not know fails the call [N10]. */
    if (Parameters == NULL || Parameters->Header.Type != NDIS_OBJECT_TYPE_DEFAULT ||
        Parameters->Header.Revision < NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 ||
        Parameters->Header.Size < NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1) {
        uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
        return NULL;
    }
    if (!uf__alloc_try(SITE_NDIS_NBL_POOL) || ndis.npools == POOLS_MAX) {
        uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        return NULL;
    }
    p = &ndis.pools[ndis.npools++];
    memset(p, 0, sizeof *p);
    p->live = 1;
    p->buffers = Parameters->fAllocateNetBuffer != 0;
    p->tag = Parameters->PoolTag;
    p->ddi = uf__model.ddi;
    p->file = uf__model.site_file;
    p->line = uf__model.site_line;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return pool_handle(ndis.npools - 1);
}

VOID NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle)
{
    struct ddi_frame f;
    struct nbl_pool *p;
    uint32_t i;
    char detail[96];

    if (!uf__ddi_enter_kernel(&f, DDI_NdisFreeNetBufferListPool))
        goto out;
    p = pool_of(PoolHandle, &i);
    if (p == NULL || !p->live) {
        uf__violation(RULE_NDIS_NBL_FREE_INVALID, NULL,
                      p ? "the pool was already freed" : "PoolHandle is no pool NDIS allocated");
        goto out;
    }
    if (p->outstanding) {
        snprintf(detail, sizeof detail, "%u NET_BUFFER_LIST%s of the pool not freed",
                 p->outstanding, p->outstanding == 1 ? "" : "s");
        uf__violation(RULE_NDIS_NBL_POOL_FREED_IN_USE, NULL, detail);
        goto out;
    }
    p->live = 0;
out:
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* One list (and, with `buffer`, its NET_BUFFER describing DataLength bytes
 * of MdlChain from DataOffset) from pool h. */
static PNET_BUFFER_LIST nbl_allocate(enum model_ddi ddi, NDIS_HANDLE h, USHORT ContextSize,
                                     USHORT ContextBackFill, int buffer, PMDL MdlChain,
                                     ULONG DataOffset, SIZE_T DataLength)
{
    struct ddi_frame f;
    struct nbl_pool *p;
    struct nbl_record *r;
    struct nbl_block *b;
    size_t ctx = (size_t)ContextSize + ContextBackFill;
    uint32_t i;

    if (!uf__ddi_enter_kernel(&f, ddi)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return NULL;
    }
    p = pool_of(h, &i);
    if (p == NULL || !p->live) {
        uf__violation(RULE_NDIS_NBL_FREE_INVALID, NULL,
                      p ? "allocated from a pool already freed" : "PoolHandle is no pool NDIS allocated");
        uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
        return NULL;
    }
    if (!uf__alloc_try(SITE_NDIS_NBL) || ndis.nnbls == NBLS_MAX) {
        uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        return NULL;
    }
    b = uf__alloc_block(sizeof *b + ctx);
    memset(b, 0, sizeof *b + ctx);
    b->nbl.NdisPoolHandle = h;
    if (ctx) {
        b->ctx.Size = (USHORT)ctx;
        b->ctx.Offset = ContextBackFill;
        b->nbl.Context = &b->ctx;
    }
    if (buffer) {
        b->nb.MdlChain = MdlChain;
        b->nb.CurrentMdl = MdlChain;
        b->nb.DataOffset = DataOffset;
        b->nb.CurrentMdlOffset = DataOffset;
        b->nb.DataLength = (ULONG)DataLength;
        b->nb.NdisPoolHandle = h;
        b->nbl.FirstNetBuffer = &b->nb;
    }
    r = &ndis.nbls[ndis.nnbls++];
    r->b = b;
    r->pool = i;
    r->freed = 0;
    p->outstanding++;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return &b->nbl;
}

PNET_BUFFER_LIST NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize,
                                                        USHORT ContextBackFill, PMDL MdlChain,
                                                        ULONG DataOffset, SIZE_T DataLength)
{
    return nbl_allocate(DDI_NdisAllocateNetBufferAndNetBufferList, PoolHandle, ContextSize,
                        ContextBackFill, 1, MdlChain, DataOffset, DataLength);
}

PNET_BUFFER_LIST NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize,
                                           USHORT ContextBackFill)
{
    return nbl_allocate(DDI_NdisAllocateNetBufferList, PoolHandle, ContextSize, ContextBackFill, 0,
                        NULL, 0, 0);
}

VOID NdisFreeNetBufferList(PNET_BUFFER_LIST NetBufferList)
{
    struct ddi_frame f;
    uint32_t i;

    if (!uf__ddi_enter_kernel(&f, DDI_NdisFreeNetBufferList))
        goto out;
    /* Newest first; the arena never hands an address out twice in an
     * execution, so a freed list's record still names it. */
    for (i = ndis.nnbls; i-- > 0;)
        if (&ndis.nbls[i].b->nbl == NetBufferList)
            break;
    if (i == (uint32_t)-1) {
        uf__violation(RULE_NDIS_NBL_FREE_INVALID, NULL,
                      NetBufferList ? "NetBufferList was not allocated from a pool"
                                    : "NetBufferList is NULL");
        goto out;
    }
    if (ndis.nbls[i].freed) {
        uf__violation(RULE_NDIS_NBL_FREE_INVALID, NULL, "NetBufferList was already freed");
        goto out;
    }
    ndis.nbls[i].freed = 1;
    ndis.pools[ndis.nbls[i].pool].outstanding--;
    uf__alloc_block_free(ndis.nbls[i].b, sizeof *ndis.nbls[i].b + ndis.nbls[i].b->ctx.Size);
out:
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* ---- the version, events and timer objects ---- */

UINT NdisGetVersion(VOID)
{
    struct ddi_frame f;

    uf__ddi_enter_kernel(&f, DDI_NdisGetVersion);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return NDIS_VERSION_PLAYED;
}

VOID NdisInitializeEvent(PNDIS_EVENT Event)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_NdisInitializeEvent) && Event) {
        memset(Event, 0, sizeof *Event);
        Event->Event.Header.Type = NotificationEvent;
        Event->Event.Header.Size = (UCHAR)(sizeof(KEVENT) / sizeof(LONG));
        InitializeListHead(&Event->Event.Header.WaitListHead);
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID NdisSetEvent(PNDIS_EVENT Event)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_NdisSetEvent) && Event)
        Event->Event.Header.SignalState = 1;
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID NdisResetEvent(PNDIS_EVENT Event)
{
    struct ddi_frame f;

    if (uf__ddi_enter_kernel(&f, DDI_NdisResetEvent) && Event)
        Event->Event.Header.SignalState = 0;
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* TRUE when the event is signalled. Nothing else runs while the caller
 * waits, so an event not signalled stays so: a limited wait times out,
 * and an unlimited one is a wait the model cannot play (the real thread
 * waits for another to set the event), reported as such. */
BOOLEAN NdisWaitEvent(PNDIS_EVENT Event, UINT MsToWait)
{
    struct ddi_frame f;
    BOOLEAN set = FALSE;

    if (uf__ddi_enter_kernel(&f, DDI_NdisWaitEvent) && Event) {
        set = Event->Event.Header.SignalState != 0;
        if (!set && MsToWait == 0)
            model_not_modelled("NdisWaitEvent with no time limit on an event nothing will set");
    }
    uf__ddi_leave(&f, set ? STATUS_SUCCESS : STATUS_TIMEOUT);
    return set;
}

/* The live timer object h is, or NULL (and its slot in *slot). */
static struct ndis_timer *timer_of(NDIS_HANDLE h, uint32_t *slot)
{
    uint32_t i;

    for (i = 0; h && i < TIMERS_MAX; i++) {
        if (ndis.timers[i] == h) {
            if (slot)
                *slot = i;
            return ndis.timers[i];
        }
    }
    return NULL;
}

/* Reports a timer routine given what is no live timer object. */
static void timer_invalid(const char *routine)
{
    char detail[128];

    snprintf(detail, sizeof detail, "%s: TimerObject is no timer object NDIS allocated, or one already freed",
             routine);
    uf__violation(RULE_NDIS_HANDLE_INVALID, NULL, detail);
}

NDIS_STATUS NdisAllocateTimerObject(NDIS_HANDLE NdisHandle, PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics,
                                    PNDIS_HANDLE pTimerObject)
{
    struct ddi_frame f;
    struct ndis_timer *t;
    uint32_t i;

    (void)NdisHandle;
    if (pTimerObject)
        *pTimerObject = NULL;
    if (!uf__ddi_enter_kernel(&f, DDI_NdisAllocateTimerObject))
        return uf__ddi_leave(&f, NDIS_STATUS_FAILURE);
    if (!TimerCharacteristics || !pTimerObject || !TimerCharacteristics->TimerFunction) {
        uf__violation(RULE_NULL_PARAMETER, NULL,
                      !TimerCharacteristics ? "TimerCharacteristics is NULL"
                      : !pTimerObject       ? "pTimerObject is NULL"
                                            : "TimerCharacteristics->TimerFunction is NULL");
        return uf__ddi_leave(&f, NDIS_STATUS_INVALID_PARAMETER);
    }
    for (i = 0; i < TIMERS_MAX && ndis.timers[i]; i++)
        ;
    if (i == TIMERS_MAX)
        return uf__ddi_leave(&f, NDIS_STATUS_RESOURCES);
    t = uf__pool_ndis_allocate(sizeof *t, TimerCharacteristics->AllocationTag);
    if (!t)
        return uf__ddi_leave(&f, NDIS_STATUS_RESOURCES);
    memset(t, 0, sizeof *t);
    t->chars = *TimerCharacteristics;
    ndis.timers[i] = t;
    *pTimerObject = t;
    return uf__ddi_leave(&f, NDIS_STATUS_SUCCESS);
}

BOOLEAN NdisSetTimerObject(NDIS_HANDLE TimerObject, LARGE_INTEGER DueTime, LONG MillisecondsPeriod,
                           PVOID FunctionContext)
{
    struct ddi_frame f;
    struct ndis_timer *t;
    BOOLEAN was = FALSE;

    (void)DueTime;
    (void)MillisecondsPeriod;
    if (uf__ddi_enter_kernel(&f, DDI_NdisSetTimerObject)) {
        t = timer_of(TimerObject, NULL);
        if (!t) {
            timer_invalid("NdisSetTimerObject");
        } else {
            was = t->armed;
            t->armed = 1;
            if (FunctionContext)
                t->chars.FunctionContext = FunctionContext;
        }
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return was;
}

BOOLEAN NdisCancelTimerObject(NDIS_HANDLE TimerObject)
{
    struct ddi_frame f;
    struct ndis_timer *t;
    BOOLEAN was = FALSE;

    if (uf__ddi_enter_kernel(&f, DDI_NdisCancelTimerObject)) {
        t = timer_of(TimerObject, NULL);
        if (!t) {
            timer_invalid("NdisCancelTimerObject");
        } else {
            was = t->armed;
            t->armed = 0;
        }
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return was;
}

VOID NdisFreeTimerObject(NDIS_HANDLE TimerObject)
{
    struct ddi_frame f;
    uint32_t slot;

    if (uf__ddi_enter_kernel(&f, DDI_NdisFreeTimerObject)) {
        if (!timer_of(TimerObject, &slot)) {
            timer_invalid("NdisFreeTimerObject");
        } else {
            ndis.timers[slot] = NULL;
            uf__pool_free_block(TimerObject, 0);
        }
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

uint32_t model_ndis_nbls_outstanding(void)
{
    uint32_t i, n = 0;

    for (i = 0; i < ndis.npools; i++)
        n += ndis.pools[i].outstanding;
    return n;
}

void uf__ndis_check_leaks(void)
{
    enum model_ddi ddi = uf__model.ddi;
    const char *file = uf__model.site_file;
    int line = uf__model.site_line;
    char detail[128];
    uint32_t i;

    for (i = 0; i < ndis.npools && !model_now.halted; i++) {
        struct nbl_pool *p = &ndis.pools[i];

        if (!p->live || p->reported)
            continue;
        p->reported = 1;
        uf__model.ddi = p->ddi;
        uf__model.site_file = p->file;
        uf__model.site_line = p->line;
        snprintf(detail, sizeof detail,
                 "pool tag 0x%08X not freed before the image unloaded, %u NET_BUFFER_LIST%s still allocated from it",
                 (unsigned)p->tag, p->outstanding, p->outstanding == 1 ? "" : "s");
        uf__violation(RULE_NDIS_NBL_POOL_LEAK_AT_UNLOAD, NULL, detail);
    }
    uf__model.ddi = ddi;
    uf__model.site_file = file;
    uf__model.site_line = line;
}
