/*++

Module Name:

    NewDelete.h

Abstract:

    The driver's own operators new and delete: the kernel has no C++
    runtime, so every allocation names its pool flags and tag.

--*/

#pragma once

PVOID operator new(size_t Size, POOL_FLAGS PoolFlags, ULONG Tag);
PVOID operator new(size_t Size, POOL_FLAGS PoolFlags);
void __cdecl operator delete(PVOID Buffer, ULONG Tag);
void __cdecl operator delete(PVOID Buffer, size_t Size);
void __cdecl operator delete[](PVOID Buffer);
void __cdecl operator delete[](PVOID Buffer, size_t Size);
