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

#endif
