/*
 * contract.c - an NDIS 6 miniport over KMDF for tests/test_ndis.c: every
 * handler logs its call (ContractLog) and does what the test's mode bits
 * say (ContractMode(), the test's: a driver's globals are restored before
 * every run, the test's are not). Mode 0 is a correct miniport.
 */
#include <string.h>

#include <ndis.h>
#include <wdf.h>
#include <wdfminiport.h>

#include "contract.h"

#define TAG 0x746E6F43u /* 'Cont' */

/* The test's; 0 (a correct miniport) in the driver's own binaries. */
__attribute__((weak)) ULONG ContractMode(VOID) { return 0; }

#define MODE(m) ((ContractMode() & (m)) != 0)

char ContractLog[CONTRACT_LOG_BYTES];

static struct {
    NDIS_HANDLE DriverHandle;
    NDIS_HANDLE AdapterHandle;
    WDFDEVICE Device;
    WDFWORKITEM Work;          /* completes what pended */
    NDIS_HANDLE NblPool;
    PNET_BUFFER_LIST Nbl;      /* the receive list */
    PVOID Block;               /* NDIS memory */
    PNET_BUFFER_LIST Held;     /* a send held back */
    PNDIS_OID_REQUEST PendedOid;
    BOOLEAN PausePending, ResetPending;
    NDIS_SPIN_LOCK Lock;
} g;

static VOID Log(const char *what)
{
    size_t n = strlen(ContractLog), m = strlen(what);

    if (n + m + 2 < sizeof ContractLog) {
        memcpy(ContractLog + n, what, m);
        ContractLog[n + m] = ' ';
        ContractLog[n + m + 1] = 0;
    }
}

static VOID LogIrql(const char *what)
{
    char buf[32];
    size_t n = strlen(what);

    memcpy(buf, what, n);
    buf[n] = '@';
    buf[n + 1] = (char)('0' + KeGetCurrentIrql());
    buf[n + 2] = 0;
    Log(buf);
}

/* The work item: completes whatever pended, as a real miniport's DPC or
 * work item would. */
static VOID ContractWork(WDFWORKITEM WorkItem)
{
    UNREFERENCED_PARAMETER(WorkItem);
    Log("work");
    if (g.Held != NULL && MODE(M_DRAIN_IN_WORK)) {
        PNET_BUFFER_LIST nbl = g.Held;

        g.Held = NULL;
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_PAUSED;
        NdisMSendNetBufferListsComplete(g.AdapterHandle, nbl, 0);
    }
    if (g.PausePending && MODE(M_COMPLETE_IN_WORK | M_DRAIN_IN_WORK)) {
        g.PausePending = FALSE;
        NdisMPauseComplete(g.AdapterHandle);
    }
    if (g.ResetPending && MODE(M_COMPLETE_IN_WORK)) {
        g.ResetPending = FALSE;
        NdisMResetComplete(g.AdapterHandle, NDIS_STATUS_SUCCESS, FALSE);
    }
}

static NDIS_STATUS ContractInitialize(NDIS_HANDLE Adapter, NDIS_HANDLE DriverContext,
                                      PNDIS_MINIPORT_INIT_PARAMETERS Params)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES gen;
    NET_BUFFER_LIST_POOL_PARAMETERS pp;
    PDEVICE_OBJECT pdo = NULL, fdo = NULL, next = NULL;
    WDF_WORKITEM_CONFIG wc;
    WDF_OBJECT_ATTRIBUTES attributes;
    NDIS_STATUS st;

    UNREFERENCED_PARAMETER(DriverContext);
    LogIrql("init");
    if (Params->Header.Type == NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS &&
        Params->Header.Revision == NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1 &&
        Params->Header.Size >= NDIS_SIZEOF_MINIPORT_INIT_PARAMETER_REVISION_1)
        Log("init-header");
    g.AdapterHandle = Adapter;
    NdisMGetDeviceProperty(Adapter, &pdo, &fdo, &next, NULL, NULL);
    /* The PDO at the bottom, the next device on it, NDIS's FDO on top. */
    if (pdo != NULL && pdo->AttachedDevice == next && next != NULL && next->AttachedDevice == fdo)
        Log("stack");
    if (MODE(M_INIT_FAILS))
        return NDIS_STATUS_RESOURCES;

    NdisZeroMemory(&gen, sizeof gen);
    gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    if (NdisMSetMiniportAttributes(Adapter, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&gen) != NDIS_STATUS_SUCCESS)
        Log("general-first-refused");
    if (!MODE(M_NO_CONTEXT)) {
        NdisZeroMemory(&reg, sizeof reg);
        reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        reg.MiniportAdapterContext = &g;
        st = NdisMSetMiniportAttributes(Adapter, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
        if (st != NDIS_STATUS_SUCCESS)
            return st;
    }
    if (!NT_SUCCESS(WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, fdo, next, pdo,
                                            &g.Device)))
        return NDIS_STATUS_RESOURCES;
    WDF_WORKITEM_CONFIG_INIT(&wc, ContractWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g.Device;
    if (!NT_SUCCESS(WdfWorkItemCreate(&wc, &attributes, &g.Work)))
        goto out_device;

    g.Block = NdisAllocateMemoryWithTagPriority(g.DriverHandle, 64, TAG, NormalPoolPriority);
    if (g.Block == NULL)
        goto out_device;
    NdisZeroMemory(&pp, sizeof pp);
    pp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pp.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pp.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pp.fAllocateNetBuffer = TRUE;
    pp.PoolTag = TAG;
    g.NblPool = NdisAllocateNetBufferListPool(Adapter, &pp);
    if (g.NblPool == NULL)
        goto out_memory;
    g.Nbl = NdisAllocateNetBufferAndNetBufferList(g.NblPool, 0, 0, NULL, 0, 0);
    if (g.Nbl == NULL)
        goto out_pool;
    NdisAllocateSpinLock(&g.Lock);
    return NDIS_STATUS_SUCCESS;

out_pool:
    NdisFreeNetBufferListPool(g.NblPool);
out_memory:
    NdisFreeMemory(g.Block, 64, 0);
out_device:
    WdfObjectDelete(g.Device); /* and the work item under it */
    return NDIS_STATUS_RESOURCES;
}

