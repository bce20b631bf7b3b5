/*
 * dpc.c - WDFDPC (wdfdpc.h) and the harness's "the DPC dispatcher runs a
 * queued DPC now".
 *
 * A DPC needs a parent with a device among its ancestors [K1]; while alive
 * it holds a reference on itself and on that parent, which its disposal
 * drops [K2]. Queueing takes no reference and answers whether the DPC was
 * queued already; cancelling removes a queued DPC without waiting for a
 * running one, and waits (KeFlushQueuedDpcs) only when there was nothing to
 * remove [K3]. Disposal always flushes: a DPC still queued runs inside it,
 * before the cleanup callback [K4]. The callback runs at DISPATCH_LEVEL and
 * returns to the kernel's DPC dispatcher, which checks what it checks of a
 * timer's DPC [K5]. A DPC disposes at PASSIVE_LEVEL, so deleting it from its
 * own callback is deferred to its device's dispose list, not a wait [K6].
 * The source is kmdf/src/core/fxdpcapi.cpp and fxdpc.cpp.
 *
 * The model plays the kernel's DPC queue: model_dpc_run() runs a queued DPC
 * when the harness says so, and a flush (KeFlushQueuedDpcs, in disposal and
 * in a waiting cancel) runs every WDFDPC still queued, since the kernel's
 * flush returns only once every DPC queued before it has run.
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

NTSTATUS WdfDpcCreate(PWDF_DPC_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes, WDFDPC *Dpc)
{
    struct ddi_frame f;
    struct obj *parent, *device, *d;
    uint8_t serialized;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfDpcCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    /* FxValidateObjectAttributesForParentHandle, a hard requirement here,
     * then the parent's handle, then the pointers [K1]. */
    if (!Attributes || !Attributes->ParentObject)
        return uf__ddi_leave(&f, STATUS_WDF_PARENT_NOT_SPECIFIED);
    if (Attributes->Size != sizeof(WDF_OBJECT_ATTRIBUTES))
        return uf__ddi_leave(&f, STATUS_INFO_LENGTH_MISMATCH);
    if (!uf__obj_lookup(Attributes->ParentObject, TYPE_NONE))
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!Config || !Dpc) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !Config ? "Config is NULL" : "Dpc is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    if (Config->Size != sizeof(WDF_DPC_CONFIG))
        return uf__ddi_leave(&f, STATUS_INFO_LENGTH_MISMATCH);
    st = uf__obj_resolve_parent(Attributes, PARENT_REQUIRED, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    d = uf__obj_new(TYPE_DPC, SITE_DPC_OBJECT);
    if (!d)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* FxDpc is a non-paged object [C19] */
    /* FxDeviceBase::_SearchForDevice, then _GetEffectiveLock [B4]. */
    device = uf__obj_device_ancestor(parent);
    if (!device) {
        uf__obj_abort(d);
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    }
    st = uf__effective_lock(parent, device, Config->AutomaticSerialization, 0, &serialized);
    if (!NT_SUCCESS(st)) {
        uf__obj_abort(d);
        return uf__ddi_leave(&f, st);
    }
    uf__obj_apply_attributes(d, Attributes);
    d->device_base = device->id;
    d->u.dpc.fn = Config->EvtDpcFunc;
    d->u.dpc.serialized = serialized;
    d->u.dpc.kdpc = uf__alloc_block(sizeof(KDPC)); /* inside the FxDpc: no allocation */
    uf__obj_reference(d, uf__TAG_DPC);
    uf__obj_reference(parent, uf__TAG_DPC);
    d->ref_parent = parent->id;
    d->u.dpc.holds_refs = 1;
    uf__obj_commit(d, parent);
    *Dpc = (WDFDPC)obj_handle(d);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Runs the queued callback of `d` now at DISPATCH_LEVEL (FxDpc::DpcHandler):
 * dequeued first, so the callback may queue it again. A NULL EvtDpcFunc is
 * skipped. */
static void dpc_run(struct obj *d)
{
    d->u.dpc.queued = 0;
    uf__ev_emit(EV_CALLBACK, d, 0, "EvtDpcFunc");
    if (!d->u.dpc.fn)
        return;
    d->u.dpc.running++;
    /* FxDpc::DpcHandler takes the device's callback lock around it [B4]. */
    if (d->u.dpc.serialized)
        uf__cb_call_serialized(CB_DPC, (void (*)(void))d->u.dpc.fn, d, DISPATCH_LEVEL);
    else
        uf__cb_call(CB_DPC, (void (*)(void))d->u.dpc.fn, d, DISPATCH_LEVEL);
    d->u.dpc.running--;
}

/* KeFlushQueuedDpcs: every WDFDPC queued now runs before it returns, in
 * creation order (the model's stand-in for "on some processor"). */
static void dpc_flush(void)
{
    uint32_t id, n = uf__model.nobjs;

    for (id = 1; id <= n && !model_now.halted; id++) {
        struct obj *d = obj_get(id);

        if (d->type == TYPE_DPC && d->state != STATE_FREED && d->u.dpc.queued)
            dpc_run(d);
    }
}

BOOLEAN WdfDpcEnqueue(WDFDPC Dpc)
{
    struct ddi_frame f;
    struct obj *d;
    BOOLEAN inserted = FALSE;

    if (!uf__ddi_enter(&f, DDI_WdfDpcEnqueue, Dpc)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return FALSE;
    }
    d = uf__obj_lookup(Dpc, TYPE_DPC);
    /* KeInsertQueueDpc's answer, as is; no reference per enqueue [K3]. */
    if (d && !d->u.dpc.queued) {
        d->u.dpc.queued = 1;
        inserted = TRUE;
    }
    uf__ddi_leave(&f, d ? STATUS_SUCCESS : STATUS_INVALID_HANDLE);
    return inserted;
}

BOOLEAN WdfDpcCancel(WDFDPC Dpc, BOOLEAN Wait)
{
    struct ddi_frame f;
    struct obj *d;
    BOOLEAN removed;

    if (!uf__ddi_enter(&f, DDI_WdfDpcCancel, Dpc)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return FALSE;
    }
    /* Waiting needs PASSIVE_LEVEL: refused, the DPC stays queued [K3]. */
    if (Wait && !uf__irql_check(PASSIVE_LEVEL)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return FALSE;
    }
    d = uf__obj_lookup(Dpc, TYPE_DPC);
    if (!d) {
        uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
        return FALSE;
    }
    /* FxDpc::Cancel: KeRemoveQueueDpc; only when nothing was removed does
     * a wait flush (a run already under way is not waited for otherwise). */
    removed = d->u.dpc.queued;
    d->u.dpc.queued = 0;
    if (!removed && Wait)
        dpc_flush();
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return removed;
}

WDFOBJECT WdfDpcGetParentObject(WDFDPC Dpc)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfDpcGetParentObject, Dpc)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    d = uf__obj_lookup(Dpc, TYPE_DPC);
    uf__ddi_leave(&f, d ? STATUS_SUCCESS : STATUS_INVALID_HANDLE);
    /* m_Object, NULL once the disposal released it [K2]. */
    return d ? obj_handle(obj_get(d->ref_parent)) : NULL;
}

