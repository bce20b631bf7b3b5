/*
 * request.c - WDFREQUEST (wdfrequest.h) as a driver creates, formats and
 * sends it to an I/O target, the synchronous IOCTL helpers, preallocated
 * memory, and the harness's "the lower device completes this request now".
 *
 * A request is idle (created or reused), queued in a stopped target, sent
 * (at the lower device), or completed [Q2]. Sending one that is queued or
 * sent is a bug check; sending one with no format since its creation, its
 * reuse or its last completion is refused by the verifier and undefined
 * without it [Q3] [Q4]. A completion runs the request's completion routine
 * once, at DISPATCH_LEVEL, and clears it; the target's reference on the
 * request goes after the routine returns [Q5]. Asynchronous I/O completes
 * when the harness says so (model_request_complete); synchronous I/O
 * inside the call, with the lower device's answer [Q8].
 *
 * The model is the framework with its verifier on (VerifierOn sets the
 * verifier's I/O checks too: FxDriverGlobals::SetVerifierState).
 */
#define WDFMODEL_NO_CALL_SITES
#include "alloc.h"
#include "internal.h"

/* What the lower device answers a synchronous send and a wait, by answer. */
static const NTSTATUS answer_status[LOWER__COUNT] = {
    STATUS_SUCCESS, STATUS_UNSUCCESSFUL, STATUS_CANCELLED, STATUS_DEVICE_REMOVED, STATUS_NOT_SUPPORTED,
    STATUS_PENDING, STATUS_PENDING,
};

#define SEND_FLAGS_KNOWN                                                             \
    (WDF_REQUEST_SEND_OPTION_TIMEOUT | WDF_REQUEST_SEND_OPTION_SYNCHRONOUS |         \
     WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE | WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET)

/* METHOD_BUFFERED: the transfer type in an IOCTL code's low two bits. */
#define IOCTL_METHOD(code) ((code) & 3u)

void uf__request_complete(struct obj *r, NTSTATUS status, ULONG_PTR information)
{
    PFN_WDF_REQUEST_COMPLETION_ROUTINE fn = r->u.request.fn;
    WDF_REQUEST_COMPLETION_PARAMS params;
    int referenced = r->u.request.phase == REQ_SENT || r->u.request.phase == REQ_QUEUED;

    r->u.request.phase = REQ_COMPLETED;
    r->u.request.status = status;
    r->u.request.information = information;
    r->u.request.formatted = 0; /* VerifierClearFormatted [Q4] */
    r->u.request.fn = NULL;     /* ClearCompletionRoutine, before the call */
    if (fn) {
        memset(&params, 0, sizeof(params));
        params.Size = sizeof(params);
        /* A request deleted while sent lost its format context [Q7]. */
        params.Type = r->u.request.has_context ? (WDF_REQUEST_TYPE)r->u.request.type
                                               : WdfRequestTypeNoFormat;
        params.IoStatus.Status = status;
        params.IoStatus.Information = information;
        if (r->u.request.has_context)
            params.Parameters.Ioctl.IoControlCode = r->u.request.ioctl;
        uf__model.completion.target = (WDFIOTARGET)obj_handle(obj_get(r->u.request.target));
        uf__model.completion.params = &params;
        uf__model.completion.context = r->u.request.fn_context;
        uf__ev_emit(EV_CALLBACK, r, 0, "EvtRequestCompletionRoutine");
        uf__cb_call(CB_COMPLETION, (void (*)(void))fn, r, DISPATCH_LEVEL);
    }
    if (referenced && !model_now.halted)
        uf__obj_release(r, uf__TAG_SENT);
}

void uf__request_cancel_sent(struct obj *r)
{
    r->u.request.canceled = 1;
    if (r->u.request.phase == REQ_QUEUED)
        uf__request_complete(r, STATUS_CANCELLED, 0); /* the target's own */
    else if (r->u.request.phase == REQ_SENT && uf__model.lower_answer != LOWER_HOLD)
        uf__request_complete(r, STATUS_CANCELLED, 0);
}

