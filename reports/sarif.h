/*
 * sarif.h - the merge gate's SARIF 2.1.0 log, for code scanning
 * (docs/CAMPAIGNS.md, "The reports").
 *
 * One run of the tool unloadfuzz: one reportingDescriptor per catalogue
 * rule and the gate's two (GATE_RULE_BROKEN, GATE_RULE_ENGINE); one result
 * per new finding and per problem of a broken regression, located at the
 * driver source line of the offending call, with the minimized program as
 * a related location and in the message. It holds no clock time and no
 * machine name: the same run gives it byte for byte.
 */
#ifndef UNLOADFUZZ_SARIF_H
#define UNLOADFUZZ_SARIF_H

#include "gate_report.h"

/* The SARIF log of run r, as indented JSON text (malloc'd, the caller
 * frees it), or NULL when out of memory. */
char *sarif_text(const struct gate_report *r);

#endif /* UNLOADFUZZ_SARIF_H */
