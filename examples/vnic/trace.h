/*++

Module Name:

    trace.h

Abstract:

    WPP tracing for the virtual NIC: the provider's control GUID, its
    flags, and the trace functions the WPP preprocessor generates.

--*/

#pragma once

#define WPP_CONTROL_GUIDS                                              \
    WPP_DEFINE_CONTROL_GUID(                                           \
        VNicTraceGuid, (9d1e4a52,3c7b,4e61,a8f0,2b6d5c9e1f47),         \
        WPP_DEFINE_BIT(TRACE_DRIVER)                                   \
        WPP_DEFINE_BIT(TRACE_ADAPTER)                                  \
        WPP_DEFINE_BIT(TRACE_DATAPATH)                                 \
        WPP_DEFINE_BIT(TRACE_OID)                                      \
        )

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags)  WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_ ## flags).Level >= lvl)

//
// The trace function: the WPP preprocessor scans this block.
//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// end_wpp
//
