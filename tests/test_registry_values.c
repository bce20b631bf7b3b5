/*
 * test_registry_values.c - the registry's contents: REG_DWORD values a
 * program declares in the driver's Parameters key, what the framework's
 * queries return for them, and that every other value stays absent
 * (docs/WDF-SEMANTICS.md [S7]); and the program language's `registry`
 * op in text and binary form.
 */
#include "testlib.h"

#include <string.h>

#include "program.h"

static WCHAR speed_text[] = L"LinkSpeed";
static WCHAR speed_upper[] = L"LINKSPEED";
static WCHAR other_text[] = L"Other";
static WCHAR abs_text[] = L"\\Registry\\Machine\\Software\\t";

static UNICODE_STRING str(WCHAR *s, size_t bytes)
{
    UNICODE_STRING u = {(USHORT)(bytes - sizeof(WCHAR)), (USHORT)bytes, s};

    return u;
}
#define STR(a) str((a), sizeof(a))

static WDFKEY params(WDFDRIVER drv)
{
    WDFKEY k = NULL;

    assert_int_equal(WdfDriverOpenParametersRegistryKey(drv, KEY_READ, WDF_NO_OBJECT_ATTRIBUTES, &k),
                     STATUS_SUCCESS);
    return k;
}

static void S7_declared_value_is_read_from_the_parameters_key(void **state)
{
    UNICODE_STRING speed = STR(speed_text), upper = STR(speed_upper), other = STR(other_text);
    WDFDRIVER drv;
    WDFKEY k;
    ULONG v = 7;

    (void)state;
    assert_int_equal(model_registry_set("LinkSpeed", 1000), 0);
    drv = t_driver();
    k = params(drv);
    assert_int_equal(WdfRegistryQueryULong(k, &speed, &v), STATUS_SUCCESS);
    assert_int_equal(v, 1000);
    v = 7;
    assert_int_equal(WdfRegistryQueryULong(k, &upper, &v), STATUS_SUCCESS); /* no case */
    assert_int_equal(v, 1000);
    v = 7;
    assert_int_equal(WdfRegistryQueryULong(k, &other, &v), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(v, 7); /* untouched on failure */
    WdfRegistryClose(k);
    t_expect_quiet();
}

static void S7_other_keys_and_a_reset_registry_are_empty(void **state)
{
    UNICODE_STRING speed = STR(speed_text), path = STR(abs_text);
    WDFDRIVER drv;
    WDFKEY k = NULL;
    ULONG v = 7;

    (void)state;
    model_registry_set("LinkSpeed", 1000);
    drv = t_driver();
    assert_int_equal(WdfRegistryOpenKey(NULL, &path, KEY_READ, WDF_NO_OBJECT_ATTRIBUTES, &k),
                     STATUS_SUCCESS);
    assert_int_equal(WdfRegistryQueryULong(k, &speed, &v), STATUS_OBJECT_NAME_NOT_FOUND);
    model_reset();
    drv = t_driver();
    k = params(drv);
    assert_int_equal(WdfRegistryQueryULong(k, &speed, &v), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(v, 7);
}

static void S7_query_value_overflow_and_string_mismatch(void **state)
{
    UNICODE_STRING speed = STR(speed_text);
    WCHAR buf[8];
    UNICODE_STRING s = {0, sizeof buf, buf};
    ULONG len = 0, type = 0, v = 0;
    UCHAR small[2];
    WDFKEY k;

    (void)state;
    model_registry_set("LinkSpeed", 0x12345678);
    k = params(t_driver());
    assert_int_equal(WdfRegistryQueryValue(k, &speed, sizeof small, small, &len, &type),
                     STATUS_BUFFER_OVERFLOW);
    assert_int_equal(len, sizeof(ULONG));
    assert_int_equal(type, REG_DWORD);
    assert_int_equal(WdfRegistryQueryValue(k, &speed, sizeof v, &v, &len, &type), STATUS_SUCCESS);
    assert_int_equal(v, 0x12345678);
    assert_int_equal(WdfRegistryQueryUnicodeString(k, &speed, NULL, &s),
                     STATUS_OBJECT_TYPE_MISMATCH);
    t_expect_quiet();
}

static void S7_the_model_keeps_eight_values(void **state)
{
    char name[8];
    int i;

    (void)state;
    for (i = 0; i < MODEL_REGISTRY_VALUES; i++) {
        name[0] = 'v';
        name[1] = (char)('0' + i);
        name[2] = '\0';
        assert_int_equal(model_registry_set(name, (uint32_t)i), 0);
    }
    assert_int_equal(model_registry_set("v0", 9), 0); /* an update */
    assert_int_equal(model_registry_set("v9", 9), -1);
}

/* The op reads and prints back, and its binary form decodes to the same. */
static void registry_op_in_text_and_binary(void **state)
{
    static const char text[] = "registry LinkSpeed=1000\nregistry Mode=3\nregistry linkspeed=5\nload\n";
    static struct program p, q;
    char err[128], out[256];
    uint8_t bytes[256];
    size_t n;

    (void)state;
    assert_int_equal(prog_parse_text(text, strlen(text), &p, err, sizeof err), 0);
    assert_int_equal(p.kind, PROG_DRIVER);
    assert_int_equal(p.nregnames, 2);
    assert_int_equal(p.ops[2].target, 0); /* the same name, whatever its case */
    assert_int_equal(p.ops[2].num, 5);
    prog_print_text(&p, 0, out, sizeof out);
    assert_string_equal(out, "registry LinkSpeed=1000\nregistry Mode=3\nregistry LinkSpeed=5\nload\n");
    n = prog_encode(&p, bytes, sizeof bytes);
    prog_decode_kind(bytes, n, PROG_DRIVER, &q);
    prog_print_text(&q, 0, out, sizeof out);
    assert_string_equal(out, "registry LinkSpeed=1000\nregistry Mode=3\nregistry LinkSpeed=5\nload\n");
    assert_int_equal(prog_parse_text("registry 9x-y=1\n", 16, &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "bad registry value name"));
    assert_int_equal(prog_parse_text("registry Speed\n", 15, &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "NAME=VALUE"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(S7_declared_value_is_read_from_the_parameters_key, t_setup),
        cmocka_unit_test_setup(S7_other_keys_and_a_reset_registry_are_empty, t_setup),
        cmocka_unit_test_setup(S7_query_value_overflow_and_string_mismatch, t_setup),
        cmocka_unit_test_setup(S7_the_model_keeps_eight_values, t_setup),
        cmocka_unit_test(registry_op_in_text_and_binary),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
