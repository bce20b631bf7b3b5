/*
 * test_strsafe.c - the safe string functions of <ntstrsafe.h> and the
 * model's printf behind them (docs/WDF-SEMANTICS.md [W8]).
 *
 * Each function family is checked for the three outcomes a driver sees:
 * the whole result (STATUS_SUCCESS), a result cut to fit and terminated
 * (STATUS_BUFFER_OVERFLOW), and a refusal for its parameters
 * (STATUS_INVALID_PARAMETER), narrow and wide, sized in characters and in
 * bytes. The printf tests go through every conversion of the formatter's
 * subset (model/strfmt.h) with widths and zero padding, and through the
 * conversions it refuses.
 */
#include <ntddk.h>
#include <ntstrsafe.h>

#include <string.h>

#include "testlib.h"

/* Asserts that the terminated WCHAR string got reads as the ASCII want. */
#define expect_w(got, want) expect_w_at((got), (want), __FILE__, __LINE__)
static void expect_w_at(const WCHAR *got, const char *want, const char *file, int line)
{
    char text[256];
    size_t i;

    for (i = 0; got[i] && i + 1 < sizeof text; i++)
        text[i] = got[i] < 0x80 ? (char)got[i] : '?';
    text[i] = 0;
    if (strcmp(text, want) != 0)
        fail_msg("%s:%d: \"%s\", want \"%s\"", file, line, text, want);
}

/* Asserts that the first n WCHARs of got read as the ASCII want (n its
 * length). */
static void expect_counted(const UNICODE_STRING *got, const char *want)
{
    size_t i, n = strlen(want);

    assert_int_equal(got->Length, n * sizeof(WCHAR));
    for (i = 0; i < n; i++)
        assert_int_equal(got->Buffer[i], (WCHAR)(unsigned char)want[i]);
}

/* [W8] Copy: the whole string, a cut one, and the refusals, which leave a
 * usable destination empty and an unusable one alone. */
static void W8_copy_fits_cuts_and_refuses(void **state)
{
    WCHAR d[4];
    char a[4];

    assert_int_equal(RtlStringCchCopyW(d, 4, L"abc"), STATUS_SUCCESS);
    expect_w(d, "abc");
    assert_int_equal(RtlStringCchCopyW(d, 4, L"abcd"), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "abc");
    assert_int_equal(RtlStringCchCopyW(d, 4, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], 0);
    d[0] = L'z';
    assert_int_equal(RtlStringCchCopyW(d, 0, L"a"), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCchCopyW(d, (size_t)NTSTRSAFE_MAX_CCH + 1, L"a"),
                     STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], L'z');
    assert_int_equal(RtlStringCchCopyW(NULL, 4, L"a"), STATUS_INVALID_PARAMETER);

    assert_int_equal(RtlStringCbCopyW(d, sizeof d, L"abcd"), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "abc");
    assert_int_equal(RtlStringCbCopyW(d, 7, L"abc"), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "ab");
    assert_int_equal(RtlStringCbCopyW(d, 1, L""), STATUS_INVALID_PARAMETER);

    assert_int_equal(RtlStringCchCopyA(a, 4, "abc"), STATUS_SUCCESS);
    assert_string_equal(a, "abc");
    assert_int_equal(RtlStringCchCopyA(a, 4, "abcd"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "abc");
    assert_int_equal(RtlStringCbCopyA(a, sizeof a, "ab"), STATUS_SUCCESS);
    assert_string_equal(a, "ab");
    assert_int_equal(RtlStringCbCopyA(a, 0, "ab"), STATUS_INVALID_PARAMETER);
}

/* [W8] CopyN: at most n characters (bytes for Cb) of the source. */
static void W8_copyn_copies_at_most_n(void **state)
{
    WCHAR d[4];
    char a[4];

    assert_int_equal(RtlStringCchCopyNW(d, 4, L"abcdef", 2), STATUS_SUCCESS);
    expect_w(d, "ab");
    assert_int_equal(RtlStringCchCopyNW(d, 4, L"a", 5), STATUS_SUCCESS);
    expect_w(d, "a");
    assert_int_equal(RtlStringCchCopyNW(d, 4, L"abcdef", 4), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "abc");
    assert_int_equal(RtlStringCbCopyNW(d, sizeof d, L"abcdef", 4), STATUS_SUCCESS);
    expect_w(d, "ab");
    assert_int_equal(RtlStringCchCopyNW(d, 4, L"a", (size_t)NTSTRSAFE_MAX_CCH + 1),
                     STATUS_INVALID_PARAMETER);
    assert_int_equal(d[0], 0);

    assert_int_equal(RtlStringCchCopyNA(a, 4, "xyz", 1), STATUS_SUCCESS);
    assert_string_equal(a, "x");
    assert_int_equal(RtlStringCbCopyNA(a, 4, "wxyz", 4), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "wxy");
}

