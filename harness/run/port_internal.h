/*
 * port_internal.h - what the port simulation's files share: the state of
 * the one running simulation, the calls into the driver, and the port
 * flavours.
 *
 * port.c is the system around the driver: the driver object, load and
 * unload, time passing, faults, the trace. Which routines it calls when a
 * device arrives or leaves is the port's business, and the port is learned
 * from the driver's own registration, as the real ports learn it:
 *
 *   - port_ndis.c: NdisMRegisterMiniportDriver with its characteristics
 *     (NDIS 6: initialize, restart, pause, halt, reset, sends, OID
 *     requests, PnP events, the miniport's unload);
 *   - port_ks.c: KsInitializeDriver with its device descriptor (AVStream:
 *     the KSDEVICE_DISPATCH routines);
 *   - port_portcls.c: PcInitializeAdapterDriver with the adapter's
 *     AddDevice (PortCls: the PnP IRPs to the driver's dispatch, StartDevice,
 *     and the COM objects of portcls_objects.c);
 *   - port_simple.c: the simplified port of a UF_DRIVER() registration
 *     that names device_arrival / device_removal (unloadfuzz_driver.h).
 *
 * A flavour is installed by the registration routine the entry calls
 * (uf_port_set_flavour), or by port.c for a UF_DRIVER() registration with
 * routines of its own; until then devices cannot arrive.
 */
#ifndef UNLOADFUZZ_PORT_INTERNAL_H
#define UNLOADFUZZ_PORT_INTERNAL_H

#include <stdint.h>

#include "port.h"

struct op;

/* A port: what it does when the program says a device arrives or leaves,
 * the ops only it knows, and its checks when the driver unloads. Every
 * member but `name` may be NULL (the port then does nothing). */
struct port_flavour {
    const char *name;
    /* Adapter a arrived: its FDO, lower device and PDO are set up
     * (port_dev). Returns 1 when the device started. */
    int (*arrive)(uint32_t a);
    /* Adapter a, present, leaves; surprise: it was pulled out first. */
    void (*remove)(uint32_t a, int surprise);
    /* An op of this port alone (pause, restart, reset, send, oid-request,
     * shutdown). */
    void (*op)(const struct op *o);
    /* The unload routine the port calls for the driver: NULL to call
     * DriverObject->DriverUnload, as the I/O manager does. */
    PDRIVER_UNLOAD (*unload_routine)(void);
    /* The unload routine returned, or the entry failed (entry_failed):
     * the port's checks of what the driver left registered. */
    void (*unloaded)(int entry_failed);
    /* The run ends: waits the port could not finish. */
    void (*end)(void);
    /* What the port knows of its adapters beyond presence, for the
     * explorer's state hash: 22 bits at most (NULL: nothing). */
    uint32_t (*state)(void);
    /* Fills ev[] (room for max) with this port's own ops that would act on
     * an adapter now, for the explorer's search. Returns how many. */
    uint32_t (*events)(struct op *ev, uint32_t max);
};

/* One device as the port and the bus give it to the driver. */
struct port_device {
    DEVICE_OBJECT fdo;  /* the port's functional device object */
    DEVICE_OBJECT next; /* the device below it */
    DEVICE_OBJECT pdo;  /* the bus's physical device object */
};

/* The state of the one running simulation (port.c owns it). */
struct port_sim {
    const struct uf_driver *d;
    const struct program *prog;            /* the program being run */
    struct port_run *r;
    const struct port_flavour *flavour;    /* learned from the registration */
    DRIVER_OBJECT driver_object;
    DRIVER_EXTENSION driver_extension;     /* the I/O manager gives every driver one */
    struct port_device dev[PROG_MAX_ADAPTERS];
    uint8_t present[PROG_MAX_ADAPTERS];    /* started and not removed */
    uint32_t arrived;                      /* adapters that arrived so far */
    uint8_t loading;                       /* the entry is running */
    uint8_t loaded;                        /* the entry succeeded */
    uint8_t load_tried;                    /* the entry ran */
    uint8_t shut_down;                     /* the system shut down: nothing follows */
    uint32_t unloads;                      /* times the unload routine ran */
    uint32_t inject;                       /* PORT_INJECT_* in force */
    KIRQL irql;                            /* with PORT_INJECT_IRQL */
};
extern struct port_sim uf__port;

