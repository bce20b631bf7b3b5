/*
 * uf/debug.h - debug output and assertions (wdm.h): DbgPrint, KdPrint,
 * ASSERT and its relatives, and DBG.
 *
 * What these evaluate is part of the driver's behaviour, so the free-build
 * forms are the real ones: with DBG 0 (the default) KdPrint((...)),
 * KdPrintEx((...)), ASSERT(e), ASSERTMSG and NT_ASSERT(e) evaluate none of
 * their arguments (each is ((void)0), where the real KdPrint is empty: the
 * same, and an `if` around it stays a statement for -Wempty-body), nor do
 * the RTL_SOFT_ASSERTs, and NT_VERIFY(e) and RTL_VERIFY(e) evaluate e and
 * yield whether it held. A driver built with DBG 1 gets the checked forms:
 * KdPrint calls DbgPrint, and a failed assertion calls RtlAssert, which
 * prints the assertion and aborts, as a checked build stops in the kernel
 * debugger. DbgPrint and DbgPrintEx print nothing (the port's console is
 * the trace) and return STATUS_SUCCESS. None of these is a DDI: they record
 * no event.
 */
#ifndef UNLOADFUZZ_UF_DEBUG_H
#define UNLOADFUZZ_UF_DEBUG_H

#include "uf/base.h"

#ifndef DBG
#define DBG 0
#endif

EXTERN_C_START

/* Component ids and levels of DbgPrintEx (dpfilter.h). */
#define DPFLTR_IHVVIDEO_ID     78
#define DPFLTR_IHVAUDIO_ID     79
#define DPFLTR_IHVNETWORK_ID   80
#define DPFLTR_IHVSTREAMING_ID 81
#define DPFLTR_IHVBUS_ID       82
#define DPFLTR_IHVDRIVER_ID    77
#define DPFLTR_ERROR_LEVEL     0
#define DPFLTR_WARNING_LEVEL   1
#define DPFLTR_TRACE_LEVEL     2
#define DPFLTR_INFO_LEVEL      3
#define DPFLTR_MASK            0x80000000

/* Print nothing; return STATUS_SUCCESS. Any IRQL. No format checking: the
 * kernel's formats (%wZ, %ws, %I64x) are not the C library's. */
NTSYSAPI ULONG __cdecl DbgPrint(_In_z_ _Printf_format_string_ PCSTR Format, ...);
NTSYSAPI ULONG __cdecl DbgPrintEx(_In_ ULONG ComponentId, _In_ ULONG Level,
                                  _In_z_ _Printf_format_string_ PCSTR Format, ...);

/* A failed assertion of a checked build: prints it and aborts. */
NTSYSAPI VOID NTAPI RtlAssert(_In_ PVOID VoidFailedAssertion, _In_ PVOID VoidFileName,
                              _In_ ULONG LineNumber, _In_opt_ PSTR MutableMessage);

EXTERN_C_END

#if DBG
#define KdPrint(x)   DbgPrint x
#define KdPrintEx(x) DbgPrintEx x
#define UF_ASSERT_(e, m)                                                            \
    ((e) ? TRUE                                                                     \
         : (RtlAssert((PVOID)#e, (PVOID)__FILE__, __LINE__, (PSTR)(m)), FALSE))
#define ASSERT(e)           ((void)UF_ASSERT_(e, NULL))
#define ASSERTMSG(m, e)     ((void)UF_ASSERT_(e, m))
#define NT_ASSERT(e)        ((void)UF_ASSERT_(e, NULL))
#define NT_ASSERTMSG(m, e)  ((void)UF_ASSERT_(e, m))
#define NT_ASSERTMSGW(m, e) ((void)UF_ASSERT_(e, NULL))
#define NT_VERIFY(e)        UF_ASSERT_(e, NULL)
#define NT_VERIFYMSG(m, e)  UF_ASSERT_(e, m)
#define NT_VERIFYMSGW(m, e) UF_ASSERT_(e, NULL)
#define RTL_VERIFY(e)       UF_ASSERT_(e, NULL)
#define RTL_VERIFYMSG(m, e) UF_ASSERT_(e, m)
/* A soft assertion prints and goes on. */
#define RTL_SOFT_ASSERT(e) \
    ((e) ? TRUE : (DbgPrint("Soft assertion failed: %s, %s:%d\n", #e, __FILE__, __LINE__), FALSE))
#define RTL_SOFT_ASSERTMSG(m, e) RTL_SOFT_ASSERT(e)
#else
#define KdPrint(x)          ((void)0)
#define KdPrintEx(x)        ((void)0)
#define ASSERT(e)           ((void)0)
#define ASSERTMSG(m, e)     ((void)0)
#define NT_ASSERT(e)        ((void)0)
#define NT_ASSERTMSG(m, e)  ((void)0)
#define NT_ASSERTMSGW(m, e) ((void)0)
#define NT_VERIFY(e)        ((e) ? TRUE : FALSE)
#define NT_VERIFYMSG(m, e)  ((e) ? TRUE : FALSE)
#define NT_VERIFYMSGW(m, e) ((e) ? TRUE : FALSE)
#define RTL_VERIFY(e)       ((e) ? TRUE : FALSE)
#define RTL_VERIFYMSG(m, e) ((e) ? TRUE : FALSE)
#define RTL_SOFT_ASSERT(e)       ((void)0)
#define RTL_SOFT_ASSERTMSG(m, e) ((void)0)
#endif
#define NT_ANALYSIS_ASSUME(e) ((void)0)

#endif /* UNLOADFUZZ_UF_DEBUG_H */
