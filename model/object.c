/*
 * object.c - the object tree: handles, references and tags, the two-phase
 * delete, dispose lists. The heart of the model.
 *
 * This follows KMDF's FxObject state machine (object/fxobjectstatemachine.cpp
 * in the public source), condensed to the states a single-threaded model can
 * observe; docs/WDF-SEMANTICS.md gives the facts by id. In short:
 *
 *  delete  - WdfObjectDelete detaches the object from a live parent and
 *            starts phase 1. A parent already being deleted keeps the child:
 *            its own walk will dispose it.
 *  phase 1 - dispose: children first, in insertion order, each whole subtree
 *            before the next sibling; then the type's dispose work (a timer
 *            stops, a work item flushes); then EvtCleanupCallback, once [D1].
 *            Above PASSIVE_LEVEL an object that must dispose at PASSIVE (or
 *            whose direct child must) is queued on a dispose list instead;
 *            a deeper passive child stops the walk part-way, and the object
 *            the delete started on is queued, its disposed children staying
 *            disposed [X2].
 *  phase 2 - each object releases its children's creation references, then
 *            its own; EvtDestroyCallback runs when the count reaches zero
 *            [D2], deferred to the driver's dispose list when that happens
 *            above PASSIVE_LEVEL for a passive object [X3].
 *
 * Handles: an object's handle encodes a magic, the reset epoch and its id.
 * It is never a valid pointer (a driver that dereferences one faults), it
 * cannot be confused with a handle of an earlier execution, and a freed
 * object's slot is kept until the reset, so a dangling handle is named as
 * such without touching freed driver memory [O5].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"

const char uf__TAG_TIMER[] = "timer";
const char uf__TAG_WORKITEM[] = "workitem";
const char uf__TAG_ENQUEUE[] = "enqueue";
const char uf__TAG_COLLECTION[] = "collection";
const char uf__TAG_SENT[] = "sent";
const char uf__TAG_DPC[] = "dpc";
const char uf__TAG_LOOKASIDE[] = "lookaside";

uint32_t model_handle_id(WDFOBJECT h) { return obj_handle_id(h); }

WDFOBJECT model_id_handle(uint32_t id)
{
    return id && id <= uf__model.nobjs ? obj_handle(obj_get(id)) : NULL;
}

struct obj *uf__obj_lookup(WDFOBJECT h, enum model_type type)
{
    uint32_t id;
    struct obj *o;

    if (!h) {
        uf__violation(RULE_HANDLE_INVALID, NULL, "NULL handle");
        return NULL;
    }
    id = obj_handle_id(h);
    if (!id) {
        uf__violation(RULE_HANDLE_INVALID, NULL, "not a handle of this execution");
        return NULL;
    }
    o = obj_get(id);
    if (o->state == STATE_FREED) {
        uf__violation(RULE_HANDLE_USE_AFTER_FREE, o, "object already freed");
        return NULL;
    }
    if (type != TYPE_NONE && o->type != type) {
        uf__violation(RULE_HANDLE_INVALID, o, "handle of the wrong type");
        return NULL;
    }
    return o;
}

struct obj *uf__obj_lookup_live(WDFOBJECT h, enum model_type type)
{
    struct obj *o = uf__obj_lookup(h, type);

    if (o && o->refs <= 0) {
        uf__violation(RULE_HANDLE_USE_AFTER_FREE, o, "object is being destroyed");
        return NULL;
    }
    return o;
}

/* ---- tags ---- */

const char *uf__obj_tag_name(const void *tag, char *buf, size_t n)
{
    uintptr_t v = (uintptr_t)tag;

    if (tag == uf__TAG_TIMER || tag == uf__TAG_WORKITEM || tag == uf__TAG_ENQUEUE ||
        tag == uf__TAG_COLLECTION || tag == uf__TAG_SENT || tag == uf__TAG_DPC ||
        tag == uf__TAG_LOOKASIDE)
        snprintf(buf, n, "%s", (const char *)tag);
    else if (v < 0x10000)
        snprintf(buf, n, "%lu", (unsigned long)v);
    else
        snprintf(buf, n, "ptr");
    return buf;
}

/* The tag slot of `o` for `tag`, or NULL; with `add`, a new slot when
 * missing (inline first, then the arena). */
static struct tag *tag_slot(struct obj *o, const void *tag, int add)
{
    struct tag *free_slot = NULL;
    uint32_t i;

