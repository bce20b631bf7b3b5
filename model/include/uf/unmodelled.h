/*
 * uf/unmodelled.h - the routines drivers call that the model does not
 * implement (model/unmodelled.def): declared with their real names and
 * parameters so code compiles unchanged; each call fails and raises
 * ddi-not-modelled, naming the driver's line.
 */
#ifndef UNLOADFUZZ_UF_UNMODELLED_H
#define UNLOADFUZZ_UF_UNMODELLED_H

#ifdef __cplusplus
extern "C" {
#endif

#define UNMODELLED(ret, name, params, fail) ret name params;
#define UNMODELLED_VOID(name, params) VOID name params;
#include "unmodelled.def"
#undef UNMODELLED
#undef UNMODELLED_VOID

#ifndef WDFMODEL_NO_CALL_SITES
#define WdfWdmDeviceGetWdfDeviceHandle(...) WDFMODEL_AT_(WdfWdmDeviceGetWdfDeviceHandle(__VA_ARGS__))
#define WdfDriverGetRegistryPath(...) WDFMODEL_AT_(WdfDriverGetRegistryPath(__VA_ARGS__))
#define WdfDriverRetrieveVersionString(...) WDFMODEL_AT_(WdfDriverRetrieveVersionString(__VA_ARGS__))
#define WdfDeviceOpenRegistryKey(...) WDFMODEL_AT_(WdfDeviceOpenRegistryKey(__VA_ARGS__))
#define WdfDeviceCreateDeviceInterface(...) WDFMODEL_AT_(WdfDeviceCreateDeviceInterface(__VA_ARGS__))
#define WdfDeviceCreateSymbolicLink(...) WDFMODEL_AT_(WdfDeviceCreateSymbolicLink(__VA_ARGS__))
#define WdfDeviceAssignMofResourceName(...) WDFMODEL_AT_(WdfDeviceAssignMofResourceName(__VA_ARGS__))
#define WdfDeviceGetAlignmentRequirement(...) WDFMODEL_AT_(WdfDeviceGetAlignmentRequirement(__VA_ARGS__))
#define WdfObjectQuery(...) WDFMODEL_AT_(WdfObjectQuery(__VA_ARGS__))
#define WdfMemoryCopyToBuffer(...) WDFMODEL_AT_(WdfMemoryCopyToBuffer(__VA_ARGS__))
#define WdfMemoryCopyFromBuffer(...) WDFMODEL_AT_(WdfMemoryCopyFromBuffer(__VA_ARGS__))
#define WdfRegistryQueryString(...) WDFMODEL_AT_(WdfRegistryQueryString(__VA_ARGS__))
#define WdfRegistryQueryMultiString(...) WDFMODEL_AT_(WdfRegistryQueryMultiString(__VA_ARGS__))
#define WdfRegistryQueryMemory(...) WDFMODEL_AT_(WdfRegistryQueryMemory(__VA_ARGS__))
#define WdfRegistryAssignValue(...) WDFMODEL_AT_(WdfRegistryAssignValue(__VA_ARGS__))
#define WdfRegistryAssignString(...) WDFMODEL_AT_(WdfRegistryAssignString(__VA_ARGS__))
#define WdfRegistryAssignUnicodeString(...) WDFMODEL_AT_(WdfRegistryAssignUnicodeString(__VA_ARGS__))
#define WdfRegistryAssignMultiString(...) WDFMODEL_AT_(WdfRegistryAssignMultiString(__VA_ARGS__))
#define WdfRegistryRemoveKey(...) WDFMODEL_AT_(WdfRegistryRemoveKey(__VA_ARGS__))
#define WdfRegistryRemoveValue(...) WDFMODEL_AT_(WdfRegistryRemoveValue(__VA_ARGS__))
#define WdfRegistryWdmGetHandle(...) WDFMODEL_AT_(WdfRegistryWdmGetHandle(__VA_ARGS__))
#define WdfRequestRetrieveInputBuffer(...) WDFMODEL_AT_(WdfRequestRetrieveInputBuffer(__VA_ARGS__))
#define WdfRequestRetrieveOutputBuffer(...) WDFMODEL_AT_(WdfRequestRetrieveOutputBuffer(__VA_ARGS__))
#define WdfIoTargetFormatRequestForRead(...) WDFMODEL_AT_(WdfIoTargetFormatRequestForRead(__VA_ARGS__))
#define WdfIoTargetFormatRequestForWrite(...) WDFMODEL_AT_(WdfIoTargetFormatRequestForWrite(__VA_ARGS__))
#define WdfIoTargetSendReadSynchronously(...) WDFMODEL_AT_(WdfIoTargetSendReadSynchronously(__VA_ARGS__))
#define WdfIoTargetSendWriteSynchronously(...) WDFMODEL_AT_(WdfIoTargetSendWriteSynchronously(__VA_ARGS__))
#define WdfDeviceSetAlignmentRequirement(...) WDFMODEL_AT_(WdfDeviceSetAlignmentRequirement(__VA_ARGS__))
#define WdfRequestComplete(...) WDFMODEL_AT_(WdfRequestComplete(__VA_ARGS__))
#define WdfRequestCompleteWithInformation(...) WDFMODEL_AT_(WdfRequestCompleteWithInformation(__VA_ARGS__))
#define WdfRequestSetInformation(...) WDFMODEL_AT_(WdfRequestSetInformation(__VA_ARGS__))
#endif

#ifdef __cplusplus
}
#endif

#endif /* UNLOADFUZZ_UF_UNMODELLED_H */
