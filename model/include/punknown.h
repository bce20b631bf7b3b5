/*
 * punknown.h - the face drivers include under Microsoft's name: IUnknown as PortCls declares it (QueryInterface returns an NTSTATUS), and PUT_GUIDS_HERE.
 * What it gives is in the shared base, uf/com.h.
 */
#include "uf/com.h"