/* [W8] Cat and CatN: after the terminated string, within the size; a
 * destination with no terminator in its size is refused and left alone. */
static void W8_cat_appends_within_the_size(void **state)
{
    WCHAR d[6] = L"ab";
    char a[6] = "ab";
    int i;

    assert_int_equal(RtlStringCchCatW(d, 6, L"cd"), STATUS_SUCCESS);
    expect_w(d, "abcd");
    assert_int_equal(RtlStringCchCatW(d, 6, L"ef"), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "abcde");
    assert_int_equal(RtlStringCchCopyW(d, 6, L"a"), STATUS_SUCCESS);
    assert_int_equal(RtlStringCchCatNW(d, 6, L"xyz", 1), STATUS_SUCCESS);
    expect_w(d, "ax");
    assert_int_equal(RtlStringCbCatW(d, sizeof d, L"12"), STATUS_SUCCESS);
    expect_w(d, "ax12");
    assert_int_equal(RtlStringCbCatNW(d, sizeof d, L"345", 2), STATUS_SUCCESS);
    expect_w(d, "ax123");
    for (i = 0; i < 6; i++)
        d[i] = L'x';
    assert_int_equal(RtlStringCchCatW(d, 6, L"a"), STATUS_INVALID_PARAMETER);
    assert_int_equal(d[5], L'x');

    assert_int_equal(RtlStringCchCatA(a, 6, "cd"), STATUS_SUCCESS);
    assert_string_equal(a, "abcd");
    assert_int_equal(RtlStringCbCatA(a, sizeof a, "efg"), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "abcde");
    assert_int_equal(RtlStringCchCopyA(a, 6, ""), STATUS_SUCCESS);
    assert_int_equal(RtlStringCchCatNA(a, 6, "hello", 2), STATUS_SUCCESS);
    assert_int_equal(RtlStringCbCatNA(a, 6, "world", 2), STATUS_SUCCESS);
    assert_string_equal(a, "hewo");
    assert_int_equal(RtlStringCchCatA(NULL, 6, "a"), STATUS_INVALID_PARAMETER);
}

/* [W8] Length: the characters (bytes for Cb) before the terminator, or a
 * refusal, with 0, when there is none within the size. */
