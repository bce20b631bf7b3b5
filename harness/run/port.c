/*
 * port.c - the port simulation (port.h): plays a driver program against a
 * registered driver under test.
 *
 * The port owns what a real port driver and the system own: the WDM driver
 * object and registry path handed to the entry, a functional device object
 * with a lower device and a PDO per adapter, and the order of events. What
 * it calls in the driver as a device comes and goes is the flavour's
 * (port_internal.h), learned from the registration the entry makes; after
 * a `shutdown` nothing more happens.
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

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edit.h"
#include "cxx.h"
#include "fault.h"
#include "globals.h"
#include "port_internal.h"

#define FNV_OFFSET 0xCBF29CE484222325ull
#define FNV_PRIME 0x100000001B3ull

struct port_sim uf__port;
#define P uf__port

/* Per run, besides the simulation's state: the sink and the checker. */
static model_sink_fn sink;  /* the caller's, may be NULL */
static void *sink_arg;
static struct check checker; /* the independent checker, on every run */
static jmp_buf stop_at;       /* uf_port_stop's way back into uf_port_run */
static int stop_armed;        /* a program is running: stop_at is set */

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
    if (sink)
        sink(ev, sink_arg);
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
        check_event(&checker, ev);
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
    sink = fn;
    sink_arg = arg;
}

/* Folds a call of the port into the driver (enum op_code of the op that
 * made it, or a flavour's PORT_CALL_*) into the trace: a call that raises
 * no event, a guarded second unload say, still shows. */
void uf_port_trace_call(uint32_t what)
{
    uint64_t h = P.r->trace_hash;

    h ^= (uint64_t)what << 32 | 0x5Au; /* apart from every event's first word */
    h *= FNV_PRIME;
    P.r->trace_hash = h;
}

/* Calls into the driver at its documented IRQL, or with PORT_INJECT_IRQL
 * at the program's; the IRQL goes back to PASSIVE after. */
void uf_port_enter_driver(uint32_t what, KIRQL documented)
{
    KIRQL at = (P.inject & PORT_INJECT_IRQL) ? P.irql : documented;

    uf_port_trace_call(what | (uint32_t)at << 8);
    if (at != documented)
        P.r->injected |= PORT_INJECT_IRQL;
    model_set_irql(at);
}

void uf_port_leave_driver(void)
{
    model_set_irql(PASSIVE_LEVEL);
}

int uf_port_set_flavour(const struct port_flavour *f)
{
    if (!P.loading || (P.flavour != NULL && P.flavour != f))
        return -1;
    P.flavour = f;
    return 0;
}

PIRP uf_port_pnp_irp(struct port_irp *i, uint32_t a, UCHAR minor, NTSTATUS initial)
{
    memset(i, 0, sizeof *i);
    i->irp.Type = 6; /* IO_TYPE_IRP of the real headers */
    i->irp.Size = (USHORT)sizeof i->irp;
    i->irp.StackCount = 2;
    i->irp.CurrentLocation = 2;
    i->irp.IoStatus.Status = initial;
    i->irp.Tail.Overlay.CurrentStackLocation = &i->stack[1];
    i->stack[1].MajorFunction = IRP_MJ_PNP;
    i->stack[1].MinorFunction = minor;
    i->stack[1].DeviceObject = &P.dev[a].fdo;
    return &i->irp;
}

uint32_t uf_port_surprise_removals(struct op *ev, uint32_t max)
{
    uint32_t a, n = 0;

    for (a = 0; a < P.arrived && a < PROG_MAX_ADAPTERS && n < max; a++) {
        if (!P.present[a])
            continue;
        op_init(&ev[n], OP_SURPRISE_REMOVAL);
        ev[n].opts = OPT_ADAPTER;
        ev[n++].num = a;
    }
    return n;
}

int uf_port_device_index(const DEVICE_OBJECT *fdo, uint32_t *a)
{
    uint32_t i;

    for (i = 0; i < P.arrived; i++)
        if (fdo == &P.dev[i].fdo) {
            *a = i;
            return 1;
        }
    return 0;
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
    if (P.d->device_arrival != NULL || P.d->device_removal != NULL || P.d->unload != NULL)
        P.flavour = &uf_port_simple; /* UF_DRIVER() named its routines */
    uf_cxx_image_load(); /* constructors of globals the kernel would not run [V3] */
    uf_port_enter_driver(OP_LOAD, PASSIVE_LEVEL);
    P.loading = 1;
    st = P.d->entry(&P.driver_object, (PUNICODE_STRING)&registry);
    P.loading = 0;
    uf_port_leave_driver();
    P.loaded = NT_SUCCESS(st);
    if (!P.loaded && !model_halted()) {
        if (P.flavour && P.flavour->unloaded)
            P.flavour->unloaded(1);
        model_image_unload(IMAGE_UNLOAD_ENTRY_FAILED); /* the image goes, unload never runs */
    }
}

static void arrival(void)
{
    uint32_t a = P.arrived;
    struct port_device *dv = &P.dev[a];

    if (!P.loaded || P.unloads != 0 || P.shut_down || a >= PROG_MAX_ADAPTERS || P.flavour == NULL ||
        P.flavour->arrive == NULL)
        return;
    P.arrived++;
    dv->fdo.DriverObject = &P.driver_object;
    dv->fdo.AttachedDevice = NULL;
    dv->next.AttachedDevice = &dv->fdo;
    dv->pdo.AttachedDevice = &dv->next;
    P.present[a] = (uint8_t)P.flavour->arrive(a);
}

