/*
 * globals.c - the driver's writable data, restored before every run
 * (globals.h).
 *
 * The linker brackets each section whose name is a C identifier with
 * __start_<name> and __stop_<name>; uf_link_driver.cmake named the
 * driver's data uf_driver_data and uf_driver_bss. The references are weak:
 * a binary without a driver (the api target, the tests) has neither.
 *
 * The copies are made byte by byte through volatile pointers, in functions
 * AddressSanitizer does not instrument: the sections include the redzones
 * it keeps poisoned between the driver's globals, and a memcpy would be
 * intercepted and checked (and report those redzones).
 */
#include "globals.h"

#include <stdio.h>
#include <stdlib.h>

extern unsigned char __start_uf_driver_data[] __attribute__((weak));
extern unsigned char __stop_uf_driver_data[] __attribute__((weak));
extern unsigned char __start_uf_driver_bss[] __attribute__((weak));
extern unsigned char __stop_uf_driver_bss[] __attribute__((weak));

#if defined(__clang__)
#define NO_ASAN __attribute__((no_sanitize("address")))
#else
#define NO_ASAN __attribute__((no_sanitize_address))
#endif

static struct {
    unsigned char *data, *bss; /* the copies, taken before the first run */
    int taken;
    int off;                   /* uf_globals_set_restore(0) */
} G;

static size_t span(const unsigned char *start, const unsigned char *stop)
{
    return start && stop > start ? (size_t)(stop - start) : 0;
}

NO_ASAN static void copy(volatile unsigned char *to, const volatile unsigned char *from, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        to[i] = from[i];
}

/* Takes the copies: the data as the process started with it. */
static void take(void)
{
    size_t nd = span(__start_uf_driver_data, __stop_uf_driver_data);
    size_t nb = span(__start_uf_driver_bss, __stop_uf_driver_bss);

    G.data = nd ? malloc(nd) : NULL;
    G.bss = nb ? malloc(nb) : NULL;
    if ((nd && !G.data) || (nb && !G.bss)) {
        fprintf(stderr, "unloadfuzz: out of memory for the driver's globals\n");
        exit(2);
    }
    copy(G.data, __start_uf_driver_data, nd);
    copy(G.bss, __start_uf_driver_bss, nb);
    G.taken = 1;
}

/* Gives the copies back at exit, so leak checkers see none. */
__attribute__((destructor)) static void release(void)
{
    free(G.data);
    free(G.bss);
}

void uf_globals_restore(void)
{
    if (!G.taken)
        take();
    if (G.off)
        return;
    copy(__start_uf_driver_data, G.data, span(__start_uf_driver_data, __stop_uf_driver_data));
    copy(__start_uf_driver_bss, G.bss, span(__start_uf_driver_bss, __stop_uf_driver_bss));
}

void uf_globals_set_restore(int on)
{
    G.off = !on;
}

size_t uf_globals_size(void)
{
    return span(__start_uf_driver_data, __stop_uf_driver_data) +
           span(__start_uf_driver_bss, __stop_uf_driver_bss);
}
