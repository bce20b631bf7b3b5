/*
 * port_ndis.c - NDIS 6 as it calls a miniport (port_internal.h; the
 * contract is [N1]-[N8] in docs/WDF-SEMANTICS.md).
 *
 * DriverEntry registers with NdisMRegisterMiniportDriver: NDIS checks the
 * characteristics' header, version and mandatory handlers, keeps them,
 * and puts its own unload routine in DriverObject->DriverUnload, which
 * calls the miniport's MiniportDriverUnload. From then on this file is the
 * port:
 *
 *   device-arrival    MiniportInitializeEx; on success the adapter is
 *                     Paused and NDIS restarts it (MiniportRestart). A
 *                     failed initialize is never halted.
 *   pause / restart   MiniportPause / MiniportRestart; either may pend and
 *                     complete with NdisMPauseComplete / NdisMRestartComplete.
 *   send              one NET_BUFFER_LIST to MiniportSendNetBufferLists,
 *                     Running adapters only, at DISPATCH_LEVEL; it comes
 *                     back through NdisMSendNetBufferListsComplete.
 *   oid-request       a set of OID_GEN_CURRENT_PACKET_FILTER; it may pend
 *                     and complete with NdisMOidRequestComplete.
 *   reset             MiniportResetEx, when registered; a pended reset
 *                     completes with NdisMResetComplete.
 *   surprise-removal  MiniportDevicePnPEventNotify (SurpriseRemoved), then
 *                     as device-removal, halting with
 *                     NdisHaltDeviceSurpriseRemoved.
 *   device-removal    a Running adapter is paused first; then
 *                     MiniportHaltEx. NDIS waits for a pended pause,
 *                     restart or reset to complete: while it waits, time
 *                     passes (queued work items and DPCs run, started
 *                     timers fire); what still has not completed never
 *                     will.
 *   shutdown          MiniportShutdownEx for every adapter: nothing after.
 *   port-unload       every adapter removed, then DriverObject->DriverUnload.
 *
 * The miniport's side of the contract is checked as it goes: the pause
 * completes with nothing of NDIS's still held, every completion answers
 * something NDIS is waiting for, the registration is gone before the image
 * is. NDIS's own side is kept, so a violation is always the miniport's.
 */
#include <stdio.h>
#include <string.h>

#include "edit.h"
#include "port_internal.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "ndis.h"

#define P uf__port
#define SENDS_MAX 8 /* NET_BUFFER_LISTs NDIS has at an adapter at once */
#define OIDS_MAX 4  /* OID requests */
#define WAIT_ROUNDS 4 /* time passing while NDIS waits: rounds of callbacks */
#define FRAME_BYTES 60

enum adapter_state {
    AD_NONE,         /* not initialized, or its initialize failed */
    AD_INITIALIZING, /* in MiniportInitializeEx */
    AD_PAUSED,
    AD_RESTARTING,   /* MiniportRestart pended */
    AD_RUNNING,
    AD_PAUSING,      /* MiniportPause pended */
    AD_HALTED,
    AD_SHUT_DOWN
};

static const char *const state_names[] = {"not initialized", "initializing", "paused",
                                          "restarting", "running", "pausing", "halted",
                                          "shut down"};

/* The port's NET_BUFFER_LIST, sent to the miniport. */
struct send_slot {
    NET_BUFFER_LIST nbl;
    NET_BUFFER nb;
    uint8_t held; /* at the miniport */
};

struct oid_slot {
    NDIS_OID_REQUEST req;
    ULONG filter;
    uint8_t pending; /* the miniport returned NDIS_STATUS_PENDING */
};

struct adapter {
    enum adapter_state state;
    NDIS_HANDLE context;  /* MiniportAdapterContext, from the registration attributes */
    uint8_t has_context;
    uint8_t reset_pending;
    uint32_t sends_held;
    uint32_t oids_pending;
    struct send_slot send[SENDS_MAX];
    struct oid_slot oid[OIDS_MAX];
};

static struct {
    uint8_t registered;  /* NdisMRegisterMiniportDriver succeeded, no deregistration yet */
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    NDIS_HANDLE driver_context;
    struct adapter ad[PROG_MAX_ADAPTERS];
} N;

