/*
 * test_pool.c - the driver's own pool allocations (ExAllocatePool2,
 * ExAllocatePoolWithTag, ExFreePoolWithTag, ExFreePool), tracked as Driver
 * Verifier's pool tracking does.
 *
 * Each fact of docs/WDF-SEMANTICS.md section 9 (and the choices C11-C13)
 * has a test named for it; each pool rule is shown firing on the misuse and
 * silent on the correct use. The rest: fault plans reach pool allocations,
 * freed blocks are poisoned and never reused, and a reset leaves nothing
 * behind, so the same calls give the same events every time.
 */
#include <stdio.h>
#include <string.h>

#include "testlib.h"

/* A tag from its four characters in memory order: what a driver writes as
 * 'kaeL' (a multi-character literal) shows as "Leak" in pool dumps. */
#define TAG4(a, b, c, d) \
    ((ULONG)(a) | (ULONG)(b) << 8 | (ULONG)(c) << 16 | (ULONG)(d) << 24)
#define TAG_LEAK TAG4('L', 'e', 'a', 'k')
#define TAG_POOL TAG4('P', 'o', 'o', 'l')
#define TAG_OTHR TAG4('O', 't', 'h', 'r')

/* Nonzero when all `n` bytes at `p` are `v`. */
static int all_bytes(const void *p, size_t n, unsigned char v)
{
    const unsigned char *b = p;
    size_t i;

    for (i = 0; i < n; i++)
        if (b[i] != v)
            return 0;
    return 1;
}

/* Arms a fault plan of `mode` with `n` (nth/after) at site pool-allocate. */
static void arm(enum model_fault_mode mode, uint32_t n)
{
    struct model_fault_plan plan = {.mode = mode, .n = n, .site = SITE_POOL_ALLOCATE};

    model_fault_arm(&plan);
}

/* The pool routines are kernel routines: they work before WdfDriverCreate
 * and after WdfDriverMiniportUnload, and a block from either allocation
 * routine can be freed by either free routine. */
static void P1_pool_routines_need_no_framework_driver(void **state)
{
    PVOID early, late;

    early = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, TAG_POOL);
    assert_non_null(early);
    t_driver();
    WdfDriverMiniportUnload(WdfGetDriver());
    ExFreePool(early);
    late = ExAllocatePoolWithTag(NonPagedPoolNx, 16, TAG_POOL);
    assert_non_null(late);
    ExFreePoolWithTag(late, TAG_POOL);
    t_expect_quiet();
    assert_int_equal(model_pool_outstanding(), 0);
    t_expect_events_in_order("call ExAllocatePool2", "return ExAllocatePool2 STATUS_SUCCESS",
                             "call WdfDriverCreate", "call ExFreePool",
                             "call ExAllocatePoolWithTag", "call ExFreePoolWithTag", NULL);
}

/* ExAllocatePool2 zeroes unless asked not to, and returns NULL for a zero
 * tag or an unknown required flag, without allocating; unknown optional
 * flags are ignored. The flags have the documented values. */
static void P2_pool2_zeroes_and_refuses_bad_requests(void **state)
{
    PVOID z, u;

    assert_true(POOL_FLAG_USE_QUOTA == 0x1 && POOL_FLAG_UNINITIALIZED == 0x2);
    assert_true(POOL_FLAG_SESSION == 0x4 && POOL_FLAG_CACHE_ALIGNED == 0x8);
    assert_true(POOL_FLAG_RAISE_ON_FAILURE == 0x20 && POOL_FLAG_NON_PAGED == 0x40);
    assert_true(POOL_FLAG_NON_PAGED_EXECUTE == 0x80 && POOL_FLAG_PAGED == 0x100);
    assert_true(POOL_FLAG_LAST_KNOWN_REQUIRED == 0x400);
    assert_true(POOL_FLAG_SPECIAL_POOL == 0x100000000ULL);
    assert_int_equal(sizeof(POOL_FLAGS), 8);

    z = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_POOL);
    u = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_UNINITIALIZED, 64, TAG_POOL);
    assert_non_null(z);
    assert_non_null(u);
    assert_true(all_bytes(z, 64, 0));
    assert_true(all_bytes(u, 64, 0xA5));
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 0));
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED | 0x100000ULL, 64, TAG_POOL));
    assert_int_equal(model_alloc_count(), 2);
    ExFreePoolWithTag(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_SPECIAL_POOL |
                                          (1ULL << 40), 8, TAG_POOL),
                      TAG_POOL);
    ExFreePoolWithTag(z, TAG_POOL);
    ExFreePoolWithTag(u, TAG_POOL);
    t_expect_quiet();
    t_expect_events_in_order("return ExAllocatePool2 STATUS_INVALID_PARAMETER", NULL);
}

