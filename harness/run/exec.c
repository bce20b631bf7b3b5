/*
 * exec.c - the interpreter.
 *
 * Design. A program is a flat list of ops with blocks inline (program.h).
 * exec_run() resets the model, then runs the top-level ops in order,
 * skipping block bodies (indexed when a callback first looks for one: most
 * fuzzing inputs halt before any runs). Each op is one DDI call or one port
 * action. Names are slots: a create op stores the handle it got (NULL when
 * the create failed) in its slot and remembers which slot the new object's
 * id belongs to, so callbacks can find their blocks and traces can name
 * objects as the program does.
 *
 * Callbacks. Every callback the interpreter installs is one of five C
 * functions (cleanup, destroy, unload, timer, work item). Each looks up the
 * slot of the object it was called for and runs every block `on $slot KIND`
 * in program order, at the IRQL the framework called it at. Blocks may run
 * inside other blocks' callbacks up to EXEC_MAX_DEPTH; a run executes at most
 * EXEC_MAX_STEPS ops in all. Both bounds keep a self-triggering program (a
 * timer block that fires its own timer) finite; beyond them the callback
 * body is skipped, which the trace shows as the absence of its ops.
 *
 * What may never happen: an op touching anything but the model's public
 * DDIs and control interface; a heap allocation or a formatted string on
 * the path without a trace hook; a run that does not stop. After a bugcheck
 * the model is halted and the interpreter executes nothing more.
 */
#define WDFMODEL_NO_CALL_SITES
#include "exec.h"

#include "check.h"
#include "fault.h"
#include "target.h"

#include <stdio.h>
#include <string.h>

#define MAX_BLOCKS (PROG_MAX_OPS / 2) /* every block a program can hold */
#define MAX_DEVICES 32   /* WDM device objects one run can hand out */
#define EXEC_POOL_TAG 0x6C506655u /* 'UfPl': pool-allocate's tag (LANGUAGE.md) */
/* The IOCTL request-format and ioctl-sync send: buffered, as most are. */
#define EXEC_IOCTL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define EXEC_MAX_BUFFER 64 /* bytes of memory-preallocated's buffer */

struct block {
    uint16_t slot;  /* whose callback */
    uint8_t kind;   /* enum block_kind */
    uint16_t first; /* first op of the body */
    uint16_t end;   /* index of its `end` (or nops) */
};

/* The state of the one running execution; callbacks reach it here. */
static struct {
    struct exec *x;                      /* running execution */
    struct block blocks[MAX_BLOCKS];     /* its program's blocks */
    uint32_t nblocks;
    uint8_t indexed;                     /* blocks[] holds this run's program's */
    DRIVER_OBJECT driver_object;         /* the WDM driver object */
    DEVICE_OBJECT devices[MAX_DEVICES];  /* WDM device objects */
    uint32_t devices_used;               /* devices[] entries handed out since cleared */
    uint8_t image_unloaded;              /* an image-unload op ran */
} R;

typedef struct _EXEC_CONTEXT {
    ULONG Value[4];
} EXEC_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(EXEC_CONTEXT)

typedef struct _EXEC_EXTRA_CONTEXT {
    ULONG Value[2];
} EXEC_EXTRA_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(EXEC_EXTRA_CONTEXT)

static void run_op(uint32_t i);
static void index_blocks(const struct program *p);

/* Runs the blocks `on <slot of h> kind`, one callback's body. */
static void run_blocks(WDFOBJECT h, enum block_kind kind)
{
    struct exec *x = R.x;
    uint32_t id = model_handle_id(h), b, i, saved = x->op;
    uint16_t slot;

    if (!id || id >= EXEC_MAX_IDS || x->depth >= EXEC_MAX_DEPTH)
        return;
    slot = x->id_slot[id];
    if (slot == SLOT_NONE)
        return;
    /* Indexed on the first callback that looks: most fuzzing inputs halt
     * after a few ops, and a scan of the whole program would cost more. */
    if (!R.indexed)
        index_blocks(x->prog);
    x->depth++;
    for (b = 0; b < R.nblocks; b++) {
        if (R.blocks[b].slot != slot || R.blocks[b].kind != kind)
            continue;
        for (i = R.blocks[b].first; i < R.blocks[b].end && !model_halted(); i++)
            run_op(i);
    }
    x->depth--;
    x->op = saved;
}