static const struct port_flavour port_ndis;

void uf_port_ndis_reset(void)
{
    memset(&N, 0, sizeof N);
}

/* The adapter a handle names, or NULL (reported at the driver's call). */
static struct adapter *adapter_of(NDIS_HANDLE h, const char *routine)
{
    char detail[128];
    uint32_t a;

    for (a = 0; a < PROG_MAX_ADAPTERS; a++)
        if (h == (NDIS_HANDLE)&N.ad[a] && N.ad[a].state != AD_NONE && N.ad[a].state != AD_HALTED)
            return &N.ad[a];
    snprintf(detail, sizeof detail, "%s: %s", routine,
             h == NULL ? "MiniportAdapterHandle is NULL"
                       : "MiniportAdapterHandle is no adapter NDIS initialized, or one already halted");
    model_port_violation(RULE_NDIS_HANDLE_INVALID, detail, 1);
    return NULL;
}

static uint32_t index_of(const struct adapter *ad) { return (uint32_t)(ad - N.ad); }

/* Calls into the miniport for adapter ad: `what` is a PORT_CALL_*. */
static void enter(uint32_t what, const struct adapter *ad, KIRQL at)
{
    uf_port_enter_driver(what | index_of(ad) << 16, at);
}

static void unexpected(const char *routine, const struct adapter *ad, const char *what)
{
    char detail[160];

    snprintf(detail, sizeof detail, "%s while the adapter is %s: %s", routine,
             state_names[ad->state], what);
    model_port_violation(RULE_NDIS_UNEXPECTED_COMPLETION, detail, 1);
}

/* ---- time passing while NDIS waits ---- */

/* Runs what is queued and fires what is started, once each: the time that
 * passes while NDIS waits. Returns how many callbacks ran. */
static uint32_t let_time_pass(void)
{
    uint32_t id, ran = 0, count = model_object_count();

    for (id = 1; id <= count && !model_halted(); id++) {
        switch (model_object_type(id)) {
        case TYPE_WORKITEM:
            ran += (uint32_t)model_workitem_run((WDFWORKITEM)model_id_handle(id));
            break;
        case TYPE_DPC:
            ran += (uint32_t)model_dpc_run((WDFDPC)model_id_handle(id));
            break;
        case TYPE_TIMER:
            ran += (uint32_t)model_timer_fire((WDFTIMER)model_id_handle(id));
            break;
        default:
            break;
        }
    }
    return ran;
}

/* Waits while `busy` holds of ad, letting time pass. Returns 1 when it no
 * longer holds. */
static int wait_for(const struct adapter *ad, int (*busy)(const struct adapter *))
{
    uint32_t round;

    for (round = 0; busy(ad) && round < WAIT_ROUNDS && !model_halted(); round++)
        if (let_time_pass() == 0)
            break;
    return !busy(ad);
}

static int resetting(const struct adapter *ad) { return ad->reset_pending; }
static int pausing(const struct adapter *ad) { return ad->state == AD_PAUSING; }
static int restarting(const struct adapter *ad) { return ad->state == AD_RESTARTING; }
static int requesting(const struct adapter *ad) { return ad->oids_pending != 0; }

/* ---- the adapter's life ---- */

/* The pause completed: no send of NDIS's may still be at the miniport. */
static void pause_done(struct adapter *ad, int at_call)
{
    char detail[160];

    ad->state = AD_PAUSED;
    /* Sends must all be back; OID requests go on while paused [N6]. */
    if (ad->sends_held) {
        snprintf(detail, sizeof detail,
                 "the pause completed with %u NET_BUFFER_LIST%s NDIS sent still at the miniport",
                 ad->sends_held, ad->sends_held == 1 ? "" : "s");
        model_port_violation(RULE_NDIS_PAUSE_WITH_SENDS_OUTSTANDING, detail, at_call);
    }
}

