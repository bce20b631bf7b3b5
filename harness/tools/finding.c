/*
 * finding.c - a violation kept as a finding, its equality and its
 * signature (finding.h): the one place the explorer (explore_engine.c)
 * decides which findings are distinct and triage (triage.c) spells what a
 * crash means, the signature the gate then reads from triage.json.
 */
#include "finding.h"

#include <stdio.h>
#include <string.h>

/* Bytes of a signature's type path text: a longer path is cut there. */
#define TYPEPATH_TEXT_MAX 128

/* Fills *f from ev (finding.h), walking the object's ancestors. */
void finding_from_event(struct finding *f, const struct model_event *ev)
{
    struct model_object_info info;
    enum model_type leaf_first[FINDING_PATH_MAX];
    uint32_t id = ev->object, k = 0;

    f->rule = ev->rule;
    f->ddi = ev->ddi;
    f->type = ev->type;
    f->file = ev->file;
    f->line = ev->line;
    while (id != 0 && k < FINDING_PATH_MAX && model_object_info(id, &info) == 0) {
        leaf_first[k++] = info.type;
        id = info.parent;
    }
    f->depth = k;
    for (id = 0; id < k; id++)
        f->path[id] = leaf_first[k - 1 - id];
}

/* The explorer's equality (finding.h). Returns 1 or 0. */
int finding_same(const struct finding *a, const struct finding *b)
{
    return a->rule == b->rule && a->ddi == b->ddi && a->type == b->type && a->line == b->line &&
           (a->file == b->file || (a->file && b->file && !strcmp(a->file, b->file)));
}

/* Writes f's signature (finding.h). Returns the length it needed. */
int finding_signature(const struct finding *f, const char *target, char *buf, size_t n)
{
    char path[TYPEPATH_TEXT_MAX];
    size_t len = 0;
    uint32_t k;

    path[0] = '\0';
    for (k = 0; k < f->depth && len < sizeof path; k++)
        len += (size_t)snprintf(path + len, sizeof path - len, "%s%s", len ? "/" : "",
                                model_type_name(f->path[k]));
    return snprintf(buf, n, "%s:%s:%s:%s", target, model_rule_id(f->rule),
                    f->ddi ? model_ddi_name(f->ddi) : "-", path[0] ? path : "-");
}
