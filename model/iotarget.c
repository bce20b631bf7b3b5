/*
 * iotarget.c - WDFIOTARGET (wdfiotarget.h): the default target of a
 * miniport device, remote targets, their states, and what their stop,
 * purge, close and delete do to the I/O sent through them.
 *
 * A target is in one of WDF_IO_TARGET_STATE's states. A request sent to a
 * started target goes to the lower device; to a stopped one it waits in the
 * target; to a purged, closed or deleted one it fails (request.c). Stop,
 * purge, close and delete may cancel what was sent and wait for it: the
 * lower device (model.h, enum model_lower_answer) completes cancelled I/O
 * with STATUS_CANCELLED and answers what it is waited for, unless it
 * answers nothing, and then the wait is a hang (sent-io-never-completes)
 * [G2] [G4]. A target's delete runs its cleanup callback first, with its
 * I/O still out, then cancels and waits (FxIoTarget::Dispose) [G2].
 *
 * The model has no device namespace: a target opened by name opens unless
 * the lower device answers with a failure (then the name is not found),
 * and every remote target's device is the one stand-in below.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"
#include "unloadfuzz_bus.h"

/* The device below every remote target: nothing reads it but the driver,
 * through WdfIoTargetWdmGetTargetDeviceObject. */
static DEVICE_OBJECT remote_device = {.Type = 3, .Size = (USHORT)sizeof(DEVICE_OBJECT)};

/* The layout of WDF_IO_TARGET_OPEN_PARAMS before KMDF 1.13 added FileName:
 * WdfIoTargetOpen accepts both sizes. */
#define OPEN_PARAMS_V1_11_SIZE ((ULONG)offsetof(WDF_IO_TARGET_OPEN_PARAMS, FileName))

struct obj *uf__iotarget_new_default(void)
{
    struct obj *t = uf__obj_new(TYPE_IOTARGET, SITE_DEVICE_IO_TARGET);

    if (t)
        uf__alloc_verifier_lock(); /* [C19] */
    return t;
}

void uf__iotarget_commit_default(struct obj *t, struct obj *device, PDEVICE_OBJECT attached)
{
    t->device_base = device->id;
    t->u.iotarget.device = device->id;
    t->u.iotarget.wdm = attached;
    t->u.iotarget.state = WdfIoTargetStarted;
    t->u.iotarget.open = 1;
    device->u.device.default_target = t->id;
    uf__obj_commit(t, device);
}

/* Completions a stop, purge or delete waits for before it calls the wait
 * endless: a completion routine that sends its request again each time
 * keeps the target busy for ever. */
#define WAIT_MAX_COMPLETIONS 256u

/* Which sent requests a stop or purge acts on: those sent with
 * WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE only when the target is
 * closed or deleted [G4]. */
enum { SENT_NORMAL, SENT_ALL };

/* The next request of target `t` in `phase` from id *from on, in creation
 * order; callers walk again after each, since completing one runs driver
 * code that may send, delete or complete others. */
static struct obj *next_request(const struct obj *t, enum request_phase phase, int which,
                                uint32_t *from)
{
    for (; *from <= uf__model.nobjs; (*from)++) {
        struct obj *r = obj_get(*from);

        if (r->type == TYPE_REQUEST && r->state != STATE_FREED && r->u.request.phase == phase &&
            r->u.request.target == t->id && (which == SENT_ALL || !r->u.request.ignores_state))
            return r;
    }
    return NULL;
}

/* Completes the requests waiting in `t` with STATUS_WDF_DEVICE_REMOVED_NOT_SENT
 * (a purge, close or delete) [G4]. */
static void complete_queued(struct obj *t)
{
    uint32_t from = 1;
    struct obj *r;

    while (!model_now.halted && (r = next_request(t, REQ_QUEUED, SENT_ALL, &from)) != NULL)
        uf__request_complete(r, STATUS_WDF_DEVICE_REMOVED_NOT_SENT, 0);
}

/* Cancels the requests `t` has at the lower device (IoCancelIrp), each
 * once: one sent again from its completion routine is not cancelled again. */
static void cancel_sent(struct obj *t, int which)
{
    uint32_t from = 1, last = uf__model.nobjs;
    struct obj *r;

    while (!model_now.halted && from <= last &&
           (r = next_request(t, REQ_SENT, which, &from)) != NULL && r->id <= last) {
        uf__request_cancel_sent(r);
        from++;
    }
}