static void restart(struct adapter *ad)
{
    NDIS_MINIPORT_RESTART_PARAMETERS rp;
    NDIS_STATUS st;

    memset(&rp, 0, sizeof rp);
    rp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    rp.Header.Revision = NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1;
    rp.Header.Size = NDIS_SIZEOF_MINIPORT_RESTART_PARAMETERS_REVISION_1;
    ad->state = AD_RESTARTING;
    enter(PORT_CALL_NDIS_RESTART, ad, PASSIVE_LEVEL);
    st = N.ch.RestartHandler(ad->context, &rp);
    uf_port_leave_driver();
    if (st == NDIS_STATUS_PENDING)
        return;
    if (ad->state == AD_RESTARTING)
        ad->state = NT_SUCCESS(st) ? AD_RUNNING : AD_PAUSED;
}

static void pause(struct adapter *ad)
{
    NDIS_MINIPORT_PAUSE_PARAMETERS pp;
    NDIS_STATUS st;

    memset(&pp, 0, sizeof pp);
    pp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pp.Header.Revision = NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1;
    pp.Header.Size = NDIS_SIZEOF_MINIPORT_PAUSE_PARAMETERS_REVISION_1;
    pp.PauseReason = NDIS_PAUSE_NDIS_INTERNAL;
    ad->state = AD_PAUSING;
    enter(PORT_CALL_NDIS_PAUSE, ad, PASSIVE_LEVEL);
    st = N.ch.PauseHandler(ad->context, &pp);
    uf_port_leave_driver();
    if (st != NDIS_STATUS_PENDING && ad->state == AD_PAUSING)
        pause_done(ad, 0);
}

static void never_completes(enum model_rule rule, const struct adapter *ad, const char *what)
{
    char detail[160];

    snprintf(detail, sizeof detail, "adapter %u: %s; NDIS waits for ever before it can halt it",
             index_of(ad), what);
    model_port_violation(rule, detail, 0);
}

static int ndis_arrive(uint32_t a)
{
    struct adapter *ad = &N.ad[a];
    NDIS_MINIPORT_INIT_PARAMETERS ip;
    NDIS_STATUS st;

    if (!N.registered)
        return 0;
    memset(ad, 0, sizeof *ad);
    memset(&ip, 0, sizeof ip);
    ip.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS;
    ip.Header.Revision = NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1;
    ip.Header.Size = NDIS_SIZEOF_MINIPORT_INIT_PARAMETER_REVISION_1;
    ip.IfIndex = a + 1;
    ip.NetLuid.Info.IfType = IF_TYPE_ETHERNET_CSMACD;
    ip.NetLuid.Info.NetLuidIndex = a + 1;
    ad->state = AD_INITIALIZING;
    enter(PORT_CALL_NDIS_INITIALIZE, ad, PASSIVE_LEVEL);
    st = N.ch.InitializeHandlerEx((NDIS_HANDLE)ad, N.driver_context, &ip);
    uf_port_leave_driver();
    if (model_halted() || st != NDIS_STATUS_SUCCESS) {
        ad->state = AD_NONE; /* NDIS never halts an adapter whose initialize failed [N5] */
        return 0;
    }
    if (!ad->has_context) {
        model_port_violation(RULE_NDIS_NO_ADAPTER_CONTEXT,
                             "MiniportInitializeEx returned NDIS_STATUS_SUCCESS without "
                             "NdisMSetMiniportAttributes(registration attributes)",
                             0);
        ad->state = AD_NONE;
        return 0;
    }
    ad->state = AD_PAUSED; /* then NDIS restarts it [N6] */
    restart(ad);
    return 1;
}

