/*
 * globals.h - the driver's own writable data, restored before every run.
 *
 * On Windows every load of a driver starts from a fresh image: its globals
 * hold what the image file says. One fuzzing process runs hundreds of
 * thousands of programs against one image, so the harness does what the
 * loader does: it keeps a copy of the driver's writable data as it is when
 * the process starts (after relocation; a C++ driver's constructors of
 * globals are not run, as the kernel runs none: harness/run/cxx.h) and
 * puts it back before each run. The build gathers exactly that data into
 * two sections (cmake/uf_link_driver.cmake); a driver needs no reset hook.
 */
#ifndef UNLOADFUZZ_GLOBALS_H
#define UNLOADFUZZ_GLOBALS_H

#include <stddef.h>

/* Puts the driver's writable data back as it was before the first run
 * (the first call takes the copy). Does nothing when restore is off
 * (uf_globals_set_restore(0)). */
void uf_globals_restore(void);
/* Turns the restore on (the default) or off: off, each run starts from
 * whatever the last one left, as it did with no reset hook. */
void uf_globals_set_restore(int on);
/* The bytes of writable data the build gathered for this driver: what the
 * restore copies (0 for a target linked without the gathering step). */
size_t uf_globals_size(void);

#endif /* UNLOADFUZZ_GLOBALS_H */
