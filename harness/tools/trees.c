/*
 * trees.c - the build tree, the source tree and the build's targets
 * (trees.h).
 */
#define _XOPEN_SOURCE 700 /* realpath(), beside the build's _POSIX_C_SOURCE */

#include "trees.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dir.h"
#include "file.h"

/* Finds the trees (trees.h). Returns 0, or -1 with err written. */
int trees_find(struct trees *t, char *err, size_t errn)
{
    static const char key[] = "CMAKE_HOME_DIRECTORY:INTERNAL=";
    char cache[PATH_MAX + 32], rules[PATH_MAX + 32], *text, *line;
    ssize_t n;

    n = readlink("/proc/self/exe", t->self, sizeof t->self - 1);
    if (n <= 0) {
        snprintf(err, errn, "cannot find my own binary (/proc/self/exe): %s", strerror(errno));
        return -1;
    }
    t->self[n] = '\0';
    memcpy(t->build, t->self, (size_t)n + 1);
    if (strrchr(t->build, '/'))
        *strrchr(t->build, '/') = '\0';
    /* A build of a driver's own project (find_package(unloadfuzz)) names
     * the installed sources it was made from. */
    snprintf(cache, sizeof cache, "%s/unloadfuzz-source.txt", t->build);
    if (file_read(cache, 0, &text, NULL) == 0) {
        text[strcspn(text, "\n")] = '\0';
        line = realpath(text, t->src);
        free(text);
        snprintf(rules, sizeof rules, "%s/model/rules.def", t->src);
        if (line && dir_is_file(rules))
            return 0;
    }
    snprintf(cache, sizeof cache, "%s/CMakeCache.txt", t->build);
    if (file_read(cache, 0, &text, NULL) < 0) {
        snprintf(err, errn, "%s is not a build tree of unloadfuzz (no CMakeCache.txt): build"
                 " with the debug preset (cmake --preset debug && cmake --build --preset debug)",
                 t->build);
        return -1;
    }
    line = strstr(text, key);
    if (line) {
        char *end = strchr(line, '\n');

        if (end)
            *end = '\0';
        if (!realpath(line + strlen(key), t->src))
            line = NULL;
    }
    free(text);
    snprintf(rules, sizeof rules, "%s/model/rules.def", t->src);
    if (line == NULL || !dir_is_file(rules)) {
        snprintf(err, errn, "cannot find the source tree of the build %s (CMakeCache.txt)",
                 t->build);
        return -1;
    }
    return 0;
}

/* A path of drivers.tsv made absolute: relative ones are the source
 * tree's, absolute ones (a driver out of the tree) are kept. Returns 0, or
 * -1 when it does not fit. */
static int tree_path(char *out, size_t n, const struct trees *t, const char *p)
{
    int len = p[0] == '/' ? snprintf(out, n, "%s", p) : snprintf(out, n, "%s/%s", t->src, p);

    return len < 0 || (size_t)len >= n ? -1 : 0;
}

/* Reads api and drivers.tsv's targets (trees.h). Returns 0, or -1 with err
 * written. */
int trees_targets(const struct trees *t, struct tree_target **v, size_t *n, char *err,
                  size_t errn)
{
    char path[PATH_MAX + 32], *text, *line, *save = NULL;
    struct tree_target *all, *e;
    size_t cap = 8;

    snprintf(path, sizeof path, "%s/drivers.tsv", t->build);
    if (file_read(path, 0, &text, NULL) < 0) {
        snprintf(err, errn, "missing build: %s (configure and build with the debug preset)",
                 path);
        return -1;
    }
    all = calloc(cap, sizeof *all);
    if (all == NULL)
        goto out_nomem;
    *n = 1;
    strcpy(all[0].name, "api");
    if ((size_t)snprintf(all[0].seeds, sizeof all[0].seeds, "%s/corpus/seeds/api", t->src) >=
        sizeof all[0].seeds)
        goto out_too_long;
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[5] = {line, NULL, NULL, NULL, NULL};
        int k;

        for (k = 1; k < 5; k++) {
            f[k] = f[k - 1] ? strchr(f[k - 1], '\t') : NULL;
            if (f[k])
                *f[k]++ = '\0';
        }
        if (!f[1] || !*f[0] || strlen(f[0]) >= sizeof all[0].name) {
            snprintf(err, errn, "%s: malformed line '%s'", path, line);
            goto out_fail;
        }
        if (*n == cap) {
            struct tree_target *more = realloc(all, 2 * cap * sizeof *all);

            if (more == NULL)
                goto out_nomem;
            all = more;
            cap *= 2;
        }
        e = &all[(*n)++];
        memset(e, 0, sizeof *e);
        strcpy(e->name, f[0]);
        if ((size_t)snprintf(e->dir, sizeof e->dir, "%s", f[1]) >= sizeof e->dir ||
            (f[2] && *f[2] && tree_path(e->seeds, sizeof e->seeds, t, f[2]) < 0) ||
            (f[4] && *f[4] && tree_path(e->regressions, sizeof e->regressions, t, f[4]) < 0) ||
            (size_t)snprintf(e->expect, sizeof e->expect, "%s", f[3] ? f[3] : "") >= sizeof e->expect)
            goto out_too_long;
        e->variant = f[3] && strspn(f[3], " \t\r") != strlen(f[3]);
    }
    free(text);
    *v = all;
    return 0;
out_too_long:
    snprintf(err, errn, "%s: path too long", path);
    goto out_fail;
out_nomem:
    snprintf(err, errn, "out of memory");
out_fail:
    free(all);
    free(text);
    return -1;
}
