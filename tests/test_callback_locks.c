/*
 * test_callback_locks.c - a miniport device's callback lock and type: the
 * driver's synchronization scope and execution level it inherits,
 * WdfObjectAcquireLock / WdfObjectReleaseLock, automatic serialization of
 * timers, DPCs and work items, the DDIs that take a miniport device and
 * those that bug check on one, and what its WDM accessors say after its
 * dispose (docs/WDF-SEMANTICS.md [B1]-[B4], [N1]-[N3]).
 */
#include "testlib.h"

#include <string.h>

static DEVICE_OBJECT lower, pdo;

/* What the timer and DPC callbacks do and saw. */
static struct {
    WDFDEVICE device;  /* whose lock the callback takes */
    int take_lock;     /* WdfObjectAcquireLock(device) inside */
    KIRQL irql;
    int calls;
} g;

static int setup(void **state)
{
    memset(&g, 0, sizeof(g));
    return t_setup(state);
}

static void take_device_lock(void)
{
    g.calls++;
    g.irql = KeGetCurrentIrql();
    if (g.take_lock) {
        WdfObjectAcquireLock(g.device);
        if (!model_halted())
            WdfObjectReleaseLock(g.device);
    }
}

static void timer_cb(WDFTIMER t)
{
    (void)t;
    take_device_lock();
}

static void dpc_cb(WDFDPC d)
{
    (void)d;
    take_device_lock();
}

static void workitem_cb(WDFWORKITEM w) { (void)w; }

/* A driver created with synchronization scope `scope` and execution level
 * `exec`, and one miniport device under it. */
static WDFDEVICE device_under(WDF_SYNCHRONIZATION_SCOPE scope, WDF_EXECUTION_LEVEL exec)
{
    static const UNICODE_STRING path = RTL_CONSTANT_STRING(L"\\Registry\\Machine\\uf");
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDRIVER driver = NULL;
    WDFDEVICE dev = NULL;

    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.SynchronizationScope = scope;
    a.ExecutionLevel = exec;
    assert_int_equal(WdfDriverCreate(&t_driver_object, &path, &a, &config, &driver), STATUS_SUCCESS);
    assert_int_equal(WdfDeviceMiniportCreate(driver, WDF_NO_OBJECT_ATTRIBUTES, &t_device_objects[0],
                                             &lower, &pdo, &dev),
                     STATUS_SUCCESS);
    g.device = dev;
    return dev;
}

/* A miniport device under the driver made already, with a device below it. */
static WDFDEVICE device_under_default(void)
{
    WDFDEVICE dev = NULL;

    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES,
                                             &t_device_objects[0], &lower, &pdo, &dev),
                     STATUS_SUCCESS);
    return dev;
}

static WDFTIMER timer_under(WDFDEVICE dev, WDF_EXECUTION_LEVEL exec, NTSTATUS want)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFTIMER t = NULL;

    WDF_TIMER_CONFIG_INIT(&config, timer_cb);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    a.ExecutionLevel = exec;
    assert_int_equal(WdfTimerCreate(&config, &a, &t), want);
    return t;
}

/* ---- [B1] scope and level come from the driver ---- */

static void B1_a_device_scope_driver_serializes_its_devices_timers(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    dev = device_under(WdfSynchronizationScopeDevice, WdfExecutionLevelInheritFromParent);
    t = timer_under(dev, WdfExecutionLevelInheritFromParent, STATUS_SUCCESS);
    assert_true(WdfTimerStart(t, 0) == FALSE);
    g.take_lock = 1;
    assert_int_equal(model_timer_fire(t), 1);
    /* The timer already holds the device's lock: taking it is recursion. */
    t_expect_only(RULE_CALLBACK_LOCK_RECURSIVE_ACQUIRE, 1);
    assert_true(model_halted());
}

static void B1_the_default_driver_serializes_nothing(void **state)
{
    WDFDEVICE dev;
    WDFTIMER t;

    (void)state;
    dev = device_under(WdfSynchronizationScopeInheritFromParent, WdfExecutionLevelInheritFromParent);
    t = timer_under(dev, WdfExecutionLevelInheritFromParent, STATUS_SUCCESS);
    (void)WdfTimerStart(t, 0);
    g.take_lock = 1;
    assert_int_equal(model_timer_fire(t), 1);
    assert_int_equal(g.irql, DISPATCH_LEVEL);
    t_expect_quiet();
}

static void B1_a_miniport_device_takes_no_scope_or_level_of_its_own(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev = NULL;

    (void)state;
    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.SynchronizationScope = WdfSynchronizationScopeDevice;
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), &a, &t_device_objects[0], NULL, NULL,
                                             &dev),
                     STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ExecutionLevel = WdfExecutionLevelPassive;
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), &a, &t_device_objects[0], NULL, NULL,
                                             &dev),
                     STATUS_WDF_EXECUTION_LEVEL_INVALID);
    t_expect_quiet();
}

