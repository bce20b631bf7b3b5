/*
 * uf/unmodelled_km.h - the kernel's routines drivers call that the model
 * does not implement (unmodelled_km.def): declared with their real names
 * and macro forms so code compiles unchanged; each call fails and raises
 * ddi-not-modelled, naming the driver's line.
 */
#ifndef UNLOADFUZZ_UF_UNMODELLED_KM_H
#define UNLOADFUZZ_UF_UNMODELLED_KM_H

#include "uf/base.h"
#include "uf/callsite.h"
#include "uf/io.h"
#include "uf/registry.h"

EXTERN_C_START

#define UNMODELLED(ret, name, params, fail) ret name params;
#define UNMODELLED_VOID(name, params) VOID name params;
#include "unmodelled_km.def"
#undef UNMODELLED
#undef UNMODELLED_VOID

/* The real headers' macro forms. */
#define IoCallDriver(d, i)      IofCallDriver(d, i)
#define ObReferenceObject(o)    ObfReferenceObject(o)
#define ObDereferenceObject(o)  ObfDereferenceObject(o)

#ifndef WDFMODEL_NO_CALL_SITES
#define IoGetLowerDeviceObject(...)       WDFMODEL_AT_(IoGetLowerDeviceObject(__VA_ARGS__))
#define IoGetAttachedDeviceReference(...) WDFMODEL_AT_(IoGetAttachedDeviceReference(__VA_ARGS__))
#define IofCallDriver(...)                WDFMODEL_AT_(IofCallDriver(__VA_ARGS__))
#define ObfReferenceObject(...)           WDFMODEL_AT_(ObfReferenceObject(__VA_ARGS__))
#define ObfDereferenceObject(...)         WDFMODEL_AT_(ObfDereferenceObject(__VA_ARGS__))
#define MmGetSystemRoutineAddress(...)    WDFMODEL_AT_(MmGetSystemRoutineAddress(__VA_ARGS__))
#define MmMapLockedPagesSpecifyCache(...) WDFMODEL_AT_(MmMapLockedPagesSpecifyCache(__VA_ARGS__))
#define IoOpenDeviceInterfaceRegistryKey(...) WDFMODEL_AT_(IoOpenDeviceInterfaceRegistryKey(__VA_ARGS__))
#define ZwOpenKey(...)                    WDFMODEL_AT_(ZwOpenKey(__VA_ARGS__))
#define ZwCreateKey(...)                  WDFMODEL_AT_(ZwCreateKey(__VA_ARGS__))
#define ZwEnumerateKey(...)               WDFMODEL_AT_(ZwEnumerateKey(__VA_ARGS__))
#define ZwEnumerateValueKey(...)          WDFMODEL_AT_(ZwEnumerateValueKey(__VA_ARGS__))
#define ZwSetValueKey(...)                WDFMODEL_AT_(ZwSetValueKey(__VA_ARGS__))
#define DbgBreakPoint()                   WDFMODEL_AT_(DbgBreakPoint())
#endif

EXTERN_C_END

#endif /* UNLOADFUZZ_UF_UNMODELLED_KM_H */
