/*
 * test_driver.c - the miniport driver's life: docs/WDF-SEMANTICS.md section 6
 * ([M1]..[M8]) and the choices [C1], [C3], [C6], [C16].
 *
 * The tests play the port: they call the driver's framework DDIs the way a
 * DriverEntry, a device arrival and removal, and a port-defined unload
 * routine would, in both orders real drivers use.
 */
#include <string.h>

#include "testlib.h"

static WCHAR path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\m";
static UNICODE_STRING registry = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};

/* Creates the driver with init flags `flags`; returns the status. */
static NTSTATUS create_driver(ULONG flags, PFN_WDF_DRIVER_UNLOAD unload, WDFDRIVER *d)
{
    WDF_DRIVER_CONFIG config;

    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = flags;
    config.EvtDriverUnload = unload;
    return WdfDriverCreate(&t_driver_object, &registry, WDF_NO_OBJECT_ATTRIBUTES, &config, d);
}

/* [M1] With WdfDriverInitNoDispatchOverride the framework leaves the WDM
 * driver object's unload routine alone (the port owns it). */
static void M1_no_dispatch_override_leaves_driver_object_alone(void **state)
{
    WDFDRIVER d = NULL;

    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, NULL, &d), STATUS_SUCCESS);
    assert_null(t_driver_object.DriverUnload);
    assert_ptr_equal(WdfDriverWdmGetDriverObject(d), &t_driver_object);
    t_expect_quiet();
}

/* [M1] Without it the framework installs its own unload routine. */
static void M1_without_the_flag_framework_owns_unload(void **state)
{
    WDFDRIVER d = NULL;

    assert_int_equal(create_driver(0, NULL, &d), STATUS_SUCCESS);
    assert_non_null(t_driver_object.DriverUnload);
    t_driver_object.DriverUnload(&t_driver_object); /* the I/O manager unloading */
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    t_expect_quiet();
}

/* [M1] A second WdfDriverCreate fails with STATUS_DRIVER_INTERNAL_ERROR. */
static void M1_second_driver_create_fails(void **state)
{
    WDFDRIVER d1 = NULL, d2 = (WDFDRIVER)1;

    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, NULL, &d1), STATUS_SUCCESS);
    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, NULL, &d2),
                     STATUS_DRIVER_INTERNAL_ERROR);
    assert_ptr_equal(WdfGetDriver(), d1);
    t_expect_quiet();
}

/* [M2] A framework call before WdfDriverCreate has no driver to run in. */
static void M2_ddi_before_driver_create(void **state)
{
    WDFOBJECT o = (WDFOBJECT)1;

    assert_null(WdfGetDriver()); /* a plain read: allowed */
    t_expect_quiet();
    assert_int_not_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    t_expect_only(RULE_DDI_BEFORE_DRIVER_CREATE, 1);
    assert_int_equal(model_object_count(), 0);
}

/* [M2] ... nor after unload deleted the driver object. */
static void M2_ddi_after_unload(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT o = NULL;

    WdfDriverMiniportUnload(d);
    t_expect_quiet();
    assert_int_not_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    t_expect_only(RULE_DDI_AFTER_UNLOAD, 1);
}

/* [M3] WdfDeviceMiniportCreate: DeviceObject is required. */
static void M3_device_object_required(void **state)
{
    WDFDEVICE dev = NULL;

    t_driver();
    WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, NULL, NULL, NULL, &dev);
    t_expect_only(RULE_NULL_PARAMETER, 1);
    assert_true(model_halted());
}

/* [M3] AttachedDeviceObject and Pdo come together or not at all. */
static void M3_attached_and_pdo_together(void **state)
{
    WDFDEVICE dev = NULL;

    t_driver();
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES,
                                             &t_device_objects[0], &t_device_objects[1],
                                             &t_device_objects[2], &dev),
                     STATUS_SUCCESS);
    t_expect_quiet();
    WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, &t_device_objects[3],
                            &t_device_objects[1], NULL, &dev);
    t_expect_only(RULE_NULL_PARAMETER, 1);
}

/* [M3] The device is the driver's child, holds a reference on the WDM device
 * object until it is disposed, and can parent timers and work items. */
