/*
 * test_iotargets.c - WDFIOTARGET and WDFREQUEST: the miniport device's
 * default target, remote targets and their states, what a stop, purge,
 * close and delete do to the I/O sent through them, requests from creation
 * to completion, synchronous sends and preallocated memory
 * (docs/WDF-SEMANTICS.md [G1]-[G5], [Q1]-[Q9]).
 *
 * The lower device is the harness's: model_set_lower_answer() says how it
 * answers what is waited for, model_request_complete() completes what it
 * holds. Each test checks the statuses and return values the DDIs give,
 * the order of callbacks in the log, and the rules: correct use quiet,
 * each misuse exactly its rule, a bugcheck halting the model.
 */
#include "testlib.h"
#include "unloadfuzz_bus.h"

#include <string.h>

#define IOCTL_TEST CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)

static DEVICE_OBJECT lower[4], pdo[4];

/* What the completion routine saw and does. */
static struct {
    NTSTATUS status;          /* IoStatus.Status of the last completion */
    WDF_REQUEST_TYPE type;    /* Params->Type */
    KIRQL irql;               /* the IRQL it ran at */
    int calls;
    int resend;               /* send the request again from the routine */
    WDFIOTARGET target;       /* where to */
} g;

static void completion(WDFREQUEST r, WDFIOTARGET t, PWDF_REQUEST_COMPLETION_PARAMS p,
                       WDFCONTEXT c)
{
    (void)c;
    t_log("completion o%u", t_id(r));
    g.status = p->IoStatus.Status;
    g.type = p->Type;
    g.irql = KeGetCurrentIrql();
    g.calls++;
    assert_ptr_equal(t, WdfRequestGetIoTarget(r));
    if (g.resend)
        (void)WdfRequestSend(r, g.target, WDF_NO_SEND_OPTIONS);
}

static int setup(void **state)
{
    memset(&g, 0, sizeof(g));
    memset(lower, 0, sizeof(lower));
    memset(pdo, 0, sizeof(pdo));
    return t_setup(state);
}

/* A miniport device over t_device_objects[n] with a device below it, as a
 * port creates it for an adapter; recording callbacks. */
static WDFDEVICE attached_device(int n)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev = NULL;

    t_attributes(&a, NULL);
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), &a, &t_device_objects[n], &lower[n],
                                             &pdo[n], &dev),
                     STATUS_SUCCESS);
    return dev;
}

/* A request under `parent` (NULL: the driver) with recording callbacks,
 * formatted for `t` with the completion routine set. */
static WDFREQUEST formatted_request(WDFOBJECT parent, WDFIOTARGET t)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFREQUEST r = NULL;

    t_attributes(&a, parent);
    assert_int_equal(WdfRequestCreate(&a, NULL, &r), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    WdfRequestSetCompletionRoutine(r, completion, NULL);
    return r;
}

/* The usual start: a driver, an adapter's device with a device below it,
 * and a request of the driver's formatted for that default target. */
static WDFREQUEST request_on_default_target(WDFDEVICE *dev, WDFIOTARGET *t)
{
    t_driver();
    *dev = attached_device(0);
    *t = WdfDeviceGetIoTarget(*dev);
    return formatted_request(NULL, *t);
}

static int pending(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info.pending;
}

static uint32_t parent_of(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info.parent;
}

/* A remote target under `dev`, opened on a device of its own. */
static WDFIOTARGET open_remote(WDFDEVICE dev, WDF_OBJECT_ATTRIBUTES *a)
{
    WDF_IO_TARGET_OPEN_PARAMS params;
    WDFIOTARGET t = NULL;

    assert_int_equal(WdfIoTargetCreate(dev, a, &t), STATUS_SUCCESS);
    WDF_IO_TARGET_OPEN_PARAMS_INIT_EXISTING_DEVICE(&params, &lower[3]);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_SUCCESS);
    return t;
}

/* ---- [G1] the default target ---- */

