/*
 * test_keys.c - WDFSTRING and WDFKEY: creating strings and the view of
 * their copy, opening and creating keys, the model's empty registry, closing
 * a key, and a key left open at unload (docs/WDF-SEMANTICS.md [S1]-[S6]).
 *
 * Each test builds a driver (o1) with the testlib builders and checks the
 * statuses the DDIs return, the objects' parents, states and references,
 * the callback log, the allocations made (by failing their sites) and the
 * rules that fired: correct use stays quiet, each misuse raises exactly its
 * rule, and a bugcheck-severity rule halts the model.
 */
#include "testlib.h"

#include <string.h>

static WCHAR name_text[] = L"Parameters";
static WCHAR abs_text[] = L"\\Registry\\Machine\\Software\\t";
static WCHAR value_text[] = L"Value";

/* A counted string over the terminated s (counted here: the C library's
 * wide functions take 4-byte characters, WCHAR is 2). */
static UNICODE_STRING str(WCHAR *s)
{
    UNICODE_STRING u;
    size_t n = 0;

    while (s[n])
        n++;
    u.Length = (USHORT)(n * sizeof(WCHAR));
    u.MaximumLength = (USHORT)(u.Length + sizeof(WCHAR));
    u.Buffer = s;
    return u;
}

static void fail_site(enum model_site s)
{
    struct model_fault_plan plan = {.mode = FAULT_SITE, .site = s};

    model_fault_arm(&plan);
}

static struct model_object_info info_of(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(t_id(h), &info), 0);
    return info;
}

/* The driver's Parameters key with recording callbacks, under `parent`. */
static WDFKEY params(WDFDRIVER drv, WDFOBJECT parent, ACCESS_MASK access)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFKEY k = NULL;

    t_attributes(&a, parent);
    assert_int_equal(WdfDriverOpenParametersRegistryKey(drv, access, &a, &k), STATUS_SUCCESS);
    assert_non_null(k);
    return k;
}

/* ---- strings ---- */

static void S1_string_copies_the_driver_string_under_the_driver(void **state)
{
    WCHAR text[] = L"abc";
    UNICODE_STRING in = str(text), out;
    WDF_OBJECT_ATTRIBUTES a;
    WDFSTRING s;

    (void)state;
    t_driver();
    t_attributes(&a, NULL);
    assert_int_equal(WdfStringCreate(&in, &a, &s), STATUS_SUCCESS);
    assert_int_equal(info_of(s).parent, 1);
    assert_true(info_of(s).passive_dispose);
    text[0] = L'x'; /* the object has its own copy */
    WdfStringGetUnicodeString(s, &out);
    assert_int_equal(out.Length, in.Length);
    assert_int_equal(out.MaximumLength, in.Length + sizeof(WCHAR));
    assert_ptr_not_equal(out.Buffer, text);
    assert_int_equal(memcmp(out.Buffer, L"abc", 3 * sizeof(WCHAR)), 0);
    assert_int_equal(out.Buffer[3], 0); /* terminated */
    t_expect_quiet();
}

static void S1_string_without_text_is_empty_and_allocates_once(void **state)
{
    UNICODE_STRING out;
    WDFSTRING s;

    (void)state;
    t_driver();
    fail_site(SITE_STRING_BUFFER); /* never reached without a string */
    assert_int_equal(WdfStringCreate(NULL, WDF_NO_OBJECT_ATTRIBUTES, &s), STATUS_SUCCESS);
    assert_int_equal(model_faults_injected(), 0);
    WdfStringGetUnicodeString(s, &out);
    assert_int_equal(out.Length, 0);
    assert_null(out.Buffer);
    t_expect_quiet();
}

