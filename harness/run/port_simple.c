/*
 * port_simple.c - the simplified port (port_internal.h).
 *
 * A UF_DRIVER() registration that names device_arrival / device_removal
 * gets the simplified port: a device arriving calls device_arrival with
 * the port's FDO, the device below it and the PDO; a device leaving calls
 * device_removal; the unload routine is the registration's `unload` (the
 * NDIS flavour's MiniportDriverUnload).
 */
#include "port_internal.h"

#define P uf__port

static int simple_arrive(uint32_t a)
{
    struct port_device *dv = &P.dev[a];
    NTSTATUS st;

    if (P.d->device_arrival == NULL)
        return 0;
    uf_port_enter_driver(OP_DEVICE_ARRIVAL, PASSIVE_LEVEL);
    st = P.d->device_arrival(&dv->fdo, &dv->next, &dv->pdo);
    uf_port_leave_driver();
    return NT_SUCCESS(st);
}

static void simple_remove(uint32_t a, int surprise)
{
    (void)surprise;
    if (P.d->device_removal == NULL)
        return;
    uf_port_enter_driver(OP_DEVICE_REMOVAL, PASSIVE_LEVEL);
    P.d->device_removal(&P.dev[a].fdo);
    uf_port_leave_driver();
}

static PDRIVER_UNLOAD simple_unload_routine(void)
{
    return P.d->unload;
}

const struct port_flavour uf_port_simple = {
    .name = "simplified",
    .arrive = simple_arrive,
    .remove = simple_remove,
    .unload_routine = simple_unload_routine,
};