static void G1_default_target_exists_only_with_an_attached_device(void **state)
{
    WDFDEVICE with, without;
    WDFIOTARGET t;

    (void)state;
    t_driver();
    with = attached_device(0);
    without = t_device(1);
    t = WdfDeviceGetIoTarget(with);
    assert_non_null(t);
    assert_int_equal(model_object_type(t_id(t)), TYPE_IOTARGET);
    assert_int_equal(parent_of(t), t_id(with));
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetStarted);
    assert_ptr_equal(WdfIoTargetWdmGetTargetDeviceObject(t), &lower[0]);
    assert_ptr_equal(WdfIoTargetGetDevice(t), with);
    assert_null(WdfDeviceGetIoTarget(without));
    t_expect_quiet();
}

static void G1_a_failed_target_allocation_fails_the_device(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_DEVICE_IO_TARGET};
    WDFDEVICE dev = NULL;

    (void)state;
    t_driver();
    model_fault_arm(&plan);
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES,
                                             &t_device_objects[0], &lower[0], &pdo[0], &dev),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_null(dev);
    t_expect_quiet();
}

static void G1_the_device_keeps_handing_out_a_deleted_default_target(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;

    (void)state;
    t_driver();
    dev = attached_device(0);
    t = WdfDeviceGetIoTarget(dev);
    WdfObjectDelete(t);
    t_expect_quiet();
    /* m_DefaultTarget is never cleared. */
    assert_ptr_equal(WdfDeviceGetIoTarget(dev), t);
    (void)WdfIoTargetGetState(WdfDeviceGetIoTarget(dev));
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
}

/* ---- [G2] a target's delete ---- */

static void G2_cleanup_runs_before_sent_io_is_cancelled(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    t_driver();
    dev = t_device(0);
    t_attributes(&a, NULL);
    t = open_remote(dev, &a);
    r = formatted_request(NULL, t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_true(pending(r));
    t_log_clear();
    WdfObjectDelete(t);
    t_expect_quiet();
    assert_true(t_log_index("cleanup o3") >= 0);
    assert_true(t_log_index("cleanup o3") < t_log_index("completion o4"));
    assert_int_equal(g.status, STATUS_CANCELLED);
    assert_int_equal(WdfRequestGetStatus(r), STATUS_CANCELLED);
    assert_false(pending(r));
}

static void G2_the_default_target_goes_before_the_device_cleanup(void **state)
{
    WDFDEVICE dev;
    WDFREQUEST r;

    (void)state;
    t_driver();
    dev = attached_device(0);
    r = formatted_request(NULL, WdfDeviceGetIoTarget(dev));
    assert_true(WdfRequestSend(r, WdfDeviceGetIoTarget(dev), WDF_NO_SEND_OPTIONS));
    t_log_clear();
    WdfObjectDelete(dev);
    t_expect_quiet();
    assert_true(t_log_index("completion o4") >= 0);
    assert_true(t_log_index("completion o4") < t_log_index("cleanup o2"));
}

static void G2_a_lower_device_that_never_completes_hangs_the_delete(void **state)
{
    WDFDEVICE dev;
    WDFREQUEST r;

    (void)state;
    t_driver();
    dev = attached_device(0);
    r = formatted_request(NULL, WdfDeviceGetIoTarget(dev));
    assert_true(WdfRequestSend(r, WdfDeviceGetIoTarget(dev), WDF_NO_SEND_OPTIONS));
    model_set_lower_answer(LOWER_HOLD);
    WdfObjectDelete(dev);
    t_expect_only(RULE_SENT_IO_NEVER_COMPLETES, 1);
    assert_true(model_halted());
}

static void G2_a_target_deleted_above_passive_waits_for_passive(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;

    (void)state;
    t_driver();
    dev = t_device(0);
    t = open_remote(dev, WDF_NO_OBJECT_ATTRIBUTES);
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(t);
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(t_state(t), STATE_DEFERRED);
    model_run_deferred();
    assert_int_equal(t_state(t), STATE_FREED);
    t_expect_quiet();
}

/* ---- [G3] remote targets ---- */

static void G3_a_remote_target_is_started_but_has_nothing_below_until_opened(void **state)
{
    WDF_IO_TARGET_OPEN_PARAMS params;
    WDFDEVICE dev;
    WDFIOTARGET t = NULL;
    WDFREQUEST r = NULL;

    (void)state;
    t_driver();
    dev = t_device(0);
    assert_int_equal(WdfIoTargetCreate(dev, WDF_NO_OBJECT_ATTRIBUTES, &t), STATUS_SUCCESS);
    assert_int_equal(parent_of(t), t_id(dev));
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetStarted);
    assert_int_equal(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, t, &r), STATUS_INVALID_DEVICE_STATE);
    WDF_IO_TARGET_OPEN_PARAMS_INIT_EXISTING_DEVICE(&params, &lower[1]);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_INVALID_DEVICE_STATE);
    assert_int_equal(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, t, &r), STATUS_SUCCESS);
    WdfIoTargetClose(t);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetClosed);
    t_expect_quiet();
}

