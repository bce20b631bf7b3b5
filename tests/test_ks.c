/*
 * test_ks.c - AVStream as the port simulation plays it
 * (harness/run/port_ks.c, docs/WDF-SEMANTICS.md section 16): a small
 * KMDF-over-AVStream minidriver, written here the way examples/avstream is
 * (WdfDriverCreate with NoDispatchOverride, KsInitializeDriver with a
 * descriptor, a miniport device per KSDEVICE, the unload chained to the
 * one KsInitializeDriver installed), run through driver programs. Each
 * dispatch routine logs its call, so a test sees the order AVStream calls
 * them in; what the routines saw (the KSDEVICE, the IRP, the IRQL) is kept
 * for the asserts.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ks.h"
#include "porttest.h"

/* How the test driver behaves in the next run. */
static struct {
    int no_descriptor;      /* KsInitializeDriver(..., NULL) */
    int keep_ks_unload;     /* leaves KsNullDriverUnload as the unload routine */
    NTSTATUS add_status;    /* what Add returns */
    NTSTATUS start_status;  /* what Start returns */
    NTSTATUS post_status;   /* what PostStart returns */
    int unplayed;           /* Add takes the device mutex (not played) */
} cfg;

/* What the driver saw. */
static struct {
    PDRIVER_UNLOAD unload_after_init;   /* DriverUnload after KsInitializeDriver */
    PDRIVER_ADD_DEVICE add_device;      /* DriverExtension->AddDevice after it */
    int pnp_dispatch;                   /* MajorFunction[IRP_MJ_PNP] set by it */
    NTSTATUS init_status;               /* what KsInitializeDriver returned */
    const KSDEVICE_DESCRIPTOR *descriptor; /* the first Add's device's */
    PVOID context;                      /* its Context at Add */
    BOOLEAN started_at_add;             /* its Started at Add */
    PDEVICE_OBJECT fdo, next, pdo;      /* its device objects */
    PKSDEVICE lookup;                   /* KsGetDeviceForDeviceObject(fdo) at Add */
    PKSDEVICE device;                   /* the device itself */
    UCHAR start_minor;                  /* the Start IRP's minor function */
    int start_resources;                /* Start's resource lists given */
    BOOLEAN started_in_start;           /* Started while Start ran */
    BOOLEAN started_in_post;            /* Started while PostStart ran */
    int not_passive;                    /* calls made above PASSIVE_LEVEL */
} seen;

/* The test driver's device context. */
struct test_device {
    WDFDEVICE wdf; /* the miniport device over the KSDEVICE's objects */
    int n;         /* the order Add saw it in */
};
static struct test_device devs[PROG_MAX_ADAPTERS];
static int ndevs;
static PDRIVER_UNLOAD ks_unload; /* the routine KsInitializeDriver installed */

/* The index a dispatch routine logs its device by. */
static int dev_n(PKSDEVICE Device)
{
    return Device->Context ? ((struct test_device *)Device->Context)->n : -1;
}

static void note_irql(void)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        seen.not_passive++;
}

static NTSTATUS TestAdd(PKSDEVICE Device)
{
    struct test_device *d;
    NTSTATUS status;

    note_irql();
    t_log("add d%d", ndevs);
    if (ndevs == 0) {
        seen.descriptor = Device->Descriptor;
        seen.context = Device->Context;
        seen.started_at_add = Device->Started;
        seen.fdo = Device->FunctionalDeviceObject;
        seen.next = Device->NextDeviceObject;
        seen.pdo = Device->PhysicalDeviceObject;
        seen.lookup = KsGetDeviceForDeviceObject(Device->FunctionalDeviceObject);
        seen.device = Device;
    }
    if (cfg.unplayed) {
        KsAcquireDevice(Device);
        KsReleaseDevice(Device);
    }
    if (!NT_SUCCESS(cfg.add_status))
        return cfg.add_status;
    d = &devs[ndevs];
    d->n = ndevs++;
    status = WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES,
                                     Device->FunctionalDeviceObject, Device->NextDeviceObject,
                                     Device->PhysicalDeviceObject, &d->wdf);
    if (!NT_SUCCESS(status))
        return status;
    Device->Context = d;
    return cfg.add_status;
}

static NTSTATUS TestStart(PKSDEVICE Device, PIRP Irp, PCM_RESOURCE_LIST Translated,
                          PCM_RESOURCE_LIST Untranslated)
{
    note_irql();
    t_log("start d%d", dev_n(Device));
    seen.start_minor = IoGetCurrentIrpStackLocation(Irp)->MinorFunction;
    seen.start_resources = Translated != NULL || Untranslated != NULL;
    seen.started_in_start = Device->Started;
    return cfg.start_status;
}

static NTSTATUS TestPostStart(PKSDEVICE Device)
{
    note_irql();
    t_log("post-start d%d", dev_n(Device));
    seen.started_in_post = Device->Started;
    return cfg.post_status;
}