/* Waits for the requests `t` has at the lower device
 * (FxIoTarget::WaitForSentIoToComplete). Returns 0 after a hang. */
static int wait_sent(struct obj *t, int which)
{
    uint32_t from = 1, n = 0;
    struct obj *r;

    while (!model_now.halted && (r = next_request(t, REQ_SENT, which, &from)) != NULL) {
        if (++n > WAIT_MAX_COMPLETIONS) {
            uf__violation(RULE_SENT_IO_NEVER_COMPLETES, r,
                          "the wait for sent I/O never ends: the request is sent again on every completion");
            return 0;
        }
        if (!uf__request_wait(r))
            return 0;
        from = 1;
    }
    return !model_now.halted;
}

/* FxIoTarget::GotoRemoveState, for a close and a delete: what waits in the
 * target completes, what was sent is cancelled and waited for. */
static int go_remove(struct obj *t, WDF_IO_TARGET_STATE state)
{
    t->u.iotarget.state = (uint8_t)state;
    t->u.iotarget.removing = 1;
    complete_queued(t);
    cancel_sent(t, SENT_ALL);
    if (!wait_sent(t, SENT_ALL))
        return 0;
    t->u.iotarget.removing = 0;
    return 1;
}

/* FxIoTarget::Dispose: the cleanup callback first, with the I/O still out,
 * then Remove: the state becomes Deleted, queued requests complete, sent
 * ones are cancelled and waited for, with no timeout [G2]. */
int uf__iotarget_dispose(struct obj *t)
{
    uf__obj_run_cleanup(t);
    if (model_now.halted)
        return 0;
    if (go_remove(t, WdfIoTargetDeleted))
        t->u.iotarget.open = 0;
    return 0;
}

WDFIOTARGET WdfDeviceGetIoTarget(WDFDEVICE Device)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfDeviceGetIoTarget, Device)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    d = uf__obj_lookup(Device, TYPE_DEVICE);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    /* m_DefaultTarget is never cleared: after the device's dispose this is
     * the handle of a deleted target [G1]. */
    return d && d->u.device.default_target
               ? (WDFIOTARGET)obj_handle(obj_get(d->u.device.default_target))
               : NULL;
}

