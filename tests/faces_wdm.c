/*
 * faces_wdm.c - a driver source that starts from <wdm.h> (a WDM driver's
 * order) and declares, not defines, the GUID test_faces.c defines: the
 * faces and DEFINE_GUID without initguid.h.
 */
#include <wdm.h>
#include <ntstrsafe.h>
#include <wdf.h>

#include "faces.h"

DEFINE_GUID(GUID_UF_FACES_TEST, 0x12345678, 0x9abc, 0xdef0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
            0xcd, 0xef);

DECLARE_CONST_UNICODE_STRING(faces_const, L"Uf");

const void *faces_wdm_guid(void) { return &GUID_UF_FACES_TEST; }
size_t faces_wdm_wchar_size(void) { return sizeof(WCHAR); }
size_t faces_wdm_literal_size(void) { return sizeof(L"ab"); }
unsigned faces_wdm_const_length(void) { return faces_const.Length; }
unsigned faces_wdm_const_maximum(void) { return faces_const.MaximumLength; }
