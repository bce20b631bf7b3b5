/*
 * namespace.c - a driver whose own globals carry the names the model and
 * the port simulation used for their internals before those were given the
 * reserved prefix (`violation`, `M`, `obj_new`, `port_run`, ...). It links
 * and runs clean (tests/CMakeLists.txt, driver_names_do_not_collide): a
 * driver's names are its own. Should one of its globals not hold what its
 * code wrote, its unload deletes the driver object, which the model
 * reports (delete-not-allowed).
 */
#include "unloadfuzz_driver.h"

/* Each of these was once a global of the model or the port. */
ULONG violation;
ULONG M;
ULONG TAG_TIMER;
ULONG port_run;
ULONG port_set_sink;
VOID obj_new(VOID);
VOID cb_call(VOID);
VOID ddi_enter(VOID);
VOID irql_check(VOID);
VOID alloc_try(VOID);
VOID ev_emit(VOID);

VOID obj_new(VOID) { violation++; }
VOID cb_call(VOID) { M++; }
VOID ddi_enter(VOID) { TAG_TIMER++; }
VOID irql_check(VOID) { port_run++; }
VOID alloc_try(VOID) { port_set_sink++; }
VOID ev_emit(VOID) { violation = M = TAG_TIMER = port_run = port_set_sink = 0; }

static NTSTATUS NamesEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;

    obj_new();
    cb_call();
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}

static VOID NamesUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ddi_enter();
    irql_check();
    alloc_try();
    if (violation != 1 || M != 1 || TAG_TIMER != 1 || port_run != 1 || port_set_sink != 1)
        WdfObjectDelete(WdfGetDriver()); /* delete-not-allowed: the test sees it */
    WdfDriverMiniportUnload(WdfGetDriver());
}

static VOID NamesReset(VOID)
{
    ev_emit();
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = NamesEntry, .unload = NamesUnload,
          .reset = NamesReset);
