/*
 * uf/wdm.h - the WDM layer: everything of the kernel a driver sees, the
 * base every kernel header name shares (wdm.h, ntddk.h, ntifs.h).
 *
 * The kernel's side is split by concern, one file each: the IRQL, spin
 * locks, waits and interlocked operations (uf/ke.h), the pool
 * (uf/pool.h), the run-time library's lists and strings (uf/rtl.h), debug
 * output and assertions (uf/debug.h), the I/O manager's objects and IRPs
 * (uf/io.h), and the registry (uf/registry.h). Real drivers include
 * ntddk.h or wdm.h and get them all; so do they here.
 */
#ifndef UNLOADFUZZ_UF_WDM_H
#define UNLOADFUZZ_UF_WDM_H

#include "uf/base.h"
#include "uf/ke.h"
#include "uf/pool.h"
#include "uf/rtl.h"
#include "uf/debug.h"
#include "uf/io.h"
#include "uf/registry.h"
#include "uf/unmodelled_km.h"

#endif /* UNLOADFUZZ_UF_WDM_H */
