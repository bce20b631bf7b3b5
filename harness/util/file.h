/*
 * file.h - reading a whole file, and writing one so that no reader ever
 * sees half of it and nothing a user has is replaced by accident.
 */
#ifndef UNLOADFUZZ_FILE_H
#define UNLOADFUZZ_FILE_H

#include <stddef.h>

/* Reads the whole file `path`, at most `max` bytes (0: no limit). Returns
 * 0 with *data (malloc'd, NUL-terminated; the caller frees it) and *len
 * (may be NULL), or -1 with errno set: EFBIG when the file is larger than
 * max, or the error of the open or read. */
int file_read(const char *path, size_t max, char **data, size_t *len);

/* How file_write() may treat an existing file. */
enum file_mode {
    FILE_REPLACE, /* write a temporary beside it and rename it into place */
    FILE_NEW      /* create it (O_EXCL): refuse when it exists, remove it again
                   * when it cannot be written whole */
};
/* Writes n bytes to `path` (mode 0644). Returns 0, or -1 with errno set
 * (EEXIST: FILE_NEW and the file exists); on failure `path` is as before. */
int file_write(const char *path, const void *data, size_t n, enum file_mode mode);

#endif /* UNLOADFUZZ_FILE_H */
