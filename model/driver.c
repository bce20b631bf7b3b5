/*
 * driver.c - the framework driver object, the miniport device, miniport
 * unload (wdfdriver.h, wdfminiport.h), and the framework's stub unbinding
 * when the driver's image leaves memory.
 *
 * A miniport's port driver owns its WDM driver object; the framework only
 * keeps a driver object of its own, created by WdfDriverCreate with
 * WdfDriverInitNoDispatchOverride [M1], and a miniport device per port device
 * [M3]. Unload is the driver's job: its port-defined unload routine calls
 * WdfDriverMiniportUnload, which deletes the driver object and everything
 * under it [M5]; it calls EvtDriverUnload only for a driver that let the
 * framework own its dispatch table, as the source does (or, on request,
 * always, as the documentation says) [C1]. After that WdfGetDriver() still
 * returns the old handle, which now dangles [M6]. When the image leaves, the
 * stub library every KMDF driver links unbinds from the framework, deleting
 * a framework driver that is still alive if it is allowed to [M8].
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"

#define KNOWN_INIT_FLAGS 0x1Fu

static void driver_unload(struct obj *d);

/* A dispose list's allocations (FxDisposeList::_Create, Initialize): the
 * list, its verifier lock, its FxSystemWorkItem, that one's verifier lock,
 * and the IO_WORKITEM under it. Returns 0 when one whose failure fails the
 * create failed. */
static int dispose_list_allocate(enum model_site list, enum model_site workitem)
{
    if (!uf__alloc_try(list))
        return 0;
    uf__alloc_verifier_lock();
    if (!uf__alloc_try(workitem))
        return 0;
    uf__alloc_verifier_lock();
    return uf__alloc_try(SITE_SYSTEM_IO_WORKITEM);
}

/* The unload routine the framework installs when it owns the dispatch
 * table (no WdfDriverInitNoDispatchOverride): FxDriver::Unload. */
static void framework_unload(PDRIVER_OBJECT DriverObject)
{
    struct obj *d = obj_get(uf__model.driver);

    (void)DriverObject;
    if (d && uf__model.driver_state == DRIVER_CREATED && !model_now.halted)
        driver_unload(d);
}

