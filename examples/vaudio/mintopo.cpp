/*++

Module Name:

    mintopo.cpp

Abstract:

    The topology miniport: it keeps references on its port and on the
    adapter common object (for the jack state a real one reads through it)
    until it is destroyed.

Environment:

    Kernel mode

--*/

#include "vaudio.h"

class CMiniportTopology : public IMiniportTopology, public CUnknown
{
private:
    PPORTTOPOLOGY m_pPort;
    PADAPTERCOMMON m_pAdapterCommon;

public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CMiniportTopology);
    ~CMiniportTopology();

    IMP_IMiniportTopology;
};

static PCFILTER_DESCRIPTOR TopologyFilterDescriptor;

#pragma code_seg("PAGE")
NTSTATUS CreateMiniportTopology(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                                _In_opt_ PUNKNOWN UnknownOuter, _In_ POOL_FLAGS PoolFlags)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(ClassId);

    STD_CREATE_BODY_WITH_TAG_(CMiniportTopology, Unknown, UnknownOuter, PoolFlags,
                              VAUDIO_POOLTAG, PMINIPORTTOPOLOGY);
}

#pragma code_seg("PAGE")
CMiniportTopology::~CMiniportTopology()
{
    PAGED_CODE();

    SAFE_RELEASE(m_pAdapterCommon);
    SAFE_RELEASE(m_pPort);
}

#pragma code_seg("PAGE")
STDMETHODIMP CMiniportTopology::NonDelegatingQueryInterface(_In_ REFIID Interface,
                                                            _Out_ PVOID *Object)
{
    PAGED_CODE();

    if (IsEqualGUIDAligned(Interface, IID_IUnknown)) {
        *Object = PVOID(PUNKNOWN(PMINIPORTTOPOLOGY(this)));
    } else if (IsEqualGUIDAligned(Interface, IID_IMiniport)) {
        *Object = PVOID(PMINIPORT(this));
    } else if (IsEqualGUIDAligned(Interface, IID_IMiniportTopology)) {
        *Object = PVOID(PMINIPORTTOPOLOGY(this));
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
STDMETHODIMP_(NTSTATUS) CMiniportTopology::Init(_In_ PUNKNOWN UnknownAdapter,
                                                _In_ PRESOURCELIST ResourceList,
                                                _In_ PPORTTOPOLOGY Port)
{
    NTSTATUS ntStatus;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(ResourceList);

    ntStatus = UnknownAdapter->QueryInterface(IID_IAdapterCommon, (PVOID *)&m_pAdapterCommon);
    if (!NT_SUCCESS(ntStatus)) {
        m_pAdapterCommon = NULL;
        return ntStatus;
    }
    m_pPort = Port;
    m_pPort->AddRef();
    return STATUS_SUCCESS;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportTopology::GetDescription(_Out_ PPCFILTER_DESCRIPTOR *Description)
{
    PAGED_CODE();

    *Description = &TopologyFilterDescriptor;
    return STATUS_SUCCESS;
}

#pragma code_seg("PAGE")
STDMETHODIMP_(NTSTATUS) CMiniportTopology::DataRangeIntersection(
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
#pragma code_seg()
