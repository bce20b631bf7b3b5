/*
 * text.c - valid text for the report formats (text.h).
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The bytes of the UTF-8 sequence starting at p when it is valid, else 0:
 * the shortest form of a code point up to U+10FFFF that is not a UTF-16
 * surrogate, which is what jansson and XML parsers accept. */
static size_t utf8_length(const unsigned char *p)
{
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    unsigned c = *p;
    size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                           : (c & 0xF8) == 0xF0 ? 4 : 0;
    uint32_t cp = k == 1 ? c : c & (0x7Fu >> k);
    size_t i;

    if (k == 0)
        return 0;
    for (i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    if (cp < least[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

/* Whether the n bytes at s read as text (text.h). */
int text_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    while (p < end) {
        size_t k = utf8_length(p);

        if (k == 0 || (size_t)(end - p) < k ||
            (k == 1 && ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7f)))
            return 0;
        p += k;
    }
    return 1;
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
