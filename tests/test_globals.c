/*
 * test_globals.c - the driver's writable data is restored byte for byte
 * before every run (harness/run/globals.c), whatever section it is in:
 * tests/drivers/sections/sections.c has a global in each kind. The test
 * scribbles over every one, restores, and compares with what the process
 * started with; with the restore turned off the scribbles stay, so the
 * comparison can fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "globals.h"
#include "unloadfuzz_driver.h"

struct sections_global {
    const char *name;
    void *addr;
    size_t size;
};
extern const struct sections_global SectionsGlobals[];
ULONG *SectionsCounter(void);

enum { MAX_GLOBALS = 16, MAX_BYTES = 64 };

/* Every global's bytes as the process started with them. */
static unsigned char at_start[MAX_GLOBALS][MAX_BYTES];

static void scribble(void)
{
    size_t i;

    for (i = 0; SectionsGlobals[i].name; i++)
        memset(SectionsGlobals[i].addr, 0xA5, SectionsGlobals[i].size);
    *SectionsCounter() = 99;
}

/* How many globals differ from their bytes at start. */
static int differing(void)
{
    size_t i;
    int n = 0;

    for (i = 0; SectionsGlobals[i].name; i++)
        if (memcmp(SectionsGlobals[i].addr, at_start[i], SectionsGlobals[i].size) != 0) {
            print_message("  %s differs\n", SectionsGlobals[i].name);
            n++;
        }
    return n + (*SectionsCounter() != 7);
}

static int setup(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; SectionsGlobals[i].name; i++) {
        assert_true(i < MAX_GLOBALS && SectionsGlobals[i].size <= MAX_BYTES);
        memcpy(at_start[i], SectionsGlobals[i].addr, SectionsGlobals[i].size);
    }
    uf_globals_set_restore(1);
    uf_globals_restore(); /* the first call takes the copy */
    return 0;
}

/* Every kind of section is gathered: the gathered bytes cover them all. */
static void test_every_section_is_gathered(void **state)
{
    size_t i, total = 0;

    (void)state;
    for (i = 0; SectionsGlobals[i].name; i++)
        total += SectionsGlobals[i].size;
    assert_true(uf_globals_size() >= total + sizeof(ULONG));
}

/* Scribbled over, then restored: every byte is back. */
static void test_restore_puts_every_byte_back(void **state)
{
    (void)state;
    scribble();
    assert_int_equal(differing(), 8); /* the seven and the function's static */
    uf_globals_restore();
    assert_int_equal(differing(), 0);
    assert_ptr_equal(*(ULONG **)SectionsGlobals[4].addr, (ULONG *)SectionsGlobals[3].addr + 1);
}

/* With the restore off (--keep-globals), a run starts from what the last
 * left: the comparison above would fail. */
static void test_without_restore_the_scribbles_stay(void **state)
{
    (void)state;
    uf_globals_set_restore(0);
    scribble();
    uf_globals_restore();
    assert_int_equal(differing(), 8);
    uf_globals_set_restore(1);
    uf_globals_restore();
    assert_int_equal(differing(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_section_is_gathered),
        cmocka_unit_test(test_restore_puts_every_byte_back),
        cmocka_unit_test(test_without_restore_the_scribbles_stay),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