static void cb_cleanup(WDFOBJECT o) { run_blocks(o, BLOCK_CLEANUP); }
static void cb_destroy(WDFOBJECT o) { run_blocks(o, BLOCK_DESTROY); }
static void cb_unload(WDFDRIVER d) { run_blocks(d, BLOCK_UNLOAD); }
static void cb_timer(WDFTIMER t) { run_blocks(t, BLOCK_TIMER); }
static void cb_workitem(WDFWORKITEM w) { run_blocks(w, BLOCK_WORKITEM); }
static void cb_dpc(WDFDPC d) { run_blocks(d, BLOCK_DPC); }

/* Forwards model events to the trace hook with the op that caused them.
 * The object a create op makes is named by its slot from its create event
 * on, before the DDI has even returned its handle. */
static void forward(const struct model_event *ev, void *arg)
{
    struct exec *x = arg;

    if (ev->kind == EV_CREATE && x->binding != SLOT_NONE && ev->object < EXEC_MAX_IDS) {
        x->id_slot[ev->object] = x->binding;
        if (ev->object > x->ids_used)
            x->ids_used = ev->object;
        x->binding = SLOT_NONE;
    }
    if (x->on_event)
        x->on_event(x, ev, x->op);
    if (x->check)
        check_event(x->check, ev);
}

/* The checker's findings go to the trace hook like the model's violations,
 * under the op running and at its depth. */
static void report(void *arg, struct model_event *ev)
{
    struct exec *x = arg;

    ev->depth = x->depth;
    if (x->on_event)
        x->on_event(x, ev, x->op);
}

/* The handle in slot `s` (NULL for SLOT_NONE or an unbound slot). */
static WDFOBJECT slot_handle(uint16_t s)
{
    return s < PROG_MAX_SLOTS ? R.x->handles[s] : NULL;
}

/* Stores the result of a create op: the handle in its slot, and the new
 * object's id mapped back to the slot. */
static void bind(uint16_t slot, WDFOBJECT h)
{
    uint32_t id = model_handle_id(h);

    if (slot < PROG_MAX_SLOTS) {
        R.x->handles[slot] = h;
        R.x->bound |= 1ull << slot;
    }
    if (id && id < EXEC_MAX_IDS) {
        R.x->id_slot[id] = slot;
        if (id > R.x->ids_used)
            R.x->ids_used = id;
    }
}

/* Attributes for a create op: parent, the callbacks it asked for, and the
 * context and execution level options. */
static void attributes(const struct op *o, WDF_OBJECT_ATTRIBUTES *a)
{
    if (o->opts & OPT_CONTEXT) {
        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(a, EXEC_CONTEXT);
    } else {
        WDF_OBJECT_ATTRIBUTES_INIT(a);
    }
    if (o->opts & OPT_PARENT)
        a->ParentObject = slot_handle(o->arg);
    if (o->opts & OPT_CLEANUP)
        a->EvtCleanupCallback = cb_cleanup;
    if (o->opts & OPT_DESTROY)
        a->EvtDestroyCallback = cb_destroy;
    if (o->opts & OPT_EXEC)
        a->ExecutionLevel = (WDF_EXECUTION_LEVEL)o->level;
}

/* A fresh WDM device object for this run (they are handed out in order). */
static PDEVICE_OBJECT new_device(void)
{
    struct exec *x = R.x;

    if (x->ndevices >= MAX_DEVICES)
        x->ndevices = 0; /* reuse: only the count of references differs */
    if (x->ndevices >= R.devices_used)
        R.devices_used = x->ndevices + 1;
    return &R.devices[x->ndevices++];
}

/* Records op i's status. */
static void status(uint32_t i, NTSTATUS st)
{
    R.x->result[i].status = st;
    R.x->result[i].has_status = 1;
}

/* A request's completion routine. Completed inside its own request-send (a
 * synchronous one), the completion's status is that op's, taken before
 * the blocks run: what they do to the request is theirs. */
static void cb_completion(WDFREQUEST r, WDFIOTARGET t, PWDF_REQUEST_COMPLETION_PARAMS p,
                          WDFCONTEXT c)
{
    struct exec *x = R.x;
    const struct op *o = &x->prog->ops[x->op];

    (void)t;
    (void)c;
    if (o->code == OP_REQUEST_SEND && slot_handle(o->target) == (WDFOBJECT)r &&
        !x->result[x->op].has_status)
        status(x->op, p->IoStatus.Status);
    run_blocks(r, BLOCK_COMPLETION);
}

