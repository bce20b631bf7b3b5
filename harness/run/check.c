/*
 * check.c - the independent invariant checker (see check.h).
 *
 * It never reads the model's internals: only events as they are emitted,
 * model.h's introspection, and what the host says the driver asked for.
 * Its own notes are one byte of SEEN_* bits per object id and a stack of
 * frames: one per op running (CHECK_OPS: ops in blocks run inside other
 * ops' callbacks) or per DDI call under way (CHECK_CALLS: a driver's
 * callbacks call DDIs inside DDIs), so every event counts for the innermost
 * one. The per-frame work is constant but for the post-order check of a
 * cleanup, which looks at the object's children (only when `thorough`),
 * and the tree walk, done at the end of a run (after every op, or step,
 * when `thorough`). The fuzz targets run the cheap checks; repro, the
 * replays and the tests run all of them.
 */
#include "check.h"

#include <string.h>

enum {
    SEEN_CREATE = 1,  /* EV_CREATE */
    SEEN_CLEANUP = 2, /* EV_CLEANUP */
    SEEN_DESTROY = 4, /* EV_DESTROY */
    SEEN_FREE = 8,    /* EV_FREE */
    SEEN_LEAK = 16,   /* a leak-at-unload violation named it */
    SEEN_ROOTED = 32, /* check_tree(): live, with live ancestors up to a root */
};

/* The small helpers of the per-event path: inlined in every build, the
 * unoptimized ones too, since the checker sees every event of every run. */
#define HOT static inline __attribute__((always_inline))

/* The machine halts with a violation; the checker's findings then mean
 * nothing more (nothing runs), so it stops looking. */
HOT int quiet(void) { return model_halted(); }

/* Records a finding and hands it to the host as a violation event. A
 * driver target's (CHECK_CALLS) names the DDI of the call it is about
 * (`ddi`) and its object's type, as the model's violations do; an api
 * program's names the op's objects by the program's names instead. */
static void finding_in(struct check *c, enum model_ddi ddi, enum model_rule r, uint32_t object,
                       const char *what)
{
    struct model_event ev;

    if (c->nfindings < CHECK_MAX_FINDINGS) {
        c->findings[c->nfindings].rule = r;
        c->findings[c->nfindings].object = object;
        c->findings[c->nfindings].what = what;
    }
    c->nfindings++;
    if (c->report) {
        memset(&ev, 0, sizeof(ev));
        ev.kind = EV_VIOLATION;
        ev.rule = r;
        ev.object = object;
        ev.detail = what;
        if (c->mode == CHECK_CALLS) {
            ev.ddi = ddi;
            ev.type = model_object_type(object);
        }
        c->report(c->report_arg, &ev);
    }
}

/* A finding about no DDI call in particular. */
static void finding(struct check *c, enum model_rule r, uint32_t object, const char *what)
{
    finding_in(c, DDI_NONE, r, object, what);
}

/* Starts a run: forgets the last one's shadow (as far as it went). */
void check_begin(struct check *c)
{
    memset(c->shadow, 0, c->maxid + 1u < CHECK_MAX_IDS ? c->maxid + 1u : CHECK_MAX_IDS);
    c->nfindings = 0;
    c->depth = 0;
    c->maxid = 0;
}

/* The innermost frame, or NULL between ops (or calls). */
HOT struct check_frame *top(struct check *c)
{
    return c->depth && c->depth <= CHECK_MAX_FRAMES ? &c->frames[c->depth - 1] : NULL;
}

/* Whether the checker saw object `id` freed. */
HOT int seen_freed(const struct check *c, uint32_t id)
{
    return id && id < CHECK_MAX_IDS && (c->shadow[id] & SEEN_FREE);
}

/* The count of object `id` now, or -1 when there is no such object. */
static int32_t refs_now(uint32_t id)
{
    enum model_state state;
    int32_t refs;

    return id && model_object_refs(id, &refs, &state) == 0 ? refs : -1;
}

