/*
 * initguid.h - the face drivers include under Microsoft's name: from here
 * on, DEFINE_GUID defines its GUID rather than declaring it. Including the
 * GUID base again after INITGUID switches DEFINE_GUID (uf/guid.h).
 */
#define INITGUID
#include "uf/guid.h"
