/*
 * catalogue.c - names and metadata of rules, DDIs, sites, types and states.
 *
 * The tables are expanded from rules.def, ddi.def and sites.def, so each fact
 * is written once; docs/RULES.md and `unloadfuzz rules` read them from here.
 */
#include <string.h>

#include "internal.h"

/* Read inline on every violation and every DDI entry (internal.h). */
const uint8_t uf__rule_severity[RULE__COUNT] = {
#define RULE(e, id, sev, whose, ref, sem, desc) SEV_##sev,
#include "rules.def"
#undef RULE
};
/* Whether each rule is the model's own (INTERNAL) rather than the driver's. */
#define DRIVER 0
#define INTERNAL 1
static const uint8_t rule_internal[RULE__COUNT] = {
#define RULE(e, id, sev, whose, ref, sem, desc) whose,
#include "rules.def"
#undef RULE
};
#undef DRIVER
#undef INTERNAL
const KIRQL uf__ddi_max_irql[DDI__COUNT] = {
    HIGH_LEVEL,
#define DDI(name, irql) irql,
#include "ddi.def"
#undef DDI
};

static const struct {
    const char *id;
    const char *reference;
    const char *semantics;
    const char *description;
} rules[RULE__COUNT] = {
#define RULE(e, id, sev, whose, ref, sem, desc) {id, ref, sem, desc},
#include "rules.def"
#undef RULE
};

static const char *const ddis[DDI__COUNT] = {
    "",
#define DDI(name, irql) #name,
#include "ddi.def"
#undef DDI
};

static const char *const sites[SITE__COUNT] = {
#define SITE(e, name, kind) name,
#include "sites.def"
#undef SITE
};

static const uint8_t site_kinds[SITE__COUNT] = {
#define SITE(e, name, kind) SITE_KIND_##kind,
#include "sites.def"
#undef SITE
};

static const char *const severities[SEV__COUNT] = {"gap", "warning", "break", "ub", "bugcheck"};

static const char *const types[TYPE__COUNT] = {
    "none", "driver", "device", "object", "memory", "timer",
    "workitem", "spinlock", "waitlock", "collection", "iotarget",
    "request", "dpc", "string", "key", "lookaside",
};

static const char *const states[STATE__COUNT] = {
    "created", "disposing", "deferred", "disposed", "freed",
};

const char *model_rule_id(enum model_rule r) { return rules[r].id; }
enum model_severity model_rule_severity(enum model_rule r) { return (enum model_severity)uf__rule_severity[r]; }
int model_rule_internal(enum model_rule r) { return rule_internal[r]; }
const char *model_rule_reference(enum model_rule r) { return rules[r].reference; }
const char *model_rule_semantics(enum model_rule r) { return rules[r].semantics; }
const char *model_rule_description(enum model_rule r) { return rules[r].description; }
const char *model_severity_name(enum model_severity s) { return severities[s]; }
const char *model_ddi_name(enum model_ddi d) { return ddis[d]; }
KIRQL model_ddi_max_irql(enum model_ddi d) { return uf__ddi_max_irql[d]; }
const char *model_site_name(enum model_site s) { return sites[s]; }
enum model_site_kind model_site_kind(enum model_site s) { return (enum model_site_kind)site_kinds[s]; }
const char *model_type_name(enum model_type t) { return types[t]; }
const char *model_state_name(enum model_state s) { return states[s]; }

enum model_rule model_rule_lookup(const char *id)
{
    int r;

    for (r = 0; r < RULE__COUNT; r++)
        if (strcmp(rules[r].id, id) == 0)
            return (enum model_rule)r;
    return RULE__COUNT;
}

enum model_severity model_severity_lookup(const char *name)
{
    int s;

    for (s = 0; s < SEV__COUNT; s++)
        if (strcmp(severities[s], name) == 0)
            return (enum model_severity)s;
    return SEV__COUNT;
}

enum model_site model_site_lookup(const char *name)
{
    int s;

    for (s = 0; s < SITE__COUNT; s++)
        if (strcmp(sites[s], name) == 0)
            return (enum model_site)s;
    return SITE__COUNT;
}
