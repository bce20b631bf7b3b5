/*
 * uf/com.h - the kernel's COM (unknown.h): IUnknown, whose QueryInterface
 * returns an NTSTATUS, and the macros that declare an interface once for
 * C and for C++.
 *
 * An interface is declared as the real headers declare theirs:
 *
 *     #undef INTERFACE
 *     #define INTERFACE IThing
 *     DECLARE_INTERFACE_(IThing, IUnknown)
 *     {
 *         DEFINE_ABSTRACT_UNKNOWN()
 *         STDMETHOD_(NTSTATUS, Do)(THIS_ ULONG How) PURE;
 *     };
 *
 * In C++ that is an abstract class with pure virtual methods; in C a
 * structure whose first and only member, lpVtbl, points at a table of
 * function pointers, each taking the interface pointer first. On x86-64
 * (the Itanium C++ ABI) the two are one layout: an object's first word
 * points at its virtual functions in declaration order, and a method gets
 * the object as its first argument. So the port, written in C, hands C++
 * drivers objects whose vtables it fills, and calls the methods of a C++
 * driver's objects through lpVtbl. Interfaces have no virtual destructor,
 * which would add slots.
 */
#ifndef UNLOADFUZZ_UF_COM_H
#define UNLOADFUZZ_UF_COM_H

#include "uf/wdm.h"

#define STDMETHODCALLTYPE
#define STDMETHODVCALLTYPE
#ifndef interface
#define interface struct
#endif

#ifdef __cplusplus
#define DECLARE_INTERFACE(iface)        interface iface
#define DECLARE_INTERFACE_(iface, base) interface iface : public base
#define STDMETHOD(method)               virtual NTSTATUS STDMETHODCALLTYPE method
#define STDMETHOD_(type, method)        virtual type STDMETHODCALLTYPE method
#define PURE                            = 0
#define THIS_
#define THIS                            void
#else
/* typedef struct IThing { const struct IThingVtbl *lpVtbl; } IThing;
 * and the table follows as `struct IThingVtbl { ... };`. */
#define DECLARE_INTERFACE(iface)                                                       \
    typedef interface iface { const struct iface##Vtbl *lpVtbl; } iface;               \
    typedef struct iface##Vtbl iface##Vtbl;                                            \
    struct iface##Vtbl
#define DECLARE_INTERFACE_(iface, base) DECLARE_INTERFACE(iface)
#define STDMETHOD(method)               NTSTATUS(STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method)        type(STDMETHODCALLTYPE *method)
#define PURE
#define THIS_                           INTERFACE *This,
#define THIS                            INTERFACE *This
#endif
#define STDMETHODIMP                    NTSTATUS STDMETHODCALLTYPE
#define STDMETHODIMP_(type)             type STDMETHODCALLTYPE

/* IUnknown's three methods, which every interface declares again first
 * (in C its table lists them; in C++ the redeclaration adds no slot). */
#define DEFINE_ABSTRACT_UNKNOWN()                                                      \
    STDMETHOD_(NTSTATUS, QueryInterface)(THIS_ _In_ REFIID InterfaceId,                \
                                         _Out_ PVOID * Interface) PURE;                \
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;                                              \
    STDMETHOD_(ULONG, Release)(THIS) PURE;

#undef INTERFACE
#define INTERFACE IUnknown
DECLARE_INTERFACE(IUnknown)
{
    DEFINE_ABSTRACT_UNKNOWN()
};
#undef INTERFACE
typedef IUnknown *PUNKNOWN;

/* The creation routine of an object that may be aggregated (portcls.h's
 * PcNewMiniport and the drivers' own). */
typedef NTSTATUS (*PFNCREATEINSTANCE)(_Out_ PUNKNOWN *Unknown, _In_ REFCLSID ClassId,
                                      _In_opt_ PUNKNOWN OuterUnknown, _In_ POOL_TYPE PoolType);

/* A unit that defines PUT_GUIDS_HERE before its first include defines
 * the GUIDs declared from here on, as if it included initguid.h here
 * (punknown.h's convention, which PortCls drivers use instead). */
#ifdef PUT_GUIDS_HERE
#ifndef INITGUID
#define INITGUID
#endif
#include "uf/guid.h"
#endif

/* The value of the WDK's punknown.h, which PortCls's headers include: its
 * last eight bytes are 00 00 C0 00 00 00 00 46, not the C0 00 ... of COM's
 * IUnknown in unknown.h. Drivers and PortCls compare against the same
 * definition, so only the header matters. */
DEFINE_GUID(IID_IUnknown, 0x00000000L, 0x0000, 0x0000, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00,
            0x46);

#endif /* UNLOADFUZZ_UF_COM_H */