/* Executes op i once. The machine is not halted: both callers stop first. */
static void run_op(uint32_t i)
{
    static const UNICODE_STRING registry = {14, 16, (PWSTR)L"\\uf-api"};
    struct exec *x = R.x;
    const struct op *o = &x->prog->ops[i];
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT h = NULL;
    WDFOBJECT t = slot_handle(o->target);
    NTSTATUS st;

    if (x->steps >= EXEC_MAX_STEPS)
        return;
    x->steps++;
    x->op = i;
    x->result[i].executed = 1;
    if (i >= x->results_used)
        x->results_used = i + 1;
    if (x->on_op)
        x->on_op(x, i, 0);
    if (x->check)
        check_op_begin(x->check, o, t, slot_handle(o->arg));
    x->binding = op_arg((enum op_code)o->code) == ARG_BIND ? o->target : SLOT_NONE;
    WdfModelCallSite(NULL, 0);
    switch ((enum op_code)o->code) {
    case OP_DRIVER_CREATE: {
        WDF_DRIVER_CONFIG config;

        WDF_DRIVER_CONFIG_INIT(&config, NULL);
        config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
        if ((o->opts & OPT_INIT) && o->level == INIT_NON_PNP)
            config.DriverInitFlags = WdfDriverInitNonPnpDriver;
        else if ((o->opts & OPT_INIT) && o->level == INIT_NONE)
            config.DriverInitFlags = 0;
        if (o->opts & OPT_UNLOAD_CALLBACK)
            config.EvtDriverUnload = cb_unload;
        attributes(o, &a);
        if (o->opts & OPT_SCOPE)
            a.SynchronizationScope = (WDF_SYNCHRONIZATION_SCOPE)o->num;
        st = WdfDriverCreate(&R.driver_object, (PCUNICODE_STRING)&registry, &a, &config,
                             (WDFDRIVER *)&h);
        status(i, st);
        bind(SLOT_DRIVER, h);
        break;
    }
    case OP_MINIPORT_DEVICE_CREATE: {
        PDEVICE_OBJECT dev = new_device(), lower = NULL, pdo = NULL;

        if (o->opts & OPT_ATTACHED) {
            lower = new_device();
            pdo = new_device();
        }
        attributes(o, &a);
        st = WdfDeviceMiniportCreate(WdfGetDriver(), &a, dev, lower, pdo, (WDFDEVICE *)&h);
        status(i, st);
        bind(o->target, h);
        break;
    }
    case OP_OBJECT_CREATE:
        attributes(o, &a);
        status(i, WdfObjectCreate(&a, &h));
        bind(o->target, h);
        break;
    case OP_MEMORY_CREATE:
        attributes(o, &a);
        st = WdfMemoryCreate(&a, ((o->opts & OPT_POOL) && o->level) ? PagedPool : NonPagedPoolNx,
                             0x70416655 /* 'UfAp' */, (o->opts & OPT_SIZE) ? o->num : 64,
                             (WDFMEMORY *)&h, NULL);
        status(i, st);
        bind(o->target, h);
        break;
    case OP_TIMER_CREATE: {
        WDF_TIMER_CONFIG config;

        if (o->opts & OPT_PERIOD)
            WDF_TIMER_CONFIG_INIT_PERIODIC(&config, cb_timer, (LONG)o->num);
        else
            WDF_TIMER_CONFIG_INIT(&config, cb_timer);
        attributes(o, &a);
        status(i, WdfTimerCreate(&config, &a, (WDFTIMER *)&h));
        bind(o->target, h);
        break;
    }
    case OP_TIMER_START:
        WdfTimerStart((WDFTIMER)t, WDF_REL_TIMEOUT_IN_MS((o->opts & OPT_DUE) ? o->num : 0));
        break;
    case OP_TIMER_STOP:
        WdfTimerStop((WDFTIMER)t, (o->opts & OPT_WAIT) ? TRUE : FALSE);
        break;
    case OP_WORKITEM_CREATE: {
        WDF_WORKITEM_CONFIG config;

        WDF_WORKITEM_CONFIG_INIT(&config, cb_workitem);
        attributes(o, &a);
        status(i, WdfWorkItemCreate(&config, &a, (WDFWORKITEM *)&h));
        bind(o->target, h);
        break;
    }
    case OP_WORKITEM_ENQUEUE:
        WdfWorkItemEnqueue((WDFWORKITEM)t);
        break;
    case OP_WORKITEM_FLUSH:
        WdfWorkItemFlush((WDFWORKITEM)t);
        break;
    case OP_SPINLOCK_CREATE:
        attributes(o, &a);
        status(i, WdfSpinLockCreate(&a, (WDFSPINLOCK *)&h));
        bind(o->target, h);
        break;
    case OP_SPINLOCK_ACQUIRE:
        WdfSpinLockAcquire((WDFSPINLOCK)t);
        break;
    case OP_SPINLOCK_RELEASE:
        WdfSpinLockRelease((WDFSPINLOCK)t);
        break;
    case OP_WAITLOCK_CREATE:
        attributes(o, &a);
        status(i, WdfWaitLockCreate(&a, (WDFWAITLOCK *)&h));
        bind(o->target, h);
        break;
    case OP_WAITLOCK_ACQUIRE: {
        LONGLONG timeout = WDF_REL_TIMEOUT_IN_MS(o->num);

        status(i, WdfWaitLockAcquire((WDFWAITLOCK)t, (o->opts & OPT_TIMEOUT) ? &timeout : NULL));
        break;
    }
    case OP_WAITLOCK_RELEASE:
        WdfWaitLockRelease((WDFWAITLOCK)t);
        break;
    case OP_COLLECTION_CREATE:
        attributes(o, &a);
        status(i, WdfCollectionCreate(&a, (WDFCOLLECTION *)&h));
        bind(o->target, h);
        break;
    case OP_COLLECTION_ADD:
        status(i, WdfCollectionAdd((WDFCOLLECTION)t, slot_handle(o->arg)));
        break;
    case OP_COLLECTION_REMOVE:
        WdfCollectionRemove((WDFCOLLECTION)t, slot_handle(o->arg));
        break;
    case OP_CONTEXT_ALLOCATE: {
        PVOID ctx;

        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, EXEC_EXTRA_CONTEXT);
        if (o->opts & OPT_CLEANUP)
            a.EvtCleanupCallback = cb_cleanup;
        if (o->opts & OPT_DESTROY)
            a.EvtDestroyCallback = cb_destroy;
        status(i, WdfObjectAllocateContext(t, &a, &ctx));
        break;
    }
    case OP_REFERENCE:
        WdfObjectReferenceActual(t, (PVOID)(uintptr_t)((o->opts & OPT_TAG) ? o->num : 0),
                                 (LONG)o->line, NULL);
        break;
    case OP_DEREFERENCE:
        WdfObjectDereferenceActual(t, (PVOID)(uintptr_t)((o->opts & OPT_TAG) ? o->num : 0),
                                   (LONG)o->line, NULL);
        break;
    case OP_DELETE:
        WdfObjectDelete(t);
        break;
    case OP_MINIPORT_UNLOAD:
        WdfDriverMiniportUnload(o->target == SLOT_NONE ? WdfGetDriver() : (WDFDRIVER)t);
        break;
    case OP_IRQL:
        model_set_irql((KIRQL)o->level);
        break;
    case OP_FAIL_ALLOC:
        fault_arm(o);
        break;
    case OP_RUN_DEFERRED:
        model_run_deferred();
        break;
    case OP_TIMER_FIRE:
        model_timer_fire((WDFTIMER)t);
        break;
    case OP_WORKITEM_RUN:
        model_workitem_run((WDFWORKITEM)t);
        break;
    case OP_ON:
    case OP_END:
    case OP__COUNT:
        break;
    case OP_POOL_ALLOCATE:
        h = ExAllocatePool2(((o->opts & OPT_POOL) && o->level) ? POOL_FLAG_PAGED : POOL_FLAG_NON_PAGED,
                            (o->opts & OPT_SIZE) ? o->num : 64, EXEC_POOL_TAG);
        bind(o->target, h);
        break;
    case OP_POOL_FREE:
        if (o->opts & OPT_TAG)
            ExFreePoolWithTag(t, o->num);
        else
            ExFreePool(t);
        break;
    case OP_IMAGE_UNLOAD: {
        KIRQL at = model_irql();

        /* The image leaves once, from the I/O manager's thread at
         * PASSIVE_LEVEL, never from inside a driver callback: elsewhere the
         * op does nothing. The I/O manager calls the unload routine the
         * framework installed for a driver that let it own the dispatch
         * table (a miniport's port routine is the program's own, played
         * before), then the image leaves and the stub unbinds [M8]. */
        if (R.image_unloaded || x->depth > 0)
            break;
        R.image_unloaded = 1;
        model_set_irql(PASSIVE_LEVEL);
        if (o->opts & OPT_ENTRY_FAILED) {
            model_image_unload(IMAGE_UNLOAD_ENTRY_FAILED);
        } else {
            if (R.driver_object.DriverUnload)
                R.driver_object.DriverUnload(&R.driver_object);
            model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
        }
        model_set_irql(at);
        break;
    }
    case OP_FOLLOW_DOCUMENTATION:
        if (o->opts & OPT_UNLOAD_CALLBACK)
            model_set_unload_callback(MODEL_UNLOAD_CALLBACK_DOCUMENTED);
        break;
    case OP_DEVICE_IO_TARGET:
        h = WdfDeviceGetIoTarget((WDFDEVICE)slot_handle(o->arg));
        bind(o->target, h);
        break;
    case OP_IOTARGET_CREATE:
        attributes(o, &a);
        a.ParentObject = NULL; /* device= is the device, the parent by default */
        status(i, WdfIoTargetCreate((WDFDEVICE)slot_handle(o->arg), &a, (WDFIOTARGET *)&h));
        bind(o->target, h);
        break;
    case OP_IOTARGET_OPEN:
    case OP_IOTARGET_OPEN_BY_NAME: {
        static const UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\UfLower");
        WDF_IO_TARGET_OPEN_PARAMS params;

        if (o->code == OP_IOTARGET_OPEN_BY_NAME)
            WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&params, &name, GENERIC_READ);
        else
            WDF_IO_TARGET_OPEN_PARAMS_INIT_EXISTING_DEVICE(&params, new_device());
        status(i, WdfIoTargetOpen((WDFIOTARGET)t, &params));
        break;
    }
    case OP_IOTARGET_START:
        status(i, WdfIoTargetStart((WDFIOTARGET)t));
        break;
    case OP_IOTARGET_STOP:
        WdfIoTargetStop((WDFIOTARGET)t, (o->opts & OPT_ACTION)
                                            ? (WDF_IO_TARGET_SENT_IO_ACTION)o->level
                                            : WdfIoTargetCancelSentIo);
        break;
    case OP_IOTARGET_PURGE:
        WdfIoTargetPurge((WDFIOTARGET)t, (o->opts & OPT_WAIT) ? WdfIoTargetPurgeIoAndWait
                                                             : WdfIoTargetPurgeIo);
        break;
    case OP_IOTARGET_CLOSE:
        WdfIoTargetClose((WDFIOTARGET)t);
        break;
    case OP_REQUEST_CREATE:
        attributes(o, &a);
        status(i, WdfRequestCreate(&a, NULL, (WDFREQUEST *)&h));
        bind(o->target, h);
        break;
    case OP_REQUEST_FORMAT:
        status(i, WdfIoTargetFormatRequestForIoctl((WDFIOTARGET)slot_handle(o->arg), (WDFREQUEST)t,
                                                   EXEC_IOCTL, NULL, NULL, NULL, NULL));
        break;
    case OP_REQUEST_SEND: {
        WDF_REQUEST_SEND_OPTIONS options;

        WDF_REQUEST_SEND_OPTIONS_INIT(&options, (o->opts & OPT_SYNC)
                                                    ? WDF_REQUEST_SEND_OPTION_SYNCHRONOUS
                                                    : 0);
        if (o->opts & OPT_TIMEOUT)
            WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(o->num));
        /* The completion routine runs the request's `completion` blocks. The
         * op's status: the completion's when it completed inside the call,
         * else STATUS_PENDING, or the failure of a send refused. */
        WdfRequestSetCompletionRoutine((WDFREQUEST)t, cb_completion, NULL);
        if (!model_halted()) {
            BOOLEAN sent = WdfRequestSend((WDFREQUEST)t, (WDFIOTARGET)slot_handle(o->arg), &options);

            if (!model_halted() && !x->result[i].has_status)
                status(i, sent ? STATUS_PENDING : WdfRequestGetStatus((WDFREQUEST)t));
        }
        break;
    }
    case OP_REQUEST_REUSE: {
        WDF_REQUEST_REUSE_PARAMS params;

        WDF_REQUEST_REUSE_PARAMS_INIT(&params, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
        status(i, WdfRequestReuse((WDFREQUEST)t, &params));
        break;
    }
    case OP_REQUEST_CANCEL:
        WdfRequestCancelSentRequest((WDFREQUEST)t);
        break;
    case OP_REQUEST_COMPLETE:
        if (!(o->opts & OPT_STATUS) || o->level < LOWER_NO_ANSWER)
            model_request_complete((WDFREQUEST)t,
                                   model_lower_answer_status((o->opts & OPT_STATUS)
                                                                 ? (enum model_lower_answer)o->level
                                                                 : LOWER_SUCCESS),
                                   0);
        break;
    case OP_IOCTL_SYNC: {
        static UCHAR in[8];
        WDF_MEMORY_DESCRIPTOR input;
        WDF_REQUEST_SEND_OPTIONS options;
        ULONG_PTR bytes;

        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&input, in, sizeof(in));
        WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
        if (o->opts & OPT_TIMEOUT)
            WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(o->num));
        status(i, WdfIoTargetSendIoctlSynchronously((WDFIOTARGET)t, NULL, EXEC_IOCTL, &input, NULL,
                                                    &options, &bytes));
        break;
    }
    case OP_MEMORY_PREALLOCATED: {
        /* A buffer of the driver's own: static, so it outlives the object
         * as a driver's would. */
        static UCHAR buffer[EXEC_MAX_BUFFER];

        attributes(o, &a);
        status(i, WdfMemoryCreatePreallocated(&a, buffer,
                                              (o->opts & OPT_SIZE) && o->num < EXEC_MAX_BUFFER
                                                  ? o->num
                                                  : EXEC_MAX_BUFFER,
                                              (WDFMEMORY *)&h));
        bind(o->target, h);
        break;
    }
    case OP_OBJECT_ACQUIRE_LOCK:
        WdfObjectAcquireLock(t);
        break;
    case OP_OBJECT_RELEASE_LOCK:
        WdfObjectReleaseLock(t);
        break;
    case OP_LOWER_DEVICE:
        model_set_lower_answer((o->opts & OPT_STATUS) ? (enum model_lower_answer)o->level
                                                      : LOWER_SUCCESS);
        break;
    case OP_DPC_CREATE: {
        WDF_DPC_CONFIG config;

        WDF_DPC_CONFIG_INIT(&config, cb_dpc);
        attributes(o, &a);
        status(i, WdfDpcCreate(&config, &a, (WDFDPC *)&h));
        bind(o->target, h);
        break;
    }
    case OP_DPC_ENQUEUE:
        WdfDpcEnqueue((WDFDPC)t);
        break;
    case OP_DPC_CANCEL:
        WdfDpcCancel((WDFDPC)t, (o->opts & OPT_WAIT) ? TRUE : FALSE);
        break;
    case OP_DPC_RUN:
        model_dpc_run((WDFDPC)t);
        break;
    case OP_STRING_CREATE: {
        static const UNICODE_STRING text = RTL_CONSTANT_STRING(L"unloadfuzz");

        attributes(o, &a);
        status(i, WdfStringCreate(&text, &a, (WDFSTRING *)&h));
        bind(o->target, h);
        break;
    }
    case OP_REGISTRY_OPEN:
        attributes(o, &a);
        status(i, WdfDriverOpenParametersRegistryKey(WdfGetDriver(), KEY_READ, &a, (WDFKEY *)&h));
        bind(o->target, h);
        break;
    case OP_REGISTRY_QUERY: {
        static const UNICODE_STRING value = RTL_CONSTANT_STRING(L"Setting");
        ULONG v = 0;

        status(i, WdfRegistryQueryULong((WDFKEY)t, &value, &v));
        break;
    }
    case OP_REGISTRY_CLOSE:
        WdfRegistryClose((WDFKEY)t);
        break;
    case OP_LOOKASIDE_CREATE:
        attributes(o, &a);
        status(i, WdfLookasideListCreate(&a, (o->opts & OPT_SIZE) ? o->num : 64,
                                         ((o->opts & OPT_POOL) && o->level) ? PagedPool
                                                                            : NonPagedPoolNx,
                                         WDF_NO_OBJECT_ATTRIBUTES, 0x6C416655 /* 'UfAl' */,
                                         (WDFLOOKASIDE *)&h));
        bind(o->target, h);
        break;
    case OP_MEMORY_FROM_LOOKASIDE:
        status(i, WdfMemoryCreateFromLookaside((WDFLOOKASIDE)slot_handle(o->arg), (WDFMEMORY *)&h));
        bind(o->target, h);
        break;
    case OP_LOAD: /* the port's ops: driver programs run in port.c, never here */
    case OP_COMPLETE:
    case OP_RUN_DPC:
    case OP_REGISTRY:
    case OP_DEVICE_ARRIVAL:
    case OP_DEVICE_REMOVAL:
    case OP_PORT_UNLOAD:
    case OP_FIRE:
    case OP_RUN:
    case OP_INJECT:
    case OP_PAUSE:
    case OP_RESTART:
    case OP_RESET:
    case OP_SEND:
    case OP_OID_REQUEST:
    case OP_SURPRISE_REMOVAL:
    case OP_SHUTDOWN:
        break;
    }
    x->binding = SLOT_NONE;
    if (x->check)
        check_op_end(x->check, o, x->result[i].has_status, x->result[i].status);
    if (x->on_op)
        x->on_op(x, i, 1);
    x->op = i;
}