static VOID ContractHalt(NDIS_HANDLE Context, NDIS_HALT_ACTION Action)
{
    UNREFERENCED_PARAMETER(Context);
    LogIrql(Action == NdisHaltDeviceSurpriseRemoved ? "halt-surprise" : "halt");
    WdfWorkItemFlush(g.Work);
    NdisFreeSpinLock(&g.Lock);
    if (MODE(M_FREE_POOL_IN_USE)) {
        NdisFreeNetBufferListPool(g.NblPool);
        NdisFreeNetBufferList(g.Nbl);
    } else if (!MODE(M_LEAK_NBL)) {
        NdisFreeNetBufferList(g.Nbl);
    }
    if (MODE(M_DOUBLE_FREE_NBL))
        NdisFreeNetBufferList(g.Nbl);
    if (!MODE(M_LEAK_POOL | M_LEAK_NBL | M_FREE_POOL_IN_USE))
        NdisFreeNetBufferListPool(g.NblPool);
    if (!MODE(M_LEAK_MEMORY))
        NdisFreeMemory(g.Block, 64, 0);
    WdfObjectDelete(g.Device);
}

static VOID ContractUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    LogIrql("unload");
    if (MODE(M_LEAK_NBL))
        NdisFreeNetBufferListPool(g.NblPool); /* refused: the list is still out */
    WdfDriverMiniportUnload(WdfGetDriver());
    if (!MODE(M_NO_DEREGISTER))
        NdisMDeregisterMiniportDriver(g.DriverHandle);
    if (MODE(M_DEREGISTER_TWICE))
        NdisMDeregisterMiniportDriver(g.DriverHandle);
}