/* ---- [B2] [B3] WdfObjectAcquireLock and WdfObjectReleaseLock ---- */

static void B2_only_a_device_has_a_callback_lock(void **state)
{
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    WdfObjectAcquireLock(dev);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL); /* a spin lock */
    WdfObjectReleaseLock(dev);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    t_expect_quiet();
    WdfObjectAcquireLock(t_object(dev, WdfExecutionLevelInheritFromParent));
    t_expect_only(RULE_OBJECT_LOCK_UNSUPPORTED, 1);
    assert_true(model_halted());
}

static void B2_a_passive_drivers_device_lock_is_a_mutex(void **state)
{
    WDFDEVICE dev;

    (void)state;
    dev = device_under(WdfSynchronizationScopeInheritFromParent, WdfExecutionLevelPassive);
    WdfObjectAcquireLock(dev);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    WdfObjectReleaseLock(dev);
    t_expect_quiet();
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectAcquireLock(dev);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

static void B3_recursion_bugchecks_and_an_unheld_release_breaks(void **state)
{
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    WdfObjectReleaseLock(dev);
    t_expect_only(RULE_CALLBACK_LOCK_RELEASE_NOT_OWNER, 1);
    assert_false(model_halted());
    t_forget_violations();
    WdfObjectAcquireLock(dev);
    WdfObjectAcquireLock(dev);
    t_expect_only(RULE_CALLBACK_LOCK_RECURSIVE_ACQUIRE, 1);
    assert_true(model_halted());
}

static void B3_a_device_lock_held_at_unload_is_reported(void **state)
{
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    WdfObjectAcquireLock(dev);
    model_set_irql(PASSIVE_LEVEL); /* the unload path, another thread */
    WdfDriverMiniportUnload(WdfGetDriver());
    assert_true(model_rule_count(RULE_LOCK_HELD_AT_UNLOAD) == 1);
}

/* ---- [B4] automatic serialization ---- */

static void B4_work_items_and_passive_timers_are_refused_serialization(void **state)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFWORKITEM w = NULL;
    WDFDEVICE dev;

    (void)state;
    dev = device_under(WdfSynchronizationScopeDevice, WdfExecutionLevelPassive);
    WDF_WORKITEM_CONFIG_INIT(&config, workitem_cb);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfWorkItemCreate(&config, &a, &w), STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL);
    config.AutomaticSerialization = FALSE;
    assert_int_equal(WdfWorkItemCreate(&config, &a, &w), STATUS_SUCCESS);
    (void)timer_under(dev, WdfExecutionLevelPassive, STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL);
    t_expect_quiet();
}

static void B4_a_serialized_dpc_runs_under_the_device_lock(void **state)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDPC d = NULL;
    WDFDEVICE dev;

    (void)state;
    dev = device_under(WdfSynchronizationScopeQueue, WdfExecutionLevelInheritFromParent);
    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfDpcCreate(&config, &a, &d), STATUS_SUCCESS);
    (void)WdfDpcEnqueue(d);
    assert_int_equal(model_dpc_run(d), 1);
    /* The device's lock is free again once the DPC returned. */
    WdfObjectAcquireLock(dev);
    WdfObjectReleaseLock(dev);
    t_expect_quiet();
    (void)WdfDpcEnqueue(d);
    g.take_lock = 1;
    assert_int_equal(model_dpc_run(d), 1);
    t_expect_only(RULE_CALLBACK_LOCK_RECURSIVE_ACQUIRE, 1);
}

static void B4_the_parents_passive_mark_decides(void **state)
{
    WDF_WORKITEM_CONFIG workConfig;
    WDF_DPC_CONFIG dpcConfig;
    WDF_OBJECT_ATTRIBUTES a;
    WDFWORKITEM outer = NULL, inner = NULL;
    WDFDPC d = NULL;
    WDFDEVICE dev;

    (void)state;
    dev = device_under(WdfSynchronizationScopeDevice, WdfExecutionLevelInheritFromParent);
    WDF_WORKITEM_CONFIG_INIT(&workConfig, workitem_cb);
    workConfig.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfWorkItemCreate(&workConfig, &a, &outer), STATUS_SUCCESS);
    /* A work item is marked passive: a serialized work item under it is
     * taken, a serialized DPC refused. */
    workConfig.AutomaticSerialization = TRUE;
    a.ParentObject = outer;
    assert_int_equal(WdfWorkItemCreate(&workConfig, &a, &inner), STATUS_SUCCESS);
    WDF_DPC_CONFIG_INIT(&dpcConfig, dpc_cb);
    assert_int_equal(WdfDpcCreate(&dpcConfig, &a, &d), STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL);
    /* The serialized work item runs under the device's spin lock, at
     * DISPATCH_LEVEL; the framework gives the lock back, not the callback. */
    WdfWorkItemEnqueue(inner);
    assert_int_equal(model_workitem_run(inner), 1);
    WdfObjectAcquireLock(dev);
    WdfObjectReleaseLock(dev);
    t_expect_quiet();
}

