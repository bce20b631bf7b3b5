/*
 * model.h - the harness's side of the framework model.
 *
 * Driver code sees only wdf.h. Whoever drives the model (the harness, the
 * tests, the demo) also needs to reset it between executions, play the
 * environment (the current IRQL, time passing: timers firing, work items and
 * deferred disposal running), arm allocation faults, watch what happens (an
 * event sink) and look inside (introspection by stable object id). That is
 * this header. Nothing here is reachable from driver code.
 *
 * One process holds one model instance; one execution owns it from one
 * model_reset() to the next. Everything the model reports is named by stable
 * ids (objects are o1, o2, ... in creation order), never by address, so the
 * same calls give the same events byte for byte.
 */
#ifndef UNLOADFUZZ_MODEL_H
#define UNLOADFUZZ_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "wdf.h"

/* ---- the rule catalogue (rules.def) ---- */
enum model_severity {
    SEV_GAP,      /* the model did not understand the code (a DDI it does not model) */
    SEV_WARNING,  /* the documentation asks otherwise */
    SEV_BREAK,    /* a verifier break; the framework carries on */
    SEV_UB,       /* undefined behaviour in the real framework */
    SEV_BUGCHECK, /* the machine stops; so does the run */
    SEV__COUNT
};

enum model_rule {
#define RULE(e, id, sev, whose, ref, sem, desc) RULE_##e,
#include "rules.def"
#undef RULE
    RULE__COUNT
};

/* Catalogue lookups. Each returns a static string; never NULL for a valid rule. */
const char *model_rule_id(enum model_rule r);
enum model_severity model_rule_severity(enum model_rule r);
/* Nonzero for the model's own rules (internal-*: the model or the checker
 * found the model inconsistent, a bug in unloadfuzz), 0 for the driver's. */
int model_rule_internal(enum model_rule r);
const char *model_rule_reference(enum model_rule r);
const char *model_rule_semantics(enum model_rule r); /* "O5 D4", may be "" */
const char *model_rule_description(enum model_rule r);
/* The rule whose id is `id`, or RULE__COUNT when there is none. */
enum model_rule model_rule_lookup(const char *id);
const char *model_severity_name(enum model_severity s);
/* The severity named `name`, or SEV__COUNT when there is none. */
enum model_severity model_severity_lookup(const char *name);

/* ---- DDIs (ddi.def) ---- */
enum model_ddi {
    DDI_NONE,
#define DDI(name, irql) DDI_##name,
#include "ddi.def"
#undef DDI
    DDI__COUNT
};
const char *model_ddi_name(enum model_ddi d);   /* "" for DDI_NONE */
KIRQL model_ddi_max_irql(enum model_ddi d);

/* ---- allocation sites (sites.def) ---- */
enum model_site {
#define SITE(e, name, kind) SITE_##e,
#include "sites.def"
#undef SITE
    SITE__COUNT
};
const char *model_site_name(enum model_site s);
/* Who makes the allocation at a site, and what its failure does
 * (sites.def says each). */
enum model_site_kind {
    SITE_KIND_FX,         /* the framework's, counted by after=; a failure fails the DDI */
    SITE_KIND_FX_IGNORED, /* the framework's, counted by after=; a failure is ignored */
    SITE_KIND_KERNEL      /* the kernel's or the driver's, outside after='s count */
};
enum model_site_kind model_site_kind(enum model_site s);
/* The site named `name`, or SITE__COUNT when there is none. */
enum model_site model_site_lookup(const char *name);

/* ---- objects ---- */
enum model_type {
    TYPE_NONE,
    TYPE_DRIVER,
    TYPE_DEVICE,
    TYPE_OBJECT,
    TYPE_MEMORY,
    TYPE_TIMER,
    TYPE_WORKITEM,
    TYPE_SPINLOCK,
    TYPE_WAITLOCK,
    TYPE_COLLECTION,
    TYPE_IOTARGET,
    TYPE_REQUEST,
    TYPE_DPC,
    TYPE_STRING,
    TYPE_KEY,
    TYPE_LOOKASIDE,
    TYPE__COUNT
};
const char *model_type_name(enum model_type t); /* "driver", "timer", ... */