    for (i = 0; i < TAGS_INLINE; i++) {
        if (o->tags[i].count && o->tags[i].tag == tag)
            return &o->tags[i];
        if (!o->tags[i].count && !free_slot)
            free_slot = &o->tags[i];
    }
    for (i = 0; i < o->ntag_spill; i++) {
        if (o->tag_spill[i].count && o->tag_spill[i].tag == tag)
            return &o->tag_spill[i];
        if (!o->tag_spill[i].count && !free_slot)
            free_slot = &o->tag_spill[i];
    }
    if (!add)
        return NULL;
    if (!free_slot) {
        uint32_t cap = o->ntag_spill ? o->ntag_spill * 2 : 8;
        struct tag *t = uf__alloc_block(cap * sizeof(*t));

        if (o->ntag_spill)
            memcpy(t, o->tag_spill, o->ntag_spill * sizeof(*t));
        o->tag_spill = t;
        free_slot = &t[o->ntag_spill];
        o->ntag_spill = cap;
    }
    free_slot->tag = tag;
    free_slot->count = 0;
    return free_slot;
}

/* Number of tags with a held count. */
static uint32_t tags_held(const struct obj *o)
{
    uint32_t i, n = 0;

    for (i = 0; i < TAGS_INLINE; i++)
        n += o->tags[i].count > 0;
    for (i = 0; i < o->ntag_spill; i++)
        n += o->tag_spill[i].count > 0;
    return n;
}

/* The name of the first tag of `o` with a held count (for messages). */
static const char *first_held_tag(const struct obj *o, char *buf, size_t n)
{
    uint32_t i;

    for (i = 0; i < TAGS_INLINE; i++)
        if (o->tags[i].count > 0)
            return uf__obj_tag_name(o->tags[i].tag, buf, n);
    for (i = 0; i < o->ntag_spill; i++)
        if (o->tag_spill[i].count > 0)
            return uf__obj_tag_name(o->tag_spill[i].tag, buf, n);
    return "none";
}

/* ---- creation ---- */

struct obj *uf__obj_new(enum model_type type, enum model_site site)
{
    struct obj *o;

    if (!uf__alloc_try(site))
        return NULL;
    if ((uf__model.nobjs + 1) / OBJ_CHUNK >= uf__model.nchunks) {
        /* Chunks are kept across resets; objects never move. */
        struct obj **t = realloc(uf__model.chunks, (uf__model.nchunks + 1) * sizeof(*t));

        if (!t || !(t[uf__model.nchunks] = malloc(OBJ_CHUNK * sizeof(struct obj)))) {
            fprintf(stderr, "unloadfuzz: host out of memory (object table)\n");
            abort();
        }
        uf__model.chunks = t;
        uf__model.nchunks++;
    }
    o = obj_get(++uf__model.nobjs);
    /* One initializer, not a memset and field stores: the flag bits are then
     * written whole, not read back from the zeroing stores (a stall). */
    *o = (struct obj){
        .id = uf__model.nobjs,
        .type = (uint8_t)type,
        .state = STATE_CREATED,
        .exec = WdfExecutionLevelInheritFromParent,
        .passive_dispose = type == TYPE_DRIVER || type == TYPE_DEVICE ||
                           type == TYPE_TIMER || type == TYPE_WORKITEM ||
                           type == TYPE_IOTARGET || type == TYPE_DPC || type == TYPE_STRING ||
                           type == TYPE_KEY,
        .deletable = 1,
        .creation_ref = 1,
        .refs = 1,
        .tags[0] = {.tag = NULL, .count = 1}, /* the creation reference is tag NULL [O7] */
    };
    uf__model.live++;
    return o;
}

struct context *uf__obj_context_add(struct obj *o, PCWDF_OBJECT_CONTEXT_TYPE_INFO type,
                                size_t size)
{
    struct context *c = uf__alloc_block(sizeof(*c)), **tail = &o->contexts;

    c->type = type;
    c->size = size;
    c->data = size ? uf__alloc_block(size) : NULL;
    while (*tail)
        tail = &(*tail)->next;
    *tail = c;
    return c;
}

/* The context area size `a` asks for: ContextSizeOverride when larger than
 * the type's own size, else the type's size. */