static void ndis_remove(uint32_t a, int surprise)
{
    struct adapter *ad = &N.ad[a];
    NET_DEVICE_PNP_EVENT ev;

    if (ad->state == AD_NONE || ad->state == AD_HALTED || ad->state == AD_SHUT_DOWN)
        return;
    if (surprise && N.ch.DevicePnPEventNotifyHandler) {
        memset(&ev, 0, sizeof ev);
        ev.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        ev.Header.Revision = 1;
        ev.Header.Size = (USHORT)sizeof ev;
        ev.DevicePnPEvent = NdisDevicePnPEventSurpriseRemoved;
        enter(PORT_CALL_NDIS_PNP_EVENT, ad, PASSIVE_LEVEL);
        N.ch.DevicePnPEventNotifyHandler(ad->context, &ev);
        uf_port_leave_driver();
    }
    if (!wait_for(ad, resetting)) {
        never_completes(RULE_NDIS_RESET_NEVER_COMPLETES, ad,
                        "MiniportResetEx pended and NdisMResetComplete never came");
        return;
    }
    if (!wait_for(ad, restarting)) {
        never_completes(RULE_NDIS_PAUSE_NEVER_COMPLETES, ad,
                        "MiniportRestart pended and NdisMRestartComplete never came, so NDIS cannot pause it");
        return;
    }
    if (ad->state == AD_RUNNING)
        pause(ad);
    if (model_halted())
        return;
    if (!wait_for(ad, pausing)) {
        never_completes(RULE_NDIS_PAUSE_NEVER_COMPLETES, ad,
                        "MiniportPause pended and NdisMPauseComplete never came");
        return;
    }
    if (!wait_for(ad, requesting)) {
        never_completes(RULE_NDIS_REQUEST_NEVER_COMPLETES, ad,
                        "MiniportOidRequest pended and NdisMOidRequestComplete never came");
        return;
    }
    enter(PORT_CALL_NDIS_HALT, ad, PASSIVE_LEVEL);
    N.ch.HaltHandlerEx(ad->context, surprise ? NdisHaltDeviceSurpriseRemoved : NdisHaltDeviceDisabled);
    uf_port_leave_driver();
    ad->state = AD_HALTED;
}

/* The adapter an op names (adapter=N), or the newest present; NULL when it
 * is not there. */
static struct adapter *op_adapter(const struct op *o)
{
    uint32_t a;

    if (o->opts & OPT_ADAPTER)
        a = o->num;
    else
        for (a = P.arrived; a-- > 0 && !P.present[a];)
            ;
    if (a >= PROG_MAX_ADAPTERS || !P.present[a])
        return NULL;
    return &N.ad[a];
}

static void send(struct adapter *ad)
{
    struct send_slot *s;
    uint32_t i;

    if (ad->state != AD_RUNNING)
        return; /* NDIS sends to Running adapters only [N6] */
    for (i = 0; i < SENDS_MAX && ad->send[i].held; i++)
        ;
    if (i == SENDS_MAX)
        return;
    s = &ad->send[i];
    memset(s, 0, sizeof *s);
    s->nb.DataLength = FRAME_BYTES;
    s->nbl.FirstNetBuffer = &s->nb;
    s->nbl.SourceHandle = (NDIS_HANDLE)&N;
    s->held = 1;
    ad->sends_held++;
    enter(PORT_CALL_NDIS_SEND, ad, DISPATCH_LEVEL);
    N.ch.SendNetBufferListsHandler(ad->context, &s->nbl, NDIS_DEFAULT_PORT_NUMBER,
                                   NDIS_SEND_FLAGS_DISPATCH_LEVEL);
    uf_port_leave_driver();
}

static void oid_request(struct adapter *ad)
{
    struct oid_slot *s;
    NDIS_STATUS st;
    uint32_t i;

    /* OID requests go to Paused and Running adapters [N6]. */
    if (ad->state != AD_RUNNING && ad->state != AD_PAUSED)
        return;
    for (i = 0; i < OIDS_MAX && ad->oid[i].pending; i++)
        ;
    if (i == OIDS_MAX)
        return;
    s = &ad->oid[i];
    memset(s, 0, sizeof *s);
    s->filter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    s->req.Header.Type = NDIS_OBJECT_TYPE_OID_REQUEST;
    s->req.Header.Revision = NDIS_OID_REQUEST_REVISION_1;
    s->req.Header.Size = NDIS_SIZEOF_OID_REQUEST_REVISION_1;
    s->req.RequestType = NdisRequestSetInformation;
    s->req.RequestId = s;
    s->req.DATA.SET_INFORMATION.Oid = OID_GEN_CURRENT_PACKET_FILTER;
    s->req.DATA.SET_INFORMATION.InformationBuffer = &s->filter;
    s->req.DATA.SET_INFORMATION.InformationBufferLength = sizeof s->filter;
    s->pending = 1; /* until it returns: a completion from inside is legal */
    ad->oids_pending++;
    enter(PORT_CALL_NDIS_OID, ad, PASSIVE_LEVEL);
    st = N.ch.OidRequestHandler(ad->context, &s->req);
    uf_port_leave_driver();
    if (st != NDIS_STATUS_PENDING && s->pending) {
        s->pending = 0;
        ad->oids_pending--;
    }
}

