/*
 * explore_cli.c - `unloadfuzz explore TARGET [ARGS...]`: the explorer
 * (explore.c) on the api target in this process, or on a driver target by
 * running that target's own explorer, <TARGET>_explore, which the build
 * puts beside this binary (a driver is linked into its own binaries only).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "exec.h"
#include "explore.h"
#include "explore_cli.h"
#include "proc.h"
#include "triage.h"

/* Where the api runner's events go. */
static struct {
    model_sink_fn sink;
    void *arg;
} api_sink;

static void api_event(struct exec *x, const struct model_event *ev, uint32_t op)
{
    (void)x;
    (void)op;
    api_sink.sink(ev, api_sink.arg);
}

/* The api target's runner: the interpreter with the independent checker,
 * whose findings (internal-unreported-*, the api target's crashes) reach
 * the sink as violations of their own, after the model's events. */
static void run_api(const struct program *p, uint32_t inject, model_sink_fn sink, void *arg,
                    uint32_t *port_state)
{
    static struct exec x;
    static struct check check;
    struct model_event ev;
    uint32_t i;

    (void)inject;
    api_sink.sink = sink;
    api_sink.arg = arg;
    x.on_event = sink ? api_event : NULL;
    x.check = &check;
    exec_run(&x, p);
    for (i = 0; sink && i < check.nfindings && i < CHECK_MAX_FINDINGS; i++) {
        memset(&ev, 0, sizeof ev);
        ev.kind = EV_VIOLATION;
        ev.rule = check.findings[i].rule;
        ev.object = check.findings[i].object;
        ev.detail = check.findings[i].what;
        sink(&ev, arg);
    }
    *port_state = 0;
}

static void explore_usage(FILE *f)
{
    fprintf(f, "usage: unloadfuzz explore TARGET [OPTIONS] [PROGRAM...]\n"
               "\n"
               "TARGET is api (PROGRAM files are required) or a driver target (its\n"
               "seeds when no PROGRAM is given); 'unloadfuzz explore TARGET --help'\n"
               "lists the options. docs/EXPLORING.md says what the sweeps prove.\n");
}

int explore_cli_main(int argc, char **argv)
{
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        explore_usage(argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    if (!strcmp(argv[0], "api")) {
        struct explore_target t = {"api", PROG_API, run_api, "unloadfuzz repro", NULL, NULL};

        return explore_main(&t, argc - 1, argv + 1);
    }
    return proc_exec_beside("explore", argv[0], "_explore", argv);
}

static void triage_usage(FILE *f)
{
    fprintf(f, "usage: unloadfuzz triage TARGET [OPTIONS] CRASH...\n"
               "\n"
               "TARGET is api or a driver target. Replays each crash three times, groups\n"
               "them by signature, minimizes one of each and writes it as text with the\n"
               "command that reproduces it; 'unloadfuzz triage TARGET --help' lists the\n"
               "options.\n");
}

int triage_cli_main(int argc, char **argv)
{
    static char *args[258];
    int i;

    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        triage_usage(argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    if (!strcmp(argv[0], "api")) {
        struct explore_target t = {"api", PROG_API, run_api, "unloadfuzz repro", NULL, NULL};

        return triage_main(&t, argc - 1, argv + 1);
    }
    if (argc > 255) {
        fprintf(stderr, "unloadfuzz triage: too many arguments (give a directory)\n");
        return 2;
    }
    args[1] = "triage";
    for (i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    args[argc + 1] = NULL;
    return proc_exec_beside("triage", argv[0], "_explore", args);
}
