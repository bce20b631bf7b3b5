/*
 * forgetful.c - a driver whose reset hook forgets a global, for the test
 * that shows the replay's reset check fires (tests/CMakeLists.txt,
 * driver_reset_check_fires). It counts the adapters it ever started and
 * refuses a third; its reset clears its device list but not that count, so
 * a program run after others is refused adapters it got the first time.
 */
#include "unloadfuzz_driver.h"

static struct {
    BOOLEAN Loaded;
    ULONG Started; /* never reset: the bug this driver exists for */
} g;

static VOID ForgetfulReset(VOID)
{
    g.Loaded = FALSE; /* and not g.Started */
}

static NTSTATUS ForgetfulEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        g.Loaded = TRUE;
    return status;
}

static NTSTATUS ForgetfulArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo)
{
    WDFDEVICE device;

    if (g.Started >= 2)
        return STATUS_INSUFFICIENT_RESOURCES;
    g.Started++;
    return WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, Fdo, NextDevice, Pdo,
                                   &device);
}

static VOID ForgetfulUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (g.Loaded) {
        g.Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = ForgetfulEntry, .device_arrival = ForgetfulArrival,
          .unload = ForgetfulUnload, .reset = ForgetfulReset);
