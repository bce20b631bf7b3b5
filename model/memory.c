/*
 * memory.c - WDFMEMORY from pool, and over a buffer of the driver's
 * (wdfmemory.h).
 *
 * The buffer is handed to driver code as a raw pointer, so it comes from the
 * poisoning arena: touching it after the memory object is freed is caught by
 * ASan. With the verifier on, the model's configuration, pool tracking is on
 * and every buffer is a second pool allocation apart from the object
 * (FxMemoryObject::_Create picks FxMemoryBufferFromPool, whose buffer comes
 * from MxAllocatePoolWithTag, outside the verifier's count [C19]); paged
 * memory must be disposed at PASSIVE_LEVEL [X1].
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

/* Paged pool types have the low bit set (PagedPool, PagedPoolCacheAligned). */
static int is_paged(POOL_TYPE p) { return ((unsigned)p & 1u) != 0; }

NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType,
                         ULONG PoolTag, size_t BufferSize, WDFMEMORY *Memory, PVOID *Buffer)
{
    struct ddi_frame f;
    struct obj *parent, *m;
    NTSTATUS st;

    (void)PoolTag;
    if (!uf__ddi_enter(&f, DDI_WdfMemoryCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    /* Paged pool can be allocated at APC_LEVEL at most [I1]. */
    if (is_paged(PoolType) && !uf__irql_check(APC_LEVEL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Memory) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Memory is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Memory = NULL;
    if (Buffer)
        *Buffer = NULL;
    if (BufferSize == 0)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    st = uf__obj_resolve_parent(Attributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    m = uf__obj_new(TYPE_MEMORY, SITE_MEMORY_OBJECT);
    if (!m)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    /* With the verifier on (pool tracking) the buffer is always apart from
     * the object, a raw pool allocation of the kernel's [C19]. */
    if (!uf__alloc_try(SITE_MEMORY_BUFFER) || BufferSize > ALLOC_MAX_BLOCK) {
        uf__obj_abort(m);
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    uf__obj_apply_attributes(m, Attributes);
    if (is_paged(PoolType))
        m->passive_dispose = 1; /* its device (inherited at commit) defers it */
    m->u.memory.paged = (uint8_t)is_paged(PoolType);
    m->u.memory.size = BufferSize;
    m->u.memory.buffer = uf__alloc_block(BufferSize);
    uf__obj_commit(m, parent);
    *Memory = (WDFMEMORY)obj_handle(m);
    if (Buffer)
        *Buffer = m->u.memory.buffer;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

PVOID WdfMemoryGetBuffer(WDFMEMORY Memory, size_t *BufferSize)
{
    struct ddi_frame f;
    struct obj *m;

    if (BufferSize)
        *BufferSize = 0;
    if (!uf__ddi_enter(&f, DDI_WdfMemoryGetBuffer, Memory)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    m = uf__obj_lookup(Memory, TYPE_MEMORY);
    uf__ddi_leave(&f, m ? STATUS_SUCCESS : STATUS_INVALID_HANDLE);
    if (!m)
        return NULL;
    if (BufferSize)
        *BufferSize = m->u.memory.size;
    return m->u.memory.buffer;
}

/* FxMemoryBufferPreallocated: one object over the driver's buffer, which
 * the framework never frees [Q9]. */
NTSTATUS WdfMemoryCreatePreallocated(PWDF_OBJECT_ATTRIBUTES Attributes, PVOID Buffer,
                                     size_t BufferSize, WDFMEMORY *Memory)
{
    struct ddi_frame f;
    struct obj *parent, *m;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfMemoryCreatePreallocated, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Buffer || !Memory) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !Buffer ? "Buffer is NULL" : "Memory is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Memory = NULL;
    if (BufferSize == 0)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    st = uf__obj_resolve_parent(Attributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    m = uf__obj_new(TYPE_MEMORY, SITE_MEMORY_PREALLOCATED);
    if (!m)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__obj_apply_attributes(m, Attributes);
    m->u.memory.preallocated = 1;
    m->u.memory.size = BufferSize;
    m->u.memory.buffer = Buffer;
    uf__obj_commit(m, parent);
    *Memory = (WDFMEMORY)obj_handle(m);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}
