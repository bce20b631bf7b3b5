/*
 * sections.c - a driver with a global in each kind of section a driver's
 * data can land in, for the test that the harness restores them byte for
 * byte (tests/test_globals.c): initialized and zero, static and extern, a
 * function's static, an initialized pointer (relocated at load), a
 * `#pragma data_seg` section (clang; gcc ignores the pragma and the
 * variable is in .data), and a section of the driver's own naming.
 */
#include "unloadfuzz_driver.h"

ULONG SecData = 0x11223344;                        /* .data */
ULONG SecBss;                                      /* .bss */
static UCHAR SecStaticBss[37];                     /* .bss, odd size */
static ULONG SecStaticData[3] = {1, 2, 3};         /* .data */
ULONG *SecPointer = &SecStaticData[1];             /* .data.rel (relocated) */
#pragma data_seg("NONPAGE")
ULONG SecPragma = 0xCAFE;                          /* NONPAGE */
#pragma data_seg()
__attribute__((section("DRVDATA"))) ULONG SecNamed = 0xBEEF; /* DRVDATA */

/* The addresses and sizes of every global, for the test to scribble on and
 * compare (a const table: not restored itself). */
struct sections_global {
    const char *name;
    void *addr;
    size_t size;
};

static ULONG *SecCounter(void)
{
    static ULONG calls = 7; /* a function's static */
    return &calls;
}

const struct sections_global SectionsGlobals[] = {
    {"SecData", &SecData, sizeof SecData},
    {"SecBss", &SecBss, sizeof SecBss},
    {"SecStaticBss", SecStaticBss, sizeof SecStaticBss},
    {"SecStaticData", SecStaticData, sizeof SecStaticData},
    {"SecPointer", &SecPointer, sizeof SecPointer},
    {"SecPragma", &SecPragma, sizeof SecPragma},
    {"SecNamed", &SecNamed, sizeof SecNamed},
    {NULL, NULL, 0},
};

ULONG *SectionsCounter(void)
{
    return SecCounter();
}

static NTSTATUS SectionsEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return STATUS_UNSUCCESSFUL;
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = SectionsEntry);