static void M3_device_references_wdm_device_until_disposed(void **state)
{
    struct model_object_info info;
    WDF_TIMER_CONFIG tc;
    WDF_OBJECT_ATTRIBUTES a;
    WDFTIMER t = NULL;
    WDFDRIVER d = t_driver();
    WDFDEVICE dev = t_device(0);

    assert_int_equal(t_device_objects[0].ReferenceCount, 1);
    model_object_info(t_id(dev), &info);
    assert_int_equal(info.parent, t_id(d));
    assert_int_equal(info.deletable, 1);
    WDF_TIMER_CONFIG_INIT(&tc, NULL);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    assert_int_equal(WdfTimerCreate(&tc, &a, &t), STATUS_SUCCESS);
    WdfObjectDelete(dev);
    assert_int_equal(t_device_objects[0].ReferenceCount, 0);
    assert_int_equal(t_state(t), STATE_FREED);
    t_expect_quiet();
}

/* [M4] A miniport device the driver never deleted is disposed as a child of
 * the driver at unload, with a warning. */
static void M4_device_not_deleted_is_a_warning(void **state)
{
    WDFDRIVER d = t_driver();
    WDFDEVICE dev = t_device(0);

    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_MINIPORT_DEVICE_NOT_DELETED, 1);
    assert_int_equal(model_rule_severity(RULE_MINIPORT_DEVICE_NOT_DELETED), SEV_WARNING);
    assert_int_equal(t_state(dev), STATE_FREED);
    assert_true(t_log_index("cleanup o2") >= 0);
    assert_int_equal(t_device_objects[0].ReferenceCount, 0);
}

/* [M4] Deleting it on removal, before unload, is quiet. */
static void M4_device_deleted_on_removal_is_quiet(void **state)
{
    WDFDRIVER d = t_driver();

    WdfObjectDelete(t_device(0));
    WdfDriverMiniportUnload(d);
    t_expect_quiet();
}

/* [M5] Unload: every child disposed, then the driver's cleanup, then the
 * creation references released; then nothing is left. */
static void M5_unload_order(void **state)
{
    WDFDRIVER d = t_driver();                                 /* o1 */
    WDFOBJECT o = t_object(NULL, WdfExecutionLevelInheritFromParent); /* o2 */

    (void)o;
    WdfDriverMiniportUnload(d);
    t_expect_log("cleanup o2", "cleanup o1", "destroy o2", "destroy o1", NULL);
    assert_int_equal(model_live_objects(), 0);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    t_expect_quiet();
}

/* [M5] Children with outstanding references, and references still held,
 * leak at unload. */
static void M5_outstanding_references_leak(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT a = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WDFOBJECT b = t_object(NULL, WdfExecutionLevelInheritFromParent);

    (void)b;
    WdfObjectReferenceWithTag(a, (PVOID)9);
    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_LEAK_AT_UNLOAD, 1);
    assert_int_equal(t_state(a), STATE_DISPOSED);
    assert_int_equal(t_state(b), STATE_FREED);
    assert_non_null(strstr(t_events(), "leak-at-unload break o2 object"));
}

static WDFSPINLOCK m5_lock;

/* EvtDriverUnload that takes a spin lock and forgets it. */
static void m5_unload_keeps_lock(WDFDRIVER d)
{
    (void)d;
    WdfSpinLockAcquire(m5_lock);
}

/* [M5] A lock still held when the driver object is deleted is reported
 * (SDV: locks are released before the driver returns); here the unload
 * callback of a driver that let the framework own its dispatch table also
 * returns holding it (the SDV rule's callback-lock-held [C14]). */
static void M5_lock_held_at_unload(void **state)
{
    WDFDRIVER d = NULL;
    WDFWAITLOCK w;

    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, NULL, &d), STATUS_SUCCESS);
    assert_int_equal(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &w), STATUS_SUCCESS);
    assert_int_equal(WdfWaitLockAcquire(w, NULL), STATUS_SUCCESS);
    t_expect_quiet();
    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_LOCK_HELD_AT_UNLOAD, 1);
    assert_int_equal(model_live_objects(), 0);

    t_setup(state);
    assert_int_equal(create_driver(0, m5_unload_keeps_lock, &d), STATUS_SUCCESS);
    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &m5_lock), STATUS_SUCCESS);
    WdfDriverMiniportUnload(d);
    t_expect_events_in_order("violation callback-lock-held ub o1 driver",
                             "violation lock-held-at-unload ub o2 spinlock", NULL);
}

