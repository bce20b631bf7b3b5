/*
 * lock.c - WDFSPINLOCK and WDFWAITLOCK (wdfsync.h).
 *
 * The model runs one thread, so "held" means held by the caller. A spin lock
 * raises the IRQL to DISPATCH_LEVEL and its release restores the level it
 * saved [I2]; acquiring it twice deadlocks, releasing it unheld is
 * WDF_VIOLATION 0xB (the owner check of the verifier's lock history; the
 * IRQL is not checked [C15]). A wait lock enters a critical region, which a
 * system worker thread must get back balanced [C14]; releasing one the
 * caller does not hold lets two owners in [C15]; acquiring it again with no
 * timeout waits for ever.
 *
 * A device's callback lock (WdfObjectAcquireLock): every miniport device
 * has one, a spin lock unless the driver asked for passive execution, then
 * a fast mutex; no other object a miniport has one [B1] [B2]. Taking it
 * twice is WDF_VIOLATION 0x2 whatever the verifier says; releasing it
 * unheld is a verifier break that releases nothing [B3]. Timers, DPCs and
 * work items asking for AutomaticSerialization run under it when the
 * device's scope is Device or Queue and their parent's passive-callbacks
 * mark matches their own level; otherwise they are refused [B4].
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

/* Creates a lock object of `type` (spin locks and wait locks take no
 * execution level [O3]). */
