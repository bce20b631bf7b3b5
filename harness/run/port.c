/*
 * port.c - the port simulation (port.h): plays a driver program against a
 * registered driver under test.
 *
 * The port owns what a real port driver and the system own: the WDM driver
 * object and registry path handed to the entry, a functional device object
 * with a lower device and a PDO per adapter, and the order of events.
 * Under its contract it ignores what it would never do: a second load, a
 * device-arrival before load or after unload, a removal of an adapter that
 * is not there, a second unload, an `irql` op. Its unload removes the
 * adapters still present first, newest first, as PnP removes every device
 * before the driver's unload routine runs. Injections lift two of those
 * rules: with double-unload a second port-unload (and, when a program
 * unloaded only once, one more at its end) calls the unload routine again;
 * with irql the routines run at the IRQL of the last `irql` op. A run's
 * injections are its caller's choice (--inject); a program's `inject` op
 * can only repeat them, so a campaign under the default port never leaves
 * the contract whatever its inputs say.
 *
 * After the first unload routine returns (or a failed entry) the image
 * leaves memory: the framework's stub unbinds, deleting a framework driver
 * still alive when the driver let it (or the entry failed) and reporting
 * it otherwise, and the model reports the pool the driver still held.
 *
 * Every event of the run goes to the independent checker (check.h), which
 * follows each DDI call the driver makes; its findings are violations of
 * the run like the model's. Every event, the checker's findings included,
 * is folded into an FNV-1a hash (object ids, kinds, DDIs, statuses,
 * rules), and so is every call of the port into the driver with its IRQL:
 * the trace the reset check compares.
 */
#include "port.h"

#include <string.h>

#include "check.h"
#include "fault.h"
#include "globals.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "portcls.h"

#define FNV_OFFSET 0xCBF29CE484222325ull
#define FNV_PRIME 0x100000001B3ull

/* The state of the one running simulation. */
static struct {
    const struct uf_driver *d;
    const struct program *prog;                /* the program being run */
    struct port_run *r;
    model_sink_fn sink;                        /* the caller's, may be NULL */
    void *sink_arg;
    DRIVER_OBJECT driver_object;
    DRIVER_EXTENSION driver_extension; /* the I/O manager gives every driver one */
    DEVICE_OBJECT fdo[PROG_MAX_ADAPTERS];      /* per adapter: the port's FDO, */
    DEVICE_OBJECT next[PROG_MAX_ADAPTERS];     /* the device below it, */
    DEVICE_OBJECT pdo[PROG_MAX_ADAPTERS];      /* and the bus's PDO */
    uint8_t present[PROG_MAX_ADAPTERS];        /* started and not removed */
    uint32_t arrived;                          /* adapters that arrived so far */
    uint8_t loaded;                            /* the entry succeeded */
    uint8_t load_tried;                        /* the entry ran */
    uint32_t unloads;                          /* times the unload routine ran */
    uint32_t inject;                           /* PORT_INJECT_* in force */
    KIRQL irql;                                /* with PORT_INJECT_IRQL */
    PDRIVER_UNLOAD port_unload;                /* PcInitializeAdapterDriver's */
    uint8_t ndis_registered;                   /* NdisMRegisterMiniportDriver */
    struct check check;                        /* the independent checker, on every run */
} P;

/* The driver's service key, as the I/O manager passes it to DriverEntry. */
static WCHAR registry_path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\uf-driver";
static const UNICODE_STRING registry = {sizeof registry_path - sizeof(WCHAR), sizeof registry_path,
                                        registry_path};

/* Folds one event into the trace hash and passes it on to the caller's
 * sink. */
static void record(const struct model_event *ev)
{
    uint64_t h = P.r->trace_hash;
    uint32_t v[6] = {(uint32_t)ev->kind, (uint32_t)ev->ddi, (uint32_t)ev->status, ev->object,
                     ev->other, (uint32_t)ev->rule};
    size_t i;

    /* FNV-1a over words, not bytes: a run raises thousands of events, and
     * the hash is only ever compared with another run's of the same build */
    for (i = 0; i < 6; i++) {
        h ^= v[i];
        h *= FNV_PRIME;
    }
    P.r->trace_hash = h;
    P.r->events++;
    if (P.sink)
        P.sink(ev, P.sink_arg);
}