static void B4_waiting_for_a_serialized_dpc_under_its_lock_deadlocks(void **state)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDPC d = NULL;
    WDFDEVICE dev;

    (void)state;
    dev = device_under(WdfSynchronizationScopeDevice, WdfExecutionLevelPassive);
    WDF_DPC_CONFIG_INIT(&config, dpc_cb);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfDpcCreate(&config, &a, &d), STATUS_SUCCESS);
    (void)WdfDpcEnqueue(d);
    WdfObjectAcquireLock(dev); /* a fast mutex: still PASSIVE_LEVEL */
    WdfObjectDelete(d);        /* its dispose flushes the DPC queued */
    t_expect_only(RULE_CALLBACK_LOCK_WAIT_DEADLOCK, 1);
    assert_true(model_halted());
    assert_int_equal(g.calls, 0);
}

/* ---- [N1]-[N3] the miniport device's type ---- */

static void N1_pnp_device_ddis_bugcheck_on_a_miniport_device(void **state)
{
    WDF_IO_QUEUE_CONFIG config;
    WDFQUEUE q = NULL;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchSequential);
    (void)WdfIoQueueCreate(dev, &config, WDF_NO_OBJECT_ATTRIBUTES, &q);
    t_expect_only(RULE_HANDLE_INVALID, 1);
    assert_true(model_halted());
    assert_null(q);
}

static void N1_interrupts_are_for_pnp_devices_too(void **state)
{
    WDF_INTERRUPT_CONFIG config;
    WDFINTERRUPT i = NULL;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    WDF_INTERRUPT_CONFIG_INIT(&config, NULL, NULL);
    (void)WdfInterruptCreate(dev, &config, WDF_NO_OBJECT_ATTRIBUTES, &i);
    t_expect_only(RULE_HANDLE_INVALID, 1);
}

static void N2_the_device_base_ddis_take_a_miniport_device(void **state)
{
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = device_under_default();
    assert_ptr_equal(WdfDeviceWdmGetDeviceObject(dev), &t_device_objects[0]);
    assert_ptr_equal(WdfDeviceWdmGetAttachedDevice(dev), &lower);
    assert_ptr_equal(WdfDeviceWdmGetPhysicalDevice(dev), &pdo);
    assert_non_null(WdfDeviceGetIoTarget(dev));
    t_expect_quiet();
}

static void N3_after_its_dispose_only_the_pdo_pointer_is_left(void **state)
{
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = device_under_default();
    WdfObjectReference(dev);
    WdfObjectDelete(dev);
    assert_int_equal(t_state(dev), STATE_DISPOSED);
    assert_null(WdfDeviceWdmGetDeviceObject(dev));
    assert_null(WdfDeviceWdmGetAttachedDevice(dev));
    assert_ptr_equal(WdfDeviceWdmGetPhysicalDevice(dev), &pdo);
    WdfObjectDereference(dev);
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(B1_a_device_scope_driver_serializes_its_devices_timers, setup),
        cmocka_unit_test_setup(B1_the_default_driver_serializes_nothing, setup),
        cmocka_unit_test_setup(B1_a_miniport_device_takes_no_scope_or_level_of_its_own, setup),
        cmocka_unit_test_setup(B2_only_a_device_has_a_callback_lock, setup),
        cmocka_unit_test_setup(B2_a_passive_drivers_device_lock_is_a_mutex, setup),
        cmocka_unit_test_setup(B3_recursion_bugchecks_and_an_unheld_release_breaks, setup),
        cmocka_unit_test_setup(B3_a_device_lock_held_at_unload_is_reported, setup),
        cmocka_unit_test_setup(B4_work_items_and_passive_timers_are_refused_serialization, setup),
        cmocka_unit_test_setup(B4_a_serialized_dpc_runs_under_the_device_lock, setup),
        cmocka_unit_test_setup(B4_the_parents_passive_mark_decides, setup),
        cmocka_unit_test_setup(B4_waiting_for_a_serialized_dpc_under_its_lock_deadlocks, setup),
        cmocka_unit_test_setup(N1_pnp_device_ddis_bugcheck_on_a_miniport_device, setup),
        cmocka_unit_test_setup(N1_interrupts_are_for_pnp_devices_too, setup),
        cmocka_unit_test_setup(N2_the_device_base_ddis_take_a_miniport_device, setup),
        cmocka_unit_test_setup(N3_after_its_dispose_only_the_pdo_pointer_is_left, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
