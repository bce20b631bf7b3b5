/*
 * text.c - valid text for the report formats (text.h).
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The bytes of the UTF-8 sequence starting at p when it is valid (no
 * overlong two-byte form, nothing above U+10FFFF), else 0. */
static size_t utf8_length(const unsigned char *p)
{
    unsigned c = *p;
    size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                           : (c & 0xF8) == 0xF0 ? 4 : 0;
    size_t i;

    if (k == 0 || (k == 2 && c < 0xC2) || (k == 4 && c > 0xF4))
        return 0;
    for (i = 1; i < k; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return k;
}

/* s made valid (text.h). Returns a new string, or NULL. */
char *text_clean(const char *s)
{
    struct buf b = BUF_INIT(0);
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    while (*p) {
        size_t k = utf8_length(p);

        if (k == 0) {
            buf_puts(&b, "?");
            p++;
        } else if (k == 1 && *p < 0x20 && *p != '\t' && *p != '\n') {
            buf_puts(&b, *p == '\r' ? "" : "?");
            p++;
        } else {
            buf_add(&b, p, k);
            p += k;
        }
    }
    if (buf_failed(&b)) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* A JSON string of s, made valid. */
json_t *text_json(const char *s)
{
    char *c = text_clean(s);
    json_t *j = c ? json_string(c) : NULL;

    free(c);
    return j ? j : json_string("");
}
