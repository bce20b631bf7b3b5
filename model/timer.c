/*
 * timer.c - WDFTIMER (wdftimer.h) and the harness's "the timer expires now".
 *
 * A timer needs a parent with a device among its ancestors [T1]; while alive
 * it holds a reference on itself and on that parent [T2]. Its disposal stops
 * it and waits for a running callback, so a disposed timer never fires again
 * [T3]. Stopping with wait from its own callback is refused (the framework
 * returns without waiting); disposing its own passive timer from it never
 * returns [T5] [C4]. Time is played by the harness:
 * model_timer_fire() expires a started timer at once.
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

NTSTATUS WdfTimerCreate(PWDF_TIMER_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes,
                        WDFTIMER *Timer)
{
    struct ddi_frame f;
    struct obj *parent, *device, *t;
    uint8_t serialized;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfTimerCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Attributes || !Attributes->ParentObject)
        return uf__ddi_leave(&f, STATUS_WDF_PARENT_NOT_SPECIFIED);
    if (!Config || !Timer) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !Config ? "Config is NULL" : "Timer is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Timer = NULL;
    if (Config->Size != sizeof(WDF_TIMER_CONFIG))
        return uf__ddi_leave(&f, STATUS_INFO_LENGTH_MISMATCH);
    if (Config->Period > MAXLONG)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    st = uf__obj_resolve_parent(Attributes, PARENT_REQUIRED, ATTR_EXEC_ALLOWED, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    /* A periodic passive-level timer is not supported [T1]. */
    if (Config->Period && Attributes->ExecutionLevel == WdfExecutionLevelPassive)
        return uf__ddi_leave(&f, STATUS_NOT_SUPPORTED);
    t = uf__obj_new(TYPE_TIMER, SITE_TIMER_OBJECT);
    if (!t)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* [C19] */
    /* FxTimer::Initialize, for a client of KMDF 1.13 or later:
     * MxTimer::InitializeEx allocates the kernel's EX_TIMER. */
    if (!uf__alloc_try(SITE_TIMER_EX_TIMER)) {
        uf__obj_abort(t);
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    device = uf__obj_device_ancestor(parent);
    if (!device) {
        uf__obj_abort(t);
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    }
    /* FxObject::_GetEffectiveLock [B4]. */
    st = uf__effective_lock(parent, device, Config->AutomaticSerialization,
                            Attributes->ExecutionLevel == WdfExecutionLevelPassive, &serialized);
    if (!NT_SUCCESS(st)) {
        uf__obj_abort(t);
        return uf__ddi_leave(&f, st);
    }
    /* A passive timer runs its callback in an FxSystemWorkItem of its own
     * (FxTimer::Initialize), with its verifier lock and IO_WORKITEM. */
    if (Attributes->ExecutionLevel == WdfExecutionLevelPassive) {
        if (!uf__alloc_try(SITE_TIMER_SYSTEM_WORKITEM)) {
            uf__obj_abort(t);
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        }
        uf__alloc_verifier_lock();
        if (!uf__alloc_try(SITE_SYSTEM_IO_WORKITEM)) {
            uf__obj_abort(t);
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        }
    }
    uf__obj_apply_attributes(t, Attributes);
    t->device_base = device->id;
    t->u.timer.fn = Config->EvtTimerFunc;
    t->u.timer.period = Config->Period;
    /* Only an explicit Passive makes a passive timer: the framework does not
     * resolve InheritFromParent for timers (FxTimer::Initialize). */
    t->u.timer.passive = Attributes->ExecutionLevel == WdfExecutionLevelPassive;
    t->u.timer.serialized = serialized;
    uf__obj_reference(t, uf__TAG_TIMER);
    uf__obj_reference(parent, uf__TAG_TIMER);
    t->ref_parent = parent->id;
    t->u.timer.holds_refs = 1;
    uf__obj_commit(t, parent);
    *Timer = (WDFTIMER)obj_handle(t);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

BOOLEAN WdfTimerStart(WDFTIMER Timer, LONGLONG DueTime)
{
    struct ddi_frame f;
    struct obj *t;
    BOOLEAN was_queued;

    (void)DueTime; /* time is played by the harness: model_timer_fire() */
    if (!uf__ddi_enter(&f, DDI_WdfTimerStart, Timer)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return FALSE;
    }
    t = uf__obj_lookup(Timer, TYPE_TIMER);
    if (!t) {
        uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
        return FALSE;
    }
    if (t->u.timer.running_down) {
        uf__violation(RULE_TIMER_START_DISPOSING, t, "the timer is being disposed; not started");
        uf__ddi_leave(&f, STATUS_DELETE_PENDING);
        return FALSE;
    }
    was_queued = t->u.timer.queued;
    t->u.timer.queued = 1;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return was_queued;
}

BOOLEAN WdfTimerStop(WDFTIMER Timer, BOOLEAN Wait)
{
    struct ddi_frame f;
    struct obj *t;
    BOOLEAN was_queued;

    if (!uf__ddi_enter(&f, DDI_WdfTimerStop, Timer)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return FALSE;
    }
    /* Waiting needs PASSIVE_LEVEL [I1]; the timer is then not stopped. */
    if (Wait && !uf__irql_check(PASSIVE_LEVEL)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return FALSE;
    }
    t = uf__obj_lookup(Timer, TYPE_TIMER);
    if (!t) {
        uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
        return FALSE;
    }
    /* FxTimer::Stop recognises its callback's thread, breaks and returns
     * FALSE before cancelling anything: the timer stays started [C4]. */
    if (Wait && t->u.timer.running) {
        uf__violation(RULE_SELF_WAIT_REFUSED, t,
                  "WdfTimerStop with Wait from the timer's own callback: not waited for, not stopped");
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return FALSE;
    }
    was_queued = t->u.timer.queued;
    t->u.timer.queued = 0;
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return was_queued;
}

WDFOBJECT WdfTimerGetParentObject(WDFTIMER Timer)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfTimerGetParentObject, Timer)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    t = uf__obj_lookup(Timer, TYPE_TIMER);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return t ? obj_handle(obj_get(t->ref_parent)) : NULL;
}

