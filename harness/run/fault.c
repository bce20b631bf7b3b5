/*
 * fault.c - a program's fail-alloc op made the model's fault plan, the
 * same for the api interpreter (exec.c) and the port simulation (port.c).
 */
#include "fault.h"

#include <string.h>

/* Arms the plan of fail-alloc op *o (fault.h). */
void fault_arm(const struct op *o)
{
    struct model_fault_plan plan;

    memset(&plan, 0, sizeof(plan));
    if (o->opts & OPT_NTH) {
        plan.mode = FAULT_NTH;
        plan.n = o->num;
    } else if (o->opts & OPT_AFTER) {
        plan.mode = FAULT_AFTER;
        plan.n = o->num;
    } else if (o->opts & OPT_SITE) {
        plan.mode = FAULT_SITE;
        plan.site = (enum model_site)o->num;
    } else if (o->opts & OPT_PERCENT) {
        plan.mode = FAULT_PERCENT;
        plan.percent = o->num;
        plan.seed = o->seed;
    }
    model_fault_arm(&plan);
}