/* An object's lifetime, in the order it is walked. */
enum model_state {
    STATE_CREATED,   /* alive, not being deleted */
    STATE_DISPOSING, /* phase 1 under way: children, then cleanup */
    STATE_DEFERRED,  /* phase 1 waits on a dispose list for PASSIVE_LEVEL */
    STATE_DISPOSED,  /* cleanup done; waits for its last reference */
    STATE_FREED,     /* destroyed and freed; its handle dangles */
    STATE__COUNT
};
const char *model_state_name(enum model_state s);

struct model_object_info {
    enum model_type type;
    enum model_state state;
    uint32_t parent;       /* parent's id; 0 for none (driver, or detached) */
    int32_t refs;          /* reference count, creation reference included */
    uint32_t ntags;        /* distinct reference tags with a held count */
    int deletable;         /* WdfObjectDelete allowed on it */
    int passive_dispose;   /* must be disposed at PASSIVE_LEVEL ([X1]) */
    int cleanup_ran;       /* EvtCleanupCallback (or its slot) passed */
    int destroy_ran;       /* EvtDestroyCallback (or its slot) passed */
    int pending;           /* a timer started and not expired, a work item
                            * or a DPC queued and not run, a request sent or
                            * queued in a target; 0 for other types */
};

/* Highest object id handed out since the last reset; ids are 1..count. */
uint32_t model_object_count(void);
/* Fills *out for object `id`. Returns 0, or -1 when no such id exists. */
int model_object_info(uint32_t id, struct model_object_info *out);
/* The reference count and state of object `id` alone, which the checker
 * reads around every op: model_object_info() without counting the tags.
 * Returns 0, or -1 (leaving *refs and *state alone) when no such id exists. */
int model_object_refs(uint32_t id, int32_t *refs, enum model_state *state);
/* The parent, state and reference count of object `id` alone: what the
 * checker's walk of the whole tree at the end of every run needs, without
 * the rest of model_object_info(). Returns 0, or -1 (leaving the outputs
 * alone) when no such id exists. */
int model_object_node(uint32_t id, uint32_t *parent, enum model_state *state, int32_t *refs);
/* The type of object `id`, or TYPE_NONE when no such id exists. */
enum model_type model_object_type(uint32_t id);
/* The held count of tag `tag` on object `id` (0 when none or no object). */
int32_t model_object_tag_count(uint32_t id, const void *tag);
/* The stable id behind a handle of this execution, or 0 when it is none. */
uint32_t model_handle_id(WDFOBJECT h);
/* The handle of object `id` (NULL for 0): what the DDIs returned for it. */
WDFOBJECT model_id_handle(uint32_t id);
/* Number of objects of any type not yet freed. */
uint32_t model_live_objects(void);

/* ---- the driver's life ---- */
enum model_driver_state {
    DRIVER_NONE,     /* WdfDriverCreate has not succeeded */
    DRIVER_CREATED,
    DRIVER_UNLOADING,
    DRIVER_UNLOADED  /* its handle (WdfGetDriver()) now dangles */
};
enum model_driver_state model_driver_state(void);

/* ---- environment ---- */
/* The two facts the harness asks after on every op and event, kept where
 * the inline readers below reach them without a call. The model's own
 * state: read it through model_irql() and model_halted(), never write it. */
struct model_now {
    KIRQL irql; /* the current IRQL */
    int halted; /* a bugcheck stopped the machine [C3] */
};
extern struct model_now model_now;

static inline KIRQL model_irql(void) { return model_now.irql; }
/* Sets the IRQL the next calls are made at (the caller plays the port). */
void model_set_irql(KIRQL irql);
/* Drains the dispose lists at PASSIVE_LEVEL, as the framework's work item
 * does. Returns how many entries it processed. */