/* Calls into the driver: enter at the routine's documented IRQL (at, or
 * the program's with PORT_INJECT_IRQL), leave back at PASSIVE_LEVEL. what
 * (an enum op_code, or a PORT_CALL_* of a flavour) goes into the trace. */
void uf_port_enter_driver(uint32_t what, KIRQL at);
void uf_port_leave_driver(void);
/* The machine stopped inside the driver in a way the driver's code cannot
 * return from (a pure virtual call, which compilers take as never
 * returning): the model is halted already; ends the running program's
 * execution there, back in uf_port_run, as a bug check ends the machine.
 * Outside a run it aborts. Never returns. */
void uf_port_stop(void) __attribute__((__noreturn__));
/* Folds a call of the port into the driver into the trace without
 * changing the IRQL (a routine the port calls from inside another). */
void uf_port_trace_call(uint32_t what);

/* The calls a flavour makes that are not ops, for the trace: above every
 * op code. */
enum {
    PORT_CALL_BASE = 0x80,
    PORT_CALL_NDIS_INITIALIZE = PORT_CALL_BASE,
    PORT_CALL_NDIS_RESTART,
    PORT_CALL_NDIS_PAUSE,
    PORT_CALL_NDIS_HALT,
    PORT_CALL_NDIS_RESET,
    PORT_CALL_NDIS_SEND,
    PORT_CALL_NDIS_RETURN,
    PORT_CALL_NDIS_OID,
    PORT_CALL_NDIS_PNP_EVENT,
    PORT_CALL_NDIS_SHUTDOWN,
    PORT_CALL_NDIS_UNLOAD,
    PORT_CALL_KS_ADD,
    PORT_CALL_KS_START,
    PORT_CALL_KS_POST_START,
    PORT_CALL_KS_STOP,
    PORT_CALL_KS_REMOVE,
    PORT_CALL_KS_SURPRISE_REMOVAL,
    PORT_CALL_PORTCLS_ADD_DEVICE,
    PORT_CALL_PORTCLS_PNP_START,
    PORT_CALL_PORTCLS_PNP_QUERY_REMOVE,
    PORT_CALL_PORTCLS_PNP_REMOVE,
    PORT_CALL_PORTCLS_PNP_SURPRISE_REMOVAL,
    PORT_CALL_PORTCLS_START_DEVICE,
    PORT_CALL_PORTCLS_MINIPORT_QUERY,
    PORT_CALL_PORTCLS_MINIPORT_INIT,
    PORT_CALL_PORTCLS_MINIPORT_DESCRIPTION,
    PORT_CALL_PORTCLS_MINIPORT_RELEASE,
    PORT_CALL_PORTCLS_POWER_QUERY,
    PORT_CALL_PORTCLS_POWER_RELEASE,
};

/* Installs the port the driver registered with, from its entry. Returns 0,
 * or -1 when the entry is not running or registered with another port
 * already (the caller fails the registration). */
int uf_port_set_flavour(const struct port_flavour *f);

/* A PnP IRP of the port's own: the dispatch routine's stack location and
 * the one below it. */
struct port_irp {
    IRP irp;
    IO_STACK_LOCATION stack[2]; /* [1] the driver's (current), [0] the lower driver's */
};
/* Makes *i a PnP IRP of minor function `minor` for adapter a's FDO, its
 * status `initial` (what the drivers below it answered, or PnP's own), and
 * returns it. */
PIRP uf_port_pnp_irp(struct port_irp *i, uint32_t a, UCHAR minor, NTSTATUS initial);

/* The explorer's events of a port whose only event of its own is a
 * surprise removal: one per adapter present (surprise-removal adapter=N),
 * into ev[] (room for max). Returns how many. */
uint32_t uf_port_surprise_removals(struct op *ev, uint32_t max);

/* Whether adapter a's device is `fdo` (the port's own). */
int uf_port_device_index(const DEVICE_OBJECT *fdo, uint32_t *a);

/* The flavours' state, cleared before every run. */
void uf_port_ndis_reset(void);
void uf_port_ks_reset(void);
void uf_port_portcls_reset(void);
/* The simplified port of a UF_DRIVER() registration with routines. */
extern const struct port_flavour uf_port_simple;

#endif /* UNLOADFUZZ_PORT_INTERNAL_H */
