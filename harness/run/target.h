/*
 * target.h - how a driver target is told to run: which port misbehaviour
 * is injected (--inject) and which severity crashes it (--fail-on), read
 * the same way by every binary of a driver target (its fuzzer, its replay,
 * its explorer) and by the tools that spawn them.
 */
#ifndef UNLOADFUZZ_TARGET_H
#define UNLOADFUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Port misbehaviours the port simulation can inject (port.h). */
enum {
    PORT_INJECT_DOUBLE_UNLOAD = 1u << 0, /* unload the driver a second time */
    PORT_INJECT_IRQL = 1u << 1,          /* call routines at the program's IRQL */
};

struct target_options {
    uint32_t inject;             /* PORT_INJECT_* from the start of every run */
    enum model_severity fail_on; /* crash on a violation at or above this */
    /* whether EvtDriverUnload runs as the source or as the documentation
     * says ([C1]); every run of this process starts with it, api programs
     * (exec.c) and driver programs (port.c) alike */
    enum model_unload_callback unload_callback;
    /* --keep-globals: the driver's writable data is not restored between
     * runs (globals.h), so a run starts from what the last one left */
    int keep_globals;
    int configured;              /* target_configure() ran */
};

/* Reads UNLOADFUZZ_INJECT, UNLOADFUZZ_FAIL_ON, UNLOADFUZZ_UNLOAD_CALLBACK and
 * UNLOADFUZZ_KEEP_GLOBALS (1), then --inject=..., --fail-on=...,
 * --unload-callback=... and --keep-globals among
 * argv[1..argc) into the process's options, naming target `name` in
 * messages. Returns 0, or -1 after printing why. */
int target_configure(const char *name, int argc, char **argv);
/* Sets one option of the process, `option` being "inject", "fail-on" or
 * "unload-callback" and `value` as its --option= would spell it; `who`
 * names the command in messages. Returns 0, or -1 after printing why. */
int target_set_option(const char *who, const char *option, const char *value);
/* Reads UNLOADFUZZ_UNLOAD_CALLBACK, when set, into the process's options,
 * for the commands that take no other option from the environment (repro,
 * explore, triage); `who` names the command in messages. Returns 0, or -1
 * after printing why. */
int target_unload_callback_from_env(const char *who);
/* " --unload-callback=documented" when the documented behaviour is in
 * force, else "": what a replay command must repeat. A static string. */
const char *target_unload_callback_arg(void);
/* The process's options (defaults until target_configure() ran). */
const struct target_options *target_options(void);

/* Parses "double-unload,irql" (either, both, or "none") into
 * PORT_INJECT_* bits. Returns 0, or -1 for a word it does not know. */
int target_parse_inject(const char *s, uint32_t *out);
/* The PORT_INJECT_* bits as --inject spells them: "double-unload",
 * "irql", "double-unload,irql", or "" for none. A static string. */
const char *target_inject_name(uint32_t inject);

#endif /* UNLOADFUZZ_TARGET_H */