/* [M5] Locks released before unload: quiet. */
static void M5_locks_released_before_unload_are_quiet(void **state)
{
    WDFDRIVER d = t_driver();
    WDFSPINLOCK s;

    assert_int_equal(WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &s), STATUS_SUCCESS);
    WdfSpinLockAcquire(s);
    WdfSpinLockRelease(s);
    WdfDriverMiniportUnload(d);
    t_expect_quiet();
}

/* [M6] After unload WdfGetDriver() still returns the old handle, and a
 * second unload through it uses the freed driver object. */
static void M6_stale_get_driver_and_double_unload(void **state)
{
    WDFDRIVER d = t_driver();

    WdfDriverMiniportUnload(WdfGetDriver());
    t_expect_quiet();
    assert_ptr_equal(WdfGetDriver(), d);
    if (WdfGetDriver() != NULL) /* the guard that does not guard */
        WdfDriverMiniportUnload(WdfGetDriver());
    t_expect_only(RULE_DOUBLE_UNLOAD, 1);
    assert_int_equal(t_log_index("cleanup o1"), 0); /* the driver went once */
    assert_int_equal(t_log_index("destroy o1"), 1);
    assert_false(model_halted());
}

static int m7_unloads;

/* EvtDriverUnload counting its calls. */
static void m7_unload(WDFDRIVER d)
{
    (void)d;
    m7_unloads++;
}

/* [M7] SysVAD calls WdfDriverMiniportUnload from DriverEntry's failure path:
 * the device allocation fails, the driver unloads itself, nothing leaks; its
 * EvtDriverUnload is never called [C1]. */
static void M7_unload_from_driver_entry_failure_path(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_DEVICE_OBJECT};
    WDFDRIVER d = NULL;
    WDFDEVICE dev = (WDFDEVICE)1;

    m7_unloads = 0;
    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, m7_unload, &d),
                     STATUS_SUCCESS);
    model_fault_arm(&plan);
    assert_int_equal(WdfDeviceMiniportCreate(d, WDF_NO_OBJECT_ATTRIBUTES, &t_device_objects[0],
                                             NULL, NULL, &dev),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_null(dev);
    WdfDriverMiniportUnload(d);
    assert_int_equal(m7_unloads, 0);
    assert_int_equal(model_live_objects(), 0);
    t_expect_only(RULE_UNLOAD_CALLBACK_IGNORED, 1);
}

/* [M7] PortCls order (SysVAD): the device is deleted on removal, the port's
 * saved unload runs, then WdfDriverMiniportUnload: clean. */
static void M7_portcls_order_is_clean(void **state)
{
    WDFDRIVER d = t_driver();
    WDFDEVICE dev = t_device(0);

    WdfObjectDelete(dev);    /* removal */
    /* the port's saved unload runs here: no framework call */
    WdfDriverMiniportUnload(d);
    t_expect_quiet();
    assert_int_equal(model_live_objects(), 0);
}

/* [M7] NDIS order (WDI sample): WdfDriverMiniportUnload first while the
 * adapter's device still exists, deregistration after: the device goes
 * down with the driver, and only the documentation's warning is raised. */
static void M7_ndis_order_leaves_device_to_teardown(void **state)
{
    WDFDRIVER d = t_driver();
    WDFDEVICE dev = t_device(0);

    WdfDriverMiniportUnload(d);
    /* NdisMDeregisterMiniportDriver would run here: no framework call */
    t_expect_only(RULE_MINIPORT_DEVICE_NOT_DELETED, 1);
    assert_true(model_worst_severity() < SEV_BREAK);
    assert_int_equal(t_state(dev), STATE_FREED);
    assert_int_equal(model_live_objects(), 0);
}

/* [C1] The source: a NoDispatchOverride miniport's EvtDriverUnload is not
 * kept (FxDriver::Initialize), so WdfDriverMiniportUnload never calls it;
 * registering it is reported at WdfDriverCreate. */
