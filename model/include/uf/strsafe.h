/*
 * uf/strsafe.h - the safe string functions (ntstrsafe.h): copy,
 * concatenate, measure and format terminated strings in buffers of a given
 * size, in characters (Cch) or bytes (Cb), narrow (A) or wide (W), and the
 * same over UNICODE_STRINGs.
 *
 * Drivers build their names, registry paths and messages with these on the
 * load and unload paths. What they return is the real functions':
 *  - STATUS_SUCCESS: the whole result, terminated;
 *  - STATUS_BUFFER_OVERFLOW (a warning, NT_SUCCESS false): the result was
 *    cut to fit and is terminated (a UNICODE_STRING is never terminated:
 *    its Length covers what fit);
 *  - STATUS_INVALID_PARAMETER: a size of 0 or over NTSTRSAFE_MAX_CCH
 *    characters (NTSTRSAFE_UNICODE_STRING_MAX_CCH for a UNICODE_STRING), a
 *    NULL pointer, a destination to concatenate to or a string to measure
 *    with no terminator within its size, an invalid UNICODE_STRING (odd
 *    lengths, Length over MaximumLength, no buffer behind a length), or a
 *    printf conversion outside the model's formatter. A destination whose
 *    size is valid is then left empty.
 * The printf functions format with the kernel's conversions, through the
 * model's own formatter over 16-bit strings (model/strfmt.h lists the
 * subset). The real header defines these inline; here they are functions of
 * the model (model/strsafe.c), which record no event.
 */
#ifndef UNLOADFUZZ_UF_STRSAFE_H
#define UNLOADFUZZ_UF_STRSAFE_H

#include <stdarg.h>

#include "uf/base.h"

EXTERN_C_START

#define NTSTRSAFE_MAX_CCH                2147483647
#define NTSTRSAFE_MAX_LENGTH             (NTSTRSAFE_MAX_CCH - 1)
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(WCHAR))

typedef char *NTSTRSAFE_PSTR;
typedef const char *NTSTRSAFE_PCSTR;
typedef WCHAR *NTSTRSAFE_PWSTR;
typedef const WCHAR *NTSTRSAFE_PCWSTR;

/* ---- copy: pszSrc into pszDest ---- */
NTSTATUS RtlStringCchCopyA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                           _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCchCopyW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                           _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlStringCbCopyA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                          _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCbCopyW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                          _In_ NTSTRSAFE_PCWSTR pszSrc);

/* ---- copy at most cchToCopy characters (cbToCopy bytes) of pszSrc ---- */
NTSTATUS RtlStringCchCopyNA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                            _In_reads_or_z_(cchToCopy) NTSTRSAFE_PCSTR pszSrc,
                            _In_ size_t cchToCopy);
NTSTATUS RtlStringCchCopyNW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                            _In_reads_or_z_(cchToCopy) NTSTRSAFE_PCWSTR pszSrc,
                            _In_ size_t cchToCopy);
NTSTATUS RtlStringCbCopyNA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                           _In_reads_bytes_(cbToCopy) NTSTRSAFE_PCSTR pszSrc,
                           _In_ size_t cbToCopy);
NTSTATUS RtlStringCbCopyNW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                           _In_reads_bytes_(cbToCopy) NTSTRSAFE_PCWSTR pszSrc,
                           _In_ size_t cbToCopy);

/* ---- concatenate: pszSrc after the terminated string in pszDest ---- */
NTSTATUS RtlStringCchCatA(_Inout_updates_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                          _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCchCatW(_Inout_updates_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                          _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTATUS RtlStringCbCatA(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                         _In_ NTSTRSAFE_PCSTR pszSrc);
NTSTATUS RtlStringCbCatW(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                         _In_ NTSTRSAFE_PCWSTR pszSrc);

/* ---- concatenate at most cchToAppend characters (cbToAppend bytes) ---- */
NTSTATUS RtlStringCchCatNA(_Inout_updates_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                           _In_reads_or_z_(cchToAppend) NTSTRSAFE_PCSTR pszSrc,
                           _In_ size_t cchToAppend);
NTSTATUS RtlStringCchCatNW(_Inout_updates_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                           _In_reads_or_z_(cchToAppend) NTSTRSAFE_PCWSTR pszSrc,
                           _In_ size_t cchToAppend);
NTSTATUS RtlStringCbCatNA(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                          _In_reads_bytes_(cbToAppend) NTSTRSAFE_PCSTR pszSrc,
                          _In_ size_t cbToAppend);
NTSTATUS RtlStringCbCatNW(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                          _In_reads_bytes_(cbToAppend) NTSTRSAFE_PCWSTR pszSrc,
                          _In_ size_t cbToAppend);

/* ---- length: characters (bytes) before the terminator, within the size;
 * the length out parameter may be NULL, and is 0 on failure ---- */
NTSTATUS RtlStringCchLengthA(_In_reads_or_z_(cchMax) NTSTRSAFE_PCSTR psz, _In_ size_t cchMax,
                             _Out_opt_ size_t *pcchLength);
NTSTATUS RtlStringCchLengthW(_In_reads_or_z_(cchMax) NTSTRSAFE_PCWSTR psz, _In_ size_t cchMax,
                             _Out_opt_ size_t *pcchLength);
NTSTATUS RtlStringCbLengthA(_In_reads_or_z_(cbMax) NTSTRSAFE_PCSTR psz, _In_ size_t cbMax,
                            _Out_opt_ size_t *pcbLength);
NTSTATUS RtlStringCbLengthW(_In_reads_or_z_(cbMax / sizeof(WCHAR)) NTSTRSAFE_PCWSTR psz,
                            _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);

/* ---- formatted ---- */
NTSTATUS RtlStringCchPrintfA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                             _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS RtlStringCchPrintfW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                             _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS RtlStringCbPrintfA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                            _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS RtlStringCbPrintfW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                            _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);

/* The same over a va_list the caller started (and ends). */
NTSTATUS RtlStringCchVPrintfA(_Out_writes_(cchDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                              _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat,
                              _In_ va_list argList);
NTSTATUS RtlStringCchVPrintfW(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                              _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
                              _In_ va_list argList);
NTSTATUS RtlStringCbVPrintfA(_Out_writes_bytes_(cbDest) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                             _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat,
                             _In_ va_list argList);
NTSTATUS RtlStringCbVPrintfW(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                             _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat,
                             _In_ va_list argList);

/* ---- over UNICODE_STRINGs: never terminated, Length set to what fit ---- */
NTSTATUS RtlUnicodeStringCopy(_Out_ PUNICODE_STRING DestinationString,
                              _In_ PCUNICODE_STRING SourceString);
NTSTATUS RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString,
                             _In_ PCUNICODE_STRING SourceString);
NTSTATUS RtlUnicodeStringPrintf(_Out_ PUNICODE_STRING DestinationString,
                                _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);

EXTERN_C_END

#endif /* UNLOADFUZZ_UF_STRSAFE_H */
