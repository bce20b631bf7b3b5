/*
 * text.c - the text form of a program (.ufp): parser and printer.
 *
 * The text form is what a person writes, reads in a crash report and keeps
 * in a corpus: one op per line, `$names` for handles, `on $o KIND` ... `end`
 * around the ops a callback runs. docs/LANGUAGE.md is its reference; this
 * file is the only code that knows its spelling beyond the op names in
 * ops.def.
 *
 * The parser is strict: anything it does not understand is an error
 * "line N: reason", never a guess, so a corpus file means one thing. The
 * printer writes the one canonical layout (options in OPT_* bit order, two
 * spaces inside blocks, no comments) that the parser reads back to the same
 * program, so print and parse are inverses.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "program.h"

/* The length of each op's spelling, so lookups skip most names at once. */
static const uint8_t op_len[OP__COUNT] = {
#define OP(e, name, arg, opts, where) sizeof(name) - 1,
#include "ops.def"
#undef OP
};

/* irql: KIRQL 0..2. */
static const char *const levels[] = {"passive", "apc", "dispatch"};

/* A piece of the input: not NUL-terminated. */
struct tok {
    const char *s; /* first byte */
    size_t n;      /* length */
};

/* The words of one line, read left to right. */
struct cursor {
    const char *s; /* the line (comment already cut off) */
    size_t pos;    /* next byte to look at */
    size_t end;    /* one past the line's last byte */
};

/* Parser state for one prog_parse_text call. */
struct parser {
    struct program *p;   /* the program being built */
    char *err;           /* where the error message goes */
    size_t errlen;       /* its size */
    uint32_t line;       /* line being parsed, 1-based */
    uint32_t block_line; /* line of the open `on`, 0 outside a block */
    uint32_t api_line;   /* first line with an op only api programs have */
    uint32_t driver_line; /* first line with an op only driver programs have */
};

/* ---------------------------------------------------------------- parser */

/* Whether char c separates words (CR too, so CRLF files read as LF ones). */
#define IS_BLANK(c) ((c) == ' ' || (c) == '\t' || (c) == '\r')

/* Reads the next word of the line into *t. Returns 1, or 0 at the end. */
static int next_tok(struct cursor *c, struct tok *t)
{
    const char *s = c->s;
    size_t pos = c->pos, end = c->end, start;

    while (pos < end && IS_BLANK(s[pos]))
        pos++;
    if (pos >= end) {
        c->pos = pos;
        return 0;
    }
    start = pos;
    while (pos < end && !IS_BLANK(s[pos]))
        pos++;
    c->pos = pos;
    t->s = s + start;
    t->n = pos - start;
    return 1;
}

/* Whether word t is exactly the C string `word` (a NUL inside t never
 * matches). Returns nonzero when it is. */
static int tok_is(struct tok t, const char *word)
{
    size_t i;

    for (i = 0; i < t.n; i++)
        if (word[i] == '\0' || word[i] != t.s[i])
            return 0;
    return word[t.n] == '\0';
}

/* Finds t among the `count` words of `table` (NULL entries never match).
 * Returns the index, or -1. */
static int tok_index(struct tok t, const char *const *table, int count)
{
    int i;

    for (i = 0; i < count; i++)
        if (table[i] != NULL && tok_is(t, table[i]))
            return i;
    return -1;
}

/* Writes word t into buf (size n) for an error message: quoted, shortened,
 * unprintable bytes as '?'. Returns buf. */
