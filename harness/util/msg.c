/*
 * msg.c - error lines (msg.h).
 */
#include "msg.h"

#include <stdio.h>

/* Prints the line (msg.h). Returns status. */
int msg_vfail(int status, const char *who, const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "%s: ", who);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    return status;
}

/* Prints the line (msg.h). Returns status. */
int msg_fail(int status, const char *who, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = msg_vfail(status, who, fmt, ap);
    va_end(ap);
    return rc;
}
