/*
 * campaign.h - `unloadfuzz fuzz`, the fuzzing campaign (campaign.c;
 * docs/CAMPAIGNS.md, "Running a campaign" and "The campaign directory").
 */
#ifndef UNLOADFUZZ_CAMPAIGN_H
#define UNLOADFUZZ_CAMPAIGN_H

/* `unloadfuzz fuzz` with its arguments after the command's name:
 * [TARGET...] [--engine libfuzzer|afl] [--time DURATION] [--jobs N]
 * [--out DIR] [--inject LIST] [--seed N] [--sync-dir DIR [--main]]. Runs
 * the targets in turn, triages their crashes and records the campaign in
 * DIR, resuming what DIR holds. Returns the exit status: 0 no finding, 1
 * findings, 2 bad arguments, a missing build or a seed that does not parse
 * (on bad arguments nothing is written). */
int campaign_main(int argc, char **argv);

#endif /* UNLOADFUZZ_CAMPAIGN_H */