/* ExAllocatePoolWithTag's memory is uninitialized: the model's pattern,
 * the same every time. It is real memory the driver can use. */
static void P3_pool_with_tag_memory_is_uninitialized(void **state)
{
    struct model_pool_info info;
    unsigned char *p = ExAllocatePoolWithTag(PagedPool, 40, TAG_POOL);

    assert_non_null(p);
    assert_true(all_bytes(p, 40, 0xA5));
    memset(p, 7, 40);
    assert_true(all_bytes(p, 40, 7));
    assert_int_equal(model_pool_info(1, &info), 0);
    assert_int_equal(info.tag, TAG_POOL);
    assert_int_equal(info.size, 40);
    assert_int_equal(info.paged, 1);
    assert_int_equal(info.freed, 0);
    assert_int_equal(info.ddi, DDI_ExAllocatePoolWithTag);
    ExFreePoolWithTag(p, TAG_POOL);
    assert_int_equal(model_pool_info(1, &info), 0);
    assert_int_equal(info.freed, 1);
    assert_int_equal(model_pool_info(2, &info), -1);
    t_expect_quiet();
}

/* Non-paged pool up to DISPATCH_LEVEL, paged pool up to APC_LEVEL, both to
 * allocate and to free; above that irql-too-high, the allocation returns
 * NULL and the free does nothing. */
static void P4_paged_pool_only_at_apc_level(void **state)
{
    PVOID a, b, paged;

    paged = ExAllocatePool2(POOL_FLAG_PAGED, 16, TAG_POOL);
    model_set_irql(APC_LEVEL);
    ExFreePoolWithTag(ExAllocatePoolWithTag(PagedPool, 16, TAG_POOL), TAG_POOL);
    model_set_irql(DISPATCH_LEVEL);
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, TAG_POOL);
    b = ExAllocatePoolWithTag(NonPagedPoolNx, 16, TAG_POOL);
    assert_non_null(a);
    assert_non_null(b);
    ExFreePoolWithTag(a, TAG_POOL);
    ExFreePool(b);
    t_expect_quiet();

    assert_null(ExAllocatePool2(POOL_FLAG_PAGED, 16, TAG_POOL));
    assert_null(ExAllocatePoolWithTag(PagedPoolCacheAligned, 16, TAG_POOL));
    ExFreePoolWithTag(paged, TAG_POOL);
    assert_int_equal(model_pool_outstanding(), 1);
    model_set_irql(DISPATCH_LEVEL + 1);
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, TAG_POOL));
    t_expect_only(RULE_IRQL_TOO_HIGH, 4);
    t_expect_events_in_order("violation irql-too-high break in ExAllocatePool2",
                             "violation irql-too-high break in ExAllocatePoolWithTag",
                             "violation irql-too-high break in ExFreePoolWithTag", NULL);
    model_set_irql(APC_LEVEL);
    ExFreePoolWithTag(paged, TAG_POOL);
    assert_int_equal(model_pool_outstanding(), 0);
    t_expect_only(RULE_IRQL_TOO_HIGH, 4);
}

/* A zero-byte allocation is reported, and served with a block that has no
 * usable byte. */
static void P5_zero_byte_allocation_is_reported(void **state)
{
    PVOID one, zero;

    one = ExAllocatePool2(POOL_FLAG_NON_PAGED, 1, TAG_POOL);
    ExFreePoolWithTag(one, TAG_POOL);
    t_expect_quiet();
    zero = ExAllocatePool2(POOL_FLAG_NON_PAGED, 0, TAG_POOL);
    assert_non_null(zero);
#ifdef HAVE_ASAN
    assert_true(__asan_address_is_poisoned(zero));
#endif
    ExFreePoolWithTag(zero, TAG_POOL);
    ExFreePool(ExAllocatePoolWithTag(NonPagedPool, 0, TAG_POOL));
    assert_int_equal(model_pool_outstanding(), 0);
    t_expect_only(RULE_POOL_ZERO_SIZE, 2);
}