static size_t context_size(const WDF_OBJECT_ATTRIBUTES *a)
{
    size_t size = a->ContextTypeInfo ? a->ContextTypeInfo->ContextSize : 0;

    if (a->ContextTypeInfo && a->ContextSizeOverride > size)
        size = a->ContextSizeOverride;
    return size;
}

PCWDF_OBJECT_CONTEXT_TYPE_INFO uf__obj_context_type(PCWDF_OBJECT_CONTEXT_TYPE_INFO t)
{
    return t && t->UniqueType ? t->UniqueType : t;
}

void uf__obj_apply_attributes(struct obj *o, const WDF_OBJECT_ATTRIBUTES *a)
{
    struct context *c;

    if (!a) {
        uf__obj_context_add(o, NULL, 0);
        return;
    }
    if (a->ExecutionLevel == WdfExecutionLevelPassive)
        o->passive_dispose = 1; /* MarkPassiveCallbacks in FxObject::Commit */
    o->exec = (uint8_t)a->ExecutionLevel;
    c = uf__obj_context_add(o, uf__obj_context_type(a->ContextTypeInfo), context_size(a));
    c->cleanup = a->EvtCleanupCallback;
    c->destroy = a->EvtDestroyCallback;
}

/* Appends `c` to `p`'s children (FxObject::AddChildObjectInternal). */
static void link_child(struct obj *p, struct obj *c)
{
    c->parent = p->id;
    c->next_sibling = 0;
    c->prev_sibling = p->last_child;
    if (p->last_child)
        obj_get(p->last_child)->next_sibling = c->id;
    else
        p->first_child = c->id;
    p->last_child = c->id;
    if (!c->device_base)
        c->device_base = p->device_base;
}

/* Removes `c` from its parent's children; `c` keeps no parent. */
static void unlink_child(struct obj *c)
{
    struct obj *p = obj_get(c->parent);

    if (!p)
        return;
    if (c->prev_sibling)
        obj_get(c->prev_sibling)->next_sibling = c->next_sibling;
    else
        p->first_child = c->next_sibling;
    if (c->next_sibling)
        obj_get(c->next_sibling)->prev_sibling = c->prev_sibling;
    else
        p->last_child = c->prev_sibling;
    c->parent = c->next_sibling = c->prev_sibling = 0;
}

void uf__obj_commit(struct obj *o, struct obj *parent)
{
    if (parent)
        link_child(parent, o);
    o->committed = 1;
    uf__ev_emit(EV_CREATE, o, parent ? parent->id : 0, NULL);
}

void uf__obj_abort(struct obj *o)
{
    struct context *c;

    for (c = o->contexts; c; c = c->next)
        uf__alloc_block_free(c->data, c->size);
    /* Creation is never reentrant, so the failed object is the newest. */
    if (o->id != uf__model.nobjs)
        uf__violation(RULE_INTERNAL_STATE, o, "aborted create is not the newest object");
    uf__model.nobjs--;
    uf__model.live--;
}

NTSTATUS uf__obj_resolve_parent(const WDF_OBJECT_ATTRIBUTES *a, enum parent_rule rule,
                            int exec_allowed, struct obj **parent)
{
    struct obj *p;

    *parent = NULL;
    if (rule == PARENT_REQUIRED && (!a || !a->ParentObject))
        return STATUS_WDF_PARENT_NOT_SPECIFIED;
    /* In FxValidateObjectAttributes's order (shared/object/fxvalidatefunctions.cpp):
     * the size, the parent, the ranges, the scope, the level. */
    if (a) {
        if (a->Size != sizeof(WDF_OBJECT_ATTRIBUTES))
            return STATUS_INFO_LENGTH_MISMATCH;
        if (rule == PARENT_NOT_ALLOWED && a->ParentObject)
            return STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
        if (a->ExecutionLevel < WdfExecutionLevelInheritFromParent ||
            a->ExecutionLevel > WdfExecutionLevelDispatch ||
            a->SynchronizationScope < WdfSynchronizationScopeInheritFromParent ||
            a->SynchronizationScope > WdfSynchronizationScopeNone)
            return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
        if (!(exec_allowed & ATTR_SCOPE_ALLOWED) &&
            a->SynchronizationScope != WdfSynchronizationScopeInheritFromParent &&
            a->SynchronizationScope != WdfSynchronizationScopeNone)
            return STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID;
        if (!(exec_allowed & ATTR_EXEC_ALLOWED) &&
            a->ExecutionLevel != WdfExecutionLevelInheritFromParent)
            return STATUS_WDF_EXECUTION_LEVEL_INVALID;
        if (context_size(a) > ALLOC_MAX_BLOCK)
            return STATUS_INSUFFICIENT_RESOURCES; /* the pool has no such block */
    }
    if (rule == PARENT_NOT_ALLOWED)
        return STATUS_SUCCESS;
    if (a && a->ParentObject) {
        p = uf__obj_lookup(a->ParentObject, TYPE_NONE);
        if (!p)
            return STATUS_INVALID_HANDLE;
    } else {
        p = obj_get(uf__model.driver);
    }
    /* A parent being deleted refuses new children [O2]. */
    if (!p || p->state != STATE_CREATED)
        return STATUS_DELETE_PENDING;
    *parent = p;
    return STATUS_SUCCESS;
}