NTSTATUS WdfIoTargetCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES IoTargetAttributes,
                           WDFIOTARGET *IoTarget)
{
    struct ddi_frame f;
    struct obj *d, *parent, *t;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetCreate, Device))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    d = uf__obj_lookup(Device, TYPE_DEVICE);
    if (!d)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!IoTarget) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "IoTarget is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *IoTarget = NULL;
    st = uf__obj_resolve_parent(IoTargetAttributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    /* The parent is the device unless one under that same device is given
     * (FxIoTargetRemote::_Create) [G3]. */
    if (!IoTargetAttributes || !IoTargetAttributes->ParentObject)
        parent = d;
    else if (uf__obj_device_ancestor(parent) != d)
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (d->state != STATE_CREATED)
        return uf__ddi_leave(&f, STATUS_DELETE_PENDING);
    t = uf__obj_new(TYPE_IOTARGET, SITE_IOTARGET_OBJECT);
    if (!t)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* [C19] */
    uf__obj_apply_attributes(t, IoTargetAttributes);
    t->device_base = d->id;
    t->u.iotarget.device = d->id;
    t->u.iotarget.remote = 1;
    /* The constructor's state, which WdfIoTargetGetState reports until the
     * target is opened and after: Started, though nothing is below it. */
    t->u.iotarget.state = WdfIoTargetStarted;
    uf__obj_commit(t, parent);
    *IoTarget = (WDFIOTARGET)obj_handle(t);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The target behind `h` for a DDI that takes remote targets only: the
 * default target fails FX_TYPE_IO_TARGET_REMOTE's handle check. */
static struct obj *lookup_remote(WDFIOTARGET h)
{
    struct obj *t = uf__obj_lookup(h, TYPE_IOTARGET);

    if (t && !t->u.iotarget.remote) {
        uf__violation(RULE_HANDLE_INVALID, t, "the device's default target is not a remote target");
        return NULL;
    }
    return t;
}

/* FxIoTargetValidateOpenParams (shared/targets/general/fxiotargetapi.cpp). */
static NTSTATUS validate_open(const WDF_IO_TARGET_OPEN_PARAMS *p, const struct obj *t)
{
    if (p->Size != sizeof(WDF_IO_TARGET_OPEN_PARAMS) && p->Size != OPEN_PARAMS_V1_11_SIZE)
        return STATUS_INFO_LENGTH_MISMATCH;
    switch (p->Type) {
    case WdfIoTargetOpenUseExistingDevice:
        if (!p->TargetDeviceObject)
            return STATUS_INVALID_PARAMETER;
        if (!p->TargetFileObject && (p->EvtIoTargetQueryRemove || p->EvtIoTargetRemoveCanceled ||
                                     p->EvtIoTargetRemoveComplete))
            return STATUS_INVALID_PARAMETER;
        return STATUS_SUCCESS;
    case WdfIoTargetOpenByName:
        if (!p->TargetDeviceName.Buffer || !p->TargetDeviceName.Length ||
            !p->TargetDeviceName.MaximumLength)
            return STATUS_INVALID_PARAMETER;
        return STATUS_SUCCESS;
    case WdfIoTargetOpenReopen:
        return t->u.iotarget.by_name ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
    default: /* LocalTargetByFile is UMDF's */
        return STATUS_INVALID_PARAMETER;
    }
}

NTSTATUS WdfIoTargetOpen(WDFIOTARGET IoTarget, PWDF_IO_TARGET_OPEN_PARAMS OpenParams)
{
    struct ddi_frame f;
    struct obj *t;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetOpen, IoTarget))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    t = lookup_remote(IoTarget);
    if (!t)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!OpenParams) {
        uf__violation(RULE_NULL_PARAMETER, t, "OpenParams is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    st = validate_open(OpenParams, t);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    if (t->u.iotarget.state == WdfIoTargetDeleted || t->u.iotarget.open)
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_STATE);
    if (OpenParams->Type == WdfIoTargetOpenByName) {
        /* FxIoTargetRemote::Open keeps a copy of the name, then ZwCreateFile. */
        if (!uf__alloc_try(SITE_IOTARGET_NAME))
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        /* A device that answers with a failure is not there; a silent one
         * is (its create completes, its IOCTLs do not). */
        if (!NT_SUCCESS(model_lower_answer_status((enum model_lower_answer)uf__model.lower_answer)))
            return uf__ddi_leave(&f, STATUS_OBJECT_NAME_NOT_FOUND);
    }
    /* GetTargetDeviceRelations: only its IRP's allocation fails the open. */
    if (!uf__alloc_try(SITE_IO_IRP))
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    t->u.iotarget.by_name |= OpenParams->Type == WdfIoTargetOpenByName;
    t->u.iotarget.wdm = OpenParams->Type == WdfIoTargetOpenUseExistingDevice
                            ? OpenParams->TargetDeviceObject
                            : &remote_device;
    t->u.iotarget.open = 1;
    t->u.iotarget.state = WdfIoTargetStarted;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* WdfIoTargetClose and WdfIoTargetCloseForQueryRemove
 * (FxIoTargetRemote::Close). */
static void close_target(enum model_ddi ddi, WDFIOTARGET IoTarget, WDF_IO_TARGET_STATE state)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, ddi, IoTarget)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    t = lookup_remote(IoTarget);
    if (t && t->u.iotarget.state != WdfIoTargetDeleted && go_remove(t, state)) {
        t->u.iotarget.open = 0;
        t->u.iotarget.wdm = NULL;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfIoTargetClose(WDFIOTARGET IoTarget)
{
    close_target(DDI_WdfIoTargetClose, IoTarget, WdfIoTargetClosed);
}

VOID WdfIoTargetCloseForQueryRemove(WDFIOTARGET IoTarget)
{
    close_target(DDI_WdfIoTargetCloseForQueryRemove, IoTarget, WdfIoTargetClosedForQueryRemove);
}

NTSTATUS WdfIoTargetStart(WDFIOTARGET IoTarget)
{
    struct ddi_frame f;
    struct obj *t, *r;
    uint32_t from = 1;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetStart, IoTarget))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    if (!t)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (t->u.iotarget.state == WdfIoTargetDeleted)
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_STATE);
    /* From any other state; what waited in the target goes down [G4]. */
    t->u.iotarget.state = WdfIoTargetStarted;
    while ((r = next_request(t, REQ_QUEUED, SENT_ALL, &from)) != NULL)
        r->u.request.phase = REQ_SENT;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* A stop or purge moves a started, stopped or purged target to `state`;
 * another state is traced and kept, and the action runs all the same
 * (GotoStopState, GotoPurgeState) [G4]. */
