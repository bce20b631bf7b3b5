/*
 * explore_cli.h - `unloadfuzz explore` (explore_cli.c).
 */
#ifndef UNLOADFUZZ_EXPLORE_CLI_H
#define UNLOADFUZZ_EXPLORE_CLI_H

int explore_cli_main(int argc, char **argv);
/* `unloadfuzz triage TARGET ...` (triage.c). */
int triage_cli_main(int argc, char **argv);

#endif