uint32_t model_run_deferred(void);
/* Expires timer `t` now: its callback runs if the timer is started and not
 * disposed. Returns 1 when the callback ran, 0 when not. */
int model_timer_fire(WDFTIMER t);
/* Runs work item `w`'s callback now at PASSIVE_LEVEL if it is queued.
 * Returns 1 when the callback ran, 0 when not. */
int model_workitem_run(WDFWORKITEM w);
/* Runs DPC `d`'s callback now at DISPATCH_LEVEL if it is queued (the
 * kernel's DPC dispatcher). Returns 1 when it ran, 0 when not. */
int model_dpc_run(WDFDPC d);
/* Number of entries on dispose lists waiting for PASSIVE_LEVEL. */
uint32_t model_deferred_pending(void);

/* ---- the lower device: what answers the I/O the driver sends ---- */
/* How the device below a target answers. Asynchronous I/O stays at the
 * lower device until model_request_complete() (the harness's choice of
 * when, and with which status); cancelling it (WdfRequestCancelSentRequest,
 * a target's stop, purge or delete) completes it with STATUS_CANCELLED at
 * once, but under LOWER_HOLD. A synchronous send or a query for an
 * interface is answered inside the call with the answer's status. */
enum model_lower_answer {
    LOWER_SUCCESS,        /* STATUS_SUCCESS */
    LOWER_UNSUCCESSFUL,   /* STATUS_UNSUCCESSFUL */
    LOWER_CANCELLED,      /* STATUS_CANCELLED */
    LOWER_DEVICE_REMOVED, /* STATUS_DEVICE_REMOVED */
    LOWER_NOT_SUPPORTED,  /* STATUS_NOT_SUPPORTED */
    LOWER_NO_ANSWER,      /* answers nothing until cancelled: a synchronous
                           * send times out (STATUS_IO_TIMEOUT) or, with no
                           * timeout, waits for ever */
    LOWER_HOLD,           /* completes nothing, cancelled I/O included, until
                           * the harness does: every wait for it is a hang */
    LOWER__COUNT
};
/* Sets the lower device's answer from now on (a reset makes it
 * LOWER_SUCCESS). */
void model_set_lower_answer(enum model_lower_answer a);
enum model_lower_answer model_lower_answer(void);
/* The lower device completes request `r` now with `status` and `information`,
 * if `r` is sent and still there; its completion routine runs at
 * DISPATCH_LEVEL. Returns 1 when it completed, 0 when not. */
int model_request_complete(WDFREQUEST r, NTSTATUS status, ULONG_PTR information);
/* The status of answer `a`, or STATUS_PENDING for the two that answer
 * nothing. */
NTSTATUS model_lower_answer_status(enum model_lower_answer a);

/* ---- allocation faults ---- */
/* The largest single block the model's pool hands out. A driver asking for
 * more (a WDFMEMORY buffer or a context area over 64 KiB) gets
 * STATUS_INSUFFICIENT_RESOURCES with no fault injected, as from an exhausted
 * pool: host memory and time per execution stay bounded whatever sizes a
 * fuzzer writes. */
#define MODEL_MAX_BLOCK (64u << 10)

enum model_fault_mode {
    FAULT_OFF,
    FAULT_NTH,     /* the n-th allocation after arming fails, once */
    FAULT_AFTER,   /* n of the framework's allocations succeed, then every
                    * one of them fails (VerifierAllocateFailCount); the
                    * kernel's are not counted [C19] */
    FAULT_SITE,    /* every allocation at `site` fails */
    FAULT_PERCENT  /* each fails with probability percent/100 (seeded) */
};
struct model_fault_plan {
    enum model_fault_mode mode;
    uint32_t n;            /* FAULT_NTH (1-based), FAULT_AFTER */
    enum model_site site;  /* FAULT_SITE */
    uint32_t percent;      /* FAULT_PERCENT, 0..100 */
    uint64_t seed;         /* FAULT_PERCENT */
};
/* Arms `plan`, counting from now. A plan of FAULT_OFF disarms. */
void model_fault_arm(const struct model_fault_plan *plan);
/* Allocations made since the last arm (or reset), failed ones included,
 * the kernel's too. */
