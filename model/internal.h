/*
 * internal.h - state shared by the model's modules; never seen by drivers or
 * by the harness.
 *
 * The model is one instance per process (the WDF DDIs carry no context: the
 * real ones find theirs through hidden driver globals), kept in `uf__model`,
 * but for the IRQL and the halted flag, which live in `model_now` (model.h)
 * so the harness reads them inline on every op and event. Objects
 * live in a table indexed by their stable id; ids are handed out in creation
 * order and never reused before a reset, which is what lets the model name a
 * dangling handle as such without touching freed state.
 *
 * Who owns which reference (docs/WDF-SEMANTICS.md [O1], [T2], [O4]):
 *  - every object starts with one, its creation reference, owned by the parent
 *    link (the driver object's own is released by unload);
 *  - the parent takes none on its children, a child none on its parent,
 *    except timers, work items and DPCs, which hold one on their parent and
 *    one on themselves until they are disposed;
 *  - a collection holds one on each item;
 *  - a buffer from a lookaside list holds one on its list until it is
 *    destroyed [L2];
 *  - drivers take the rest with WdfObjectReference, under a tag.
 *
 * Names. A driver under test is linked with the model, so every global the
 * model defines enters the driver's link: the model's own are prefixed
 * `uf__` (the harness's reserved prefix, as libuv's `uv__`), and nothing but
 * the WDF and kernel DDIs and the model_* control interface is unprefixed.
 * tests/check_symbols.sh keeps it so.
 */
#ifndef UNLOADFUZZ_INTERNAL_H
#define UNLOADFUZZ_INTERNAL_H

#include <stdint.h>

#include "model.h"

#define TAGS_INLINE 4 /* reference tags tracked without spilling */

struct tag {
    const void *tag; /* the driver's tag (NULL is a tag too) */
    int32_t count;   /* references held under it */
};

struct context {
    PCWDF_OBJECT_CONTEXT_TYPE_INFO type; /* UniqueType, the type's identity */
    void *data;                          /* area handed to the driver */
    size_t size;                         /* its size */
    PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup;
    PFN_WDF_OBJECT_CONTEXT_DESTROY destroy;
    struct context *next;                /* next context, in allocation order */
};

