/*
 * test_alloc.c - the allocator's fault plans and the poisoning arena.
 *
 * Fault plans count from the moment they are armed: the Nth allocation once,
 * every allocation after the first N (the KMDF verifier's
 * VerifierAllocateFailCount), every allocation of one site, or a seeded
 * share. The torture test at the end runs the demo miniport's whole life
 * with each of its allocations failing in turn, and checks after each that a
 * failure came back exactly when a fault was injected and that the driver's
 * error paths leave nothing behind.
 */
#include <string.h>

#include "demo_miniport.h"
#include "testlib.h"

typedef struct _BUF_CONTEXT {
    UCHAR Bytes[40];
} BUF_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(BUF_CONTEXT)

/* Creates one generic object; returns its status. */
static NTSTATUS create_one(void)
{
    WDFOBJECT o;

    return WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o);
}

/* FAULT_NTH fails the Nth allocation after arming, once. A WdfObjectCreate
 * makes two: the FxUserObject, then the verifier's lock, whose failure the
 * framework ignores [C19]. */
static void nth_allocation_fails_once(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_NTH, .n = 5};
    int i;

    t_driver();
    model_fault_arm(&plan);
    for (i = 1; i <= 5; i++)
        assert_int_equal(create_one(), i == 3 ? STATUS_INSUFFICIENT_RESOURCES : STATUS_SUCCESS);
    assert_int_equal(model_alloc_count(), 9); /* the failed object has no lock */
    assert_int_equal(model_faults_injected(), 1);
    t_expect_quiet();

    plan.n = 4; /* the second object's verifier lock: nothing fails */
    model_fault_arm(&plan);
    for (i = 1; i <= 3; i++)
        assert_int_equal(create_one(), STATUS_SUCCESS);
    assert_int_equal(model_faults_injected(), 1);
    t_expect_quiet();
}

/* FAULT_AFTER lets N of the framework's allocations succeed, then fails
 * every one of them (VerifierAllocateFailCount); an object and its
 * verifier lock are two. */
static void after_n_every_allocation_fails(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_AFTER, .n = 4};
    int i;

    t_driver();
    model_fault_arm(&plan);
    for (i = 1; i <= 5; i++)
        assert_int_equal(create_one(), i <= 2 ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_faults_injected(), 3);
}

/* FAULT_SITE fails every allocation of one site and no other. */
static void site_fails_persistently(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_COLLECTION_ENTRY};
    WDFCOLLECTION c;
    WDFOBJECT o;

    t_driver();
    model_fault_arm(&plan);
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    /* FxCollection::Add reports its failed entry as STATUS_UNSUCCESSFUL */
    assert_int_equal(WdfCollectionAdd(c, o), STATUS_UNSUCCESSFUL);
    assert_int_equal(WdfCollectionAdd(c, o), STATUS_UNSUCCESSFUL);
    assert_int_equal(t_refs(o), 1);
    assert_int_equal(model_faults_injected(), 2);
    t_expect_events_in_order("fault collection-entry in WdfCollectionAdd", NULL);
}

/* Records which of 64 creations failed under a percent plan. */
static uint64_t percent_pattern(uint32_t percent, uint64_t seed)
{
    struct model_fault_plan plan = {.mode = FAULT_PERCENT, .percent = percent, .seed = seed};
    uint64_t bits = 0;
    int i;

    model_reset();
    t_driver();
    model_fault_arm(&plan);
    for (i = 0; i < 64; i++)
        if (create_one() != STATUS_SUCCESS)
            bits |= 1ull << i;
    return bits;
}

/* FAULT_PERCENT is repeatable from its seed, and 0 and 100 are exact. */
static void percent_is_seeded_and_repeatable(void **state)
{
    uint64_t a = percent_pattern(30, 7), b = percent_pattern(30, 7), c = percent_pattern(30, 8);

    assert_true(a == b);
    assert_true(a != c);
    assert_true(a != 0 && a != ~0ull);
    assert_true(percent_pattern(0, 7) == 0);
    assert_true(percent_pattern(100, 7) == ~0ull);
}