static void W8_length_needs_a_terminator_within_the_size(void **state)
{
    size_t n = 99;

    assert_int_equal(RtlStringCchLengthW(L"abc", 4, &n), STATUS_SUCCESS);
    assert_int_equal(n, 3);
    assert_int_equal(RtlStringCchLengthW(L"abc", 3, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(n, 0);
    assert_int_equal(RtlStringCchLengthW(L"abc", 4, NULL), STATUS_SUCCESS);
    assert_int_equal(RtlStringCchLengthW(NULL, 4, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCchLengthW(L"", 0, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCbLengthW(L"abc", 8, &n), STATUS_SUCCESS);
    assert_int_equal(n, 6);
    assert_int_equal(RtlStringCbLengthW(L"abc", 6, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCchLengthA("abcd", 5, &n), STATUS_SUCCESS);
    assert_int_equal(n, 4);
    assert_int_equal(RtlStringCbLengthA("abcd", 4, &n), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCbLengthA("abcd", 16, &n), STATUS_SUCCESS);
    assert_int_equal(n, 4);
}

/* [W8] Every conversion of the subset in a wide printf: in a W function %s
 * is wide and %S narrow, l and w widen, h narrows, %ld is 32 bits, %I64
 * and %ll 64, %p 16 upper-case digits; widths, '-', '0', '#', precision. */
static void W8_wide_printf_formats_the_kernel_conversions(void **state)
{
    static const UNICODE_STRING u = RTL_CONSTANT_STRING(L"uni");
    static const ANSI_STRING an = RTL_CONSTANT_STRING("ansi");
    WCHAR d[128];

    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%d|%i|%u", -5, 7, 4000000000u), STATUS_SUCCESS);
    expect_w(d, "-5|7|4000000000");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%x|%X|%#x|%#X|%#x", 255, 255, 255, 255, 0),
                     STATUS_SUCCESS);
    expect_w(d, "ff|FF|0xff|0XFF|0");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%ld|%lu|%lx", (LONG)-1, (ULONG)0xFFFFFFFF,
                                         (ULONG)0xABC),
                     STATUS_SUCCESS);
    expect_w(d, "-1|4294967295|abc");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%I64d|%I64u|%I64x|%llu",
                                         (LONGLONG)-1234567890123, (ULONGLONG)MAXULONGLONG,
                                         (ULONGLONG)0x123456789AULL, (ULONGLONG)1 << 40),
                     STATUS_SUCCESS);
    expect_w(d, "-1234567890123|18446744073709551615|123456789a|1099511627776");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%p", (PVOID)(ULONG_PTR)0xAB12), STATUS_SUCCESS);
    expect_w(d, "000000000000AB12");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%c%C%wc%hc", L'W', 'n', L'x', 'y'),
                     STATUS_SUCCESS);
    expect_w(d, "Wnxy");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%s|%S|%ls|%ws|%hs", L"wide", "narrow", L"l",
                                         L"w", "h"),
                     STATUS_SUCCESS);
    expect_w(d, "wide|narrow|l|w|h");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%wZ|%Z|%wZ|%s", &u, &an, NULL, NULL),
                     STATUS_SUCCESS);
    expect_w(d, "uni|ansi|(null)|(null)");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%%|100%%"), STATUS_SUCCESS);
    expect_w(d, "%|100%");
    assert_int_equal(RtlStringCchPrintfW(d, 128,
                                         L"[%5d][%-5d][%05d][%5s][%-4s|][%.2s][%5.3d][%*d][%-*d]",
                                         42, 42, -42, L"ab", L"ab", L"abcdef", 7, 4, 9, 3, 8),
                     STATUS_SUCCESS);
    expect_w(d, "[   42][42   ][-0042][   ab][ab  |][ab][  007][   9][8  ]");
    assert_int_equal(RtlStringCchPrintfW(d, 128, L"%08X|%-6x|%4c|%hd|%Iu|%zu", 0xBEEFu, 0xAu, L'q',
                                         (SHORT)-3, (SIZE_T)12, (SIZE_T)13),
                     STATUS_SUCCESS);
    expect_w(d, "0000BEEF|a     |   q|-3|12|13");
}

/* [W8] The narrow printf: %s narrow, %S and %ws wide (non-ASCII becomes
 * '?'), %wZ a UNICODE_STRING. */
static void W8_narrow_printf_formats_the_kernel_conversions(void **state)
{
    static const UNICODE_STRING u = RTL_CONSTANT_STRING(L"uni");
    char a[64];

    assert_int_equal(RtlStringCchPrintfA(a, sizeof a, "%s|%S|%ws|%wZ|%d|%c|%wc", "narrow", L"wide",
                                         L"w\x00e9", &u, 5, 'c', L'w'),
                     STATUS_SUCCESS);
    assert_string_equal(a, "narrow|wide|w?|uni|5|c|w");
    assert_int_equal(RtlStringCbPrintfA(a, sizeof a, "%04lu-%I64X", (ULONG)7, (ULONGLONG)0xFFULL),
                     STATUS_SUCCESS);
    assert_string_equal(a, "0007-FF");
}

/* [W8] A printf that does not fit is cut and terminated; one with a
 * conversion outside the subset, or no format, is refused and leaves the
 * destination empty. */
