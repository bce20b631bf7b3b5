/*
 * ddi.c - what every DDI does on the way in and out, the IRQL as state, the
 * driver-callback trampoline, and the model's reset.
 *
 * Every DDI starts with uf__ddi_enter(): a halted machine answers nothing [C3];
 * before WdfDriverCreate and after unload there is no framework to call [M2];
 * above the DDI's highest IRQL the call is refused [I1] (the real framework
 * checks a few DDIs, with verifier on; the model checks all, always). The
 * kernel's pool routines start with uf__ddi_enter_kernel(): the same without the
 * framework driver, which they never need [P1]. Driver
 * callbacks go through uf__cb_call(), which checks what the kernel checks
 * when the thread it owns gets a callback back (a worker thread, the DPC
 * dispatcher), and that no spin lock outlives a callback [I2] [C14].
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"

struct model uf__model = {.worst = -1};
struct model_now model_now;

int uf__irql_check(KIRQL max)
{
    if (model_now.irql <= max)
        return 1;
    uf__violation(RULE_IRQL_TOO_HIGH, NULL, model_now.irql == DISPATCH_LEVEL
                                                ? "called at DISPATCH_LEVEL"
                                                : "called above its highest IRQL");
    return 0;
}

/* What every entry shares: the frame, the call site, a halted machine [C3]
 * and the call event. Returns 0 when the machine is halted. */
static int ddi_begin(struct ddi_frame *f, enum model_ddi ddi, WDFOBJECT subject)
{
    f->prev = uf__model.ddi;
    f->prev_file = uf__model.site_file;
    f->prev_line = uf__model.site_line;
    f->live = 0;
    /* The call site is not consumed: a DDI called in another DDI's argument
     * list (on the same line, almost always) records its site first. */
    uf__model.site_file = uf__model.call_file;
    uf__model.site_line = uf__model.call_line;
    if (model_now.halted)
        return 0;
    f->live = 1;
    uf__model.ddi = ddi;
    uf__ev_call(ddi, subject);
    return 1;
}

int uf__ddi_enter(struct ddi_frame *f, enum model_ddi ddi, WDFOBJECT subject)
{
    if (!ddi_begin(f, ddi, subject))
        return 0;
    if (uf__model.driver_state == DRIVER_NONE && ddi != DDI_WdfDriverCreate) {
        uf__violation(RULE_DDI_BEFORE_DRIVER_CREATE, NULL, "WdfDriverCreate has not succeeded");
        return 0;
    }
    if (uf__model.driver_state == DRIVER_UNLOADED) {
        /* Unload through the stale WdfGetDriver() handle [M6]. */
        if (ddi == DDI_WdfDriverMiniportUnload && obj_handle_id(subject) == uf__model.driver)
            uf__violation(RULE_DOUBLE_UNLOAD, obj_get(uf__model.driver),
                      "the driver object was already deleted by an earlier unload");
        else
            uf__violation(RULE_DDI_AFTER_UNLOAD, NULL, "the framework driver object is gone");
        return 0;
    }
    if (ddi == DDI_WdfSpinLockRelease)
        return 1; /* exactly DISPATCH_LEVEL, checked as 0xB by the DDI */
    return uf__irql_check(uf__ddi_max_irql[ddi]);
}

int uf__ddi_enter_kernel(struct ddi_frame *f, enum model_ddi ddi)
{
    return ddi_begin(f, ddi, NULL) && uf__irql_check(uf__ddi_max_irql[ddi]);
}

NTSTATUS uf__ddi_leave(struct ddi_frame *f, NTSTATUS status)
{
    if (f->live)
        uf__ev_return(status);
    uf__model.ddi = f->prev;
    uf__model.site_file = f->prev_file;
    uf__model.site_line = f->prev_line;
    return status;
}

void WdfModelCallSite(const char *File, int Line)
{
    uf__model.call_file = File;
    uf__model.call_line = Line;
}

void WdfModelPagedCode(const char *File, int Line)
{
    const char *pf = uf__model.site_file;
    int pl = uf__model.site_line;
    enum model_ddi pd = uf__model.ddi;

    if (model_now.irql <= APC_LEVEL || model_now.halted)
        return;
    uf__model.site_file = File;
    uf__model.site_line = Line;
    uf__model.ddi = DDI_PAGED_CODE;
    uf__violation(RULE_IRQL_TOO_HIGH, NULL, "pageable code ran above APC_LEVEL");
    uf__model.site_file = pf;
    uf__model.site_line = pl;
    uf__model.ddi = pd;
}

KIRQL KeGetCurrentIrql(void) { return model_now.irql; }
void model_set_irql(KIRQL irql) { model_now.irql = irql; }
enum model_driver_state model_driver_state(void) { return uf__model.driver_state; }

uint32_t model_run_deferred(void)
{
    if (model_now.halted)
        return 0;
    return uf__obj_drain(0);
}

/* What is checked when callback `kind` of `o`, called at `irql` with
 * `spinlocks` spin locks and `waitlocks` wait locks held, returns [C14].
 * KMDF checks nothing for a miniport (its return checks come only with
 * WdfDeviceCreate and WdfIoQueueCreate); the kernel checks the threads it
 * owns: a work item (and a passive timer, which runs in one) returns to a
 * system worker thread, a timer's callback and a WDFDPC's to the DPC
 * dispatcher [K5]. A spin lock kept past any callback is the SDV rule's.
 * The model then carries on at the IRQL the callback was called at. */
