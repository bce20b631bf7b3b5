/*
 * unmodelled.c - the routines of unmodelled.def, unmodelled_km.def and
 * unmodelled_ndis.def
 * (and, through model_not_modelled, the port's): each reports
 * ddi-not-modelled, naming itself and the driver's line, and returns its
 * failure. Any IRQL, any time: the point is to say the model was left,
 * not to check the call.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>

#include "internal.h"
#include "uf/ndis.h"

/* Reports the call of `name` at the call site the driver's macro recorded. */
static void not_modelled(const char *name)
{
    enum model_ddi ddi = uf__model.ddi;
    const char *file = uf__model.site_file;
    int line = uf__model.site_line;
    char detail[160];

    if (model_now.halted)
        return;
    uf__model.ddi = DDI_NONE;
    uf__model.site_file = uf__model.call_file;
    uf__model.site_line = uf__model.call_line;
    uf__model.call_file = NULL;
    uf__model.call_line = 0;
    snprintf(detail, sizeof detail, "%s is not modelled: it returned a failure", name);
    uf__violation(RULE_DDI_NOT_MODELLED, NULL, detail);
    uf__model.ddi = ddi;
    uf__model.site_file = file;
    uf__model.site_line = line;
}

#define UNMODELLED(ret, name, params, fail) \
    ret name params                         \
    {                                       \
        not_modelled(#name);                \
        return fail;                        \
    }
#define UNMODELLED_VOID(name, params) \
    VOID name params                  \
    {                                 \
        not_modelled(#name);          \
    }
#include "uf/unmodelled.def"
#include "uf/unmodelled_km.def"
#include "uf/unmodelled_ndis.def"
#undef UNMODELLED
#undef UNMODELLED_VOID

void model_not_modelled(const char *routine)
{
    not_modelled(routine);
}

void model_port_call_site(const char **file, int *line)
{
    *file = uf__model.call_file;
    *line = uf__model.call_line;
    uf__model.call_file = NULL;
    uf__model.call_line = 0;
}

void model_port_violation(enum model_rule rule, const char *detail, int at_call)
{
    enum model_ddi ddi = uf__model.ddi;
    const char *file = uf__model.site_file;
    int line = uf__model.site_line;

    if (model_now.halted)
        return;
    uf__model.ddi = DDI_NONE;
    uf__model.site_file = at_call ? uf__model.call_file : NULL;
    uf__model.site_line = at_call ? uf__model.call_line : 0;
    if (at_call) {
        uf__model.call_file = NULL;
        uf__model.call_line = 0;
    }
    uf__violation(rule, NULL, detail);
    uf__model.ddi = ddi;
    uf__model.site_file = file;
    uf__model.site_line = line;
}
