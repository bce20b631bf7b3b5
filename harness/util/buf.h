/*
 * buf.h - one growing buffer for every text the tool builds: a trace, a
 * report, a command line, a message.
 *
 * Appends never fail loudly: a buffer that ran out of host memory, or
 * would grow past its limit, keeps what it had and remembers that it
 * failed, so a writer appends freely and asks buf_failed() once at the end
 * (curl's dynbuf works this way). The text is always NUL-terminated.
 */
#ifndef UNLOADFUZZ_BUF_H
#define UNLOADFUZZ_BUF_H

#include <stddef.h>

struct buf {
    char *p;      /* the text, NUL-terminated; NULL while nothing was added (owned) */
    size_t len;   /* its length */
    size_t cap;   /* bytes allocated */
    size_t limit; /* most bytes it may hold, 0: no limit but memory */
    int failed;   /* an append was dropped: out of memory or over the limit */
};

/* A buffer that holds at most `limit` bytes (0: as many as memory allows). */
#define BUF_INIT(limit) {NULL, 0, 0, (limit), 0}

/* Appends n bytes of s. Returns 0, or -1 when they did not fit (the buffer
 * is then marked failed and keeps what it had). */
int buf_add(struct buf *b, const void *s, size_t n);
/* Appends the C string s. Returns as buf_add(). */
int buf_puts(struct buf *b, const char *s);
/* Appends printf-formatted text. Returns as buf_add(). */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text ("" when empty); the buffer still owns it. Never NULL. */
const char *buf_str(const struct buf *b);
/* Whether an append was dropped since the buffer was set up or reset. */
static inline int buf_failed(const struct buf *b) { return b->failed; }
/* Marks the buffer failed: what it was to hold could not be built (a
 * piece its writer could not make, out of memory). */
static inline void buf_fail(struct buf *b) { b->failed = 1; }
/* Empties the buffer, keeping its memory and limit. */
void buf_reset(struct buf *b);
/* Hands the text over: returns it (malloc'd, the caller frees it; "" for
 * an empty buffer, NULL only when out of memory) and leaves b empty. */
char *buf_take(struct buf *b);
/* Frees the text and empties the buffer (its limit stays). */
void buf_free(struct buf *b);

#endif /* UNLOADFUZZ_BUF_H */
