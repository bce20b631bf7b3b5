/*
 * header_ctx.h - a context type declared in a header and used from two
 * translation units, as drivers do (test_header.c, test_header_tu2.c).
 */
#ifndef UNLOADFUZZ_HEADER_CTX_H
#define UNLOADFUZZ_HEADER_CTX_H

#include "wdf.h"

typedef struct _SHARED_CONTEXT {
    ULONG Value;
} SHARED_CONTEXT, *PSHARED_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SHARED_CONTEXT, SharedGetContext)

/* Defined in test_header_tu2.c. */
PCWDF_OBJECT_CONTEXT_TYPE_INFO tu2_type_info(void);
PSHARED_CONTEXT tu2_get_context(WDFOBJECT Object);

#endif