/* Whether the checker is attached: always, but in the build that
 * measures what it costs (bench/checker.sh, UF_BENCH_WITHOUT_CHECKER). */
#ifdef UF_WITHOUT_CHECKER
#define CHECKER 0
#else
#define CHECKER 1
#endif

/* The model's sink: every event goes to the checker, then into the trace. */
static void on_event(const struct model_event *ev, void *arg)
{
    (void)arg;
    if (CHECKER)
        check_event(&P.check, ev);
    record(ev);
}

/* The checker's findings: violations of the run like the model's. */
static void report(void *arg, struct model_event *ev)
{
    (void)arg;
    record(ev);
}

void uf_port_set_sink(model_sink_fn fn, void *arg)
{
    P.sink = fn;
    P.sink_arg = arg;
}

/* Folds a call of the port into the driver (enum op_code of the op that
 * made it) into the trace: a call that raises no event, a guarded second
 * unload say, still shows. */
static void trace_call(uint32_t what)
{
    uint64_t h = P.r->trace_hash;

    h ^= (uint64_t)what << 32 | 0x5Au; /* apart from every event's first word */
    h *= FNV_PRIME;
    P.r->trace_hash = h;
}

/* Calls into the driver at its documented IRQL, or with PORT_INJECT_IRQL
 * at the program's; the IRQL goes back to PASSIVE after. */
static void enter_driver(uint32_t what)
{
    KIRQL at = (P.inject & PORT_INJECT_IRQL) ? P.irql : PASSIVE_LEVEL;

    trace_call(what | (uint32_t)at << 8);
    if (at != PASSIVE_LEVEL)
        P.r->injected |= PORT_INJECT_IRQL;
    model_set_irql(at);
}

static void leave_driver(void)
{
    model_set_irql(PASSIVE_LEVEL);
}

/* The handle of the n-th (0-based) object of `type` the driver created,
 * or NULL: ids grow in creation order. */
static WDFOBJECT nth_object(enum model_type type, uint32_t n)
{
    uint32_t id, count = model_object_count();

    for (id = 1; id <= count; id++)
        if (model_object_type(id) == type && n-- == 0)
            return model_id_handle(id);
    return NULL;
}

static void load(void)
{
    NTSTATUS st;

    if (P.load_tried)
        return;
    P.load_tried = 1;
    enter_driver(OP_LOAD);
    st = P.d->entry(&P.driver_object, (PUNICODE_STRING)&registry);
    leave_driver();
    P.loaded = NT_SUCCESS(st);
    if (!P.loaded && !model_halted())
        model_image_unload(IMAGE_UNLOAD_ENTRY_FAILED); /* the image goes, unload never runs */
}

static void arrival(void)
{
    uint32_t a = P.arrived;
    NTSTATUS st;

    if (!P.loaded || P.unloads != 0 || a >= PROG_MAX_ADAPTERS || P.d->device_arrival == NULL)
        return;
    P.arrived++;
    P.fdo[a].DriverObject = &P.driver_object;
    P.fdo[a].AttachedDevice = NULL;
    P.next[a].AttachedDevice = &P.fdo[a];
    P.pdo[a].AttachedDevice = &P.next[a];
    enter_driver(OP_DEVICE_ARRIVAL);
    st = P.d->device_arrival(&P.fdo[a], &P.next[a], &P.pdo[a]);
    leave_driver();
    P.present[a] = NT_SUCCESS(st);
}

/* Removes adapter a when present. */
static void removal(uint32_t a)
{
    if (a >= PROG_MAX_ADAPTERS || !P.present[a])
        return;
    P.present[a] = 0;
    if (P.d->device_removal == NULL)
        return;
    enter_driver(OP_DEVICE_REMOVAL);
    P.d->device_removal(&P.fdo[a]);
    leave_driver();
}

/* The newest adapter present, or PROG_MAX_ADAPTERS when none. */
static uint32_t newest_present(void)
{
    uint32_t a;

    for (a = P.arrived; a-- > 0;)
        if (P.present[a])
            return a;
    return PROG_MAX_ADAPTERS;
}

