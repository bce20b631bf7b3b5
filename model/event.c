/*
 * event.c - what the model tells its watcher, and the violation ledger.
 *
 * Every observable step (a DDI entered and left, an object created, a cleanup
 * or destroy slot reached, memory freed, a callback called, a deferral, an
 * injected fault, a violation) becomes one struct model_event handed to the
 * sink. Events are built only when a sink is set, so the hot path of a fuzzer
 * that wants no trace pays one branch. model_event_format() turns an event
 * into one deterministic line: ids, names and statuses, never an address.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The last path component of `path`: __FILE__ depends on the build tree. */
static const char *base_name(const char *path)
{
    const char *s;

    if (!path)
        return NULL;
    s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Fills the fields every event shares. The call site's file is the same
 * string for every event of a DDI (and mostly of a run): its last component
 * is looked for once per string, not once per event. */
static void ev_init(struct model_event *ev, enum model_event_kind kind)
{
    static const char *path, *base;

    if (uf__model.site_file != path) {
        path = uf__model.site_file;
        base = base_name(path);
    }
    memset(ev, 0, sizeof(*ev));
    ev->kind = kind;
    ev->ddi = uf__model.ddi;
    ev->depth = uf__model.depth;
    ev->file = base;
    ev->line = uf__model.site_line;
}

void uf__ev_emit(enum model_event_kind kind, const struct obj *o, uint32_t other,
             const char *detail)
{
    struct model_event ev;

    if (!uf__model.sink)
        return;
    ev_init(&ev, kind);
    if (o) {
        ev.object = o->id;
        ev.type = (enum model_type)o->type;
    }
    ev.other = other;
    ev.detail = detail;
    uf__model.sink(&ev, uf__model.sink_arg);
}

void uf__ev_call(enum model_ddi ddi, WDFOBJECT h)
{
    struct model_event ev;
    uint32_t id;

    if (!uf__model.sink)
        return;
    ev_init(&ev, EV_CALL);
    ev.ddi = ddi;
    id = obj_handle_id(h);
    if (id) {
        ev.object = id;
        ev.type = (enum model_type)obj_get(id)->type;
    }
    uf__model.sink(&ev, uf__model.sink_arg);
}

void uf__ev_return(NTSTATUS status)
{
    struct model_event ev;

    if (!uf__model.sink)
        return;
    ev_init(&ev, EV_RETURN);
    ev.status = status;
    uf__model.sink(&ev, uf__model.sink_arg);
}

void uf__ev_fault(enum model_site site)
{
    struct model_event ev;

    if (!uf__model.sink)
        return;
    ev_init(&ev, EV_FAULT);
    ev.site = site;
    uf__model.sink(&ev, uf__model.sink_arg);
}

void uf__violation(enum model_rule r, const struct obj *o, const char *detail)
{
    enum model_severity sev = (enum model_severity)uf__rule_severity[r];
    struct model_event ev;

    if (model_now.halted)
        return;
    uf__model.violations++;
    uf__model.rule_counts[r]++;
    if ((int)sev > uf__model.worst)
        uf__model.worst = (int)sev;
    if (uf__model.sink) {
        ev_init(&ev, EV_VIOLATION);
        ev.rule = r;
        ev.detail = detail;
        if (o) {
            ev.object = o->id;
            ev.type = (enum model_type)o->type;
        }
        uf__model.sink(&ev, uf__model.sink_arg);
    }
    if (sev == SEV_BUGCHECK)
        model_now.halted = 1;
}

uint32_t model_violation_count(void) { return uf__model.violations; }
uint32_t model_rule_count(enum model_rule r) { return uf__model.rule_counts[r]; }

enum model_severity model_worst_severity(void)
{
    return uf__model.worst < 0 ? SEV__COUNT : (enum model_severity)uf__model.worst;
}

void model_set_sink(model_sink_fn fn, void *arg)
{
    uf__model.sink = fn;
    uf__model.sink_arg = arg;
}

/* The name of a status the model returns, or NULL for an unnamed one. */
static const char *status_name(NTSTATUS s)
{
    switch (s) {
#define S(x) case x: return #x;
    S(STATUS_SUCCESS)
    S(STATUS_TIMEOUT)
    S(STATUS_OBJECT_NAME_EXISTS)
    S(STATUS_UNSUCCESSFUL)
    S(STATUS_INVALID_HANDLE)
    S(STATUS_INVALID_PARAMETER)
    S(STATUS_INVALID_DEVICE_REQUEST)
    S(STATUS_INFO_LENGTH_MISMATCH)
    S(STATUS_INSUFFICIENT_RESOURCES)
    S(STATUS_OBJECT_NAME_INVALID)
    S(STATUS_NOT_FOUND)
    S(STATUS_CANNOT_DELETE)
    S(STATUS_NOT_SUPPORTED)
    S(STATUS_DRIVER_INTERNAL_ERROR)
    S(STATUS_DELETE_PENDING)
    S(STATUS_WDF_EXECUTION_LEVEL_INVALID)
    S(STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED)
    S(STATUS_WDF_PARENT_NOT_SPECIFIED)
    S(STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID)
    S(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID)
#undef S
    default:
        return NULL;
    }
}

int model_status_format(NTSTATUS s, char *buf, size_t n)
{
    const char *name = status_name(s);

    if (name)
        return snprintf(buf, n, "%s", name);
    return snprintf(buf, n, "0x%08X", (unsigned)s);
}

int model_event_format(const struct model_event *ev, char *buf, size_t n)
{
    char obj[48] = "", where[96] = "", st[48];
    const char *ddi = model_ddi_name(ev->ddi);
    int indent = (int)ev->depth * 2;

    if (ev->object)
        snprintf(obj, sizeof(obj), " o%u %s", ev->object, model_type_name(ev->type));
    switch (ev->kind) {
    case EV_CALL:
        return snprintf(buf, n, "%*scall %s%s", indent, "", ddi, obj);
    case EV_RETURN:
        model_status_format(ev->status, st, sizeof(st));
        return snprintf(buf, n, "%*sreturn %s %s", indent, "", ddi, st);
    case EV_CREATE:
        if (!ev->other)
            return snprintf(buf, n, "%*screate%s parent=-", indent, "", obj);
        return snprintf(buf, n, "%*screate%s parent=o%u", indent, "", obj, ev->other);
    case EV_CLEANUP:
        return snprintf(buf, n, "%*scleanup%s", indent, "", obj);
    case EV_DESTROY:
        return snprintf(buf, n, "%*sdestroy%s", indent, "", obj);
    case EV_FREE:
        return snprintf(buf, n, "%*sfree%s", indent, "", obj);
    case EV_CALLBACK:
        return snprintf(buf, n, "%*scallback%s %s", indent, "", obj,
                        ev->detail ? ev->detail : "");
    case EV_DEFER:
        return snprintf(buf, n, "%*sdefer%s %s list=o%u", indent, "", obj,
                        ev->detail ? ev->detail : "", ev->other);
    case EV_FAULT:
        return snprintf(buf, n, "%*sfault %s in %s", indent, "",
                        model_site_name(ev->site), ddi[0] ? ddi : "-");
    case EV_VIOLATION:
        if (ev->file)
            snprintf(where, sizeof(where), " at %s:%d", ev->file, ev->line);
        return snprintf(buf, n, "%*sviolation %s %s%s in %s%s: %s", indent, "",
                        model_rule_id(ev->rule),
                        model_severity_name(model_rule_severity(ev->rule)), obj,
                        ddi[0] ? ddi : "-", where, ev->detail ? ev->detail : "");
    }
    return snprintf(buf, n, "?");
}