NTSTATUS WdfDriverCreate(PDRIVER_OBJECT DriverObject, PCUNICODE_STRING RegistryPath,
                         PWDF_OBJECT_ATTRIBUTES DriverAttributes,
                         PWDF_DRIVER_CONFIG DriverConfig, WDFDRIVER *Driver)
{
    struct ddi_frame f;
    struct obj *d, *unused;
    ULONG flags;
    int no_override;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfDriverCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!DriverObject || !RegistryPath || !DriverConfig) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !DriverObject ? "DriverObject is NULL"
                                             : !RegistryPath ? "RegistryPath is NULL"
                                                             : "DriverConfig is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    if (DriverConfig->Size != sizeof(WDF_DRIVER_CONFIG))
        return uf__ddi_leave(&f, STATUS_INFO_LENGTH_MISMATCH);
    flags = DriverConfig->DriverInitFlags;
    no_override = (flags & WdfDriverInitNoDispatchOverride) != 0;
    if (flags & ~KNOWN_INIT_FLAGS)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    /* A second WdfDriverCreate [M1]. */
    if (uf__model.driver_state != DRIVER_NONE)
        return uf__ddi_leave(&f, STATUS_DRIVER_INTERNAL_ERROR);
    if (Driver)
        *Driver = NULL;
    if ((DriverConfig->DriverInitFlags & WdfDriverInitNonPnpDriver) &&
        !(DriverConfig->DriverInitFlags & WdfDriverInitNoDispatchOverride) &&
        DriverConfig->EvtDriverDeviceAdd)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    /* The driver has no parent [O2]. */
    st = uf__obj_resolve_parent(DriverAttributes, PARENT_NOT_ALLOWED,
                                ATTR_EXEC_ALLOWED | ATTR_SCOPE_ALLOWED, &unused);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    /* The framework's allocations, in its order [C19]: FxInitialize's
     * verifier table (counting starts there), the FxDriver, the verifier's
     * locks of the driver and its callback lock, the dispose list, the
     * driver object extension, the registry path's copy. */
    if (!uf__model.verifier_table)
        uf__model.verifier_table = (uint8_t)uf__alloc_try(SITE_VERIFIER_THREAD_TABLE);
    d = uf__obj_new(TYPE_DRIVER, SITE_DRIVER_OBJECT);
    if (!d) {
        uf__model.verifier_table = 0;
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    uf__alloc_verifier_lock();
    uf__alloc_verifier_lock();
    if (!dispose_list_allocate(SITE_DRIVER_DISPOSE_LIST, SITE_DRIVER_DISPOSE_WORKITEM) ||
        !uf__alloc_try(SITE_DRIVER_OBJECT_EXTENSION) || !uf__alloc_try(SITE_DRIVER_REGISTRY_PATH)) {
        uf__obj_abort(d);
        uf__model.verifier_table = 0; /* the failure's FxDestroy frees it: a retry counts it again */
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    uf__obj_apply_attributes(d, DriverAttributes);
    d->deletable = 0; /* [D5] */
    /* [C1]: the framework keeps EvtDriverUnload only when it owns the
     * dispatch table (FxDriver::Initialize); the model keeps what was
     * registered and decides at unload, so the documented behaviour can be
     * asked for at any time before. */
    d->u.driver.unload = DriverConfig->EvtDriverUnload;
    /* [M8]: DisplaceDriverUnload, as WdfDriverCreate sets it for the stub. */
    d->u.driver.displace_unload =
        !(flags & (WdfDriverInitNoDispatchOverride | WdfDriverInitNonPnpDriver)) ||
        DriverConfig->EvtDriverUnload != NULL;
    d->u.driver.init_flags = flags;
    d->u.driver.wdm = DriverObject;
    /* FxDriver::ConfigureConstraints: Dispatch and None unless the
     * attributes say otherwise [B1]. */
    d->u.driver.scope = DriverAttributes &&
                                DriverAttributes->SynchronizationScope !=
                                    WdfSynchronizationScopeInheritFromParent
                            ? (uint8_t)DriverAttributes->SynchronizationScope
                            : WdfSynchronizationScopeNone;
    /* FxDriver::Initialize: a non-PnP driver without EvtDriverUnload cannot
     * be stopped, so it gets no unload routine. */
    if (!no_override)
        DriverObject->DriverUnload =
            (flags & WdfDriverInitNonPnpDriver) && !DriverConfig->EvtDriverUnload ? NULL
                                                                               : framework_unload;
    uf__obj_commit(d, NULL);
    uf__model.driver = d->id;
    uf__model.driver_state = DRIVER_CREATED;
    if (no_override && DriverConfig->EvtDriverUnload && !uf__model.unload_documented)
        uf__violation(RULE_UNLOAD_CALLBACK_IGNORED, d,
                      "EvtDriverUnload of a WdfDriverInitNoDispatchOverride driver never runs; "
                      "registering it only makes the stub delete a framework driver left alive "
                      "at image unload");
    if (Driver)
        *Driver = (WDFDRIVER)obj_handle(d);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

WDFDRIVER WdfGetDriver(VOID)
{
    /* A header inline in the real framework: no checks, and never cleared
     * by unload, so after unload it returns the dangling handle [M6]. */
    return (WDFDRIVER)obj_handle(obj_get(uf__model.driver));
}

PDRIVER_OBJECT WdfDriverWdmGetDriverObject(WDFDRIVER Driver)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfDriverWdmGetDriverObject, Driver)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return NULL;
    }
    d = uf__obj_lookup(Driver, TYPE_DRIVER);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return d ? d->u.driver.wdm : NULL;
}