struct obj *uf__obj_device_ancestor(struct obj *o)
{
    /* device_base is inherited from the parent at link time (m_DeviceBase in
     * FxObject::AddChildObjectInternal) and a device is its own, so for an
     * object still in the tree it is the nearest device at or above it. */
    return o ? obj_get(o->device_base) : NULL;
}

/* ---- references ---- */

void uf__obj_reference(struct obj *o, const void *tag)
{
    tag_slot(o, tag, 1)->count++;
    o->refs++;
}

/* Destroys `o` now (FxObject::ProcessDestroy): the check that makes a
 * dereference-to-zero a bugcheck [D6], then leftover cleanup, then
 * EvtDestroyCallback, then the type's destructor, then the free. */
static void process_destroy(struct obj *o)
{
    struct context *c;
    char buf[32];

    /* [D6]: still linked, or its creation reference not yet released by the
     * framework (a delete in progress, or the driver object itself): the
     * driver dereferenced it to zero. The framework bugchecks in the
     * destructor, after the leftover callbacks; the model stops here, since
     * nothing those callbacks do can avert it ([C10]). */
    if (o->parent || o->first_child || o->creation_ref) {
        uf__violation(RULE_DEREF_TO_ZERO, o,
                  "reference count reached zero while the framework still owned its creation reference");
        return;
    }
    if (tags_held(o))
        uf__violation(RULE_TAG_HELD_AT_DESTROY, o, first_held_tag(o, buf, sizeof(buf)));
    if (o->destroy_ran) {
        uf__violation(RULE_INTERNAL_EVENT_ORDER, o, "destroyed twice");
        return;
    }
    if (o->committed) {
        if (!o->cleanup_ran) {
            o->cleanup_ran = 1;
            uf__ev_emit(EV_CLEANUP, o, 0, NULL);
            for (c = o->contexts; c && !model_now.halted; c = c->next) {
                PFN_WDF_OBJECT_CONTEXT_CLEANUP fn = c->cleanup;

                c->cleanup = NULL;
                if (fn)
                    uf__cb_call(CB_CLEANUP, (void (*)(void))fn, o, model_now.irql);
            }
        }
        o->destroy_ran = 1;
        uf__ev_emit(EV_DESTROY, o, 0, NULL);
        for (c = o->contexts; c && !model_now.halted; c = c->next) {
            PFN_WDF_OBJECT_CONTEXT_DESTROY fn = c->destroy;

            c->destroy = NULL;
            if (fn)
                uf__cb_call(CB_DESTROY, (void (*)(void))fn, o, model_now.irql);
        }
    }
    if (model_now.halted)
        return;
    if (o->type == TYPE_COLLECTION)
        uf__collection_destruct(o);
    else if (o->type == TYPE_DPC)
        uf__dpc_destruct(o);
    else if (o->type == TYPE_STRING)
        uf__string_destruct(o);
    for (c = o->contexts; c; c = c->next)
        uf__alloc_block_free(c->data, c->size);
    if (o->type == TYPE_MEMORY && !o->u.memory.preallocated) /* the driver owns that one [Q9] */
        uf__alloc_block_free(o->u.memory.buffer, o->u.memory.size);
    o->state = STATE_FREED;
    uf__model.live--;
    uf__ev_emit(EV_FREE, o, 0, NULL);
    /* A lookaside buffer gives its list back the reference it took, once
     * its memory went back (FxMemoryBufferFromLookaside::SelfDestruct) [L2]. */
    if (o->type == TYPE_MEMORY && o->u.memory.lookaside)
        uf__obj_release(obj_get(o->u.memory.lookaside), uf__TAG_LOOKASIDE);
}