static void G3_open_by_name_answers_with_the_lower_device(void **state)
{
    static const UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\Sideband");
    WDF_IO_TARGET_OPEN_PARAMS params;
    WDFIOTARGET t = NULL;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    assert_int_equal(WdfIoTargetCreate(dev, WDF_NO_OBJECT_ATTRIBUTES, &t), STATUS_SUCCESS);
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&params, &name, GENERIC_READ);
    assert_int_equal(params.CreateDisposition, FILE_OPEN);
    model_set_lower_answer(LOWER_DEVICE_REMOVED);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_OBJECT_NAME_NOT_FOUND);
    model_set_lower_answer(LOWER_SUCCESS);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_SUCCESS);
    params.TargetDeviceName.Length = 0;
    WdfIoTargetClose(t);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_INVALID_PARAMETER);
    t_expect_quiet();
}

static void G3_the_default_target_is_no_remote_target(void **state)
{
    WDF_IO_TARGET_OPEN_PARAMS params;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = attached_device(0);
    WDF_IO_TARGET_OPEN_PARAMS_INIT_EXISTING_DEVICE(&params, &lower[1]);
    assert_int_equal(WdfIoTargetOpen(WdfDeviceGetIoTarget(dev), &params), STATUS_INVALID_HANDLE);
    t_expect_only(RULE_HANDLE_INVALID, 1);
    assert_true(model_halted());
}

static void G3_a_remote_target_stays_under_its_device(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFIOTARGET t = NULL;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    t_attributes(&a, WdfGetDriver());
    assert_int_equal(WdfIoTargetCreate(dev, &a, &t), STATUS_INVALID_DEVICE_REQUEST);
    t_attributes(&a, t_object(dev, WdfExecutionLevelInheritFromParent));
    assert_int_equal(WdfIoTargetCreate(dev, &a, &t), STATUS_SUCCESS);
    t_expect_quiet();
}

/* ---- [G4] states, stops, purges and the lower device ---- */

static void G4_a_stopped_target_queues_and_start_sends(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    t_driver();
    dev = attached_device(0);
    t = WdfDeviceGetIoTarget(dev);
    WdfIoTargetStop(t, WdfIoTargetLeaveSentIoPending);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetStopped);
    r = formatted_request(NULL, t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_true(pending(r));
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 0); /* not below yet */
    assert_int_equal(WdfIoTargetStart(t), STATUS_SUCCESS);
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 8), 1);
    assert_int_equal(g.calls, 1);
    assert_int_equal(WdfRequestGetInformation(r), 8);
    t_expect_quiet();
}