static NTSTATUS lock_create(enum model_ddi ddi, enum model_type type, enum model_site site,
                            PWDF_OBJECT_ATTRIBUTES Attributes, WDFOBJECT *Lock)
{
    struct ddi_frame f;
    struct obj *parent, *l;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, ddi, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Lock) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "the lock's out parameter is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Lock = NULL;
    st = uf__obj_resolve_parent(Attributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    l = uf__obj_new(type, site);
    if (!l)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__obj_apply_attributes(l, Attributes);
    uf__obj_commit(l, parent);
    *Lock = obj_handle(l);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

NTSTATUS WdfSpinLockCreate(PWDF_OBJECT_ATTRIBUTES SpinLockAttributes, WDFSPINLOCK *SpinLock)
{
    return lock_create(DDI_WdfSpinLockCreate, TYPE_SPINLOCK, SITE_SPINLOCK_OBJECT,
                       SpinLockAttributes, (WDFOBJECT *)SpinLock);
}

NTSTATUS WdfWaitLockCreate(PWDF_OBJECT_ATTRIBUTES LockAttributes, WDFWAITLOCK *Lock)
{
    return lock_create(DDI_WdfWaitLockCreate, TYPE_WAITLOCK, SITE_WAITLOCK_OBJECT,
                       LockAttributes, (WDFOBJECT *)Lock);
}

VOID WdfSpinLockAcquire(WDFSPINLOCK SpinLock)
{
    struct ddi_frame f;
    struct obj *l;

    if (!uf__ddi_enter(&f, DDI_WdfSpinLockAcquire, SpinLock)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    l = uf__obj_lookup(SpinLock, TYPE_SPINLOCK);
    if (l && l->u.spinlock.held) {
        uf__violation(RULE_SPINLOCK_RECURSIVE_ACQUIRE, l, "the caller already holds this spin lock");
    } else if (l) {
        l->u.spinlock.held = 1;
        l->u.spinlock.saved = model_now.irql;
        model_now.irql = DISPATCH_LEVEL;
        uf__model.spinlocks_held++;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfSpinLockRelease(WDFSPINLOCK SpinLock)
{
    struct ddi_frame f;
    struct obj *l;

    if (!uf__ddi_enter(&f, DDI_WdfSpinLockRelease, SpinLock)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    l = uf__obj_lookup(SpinLock, TYPE_SPINLOCK);
    /* FxSpinLock::ReleaseLock checks the owning thread, never the IRQL
     * [C15]: a held lock is released at whatever level. */
    if (l && !l->u.spinlock.held) {
        uf__violation(RULE_SPINLOCK_RELEASE_NOT_OWNER, l, "released but never acquired");
    } else if (l) {
        l->u.spinlock.held = 0;
        model_now.irql = l->u.spinlock.saved;
        uf__model.spinlocks_held--;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

NTSTATUS WdfWaitLockAcquire(WDFWAITLOCK Lock, PLONGLONG Timeout)
{
    struct ddi_frame f;
    struct obj *l;
    int may_wait = !Timeout || *Timeout != 0;

    if (!uf__ddi_enter(&f, DDI_WdfWaitLockAcquire, Lock))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    /* Only a zero timeout may be asked above PASSIVE_LEVEL [I1]. */
    if (may_wait && !uf__irql_check(PASSIVE_LEVEL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    l = uf__obj_lookup(Lock, TYPE_WAITLOCK);
    if (!l)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (l->u.waitlock.held) {
        if (!Timeout) {
            uf__violation(RULE_WAITLOCK_RECURSIVE_ACQUIRE, l,
                      "the caller already holds this wait lock and waits for ever");
            return uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        }
        return uf__ddi_leave(&f, STATUS_TIMEOUT);
    }
    l->u.waitlock.held = 1;
    uf__model.waitlocks_held++;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfWaitLockRelease(WDFWAITLOCK Lock)
{
    struct ddi_frame f;
    struct obj *l;

    if (!uf__ddi_enter(&f, DDI_WdfWaitLockRelease, Lock)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    l = uf__obj_lookup(Lock, TYPE_WAITLOCK);
    if (l && !l->u.waitlock.held) {
        uf__violation(RULE_WAITLOCK_RELEASE_NOT_OWNER, l, "released but not held");
    } else if (l) {
        l->u.waitlock.held = 0;
        uf__model.waitlocks_held--;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Whether `o` is marked passive-callbacks (FXOBJECT_FLAGS_PASSIVE_CALLBACKS):
 * its attributes said Passive, or its class marks itself (a work item, a
 * registry key, a paged lookaside list and its buffers). A miniport device
 * never is, whatever its lock [B4]. */
static int passive_callbacks(const struct obj *o)
{
    return o->exec == WdfExecutionLevelPassive || o->type == TYPE_WORKITEM || o->type == TYPE_KEY ||
           (o->type == TYPE_LOOKASIDE && o->u.lookaside.paged) ||
           (o->type == TYPE_MEMORY && o->u.memory.lookaside && o->passive_dispose);
}

NTSTATUS uf__effective_lock(const struct obj *parent, const struct obj *device,
                            BOOLEAN AutomaticSerialization, int passive, uint8_t *serialized)
{
    *serialized = 0;
    if (!AutomaticSerialization || !device ||
        (device->u.device.scope != WdfSynchronizationScopeDevice &&
         device->u.device.scope != WdfSynchronizationScopeQueue))
        return STATUS_SUCCESS;
    if (passive != passive_callbacks(parent))
        return STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL;
    *serialized = 1;
    return STATUS_SUCCESS;
}

/* Takes `d`'s callback lock for the caller (FxCallbackSpinLock::Lock or
 * FxCallbackMutexLock::Lock past the recursion check). */
static void callback_lock_take(struct obj *d)
{
    d->u.device.lock_held = 1;
    d->u.device.lock_saved = model_now.irql;
    if (d->u.device.lock_passive) {
        uf__model.waitlocks_held++; /* a fast mutex enters a critical region */
    } else {
        model_now.irql = DISPATCH_LEVEL;
        uf__model.spinlocks_held++;
    }
}

static void callback_lock_give(struct obj *d)
{
    d->u.device.lock_held = 0;
    if (d->u.device.lock_passive) {
        uf__model.waitlocks_held--;
    } else {
        model_now.irql = d->u.device.lock_saved;
        uf__model.spinlocks_held--;
    }
}

void uf__cb_call_serialized(enum cb_kind kind, void (*fn)(void), struct obj *o, KIRQL irql)
{
    struct obj *device = obj_get(o->device_base);
    KIRQL at = model_now.irql;

    /* Inside a DDI the lock's holder is the thread that called it, and it
     * waits for this callback (a flush, a cancel with wait, a dispose). */
    if (device->u.device.lock_held && uf__model.ddi != DDI_NONE) {
        uf__violation(RULE_CALLBACK_LOCK_WAIT_DEADLOCK, o,
                      "waits for a callback that needs the device's callback lock the caller holds");
        return;
    }
    model_now.irql = irql;
    if (device->u.device.lock_held) {
        uf__cb_call(kind, fn, o, irql);
    } else {
        callback_lock_take(device);
        uf__cb_call(kind, fn, o, model_now.irql);
        if (device->u.device.lock_held && !model_now.halted)
            callback_lock_give(device);
    }
    model_now.irql = at;
}

/* The device behind `Object` for WdfObjectAcquireLock and
 * WdfObjectReleaseLock: FxGetCallbackLock finds a lock on a device (or a
 * queue or file object, which a miniport has not) and bug checks on
 * anything else [B2]. */
static struct obj *callback_lock_owner(WDFOBJECT Object)
{
    struct obj *o = uf__obj_lookup(Object, TYPE_NONE);

    if (o && o->type != TYPE_DEVICE) {
        uf__violation(RULE_OBJECT_LOCK_UNSUPPORTED, o, "the object has no callback lock");
        return NULL;
    }
    return o;
}

VOID WdfObjectAcquireLock(WDFOBJECT Object)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfObjectAcquireLock, Object)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    d = callback_lock_owner(Object);
    if (d && d->u.device.lock_held)
        uf__violation(RULE_CALLBACK_LOCK_RECURSIVE_ACQUIRE, d,
                      "the caller already holds the device's callback lock");
    /* A fast mutex is the documentation's APC_LEVEL lock; the source does
     * not check it ([C8]). */
    else if (d && (!d->u.device.lock_passive || uf__irql_check(APC_LEVEL)))
        callback_lock_take(d);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfObjectReleaseLock(WDFOBJECT Object)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfObjectReleaseLock, Object)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    d = callback_lock_owner(Object);
    if (d && !d->u.device.lock_held)
        uf__violation(RULE_CALLBACK_LOCK_RELEASE_NOT_OWNER, d,
                      "the device's callback lock is not held; nothing is released");
    else if (d)
        callback_lock_give(d);
    uf__ddi_leave(&f, STATUS_SUCCESS);
}
