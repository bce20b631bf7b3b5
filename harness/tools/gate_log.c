/*
 * gate_log.c - reading replays' and engines' output (gate_log.h).
 */
#include "gate_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dir.h"
#include "file.h"

/* A copy of the n bytes at s, NUL-terminated (never NULL). */
static char *copy(const char *s, size_t n)
{
    char *c = gate_realloc(NULL, n + 1);

    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* The call site `at FILE:LINE:` in violation line l: the file (malloc'd)
 * into *file and the line into *lineno; nothing when it names none. */
static void call_site(const char *l, char **file, unsigned *lineno)
{
    const char *at;

    for (at = strstr(l, " at "); at; at = strstr(at + 1, " at ")) {
        const char *colon = strchr(at + 4, ':'), *sp = strchr(at + 4, ' ');
        unsigned long n;
        char *e;

        if (!colon || (sp && sp < colon) || colon == at + 4)
            continue;
        n = strtoul(colon + 1, &e, 10);
        if (e == colon + 1 || *e != ':' || n == 0)
            continue;
        *file = copy(at + 4, (size_t)(colon - at - 4));
        *lineno = (unsigned)n;
        return;
    }
}

/* The first violation line of rule in text (gate_log.h). Returns it, or
 * NULL. */
char *gate_log_violation(const char *text, const char *rule, char **file, unsigned *lineno)
{
    const char *p = text;

    *file = NULL;
    *lineno = 0;
    while (p && *p) {
        const char *end = strchr(p, '\n'), *v = strstr(p, "violation ");
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (v && v < p + len) {
            const char *id = v + 10;
            size_t idl = strcspn(id, " \n");

            if (rule == NULL || (idl == strlen(rule) && !strncmp(id, rule, idl))) {
                char *l = copy(p, len), *s;

                call_site(l, file, lineno);
                s = l + strspn(l, " ");
                memmove(l, s, strlen(s) + 1);
                return l;
            }
        }
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

/* The source file a violation names (gate_log.h). Returns it, or NULL. */
char *gate_log_source(const struct gate *g, size_t ti, const char *name)
{
    const struct tree_target *t = &g->tree[ti];
    char p[PATH_MAX];

    if (name == NULL || strchr(name, '/') || !t->dir[0])
        return name && name[0] == '/' && dir_is_file(name) ? gate_strdup(name) : NULL;
    if ((t->dir[0] == '/' ? gate_fmt(p, sizeof p, "%s/%s", t->dir, name)
                          : gate_fmt(p, sizeof p, "%s/%s/%s", g->trees.src, t->dir, name)) == 0 &&
        dir_is_file(p))
        return gate_strdup(p);
    return NULL;
}

/* libFuzzer's executions in log. Returns them, or 0. */
unsigned long long gate_log_execs(const char *log)
{
    char *text = NULL, *p;
    unsigned long long n = 0;

    if (file_read(log, 0, &text, NULL) == 0 &&
        (p = strstr(text, "stat::number_of_executed_units:")) != NULL)
        n = strtoull(p + 31, NULL, 10);
    free(text);
    return n;
}

/* The kind of an unreplayable crash, from its log's SUMMARY, into kind. */
void gate_log_kind(const char *text, char *kind, size_t n)
{
    const char *p = text ? strstr(text, "SUMMARY: ") : NULL;
    size_t k = 0;

    snprintf(kind, n, "crash");
    if (p == NULL)
        return;
    p += 9;
    p = strstr(p, ": ") ? strstr(p, ": ") + 2 : p;
    if (strncmp(p, "deadly signal", 13) == 0 || strncmp(p, "fuzz target exited", 18) == 0) {
        snprintf(kind, n, "%s", p[0] == 'd' ? "deadly-signal" : "exit");
        return;
    }
    while (*p && *p != ' ' && *p != '\n' && k + 1 < n) {
        char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;

        kind[k++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
        p++;
    }
    if (k)
        kind[k] = '\0';
}

/* The first frame of a stack line l in src: file and line (gate_log.h),
 * in drivers/ only unless any_dir. Returns 0 when l is one, else -1. */
static int frame_in(const char *l, const char *src, int any_dir, char **file, unsigned *line)
{
    const char *hit = strstr(l, src), *rel, *colon;
    unsigned long n;

    if (l[strspn(l, " ")] != '#' || !hit || hit[strlen(src)] != '/')
        return -1;
    rel = hit + strlen(src) + 1;
    colon = strchr(rel, ':');
    if (!colon || (!any_dir && strncmp(rel, "drivers/", 8)))
        return -1;
    n = strtoul(colon + 1, NULL, 10);
    if (n == 0)
        return -1;
    *file = copy(hit, (size_t)(colon - hit));
    *line = (unsigned)n;
    return 0;
}

/* The first stack frame in the driver's own directory `drv` (absolute),
 * wherever it is, then as below. Returns 0 or -1. */
int gate_log_frame_in(const char *text, const char *drv, const char *src, char **file,
                      unsigned *line)
{
    const char *p = text;
    size_t n = drv ? strlen(drv) : 0;

    while (n && p && *p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char l[2048];
        const char *hit, *colon;

        snprintf(l, sizeof l, "%.*s", (int)(len < 2000 ? len : 2000), p);
        p = end ? end + 1 : NULL;
        if (l[strspn(l, " ")] != '#' || (hit = strstr(l, drv)) == NULL || hit[n] != '/' ||
            (colon = strchr(hit + n + 1, ':')) == NULL || strtoul(colon + 1, NULL, 10) == 0)
            continue;
        *file = copy(hit, (size_t)(colon - hit));
        *line = (unsigned)strtoul(colon + 1, NULL, 10);
        return 0;
    }
    return gate_log_frame(text, src, file, line);
}

/* The first stack frame in the source tree (gate_log.h). Returns 0 or -1. */
int gate_log_frame(const char *text, const char *src, char **file, unsigned *line)
{
    int pass;

    for (pass = 0; pass < 2; pass++) {
        const char *p = text;

        while (p && *p) {
            const char *end = strchr(p, '\n');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            char l[2048];

            snprintf(l, sizeof l, "%.*s", (int)(len < 2000 ? len : 2000), p);
            if (frame_in(l, src, pass == 1, file, line) == 0)
                return 0;
            p = end ? end + 1 : NULL;
        }
    }
    return -1;
}
