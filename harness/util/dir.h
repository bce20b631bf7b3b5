/*
 * dir.h - directories as the tools walk them: always in sorted order, so
 * every listing, and whatever is built from it, is the same on every run.
 */
#ifndef UNLOADFUZZ_DIR_H
#define UNLOADFUZZ_DIR_H

#include <stddef.h>

/* A sorted list of names. */
struct names {
    char **v; /* each malloc'd, owned by the list */
    size_t n; /* how many */
};

/* What dir_list() keeps. */
enum dir_kind {
    DIR_FILES, /* regular files (after following links) */
    DIR_DIRS,  /* directories */
    DIR_ANY    /* every entry */
};
/* The entries of `dir` not starting with '.', of the kind asked, whose
 * names end in `suffix` (NULL: any; a name that is only the suffix is
 * not kept), in strcmp order, into *out. Returns 0, or -1 with errno set
 * when dir cannot be read (*out is then empty). Free with names_free(). */
int dir_list(const char *dir, const char *suffix, enum dir_kind kind, struct names *out);
/* Frees the names and empties the list. */
void names_free(struct names *l);

/* Whether path is a directory / a regular file (links followed), or
 * exists at all (links not followed). */
int dir_is_dir(const char *path);
int dir_is_file(const char *path);
int dir_exists(const char *path);
/* mkdir -p (mode 0755). Returns 0, or -1 with errno set. */
int dir_make(const char *path);
/* Removes path and, for a directory, everything under it; symbolic links
 * are removed, never followed. Returns 0 (also when path does not exist)
 * or -1. */
int dir_remove_tree(const char *path);

#endif /* UNLOADFUZZ_DIR_H */