/* A block freed twice: BAD_POOL_CALLER 0x07, the machine stops. */
static void P6_double_free_is_a_bugcheck(void **state)
{
    PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 24, TAG_LEAK);

    ExFreePoolWithTag(p, TAG_LEAK);
    t_expect_quiet();
    ExFreePool(p);
    t_expect_only(RULE_POOL_DOUBLE_FREE, 1);
    assert_true(model_halted());
    t_expect_events_in_order(
        "violation pool-double-free bugcheck in ExFreePool at test_pool.c:", NULL);
    t_expect_events_in_order(": tag 'Leak', 24 bytes, already freed", NULL);
}

/* Freeing an address no allocation returned: NULL, the middle of a block,
 * the driver's own memory. Nothing is freed. */
static void P6_free_of_an_address_never_allocated(void **state)
{
    unsigned char *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, TAG_POOL);
    ULONG local = 0;

    ExFreePool(NULL);
    ExFreePoolWithTag(p + 8, TAG_POOL);
    ExFreePoolWithTag(&local, TAG_POOL);
    t_expect_only(RULE_POOL_FREE_INVALID, 3);
    assert_false(model_halted());
    assert_int_equal(model_pool_outstanding(), 1);
    t_expect_events_in_order("pool-free-invalid ub in ExFreePool at test_pool.c:",
                             ": P is NULL", ": P was not returned by a pool allocation", NULL);
    t_forget_violations();
    ExFreePoolWithTag(p, TAG_POOL);
    t_expect_quiet();
}

/* A freed block is poisoned and its address is not handed out again. */
static void P6_freed_block_is_poisoned_and_not_reused(void **state)
{
    unsigned char *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 48, TAG_POOL), *q;

    memset(p, 1, 48);
    ExFreePoolWithTag(p, TAG_POOL);
    q = ExAllocatePool2(POOL_FLAG_NON_PAGED, 48, TAG_POOL);
    assert_ptr_not_equal(p, q);
#ifdef HAVE_ASAN
    assert_true(__asan_address_is_poisoned(p));
    assert_true(__asan_address_is_poisoned(p + 47));
    assert_false(__asan_address_is_poisoned(q));
#endif
    ExFreePoolWithTag(q, TAG_POOL);
    t_expect_quiet();
}

/* ExFreePoolWithTag with another tag: BAD_POOL_CALLER 0x0A. */
static void P7_free_with_another_tag_is_a_bugcheck(void **state)
{
    PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL);
    PVOID q = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL);

    ExFreePoolWithTag(p, TAG_POOL);
    t_expect_quiet();
    ExFreePoolWithTag(q, TAG_OTHR);
    t_expect_only(RULE_POOL_FREE_WRONG_TAG, 1);
    assert_int_equal(model_pool_outstanding(), 1);
    t_expect_events_in_order(
        "violation pool-free-wrong-tag bugcheck in ExFreePoolWithTag at test_pool.c:",
        ": freed with tag 'Othr', allocated with tag 'Pool'", NULL);
}

/* Tag 0, and ExFreePool, skip the tag check. */
static void P7_tag_zero_and_ExFreePool_skip_the_check(void **state)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPool, 8, TAG_POOL), 0);
    ExFreePool(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_OTHR));
    assert_int_equal(model_pool_outstanding(), 0);
    t_expect_quiet();
}

/* What a miniport's life leaves: its pool blocks must be freed before the
 * image unloads; each one that is not is a leak at the line that made it. */
static void P8_outstanding_blocks_leak_at_image_unload(void **state)
{
    char want[160];
    PVOID ctx, table, leak;
    int line;

    t_driver();
    ctx = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_POOL);
    table = ExAllocatePoolWithTag(PagedPool, 128, TAG_POOL);
    line = __LINE__ + 1;
    leak = ExAllocatePoolWithTag(NonPagedPoolNx, 24, TAG_LEAK);
    assert_non_null(leak);
    WdfDriverMiniportUnload(WdfGetDriver());
    ExFreePoolWithTag(ctx, TAG_POOL);
    ExFreePoolWithTag(table, TAG_POOL);
    t_expect_quiet();
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_only(RULE_POOL_LEAK_AT_UNLOAD, 1);
    snprintf(want, sizeof(want),
             "violation pool-leak-at-unload break in ExAllocatePoolWithTag at test_pool.c:%d: "
             "tag 'Leak', 24 bytes, not freed before the image unloaded",
             line);
    t_expect_events_in_order(want, NULL);
}