static void reset(struct adapter *ad)
{
    BOOLEAN addressing = FALSE;
    NDIS_STATUS st;

    if (N.ch.ResetHandlerEx == NULL || ad->reset_pending ||
        (ad->state != AD_RUNNING && ad->state != AD_PAUSED))
        return;
    ad->reset_pending = 1; /* until it returns: a completion from inside is legal */
    enter(PORT_CALL_NDIS_RESET, ad, DISPATCH_LEVEL);
    st = N.ch.ResetHandlerEx(ad->context, &addressing);
    uf_port_leave_driver();
    if (st != NDIS_STATUS_PENDING)
        ad->reset_pending = 0;
}

static void shutdown(void)
{
    uint32_t a;

    for (a = 0; a < P.arrived && !model_halted(); a++) {
        struct adapter *ad = &N.ad[a];

        if (!P.present[a] || ad->state == AD_NONE || ad->state == AD_HALTED)
            continue;
        enter(PORT_CALL_NDIS_SHUTDOWN, ad, PASSIVE_LEVEL);
        N.ch.ShutdownHandlerEx(ad->context, NdisShutdownPowerOff);
        uf_port_leave_driver();
        ad->state = AD_SHUT_DOWN;
    }
}

static void ndis_op(const struct op *o)
{
    struct adapter *ad;

    if (o->code == OP_SHUTDOWN) {
        shutdown();
        return;
    }
    if ((ad = op_adapter(o)) == NULL)
        return;
    switch ((enum op_code)o->code) {
    case OP_PAUSE:
        if (ad->state == AD_RUNNING)
            pause(ad);
        break;
    case OP_RESTART:
        if (ad->state == AD_PAUSED)
            restart(ad);
        break;
    case OP_RESET:
        reset(ad);
        break;
    case OP_SEND:
        send(ad);
        break;
    case OP_OID_REQUEST:
        oid_request(ad);
        break;
    default:
        break;
    }
}

static void ndis_unloaded(int entry_failed)
{
    if (!N.registered)
        return;
    model_port_violation(RULE_NDIS_NOT_DEREGISTERED,
                         entry_failed ? "DriverEntry failed after NdisMRegisterMiniportDriver and did "
                                        "not call NdisMDeregisterMiniportDriver"
                                      : "MiniportDriverUnload returned without "
                                        "NdisMDeregisterMiniportDriver",
                         0);
    N.registered = 0;
}

/* The adapters' states for the explorer's hash: for adapters 0-3, five
 * bits each (the state, and the sends the miniport holds, up to 3); bit 20
 * a reset pending, bit 21 a request pending. */
static uint32_t ndis_state(void)
{
    uint32_t a, s = 0, sends;

    for (a = 0; a < PROG_MAX_ADAPTERS && a < 4; a++) {
        sends = N.ad[a].sends_held < 3 ? N.ad[a].sends_held : 3;
        s |= ((uint32_t)N.ad[a].state | sends << 3) << (5 * a);
        s |= (uint32_t)(N.ad[a].reset_pending != 0) << 20;
        s |= (uint32_t)(N.ad[a].oids_pending != 0) << 21;
    }
    return s;
}

/* The NDIS ops that would act on each adapter present now: the explorer's
 * search plays them. */
static uint32_t ndis_events(struct op *ev, uint32_t max)
{
    static const uint16_t codes[] = {OP_SEND, OP_PAUSE, OP_RESTART, OP_RESET, OP_OID_REQUEST,
                                     OP_SURPRISE_REMOVAL};
    uint32_t a, k, n = 0;

    for (a = 0; a < P.arrived && a < PROG_MAX_ADAPTERS; a++) {
        const struct adapter *ad = &N.ad[a];
        int running = ad->state == AD_RUNNING, paused = ad->state == AD_PAUSED;

        if (!P.present[a] || ad->state == AD_NONE || ad->state == AD_HALTED)
            continue;
        for (k = 0; k < sizeof codes / sizeof codes[0] && n < max; k++) {
            int acts;

            switch (codes[k]) {
            case OP_SEND:
            case OP_PAUSE:
                acts = running;
                break;
            case OP_RESTART:
                acts = paused;
                break;
            case OP_RESET:
                acts = (running || paused) && N.ch.ResetHandlerEx && !ad->reset_pending;
                break;
            case OP_OID_REQUEST:
                acts = running || paused;
                break;
            default: /* surprise-removal */
                acts = 1;
                break;
            }
            if (!acts)
                continue;
            op_init(&ev[n], (enum op_code)codes[k]);
            ev[n].opts = OPT_ADAPTER;
            ev[n++].num = a;
        }
    }
    return n;
}