static void W8_printf_cuts_and_refuses(void **state)
{
    WCHAR d[8];
    char a[4];
    static const WCHAR *const refused[] = {L"%f", L"%e", L"%g", L"%o", L"%n", L"%hhd",
                                           L"%Lf", L"%jd", L"%wd", L"%q", L"ab%"};
    size_t i;

    assert_int_equal(RtlStringCchPrintfW(d, 4, L"%d", 12345), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "123");
    assert_int_equal(RtlStringCbPrintfW(d, 8, L"%s", L"abcdef"), STATUS_BUFFER_OVERFLOW);
    expect_w(d, "abc");
    assert_int_equal(RtlStringCbPrintfA(a, sizeof a, "%u", 1234u), STATUS_BUFFER_OVERFLOW);
    assert_string_equal(a, "123");
    for (i = 0; i < RTL_NUMBER_OF(refused); i++) {
        RtlStringCchCopyW(d, 8, L"keep");
        assert_int_equal(RtlStringCchPrintfW(d, 8, refused[i], 1), STATUS_INVALID_PARAMETER);
        assert_int_equal(d[0], 0);
    }
    assert_int_equal(RtlStringCchPrintfW(d, 8, NULL), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCchPrintfW(d, 0, L"x"), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlStringCchPrintfA(NULL, 4, "x"), STATUS_INVALID_PARAMETER);
}

/* [W8] Over UNICODE_STRINGs: never terminated, Length what fit; an invalid
 * string (odd or overlong lengths, no buffer) is refused. */
static void W8_unicode_strings_copy_cat_and_print(void **state)
{
    static const UNICODE_STRING abc = RTL_CONSTANT_STRING(L"abc");
    static const UNICODE_STRING de = RTL_CONSTANT_STRING(L"de");
    static const UNICODE_STRING six = RTL_CONSTANT_STRING(L"abcdef");
    WCHAR buffer[4];
    UNICODE_STRING d = {0, sizeof buffer, buffer};
    UNICODE_STRING odd = {1, sizeof buffer, buffer};
    UNICODE_STRING over = {10, 8, buffer};
    UNICODE_STRING nobuf = {2, 2, NULL};

    assert_int_equal(RtlUnicodeStringCopy(&d, &abc), STATUS_SUCCESS);
    expect_counted(&d, "abc");
    assert_int_equal(RtlUnicodeStringCat(&d, &de), STATUS_BUFFER_OVERFLOW);
    expect_counted(&d, "abcd");
    assert_int_equal(RtlUnicodeStringCopy(&d, &six), STATUS_BUFFER_OVERFLOW);
    expect_counted(&d, "abcd");
    assert_int_equal(RtlUnicodeStringCopy(&odd, &abc), STATUS_INVALID_PARAMETER);
    assert_int_equal(odd.Length, 1);
    assert_int_equal(RtlUnicodeStringCopy(&d, &over), STATUS_INVALID_PARAMETER);
    assert_int_equal(d.Length, 0);
    assert_int_equal(RtlUnicodeStringCat(&d, &nobuf), STATUS_INVALID_PARAMETER);
    assert_int_equal(RtlUnicodeStringCopy(NULL, &abc), STATUS_INVALID_PARAMETER);

    buffer[3] = 0x7777;
    assert_int_equal(RtlUnicodeStringPrintf(&d, L"%d-%ws", 7, L"x"), STATUS_SUCCESS);
    expect_counted(&d, "7-x");
    assert_int_equal(buffer[3], 0x7777);
    assert_int_equal(RtlUnicodeStringPrintf(&d, L"%d", 123456), STATUS_BUFFER_OVERFLOW);
    expect_counted(&d, "1234");
    assert_int_equal(RtlUnicodeStringPrintf(&d, L"%f", 1.0), STATUS_INVALID_PARAMETER);
    assert_int_equal(d.Length, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(W8_copy_fits_cuts_and_refuses, t_setup),
        cmocka_unit_test_setup(W8_copyn_copies_at_most_n, t_setup),
        cmocka_unit_test_setup(W8_cat_appends_within_the_size, t_setup),
        cmocka_unit_test_setup(W8_length_needs_a_terminator_within_the_size, t_setup),
        cmocka_unit_test_setup(W8_wide_printf_formats_the_kernel_conversions, t_setup),
        cmocka_unit_test_setup(W8_narrow_printf_formats_the_kernel_conversions, t_setup),
        cmocka_unit_test_setup(W8_printf_cuts_and_refuses, t_setup),
        cmocka_unit_test_setup(W8_unicode_strings_copy_cat_and_print, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
