/*
 * rjson.h - report.json: what report.md and report.html show, for tools.
 *
 * campaign.json as it is, the summary's figures, one object per target
 * and per rule as the tables show them, each finding as findings.json has
 * it with its program file and text, and the source coverage (null when
 * scripts/coverage.sh has not run). docs/CAMPAIGNS.md names the members.
 */
#ifndef UNLOADFUZZ_RJSON_H
#define UNLOADFUZZ_RJSON_H

#include "tally.h"

/* The text of report.json of the campaign ty is the figures of, without a
 * final line break (malloc'd, the caller frees it), or NULL when out of
 * memory. */
char *rjson_text(const struct tally *ty);

#endif /* UNLOADFUZZ_RJSON_H */