int uf__request_wait(struct obj *r)
{
    if (uf__model.lower_answer >= LOWER_NO_ANSWER) {
        uf__violation(RULE_SENT_IO_NEVER_COMPLETES, r,
                      "waits for a request the lower device never completes");
        return 0;
    }
    uf__request_complete(r, answer_status[uf__model.lower_answer], 0);
    return !model_now.halted;
}

int uf__request_dispose(struct obj *r)
{
    /* FxRequestBase::VerifyDispose, then the format context goes while the
     * IRP may still be in the lower driver; the target's reference keeps
     * the object until it comes back [Q7]. */
    if (r->u.request.phase == REQ_SENT || r->u.request.phase == REQ_QUEUED)
        uf__violation(RULE_REQUEST_DELETED_WHILE_SENT, r,
                      "deleted while sent to a target: its buffers go, the IRP stays below");
    r->u.request.has_context = 0;
    r->u.request.has_buffer = 0;
    return 1;
}

/* The target has a device below it to size an IRP for
 * (FxRequestBase::ValidateTarget: a stack size of 0 is refused). */
static int target_open(const struct obj *t)
{
    return t->u.iotarget.open && t->u.iotarget.state != WdfIoTargetDeleted;
}

NTSTATUS WdfRequestCreate(PWDF_OBJECT_ATTRIBUTES RequestAttributes, WDFIOTARGET IoTarget,
                          WDFREQUEST *Request)
{
    struct ddi_frame f;
    struct obj *t = NULL, *parent, *r;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfRequestCreate, IoTarget))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (IoTarget && !(t = uf__obj_lookup(IoTarget, TYPE_IOTARGET)))
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!Request) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Request is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Request = NULL;
    /* Any parent; the driver when none is given [Q1]. */
    st = uf__obj_resolve_parent(RequestAttributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    r = uf__obj_new(TYPE_REQUEST, SITE_REQUEST_OBJECT);
    if (!r)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    uf__alloc_verifier_lock(); /* [C19] */
    if (t) {
        if (!target_open(t)) {
            uf__obj_abort(r);
            return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_STATE);
        }
        if (!uf__alloc_try(SITE_IO_IRP)) {
            uf__obj_abort(r);
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        }
        r->u.request.has_irp = 1;
        r->u.request.target = t->id;
    }
    uf__obj_apply_attributes(r, RequestAttributes);
    uf__obj_commit(r, parent);
    *Request = (WDFREQUEST)obj_handle(r);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The IRP and the buffers a format needs for target `t` (ValidateTarget,
 * then FormatIoctlRequest): an IRP when it has none, an FxIoContext, and a
 * system buffer for a METHOD_BUFFERED IOCTL with a buffer. */
static NTSTATUS format_for(struct obj *r, struct obj *t, ULONG code, int buffered)
{
    if (!target_open(t))
        return STATUS_INVALID_DEVICE_STATE;
    if (!r->u.request.has_irp) {
        if (!uf__alloc_try(SITE_IO_IRP))
            return STATUS_INSUFFICIENT_RESOURCES;
        r->u.request.has_irp = 1;
    }
    if (!r->u.request.has_context) {
        if (!uf__alloc_try(SITE_REQUEST_IO_CONTEXT))
            return STATUS_INSUFFICIENT_RESOURCES;
        r->u.request.has_context = 1;
    }
    if (buffered && IOCTL_METHOD(code) == METHOD_BUFFERED && !r->u.request.has_buffer) {
        if (!uf__alloc_try(SITE_REQUEST_SYSTEM_BUFFER))
            return STATUS_INSUFFICIENT_RESOURCES;
        r->u.request.has_buffer = 1;
    }
    r->u.request.target = t->id;
    r->u.request.ioctl = code;
    return STATUS_SUCCESS;
}