/* The same life with every block freed is quiet at image unload. */
static void P8_image_unload_is_quiet_when_all_is_freed(void **state)
{
    PVOID p;

    t_driver();
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_POOL);
    WdfDriverMiniportUnload(WdfGetDriver());
    ExFreePoolWithTag(p, TAG_POOL);
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_quiet();
}

/* POOL_FLAG_RAISE_ON_FAILURE: a failure raises, and nothing in driver code
 * built here can handle it. Without a failure, or without the flag, quiet. */
static void C11_raise_on_failure_is_an_unhandled_exception(void **state)
{
    PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, TAG_POOL);

    assert_non_null(p);
    ExFreePoolWithTag(p, TAG_POOL);
    arm(FAULT_SITE, 0);
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL));
    t_expect_quiet();
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 8, TAG_POOL));
    t_expect_only(RULE_POOL_RAISE_UNHANDLED, 1);
    assert_true(model_halted());
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL));
    t_expect_events_in_order("fault pool-allocate in ExAllocatePool2",
                             "violation pool-raise-unhandled bugcheck in ExAllocatePool2", NULL);
}

/* Each leak is reported once, in allocation order, with its tag in hex when
 * it is not printable; leaked blocks stay allocated and usable. */
static void C12_each_leak_is_reported_once(void **state)
{
    unsigned char *a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_LEAK);
    unsigned char *b = ExAllocatePoolWithTag(NonPagedPool, 4, 0x01020304);

    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_only(RULE_POOL_LEAK_AT_UNLOAD, 2);
    t_expect_events_in_order(": tag 'Leak', 8 bytes, not freed",
                             ": tag 0x01020304, 4 bytes, not freed", NULL);
    assert_int_equal(model_pool_outstanding(), 2);
    a[7] = b[3] = 1;
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_only(RULE_POOL_LEAK_AT_UNLOAD, 2);
    ExFreePoolWithTag(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL), TAG_POOL);
    (void)ExAllocatePool2(POOL_FLAG_PAGED, 2, TAG_OTHR);
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_only(RULE_POOL_LEAK_AT_UNLOAD, 3);
    t_expect_events_in_order(": tag 'Othr', 2 bytes, not freed", NULL);
}

/* Flags naming no pool type, or two, are invalid: NULL, nothing counted. */
static void C13_flags_name_exactly_one_pool(void **state)
{
    assert_null(ExAllocatePool2(POOL_FLAG_UNINITIALIZED, 8, TAG_POOL));
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 8, TAG_POOL));
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE, 8, TAG_POOL));
    assert_int_equal(model_alloc_count(), 0);
    ExFreePool(ExAllocatePool2(POOL_FLAG_NON_PAGED_EXECUTE, 8, TAG_POOL));
    assert_int_equal(model_alloc_count(), 1);
    t_expect_quiet();
}

/* Fault plans reach pool allocations: a site plan fails them and nothing
 * else, nth counts them with the framework's, after (the framework's own
 * count) does not. A block past the
 * model's largest fails with no fault, as from an exhausted pool. */
static void fault_plans_reach_pool_allocations(void **state)
{
    WDFOBJECT o;
    void *p;

    t_driver();
    arm(FAULT_SITE, 0);
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL));
    assert_null(ExAllocatePoolWithTag(NonPagedPool, 8, TAG_POOL));
    assert_int_equal(model_faults_injected(), 2);
    t_expect_events_in_order("fault pool-allocate in ExAllocatePool2",
                             "return ExAllocatePool2 STATUS_INSUFFICIENT_RESOURCES",
                             "fault pool-allocate in ExAllocatePoolWithTag", NULL);

    arm(FAULT_NTH, 2);
    ExFreePool(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL));
    assert_null(ExAllocatePoolWithTag(NonPagedPool, 8, TAG_POOL));
    ExFreePool(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL));
    assert_int_equal(model_faults_injected(), 1);

    /* after= is the framework's count (VerifierAllocateFailCount): the
     * driver's own pool is the kernel's, outside it [C19]. */
    arm(FAULT_AFTER, 2);
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, TAG_POOL);
    assert_non_null(p);
    ExFreePool(p);
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_faults_injected(), 1);

    arm(FAULT_OFF, 0);
    assert_null(ExAllocatePool2(POOL_FLAG_NON_PAGED, MODEL_MAX_BLOCK + 1, TAG_POOL));
    assert_int_equal(model_faults_injected(), 0);
    assert_int_equal(model_pool_outstanding(), 0);
    t_expect_quiet();
}

