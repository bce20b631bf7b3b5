/*
 * test_header_tu2.c - the second translation unit of test_header: it sees
 * the same context type through header_ctx.h.
 */
#include "header_ctx.h"

PCWDF_OBJECT_CONTEXT_TYPE_INFO tu2_type_info(void)
{
    return WDF_GET_CONTEXT_TYPE_INFO(SHARED_CONTEXT);
}

PSHARED_CONTEXT tu2_get_context(WDFOBJECT Object)
{
    return SharedGetContext(Object);
}
