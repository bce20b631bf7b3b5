/*
 * uf/callsite.h - how a DDI call records the driver's file and line.
 *
 * Each base ends with a block that wraps every DDI it declares in
 * WDFMODEL_AT_(), so a violation names the driver source line that made
 * the call. The model's own modules define WDFMODEL_NO_CALL_SITES before
 * their includes: their calls are not the driver's.
 */
#ifndef UNLOADFUZZ_UF_CALLSITE_H
#define UNLOADFUZZ_UF_CALLSITE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Records File and Line for the next DDI the caller enters. */
void WdfModelCallSite(const char *File, int Line);

#ifdef __cplusplus
}
#endif

#ifndef WDFMODEL_NO_CALL_SITES
#define WDFMODEL_AT_(call) (WdfModelCallSite(__FILE__, __LINE__), call)
#endif

#endif /* UNLOADFUZZ_UF_CALLSITE_H */
