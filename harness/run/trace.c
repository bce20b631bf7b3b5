/*
 * trace.c - see trace.h. Off the fuzzing hot path: this is for people and
 * tests, so it allocates and formats freely.
 */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {
    [EV_CALL] = "call",         [EV_RETURN] = "return",   [EV_CREATE] = "create",
    [EV_CLEANUP] = "cleanup",   [EV_DESTROY] = "destroy", [EV_FREE] = "free",
    [EV_CALLBACK] = "callback", [EV_DEFER] = "defer",     [EV_FAULT] = "fault",
    [EV_VIOLATION] = "violation",
};

const char *trace_kind_name(enum model_event_kind k) { return kinds[k]; }

/* Grows *p (of *cap elements of `size`) to hold `need`. Returns 0 or -1. */
static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 16;
    void *q;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Records one model event; DDI entry and exit are left out, since the op
 * lines already name the DDI and its status. */
static void on_event(struct exec *x, const struct model_event *ev, uint32_t op)
{
    struct trace *t = x->arg;
    char name[TRACE_NAME_MAX] = "", line[320];

    if (ev->kind == EV_CALL || ev->kind == EV_RETURN)
        return;
    if (ev->object)
        exec_object_name(x, ev->object, name, sizeof(name));
    switch (ev->kind) {
    case EV_CREATE:
        snprintf(line, sizeof(line), "create %s %s", name, model_type_name(ev->type));
        break;
    case EV_CALLBACK:
    case EV_DEFER:
        snprintf(line, sizeof(line), "%s %s %s", kinds[ev->kind], name,
                 ev->detail ? ev->detail : "");
        break;
    case EV_FAULT:
        snprintf(line, sizeof(line), "fault %s", model_site_name(ev->site));
        break;
    case EV_VIOLATION:
        snprintf(line, sizeof(line), "violation %s %s%s%s: %s", model_rule_id(ev->rule),
                 model_severity_name(model_rule_severity(ev->rule)), name[0] ? " " : "", name,
                 ev->detail ? ev->detail : "");
        break;
    default:
        snprintf(line, sizeof(line), "%s %s", kinds[ev->kind], name);
        break;
    }
    buf_printf(&t->out, "%*s%s\n", 6 + 2 * (int)x->depth, "", line);
    if (grow((void **)&t->events, &t->events_cap, t->nevents + 1, sizeof(*t->events)) == 0) {
        struct trace_event *e = &t->events[t->nevents++];

        e->op = op;
        e->kind = ev->kind;
        snprintf(e->object, sizeof(e->object), "%s", name);
    }
    if (ev->kind == EV_VIOLATION &&
        grow((void **)&t->violations, &t->violations_cap, t->nviolations + 1,
             sizeof(*t->violations)) == 0) {
        struct trace_violation *v = &t->violations[t->nviolations++];

        v->rule = ev->rule;
        v->op = op;
        v->line = op < x->prog->nops ? x->prog->ops[op].line : 0;
        snprintf(v->object, sizeof(v->object), "%s", name);
        snprintf(v->message, sizeof(v->message), "%s", ev->detail ? ev->detail : "");
    }
}

/* Records an op starting, and its status when it ends. */
static void on_op(struct exec *x, uint32_t op, int done)
{
    struct trace *t = x->arg;
    char st[48];

    if (!done) {
        buf_printf(&t->out, "  %*s[%u] %s\n", 2 * (int)x->depth, "", op, t->lines[op] ? t->lines[op] : "?");
    } else if (x->result[op].has_status) {
        model_status_format(x->result[op].status, st, sizeof(st));
        buf_printf(&t->out, "%*s= %s\n", 6 + 2 * (int)x->depth, "", st);
    }
}

/* FNV-1a, 64 bits. */
static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* Points lines[i] at op i's text in a copy of the printed program (one
 * line per op, blocks' ops indented). */
static void split_lines(struct trace *t, uint32_t nops)
{
    char *s = t->linebuf, *nl;
    uint32_t i;

    for (i = 0; i < nops && s && *s; i++) {
        nl = strchr(s, '\n');
        if (nl)
            *nl = 0;
        while (*s == ' ')
            s++;
        t->lines[i] = s;
        s = nl ? nl + 1 : NULL;
    }
}

int trace_run(struct trace *t, const struct program *p)
{
    size_t need = prog_print_text(p, 0, NULL, 0);

    t->printed = malloc(need + 1);
    t->linebuf = malloc(need + 1);
    if (!t->printed || !t->linebuf)
        return -1;
    prog_print_text(p, 0, t->printed, need + 1);
    memcpy(t->linebuf, t->printed, need + 1);
    split_lines(t, p->nops);
    t->x.on_event = on_event;
    t->x.on_op = on_op;
    t->x.arg = t;
    t->x.check = &t->check;
    t->check.thorough = 1;
    exec_run(&t->x, p);
    if (model_driver_state() == DRIVER_CREATED && !model_halted())
        buf_printf(&t->out, "  (the program ended with the driver still loaded)\n");
    t->hash = fnv1a(buf_str(&t->out), t->out.len);
    return 0;
}

void trace_free(struct trace *t)
{
    buf_free(&t->out);
    free(t->events);
    free(t->violations);
    free(t->printed);
    free(t->linebuf);
    memset(t, 0, sizeof(*t));
}

enum model_severity trace_worst(const struct trace *t)
{
    int worst = -1;
    size_t i;

    for (i = 0; i < t->nviolations; i++)
        if ((int)model_rule_severity(t->violations[i].rule) > worst)
            worst = (int)model_rule_severity(t->violations[i].rule);
    return worst < 0 ? SEV__COUNT : (enum model_severity)worst;
}

size_t trace_count_at_least(const struct trace *t, enum model_severity sev)
{
    size_t i, n = 0;

    for (i = 0; i < t->nviolations; i++)
        n += model_rule_severity(t->violations[i].rule) >= sev;
    return n;
}
