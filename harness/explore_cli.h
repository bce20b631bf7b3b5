/*
 * explore_cli.h - `unloadfuzz explore` (explore_cli.c).
 */
#ifndef UNLOADFUZZ_EXPLORE_CLI_H
#define UNLOADFUZZ_EXPLORE_CLI_H

int explore_cli_main(int argc, char **argv);
/* `unloadfuzz fuzz ...`: runs scripts/campaign.sh (docs/CAMPAIGNS.md). */
int fuzz_cli_main(int argc, char **argv);
/* `unloadfuzz triage TARGET ...` (triage.c). */
int triage_cli_main(int argc, char **argv);
/* Replaces this process with the driver target's binary <target><suffix>
 * beside this one ("ndis_sample" "_replay"), passing argv (argv[0] is
 * replaced). Returns 2 after printing why when it cannot. */
int exec_target_binary(const char *cmd, const char *target, const char *suffix, char **argv);

#endif
