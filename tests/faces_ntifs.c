/*
 * faces_ntifs.c - a driver source that starts from <ntifs.h> (a filter
 * driver's order), then the framework and its miniport header.
 */
#include <ntifs.h>
#include <wdf.h>
#include <wdfminiport.h>

#include "faces.h"

static const UNICODE_STRING constant = RTL_CONSTANT_STRING(L"abc");

unsigned faces_ntifs_constant_length(void) { return constant.Length; }
size_t faces_ntifs_long_size(void) { return sizeof(LONG); }
size_t faces_ntifs_ulong_ptr_size(void) { return sizeof(ULONG_PTR); }