/* Notes the count and state of the frame's operands as they are now. */
static void note_operands(struct check_frame *f)
{
    enum model_state state;
    int32_t refs;

    if (f->target_id && model_object_refs(f->target_id, &refs, &state) == 0) {
        f->target_refs = refs;
        f->target_state = (uint8_t)state;
    }
    if (f->arg_id && model_object_refs(f->arg_id, &refs, &state) == 0)
        f->arg_refs = refs;
}

/* Opens a frame (or counts one past the deepest recorded). Returns it, or
 * NULL when it is not recorded. */
HOT struct check_frame *push(struct check *c)
{
    struct check_frame *f;

    if (c->depth >= CHECK_MAX_FRAMES) {
        c->depth++; /* counted, not recorded: pop() skips it */
        return NULL;
    }
    f = &c->frames[c->depth++];
    f->faults = f->violations = 0;
    f->target_id = f->arg_id = 0;
    f->target_refs = f->arg_refs = 0;
    f->target_state = f->freed = 0;
    f->ddi = DDI_NONE;
    f->irql = model_irql();
    f->halted = (uint8_t)model_halted();
    return f;
}

/* Closes the innermost frame. Returns it, or NULL when it was not recorded
 * (or none was open). */
HOT struct check_frame *pop(struct check *c)
{
    if (c->depth == 0)
        return NULL;
    if (c->depth-- > CHECK_MAX_FRAMES)
        return NULL;
    return &c->frames[c->depth];
}

/* ------------------------------------------------------ lives and tree */

/* Post-order [D1]: every live child of `id` was cleaned up before it. */
static void check_children_cleaned(struct check *c, uint32_t id)
{
    uint32_t i, n = model_object_count(), parent;
    enum model_state state;
    int32_t refs;

    if (n >= CHECK_MAX_IDS)
        return;
    for (i = 1; i <= n; i++)
        if (model_object_node(i, &parent, &state, &refs) == 0 && parent == id &&
            state != STATE_FREED && !(c->shadow[i] & SEEN_CLEANUP)) {
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "cleanup before a child's cleanup");
            return;
        }
}

/* The order of object `id`'s life events (create, cleanup, destroy, free)
 * against its shadow. Kept out of check_event() so that the common events
 * (calls and returns) pass through a function with no frame to build. */
__attribute__((noinline)) static void check_life(struct check *c, enum model_event_kind kind,
                                                 uint32_t id)
{
    struct model_object_info info;
    uint8_t *s = &c->shadow[id];

    switch (kind) {
    case EV_CREATE:
        if (*s & SEEN_CREATE)
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "created twice");
        *s = SEEN_CREATE;
        break;
    case EV_CLEANUP:
        if (!(*s & SEEN_CREATE))
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "cleanup of an object never created");
        else if (*s & (SEEN_CLEANUP | SEEN_DESTROY))
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "cleanup twice, or after destroy");
        *s |= SEEN_CLEANUP;
        if (c->thorough) /* a walk of every object: not on the fuzzing path */
            check_children_cleaned(c, id);
        if (model_object_info(id, &info) == 0 && info.passive_dispose &&
            model_irql() != PASSIVE_LEVEL)
            finding(c, RULE_INTERNAL_CHECK_PASSIVE, id,
                    "a passive-only object was disposed above PASSIVE_LEVEL");
        break;
    case EV_DESTROY:
        if (!(*s & SEEN_CLEANUP))
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "destroy before cleanup");
        else if (*s & SEEN_DESTROY)
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "destroy twice");
        *s |= SEEN_DESTROY;
        break;
    case EV_FREE:
        if (!(*s & SEEN_DESTROY) || (*s & SEEN_FREE))
            finding(c, RULE_INTERNAL_CHECK_ORDER, id, "freed without destroy, or twice");
        *s |= SEEN_FREE;
        break;
    default:
        break;
    }
}

/* The tree [O1][O2]: every live object's parent is live, no cycles, and
 * freed objects are the ones the checker saw freed. Objects are looked at
 * in id order, and an object whose parent came before it and was found
 * rooted is rooted too, so the walk up is made only for a parent that
 * comes later: the whole tree costs a look at each object, not at each
 * object's every ancestor. */