NTSTATUS WdfDeviceMiniportCreate(WDFDRIVER Driver, PWDF_OBJECT_ATTRIBUTES Attributes,
                                 PDEVICE_OBJECT DeviceObject,
                                 PDEVICE_OBJECT AttachedDeviceObject, PDEVICE_OBJECT Pdo,
                                 WDFDEVICE *Device)
{
    struct ddi_frame f;
    struct obj *d, *parent, *dev, *target = NULL;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfDeviceMiniportCreate, Driver))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    d = uf__obj_lookup(Driver, TYPE_DRIVER);
    if (!d)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!DeviceObject) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "DeviceObject is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    if (!AttachedDeviceObject != !Pdo) {
        uf__violation(RULE_NULL_PARAMETER, NULL,
                  "AttachedDeviceObject and Pdo must be both given or both NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    if (Device)
        *Device = NULL;
    st = uf__obj_resolve_parent(Attributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    /* The framework's allocations, in its order [C19]: the FxMpDevice and
     * its verifier lock, the default I/O target with an attached device
     * (FxDeviceBase::AllocateTarget), the dispose list, the callback lock
     * (FxDeviceBase::ConfigureConstraints), each with its verifier lock. */
    dev = uf__obj_new(TYPE_DEVICE, SITE_DEVICE_OBJECT);
    if (!dev)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock();
    if (AttachedDeviceObject && !(target = uf__iotarget_new_default()))
        goto out_abort_device;
    if (!dispose_list_allocate(SITE_DEVICE_DISPOSE_LIST, SITE_DEVICE_DISPOSE_WORKITEM) ||
        !uf__alloc_try(SITE_DEVICE_CALLBACK_LOCK))
        goto out_abort_device;
    uf__alloc_verifier_lock();
    uf__obj_apply_attributes(dev, Attributes);
    dev->device_base = dev->id; /* a device uses its own dispose list */
    dev->u.device.wdm = DeviceObject;
    dev->u.device.attached = AttachedDeviceObject;
    dev->u.device.pdo = Pdo;
    /* FxDeviceBase::ConfigureConstraints: the driver's level and scope, the
     * scope None if the attributes say so; a mutex for a passive driver [B1]. */
    dev->u.device.scope = Attributes && Attributes->SynchronizationScope == WdfSynchronizationScopeNone
                              ? WdfSynchronizationScopeNone
                              : d->u.driver.scope;
    dev->u.device.lock_passive = d->exec == WdfExecutionLevelPassive;
    DeviceObject->ReferenceCount++; /* held until disposed [M3] */
    uf__obj_commit(dev, parent);
    /* Committed under the device when the device is (the framework commits
     * it first, under the device still being built) [G1]. */
    if (target)
        uf__iotarget_commit_default(target, dev, AttachedDeviceObject);
    if (Device)
        *Device = (WDFDEVICE)obj_handle(dev);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
out_abort_device:
    if (target)
        uf__obj_abort(target);
    uf__obj_abort(dev);
    return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
}

/* FxMpDevice::Dispose: its own cleanup while the WDM device is still there,
 * then its children's creation references, then the wait for its dispose
 * list [X4], then the WDM device reference. Cleanup is done here. */
int uf__device_dispose(struct obj *o)
{
    uf__obj_run_cleanup(o);
    uf__obj_destroy_children(o);
    if (model_now.halted)
        return 0;
    if (uf__obj_draining(o->id)) {
        uf__violation(RULE_DISPOSE_LIST_SELF_WAIT, o,
                  "device disposed from its own dispose list waits for that list");
        return 0;
    }
    uf__obj_drain(o->id);
    if (o->u.device.wdm) {
        o->u.device.wdm->ReferenceCount--;
        o->u.device.wdm = NULL;
    }
    o->u.device.attached = NULL; /* the PDO pointer stays [N3] */
    return 0;
}

/* The WDM accessors (WdfDeviceWdmGet*): FX_TYPE_DEVICE_BASE answers for a
 * miniport device, and after its dispose the device and attached pointers
 * are NULL, the PDO's is not [N3]. */
static PDEVICE_OBJECT wdm_accessor(enum model_ddi ddi, WDFDEVICE Device, int which)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, ddi, Device)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    d = uf__obj_lookup(Device, TYPE_DEVICE);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    if (!d)
        return NULL;
    return which == 0 ? d->u.device.wdm : which == 1 ? d->u.device.attached : d->u.device.pdo;
}

PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device)
{
    return wdm_accessor(DDI_WdfDeviceWdmGetDeviceObject, Device, 0);
}

PDEVICE_OBJECT WdfDeviceWdmGetAttachedDevice(WDFDEVICE Device)
{
    return wdm_accessor(DDI_WdfDeviceWdmGetAttachedDevice, Device, 1);
}

PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(WDFDEVICE Device)
{
    return wdm_accessor(DDI_WdfDeviceWdmGetPhysicalDevice, Device, 2);
}

/* FxDriver::Dispose: wait for the dispose lists, then cleanup [X4]. */
int uf__driver_dispose(struct obj *o)
{
    (void)o;
    uf__obj_drain(0);
    return 1;
}

/* Appends " tag:count" pairs of `o`'s held tags to buf. */
static void describe_tags(const struct obj *o, char *buf, size_t n)
{
    size_t len = strlen(buf);
    char name[32];
    uint32_t i;

    for (i = 0; i < TAGS_INLINE + o->ntag_spill && len + 1 < n; i++) {
        const struct tag *t = i < TAGS_INLINE ? &o->tags[i] : &o->tag_spill[i - TAGS_INLINE];

        if (t->count > 0)
            len += (size_t)snprintf(buf + len, n - len, " %s:%d",
                                    uf__obj_tag_name(t->tag, name, sizeof(name)), t->count);
    }
}

/* Deletes the framework driver object and its tree, then reports what
 * outlived it [M5]: FxDriver::Unload past the callback, and the stub's
 * unbinding (FxLibraryCommonUnregisterClient) [M8]. */
static void driver_delete(struct obj *d)
{
    char detail[160];
    uint32_t id;

    /* Deleting the driver waits for its dispose list: only at PASSIVE [C2]. */
    if (model_now.irql != PASSIVE_LEVEL) {
        uf__violation(RULE_UNLOAD_IRQL_WAIT, d, "the driver's disposal waits above PASSIVE_LEVEL");
        return;
    }
    for (id = 1; id <= uf__model.nobjs; id++) {
        struct obj *o = obj_get(id);

        if (o->state == STATE_FREED)
            continue;
        if ((o->type == TYPE_SPINLOCK && o->u.spinlock.held) ||
            (o->type == TYPE_WAITLOCK && o->u.waitlock.held) ||
            (o->type == TYPE_DEVICE && o->u.device.lock_held))
            uf__violation(RULE_LOCK_HELD_AT_UNLOAD, o, "lock still held when the driver is deleted");
        else if (o->type == TYPE_DEVICE && o->state == STATE_CREATED && !o->delete_requested)
            uf__violation(RULE_MINIPORT_DEVICE_NOT_DELETED, o,
                      "disposed as a child of the driver instead");
    }
    uf__obj_delete_internal(d);
    if (model_now.halted)
        return;
    for (id = 1; id <= uf__model.nobjs; id++) {
        struct obj *o = obj_get(id);

        if (o->state == STATE_FREED)
            continue;
        snprintf(detail, sizeof(detail), "still alive after unload: refs=%d tags:", o->refs);
        describe_tags(o, detail, sizeof(detail));
        uf__violation(RULE_LEAK_AT_UNLOAD, o, detail);
    }
    uf__model.driver_state = DRIVER_UNLOADED;
}