static const struct port_flavour port_ndis = {
    .name = "NDIS 6",
    .arrive = ndis_arrive,
    .remove = ndis_remove,
    .op = ndis_op,
    .unloaded = ndis_unloaded,
    .state = ndis_state,
    .events = ndis_events,
};

/* ---- NDIS's routines a miniport calls ---- */

/* NDIS's unload routine, in DriverObject->DriverUnload: the miniport's
 * MiniportDriverUnload [N5]. */
static VOID ndis_driver_unload(PDRIVER_OBJECT DriverObject)
{
    uf_port_trace_call(PORT_CALL_NDIS_UNLOAD);
    N.ch.UnloadHandler(DriverObject);
}

/* The handler a revision-1 NDIS 6 miniport must register, or NULL when all
 * are there [N1]. */
static const char *missing_handler(const NDIS_MINIPORT_DRIVER_CHARACTERISTICS *c)
{
#define REQUIRE(h) \
    if (c->h == NULL) \
        return #h;
    REQUIRE(InitializeHandlerEx)
    REQUIRE(HaltHandlerEx)
    REQUIRE(UnloadHandler)
    REQUIRE(PauseHandler)
    REQUIRE(RestartHandler)
    REQUIRE(OidRequestHandler)
    REQUIRE(SendNetBufferListsHandler)
    REQUIRE(ReturnNetBufferListsHandler)
    REQUIRE(CancelSendHandler)
    REQUIRE(DevicePnPEventNotifyHandler)
    REQUIRE(ShutdownHandlerEx)
    REQUIRE(CancelOidRequestHandler)
#undef REQUIRE
    return NULL;
}

static NDIS_STATUS refuse(NDIS_STATUS st, const char *why)
{
    char detail[160];

    snprintf(detail, sizeof detail, "NdisMRegisterMiniportDriver: %s", why);
    model_port_violation(RULE_NDIS_BAD_CHARACTERISTICS, detail, 1);
    return st;
}

NDIS_STATUS NdisMRegisterMiniportDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                                        NDIS_HANDLE MiniportDriverContext,
                                        PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Characteristics,
                                        PNDIS_HANDLE NdisMiniportDriverHandle)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;
    const char *missing;
    USHORT size;

    (void)RegistryPath;
    if (model_halted())
        return NDIS_STATUS_FAILURE;
    if (DriverObject == NULL || Characteristics == NULL || NdisMiniportDriverHandle == NULL)
        return refuse(NDIS_STATUS_INVALID_PARAMETER, "a required parameter is NULL");
    *NdisMiniportDriverHandle = NULL;
    if (Characteristics->Header.Type != NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS)
        return refuse(NDIS_STATUS_BAD_CHARACTERISTICS,
                      "Header.Type is not NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS");
    size = Characteristics->Header.Size;
    if (Characteristics->Header.Revision < NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 ||
        size < NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 ||
        (Characteristics->Header.Revision >= NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 &&
         size < NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2))
        return refuse(NDIS_STATUS_BAD_CHARACTERISTICS,
                      "Header.Revision and Header.Size do not describe a revision NDIS knows");
    if (Characteristics->MajorNdisVersion != 6)
        return refuse(NDIS_STATUS_BAD_VERSION, "MajorNdisVersion is not 6");
    memset(&c, 0, sizeof c);
    memcpy(&c, Characteristics, size < sizeof c ? size : sizeof c);
    if ((missing = missing_handler(&c)) != NULL) {
        char why[96];

        snprintf(why, sizeof why, "the mandatory %s is NULL", missing);
        return refuse(NDIS_STATUS_BAD_CHARACTERISTICS, why);
    }
    if (N.registered || uf_port_set_flavour(&port_ndis) != 0)
        return NDIS_STATUS_FAILURE; /* outside DriverEntry, or a second registration */
    if (!model_port_allocate(SITE_NDIS_MINIPORT_DRIVER))
        return NDIS_STATUS_RESOURCES;
    N.ch = c;
    N.driver_context = MiniportDriverContext;
    N.registered = 1;
    DriverObject->DriverUnload = ndis_driver_unload;
    *NdisMiniportDriverHandle = (NDIS_HANDLE)&N;
    return NDIS_STATUS_SUCCESS;
}

