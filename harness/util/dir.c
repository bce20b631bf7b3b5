/*
 * dir.c - sorted directory listings and the few tree operations the tools
 * need (dir.h).
 */
#include "dir.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* strcmp on two names' pointers, for qsort. */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir (dir.h). Returns 0, or -1 with errno set. */
int dir_list(const char *dir, const char *suffix, enum dir_kind kind, struct names *out)
{
    size_t sl = suffix ? strlen(suffix) : 0, cap = 0;
    struct dirent *e;
    DIR *d = opendir(dir);

    out->v = NULL;
    out->n = 0;
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char p[PATH_MAX];
        size_t l = strlen(e->d_name);

        if (e->d_name[0] == '.')
            continue;
        if (suffix && (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0))
            continue;
        if (kind != DIR_ANY) {
            if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= sizeof p)
                continue;
            if (kind == DIR_FILES ? !dir_is_file(p) : !dir_is_dir(p))
                continue;
        }
        if (out->n == cap) {
            char **v = realloc(out->v, (cap ? cap * 2 : 16) * sizeof out->v[0]);

            if (v == NULL)
                goto out_nomem;
            out->v = v;
            cap = cap ? cap * 2 : 16;
        }
        if ((out->v[out->n] = strdup(e->d_name)) == NULL)
            goto out_nomem;
        out->n++;
    }
    closedir(d);
    if (out->n)
        qsort(out->v, out->n, sizeof out->v[0], by_name);
    return 0;
out_nomem:
    closedir(d);
    names_free(out);
    errno = ENOMEM;
    return -1;
}

/* Frees the list. */
void names_free(struct names *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

int dir_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int dir_is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int dir_exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

/* mkdir -p. Returns 0, or -1 with errno set. */
int dir_make(const char *path)
{
    char tmp[PATH_MAX];
    char *s;

    if (path[0] == '\0') {
        errno = ENOENT;
        return -1;
    }
    if ((size_t)snprintf(tmp, sizeof tmp, "%s", path) >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (s = tmp + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            *s = '/';
        }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        return -1;
    if (!dir_is_dir(tmp)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Removes path and what is under it. Returns 0 or -1. */
int dir_remove_tree(const char *path)
{
    struct stat st;
    struct dirent *e;
    DIR *d;
    int rc = 0;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    d = opendir(path);
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char sub[PATH_MAX];

        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= sizeof sub ||
            dir_remove_tree(sub) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) == 0 ? rc : -1;
}
