/*
 * fault.h - arming the model's allocation faults from a program's
 * `fail-alloc` op (docs/LANGUAGE.md): nth=, after=, site=, percent= with
 * seed=, or off.
 */
#ifndef UNLOADFUZZ_FAULT_H
#define UNLOADFUZZ_FAULT_H

#include "model.h"
#include "program.h"

/* Arms the fault plan fail-alloc op *o asks for, counting from now (off:
 * disarms). */
void fault_arm(const struct op *o);

#endif /* UNLOADFUZZ_FAULT_H */
