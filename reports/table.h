/*
 * table.h - a report's table written once and rendered by format: one row
 * model, and a Markdown and an HTML renderer over it.
 *
 * A table is its columns and a function that fills the cells of row r on
 * demand; nothing is stored, so a table costs no memory and cannot fail
 * (the output buffer remembers whether it ran out). The tables themselves
 * (per target, per rule, source coverage, the summary) are views.h's;
 * report.md and report.html render the same ones.
 */
#ifndef UNLOADFUZZ_TABLE_H
#define UNLOADFUZZ_TABLE_H

#include <stddef.h>

#include "buf.h"

#define TABLE_MAX_COLUMNS 12
#define TABLE_CELL_ROOM 2048 /* bytes a cell may format its text into */

/* What a cell holds, and so how each format shows it. */
enum table_kind {
    TABLE_TEXT,    /* words: escaped for each format */
    TABLE_NUMBER,  /* a figure: right-aligned (Markdown's --:, HTML's class n) */
    TABLE_NAME,    /* a name: <code> in HTML, plain in Markdown */
    TABLE_CODE,    /* code in both: <code>, `backticks` (never escaped in Markdown) */
    TABLE_HEADING  /* the heading of its row: <th> in HTML (the summary's layout) */
};

/* A column of a table. */
struct table_column {
    const char *title;    /* its header; NULL in every column: no header row */
    enum table_kind kind; /* what its cells hold, unless a row says otherwise */
};

/* One cell, as a row function fills it. */
struct table_cell {
    const char *text;           /* what it shows ("" until set); not owned */
    enum table_kind kind;       /* its column's, unless the row sets another */
    const char *swatch;         /* HTML: a colour's swatch before the text, or NULL */
    char room[TABLE_CELL_ROOM]; /* where the row function may format text */
};

/* Fills cells[0..ncol) of row r of the table over ctx. */
typedef void table_row_fn(const void *ctx, size_t r, struct table_cell *cells);

/* A table: its columns, and how to fill each of its rows. */
struct table {
    const struct table_column *col; /* the columns */
    size_t ncol;                    /* how many (at most TABLE_MAX_COLUMNS) */
    size_t nrow;                    /* rows */
    table_row_fn *row;              /* fills a row */
    const void *ctx;                /* what row reads */
    const char *html_class;         /* the class of its <table>, or NULL */
    int html_lines;                 /* HTML: each row on a line of its own */
};

/* Appends t as a Markdown table: a header row, the alignment row, a line
 * a row. */
void table_md(struct buf *b, const struct table *t);

/* Appends t as an HTML <table> (no line break after it). */
void table_html(struct buf *b, const struct table *t);

/* A format the sections of a report are written in: what report.md and
 * report.html each make of a section's heading, a table in it, a
 * paragraph of plain text and its end. */
struct table_format {
    void (*open)(struct buf *b, const char *id, const char *title); /* heading (id: HTML's) */
    void (*table)(struct buf *b, const struct table *t);            /* a table in it */
    void (*para)(struct buf *b, const char *text);                  /* plain text, escaped */
    void (*close)(struct buf *b);                                   /* its end */
};
/* Markdown's: "## title", the table and a blank line, "text" and a blank
 * line, nothing. */
extern const struct table_format table_fmt_md;
/* HTML's: <section id><h2>, <table>, <p>, </section>. */
extern const struct table_format table_fmt_html;

/* Appends a section in format f: its heading, then t, or the paragraph
 * `none` when t has no rows. */
void table_section(struct buf *b, const struct table_format *f, const char *id,
                   const char *title, const struct table *t, const char *none);

#endif /* UNLOADFUZZ_TABLE_H */