static void unload(void)
{
    PDRIVER_UNLOAD routine;
    uint32_t a;

    if (!P.loaded)
        return;
    if (P.unloads != 0) {
        if (!(P.inject & PORT_INJECT_DOUBLE_UNLOAD))
            return;
        P.r->injected |= PORT_INJECT_DOUBLE_UNLOAD;
    }
    while ((a = newest_present()) != PROG_MAX_ADAPTERS && !model_halted())
        removal(a);
    if (model_halted())
        return;
    routine = P.d->flavour == UF_PORT_NDIS ? P.d->unload : P.driver_object.DriverUnload;
    P.unloads++;
    if (routine != NULL) {
        enter_driver(OP_PORT_UNLOAD);
        routine(&P.driver_object);
        leave_driver();
    }
    /* The image leaves memory once its unload routine has returned: what
     * it still holds in pool is leaked (Driver Verifier's pool tracking). */
    if (P.unloads == 1 && !model_halted())
        model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
}

static void run_op(const struct op *o)
{
    WDFOBJECT h;

    switch ((enum op_code)o->code) {
    case OP_LOAD:
        load();
        break;
    case OP_DEVICE_ARRIVAL:
        arrival();
        break;
    case OP_DEVICE_REMOVAL:
        removal((o->opts & OPT_ADAPTER) ? o->num : newest_present());
        break;
    case OP_PORT_UNLOAD:
        unload();
        break;
    case OP_FIRE:
        if ((h = nth_object(TYPE_TIMER, o->target)) != NULL)
            model_timer_fire((WDFTIMER)h);
        break;
    case OP_RUN:
        if ((h = nth_object(TYPE_WORKITEM, o->target)) != NULL)
            model_workitem_run((WDFWORKITEM)h);
        break;
    case OP_COMPLETE:
        /* The lower device completes the driver's request#N, if it holds it;
         * status=no-answer or hold keeps it there. */
        if ((h = nth_object(TYPE_REQUEST, o->target)) != NULL &&
            (!(o->opts & OPT_STATUS) || o->level < LOWER_NO_ANSWER))
            model_request_complete((WDFREQUEST)h,
                                   model_lower_answer_status((o->opts & OPT_STATUS)
                                                                 ? (enum model_lower_answer)o->level
                                                                 : LOWER_SUCCESS),
                                   0);
        break;
    case OP_RUN_DPC:
        if ((h = nth_object(TYPE_DPC, o->target)) != NULL)
            model_dpc_run((WDFDPC)h);
        break;
    case OP_REGISTRY:
        /* The driver's Parameters key holds the value from now on [S7]. */
        if (o->target < P.prog->nregnames)
            model_registry_set(P.prog->regnames[o->target], o->num);
        break;
    case OP_LOWER_DEVICE:
        /* The port's lower device completes whatever it is asked to cancel:
         * one that held even cancelled I/O would hang every driver above
         * it, the correct ones too, so `hold` is `no-answer` here. */
        model_set_lower_answer(!(o->opts & OPT_STATUS) ? LOWER_SUCCESS
                               : o->level == LOWER_HOLD ? LOWER_NO_ANSWER
                                                        : (enum model_lower_answer)o->level);
        break;
    case OP_RUN_DEFERRED:
        model_run_deferred();
        break;
    case OP_FAIL_ALLOC:
        fault_arm(o);
        break;
    case OP_IRQL:
        P.irql = (KIRQL)o->level;
        break;
    case OP_FOLLOW_DOCUMENTATION:
        if (o->opts & OPT_UNLOAD_CALLBACK)
            model_set_unload_callback(MODEL_UNLOAD_CALLBACK_DOCUMENTED);
        break;
    case OP_INJECT: /* only what the run allows (port.h) */
        if (o->opts & OPT_DOUBLE_UNLOAD)
            P.inject |= PORT_INJECT_DOUBLE_UNLOAD & P.r->inject;
        if (o->opts & OPT_INJECT_IRQL)
            P.inject |= PORT_INJECT_IRQL & P.r->inject;
        break;
    default: /* the api target's ops: never in a driver program */
        break;
    }
}

