/*
 * gaps.c - a driver that calls a routine the model does not implement
 * (WdfDriverGetRegistryPath), for the tests that a replay then says
 * `incomplete`, not `clean`, and that `--gaps` lists the routine with the
 * programs that reached it (tests/CMakeLists.txt, driver_gaps_reported).
 * It copes with the failure as a careful driver does.
 */
#include <wdf.h>

#include "unloadfuzz_driver.h"

static BOOLEAN Loaded;

static NTSTATUS GapsEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    Loaded = TRUE;
    if (WdfDriverGetRegistryPath(driver) == NULL)
        DbgPrint("no registry path\n");
    return STATUS_SUCCESS;
}

static VOID GapsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (Loaded) {
        Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = GapsEntry, .unload = GapsUnload);
