/*
 * strfmt.c - the model's printf over 8-bit and 16-bit characters, for the
 * printf family of the safe string functions (strsafe.c).
 *
 * The C library cannot do this: its wide functions take 4-byte wchar_t
 * while driver strings are 2-byte WCHARs (the project compiles with
 * -fshort-wchar), and its conversions are not the kernel's (strfmt.h says
 * which are). The format is read one character at a time, whatever its
 * width; each conversion reads its argument at the size its modifier names
 * under LLP64 (l is 32 bits) and writes through emit(), which drops what
 * does not fit and says so. A wide source written to a narrow destination
 * keeps ASCII and turns every other character into '?', where the kernel
 * would convert through the ANSI code page; a narrow source written wide
 * keeps each byte's value.
 */
#include "strfmt.h"

#include "uf/base.h"

/* A conversion's flags, width, precision and size. */
struct spec {
    uint8_t left;  /* '-': pad on the right */
    uint8_t zero;  /* '0': pad numbers with zeros */
    uint8_t alt;   /* '#': 0x before a nonzero hexadecimal number */
    int width;     /* minimum characters, 0 for none */
    int prec;      /* digits for numbers, characters for strings; -1 for none */
    char size;     /* 0, 'h', 'l' (32 bits), 'L' (64 bits: ll, I64), 'I' (pointer), 'z', 'w' */
};

/* Character i of the format. */
static unsigned at(const struct uf__fmt_out *o, const void *format, size_t i)
{
    return o->wide ? ((const WCHAR *)format)[i] : (unsigned char)((const char *)format)[i];
}

/* Writes one character, or notes that it did not fit. */
static void emit(struct uf__fmt_out *o, unsigned c)
{
    if (o->len >= o->cap) {
        o->truncated = 1;
        return;
    }
    if (o->wide)
        ((WCHAR *)o->buf)[o->len] = (WCHAR)c;
    else
        ((char *)o->buf)[o->len] = (char)c;
    o->len++;
}

/* Writes n copies of c (none when n <= 0). */
static void pad(struct uf__fmt_out *o, long n, unsigned c)
{
    while (n-- > 0)
        emit(o, c);
}

/* Writes n characters of a string (wide or not) with the width of s. A
 * wide character written narrow stays only when it is ASCII. */
static void put_str(struct uf__fmt_out *o, const struct spec *s, const void *p, int wide,
                    size_t n)
{
    size_t i;
    unsigned c;

    if (!s->left)
        pad(o, (long)s->width - (long)n, ' ');
    for (i = 0; i < n; i++) {
        c = wide ? ((const WCHAR *)p)[i] : (unsigned char)((const char *)p)[i];
        emit(o, !o->wide && c > 0x7F && wide ? '?' : c);
    }
    if (s->left)
        pad(o, (long)s->width - (long)n, ' ');
}

/* Writes a terminated string, at most the precision's characters of it;
 * NULL is written "(null)", as the kernel does. */
static void put_terminated(struct uf__fmt_out *o, const struct spec *s, const void *p, int wide)
{
    size_t n = 0, max = s->prec < 0 ? SIZE_MAX : (size_t)s->prec;

    if (!p) {
        put_str(o, s, "(null)", 0, max < 6 ? max : 6);
        return;
    }
    while (n < max && (wide ? ((const WCHAR *)p)[n] : ((const char *)p)[n]))
        n++;
    put_str(o, s, p, wide, n);
}

/* Writes a number: its sign, 0x, zeros to the precision or the width,
 * then the digits in base 10 or 16. */