struct obj {
    uint32_t id;                  /* stable name, 1-based, its place in the table */
    uint8_t type;                 /* enum model_type */
    uint8_t state;                /* enum model_state */
    uint8_t exec;                 /* WDF_EXECUTION_LEVEL as given */
    uint8_t passive_dispose : 1;  /* must dispose at PASSIVE_LEVEL [X1] */
    uint8_t deletable : 1;        /* WdfObjectDelete allowed [D5] */
    uint8_t delete_requested : 1; /* WdfObjectDelete (or unload) asked once */
    uint8_t cleanup_ran : 1;      /* cleanup slot passed (at most once) */
    uint8_t destroy_ran : 1;      /* destroy slot passed (exactly once) */
    uint8_t committed : 1;        /* creation finished: callbacks may run [D3] */
    uint8_t creation_ref : 1;     /* its creation reference is still held */
    int32_t refs;                 /* reference count */
    uint32_t parent;              /* parent id, 0 when none or detached */
    uint32_t first_child;         /* children, in insertion order */
    uint32_t last_child;          /* newest child */
    uint32_t next_sibling;        /* next child of the same parent */
    uint32_t prev_sibling;        /* previous child of the same parent */
    uint32_t device_base;         /* device whose dispose list we use, 0: driver's */
    uint32_t ref_parent;          /* object we hold a reference on [T2], 0: none */
    uint8_t queued;               /* on a dispose list now */
    struct context *contexts;     /* typed context areas, first = creation's */
    struct tag tags[TAGS_INLINE]; /* held reference tags */
    struct tag *tag_spill;        /* more tags (arena), NULL when none */
    uint32_t ntag_spill;          /* slots in tag_spill */
    union {
        struct {
            PFN_WDF_DRIVER_UNLOAD unload; /* EvtDriverUnload as registered (kept or not: [C1]) */
            ULONG init_flags;             /* DriverInitFlags */
            uint8_t displace_unload;      /* DisplaceDriverUnload: the stub deletes it at image unload [M8] */
            PDRIVER_OBJECT wdm;           /* the WDM driver object */
            uint8_t scope;                /* WDF_SYNCHRONIZATION_SCOPE, resolved [B1] */
        } driver;
        struct {
            PDEVICE_OBJECT wdm;           /* referenced until disposed [M3] */
            PDEVICE_OBJECT attached;
            PDEVICE_OBJECT pdo;
            uint32_t default_target;      /* its default I/O target, 0: none [G1] */
            uint8_t scope;                /* WDF_SYNCHRONIZATION_SCOPE, resolved [B1] */
            uint8_t lock_passive;         /* its callback lock is a fast mutex [B1] */
            uint8_t lock_held;            /* its callback lock is held [B3] */
            KIRQL lock_saved;             /* IRQL to restore on release */
        } device;
        struct {
            void *buffer;                 /* the driver's buffer */
            size_t size;
            uint8_t paged;                /* PagedPool */
            uint8_t preallocated;         /* WdfMemoryCreatePreallocated: the buffer is the driver's */
            uint32_t lookaside;           /* the list it came from, which it holds a reference on; 0: none */
        } memory;
        struct {
            PFN_WDF_TIMER fn;
            ULONG period;                 /* ms; 0 = one-shot */
            uint8_t queued;               /* started and not yet expired */
            uint8_t running;              /* runs of the callback on the stack */
            uint8_t holds_refs;           /* self and parent refs held [T2] */
            uint8_t passive;              /* callback at PASSIVE_LEVEL */
            uint8_t running_down;         /* disposal began: no more starts */
            uint8_t serialized;           /* runs under its device's callback lock [B4] */
        } timer;
        struct {
            PFN_WDF_WORKITEM fn;
            uint8_t queued;               /* enqueued, not yet run */
            uint32_t running;             /* callbacks on the stack */
            uint8_t holds_refs;           /* self and parent refs held [T2] */
            uint8_t running_down;         /* disposal began: enqueue refused [T4] */
            uint8_t serialized;           /* runs under its device's callback lock [B4] */
        } workitem;
        struct {
            uint8_t held;                 /* acquired */
            KIRQL saved;                  /* IRQL to restore on release */
        } spinlock;
        struct {
            uint8_t held;                 /* acquired */
        } waitlock;
        struct {
            uint32_t *items;              /* member ids, in add order (arena) */
            uint32_t count;
            uint32_t cap;
        } collection;
        struct {
            PFN_WDF_DPC fn;               /* EvtDpcFunc, may be NULL (the handler skips it) */
            KDPC *kdpc;                   /* the embedded KDPC (arena): WdfDpcWdmGetDpc's */
            uint32_t running;             /* runs of the callback on the stack */
            uint8_t queued;               /* KeInsertQueueDpc'd, not yet run or removed */
            uint8_t holds_refs;           /* self and parent refs held [K2] */
            uint8_t serialized;           /* runs under its device's callback lock [B4] */
        } dpc;
        struct {
            PWSTR buffer;                 /* the paged copy (arena), NULL for an empty string */
            USHORT length;                /* bytes, without the terminator */
            USHORT max_length;            /* bytes of the copy, terminator included */
        } string;
        struct {
            ACCESS_MASK access;           /* DesiredAccess as opened */
            uint8_t closed;               /* WdfRegistryClose closed the handle */
            uint8_t parameters;           /* the driver's Parameters key [S7] */
        } key;
        struct {
            WDF_OBJECT_ATTRIBUTES *memattr; /* MemoryAttributes as given (arena), NULL for none */
            size_t size;                  /* BufferSize */
            uint8_t paged;                /* paged pool: passive buffers [L3] */
        } lookaside;
        struct {
            PDEVICE_OBJECT wdm;           /* the device I/O goes to; NULL while closed */
            uint32_t device;              /* the WDFDEVICE it belongs to */
            uint8_t state;                /* WDF_IO_TARGET_STATE */
            uint8_t remote;               /* WdfIoTargetCreate's, not the default */
            uint8_t open;                 /* has a device below it (a stack size) */
            uint8_t by_name;              /* opened by name: Reopen allowed */
            uint8_t removing;             /* FxIoTarget::Remove under way */
        } iotarget;
        struct {
            PFN_WDF_REQUEST_COMPLETION_ROUTINE fn;
            WDFCONTEXT fn_context;
            uint32_t target;              /* the target it was formatted for or sent to */
            NTSTATUS status;              /* IoStatus.Status */
            ULONG_PTR information;        /* IoStatus.Information */
            ULONG ioctl;                  /* the IOCTL it was formatted with */
            uint8_t type;                 /* WDF_REQUEST_TYPE of its format */
            uint8_t phase;                /* enum request_phase */
            uint8_t formatted;            /* FXREQUEST_FLAG_FORMATTED */
            uint8_t canceled;             /* m_Canceled: cancelled since created or reused */
            uint8_t has_irp;              /* an IRP was allocated for it */
            uint8_t has_context;          /* an FxIoContext is attached */
            uint8_t has_buffer;           /* its context holds a system buffer */
            uint8_t has_timer;            /* its FxRequestTimer exists */
            uint8_t ignores_state;        /* sent with WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE */
        } request;
    } u;
};

