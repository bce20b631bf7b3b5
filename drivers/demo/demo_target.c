/*
 * demo_target.c - registers the demo miniport (demo_miniport.c) as a
 * driver under test: an NDIS-style miniport with one adapter.
 */
#include "demo_miniport.h"
#include "unloadfuzz_driver.h"

static NTSTATUS DemoArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo)
{
    UNREFERENCED_PARAMETER(NextDevice);
    UNREFERENCED_PARAMETER(Pdo);
    return demo_device_arrival(Fdo);
}

static VOID DemoRemoval(PDEVICE_OBJECT Fdo)
{
    UNREFERENCED_PARAMETER(Fdo);
    demo_device_removal();
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = demo_driver_entry, .device_arrival = DemoArrival,
          .device_removal = DemoRemoval, .unload = demo_unload);
