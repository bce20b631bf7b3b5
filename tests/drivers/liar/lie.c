/*
 * lie.c - makes the model lie to whoever asks it about reference counts:
 * linked into liar_replay with -Wl,--wrap=model_object_refs, so every call
 * of model_object_refs() outside the model (the checker's) comes here.
 * With UF_LIE=refcount in the environment, a count above one is reported
 * one lower than it is: a reference taken looks like none taken, which is
 * what a model that forgot to count it would say. Without it, the truth.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

int __real_model_object_refs(uint32_t id, int32_t *refs, enum model_state *state);
int __wrap_model_object_refs(uint32_t id, int32_t *refs, enum model_state *state);

/* model_object_refs(), lying when asked to. Returns as the real one. */
int __wrap_model_object_refs(uint32_t id, int32_t *refs, enum model_state *state)
{
    static int lie = -1;
    int rc = __real_model_object_refs(id, refs, state);

    if (lie < 0) {
        const char *e = getenv("UF_LIE");

        lie = e != NULL && strcmp(e, "refcount") == 0;
    }
    if (rc == 0 && lie && *refs > 1)
        *refs -= 1;
    return rc;
}