uint32_t model_alloc_count(void);
/* Allocations failed on purpose since the last arm (or reset). */
uint32_t model_faults_injected(void);
/* An allocation the port makes for the driver (NDIS's miniport block at
 * registration, say), counted at `site` like the model's own: returns 1
 * when it succeeds, 0 when the fault plan fails it. */
int model_port_allocate(enum model_site site);
/* Called on every injected fault: a place for a breakpoint. */
void model_fault_hit(enum model_site site);

/* ---- which of two disagreeing sources the model follows ---- */
/* Whether WdfDriverMiniportUnload calls EvtDriverUnload ([C1]): the
 * framework's source never does for a driver created with
 * WdfDriverInitNoDispatchOverride (the default, and what runs on a real
 * machine); the documentation says it does. A reset returns to the source;
 * whoever runs the model sets it again after each reset. */
enum model_unload_callback {
    MODEL_UNLOAD_CALLBACK_SOURCE,     /* FxDriver::Initialize and FxDriver::Unload */
    MODEL_UNLOAD_CALLBACK_DOCUMENTED  /* the WdfDriverMiniportUnload reference page */
};
void model_set_unload_callback(enum model_unload_callback m);
enum model_unload_callback model_unload_callback(void);

/* ---- the driver's image leaving memory ---- */
enum model_image_unload {
    IMAGE_UNLOAD_AFTER_UNLOAD,  /* the driver's (or its port's) unload routine returned */
    IMAGE_UNLOAD_ENTRY_FAILED   /* DriverEntry returned a failure */
};
/* The driver's image leaves memory, and the framework's stub library (which
 * wraps DriverEntry and the unload routine) unbinds from the framework
 * first ([M8]). A framework driver still alive is deleted then, cleanup
 * callbacks included, after a failed DriverEntry, or after the unload
 * routine when the driver registered EvtDriverUnload (the stub then
 * displaced the unload routine); otherwise it is left behind, and each
 * object still alive is reported as driver-not-unloaded. Then every pool
 * block still outstanding and not reported by an earlier image unload is
 * reported as pool-leak-at-unload, one per block, in allocation order
 * ([P8], [C12]). Leaked blocks stay allocated, as leaked pool does. The
 * port calls this where the I/O manager would. */
void model_image_unload(enum model_image_unload how);

/* ---- the registry's contents (registry.c) ---- */
/* The driver's Parameters key holds the REG_DWORD value `name` (ASCII,
 * compared without case) from now on; every other value is absent, as
 * after model_reset() [S7]. Returns 0, or -1 when the model keeps as many
 * values as it can (MODEL_REGISTRY_VALUES). */
#define MODEL_REGISTRY_VALUES 8
int model_registry_set(const char *name, uint32_t value);

/* ---- what the model does not implement (unmodelled.c) ---- */
/* Reports ddi-not-modelled for `routine`, at the call site the driver's
 * call recorded: for the port's routines the simulation does not play yet
 * [U1]. */
void model_not_modelled(const char *routine);
/* Reports `rule`, a contract of its port the driver broke, as the port
 * simulation finds it: at the driver's line that called the port's
 * routine when at_call (the routine's call-site macro recorded it), at no
 * line otherwise (a wait the port cannot finish, a registration left when
 * the image unloads). */
void model_port_violation(enum model_rule rule, const char *detail, int at_call);
/* The driver's line that called the port's routine now running (its
 * call-site macro recorded it), which this consumes: *file is NULL when
 * the call recorded none. For what the port makes, so that a report about
 * it later names where the driver made it. */
void model_port_call_site(const char **file, int *line);

/* ---- NDIS (ndis.c) ---- */
/* NET_BUFFER_LISTs allocated from the driver's pools and not yet freed:
 * what NDIS's NET_BUFFER_LIST tracking finds when a miniport deregisters
 * [N10]. */