/* A dispose-list entry: an object whose disposal (or destroy) waits for
 * PASSIVE_LEVEL. Entries are kept in a FIFO across all lists; `list` says
 * whose list (a device id, or the driver's). */
struct deferred {
    uint32_t object; /* whose disposal is deferred */
    uint32_t list;   /* owner of the dispose list */
    uint8_t destroy; /* 1: only the destroy is deferred [X3] */
};

#define OBJ_CHUNK 256u /* objects per table chunk */

struct model {
    struct obj **chunks;       /* object table: OBJ_CHUNK objects a chunk, */
    uint32_t nchunks;          /* so an object never moves while pointed to */
    uint32_t nobjs;            /* highest id handed out; ids are 1..nobjs */
    uint16_t epoch;            /* changes at each reset: stale handles */
    uint32_t live;             /* objects not yet freed */
    uint32_t driver;           /* the driver object's id, 0 before create */
    enum model_driver_state driver_state;
    uint32_t depth;            /* driver callbacks on the stack */
    uint32_t waitlocks_held;   /* wait locks held (critical regions) */
    uint32_t spinlocks_held;   /* spin locks held */
    struct deferred *dq;       /* dispose lists, FIFO (host heap, kept) */
    uint32_t dq_head, dq_tail, dq_cap;
    enum model_ddi ddi;        /* DDI being executed, for events */
    const char *site_file;     /* driver call site of the current DDI */
    int site_line;
    const char *call_file;     /* call site recorded for the next DDI */
    int call_line;
    uint32_t draining;         /* owner of the list being drained, 0: none */
    model_sink_fn sink;        /* event sink, NULL for none */
    void *sink_arg;
    uint8_t unload_documented; /* MODEL_UNLOAD_CALLBACK_DOCUMENTED in force [C1] */
    uint8_t verifier_table;    /* the verifier's thread table was allocated [C19] */
    uint8_t left_behind;       /* an image unload left the framework driver alive [M8] */
    uint8_t lower_answer;      /* enum model_lower_answer [G4] */
    struct {                   /* the arguments of the completion routine being called */
        WDFIOTARGET target;
        PWDF_REQUEST_COMPLETION_PARAMS params;
        WDFCONTEXT context;
    } completion;
    uint32_t violations;       /* violations since reset */
    uint32_t rule_counts[RULE__COUNT];
    int worst;                 /* worst severity, -1 for none */
};

extern struct model uf__model;

/* ---- events (event.c) ---- */
void uf__ev_emit(enum model_event_kind kind, const struct obj *o, uint32_t other,
             const char *detail);
void uf__ev_call(enum model_ddi ddi, WDFOBJECT h);
void uf__ev_return(NTSTATUS status);
void uf__ev_fault(enum model_site site);
/* Records rule `r` against object `o` (may be NULL). A bugcheck halts. */
void uf__violation(enum model_rule r, const struct obj *o, const char *detail);

/* ---- the catalogue's facts the hot paths read inline (catalogue.c) ---- */
extern const uint8_t uf__rule_severity[RULE__COUNT]; /* enum model_severity, by rule */
extern const KIRQL uf__ddi_max_irql[DDI__COUNT];     /* highest IRQL, by DDI */

/* ---- objects (object.c) ---- */
#define HANDLE_MAGIC 0xF1D0ull /* top 16 bits of every handle */

/* Object `id` (1..uf__model.nobjs), or NULL for 0. */
static inline struct obj *obj_get(uint32_t id)
{
    return id ? &uf__model.chunks[id / OBJ_CHUNK][id % OBJ_CHUNK] : NULL;
}
/* The handle of `o` (NULL for NULL): the magic, the reset epoch and the id.
 * Inline, like obj_handle_id(): every DDI call passes through them. */