static void callback_returned(enum cb_kind kind, struct obj *o, KIRQL irql, uint32_t spinlocks,
                              uint32_t waitlocks)
{
    int worker = kind == CB_WORKITEM || (kind == CB_TIMER && irql == PASSIVE_LEVEL);

    /* Compared with the IRQL it was called at: a work item serialized under
     * a spin lock runs at DISPATCH_LEVEL, and the framework, not the
     * callback, gives the lock back [B4]. */
    if (worker && model_now.irql >= DISPATCH_LEVEL && model_now.irql != irql)
        uf__violation(RULE_WORKER_RETURNED_AT_BAD_IRQL, o,
                      "the work item's callback returned to the system worker thread at DISPATCH_LEVEL");
    else if (worker && uf__model.waitlocks_held != waitlocks)
        uf__violation(RULE_APC_INDEX_MISMATCH, o,
                      "the work item's callback returned to the system worker thread with its "
                      "kernel APC disable count changed (a wait lock's critical region)");
    else if (kind == CB_TIMER && !worker && uf__model.waitlocks_held != waitlocks)
        uf__violation(RULE_DPC_APC_DISABLE_CHANGED, o,
                      "the timer's DPC changed the thread's kernel APC disable count (a wait lock's "
                      "critical region)");
    else if (kind == CB_DPC && uf__model.waitlocks_held != waitlocks)
        uf__violation(RULE_DPC_APC_DISABLE_CHANGED, o,
                      "the DPC's routine changed the thread's kernel APC disable count (a wait "
                      "lock's critical region)");
    else if (uf__model.spinlocks_held > spinlocks)
        uf__violation(RULE_CALLBACK_LOCK_HELD, o, "callback returned holding a spin lock");
}

void uf__cb_call(enum cb_kind kind, void (*fn)(void), struct obj *o, KIRQL irql)
{
    KIRQL saved = model_now.irql;
    uint32_t waitlocks = uf__model.waitlocks_held, spinlocks = uf__model.spinlocks_held;
    enum model_ddi ddi = uf__model.ddi;
    WDFOBJECT h = obj_handle(o);

    model_now.irql = irql;
    uf__model.depth++;
    uf__model.ddi = DDI_NONE;
    switch (kind) {
    case CB_CLEANUP:
        ((PFN_WDF_OBJECT_CONTEXT_CLEANUP)fn)(h);
        break;
    case CB_DESTROY:
        ((PFN_WDF_OBJECT_CONTEXT_DESTROY)fn)(h);
        break;
    case CB_TIMER:
        ((PFN_WDF_TIMER)fn)((WDFTIMER)h);
        break;
    case CB_WORKITEM:
        ((PFN_WDF_WORKITEM)fn)((WDFWORKITEM)h);
        break;
    case CB_UNLOAD:
        ((PFN_WDF_DRIVER_UNLOAD)fn)((WDFDRIVER)h);
        break;
    case CB_DPC:
        ((PFN_WDF_DPC)fn)((WDFDPC)h);
        break;
    case CB_COMPLETION:
        ((PFN_WDF_REQUEST_COMPLETION_ROUTINE)fn)((WDFREQUEST)h, uf__model.completion.target,
                                                 uf__model.completion.params,
                                                 uf__model.completion.context);
        break;
    }
    uf__model.depth--;
    uf__model.ddi = ddi;
    callback_returned(kind, o, irql, spinlocks, waitlocks);
    model_now.irql = saved;
}

void model_reset(void)
{
    model_sink_fn sink = uf__model.sink;
    void *sink_arg = uf__model.sink_arg;
    struct obj **chunks = uf__model.chunks;
    uint32_t nchunks = uf__model.nchunks;
    struct deferred *dq = uf__model.dq;
    uint32_t dq_cap = uf__model.dq_cap;
    uint16_t epoch = (uint16_t)(uf__model.epoch + 1);

    uf__alloc_reset();
    uf__pool_reset();
    uf__ndis_reset();
    uf__wpp_reset();
    uf__registry_reset();
    uf__kregistry_reset();
    uf__devinterface_reset();
    memset(&uf__model, 0, sizeof(uf__model));
    memset(&model_now, 0, sizeof(model_now));
    uf__model.chunks = chunks;
    uf__model.nchunks = nchunks;
    uf__model.dq = dq;
    uf__model.dq_cap = dq_cap;
    uf__model.epoch = epoch;
    uf__model.sink = sink;
    uf__model.sink_arg = sink_arg;
    uf__model.worst = -1;
}

/* Gives the tables back to the host at exit, so leak checkers see none. */
__attribute__((destructor)) static void model_release(void)
{
    uint32_t i;

    for (i = 0; i < uf__model.nchunks; i++)
        free(uf__model.chunks[i]);
    free(uf__model.chunks);
    free(uf__model.dq);
    uf__model.chunks = NULL;
    uf__model.dq = NULL;
    uf__model.nchunks = uf__model.dq_cap = 0;
}