uint32_t model_ndis_nbls_outstanding(void);

/* ---- WPP tracing (wpp.c) ---- */
/* 1 while the driver's trace provider is registered (WPP_INIT_TRACING
 * without WPP_CLEANUP yet) [E1]. */
int model_wpp_registered(void);

/* ---- the driver's pool allocations (ExAllocatePool2 and friends) ---- */
/* Pool blocks allocated and not yet freed since the reset, leaked ones
 * included. */
uint32_t model_pool_outstanding(void);

struct model_pool_info {
    ULONG tag;           /* Tag as given */
    size_t size;         /* NumberOfBytes as given */
    int paged;           /* from paged pool */
    int freed;           /* freed since */
    enum model_ddi ddi;  /* the routine that allocated it */
};
/* Fills *out for the n-th pool block allocated since the reset (1-based,
 * in allocation order; failed allocations are not blocks). Returns 0, or -1
 * when there is no such block. */
int model_pool_info(uint32_t n, struct model_pool_info *out);

/* ---- events ---- */
enum model_event_kind {
    EV_CALL,      /* a DDI was entered: ddi, object */
    EV_RETURN,    /* a DDI returned: ddi, status (0 for VOID DDIs) */
    EV_CREATE,    /* object created: object, type, other = parent */
    EV_CLEANUP,   /* EvtCleanupCallback slot of object reached */
    EV_DESTROY,   /* EvtDestroyCallback slot of object reached */
    EV_FREE,      /* object's memory freed: its handle now dangles */
    EV_CALLBACK,  /* a driver callback is called: detail names it */
    EV_DEFER,     /* object's disposal or destroy put on a dispose list */
    EV_FAULT,     /* an allocation failed on purpose: site */
    EV_VIOLATION  /* a rule fired: rule, object, detail */
};

struct model_event {
    enum model_event_kind kind;
    enum model_ddi ddi;      /* the DDI being executed; DDI_NONE outside */
    NTSTATUS status;         /* EV_RETURN */
    uint32_t object;         /* subject's id, 0 for none */
    uint32_t other;          /* EV_CREATE: parent id; EV_DEFER: list owner */
    enum model_type type;    /* subject's type */
    enum model_rule rule;    /* EV_VIOLATION */
    enum model_site site;    /* EV_FAULT */
    uint32_t depth;          /* callback nesting, 0 at the top */
    const char *file;        /* driver call site (basename), may be NULL */
    int line;
    const char *detail;      /* static text, may be NULL */
};

typedef void (*model_sink_fn)(const struct model_event *ev, void *arg);
/* Sets the event sink (NULL for none). Events are built only when set. */
void model_set_sink(model_sink_fn fn, void *arg);
/* Writes one line (no newline) for `ev` into buf; returns the length it
 * needed, like snprintf. The text is deterministic. */
int model_event_format(const struct model_event *ev, char *buf, size_t n);
/* Writes the name of status `s` (or its hex value) into buf, like snprintf. */
int model_status_format(NTSTATUS s, char *buf, size_t n);

/* Violations recorded since the reset, all severities. */
uint32_t model_violation_count(void);
/* How many times `r` fired since the reset. */
uint32_t model_rule_count(enum model_rule r);
/* Highest severity seen since the reset, or SEV__COUNT when none. */
enum model_severity model_worst_severity(void);
/* Nonzero once a bugcheck violation stopped the machine ([C3]): every DDI
 * then returns at once, failing, and nothing more happens until a reset. */
static inline int model_halted(void) { return model_now.halted; }

/* ---- reset ---- */
/* Returns the model to its state before DriverEntry: no driver, no pool
 * blocks, PASSIVE_LEVEL, faults off, sink kept. Costs time in proportion to
 * what the last execution used. Handles from before the reset become invalid
 * (handle-invalid). */
void model_reset(void);

#endif /* UNLOADFUZZ_MODEL_H */