static void quiesce_state(struct obj *t, WDF_IO_TARGET_STATE state)
{
    if (t->u.iotarget.state == WdfIoTargetStarted || t->u.iotarget.state == WdfIoTargetStopped ||
        t->u.iotarget.state == WdfIoTargetPurged)
        t->u.iotarget.state = (uint8_t)state;
}

VOID WdfIoTargetStop(WDFIOTARGET IoTarget, WDF_IO_TARGET_SENT_IO_ACTION Action)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetStop, IoTarget)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    /* An action out of range is traced and ignored; the two that wait need
     * PASSIVE_LEVEL, and refused, stop nothing [G4]. */
    if (Action < WdfIoTargetCancelSentIo || Action > WdfIoTargetLeaveSentIoPending ||
        (Action != WdfIoTargetLeaveSentIoPending && !uf__irql_check(PASSIVE_LEVEL))) {
        uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
        return;
    }
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    if (t) {
        quiesce_state(t, WdfIoTargetStopped);
        if (Action == WdfIoTargetCancelSentIo)
            cancel_sent(t, SENT_NORMAL);
        if (Action != WdfIoTargetLeaveSentIoPending)
            wait_sent(t, SENT_NORMAL);
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfIoTargetPurge(WDFIOTARGET IoTarget, WDF_IO_TARGET_PURGE_IO_ACTION Action)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetPurge, IoTarget)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    if (Action < WdfIoTargetPurgeIoAndWait || Action > WdfIoTargetPurgeIo ||
        (Action == WdfIoTargetPurgeIoAndWait && !uf__irql_check(PASSIVE_LEVEL))) {
        uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
        return;
    }
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    if (t) {
        quiesce_state(t, WdfIoTargetPurged);
        complete_queued(t);
        cancel_sent(t, SENT_NORMAL);
        if (Action == WdfIoTargetPurgeIoAndWait)
            wait_sent(t, SENT_NORMAL);
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

WDF_IO_TARGET_STATE WdfIoTargetGetState(WDFIOTARGET IoTarget)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetGetState, IoTarget)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return WdfIoTargetStateUndefined;
    }
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return t ? (WDF_IO_TARGET_STATE)t->u.iotarget.state : WdfIoTargetStateUndefined;
}

WDFDEVICE WdfIoTargetGetDevice(WDFIOTARGET IoTarget)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetGetDevice, IoTarget)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return t ? (WDFDEVICE)obj_handle(obj_get(t->u.iotarget.device)) : NULL;
}

PDEVICE_OBJECT WdfIoTargetWdmGetTargetDeviceObject(WDFIOTARGET IoTarget)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetWdmGetTargetDeviceObject, IoTarget)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return t ? t->u.iotarget.wdm : NULL;
}

/* The interface a lower device hands back: its reference routines do
 * nothing the model tracks. */
static VOID interface_reference(PVOID Context) { (void)Context; }
static VOID interface_dereference(PVOID Context) { (void)Context; }

/* IRP_MN_QUERY_INTERFACE sent synchronously to the top of a stack
 * (FxQueryInterface::_QueryForInterface) [G5]. The model's lower device
 * knows no interface's routines: it can answer a query for the INTERFACE
 * header alone, but one for an interface with routines after the header
 * (Size beyond sizeof(INTERFACE)) it answers as a bus that does not know
 * the GUID, STATUS_NOT_SUPPORTED, rather than succeed with NULL routines
 * the driver would then call; the gap is reported, since the driver's
 * path with the interface is not played. */
/* The interfaces a test double of the bus gives the lower device
 * (uf_bus_interface): kept for the process, across resets, as the double
 * registers them once. */
#define BUS_INTERFACES 8
static struct {
    GUID guid;
    UF_BUS_INTERFACE_FILL fill;
} bus[BUS_INTERFACES];
static uint32_t nbus;