/* Puts `o` on the dispose list of `owner` (FxDisposeList::Add). */
static void enqueue(struct obj *o, uint32_t owner, int destroy)
{
    if (o->queued) {
        uf__violation(RULE_INTERNAL_STATE, o, "object put on a dispose list twice");
        return;
    }
    if (uf__model.dq_tail == uf__model.dq_cap) {
        /* Grow only: uf__obj_drain walks the entries by index while callbacks
         * may add more; a reset empties the queue. */
        uint32_t cap = uf__model.dq_cap ? uf__model.dq_cap * 2 : 32;
        struct deferred *t = realloc(uf__model.dq, cap * sizeof(*t));

        if (!t) {
            fprintf(stderr, "unloadfuzz: host out of memory (dispose list)\n");
            abort();
        }
        uf__model.dq = t;
        uf__model.dq_cap = cap;
    }
    uf__model.dq[uf__model.dq_tail].object = o->id;
    uf__model.dq[uf__model.dq_tail].list = owner;
    uf__model.dq[uf__model.dq_tail].destroy = (uint8_t)destroy;
    uf__model.dq_tail++;
    o->queued = 1;
    uf__ev_emit(EV_DEFER, o, owner, destroy ? "destroy" : "dispose");
}

/* The last reference is gone (FxObject::FinalRelease). A count that reaches
 * zero while the framework still holds the creation reference was dropped
 * by the driver: that is reported by process_destroy, at once, never after
 * a deferral (the object may already be on a dispose list). */
static void final_release(struct obj *o)
{
    if (o->passive_dispose && model_now.irql != PASSIVE_LEVEL && uf__model.driver && !o->creation_ref) {
        enqueue(o, uf__model.driver, 1); /* always the driver's list [X3] */
        return;
    }
    process_destroy(o);
}

void uf__obj_release(struct obj *o, const void *tag)
{
    struct tag *t;

    /* A release reaching an object already at zero: its count was dropped
     * early by a driver's dereference, and a holder (a collection, a timer)
     * now touches destroyed memory. */
    if (o->refs <= 0 || o->state == STATE_FREED) {
        uf__violation(RULE_HANDLE_USE_AFTER_FREE, o, "reference released on an object already destroyed");
        return;
    }
    /* FxTagTracker::UpdateTagHistory: a release takes the first entry under
     * its tag, the creation reference being an entry under NULL, and breaks
     * when there is none [O7] [C9]. The framework's own releases are
     * checked too: after a driver's untagged release took the creation
     * entry, the framework's release at delete finds nothing. */
    t = tag_slot(o, tag, 0);
    if (t) {
        t->count--;
    } else {
        char name[32], detail[96];

        snprintf(detail, sizeof(detail), "no reference is held under tag %s",
                 uf__obj_tag_name(tag, name, sizeof(name)));
        uf__violation(RULE_DEREFERENCE_UNBALANCED, o, detail);
        if (model_now.halted)
            return;
    }
    o->refs--;
    if (o->refs == 0)
        final_release(o);
    else if (o->refs < 0)
        uf__violation(RULE_INTERNAL_STATE, o, "negative reference count");
}

/* ---- phase 1: dispose ---- */

static int dispose_children(struct obj *o, int can_defer);

/* Phase 1 stops for PASSIVE_LEVEL: `o` waits, queued on its list when
 * `can_defer`, else resumed by the ancestor that is queued. */
static void defer(struct obj *o, int can_defer)
{
    o->state = STATE_DEFERRED;
    if (can_defer)
        enqueue(o, o->device_base ? o->device_base : uf__model.driver, 0);
}

/* A parent disposing child `c` (FxObject::PerformEarlyDispose). Returns 0
 * when `c`'s subtree had to stop for PASSIVE_LEVEL. */
static int early_dispose(struct obj *c)
{
    if (c->state != STATE_CREATED && !(c->state == STATE_DEFERRED && !c->queued))
        return 1; /* already disposed or on its way */
    c->state = STATE_DISPOSING;
    if (!dispose_children(c, 0))
        return 0;
    c->state = STATE_DISPOSED;
    return 1;
}

/* Type-specific dispose (the FxObject::Dispose overrides). Returns 1 when
 * the generic cleanup should run after it. */