static NTSTATUS format_ioctl(enum model_ddi ddi, WDF_REQUEST_TYPE type, WDFIOTARGET IoTarget,
                             WDFREQUEST Request, ULONG IoctlCode, WDFMEMORY InputBuffer,
                             WDFMEMORY OutputBuffer)
{
    struct ddi_frame f;
    struct obj *t, *r;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, ddi, Request))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    r = t ? uf__obj_lookup(Request, TYPE_REQUEST) : NULL;
    if (!r)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if ((InputBuffer && !uf__obj_lookup(InputBuffer, TYPE_MEMORY)) ||
        (OutputBuffer && !uf__obj_lookup(OutputBuffer, TYPE_MEMORY)))
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    st = format_for(r, t, IoctlCode, InputBuffer || OutputBuffer);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    r->u.request.type = (uint8_t)type;
    r->u.request.formatted = 1;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

NTSTATUS WdfIoTargetFormatRequestForIoctl(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                          ULONG IoctlCode, WDFMEMORY InputBuffer,
                                          PWDFMEMORY_OFFSET InputBufferOffset,
                                          WDFMEMORY OutputBuffer,
                                          PWDFMEMORY_OFFSET OutputBufferOffset)
{
    (void)InputBufferOffset;
    (void)OutputBufferOffset;
    return format_ioctl(DDI_WdfIoTargetFormatRequestForIoctl, WdfRequestTypeDeviceControl,
                        IoTarget, Request, IoctlCode, InputBuffer, OutputBuffer);
}

NTSTATUS WdfIoTargetFormatRequestForInternalIoctl(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                  ULONG IoctlCode, WDFMEMORY InputBuffer,
                                                  PWDFMEMORY_OFFSET InputBufferOffset,
                                                  WDFMEMORY OutputBuffer,
                                                  PWDFMEMORY_OFFSET OutputBufferOffset)
{
    (void)InputBufferOffset;
    (void)OutputBufferOffset;
    return format_ioctl(DDI_WdfIoTargetFormatRequestForInternalIoctl,
                        WdfRequestTypeDeviceControlInternal, IoTarget, Request, IoctlCode,
                        InputBuffer, OutputBuffer);
}