void uf_bus_interface(const GUID *Guid, UF_BUS_INTERFACE_FILL Fill)
{
    uint32_t i;

    for (i = 0; i < nbus && memcmp(&bus[i].guid, Guid, sizeof *Guid) != 0; i++)
        ;
    if (i == BUS_INTERFACES)
        abort(); /* a double with more interfaces than any bus gives: the harness's limit */
    bus[i].guid = *Guid;
    bus[i].fill = Fill;
    if (i == nbus)
        nbus++;
}

static UF_BUS_INTERFACE_FILL bus_fill(LPCGUID guid)
{
    uint32_t i;

    for (i = 0; i < nbus; i++)
        if (memcmp(&bus[i].guid, guid, sizeof *guid) == 0)
            return bus[i].fill;
    return NULL;
}

static NTSTATUS query_interface(LPCGUID InterfaceType, PINTERFACE Interface, USHORT Size,
                                USHORT Version, PVOID InterfaceSpecificData)
{
    UF_BUS_INTERFACE_FILL fill;
    NTSTATUS st;

    if (!InterfaceType || !Interface) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !InterfaceType ? "InterfaceType is NULL"
                                                                : "Interface is NULL");
        return STATUS_INVALID_PARAMETER;
    }
    if (!uf__alloc_try(SITE_IO_IRP))
        return STATUS_INSUFFICIENT_RESOURCES;
    if (uf__model.lower_answer >= LOWER_NO_ANSWER) {
        uf__violation(RULE_SENT_IO_NEVER_COMPLETES, NULL,
                      "the query for an interface waits for a lower device that never answers");
        return STATUS_UNSUCCESSFUL;
    }
    st = model_lower_answer_status((enum model_lower_answer)uf__model.lower_answer);
    /* A bus the test double plays answers with its routines. */
    if (NT_SUCCESS(st) && (fill = bus_fill(InterfaceType)) != NULL) {
        if (Size >= sizeof(INTERFACE)) {
            Interface->Size = Size;
            Interface->Version = Version;
            Interface->Context = Interface;
            Interface->InterfaceReference = interface_reference;
            Interface->InterfaceDereference = interface_dereference;
        }
        return fill(Interface, Size, Version, InterfaceSpecificData);
    }
    if (NT_SUCCESS(st) && Size > sizeof(INTERFACE)) {
        uf__violation(RULE_DDI_NOT_MODELLED, NULL,
                      "the lower device has no routines for an interface beyond INTERFACE's header: "
                      "the query failed with STATUS_NOT_SUPPORTED");
        return STATUS_NOT_SUPPORTED;
    }
    if (NT_SUCCESS(st) && Size >= sizeof(INTERFACE)) {
        Interface->Size = Size;
        Interface->Version = Version;
        Interface->Context = Interface;
        Interface->InterfaceReference = interface_reference;
        Interface->InterfaceDereference = interface_dereference;
    }
    return st;
}

NTSTATUS WdfIoTargetQueryForInterface(WDFIOTARGET IoTarget, LPCGUID InterfaceType,
                                      PINTERFACE Interface, USHORT Size, USHORT Version,
                                      PVOID InterfaceSpecificData)
{
    struct ddi_frame f;
    struct obj *t;

    if (!uf__ddi_enter(&f, DDI_WdfIoTargetQueryForInterface, IoTarget))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    if (!t)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    /* The source sends to the target's device unguarded; a target with no
     * device below it has nothing to ask. */
    if (!t->u.iotarget.open)
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_STATE);
    return uf__ddi_leave(&f, query_interface(InterfaceType, Interface, Size, Version,
                                             InterfaceSpecificData));
}

NTSTATUS WdfFdoQueryForInterface(WDFDEVICE Fdo, LPCGUID InterfaceType, PINTERFACE Interface,
                                 USHORT Size, USHORT Version, PVOID InterfaceSpecificData)
{
    struct ddi_frame f;
    struct obj *d;

    if (!uf__ddi_enter(&f, DDI_WdfFdoQueryForInterface, Fdo))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    d = uf__obj_lookup(Fdo, TYPE_DEVICE);
    if (!d)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    return uf__ddi_leave(&f, query_interface(InterfaceType, Interface, Size, Version,
                                             InterfaceSpecificData));
}

void model_set_lower_answer(enum model_lower_answer a)
{
    uf__model.lower_answer = (uint8_t)(a < LOWER__COUNT ? a : LOWER_SUCCESS);
}

enum model_lower_answer model_lower_answer(void)
{
    return (enum model_lower_answer)uf__model.lower_answer;
}
