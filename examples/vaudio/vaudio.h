/*++

Module Name:

    vaudio.h

Abstract:

    A virtual audio adapter written the way SysVAD's is: a PortCls adapter
    driver hosted by KMDF, in C++. The adapter common object (CAdapterCommon)
    is created in StartDevice and released in the PnP removal path; it owns
    the WDF miniport device, the WaveRT and topology subdevices and the
    sideband poll (a timer and a work item on the miniport device).

Environment:

    Kernel mode

--*/

#pragma once

#include <ntddk.h>
#include <wdf.h>
#include <portcls.h>
#include <stdunk.h>

#include "NewDelete.h"

#define VAUDIO_POOLTAG 'uaVV'

#define MAX_MINIPORTS 2

//
// PortCls's part of the FDO's extension, as SysVAD names its words: the
// adapter keeps its common object in a word PortCls leaves to it.
//
typedef struct _PortClassDeviceContext {
    ULONG_PTR m_pulReserved1[2];
    PDEVICE_OBJECT m_DoNotUsePhysicalDeviceObject;
    PVOID m_pvReserved2;
    PVOID m_pvReserved3;
    struct IAdapterCommon *m_pCommon;
    PVOID m_pvUnused1;
    PVOID m_pvUnused2;
} PortClassDeviceContext;

// {6A4E2F6C-1B73-4C8A-9D3E-5B1F0C2A7E41}
DEFINE_GUID(IID_IAdapterCommon,
            0x6a4e2f6c, 0x1b73, 0x4c8a, 0x9d, 0x3e, 0x5b, 0x1f, 0x0c, 0x2a, 0x7e, 0x41);

#undef INTERFACE
#define INTERFACE IAdapterCommon
DECLARE_INTERFACE_(IAdapterCommon, IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()

    STDMETHOD_(NTSTATUS, Init)(THIS_ _In_ PDEVICE_OBJECT DeviceObject) PURE;
    STDMETHOD_(WDFDEVICE, GetWdfDevice)(THIS) PURE;
    STDMETHOD_(NTSTATUS, InstallSubdevices)(THIS_ _In_opt_ PIRP Irp,
                                            _In_ PRESOURCELIST ResourceList) PURE;
    STDMETHOD_(VOID, Cleanup)(THIS) PURE;
};
#undef INTERFACE
typedef IAdapterCommon *PADAPTERCOMMON;

typedef NTSTATUS (*PFNCREATEMINIPORT)(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                                      _In_opt_ PUNKNOWN UnknownOuter,
                                      _In_ POOL_FLAGS PoolFlags);

//
// common.cpp
//
NTSTATUS NewAdapterCommon(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                          _In_opt_ PUNKNOWN UnknownOuter, _In_ POOL_FLAGS PoolFlags);

//
// minwavert.cpp, mintopo.cpp
//
NTSTATUS CreateMiniportWaveRT(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                              _In_opt_ PUNKNOWN UnknownOuter, _In_ POOL_FLAGS PoolFlags);
NTSTATUS CreateMiniportTopology(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                                _In_opt_ PUNKNOWN UnknownOuter, _In_ POOL_FLAGS PoolFlags);

#define SAFE_RELEASE(p) { if (p) { (p)->Release(); (p) = NULL; } }
