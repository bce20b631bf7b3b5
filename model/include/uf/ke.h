/*
 * uf/ke.h - the kernel's own routines a driver's entry, halt and unload
 * paths call (wdm.h): the IRQL, executive spin locks, waiting and stalling,
 * interlocked operations, and the DPC object.
 *
 * The IRQL is the model's state (model_irql() in model.h): KeAcquireSpinLock
 * raises it to DISPATCH_LEVEL and KeReleaseSpinLock restores what it saved,
 * KeRaiseIrql and KeLowerIrql set it. Each routine is a row of ddi.def with
 * its highest IRQL, so a call above it is reported as irql-too-high like any
 * DDI's, at the driver's line (the call-site macros at the end); the
 * implementations are in model/wdm.c. The macro forms are the real ones:
 * KeAcquireSpinLock(l, &old) assigns KeAcquireSpinLockRaiseToDpc's result,
 * KeRaiseIrql(n, &old) KfRaiseIrql's. Interlocked operations are the
 * compiler's atomics, as on Windows they are the compiler's intrinsics.
 */
#ifndef UNLOADFUZZ_UF_KE_H
#define UNLOADFUZZ_UF_KE_H

#include "uf/base.h"
#include "uf/callsite.h"

EXTERN_C_START

/* ---- IRQL ---- */
typedef UCHAR KIRQL, *PKIRQL;
#define PASSIVE_LEVEL  0
#define LOW_LEVEL      0
#define APC_LEVEL      1
#define DISPATCH_LEVEL 2
#define CMCI_LEVEL     5
#define CLOCK_LEVEL    13
#define IPI_LEVEL      14
#define DRS_LEVEL      14
#define POWER_LEVEL    14
#define PROFILE_LEVEL  15
#define HIGH_LEVEL     15

/* The IRQL the model runs the caller at. Any IRQL. */
NTKERNELAPI KIRQL KeGetCurrentIrql(VOID);
/* Sets the IRQL to NewIrql, at least the current one (a lower one is a bug
 * check the model does not report), and returns the one it was. */
NTKERNELAPI KIRQL FASTCALL KfRaiseIrql(_In_ KIRQL NewIrql);
#define KeRaiseIrql(NewIrql, OldIrql) (*(OldIrql) = KfRaiseIrql(NewIrql))
/* Raises to DISPATCH_LEVEL; returns the IRQL it was. <= DISPATCH_LEVEL. */
NTKERNELAPI KIRQL KeRaiseIrqlToDpcLevel(VOID);
/* Sets the IRQL back to NewIrql, which KeRaiseIrql returned. */
NTKERNELAPI VOID KeLowerIrql(_In_ KIRQL NewIrql);

/* Checked builds assert that pageable code runs at or below APC_LEVEL; the
 * model reports irql-too-high when it does not. */
void WdfModelPagedCode(const char *File, int Line);
#define PAGED_CODE() WdfModelPagedCode(__FILE__, __LINE__)
/* Code in a pageable section that is locked in memory: no check. */
#define PAGED_CODE_LOCKED() ((void)0)

/* ---- executive spin locks ---- */
typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;

/* An unowned lock is 0; the model marks an owned one 1, as the kernel sets
 * its low bit. */
FORCEINLINE VOID KeInitializeSpinLock(_Out_ PKSPIN_LOCK SpinLock) { *SpinLock = 0; }
/* Acquires SpinLock and raises to DISPATCH_LEVEL; returns the IRQL to give
 * KeReleaseSpinLock. <= DISPATCH_LEVEL. */
NTKERNELAPI KIRQL KeAcquireSpinLockRaiseToDpc(_Inout_ PKSPIN_LOCK SpinLock);
#define KeAcquireSpinLock(SpinLock, OldIrql) \
    (*(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock))
/* Releases SpinLock and lowers to NewIrql. At DISPATCH_LEVEL. */
NTKERNELAPI VOID KeReleaseSpinLock(_Inout_ PKSPIN_LOCK SpinLock, _In_ KIRQL NewIrql);
/* The same without an IRQL change, for a caller already at DISPATCH_LEVEL
 * or above. */
