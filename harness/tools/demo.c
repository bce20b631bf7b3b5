/*
 * demo.c - `unloadfuzz demo`: a miniport's life, played by the port
 * simulation, printed as the model's events.
 *
 * It is a driver program run twice through driver targets' own replay
 * binaries (the build puts them beside this one): the demo miniport
 * (drivers/demo, target `demo`), whose port unloads it twice, the second
 * time misbehaving on purpose (--inject=double-unload: the driver's own
 * guard must hold), and the same driver with its unload guarded by
 * WdfGetDriver() (`demo_bug_stale_guard`), which the second unload turns
 * into a use of the freed driver object. Each replay resets the model, so
 * the two runs are independent and print the same lines every time.
 */
#include "demo.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "proc.h"

/* The demo's program: the port's side of the miniport's life. */
static const char tour[] =
    "# expect: clean\n"
    "# The demo miniport's life, with a port that unloads it twice.\n"
    "load\n"
    "device-arrival\n"
    "fire timer#0\n"
    "run workitem#0\n"
    "device-removal\n"
    "port-unload\n"
    "port-unload\n";

struct demo_opts {
    int quiet; /* no event lines, only the summaries */
    int which; /* 0 both runs, 1 the correct driver, 2 the buggy one */
};

/* One run's outcome. */
struct demo_run {
    int status;         /* the replay's exit status */
    int double_unload;  /* it raised double-unload */
};

/* Prints the replay's output in `text` under a run: every line but the
 * first (the program's temporary file), then a summary of the violations
 * by rule. Fills *r. */
static void show(const char *text, int quiet, struct demo_run *r)
{
    const char *p = strchr(text, '\n'), *end;
    int any = 0;

    p = p ? p + 1 : text + strlen(text);
    for (; *p; p = *end ? end + 1 : end) {
        end = strchr(p, '\n');
        if (end == NULL)
            end = p + strlen(p);
        if (!quiet && strncmp(p, "  verdict:", 10) != 0 && strncmp(p, "  violation ", 12) != 0)
            printf("%.*s\n", (int)(end - p), p);
        if (strncmp(p, "  violation ", 12) == 0) {
            printf("  %.*s\n", (int)(end - p - 2), p + 2);
            any = 1;
            if (strncmp(p + 12, "double-unload ", 14) == 0)
                r->double_unload = 1;
        }
    }
    if (!any)
        printf("  no violations\n");
}

/* Runs the tour through target `name`'s replay binary, in the file `path`.
 * Returns 0, or 2 when the binary could not run (said). */
static int play(const char *name, const char *path, const struct demo_opts *o,
                struct demo_run *r)
{
    char dir[PATH_MAX], bin[PATH_MAX + 64], log[PATH_MAX + 16];
    char *argv[7], *text = NULL;
    int n = 0;

    if (proc_self_dir(dir, sizeof dir) < 0) {
        fprintf(stderr, "unloadfuzz demo: cannot find my own directory: %s\n", strerror(errno));
        return 2;
    }
    snprintf(bin, sizeof bin, "%s/%s_replay", dir, name);
    if (access(bin, X_OK) != 0) {
        fprintf(stderr, "unloadfuzz demo: no %s (build the drivers: cmake --build --preset"
                        " debug)\n", bin);
        return 2;
    }
    snprintf(log, sizeof log, "%s.log", path);
    argv[n++] = bin;
    argv[n++] = "--inject=double-unload";
    argv[n++] = "--text";
    if (!o->quiet)
        argv[n++] = "--trace";
    argv[n++] = (char *)path;
    argv[n] = NULL;
    r->status = proc_run(argv, NULL, log);
    r->double_unload = 0;
    if (r->status < 0 || file_read(log, 0, &text, NULL) < 0) {
        fprintf(stderr, "unloadfuzz demo: %s did not run\n", bin);
        unlink(log);
        return 2;
    }
    unlink(log);
    show(text, o->quiet, r);
    free(text);
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz demo [--correct | --buggy] [--quiet]\n"
            "\n"
            "Runs the bundled demo miniport (drivers/demo) through load, a device\n"
            "arriving, its timer and work item firing, the device leaving, and two\n"
            "unloads (the second one is the port misbehaving on purpose), printing\n"
            "every event of the framework model.\n"
            "\n"
            "  --correct  only the driver that guards its unload with its own state\n"
            "  --buggy    only the variant that guards with WdfGetDriver()\n"
            "  --quiet    print the summaries, not the events\n"
            "  --help     this text\n"
            "\n"
            "Exit status: 0 when the correct driver is clean and the buggy one raises\n"
            "double-unload, 1 otherwise, 2 for bad arguments.\n");
}

/* `unloadfuzz demo` (demo.h). Returns the exit status. */
int demo_main(int argc, char **argv)
{
    struct demo_opts o = {0, 0};
    struct demo_run r;
    char path[] = "/tmp/unloadfuzz-demo-XXXXXX";
    int i, fd, ok = 1, rc = 0;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--quiet")) {
            o.quiet = 1;
        } else if (!strcmp(argv[i], "--correct")) {
            o.which = 1;
        } else if (!strcmp(argv[i], "--buggy")) {
            o.which = 2;
        } else {
            fprintf(stderr, "unloadfuzz demo: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    fd = mkstemp(path);
    if (fd < 0 || write(fd, tour, sizeof tour - 1) != (ssize_t)(sizeof tour - 1)) {
        fprintf(stderr, "unloadfuzz demo: cannot write a temporary file: %s\n", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return 2;
    }
    close(fd);
    if (o.which != 2) {
        printf("run 1: the demo miniport, unload guarded by its own state\n");
        rc = play("demo", path, &o, &r);
        ok &= rc == 0 && r.status == 0;
    }
    if (rc == 0 && o.which != 1) {
        printf("%srun 2: the same driver, unload guarded by WdfGetDriver()\n",
               o.which ? "" : "\n");
        rc = play("demo_bug_stale_guard", path, &o, &r);
        ok &= rc == 0 && r.double_unload;
    }
    unlink(path);
    if (rc)
        return rc;
    printf("\n%s\n", ok ? "demo: as expected (the correct driver is clean; the stale guard "
                          "is caught as double-unload)"
                        : "demo: UNEXPECTED result, see the events above");
    return ok ? 0 : 1;
}
