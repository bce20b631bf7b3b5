/*
 * junit.h - the merge gate's JUnit XML, for CI test views
 * (docs/CAMPAIGNS.md, "The reports").
 *
 * A testsuite `regressions` with one testcase per regression file (a
 * failure for a broken one, with what went wrong) and a testsuite `fuzz`
 * with one testcase per fuzzed target (a failure when it found something
 * new, with each new finding's violation, location, minimized program and
 * reproduce command). Both the Ant schema and Jenkins' junit-4.xsd accept
 * it. It carries the durations, a timestamp and the host JUnit readers
 * expect.
 */
#ifndef UNLOADFUZZ_JUNIT_H
#define UNLOADFUZZ_JUNIT_H

#include "gate_report.h"

/* The JUnit XML of run r, its suites stamped with `timestamp` (ISO 8601,
 * UTC, no zone: "2025-03-14T09:00:00") and `host` (malloc'd, the caller
 * frees it), or NULL when out of memory. */
char *junit_text(const struct gate_report *r, const char *timestamp, const char *host);

#endif /* UNLOADFUZZ_JUNIT_H */
