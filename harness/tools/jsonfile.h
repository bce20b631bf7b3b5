/*
 * jsonfile.h - a JSON document written to its file, and to stdout when the
 * user asked for --json: how the explorer writes summary.json and triage
 * writes triage.json (jsonfile.c).
 *
 * Only the tools that build their output with jansson include this; the
 * tools' public headers (explore.h, triage.h) do not expose <jansson.h>.
 */
#ifndef UNLOADFUZZ_JSONFILE_H
#define UNLOADFUZZ_JSONFILE_H

#include <jansson.h>

/* Writes the JSON document o, indented by two, with a final newline, to the
 * file `path` (a message on stderr when it cannot) and, with also_stdout,
 * to stdout. Returns also_stdout, so a caller prints its text form when it
 * returns 0. The caller keeps its reference to o. */
int jsonfile_write(json_t *o, const char *path, int also_stdout);

#endif /* UNLOADFUZZ_JSONFILE_H */