VOID WdfRequestSetCompletionRoutine(WDFREQUEST Request,
                                    PFN_WDF_REQUEST_COMPLETION_ROUTINE CompletionRoutine,
                                    WDFCONTEXT CompletionContext)
{
    struct ddi_frame f;
    struct obj *r;

    if (!uf__ddi_enter(&f, DDI_WdfRequestSetCompletionRoutine, Request)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    r = uf__obj_lookup(Request, TYPE_REQUEST);
    if (r) {
        r->u.request.fn = CompletionRoutine;
        r->u.request.fn_context = CompletionContext;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* FxValidateRequestOptions, as WdfRequestSend and the synchronous
 * helpers apply it. */
static NTSTATUS validate_options(const WDF_REQUEST_SEND_OPTIONS *o, NTSTATUS bad_size)
{
    if (!o)
        return STATUS_SUCCESS;
    if (o->Size != sizeof(WDF_REQUEST_SEND_OPTIONS))
        return bad_size;
    if ((o->Flags & ~(ULONG)SEND_FLAGS_KNOWN) ||
        ((o->Flags & WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET) &&
         o->Flags != WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/* A timeout that counts: the flag with a nonzero Timeout. */
static int has_timeout(const WDF_REQUEST_SEND_OPTIONS *o)
{
    return o && (o->Flags & WDF_REQUEST_SEND_OPTION_TIMEOUT) && o->Timeout != 0;
}

/* A synchronous send waiting for request `r` (FxIoTarget::SubmitSync):
 * queued in a stopped target or at the lower device, it ends with the
 * lower device's answer; when nothing answers, a timeout cancels it
 * (STATUS_CANCELLED becomes STATUS_IO_TIMEOUT), and without one the wait
 * never ends [Q8]. */
static void wait_sync(struct obj *r, int timeout)
{
    enum model_lower_answer a = (enum model_lower_answer)uf__model.lower_answer;
    int answered = r->u.request.phase == REQ_SENT && a < LOWER_NO_ANSWER;

    if (answered) {
        uf__request_complete(r, answer_status[a], 0);
        return;
    }
    if (!timeout || (r->u.request.phase == REQ_SENT && a == LOWER_HOLD)) {
        uf__violation(RULE_SENT_IO_NEVER_COMPLETES, r,
                      r->u.request.phase == REQ_QUEUED
                          ? "a synchronous send waits, with no timeout, in a stopped target"
                          : "a synchronous send waits for a lower device that never answers");
        return;
    }
    uf__request_complete(r, STATUS_IO_TIMEOUT, 0);
}

/* What target `t`'s state does to a send with `flags` (SubmitLocked): 1
 * sent, 2 queued in the target, or 0 with *st the failure [G4]. */
static int target_verdict(const struct obj *t, ULONG flags, NTSTATUS *st)
{
    int ignore = (flags & WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE) != 0;

    switch ((WDF_IO_TARGET_STATE)t->u.iotarget.state) {
    case WdfIoTargetStarted:
        return 1;
    case WdfIoTargetStopped:
        return ignore ? 1 : 2;
    default:
        if (ignore && t->u.iotarget.removing)
            return 1;
        *st = STATUS_INVALID_DEVICE_STATE;
        return 0;
    }
}

/* FxIoTarget::SubmitLocked's verdict on sending `r` to `t`: 1 sent, 2
 * queued, or 0 with *st the failure. */
static int submit(struct obj *r, struct obj *t, ULONG flags, NTSTATUS *st)
{
    if (r->u.request.phase == REQ_SENT || r->u.request.phase == REQ_QUEUED) {
        uf__violation(RULE_REQUEST_ALREADY_SENT, r, "sent again while still sent to a target");
        *st = STATUS_INVALID_DEVICE_STATE;
        return 0;
    }
    if (!r->u.request.formatted) {
        uf__violation(RULE_REQUEST_NOT_FORMATTED, r,
                      r->u.request.phase == REQ_COMPLETED
                          ? "sent again after its completion without a reuse and a format"
                          : "sent without a format");
        *st = STATUS_REQUEST_NOT_ACCEPTED;
        return 0;
    }
    if (r->u.request.canceled) {
        *st = STATUS_CANCELLED; /* m_Canceled stays until a reuse */
        return 0;
    }
    return target_verdict(t, flags, st);
}

BOOLEAN WdfRequestSend(WDFREQUEST Request, WDFIOTARGET Target, PWDF_REQUEST_SEND_OPTIONS Options)
{
    struct ddi_frame f;
    struct obj *r, *t;
    ULONG flags = Options ? Options->Flags : 0;
    NTSTATUS st;
    int how;

    if (!uf__ddi_enter(&f, DDI_WdfRequestSend, Request)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return FALSE;
    }
    r = uf__obj_lookup_live(Request, TYPE_REQUEST); /* a send references it */
    t = r ? uf__obj_lookup(Target, TYPE_IOTARGET) : NULL;
    if (!t) {
        uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
        return FALSE;
    }
    /* A synchronous send waits: the documentation asks for PASSIVE_LEVEL
     * (the source does not check it, [C8]). */
    if ((flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS) && !uf__irql_check(PASSIVE_LEVEL)) {
        r->u.request.status = STATUS_INVALID_DEVICE_REQUEST;
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return FALSE;
    }
    st = validate_options(Options, STATUS_INVALID_PARAMETER);
    /* SEND_AND_FORGET is for requests a queue presented, never a driver's. */
    if (NT_SUCCESS(st) && (flags & WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET))
        st = STATUS_INVALID_DEVICE_STATE;
    if (!NT_SUCCESS(st)) {
        r->u.request.status = st;
        uf__ddi_leave(&f, st);
        return FALSE;
    }
    how = submit(r, t, flags, &st);
    if (how && has_timeout(Options) && !(flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS) &&
        !r->u.request.has_timer) {
        if (uf__alloc_try(SITE_REQUEST_TIMER))
            r->u.request.has_timer = 1;
        else
            how = 0, st = STATUS_INSUFFICIENT_RESOURCES;
    }
    if (!how) {
        if (!model_now.halted)
            r->u.request.status = st;
        uf__ddi_leave(&f, st);
        return FALSE;
    }
    /* The target's reference on the request, until its completion routine
     * has returned; the target's I/O count is the sent list [Q5]. */
    r->u.request.phase = how == 1 ? REQ_SENT : REQ_QUEUED;
    r->u.request.target = t->id;
    r->u.request.ignores_state = (flags & WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE) != 0;
    r->u.request.status = STATUS_PENDING;
    uf__obj_reference(r, uf__TAG_SENT);
    if (flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS)
        wait_sync(r, has_timeout(Options));
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return TRUE;
}

NTSTATUS WdfRequestReuse(WDFREQUEST Request, PWDF_REQUEST_REUSE_PARAMS ReuseParams)
{
    struct ddi_frame f;
    struct obj *r;

    if (!uf__ddi_enter(&f, DDI_WdfRequestReuse, Request))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    r = uf__obj_lookup(Request, TYPE_REQUEST);
    if (!r)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!ReuseParams) {
        uf__violation(RULE_NULL_PARAMETER, r, "ReuseParams is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    /* 0x2 is the framework's own WDF_REQUEST_REUSE_MUST_COMPLETE. */
    if (ReuseParams->Size != sizeof(WDF_REQUEST_REUSE_PARAMS) ||
        (ReuseParams->Flags & ~(ULONG)(WDF_REQUEST_REUSE_SET_NEW_IRP | 0x2)))
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    /* FxRequest::Reuse breaks on a sent request and goes on [Q6]. */
    if (r->u.request.phase == REQ_SENT || r->u.request.phase == REQ_QUEUED)
        uf__violation(RULE_REQUEST_REUSED_WHILE_SENT, r,
                      "reused while sent: its IRP is reset under the lower driver");
    else
        r->u.request.phase = REQ_IDLE;
    r->u.request.fn = NULL;
    r->u.request.formatted = 0;
    r->u.request.has_context = 0;
    r->u.request.has_buffer = 0;
    r->u.request.canceled = 0;
    r->u.request.status = ReuseParams->Status;
    r->u.request.information = 0;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

BOOLEAN WdfRequestCancelSentRequest(WDFREQUEST Request)
{
    struct ddi_frame f;
    struct obj *r;
    BOOLEAN tried = FALSE;

    if (!uf__ddi_enter(&f, DDI_WdfRequestCancelSentRequest, Request)) {
        uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        return FALSE;
    }
    r = uf__obj_lookup(Request, TYPE_REQUEST);
    if (r) {
        /* m_Canceled is set whatever the phase; TRUE says a cancel was
         * tried on a request in flight or queued [Q6]. */
        tried = r->u.request.phase == REQ_SENT || r->u.request.phase == REQ_QUEUED;
        uf__request_cancel_sent(r);
        r->u.request.canceled = 1;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
    return tried;
}

/* The request behind a read-only accessor. */
static struct obj *accessor(enum model_ddi ddi, WDFREQUEST Request, struct ddi_frame *f)
{
    struct obj *r;

    if (!uf__ddi_enter(f, ddi, Request)) {
        uf__ddi_leave(f, STATUS_UNSUCCESSFUL);
        return NULL;
    }
    r = uf__obj_lookup(Request, TYPE_REQUEST);
    uf__ddi_leave(f, STATUS_SUCCESS);
    return r;
}

NTSTATUS WdfRequestGetStatus(WDFREQUEST Request)
{
    struct ddi_frame f;
    struct obj *r = accessor(DDI_WdfRequestGetStatus, Request, &f);

    return r ? r->u.request.status : STATUS_INVALID_HANDLE;
}

ULONG_PTR WdfRequestGetInformation(WDFREQUEST Request)
{
    struct ddi_frame f;
    struct obj *r = accessor(DDI_WdfRequestGetInformation, Request, &f);

    return r ? r->u.request.information : 0;
}

WDFIOTARGET WdfRequestGetIoTarget(WDFREQUEST Request)
{
    struct ddi_frame f;
    struct obj *r = accessor(DDI_WdfRequestGetIoTarget, Request, &f);

    return r && r->u.request.target ? (WDFIOTARGET)obj_handle(obj_get(r->u.request.target))
                                    : NULL;
}

VOID WdfRequestGetCompletionParams(WDFREQUEST Request, PWDF_REQUEST_COMPLETION_PARAMS Params)
{
    struct ddi_frame f;
    struct obj *r = accessor(DDI_WdfRequestGetCompletionParams, Request, &f);

    if (!r || !Params)
        return;
    memset(Params, 0, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->Type = r->u.request.has_context ? (WDF_REQUEST_TYPE)r->u.request.type
                                            : WdfRequestTypeNoFormat;
    Params->IoStatus.Status = r->u.request.status;
    Params->IoStatus.Information = r->u.request.information;
}

/* A memory descriptor as ValidateMemoryDescriptor checks it: the length it
 * describes, or -1 when it is invalid. */
static long descriptor_length(const WDF_MEMORY_DESCRIPTOR *d)
{
    struct obj *m;

    if (!d)
        return 0;
    switch (d->Type) {
    case WdfMemoryDescriptorTypeBuffer:
        return d->u.BufferType.Buffer ? (long)d->u.BufferType.Length : -1;
    case WdfMemoryDescriptorTypeMdl:
        return d->u.MdlType.Mdl ? (long)d->u.MdlType.BufferLength : -1;
    case WdfMemoryDescriptorTypeHandle:
        if (!d->u.HandleType.Memory)
            return -1;
        m = uf__obj_lookup(d->u.HandleType.Memory, TYPE_MEMORY);
        return m ? (long)m->u.memory.size : -2;
    default:
        return -1;
    }
}

/* WdfIoTargetSendIoctlSynchronously and its internal twin
 * (FxIoTargetSendIoctl): a request of the driver's or one on the stack,
 * formatted, sent and waited for inside the call [Q8]. */
static NTSTATUS send_ioctl_sync(enum model_ddi ddi, WDF_REQUEST_TYPE type, WDFIOTARGET IoTarget,
                                WDFREQUEST Request, ULONG IoctlCode,
                                PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                PULONG_PTR BytesReturned)
{
    struct ddi_frame f;
    struct obj *t, *r = NULL;
    ULONG flags = RequestOptions ? RequestOptions->Flags & ~(ULONG)WDF_REQUEST_SEND_OPTION_TIMEOUT : 0;
    long in, out;
    NTSTATUS st;
    int how;

    /* The lower device's IoStatus.Information: the model's answers carry
     * none, so 0 [Q8]. */
    if (BytesReturned)
        *BytesReturned = 0;
    if (!uf__ddi_enter(&f, ddi, IoTarget))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    t = uf__obj_lookup(IoTarget, TYPE_IOTARGET);
    if (!t || (Request && !(r = uf__obj_lookup_live(Request, TYPE_REQUEST))))
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    st = validate_options(RequestOptions, STATUS_INFO_LENGTH_MISMATCH);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    in = descriptor_length(InputBuffer);
    out = descriptor_length(OutputBuffer);
    if (in == -2 || out == -2)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (in < 0 || out < 0)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    if (r && (r->u.request.phase == REQ_SENT || r->u.request.phase == REQ_QUEUED)) {
        uf__violation(RULE_REQUEST_ALREADY_SENT, r, "sent synchronously while still sent to a target");
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_STATE);
    }
    if (!r) {
        /* FxSyncRequest: the request and its context live on the stack; the
         * IRP and the system buffer are allocated for the call. */
        if (!target_open(t))
            return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_STATE);
        if (!uf__alloc_try(SITE_IO_IRP))
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        if (IOCTL_METHOD(IoctlCode) == METHOD_BUFFERED && (in || out) &&
            !uf__alloc_try(SITE_REQUEST_SYSTEM_BUFFER))
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        how = target_verdict(t, flags, &st);
        if (!how)
            return uf__ddi_leave(&f, st);
        if (how == 1 && uf__model.lower_answer < LOWER_NO_ANSWER)
            return uf__ddi_leave(&f, answer_status[uf__model.lower_answer]);
        if (!has_timeout(RequestOptions) || (how == 1 && uf__model.lower_answer == LOWER_HOLD)) {
            uf__violation(RULE_SENT_IO_NEVER_COMPLETES, t,
                          how == 2 ? "a synchronous IOCTL waits, with no timeout, in a stopped target"
                                   : "a synchronous IOCTL waits for a lower device that never answers");
            return uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
        }
        return uf__ddi_leave(&f, STATUS_IO_TIMEOUT);
    }
    /* The driver's request carries the call's format from now on and is
     * sent and waited for as a synchronous WdfRequestSend, but SubmitSync
     * replaces its completion routine with the framework's own and, the
     * request once sent, never puts it back: the driver's is not called. */
    st = format_for(r, t, IoctlCode, in || out);
    if (!NT_SUCCESS(st)) {
        r->u.request.status = st;
        return uf__ddi_leave(&f, st);
    }
    r->u.request.type = (uint8_t)type;
    r->u.request.formatted = 1;
    r->u.request.fn = NULL;
    how = submit(r, t, flags, &st);
    if (!how) {
        if (!model_now.halted)
            r->u.request.status = st;
        return uf__ddi_leave(&f, st);
    }
    r->u.request.phase = how == 1 ? REQ_SENT : REQ_QUEUED;
    r->u.request.target = t->id;
    r->u.request.ignores_state = (flags & WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE) != 0;
    uf__obj_reference(r, uf__TAG_SENT);
    wait_sync(r, has_timeout(RequestOptions));
    if (model_now.halted)
        return uf__ddi_leave(&f, STATUS_UNSUCCESSFUL);
    if (BytesReturned)
        *BytesReturned = r->u.request.information;
    return uf__ddi_leave(&f, r->u.request.status);
}

NTSTATUS WdfIoTargetSendIoctlSynchronously(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                           ULONG IoctlCode, PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                           PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                           PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                           PULONG_PTR BytesReturned)
{
    return send_ioctl_sync(DDI_WdfIoTargetSendIoctlSynchronously, WdfRequestTypeDeviceControl,
                           IoTarget, Request, IoctlCode, InputBuffer, OutputBuffer,
                           RequestOptions, BytesReturned);
}

NTSTATUS WdfIoTargetSendInternalIoctlSynchronously(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                   ULONG IoctlCode,
                                                   PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                                   PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                                   PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                   PULONG_PTR BytesReturned)
{
    return send_ioctl_sync(DDI_WdfIoTargetSendInternalIoctlSynchronously,
                           WdfRequestTypeDeviceControlInternal, IoTarget, Request, IoctlCode,
                           InputBuffer, OutputBuffer, RequestOptions, BytesReturned);
}

NTSTATUS model_lower_answer_status(enum model_lower_answer a)
{
    return a < LOWER__COUNT ? answer_status[a] : STATUS_PENDING;
}

int model_request_complete(WDFREQUEST Request, NTSTATUS status, ULONG_PTR information)
{
    uint32_t id = obj_handle_id(Request);
    struct obj *r;

    if (!id || model_now.halted)
        return 0;
    r = obj_get(id);
    if (r->type != TYPE_REQUEST || r->state == STATE_FREED || r->u.request.phase != REQ_SENT)
        return 0;
    uf__request_complete(r, status, information);
    return 1;
}
