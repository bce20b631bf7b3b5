/*
 * cxx.c - what a C++ driver gets of a C++ runtime here (cxx.h): the
 * kernel's share of one, which is almost nothing.
 *
 * A kernel driver written in C++ defines its own operator new and delete
 * (the build makes them the driver's alone), has no exceptions, RTTI or
 * thread-safe statics, and runs neither the constructors of its globals
 * nor the destructors of its statics: the kernel's loader calls DriverEntry
 * and nothing before it. What is left is here: the slot of a pure virtual
 * function, reported as the bug check it is, the constructors the build
 * set aside, reported as the image loads, and a registration of static
 * destructors that registers nothing.
 *
 * A pure virtual call does not come back: compilers take __cxa_pure_virtual
 * as never returning (g++ places nothing after its call), and the kernel's
 * _purecall does not return either. The port ends the program's execution
 * there (uf_port_stop), as the bug check it reports ends the machine.
 *
 * The linker brackets the section uf_driver_ctors (a C identifier) with
 * __start_ and __stop_ symbols; the references are weak, as globals.c's
 * are: a target whose driver has no constructors has neither.
 */
#include "cxx.h"

#include <stdint.h>
#include <stdio.h>

#include "model.h"
#include "port_internal.h"

extern void (*const __start_uf_driver_ctors[])(void) __attribute__((weak));
extern void (*const __stop_uf_driver_ctors[])(void) __attribute__((weak));

size_t uf_cxx_constructors(void)
{
    uintptr_t start = (uintptr_t)__start_uf_driver_ctors, stop = (uintptr_t)__stop_uf_driver_ctors;

    if (start == 0 || stop <= start)
        return 0;
    return (size_t)(stop - start) / sizeof(void (*)(void));
}

void uf_cxx_image_load(void)
{
    char detail[160];
    size_t n = uf_cxx_constructors();

    if (n == 0)
        return;
    snprintf(detail, sizeof detail,
             "%zu global constructor%s of the driver's never ran, as the kernel runs none "
             "(the build's warning names them)", n, n == 1 ? "" : "s");
    model_port_violation(RULE_CXX_GLOBAL_CONSTRUCTOR, detail, 0);
}

int uf_cxx_atexit(void (*fn)(void *), void *arg, void *dso)
{
    (void)fn;
    (void)arg;
    (void)dso;
    return 0;
}

void __cxa_pure_virtual(void)
{
    model_port_violation(RULE_CXX_PURE_VIRTUAL_CALL,
                         "a pure virtual function was called: its vtable slot has no function", 0);
    uf_port_stop();
}
