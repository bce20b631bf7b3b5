/*
 * trees.h - where a build is: the tools that spawn other binaries or read
 * the corpus (the gate, the campaign) find the build tree from their own
 * binary, the source tree it was configured from, and the driver targets
 * it built (drivers.tsv, written by uf_add_driver()).
 */
#ifndef UNLOADFUZZ_TREES_H
#define UNLOADFUZZ_TREES_H

#include <limits.h>
#include <stddef.h>

struct trees {
    char self[PATH_MAX];  /* this binary */
    char build[PATH_MAX]; /* its directory: the build tree */
    char src[PATH_MAX];   /* the source tree the build was configured from */
};

/* One target of the build: api, or a line of drivers.tsv. */
struct tree_target {
    char name[64];         /* "api", or as drivers.tsv spells it */
    char dir[PATH_MAX];    /* its sources relative to the source tree (absolute when
                              out of the tree); "" for api */
    char seeds[PATH_MAX];  /* its seed directory (absolute), "" for none */
    char regressions[PATH_MAX]; /* its regression programs' directory (absolute), ""
                                   for api, whose are the gate's --regressions */
    char expect[256];      /* the rules a planted bug raises, space-separated; "" */
    int variant;           /* a planted-bug variant: it lists expected rules */
};

/* Finds this binary's build tree and its source tree (CMakeCache.txt's
 * CMAKE_HOME_DIRECTORY). Returns 0, or -1 with the reason in err (errn
 * bytes). */
int trees_find(struct trees *t, char *err, size_t errn);

/* Reads the build's targets: api first (seeds corpus/seeds/api), then
 * drivers.tsv's in its order, into *v (malloc'd, the caller frees it) and
 * *n. Returns 0, or -1 with the reason in err. */
int trees_targets(const struct trees *t, struct tree_target **v, size_t *n, char *err,
                  size_t errn);

#endif /* UNLOADFUZZ_TREES_H */
