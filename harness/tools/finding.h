/*
 * finding.h - what a violation is, for the tools that hunt them: the
 * explorer, triage and, through triage.json, the gate (finding.c).
 *
 * The model reports a violation as an event (model.h); a tool keeps it as
 * a finding: the rule, the DDI that raised it, the type of its object and
 * that object's type path (its type and its ancestors', root first, as
 * driver/device/timer), and the driver's call site. Two questions are asked
 * of findings, each answered here once:
 *  - the explorer's: are two the same finding? (rule, DDI, object type,
 *    call site: finding_same());
 *  - triage's and the gate's: what does a crash mean? Its signature,
 *    target:rule:ddi:typepath (finding_signature()), which groups crashes
 *    by meaning rather than by where the stack was.
 */
#ifndef UNLOADFUZZ_FINDING_H
#define UNLOADFUZZ_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Types a type path holds at most: the object's and 15 ancestors'. */
#define FINDING_PATH_MAX 16

/* One violation, as the tools keep it. */
struct finding {
    enum model_rule rule;                   /* the rule broken */
    enum model_ddi ddi;                     /* the DDI that raised it; DDI_NONE: the port */
    enum model_type type;                   /* its object's type, as the event names it */
    enum model_type path[FINDING_PATH_MAX]; /* the object's type path, root first */
    uint32_t depth;                         /* entries of path; 0 for no object */
    const char *file;                       /* driver call site (basename, static); NULL: none */
    int line;                               /* its line */
};

/* Fills *f from the violation event ev. The type path is read from the
 * model's objects as they are now, so call it while ev is delivered. */
void finding_from_event(struct finding *f, const struct model_event *ev);

/* Whether a and b are the same finding as the explorer counts them: the
 * same rule, DDI, object type, call site file and line (the type path is
 * not compared). Returns 1 or 0. */
int finding_same(const struct finding *a, const struct finding *b);

/* Writes f's signature for target `target`, "target:rule:ddi:typepath"
 * ("-" for no DDI and for no object; the type path as type/type/...),
 * into buf of n bytes, like snprintf. Returns the length it needed. */
int finding_signature(const struct finding *f, const char *target, char *buf, size_t n);

#endif /* UNLOADFUZZ_FINDING_H */