static void check_tree(struct check *c)
{
    uint32_t i, hops, n = model_object_count(), up, parent, pp;
    enum model_state state, ps;
    int32_t refs, prefs;

    for (i = 1; i <= n && i < CHECK_MAX_IDS; i++)
        c->shadow[i] &= (uint8_t)~SEEN_ROOTED;
    for (i = 1; i <= n && i < CHECK_MAX_IDS; i++) {
        if (model_object_node(i, &parent, &state, &refs))
            continue;
        if ((state == STATE_FREED) != !!(c->shadow[i] & SEEN_FREE)) {
            finding(c, RULE_INTERNAL_CHECK_TREE, i, "freed without a free event, or the reverse");
            return;
        }
        if (state == STATE_FREED)
            continue;
        if (refs < 0) {
            finding(c, RULE_INTERNAL_CHECK_TREE, i, "a negative reference count");
            return;
        }
        if (parent == 0 || (parent < i && (c->shadow[parent] & SEEN_ROOTED))) {
            c->shadow[i] |= SEEN_ROOTED;
            continue;
        }
        for (up = parent, hops = 0; up && hops <= n; hops++) {
            if (model_object_node(up, &pp, &ps, &prefs) || ps == STATE_FREED) {
                finding(c, RULE_INTERNAL_CHECK_TREE, i, "a live object under a freed parent");
                return;
            }
            up = pp;
        }
        if (hops > n) {
            finding(c, RULE_INTERNAL_CHECK_TREE, i, "a cycle of parents");
            return;
        }
        c->shadow[i] |= SEEN_ROOTED;
    }
}

/* ------------------------------------------------------------ DDI calls */

/* Whether DDI d makes an allocation the framework would make, so a fault
 * can hit it and its status must say so (the DDIs of the api program's
 * create ops, collection-add and context-allocate). */
static int ddi_allocates(enum model_ddi d)
{
    switch (d) {
    case DDI_WdfDriverCreate:
    case DDI_WdfDeviceMiniportCreate:
    case DDI_WdfObjectCreate:
    case DDI_WdfMemoryCreate:
    case DDI_WdfTimerCreate:
    case DDI_WdfWorkItemCreate:
    case DDI_WdfSpinLockCreate:
    case DDI_WdfWaitLockCreate:
    case DDI_WdfCollectionCreate:
    case DDI_WdfCollectionAdd:
    case DDI_WdfObjectAllocateContext:
        return 1;
    default:
        return 0;
    }
}

/* CHECK_CALLS: a DDI call begins (its call event). */
static void call_begin(struct check *c, const struct model_event *ev)
{
    struct check_frame *f = push(c);

    if (f == NULL)
        return;
    f->ddi = ev->ddi;
    f->target_id = ev->object;
    if (ev->ddi == DDI_WdfObjectReferenceActual || ev->ddi == DDI_WdfObjectDereferenceActual)
        note_operands(f);
    f->freed = (uint8_t)seen_freed(c, f->target_id);
}

/* CHECK_CALLS: the innermost DDI call returns with `status`: what the
 * model should have said about it, it said. The checks are those of
 * check_op_end(), made per call; what a call cannot show (its arguments
 * beyond the subject) is not looked at: the allocation size behind a
 * failure, a collection's item. */
