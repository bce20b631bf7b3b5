/*
 * jsonfile.c - a JSON document to its file and, on request, to stdout
 * (jsonfile.h): the last step of the explorer's summary
 * (explore_output.c) and of triage's triage.json (triage.c).
 */
#include "jsonfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Writes o to `path` and, with also_stdout, to stdout (jsonfile.h).
 * Returns also_stdout. */
int jsonfile_write(json_t *o, const char *path, int also_stdout)
{
    FILE *f = fopen(path, "w");

    if (f) {
        json_dumpf(o, f, JSON_INDENT(2));
        fputc('\n', f);
        fclose(f);
    } else {
        fprintf(stderr, "unloadfuzz: %s: %s\n", path, strerror(errno));
    }
    if (also_stdout) {
        json_dumpf(o, stdout, JSON_INDENT(2));
        putchar('\n');
    }
    return also_stdout;
}
