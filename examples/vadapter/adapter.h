/*++

Module Name:

    adapter.h

Abstract:

    The virtual audio adapter: a KMDF miniport device hosted by PortCls,
    its context, and the routines the driver's files share.

--*/

#pragma once

#include <ntddk.h>
#include <wdf.h>
#include <wdfminiport.h>
#include <ntstrsafe.h>
#include <portcls.h>

#include "trace.h"

#define VADAPTER_POOLTAG 'dAVV'

typedef struct _ADAPTER_CONTEXT {
    WDFTIMER PositionTimer;
    WDFWORKITEM RenderWork;
    PUCHAR DmaBuffer;          // nonpaged pool, VADAPTER_POOLTAG
    ULONG BufferSize;
    ULONG Position;
    ULONG Index;               // which adapter this is
    BOOLEAN Running;
} ADAPTER_CONTEXT, *PADAPTER_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(ADAPTER_CONTEXT, AdapterGetContext)

//
// driver.c
//
DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DriverUnload;
DRIVER_DISPATCH VAdapterDispatchPnp;
EVT_WDF_OBJECT_CONTEXT_CLEANUP VAdapterEvtDriverContextCleanup;

extern ULONG g_BufferSize;
extern ULONG g_MaxAdapters;
extern ULONG g_AdapterCount;

//
// adapter.c
//
NTSTATUS
VAdapterStartDevice(
    _In_ PDEVICE_OBJECT Fdo,
    _In_ PIRP Irp,
    _In_ PRESOURCELIST ResourceList
    );

VOID
VAdapterRemoveDevice(
    _In_ PDEVICE_OBJECT Fdo
    );
