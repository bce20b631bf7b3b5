/*
 * uf/pool.h - the kernel's pool routines (wdm.h), for the driver's own
 * memory next to its framework objects.
 *
 * The model tracks every block as Driver Verifier's pool tracking does
 * (model/pool.c, docs/WDF-SEMANTICS.md [P1]-[P8]): a block still allocated
 * when the image unloads is a leak, a second free is caught, an allocation
 * fault plan reaches every allocation. Each routine is a row of ddi.def
 * and records the driver's line (the call-site macros at the end).
 */
#ifndef UNLOADFUZZ_UF_POOL_H
#define UNLOADFUZZ_UF_POOL_H

#include "uf/base.h"
#include "uf/callsite.h"

EXTERN_C_START

typedef enum _POOL_TYPE {
    NonPagedPool = 0,
    NonPagedPoolExecute = NonPagedPool,
    PagedPool = 1,
    NonPagedPoolMustSucceed = 2,
    NonPagedPoolCacheAligned = 4,
    PagedPoolCacheAligned = 5,
    NonPagedPoolNx = 512,
} POOL_TYPE;

/*
 * Prototypes from their reference pages (learn.microsoft.com/windows-
 * hardware/drivers/ddi/wdm/nf-wdm-exallocatepool2, -exallocatepoolwithtag,
 * -exfreepoolwithtag; ddi/ntddk/nf-ntddk-exfreepool); the flag values from
 * the POOL_FLAGS page (windows-hardware/drivers/kernel/pool_flags). The low
 * 32 bits of POOL_FLAGS are required flags (an unknown one fails the
 * allocation), the high 32 bits optional ones (ignored when unknown).
 */
typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START      0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA           0x0000000000000001ULL /* charge quota */
#define POOL_FLAG_UNINITIALIZED       0x0000000000000002ULL /* don't zero-initialize */
#define POOL_FLAG_SESSION             0x0000000000000004ULL /* session pool (the OS's) */
#define POOL_FLAG_CACHE_ALIGNED       0x0000000000000008ULL /* cache aligned */
#define POOL_FLAG_RESERVED1           0x0000000000000010ULL /* reserved for system use */
#define POOL_FLAG_RAISE_ON_FAILURE    0x0000000000000020ULL /* raise an exception on failure */
#define POOL_FLAG_NON_PAGED           0x0000000000000040ULL /* non-paged pool, NX */
#define POOL_FLAG_NON_PAGED_EXECUTE   0x0000000000000080ULL /* non-paged pool, executable */
#define POOL_FLAG_PAGED               0x0000000000000100ULL /* paged pool */
#define POOL_FLAG_RESERVED2           0x0000000000000200ULL /* reserved for system use */
#define POOL_FLAG_RESERVED3           0x0000000000000400ULL /* reserved for system use */
#define POOL_FLAG_LAST_KNOWN_REQUIRED POOL_FLAG_RESERVED3
#define POOL_FLAG_REQUIRED_END        0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START      0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL        0x0000000100000000ULL /* special pool, if it can */
#define POOL_FLAG_OPTIONAL_END        0x8000000000000000ULL

/* NULL on failure (or, with POOL_FLAG_RAISE_ON_FAILURE, an exception: the
 * model reports it unhandled, [C11]). Zeroed unless POOL_FLAG_UNINITIALIZED. */
NTKERNELAPI DECLSPEC_RESTRICT PVOID ExAllocatePool2(_In_ POOL_FLAGS Flags,
                                                    _In_ SIZE_T NumberOfBytes,
                                                    _In_ ULONG Tag);
/* How much a caller needs its allocation when pool runs low
 * (NdisAllocateMemoryWithTagPriority, MmGetSystemAddressForMdlSafe). */
typedef enum _EX_POOL_PRIORITY {
    LowPoolPriority = 0,
    LowPoolPrioritySpecialPoolOverrun = 8,
    LowPoolPrioritySpecialPoolUnderrun = 9,
    NormalPoolPriority = 16,
    NormalPoolPrioritySpecialPoolOverrun = 24,
    NormalPoolPrioritySpecialPoolUnderrun = 25,
    HighPoolPriority = 32,
    HighPoolPrioritySpecialPoolOverrun = 40,
    HighPoolPrioritySpecialPoolUnderrun = 41
} EX_POOL_PRIORITY;
/* NULL on failure; the memory is uninitialized. */
NTKERNELAPI PVOID ExAllocatePoolWithTag(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
                                        _In_ ULONG Tag);
/* Tag must be the allocation's; 0 skips the check. */
NTKERNELAPI VOID ExFreePoolWithTag(_In_ PVOID P, _In_ ULONG Tag);
/* ExFreePoolWithTag(P, 0): a macro in the real headers, a function here. */
NTKERNELAPI VOID ExFreePool(_In_ PVOID P);

EXTERN_C_END

#ifdef __cplusplus
/*
 * C++: the operator new forms kernel drivers define (the NewDelete.h
 * pattern: `new (POOL_FLAG_NON_PAGED, 'gaT ') Adapter()`), declared here
 * first as not throwing, so that a driver's own declaration and
 * definition, written for MSVC with no exception specification, inherit
 * it. A new-expression then checks what the operator returns, and on NULL
 * yields NULL without running the constructor, as MSVC's does; without
 * this, clang, with exceptions off, takes an operator that may throw as
 * never returning NULL and constructs at NULL. `__attribute__((nothrow))`
 * is what both compilers accept in front of a later declaration that has
 * no specification (noexcept or throw() there is an error, or is not
 * inherited). Only the scalar forms: a driver seldom defines the array
 * ones, and declaring them would call them. Needs C++17, as drivers are
 * built here. The replaceable operator new(size_t) cannot be declared so;
 * g++ checks it anyway (-fcheck-new), clang 14 does not (docs/DRIVERS.md).
 */
extern "C++" {
void *operator new(size_t Size, POOL_FLAGS Flags) __attribute__((__nothrow__));
void *operator new(size_t Size, POOL_FLAGS Flags, ULONG Tag) __attribute__((__nothrow__));
void *operator new(size_t Size, POOL_TYPE PoolType) __attribute__((__nothrow__));
void *operator new(size_t Size, POOL_TYPE PoolType, ULONG Tag) __attribute__((__nothrow__));
}
#endif

/* ---- call sites: the driver line of each routine's call ---- */
#ifndef WDFMODEL_NO_CALL_SITES
#define ExAllocatePool2(f, n, t)           WDFMODEL_AT_(ExAllocatePool2(f, n, t))
#define ExAllocatePoolWithTag(p, n, t)     WDFMODEL_AT_(ExAllocatePoolWithTag(p, n, t))
#define ExFreePoolWithTag(p, t)            WDFMODEL_AT_(ExFreePoolWithTag(p, t))
#define ExFreePool(p)                      WDFMODEL_AT_(ExFreePool(p))
#endif

#endif /* UNLOADFUZZ_UF_POOL_H */