static const char *show(struct tok t, char *buf, size_t n)
{
    size_t i, o = 0, keep = t.n;
    int cut = 0;

    if (keep > n - 6) {
        keep = n - 6;
        cut = 1;
    }
    buf[o++] = '\'';
    for (i = 0; i < keep; i++) {
        unsigned char ch = (unsigned char)t.s[i];

        buf[o++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
    }
    if (cut) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
    return buf;
}

/* Writes "line N: <fmt...>" into the error buffer. Returns -1. */
__attribute__((format(printf, 3, 4)))
static int fail_at(struct parser *ps, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    int k;

    if (ps->err == NULL || ps->errlen == 0)
        return -1;
    k = snprintf(ps->err, ps->errlen, "line %u: ", (unsigned)line);
    if (k >= 0 && (size_t)k < ps->errlen) {
        va_start(ap, fmt);
        vsnprintf(ps->err + k, ps->errlen - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Writes "line N: ..." for the line being parsed. Returns -1. */
#define fail(ps, ...) fail_at((ps), (ps)->line, __VA_ARGS__)

/* Checks that t is a well-formed name: '$' and 1 to PROG_NAME_MAX - 2
 * letters, digits or '_'. Returns 0, or -1 with the error written. */
static int check_name(struct parser *ps, struct tok t)
{
    char b[48];
    size_t i;

    if (t.n < 2 || t.s[0] != '$')
        return fail(ps, "bad name %s (a name is $ and letters, digits or _)", show(t, b, sizeof b));
    for (i = 1; i < t.n; i++) {
        char ch = t.s[i];

        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_'))
            return fail(ps, "bad name %s (a name is $ and letters, digits or _)", show(t, b, sizeof b));
    }
    if (t.n > PROG_NAME_MAX - 1)
        return fail(ps, "name %s too long (at most %d characters after $)", show(t, b, sizeof b),
                    PROG_NAME_MAX - 2);
    return 0;
}

/* The slot named t (a name check_name accepted), or SLOT_NONE when no op
 * bound it yet. Names are NUL-padded to PROG_NAME_MAX (bind_name), so the
 * byte after t's length tells at once whether the lengths match. */
static uint16_t find_slot(const struct program *p, struct tok t)
{
    uint32_t s;

    for (s = 0; s < p->nslots; s++)
        if (p->names[s][t.n] == '\0' && memcmp(p->names[s], t.s, t.n) == 0)
            return (uint16_t)s;
    return SLOT_NONE;
}

/* Resolves a name the op uses (it must be bound already) into *slot.
 * Returns 0, or -1 with the error written. */
static int use_name(struct parser *ps, struct tok t, uint16_t *slot)
{
    if (check_name(ps, t) < 0)
        return -1;
    *slot = find_slot(ps->p, t);
    if (*slot == SLOT_NONE)
        return fail(ps, "%.*s is not bound", (int)t.n, t.s);
    return 0;
}

/* Reads word t as a decimal uint32 into *out: digits only, no sign, no
 * overflow. Returns 0, or -1 with the error written (naming `what`). */
static int parse_u32(struct parser *ps, struct tok t, const char *what, uint32_t *out)
{
    uint64_t v = 0;
    size_t i;
    char b[48];

    if (t.n == 0)
        return fail(ps, "%s= needs a number", what);
    for (i = 0; i < t.n; i++) {
        if (t.s[i] < '0' || t.s[i] > '9')
            return fail(ps, "bad number %s for %s= (a decimal from 0 to 4294967295)",
                        show(t, b, sizeof b), what);
        v = v * 10 + (uint64_t)(t.s[i] - '0');
        if (v > UINT32_MAX)
            return fail(ps, "number %s for %s= is over 4294967295", show(t, b, sizeof b), what);
    }
    *out = (uint32_t)v;
    return 0;
}

/* Writes "unknown WORD 'x' (one of ...)" for the value t of option i,
 * listing its words. Returns -1. */
static int fail_words(struct parser *ps, int i, struct tok t)
{
    const struct opt_info *oi = &prog_options[i];
    char list[512], b[48];
    size_t o = 0;
    uint32_t k;

    list[0] = '\0';
    for (k = 0; k < oi->count; k++) {
        const char *name = oi->words[k];
        size_t n = strlen(name);

        if (o + n + 3 >= sizeof list)
            break;
        if (k > 0) {
            memcpy(list + o, ", ", 2);
            o += 2;
        }
        memcpy(list + o, name, n);
        o += n;
        list[o] = '\0';
    }
    return fail(ps, "unknown %s %s (one of %s)", oi->word, show(t, b, sizeof b), list);
}

/* Reads the value v of option number i into its field of *o, as
 * options.def describes it. Returns 0, or -1 with the error written. */
static int parse_value(struct parser *ps, int i, struct tok v, struct op *o)
{
    const struct opt_info *oi = &prog_options[i];
    char b[48];
    uint32_t n;
    int k;

    switch ((enum opt_value)oi->value) {
    case VAL_FLAG:
        return 0;
    case VAL_SLOT:
        return use_name(ps, v, &o->arg);
    case VAL_U32:
        if (parse_u32(ps, v, oi->word, &n) < 0)
            return -1;
        if (oi->count != 0 && n > oi->lo + oi->count - 1)
            return fail(ps, "%s=%u is over %u", oi->word, (unsigned)n,
                        (unsigned)(oi->lo + oi->count - 1));
        opt_set(o, i, n);
        return 0;
    case VAL_INDEX:
        if (parse_u32(ps, v, oi->word, &n) < 0)
            return -1;
        if (n >= oi->count)
            return fail(ps, "%s=%u: %ss are numbered 0 to %u", oi->word, (unsigned)n, oi->word,
                        (unsigned)(oi->count - 1));
        opt_set(o, i, n);
        return 0;
    case VAL_WORD:
        k = tok_index(v, oi->words, (int)oi->count);
        if (k < 0)
            return oi->hint ? fail(ps, "bad %s %s (%s)", oi->word, show(v, b, sizeof b), oi->hint)
                            : fail_words(ps, i, v);
        opt_set(o, i, oi->lo + (uint32_t)k);
        return 0;
    }
    return 0;
}

/* Reads one option word t (`word` or `key=value`) of op *o. Returns 0, or
 * -1 with the error written. */
static int parse_option(struct parser *ps, struct tok t, struct op *o)
{
    struct tok key = t, val = {NULL, 0};
    const char *eq = memchr(t.s, '=', t.n);
    const char *name = op_name((enum op_code)o->code);
    char b[48];
    uint32_t bit;
    int i;

    if (t.s[0] == '$')
        return fail(ps, "unexpected %s after %s's operands", show(t, b, sizeof b), name);
    if (op_options((enum op_code)o->code) == 0)
        return fail(ps, "unexpected %s after %s", show(t, b, sizeof b), name);
    if (eq != NULL) {
        key.n = (size_t)(eq - t.s);
        val.s = eq + 1;
        val.n = t.n - key.n - 1;
    }
    for (i = 0; i < OPT__COUNT; i++)
        if (key.n == prog_options[i].len && memcmp(key.s, prog_options[i].word, key.n) == 0)
            break;
    if (i == OPT__COUNT)
        return fail(ps, "unknown option %s", show(key, b, sizeof b));
    bit = 1u << i;
    if (!(op_options((enum op_code)o->code) & bit))
        return fail(ps, "%s does not take option %s", name, prog_options[i].word);
    if (o->opts & bit)
        return fail(ps, "option %s given twice", prog_options[i].word);
    if (prog_options[i].value == VAL_FLAG && eq != NULL)
        return fail(ps, "option %s takes no value", prog_options[i].word);
    if (prog_options[i].value != VAL_FLAG && eq == NULL)
        return fail(ps, "option %s needs a value (%s=...)", prog_options[i].word,
                    prog_options[i].word);
    if (parse_value(ps, i, val, o) < 0)
        return -1;
    o->opts |= bit;
    return 0;
}

/* Reads op `code`'s TYPE#N operand t (NULL when the line ended) into
 * o->target. Returns 0, or -1 with the error written. */
static int parse_envref_into(struct parser *ps, enum op_code code, const struct tok *t,
                             uint16_t *target)
{
    const char *type = op_envref_type(code);
    size_t tn = strlen(type);
    struct tok num;
    uint32_t n;
    char b[48];

    if (t == NULL)
        return fail(ps, "%s needs an object: %s#N", op_name(code), type);
    if (t->n <= tn + 1 || memcmp(t->s, type, tn) != 0 || t->s[tn] != '#')
        return fail(ps, "%s needs %s#N, not %s", op_name(code), type, show(*t, b, sizeof b));
    num.s = t->s + tn + 1;
    num.n = t->n - tn - 1;
    if (parse_u32(ps, num, type, &n) < 0)
        return -1;
    if (n >= PROG_MAX_ENVREF)
        return fail(ps, "%s#%u: at most %s#%d", type, (unsigned)n, type, PROG_MAX_ENVREF - 1);
    *target = (uint16_t)n;
    return 0;
}

/* Reads the registry op's NAME=VALUE into *o: the name into the program's
 * table, the value into num. Returns 0, or -1 with the error written. */
static int parse_regvalue(struct parser *ps, const struct tok *t, struct op *o)
{
    const char *eq = t ? memchr(t->s, '=', t->n) : NULL;
    size_t n = eq ? (size_t)(eq - t->s) : 0, i;
    struct tok v;
    char b[48];
    int k;

    if (t == NULL || eq == NULL)
        return fail(ps, "registry needs NAME=VALUE (a REG_DWORD of the driver's Parameters key)");
    for (i = 0; i < n; i++)
        if (!isalnum((unsigned char)t->s[i]) && t->s[i] != '_')
            break;
    if (n == 0 || i < n || n >= PROG_REGNAME_MAX)
        return fail(ps, "bad registry value name %s ([A-Za-z0-9_], at most %d characters)",
                    show(*t, b, sizeof b), PROG_REGNAME_MAX - 1);
    v.s = eq + 1;
    v.n = t->n - n - 1;
    if (parse_u32(ps, v, "registry value", &o->num) < 0)
        return -1;
    k = prog_regname(ps->p, t->s, n);
    if (k < 0)
        return fail(ps, "at most %d registry value names in a program", PROG_MAX_REGVALUES);
    o->target = (uint16_t)k;
    return 0;
}

/* Reads the positional operands of op *o from cursor c; on return *t holds
 * the first word after them and *have says whether there is one. A name to
 * bind goes to *bind (n = 0 when none). Returns 0, or -1 with the error. */
static int parse_operands(struct parser *ps, struct cursor *c, struct op *o, struct tok *bind,
                          struct tok *t, int *have)
{
    enum op_code code = (enum op_code)o->code;
    const char *name = op_name(code);
    char b[48];
    int k, n;

    *have = next_tok(c, t);
    switch (op_arg(code)) {
    case ARG_NONE:
        return 0;
    case ARG_BIND:
        if (code == OP_DRIVER_CREATE) {
            o->target = SLOT_DRIVER;
            if (*have && t->s[0] == '$') {
                if (check_name(ps, *t) < 0)
                    return -1;
                if (!tok_is(*t, "$driver"))
                    return fail(ps, "driver-create binds $driver, not %.*s", (int)t->n, t->s);
                *have = next_tok(c, t);
            }
            return 0;
        }
        if (!*have || t->s[0] != '$')
            return fail(ps, "%s needs a $name to bind", name);
        if (check_name(ps, *t) < 0)
            return -1;
        if (tok_is(*t, "$driver"))
            return fail(ps, "only driver-create binds $driver");
        *bind = *t;
        *have = next_tok(c, t);
        return 0;
    case ARG_OBJ:
    case ARG_OBJ2:
        for (n = op_arg(code) == ARG_OBJ2 ? 2 : 1, k = 0; k < n; k++) {
            if (!*have || t->s[0] != '$')
                return fail(ps, "%s needs %s", name, n == 2 ? "two $names" : "a $name");
            if (use_name(ps, *t, k == 0 ? &o->target : &o->arg) < 0)
                return -1;
            *have = next_tok(c, t);
        }
        return 0;
    case ARG_OPTOBJ:
        if (*have && t->s[0] == '$') {
            if (use_name(ps, *t, &o->target) < 0)
                return -1;
            *have = next_tok(c, t);
        }
        return 0;
    case ARG_LEVEL:
        if (!*have)
            return fail(ps, "%s needs a level (passive, apc or dispatch)", name);
        k = tok_index(*t, levels, 3);
        if (k < 0)
            return fail(ps, "bad level %s (passive, apc or dispatch)", show(*t, b, sizeof b));
        o->level = (uint8_t)k;
        *have = next_tok(c, t);
        return 0;
    case ARG_BLOCK:
        if (!*have || t->s[0] != '$')
            return fail(ps, "on needs a $name and a callback kind");
        if (use_name(ps, *t, &o->target) < 0)
            return -1;
        if (!next_tok(c, t))
            return fail(ps, "on needs a callback kind (cleanup, destroy, unload, timer or workitem)");
        for (k = 0; k < BLOCK__COUNT; k++)
            if (tok_is(*t, block_kind_name((enum block_kind)k)))
                break;
        if (k == BLOCK__COUNT)
            return fail(ps, "bad callback kind %s (cleanup, destroy, unload, timer or workitem)",
                        show(*t, b, sizeof b));
        o->level = (uint8_t)k;
        *have = next_tok(c, t);
        return 0;
    case ARG_ENVREF:
        if (parse_envref_into(ps, code, *have ? t : NULL, &o->target) < 0)
            return -1;
        *have = next_tok(c, t);
        return 0;
    case ARG_REGVALUE:
        if (parse_regvalue(ps, *have ? t : NULL, o) < 0)
            return -1;
        *have = next_tok(c, t);
        return 0;
    }
    return 0;
}

/* Checks the combinations of options an op needs (fail-alloc's one mode,
 * seed only with percent). Returns 0, or -1 with the error written. */
static int check_companions(struct parser *ps, const struct op *o)
{
    uint32_t modes = o->opts & OPT_FAIL_MODES;

    if (o->code != OP_FAIL_ALLOC)
        return 0;
    if (modes == 0)
        return fail(ps, "fail-alloc needs one of nth=, after=, site=, percent= or off");
    if (modes & (modes - 1))
        return fail(ps, "fail-alloc takes only one of nth=, after=, site=, percent= and off");
    if ((o->opts & OPT_SEED) && modes != OPT_PERCENT)
        return fail(ps, "seed= goes only with percent=");
    return 0;
}

/* Binds the name t for op *o: the same slot when t is bound already, else
 * the next free one. Returns 0, or -1 with the error written. */
static int bind_name(struct parser *ps, struct tok t, struct op *o)
{
    struct program *p = ps->p;

    o->target = find_slot(p, t);
    if (o->target != SLOT_NONE)
        return 0;
    if (p->nslots >= PROG_MAX_SLOTS)
        return fail(ps, "more than %d names", PROG_MAX_SLOTS);
    memset(p->names[p->nslots], 0, PROG_NAME_MAX);
    memcpy(p->names[p->nslots], t.s, t.n);
    o->target = (uint16_t)p->nslots++;
    return 0;
}

/* Whether the '#' at line[i] is the one of a TYPE#N operand: a word
 * `timer`, `workitem`, `request` or `dpc` before it, a digit after it. */
static int envref_hash(const char *line, size_t i, size_t n)
{
    static const char *const types[] = {"timer", "workitem", "request", "dpc"};
    size_t k, tn;

    if (i + 1 >= n || line[i + 1] < '0' || line[i + 1] > '9')
        return 0;
    for (k = 0; k < sizeof types / sizeof types[0]; k++) {
        tn = strlen(types[k]);
        if (i >= tn && memcmp(line + i - tn, types[k], tn) == 0 &&
            (i == tn || IS_BLANK(line[i - tn - 1])))
            return 1;
    }
    return 0;
}

/* Where the comment of line[0..n) starts: at the first '#' that is not
 * the one of a TYPE#N operand. Returns a pointer to it, or NULL. */
static const char *comment_start(const char *line, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (line[i] == '#' && !envref_hash(line, i, n))
            return line + i;
    return NULL;
}

/* Parses one line (comment cut off) into the program. Returns 0, or -1 with
 * the error written. */
static int parse_line(struct parser *ps, const char *s, size_t n)
{
    struct cursor c = {s, 0, n};
    struct op o = {0, 0, SLOT_NONE, SLOT_NONE, 0, 0, 0, ps->line};
    struct tok t, bind = {NULL, 0};
    char b[48];
    enum op_code code;
    int have;

    if (!next_tok(&c, &t))
        return 0;
    for (code = 0; code < OP__COUNT; code++)
        if (t.n == op_len[code] && memcmp(t.s, op_name(code), t.n) == 0)
            break;
    if (code == OP__COUNT)
        return fail(ps, "unknown op %s", show(t, b, sizeof b));
    if (code == OP_ON && ps->block_line != 0)
        return fail(ps, "on inside the block opened at line %u (blocks do not nest)",
                    (unsigned)ps->block_line);
    if (code == OP_END && ps->block_line == 0)
        return fail(ps, "end without on");
    if (!op_in(code, PROG_DRIVER) && ps->api_line == 0)
        ps->api_line = ps->line;
    if (!op_in(code, PROG_API) && ps->driver_line == 0)
        ps->driver_line = ps->line;
    if (ps->api_line != 0 && ps->driver_line != 0)
        return fail(ps, "%s belongs to %s programs, line %u to %s programs (a program plays the "
                    "driver or the port, not both)", op_name(code),
                    op_in(code, PROG_API) ? "api" : "driver",
                    (unsigned)(op_in(code, PROG_API) ? ps->driver_line : ps->api_line),
                    op_in(code, PROG_API) ? "driver" : "api");
    o.code = (uint8_t)code;
    if (parse_operands(ps, &c, &o, &bind, &t, &have) < 0)
        return -1;
    for (; have; have = next_tok(&c, &t))
        if (parse_option(ps, t, &o) < 0)
            return -1;
    if (check_companions(ps, &o) < 0)
        return -1;
    if (ps->p->nops >= PROG_MAX_OPS)
        return fail(ps, "more than %d ops", PROG_MAX_OPS);
    if (bind.n != 0 && bind_name(ps, bind, &o) < 0)
        return -1;
    if (code == OP_ON)
        ps->block_line = ps->line;
    else if (code == OP_END)
        ps->block_line = 0;
    ps->p->ops[ps->p->nops++] = o;
    return 0;
}

/* Starts *p as the empty program: no ops, slot 0 named $driver (padded
 * with NULs, as find_slot wants). */
static void prog_clear(struct program *p)
{
    p->nops = 0;
    p->kind = PROG_API;
    p->nslots = 1;
    p->nregnames = 0;
    memset(p->names[0], 0, PROG_NAME_MAX);
    memcpy(p->names[0], "$driver", sizeof "$driver" - 1);
}

/* Parses `len` bytes of text into *p. Returns 0, or -1 with "line N: reason"
 * in err (and *p emptied). */
int prog_parse_text(const char *text, size_t len, struct program *p, char *err, size_t errlen)
{
    struct parser ps = {p, err, errlen, 0, 0, 0, 0};
    size_t pos = 0;

    prog_clear(p);
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - line) : len - pos;
        const char *hash = comment_start(line, n);

        ps.line++;
        pos += n + (nl != NULL);
        if (parse_line(&ps, line, hash != NULL ? (size_t)(hash - line) : n) < 0) {
            prog_clear(p);
            return -1;
        }
    }
    if (ps.block_line != 0) {
        fail_at(&ps, ps.block_line, "on without end (the block is not closed)");
        prog_clear(p);
        return -1;
    }
    p->kind = ps.driver_line != 0 ? PROG_DRIVER : PROG_API;
    return 0;
}

/* Makes *p a program of kind k (see program.h). */
int prog_set_kind(struct program *p, enum prog_kind k, char *err, size_t errlen)
{
    uint32_t i;

    for (i = 0; i < p->nops; i++)
        if (!op_in((enum op_code)p->ops[i].code, k)) {
            if (err != NULL && errlen > 0)
                snprintf(err, errlen, "line %u: %s is not an op of %s programs",
                         (unsigned)p->ops[i].line, op_name((enum op_code)p->ops[i].code),
                         prog_kind_name(k));
            return -1;
        }
    p->kind = (uint8_t)k;
    return 0;
}

/* --------------------------------------------------------------- printer */

/* Output state: snprintf-like, counts what it could not write. */
struct writer {
    char *buf;  /* destination, may be NULL when n is 0 */
    size_t n;   /* its size */
    size_t len; /* bytes produced so far, written or not */
};

/* Appends n bytes of s. */
static void put(struct writer *w, const char *s, size_t n)
{
    if (w->len < w->n) {
        size_t room = w->n - 1 - w->len;

        memcpy(w->buf + w->len, s, n < room ? n : room);
    }
    w->len += n;
}

/* Appends the C string s. */
static void puts_w(struct writer *w, const char *s)
{
    put(w, s, strlen(s));
}

/* Appends v in decimal. */
static void put_u32(struct writer *w, uint32_t v)
{
    char d[10];
    size_t i = sizeof d;

    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    put(w, d + i, sizeof d - i);
}

/* Appends the name of `slot`: the canonical one ($driver, $oN) when asked
 * or when the program has no name for it. */
static void put_name(struct writer *w, const struct program *p, int canonical, uint16_t slot)
{
    if (!canonical && slot < p->nslots && p->names[slot][0] != '\0') {
        puts_w(w, p->names[slot]);
    } else if (slot == SLOT_DRIVER) {
        puts_w(w, "$driver");
    } else {
        puts_w(w, "$o");
        put_u32(w, slot);
    }
}

/* Appends " " and the name of `slot` (see put_name). */
static void put_slot(struct writer *w, const struct program *p, int canonical, uint16_t slot)
{
    put(w, " ", 1);
    put_name(w, p, canonical, slot);
}

/* Appends the word table[v], or the number v when the table has no word
 * for it (a program not made by the parser or decoder). */
static void put_word(struct writer *w, const char *const *table, uint32_t count, uint32_t v)
{
    if (v < count && table[v] != NULL)
        puts_w(w, table[v]);
    else
        put_u32(w, v);
}

/* Appends op *o's options in OPT_* bit order, each value as options.def
 * spells it (a word's value out of range, in a program not made by the
 * parser or the decoder, as its number). */
static void put_options(struct writer *w, const struct program *p, int canonical,
                        const struct op *o)
{
    uint32_t v;
    int i;

    for (i = 0; i < OPT__COUNT; i++) {
        const struct opt_info *oi = &prog_options[i];

        if (!(o->opts & (1u << i)))
            continue;
        put(w, " ", 1);
        puts_w(w, oi->word);
        if (oi->value == VAL_FLAG)
            continue;
        put(w, "=", 1);
        v = opt_get(o, i);
        if (oi->value == VAL_SLOT)
            put_name(w, p, canonical, (uint16_t)v);
        else if (oi->value == VAL_WORD && v >= oi->lo && v - oi->lo < oi->count)
            puts_w(w, oi->words[v - oi->lo]);
        else
            put_u32(w, v);
    }
}

/* Prints *p as text (see program.h). Returns the bytes needed, NUL not
 * counted; buf holds as much as fits, NUL-terminated when n > 0. */
size_t prog_print_text(const struct program *p, int canonical, char *buf, size_t n)
{
    struct writer w = {buf, n, 0};
    int in_block = 0;
    uint32_t i;

    for (i = 0; i < p->nops; i++) {
        const struct op *o = &p->ops[i];
        enum op_code code = (enum op_code)o->code;

        if (code == OP_END)
            in_block = 0;
        if (in_block)
            put(&w, "  ", 2);
        puts_w(&w, op_name(code));
        switch (op_arg(code)) {
        case ARG_NONE:
            break;
        case ARG_BIND:
            if (code != OP_DRIVER_CREATE)
                put_slot(&w, p, canonical, o->target);
            break;
        case ARG_OBJ:
            put_slot(&w, p, canonical, o->target);
            break;
        case ARG_OBJ2:
            put_slot(&w, p, canonical, o->target);
            put_slot(&w, p, canonical, o->arg);
            break;
        case ARG_OPTOBJ:
            if (o->target != SLOT_NONE)
                put_slot(&w, p, canonical, o->target);
            break;
        case ARG_LEVEL:
            put(&w, " ", 1);
            put_word(&w, levels, 3, o->level);
            break;
        case ARG_BLOCK:
            put_slot(&w, p, canonical, o->target);
            put(&w, " ", 1);
            if (o->level < BLOCK__COUNT)
                puts_w(&w, block_kind_name((enum block_kind)o->level));
            else
                put_u32(&w, o->level);
            break;
        case ARG_ENVREF:
            put(&w, " ", 1);
            puts_w(&w, op_envref_type(code));
            put(&w, "#", 1);
            put_u32(&w, o->target);
            break;
        case ARG_REGVALUE:
            put(&w, " ", 1);
            puts_w(&w, o->target < p->nregnames ? p->regnames[o->target] : "?");
            put(&w, "=", 1);
            put_u32(&w, o->num);
            break;
        }
        put_options(&w, p, canonical, o);
        put(&w, "\n", 1);
        if (code == OP_ON)
            in_block = 1;
    }
    if (n > 0)
        buf[w.len < n ? w.len : n - 1] = '\0';
    return w.len;
}
