/*
 * strsafe.c - the safe string functions of ntstrsafe.h (uf/strsafe.h):
 * copy, concatenate, measure and format, narrow and wide, in buffers sized
 * in characters or bytes, and over UNICODE_STRINGs.
 *
 * Every function is one of four workers (copy_at, length_of, print, and
 * the UNICODE_STRING validation) over a string of either width (struct
 * str), so the A, W, Cch and Cb spellings differ only in how they turn
 * their size into characters. A destination is written within its size
 * only, is terminated whenever it is usable, and is left empty when a
 * call fails for its parameters (uf/strsafe.h lists the statuses). The
 * printf functions format through uf__fmt() (strfmt.c). They are the
 * header's inline functions in the real kit, not exports: they record no
 * event and check no IRQL.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdarg.h>

#include "strfmt.h"
#include "uf/strsafe.h"

/* A terminated string of either width: chars (the A functions) or WCHARs
 * (the W functions). */
struct str {
    void *p;  /* NULL for none */
    int wide; /* WCHARs */
};

/* Character i of s. */
static unsigned get(struct str s, size_t i)
{
    return s.wide ? ((const WCHAR *)s.p)[i] : (unsigned char)((const char *)s.p)[i];
}

/* Sets character i of s to c. */
static void set(struct str s, size_t i, unsigned c)
{
    if (s.wide)
        ((WCHAR *)s.p)[i] = (WCHAR)c;
    else
        ((char *)s.p)[i] = (char)c;
}

/* Whether a destination of cch characters may be written at all. */
static int usable(struct str d, size_t cch)
{
    return d.p && cch != 0 && cch <= NTSTRSAFE_MAX_CCH;
}

/* Copies at most max characters of src (fewer at its terminator) into dst
 * from character `at`, within dst's cch characters, and terminates it.
 * Returns STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW when src was cut, or
 * STATUS_INVALID_PARAMETER for a NULL src or a max over the limit (dst then
 * emptied). The caller has checked dst and that at < cch. */
static NTSTATUS copy_at(struct str dst, size_t cch, size_t at, struct str src, size_t max)
{
    size_t i = 0;

    if (!src.p || max > NTSTRSAFE_MAX_CCH) {
        set(dst, 0, 0);
        return STATUS_INVALID_PARAMETER;
    }
    while (i < max && get(src, i) != 0) {
        if (at + 1 >= cch) {
            set(dst, at, 0);
            return STATUS_BUFFER_OVERFLOW;
        }
        set(dst, at++, get(src, i++));
    }
    set(dst, at, 0);
    return STATUS_SUCCESS;
}

/* Copy and CopyN: src into dst of cch characters. */
static NTSTATUS copy(struct str dst, size_t cch, struct str src, size_t max)
{
    if (!usable(dst, cch))
        return STATUS_INVALID_PARAMETER;
    return copy_at(dst, cch, 0, src, max);
}

/* The characters of s before its terminator within max, in *n. Returns
 * STATUS_SUCCESS, or STATUS_INVALID_PARAMETER (and *n 0) for a NULL s, a
 * max of 0 or over the limit, or no terminator within max. */
static NTSTATUS length_of(struct str s, size_t max, size_t *n)
{
    size_t i = 0;

    *n = 0;
    if (!s.p || max == 0 || max > NTSTRSAFE_MAX_CCH)
        return STATUS_INVALID_PARAMETER;
    while (i < max && get(s, i) != 0)
        i++;
    if (i == max)
        return STATUS_INVALID_PARAMETER;
    *n = i;
    return STATUS_SUCCESS;
}

/* Cat and CatN: src after the terminated string in dst of cch characters.
 * A dst with no terminator within cch is refused and left alone. */
static NTSTATUS cat(struct str dst, size_t cch, struct str src, size_t max)
{
    size_t len;

    if (!usable(dst, cch) || !NT_SUCCESS(length_of(dst, cch, &len)))
        return STATUS_INVALID_PARAMETER;
    return copy_at(dst, cch, len, src, max);
}