static void TestStop(PKSDEVICE Device, PIRP Irp)
{
    (void)Irp;
    note_irql();
    t_log("stop d%d", dev_n(Device));
}

static void TestRemove(PKSDEVICE Device, PIRP Irp)
{
    struct test_device *d = Device->Context;

    (void)Irp;
    note_irql();
    t_log("remove d%d", dev_n(Device));
    if (d) {
        WdfObjectDelete(d->wdf);
        Device->Context = NULL;
    }
}

static void TestSurpriseRemoval(PKSDEVICE Device, PIRP Irp)
{
    (void)Irp;
    note_irql();
    t_log("surprise-removal d%d", dev_n(Device));
}

static const KSDEVICE_DISPATCH dispatch_table = {
    .Add = TestAdd,
    .Start = TestStart,
    .PostStart = TestPostStart,
    .Stop = TestStop,
    .Remove = TestRemove,
    .SurpriseRemoval = TestSurpriseRemoval,
};

static const KSDEVICE_DESCRIPTOR descriptor = {
    .Dispatch = &dispatch_table,
    .FilterDescriptorsCount = 0,
    .FilterDescriptors = NULL,
    .Version = KSDEVICE_DESCRIPTOR_VERSION,
};

static VOID TestUnload(PDRIVER_OBJECT DriverObject)
{
    note_irql();
    t_log("unload");
    WdfDriverMiniportUnload(WdfGetDriver());
    ks_unload(DriverObject);
}

static NTSTATUS TestDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    seen.init_status = KsInitializeDriver(DriverObject, RegistryPath,
                                          cfg.no_descriptor ? NULL : &descriptor);
    if (!NT_SUCCESS(seen.init_status)) {
        WdfDriverMiniportUnload(WdfGetDriver());
        return seen.init_status;
    }
    seen.unload_after_init = DriverObject->DriverUnload;
    seen.add_device = DriverObject->DriverExtension->AddDevice;
    seen.pnp_dispatch = DriverObject->MajorFunction[IRP_MJ_PNP] != NULL;
    if (!cfg.keep_ks_unload) {
        ks_unload = DriverObject->DriverUnload;
        DriverObject->DriverUnload = TestUnload;
    }
    return STATUS_SUCCESS;
}

static const struct uf_driver test_driver = {.name = "ks_test", .entry = TestDriverEntry};

static int setup(void **state)
{
    t_setup(state);
    memset(&cfg, 0, sizeof cfg);
    memset(&seen, 0, sizeof seen);
    memset(devs, 0, sizeof devs);
    ndevs = 0;
    ks_unload = NULL;
    return 0;
}

/* Runs the driver program `text` against the test driver. */
static void run(const char *text)
{
    t_port_run(&test_driver, text);
}

/* [A1] KsInitializeDriver, from DriverEntry, makes AVStream the driver's
 * AddDevice and PnP dispatch and puts KsNullDriverUnload in DriverUnload,
 * which the driver chains to; with a NULL descriptor it succeeds too, and
 * its devices get no dispatch. */
static void A1_initialize_driver_installs_avstream(void **state)
{
    (void)state;
    run("load\nport-unload\n");
    assert_int_equal(seen.init_status, STATUS_SUCCESS);
    assert_true(seen.unload_after_init == KsNullDriverUnload);
    assert_true(seen.add_device == KsAddDevice);
    assert_true(seen.pnp_dispatch);
    t_expect_log("unload", NULL);
    t_expect_quiet();

    setup(state);
    cfg.no_descriptor = 1;
    run("load\ndevice-arrival\ndevice-removal\nport-unload\n");
    assert_int_equal(seen.init_status, STATUS_SUCCESS);
    assert_true(seen.unload_after_init == KsNullDriverUnload);
    t_expect_log("unload", NULL);
    t_expect_quiet();
}

/* [A1] With a descriptor, KsInitializeDriver allocates the extension that
 * keeps it, after every allocation of WdfDriverCreate: failing that one
 * fails the call with STATUS_INSUFFICIENT_RESOURCES, and the entry's
 * failure path unloads the framework. Without a descriptor nothing is
 * allocated. */
static void A1_initialize_driver_allocates_for_a_descriptor(void **state)
{
    char text[96];
    uint32_t framework;

    cfg.no_descriptor = 1;
    run("load\n");
    assert_int_equal(seen.init_status, STATUS_SUCCESS);
    framework = model_alloc_count(); /* WdfDriverCreate's alone */
    assert_true(framework > 0);

    snprintf(text, sizeof text, "fail-alloc nth=%u\nload\ndevice-arrival\nport-unload\n",
             framework + 1);
    setup(state);
    cfg.no_descriptor = 1;
    run(text);
    assert_int_equal(seen.init_status, STATUS_SUCCESS);
    t_expect_log("unload", NULL);
    t_expect_quiet();

    setup(state);
    run(text);
    assert_int_equal(seen.init_status, STATUS_INSUFFICIENT_RESOURCES);
    t_expect_log(NULL);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    t_expect_quiet();
}

