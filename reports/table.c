/*
 * table.c - a table rendered as Markdown or as HTML (table.h).
 */
#include "table.h"

#include <string.h>

#include "escape.h"

/* Fills row r of t into cells: each cell first empty, of its column's
 * kind. */
static void fill_row(const struct table *t, size_t r, struct table_cell *cells)
{
    size_t k;

    for (k = 0; k < t->ncol; k++) {
        cells[k].text = "";
        cells[k].kind = t->col[k].kind;
        cells[k].swatch = NULL;
        cells[k].room[0] = '\0';
    }
    t->row(t->ctx, r, cells);
}

/* Appends t as Markdown. */
void table_md(struct buf *b, const struct table *t)
{
    static struct table_cell cells[TABLE_MAX_COLUMNS];
    size_t r, k;

    if (t->col[0].title) {
        for (k = 0; k < t->ncol; k++)
            buf_printf(b, "%s%s", k ? " | " : "| ", t->col[k].title);
        buf_puts(b, " |\n|");
        for (k = 0; k < t->ncol; k++)
            buf_puts(b, t->col[k].kind == TABLE_NUMBER ? "--:|" : "---|");
        buf_puts(b, "\n");
    }
    for (r = 0; r < t->nrow; r++) {
        fill_row(t, r, cells);
        for (k = 0; k < t->ncol; k++) {
            buf_puts(b, k ? " | " : "| ");
            if (cells[k].kind == TABLE_CODE)
                buf_printf(b, "`%s`", cells[k].text);
            else
                esc_md_cell(b, cells[k].text);
        }
        buf_puts(b, " |\n");
    }
}

/* Appends one cell as HTML. */
static void html_cell(struct buf *b, const struct table_cell *c)
{
    int code = c->kind == TABLE_NAME || c->kind == TABLE_CODE;

    buf_puts(b, c->kind == TABLE_HEADING  ? "<th>"
                : c->kind == TABLE_NUMBER ? "<td class=\"n\">"
                                          : "<td>");
    if (c->swatch)
        buf_printf(b, "<span class=\"swatch\" style=\"background:%s\"></span>", c->swatch);
    if (code)
        buf_puts(b, "<code>");
    esc_html(b, c->text);
    if (code)
        buf_puts(b, "</code>");
    buf_puts(b, c->kind == TABLE_HEADING ? "</th>" : "</td>");
}

/* Appends t as HTML. */
void table_html(struct buf *b, const struct table *t)
{
    static struct table_cell cells[TABLE_MAX_COLUMNS];
    const char *eol = t->html_lines ? "\n" : "";
    size_t r, k;

    buf_puts(b, "<table");
    if (t->html_class)
        buf_printf(b, " class=\"%s\"", t->html_class);
    buf_puts(b, ">");
    if (t->col[0].title) {
        buf_puts(b, "<tr>");
        for (k = 0; k < t->ncol; k++) {
            buf_puts(b, "<th>");
            esc_html(b, t->col[k].title);
            buf_puts(b, "</th>");
        }
        buf_printf(b, "</tr>%s", eol);
    }
    for (r = 0; r < t->nrow; r++) {
        fill_row(t, r, cells);
        buf_puts(b, "<tr>");
        for (k = 0; k < t->ncol; k++)
            html_cell(b, &cells[k]);
        buf_printf(b, "</tr>%s", eol);
    }
    buf_puts(b, "</table>");
}

/* Markdown: a section's heading. */
static void md_open(struct buf *b, const char *id, const char *title)
{
    (void)id; /* Markdown renderers make their own anchors */
    buf_printf(b, "## %s\n\n", title);
}

/* Markdown: a table and the blank line after it. */
static void md_table(struct buf *b, const struct table *t)
{
    table_md(b, t);
    buf_puts(b, "\n");
}

/* Markdown: a paragraph. */
static void md_para(struct buf *b, const char *text)
{
    buf_printf(b, "%s\n\n", text);
}

/* Markdown: a section ends where the next heading starts. */
static void md_close(struct buf *b)
{
    (void)b;
}

const struct table_format table_fmt_md = {md_open, md_table, md_para, md_close};

/* HTML: a section's start and heading. */
static void html_open(struct buf *b, const char *id, const char *title)
{
    buf_printf(b, "<section id=\"%s\"><h2>", id);
    esc_html(b, title);
    buf_puts(b, "</h2>");
}

/* HTML: a paragraph, escaped. */
static void html_para(struct buf *b, const char *text)
{
    buf_puts(b, "<p>");
    esc_html(b, text);
    buf_puts(b, "</p>");
}

/* HTML: a section's end. */
static void html_close(struct buf *b)
{
    buf_puts(b, "</section>\n");
}

const struct table_format table_fmt_html = {html_open, table_html, html_para, html_close};

/* Appends a section holding t, or `none`. */
void table_section(struct buf *b, const struct table_format *f, const char *id,
                   const char *title, const struct table *t, const char *none)
{
    f->open(b, id, title);
    if (t->nrow == 0 && none)
        f->para(b, none);
    else
        f->table(b, t);
    f->close(b);
}
