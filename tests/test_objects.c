/*
 * test_objects.c - objects, references, handles, contexts and tags:
 * docs/WDF-SEMANTICS.md section 1 ([O1]..[O7]) and the choices [C5], [C9].
 *
 * Each test builds the smallest tree that shows one fact, checks the
 * statuses and counts the framework would give, and checks that correct use
 * raises nothing while the misuse raises exactly its rule.
 */
#include <string.h>

#include "testlib.h"

typedef struct _NODE_CONTEXT {
    ULONG Magic;
    ULONG Pad[3];
} NODE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(NODE_CONTEXT, NodeGetContext)

typedef struct _EXTRA_CONTEXT {
    ULONG Value;
} EXTRA_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(EXTRA_CONTEXT)

/* [O1] A new object has one reference, its creation reference, and is
 * Created; the parent link takes no reference either way. */
static void O1_new_object_has_one_reference(void **state)
{
    WDFDRIVER d = t_driver();
    int32_t driver_refs = t_refs(d);
    WDFOBJECT p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WDFOBJECT c = t_object(p, WdfExecutionLevelInheritFromParent);

    assert_int_equal(t_refs(p), 1);
    assert_int_equal(t_refs(c), 1);
    assert_int_equal(t_state(c), STATE_CREATED);
    assert_int_equal(t_refs(d), driver_refs); /* the driver took none for p */
    assert_int_equal(model_object_tag_count(t_id(c), NULL), 1); /* creation ref: tag NULL */
    t_expect_quiet();
}

/* [O2] The default parent is the driver; ParentObject is honoured. */
static void O2_default_parent_is_the_driver(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WDFOBJECT c = t_object(p, WdfExecutionLevelInheritFromParent);
    struct model_object_info info;

    model_object_info(t_id(p), &info);
    assert_int_equal(info.parent, t_id(d));
    model_object_info(t_id(c), &info);
    assert_int_equal(info.parent, t_id(p));
    model_object_info(t_id(d), &info);
    assert_int_equal(info.parent, 0);
    t_expect_quiet();
}

/* [O2] WdfDriverCreate refuses a ParentObject. */
static void O2_driver_create_refuses_a_parent(void **state)
{
    static WCHAR path[] = L"\\x";
    UNICODE_STRING reg = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDRIVER d = (WDFDRIVER)1;

    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = (WDFOBJECT)&a;
    assert_int_equal(WdfDriverCreate(&t_driver_object, &reg, &a, &config, &d),
                     STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
    assert_null(d);
    assert_int_equal(model_driver_state(), DRIVER_NONE);
    t_expect_quiet();
}

static WDFOBJECT o2_parent;
static NTSTATUS o2_status;

/* A cleanup callback that tries to give its dying object a child. */
static void o2_create_child_in_cleanup(WDFOBJECT o)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT c = (WDFOBJECT)1;

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = o2_parent;
    o2_status = WdfObjectCreate(&a, &c);
    assert_null(c);
    (void)o;
}

/* [O2] A parent that is being deleted refuses new children. */
static void O2_deleting_parent_refuses_children(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    uint32_t before;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = o2_create_child_in_cleanup;
    assert_int_equal(WdfObjectCreate(&a, &o2_parent), STATUS_SUCCESS);
    before = model_live_objects();
    WdfObjectDelete(o2_parent);
    assert_int_equal(o2_status, STATUS_DELETE_PENDING);
    assert_int_equal(model_live_objects(), before - 1);
    t_expect_quiet();
}

/* [O3] Memory, spin locks, wait locks and collections default to the driver
 * and refuse any execution level but "inherit". */
