/*
 * faces.h - what the translation units that start from other faces
 * (faces_wdm.c from <wdm.h>, faces_ntifs.c from <ntifs.h>) hand to
 * test_faces.c: what they see of the same headers.
 */
#ifndef UNLOADFUZZ_FACES_H
#define UNLOADFUZZ_FACES_H

#include <stddef.h>

/* The test GUID as faces_wdm.c sees it: declared there, defined in
 * test_faces.c (after initguid.h). */
const void *faces_wdm_guid(void);
/* sizeof(WCHAR) and sizeof(L"ab") in faces_wdm.c. */
size_t faces_wdm_wchar_size(void);
size_t faces_wdm_literal_size(void);
/* A constant UNICODE_STRING declared at file scope in faces_wdm.c
 * (DECLARE_CONST_UNICODE_STRING over L"Uf"): its Length and MaximumLength. */
unsigned faces_wdm_const_length(void);
unsigned faces_wdm_const_maximum(void);
/* RTL_CONSTANT_STRING(L"abc").Length, and sizeof(LONG) and sizeof(ULONG_PTR),
 * in faces_ntifs.c. */
unsigned faces_ntifs_constant_length(void);
size_t faces_ntifs_long_size(void);
size_t faces_ntifs_ulong_ptr_size(void);

#endif
