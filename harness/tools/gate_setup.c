/*
 * gate_setup.c - the gate's inputs, read and checked before anything runs
 * (gate_setup.h).
 */
#define _XOPEN_SOURCE 700 /* realpath(), beside the build's _POSIX_C_SOURCE */

#include "gate_setup.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dir.h"
#include "file.h"
#include "load.h"
#include "program.h"

#define GATE_MARKER ".unloadfuzz-gate" /* marks a work directory the gate made */
#define MARKER_TEXT "unloadfuzz gate work directory: emptied at every run\n"

/* Reads drivers.tsv into g's targets, api first (trees.h). Returns 0 or 2. */
static int load_targets(struct gate *g)
{
    char err[PATH_MAX + 256];
    size_t i, n;

    if (trees_targets(&g->trees, &g->tree, &n, err, sizeof err) < 0)
        return gate_fail("%s", err);
    g->rep.targets = gate_realloc(NULL, n * sizeof g->rep.targets[0]);
    g->rep.ntargets = n;
    for (i = 0; i < n; i++) {
        memset(&g->rep.targets[i], 0, sizeof g->rep.targets[i]);
        g->rep.targets[i].name = g->tree[i].name;
    }
    return 0;
}

/* Marks the targets step 2 fuzzes: --targets', or every one that is not a
 * planted-bug variant. Returns 0 or 2. */
static int select_targets(struct gate *g)
{
    char list[4096], *name, *save = NULL;
    size_t i;
    int any = 0;

    if (g->targets_opt == NULL) {
        for (i = 0; i < g->rep.ntargets; i++)
            g->rep.targets[i].fuzz = !g->tree[i].variant;
        return 0;
    }
    if (gate_fmt(list, sizeof list, "%s", g->targets_opt) < 0)
        return gate_fail("--targets: list too long");
    for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        int k = gate_target(g, name);

        if (k < 0) {
            struct buf b = BUF_INIT(0);
            char *names;

            for (i = 0; i < g->rep.ntargets; i++)
                buf_printf(&b, "%s%s", i ? " " : "", g->rep.targets[i].name);
            names = gate_take(&b);
            gate_fail("--targets: no target '%s' in this build (targets: %s)", name, names);
            free(names);
            return 2;
        }
        g->rep.targets[k].fuzz = 1;
        any = 1;
    }
    return any ? 0 : gate_fail("--targets: no target named");
}

/* Whether sig looks like a signature: four ':'-separated fields, the first
 * a target name, no white space. */
static int valid_signature(const char *sig)
{
    size_t colons = 0;
    const char *p;

    for (p = sig; *p; p++) {
        if (*p == ' ' || *p == '\t')
            return 0;
        colons += *p == ':';
    }
    return colons >= 3 && sig[0] != ':';
}

/* Reads the baseline (default corpus/baseline.tsv). Returns 0, or 2 when
 * it cannot be read or a line is not `signature<TAB>reason`. */
static int load_baseline(struct gate *g)
{
    char *text, *line, *next;
    unsigned lineno = 0;

    if (!g->baseline[0] &&
        gate_fmt(g->baseline, sizeof g->baseline, "%s/corpus/baseline.tsv", g->trees.src) < 0)
        return gate_fail("source path too long");
    if (file_read(g->baseline, 0, &text, NULL) < 0)
        return gate_fail("cannot read the baseline %s: %s", g->baseline, strerror(errno));
    for (line = text; line && *line; line = next) {
        char *tab, *end;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        end = line + strlen(line);
        while (end > line && (end[-1] == '\r' || end[-1] == ' '))
            *--end = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        tab = strchr(line, '\t');
        if (tab == NULL || tab[1] == '\0' || strspn(tab + 1, " \t") == strlen(tab + 1)) {
            free(text);
            return gate_fail("%s:%u: want `signature<TAB>reason` (a reason is required)",
                             g->baseline, lineno);
        }
        *tab = '\0';
        if (!valid_signature(line)) {
            gate_fail("%s:%u: '%s' is not a signature (target:rule:ddi:typepath)", g->baseline,
                      lineno, line);
            free(text);
            return 2;
        }
        g->known = gate_realloc(g->known, (g->nknown + 1) * sizeof g->known[0]);
        g->known[g->nknown].sig = gate_strdup(line);
        g->known[g->nknown].reason = gate_strdup(tab + 1 + strspn(tab + 1, " \t"));
        g->nknown++;
    }
    free(text);
    return 0;
}