static void S1_string_failures_in_the_frameworks_order(void **state)
{
    WCHAR text[] = L"abc";
    UNICODE_STRING in = str(text);
    WDFSTRING s = (WDFSTRING)1;
    uint32_t n;

    (void)state;
    t_driver();
    n = model_object_count();
    fail_site(SITE_STRING_OBJECT);
    assert_int_equal(WdfStringCreate(&in, NULL, &s), STATUS_INSUFFICIENT_RESOURCES);
    assert_null(s);
    fail_site(SITE_STRING_BUFFER);
    assert_int_equal(WdfStringCreate(&in, NULL, &s), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_faults_injected(), 1);
    assert_int_equal(model_object_count(), n);
    in.Length = 3; /* odd */
    assert_int_equal(WdfStringCreate(&in, NULL, &s), STATUS_INVALID_PARAMETER);
    in.Length = 0xFFFE;
    in.MaximumLength = 0xFFFE;
    assert_int_equal(WdfStringCreate(&in, NULL, &s), STATUS_INTEGER_OVERFLOW);
    assert_int_equal(model_object_count(), n);
    t_expect_quiet();
}

static void S1_string_create_above_passive_is_refused(void **state)
{
    WDFSTRING s;

    (void)state;
    t_driver();
    model_set_irql(APC_LEVEL);
    assert_int_equal(WdfStringCreate(NULL, NULL, &s), STATUS_INVALID_DEVICE_REQUEST);
    t_expect_only(RULE_IRQL_TOO_HIGH, 1);
    assert_int_equal(model_object_count(), 1);
}

static void S1_null_string_out_is_a_bugcheck(void **state)
{
    (void)state;
    t_driver();
    WdfStringCreate(NULL, NULL, NULL);
    t_expect_only(RULE_NULL_PARAMETER, 1);
    assert_true(model_halted());
}

static void S2_view_dangles_once_the_string_is_freed(void **state)
{
    WCHAR text[] = L"abc";
    UNICODE_STRING in = str(text), out;
    WDFSTRING s;

    (void)state;
    t_driver();
    assert_int_equal(WdfStringCreate(&in, NULL, &s), STATUS_SUCCESS);
    WdfStringGetUnicodeString(s, &out);
    WdfObjectDelete(s);
    assert_int_equal(t_state(s), STATE_FREED);
#ifdef HAVE_ASAN
    assert_true(__asan_address_is_poisoned(out.Buffer));
#endif
    WdfStringGetUnicodeString(s, &out);
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
}

static void S2_string_deleted_at_dispatch_is_deferred(void **state)
{
    WDFSTRING s;

    (void)state;
    t_driver();
    assert_int_equal(WdfStringCreate(NULL, NULL, &s), STATUS_SUCCESS);
    model_set_irql(DISPATCH_LEVEL);
    WdfObjectDelete(s);
    assert_int_equal(t_state(s), STATE_DEFERRED);
    model_set_irql(PASSIVE_LEVEL);
    assert_int_equal(model_run_deferred(), 1);
    assert_int_equal(t_state(s), STATE_FREED);
    t_expect_quiet();
}

/* ---- keys ---- */