PKDPC WdfDpcWdmGetDpc(WDFDPC Dpc)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfDpcWdmGetDpc, Dpc)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    d = uf__obj_lookup(Dpc, TYPE_DPC);
    uf__ddi_leave(&f, d ? STATUS_SUCCESS : STATUS_INVALID_HANDLE);
    return d ? d->u.dpc.kdpc : NULL;
}

/* FxDpc::Dispose and FlushAndRundown: flush (a queued DPC runs now), then
 * release the parent, then itself [K2] [K4]. */
int uf__dpc_dispose(struct obj *d)
{
    dpc_flush();
    if (model_now.halted)
        return 0;
    if (d->u.dpc.holds_refs) {
        struct obj *parent = obj_get(d->ref_parent);

        d->u.dpc.holds_refs = 0;
        d->ref_parent = 0;
        uf__obj_release(parent, uf__TAG_DPC);
        uf__obj_release(d, uf__TAG_DPC);
    }
    return !model_now.halted;
}

void uf__dpc_destruct(struct obj *d)
{
    d->u.dpc.queued = 0;
    uf__alloc_block_free(d->u.dpc.kdpc, sizeof(KDPC));
    d->u.dpc.kdpc = NULL;
}

int model_dpc_run(WDFDPC Dpc)
{
    uint32_t id = obj_handle_id(Dpc);
    struct obj *d;

    if (!id || model_now.halted)
        return 0;
    d = obj_get(id);
    if (d->type != TYPE_DPC || d->state == STATE_FREED || !d->u.dpc.queued)
        return 0;
    dpc_run(d);
    return 1;
}
