/*
 * lookaside.c - WDFLOOKASIDE (WdfLookasideListCreate and
 * WdfMemoryCreateFromLookaside, wdfmemory.h).
 *
 * A lookaside list is a framework object around a kernel lookaside list
 * [L1]. Each buffer it hands out is a WDFMEMORY whose parent is the parent
 * the list's MemoryAttributes named, else the driver, never the list; the
 * buffer holds a reference on the list from its creation until it is
 * destroyed, so deleting the list while buffers live is safe: the list is
 * disposed at once and freed after its last buffer [L2]. A buffer's memory
 * comes from the kernel's lookaside lists, outside the verifier's count
 * [L3]. A paged list, and each of its buffers, disposes at PASSIVE_LEVEL.
 *
 * The model keeps no cache: every buffer is a fresh allocation at its
 * sites, where a real list may serve one from the blocks earlier buffers
 * gave back (so on a machine a failure there needs an empty cache).
 *
 * Sources: shared/core/fxlookasidelistapi.cpp, fxlookasidelist.cpp,
 * km/fxnpagedlookasidelistkm.cpp, fxpagedlookasidelist.cpp,
 * fxmemorybufferfromlookaside.cpp.
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

#define LOOKASIDE_PAGE_SIZE 4096u /* PAGE_SIZE: the object and buffer part from here */

/* Paged pool types have the low bit set (PagedPool, PagedPoolCacheAligned). */
static int is_paged(POOL_TYPE p) { return ((unsigned)p & 1u) != 0; }

NTSTATUS WdfLookasideListCreate(PWDF_OBJECT_ATTRIBUTES LookasideAttributes, size_t BufferSize,
                                POOL_TYPE PoolType, PWDF_OBJECT_ATTRIBUTES MemoryAttributes,
                                ULONG PoolTag, WDFLOOKASIDE *Lookaside)
{
    struct ddi_frame f;
    struct obj *parent, *mparent, *l;
    NTSTATUS st;

    (void)PoolTag; /* 0: the driver's tag */
    if (!uf__ddi_enter(&f, DDI_WdfLookasideListCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    /* The one IRQL check in the source: PASSIVE_LEVEL for a paged list,
     * stricter than the documented APC_LEVEL [L1]. The source makes it
     * after the parameter checks; the model makes it first, as for every
     * DDI with a limit, so a refused call always says why. */
    if (is_paged(PoolType) && !uf__irql_check(PASSIVE_LEVEL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Lookaside) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Lookaside is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Lookaside = NULL;
    if (BufferSize == 0)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    /* The model's pool has no block that large (model.h): refused here, as
     * WdfMemoryCreate refuses one, so that no buffer fails later without a
     * fault. */
    if (BufferSize > ALLOC_MAX_BLOCK)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    /* Both attribute sets, the list's then the buffers' [L1]. */
    st = uf__obj_resolve_parent(LookasideAttributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    st = uf__obj_resolve_parent(MemoryAttributes, PARENT_OPTIONAL, 0, &mparent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    if (is_paged(PoolType)) {
        struct obj *ldev, *mdev;

        /* Two devices among the two parents' ancestors must be one. */
        ldev = LookasideAttributes && LookasideAttributes->ParentObject
                   ? uf__obj_device_ancestor(parent) : NULL;
        mdev = MemoryAttributes && MemoryAttributes->ParentObject
                   ? uf__obj_device_ancestor(mparent) : NULL;
        if (ldev && mdev && ldev != mdev)
            return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    l = uf__obj_new(TYPE_LOOKASIDE, SITE_LOOKASIDE_OBJECT);
    if (!l)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__obj_apply_attributes(l, LookasideAttributes);
    if (is_paged(PoolType))
        l->passive_dispose = 1; /* MarkPassiveCallbacks */
    l->u.lookaside.paged = (uint8_t)is_paged(PoolType);
    l->u.lookaside.size = BufferSize;
    if (MemoryAttributes) {
        /* m_MemoryAttributes: a copy, applied to every buffer at its commit. */
        l->u.lookaside.memattr = uf__alloc_block(sizeof(*MemoryAttributes));
        *l->u.lookaside.memattr = *MemoryAttributes;
    }
    uf__obj_commit(l, parent);
    *Lookaside = (WDFLOOKASIDE)obj_handle(l);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

NTSTATUS WdfMemoryCreateFromLookaside(WDFLOOKASIDE Lookaside, WDFMEMORY *Memory)
{
    struct ddi_frame f;
    struct obj *l, *m, *parent;
    NTSTATUS st;
    size_t size;

    if (!uf__ddi_enter(&f, DDI_WdfMemoryCreateFromLookaside, Lookaside))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    l = uf__obj_lookup(Lookaside, TYPE_LOOKASIDE);
    if (!l)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!Memory) {
        uf__violation(RULE_NULL_PARAMETER, l, "Memory is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Memory = NULL;
    /* The documented limit for a paged list (the source checks none) [L3]. */
    if (l->u.lookaside.paged && !uf__irql_check(APC_LEVEL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    size = l->u.lookaside.size;
    /* Allocate: the object block (holding the buffer too for a small
     * non-paged list), then the buffer apart for the others. */
    m = uf__obj_new(TYPE_MEMORY, SITE_LOOKASIDE_MEMORY_OBJECT);
    if (!m)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    if ((l->u.lookaside.paged || size >= LOOKASIDE_PAGE_SIZE) &&
        !uf__alloc_try(SITE_LOOKASIDE_MEMORY_BUFFER)) {
        uf__obj_abort(m);
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    /* Commit with the list's MemoryAttributes: their parent, else the
     * driver, which must still be alive [L2]. */
    st = uf__obj_resolve_parent(l->u.lookaside.memattr, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st)) {
        uf__obj_abort(m);
        return uf__ddi_leave(&f, st);
    }
    uf__obj_apply_attributes(m, l->u.lookaside.memattr);
    if (l->u.lookaside.paged)
        m->passive_dispose = 1; /* MarkPassiveCallbacks on each buffer */
    m->u.memory.paged = l->u.lookaside.paged;
    m->u.memory.size = size;
    m->u.memory.buffer = uf__alloc_block(size);
    m->u.memory.lookaside = l->id;
    uf__obj_reference(l, uf__TAG_LOOKASIDE);
    uf__obj_commit(m, parent);
    *Memory = (WDFMEMORY)obj_handle(m);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}