static inline WDFOBJECT obj_handle(const struct obj *o)
{
    if (!o)
        return NULL;
    return (WDFOBJECT)(uintptr_t)((HANDLE_MAGIC << 48) | ((uint64_t)uf__model.epoch << 32) | o->id);
}
/* The id behind handle `h` of this execution, or 0 (model_handle_id()). */
static inline uint32_t obj_handle_id(WDFOBJECT h)
{
    uint64_t v = (uint64_t)(uintptr_t)h;
    uint32_t id = (uint32_t)v;

    if ((v >> 48) != HANDLE_MAGIC || ((v >> 32) & 0xFFFF) != uf__model.epoch)
        return 0;
    if (id == 0 || id > uf__model.nobjs)
        return 0;
    return id;
}

/* Decodes handle `h` for the current DDI. Reports handle-invalid for a NULL,
 * foreign or wrong-type handle (TYPE_NONE accepts any type) and
 * handle-use-after-free for a freed object; returns NULL after reporting. */
struct obj *uf__obj_lookup(WDFOBJECT h, enum model_type type);

/* uf__obj_lookup() for a DDI that takes a reference on the object: one whose
 * count already reached zero (its EvtDestroyCallback is running) is as good
 * as freed, handle-use-after-free, and NULL is returned. */
struct obj *uf__obj_lookup_live(WDFOBJECT h, enum model_type type);

/* Starts a new object of `type` with its creation reference, not yet linked
 * or committed. NULL when the allocation at `site` failed (a fault). */
struct obj *uf__obj_new(enum model_type type, enum model_site site);
/* Applies the attributes' callbacks, execution level and context type (the
 * context lives in the object's own allocation, as in the framework). */
void uf__obj_apply_attributes(struct obj *o, const WDF_OBJECT_ATTRIBUTES *a);
/* Appends a context header of `type` (NULL: callbacks only) with an area of
 * `size` bytes from the poisoning arena. Never NULL. */
struct context *uf__obj_context_add(struct obj *o, PCWDF_OBJECT_CONTEXT_TYPE_INFO type,
                                size_t size);
/* Finishes creation under `parent` (NULL for none): links it, emits the
 * create event; from now on callbacks run [D3]. */
void uf__obj_commit(struct obj *o, struct obj *parent);
/* Undoes a failed creation: no callback ever runs for it [D3]. */
void uf__obj_abort(struct obj *o);

enum parent_rule { PARENT_OPTIONAL, PARENT_REQUIRED, PARENT_NOT_ALLOWED };
/* What FxValidateObjectAttributes lets an object's attributes set besides
 * the defaults: an execution level [O3], a synchronization scope other
 * than None (the driver's [C16]). */
enum { ATTR_EXEC_ALLOWED = 1, ATTR_SCOPE_ALLOWED = 2 };
/* Validates the attributes every create DDI shares and finds the parent:
 * ParentObject, else the driver [O2]. Returns a status; *parent is set on
 * success. `exec_allowed` holds the ATTR_* bits the DDI allows. A bad
 * ParentObject handle is reported by uf__obj_lookup. */
NTSTATUS uf__obj_resolve_parent(const WDF_OBJECT_ATTRIBUTES *a, enum parent_rule rule,
                            int exec_allowed, struct obj **parent);

/* Takes one reference under `tag`. */
void uf__obj_reference(struct obj *o, const void *tag);
/* Drops one reference under `tag`; the last one destroys the object (at
 * PASSIVE_LEVEL, or later from the driver's dispose list [X3]). The caller
 * reports a tag never acquired, if that is the driver's fault. */
void uf__obj_release(struct obj *o, const void *tag);
/* WdfObjectDelete's state machine (FxObject::DeleteObject). */
void uf__obj_delete(struct obj *o);
/* The framework deleting `o` itself (FxDriver::Unload deleting the driver):
 * the same walk without WdfObjectDelete's checks. */
void uf__obj_delete_internal(struct obj *o);
/* The identity of a context type: UniqueType when set, else the info. */
PCWDF_OBJECT_CONTEXT_TYPE_INFO uf__obj_context_type(PCWDF_OBJECT_CONTEXT_TYPE_INFO t);
/* Phase 2 for `o`: destroy its children, release its creation reference
 * (FxObject::DeletedAndDisposedWorkerLocked). */