/* The baseline's reason for sig (gate_setup.h). Returns it, or NULL. */
const char *gate_setup_reason(const struct gate *g, const char *sig)
{
    size_t i;

    for (i = 0; i < g->nknown; i++)
        if (!strcmp(g->known[i].sig, sig))
            return g->known[i].reason;
    return NULL;
}

/* Whether build/<name><suffix> is there and executable. */
static int have_binary(const struct gate *g, const char *name, const char *suffix)
{
    char p[PATH_MAX];

    return gate_fmt(p, sizeof p, "%s/%s%s", g->trees.build, name, suffix) == 0 &&
           access(p, X_OK) == 0;
}

/* Adds regression file `file` of directory dir, of target tname, to g's
 * (not yet run). Returns 0 or 2. */
static int add_regression(struct gate *g, const char *dir, const char *tname, const char *file)
{
    struct gate_report_regression *r;
    char p[PATH_MAX];

    if (gate_fmt(p, sizeof p, "%s/%s", dir, file) < 0)
        return gate_fail("path too long under %s", dir);
    g->rep.regs = gate_realloc(g->rep.regs, (g->rep.nregs + 1) * sizeof g->rep.regs[0]);
    r = &g->rep.regs[g->rep.nregs++];
    memset(r, 0, sizeof *r);
    r->target_name = gate_strdup(tname);
    r->path = gate_strdup(p);
    r->name = gate_strdup(file);
    return 0;
}

/* Lists the regression files, each <target>/NAME.ufp of the regression
 * directory, and those of the targets out of the tree (drivers.tsv names
 * their directories), into g's (not yet run). Returns 0 or 2. */
static int list_regressions(struct gate *g)
{
    char abs[PATH_MAX], corpus[PATH_MAX];
    struct names top = {0}, subs = {0}, files = {0};
    size_t i, j;
    int rc = 0, beside = !g->regressions[0]; /* --regressions names them all */

    if (!g->regressions[0] &&
        gate_fmt(g->regressions, sizeof g->regressions, "%s/corpus/regressions",
                 g->trees.src) < 0)
        return gate_fail("source path too long");
    if (!realpath(g->regressions, abs) || !dir_is_dir(abs))
        return gate_fail("cannot read the regression directory %s: %s", g->regressions,
                         dir_is_dir(g->regressions) ? strerror(errno) : "not a directory");
    strcpy(g->regressions, abs);
    if (dir_list(abs, ".ufp", DIR_FILES, &top) < 0 || dir_list(abs, NULL, DIR_DIRS, &subs) < 0) {
        rc = gate_fail("cannot read %s: %s", abs, strerror(errno));
        goto out_free_lists;
    }
    if (top.n) {
        rc = gate_fail("%s/%s: a regression goes in the directory of its target (api/ for api"
                       " programs, <target>/ for a driver target's)", abs, top.v[0]);
        goto out_free_lists;
    }
    for (i = 0; i < subs.n; i++) {
        const char *tname = subs.v[i];
        char dir[PATH_MAX];

        if (gate_fmt(dir, sizeof dir, "%s/%s", abs, tname) < 0 ||
            dir_list(dir, ".ufp", DIR_FILES, &files) < 0) {
            rc = gate_fail("cannot read %s/%s", abs, tname);
            goto out_free_lists;
        }
        /* api's programs run in this process; a driver target's through its replay */
        if (gate_target(g, tname) > 0 && files.n && !have_binary(g, tname, "_replay")) {
            rc = gate_fail("missing build: %s/%s_replay", g->trees.build, tname);
            goto out_free_lists;
        }
        for (j = 0; j < files.n && rc == 0; j++)
            rc = add_regression(g, dir, tname, files.v[j]);
        names_free(&files);
        if (rc)
            goto out_free_lists;
    }
    /* A driver of -DUF_DRIVER_DIRS keeps its regressions beside it: those
     * drivers.tsv names outside corpus/regressions, unless --regressions
     * said where all of them are. */
    if (gate_fmt(corpus, sizeof corpus, "%s/corpus/regressions/", g->trees.src) < 0) {
        rc = gate_fail("source path too long");
        goto out_free_lists;
    }
    for (i = 1; beside && i < g->rep.ntargets && rc == 0; i++) {
        const struct tree_target *t = &g->tree[i];
        char here[PATH_MAX];

        if (!t->regressions[0] || !dir_is_dir(t->regressions) || gate_target(g, t->name) <= 0 ||
            !realpath(t->regressions, here) || strncmp(here, abs, strlen(abs)) == 0 ||
            strncmp(here, corpus, strlen(corpus)) == 0)
            continue;
        if (dir_list(here, ".ufp", DIR_FILES, &files) < 0) {
            rc = gate_fail("cannot read %s", here);
            goto out_free_lists;
        }
        if (files.n && !have_binary(g, t->name, "_replay")) {
            rc = gate_fail("missing build: %s/%s_replay", g->trees.build, t->name);
            goto out_free_lists;
        }
        for (j = 0; j < files.n && rc == 0; j++)
            rc = add_regression(g, here, t->name, files.v[j]);
        names_free(&files);
    }
out_free_lists:
    names_free(&files);
    names_free(&top);
    names_free(&subs);
    return rc;
}

