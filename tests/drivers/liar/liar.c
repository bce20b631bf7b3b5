/*
 * liar.c - a small correct driver for the test that the checker, attached
 * to every driver target, catches a model that lies (tests/CMakeLists.txt,
 * driver_checker_catches_a_lying_model). Its adapter is a miniport device
 * with one child object that the driver references and dereferences, so
 * every run makes the reference-count calls the checker follows.
 */
#include "unloadfuzz_driver.h"

static struct {
    BOOLEAN Loaded;
    WDFDEVICE Device;
} g;

static VOID LiarReset(VOID)
{
    RtlZeroMemory(&g, sizeof(g));
}

static NTSTATUS LiarEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    g.Loaded = NT_SUCCESS(status);
    return status;
}

static NTSTATUS LiarArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT child;
    NTSTATUS status;

    if (g.Device != NULL)
        return STATUS_INSUFFICIENT_RESOURCES; /* one adapter */
    status = WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, Fdo, NextDevice,
                                     Pdo, &g.Device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g.Device;
    status = WdfObjectCreate(&attributes, &child);
    if (NT_SUCCESS(status)) {
        WdfObjectReferenceWithTag(child, (PVOID)LiarArrival);
        WdfObjectDereferenceWithTag(child, (PVOID)LiarArrival);
    }
    return STATUS_SUCCESS;
}

static VOID LiarRemoval(PDEVICE_OBJECT Fdo)
{
    UNREFERENCED_PARAMETER(Fdo);
    WdfObjectDelete(g.Device);
    g.Device = NULL;
}

static VOID LiarUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (g.Loaded) {
        g.Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = LiarEntry, .device_arrival = LiarArrival,
          .device_removal = LiarRemoval, .unload = LiarUnload, .reset = LiarReset);