void uf_port_run(const struct uf_driver *d, const struct program *p, struct port_run *r)
{
    uint32_t i;

    memset(&P.driver_object, 0, sizeof P.driver_object);
    memset(&P.driver_extension, 0, sizeof P.driver_extension);
    P.driver_extension.DriverObject = &P.driver_object;
    P.driver_object.DriverExtension = &P.driver_extension;
    memset(P.fdo, 0, sizeof P.fdo);
    memset(P.next, 0, sizeof P.next);
    memset(P.pdo, 0, sizeof P.pdo);
    memset(P.present, 0, sizeof P.present);
    P.d = d;
    P.prog = p;
    P.r = r;
    P.arrived = P.unloads = 0;
    P.loaded = P.load_tried = P.ndis_registered = 0;
    P.inject = r->inject;
    P.irql = PASSIVE_LEVEL;
    P.port_unload = NULL;
    r->injected = 0;
    r->trace_hash = FNV_OFFSET;
    r->events = 0;
    model_reset();
    model_set_unload_callback(target_options()->unload_callback);
    uf_globals_set_restore(!target_options()->keep_globals);
    uf_globals_restore();
    if (d->reset)
        d->reset();
    P.check.mode = CHECK_CALLS;
    P.check.thorough = r->thorough;
    P.check.report = report;
    P.check.report_arg = NULL;
    if (CHECKER)
        check_begin(&P.check);
    model_set_sink(on_event, NULL);
    for (i = 0; i < p->nops && !model_halted(); i++) {
        run_op(&p->ops[i]);
        if (CHECKER)
            check_step(&P.check);
    }
    if (!model_halted() && (P.inject & PORT_INJECT_DOUBLE_UNLOAD) && P.unloads == 1)
        unload();
    if (CHECKER)
        check_end(&P.check);
    model_set_sink(NULL, NULL);
    r->port_state = P.loaded | (P.unloads < 3 ? P.unloads : 3u) << 1 | P.arrived << 7;
    for (i = 0; i < PROG_MAX_ADAPTERS; i++)
        r->port_state |= (uint32_t)P.present[i] << (3 + i);
}

/* ---- the port's routines a miniport calls ---- */

/* The port's own unload routine, which a PortCls-style driver saves and
 * chains to: the port lets go of its adapters' state. */
static VOID port_driver_unload(PDRIVER_OBJECT DriverObject)
{
    (void)DriverObject;
    P.port_unload = NULL;
}

/* PortCls's routines the simulation does not play yet (portcls.h): each
 * fails, and says so [U1]. */
NTSTATUS PcAddAdapterDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject,
                            PCPFNSTARTDEVICE StartDevice, ULONG MaxObjects,
                            ULONG DeviceExtensionSize)
{
    (void)DriverObject;
    (void)PhysicalDeviceObject;
    (void)StartDevice;
    (void)MaxObjects;
    (void)DeviceExtensionSize;
    model_not_modelled("PcAddAdapterDevice");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcDispatchIrp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    (void)DeviceObject;
    (void)Irp;
    model_not_modelled("PcDispatchIrp");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcGetPhysicalDeviceObject(PDEVICE_OBJECT DeviceObject, PDEVICE_OBJECT *PhysicalDeviceObject)
{
    (void)DeviceObject;
    if (PhysicalDeviceObject)
        *PhysicalDeviceObject = NULL;
    model_not_modelled("PcGetPhysicalDeviceObject");
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS PcInitializeAdapterDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPathName,
                                   PDRIVER_ADD_DEVICE AddDevice)
{
    (void)RegistryPathName;
    (void)AddDevice;
    if (DriverObject == NULL)
        return STATUS_INVALID_PARAMETER;
    DriverObject->DriverUnload = port_driver_unload;
    P.port_unload = port_driver_unload;
    return STATUS_SUCCESS;
}

NTSTATUS NdisMRegisterMiniportDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                                     PNDIS_HANDLE NdisMiniportDriverHandle)
{
    (void)RegistryPath;
    if (DriverObject == NULL || NdisMiniportDriverHandle == NULL)
        return STATUS_INVALID_PARAMETER;
    P.ndis_registered = 1;
    *NdisMiniportDriverHandle = &P.ndis_registered;
    return STATUS_SUCCESS;
}

VOID NdisMDeregisterMiniportDriver(NDIS_HANDLE NdisMiniportDriverHandle)
{
    if (NdisMiniportDriverHandle == &P.ndis_registered)
        P.ndis_registered = 0;
}
