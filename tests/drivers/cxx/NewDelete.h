/*
 * NewDelete.h - the driver's own operator new and delete, in the shape
 * Microsoft's samples give them (SysVAD's NewDelete.h): new takes pool
 * flags and a tag and returns NULL when the pool has no memory; delete
 * frees to the pool. Written as for MSVC: no exception specifications.
 * The kernel has no others: these are all the driver's new-expressions
 * and deleting destructors reach.
 */
#ifndef CXX_NEWDELETE_H
#define CXX_NEWDELETE_H

#include <ntddk.h>

PVOID operator new(size_t iSize, POOL_FLAGS poolFlags, ULONG tag);
void __cdecl operator delete(PVOID pVoid, ULONG tag);
void __cdecl operator delete(_Pre_maybenull_ PVOID pVoid, _In_ size_t cbSize);
void __cdecl operator delete(_Pre_maybenull_ PVOID pVoid);
void __cdecl operator delete[](_Pre_maybenull_ PVOID pVoid, _In_ size_t cbSize);
void __cdecl operator delete[](_Pre_maybenull_ PVOID pVoid);

#endif /* CXX_NEWDELETE_H */
