/*
 * workitem.c - WDFWORKITEM (wdfworkitem.h) and the harness's "the system
 * worker runs a queued item now".
 *
 * A work item needs a parent with a device among its ancestors and a
 * callback [T1]; while alive it holds a reference on itself and on its
 * parent [T2], and each enqueue holds one more until its callback returns.
 * Disposal refuses new enqueues [T4] and waits for a queued or running
 * callback: a queued item still runs, inside the disposal [T3]. Flushing
 * from its own callback is refused: the framework recognises the thread and
 * returns without waiting [T5]. Deleting it from its own callback does not
 * wait either: the framework skips the wait on the callback's thread and
 * the enqueue reference keeps the object alive until the callback returns
 * (docs/WDF-SEMANTICS.md [C4]).
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

NTSTATUS WdfWorkItemCreate(PWDF_WORKITEM_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes,
                           WDFWORKITEM *WorkItem)
{
    struct ddi_frame f;
    struct obj *parent, *device, *w;
    uint8_t serialized;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfWorkItemCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Attributes || !Attributes->ParentObject)
        return uf__ddi_leave(&f, STATUS_WDF_PARENT_NOT_SPECIFIED);
    if (!Config || !WorkItem) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !Config ? "Config is NULL" : "WorkItem is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *WorkItem = NULL;
    if (Config->Size != sizeof(WDF_WORKITEM_CONFIG))
        return uf__ddi_leave(&f, STATUS_INFO_LENGTH_MISMATCH);
    if (!Config->EvtWorkItemFunc)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    st = uf__obj_resolve_parent(Attributes, PARENT_REQUIRED, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    w = uf__obj_new(TYPE_WORKITEM, SITE_WORKITEM_OBJECT);
    if (!w)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* [C19] */
    device = uf__obj_device_ancestor(parent);
    if (!device) {
        uf__obj_abort(w);
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    }
    /* FxObject::_GetEffectiveLock wants a parent marked passive, which a
     * miniport device never is [B4]. */
    st = uf__effective_lock(parent, device, Config->AutomaticSerialization, 1, &serialized);
    if (!NT_SUCCESS(st)) {
        uf__obj_abort(w);
        return uf__ddi_leave(&f, st);
    }
    if (!uf__alloc_try(SITE_WORKITEM_SYSTEM)) { /* IoAllocateWorkItem, the kernel's */
        uf__obj_abort(w);
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    uf__obj_apply_attributes(w, Attributes);
    w->device_base = device->id;
    w->u.workitem.fn = Config->EvtWorkItemFunc;
    w->u.workitem.serialized = serialized;
    uf__obj_reference(w, uf__TAG_WORKITEM);
    uf__obj_reference(parent, uf__TAG_WORKITEM);
    w->ref_parent = parent->id;
    w->u.workitem.holds_refs = 1;
    uf__obj_commit(w, parent);
    *WorkItem = (WDFWORKITEM)obj_handle(w);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Runs the queued callback of `w` now, at PASSIVE_LEVEL (WorkItemThunk):
 * the queued flag clears first, so the callback may enqueue again; the
 * enqueue's reference goes when it returns. */
static void workitem_run(struct obj *w)
{
    w->u.workitem.queued = 0;
    uf__ev_emit(EV_CALLBACK, w, 0, "EvtWorkItemFunc");
    w->u.workitem.running++;
    /* FxWorkItem::WorkItemHandler takes the device's callback lock around
     * it when serialized [B4]. */
    if (w->u.workitem.serialized)
        uf__cb_call_serialized(CB_WORKITEM, (void (*)(void))w->u.workitem.fn, w, PASSIVE_LEVEL);
    else
        uf__cb_call(CB_WORKITEM, (void (*)(void))w->u.workitem.fn, w, PASSIVE_LEVEL);
    w->u.workitem.running--;
    if (!model_now.halted)
        uf__obj_release(w, uf__TAG_ENQUEUE);
}

VOID WdfWorkItemEnqueue(WDFWORKITEM WorkItem)
{
    struct ddi_frame f;
    struct obj *w;

    if (!uf__ddi_enter(&f, DDI_WdfWorkItemEnqueue, WorkItem)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    w = uf__obj_lookup(WorkItem, TYPE_WORKITEM);
    if (w && w->u.workitem.running_down)
        uf__violation(RULE_WORKITEM_ENQUEUE_DISPOSING, w, "the work item is being disposed; not queued");
    else if (w && !w->u.workitem.queued) {
        w->u.workitem.queued = 1;
        uf__obj_reference(w, uf__TAG_ENQUEUE);
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfWorkItemFlush(WDFWORKITEM WorkItem)
{
    struct ddi_frame f;
    struct obj *w;

    if (!uf__ddi_enter(&f, DDI_WdfWorkItemFlush, WorkItem)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    w = uf__obj_lookup(WorkItem, TYPE_WORKITEM);
    /* FxWorkItem::FlushAndWait recognises its callback's thread, breaks and
     * returns without waiting [C4]. */
    if (w && w->u.workitem.running)
        uf__violation(RULE_SELF_WAIT_REFUSED, w,
                      "WdfWorkItemFlush from the item's own callback: returns without waiting");
    else if (w && w->u.workitem.queued)
        workitem_run(w);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

WDFOBJECT WdfWorkItemGetParentObject(WDFWORKITEM WorkItem)
{
    struct ddi_frame f;
    struct obj *w;

    if (!uf__ddi_enter(&f, DDI_WdfWorkItemGetParentObject, WorkItem)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    w = uf__obj_lookup(WorkItem, TYPE_WORKITEM);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return w ? obj_handle(obj_get(w->ref_parent)) : NULL;
}

/* FxWorkItem::Dispose: refuse enqueues, let a queued callback run and wait
 * for it (not when disposing from inside it), drop the references [T2][T3]. */
int uf__workitem_dispose(struct obj *w)
{
    w->u.workitem.running_down = 1;
    if (!w->u.workitem.running && w->u.workitem.queued)
        workitem_run(w);
    if (model_now.halted)
        return 0;
    if (w->u.workitem.holds_refs) {
        w->u.workitem.holds_refs = 0;
        uf__obj_release(obj_get(w->ref_parent), uf__TAG_WORKITEM);
        uf__obj_release(w, uf__TAG_WORKITEM);
    }
    return !model_now.halted;
}

int model_workitem_run(WDFWORKITEM WorkItem)
{
    uint32_t id = obj_handle_id(WorkItem);
    struct obj *w;

    if (!id || model_now.halted)
        return 0;
    w = obj_get(id);
    if (w->type != TYPE_WORKITEM || !w->u.workitem.queued)
        return 0;
    workitem_run(w);
    return 1;
}