/* The printf functions: format into dst of cch characters, terminated. */
static NTSTATUS print(struct str dst, size_t cch, const void *format, va_list ap)
{
    struct uf__fmt_out out = {dst.p, 0, 0, (uint8_t)dst.wide, 0};

    if (!usable(dst, cch))
        return STATUS_INVALID_PARAMETER;
    out.cap = cch - 1; /* and the terminator */
    if (!format || uf__fmt(&out, format, ap)) {
        set(dst, 0, 0);
        return STATUS_INVALID_PARAMETER;
    }
    set(dst, out.len, 0);
    return out.truncated ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

#define A(p) ((struct str){(void *)(p), 0})
#define W(p) ((struct str){(void *)(p), 1})
#define WCH(cb) ((cb) / sizeof(WCHAR))

NTSTATUS RtlStringCchCopyA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s)
{
    return copy(A(d), cch, A(s), NTSTRSAFE_MAX_CCH);
}
NTSTATUS RtlStringCchCopyW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s)
{
    return copy(W(d), cch, W(s), NTSTRSAFE_MAX_CCH);
}
NTSTATUS RtlStringCbCopyA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s)
{
    return copy(A(d), cb, A(s), NTSTRSAFE_MAX_CCH);
}
NTSTATUS RtlStringCbCopyW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s)
{
    return copy(W(d), WCH(cb), W(s), NTSTRSAFE_MAX_CCH);
}

NTSTATUS RtlStringCchCopyNA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s, size_t n)
{
    return copy(A(d), cch, A(s), n);
}
NTSTATUS RtlStringCchCopyNW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s, size_t n)
{
    return copy(W(d), cch, W(s), n);
}
NTSTATUS RtlStringCbCopyNA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s, size_t n)
{
    return copy(A(d), cb, A(s), n);
}
NTSTATUS RtlStringCbCopyNW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s, size_t n)
{
    return copy(W(d), WCH(cb), W(s), WCH(n));
}

NTSTATUS RtlStringCchCatA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s)
{
    return cat(A(d), cch, A(s), NTSTRSAFE_MAX_CCH);
}
NTSTATUS RtlStringCchCatW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s)
{
    return cat(W(d), cch, W(s), NTSTRSAFE_MAX_CCH);
}
NTSTATUS RtlStringCbCatA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s)
{
    return cat(A(d), cb, A(s), NTSTRSAFE_MAX_CCH);
}
NTSTATUS RtlStringCbCatW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s)
{
    return cat(W(d), WCH(cb), W(s), NTSTRSAFE_MAX_CCH);
}

NTSTATUS RtlStringCchCatNA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR s, size_t n)
{
    return cat(A(d), cch, A(s), n);
}
NTSTATUS RtlStringCchCatNW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR s, size_t n)
{
    return cat(W(d), cch, W(s), n);
}
NTSTATUS RtlStringCbCatNA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR s, size_t n)
{
    return cat(A(d), cb, A(s), n);
}
NTSTATUS RtlStringCbCatNW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR s, size_t n)
{
    return cat(W(d), WCH(cb), W(s), WCH(n));
}

NTSTATUS RtlStringCchLengthA(NTSTRSAFE_PCSTR p, size_t cch, size_t *n)
{
    size_t len;
    NTSTATUS st = length_of(A(p), cch, &len);

    if (n)
        *n = len;
    return st;
}
NTSTATUS RtlStringCchLengthW(NTSTRSAFE_PCWSTR p, size_t cch, size_t *n)
{
    size_t len;
    NTSTATUS st = length_of(W(p), cch, &len);

    if (n)
        *n = len;
    return st;
}
NTSTATUS RtlStringCbLengthA(NTSTRSAFE_PCSTR p, size_t cb, size_t *n)
{
    size_t len;
    NTSTATUS st = length_of(A(p), cb, &len);

    if (n)
        *n = len;
    return st;
}
NTSTATUS RtlStringCbLengthW(NTSTRSAFE_PCWSTR p, size_t cb, size_t *n)
{
    size_t len;
    NTSTATUS st = length_of(W(p), WCH(cb), &len);

    if (n)
        *n = len * sizeof(WCHAR);
    return st;
}

