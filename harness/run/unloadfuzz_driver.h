/*
 * unloadfuzz_driver.h - the simplified port's registration, for a driver
 * that wants the port to call routines it names rather than those its
 * entry registers.
 *
 * Drivers need nothing of this header: uf_add_driver() registers a driver
 * by its entry, and the port learns its routines from the registration the
 * entry makes (NdisMRegisterMiniportDriver for NDIS 6, KsInitializeDriver
 * for AVStream, PcInitializeAdapterDriver for PortCls: port_internal.h). A
 * driver that wants the simplified port (the demo and the test drivers)
 * names its routines with one UF_DRIVER() line instead: the entry
 * (DriverEntry), the routines the port calls when a device arrives and
 * when it leaves, and its unload routine. That line wins over the
 * registration the entry makes.
 *
 * The port simulation (harness/run/port.c) plays the port driver and the
 * system around the miniport: it loads it, hands it WDM device objects as
 * devices arrive, removes them, makes time pass (timers expire, work items
 * run, deferred disposal runs) and unloads the driver, in the order a
 * program says, at each routine's documented IRQL.
 *
 * The simplified port has one flavour, NDIS's (UF_PORT_NDIS): the port
 * calls the miniport's unload routine (the MiniportDriverUnload it
 * registered: the `unload` member below), which calls
 * WdfDriverMiniportUnload first and then deregisters from the port.
 */
#ifndef UNLOADFUZZ_DRIVER_H
#define UNLOADFUZZ_DRIVER_H

#include "wdf.h"

EXTERN_C_START

enum uf_port_flavour {
    UF_PORT_NDIS, /* MiniportDriverUnload: WdfDriverMiniportUnload, then deregistration */
};

/* A driver under test, as the port sees it. */
struct uf_driver {
    const char *name;                 /* the target's name: [a-z0-9_]+ */
    enum uf_port_flavour flavour;
    DRIVER_INITIALIZE *entry;         /* DriverEntry, at PASSIVE_LEVEL */
    /* A device arrived: the driver creates its miniport device over the
     * port's functional device object Fdo, attached to NextDevice, for the
     * physical device object Pdo (WdfDeviceMiniportCreate). At
     * PASSIVE_LEVEL. A failure means the device did not start. */
    NTSTATUS (*device_arrival)(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo);
    /* The device Fdo is leaving (surprise or orderly removal, after the
     * port stopped sending it work). At PASSIVE_LEVEL. */
    VOID (*device_removal)(PDEVICE_OBJECT Fdo);
    /* The MiniportDriverUnload the port calls, or NULL for none. At
     * PASSIVE_LEVEL. */
    DRIVER_UNLOAD *unload;
    /* Optional, and seldom needed: the harness itself restores the
     * driver's writable data (its globals, in whatever section) before each
     * execution, as a fresh image has them (harness/run/globals.h). A
     * driver whose state lives elsewhere between runs (nothing the model
     * owns does) restores it here. The replay binary proves the runs
     * independent (every input runs three times in one process with
     * identical traces). NULL for none. */
    VOID (*reset)(VOID);
};

/* Registers the driver: UF_DRIVER(.flavour = ..., .entry = ..., ...); once
 * per target. The build defines UF_TARGET_NAME (uf_add_driver() in
 * CMakeLists.txt), so one source can make several targets: a sample and
 * its variants. */
#ifdef UF_TARGET_NAME
#define UF_DRIVER(...) \
    const struct uf_driver uf_driver_under_test = {.name = UF_TARGET_NAME, __VA_ARGS__}
#elif defined(__cplusplus)
#define UF_DRIVER(...) \
    static_assert(0, "UF_TARGET_NAME is not defined: register the driver with uf_add_driver() (docs/DRIVERS.md)")
#else
#define UF_DRIVER(...) \
    _Static_assert(0, "UF_TARGET_NAME is not defined: register the driver with uf_add_driver() (docs/DRIVERS.md)")
#endif
/* The registered driver of this target. In C++ the declaration gives the
 * definition UF_DRIVER() makes its C linkage; the fields must be named in
 * their order there (designated initializers, which C++17 compilers take
 * as an extension). */
extern const struct uf_driver uf_driver_under_test;

EXTERN_C_END

#endif /* UNLOADFUZZ_DRIVER_H */
