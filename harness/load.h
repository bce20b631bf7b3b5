/*
 * load.h - reading program files (load.c).
 */
#ifndef UNLOADFUZZ_LOAD_H
#define UNLOADFUZZ_LOAD_H

#include "program.h"

/* Loads `path` into *p: text when it is named *.ufp or `force_text`, else
 * binary. Returns 0, or -1 after printing why on stderr (a missing file, a
 * file over 1 MiB, a text file that does not parse). */
int prog_load_file(const char *path, int force_text, struct program *p);
/* prog_load_file() for a program of kind k: a text file must hold one
 * (an error names the line of an op of the other kind), bytes decode as
 * one. */
int prog_load_file_kind(const char *path, int force_text, enum prog_kind k, struct program *p);

#endif