static void call_end(struct check *c, NTSTATUS status)
{
    struct check_frame *f = pop(c);
    int32_t want;
    KIRQL max;

    if (f == NULL || f->halted || quiet())
        return;
    if (ddi_allocates(f->ddi) && f->faults && NT_SUCCESS(status))
        finding_in(c, f->ddi, RULE_INTERNAL_CHECK_FAULT, f->target_id,
                "an injected allocation fault was not reported");
    if (f->violations)
        return; /* the model said something about this call: enough */
    /* no IRQL limit: it checks its owner only [C15] */
    max = f->ddi == DDI_WdfSpinLockRelease ? HIGH_LEVEL : model_ddi_max_irql(f->ddi);
    if (!f->freed && f->irql <= max) {
        want = f->ddi == DDI_WdfObjectReferenceActual ? f->target_refs + 1
               : f->ddi == DDI_WdfObjectDereferenceActual && f->target_refs >= 2
                   ? f->target_refs - 1 : -1;
        if (want >= 0 && refs_now(f->target_id) != want)
            finding_in(c, f->ddi, RULE_INTERNAL_CHECK_REFCOUNT, f->target_id,
                    "a reference count moved by other than one");
    }
    if (f->irql > max) {
        finding_in(c, f->ddi, RULE_INTERNAL_UNREPORTED_IRQL_TOO_HIGH, f->target_id,
                "a DDI ran above its highest IRQL unreported");
        return;
    }
    if (f->ddi == DDI_WdfDriverMiniportUnload && f->freed) {
        finding_in(c, f->ddi, RULE_INTERNAL_UNREPORTED_DOUBLE_UNLOAD, f->target_id,
                "unload of a freed driver object unreported");
        return;
    }
    if (f->freed) {
        finding_in(c, f->ddi, RULE_INTERNAL_UNREPORTED_HANDLE_USE_AFTER_FREE, f->target_id,
                "a freed object's handle was used unreported");
        return;
    }
    if (f->ddi == DDI_WdfObjectDereferenceActual && f->target_id && f->target_refs == 1 &&
        f->target_state == STATE_CREATED)
        finding_in(c, f->ddi, RULE_INTERNAL_UNREPORTED_DEREF_TO_ZERO, f->target_id,
                "a never-deleted object dereferenced to zero unreported");
}

/* Every event of the run (check.h). */
void check_event(struct check *c, const struct model_event *ev)
{
    struct check_frame *f = top(c);
    uint32_t id = ev->object;

    if (ev->kind == EV_VIOLATION) {
        if (f)
            f->violations++;
        if (ev->rule == RULE_LEAK_AT_UNLOAD && id && id < CHECK_MAX_IDS)
            c->shadow[id] |= SEEN_LEAK;
        return;
    }
    /* A fault the framework goes on without (the verifier's own locks,
     * sites.def) is no failure its DDI must report. */
    if (ev->kind == EV_FAULT) {
        if (f && model_site_kind(ev->site) != SITE_KIND_FX_IGNORED)
            f->faults++;
        return;
    }
    if (c->mode == CHECK_CALLS) {
        if (ev->kind == EV_CALL && !quiet())
            call_begin(c, ev);
        else if (ev->kind == EV_RETURN)
            call_end(c, ev->status);
    }
    if (!id || id >= CHECK_MAX_IDS || quiet())
        return;
    if (id > c->maxid)
        c->maxid = id;
    switch (ev->kind) {
    case EV_CREATE:
    case EV_CLEANUP:
    case EV_DESTROY:
    case EV_FREE:
        check_life(c, ev->kind, id);
        break;
    default:
        break;
    }
}

/* ----------------------------------------------------------- api ops */

/* CHECK_OPS: op *o starts (check.h). */
void check_op_begin(struct check *c, const struct op *o, WDFOBJECT target, WDFOBJECT arg)
{
    struct check_frame *f = push(c);

    if (f == NULL)
        return;
    if (o->code == OP_MINIPORT_UNLOAD && o->target == SLOT_NONE)
        f->target_id = model_handle_id(WdfGetDriver());
    else if (op_arg((enum op_code)o->code) != ARG_BIND)
        f->target_id = model_handle_id(target);
    if (op_arg((enum op_code)o->code) == ARG_OBJ2)
        f->arg_id = model_handle_id(arg);
    note_operands(f);
    f->freed = (uint8_t)(seen_freed(c, f->target_id) || seen_freed(c, f->arg_id));
}

/* The highest IRQL op `o` may be called at, or HIGH_LEVEL when it calls no
 * DDI with a limit (environment ops, WdfSpinLockRelease [C15]). */
