/*
 * unloadfuzz_bus.h - a test double of the bus below a driver under test.
 *
 * Some drivers talk to their bus through the routines of an interface the
 * bus driver gives (IRP_MN_QUERY_INTERFACE, WdfIoTargetQueryForInterface,
 * WdfFdoQueryForInterface), not through I/O. The model's lower device knows
 * no interface's routines: it answers a query whose Size goes beyond the
 * INTERFACE header with STATUS_NOT_SUPPORTED, as a bus that does not know
 * the GUID does ([G5] in docs/WDF-SEMANTICS.md). A driver's project that
 * wants its driver to get past that point writes a double of its bus, in a
 * source of its own beside the driver's, and registers the interfaces the
 * double answers:
 *
 *     static NTSTATUS MyBusFill(PINTERFACE Interface, USHORT Size, USHORT Version,
 *                               PVOID InterfaceSpecificData);
 *     UF_BUS_INTERFACE(MY_BUS_INTERFACE_GUID, MyBusFill)
 *
 * From then on a query for that GUID, while the lower device answers
 * success (`lower-device`), gets the INTERFACE header filled as for any
 * interface and then calls Fill, whose status the query returns. The
 * double's routines run as the bus's would, in the caller's context; they
 * are code under test like the driver's, with its flags.
 */
#ifndef UNLOADFUZZ_BUS_H
#define UNLOADFUZZ_BUS_H

#include "wdf.h"

EXTERN_C_START

/* Fills the rest of the caller's interface (its routines) for a query of
 * Size bytes and Version; returns the query's status. */
typedef NTSTATUS (*UF_BUS_INTERFACE_FILL)(PINTERFACE Interface, USHORT Size, USHORT Version,
                                          PVOID InterfaceSpecificData);

/* The lower device answers queries for Guid through Fill, for the rest of
 * the process (at most 8 GUIDs). */
void uf_bus_interface(const GUID *Guid, UF_BUS_INTERFACE_FILL Fill);

EXTERN_C_END

/* Registers Fill for Guid when the process starts. */
#define UF_BUS_INTERFACE(Guid, Fill)                                             \
    static void __attribute__((constructor)) uf_bus_register_##Fill(void) \
    {                                                                        \
        uf_bus_interface(&(Guid), Fill);                                    \
    }

#endif /* UNLOADFUZZ_BUS_H */