static void put_num(struct uf__fmt_out *o, const struct spec *s, uint64_t mag, int neg, int hex,
                    int upper)
{
    const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char text[24];
    int n = 0, prefix, zeros, total;

    while (mag && n < (int)sizeof text) {
        text[n++] = digit[hex ? mag % 16 : mag % 10];
        mag /= hex ? 16 : 10;
    }
    if (n == 0 && s->prec != 0)
        text[n++] = '0';
    prefix = neg ? 1 : (s->alt && hex && !(n == 1 && text[0] == '0') && n > 0) ? 2 : 0;
    zeros = s->prec > n ? s->prec - n : 0;
    total = prefix + zeros + n;
    if (!s->left && s->zero && s->prec < 0 && s->width > total) {
        zeros += s->width - total;
        total = s->width;
    }
    if (!s->left)
        pad(o, (long)s->width - total, ' ');
    if (neg) {
        emit(o, '-');
    } else if (prefix) {
        emit(o, '0');
        emit(o, upper ? 'X' : 'x');
    }
    pad(o, zeros, '0');
    while (n)
        emit(o, (unsigned char)text[--n]);
    if (s->left)
        pad(o, (long)s->width - total, ' ');
}

/* Reads a signed argument of size s->size and writes it. */
static void put_signed(struct uf__fmt_out *o, const struct spec *s, va_list *ap)
{
    int64_t v;

    if (s->size == 'L' || s->size == 'I' || s->size == 'z')
        v = va_arg(*ap, int64_t);
    else if (s->size == 'h')
        v = (short)va_arg(*ap, int);
    else
        v = va_arg(*ap, int);
    put_num(o, s, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0, 0, 0);
}

/* Reads an unsigned argument of size s->size and writes it in base 10 or 16. */
static void put_unsigned(struct uf__fmt_out *o, const struct spec *s, va_list *ap, int hex,
                         int upper)
{
    uint64_t v;

    if (s->size == 'L' || s->size == 'I' || s->size == 'z')
        v = va_arg(*ap, uint64_t);
    else if (s->size == 'h')
        v = (unsigned short)va_arg(*ap, unsigned);
    else
        v = va_arg(*ap, unsigned);
    put_num(o, s, v, 0, hex, upper);
}

/* Writes a counted string (%Z: ANSI_STRING, %wZ: UNICODE_STRING); a NULL
 * string or buffer is "(null)". */
static void put_counted(struct uf__fmt_out *o, const struct spec *s, va_list *ap, int wide)
{
    const void *p = va_arg(*ap, const void *);
    size_t n;

    if (wide) {
        const UNICODE_STRING *u = (const UNICODE_STRING *)p;

        if (!u || !u->Buffer) {
            put_terminated(o, s, NULL, 0);
            return;
        }
        n = u->Length / sizeof(WCHAR);
        put_str(o, s, u->Buffer, 1, s->prec >= 0 && (size_t)s->prec < n ? (size_t)s->prec : n);
    } else {
        const ANSI_STRING *a = (const ANSI_STRING *)p;

        if (!a || !a->Buffer) {
            put_terminated(o, s, NULL, 0);
            return;
        }
        n = a->Length;
        put_str(o, s, a->Buffer, 0, s->prec >= 0 && (size_t)s->prec < n ? (size_t)s->prec : n);
    }
}

/* Reads a width or precision at format[*i]: digits or '*' (an argument).
 * Returns it, or -1 when there is none. */
static int number(const struct uf__fmt_out *o, const void *format, size_t *i, va_list *ap)
{
    int v = 0;

    if (at(o, format, *i) == '*') {
        (*i)++;
        return va_arg(*ap, int);
    }
    if (at(o, format, *i) < '0' || at(o, format, *i) > '9')
        return -1;
    while (at(o, format, *i) >= '0' && at(o, format, *i) <= '9') {
        if (v < 100000)
            v = v * 10 + (int)(at(o, format, *i) - '0');
        (*i)++;
    }
    return v;
}

/* Reads the size modifier at format[*i] into s->size. Returns 0, or -1 for
 * one outside the subset (hh, L, j, t, q). */