void uf__obj_deleted_and_disposed(struct obj *o);
/* Runs the EvtCleanupCallbacks of `o` once (FxObject::CallCleanup). */
void uf__obj_run_cleanup(struct obj *o);
/* Releases each child's creation reference (FxObject::DestroyChildren). */
void uf__obj_destroy_children(struct obj *o);
/* The nearest device at or above `o`, or NULL. */
struct obj *uf__obj_device_ancestor(struct obj *o);
/* Drains the dispose lists at PASSIVE_LEVEL. `owner` 0 drains all lists,
 * else only that owner's. Returns entries processed. */
uint32_t uf__obj_drain(uint32_t owner);
/* Nonzero while the dispose list of `owner` is being drained. */
int uf__obj_draining(uint32_t owner);
/* Tags printable in messages: small integers as numbers, framework tags by
 * name, anything else (an address) as "ptr" so output stays deterministic. */
const char *uf__obj_tag_name(const void *tag, char *buf, size_t n);

/* Framework-owned reference tags (never equal to a driver's tag). */
extern const char uf__TAG_TIMER[], uf__TAG_WORKITEM[], uf__TAG_ENQUEUE[], uf__TAG_COLLECTION[],
    uf__TAG_SENT[];
extern const char uf__TAG_DPC[], uf__TAG_LOOKASIDE[];

/* ---- driver callbacks (ddi.c) ---- */
enum cb_kind { CB_CLEANUP, CB_DESTROY, CB_TIMER, CB_WORKITEM, CB_UNLOAD, CB_DPC, CB_COMPLETION };
/* Calls driver callback `fn` of `kind` for object `o` at `irql`, then checks
 * what the kernel checks of the thread it returns to (a worker thread's
 * IRQL and APC disable count, a DPC's APC disable count) and that it kept
 * no spin lock [C14]. The caller's IRQL is restored afterwards. */
void uf__cb_call(enum cb_kind kind, void (*fn)(void), struct obj *o, KIRQL irql);

/* ---- DDI prologue and epilogue (ddi.c) ---- */
struct ddi_frame {
    enum model_ddi prev;   /* DDI this one is nested in */
    const char *prev_file; /* its call site */
    int prev_line;
    int live;              /* events were emitted for this call */
};
/* Common entry of every DDI: a halted machine, the driver's existence [M2]
 * and the IRQL table [I1]. Returns 1 when the DDI may go on; on 0 the caller
 * returns uf__ddi_leave(f, its failure value) at once. */
int uf__ddi_enter(struct ddi_frame *f, enum model_ddi ddi, WDFOBJECT subject);
/* uf__ddi_enter() for a kernel routine the driver calls directly (the pool): a
 * halted machine and the IRQL table, but no framework driver needed [P1]. */
int uf__ddi_enter_kernel(struct ddi_frame *f, enum model_ddi ddi);
/* Common exit; returns `status` so a DDI can end with return uf__ddi_leave(). */
NTSTATUS uf__ddi_leave(struct ddi_frame *f, NTSTATUS status);
/* Reports irql-too-high for the current DDI when the IRQL exceeds `max`.
 * Returns 1 when within the limit. */
int uf__irql_check(KIRQL max);

/* ---- the driver's pool allocations (pool.c) ---- */
/* Forgets every pool block, for model_reset() (the arena holding them is
 * rewound by uf__alloc_reset()). */
void uf__pool_reset(void);
/* Reports every block still outstanding and not yet reported as leaked,
 * one pool-leak-at-unload each, in allocation order [P8]. */
void uf__pool_check_leaks(void);
/* NDIS memory (ndis.c): a block of the pool's table, counted at the fault
 * site ndis-memory and reported as ndis-memory-leak-at-unload [N9]. NULL
 * when the allocation failed. Inside a DDI frame. */
void *uf__pool_ndis_allocate(size_t size, ULONG tag);
/* Frees a block of either kind, reporting a free of no block, a second
 * free or (tag not 0) a tag that is not the block's [P6] [P7]. Inside a
 * DDI frame. */
void uf__pool_free_block(void *p, ULONG tag);

