/*
 * escape.h - text escaped for the markup the reports are written in: HTML
 * (report.html and its plots), XML (the JUnit report) and a Markdown table
 * cell (report.md).
 *
 * Each appends to a growing buffer (harness/util/buf.h); a writer asks
 * buf_failed() once, when its text is complete.
 */
#ifndef UNLOADFUZZ_ESCAPE_H
#define UNLOADFUZZ_ESCAPE_H

#include "buf.h"

/* Appends s with & < > " ' as HTML's entities, for text and attribute
 * values alike. */
void esc_html(struct buf *b, const char *s);

/* Appends s (NULL: "") made valid for XML (text_clean(): valid UTF-8, no
 * control characters but tab and newline) with & < > " ' as XML's
 * entities. When out of memory, b is marked failed. */
void esc_xml(struct buf *b, const char *s);

/* Appends s for a Markdown table cell: '|' escaped (it would end the
 * cell), a line break as a space. */
void esc_md_cell(struct buf *b, const char *s);

#endif /* UNLOADFUZZ_ESCAPE_H */
