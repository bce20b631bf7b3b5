/*
 * objectapi.c - the generic object DDIs (wdfobject.h): create, delete,
 * reference and dereference with tags, contexts.
 *
 * Each DDI validates its arguments the way the framework does (a NULL where
 * a pointer is required is WDF_VIOLATION 0x4, a bad handle 0x5), then hands
 * the lifetime work to object.c.
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

NTSTATUS WdfObjectCreate(PWDF_OBJECT_ATTRIBUTES Attributes, WDFOBJECT *Object)
{
    struct ddi_frame f;
    struct obj *parent, *o;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfObjectCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Object) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Object is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Object = NULL;
    st = uf__obj_resolve_parent(Attributes, PARENT_OPTIONAL, ATTR_EXEC_ALLOWED, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    o = uf__obj_new(TYPE_OBJECT, SITE_GENERIC_OBJECT);
    if (!o)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* [C19] */
    uf__obj_apply_attributes(o, Attributes);
    uf__obj_commit(o, parent);
    *Object = obj_handle(o);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfObjectDelete(WDFOBJECT Object)
{
    struct ddi_frame f;
    struct obj *o;

    if (!uf__ddi_enter(&f, DDI_WdfObjectDelete, Object)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    o = uf__obj_lookup(Object, TYPE_NONE);
    if (o && !o->deletable)
        uf__violation(RULE_DELETE_NOT_ALLOWED, o, "this object may not be deleted by the driver");
    else if (o)
        uf__obj_delete(o);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Shared lookup of Reference and Dereference: a NULL handle is 0x4 there
 * (FxPointerNotNull), and an object already on its way to destruction (its
 * count reached zero) is as good as freed. */
static struct obj *ref_lookup(WDFOBJECT Handle)
{
    if (!Handle) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Handle is NULL");
        return NULL;
    }
    return uf__obj_lookup_live(Handle, TYPE_NONE);
}

VOID WdfObjectReferenceActual(WDFOBJECT Handle, PVOID Tag, LONG Line, PCCH File)
{
    struct ddi_frame f;
    struct obj *o;

    WdfModelCallSite(File, Line);
    if (!uf__ddi_enter(&f, DDI_WdfObjectReferenceActual, Handle)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    o = ref_lookup(Handle);
    if (o)
        uf__obj_reference(o, Tag);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfObjectDereferenceActual(WDFOBJECT Handle, PVOID Tag, LONG Line, PCCH File)
{
    struct ddi_frame f;
    struct obj *o;

    WdfModelCallSite(File, Line);
    if (!uf__ddi_enter(&f, DDI_WdfObjectDereferenceActual, Handle)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    o = ref_lookup(Handle);
    if (o)
        uf__obj_release(o, Tag); /* a tag never acquired is reported there; the count drops all the same */
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The context of `o` of type `t`, or NULL. */
static struct context *context_find(struct obj *o, PCWDF_OBJECT_CONTEXT_TYPE_INFO t)
{
    struct context *c;

    t = uf__obj_context_type(t);
    for (c = o->contexts; c; c = c->next)
        if (c->type && c->type == t)
            return c;
    return NULL;
}

NTSTATUS WdfObjectAllocateContext(WDFOBJECT Handle, PWDF_OBJECT_ATTRIBUTES ContextAttributes,
                                  PVOID *Context)
{
    struct ddi_frame f;
    struct obj *o, *unused;
    struct context *c;
    size_t size;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfObjectAllocateContext, Handle))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (Context)
        *Context = NULL;
    /* FxObjectAllocateContext's order [C17]: the handle (FxPointerNotNull),
     * the attributes (FxValidateObjectAttributes: required, no parent), the
     * type, then the allocation, and only then, under the object's lock,
     * whether it is being deleted or already has the type. */
    if (!Handle) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Handle is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    o = uf__obj_lookup(Handle, TYPE_NONE);
    if (!o)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!ContextAttributes)
        return uf__ddi_leave(&f, STATUS_WDF_PARENT_NOT_SPECIFIED);
    st = uf__obj_resolve_parent(ContextAttributes, PARENT_NOT_ALLOWED, 0, &unused);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    if (!ContextAttributes->ContextTypeInfo)
        return uf__ddi_leave(&f, STATUS_OBJECT_NAME_INVALID);
    size = ContextAttributes->ContextTypeInfo->ContextSize;
    if (ContextAttributes->ContextSizeOverride > size)
        size = ContextAttributes->ContextSizeOverride;
    if (!uf__alloc_try(SITE_CONTEXT) || size > ALLOC_MAX_BLOCK)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    /* An object being deleted takes no new context [O6]. */
    if (o->state != STATE_CREATED)
        return uf__ddi_leave(&f, STATUS_DELETE_PENDING);
    c = context_find(o, ContextAttributes->ContextTypeInfo);
    if (c) {
        if (Context)
            *Context = c->data;
        return uf__ddi_leave(&f, STATUS_OBJECT_NAME_EXISTS);
    }
    c = uf__obj_context_add(o, uf__obj_context_type(ContextAttributes->ContextTypeInfo),
                        size ? size : 1);
    c->cleanup = ContextAttributes->EvtCleanupCallback;
    c->destroy = ContextAttributes->EvtDestroyCallback;
    if (Context)
        *Context = c->data;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The context of type `t` of the object behind `h`, without a DDI: NULL
 * when the handle is none of this execution's or the object is freed. */
static void *halted_context(WDFOBJECT h, PCWDF_OBJECT_CONTEXT_TYPE_INFO t)
{
    uint32_t id = obj_handle_id(h);
    struct context *c;

    if (!id || !t || obj_get(id)->state == STATE_FREED)
        return NULL;
    c = context_find(obj_get(id), t);
    return c ? c->data : NULL;
}

PVOID WdfObjectGetTypedContextWorker(WDFOBJECT Handle, PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo)
{
    struct ddi_frame f;
    struct obj *o;
    struct context *c;

    if (!uf__ddi_enter(&f, DDI_WdfObjectGetTypedContextWorker, Handle)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        /* After a bug check the machine has stopped and the driver's code
         * that still runs in this process must not crash on it: a context
         * still there is handed out, silently, as a header inline would. */
        return model_now.halted ? halted_context(Handle, TypeInfo) : NULL;
    }
    o = uf__obj_lookup(Handle, TYPE_NONE);
    c = o && TypeInfo ? context_find(o, TypeInfo) : NULL;
    uf__ddi_leave(&f, c ? STATUS_SUCCESS : STATUS_NOT_FOUND);
    return c ? c->data : NULL;
}

WDFOBJECT WdfObjectContextGetObject(PVOID ContextPointer)
{
    struct ddi_frame f;
    struct context *c;
    uint32_t id;

    if (!uf__ddi_enter(&f, DDI_WdfObjectContextGetObject, NULL)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return NULL;
    }
    for (id = 1; id <= uf__model.nobjs; id++) {
        if (obj_get(id)->state == STATE_FREED)
            continue;
        for (c = obj_get(id)->contexts; c; c = c->next)
            if (c->data && c->data == ContextPointer) {
                uf__ddi_leave(&f, STATUS_SUCCESS);
                return obj_handle(obj_get(id));
            }
    }
    uf__violation(RULE_HANDLE_INVALID, NULL, "not a context pointer of a live object");
    uf__ddi_leave(&f, STATUS_NOT_FOUND);
    return NULL;
}