NTKERNELAPI VOID KeAcquireSpinLockAtDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID KeReleaseSpinLockFromDpcLevel(_Inout_ PKSPIN_LOCK SpinLock);

/* ---- waiting ---- */
typedef CCHAR KPROCESSOR_MODE;
typedef enum _MODE {
    KernelMode,
    UserMode,
    MaximumMode
} MODE;

/* Puts the thread to sleep for Interval (100 ns units, negative: relative).
 * <= APC_LEVEL. The model's time does not pass with it: it returns
 * STATUS_SUCCESS at once. */
NTKERNELAPI NTSTATUS KeDelayExecutionThread(_In_ KPROCESSOR_MODE WaitMode,
                                            _In_ BOOLEAN Alertable,
                                            _In_ PLARGE_INTEGER Interval);
/* Spins for MicroSeconds; any IRQL. Returns at once in the model. */
NTHALAPI VOID KeStallExecutionProcessor(_In_ ULONG MicroSeconds);

/* The kernel's event, as far as a driver may look into it: the dispatcher
 * header whose SignalState says whether it is signalled. The model plays
 * no KeWaitForSingleObject; NDIS's events (uf/ndis.h) are played over
 * this state. */
typedef struct _DISPATCHER_HEADER {
    UCHAR Type;        /* NotificationEvent or SynchronizationEvent */
    UCHAR Signalling;
    UCHAR Size;
    UCHAR Reserved1;
    LONG SignalState;  /* nonzero: signalled */
    LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;
typedef enum _EVENT_TYPE {
    NotificationEvent,
    SynchronizationEvent
} EVENT_TYPE;
typedef struct _KEVENT {
    DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;
/* The kernel's mutex, declared for drivers that embed one in their
 * structures (its routines are not declared: the model plays none). */
typedef struct _KMUTANT {
    DISPATCHER_HEADER Header;
    LIST_ENTRY MutantListEntry;
    struct _KTHREAD *OwnerThread;
    BOOLEAN Abandoned;
    UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

/* ---- interlocked operations: sequentially consistent, as on x64 ---- */
#define UF_ATOMIC_ __ATOMIC_SEQ_CST

/* Each returns the new value. */
FORCEINLINE LONG InterlockedIncrement(_Inout_ LONG volatile *Addend)
{
    return __atomic_add_fetch(Addend, 1, UF_ATOMIC_);
}
FORCEINLINE LONG InterlockedDecrement(_Inout_ LONG volatile *Addend)
{
    return __atomic_sub_fetch(Addend, 1, UF_ATOMIC_);
}
FORCEINLINE LONG InterlockedAdd(_Inout_ LONG volatile *Addend, _In_ LONG Value)
{
    return __atomic_add_fetch(Addend, Value, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedIncrement64(_Inout_ LONG64 volatile *Addend)
{
    return __atomic_add_fetch(Addend, 1, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedDecrement64(_Inout_ LONG64 volatile *Addend)
{
    return __atomic_sub_fetch(Addend, 1, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedAdd64(_Inout_ LONG64 volatile *Addend, _In_ LONG64 Value)
{
    return __atomic_add_fetch(Addend, Value, UF_ATOMIC_);
}

/* Each returns the value before. */
FORCEINLINE LONG InterlockedExchange(_Inout_ LONG volatile *Target, _In_ LONG Value)
{
    return __atomic_exchange_n(Target, Value, UF_ATOMIC_);
}
FORCEINLINE LONG InterlockedExchangeAdd(_Inout_ LONG volatile *Addend, _In_ LONG Value)
{
    return __atomic_fetch_add(Addend, Value, UF_ATOMIC_);
}
FORCEINLINE LONG InterlockedOr(_Inout_ LONG volatile *Destination, _In_ LONG Value)
{
    return __atomic_fetch_or(Destination, Value, UF_ATOMIC_);
}
FORCEINLINE LONG InterlockedAnd(_Inout_ LONG volatile *Destination, _In_ LONG Value)
{
    return __atomic_fetch_and(Destination, Value, UF_ATOMIC_);
}
FORCEINLINE LONG InterlockedXor(_Inout_ LONG volatile *Destination, _In_ LONG Value)
{
    return __atomic_fetch_xor(Destination, Value, UF_ATOMIC_);
}
/* Stores Exchange when *Destination is Comparand. */
FORCEINLINE LONG InterlockedCompareExchange(_Inout_ LONG volatile *Destination,
                                            _In_ LONG Exchange, _In_ LONG Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, UF_ATOMIC_, UF_ATOMIC_);
    return Comparand;
}
FORCEINLINE LONG64 InterlockedExchange64(_Inout_ LONG64 volatile *Target, _In_ LONG64 Value)
{
    return __atomic_exchange_n(Target, Value, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedExchangeAdd64(_Inout_ LONG64 volatile *Addend, _In_ LONG64 Value)
{
    return __atomic_fetch_add(Addend, Value, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedOr64(_Inout_ LONG64 volatile *Destination, _In_ LONG64 Value)
{
    return __atomic_fetch_or(Destination, Value, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedAnd64(_Inout_ LONG64 volatile *Destination, _In_ LONG64 Value)
{
    return __atomic_fetch_and(Destination, Value, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedXor64(_Inout_ LONG64 volatile *Destination, _In_ LONG64 Value)
{
    return __atomic_fetch_xor(Destination, Value, UF_ATOMIC_);
}
FORCEINLINE LONG64 InterlockedCompareExchange64(_Inout_ LONG64 volatile *Destination,
                                                _In_ LONG64 Exchange, _In_ LONG64 Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, UF_ATOMIC_, UF_ATOMIC_);
    return Comparand;
}
FORCEINLINE PVOID InterlockedExchangePointer(_Inout_ PVOID volatile *Target, _In_opt_ PVOID Value)
{
    return __atomic_exchange_n(Target, Value, UF_ATOMIC_);
}
FORCEINLINE PVOID InterlockedCompareExchangePointer(_Inout_ PVOID volatile *Destination,
                                                    _In_opt_ PVOID Exchange,
                                                    _In_opt_ PVOID Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, UF_ATOMIC_, UF_ATOMIC_);
    return Comparand;
}
#define KeMemoryBarrier()             __atomic_thread_fence(UF_ATOMIC_)
#define KeMemoryBarrierWithoutFence() __atomic_signal_fence(UF_ATOMIC_)
#define MemoryBarrier()               __atomic_thread_fence(UF_ATOMIC_)
#define YieldProcessor()              ((void)0)

/* ---- the DPC object ---- */
/* As far as a driver may look into it: the model never queues it,
 * WdfDpcEnqueue does (model_dpc_run() runs it). */
typedef struct _KDPC {
    UCHAR Type;
    UCHAR Importance;
    USHORT Number;
    PVOID DeferredRoutine;
    PVOID DeferredContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    PVOID DpcData;
} KDPC, *PKDPC, *PRKDPC;

EXTERN_C_END

/* ---- call sites: the driver line of each routine's call ---- */
#ifndef WDFMODEL_NO_CALL_SITES
#define KfRaiseIrql(i)                      WDFMODEL_AT_(KfRaiseIrql(i))
#define KeRaiseIrqlToDpcLevel()             WDFMODEL_AT_(KeRaiseIrqlToDpcLevel())
#define KeLowerIrql(i)                      WDFMODEL_AT_(KeLowerIrql(i))
#define KeAcquireSpinLockRaiseToDpc(l)      WDFMODEL_AT_(KeAcquireSpinLockRaiseToDpc(l))
#define KeReleaseSpinLock(l, i)             WDFMODEL_AT_(KeReleaseSpinLock(l, i))
#define KeAcquireSpinLockAtDpcLevel(l)      WDFMODEL_AT_(KeAcquireSpinLockAtDpcLevel(l))
#define KeReleaseSpinLockFromDpcLevel(l)    WDFMODEL_AT_(KeReleaseSpinLockFromDpcLevel(l))
#define KeDelayExecutionThread(m, a, i)     WDFMODEL_AT_(KeDelayExecutionThread(m, a, i))
#define KeStallExecutionProcessor(u)        WDFMODEL_AT_(KeStallExecutionProcessor(u))
#endif

#endif /* UNLOADFUZZ_UF_KE_H */
