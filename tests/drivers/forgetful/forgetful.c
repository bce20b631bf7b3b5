/*
 * forgetful.c - a driver that relies on its globals being as the image
 * file has them, for the tests that show the harness restores them before
 * every run and that the replay's check fires without the restore
 * (tests/CMakeLists.txt, driver_globals_restored). It counts the adapters
 * it ever started and refuses a third: on Windows every load starts from a
 * fresh image, so that is no bug; kept from one run to the next
 * (--keep-globals), a program run after others is refused adapters it got
 * the first time. It has no reset hook.
 */
#include "unloadfuzz_driver.h"

static struct {
    BOOLEAN Loaded;
    ULONG Started; /* zero in the image file, never set back */
} g;

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
          .unload = ForgetfulUnload);