/* [A2] AVStream's unload does nothing: a driver that leaves
 * KsNullDriverUnload as its unload routine never unloads the framework,
 * whose objects are still there when the image goes. */
static void A2_null_driver_unload_does_nothing(void **state)
{
    (void)state;
    cfg.keep_ks_unload = 1;
    run("load\nport-unload\n");
    assert_true(seen.unload_after_init == KsNullDriverUnload);
    t_expect_log(NULL);
    t_expect_only(RULE_DRIVER_NOT_UNLOADED, 1);
}

/* [A3] The structures have the real layout on x86-64, and the KSDEVICE
 * Add gets is AVStream's over the port's FDO, lower device and PDO, with
 * the driver's descriptor, no context, not started; it is the FDO's
 * KSDEVICE until Remove. */
static void A3_ksdevice_at_add(void **state)
{
    (void)state;
#if defined(__x86_64__)
    assert_int_equal(offsetof(KSDEVICE_DESCRIPTOR, FilterDescriptors), 0x10);
    assert_int_equal(offsetof(KSDEVICE_DESCRIPTOR, Flags), 0x1C);
    assert_int_equal(sizeof(KSDEVICE_DESCRIPTOR), 0x20);
    assert_int_equal(offsetof(KSDEVICE_DISPATCH, Stop), 0x28);
    assert_int_equal(offsetof(KSDEVICE_DISPATCH, Remove), 0x40);
    assert_int_equal(offsetof(KSDEVICE_DISPATCH, SurpriseRemoval), 0x50);
    assert_int_equal(sizeof(KSDEVICE_DISPATCH), 0x70);
    assert_int_equal(offsetof(KSDEVICE, Context), 0x10);
    assert_int_equal(offsetof(KSDEVICE, NextDeviceObject), 0x28);
    assert_int_equal(offsetof(KSDEVICE, Started), 0x30);
#endif
    assert_int_equal(KSDEVICE_DESCRIPTOR_VERSION, 0x100);
    assert_int_equal(KSDEVICE_DESCRIPTOR_VERSION_2, 0x110);
    run("load\ndevice-arrival\n");
    assert_true(seen.descriptor == &descriptor);
    assert_null(seen.context);
    assert_false(seen.started_at_add);
    assert_non_null(seen.fdo);
    assert_non_null(seen.next);
    assert_non_null(seen.pdo);
    assert_true(seen.fdo != seen.next && seen.next != seen.pdo && seen.fdo != seen.pdo);
    assert_true(seen.lookup == seen.device);
    assert_true(KsGetDeviceForDeviceObject(seen.fdo) == seen.device);
    assert_null(KsGetDeviceForDeviceObject(seen.pdo));

    setup(state);
    run("load\ndevice-arrival\ndevice-removal\n");
    assert_null(KsGetDeviceForDeviceObject(seen.fdo));
    t_expect_quiet();
}

/* [A4] A failed Add fails AddDevice: nothing else is called for that
 * device, neither at its removal nor at unload. */
static void A4_failed_add_is_the_end(void **state)
{
    (void)state;
    cfg.add_status = STATUS_INSUFFICIENT_RESOURCES;
    run("load\ndevice-arrival\ndevice-removal\nsurprise-removal\nport-unload\n");
    t_expect_log("add d0", "unload", NULL);
    assert_null(KsGetDeviceForDeviceObject(seen.fdo));
    t_expect_quiet();
}

/* [A5] Start gets the START_DEVICE IRP and no resources, before the
 * device is Started; PostStart follows with it Started, and its failure
 * leaves it started. A failed Start is followed by Remove alone. */