/* Site names are stable and round-trip. */
static void site_names_round_trip(void **state)
{
    int s;

    for (s = 0; s < SITE__COUNT; s++)
        assert_int_equal(model_site_lookup(model_site_name((enum model_site)s)), s);
    assert_int_equal(model_site_lookup("no-such-site"), SITE__COUNT);
    assert_string_equal(model_site_name(SITE_DRIVER_OBJECT), "driver-object");
}

/* What WdfDriverCreate returns with VerifierAllocateFailCount = n. */
static NTSTATUS driver_create_after(uint32_t n)
{
    static WCHAR path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\a";
    static UNICODE_STRING registry = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    struct model_fault_plan plan = {.mode = FAULT_AFTER, .n = n};
    WDF_DRIVER_CONFIG config;
    WDFDRIVER d = NULL;

    model_reset();
    model_fault_arm(&plan);
    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
    return WdfDriverCreate(&t_driver_object, &registry, WDF_NO_OBJECT_ATTRIBUTES, &config, &d);
}

/* [C19] WdfDriverCreate makes nine counted allocations (the verifier's
 * thread table, the FxDriver and two verifier locks, the dispose list, its
 * lock, its system work item, its lock, the registry path's copy); four of
 * them fail it. With VerifierAllocateFailCount = 2 the verifier locks fail
 * quietly and the dispose list fails the call; it succeeds from 9 on. */
static void C19_driver_create_counts_what_the_verifier_counts(void **state)
{
    uint32_t n;

    (void)state;
    for (n = 0; n <= 10; n++)
        assert_int_equal(driver_create_after(n),
                         n >= 9 ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES);
    driver_create_after(2);
    t_expect_events_in_order("fault verifier-lock in WdfDriverCreate",
                             "fault verifier-lock in WdfDriverCreate",
                             "fault driver-dispose-list in WdfDriverCreate",
                             "return WdfDriverCreate STATUS_INSUFFICIENT_RESOURCES", NULL);
    driver_create_after(8);
    t_expect_events_in_order("fault driver-registry-path in WdfDriverCreate", NULL);
    assert_int_equal(model_driver_state(), DRIVER_NONE);
}

/* [C19] WdfDeviceMiniportCreate makes eight counted allocations, ten with
 * an attached device (the default I/O target); the last, the callback
 * lock's verifier lock, may fail quietly, so it succeeds from 7 (9) on. The
 * kernel's IO_WORKITEM of its dispose list is outside the count but a site
 * of its own. */
static void C19_miniport_device_create_counts(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_AFTER};
    WDFDRIVER d = t_driver();
    WDFDEVICE dev;
    uint32_t n, attached;

    for (attached = 0; attached < 2; attached++)
        for (n = 0; n <= 10; n++) {
            plan.n = n;
            model_fault_arm(&plan);
            dev = NULL;
            assert_int_equal(
                WdfDeviceMiniportCreate(d, WDF_NO_OBJECT_ATTRIBUTES, &t_device_objects[0],
                                        attached ? &t_device_objects[1] : NULL,
                                        attached ? &t_device_objects[2] : NULL, &dev),
                n >= (attached ? 9u : 7u) ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES);
            if (dev)
                WdfObjectDelete(dev);
        }
    plan.mode = FAULT_SITE;
    plan.site = SITE_SYSTEM_IO_WORKITEM;
    model_fault_arm(&plan);
    assert_int_equal(WdfDeviceMiniportCreate(d, WDF_NO_OBJECT_ATTRIBUTES, &t_device_objects[0],
                                             NULL, NULL, &dev),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_site_kind(SITE_SYSTEM_IO_WORKITEM), SITE_KIND_KERNEL);
    t_expect_quiet();
}

/* A timer under `parent` at execution level `exec`; returns the status. */
static NTSTATUS timer_create(WDFOBJECT parent, WDF_EXECUTION_LEVEL exec)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFTIMER t;

    WDF_TIMER_CONFIG_INIT(&config, NULL);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = parent;
    a.ExecutionLevel = exec;
    return WdfTimerCreate(&config, &a, &t);
}