static void G4_stop_cancels_or_waits_as_asked(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;
    WDF_REQUEST_REUSE_PARAMS reuse;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    WdfIoTargetStop(t, WdfIoTargetCancelSentIo);
    assert_int_equal(g.status, STATUS_CANCELLED);
    assert_int_equal(WdfIoTargetStart(t), STATUS_SUCCESS);
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    assert_int_equal(WdfRequestReuse(r, &reuse), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    WdfRequestSetCompletionRoutine(r, completion, NULL);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    /* A lower device that answers: the wait ends with its answer. */
    WdfIoTargetStop(t, WdfIoTargetWaitForSentIoToComplete);
    assert_int_equal(g.status, STATUS_SUCCESS);
    assert_int_equal(g.calls, 2);
    t_expect_quiet();
}

static void G4_waiting_for_io_the_lower_device_keeps_is_a_hang(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    model_set_lower_answer(LOWER_NO_ANSWER);
    WdfIoTargetStop(t, WdfIoTargetWaitForSentIoToComplete);
    t_expect_only(RULE_SENT_IO_NEVER_COMPLETES, 1);
    assert_true(model_halted());
}

static void G4_a_purged_target_refuses_sends(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    WdfIoTargetPurge(t, WdfIoTargetPurgeIoAndWait);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetPurged);
    assert_false(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_INVALID_DEVICE_STATE);
    assert_int_equal(g.calls, 0); /* a send that fails calls no routine */
    t_expect_quiet();
}

static void G4_a_waiting_stop_above_passive_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;

    (void)state;
    t_driver();
    dev = attached_device(0);
    t = WdfDeviceGetIoTarget(dev);
    model_set_irql(DISPATCH_LEVEL);
    WdfIoTargetStop(t, WdfIoTargetCancelSentIo);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetStarted);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    t_forget_violations();
    WdfIoTargetStop(t, WdfIoTargetLeaveSentIoPending);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetStopped);
    t_expect_quiet();
}

/* ---- [G5] interfaces ---- */

static void G5_a_query_for_an_interface_is_answered_by_the_lower_device(void **state)
{
    static const GUID guid = {0x12345678, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    INTERFACE iface;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = attached_device(0);
    memset(&iface, 0, sizeof(iface));
    assert_int_equal(WdfIoTargetQueryForInterface(WdfDeviceGetIoTarget(dev), &guid, &iface,
                                                  sizeof(iface), 1, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(iface.Size, sizeof(iface));
    assert_non_null(iface.InterfaceDereference);
    iface.InterfaceDereference(iface.Context);
    model_set_lower_answer(LOWER_NOT_SUPPORTED);
    assert_int_equal(WdfFdoQueryForInterface(dev, &guid, &iface, sizeof(iface), 1, NULL),
                     STATUS_NOT_SUPPORTED);
    t_expect_quiet();
    model_set_lower_answer(LOWER_NO_ANSWER);
    (void)WdfFdoQueryForInterface(dev, &guid, &iface, sizeof(iface), 1, NULL);
    t_expect_only(RULE_SENT_IO_NEVER_COMPLETES, 1);
}

/* A test double of a bus: its interface has one routine. */
typedef struct {
    INTERFACE Header;
    int (*Ping)(int);
} PING_INTERFACE;

static int ping(int x) { return x + 1; }

static NTSTATUS ping_fill(PINTERFACE Interface, USHORT Size, USHORT Version, PVOID Data)
{
    (void)Version;
    (void)Data;
    if (Size < sizeof(PING_INTERFACE))
        return STATUS_INVALID_PARAMETER;
    ((PING_INTERFACE *)Interface)->Ping = ping;
    return STATUS_SUCCESS;
}

static void G5_a_bus_double_answers_with_its_routines(void **state)
{
    static const GUID ping_guid = {0x5049474e, 7, 7, {1, 2, 3, 4, 5, 6, 7, 8}};
    static const GUID other = {0x12345678, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    PING_INTERFACE iface;
    WDFDEVICE dev;

    (void)state;
    uf_bus_interface(&ping_guid, ping_fill);
    t_driver();
    dev = attached_device(0);
    memset(&iface, 0, sizeof iface);
    assert_int_equal(WdfIoTargetQueryForInterface(WdfDeviceGetIoTarget(dev), &ping_guid,
                                                  &iface.Header, sizeof iface, 1, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(iface.Header.Size, sizeof iface);
    assert_int_equal(iface.Ping(41), 42);
    t_expect_quiet();
    /* Another GUID's routines the bus does not have: not supported, a gap. */
    assert_int_equal(WdfFdoQueryForInterface(dev, &other, &iface.Header, sizeof iface, 1, NULL),
                     STATUS_NOT_SUPPORTED);
    t_expect_only(RULE_DDI_NOT_MODELLED, 1);
    /* The lower device's answer comes first. */
    model_set_lower_answer(LOWER_NOT_SUPPORTED);
    assert_int_equal(WdfFdoQueryForInterface(dev, &ping_guid, &iface.Header, sizeof iface, 1, NULL),
                     STATUS_NOT_SUPPORTED);
}

/* ---- [Q1]-[Q9] requests ---- */

static void Q1_a_request_is_the_drivers_unless_a_parent_is_given(void **state)
{
    WDFREQUEST r = NULL, r2 = NULL;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = attached_device(0);
    assert_int_equal(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, WdfDeviceGetIoTarget(dev), &r),
                     STATUS_SUCCESS);
    assert_int_equal(parent_of(r), t_id(WdfGetDriver()));
    t_attributes(&a, WdfDeviceGetIoTarget(dev));
    assert_int_equal(WdfRequestCreate(&a, NULL, &r2), STATUS_SUCCESS);
    assert_int_equal(parent_of(r2), t_id(WdfDeviceGetIoTarget(dev)));
    t_expect_quiet();
    (void)WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, NULL, NULL);
    t_expect_only(RULE_NULL_PARAMETER, 1);
}

static void Q2_a_send_returns_at_once_and_the_completion_comes_later(void **state)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET);
    assert_false(WdfRequestSend(r, t, &options));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_INVALID_DEVICE_STATE);
    options.Size = 0;
    assert_false(WdfRequestSend(r, t, &options));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_INVALID_PARAMETER);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_PENDING);
    assert_int_equal(g.calls, 0);
    assert_int_equal(model_request_complete(r, STATUS_UNSUCCESSFUL, 0), 1);
    assert_int_equal(g.calls, 1);
    assert_int_equal(WdfRequestGetStatus(r), STATUS_UNSUCCESSFUL);
    t_expect_quiet();
}

