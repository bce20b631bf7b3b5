/*
 * load.c - reading a program file the way every command does: a file named
 * *.ufp (or any file when text is forced) is text, anything else is the
 * binary form engines write (their artifacts have no extension). A text file
 * that does not parse is an error with its line, never read as binary.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "load.h"

#define MAX_FILE (1u << 20) /* bytes in one program file */

/* Reads a whole program file (at most MAX_FILE bytes). Returns a malloc'd,
 * NUL-terminated buffer, or NULL with a message on stderr. */
static uint8_t *read_program(const char *path, size_t *len)
{
    char *data;

    if (file_read(path, MAX_FILE, &data, len) < 0) {
        fprintf(stderr, "unloadfuzz: %s: %s\n", path,
                errno == EFBIG ? "larger than 1 MiB: not a program" : strerror(errno));
        return NULL;
    }
    return (uint8_t *)data;
}

/* Is `path` to be read as text? */
static int is_text(const char *path, int force_text)
{
    size_t n = strlen(path);

    return force_text || (n > 4 && strcmp(path + n - 4, ".ufp") == 0);
}

int prog_load_file(const char *path, int force_text, struct program *p)
{
    return prog_load_file_kind(path, force_text, PROG_API, p);
}

int prog_load_file_kind(const char *path, int force_text, int kind, struct program *p)
{
    char err[512];
    size_t len;
    uint8_t *data = read_program(path, &len);
    int rc = 0;

    if (!data)
        return -1;
    if (is_text(path, force_text)) {
        if (prog_parse_text((const char *)data, len, p, err, sizeof(err)) < 0 ||
            (kind >= 0 && prog_set_kind(p, (enum prog_kind)kind, err, sizeof(err)) < 0)) {
            fprintf(stderr, "unloadfuzz: %s: %s\n", path, err);
            rc = -1;
        }
    } else {
        prog_decode_kind(data, len, kind >= 0 ? (enum prog_kind)kind : PROG_API, p);
    }
    free(data);
    return rc;
}