static int size_of(const struct uf__fmt_out *o, const void *format, size_t *i, struct spec *s)
{
    unsigned c = at(o, format, *i);

    if (c == 'h' || c == 'w' || c == 'z') {
        s->size = (char)c;
        (*i)++;
        return at(o, format, *i) == 'h' && c == 'h' ? -1 : 0;
    }
    if (c == 'l') {
        (*i)++;
        s->size = 'l';
        if (at(o, format, *i) == 'l') {
            (*i)++;
            s->size = 'L';
        }
        return 0;
    }
    if (c == 'I') {
        (*i)++;
        s->size = 'I';
        if (at(o, format, *i) == '6' && at(o, format, *i + 1) == '4') {
            *i += 2;
            s->size = 'L';
        } else if (at(o, format, *i) == '3' && at(o, format, *i + 1) == '2') {
            *i += 2;
            s->size = 'l';
        }
        return 0;
    }
    return c == 'L' || c == 'j' || c == 't' || c == 'q' ? -1 : 0;
}

/* One conversion, its '%' at format[*i - 1]: reads its spec and argument
 * and writes it. Returns 0, or -1 when it is outside the subset. */
static int convert(struct uf__fmt_out *o, const void *format, size_t *i, va_list *ap)
{
    struct spec s = {0, 0, 0, 0, -1, 0};
    unsigned c;
    int n, wide;

    for (;; (*i)++) {
        c = at(o, format, *i);
        if (c == '-')
            s.left = 1;
        else if (c == '0')
            s.zero = 1;
        else if (c == '#')
            s.alt = 1;
        else
            break;
    }
    n = number(o, format, i, ap);
    if (n < 0 && at(o, format, *i - 1) == '*') {
        s.left = 1;
        n = -n;
    }
    s.width = n < 0 ? 0 : n;
    if (at(o, format, *i) == '.') {
        (*i)++;
        n = number(o, format, i, ap);
        s.prec = n < 0 && at(o, format, *i - 1) == '*' ? -1 : n < 0 ? 0 : n;
    }
    if (size_of(o, format, i, &s))
        return -1;
    c = at(o, format, (*i)++);
    switch (c) {
    case 'd':
    case 'i':
        if (s.size == 'w')
            return -1;
        put_signed(o, &s, ap);
        return 0;
    case 'u':
    case 'x':
    case 'X':
        if (s.size == 'w')
            return -1;
        put_unsigned(o, &s, ap, c != 'u', c == 'X');
        return 0;
    case 'p':
        if (s.size)
            return -1;
        s.prec = 16;
        s.alt = 0;
        put_num(o, &s, (uint64_t)(uintptr_t)va_arg(*ap, void *), 0, 1, 1);
        return 0;
    case 'c':
    case 'C': {
        WCHAR w;

        if (s.size && s.size != 'h' && s.size != 'l' && s.size != 'w')
            return -1;
        /* c is the function's own width, C the other; h narrows, l and w widen. */
        wide = s.size == 'h' ? 0 : s.size ? 1 : (c == 'c') == !!o->wide;
        w = (WCHAR)va_arg(*ap, int);
        if (wide) {
            put_str(o, &s, &w, 1, 1);
        } else {
            char ch = (char)w;

            put_str(o, &s, &ch, 0, 1);
        }
        return 0;
    }
    case 's':
    case 'S':
        if (s.size && s.size != 'h' && s.size != 'l' && s.size != 'w')
            return -1;
        wide = s.size == 'h' ? 0 : s.size ? 1 : (c == 's') == !!o->wide;
        put_terminated(o, &s, va_arg(*ap, const void *), wide);
        return 0;
    case 'Z':
        if (s.size && s.size != 'h' && s.size != 'l' && s.size != 'w')
            return -1;
        put_counted(o, &s, ap, s.size == 'l' || s.size == 'w');
        return 0;
    case '%':
        emit(o, '%');
        return 0;
    default:
        return -1; /* e f g a o n, and anything unknown */
    }
}

int uf__fmt(struct uf__fmt_out *o, const void *format, va_list ap)
{
    size_t i = 0;
    unsigned c;
    va_list args;
    int rc = 0;

    va_copy(args, ap);
    while ((c = at(o, format, i++)) != 0) {
        if (c != '%') {
            emit(o, c);
            continue;
        }
        if (convert(o, format, &i, &args)) {
            rc = -1;
            break;
        }
    }
    va_end(args);
    return rc;
}