static void Q3_sending_a_request_still_sent_is_a_bugcheck(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    (void)WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS);
    t_expect_only(RULE_REQUEST_ALREADY_SENT, 1);
    assert_true(model_halted());
}

static void Q4_a_completed_request_must_be_reused_and_formatted_again(void **state)
{
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 1);
    /* Correct: reuse, format, send. */
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    assert_int_equal(WdfRequestReuse(r, &reuse), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 1);
    t_expect_quiet();
    /* Sent again as it came back. */
    assert_false(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_REQUEST_NOT_ACCEPTED);
    t_expect_only(RULE_REQUEST_NOT_FORMATTED, 1);
}

static void Q5_the_completion_routine_runs_once_at_dispatch_and_is_cleared(void **state)
{
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;
    int32_t refs;

    (void)state;
    r = request_on_default_target(&dev, &t);
    refs = t_refs(r);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_int_equal(t_refs(r), refs + 1); /* the target's, while sent */
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 1);
    assert_int_equal(g.irql, DISPATCH_LEVEL);
    assert_int_equal(g.type, WdfRequestTypeDeviceControl);
    assert_int_equal(t_refs(r), refs);
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    assert_int_equal(WdfRequestReuse(r, &reuse), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS)); /* no routine set again */
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 1);
    assert_int_equal(g.calls, 1);
    t_expect_quiet();
}

static void Q5_a_completion_routine_sending_again_unformatted_is_refused(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    /* Sent again unformatted from the routine: refused, so the wait ends. */
    g.resend = 1;
    g.target = t;
    WdfIoTargetStop(t, WdfIoTargetWaitForSentIoToComplete);
    t_expect_only(RULE_REQUEST_NOT_FORMATTED, 1);
    assert_false(model_halted());
}

static void Q6_cancel_reuse_and_the_canceled_flag(void **state)
{
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_false(WdfRequestCancelSentRequest(r)); /* not sent */
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS) == FALSE); /* m_Canceled */
    assert_int_equal(WdfRequestGetStatus(r), STATUS_CANCELLED);
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    assert_int_equal(WdfRequestReuse(r, &reuse), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    WdfRequestSetCompletionRoutine(r, completion, NULL);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    assert_true(WdfRequestCancelSentRequest(r));
    assert_int_equal(g.status, STATUS_CANCELLED);
    reuse.Size = 0;
    assert_int_equal(WdfRequestReuse(r, &reuse), STATUS_INVALID_PARAMETER);
    t_expect_quiet();
}

