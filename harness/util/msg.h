/*
 * msg.h - how every command says what went wrong: one line on stderr,
 * "WHO: MESSAGE", after whatever it printed on stdout so far.
 */
#ifndef UNLOADFUZZ_MSG_H
#define UNLOADFUZZ_MSG_H

#include <stdarg.h>

/* Prints "who: <fmt...>" and a newline on stderr (stdout flushed first).
 * Returns `status`, for `return msg_fail(2, ...)`. */
int msg_fail(int status, const char *who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* msg_fail() with a va_list. Returns `status`. */
int msg_vfail(int status, const char *who, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

#endif /* UNLOADFUZZ_MSG_H */
