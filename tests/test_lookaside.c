/*
 * test_lookaside.c - WDFLOOKASIDE: creating a list, the buffers it hands
 * out (their parent, their reference on the list, their allocations), and
 * deleting the list while buffers live (docs/WDF-SEMANTICS.md [L1]-[L4]).
 *
 * Each test builds a driver (o1), and a miniport device (o2) where one is
 * needed, with the testlib builders, and checks statuses, parents, states,
 * reference counts, the callback log, the allocations made (by failing
 * their sites) and the rules that fired.
 */
#include "testlib.h"

#include <string.h>

static void fail_site(enum model_site s)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = s};

    model_fault_arm(&plan);
}

static struct model_object_info info_of(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info;
}

/* A list with recording callbacks under `parent`, whose buffers get
 * recording callbacks under `mparent` (NULL: none given). */
static WDFLOOKASIDE list(WDFOBJECT parent, size_t size, POOL_TYPE pool, WDFOBJECT mparent)
{
    WDF_OBJECT_ATTRIBUTES la, ma;
    WDFLOOKASIDE l = NULL;

    t_attributes(&la, parent);
    t_attributes(&ma, mparent);
    assert_int_equal(WdfLookasideListCreate(&la, size, pool, &ma, 0, &l), STATUS_SUCCESS);
    assert_non_null(l);
    return l;
}

static WDFMEMORY buffer(WDFLOOKASIDE l)
{
    WDFMEMORY m = NULL;

    assert_int_equal(WdfMemoryCreateFromLookaside(l, &m), STATUS_SUCCESS);
    assert_non_null(m);
    return m;
}

/* ---- [L1] the list ---- */

static void L1_list_defaults_to_the_driver(void **state)
{
    WDFLOOKASIDE l = NULL;

    (void)state;
    t_driver();
    assert_int_equal(WdfLookasideListCreate(NULL, 64, NonPagedPoolNx, NULL, 0, &l), STATUS_SUCCESS);
    assert_int_equal(info_of(l).type, TYPE_LOOKASIDE);
    assert_int_equal(info_of(l).parent, 1);
    assert_false(info_of(l).passive_dispose);
    l = list(NULL, 64, PagedPool, NULL);
    assert_true(info_of(l).passive_dispose);
    t_expect_quiet();
}

