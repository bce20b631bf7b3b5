/*
 * ddi.c - what every DDI does on the way in and out, the IRQL as state, the
 * driver-callback trampoline, and the model's reset.
 *
 * Every DDI starts with ddi_enter(): a halted machine answers nothing [C3];
 * before WdfDriverCreate and after unload there is no framework to call [M2];
 * above the DDI's highest IRQL the call is refused [I1] (the real framework
 * checks a few DDIs, with verifier on; the model checks all, always). The
 * kernel's pool routines start with ddi_enter_kernel(): the same without the
 * framework driver, which they never need [P1]. Driver
 * callbacks go through cb_call(), which checks they return at the IRQL they
 * were called at and leave no wait lock's critical region behind [I2].
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"

struct model M = {.worst = -1};
struct model_now model_now;

int irql_check(KIRQL max)
{
    if (model_now.irql <= max)
        return 1;
    violation(RULE_IRQL_TOO_HIGH, NULL, model_now.irql == DISPATCH_LEVEL
                                                ? "called at DISPATCH_LEVEL"
                                                : "called above its highest IRQL");
    return 0;
}

/* What every entry shares: the frame, the call site, a halted machine [C3]
 * and the call event. Returns 0 when the machine is halted. */
static int ddi_begin(struct ddi_frame *f, enum model_ddi ddi, WDFOBJECT subject)
{
    f->prev = M.ddi;
    f->prev_file = M.site_file;
    f->prev_line = M.site_line;
    f->live = 0;
    /* The call site is not consumed: a DDI called in another DDI's argument
     * list (on the same line, almost always) records its site first. */
    M.site_file = M.call_file;
    M.site_line = M.call_line;
    if (model_now.halted)
        return 0;
    f->live = 1;
    M.ddi = ddi;
    ev_call(ddi, subject);
    return 1;
}

int ddi_enter(struct ddi_frame *f, enum model_ddi ddi, WDFOBJECT subject)
{
    if (!ddi_begin(f, ddi, subject))
        return 0;
    if (M.driver_state == DRIVER_NONE && ddi != DDI_WdfDriverCreate) {
        violation(RULE_DDI_BEFORE_DRIVER_CREATE, NULL, "WdfDriverCreate has not succeeded");
        return 0;
    }
    if (M.driver_state == DRIVER_UNLOADED) {
        /* Unload through the stale WdfGetDriver() handle [M6]. */
        if (ddi == DDI_WdfDriverMiniportUnload && obj_handle_id(subject) == M.driver)
            violation(RULE_DOUBLE_UNLOAD, obj_get(M.driver),
                      "the driver object was already deleted by an earlier unload");
        else
            violation(RULE_DDI_AFTER_UNLOAD, NULL, "the framework driver object is gone");
        return 0;
    }
    if (ddi == DDI_WdfSpinLockRelease)
        return 1; /* exactly DISPATCH_LEVEL, checked as 0xB by the DDI */
    return irql_check(ddi_max_irql[ddi]);
}

int ddi_enter_kernel(struct ddi_frame *f, enum model_ddi ddi)
{
    return ddi_begin(f, ddi, NULL) && irql_check(ddi_max_irql[ddi]);
}

NTSTATUS ddi_leave(struct ddi_frame *f, NTSTATUS status)
{
    if (f->live)
        ev_return(status);
    M.ddi = f->prev;
    M.site_file = f->prev_file;
    M.site_line = f->prev_line;
    return status;
}

void WdfModelCallSite(const char *File, int Line)
{
    M.call_file = File;
    M.call_line = Line;
}

void WdfModelPagedCode(const char *File, int Line)
{
    const char *pf = M.site_file;
    int pl = M.site_line;
    enum model_ddi pd = M.ddi;

    if (model_now.irql <= APC_LEVEL || model_now.halted)
        return;
    M.site_file = File;
    M.site_line = Line;
    M.ddi = DDI_PAGED_CODE;
    violation(RULE_IRQL_TOO_HIGH, NULL, "pageable code ran above APC_LEVEL");
    M.site_file = pf;
    M.site_line = pl;
    M.ddi = pd;
}

KIRQL KeGetCurrentIrql(void) { return model_now.irql; }
void model_set_irql(KIRQL irql) { model_now.irql = irql; }
enum model_driver_state model_driver_state(void) { return M.driver_state; }

uint32_t model_run_deferred(void)
{
    if (model_now.halted)
        return 0;
    return obj_drain(0);
}

void cb_call(enum cb_kind kind, void (*fn)(void), struct obj *o, KIRQL irql)
{
    KIRQL saved = model_now.irql;
    uint32_t waitlocks = M.waitlocks_held, spinlocks = M.spinlocks_held;
    enum model_ddi ddi = M.ddi;
    WDFOBJECT h = obj_handle(o);

    model_now.irql = irql;
    M.depth++;
    M.ddi = DDI_NONE;
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
    }
    M.depth--;
    M.ddi = ddi;
    if (model_now.irql != irql)
        violation(RULE_CALLBACK_IRQL_CHANGED, o, "callback returned at another IRQL");
    else if (M.spinlocks_held > spinlocks)
        violation(RULE_CALLBACK_LOCK_HELD, o, "callback returned holding a spin lock");
    else if (M.waitlocks_held > waitlocks)
        violation(RULE_CALLBACK_CRITICAL_REGION, o, "callback returned holding a wait lock");
    model_now.irql = saved;
}

void model_reset(void)
{
    model_sink_fn sink = M.sink;
    void *sink_arg = M.sink_arg;
    struct obj **chunks = M.chunks;
    uint32_t nchunks = M.nchunks;
    struct deferred *dq = M.dq;
    uint32_t dq_cap = M.dq_cap;
    uint16_t epoch = (uint16_t)(M.epoch + 1);

    alloc_reset();
    pool_reset();
    memset(&M, 0, sizeof(M));
    memset(&model_now, 0, sizeof(model_now));
    M.chunks = chunks;
    M.nchunks = nchunks;
    M.dq = dq;
    M.dq_cap = dq_cap;
    M.epoch = epoch;
    M.sink = sink;
    M.sink_arg = sink_arg;
    M.worst = -1;
}

/* Gives the tables back to the host at exit, so leak checkers see none. */
__attribute__((destructor)) static void model_release(void)
{
    uint32_t i;

    for (i = 0; i < M.nchunks; i++)
        free(M.chunks[i]);
    free(M.chunks);
    free(M.dq);
    M.chunks = NULL;
    M.dq = NULL;
    M.nchunks = M.dq_cap = 0;
}
