/*
 * test_wpp.c - WPP tracing's registration with ETW and the routines the
 * model does not implement (docs/WDF-SEMANTICS.md [E1], [E2], [U1]).
 *
 * WPP_INIT_TRACING and WPP_CLEANUP are a pair [E1]: an image that unloads
 * with the provider registered is wpp-not-cleaned-up, at the line of the
 * WPP_INIT_TRACING, on the unload path and on DriverEntry's failure path
 * alike [E2]; a cleanup without an init, or a second init, does nothing. A
 * routine the model does not implement fails and raises ddi-not-modelled
 * (severity gap) at the driver's line [U1].
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#include "uf/wpp.h"

static WCHAR path_text[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\t";
static UNICODE_STRING path = {sizeof(path_text) - sizeof(WCHAR), sizeof(path_text), path_text};

/* Unloads the driver the way a miniport's unload routine does, then the
 * image. */
static void unload_image(WDFDRIVER drv)
{
    WdfDriverMiniportUnload(drv);
    model_image_unload(IMAGE_UNLOAD_AFTER_UNLOAD);
}

static void E1_init_then_cleanup_is_quiet(void **state)
{
    WDFDRIVER drv;

    (void)state;
    WPP_INIT_TRACING(&t_driver_object, &path);
    assert_true(model_wpp_registered());
    drv = t_driver();
    WPP_CLEANUP(WdfDriverWdmGetDriverObject(drv));
    assert_false(model_wpp_registered());
    unload_image(drv);
    t_expect_quiet();
}

static void E1_cleanup_without_init_and_init_twice_are_harmless(void **state)
{
    WDFDRIVER drv;

    (void)state;
    WPP_CLEANUP(&t_driver_object);
    WPP_INIT_TRACING(&t_driver_object, &path);
    WPP_INIT_TRACING(&t_driver_object, &path);
    drv = t_driver();
    WPP_CLEANUP(&t_driver_object);
    unload_image(drv);
    t_expect_quiet();
}

static void E2_image_unloaded_with_provider_registered(void **state)
{
    WDFDRIVER drv;
    int line;

    (void)state;
    line = __LINE__ + 1;
    WPP_INIT_TRACING(&t_driver_object, &path);
    drv = t_driver();
    unload_image(drv);
    t_expect_only(RULE_WPP_NOT_CLEANED_UP, 1);
    assert_int_equal(model_rule_severity(RULE_WPP_NOT_CLEANED_UP), SEV_BUGCHECK);
    {
        char want[64];

        snprintf(want, sizeof want, "test_wpp.c:%d", line);
        assert_non_null(strstr(t_events(), want));
    }
}

static void E2_entry_failure_path_needs_its_own_cleanup(void **state)
{
    (void)state;
    WPP_INIT_TRACING(&t_driver_object, &path);
    /* DriverEntry fails before WdfDriverCreate: no unload routine runs. */
    model_image_unload(IMAGE_UNLOAD_ENTRY_FAILED);
    t_expect_only(RULE_WPP_NOT_CLEANED_UP, 1);
}

static void U1_an_unmodelled_routine_fails_and_says_so(void **state)
{
    WDFDRIVER drv;
    int line;

    (void)state;
    drv = t_driver();
    line = __LINE__ + 1;
    assert_null(WdfDriverGetRegistryPath(drv));
    assert_int_equal(WdfDeviceGetAlignmentRequirement(NULL), 0);
    t_expect_only(RULE_DDI_NOT_MODELLED, 2);
    assert_int_equal(model_rule_severity(RULE_DDI_NOT_MODELLED), SEV_GAP);
    assert_int_equal(model_worst_severity(), SEV_GAP);
    {
        char want[64];

        snprintf(want, sizeof want, "test_wpp.c:%d", line);
        assert_non_null(strstr(t_events(), want));
        assert_non_null(strstr(t_events(), "WdfDriverGetRegistryPath is not modelled"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(E1_init_then_cleanup_is_quiet, t_setup),
        cmocka_unit_test_setup(E1_cleanup_without_init_and_init_twice_are_harmless, t_setup),
        cmocka_unit_test_setup(E2_image_unloaded_with_provider_registered, t_setup),
        cmocka_unit_test_setup(E2_entry_failure_path_needs_its_own_cleanup, t_setup),
        cmocka_unit_test_setup(U1_an_unmodelled_routine_fails_and_says_so, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
