/*++

Module Name:

    NewDelete.cpp

Abstract:

    The driver's operators new and delete, over the pool. A failed
    allocation returns NULL; the compiler then skips the constructor.

--*/

#include <ntddk.h>
#include "NewDelete.h"

#define VAUDIO_NEW_TAG 'wNaV'

PVOID operator new(size_t Size, POOL_FLAGS PoolFlags, ULONG Tag)
{
    return ExAllocatePool2(PoolFlags, Size, Tag);
}

PVOID operator new(size_t Size, POOL_FLAGS PoolFlags)
{
    return ExAllocatePool2(PoolFlags, Size, VAUDIO_NEW_TAG);
}

void __cdecl operator delete(PVOID Buffer, ULONG Tag)
{
    if (Buffer != NULL) {
        ExFreePoolWithTag(Buffer, Tag);
    }
}

void __cdecl operator delete(PVOID Buffer, size_t Size)
{
    UNREFERENCED_PARAMETER(Size);
    if (Buffer != NULL) {
        ExFreePool(Buffer);
    }
}

void __cdecl operator delete[](PVOID Buffer)
{
    if (Buffer != NULL) {
        ExFreePool(Buffer);
    }
}

void __cdecl operator delete[](PVOID Buffer, size_t Size)
{
    UNREFERENCED_PARAMETER(Size);
    if (Buffer != NULL) {
        ExFreePool(Buffer);
    }
}