/* [C19] A timer is two counted allocations, a passive one four (its own
 * system work item and lock); a work item is two, its IO_WORKITEM the
 * kernel's; a WDFMEMORY one, its buffer the kernel's whatever its size; a
 * context one, made before the object's state is looked at. */
static void C19_other_ddis_count(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_AFTER, .n = 1};
    WDF_WORKITEM_CONFIG wconfig;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFWORKITEM w;
    WDFMEMORY m;
    WDFOBJECT o;
    PVOID ctx;

    t_driver();
    dev = t_device(0);
    model_fault_arm(&plan);
    assert_int_equal(timer_create(dev, WdfExecutionLevelInheritFromParent), STATUS_SUCCESS);
    plan.n = 2;
    model_fault_arm(&plan);
    assert_int_equal(timer_create(dev, WdfExecutionLevelPassive), STATUS_INSUFFICIENT_RESOURCES);
    plan.n = 3;
    model_fault_arm(&plan);
    assert_int_equal(timer_create(dev, WdfExecutionLevelPassive), STATUS_SUCCESS);

    plan.n = 1; /* the object; its lock fails quietly, IoAllocateWorkItem is not counted */
    model_fault_arm(&plan);
    WDF_WORKITEM_CONFIG_INIT(&wconfig, (PFN_WDF_WORKITEM)(void (*)(void))create_one);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfWorkItemCreate(&wconfig, &a, &w), STATUS_SUCCESS);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 0, 16, &m, NULL),
                     STATUS_INSUFFICIENT_RESOURCES);
    plan.n = 1;
    model_fault_arm(&plan);
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 0, 8192, &m, NULL),
                     STATUS_SUCCESS);

    /* A duplicate context with the count spent: the allocation comes first. */
    plan.n = 2;
    model_fault_arm(&plan);
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, BUF_CONTEXT);
    assert_int_equal(WdfObjectAllocateContext(o, &a, &ctx), STATUS_INSUFFICIENT_RESOURCES);
    plan.mode = FAULT_OFF;
    model_fault_arm(&plan);
    assert_int_equal(WdfObjectAllocateContext(o, &a, &ctx), STATUS_SUCCESS);
    assert_int_equal(WdfObjectAllocateContext(o, &a, &ctx), STATUS_OBJECT_NAME_EXISTS);
    t_expect_quiet();
}

/* [C17] WdfObjectAllocateContext's statuses, in the source's order: NULL
 * attributes, a parent, no type; a deleted object only after the allocation. */
static void C17_allocate_context_statuses(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o, p;
    PVOID ctx;

    t_driver();
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    assert_int_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &p), STATUS_SUCCESS);
    assert_int_equal(WdfObjectAllocateContext(o, NULL, &ctx), STATUS_WDF_PARENT_NOT_SPECIFIED);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, BUF_CONTEXT);
    a.ParentObject = p;
    assert_int_equal(WdfObjectAllocateContext(o, &a, &ctx),
                     STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    assert_int_equal(WdfObjectAllocateContext(o, &a, &ctx), STATUS_OBJECT_NAME_INVALID);
    t_expect_quiet();
    WdfObjectAllocateContext(NULL, &a, &ctx);
    t_expect_only(RULE_NULL_PARAMETER, 1);
}

/* A reset disarms the plan. */
static void reset_disarms(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_AFTER, .n = 0};

    t_driver();
    model_fault_arm(&plan);
    assert_int_equal(create_one(), STATUS_INSUFFICIENT_RESOURCES);
    t_setup(state);
    t_driver();
    assert_int_equal(create_one(), STATUS_SUCCESS);
}

/* Memory handed to the driver is not reused within an execution, and under
 * ASan it is poisoned once its object is freed. */
