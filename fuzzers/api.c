/*
 * api.c - the `api` fuzz target: the engine plays an arbitrary driver.
 *
 * The input is a binary program (every byte string is one); it runs against
 * a fresh model with the independent checker attached. Misuse is the point
 * here, so violations are expected and ignored; the target crashes only when
 * the model finds itself inconsistent or the checker catches it out (an
 * internal-* rule), printing one stable first line `unloadfuzz: api: <rule>`
 * before abort() so every engine files it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "check.h"
#include "exec.h"
#include "program.h"
#ifdef UF_API_MUTATOR
#include "mutator.h"
#endif


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct program decoded;
    const struct program *prog = &decoded;
    static struct exec x;
    static struct check check;
    static enum model_rule internal[RULE__COUNT];
    static int ninternal = -1;
    int r;

    if (ninternal < 0) /* the internal-* rules, found once */
        for (ninternal = 0, r = 0; r < RULE__COUNT; r++)
            if (model_rule_internal((enum model_rule)r))
                internal[ninternal++] = (enum model_rule)r;
    if (size > UF_MAX_INPUT)
        return 0;
#ifdef UF_API_MUTATOR
    /* The structure-aware mutator just wrote these bytes: it still holds
     * their program, which is what decoding them would give. */
    prog = mut_last_output(data, size);
    if (prog == NULL)
#endif
    {
        prog_decode(data, size, &decoded);
        prog = &decoded;
    }
    x.check = &check;
    exec_run(&x, prog);
    if (check.nfindings) {
        fprintf(stderr, "unloadfuzz: api: %s\n", model_rule_id(check.findings[0].rule));
        abort();
    }
    for (r = 0; r < ninternal; r++)
        if (model_rule_count(internal[r])) {
            fprintf(stderr, "unloadfuzz: api: %s\n", model_rule_id(internal[r]));
            abort();
        }
    return 0;
}