static KIRQL op_max_irql(const struct op *o)
{
    switch ((enum op_code)o->code) {
    case OP_DRIVER_CREATE:
    case OP_MINIPORT_DEVICE_CREATE:
    case OP_WORKITEM_FLUSH:
    case OP_IOTARGET_CREATE:
    case OP_IOTARGET_OPEN:
    case OP_IOTARGET_OPEN_BY_NAME:
    case OP_IOTARGET_CLOSE:
    case OP_IOCTL_SYNC:
    case OP_STRING_CREATE:
    case OP_REGISTRY_OPEN:
    case OP_REGISTRY_QUERY:
    case OP_REGISTRY_CLOSE:
        return PASSIVE_LEVEL;
    case OP_DPC_CANCEL:
        return (o->opts & OPT_WAIT) ? PASSIVE_LEVEL : HIGH_LEVEL;
    case OP_DPC_ENQUEUE:
        return HIGH_LEVEL;
    case OP_LOOKASIDE_CREATE:
        return ((o->opts & OPT_POOL) && o->level) ? PASSIVE_LEVEL : DISPATCH_LEVEL;
    case OP_IOTARGET_STOP:
        return (o->opts & OPT_ACTION) && o->level == WdfIoTargetLeaveSentIoPending
                   ? DISPATCH_LEVEL
                   : PASSIVE_LEVEL;
    case OP_IOTARGET_PURGE:
        return (o->opts & OPT_WAIT) ? PASSIVE_LEVEL : DISPATCH_LEVEL;
    case OP_REQUEST_SEND:
        return (o->opts & OPT_SYNC) ? PASSIVE_LEVEL : DISPATCH_LEVEL;
    case OP_MEMORY_CREATE:
        return ((o->opts & OPT_POOL) && o->level) ? APC_LEVEL : DISPATCH_LEVEL;
    case OP_WAITLOCK_ACQUIRE:
        return ((o->opts & OPT_TIMEOUT) && o->num == 0) ? DISPATCH_LEVEL : PASSIVE_LEVEL;
    case OP_TIMER_STOP:
        return (o->opts & OPT_WAIT) ? PASSIVE_LEVEL : DISPATCH_LEVEL;
    case OP_SPINLOCK_RELEASE:
    case OP_IRQL:
    case OP_FAIL_ALLOC:
    case OP_RUN_DEFERRED:
    case OP_TIMER_FIRE:
    case OP_WORKITEM_RUN:
    case OP_REQUEST_COMPLETE:
    case OP_LOWER_DEVICE:
    case OP_DPC_RUN:
    case OP_ON:
    case OP_END:
    case OP__COUNT:
        return HIGH_LEVEL;
    default:
        return DISPATCH_LEVEL;
    }
}

/* Does op `o` make an allocation the framework would make (so a fault can
 * hit it and its status must say so)? */
static int op_allocates(const struct op *o)
{
    return op_arg((enum op_code)o->code) == ARG_BIND || o->code == OP_COLLECTION_ADD ||
           o->code == OP_CONTEXT_ALLOCATE || o->code == OP_IOTARGET_OPEN ||
           o->code == OP_IOTARGET_OPEN_BY_NAME ||
           o->code == OP_REQUEST_FORMAT || o->code == OP_REQUEST_SEND || o->code == OP_IOCTL_SYNC;
}

/* [O1][O4][O7]: an op that takes or drops one reference, and raised
 * nothing, moved the count by exactly one (drops are looked at only while
 * the object survives them). */
static void check_refcount(struct check *c, const struct op *o, const struct check_frame *f,
                           int has_status, NTSTATUS status)
{
    int32_t want = -1;
    uint32_t id = 0;

    switch ((enum op_code)o->code) {
    case OP_REFERENCE:
        id = f->target_id, want = f->target_refs + 1;
        break;
    case OP_DEREFERENCE:
        if (f->target_refs >= 2)
            id = f->target_id, want = f->target_refs - 1;
        break;
    case OP_COLLECTION_ADD:
        if (has_status && NT_SUCCESS(status))
            id = f->arg_id, want = f->arg_refs + 1;
        break;
    case OP_COLLECTION_REMOVE:
        if (f->arg_refs >= 2)
            id = f->arg_id, want = f->arg_refs - 1;
        break;
    default:
        break;
    }
    if (id && refs_now(id) != want)
        finding(c, RULE_INTERNAL_CHECK_REFCOUNT, id, "a reference count moved by other than one");
}

/* CHECK_OPS: op *o ends (check.h): what the model should have said about
 * it, it said. */