/* Indexes the program's blocks. */
static void index_blocks(const struct program *p)
{
    uint32_t i, j;

    R.indexed = 1;
    R.nblocks = 0;
    for (i = 0; i < p->nops; i++) {
        if (p->ops[i].code != OP_ON)
            continue;
        for (j = i + 1; j < p->nops && p->ops[j].code != OP_END; j++)
            ;
        if (R.nblocks < MAX_BLOCKS) {
            R.blocks[R.nblocks].slot = p->ops[i].target;
            R.blocks[R.nblocks].kind = p->ops[i].level;
            R.blocks[R.nblocks].first = (uint16_t)(i + 1);
            R.blocks[R.nblocks].end = (uint16_t)j;
            R.nblocks++;
        }
        i = j;
    }
}

void exec_run(struct exec *x, const struct program *p)
{
    uint32_t i;
    uint64_t bound;

    /* Clear only what the last run used: this runs on every fuzzing input,
     * and most inputs halt after a few ops. */
    memset(x->result, 0, sizeof(x->result[0]) * x->results_used);
    x->results_used = 0;
    if (!x->ready)
        memset(x->id_slot, 0xFF, sizeof(x->id_slot));
    else
        memset(x->id_slot, 0xFF, sizeof(x->id_slot[0]) * (x->ids_used + 1));
    x->ready = 1;
    x->ids_used = 0;
    for (bound = x->bound; bound; bound &= bound - 1)
        x->handles[__builtin_ctzll(bound)] = NULL;
    x->bound = 0;
    x->op = x->steps = x->depth = x->ndevices = 0;
    x->binding = SLOT_NONE;
    x->prog = p;
    R.x = x;
    memset(&R.driver_object, 0, sizeof(R.driver_object));
    memset(R.devices, 0, sizeof(R.devices[0]) * R.devices_used);
    R.devices_used = 0;
    R.indexed = 0;
    R.image_unloaded = 0;
    model_reset();
    model_set_unload_callback(target_options()->unload_callback);
    model_set_sink(x->on_event || x->check ? forward : NULL, x);
    if (x->check) {
        x->check->mode = CHECK_OPS;
        x->check->report = report;
        x->check->report_arg = x;
        check_begin(x->check);
    }
    for (i = 0; i < p->nops && !model_halted(); i++) {
        if (p->ops[i].code == OP_ON) {
            while (i < p->nops && p->ops[i].code != OP_END)
                i++;
            continue;
        }
        run_op(i);
    }
    /* A driver that unloaded leaves memory when its unload returns, whether
     * the program says so (image-unload) or not: the pool it still holds is
     * leaked (Driver Verifier's pool tracking). */
    if (model_driver_state() == DRIVER_UNLOADED && !R.image_unloaded && !model_halted())
        model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    if (x->check) {
        if (!model_halted())
            x->op = p->nops; /* findings at the end carry the number of ops */
        check_end(x->check);
    }
    model_set_sink(NULL, NULL);
    R.x = NULL;
}

const char *exec_object_name(const struct exec *x, uint32_t id, char *buf, size_t n)
{
    uint16_t slot = id < EXEC_MAX_IDS ? x->id_slot[id] : SLOT_NONE;
    char name[PROG_NAME_MAX];

    if (slot != SLOT_NONE && slot < x->prog->nslots)
        snprintf(buf, n, "%s", prog_name(x->prog, slot, name));
    else
        snprintf(buf, n, "o%u", id);
    return buf;
}
