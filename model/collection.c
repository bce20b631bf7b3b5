/*
 * collection.c - WDFCOLLECTION (wdfcollection.h).
 *
 * A collection holds a reference on each item it contains [O4]: taken by
 * WdfCollectionAdd (which allocates an entry, and so can fail), dropped by
 * WdfCollectionRemove, and otherwise dropped only when the collection itself
 * is destroyed, after its EvtDestroyCallback (~FxCollection), not when it is
 * disposed. Items are dereferenced, never deleted.
 */
#define WDFMODEL_NO_CALL_SITES
#include <string.h>

#include "alloc.h"
#include "internal.h"

NTSTATUS WdfCollectionCreate(PWDF_OBJECT_ATTRIBUTES CollectionAttributes,
                             WDFCOLLECTION *Collection)
{
    struct ddi_frame f;
    struct obj *parent, *c;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfCollectionCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Collection) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Collection is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Collection = NULL;
    st = uf__obj_resolve_parent(CollectionAttributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    c = uf__obj_new(TYPE_COLLECTION, SITE_COLLECTION_OBJECT);
    if (!c)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* [C19] */
    uf__obj_apply_attributes(c, CollectionAttributes);
    uf__obj_commit(c, parent);
    *Collection = (WDFCOLLECTION)obj_handle(c);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Looks up the collection for a DDI already entered. */
static struct obj *coll(WDFCOLLECTION Collection)
{
    return uf__obj_lookup(Collection, TYPE_COLLECTION);
}

ULONG WdfCollectionGetCount(WDFCOLLECTION Collection)
{
    struct ddi_frame f;
    struct obj *c;

    if (!uf__ddi_enter(&f, DDI_WdfCollectionGetCount, Collection)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return 0;
    }
    c = coll(Collection);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return c ? c->u.collection.count : 0;
}

NTSTATUS WdfCollectionAdd(WDFCOLLECTION Collection, WDFOBJECT Object)
{
    struct ddi_frame f;
    struct obj *c, *o;
    uint32_t *items;

    if (!uf__ddi_enter(&f, DDI_WdfCollectionAdd, Collection))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    c = coll(Collection);
    /* The entry holds a reference: an object already being destroyed (here,
     * from its own EvtDestroyCallback) has none left to give. */
    o = c ? uf__obj_lookup_live(Object, TYPE_NONE) : NULL;
    if (!o)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!uf__alloc_try(SITE_COLLECTION_ENTRY))
        return uf__ddi_leave(&f, STATUS_UNSUCCESSFUL); /* FxCollection::Add's status */
    if (c->u.collection.count == c->u.collection.cap) {
        uint32_t cap = c->u.collection.cap ? c->u.collection.cap * 2 : 8;

        items = uf__alloc_block(cap * sizeof(*items));
        if (c->u.collection.count)
            memcpy(items, c->u.collection.items, c->u.collection.count * sizeof(*items));
        c->u.collection.items = items;
        c->u.collection.cap = cap;
    }
    c->u.collection.items[c->u.collection.count++] = o->id;
    uf__obj_reference(o, uf__TAG_COLLECTION);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Removes entry `i` of `c` and drops the item's reference. */
static void remove_at(struct obj *c, uint32_t i)
{
    struct obj *o = obj_get(c->u.collection.items[i]);

    memmove(&c->u.collection.items[i], &c->u.collection.items[i + 1],
            (c->u.collection.count - i - 1) * sizeof(uint32_t));
    c->u.collection.count--;
    uf__obj_release(o, uf__TAG_COLLECTION);
}

VOID WdfCollectionRemove(WDFCOLLECTION Collection, WDFOBJECT Item)
{
    struct ddi_frame f;
    struct obj *c, *o;
    uint32_t i;

    if (!uf__ddi_enter(&f, DDI_WdfCollectionRemove, Collection)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    c = coll(Collection);
    o = c ? uf__obj_lookup(Item, TYPE_NONE) : NULL;
    if (o) {
        for (i = 0; i < c->u.collection.count; i++)
            if (c->u.collection.items[i] == o->id)
                break;
        if (i == c->u.collection.count)
            uf__violation(RULE_COLLECTION_REMOVE_NONMEMBER, o, "the object is not in the collection");
        else
            remove_at(c, i);
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfCollectionRemoveItem(WDFCOLLECTION Collection, ULONG Index)
{
    struct ddi_frame f;
    struct obj *c;

    if (!uf__ddi_enter(&f, DDI_WdfCollectionRemoveItem, Collection)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    c = coll(Collection);
    if (c && Index >= c->u.collection.count)
        uf__violation(RULE_COLLECTION_REMOVE_NONMEMBER, c, "index past the end of the collection");
    else if (c)
        remove_at(c, Index);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The handle at `index` of the collection, NULL when out of range. Takes no
 * reference, like the framework. */
static WDFOBJECT item_at(enum model_ddi ddi, WDFCOLLECTION Collection, int64_t index)
{
    struct ddi_frame f;
    struct obj *c;
    WDFOBJECT h = NULL;

    if (!uf__ddi_enter(&f, ddi, Collection)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    c = coll(Collection);
    if (c && index < 0)
        index += c->u.collection.count; /* -1: the last item */
    if (c && index >= 0 && index < c->u.collection.count)
        h = obj_handle(obj_get(c->u.collection.items[index]));
    uf__ddi_leave(&f, h ? STATUS_SUCCESS : STATUS_NOT_FOUND);
    return h;
}

WDFOBJECT WdfCollectionGetItem(WDFCOLLECTION Collection, ULONG Index)
{
    return item_at(DDI_WdfCollectionGetItem, Collection, Index);
}

WDFOBJECT WdfCollectionGetFirstItem(WDFCOLLECTION Collection)
{
    return item_at(DDI_WdfCollectionGetFirstItem, Collection, 0);
}

WDFOBJECT WdfCollectionGetLastItem(WDFCOLLECTION Collection)
{
    return item_at(DDI_WdfCollectionGetLastItem, Collection, -1);
}

void uf__collection_destruct(struct obj *c)
{
    while (c->u.collection.count && !model_now.halted)
        remove_at(c, 0);
}