static void A5_start_then_post_start(void **state)
{
    (void)state;
    run("load\ndevice-arrival\n");
    t_expect_log("add d0", "start d0", "post-start d0", NULL);
    assert_int_equal(seen.start_minor, IRP_MN_START_DEVICE);
    assert_false(seen.start_resources);
    assert_false(seen.started_in_start);
    assert_true(seen.started_in_post);
    assert_true(seen.device->Started);
    assert_int_equal(seen.not_passive, 0);
    t_expect_quiet();

    setup(state);
    cfg.post_status = STATUS_UNSUCCESSFUL;
    run("load\ndevice-arrival\ndevice-removal\nport-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "stop d0", "remove d0", "unload", NULL);
    t_expect_quiet();
}

static void A5_failed_start_is_removed_without_stop(void **state)
{
    (void)state;
    cfg.start_status = STATUS_DEVICE_NOT_READY;
    run("load\ndevice-arrival\ndevice-removal\nsurprise-removal\nport-unload\n");
    t_expect_log("add d0", "start d0", "remove d0", "unload", NULL);
    assert_int_equal(seen.not_passive, 0);
    t_expect_quiet();
}

/* [A6] An orderly removal of a started device: Stop, then Remove; the
 * port's unload removes the devices still present, newest first, before
 * the unload routine. */
static void A6_removal_stops_then_removes(void **state)
{
    (void)state;
    run("load\ndevice-arrival\ndevice-removal\nport-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "stop d0", "remove d0", "unload", NULL);
    assert_int_equal(seen.not_passive, 0);
    t_expect_quiet();

    setup(state);
    run("load\ndevice-arrival\ndevice-arrival\nport-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "add d1", "start d1", "post-start d1",
                 "stop d1", "remove d1", "stop d0", "remove d0", "unload", NULL);
    t_expect_quiet();
}

/* [A7] A surprise removal: SurpriseRemoval, then Stop (the device is
 * still Started) and Remove. */
static void A7_surprise_removal_then_stop_then_remove(void **state)
{
    (void)state;
    run("load\ndevice-arrival\nsurprise-removal\nport-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "surprise-removal d0", "stop d0",
                 "remove d0", "unload", NULL);
    assert_int_equal(seen.not_passive, 0);
    t_expect_quiet();
}

/* [A8] A dispatch routine returning STATUS_PENDING is reported once per
 * return, and taken for success; correct routines raise nothing (every
 * other test). */
static void A8_pending_dispatch_reported(void **state)
{
    (void)state;
    cfg.start_status = STATUS_PENDING;
    run("load\ndevice-arrival\nport-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "stop d0", "remove d0", "unload", NULL);
    t_expect_only(RULE_KS_DISPATCH_PENDING, 1);

    setup(state);
    cfg.add_status = STATUS_PENDING;
    cfg.post_status = STATUS_PENDING;
    run("load\ndevice-arrival\nport-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "stop d0", "remove d0", "unload", NULL);
    t_expect_only(RULE_KS_DISPATCH_PENDING, 2);
}

/* [A9] KMDF under AVStream: the miniport device over the KSDEVICE's
 * objects lives from Add to Remove, and the unload chained to
 * KsNullDriverUnload deletes the framework driver: a life of two devices,
 * one surprise-removed, is clean. */
static void A9_kmdf_miniport_under_avstream(void **state)
{
    (void)state;
    run("load\ndevice-arrival\ndevice-arrival\n");
    assert_non_null(devs[0].wdf);
    assert_non_null(devs[1].wdf);
    assert_int_equal(model_object_type(model_handle_id(devs[0].wdf)), TYPE_DEVICE);
    t_expect_quiet();

    setup(state);
    run("load\ndevice-arrival\ndevice-arrival\nsurprise-removal adapter=0\ndevice-arrival\n"
        "port-unload\n");
    t_expect_log("add d0", "start d0", "post-start d0", "add d1", "start d1", "post-start d1",
                 "surprise-removal d0", "stop d0", "remove d0", "add d2", "start d2",
                 "post-start d2", "stop d2", "remove d2", "stop d1", "remove d1", "unload", NULL);
    assert_int_equal(model_driver_state(), DRIVER_UNLOADED);
    t_expect_quiet();
}

/* [U1] The routines of what AVStream's simulation does not play (the
 * device mutex, object bags) fail and say so, naming the driver's line. */
static void U1_avstream_routines_not_played_say_so(void **state)
{
    (void)state;
    cfg.unplayed = 1;
    run("load\ndevice-arrival\nport-unload\n");
    t_expect_only(RULE_DDI_NOT_MODELLED, 2);
    t_expect_events_in_order("KsAcquireDevice is not modelled", "test_ks.c:",
                             "KsReleaseDevice is not modelled", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(A1_initialize_driver_installs_avstream, setup),
        cmocka_unit_test_setup(A1_initialize_driver_allocates_for_a_descriptor, setup),
        cmocka_unit_test_setup(A2_null_driver_unload_does_nothing, setup),
        cmocka_unit_test_setup(A3_ksdevice_at_add, setup),
        cmocka_unit_test_setup(A4_failed_add_is_the_end, setup),
        cmocka_unit_test_setup(A5_start_then_post_start, setup),
        cmocka_unit_test_setup(A5_failed_start_is_removed_without_stop, setup),
        cmocka_unit_test_setup(A6_removal_stops_then_removes, setup),
        cmocka_unit_test_setup(A7_surprise_removal_then_stop_then_remove, setup),
        cmocka_unit_test_setup(A8_pending_dispatch_reported, setup),
        cmocka_unit_test_setup(A9_kmdf_miniport_under_avstream, setup),
        cmocka_unit_test_setup(U1_avstream_routines_not_played_say_so, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
