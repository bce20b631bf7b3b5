/*
 * verdict.h - what a run comes to, and whether that is what its program
 * expects.
 *
 * A run's verdict is the set of rules it raised. A regression, a seed or
 * a finding's program says what it must give on its first `# expect:`
 * line: `# expect: RULE...`, or `# expect: clean`. The check is the same
 * for every caller (the gate, a driver target's replay, the tests): every
 * expected rule raised; no rule at or above break raised that is not
 * expected (warnings may come on top); and no internal-* rule raised at
 * all, whatever the line says, since that is the model found inconsistent.
 */
#ifndef UNLOADFUZZ_VERDICT_H
#define UNLOADFUZZ_VERDICT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The rules one run raised. */
struct verdict {
    uint32_t raised[RULE__COUNT]; /* per rule: how many times */
};

/* Forgets everything raised. */
void verdict_clear(struct verdict *v);
/* Notes that rule r was raised once more. */
void verdict_add(struct verdict *v, enum model_rule r);
/* Whether a rule at or above `fail_on` was raised. */
int verdict_fails(const struct verdict *v, enum model_severity fail_on);
/* How many times rules of severity `sev` exactly were raised: with SEV_GAP,
 * the calls of routines the model does not implement, which keep a run
 * from being called clean [U1]. */
uint32_t verdict_count(const struct verdict *v, enum model_severity sev);

/* Reads the first `# expect: RULE...` (or `# expect: clean`) line of the
 * text file `path` into want[] (1 for each rule listed). Returns its line
 * number, 0 when the file has none (or cannot be read), or -1 when it
 * names an unknown rule, which goes to bad (badn bytes). */
int expect_read(const char *path, uint8_t want[RULE__COUNT], char *bad, size_t badn);

/* How a verdict departs from an expectation. */
enum expect_miss {
    EXPECT_NOT_RAISED,   /* expected, not raised */
    EXPECT_NOT_EXPECTED, /* raised at or above break, not expected */
    EXPECT_INTERNAL      /* an internal-* rule raised: the model is wrong */
};
struct expect_mismatch {
    enum model_rule rule;
    enum expect_miss miss;
};
/* Compares verdict v with want[] (expect_read()). Writes the mismatches,
 * in rule order and at most one a rule, into out[0..max) and returns how
 * many there are (possibly more than max). */
size_t expect_compare(const struct verdict *v, const uint8_t want[RULE__COUNT],
                    struct expect_mismatch *out, size_t max);

#endif /* UNLOADFUZZ_VERDICT_H */