static void O3_lock_memory_collection_refuse_execution_level(void **state)
{
    WDFDRIVER d = t_driver();
    WDF_OBJECT_ATTRIBUTES a;
    WDFSPINLOCK s = NULL;
    WDFWAITLOCK w = NULL;
    WDFMEMORY m = NULL;
    WDFCOLLECTION c = NULL;
    struct model_object_info info;

    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ExecutionLevel = WdfExecutionLevelPassive;
    assert_int_equal(WdfSpinLockCreate(&a, &s), STATUS_WDF_EXECUTION_LEVEL_INVALID);
    assert_int_equal(WdfWaitLockCreate(&a, &w), STATUS_WDF_EXECUTION_LEVEL_INVALID);
    assert_int_equal(WdfMemoryCreate(&a, NonPagedPoolNx, 0, 16, &m, NULL),
                     STATUS_WDF_EXECUTION_LEVEL_INVALID);
    assert_int_equal(WdfCollectionCreate(&a, &c), STATUS_WDF_EXECUTION_LEVEL_INVALID);
    assert_null(s);
    assert_null(m);

    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &s), STATUS_SUCCESS);
    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &w), STATUS_SUCCESS);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 0, 16, &m, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    model_object_info(t_id(s), &info);
    assert_int_equal(info.parent, t_id(d));
    model_object_info(t_id(c), &info);
    assert_int_equal(info.parent, t_id(d));
    t_expect_quiet();
}

/* [O4] A collection holds a reference on each item; remove drops it. */
static void O4_collection_references_its_items(void **state)
{
    WDFCOLLECTION c;
    WDFOBJECT o;

    t_driver();
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    assert_int_equal(WdfCollectionAdd(c, o), STATUS_SUCCESS);
    assert_int_equal(t_refs(o), 2);
    assert_int_equal(WdfCollectionGetCount(c), 1);
    assert_ptr_equal(WdfCollectionGetItem(c, 0), o);
    assert_null(WdfCollectionGetItem(c, 1));
    WdfCollectionRemove(c, o);
    assert_int_equal(t_refs(o), 1);
    assert_int_equal(WdfCollectionGetCount(c), 0);
    t_expect_quiet();
}

/* [O4] Removing an object that is not a member is a verifier break. */
static void O4_remove_nonmember_breaks(void **state)
{
    WDFCOLLECTION c;
    WDFOBJECT o;

    t_driver();
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfCollectionRemove(c, o);
    t_expect_only(RULE_COLLECTION_REMOVE_NONMEMBER, 1);
    assert_int_equal(t_refs(o), 1);
    WdfCollectionRemoveItem(c, 0);
    t_expect_only(RULE_COLLECTION_REMOVE_NONMEMBER, 2);
}

/* [O4] An item deleted while in a collection is disposed, but the
 * collection's reference keeps it until removed. */
static void O4_deleted_item_lives_until_removed(void **state)
{
    WDFCOLLECTION c;
    WDFOBJECT o;

    t_driver();
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfCollectionAdd(c, o);
    WdfObjectDelete(o);
    t_expect_log("cleanup o3", NULL);
    assert_int_equal(t_state(o), STATE_DISPOSED);
    WdfCollectionRemove(c, o);
    t_expect_log("cleanup o3", "destroy o3", NULL);
    assert_int_equal(t_state(o), STATE_FREED);
    t_expect_quiet();
}

/* [C5] The collection drops its item references when it is destroyed (after
 * its EvtDestroyCallback), not when it is disposed. */
static void C5_collection_releases_items_at_destroy(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFCOLLECTION c;
    WDFOBJECT o;

    t_driver();
    t_attributes(&a, NULL);
    assert_int_equal(WdfCollectionCreate(&a, &c), STATUS_SUCCESS); /* o2 */
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);       /* o3 */
    WdfCollectionAdd(c, o);
    WdfObjectReference(c);
    WdfObjectDelete(c);
    assert_int_equal(t_state(c), STATE_DISPOSED);
    assert_int_equal(t_refs(o), 2); /* disposed, still holding its item */
    WdfObjectDereference(c);
    assert_int_equal(t_refs(o), 1);
    t_expect_log("cleanup o2", "destroy o2", NULL);
    t_expect_quiet();
}