/* ---- NDIS's NET_BUFFER_LIST pools (ndis.c) ---- */
/* Forgets every pool, for model_reset(). */
void uf__ndis_reset(void);
/* Reports the pools still allocated as ndis-nbl-pool-leak-at-unload, with
 * the NET_BUFFER_LISTs still outstanding in each [N10]. */
void uf__ndis_check_leaks(void);

/* ---- the registry's contents (registry.c) ---- */
/* Forgets the declared values, for model_reset() [S7]. */
void uf__registry_reset(void);
/* The declared REG_DWORD value of the driver's Parameters key named `name`,
 * or NULL [S7]. */
const ULONG *uf__registry_value(PCUNICODE_STRING name);
/* Closes every kernel registry key (kregistry.c), for model_reset(). */
void uf__kregistry_reset(void);
void uf__devinterface_reset(void);

/* ---- WPP's registration with ETW (wpp.c) ---- */
/* Reports a trace provider still registered as the image unloads [E2]. */
void uf__wpp_check_unload(void);
/* Forgets the registration, for model_reset(). */
void uf__wpp_reset(void);

/* ---- per-type disposal hooks: 1 when generic cleanup should follow ---- */
int uf__device_dispose(struct obj *o);
int uf__driver_dispose(struct obj *o);
int uf__timer_dispose(struct obj *o);
int uf__workitem_dispose(struct obj *o);
int uf__iotarget_dispose(struct obj *o);
int uf__request_dispose(struct obj *o);
int uf__dpc_dispose(struct obj *o);
/* Per-type destructor work after EvtDestroyCallback (~FxCollection). */
void uf__collection_destruct(struct obj *o);
/* ~FxDpc, ~FxString: the embedded KDPC and the string's copy go back. */
void uf__dpc_destruct(struct obj *o);
void uf__string_destruct(struct obj *o);

/* ---- callback locks (lock.c) ---- */
/* FxObject::_GetEffectiveLock for an object under `parent`, whose device is
 * `device`, asking for AutomaticSerialization, with passive (1) or
 * DISPATCH_LEVEL (0) callbacks: *serialized says whether they run under
 * the device's callback lock (its scope Device or Queue); a parent whose
 * passive-callbacks mark differs from `passive` is refused with
 * STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL [B4]. */
NTSTATUS uf__effective_lock(const struct obj *parent, const struct obj *device,
                            BOOLEAN AutomaticSerialization, int passive, uint8_t *serialized);
/* Calls callback `fn` of `kind` for `o` at `irql` under the callback lock of
 * `o`'s device (automatic serialization [B4]). A lock held already belongs
 * to the thread that called the DDI running this callback, which then
 * waits for it for ever (callback-lock-wait-deadlock), or, outside any DDI,
 * to another context the model's one thread cannot wait for: the callback
 * then runs without taking it. */
void uf__cb_call_serialized(enum cb_kind kind, void (*fn)(void), struct obj *o, KIRQL irql);

/* ---- I/O targets and requests (iotarget.c, request.c) ---- */
/* Where a request is: created or reused (idle), queued in a stopped
 * target, sent to the lower device, or completed back [Q2]. */
enum request_phase { REQ_IDLE, REQ_QUEUED, REQ_SENT, REQ_COMPLETED };
/* The miniport device's default target, allocated where FxDeviceBase::
 * AllocateTarget allocates it (NULL: the allocation failed) and committed
 * under the device once the device is [G1]. */
struct obj *uf__iotarget_new_default(void);
void uf__iotarget_commit_default(struct obj *t, struct obj *device, PDEVICE_OBJECT attached);
/* Completes request `r` back from the lower device or the target with
 * `status` (FxRequestBase::CompleteSubmitted): its completion routine runs
 * at DISPATCH_LEVEL, then the target's reference on it goes [Q5]. */
void uf__request_complete(struct obj *r, NTSTATUS status, ULONG_PTR information);
/* The lower device is asked to cancel request `r` (IoCancelIrp): it
 * completes it with STATUS_CANCELLED unless it holds everything. */
void uf__request_cancel_sent(struct obj *r);
/* Waits for sent request `r` (a stop, purge or delete waiting for sent
 * I/O, a synchronous send): the lower device answers it, or, when it
 * answers nothing, the wait never ends [G4]. Returns 0 after a hang. */
int uf__request_wait(struct obj *r);

#endif /* UNLOADFUZZ_INTERNAL_H */
