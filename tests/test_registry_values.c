/*
 * test_registry_values.c - the registry's contents: REG_DWORD values a
 * program declares in the driver's Parameters key, what the framework's
 * queries return for them, and that every other value stays absent
 * (docs/WDF-SEMANTICS.md [S7]); the kernel's routines over the same
 * registry, IoOpenDriverRegistryKey, ZwQueryValueKey, ZwClose and
 * RtlQueryRegistryValues [S8]; and the program language's `registry` op in
 * text and binary form.
 */
#include "testlib.h"

#include <stddef.h>
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


/* ---- the kernel's routines [S8] ---- */

static HANDLE open_parameters(void)
{
    HANDLE h = NULL;

    assert_int_equal(IoOpenDriverRegistryKey(&t_driver_object, DriverRegKeyParameters, KEY_READ,
                                             0, &h),
                     STATUS_SUCCESS);
    assert_non_null(h);
    return h;
}

static void S8_zw_query_value_key_in_two_calls(void **state)
{
    UNICODE_STRING speed = STR(speed_text), other = STR(other_text);
    UCHAR buf[64];
    PKEY_VALUE_PARTIAL_INFORMATION info = (PKEY_VALUE_PARTIAL_INFORMATION)buf;
    ULONG need = 0, v;
    HANDLE h;

    (void)state;
    model_registry_set("LinkSpeed", 100);
    h = open_parameters();
    /* The size first: nothing written, the length needed. */
    assert_int_equal(ZwQueryValueKey(h, &speed, KeyValuePartialInformation, NULL, 0, &need),
                     STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(need, offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) + sizeof(ULONG));
    /* The fixed part fits, the data does not. */
    assert_int_equal(ZwQueryValueKey(h, &speed, KeyValuePartialInformation, info, need - 1, &need),
                     STATUS_BUFFER_OVERFLOW);
    assert_int_equal(info->Type, REG_DWORD);
    assert_int_equal(ZwQueryValueKey(h, &speed, KeyValuePartialInformation, info, sizeof buf,
                                     &need),
                     STATUS_SUCCESS);
    memcpy(&v, info->Data, sizeof v);
    assert_int_equal(v, 100);
    assert_int_equal(ZwQueryValueKey(h, &other, KeyValuePartialInformation, info, sizeof buf,
                                     &need),
                     STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(ZwClose(h), STATUS_SUCCESS);
    assert_int_equal(ZwClose(h), STATUS_INVALID_HANDLE);
    assert_int_equal(ZwQueryValueKey(h, &speed, KeyValuePartialInformation, info, sizeof buf,
                                     &need),
                     STATUS_INVALID_HANDLE);
    t_expect_quiet();
}

static void S8_persistent_state_key_is_empty_and_opening_can_fail(void **state)
{
    UNICODE_STRING speed = STR(speed_text);
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = SITE_REGISTRY_OPEN};
    UCHAR buf[32];
    ULONG need;
    HANDLE h = NULL;

    (void)state;
    model_registry_set("LinkSpeed", 100);
    assert_int_equal(IoOpenDriverRegistryKey(&t_driver_object, DriverRegKeyPersistentState,
                                             KEY_READ, 0, &h),
                     STATUS_SUCCESS);
    assert_int_equal(ZwQueryValueKey(h, &speed, KeyValuePartialInformation, buf, sizeof buf, &need),
                     STATUS_OBJECT_NAME_NOT_FOUND);
    ZwClose(h);
    assert_int_equal(IoOpenDriverRegistryKey(&t_driver_object, DriverRegKeyParameters, KEY_READ,
                                             1, &h),
                     STATUS_INVALID_PARAMETER); /* Flags must be 0 */
    model_fault_arm(&plan);
    assert_int_equal(IoOpenDriverRegistryKey(&t_driver_object, DriverRegKeyParameters, KEY_READ,
                                             0, &h),
                     STATUS_INSUFFICIENT_RESOURCES);
    t_expect_quiet();
}