/* [O5] A NULL handle is WDF_VIOLATION 0x5, and the machine stops. */
static void O5_null_handle_is_invalid(void **state)
{
    t_driver();
    WdfObjectDelete(NULL);
    t_expect_only(RULE_HANDLE_INVALID, 1);
    assert_true(model_halted());
}

/* [O5] A handle of the wrong type is WDF_VIOLATION 0x5. */
static void O5_wrong_type_is_invalid(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    assert_int_equal(WdfTimerStart((WDFTIMER)o, 0), FALSE);
    t_expect_only(RULE_HANDLE_INVALID, 1);
}

/* [O5] After delete the handle stays valid while references are held; after
 * the last release it dangles, and using it is reported. */
static void O5_handle_valid_while_referenced_then_dangles(void **state)
{
    WDFOBJECT o;
    NODE_CONTEXT *ctx;
    WDF_OBJECT_ATTRIBUTES a;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, NODE_CONTEXT);
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    WdfObjectReference(o);
    WdfObjectDelete(o);
    ctx = NodeGetContext(o); /* still fine: a reference is held */
    assert_non_null(ctx);
    WdfObjectReference(o);
    WdfObjectDereference(o);
    t_expect_quiet();
    WdfObjectDereference(o); /* the last one: freed */
    assert_int_equal(t_state(o), STATE_FREED);
    t_expect_quiet();
    assert_null(NodeGetContext(o));
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
    WdfObjectReference(o);
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 2);
    assert_false(model_halted()); /* ub: the run goes on */
}

/* [O5] A handle from an earlier execution is no handle of this one. */
static void O5_stale_handle_from_earlier_run_is_invalid(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    t_setup(state);
    t_driver();
    t_object(NULL, WdfExecutionLevelInheritFromParent); /* same id as o */
    WdfObjectDelete(o);
    t_expect_only(RULE_HANDLE_INVALID, 1);
}

static void *o6_ctx_in_destroy;
static ULONG o6_magic_in_destroy;

/* A destroy callback reading its object's context. */
static void o6_destroy_reads_context(WDFOBJECT o)
{
    NODE_CONTEXT *ctx = NodeGetContext(o);

    o6_ctx_in_destroy = ctx;
    o6_magic_in_destroy = ctx ? ctx->Magic : 0;
}

/* [O6] The context can be read inside the destroy callback. */
static void O6_context_readable_in_destroy(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, NODE_CONTEXT);
    a.EvtDestroyCallback = o6_destroy_reads_context;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    NodeGetContext(o)->Magic = 0x5A5A;
    WdfObjectDelete(o);
    assert_non_null(o6_ctx_in_destroy);
    assert_int_equal(o6_magic_in_destroy, 0x5A5A);
    t_expect_quiet();
}

/* [O6] Allocating a context type the object has returns the existing one
 * with STATUS_OBJECT_NAME_EXISTS; a new type gets its own area. */
static void O6_allocate_context_existing_and_new(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o;
    PVOID p1 = NULL, p2 = NULL, p3 = NULL;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    assert_null(WdfObjectGetTypedContext(o, EXTRA_CONTEXT));
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, EXTRA_CONTEXT);
    assert_int_equal(WdfObjectAllocateContext(o, &a, &p1), STATUS_SUCCESS);
    assert_int_equal(WdfObjectAllocateContext(o, &a, &p2), STATUS_OBJECT_NAME_EXISTS);
    assert_ptr_equal(p1, p2);
    assert_ptr_equal(WdfObjectGet_EXTRA_CONTEXT(o), p1);
    assert_ptr_equal(WdfObjectContextGetObject(p1), o);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, NODE_CONTEXT);
    a.ContextSizeOverride = 64;
    assert_int_equal(WdfObjectAllocateContext(o, &a, &p3), STATUS_SUCCESS);
    assert_ptr_not_equal(p3, p1);
    memset(p3, 0xAB, 64); /* the override's size is really there */
    t_expect_quiet();
}

static NTSTATUS o6_status;