static int type_dispose(struct obj *o)
{
    switch (o->type) {
    case TYPE_DRIVER:
        return uf__driver_dispose(o);
    case TYPE_DEVICE:
        return uf__device_dispose(o);
    case TYPE_TIMER:
        return uf__timer_dispose(o);
    case TYPE_WORKITEM:
        return uf__workitem_dispose(o);
    case TYPE_IOTARGET:
        return uf__iotarget_dispose(o);
    case TYPE_REQUEST:
        return uf__request_dispose(o);
    case TYPE_DPC:
        return uf__dpc_dispose(o);
    default:
        return 1;
    }
}

/* FxObject::DisposeChildrenWorker: children, then own dispose and cleanup.
 * Returns 1 when `o` is disposed, 0 when it stopped for PASSIVE_LEVEL. */
static int dispose_children(struct obj *o, int can_defer)
{
    uint32_t id;

    if (model_now.irql != PASSIVE_LEVEL) {
        for (id = o->first_child; id; id = obj_get(id)->next_sibling)
            if (obj_get(id)->passive_dispose) {
                defer(o, can_defer);
                return 0;
            }
    }
    for (id = o->first_child; id; id = obj_get(id)->next_sibling) {
        if (!early_dispose(obj_get(id))) {
            defer(o, can_defer);
            return 0;
        }
        if (model_now.halted)
            return 0;
    }
    if (type_dispose(o) && !model_now.halted)
        uf__obj_run_cleanup(o);
    return 1;
}

void uf__obj_run_cleanup(struct obj *o)
{
    struct context *c;

    if (o->cleanup_ran) {
        uf__violation(RULE_INTERNAL_EVENT_ORDER, o, "cleanup reached twice");
        return;
    }
    o->cleanup_ran = 1;
    if (!o->committed)
        return;
    uf__ev_emit(EV_CLEANUP, o, 0, NULL);
    for (c = o->contexts; c && !model_now.halted; c = c->next) {
        PFN_WDF_OBJECT_CONTEXT_CLEANUP fn = c->cleanup;

        c->cleanup = NULL;
        if (fn)
            uf__cb_call(CB_CLEANUP, (void (*)(void))fn, o, model_now.irql);
    }
}

/* ---- phase 2 ---- */

/* A parent destroying child `c` (FxObject::ParentDeleteEvent). */
static void parent_delete_event(struct obj *c)
{
    if (c->state == STATE_DISPOSED && c->creation_ref)
        uf__obj_deleted_and_disposed(c);
}

void uf__obj_destroy_children(struct obj *o)
{
    struct obj *c;

    while (o->first_child && !model_now.halted) {
        c = obj_get(o->first_child);
        unlink_child(c);
        parent_delete_event(c);
    }
}

void uf__obj_deleted_and_disposed(struct obj *o)
{
    o->state = STATE_DISPOSED;
    uf__obj_destroy_children(o);
    if (model_now.halted || !o->creation_ref)
        return;
    o->creation_ref = 0;
    uf__obj_release(o, NULL);
}

/* FxObject::DeleteWorkerAndUnlock. */
static void delete_worker(struct obj *o)
{
    if (o->passive_dispose && model_now.irql != PASSIVE_LEVEL) {
        defer(o, 1);
        return;
    }
    o->state = STATE_DISPOSING;
    if (dispose_children(o, 1) && !model_now.halted)
        uf__obj_deleted_and_disposed(o);
}

void uf__obj_delete(struct obj *o)
{
    struct obj *p;

    if (o->delete_requested) {
        uf__violation(RULE_DOUBLE_DELETE, o, "object is already being deleted; the delete is dropped");
        return;
    }
    o->delete_requested = 1;
    p = obj_get(o->parent);
    if (o->state == STATE_CREATED) {
        if (p && p->state != STATE_CREATED)
            return; /* the parent's own walk disposes it */
        unlink_child(o);
        delete_worker(o);
    } else if (o->state == STATE_DISPOSED && o->creation_ref) {
        if (p && p->state != STATE_CREATED)
            return; /* the parent's phase 2 finishes it */
        unlink_child(o);
        uf__obj_deleted_and_disposed(o);
    }
    /* Any other state: already on its way out; the event is dropped. */
}

void uf__obj_delete_internal(struct obj *o)
{
    o->delete_requested = 1;
    delete_worker(o);
}

/* ---- dispose lists ---- */

