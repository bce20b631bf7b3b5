/*
 * replay_main.c - a plain `main` for any fuzz target: runs each file given,
 * and each file of each directory given (in name order), through
 * LLVMFuzzerTestOneInput, with no engine. Every input runs twice, to catch
 * state leaking between executions. This is the build used where no engine
 * is (LIB_FUZZING_ENGINE unset) and to replay a corpus in the test suite.
 * An input is read whole, as an engine would hand it over.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dir.h"
#include "file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILE (1u << 20) /* an input larger than this is no engine's */

/* Runs one file twice. Returns 0, or 2 when it cannot be read. */
static int run_file(const char *path)
{
    char *data;
    size_t n;

    if (file_read(path, MAX_FILE, &data, &n) < 0) {
        fprintf(stderr, "replay: %s: %s\n", path,
                errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
        return 2;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, n);
    LLVMFuzzerTestOneInput((const uint8_t *)data, n);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int i, rc = 0, count = 0;

    if (argc < 2 || !strcmp(argv[1], "--help")) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: %s FILE_OR_DIR...\nRuns each input (and each file of each directory) "
                "through the target twice.\n", argv[0]);
        return argc < 2 ? 2 : 0;
    }
    for (i = 1; i < argc; i++) {
        struct names files;
        size_t k;

        if (dir_is_dir(argv[i])) {
            if (dir_list(argv[i], NULL, DIR_FILES, &files) < 0) {
                fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
                rc = 2;
                continue;
            }
            for (k = 0; k < files.n; k++) {
                char path[4096];

                if ((size_t)snprintf(path, sizeof path, "%s/%s", argv[i], files.v[k]) >=
                    sizeof path) {
                    fprintf(stderr, "replay: %s/%s: path too long\n", argv[i], files.v[k]);
                    rc = 2;
                    continue;
                }
                rc |= run_file(path);
                count++;
            }
            names_free(&files);
        } else if (dir_exists(argv[i])) {
            rc |= run_file(argv[i]);
            count++;
        } else {
            fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
            rc = 2;
        }
    }
    printf("replay: %d inputs, each run twice, no crash\n", count);
    return rc;
}
