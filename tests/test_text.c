/*
 * test_text.c - the text the report formats accept (reports/text.h):
 * what text_clean() keeps, and what it replaces so that jansson and an XML
 * parser take every string the reports write.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

static void expect_clean(const char *in, const char *want)
{
    char *got = text_clean(in);

    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* Valid UTF-8 of every length passes unchanged, and so do tab and newline. */
static void test_valid_text_is_kept(void **state)
{
    (void)state;
    expect_clean("plain\ttext\n", "plain\ttext\n");
    expect_clean("\xc3\xa9", "\xc3\xa9");                 /* U+00E9 */
    expect_clean("\xe2\x82\xac", "\xe2\x82\xac");         /* U+20AC */
    expect_clean("\xed\x9f\xbf", "\xed\x9f\xbf");         /* U+D7FF, below the surrogates */
    expect_clean("\xee\x80\x80", "\xee\x80\x80");         /* U+E000, above them */
    expect_clean("\xf0\x90\x80\x80", "\xf0\x90\x80\x80"); /* U+10000 */
    expect_clean("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"); /* U+10FFFF */
    expect_clean(NULL, "");
}

/* Control characters but tab and newline become '?'; a CR is dropped. */
static void test_control_characters_are_replaced(void **state)
{
    (void)state;
    expect_clean("a\x01" "b\r\n", "a?b\n");
    expect_clean("\x1b[31m", "?[31m");
}

/* What JSON parsers and XML reject: overlong forms, the UTF-16 surrogates,
 * code points above U+10FFFF, stray continuation bytes and cut sequences.
 * Each byte of a rejected sequence becomes '?'. */
static void test_invalid_sequences_are_replaced(void **state)
{
    (void)state;
    expect_clean("\xc0\xaf", "??");             /* overlong '/' in two bytes */
    expect_clean("\xe0\x80\xaf", "???");        /* overlong in three */
    expect_clean("\xe0\x9f\xbf", "???");        /* U+07FF in three: overlong */
    expect_clean("\xf0\x80\x80\xaf", "????");   /* overlong in four */
    expect_clean("\xf0\x8f\xbf\xbf", "????");   /* U+FFFF in four: overlong */
    expect_clean("\xed\xa0\x80", "???");        /* U+D800 */
    expect_clean("\xed\xbf\xbf", "???");        /* U+DFFF */
    expect_clean("\xf4\x90\x80\x80", "????");   /* U+110000 */
    expect_clean("\xf5\x80\x80\x80", "????");
    expect_clean("\x80x", "?x");
    expect_clean("\xe2\x82", "??");
    expect_clean("\xe2\x82x", "??x");
}

/* text_json() never loses a string to jansson's own check: what it is
 * given comes back cleaned, not blank. */
static void test_json_keeps_the_valid_part(void **state)
{
    json_t *j;

    (void)state;
    j = text_json("ok \xed\xa0\x80 ok");
    assert_non_null(j);
    assert_string_equal(json_string_value(j), "ok ??? ok");
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text_is_kept),
        cmocka_unit_test(test_control_characters_are_replaced),
        cmocka_unit_test(test_invalid_sequences_are_replaced),
        cmocka_unit_test(test_json_keeps_the_valid_part),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