/* A cleanup callback allocating a context on its dying object. */
static void o6_allocate_in_cleanup(WDFOBJECT o)
{
    WDF_OBJECT_ATTRIBUTES a;
    PVOID p = (PVOID)1;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, EXTRA_CONTEXT);
    o6_status = WdfObjectAllocateContext(o, &a, &p);
    assert_null(p);
}

/* [O6] An object being deleted takes no new context. */
static void O6_allocate_context_on_deleting_object_fails(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = o6_allocate_in_cleanup;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    WdfObjectDelete(o);
    assert_int_equal(o6_status, STATUS_DELETE_PENDING);
    t_expect_quiet();
}

/* [O7] Balanced references under a tag raise nothing. */
static void O7_balanced_tags_are_quiet(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReferenceWithTag(o, (PVOID)5);
    WdfObjectReferenceWithTag(o, (PVOID)5);
    WdfObjectReference(o);
    assert_int_equal(model_object_tag_count(t_id(o), (PVOID)5), 2);
    WdfObjectDereferenceWithTag(o, (PVOID)5);
    WdfObjectDereference(o);
    WdfObjectDereferenceWithTag(o, (PVOID)5);
    assert_int_equal(t_refs(o), 1);
    WdfObjectDelete(o);
    t_expect_quiet();
    assert_int_equal(t_state(o), STATE_FREED);
}

/* [O7] Releasing under a tag never acquired is reported; the count drops. */
static void O7_release_of_unacquired_tag_is_reported(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReferenceWithTag(o, (PVOID)7);
    WdfObjectDereferenceWithTag(o, (PVOID)8);
    t_expect_only(RULE_DEREFERENCE_UNBALANCED, 1);
    assert_int_equal(t_refs(o), 1);
    assert_int_equal(model_object_tag_count(t_id(o), (PVOID)7), 1);
}

/* [O7] Tags still held at unload are named in the leak report. */
static void O7_tags_held_at_unload_are_reported(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT o = t_object(NULL, WdfExecutionLevelInheritFromParent);

    WdfObjectReferenceWithTag(o, (PVOID)42);
    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_LEAK_AT_UNLOAD, 1);
    assert_non_null(strstr(t_events(), "42:1"));
}

/* [C9] Destroying an object with a tag still held is a warning; it can only
 * happen after an unbalanced release. */
static void C9_tag_held_at_destroy_is_a_warning(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReferenceWithTag(o, (PVOID)7);
    WdfObjectDereferenceWithTag(o, (PVOID)8);
    WdfObjectDelete(o);
    assert_int_equal(t_state(o), STATE_FREED);
    assert_int_equal(model_rule_count(RULE_TAG_HELD_AT_DESTROY), 1);
    assert_int_equal(model_rule_count(RULE_DEREFERENCE_UNBALANCED), 1);
    assert_int_equal(model_violation_count(), 2);
    assert_int_equal(model_rule_severity(RULE_TAG_HELD_AT_DESTROY), SEV_WARNING);
}

/* [C9] WdfObjectDereference (tag NULL) of the creation reference matches the
 * pre-seeded creation tag: not "unbalanced" but dereference-to-zero. */
static void C9_dereferencing_the_creation_reference_is_deref_to_zero(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectDereference(o);
    t_expect_only(RULE_DEREF_TO_ZERO, 1);
    assert_true(model_halted());
}

/* [C9] After a tagged reference, an untagged release takes the creation
 * reference's NULL entry (FxTagTracker::UpdateTagHistory): quiet then, but
 * the framework's own untagged release at the delete finds no entry and
 * breaks, and tag 5 is still held when the object is destroyed. Balanced,
 * the same life is quiet. */