/* FxTimer::Dispose: stop, wait for a running callback, drop the references
 * taken at creation [T2][T3]. */
int uf__timer_dispose(struct obj *t)
{
    t->u.timer.running_down = 1;
    t->u.timer.queued = 0;
    if (t->u.timer.running) {
        uf__violation(RULE_CALLBACK_SELF_WAIT, t,
                  "passive timer disposed from its own callback waits for itself");
        return 0;
    }
    if (t->u.timer.holds_refs) {
        t->u.timer.holds_refs = 0;
        uf__obj_release(obj_get(t->ref_parent), uf__TAG_TIMER);
        uf__obj_release(t, uf__TAG_TIMER);
    }
    return !model_now.halted;
}

int model_timer_fire(WDFTIMER Timer)
{
    uint32_t id = obj_handle_id(Timer);
    struct obj *t;

    if (!id || model_now.halted)
        return 0;
    t = obj_get(id);
    if (t->type != TYPE_TIMER || t->u.timer.running_down || !t->u.timer.queued)
        return 0;
    if (!t->u.timer.period)
        t->u.timer.queued = 0;
    uf__ev_emit(EV_CALLBACK, t, 0, "EvtTimerFunc");
    if (!t->u.timer.fn)
        return 1;
    /* counted, as for work items: a run fired from inside another (another
     * processor, in the model's one thread) leaves the outer on the stack */
    t->u.timer.running++;
    /* FxTimer::TimerHandler takes the device's callback lock around it [B4]. */
    if (t->u.timer.serialized)
        uf__cb_call_serialized(CB_TIMER, (void (*)(void))t->u.timer.fn, t,
                               t->u.timer.passive ? PASSIVE_LEVEL : DISPATCH_LEVEL);
    else
        uf__cb_call(CB_TIMER, (void (*)(void))t->u.timer.fn, t,
                    t->u.timer.passive ? PASSIVE_LEVEL : DISPATCH_LEVEL);
    t->u.timer.running--;
    return 1;
}
