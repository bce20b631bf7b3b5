/*
 * main.c - the `unloadfuzz` command: one entry, one subcommand per job.
 *
 * Every subcommand answers --help; bad arguments print a message and the
 * usage to stderr and exit with status 2.
 */
#include <stdio.h>
#include <string.h>

#include "campaign.h"
#include "convert.h"
#include "defs.h"
#include "demo.h"
#include "explore_cli.h"
#include "gate.h"
#include "init.h"
#include "report.h"
#include "repro.h"
#include "rulesdoc.h"


static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"init", init_main, "make a driver's own directory ready to build as fuzz targets"},
    {"demo", demo_main, "run the demo miniport's life and unload, printed as events"},
    {"repro", repro_main, "run program files and print their trace and violations"},
    {"convert", convert_main, "turn a program from text into binary or back"},
    {"explore", explore_cli_main, "sweep a program's faults, IRQLs and unloads; search its orderings"},
    {"fuzz", campaign_main, "run a fuzzing campaign: workers, progress, triage, resume"},
    {"triage", triage_cli_main, "replay crashes, group them by meaning, minimize one of each"},
    {"report", report_main, "write a campaign directory up: report.md, report.json, report.html"},
    {"gate", gate_main, "the merge gate: regressions, fuzzing, baseline; SARIF and JUnit"},
    {"rules", rules_main, "list the rules the framework model reports"},
    {"sites", sites_main, "list the allocation sites fail-alloc site= accepts"},
};

static void usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: unloadfuzz [--help] [--version] COMMAND [ARGS...]\n\n"
               "A fault-injection and fuzzing harness for the unload paths of KMDF\n"
               "miniport drivers.\n\ncommands:\n");
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'unloadfuzz COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("unloadfuzz %s\n", UF_VERSION);
        return 0;
    }
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "unloadfuzz: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