VOID NdisMDeregisterMiniportDriver(NDIS_HANDLE NdisMiniportDriverHandle)
{
    if (NdisMiniportDriverHandle != (NDIS_HANDLE)&N || !N.registered) {
        model_port_violation(RULE_NDIS_HANDLE_INVALID,
                             NdisMiniportDriverHandle == (NDIS_HANDLE)&N
                                 ? "NdisMDeregisterMiniportDriver: the miniport is already deregistered"
                                 : "NdisMDeregisterMiniportDriver: the handle is not the one "
                                   "NdisMRegisterMiniportDriver gave",
                             1);
        return;
    }
    N.registered = 0;
    /* NDIS's NET_BUFFER_LIST tracking: nothing the miniport allocated may
     * be left when it deregisters [N10]. */
    if (model_ndis_nbls_outstanding()) {
        char detail[128];
        uint32_t n = model_ndis_nbls_outstanding();

        snprintf(detail, sizeof detail,
                 "NdisMDeregisterMiniportDriver with %u NET_BUFFER_LIST%s of the miniport's still allocated",
                 n, n == 1 ? "" : "s");
        model_port_violation(RULE_NDIS_NBL_LEAKED, detail, 1);
    }
}

NDIS_STATUS NdisMSetMiniportAttributes(NDIS_HANDLE NdisMiniportHandle,
                                       PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes)
{
    struct adapter *ad = adapter_of(NdisMiniportHandle, "NdisMSetMiniportAttributes");

    if (ad == NULL || MiniportAttributes == NULL)
        return NDIS_STATUS_INVALID_PARAMETER;
    if (ad->state != AD_INITIALIZING)
        return NDIS_STATUS_NOT_ACCEPTED; /* MiniportInitializeEx's alone [N4] */
    switch (MiniportAttributes->Header.Type) {
    case NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES:
        if (MiniportAttributes->Header.Size < NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1)
            return NDIS_STATUS_INVALID_PARAMETER;
        ad->context = MiniportAttributes->RegistrationAttributes.MiniportAdapterContext;
        ad->has_context = 1;
        return NDIS_STATUS_SUCCESS;
    case NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES:
        /* Registration attributes come first [N4]. */
        if (!ad->has_context ||
            MiniportAttributes->Header.Size < NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1)
            return NDIS_STATUS_INVALID_PARAMETER;
        return NDIS_STATUS_SUCCESS;
    default:
        return ad->has_context ? NDIS_STATUS_SUCCESS : NDIS_STATUS_INVALID_PARAMETER;
    }
}

VOID NdisMGetDeviceProperty(NDIS_HANDLE MiniportAdapterHandle, PDEVICE_OBJECT *PhysicalDeviceObject,
                            PDEVICE_OBJECT *FunctionalDeviceObject, PDEVICE_OBJECT *NextDeviceObject,
                            PCM_RESOURCE_LIST *AllocatedResources,
                            PCM_RESOURCE_LIST *AllocatedResourcesTranslated)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMGetDeviceProperty");
    struct port_device *dv;

    if (ad == NULL)
        return;
    dv = &P.dev[index_of(ad)];
    if (PhysicalDeviceObject)
        *PhysicalDeviceObject = &dv->pdo;
    if (FunctionalDeviceObject)
        *FunctionalDeviceObject = &dv->fdo;
    if (NextDeviceObject)
        *NextDeviceObject = &dv->next;
    if (AllocatedResources)
        *AllocatedResources = NULL;
    if (AllocatedResourcesTranslated)
        *AllocatedResourcesTranslated = NULL;
}

