/*
 * verdict.c - verdicts and their expectations (verdict.h).
 */
#include "verdict.h"

#include <stdio.h>
#include <string.h>

/* Forgets everything raised. */
void verdict_clear(struct verdict *v)
{
    memset(v->raised, 0, sizeof v->raised);
}

/* Counts rule r. */
void verdict_add(struct verdict *v, enum model_rule r)
{
    if ((unsigned)r < RULE__COUNT)
        v->raised[r]++;
}

/* Whether a rule at or above fail_on was raised. */
int verdict_fails(const struct verdict *v, enum model_severity fail_on)
{
    int r;

    for (r = 0; r < RULE__COUNT; r++)
        if (v->raised[r] && model_rule_severity((enum model_rule)r) >= fail_on)
            return 1;
    return 0;
}

uint32_t verdict_count(const struct verdict *v, enum model_severity sev)
{
    uint32_t n = 0;
    int r;

    for (r = 0; r < RULE__COUNT; r++)
        if (model_rule_severity((enum model_rule)r) == sev)
            n += v->raised[r];
    return n;
}

/* Reads the `# expect:` line of path (verdict.h). Returns its line number,
 * 0 for none, -1 for an unknown rule. */
int expect_read(const char *path, uint8_t want[RULE__COUNT], char *bad, size_t badn)
{
    char line[1024], *tok, *save = NULL;
    FILE *f = fopen(path, "r");
    int no = 0;

    memset(want, 0, RULE__COUNT);
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        if (strncmp(line, "# expect:", 9))
            continue;
        for (tok = strtok_r(line + 9, " \t\r\n", &save); tok;
             tok = strtok_r(NULL, " \t\r\n", &save)) {
            enum model_rule r;

            if (!strcmp(tok, "clean"))
                continue;
            r = model_rule_lookup(tok);
            if (r >= RULE__COUNT) {
                snprintf(bad, badn, "%s", tok);
                fclose(f);
                return -1;
            }
            want[r] = 1;
        }
        fclose(f);
        return no;
    }
    fclose(f);
    return 0;
}

/* Compares a verdict with an expectation (verdict.h). Returns the number
 * of mismatches. */
size_t expect_compare(const struct verdict *v, const uint8_t want[RULE__COUNT],
                    struct expect_mismatch *out, size_t max)
{
    size_t n = 0;
    int r;

    for (r = 0; r < RULE__COUNT; r++) {
        enum model_rule rule = (enum model_rule)r;
        enum expect_miss miss;

        if (v->raised[r] && model_rule_internal(rule))
            miss = EXPECT_INTERNAL;
        else if (want[r] && !v->raised[r])
            miss = EXPECT_NOT_RAISED;
        else if (v->raised[r] && !want[r] && model_rule_severity(rule) >= SEV_BREAK)
            miss = EXPECT_NOT_EXPECTED;
        else
            continue;
        if (n < max) {
            out[n].rule = rule;
            out[n].miss = miss;
        }
        n++;
    }
    return n;
}
