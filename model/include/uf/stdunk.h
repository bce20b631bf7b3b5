/*
 * uf/stdunk.h - CUnknown (Microsoft's stdunk.h): the reference-counted
 * base class of the objects a C++ audio driver makes (its adapter common
 * object, its miniports), with the non-delegating IUnknown that lets one
 * be aggregated. C++ only.
 *
 * A class derives from CUnknown and its interfaces, declares
 * DECLARE_STD_UNKNOWN() (QueryInterface, AddRef and Release go to the
 * outer unknown, which is the object itself when it is not aggregated)
 * and DEFINE_STD_CONSTRUCTOR, and writes NonDelegatingQueryInterface. The
 * last NonDelegatingRelease deletes the object, through its virtual
 * destructor and the driver's own operator delete: the kernel has no C++
 * runtime, so the driver defines its operators (a NewDelete.h of its own)
 * and the harness links them to the driver alone (docs/DRIVERS.md). The
 * real CUnknown is compiled into stdunk.lib; here its few lines are
 * inline, compiled with the driver's flags.
 */
#ifndef UNLOADFUZZ_UF_STDUNK_H
#define UNLOADFUZZ_UF_STDUNK_H

#ifndef __cplusplus
#error "stdunk.h is for C++ sources: CUnknown is a class"
#endif

#include "uf/com.h"

#undef INTERFACE
#define INTERFACE INonDelegatingUnknown
DECLARE_INTERFACE(INonDelegatingUnknown)
{
    STDMETHOD_(NTSTATUS, NonDelegatingQueryInterface)(THIS_ _In_ REFIID InterfaceId,
                                                      _Out_ PVOID * Interface) PURE;
    STDMETHOD_(ULONG, NonDelegatingAddRef)(THIS) PURE;
    STDMETHOD_(ULONG, NonDelegatingRelease)(THIS) PURE;
};
#undef INTERFACE
typedef INonDelegatingUnknown *PNONDELEGATINGUNKNOWN;

class CUnknown : public INonDelegatingUnknown
{
private:
    LONG m_lRefCount;
    PUNKNOWN m_pUnknownOuter;

public:
    /* Not aggregated (outer NULL): the object is its own outer unknown. A
     * class with INonDelegatingUnknown first has IUnknown's layout. */
    CUnknown(PUNKNOWN pUnknownOuter) : m_lRefCount(0)
    {
        m_pUnknownOuter = pUnknownOuter ? pUnknownOuter
                                        : reinterpret_cast<PUNKNOWN>(
                                              static_cast<PNONDELEGATINGUNKNOWN>(this));
    }
    virtual ~CUnknown() {}

    PUNKNOWN GetOuterUnknown() { return m_pUnknownOuter; }

    STDMETHODIMP_(ULONG) NonDelegatingAddRef()
    {
        return (ULONG)InterlockedIncrement(&m_lRefCount);
    }
    /* The last release deletes the object; the count is raised first so
     * that a destructor's own AddRef and Release do not delete it again. */
    STDMETHODIMP_(ULONG) NonDelegatingRelease()
    {
        if (InterlockedDecrement(&m_lRefCount) == 0) {
            m_lRefCount++;
            delete this;
            return 0;
        }
        return (ULONG)m_lRefCount;
    }
    STDMETHODIMP_(NTSTATUS) NonDelegatingQueryInterface(_In_ REFIID rIID, _Out_ PVOID *ppVoid)
    {
        if (IsEqualGUIDAligned(rIID, IID_IUnknown)) {
            *ppVoid = PVOID(PUNKNOWN(static_cast<PNONDELEGATINGUNKNOWN>(this)));
            PUNKNOWN(*ppVoid)->AddRef();
            return STATUS_SUCCESS;
        }
        *ppVoid = NULL;
        return STATUS_INVALID_PARAMETER;
    }
};
typedef CUnknown *PCUnknown;

/* IUnknown of a class derived from CUnknown: to the outer unknown. */
#define DECLARE_STD_UNKNOWN()                                                          \
    STDMETHODIMP_(NTSTATUS) NonDelegatingQueryInterface(_In_ REFIID InterfaceId,       \
                                                        _Out_ PVOID *Interface);       \
    STDMETHODIMP_(NTSTATUS) QueryInterface(_In_ REFIID riid, _Out_ void **ppv)         \
    {                                                                                  \
        return GetOuterUnknown()->QueryInterface(riid, ppv);                           \
    }                                                                                  \
    STDMETHODIMP_(ULONG) AddRef() { return GetOuterUnknown()->AddRef(); }              \
    STDMETHODIMP_(ULONG) Release() { return GetOuterUnknown()->Release(); }

#define DEFINE_STD_CONSTRUCTOR(Class)                                                  \
    Class(PUNKNOWN pUnknownOuter) : CUnknown(pUnknownOuter) {}

#define QICAST(Type) PVOID((Type)(this))
#define QICASTUNKNOWN(Type) PVOID(PUNKNOWN((Type)(this)))

#define STD_CREATE_BODY_WITH_TAG_(Class, ppUnknown, UnknownOuter, PoolType, Tag, Base)  \
    NTSTATUS ntStatus;                                                                 \
    Class *p = new (PoolType, Tag) Class(UnknownOuter);                                \
    if (p) {                                                                           \
        *ppUnknown = PUNKNOWN((Base)(p));                                              \
        (*ppUnknown)->AddRef();                                                        \
        ntStatus = STATUS_SUCCESS;                                                     \
    } else {                                                                           \
        ntStatus = STATUS_INSUFFICIENT_RESOURCES;                                      \
    }                                                                                  \
    return ntStatus
#define STD_CREATE_BODY_WITH_TAG(Class, ppUnknown, UnknownOuter, PoolType, Tag)        \
    STD_CREATE_BODY_WITH_TAG_(Class, ppUnknown, UnknownOuter, PoolType, Tag, PUNKNOWN)
#define STD_CREATE_BODY_(Class, ppUnknown, UnknownOuter, PoolType, Base)                \
    STD_CREATE_BODY_WITH_TAG_(Class, ppUnknown, UnknownOuter, PoolType, 'rCcP', Base)
#define STD_CREATE_BODY(Class, ppUnknown, UnknownOuter, PoolType)                       \
    STD_CREATE_BODY_(Class, ppUnknown, UnknownOuter, PoolType, PUNKNOWN)

#endif /* UNLOADFUZZ_UF_STDUNK_H */
