/*
 * cxx.h - the little a C++ driver gets of a C++ runtime, which is what the
 * kernel gives it: a pure virtual call reported, constructors of globals
 * reported and not run, static destructors never registered.
 *
 * The build (cmake/uf_link_driver.cmake) moved the driver's dynamic
 * initializers to the section uf_driver_ctors and renamed its
 * __cxa_atexit to uf_cxx_atexit; __cxa_pure_virtual, the vtable slot of a
 * pure virtual function, is defined here under its ABI name. Nothing here
 * runs for a driver written in C.
 */
#ifndef UNLOADFUZZ_CXX_H
#define UNLOADFUZZ_CXX_H

#include <stddef.h>

/* The driver's dynamic initializers the build set aside: how many there
 * are (0 for a driver with none, and for a target with no driver). */
size_t uf_cxx_constructors(void);
/* The image is loading: reports cxx-global-constructor when the driver
 * has constructors the kernel would not run (uf_cxx_constructors()). */
void uf_cxx_image_load(void);
/* The driver's __cxa_atexit: registers nothing (the kernel runs no static
 * destructor) and returns 0, success. */
int uf_cxx_atexit(void (*fn)(void *), void *arg, void *dso);
/* The vtable slot of a pure virtual function (Itanium C++ ABI 3.2.6):
 * reports cxx-pure-virtual-call, a bug check that halts the machine, and
 * ends the program's execution there (uf_port_stop): never returns. */
void __cxa_pure_virtual(void) __attribute__((__noreturn__));

#endif /* UNLOADFUZZ_CXX_H */