static void C1_miniport_evt_driver_unload_never_runs(void **state)
{
    WDFDRIVER d = NULL;

    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, t_unload, &d), STATUS_SUCCESS);
    t_expect_only(RULE_UNLOAD_CALLBACK_IGNORED, 1);
    t_expect_events_in_order("call WdfDriverCreate",
                             "violation unload-callback-ignored warning o1 driver", NULL);
    t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfDriverMiniportUnload(d);
    assert_int_equal(t_log_index("unload"), -1);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    assert_int_equal(model_live_objects(), 0);
    t_expect_only(RULE_UNLOAD_CALLBACK_IGNORED, 1);
}

/* [C1] A driver that lets the framework own its dispatch table keeps its
 * EvtDriverUnload: FxDriver::Unload, which WdfDriverMiniportUnload runs,
 * calls it before deleting anything, at the caller's IRQL; no warning. */
static void C1_framework_owned_driver_keeps_evt_driver_unload(void **state)
{
    WDFDRIVER d = NULL;

    assert_int_equal(create_driver(0, t_unload, &d), STATUS_SUCCESS);
    t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfDriverMiniportUnload(d);
    assert_int_equal(t_log_index("unload"), 0);
    t_expect_events_in_order("callback o1 driver EvtDriverUnload", "cleanup o2", NULL);
    t_expect_quiet();
}

/* [C1] The documented behaviour, on request: WdfDriverMiniportUnload calls
 * EvtDriverUnload whatever the flags, first, and nothing is reported. */
static void C1_documented_behaviour_calls_it(void **state)
{
    WDFDRIVER d = NULL;

    model_set_unload_callback(MODEL_UNLOAD_CALLBACK_DOCUMENTED);
    assert_int_equal(model_unload_callback(), MODEL_UNLOAD_CALLBACK_DOCUMENTED);
    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, t_unload, &d), STATUS_SUCCESS);
    t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfDriverMiniportUnload(d);
    assert_int_equal(t_log_index("unload"), 0);
    t_expect_events_in_order("callback o1 driver EvtDriverUnload", "cleanup o2", NULL);
    t_expect_quiet();
    model_reset(); /* a reset returns to the source */
    assert_int_equal(model_unload_callback(), MODEL_UNLOAD_CALLBACK_SOURCE);
}

/* [M8] The image leaves while the framework driver is alive and no
 * EvtDriverUnload displaced the unload routine: nothing deletes it; every
 * object left is reported, the driver first. */
static void M8_image_unload_without_miniport_unload_leaves_the_driver(void **state)
{
    WDFDRIVER d = t_driver();
    WDFOBJECT o = t_object(NULL, WdfExecutionLevelInheritFromParent);

    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_only(RULE_DRIVER_NOT_UNLOADED, 2);
    t_expect_events_in_order("violation driver-not-unloaded break o1 driver",
                             "violation driver-not-unloaded break o2 object", NULL);
    t_expect_log(NULL); /* no cleanup ran */
    assert_int_equal(t_state(d), STATE_CREATED);
    assert_int_equal(t_state(o), STATE_CREATED);
}

/* [M8] After WdfDriverMiniportUnload the image leaves quietly. */
static void M8_image_unload_after_miniport_unload_is_quiet(void **state)
{
    WDFDRIVER d = t_driver();

    t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfDriverMiniportUnload(d);
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_quiet();
    assert_int_equal(model_live_objects(), 0);
}

/* [M8] After a failed DriverEntry the stub unbinds and deletes the
 * framework driver still alive (FxLibraryCommonUnregisterClient): the
 * cleanup callbacks run, nothing is reported. */
static void M8_failed_entry_stub_deletes_the_driver(void **state)
{
    t_driver();
    t_object(NULL, WdfExecutionLevelInheritFromParent);
    model_set_irql(DISPATCH_LEVEL); /* the image unloads at PASSIVE_LEVEL whatever */
    model_image_unload(IMAGE_UNLOAD_ENTRY_FAILED);
    t_expect_log("cleanup o2", "cleanup o1", "destroy o2", "destroy o1", NULL);
    t_expect_quiet();
    assert_int_equal(model_live_objects(), 0);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    assert_int_equal(model_irql(), DISPATCH_LEVEL);
}