static void freed_driver_memory_is_poisoned_and_not_reused(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o1, o2;
    WDFMEMORY m;
    BUF_CONTEXT *c1, *c2;
    PVOID buf = NULL;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, BUF_CONTEXT);
    assert_int_equal(WdfObjectCreate(&a, &o1), STATUS_SUCCESS);
    c1 = WdfObjectGet_BUF_CONTEXT(o1);
    memset(c1, 1, sizeof(*c1));
    assert_int_equal(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 0, 64, &m, &buf),
                     STATUS_SUCCESS);
    WdfObjectDelete(o1);
    WdfObjectDelete(m);
    assert_int_equal(WdfObjectCreate(&a, &o2), STATUS_SUCCESS);
    c2 = WdfObjectGet_BUF_CONTEXT(o2);
    assert_ptr_not_equal(c1, c2);
    assert_ptr_not_equal(buf, c2);
#ifdef HAVE_ASAN
    assert_true(__asan_address_is_poisoned(c1));
    assert_true(__asan_address_is_poisoned(buf));
    assert_false(__asan_address_is_poisoned(c2));
#endif
    t_expect_quiet();
}

/* One life of the demo miniport; returns 1 when DriverEntry succeeded. */
static int demo_life(int *failed_statuses)
{
    static WCHAR path[] = L"\\demo";
    UNICODE_STRING reg = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    NTSTATUS st;
    int loaded;

    demo_reset();
    st = demo_driver_entry(&t_driver_object, &reg);
    loaded = NT_SUCCESS(st);
    *failed_statuses = !loaded;
    if (loaded) {
        st = demo_device_arrival(&t_device_objects[0]);
        *failed_statuses += !NT_SUCCESS(st);
        demo_device_removal();
        demo_unload(&t_driver_object);
    }
    return loaded;
}

/* The torture loop: fail allocation N for N = 1, 2, ... until no fault
 * fires; after each run an error came back if and only if a fault was
 * injected at an allocation whose failure the framework does not ignore,
 * and nothing leaked or misbehaved. */
static void torture_demo_driver_every_allocation(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_NTH};
    int failed, n, allocations;

    t_setup(state);
    demo_life(&failed);
    allocations = (int)model_alloc_count();
    assert_int_equal(failed, 0);
    t_expect_quiet();
    assert_true(allocations >= 8);
    for (n = 1;; n++) {
        t_setup(state);
        plan.n = (uint32_t)n;
        model_fault_arm(&plan);
        demo_life(&failed);
        if (model_faults_injected() == 0) {
            assert_int_equal(failed, 0);
            break;
        }
        /* the verifier's own locks fail quietly [C19]: then nothing may fail */
        if (strstr(t_events(), "fault verifier-") != NULL) {
            if (failed != 0)
                fail_msg("allocation %d failed quietly but a call reported it", n);
        } else if (failed == 0) {
            fail_msg("allocation %d failed but no call reported it", n);
        }
        t_expect_quiet();
        assert_int_equal(model_live_objects(), 0);
        assert_int_equal(t_device_objects[0].ReferenceCount, 0);
    }
    assert_int_equal(n, allocations + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(nth_allocation_fails_once, t_setup),
        cmocka_unit_test_setup(after_n_every_allocation_fails, t_setup),
        cmocka_unit_test_setup(site_fails_persistently, t_setup),
        cmocka_unit_test_setup(percent_is_seeded_and_repeatable, t_setup),
        cmocka_unit_test_setup(site_names_round_trip, t_setup),
        cmocka_unit_test_setup(reset_disarms, t_setup),
        cmocka_unit_test_setup(C19_driver_create_counts_what_the_verifier_counts, t_setup),
        cmocka_unit_test_setup(C19_miniport_device_create_counts, t_setup),
        cmocka_unit_test_setup(C19_other_ddis_count, t_setup),
        cmocka_unit_test_setup(C17_allocate_context_statuses, t_setup),
        cmocka_unit_test_setup(freed_driver_memory_is_poisoned_and_not_reused, t_setup),
        cmocka_unit_test_setup(torture_demo_driver_every_allocation, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