static void Q6_reusing_a_sent_request_breaks(void **state)
{
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    assert_int_equal(WdfRequestReuse(r, &reuse), STATUS_SUCCESS);
    t_expect_only(RULE_REQUEST_REUSED_WHILE_SENT, 1);
    assert_true(pending(r));
}

static void Q7_deleting_a_sent_request_breaks_and_it_lives_until_it_comes_back(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    WdfObjectDelete(r);
    t_expect_only(RULE_REQUEST_DELETED_WHILE_SENT, 1);
    assert_int_equal(t_state(r), STATE_DISPOSED);
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 1);
    assert_int_equal(g.type, WdfRequestTypeNoFormat);
    assert_int_equal(t_state(r), STATE_FREED);
}

/* Sends the request being destroyed to g.target, as a destroy callback of
 * a driver's might. */
static void send_from_destroy(WDFOBJECT r)
{
    (void)WdfRequestSend((WDFREQUEST)r, g.target, WDF_NO_SEND_OPTIONS);
}

static void Q7_a_request_sent_from_its_own_destroy_callback_is_as_good_as_freed(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev;
    WDFREQUEST r = NULL;

    (void)state;
    t_driver();
    dev = attached_device(0);
    g.target = WdfDeviceGetIoTarget(dev);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtDestroyCallback = send_from_destroy;
    assert_int_equal(WdfRequestCreate(&a, g.target, &r), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetFormatRequestForIoctl(g.target, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    WdfObjectDelete(r);
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
    assert_int_equal(t_state(r), STATE_FREED);
}

static void Q8_a_synchronous_send_completes_inside_the_call(void **state)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_MEMORY_DESCRIPTOR in;
    UCHAR buffer[8];
    ULONG_PTR bytes = 99;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    assert_true(WdfRequestSend(r, t, &options));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_SUCCESS);
    assert_int_equal(g.calls, 1);
    assert_false(pending(r));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&in, buffer, sizeof(buffer));
    assert_int_equal(WdfIoTargetSendIoctlSynchronously(t, NULL, IOCTL_TEST, &in, NULL, NULL, &bytes),
                     STATUS_SUCCESS);
    assert_int_equal(bytes, 0);
    /* No answer: a timeout cancels, without one the wait never ends. */
    model_set_lower_answer(LOWER_NO_ANSWER);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_SEC(1));
    assert_int_equal(WdfIoTargetSendIoctlSynchronously(t, NULL, IOCTL_TEST, &in, NULL, &options, NULL),
                     STATUS_IO_TIMEOUT);
    t_expect_quiet();
    (void)WdfIoTargetSendIoctlSynchronously(t, NULL, IOCTL_TEST, &in, NULL, NULL, NULL);
    t_expect_only(RULE_SENT_IO_NEVER_COMPLETES, 1);
}

static void Q8_a_synchronous_send_above_passive_is_refused(void **state)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    model_set_irql(DISPATCH_LEVEL);
    assert_false(WdfRequestSend(r, t, &options));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
}

static void Q8_a_sent_request_sent_synchronously_is_a_bugcheck(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    assert_true(WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS));
    (void)WdfIoTargetSendIoctlSynchronously(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL);
    t_expect_only(RULE_REQUEST_ALREADY_SENT, 1);
}

