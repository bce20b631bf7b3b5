/*
 * empty_target.c - the throughput benchmark's baseline: a fuzz target that
 * does nothing. Built with the same compiler, flags and libFuzzer as the
 * `api` target and run on the same seeds for the same number of
 * executions, it measures what the engine itself costs per execution
 * (mutation, coverage bookkeeping, corpus management), so that api's
 * execs/s divided by this one's is a ratio both runs share the machine's
 * noise for.
 */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Takes the input and does nothing with it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}