/* FxDriver::Unload as WdfDriverMiniportUnload runs it [M5]: the kept
 * EvtDriverUnload, if any (never a miniport's, unless the documented
 * behaviour is asked for [C1]), then the delete. */
static void driver_unload(struct obj *d)
{
    int kept = !(d->u.driver.init_flags & WdfDriverInitNoDispatchOverride) ||
               uf__model.unload_documented;

    uf__model.driver_state = DRIVER_UNLOADING;
    if (d->u.driver.unload && kept) {
        uf__ev_emit(EV_CALLBACK, d, 0, "EvtDriverUnload");
        uf__cb_call(CB_UNLOAD, (void (*)(void))d->u.driver.unload, d, model_now.irql);
        if (model_now.halted)
            return;
    }
    driver_delete(d);
}

VOID WdfDriverMiniportUnload(WDFDRIVER Driver)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfDriverMiniportUnload, Driver)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    if (uf__model.driver_state == DRIVER_UNLOADING) {
        uf__violation(RULE_DOUBLE_UNLOAD, obj_get(uf__model.driver), "unload called again while unloading");
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    d = uf__obj_lookup(Driver, TYPE_DRIVER);
    if (d)
        driver_unload(d);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

void model_set_unload_callback(enum model_unload_callback m)
{
    uf__model.unload_documented = m == MODEL_UNLOAD_CALLBACK_DOCUMENTED;
}

enum model_unload_callback model_unload_callback(void)
{
    return uf__model.unload_documented ? MODEL_UNLOAD_CALLBACK_DOCUMENTED
                                       : MODEL_UNLOAD_CALLBACK_SOURCE;
}

/* The stub leaves a framework driver alive: each object still alive is
 * reported, the driver first [M8]. */
static void report_left_behind(void)
{
    char detail[128];
    uint32_t id;

    for (id = 1; id <= uf__model.nobjs && !model_now.halted; id++) {
        struct obj *o = obj_get(id);

        if (o->state == STATE_FREED)
            continue;
        snprintf(detail, sizeof(detail),
                 "%s still alive when the image unloaded: WdfDriverMiniportUnload was never called",
                 model_type_name((enum model_type)o->type));
        uf__violation(RULE_DRIVER_NOT_UNLOADED, o, detail);
    }
}

void model_image_unload(enum model_image_unload how)
{
    struct obj *d = obj_get(uf__model.driver);
    KIRQL saved = model_now.irql;

    if (model_now.halted)
        return;
    /* A driver with no unload routine at all (a non-PnP driver that owns
     * its dispatch table and gave no EvtDriverUnload: FxDriver::Initialize
     * installs none, DisplaceDriverUnload is off) cannot be unloaded. */
    if (how == IMAGE_UNLOAD_AFTER_UNLOAD && d && uf__model.driver_state == DRIVER_CREATED &&
        !(d->u.driver.init_flags & WdfDriverInitNoDispatchOverride) &&
        !d->u.driver.displace_unload)
        return;
    /* The I/O manager unloads an image at PASSIVE_LEVEL. */
    model_now.irql = PASSIVE_LEVEL;
    if (d && uf__model.driver_state == DRIVER_CREATED && !uf__model.left_behind) {
        /* The stub unbinds after a failed DriverEntry, and after an unload
         * routine it displaced; FxLibraryCommonUnregisterClient deletes the
         * framework driver still there. Otherwise nothing deletes it. */
        if (how == IMAGE_UNLOAD_ENTRY_FAILED || d->u.driver.displace_unload) {
            uf__model.driver_state = DRIVER_UNLOADING;
            driver_delete(d);
        } else {
            report_left_behind();
            uf__model.left_behind = 1; /* reported once, whatever unloads come after */
        }
    }
    if (!model_now.halted)
        uf__pool_check_leaks();
    if (!model_now.halted)
        uf__ndis_check_leaks();
    if (!model_now.halted)
        uf__wpp_check_unload();
    model_now.irql = saved;
}