static void S8_rtl_query_registry_values_direct_with_defaults(void **state)
{
    static WCHAR max_text[] = L"MaxAdapters";
    static WCHAR size_text[] = L"BufferSize";
    ULONG max = 0, size = 0, def_size = 4096;
    RTL_QUERY_REGISTRY_TABLE table[3];
    HANDLE h;

    (void)state;
    model_registry_set("MaxAdapters", 3);
    h = open_parameters();
    memset(table, 0, sizeof table);
    table[0].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_TYPECHECK;
    table[0].Name = max_text;
    table[0].EntryContext = &max;
    table[0].DefaultType = (REG_DWORD << RTL_QUERY_REGISTRY_TYPECHECK_SHIFT) | REG_NONE;
    table[1].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_TYPECHECK;
    table[1].Name = size_text;
    table[1].EntryContext = &size;
    table[1].DefaultType = (REG_DWORD << RTL_QUERY_REGISTRY_TYPECHECK_SHIFT) | REG_DWORD;
    table[1].DefaultData = &def_size;
    table[1].DefaultLength = sizeof def_size;
    assert_int_equal(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)h, table, NULL, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(max, 3);       /* declared */
    assert_int_equal(size, 4096);   /* absent: the default */
    table[1].Flags |= RTL_QUERY_REGISTRY_REQUIRED;
    assert_int_equal(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)h, table, NULL, NULL),
                     STATUS_OBJECT_NAME_NOT_FOUND);
    table[0].DefaultType = (REG_SZ << RTL_QUERY_REGISTRY_TYPECHECK_SHIFT) | REG_NONE;
    assert_int_equal(RtlQueryRegistryValues(RTL_REGISTRY_HANDLE, (PCWSTR)h, table, NULL, NULL),
                     STATUS_OBJECT_TYPE_MISMATCH);
    ZwClose(h);
    t_expect_quiet();
}

static ULONG seen_type, seen_value;

static NTSTATUS NTAPI note_value(PWSTR ValueName, ULONG ValueType, PVOID ValueData,
                                 ULONG ValueLength, PVOID Context, PVOID EntryContext)
{
    (void)ValueName;
    (void)Context;
    (void)EntryContext;
    seen_type = ValueType;
    if (ValueLength == sizeof(ULONG))
        memcpy(&seen_value, ValueData, sizeof(ULONG));
    return STATUS_SUCCESS;
}

static void S8_rtl_query_registry_values_subkey_and_routine(void **state)
{
    static WCHAR service[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\t";
    static WCHAR params_text[] = L"Parameters";
    RTL_QUERY_REGISTRY_TABLE table[3];

    (void)state;
    model_registry_set("LinkSpeed", 10);
    memset(table, 0, sizeof table);
    table[0].Flags = RTL_QUERY_REGISTRY_SUBKEY;
    table[0].Name = params_text;
    table[1].QueryRoutine = note_value;
    table[1].Name = speed_text;
    assert_int_equal(RtlQueryRegistryValues(RTL_REGISTRY_ABSOLUTE, service, table, NULL, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(seen_type, REG_DWORD);
    assert_int_equal(seen_value, 10);
    /* The service key itself holds nothing. */
    seen_type = 0;
    assert_int_equal(RtlQueryRegistryValues(RTL_REGISTRY_ABSOLUTE, service, &table[1], NULL, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(seen_type, 0);
    t_expect_quiet();
}

static void S8_kernel_registry_routines_are_passive(void **state)
{
    HANDLE h = NULL;

    (void)state;
    model_set_irql(DISPATCH_LEVEL);
    assert_int_not_equal(IoOpenDriverRegistryKey(&t_driver_object, DriverRegKeyParameters,
                                                 KEY_READ, 0, &h),
                         STATUS_SUCCESS);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
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
        cmocka_unit_test_setup(S8_zw_query_value_key_in_two_calls, t_setup),
        cmocka_unit_test_setup(S8_persistent_state_key_is_empty_and_opening_can_fail, t_setup),
        cmocka_unit_test_setup(S8_rtl_query_registry_values_direct_with_defaults, t_setup),
        cmocka_unit_test_setup(S8_rtl_query_registry_values_subkey_and_routine, t_setup),
        cmocka_unit_test_setup(S8_kernel_registry_routines_are_passive, t_setup),
        cmocka_unit_test(registry_op_in_text_and_binary),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