/* [M8] A registered EvtDriverUnload makes the stub displace the unload
 * routine and delete a driver it left alive, without calling the callback. */
static void M8_displaced_unload_stub_deletes_the_driver(void **state)
{
    WDFDRIVER d = NULL;

    assert_int_equal(create_driver(WdfDriverInitNoDispatchOverride, t_unload, &d), STATUS_SUCCESS);
    t_object(NULL, WdfExecutionLevelInheritFromParent);
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    t_expect_only(RULE_UNLOAD_CALLBACK_IGNORED, 1);
    assert_int_equal(t_log_index("unload"), -1);
    assert_true(t_log_index("cleanup o2") >= 0);
    assert_int_equal(model_live_objects(), 0);
}

/* [C16] WdfDriverCreate validates its attributes allowing an execution
 * level and any synchronization scope (FxValidateObjectAttributes with
 * EXECUTION_LEVEL_ALLOWED and SYNCHRONIZATION_SCOPE_ALLOWED); a parent is
 * refused. */
static void C16_driver_create_accepts_device_and_queue_scope(void **state)
{
    static const WDF_SYNCHRONIZATION_SCOPE scopes[] = {WdfSynchronizationScopeDevice,
                                                       WdfSynchronizationScopeQueue};
    WDF_OBJECT_ATTRIBUTES a;
    WDF_DRIVER_CONFIG config;
    WDFDRIVER d = NULL;
    size_t i;

    for (i = 0; i < 2; i++) {
        model_reset();
        WDF_OBJECT_ATTRIBUTES_INIT(&a);
        a.SynchronizationScope = scopes[i];
        a.ExecutionLevel = WdfExecutionLevelPassive;
        WDF_DRIVER_CONFIG_INIT(&config, NULL);
        config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
        assert_int_equal(WdfDriverCreate(&t_driver_object, &registry, &a, &config, &d),
                         STATUS_SUCCESS);
    }
    model_reset();
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = (WDFOBJECT)1;
    assert_int_equal(WdfDriverCreate(&t_driver_object, &registry, &a, &config, &d),
                     STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
    t_expect_quiet();
}

/* [C3] After a bugcheck the machine is gone: later calls do nothing and
 * emit nothing. */
static void C3_bugcheck_stops_the_run(void **state)
{
    WDFOBJECT o = NULL;
    size_t len;

    t_driver();
    WdfObjectDelete(NULL); /* handle-invalid, a bugcheck */
    assert_true(model_halted());
    len = strlen(t_events());
    assert_int_not_equal(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &o), STATUS_SUCCESS);
    assert_null(o);
    WdfDriverMiniportUnload(WdfGetDriver());
    assert_int_equal(strlen(t_events()), len);
    assert_int_equal(model_violation_count(), 1);
    assert_int_equal(model_worst_severity(), SEV_BUGCHECK);
}

/* [C3] Code still running after the stop gets the contexts that exist,
 * silently, and nothing of a freed object. */
typedef struct _C3_CONTEXT {
    ULONG Value;
} C3_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(C3_CONTEXT)

static void C3_contexts_outlive_the_stop_for_the_code_still_running(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o = NULL, gone = NULL;
    size_t len;

    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, C3_CONTEXT);
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    assert_int_equal(WdfObjectCreate(&a, &gone), STATUS_SUCCESS);
    WdfObjectGet_C3_CONTEXT(o)->Value = 7;
    WdfObjectDelete(gone);
    WdfObjectDelete(NULL); /* handle-invalid, a bugcheck */
    assert_true(model_halted());
    len = strlen(t_events());
    assert_int_equal(WdfObjectGet_C3_CONTEXT(o)->Value, 7);
    assert_null(WdfObjectGet_C3_CONTEXT(gone));
    assert_int_equal(strlen(t_events()), len);
    assert_int_equal(model_violation_count(), 1);
}

