/*
 * replay_timer.c - times a fuzz target over a fixed set of inputs: reads
 * them all once, runs each through LLVMFuzzerTestOneInput once to warm up,
 * then ROUNDS times more on the clock, and prints the executions per
 * second. bench/checker.sh links it with a driver target built with and
 * without the checker, so both run exactly the same inputs (an engine's
 * own course would differ between two builds). No engine, no file I/O
 * while timing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Seconds on a monotonic clock. */
static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    char **data;
    size_t *size;
    long rounds, r;
    int i, n = argc - 2;
    double start, secs;

    if (argc < 3 || (rounds = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s ROUNDS FILE...\n", argv[0]);
        return 2;
    }
    data = calloc((size_t)n, sizeof *data);
    size = calloc((size_t)n, sizeof *size);
    if (data == NULL || size == NULL)
        return 2;
    for (i = 0; i < n; i++)
        if (file_read(argv[i + 2], 1u << 20, &data[i], &size[i]) < 0) {
            fprintf(stderr, "%s: %s: %s\n", argv[0], argv[i + 2], strerror(errno));
            return 2;
        }
    LLVMFuzzerInitialize(&argc, &argv);
    for (i = 0; i < n; i++)
        LLVMFuzzerTestOneInput((const uint8_t *)data[i], size[i]);
    start = now();
    for (r = 0; r < rounds; r++)
        for (i = 0; i < n; i++)
            LLVMFuzzerTestOneInput((const uint8_t *)data[i], size[i]);
    secs = now() - start;
    printf("%.0f\n", (double)rounds * n / secs);
    return 0;
}