void check_op_end(struct check *c, const struct op *o, int has_status, NTSTATUS status)
{
    struct check_frame *f = pop(c);
    int lookup, failed_for_memory, halted;
    KIRQL max;

    if (f == NULL || f->halted)
        return;
    halted = model_halted(); /* nothing below runs the model */
    if (c->thorough && !halted)
        check_tree(c);
    /* A fault is reported by the DDI that hit it; no DDI fails for memory
     * without one (a WDFMEMORY past the pool's largest block aside). */
    if (op_allocates(o) && has_status && !halted) {
        failed_for_memory = status == STATUS_INSUFFICIENT_RESOURCES ||
                            (o->code == OP_COLLECTION_ADD && status == STATUS_UNSUCCESSFUL);
        if (f->faults && NT_SUCCESS(status))
            finding(c, RULE_INTERNAL_CHECK_FAULT, f->target_id,
                    "an injected allocation fault was not reported");
        else if (failed_for_memory && !f->faults &&
                 !((o->code == OP_MEMORY_CREATE || o->code == OP_LOOKASIDE_CREATE) &&
                   (o->opts & OPT_SIZE) && o->num > MODEL_MAX_BLOCK))
            finding(c, RULE_INTERNAL_CHECK_FAULT, 0,
                    "a DDI failed for lack of memory with no fault injected");
    }
    if (f->violations)
        return; /* the model said something about this op: enough */
    if (halted || o->code == OP_ON || o->code == OP_END)
        return;
    max = op_max_irql(o);
    if (!f->freed && f->irql <= max)
        check_refcount(c, o, f, has_status, status);
    /* A DDI above its highest IRQL [I1]. */
    if (f->irql > max) {
        finding(c, RULE_INTERNAL_UNREPORTED_IRQL_TOO_HIGH, f->target_id,
                "a DDI ran above its highest IRQL unreported");
        return;
    }
    lookup = op_arg((enum op_code)o->code) != ARG_BIND && o->code != OP_TIMER_FIRE &&
             o->code != OP_WORKITEM_RUN && o->code != OP_REQUEST_COMPLETE &&
             o->code != OP_DPC_RUN &&
             op_arg((enum op_code)o->code) != ARG_NONE &&
             op_arg((enum op_code)o->code) != ARG_LEVEL;
    /* A second unload through the freed driver object [M6]. */
    if (o->code == OP_MINIPORT_UNLOAD && f->freed) {
        finding(c, RULE_INTERNAL_UNREPORTED_DOUBLE_UNLOAD, f->target_id,
                "unload of a freed driver object unreported");
        return;
    }
    /* A freed handle used [O5]. */
    if (lookup && f->freed) {
        finding(c, RULE_INTERNAL_UNREPORTED_HANDLE_USE_AFTER_FREE, f->target_id,
                "a freed object's handle was used unreported");
        return;
    }
    /* The driver's dereference of a never-deleted object's last reference [D6]. */
    if (o->code == OP_DEREFERENCE && f->target_id && f->target_refs == 1 &&
        f->target_state == STATE_CREATED)
        finding(c, RULE_INTERNAL_UNREPORTED_DEREF_TO_ZERO, f->target_id,
                "a never-deleted object dereferenced to zero unreported");
}

/* ------------------------------------------------------------ the end */

/* Between two steps of the host (check.h). */
void check_step(struct check *c)
{
    if (c->thorough && !quiet())
        check_tree(c);
}

/* The run ended (check.h). */
void check_end(struct check *c)
{
    uint32_t i, n = model_object_count(), parent;
    enum model_state state;
    int32_t refs;

    if (quiet())
        return;
    check_tree(c);
    /* After unload, whatever is alive was reported as leaked [M5]. */
    if (model_driver_state() != DRIVER_UNLOADED)
        return;
    for (i = 1; i <= n && i < CHECK_MAX_IDS; i++)
        if (model_object_node(i, &parent, &state, &refs) == 0 && state != STATE_FREED &&
            !(c->shadow[i] & SEEN_LEAK)) {
            finding(c, RULE_INTERNAL_UNREPORTED_LEAK_AT_UNLOAD, i,
                    "alive after unload and not reported as leaked");
            return;
        }
}
