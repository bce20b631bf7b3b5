/*
 * uf/wpp.h - what WPP's generated trace message headers give a kernel-mode
 * driver, as the model implements it: WPP_INIT_TRACING registers the
 * driver's trace provider with ETW and WPP_CLEANUP unregisters it
 * (model/wpp.c tracks the pair: wpp-not-cleaned-up). Included by every
 * <source>.tmh the build generates (cmake/uf_wpp.cmake); the trace
 * functions themselves are defined there, each evaluating none of its
 * arguments.
 */
#ifndef UNLOADFUZZ_UF_WPP_H
#define UNLOADFUZZ_UF_WPP_H

#include "wdf.h"
/* The trace levels a driver's trace calls name (TRACE_LEVEL_*), which the
 * generated header brings. */
#include "evntrace.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The routines the real generated header defines in the .tmh of the source
 * that calls WPP_INIT_TRACING. */
VOID WppInitKm(_In_ PVOID DriverObject, _In_opt_ PCUNICODE_STRING RegistryPath);
VOID WppCleanupKm(_In_opt_ PVOID DriverObject);

#define WPP_INIT_TRACING(DriverObject, RegistryPath) \
    WDFMODEL_AT_(WppInitKm((PVOID)(DriverObject), (PCUNICODE_STRING)(RegistryPath)))
#define WPP_CLEANUP(DriverObject) WDFMODEL_AT_(WppCleanupKm((PVOID)(DriverObject)))

/* What each trace function of the configuration becomes: its arguments
 * named in an operand of sizeof, which evaluates nothing, as a trace call
 * with no session listening evaluates nothing; named, so a variable the
 * driver only traces is still used. WppDiscardArgs is declared, never
 * defined: nothing calls it. */
int WppDiscardArgs(int Unused, ...);
#define WPP_DISCARD_ARGS(...) ((void)sizeof(WppDiscardArgs(0, __VA_ARGS__)))

/* The configuration macros a driver's trace header defines or uses, for
 * code that names them outside a trace call. */
#ifndef WPP_DEFINE_CONTROL_GUID
#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits)
#endif
#ifndef WPP_DEFINE_BIT
#define WPP_DEFINE_BIT(Name)
#endif

#ifdef __cplusplus
}
#endif

#endif /* UNLOADFUZZ_UF_WPP_H */
