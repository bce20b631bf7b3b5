/*
 * uf/intsafe.h - overflow-checked integer arithmetic and conversions
 * (ntintsafe.h).
 *
 * Drivers size their buffers with these before allocating, and an
 * unchecked overflow there is a pool overrun later. Each routine stores
 * the result and returns STATUS_SUCCESS, or, when the result does not fit
 * its type, stores the type's error value (all bits set, -1 for LONG) and
 * returns STATUS_INTEGER_OVERFLOW, as the real ones do. They are inline, as
 * in the real header, over the compiler's checked arithmetic.
 */
#ifndef UNLOADFUZZ_UF_INTSAFE_H
#define UNLOADFUZZ_UF_INTSAFE_H

#include "uf/base.h"

#define USHORT_ERROR    ((USHORT)0xffff)
#define UINT_ERROR      ((UINT)0xffffffff)
#define ULONG_ERROR     ((ULONG)0xffffffff)
#define LONG_ERROR      ((LONG)-1)
#define ULONGLONG_ERROR ((ULONGLONG)0xffffffffffffffff)
#define SIZET_ERROR     ((SIZE_T)-1)

/* One routine: r = a op b through __builtin_op_overflow, e on overflow. */
#define UF_INTSAFE_OP_(name, type, op, e)                                     \
    FORCEINLINE NTSTATUS name(_In_ type a, _In_ type b, _Out_ type *r)         \
    {                                                                          \
        if (__builtin_##op##_overflow(a, b, r)) {                              \
            *r = (e);                                                          \
            return STATUS_INTEGER_OVERFLOW;                                    \
        }                                                                      \
        return STATUS_SUCCESS;                                                 \
    }

UF_INTSAFE_OP_(RtlUIntAdd, UINT, add, UINT_ERROR)
UF_INTSAFE_OP_(RtlUIntMult, UINT, mul, UINT_ERROR)
UF_INTSAFE_OP_(RtlULongAdd, ULONG, add, ULONG_ERROR)
UF_INTSAFE_OP_(RtlULongSub, ULONG, sub, ULONG_ERROR)
UF_INTSAFE_OP_(RtlULongMult, ULONG, mul, ULONG_ERROR)
UF_INTSAFE_OP_(RtlLongAdd, LONG, add, LONG_ERROR)
UF_INTSAFE_OP_(RtlULongLongAdd, ULONGLONG, add, ULONGLONG_ERROR)
UF_INTSAFE_OP_(RtlULongLongMult, ULONGLONG, mul, ULONGLONG_ERROR)
UF_INTSAFE_OP_(RtlSizeTAdd, SIZE_T, add, SIZET_ERROR)
UF_INTSAFE_OP_(RtlSizeTSub, SIZE_T, sub, SIZET_ERROR)
UF_INTSAFE_OP_(RtlSizeTMult, SIZE_T, mul, SIZET_ERROR)

/* One conversion: a narrower result when the value fits, e otherwise. */
#define UF_INTSAFE_TO_(name, from, to, max, e)                                \
    FORCEINLINE NTSTATUS name(_In_ from v, _Out_ to *r)                        \
    {                                                                          \
        if (v > (max)) {                                                       \
            *r = (e);                                                          \
            return STATUS_INTEGER_OVERFLOW;                                    \
        }                                                                      \
        *r = (to)v;                                                            \
        return STATUS_SUCCESS;                                                 \
    }

UF_INTSAFE_TO_(RtlULongToUShort, ULONG, USHORT, MAXUSHORT, USHORT_ERROR)
UF_INTSAFE_TO_(RtlULongLongToULong, ULONGLONG, ULONG, MAXULONG, ULONG_ERROR)
UF_INTSAFE_TO_(RtlSizeTToULong, SIZE_T, ULONG, MAXULONG, ULONG_ERROR)

#endif /* UNLOADFUZZ_UF_INTSAFE_H */
