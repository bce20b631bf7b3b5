/*
 * uf/evntrace.h - the trace levels of event tracing (evntrace.h).
 *
 * WPP and ETW tracing in a driver names its levels with these; the values
 * are the real ones, so a level compared or stored means the same. The
 * model records no trace of its own from them.
 */
#ifndef UNLOADFUZZ_UF_EVNTRACE_H
#define UNLOADFUZZ_UF_EVNTRACE_H

#include "uf/base.h"

#define TRACE_LEVEL_NONE        0
#define TRACE_LEVEL_CRITICAL    1
#define TRACE_LEVEL_FATAL       1
#define TRACE_LEVEL_ERROR       2
#define TRACE_LEVEL_WARNING     3
#define TRACE_LEVEL_INFORMATION 4
#define TRACE_LEVEL_VERBOSE     5
#define TRACE_LEVEL_RESERVED6   6
#define TRACE_LEVEL_RESERVED7   7
#define TRACE_LEVEL_RESERVED8   8
#define TRACE_LEVEL_RESERVED9   9

#endif /* UNLOADFUZZ_UF_EVNTRACE_H */