static void G3_close_for_query_remove_keeps_the_name_to_reopen(void **state)
{
    static const UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\Sideband");
    WDF_IO_TARGET_OPEN_PARAMS params;
    WDFIOTARGET t = NULL;
    WDFDEVICE dev;

    (void)state;
    t_driver();
    dev = t_device(0);
    assert_int_equal(WdfIoTargetCreate(dev, WDF_NO_OBJECT_ATTRIBUTES, &t), STATUS_SUCCESS);
    memset(&params, 0, sizeof(params));
    params.Size = sizeof(params);
    params.Type = WdfIoTargetOpenReopen;
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_INVALID_DEVICE_REQUEST);
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&params, &name, GENERIC_READ);
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_SUCCESS);
    WdfIoTargetCloseForQueryRemove(t);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetClosedForQueryRemove);
    memset(&params, 0, sizeof(params));
    params.Size = sizeof(params);
    params.Type = WdfIoTargetOpenReopen;
    assert_int_equal(WdfIoTargetOpen(t, &params), STATUS_SUCCESS);
    assert_int_equal(WdfIoTargetGetState(t), WdfIoTargetStarted);
    t_expect_quiet();
}

static void G4_ignore_target_state_goes_past_a_stopped_target(void **state)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_MEMORY_DESCRIPTOR in;
    UCHAR buffer[4];
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    t_driver();
    dev = attached_device(0);
    t = WdfDeviceGetIoTarget(dev);
    WdfIoTargetStop(t, WdfIoTargetLeaveSentIoPending);
    r = formatted_request(NULL, t);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE);
    assert_true(WdfRequestSend(r, t, &options));
    /* At the lower device, and a stop neither cancels nor waits for it. */
    WdfIoTargetStop(t, WdfIoTargetCancelSentIo);
    assert_int_equal(g.calls, 0);
    assert_int_equal(model_request_complete(r, STATUS_SUCCESS, 0), 1);
    /* A synchronous IOCTL with the option does not wait in the target. */
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&in, buffer, sizeof(buffer));
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE);
    assert_int_equal(WdfIoTargetSendIoctlSynchronously(t, NULL, IOCTL_TEST, &in, NULL, &options, NULL),
                     STATUS_SUCCESS);
    t_expect_quiet();
    /* Without it, the IOCTL waits in the stopped target for ever. */
    (void)WdfIoTargetSendInternalIoctlSynchronously(t, NULL, IOCTL_TEST, &in, NULL, NULL, NULL);
    t_expect_only(RULE_SENT_IO_NEVER_COMPLETES, 1);
}

static void Q2_an_asynchronous_timeout_allocates_the_requests_timer(void **state)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_REQUEST_TIMER};
    WDF_REQUEST_SEND_OPTIONS options;
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(100));
    model_fault_arm(&plan);
    assert_false(WdfRequestSend(r, t, &options));
    assert_int_equal(WdfRequestGetStatus(r), STATUS_INSUFFICIENT_RESOURCES);
    plan.mode = FAULT_OFF;
    model_fault_arm(&plan);
    assert_true(WdfRequestSend(r, t, &options));
    assert_int_equal(model_faults_injected(), 0);
    t_expect_quiet();
}

static void Q8_the_drivers_request_sent_synchronously_skips_its_routine(void **state)
{
    WDFDEVICE dev;
    WDFIOTARGET t;
    WDFREQUEST r;

    (void)state;
    r = request_on_default_target(&dev, &t);
    model_set_lower_answer(LOWER_UNSUCCESSFUL);
    assert_int_equal(WdfIoTargetSendInternalIoctlSynchronously(t, r, IOCTL_TEST, NULL, NULL, NULL, NULL),
                     STATUS_UNSUCCESSFUL);
    assert_int_equal(WdfRequestGetStatus(r), STATUS_UNSUCCESSFUL);
    assert_int_equal(g.calls, 0);
    assert_false(pending(r));
    t_expect_quiet();
}