/* A short life with pool: two blocks, one freed, a free of the middle of
 * the other, which then leaks at image unload. */
static void pool_life(void)
{
    PVOID a, b;

    t_driver();
    a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, TAG_POOL);
    b = ExAllocatePoolWithTag(PagedPool, 32, TAG_LEAK);
    ExFreePool(a);
    ExFreePool((unsigned char *)b + 1);
    WdfDriverMiniportUnload(WdfGetDriver());
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
}

/* A reset forgets every block, so each run starts afresh and the same calls
 * give the same events, byte for byte. */
static void reset_clears_the_pool_and_runs_repeat(void **state)
{
    static char first[64 * 1024];
    struct model_pool_info info;
    int i;

    pool_life();
    snprintf(first, sizeof(first), "%s", t_events());
    assert_int_equal(model_pool_outstanding(), 1);
    for (i = 0; i < 3; i++) {
        t_setup(state);
        assert_int_equal(model_pool_outstanding(), 0);
        assert_int_equal(model_pool_info(1, &info), -1);
        pool_life();
        assert_string_equal(t_events(), first);
        assert_int_equal(model_pool_outstanding(), 1);
    }
    t_expect_events_in_order("violation pool-free-invalid", "violation pool-leak-at-unload", NULL);
}

/* Many blocks: each is found again by its address, whatever the order of
 * the frees. */
static void many_blocks_are_tracked(void **state)
{
    static PVOID p[500];
    int i;

    for (i = 0; i < 500; i++)
        p[i] = ExAllocatePoolWithTag(NonPagedPool, (SIZE_T)(i % 7 + 1), (ULONG)(i + 1));
    for (i = 0; i < 500; i += 2)
        ExFreePoolWithTag(p[i], (ULONG)(i + 1));
    for (i = 499; i > 0; i -= 2)
        ExFreePoolWithTag(p[i], (ULONG)(i + 1));
    assert_int_equal(model_pool_outstanding(), 0);
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(P1_pool_routines_need_no_framework_driver, t_setup),
        cmocka_unit_test_setup(P2_pool2_zeroes_and_refuses_bad_requests, t_setup),
        cmocka_unit_test_setup(P3_pool_with_tag_memory_is_uninitialized, t_setup),
        cmocka_unit_test_setup(P4_paged_pool_only_at_apc_level, t_setup),
        cmocka_unit_test_setup(P5_zero_byte_allocation_is_reported, t_setup),
        cmocka_unit_test_setup(P6_double_free_is_a_bugcheck, t_setup),
        cmocka_unit_test_setup(P6_free_of_an_address_never_allocated, t_setup),
        cmocka_unit_test_setup(P6_freed_block_is_poisoned_and_not_reused, t_setup),
        cmocka_unit_test_setup(P7_free_with_another_tag_is_a_bugcheck, t_setup),
        cmocka_unit_test_setup(P7_tag_zero_and_ExFreePool_skip_the_check, t_setup),
        cmocka_unit_test_setup(P8_outstanding_blocks_leak_at_image_unload, t_setup),
        cmocka_unit_test_setup(P8_image_unload_is_quiet_when_all_is_freed, t_setup),
        cmocka_unit_test_setup(C11_raise_on_failure_is_an_unhandled_exception, t_setup),
        cmocka_unit_test_setup(C12_each_leak_is_reported_once, t_setup),
        cmocka_unit_test_setup(C13_flags_name_exactly_one_pool, t_setup),
        cmocka_unit_test_setup(fault_plans_reach_pool_allocations, t_setup),
        cmocka_unit_test_setup(reset_clears_the_pool_and_runs_repeat, t_setup),
        cmocka_unit_test_setup(many_blocks_are_tracked, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
