/*
 * strfmt.h - the model's printf for the safe string functions: formats
 * into 8-bit or 16-bit characters with the kernel's conversions.
 *
 * RtlStringCbPrintfW and its relatives (strsafe.c) format driver strings
 * with Microsoft's conventions, which the C library's printf does not
 * share: WCHAR is 2 bytes, %s in a wide function is a wide string and %S a
 * narrow one, %wZ prints a UNICODE_STRING, %ld is 32 bits, %I64x 64, %p
 * 16 upper-case digits. The supported subset: flags '-', '0' and '#' (0x
 * for x), a width and a precision (digits or '*'), the sizes h, l, ll, w,
 * z, I, I32 and I64, and the conversions d i u x X c C s S Z p and %%.
 * Anything else is refused rather than guessed at. Internal to the model.
 */
#ifndef UNLOADFUZZ_STRFMT_H
#define UNLOADFUZZ_STRFMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Where the characters go. The caller sets buf, cap and wide, and zeroes
 * len and truncated. */
struct uf__fmt_out {
    void *buf;         /* chars, or WCHARs when wide */
    size_t cap;        /* characters buf may take */
    size_t len;        /* characters written */
    uint8_t wide;      /* a W function: buf and the format are WCHARs */
    uint8_t truncated; /* a character did not fit (it and the rest are dropped) */
};

/* Formats `format` (WCHARs when out->wide, chars otherwise) with the
 * arguments in ap into out, writing no terminator and never more than
 * out->cap characters. Returns 0, or -1 when the format asks for what is
 * outside the subset above (out then holds what came before). */
int uf__fmt(struct uf__fmt_out *out, const void *format, va_list ap);

#endif /* UNLOADFUZZ_STRFMT_H */
