/*
 * text.h - text made fit for the formats the reports are written in:
 * valid UTF-8 for JSON strings and XML, and the escapes of each format.
 */
#ifndef UNLOADFUZZ_REPORT_TEXT_H
#define UNLOADFUZZ_REPORT_TEXT_H

#include <stddef.h>

#include <jansson.h>

/* A copy of s (NULL: "") with every byte that is not valid UTF-8, and
 * every control character but tab and newline, replaced by '?' (a
 * carriage return is dropped): what JSON strings and XML text accept.
 * Returns it (malloc'd, the caller frees it), or NULL when out of memory. */
char *text_clean(const char *s);

/* Whether the n bytes at s read as text: valid UTF-8 (as text_clean()
 * keeps it) with no control characters but tab and line ends (CR, LF),
 * and no DEL. A crash input is bytes; a program file is text. */
int text_valid(const char *s, size_t n);

/* A JSON string of s made valid UTF-8 (text_clean()); never NULL but when
 * out of memory. */
json_t *text_json(const char *s);

#endif /* UNLOADFUZZ_REPORT_TEXT_H */
