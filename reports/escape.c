/*
 * escape.c - the escapes of HTML, XML and Markdown table cells (escape.h).
 */
#include "escape.h"

#include <stdlib.h>

#include "text.h"

/* Appends s with the five characters markup gives a meaning to as
 * entities; `apos` is the apostrophe's (HTML and XML spell it apart). */
static void escape_markup(struct buf *b, const char *s, const char *apos)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, apos); break;
        default: buf_add(b, s, 1);
        }
    }
}

/* Appends s escaped for HTML. */
void esc_html(struct buf *b, const char *s)
{
    escape_markup(b, s, "&#39;");
}

/* Appends s made valid and escaped for XML; marks b failed when out of
 * memory. */
void esc_xml(struct buf *b, const char *s)
{
    char *clean = text_clean(s);

    if (clean == NULL) {
        buf_fail(b); /* what an append that did not fit does */
        return;
    }
    escape_markup(b, clean, "&apos;");
    free(clean);
}

/* Appends s for a Markdown table cell. */
void esc_md_cell(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            buf_puts(b, "\\|");
        else if (*s == '\n')
            buf_puts(b, " ");
        else
            buf_add(b, s, 1);
    }
}
