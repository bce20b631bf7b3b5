/*++

Module Name:

    minwavert.cpp

Abstract:

    The WaveRT miniport: its port keeps it from IPort::Init on; it keeps a
    reference on its port until it is destroyed, as real miniports do
    through the port's event interface. Streams are not played.

Environment:

    Kernel mode

--*/

#include "vaudio.h"

class CMiniportWaveRT : public IMiniportWaveRT, public CUnknown
{
private:
    PPORTWAVERT m_pPort;

public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CMiniportWaveRT);
    ~CMiniportWaveRT();

    IMP_IMiniportWaveRT;
};

static PCFILTER_DESCRIPTOR WaveFilterDescriptor;

#pragma code_seg("PAGE")
NTSTATUS CreateMiniportWaveRT(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                              _In_opt_ PUNKNOWN UnknownOuter, _In_ POOL_FLAGS PoolFlags)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(ClassId);

    STD_CREATE_BODY_WITH_TAG_(CMiniportWaveRT, Unknown, UnknownOuter, PoolFlags, VAUDIO_POOLTAG,
                              PMINIPORTWAVERT);
}

#pragma code_seg("PAGE")
CMiniportWaveRT::~CMiniportWaveRT()
{
    PAGED_CODE();

    SAFE_RELEASE(m_pPort);
}

#pragma code_seg("PAGE")
STDMETHODIMP CMiniportWaveRT::NonDelegatingQueryInterface(_In_ REFIID Interface,
                                                          _Out_ PVOID *Object)
{
    PAGED_CODE();

    if (IsEqualGUIDAligned(Interface, IID_IUnknown)) {
        *Object = PVOID(PUNKNOWN(PMINIPORTWAVERT(this)));
    } else if (IsEqualGUIDAligned(Interface, IID_IMiniport)) {
        *Object = PVOID(PMINIPORT(this));
    } else if (IsEqualGUIDAligned(Interface, IID_IMiniportWaveRT)) {
        *Object = PVOID(PMINIPORTWAVERT(this));
    } else {
        *Object = NULL;
    }

    if (*Object != NULL) {
        PUNKNOWN(*Object)->AddRef();
        return STATUS_SUCCESS;
    }
    return STATUS_INVALID_PARAMETER;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportWaveRT::Init(_In_ PUNKNOWN UnknownAdapter,
                                              _In_ PRESOURCELIST ResourceList,
                                              _In_ PPORTWAVERT Port)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(UnknownAdapter);
    UNREFERENCED_PARAMETER(ResourceList);

    m_pPort = Port;
    m_pPort->AddRef();
    return STATUS_SUCCESS;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportWaveRT::GetDescription(_Out_ PPCFILTER_DESCRIPTOR *Description)
{
    PAGED_CODE();

    *Description = &WaveFilterDescriptor;
    return STATUS_SUCCESS;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportWaveRT::DataRangeIntersection(
    _In_ ULONG PinId, _In_ PKSDATARANGE DataRange, _In_ PKSDATARANGE MatchingDataRange,
    _In_ ULONG OutputBufferLength, _Out_opt_ PVOID ResultantFormat,
    _Out_ PULONG ResultantFormatLength)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(PinId);
    UNREFERENCED_PARAMETER(DataRange);
    UNREFERENCED_PARAMETER(MatchingDataRange);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(ResultantFormat);
    UNREFERENCED_PARAMETER(ResultantFormatLength);
    return STATUS_NOT_IMPLEMENTED;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportWaveRT::NewStream(_Out_ PMINIPORTWAVERTSTREAM *Stream,
                                                   _In_ PPORTWAVERTSTREAM PortStream,
                                                   _In_ ULONG Pin, _In_ BOOLEAN Capture,
                                                   _In_ PKSDATAFORMAT DataFormat)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(PortStream);
    UNREFERENCED_PARAMETER(Pin);
    UNREFERENCED_PARAMETER(Capture);
    UNREFERENCED_PARAMETER(DataFormat);

    *Stream = NULL;
    return STATUS_NOT_SUPPORTED;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportWaveRT::GetDeviceDescription(
    _Out_ PDEVICE_DESCRIPTION DeviceDescription)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DeviceDescription);
    return STATUS_NOT_SUPPORTED;
}
#pragma code_seg()
