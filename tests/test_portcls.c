/*
 * test_portcls.c - PortCls as the simplified port plays it (port_simple.c),
 * [R1]-[R3] in docs/WDF-SEMANTICS.md, with drivers/portcls_sample (its
 * UF_DRIVER() registration) for the life of a KMDF adapter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "portcls.h"
#include "porttest.h"

/* How many times the run called `ddi`. */
static int calls(const char *ddi)
{
    char needle[64];
    const char *at = t_events();
    int n = 0;

    snprintf(needle, sizeof needle, "call %s ", ddi);
    while ((at = strstr(at, needle)) != NULL) {
        n++;
        at += strlen(needle);
    }
    return n;
}

static NTSTATUS add_device(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
{
    (void)DriverObject;
    (void)Pdo;
    return STATUS_SUCCESS;
}

/* [R1] PcInitializeAdapterDriver leaves an unload routine of PortCls's in
 * DriverObject->DriverUnload (what Microsoft's samples save and chain to),
 * and refuses no driver object. */
static void R1_portcls_installs_an_unload_routine(void **state)
{
    DRIVER_OBJECT d;
    UNICODE_STRING path = RTL_CONSTANT_STRING(L"\\Registry\\Machine\\System\\uf");

    (void)state;
    memset(&d, 0, sizeof d);
    assert_int_equal(PcInitializeAdapterDriver(&d, &path, add_device), STATUS_SUCCESS);
    assert_non_null(d.DriverUnload);
    d.DriverUnload(&d); /* the port's: harmless */
    assert_int_equal(PcInitializeAdapterDriver(NULL, &path, add_device), STATUS_INVALID_PARAMETER);
}

/* [R2] A KMDF adapter that saves PortCls's unload routine, chains to it
 * from its own and then calls WdfDriverMiniportUnload lives a device's
 * life with nothing reported, the framework driver unloaded once. */
static void R2_the_chained_unload_is_clean(void **state)
{
    (void)state;
    t_port_run(&uf_driver_under_test, "load\ndevice-arrival\ndevice-removal\nport-unload\n");
    assert_int_equal(calls("WdfDriverMiniportUnload"), 1);
    t_expect_quiet();
}

/* [R3] What the simplified port does not play fails and says so. */
static void R3_unplayed_routines_fail_and_say_so(void **state)
{
    DEVICE_OBJECT dev;
    PDEVICE_OBJECT pdo = &dev;

    (void)state;
    memset(&dev, 0, sizeof dev);
    t_setup(NULL);
    assert_int_equal(PcAddAdapterDevice(NULL, &dev, NULL, 0, 0), STATUS_NOT_IMPLEMENTED);
    assert_int_equal(PcGetPhysicalDeviceObject(&dev, &pdo), STATUS_NOT_IMPLEMENTED);
    assert_null(pdo);
    model_set_sink(NULL, NULL);
    t_expect_only(RULE_DDI_NOT_MODELLED, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(R1_portcls_installs_an_unload_routine),
        cmocka_unit_test(R2_the_chained_unload_is_clean),
        cmocka_unit_test(R3_unplayed_routines_fail_and_say_so),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