/* Checks what step 2 needs: each fuzzed target's binaries and seeds (every
 * seed must parse). Returns 0 or 2. */
static int check_fuzz_inputs(const struct gate *g)
{
    static struct program p;
    size_t i, j;

    for (i = 0; i < g->rep.ntargets; i++) {
        const struct tree_target *t = &g->tree[i];
        struct names seeds;

        if (!g->rep.targets[i].fuzz)
            continue;
        if (!have_binary(g, t->name, "_fuzzer"))
            return gate_fail("missing build: %s/%s_fuzzer (libFuzzer targets need clang and"
                             " -DUF_LIBFUZZER=ON: the debug preset)", g->trees.build, t->name);
        if (i > 0 && (!have_binary(g, t->name, "_replay") || !have_binary(g, t->name, "_explore")))
            return gate_fail("missing build: %s/%s_replay or %s_explore", g->trees.build,
                             t->name, t->name);
        if (!t->seeds[0])
            continue;
        if (dir_list(t->seeds, ".ufp", DIR_FILES, &seeds) < 0)
            return gate_fail("cannot read the seeds of %s: %s: %s", t->name, t->seeds,
                             strerror(errno));
        for (j = 0; j < seeds.n; j++) {
            char sp[PATH_MAX];

            if (gate_fmt(sp, sizeof sp, "%s/%s", t->seeds, seeds.v[j]) < 0 ||
                prog_load_file_kind(sp, 1, i ? PROG_DRIVER : PROG_API, &p) < 0) {
                names_free(&seeds);
                return gate_fail("the seed %s of %s does not parse (above)", sp, t->name);
            }
        }
        names_free(&seeds);
    }
    return 0;
}

/* Checks the report paths: an explicit one must not exist and its
 * directory must. Returns 0 or 2. */
static int check_reports(const struct gate *g)
{
    const char *paths[2] = {g->sarif, g->junit};
    const int given[2] = {g->sarif_given, g->junit_given};
    int k;

    if (g->sarif_given && g->junit_given && !strcmp(g->sarif, g->junit))
        return gate_fail("--sarif and --junit name the same file");
    for (k = 0; k < 2; k++) {
        char dir[PATH_MAX], *slash;

        if (!given[k])
            continue;
        if (dir_exists(paths[k]))
            return gate_fail("%s exists: the gate does not overwrite a report (remove it, or"
                             " name another file)", paths[k]);
        strcpy(dir, paths[k]);
        slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        else
            strcpy(dir, ".");
        if (!dir_is_dir(dir) || access(dir, W_OK) != 0)
            return gate_fail("cannot write %s: no writable directory %s", paths[k], dir);
    }
    return 0;
}