static void C9_untagged_release_takes_the_creation_entry(void **state)
{
    WDFOBJECT o;

    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReferenceWithTag(o, (PVOID)5);
    WdfObjectDereference(o);
    t_expect_quiet();
    WdfObjectDelete(o);
    t_expect_events_in_order("call WdfObjectDelete o2 object",
                             "violation dereference-unbalanced break o2 object",
                             "violation tag-held-at-destroy warning o2 object", NULL);
    assert_int_equal(model_rule_count(RULE_DEREFERENCE_UNBALANCED), 1);
    assert_int_equal(model_rule_count(RULE_TAG_HELD_AT_DESTROY), 1);
    assert_int_equal(t_state(o), STATE_FREED);

    t_setup(state);
    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfObjectReferenceWithTag(o, (PVOID)5);
    WdfObjectDereferenceWithTag(o, (PVOID)5);
    WdfObjectDelete(o);
    t_expect_quiet();
    assert_int_equal(t_state(o), STATE_FREED);
}

/* [O1] The checker's light look at an object (model_object_node) says
 * what model_object_info says of its parent, state and count, and nothing
 * for an id that does not exist. */
static void O1_object_node_agrees_with_info(void **state)
{
    struct model_object_info info;
    WDFOBJECT p, c;
    uint32_t parent = 99, i;
    enum model_state st;
    int32_t refs = -9;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    c = t_object(p, WdfExecutionLevelInheritFromParent);
    WdfObjectReference(c);
    WdfObjectDelete(p);
    for (i = 1; i <= model_object_count(); i++) {
        assert_int_equal(model_object_info(i, &info), 0);
        assert_int_equal(model_object_node(i, &parent, &st, &refs), 0);
        assert_int_equal(parent, info.parent);
        assert_int_equal(st, info.state);
        assert_int_equal(refs, info.refs);
    }
    assert_int_equal(model_object_node(model_object_count() + 1, &parent, &st, &refs), -1);
    assert_int_equal(model_object_node(0, &parent, &st, &refs), -1);
    assert_int_equal(refs, info.refs); /* left alone */
    WdfObjectDereference(c);
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(O1_new_object_has_one_reference, t_setup),
        cmocka_unit_test_setup(O2_default_parent_is_the_driver, t_setup),
        cmocka_unit_test_setup(O2_driver_create_refuses_a_parent, t_setup),
        cmocka_unit_test_setup(O2_deleting_parent_refuses_children, t_setup),
        cmocka_unit_test_setup(O3_lock_memory_collection_refuse_execution_level, t_setup),
        cmocka_unit_test_setup(O4_collection_references_its_items, t_setup),
        cmocka_unit_test_setup(O4_remove_nonmember_breaks, t_setup),
        cmocka_unit_test_setup(O4_deleted_item_lives_until_removed, t_setup),
        cmocka_unit_test_setup(C5_collection_releases_items_at_destroy, t_setup),
        cmocka_unit_test_setup(O5_null_handle_is_invalid, t_setup),
        cmocka_unit_test_setup(O5_wrong_type_is_invalid, t_setup),
        cmocka_unit_test_setup(O5_handle_valid_while_referenced_then_dangles, t_setup),
        cmocka_unit_test_setup(O5_stale_handle_from_earlier_run_is_invalid, t_setup),
        cmocka_unit_test_setup(O6_context_readable_in_destroy, t_setup),
        cmocka_unit_test_setup(O6_allocate_context_existing_and_new, t_setup),
        cmocka_unit_test_setup(O6_allocate_context_on_deleting_object_fails, t_setup),
        cmocka_unit_test_setup(O1_object_node_agrees_with_info, t_setup),
        cmocka_unit_test_setup(O7_balanced_tags_are_quiet, t_setup),
        cmocka_unit_test_setup(O7_release_of_unacquired_tag_is_reported, t_setup),
        cmocka_unit_test_setup(O7_tags_held_at_unload_are_reported, t_setup),
        cmocka_unit_test_setup(C9_tag_held_at_destroy_is_a_warning, t_setup),
        cmocka_unit_test_setup(C9_dereferencing_the_creation_reference_is_deref_to_zero, t_setup),
        cmocka_unit_test_setup(C9_untagged_release_takes_the_creation_entry, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
