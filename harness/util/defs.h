/*
 * defs.h - what every part of the tool agrees on: its version, and the
 * longest input a fuzz target reads.
 *
 * The input limit is the engines' -max_len and what every target, the
 * mutator and the gate cut inputs to; CMakeLists.txt reads both numbers
 * from here (the project's version, the .options files), so each is
 * written once.
 */
#ifndef UNLOADFUZZ_DEFS_H
#define UNLOADFUZZ_DEFS_H

#define UF_VERSION "0.1.0"
/* Bytes of input a fuzz target reads; longer inputs are ignored. */
#define UF_MAX_INPUT 4096

#endif /* UNLOADFUZZ_DEFS_H */
