/*
 * wstr.h - the model's own helpers over 16-bit wide strings.
 *
 * Driver strings are WCHARs of 2 bytes (-fshort-wchar); the C library's
 * wide-string functions take its own 4-byte wchar_t and must not be handed
 * them. These are the few the model's string routines need (wdm.c,
 * strsafe.c). Internal to the model.
 */
#ifndef UNLOADFUZZ_WSTR_H
#define UNLOADFUZZ_WSTR_H

#include <stddef.h>

#include "uf/base.h"

/* The characters of s before its terminator, at most max of them. */
static inline size_t uf__wcsnlen(const WCHAR *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

/* The characters of s before its terminator. */
static inline size_t uf__wcslen(const WCHAR *s) { return uf__wcsnlen(s, (size_t)-1); }

/* c with a-z made A-Z: the fold of the model's case-insensitive
 * comparisons (the kernel's upcase table covers all of Unicode). */
static inline WCHAR uf__wupcase(WCHAR c) { return c >= 'a' && c <= 'z' ? (WCHAR)(c - 'a' + 'A') : c; }

#endif /* UNLOADFUZZ_WSTR_H */