NTSTATUS RtlStringCchPrintfA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR format, ...)
{
    va_list ap;
    NTSTATUS st;

    va_start(ap, format);
    st = print(A(d), cch, format, ap);
    va_end(ap);
    return st;
}
NTSTATUS RtlStringCchPrintfW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR format, ...)
{
    va_list ap;
    NTSTATUS st;

    va_start(ap, format);
    st = print(W(d), cch, format, ap);
    va_end(ap);
    return st;
}
NTSTATUS RtlStringCbPrintfA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR format, ...)
{
    va_list ap;
    NTSTATUS st;

    va_start(ap, format);
    st = print(A(d), cb, format, ap);
    va_end(ap);
    return st;
}
NTSTATUS RtlStringCbPrintfW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR format, ...)
{
    va_list ap;
    NTSTATUS st;

    va_start(ap, format);
    st = print(W(d), WCH(cb), format, ap);
    va_end(ap);
    return st;
}

NTSTATUS RtlStringCchVPrintfA(NTSTRSAFE_PSTR d, size_t cch, NTSTRSAFE_PCSTR format, va_list ap)
{
    return print(A(d), cch, format, ap);
}
NTSTATUS RtlStringCchVPrintfW(NTSTRSAFE_PWSTR d, size_t cch, NTSTRSAFE_PCWSTR format, va_list ap)
{
    return print(W(d), cch, format, ap);
}
NTSTATUS RtlStringCbVPrintfA(NTSTRSAFE_PSTR d, size_t cb, NTSTRSAFE_PCSTR format, va_list ap)
{
    return print(A(d), cb, format, ap);
}
NTSTATUS RtlStringCbVPrintfW(NTSTRSAFE_PWSTR d, size_t cb, NTSTRSAFE_PCWSTR format, va_list ap)
{
    return print(W(d), WCH(cb), format, ap);
}

/* Whether u is a UNICODE_STRING the functions accept: even lengths,
 * Length within MaximumLength, MaximumLength within the limit, and a
 * buffer behind any length. */
static int valid(PCUNICODE_STRING u)
{
    return u && !(u->Length & 1) && !(u->MaximumLength & 1) && u->Length <= u->MaximumLength &&
           u->MaximumLength <= NTSTRSAFE_UNICODE_STRING_MAX_CCH * sizeof(WCHAR) &&
           (u->Buffer || u->MaximumLength == 0);
}

/* Appends what fits of Source's characters after d's Length. */
static NTSTATUS append(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    size_t room = (size_t)(d->MaximumLength - d->Length) / sizeof(WCHAR);
    size_t n = s->Length / sizeof(WCHAR), i;

    for (i = 0; i < n && i < room; i++)
        d->Buffer[d->Length / sizeof(WCHAR) + i] = s->Buffer[i];
    d->Length = (USHORT)(d->Length + i * sizeof(WCHAR));
    return i < n ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS RtlUnicodeStringCopy(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    if (!valid(d))
        return STATUS_INVALID_PARAMETER;
    d->Length = 0;
    if (!valid(s))
        return STATUS_INVALID_PARAMETER;
    return append(d, s);
}

NTSTATUS RtlUnicodeStringCat(PUNICODE_STRING d, PCUNICODE_STRING s)
{
    if (!valid(d))
        return STATUS_INVALID_PARAMETER;
    if (!valid(s)) {
        d->Length = 0;
        return STATUS_INVALID_PARAMETER;
    }
    return append(d, s);
}

NTSTATUS RtlUnicodeStringPrintf(PUNICODE_STRING d, NTSTRSAFE_PCWSTR format, ...)
{
    struct uf__fmt_out out;
    va_list ap;
    int rc;

    if (!valid(d))
        return STATUS_INVALID_PARAMETER;
    d->Length = 0;
    if (!format)
        return STATUS_INVALID_PARAMETER;
    out = (struct uf__fmt_out){d->Buffer, d->MaximumLength / sizeof(WCHAR), 0, 1, 0};
    va_start(ap, format);
    rc = uf__fmt(&out, format, ap);
    va_end(ap);
    if (rc)
        return STATUS_INVALID_PARAMETER;
    d->Length = (USHORT)(out.len * sizeof(WCHAR));
    return out.truncated ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
