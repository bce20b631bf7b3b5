/*
 * driver_target.h - what a driver target's engine-independent parts share
 * (driver_target.c, driver_replay.c).
 */
#ifndef UNLOADFUZZ_DRIVER_TARGET_H
#define UNLOADFUZZ_DRIVER_TARGET_H

#include <stdint.h>

#include "model.h"

#define DRIVER_TARGET_MAX_INPUT 4096 /* bytes: longer inputs are ignored */

struct driver_target_options {
    uint32_t inject;               /* PORT_INJECT_* from the start of every run */
    enum model_severity fail_on;   /* crash on a violation at or above this */
    int configured;                /* driver_target_configure() ran */
};

/* Reads UNLOADFUZZ_INJECT and UNLOADFUZZ_FAIL_ON, then --inject=... and
 * --fail-on=... among argv[1..argc). Returns 0, or -1 after printing why. */
int driver_target_configure(int argc, char **argv);
const struct driver_target_options *driver_target_options(void);

#endif /* UNLOADFUZZ_DRIVER_TARGET_H */