/* scandir() filter: every entry but . and .., hidden ones too (dir_list()
 * leaves those out, and an emptied work directory must be empty). */
static int not_dots(const struct dirent *e)
{
    return strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
}

/* Empties work directory out, the marker aside; a non-empty directory
 * without the gate's marker is refused. Returns 0 or 2. */
static int empty_out(const char *out)
{
    char marker[PATH_MAX];
    struct dirent **all;
    int n, i, rc = 0;

    if (gate_fmt(marker, sizeof marker, "%s/%s", out, GATE_MARKER) < 0)
        return gate_fail("--out: path too long");
    n = scandir(out, &all, not_dots, NULL);
    if (n < 0)
        return gate_fail("cannot read %s: %s", out, strerror(errno));
    if (n && !dir_is_file(marker))
        rc = gate_fail("%s is not empty and not a directory the gate made (no %s): give"
                       " the gate a directory of its own with --out", out, GATE_MARKER);
    for (i = 0; i < n && rc == 0; i++) {
        char p[PATH_MAX];

        if (gate_fmt(p, sizeof p, "%s/%s", out, all[i]->d_name) == 0 &&
            strcmp(all[i]->d_name, GATE_MARKER) && dir_remove_tree(p) != 0)
            rc = gate_fail("cannot empty %s: %s", out, strerror(errno));
    }
    for (i = 0; i < n; i++)
        free(all[i]);
    free(all);
    return rc;
}

/* Makes the work directory, or empties the one a previous run made, and
 * marks it the gate's; names the default reports in it. Returns 0 or 2. */
static int prepare_out(struct gate *g)
{
    char marker[PATH_MAX], abs[PATH_MAX];
    int rc;

    if (dir_is_dir(g->out)) {
        if ((rc = empty_out(g->out)) != 0)
            return rc;
    } else if (dir_exists(g->out)) {
        return gate_fail("--out %s is not a directory", g->out);
    } else if (dir_make(g->out) != 0) {
        return gate_fail("cannot make %s: %s", g->out, strerror(errno));
    }
    if (!realpath(g->out, abs))
        return gate_fail("%s: %s", g->out, strerror(errno));
    strcpy(g->out, abs);
    if (gate_fmt(marker, sizeof marker, "%s/%s", g->out, GATE_MARKER) < 0 ||
        file_write(marker, MARKER_TEXT, strlen(MARKER_TEXT), FILE_REPLACE) != 0)
        return gate_fail("cannot write to %s: %s", g->out, strerror(errno));
    if (!g->sarif_given && gate_fmt(g->sarif, sizeof g->sarif, "%s/gate.sarif", g->out) < 0)
        return gate_fail("--out: path too long");
    if (!g->junit_given && gate_fmt(g->junit, sizeof g->junit, "%s/gate.junit.xml", g->out) < 0)
        return gate_fail("--out: path too long");
    return 0;
}

/* Every check, in order (gate_setup.h). Returns 0 or 2. */
int gate_setup(struct gate *g)
{
    char err[PATH_MAX + 256];
    int rc;

    if (trees_find(&g->trees, err, sizeof err) < 0)
        return gate_fail("%s", err);
    g->rep.src = g->trees.src;
    g->rep.baseline = g->baseline;
    g->rep.regressions = g->regressions;
    if ((rc = load_targets(g)) || (rc = select_targets(g)) || (rc = list_regressions(g)) ||
        (rc = load_baseline(g)) || (rc = check_fuzz_inputs(g)) || (rc = check_reports(g)) ||
        (rc = prepare_out(g)))
        return rc;
    return 0;
}
