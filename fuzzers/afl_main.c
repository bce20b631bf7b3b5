/*
 * afl_main.c - the AFL++ driver for any fuzz target: persistent mode with
 * the input in shared memory (no file, no fork per execution), built with
 * afl-clang-fast or afl-clang-lto. Outside afl-fuzz it reads stdin once.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

int main(void)
{
#ifdef __AFL_FUZZ_TESTCASE_LEN
    unsigned char *buf;

    __AFL_INIT();
    buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(100000))
        LLVMFuzzerTestOneInput(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
#else
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), stdin);

    LLVMFuzzerTestOneInput(buf, n);
#endif
    return 0;
}