/* FxObject::DeferredDisposeWorkItem, at PASSIVE_LEVEL. */
static void deferred_work(const struct deferred *d)
{
    struct obj *o = obj_get(d->object);

    o->queued = 0;
    if (d->destroy) {
        process_destroy(o);
        return;
    }
    if (o->state != STATE_DEFERRED || !o->delete_requested) {
        uf__violation(RULE_INTERNAL_STATE, o, "dispose list entry in an unexpected state");
        return;
    }
    o->state = STATE_DISPOSING;
    if (!dispose_children(o, 0)) {
        uf__violation(RULE_INTERNAL_STATE, o, "deferred dispose stopped at PASSIVE_LEVEL");
        return;
    }
    if (!model_now.halted)
        uf__obj_deleted_and_disposed(o);
}

uint32_t uf__obj_drain(uint32_t owner)
{
    KIRQL saved = model_now.irql;
    uint32_t prev = uf__model.draining, done = 0, i;

    model_now.irql = PASSIVE_LEVEL;
    for (i = uf__model.dq_head; i < uf__model.dq_tail && !model_now.halted; i++) {
        struct deferred d = uf__model.dq[i];

        if (d.object == 0 || (owner && d.list != owner))
            continue;
        uf__model.dq[i].object = 0; /* taken */
        if (i == uf__model.dq_head)
            uf__model.dq_head++;
        uf__model.draining = d.list;
        deferred_work(&d);
        done++;
    }
    while (uf__model.dq_head < uf__model.dq_tail && uf__model.dq[uf__model.dq_head].object == 0)
        uf__model.dq_head++;
    if (uf__model.dq_head == uf__model.dq_tail)
        uf__model.dq_head = uf__model.dq_tail = 0;
    uf__model.draining = prev;
    model_now.irql = saved;
    return done;
}

int uf__obj_draining(uint32_t owner) { return owner && uf__model.draining == owner; }

uint32_t model_deferred_pending(void)
{
    uint32_t i, n = 0;

    for (i = uf__model.dq_head; i < uf__model.dq_tail; i++)
        n += uf__model.dq[i].object != 0;
    return n;
}

/* ---- introspection ---- */

uint32_t model_object_count(void) { return uf__model.nobjs; }
uint32_t model_live_objects(void) { return uf__model.live; }

int model_object_info(uint32_t id, struct model_object_info *out)
{
    const struct obj *o;

    if (id == 0 || id > uf__model.nobjs)
        return -1;
    o = obj_get(id);
    out->type = (enum model_type)o->type;
    out->state = (enum model_state)o->state;
    out->parent = o->parent;
    out->refs = o->refs;
    out->ntags = tags_held(o);
    out->deletable = o->deletable;
    out->passive_dispose = o->passive_dispose;
    out->cleanup_ran = o->cleanup_ran;
    out->destroy_ran = o->destroy_ran;
    out->pending = o->type == TYPE_TIMER      ? o->u.timer.queued
                   : o->type == TYPE_WORKITEM ? o->u.workitem.queued
                   : o->type == TYPE_REQUEST  ? o->u.request.phase == REQ_SENT ||
                                                    o->u.request.phase == REQ_QUEUED
                   : o->type == TYPE_DPC      ? o->u.dpc.queued
                                              : 0;
    return 0;
}

int model_object_node(uint32_t id, uint32_t *parent, enum model_state *state, int32_t *refs)
{
    const struct obj *o;

    if (id == 0 || id > uf__model.nobjs)
        return -1;
    o = obj_get(id);
    *parent = o->parent;
    *state = (enum model_state)o->state;
    *refs = o->refs;
    return 0;
}

int model_object_refs(uint32_t id, int32_t *refs, enum model_state *state)
{
    const struct obj *o;

    if (id == 0 || id > uf__model.nobjs)
        return -1;
    o = obj_get(id);
    *refs = o->refs;
    *state = (enum model_state)o->state;
    return 0;
}

enum model_type model_object_type(uint32_t id)
{
    return id == 0 || id > uf__model.nobjs ? TYPE_NONE : (enum model_type)obj_get(id)->type;
}

int32_t model_object_tag_count(uint32_t id, const void *tag)
{
    struct tag *t;

    if (id == 0 || id > uf__model.nobjs)
        return 0;
    t = tag_slot(obj_get(id), tag, 0);
    return t ? t->count : 0;
}
