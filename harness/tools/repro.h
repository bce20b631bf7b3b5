/*
 * repro.h - `unloadfuzz repro`.
 */
#ifndef UNLOADFUZZ_REPRO_H
#define UNLOADFUZZ_REPRO_H

#include "model.h"
#include "program.h"

struct repro_opts {
    int text;                  /* read every file as text */
    int json;                  /* JSON output */
    enum model_severity fail_on; /* lowest severity that fails the verdict */
};

/* The command; argv after its name. Returns the exit status. */
int repro_main(int argc, char **argv);

#endif
