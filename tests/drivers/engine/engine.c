/*
 * engine.c - a driver whose bug only the sanitizer sees: its removal reads
 * a pool block it freed when the device arrived. No rule of the model
 * fires; AddressSanitizer stops the process. For the test that triage
 * (and so a campaign and its report) still names the crash
 * (tests/CMakeLists.txt, triage_names_sanitizer_crashes).
 */
#include <wdf.h>

#include "unloadfuzz_driver.h"

static BOOLEAN Loaded;
static PUCHAR Stats;

static NTSTATUS EngineEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        Loaded = TRUE;
    return status;
}

static NTSTATUS EngineArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo)
{
    WDFDEVICE device;

    Stats = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 'gnE ');
    if (Stats != NULL)
        ExFreePoolWithTag(Stats, 'gnE '); /* the bug: freed, still pointed to */
    return WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, Fdo, NextDevice, Pdo,
                                   &device);
}

static VOID EngineRemoval(PDEVICE_OBJECT Fdo)
{
    UNREFERENCED_PARAMETER(Fdo);
    if (Stats != NULL && Stats[0] == 0x5A)
        DbgPrint("stats\n");
}

static VOID EngineUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (Loaded) {
        Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = EngineEntry, .device_arrival = EngineArrival,
          .device_removal = EngineRemoval, .unload = EngineUnload);