static NDIS_STATUS ContractPause(NDIS_HANDLE Context, PNDIS_MINIPORT_PAUSE_PARAMETERS Params)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Params);
    LogIrql("pause");
    if (g.Held != NULL && !MODE(M_PAUSE_KEEPS_SENDS) && !MODE(M_DRAIN_IN_WORK)) {
        PNET_BUFFER_LIST nbl = g.Held;

        g.Held = NULL;
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_PAUSED;
        NdisMSendNetBufferListsComplete(g.AdapterHandle, nbl, 0);
    }
    if (MODE(M_PAUSE_PENDS)) {
        g.PausePending = TRUE;
        if (MODE(M_COMPLETE_IN_WORK))
            WdfWorkItemEnqueue(g.Work);
        return NDIS_STATUS_PENDING;
    }
    if (MODE(M_DRAIN_IN_WORK) && g.Held != NULL) {
        g.PausePending = TRUE;
        WdfWorkItemEnqueue(g.Work);
        return NDIS_STATUS_PENDING;
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS ContractRestart(NDIS_HANDLE Context, PNDIS_MINIPORT_RESTART_PARAMETERS Params)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Params);
    LogIrql("restart");
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS ContractOidRequest(NDIS_HANDLE Context, PNDIS_OID_REQUEST Request)
{
    UNREFERENCED_PARAMETER(Context);
    LogIrql("oid");
    if (MODE(M_STRAY_COMPLETIONS)) {
        NdisMPauseComplete(g.AdapterHandle);
        return NDIS_STATUS_SUCCESS;
    }
    if (MODE(M_INDICATE | M_INDICATE_RESOURCES)) {
        NdisMIndicateReceiveNetBufferLists(g.AdapterHandle, g.Nbl, NDIS_DEFAULT_PORT_NUMBER, 1,
                                           MODE(M_INDICATE_RESOURCES) ? NDIS_RECEIVE_FLAGS_RESOURCES : 0);
        Log("indicated");
    }
    if (MODE(M_OID_PENDS)) {
        g.PendedOid = Request;
        return NDIS_STATUS_PENDING;
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID ContractSend(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, NDIS_PORT_NUMBER Port, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Port);
    LogIrql("send");
    if (MODE(M_HOLD_SENDS) && g.Held == NULL) {
        g.Held = Nbls;
        return;
    }
    NET_BUFFER_LIST_STATUS(Nbls) = NDIS_STATUS_SUCCESS;
    NdisMSendNetBufferListsComplete(g.AdapterHandle, Nbls,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(Flags)
                                        ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
                                        : 0);
    if (MODE(M_STRAY_COMPLETIONS))
        NdisMSendNetBufferListsComplete(g.AdapterHandle, Nbls, 0);
}

static VOID ContractReturn(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Flags);
    if (Nbls == g.Nbl)
        Log("returned");
}

static VOID ContractCancelSend(NDIS_HANDLE Context, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(CancelId);
}

static NDIS_STATUS ContractReset(NDIS_HANDLE Context, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(Context);
    *AddressingReset = FALSE;
    LogIrql("reset");
    if (MODE(M_STRAY_COMPLETIONS))
        NdisMResetComplete(g.AdapterHandle, NDIS_STATUS_SUCCESS, FALSE); /* inside: legal */
    if (MODE(M_RESET_PENDS)) {
        g.ResetPending = TRUE;
        if (MODE(M_COMPLETE_IN_WORK))
            WdfWorkItemEnqueue(g.Work);
        return NDIS_STATUS_PENDING;
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID ContractPnPEvent(NDIS_HANDLE Context, PNET_DEVICE_PNP_EVENT Event)
{
    UNREFERENCED_PARAMETER(Context);
    LogIrql(Event->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved ? "pnp-surprise" : "pnp");
}

static VOID ContractShutdown(NDIS_HANDLE Context, NDIS_SHUTDOWN_ACTION Action)
{
    UNREFERENCED_PARAMETER(Context);
    LogIrql(Action == NdisShutdownPowerOff ? "shutdown" : "shutdown-bugcheck");
}

static VOID ContractCancelOid(NDIS_HANDLE Context, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(RequestId);
}

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    WDF_DRIVER_CONFIG config;
    NDIS_STATUS st;

    LogIrql("entry");
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    if (!NT_SUCCESS(WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                                    WDF_NO_HANDLE)))
        return STATUS_INSUFFICIENT_RESOURCES;
    NdisZeroMemory(&ch, sizeof ch);
    ch.Header.Type = MODE(M_BAD_HEADER) ? NDIS_OBJECT_TYPE_DEFAULT
                                        : NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    ch.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    ch.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    ch.MajorNdisVersion = 6;
    ch.MinorNdisVersion = 0;
    ch.InitializeHandlerEx = ContractInitialize;
    ch.HaltHandlerEx = ContractHalt;
    ch.UnloadHandler = ContractUnload;
    ch.PauseHandler = ContractPause;
    ch.RestartHandler = ContractRestart;
    ch.OidRequestHandler = ContractOidRequest;
    ch.SendNetBufferListsHandler = ContractSend;
    ch.ReturnNetBufferListsHandler = ContractReturn;
    ch.CancelSendHandler = ContractCancelSend;
    ch.ResetHandlerEx = ContractReset;
    ch.DevicePnPEventNotifyHandler = ContractPnPEvent;
    ch.ShutdownHandlerEx = ContractShutdown;
    ch.CancelOidRequestHandler = MODE(M_MISSING_HANDLER) ? NULL : ContractCancelOid;
    st = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &ch, &g.DriverHandle);
    if (st != NDIS_STATUS_SUCCESS) {
        Log("refused");
        WdfDriverMiniportUnload(WdfGetDriver());
        return st;
    }
    if (DriverObject->DriverUnload != NULL && DriverObject->DriverUnload != ContractUnload)
        Log("ndis-unload");
    if (MODE(M_ENTRY_FAILS_REGISTERED)) {
        WdfDriverMiniportUnload(WdfGetDriver());
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_SUCCESS;
}
