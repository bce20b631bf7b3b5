/*
 * uf/guid.h - GUID and DEFINE_GUID (guiddef.h).
 *
 * Drivers name interfaces and ETW providers by GUID and declare them with
 * DEFINE_GUID in their own headers. As in guiddef.h, DEFINE_GUID only
 * declares the GUID, unless INITGUID is defined (initguid.h defines it),
 * where it defines it; one translation unit of the driver includes
 * initguid.h first and so holds the storage. The definition is weak, as
 * the real one is __declspec(selectany), so two units defining the same
 * GUID still link. That part of the file is outside the include guard:
 * including it again after INITGUID switches DEFINE_GUID to definitions,
 * which is what initguid.h does. Part of the shared base: uf/base.h
 * includes it, and it includes uf/base.h for initguid.h, which may come
 * first.
 */
#include "uf/base.h"

#ifndef UNLOADFUZZ_UF_GUID_H
#define UNLOADFUZZ_UF_GUID_H

typedef struct _GUID {
    ULONG Data1;
    USHORT Data2;
    USHORT Data3;
    UCHAR Data4[8];
} GUID, *PGUID, *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID, *LPIID;
typedef GUID CLSID, *LPCLSID;

/* A GUID passed by reference: a pointer in C, a reference in C++, as in
 * guiddef.h. Both are an address underneath, so a routine of the model
 * written in C takes either. */
#ifdef __cplusplus
typedef const GUID &REFGUID;
typedef const IID &REFIID;
typedef const CLSID &REFCLSID;
inline BOOLEAN InlineIsEqualGUID(REFGUID a, REFGUID b)
{
    return memcmp(&a, &b, sizeof(GUID)) == 0;
}
inline bool operator==(REFGUID a, REFGUID b)
{
    return InlineIsEqualGUID(a, b) != 0;
}
inline bool operator!=(REFGUID a, REFGUID b)
{
    return !(a == b);
}
#else
typedef const GUID *REFGUID;
typedef const IID *REFIID;
typedef const CLSID *REFCLSID;
FORCEINLINE BOOLEAN InlineIsEqualGUID(_In_ const GUID *a, _In_ const GUID *b)
{
    return memcmp(a, b, sizeof(GUID)) == 0;
}
#endif
#define IsEqualGUID(a, b) InlineIsEqualGUID((a), (b))
#define IsEqualIID(a, b)  InlineIsEqualGUID((a), (b))
/* wdm.h's comparison of two aligned GUIDs (as two 64-bit halves there):
 * by reference in C++, by pointer in C, as IsEqualGUID. */
#ifdef __cplusplus
inline BOOLEAN IsEqualGUIDAligned(REFGUID a, REFGUID b)
{
    return InlineIsEqualGUID(a, b);
}
#else
#define IsEqualGUIDAligned(a, b) InlineIsEqualGUID((a), (b))
#endif

/* A definition's linkage: C may not say extern on an initialized
 * declaration without a warning; C++ must, or const gives it internal
 * linkage. */
#ifdef __cplusplus
#define UF_GUID_DEFINITION_ extern "C"
#else
#define UF_GUID_DEFINITION_
#endif

#endif /* UNLOADFUZZ_UF_GUID_H */

#undef DEFINE_GUID
#ifdef INITGUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)              \
    UF_GUID_DEFINITION_ const GUID DECLSPEC_SELECTANY name = {                    \
        l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    EXTERN_C const GUID name
#endif
