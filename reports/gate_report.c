/*
 * gate_report.c - what the gate's writers share (gate_report.h): how a
 * path is shown, a minimized program's ops, and freeing a run's record.
 */
#include "gate_report.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "file.h"

/* path under the source tree (gate_report.h). Returns it, or NULL. */
const char *gate_report_relative(const struct gate_report *r, const char *path)
{
    size_t n = r->src ? strlen(r->src) : 0;

    if (n && strncmp(r->src, path, n) == 0 && path[n] == '/')
        return path + n + 1;
    return NULL;
}

/* path as it is shown. Returns it, never NULL. */
const char *gate_report_shown(const struct gate_report *r, const char *path)
{
    const char *rel = path ? gate_report_relative(r, path) : NULL;

    return rel ? rel : path ? path : "";
}

/* The program's lines but comments. Returns them, or NULL out of memory. */
char *gate_report_ops(const char *path)
{
    struct buf b = BUF_INIT(0);
    char *text = NULL, *p;

    if (path && file_read(path, 0, &text, NULL) < 0)
        text = NULL;
    for (p = text; p && *p;) {
        char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len && p[0] != '#') {
            buf_add(&b, p, len);
            buf_puts(&b, "\n");
        }
        p = end ? end + 1 : NULL;
    }
    free(text);
    if (buf_failed(&b)) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* Frees what r owns. */
void gate_report_free(struct gate_report *r)
{
    size_t i;
    unsigned k;

    for (i = 0; i < r->nregs; i++) {
        struct gate_report_regression *g = &r->regs[i];

        for (k = 0; k < g->nproblems; k++) {
            free(g->problems[k].file);
            free(g->problems[k].message);
        }
        free(g->problems);
        free(g->target_name);
        free(g->path);
        free(g->name);
        free(g->detail);
    }
    for (i = 0; i < r->nfindings; i++) {
        struct gate_report_finding *f = &r->findings[i];

        free(f->sig);
        free(f->rule);
        free(f->program);
        free(f->artifact);
        free(f->file);
        free(f->violation);
        free(f->reproduce);
    }
    free(r->regs);
    free(r->findings);
    free(r->targets);
    memset(r, 0, sizeof *r);
}
