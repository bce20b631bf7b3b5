/*
 * file.c - whole-file reads and atomic writes (file.h).
 */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

/* Reads path whole (file.h). Returns 0, or -1 with errno set. */
int file_read(const char *path, size_t max, char **data, size_t *len)
{
    struct buf b = BUF_INIT(0);
    char chunk[8192];
    size_t n, total;
    FILE *f = fopen(path, "rb");
    int e;

    if (f == NULL)
        return -1;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max && b.len + n > max) {
            e = EFBIG;
            goto out_fail;
        }
        if (buf_add(&b, chunk, n) < 0) {
            e = ENOMEM;
            goto out_fail;
        }
    }
    if (ferror(f)) {
        e = errno ? errno : EIO;
        goto out_fail;
    }
    fclose(f);
    total = b.len;
    *data = buf_take(&b);
    if (*data == NULL) {
        errno = ENOMEM;
        return -1;
    }
    if (len)
        *len = total;
    return 0;
out_fail:
    fclose(f);
    buf_free(&b);
    errno = e;
    return -1;
}

/* Writes all n bytes to fd. Returns 0, or -1 with errno set. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes path (file.h): a new file, or a temporary renamed over it.
 * Returns 0, or -1 with errno set and path as before. */
int file_write(const char *path, const void *data, size_t n, enum file_mode mode)
{
    char tmp[4096];
    const char *target = path;
    int fd, e;

    if (mode == FILE_REPLACE) {
        if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= sizeof tmp) {
            errno = ENAMETOOLONG;
            return -1;
        }
        target = tmp;
    }
    fd = open(target, O_WRONLY | O_CREAT | (mode == FILE_NEW ? O_EXCL : O_TRUNC), 0644);
    if (fd < 0)
        return -1;
    if (write_all(fd, data, n) < 0)
        goto out_unlink;
    if (close(fd) != 0) {
        fd = -1;
        goto out_unlink;
    }
    if (mode == FILE_REPLACE && rename(tmp, path) != 0) {
        fd = -1;
        goto out_unlink;
    }
    return 0;
out_unlink:
    e = errno;
    if (fd >= 0)
        close(fd);
    unlink(target);
    errno = e;
    return -1;
}
