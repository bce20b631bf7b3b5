/*
 * progtest.h - what the program-language tests share (test_program.c,
 * test_mutator.c).
 */
#ifndef UNLOADFUZZ_PROGTEST_H
#define UNLOADFUZZ_PROGTEST_H

#include "program.h"

/* Asserts (cmocka) that programs a and b have the same ops, lines aside,
 * and the same number of slots; names the first op that differs. */
void expect_same_ops(const struct program *a, const struct program *b);

#endif
