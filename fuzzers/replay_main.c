/*
 * replay_main.c - a plain `main` for any fuzz target: runs each file given,
 * and each file of each directory given, through LLVMFuzzerTestOneInput, with
 * no engine. Every input runs twice, to catch state leaking between
 * executions. This is the build used where no engine is (LIB_FUZZING_ENGINE
 * unset) and to replay a corpus in the test suite.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILE (1u << 20)

/* Runs one file twice. Returns 0, or 2 when it cannot be read. */
static int run_file(const char *path)
{
    static uint8_t buf[MAX_FILE];
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f) {
        fprintf(stderr, "replay: %s: cannot open\n", path);
        return 2;
    }
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    LLVMFuzzerTestOneInput(buf, n);
    return 0;
}

int main(int argc, char **argv)
{
    int i, rc = 0, count = 0;
    struct stat st;

    if (argc < 2 || !strcmp(argv[1], "--help")) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: %s FILE_OR_DIR...\nRuns each input (and each file of each directory) "
                "through the target twice.\n", argv[0]);
        return argc < 2 ? 2 : 0;
    }
    for (i = 1; i < argc; i++) {
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
            rc = 2;
        } else if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            char path[4096];

            while (d && (e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.')
                    continue;
                snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                    rc |= run_file(path);
                    count++;
                }
            }
            if (d)
                closedir(d);
        } else {
            rc |= run_file(argv[i]);
            count++;
        }
    }
    printf("replay: %d inputs, each run twice, no crash\n", count);
    return rc;
}