/* Removes adapter a when present; surprise: it was pulled out. */
static void removal(uint32_t a, int surprise)
{
    if (a >= PROG_MAX_ADAPTERS || !P.present[a] || P.shut_down)
        return;
    P.present[a] = 0;
    if (P.flavour->remove != NULL)
        P.flavour->remove(a, surprise);
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

    if (!P.loaded || P.shut_down)
        return;
    if (P.unloads != 0) {
        if (!(P.inject & PORT_INJECT_DOUBLE_UNLOAD))
            return;
        P.r->injected |= PORT_INJECT_DOUBLE_UNLOAD;
    }
    while ((a = newest_present()) != PROG_MAX_ADAPTERS && !model_halted())
        removal(a, 0);
    if (model_halted())
        return;
    routine = P.flavour && P.flavour->unload_routine ? P.flavour->unload_routine()
                                                     : P.driver_object.DriverUnload;
    P.unloads++;
    if (routine != NULL) {
        uf_port_enter_driver(OP_PORT_UNLOAD, PASSIVE_LEVEL);
        routine(&P.driver_object);
        uf_port_leave_driver();
    }
    /* The image leaves memory once its unload routine has returned: what
     * it still holds in pool is leaked (Driver Verifier's pool tracking). */
    if (P.unloads == 1 && !model_halted()) {
        if (P.flavour && P.flavour->unloaded)
            P.flavour->unloaded(0);
        if (!model_halted())
            model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
    }
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
        removal((o->opts & OPT_ADAPTER) ? o->num : newest_present(), 0);
        break;
    case OP_SURPRISE_REMOVAL:
        removal((o->opts & OPT_ADAPTER) ? o->num : newest_present(), 1);
        break;
    case OP_SHUTDOWN:
        /* The system goes down: the port tells the driver, and nothing
         * follows, no removal and no unload. */
        if (P.loaded && P.unloads == 0 && !P.shut_down) {
            if (P.flavour && P.flavour->op)
                P.flavour->op(o);
            P.shut_down = 1;
        }
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
    default: /* a port's own ops, or the api target's (never in a driver program) */
        if (P.loaded && P.unloads == 0 && !P.shut_down && P.flavour && P.flavour->op)
            P.flavour->op(o);
        break;
    }
}

void uf_port_run(const struct uf_driver *d, const struct program *p, struct port_run *r)
{
    uint32_t i;

    memset(&P, 0, sizeof P);
    P.driver_extension.DriverObject = &P.driver_object;
    P.driver_object.DriverExtension = &P.driver_extension;
    P.d = d;
    P.prog = p;
    P.r = r;
    P.inject = r->inject;
    P.irql = PASSIVE_LEVEL;
    uf_port_ndis_reset();
    uf_port_ks_reset();
    uf_port_portcls_reset();
    r->injected = 0;
    r->trace_hash = FNV_OFFSET;
    r->events = 0;
    model_reset();
    model_set_unload_callback(target_options()->unload_callback);
    uf_globals_set_restore(!target_options()->keep_globals);
    uf_globals_restore();
    if (d->reset)
        d->reset();
    checker.mode = CHECK_CALLS;
    checker.thorough = r->thorough;
    checker.report = report;
    checker.report_arg = NULL;
    if (CHECKER)
        check_begin(&checker);
    model_set_sink(on_event, NULL);
    /* After a shutdown the machine is off: nothing happens any more, time
     * does not pass [N12]. A stop from inside the driver (uf_port_stop)
     * comes back here with the model halted: the ops left are not run. */
    if (setjmp(stop_at) == 0) {
        stop_armed = 1;
        for (i = 0; i < p->nops && !model_halted() && !P.shut_down; i++) {
            run_op(&p->ops[i]);
            if (CHECKER)
                check_step(&checker);
        }
    }
    stop_armed = 0;
    if (!model_halted() && (P.inject & PORT_INJECT_DOUBLE_UNLOAD) && P.unloads == 1)
        unload();
    if (!model_halted() && P.flavour && P.flavour->end)
        P.flavour->end();
    if (CHECKER)
        check_end(&checker);
    model_set_sink(NULL, NULL);
    r->port_state = P.loaded | (P.unloads < 3 ? P.unloads : 3u) << 1 | P.arrived << 7;
    for (i = 0; i < PROG_MAX_ADAPTERS; i++)
        r->port_state |= (uint32_t)P.present[i] << (3 + i);
    if (P.flavour && P.flavour->state)
        r->port_state |= P.flavour->state() << 10;
}

void uf_port_stop(void)
{
    if (!stop_armed) {
        fprintf(stderr, "unloadfuzz: the driver stopped the machine outside a program's run\n");
        abort();
    }
    stop_armed = 0;
    longjmp(stop_at, 1);
}

uint32_t uf_port_events(struct op *ev, uint32_t max)
{
    if (!P.loaded || P.unloads != 0 || P.shut_down || model_halted() || !P.flavour ||
        !P.flavour->events)
        return 0;
    return P.flavour->events(ev, max);
}