/* [C3] After a violation of lower severity the run carries on. */
static void C3_other_violations_carry_on(void **state)
{
    WDFDRIVER d = t_driver();

    WdfObjectDelete(d); /* delete-not-allowed, a break */
    assert_false(model_halted());
    t_object(NULL, WdfExecutionLevelInheritFromParent);
    WdfDriverMiniportUnload(d);
    t_expect_only(RULE_DELETE_NOT_ALLOWED, 1);
    assert_int_equal(model_live_objects(), 0);
}

/* [C6] A miniport device may be given a ParentObject; its default parent is
 * the driver. */
static void C6_miniport_device_accepts_a_parent(void **state)
{
    struct model_object_info info;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev = NULL;
    WDFOBJECT p;

    t_driver();
    p = t_object(NULL, WdfExecutionLevelInheritFromParent);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = p;
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), &a, &t_device_objects[0], NULL,
                                             NULL, &dev),
                     STATUS_SUCCESS);
    model_object_info(t_id(dev), &info);
    assert_int_equal(info.parent, t_id(p));
    WdfObjectDelete(p); /* takes the device with it */
    assert_int_equal(t_state(dev), STATE_FREED);
    a.ExecutionLevel = WdfExecutionLevelPassive;
    a.ParentObject = NULL;
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), &a, &t_device_objects[1], NULL,
                                             NULL, &dev),
                     STATUS_WDF_EXECUTION_LEVEL_INVALID);
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(M1_no_dispatch_override_leaves_driver_object_alone, t_setup),
        cmocka_unit_test_setup(M1_without_the_flag_framework_owns_unload, t_setup),
        cmocka_unit_test_setup(M1_second_driver_create_fails, t_setup),
        cmocka_unit_test_setup(M2_ddi_before_driver_create, t_setup),
        cmocka_unit_test_setup(M2_ddi_after_unload, t_setup),
        cmocka_unit_test_setup(M3_device_object_required, t_setup),
        cmocka_unit_test_setup(M3_attached_and_pdo_together, t_setup),
        cmocka_unit_test_setup(M3_device_references_wdm_device_until_disposed, t_setup),
        cmocka_unit_test_setup(M4_device_not_deleted_is_a_warning, t_setup),
        cmocka_unit_test_setup(M4_device_deleted_on_removal_is_quiet, t_setup),
        cmocka_unit_test_setup(M5_unload_order, t_setup),
        cmocka_unit_test_setup(M5_outstanding_references_leak, t_setup),
        cmocka_unit_test_setup(M5_lock_held_at_unload, t_setup),
        cmocka_unit_test_setup(M5_locks_released_before_unload_are_quiet, t_setup),
        cmocka_unit_test_setup(M6_stale_get_driver_and_double_unload, t_setup),
        cmocka_unit_test_setup(M7_unload_from_driver_entry_failure_path, t_setup),
        cmocka_unit_test_setup(M7_portcls_order_is_clean, t_setup),
        cmocka_unit_test_setup(M7_ndis_order_leaves_device_to_teardown, t_setup),
        cmocka_unit_test_setup(C1_miniport_evt_driver_unload_never_runs, t_setup),
        cmocka_unit_test_setup(C1_framework_owned_driver_keeps_evt_driver_unload, t_setup),
        cmocka_unit_test_setup(C1_documented_behaviour_calls_it, t_setup),
        cmocka_unit_test_setup(M8_image_unload_without_miniport_unload_leaves_the_driver, t_setup),
        cmocka_unit_test_setup(M8_image_unload_after_miniport_unload_is_quiet, t_setup),
        cmocka_unit_test_setup(M8_failed_entry_stub_deletes_the_driver, t_setup),
        cmocka_unit_test_setup(M8_displaced_unload_stub_deletes_the_driver, t_setup),
        cmocka_unit_test_setup(C16_driver_create_accepts_device_and_queue_scope, t_setup),
        cmocka_unit_test_setup(C3_bugcheck_stops_the_run, t_setup),
        cmocka_unit_test_setup(C3_contexts_outlive_the_stop_for_the_code_still_running, t_setup),
        cmocka_unit_test_setup(C3_other_violations_carry_on, t_setup),
        cmocka_unit_test_setup(C6_miniport_device_accepts_a_parent, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
