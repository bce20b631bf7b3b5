/*
 * gate_state.c - the gate's state, its messages, and the allocations
 * that abort rather than fail (gate_state.h).
 */
#include "gate_state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* Says so and aborts. */
_Noreturn void gate_oom(void)
{
    fprintf(stderr, "unloadfuzz gate: out of memory\n");
    abort();
}

/* realloc or abort. Returns the memory. */
void *gate_realloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL)
        gate_oom();
    return p;
}

/* strdup or abort. Returns the copy. */
char *gate_strdup(const char *s)
{
    char *d = strdup(s ? s : "");

    if (d == NULL)
        gate_oom();
    return d;
}

/* The text of b, or abort. Returns it. */
char *gate_take(struct buf *b)
{
    char *text;

    if (buf_failed(b))
        gate_oom();
    text = buf_take(b);
    if (text == NULL)
        gate_oom();
    return text;
}

/* printf into buf. Returns 0, or -1 when it did not fit. */
int gate_fmt(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r < 0 || (size_t)r >= n ? -1 : 0;
}

/* The index of target name. Returns it, or -1. */
int gate_target(const struct gate *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->rep.ntargets; i++)
        if (!strcmp(g->rep.targets[i].name, name))
            return (int)i;
    return -1;
}

/* path as shown. Returns it, never NULL. */
const char *gate_shown(const struct gate *g, const char *path)
{
    return gate_report_shown(&g->rep, path);
}

/* Frees g's targets, baseline and record. */
void gate_free(struct gate *g)
{
    size_t i;

    for (i = 0; i < g->nknown; i++) {
        free(g->known[i].sig);
        free(g->known[i].reason);
    }
    free(g->known);
    free(g->tree);
    gate_report_free(&g->rep);
    g->known = NULL;
    g->nknown = 0;
    g->tree = NULL;
}