static void S3_parameters_key_opens_under_the_driver(void **state)
{
    WDFDRIVER drv;
    WDFKEY k;

    (void)state;
    drv = t_driver();
    k = params(drv, NULL, KEY_READ);
    assert_int_equal(info_of(k).type, TYPE_KEY);
    assert_int_equal(info_of(k).parent, t_id(drv));
    assert_true(info_of(k).passive_dispose);
    fail_site(SITE_KEY_OBJECT);
    k = (WDFKEY)1;
    assert_int_equal(WdfDriverOpenParametersRegistryKey(drv, KEY_READ, NULL, &k),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_null(k);
    t_expect_quiet();
}

static void S3_a_parent_key_is_a_root_not_a_parent(void **state)
{
    UNICODE_STRING rel = str(name_text), abs = str(abs_text);
    WDFDRIVER drv;
    WDFDEVICE dev;
    WDFKEY root, k, k2;
    ULONG disposition = 0;

    (void)state;
    drv = t_driver();
    dev = t_device(0);
    root = params(drv, NULL, KEY_READ);
    assert_int_equal(WdfRegistryOpenKey(root, &rel, KEY_READ, NULL, &k), STATUS_SUCCESS);
    assert_int_equal(info_of(k).parent, t_id(drv));
    /* no root: the name must be an absolute path */
    assert_int_equal(WdfRegistryOpenKey(NULL, &rel, KEY_READ, NULL, &k2),
                     STATUS_OBJECT_PATH_SYNTAX_BAD);
    assert_null(k2);
    assert_int_equal(WdfRegistryCreateKey(NULL, &abs, KEY_ALL_ACCESS, REG_OPTION_NON_VOLATILE,
                                          &disposition, NULL, &k2),
                     STATUS_SUCCESS);
    assert_int_equal(disposition, REG_CREATED_NEW_KEY);
    k2 = params(drv, dev, KEY_READ); /* a parent given in the attributes is kept */
    assert_int_equal(info_of(k2).parent, t_id(dev));
    t_expect_quiet();
}

static void S3_null_key_name_is_a_bugcheck(void **state)
{
    WDFKEY k;

    (void)state;
    t_driver();
    WdfRegistryOpenKey(NULL, NULL, KEY_READ, NULL, &k);
    t_expect_only(RULE_NULL_PARAMETER, 1);
    assert_true(model_halted());
}

static void S3_registry_above_passive_is_refused(void **state)
{
    UNICODE_STRING v = str(value_text);
    WDFDRIVER drv;
    WDFKEY k;
    ULONG value = 7;

    (void)state;
    drv = t_driver();
    k = params(drv, NULL, KEY_READ);
    model_set_irql(APC_LEVEL);
    assert_int_equal(WdfRegistryQueryULong(k, &v, &value), STATUS_INVALID_DEVICE_REQUEST);
    WdfRegistryClose(k); /* refused: nothing closed, nothing deleted */
    t_expect_only(RULE_IRQL_TOO_HIGH, 2);
    assert_int_equal(t_state(k), STATE_CREATED);
    assert_int_equal(value, 7);
}

static void S4_every_value_is_absent_and_writes_are_not_kept(void **state)
{
    UNICODE_STRING v = str(value_text), out;
    WCHAR buf[8];
    WDFDRIVER drv;
    WDFKEY rd, rw;
    ULONG value = 7, len = 9, type = 9;
    USHORT blen = 9;

    (void)state;
    drv = t_driver();
    rd = params(drv, NULL, KEY_READ);
    rw = params(drv, NULL, KEY_WRITE | KEY_READ);
    assert_int_equal(WdfRegistryAssignULong(rd, &v, 1), STATUS_ACCESS_DENIED);
    assert_int_equal(WdfRegistryAssignULong(rw, &v, 1), STATUS_SUCCESS);
    assert_int_equal(WdfRegistryQueryULong(rw, &v, &value), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(value, 7); /* untouched on failure */
    assert_int_equal(WdfRegistryQueryValue(rd, &v, sizeof(value), &value, &len, &type),
                     STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(len, 9);
    assert_int_equal(type, 9);
    out.Length = 0;
    out.MaximumLength = sizeof(buf);
    out.Buffer = buf;
    assert_int_equal(WdfRegistryQueryUnicodeString(rd, &v, &blen, &out),
                     STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(blen, 9);
    out.MaximumLength = 0;
    assert_int_equal(WdfRegistryQueryUnicodeString(rd, &v, NULL, &out), STATUS_INVALID_PARAMETER);
    t_expect_quiet();
}

static void S4_queries_make_the_frameworks_allocations(void **state)
{
    UNICODE_STRING v = str(value_text), out;
    WCHAR buf[8];
    WDFDRIVER drv;
    WDFKEY k;
    ULONG value;

    (void)state;
    drv = t_driver();
    k = params(drv, NULL, KEY_READ);
    out.Length = 0;
    out.MaximumLength = sizeof(buf);
    out.Buffer = buf;
    fail_site(SITE_REGISTRY_QUERY_BUFFER);
    assert_int_equal(WdfRegistryQueryULong(k, &v, &value), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(WdfRegistryQueryValue(k, &v, 0, NULL, NULL, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(model_faults_injected(), 0); /* on the stack, both */
    assert_int_equal(WdfRegistryQueryValue(k, &v, sizeof(value), &value, NULL, NULL),
                     STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(WdfRegistryQueryUnicodeString(k, &v, NULL, &out), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(model_faults_injected(), 2);
    fail_site(SITE_REGISTRY_STRING_BUFFER);
    assert_int_equal(WdfRegistryQueryUnicodeString(k, &v, NULL, &out), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(WdfRegistryQueryUnicodeString(k, &v, NULL, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    assert_int_equal(model_faults_injected(), 1);
    t_expect_quiet();
}

static void S5_close_closes_then_deletes(void **state)
{
    UNICODE_STRING v = str(value_text);
    WDFDRIVER drv;
    WDFKEY k;
    ULONG value;

    (void)state;
    drv = t_driver();
    k = params(drv, NULL, KEY_ALL_ACCESS);
    WdfObjectReference(k); /* so the handle may still be used */
    WdfRegistryClose(k);
    assert_int_equal(t_state(k), STATE_DISPOSED);
    assert_int_equal(t_log_index("cleanup o2"), 0);
    assert_int_equal(WdfRegistryQueryULong(k, &v, &value), STATUS_INVALID_HANDLE);
    assert_int_equal(WdfRegistryAssignULong(k, &v, 1), STATUS_INVALID_HANDLE);
    WdfObjectDereference(k);
    assert_int_equal(t_state(k), STATE_FREED);
    t_expect_quiet();
    WdfRegistryClose(k);
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
}

static void S5_closing_twice_is_a_double_delete(void **state)
{
    WDFDRIVER drv;
    WDFKEY k;

    (void)state;
    drv = t_driver();
    k = params(drv, NULL, KEY_READ);
    WdfObjectReference(k);
    WdfRegistryClose(k);
    WdfRegistryClose(k);
    t_expect_only(RULE_DOUBLE_DELETE, 1);
    WdfObjectDereference(k);
    assert_int_equal(t_state(k), STATE_FREED);
}

static void S6_key_left_open_at_unload_goes_with_the_driver(void **state)
{
    WDFDRIVER drv;
    WDFKEY k;
    WDFSTRING s;

    (void)state;
    drv = t_driver();
    k = params(drv, NULL, KEY_READ);
    assert_int_equal(WdfStringCreate(NULL, NULL, &s), STATUS_SUCCESS);
    WdfDriverMiniportUnload(drv);
    assert_int_equal(t_state(k), STATE_FREED);
    assert_int_equal(t_state(s), STATE_FREED);
    assert_true(t_log_index("cleanup o2") >= 0);
    assert_true(t_log_index("destroy o2") > t_log_index("cleanup o2"));
    assert_int_equal(model_live_objects(), 0);
    t_expect_quiet();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(S1_string_copies_the_driver_string_under_the_driver, t_setup),
        cmocka_unit_test_setup(S1_string_without_text_is_empty_and_allocates_once, t_setup),
        cmocka_unit_test_setup(S1_string_failures_in_the_frameworks_order, t_setup),
        cmocka_unit_test_setup(S1_string_create_above_passive_is_refused, t_setup),
        cmocka_unit_test_setup(S1_null_string_out_is_a_bugcheck, t_setup),
        cmocka_unit_test_setup(S2_view_dangles_once_the_string_is_freed, t_setup),
        cmocka_unit_test_setup(S2_string_deleted_at_dispatch_is_deferred, t_setup),
        cmocka_unit_test_setup(S3_parameters_key_opens_under_the_driver, t_setup),
        cmocka_unit_test_setup(S3_a_parent_key_is_a_root_not_a_parent, t_setup),
        cmocka_unit_test_setup(S3_null_key_name_is_a_bugcheck, t_setup),
        cmocka_unit_test_setup(S3_registry_above_passive_is_refused, t_setup),
        cmocka_unit_test_setup(S4_every_value_is_absent_and_writes_are_not_kept, t_setup),
        cmocka_unit_test_setup(S4_queries_make_the_frameworks_allocations, t_setup),
        cmocka_unit_test_setup(S5_close_closes_then_deletes, t_setup),
        cmocka_unit_test_setup(S5_closing_twice_is_a_double_delete, t_setup),
        cmocka_unit_test_setup(S6_key_left_open_at_unload_goes_with_the_driver, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