VOID NdisMPauseComplete(NDIS_HANDLE MiniportAdapterHandle)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMPauseComplete");

    if (ad == NULL)
        return;
    if (ad->state != AD_PAUSING) {
        unexpected("NdisMPauseComplete", ad, "no pause is pending");
        return;
    }
    pause_done(ad, 1);
}

VOID NdisMRestartComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMRestartComplete");

    if (ad == NULL)
        return;
    if (ad->state != AD_RESTARTING) {
        unexpected("NdisMRestartComplete", ad, "no restart is pending");
        return;
    }
    ad->state = NT_SUCCESS(Status) ? AD_RUNNING : AD_PAUSED;
}

VOID NdisMResetComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status, BOOLEAN AddressingReset)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMResetComplete");

    (void)Status;
    (void)AddressingReset;
    if (ad == NULL)
        return;
    if (!ad->reset_pending) {
        unexpected("NdisMResetComplete", ad, "no reset is pending");
        return;
    }
    ad->reset_pending = 0;
}

VOID NdisMSendNetBufferListsComplete(NDIS_HANDLE MiniportAdapterHandle, PNET_BUFFER_LIST NetBufferLists,
                                     ULONG SendCompleteFlags)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMSendNetBufferListsComplete");
    PNET_BUFFER_LIST nbl, next;
    uint32_t i;

    (void)SendCompleteFlags;
    if (ad == NULL)
        return;
    for (nbl = NetBufferLists; nbl != NULL; nbl = next) {
        next = nbl->Next;
        for (i = 0; i < SENDS_MAX && !(ad->send[i].held && &ad->send[i].nbl == nbl); i++)
            ;
        if (i == SENDS_MAX) {
            unexpected("NdisMSendNetBufferListsComplete", ad,
                       "a NET_BUFFER_LIST NDIS did not send to it, or one already completed");
            return;
        }
        ad->send[i].held = 0;
        ad->send[i].nbl.Next = NULL;
        ad->sends_held--;
    }
}

VOID NdisMOidRequestComplete(NDIS_HANDLE MiniportAdapterHandle, PNDIS_OID_REQUEST OidRequest,
                             NDIS_STATUS Status)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMOidRequestComplete");
    uint32_t i;

    (void)Status;
    if (ad == NULL)
        return;
    for (i = 0; i < OIDS_MAX && !(ad->oid[i].pending && &ad->oid[i].req == OidRequest); i++)
        ;
    if (i == OIDS_MAX) {
        unexpected("NdisMOidRequestComplete", ad, "a request NDIS is not waiting for");
        return;
    }
    ad->oid[i].pending = 0;
    ad->oids_pending--;
}

VOID NdisMIndicateReceiveNetBufferLists(NDIS_HANDLE MiniportAdapterHandle, PNET_BUFFER_LIST NetBufferLists,
                                        NDIS_PORT_NUMBER PortNumber, ULONG NumberOfNetBufferLists,
                                        ULONG ReceiveFlags)
{
    struct adapter *ad = adapter_of(MiniportAdapterHandle, "NdisMIndicateReceiveNetBufferLists");

    (void)PortNumber;
    (void)NumberOfNetBufferLists;
    if (ad == NULL || NetBufferLists == NULL)
        return;
    /* With NDIS_RECEIVE_FLAGS_RESOURCES the lists are the miniport's again
     * when this returns; otherwise the protocols above are done with them
     * at once, and NDIS hands them back [N8]. */
    if (ReceiveFlags & NDIS_RECEIVE_FLAGS_RESOURCES)
        return;
    uf_port_trace_call(PORT_CALL_NDIS_RETURN | index_of(ad) << 16);
    N.ch.ReturnNetBufferListsHandler(ad->context, NetBufferLists,
                                     model_irql() >= DISPATCH_LEVEL ? NDIS_RETURN_FLAGS_DISPATCH_LEVEL : 0);
}

VOID NdisMIndicateStatusEx(NDIS_HANDLE MiniportAdapterHandle, PNDIS_STATUS_INDICATION StatusIndication)
{
    (void)StatusIndication;
    (void)adapter_of(MiniportAdapterHandle, "NdisMIndicateStatusEx");
}
