/*
 * uf/ksdebug.h - the debug-print macros of kernel-streaming drivers
 * (ksdebug.h): the DEBUGLVL_* levels, which are the trace levels of
 * uf/evntrace.h under other names, and _DbgPrintF.
 *
 * Audio drivers print through _DbgPrintF(level, (format, ...)), often
 * renamed (DPF). With DBG 0, the default (uf/debug.h), it evaluates
 * nothing, as in a free build. With DBG 1 it prints the driver's
 * STR_MODULENAME and the message through DbgPrint when level is at most
 * DEBUG_VARIABLE (DEBUG_LEVEL if the build defines it, else
 * DEBUGLVL_TERSE), and a message of level DEBUGLVL_ERROR then calls
 * DbgBreakPoint, which stops a checked build in the kernel debugger: here
 * it raises ddi-not-modelled (uf/unmodelled_km.h).
 */
#ifndef UNLOADFUZZ_UF_KSDEBUG_H
#define UNLOADFUZZ_UF_KSDEBUG_H

#include "uf/evntrace.h"
#include "uf/debug.h"
#include "uf/unmodelled_km.h"

#define DEBUGLVL_BLAB    TRACE_LEVEL_VERBOSE
#define DEBUGLVL_VERBOSE TRACE_LEVEL_VERBOSE
#define DEBUGLVL_TERSE   TRACE_LEVEL_INFORMATION
#define DEBUGLVL_ERROR   TRACE_LEVEL_ERROR
#define DEBUGLVL_WARNING TRACE_LEVEL_WARNING
#define DEBUGLVL_INFO    TRACE_LEVEL_INFORMATION

#if DBG
#ifndef DEBUG_VARIABLE
#ifdef DEBUG_LEVEL
#define DEBUG_VARIABLE DEBUG_LEVEL
#else
#define DEBUG_VARIABLE DEBUGLVL_TERSE
#endif
#endif
/* strings is DbgPrint's parenthesised argument list; _DbgPrintFEx's is
 * one format string. */
#define _DbgPrintF(lvl, strings)                                                       \
    do {                                                                               \
        if ((lvl) <= DEBUG_VARIABLE) {                                                 \
            DbgPrint(STR_MODULENAME);                                                  \
            DbgPrint strings;                                                          \
            DbgPrint("\n");                                                            \
            if ((lvl) == DEBUGLVL_ERROR)                                               \
                DbgBreakPoint();                                                       \
        }                                                                              \
    } while (0)
#define _DbgPrintFEx(component, lvl, strings)                                          \
    do {                                                                               \
        if ((lvl) <= DEBUG_VARIABLE) {                                                 \
            DbgPrintEx(component, lvl, STR_MODULENAME);                                \
            DbgPrintEx(component, lvl, strings);                                       \
            DbgPrintEx(component, lvl, "\n");                                          \
            if ((lvl) == DEBUGLVL_ERROR)                                               \
                DbgBreakPoint();                                                       \
        }                                                                              \
    } while (0)
#else
#define _DbgPrintF(lvl, strings)              ((void)0)
#define _DbgPrintFEx(component, lvl, strings) ((void)0)
#endif

#endif /* UNLOADFUZZ_UF_KSDEBUG_H */
