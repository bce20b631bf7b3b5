/*
 * buf.c - the growing buffer (buf.h). Off the fuzzing hot path: traces,
 * reports and messages are built here.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for n more bytes and the NUL. Returns 0, or -1 after marking
 * b failed (out of memory, or past its limit). */
static int reserve(struct buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->failed)
        return -1;
    if (n > (size_t)-1 - b->len - 1 || (b->limit && b->len + n > b->limit)) {
        b->failed = 1;
        return -1;
    }
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    for (cap = b->cap ? b->cap : 256; cap < need; cap *= 2)
        if (cap > (size_t)-1 / 2) {
            cap = need;
            break;
        }
    p = realloc(b->p, cap);
    if (p == NULL) {
        b->failed = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

/* Appends n bytes of s (buf.h). Returns 0 or -1. */
int buf_add(struct buf *b, const void *s, size_t n)
{
    if (reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* Appends the C string s. Returns 0 or -1. */
int buf_puts(struct buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

/* Appends formatted text, formatted once into the buffer's own room when
 * it fits. Returns 0 or -1. */
int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0) {
        b->failed = 1;
        return -1;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* The text, "" when empty. */
const char *buf_str(const struct buf *b)
{
    return b->p ? b->p : "";
}

/* Empties b, keeping its memory. */
void buf_reset(struct buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->p)
        b->p[0] = '\0';
}

/* Hands the text over (buf.h). Returns it, or NULL when out of memory. */
char *buf_take(struct buf *b)
{
    char *p = b->p ? b->p : calloc(1, 1);

    b->p = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
    return p;
}

/* Frees the text. */
void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