static void Q9_preallocated_memory_leaves_the_buffer_to_the_driver(void **state)
{
    static UCHAR buffer[32];
    WDFMEMORY m = NULL;
    size_t size = 0;

    (void)state;
    t_driver();
    assert_int_equal(WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, buffer, 0, &m),
                     STATUS_INVALID_PARAMETER);
    assert_int_equal(WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, buffer, sizeof(buffer), &m),
                     STATUS_SUCCESS);
    assert_ptr_equal(WdfMemoryGetBuffer(m, &size), buffer);
    assert_int_equal(size, sizeof(buffer));
    WdfObjectDelete(m);
    buffer[0] = 1; /* still the driver's: no use after free */
    t_expect_quiet();
    (void)WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, NULL, sizeof(buffer), &m);
    t_expect_only(RULE_NULL_PARAMETER, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(G1_default_target_exists_only_with_an_attached_device, setup),
        cmocka_unit_test_setup(G1_a_failed_target_allocation_fails_the_device, setup),
        cmocka_unit_test_setup(G1_the_device_keeps_handing_out_a_deleted_default_target, setup),
        cmocka_unit_test_setup(G2_cleanup_runs_before_sent_io_is_cancelled, setup),
        cmocka_unit_test_setup(G2_the_default_target_goes_before_the_device_cleanup, setup),
        cmocka_unit_test_setup(G2_a_lower_device_that_never_completes_hangs_the_delete, setup),
        cmocka_unit_test_setup(G2_a_target_deleted_above_passive_waits_for_passive, setup),
        cmocka_unit_test_setup(G3_a_remote_target_is_started_but_has_nothing_below_until_opened, setup),
        cmocka_unit_test_setup(G3_open_by_name_answers_with_the_lower_device, setup),
        cmocka_unit_test_setup(G3_the_default_target_is_no_remote_target, setup),
        cmocka_unit_test_setup(G3_a_remote_target_stays_under_its_device, setup),
        cmocka_unit_test_setup(G3_close_for_query_remove_keeps_the_name_to_reopen, setup),
        cmocka_unit_test_setup(G4_ignore_target_state_goes_past_a_stopped_target, setup),
        cmocka_unit_test_setup(Q2_an_asynchronous_timeout_allocates_the_requests_timer, setup),
        cmocka_unit_test_setup(Q8_the_drivers_request_sent_synchronously_skips_its_routine, setup),
        cmocka_unit_test_setup(G4_a_stopped_target_queues_and_start_sends, setup),
        cmocka_unit_test_setup(G4_stop_cancels_or_waits_as_asked, setup),
        cmocka_unit_test_setup(G4_waiting_for_io_the_lower_device_keeps_is_a_hang, setup),
        cmocka_unit_test_setup(G4_a_purged_target_refuses_sends, setup),
        cmocka_unit_test_setup(G4_a_waiting_stop_above_passive_is_refused, setup),
        cmocka_unit_test_setup(G5_a_query_for_an_interface_is_answered_by_the_lower_device, setup),
        cmocka_unit_test_setup(G5_a_bus_double_answers_with_its_routines, setup),
        cmocka_unit_test_setup(Q1_a_request_is_the_drivers_unless_a_parent_is_given, setup),
        cmocka_unit_test_setup(Q2_a_send_returns_at_once_and_the_completion_comes_later, setup),
        cmocka_unit_test_setup(Q3_sending_a_request_still_sent_is_a_bugcheck, setup),
        cmocka_unit_test_setup(Q4_a_completed_request_must_be_reused_and_formatted_again, setup),
        cmocka_unit_test_setup(Q5_the_completion_routine_runs_once_at_dispatch_and_is_cleared, setup),
        cmocka_unit_test_setup(Q5_a_completion_routine_sending_again_unformatted_is_refused, setup),
        cmocka_unit_test_setup(Q6_cancel_reuse_and_the_canceled_flag, setup),
        cmocka_unit_test_setup(Q6_reusing_a_sent_request_breaks, setup),
        cmocka_unit_test_setup(Q7_deleting_a_sent_request_breaks_and_it_lives_until_it_comes_back, setup),
        cmocka_unit_test_setup(Q7_a_request_sent_from_its_own_destroy_callback_is_as_good_as_freed, setup),
        cmocka_unit_test_setup(Q8_a_synchronous_send_completes_inside_the_call, setup),
        cmocka_unit_test_setup(Q8_a_synchronous_send_above_passive_is_refused, setup),
        cmocka_unit_test_setup(Q8_a_sent_request_sent_synchronously_is_a_bugcheck, setup),
        cmocka_unit_test_setup(Q9_preallocated_memory_leaves_the_buffer_to_the_driver, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
