/*
 * target.c - a run's options (target.h): the environment variables
 * UNLOADFUZZ_INJECT (double-unload, irql, both comma-separated, or none),
 * UNLOADFUZZ_FAIL_ON (warning, break, ub, bugcheck) and
 * UNLOADFUZZ_UNLOAD_CALLBACK (source, documented) and UNLOADFUZZ_KEEP_GLOBALS
 * (1), then the same as --inject=..., --fail-on=..., --unload-callback=...
 * and --keep-globals arguments, which
 * libFuzzer leaves to the target (it ignores arguments starting with two
 * dashes).
 */
#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct target_options opts = {0, SEV_BREAK, MODEL_UNLOAD_CALLBACK_SOURCE, 0, 0};

/* Sets one option from value v (target.h). Returns 0, or -1 after saying
 * what is wrong. */
int target_set_option(const char *who, const char *option, const char *v)
{
    enum model_severity s;

    if (strcmp(option, "inject") == 0) {
        if (target_parse_inject(v, &opts.inject) == 0)
            return 0;
        fprintf(stderr, "unloadfuzz: %s: bad inject '%s' (double-unload, irql, both, or none)\n",
                who, v);
        return -1;
    }
    if (strcmp(option, "unload-callback") == 0) {
        if (strcmp(v, "source") == 0 || strcmp(v, "documented") == 0) {
            opts.unload_callback = v[0] == 'd' ? MODEL_UNLOAD_CALLBACK_DOCUMENTED
                                               : MODEL_UNLOAD_CALLBACK_SOURCE;
            return 0;
        }
        fprintf(stderr, "unloadfuzz: %s: bad unload-callback '%s' (source or documented)\n", who,
                v);
        return -1;
    }
    s = model_severity_lookup(v);
    if (s < SEV__COUNT) {
        opts.fail_on = s;
        return 0;
    }
    fprintf(stderr, "unloadfuzz: %s: bad fail-on '%s' (warning, break, ub or bugcheck)\n", who, v);
    return -1;
}

/* Reads the environment and the arguments (target.h). Returns 0 or -1. */
int target_configure(const char *name, int argc, char **argv)
{
    const char *e;
    int i;

    if ((e = getenv("UNLOADFUZZ_INJECT")) != NULL && target_set_option(name, "inject", e) < 0)
        return -1;
    if ((e = getenv("UNLOADFUZZ_FAIL_ON")) != NULL && target_set_option(name, "fail-on", e) < 0)
        return -1;
    if ((e = getenv("UNLOADFUZZ_UNLOAD_CALLBACK")) != NULL &&
        target_set_option(name, "unload-callback", e) < 0)
        return -1;
    if ((e = getenv("UNLOADFUZZ_KEEP_GLOBALS")) != NULL)
        opts.keep_globals = strcmp(e, "1") == 0;
    for (i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--inject=", 9) == 0 &&
            target_set_option(name, "inject", argv[i] + 9) < 0)
            return -1;
        if (strncmp(argv[i], "--fail-on=", 10) == 0 &&
            target_set_option(name, "fail-on", argv[i] + 10) < 0)
            return -1;
        if (strncmp(argv[i], "--unload-callback=", 18) == 0 &&
            target_set_option(name, "unload-callback", argv[i] + 18) < 0)
            return -1;
        if (strcmp(argv[i], "--keep-globals") == 0)
            opts.keep_globals = 1;
    }
    opts.configured = 1;
    return 0;
}

int target_unload_callback_from_env(const char *who)
{
    const char *e = getenv("UNLOADFUZZ_UNLOAD_CALLBACK");

    return e != NULL ? target_set_option(who, "unload-callback", e) : 0;
}

const char *target_unload_callback_arg(void)
{
    return opts.unload_callback == MODEL_UNLOAD_CALLBACK_DOCUMENTED ? " --unload-callback=documented"
                                                                     : "";
}

/* The options of this process. */
const struct target_options *target_options(void)
{
    return &opts;
}

/* Parses an --inject list (target.h). Returns 0 or -1. */
int target_parse_inject(const char *s, uint32_t *out)
{
    const char *w = s;

    *out = 0;
    if (strcmp(s, "none") == 0)
        return 0;
    while (*w) {
        size_t n = strcspn(w, ",");

        if (n == 13 && strncmp(w, "double-unload", n) == 0)
            *out |= PORT_INJECT_DOUBLE_UNLOAD;
        else if (n == 4 && strncmp(w, "irql", n) == 0)
            *out |= PORT_INJECT_IRQL;
        else
            return -1;
        w += n + (w[n] == ',');
    }
    return 0;
}

/* The --inject spelling of the bits (target.h). */
const char *target_inject_name(uint32_t inject)
{
    switch (inject & (PORT_INJECT_DOUBLE_UNLOAD | PORT_INJECT_IRQL)) {
    case PORT_INJECT_DOUBLE_UNLOAD:
        return "double-unload";
    case PORT_INJECT_IRQL:
        return "irql";
    case PORT_INJECT_DOUBLE_UNLOAD | PORT_INJECT_IRQL:
        return "double-unload,irql";
    default:
        return "";
    }
}
