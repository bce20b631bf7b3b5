/*
 * unloadfuzz_port.c - how unloadfuzz's port simulation calls the virtual
 * audio adapter: PortCls flavour (DriverEntry calls
 * PcInitializeAdapterDriver and chains its unload routine to the port's);
 * a device arriving is the adapter's start, a device leaving its removal.
 */
#include <wdf.h>
#include "unloadfuzz_driver.h"
#include "adapter.h"

UF_DRIVER(.flavour = UF_PORT_PORTCLS,
          .entry = DriverEntry,
          .device_arrival = VAdapterStartDevice,
          .device_removal = VAdapterRemoveDevice);
