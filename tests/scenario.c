/*
 * scenario.c - a miniport's busy life, written as driver code, touching
 * every module of the model: contexts and tags, a device with a timer, a
 * work item, memory, a collection and locks, deletes at DISPATCH_LEVEL
 * drained later, an injected allocation failure, violations that do not
 * stop the run, and an unload that leaks. test_determinism compares its
 * event log between runs and against tests/golden/scenario.log, which both
 * the clang and the gcc builds must reproduce exactly.
 */
#include "scenario.h"

#include "model.h"

typedef struct _SC_CONTEXT {
    ULONG Ticks;
} SC_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(SC_CONTEXT)

static DRIVER_OBJECT driver_object;
static DEVICE_OBJECT device_object;
static WDFWORKITEM work;
static WDFSPINLOCK lock;

static VOID sc_timer(WDFTIMER Timer)
{
    SC_CONTEXT *ctx = WdfObjectGet_SC_CONTEXT(WdfTimerGetParentObject(Timer));

    WdfSpinLockAcquire(lock);
    ctx->Ticks++;
    WdfSpinLockRelease(lock);
    WdfWorkItemEnqueue(work);
}

static VOID sc_work(WDFWORKITEM WorkItem)
{
    WdfObjectReferenceWithTag(WorkItem, (PVOID)3);
    WdfObjectDereferenceWithTag(WorkItem, (PVOID)3);
}

static VOID sc_cleanup(WDFOBJECT Object)
{
    WdfObjectReferenceWithTag(Object, (PVOID)11);
    WdfObjectDereferenceWithTag(Object, (PVOID)11);
}


void scenario_run(void)
{
    static WCHAR path[] = L"\\scenario";
    UNICODE_STRING reg = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    struct model_fault_plan nth = {.mode = FAULT_NTH, .n = 1};
    struct model_fault_plan off = {.mode = FAULT_OFF};
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    WDF_TIMER_CONFIG tc;
    WDF_WORKITEM_CONFIG wc;
    WDFDEVICE dev;
    WDFTIMER timer;
    WDFMEMORY mem;
    WDFCOLLECTION coll;
    WDFOBJECT keep, passive, gen;
    PVOID buf;

    model_reset();
    RtlZeroMemory(&driver_object, sizeof(driver_object));
    RtlZeroMemory(&device_object, sizeof(device_object));
    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
    WdfDriverCreate(&driver_object, &reg, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SC_CONTEXT);
    a.EvtCleanupCallback = sc_cleanup;
    WdfDeviceMiniportCreate(WdfGetDriver(), &a, &device_object, NULL, NULL, &dev);
    WDF_TIMER_CONFIG_INIT_PERIODIC(&tc, sc_timer, 10);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = dev;
    WdfTimerCreate(&tc, &a, &timer);
    WDF_WORKITEM_CONFIG_INIT(&wc, sc_work);
    WdfWorkItemCreate(&wc, &a, &work);
    WdfSpinLockCreate(&a, &lock);
    WdfCollectionCreate(&a, &coll);
    WdfMemoryCreate(&a, PagedPool, 0, 8192, &mem, &buf);
    model_fault_arm(&nth); /* the collection's entry allocation fails */
    WdfCollectionAdd(coll, mem);
    model_fault_arm(&off);
    WdfCollectionAdd(coll, mem);
    WdfCollectionRemove(coll, timer); /* not a member: a break */

    WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(10));
    model_timer_fire(timer);
    model_timer_fire(timer);
    model_workitem_run(work);

    /* Deletes at DISPATCH_LEVEL: passive objects wait for the dispose list. */
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.EvtCleanupCallback = sc_cleanup;
    a.ExecutionLevel = WdfExecutionLevelPassive;
    WdfObjectCreate(&a, &passive);
    a.ExecutionLevel = WdfExecutionLevelInheritFromParent;
    a.ParentObject = passive;
    WdfObjectCreate(&a, &gen);
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(passive);
    WdfObjectDelete(gen);
    model_set_irql(PASSIVE_LEVEL);
    model_run_deferred();

    /* An object kept alive past unload, and an unbalanced release. */
    WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &keep);
    WdfObjectReferenceWithTag(keep, (PVOID)5);
    WdfObjectDereferenceWithTag(keep, (PVOID)6);
    WdfObjectReferenceWithTag(keep, (PVOID)5);

    /* The device is left to the driver's teardown. */
    WdfDriverMiniportUnload(WdfGetDriver());
}
