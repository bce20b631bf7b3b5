/*
 * portcls_internal.h - what the two files of PortCls share: the COM
 * objects PortCls makes (portcls_objects.c) and the devices, the flavour
 * and the routines of portcls.h (port_portcls.c), over one state.
 */
#ifndef UNLOADFUZZ_PORTCLS_INTERNAL_H
#define UNLOADFUZZ_PORTCLS_INTERNAL_H

#include "port_internal.h"
#define WDFMODEL_NO_CALL_SITES /* the port defines the routines drivers call */
#include "portcls.h"

#define PC_MAX_OBJECTS 64    /* per run; more fail as an allocation would */
#define PC_MAX_SUBDEVICES 16 /* per device */
#define PC_MAX_CONNECTIONS 32

/* One interface of a PortCls object: its table first, as both languages
 * expect, then the object it belongs to. */
struct pc_iface {
    const void *vtbl;
    struct pc_object *o;
};

enum pc_kind { PC_PORT_WAVERT, PC_PORT_TOPOLOGY, PC_RESOURCE_LIST };

struct pc_object {
    struct pc_iface main; /* IPort (and its kind's), or IResourceList */
    struct pc_iface unregister_subdevice;
    struct pc_iface unregister_connection;
    struct pc_iface events;           /* IPortEvents */
    struct pc_iface stream_resources; /* IPortClsStreamResourceManager2 (WaveRT) */
    enum pc_kind kind;
    LONG refs;          /* 0: released, kept to catch what follows */
    LONG miniport_refs; /* of refs, those the miniport took on its port in its Init */
    uint8_t initialized; /* IPort::Init succeeded */
    uint8_t registered;  /* a subdevice of a device (PcRegisterSubdevice) */
    PUNKNOWN miniport;   /* the port's miniport interface, held from Init */
    const char *file;    /* where the driver made it */
    int line;
};

struct pc_subdevice {
    struct pc_object *port;
    WCHAR name[40];
};

struct pc_connection {
    struct pc_object *from, *to;
    ULONG from_pin, to_pin;
};

struct pc_device {
    uint8_t added;      /* PcAddAdapterDevice made the FDO; until IRP_MN_REMOVE_DEVICE */
    uint8_t pc_started; /* PcDispatchIrp saw the start succeed */
    PCPFNSTARTDEVICE start;
    ULONG max_objects;
    void *extension; /* the FDO's device extension (heap, so that a use after the removal shows) */
    struct pc_subdevice sub[PC_MAX_SUBDEVICES];
    uint32_t nsub;
    struct pc_connection conn[PC_MAX_CONNECTIONS];
    uint32_t nconn;
    PUNKNOWN power; /* PcRegisterAdapterPowerManagement's IAdapterPowerManagement */
};

/* PortCls's state in the run. */
struct portcls_state {
    uint8_t initialized;          /* PcInitializeAdapterDriver succeeded */
    PDRIVER_UNLOAD port_unload;   /* PortCls's own, until it ran */
    struct pc_device dev[PROG_MAX_ADAPTERS];
    struct pc_object obj[PC_MAX_OBJECTS];
    uint32_t nobj;
    struct port_irp irp;          /* the IRP of the PnP call being made */
};

extern struct portcls_state uf__portcls;

/* ---- the objects (portcls_objects.c) ---- */
/* A new object of `kind` with its creator's reference, or NULL when the
 * allocation at `site` fails; it records the driver's call site. */
struct pc_object *uf_pc_new(enum pc_kind kind, enum model_site site);
/* The object behind an interface pointer of PortCls's, or NULL. */
struct pc_object *uf_pc_object_of(const void *iface);
/* Whether a call `method` may use o; one after its last Release is
 * reported (portcls-release-past-zero) and may not. */
int uf_pc_alive(struct pc_object *o, const char *method);
/* Drops a reference (the last destroys o). Returns those left. */
ULONG uf_pc_release(struct pc_object *o);
/* A port lets go of its miniport. */
void uf_pc_release_miniport(struct pc_object *o);
/* For reports: what o is, and where the driver made it. */
const char *uf_pc_kind_name(enum pc_kind k);
const char *uf_pc_site_file(const char *file);

/* ---- the devices (port_portcls.c) ---- */
/* Adapter *ap's device when DeviceObject is an FDO PcAddAdapterDevice
 * made, or NULL. */
struct pc_device *uf_pc_device_of(PDEVICE_OBJECT DeviceObject, uint32_t *ap);
/* The index of port's subdevice on d, or -1. */
int uf_pc_find_subdevice(struct pc_device *d, const struct pc_object *port);
/* Unregisters subdevice i of d. */
void uf_pc_drop_subdevice(struct pc_device *d, uint32_t i);

#endif /* UNLOADFUZZ_PORTCLS_INTERNAL_H */
