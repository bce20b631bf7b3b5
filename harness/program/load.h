/*
 * load.h - reading program files (load.c).
 */
#ifndef UNLOADFUZZ_LOAD_H
#define UNLOADFUZZ_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "program.h"

/* Loads `path` into *p: text when it is named *.ufp or `force_text`, else
 * binary. Returns 0, or -1 after printing why on stderr (a missing file, a
 * file over 1 MiB, a text file that does not parse). */
int prog_load_file(const char *path, int force_text, struct program *p);
/* prog_load_file() for a program of kind k (enum prog_kind): a text file
 * must hold one (an error names the line of an op of the other kind),
 * bytes decode as one. With k = LOAD_KIND_AS_WRITTEN a text file keeps the
 * kind its ops make it (prog_parse_text()) and bytes decode as an api
 * program. */
#define LOAD_KIND_AS_WRITTEN (-1)
int prog_load_file_kind(const char *path, int force_text, int k, struct program *p);

#endif
