/*
 * alloc.h - the model's one allocator, with the fault hook.
 *
 * Every allocation the real framework would make on a driver's behalf goes
 * through uf__alloc_try(site): the fault plan decides whether it fails, so a fault
 * plan can name any of them by count or by site (sites.def). Memory that
 * driver code can hold a raw pointer to (context areas, WDFMEMORY buffers)
 * comes from uf__alloc_block(): a per-execution arena whose blocks are poisoned
 * when freed (under ASan) and never reused before the next reset, so a
 * driver's use of such a pointer after its object is gone is caught.
 */
#ifndef UNLOADFUZZ_ALLOC_H
#define UNLOADFUZZ_ALLOC_H

#include <stddef.h>
#include "model.h"

/* The largest single block the model's pool hands out (model.h). */
#define ALLOC_MAX_BLOCK MODEL_MAX_BLOCK

/* Counts one allocation at `site` and asks the fault plan. Returns 1 when the
 * allocation may succeed, 0 when it must fail (a fault was injected). */
int uf__alloc_try(enum model_site site);
/* The FxVerifierLock the verifier gives every non-paged object and callback
 * lock (FxNonPagedObject's constructor, FxCallbackLock::Initialize): an
 * allocation that counts, and whose failure the framework ignores [C19]. */
void uf__alloc_verifier_lock(void);

/* A zeroed block of `size` bytes from the execution's arena, 16-byte aligned,
 * with poisoned red zones around it. Never NULL (the arena grows; a host out
 * of memory aborts). Valid until uf__alloc_block_free() or the next reset. */
void *uf__alloc_block(size_t size);
/* Fills the block with a pattern and poisons it. It is not reused before
 * the next reset. `size` is the size it was allocated with. */
void uf__alloc_block_free(void *p, size_t size);

/* Back to an empty arena and a disarmed plan; keeps the arena's memory
 * unless an execution grew it past a bound, then gives it back. */
void uf__alloc_reset(void);

#endif /* UNLOADFUZZ_ALLOC_H */