static void L1_list_create_checks(void **state)
{
    WDF_OBJECT_ATTRIBUTES la, ma;
    WDFDEVICE d0, d1;
    WDFLOOKASIDE l = (WDFLOOKASIDE)1;

    (void)state;
    t_driver();
    d0 = t_device(0);
    d1 = t_device(1);
    assert_int_equal(WdfLookasideListCreate(NULL, 0, NonPagedPoolNx, NULL, 0, &l),
                     STATUS_INVALID_PARAMETER);
    assert_null(l);
    /* past the model's largest block: refused, with no fault */
    assert_int_equal(WdfLookasideListCreate(NULL, MODEL_MAX_BLOCK + 1, NonPagedPoolNx, NULL, 0, &l),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_faults_injected(), 0);
    t_attributes(&ma, NULL);
    ma.ExecutionLevel = WdfExecutionLevelPassive;
    assert_int_equal(WdfLookasideListCreate(NULL, 8, NonPagedPoolNx, &ma, 0, &l),
                     STATUS_WDF_EXECUTION_LEVEL_INVALID);
    /* a paged list's two parents under two devices */
    t_attributes(&la, d0);
    t_attributes(&ma, d1);
    assert_int_equal(WdfLookasideListCreate(&la, 8, PagedPool, &ma, 0, &l), STATUS_INVALID_PARAMETER);
    assert_int_equal(WdfLookasideListCreate(&la, 8, NonPagedPoolNx, &ma, 0, &l), STATUS_SUCCESS);
    fail_site(SITE_LOOKASIDE_OBJECT);
    assert_int_equal(WdfLookasideListCreate(NULL, 8, NonPagedPoolNx, NULL, 0, &l),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_null(l);
    t_expect_quiet();
}

static void L1_paged_list_needs_passive_level(void **state)
{
    WDFLOOKASIDE l;

    (void)state;
    t_driver();
    model_set_irql(APC_LEVEL);
    assert_int_equal(WdfLookasideListCreate(NULL, 8, PagedPool, NULL, 0, &l),
                     STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    model_set_irql(DISPATCH_LEVEL);
    assert_int_equal(WdfLookasideListCreate(NULL, 8, NonPagedPoolNx, NULL, 0, &l), STATUS_SUCCESS);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

static void L1_null_out_pointer_is_a_bugcheck(void **state)
{
    (void)state;
    t_driver();
    WdfLookasideListCreate(NULL, 8, NonPagedPoolNx, NULL, 0, NULL);
    t_expect_only(RULE_NULL_PARAMETER, 1);
    assert_true(model_halted());
}

/* ---- [L2] buffers and their list ---- */

static void L2_buffer_parent_is_the_memory_parent_never_the_list(void **state)
{
    WDFDEVICE dev;
    WDFLOOKASIDE l, l2;
    WDFMEMORY m, m2;

    (void)state;
    t_driver();
    dev = t_device(0);
    l = list(dev, 32, NonPagedPoolNx, NULL);
    m = buffer(l);
    assert_int_equal(info_of(m).type, TYPE_MEMORY);
    assert_int_equal(info_of(m).parent, 1); /* the driver */
    l2 = list(NULL, 32, NonPagedPoolNx, dev);
    m2 = buffer(l2);
    assert_int_equal(info_of(m2).parent, t_id(dev));
    assert_int_equal(t_refs(l), 2);
    assert_int_equal(model_object_tag_count(t_id(l), NULL), 1);
    t_expect_quiet();
}

static void L2_deleting_the_list_while_buffers_live_is_safe(void **state)
{
    WDFLOOKASIDE l;
    WDFMEMORY m1, m2;
    void *p;
    size_t size = 0;

    (void)state;
    t_driver();
    l = list(NULL, 32, NonPagedPoolNx, NULL);
    m1 = buffer(l);
    m2 = buffer(l);
    assert_int_equal(t_refs(l), 3);
    WdfObjectDelete(l);
    assert_int_equal(t_state(l), STATE_DISPOSED); /* cleanup ran, not freed */
    assert_int_equal(t_refs(l), 2);
    assert_int_equal(t_state(m1), STATE_CREATED);
    p = WdfMemoryGetBuffer(m1, &size);
    assert_non_null(p);
    assert_int_equal(size, 32);
    memset(p, 0x5A, size);
    WdfObjectDelete(m1);
    assert_int_equal(t_state(l), STATE_DISPOSED);
    WdfObjectDelete(m2);
    assert_int_equal(t_state(l), STATE_FREED);
    /* the list goes after its last buffer's memory */
    t_expect_log("cleanup o2", "cleanup o3", "destroy o3", "cleanup o4", "destroy o4",
                 "destroy o2", NULL);
    t_expect_quiet();
}

static void L2_buffer_of_a_deleted_parent_is_refused(void **state)
{
    WDFOBJECT o;
    WDFLOOKASIDE l;
    WDFMEMORY m = (WDFMEMORY)1;

    (void)state;
    t_driver();
    o = t_object(NULL, WdfExecutionLevelInheritFromParent);
    l = list(NULL, 32, NonPagedPoolNx, o);
    WdfObjectReference(o);
    WdfObjectDelete(o);
    assert_int_equal(WdfMemoryCreateFromLookaside(l, &m), STATUS_DELETE_PENDING);
    assert_null(m);
    assert_int_equal(t_refs(l), 1);
    t_expect_quiet();
}

/* ---- [L3] the buffers' allocations and levels ---- */

static void L3_small_nonpaged_buffer_is_one_kernel_block(void **state)
{
    WDFLOOKASIDE l;
    WDFMEMORY m = (WDFMEMORY)1;
    uint32_t n;

    (void)state;
    t_driver();
    l = list(NULL, 100, NonPagedPoolNx, NULL);
    n = model_object_count();
    fail_site(SITE_LOOKASIDE_MEMORY_BUFFER);
    buffer(l);
    assert_int_equal(model_faults_injected(), 0);
    fail_site(SITE_LOOKASIDE_MEMORY_OBJECT);
    assert_int_equal(WdfMemoryCreateFromLookaside(l, &m), STATUS_INSUFFICIENT_RESOURCES);
    assert_null(m);
    assert_int_equal(model_object_count(), n + 1);
    assert_int_equal(model_site_kind(SITE_LOOKASIDE_MEMORY_OBJECT), SITE_KIND_KERNEL);
    t_expect_quiet();
}

static void L3_large_or_paged_buffer_is_two_blocks(void **state)
{
    WDFLOOKASIDE big, paged;
    WDFMEMORY m;

    (void)state;
    t_driver();
    big = list(NULL, 4096, NonPagedPoolNx, NULL);
    paged = list(NULL, 16, PagedPool, NULL);
    fail_site(SITE_LOOKASIDE_MEMORY_BUFFER);
    assert_int_equal(WdfMemoryCreateFromLookaside(big, &m), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(WdfMemoryCreateFromLookaside(paged, &m), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_faults_injected(), 2);
    assert_int_equal(t_refs(big), 1);
    assert_int_equal(t_refs(paged), 1);
    t_expect_quiet();
}

static void L3_paged_buffers_dispose_at_passive(void **state)
{
    WDFLOOKASIDE l;
    WDFMEMORY m;

    (void)state;
    t_driver();
    l = list(NULL, 16, PagedPool, NULL);
    m = buffer(l);
    assert_true(info_of(m).passive_dispose);
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(m);
    assert_int_equal(t_state(m), STATE_DEFERRED);
    assert_int_equal(WdfMemoryCreateFromLookaside(l, &m), STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    model_set_irql(PASSIVE_LEVEL);
    t_forget_violations();
    assert_int_equal(model_run_deferred(), 1);
    assert_int_equal(t_refs(l), 1);
    t_expect_quiet();
}

/* ---- [L4] unload ---- */

static void L4_list_and_leftover_buffers_go_at_unload(void **state)
{
    WDFDRIVER drv;
    WDFLOOKASIDE l;
    WDFMEMORY m;

    (void)state;
    drv = t_driver();
    l = list(NULL, 32, NonPagedPoolNx, NULL);
    m = buffer(l);
    WdfDriverMiniportUnload(drv);
    assert_int_equal(t_state(l), STATE_FREED);
    assert_int_equal(t_state(m), STATE_FREED);
    assert_true(t_log_index("destroy o3") < t_log_index("destroy o2"));
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(L1_list_defaults_to_the_driver, t_setup),
        cmocka_unit_test_setup(L1_list_create_checks, t_setup),
        cmocka_unit_test_setup(L1_paged_list_needs_passive_level, t_setup),
        cmocka_unit_test_setup(L1_null_out_pointer_is_a_bugcheck, t_setup),
        cmocka_unit_test_setup(L2_buffer_parent_is_the_memory_parent_never_the_list, t_setup),
        cmocka_unit_test_setup(L2_deleting_the_list_while_buffers_live_is_safe, t_setup),
        cmocka_unit_test_setup(L2_buffer_of_a_deleted_parent_is_refused, t_setup),
        cmocka_unit_test_setup(L3_small_nonpaged_buffer_is_one_kernel_block, t_setup),
        cmocka_unit_test_setup(L3_large_or_paged_buffer_is_two_blocks, t_setup),
        cmocka_unit_test_setup(L3_paged_buffers_dispose_at_passive, t_setup),
        cmocka_unit_test_setup(L4_list_and_leftover_buffers_go_at_unload, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
