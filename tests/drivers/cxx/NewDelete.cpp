/*
 * NewDelete.cpp - the definitions of NewDelete.h, as SysVAD's are: pool
 * memory, freed with no tag check (a deleting destructor knows no tag).
 */
#include "NewDelete.h"

#include "cxxdrv.h"

PVOID operator new(size_t iSize, POOL_FLAGS poolFlags, ULONG tag)
{
    PVOID result = ExAllocatePool2(poolFlags, iSize, tag);

    CxxNote(result ? "new" : "new-null");
    return result;
}

void __cdecl operator delete(PVOID pVoid, ULONG tag)
{
    if (pVoid) {
        CxxNote("delete-tag");
        ExFreePoolWithTag(pVoid, tag);
    }
}

void __cdecl operator delete(_Pre_maybenull_ PVOID pVoid, _In_ size_t cbSize)
{
    UNREFERENCED_PARAMETER(cbSize);
    if (pVoid) {
        CxxNote("delete-sized");
        ExFreePool(pVoid);
    }
}

void __cdecl operator delete(_Pre_maybenull_ PVOID pVoid)
{
    if (pVoid) {
        CxxNote("delete");
        ExFreePool(pVoid);
    }
}

void __cdecl operator delete[](_Pre_maybenull_ PVOID pVoid, _In_ size_t cbSize)
{
    UNREFERENCED_PARAMETER(cbSize);
    if (pVoid) {
        CxxNote("delete-array-sized");
        ExFreePool(pVoid);
    }
}

void __cdecl operator delete[](_Pre_maybenull_ PVOID pVoid)
{
    if (pVoid) {
        CxxNote("delete-array");
        ExFreePool(pVoid);
    }
}
