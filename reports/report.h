/*
 * report.h - `unloadfuzz report DIR` (report.c): a campaign directory
 * (docs/CAMPAIGNS.md) written up as DIR/report.md, DIR/report.json and a
 * self-contained DIR/report.html with plots.
 */
#ifndef UNLOADFUZZ_REPORT_H
#define UNLOADFUZZ_REPORT_H

/* The command; argv after its name. Reads DIR/campaign.json, progress.tsv,
 * findings.json, the program files findings.json names and, when present,
 * DIR/coverage/summary.json (scripts/coverage.sh). Returns the exit status:
 * 0 the three reports written, 2 bad usage or a missing or malformed input
 * (then nothing in DIR is written or overwritten). */
int report_main(int argc, char **argv);

#endif /* UNLOADFUZZ_REPORT_H */
