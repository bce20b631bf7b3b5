/*
 * convert.c - `unloadfuzz convert` and `unloadfuzz sites`.
 *
 * convert turns a text program into the binary form the engines mutate, or
 * a binary one into canonical text, so a person can read an engine's
 * artifact or hand-write a seed. It never overwrites a file: the output
 * goes to stdout, or to a new file named with -o.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "model.h"
#include "program.h"
#include "load.h"

static void convert_usage(FILE *f)
{
    fprintf(f, "usage: unloadfuzz convert [--text] [--driver] [--to text|binary] [-o NEW_FILE] FILE\n"
               "\n"
               "Converts a program between its text form (*.ufp, or any file with --text)\n"
               "and the binary form the fuzzing engines mutate. By default text becomes\n"
               "binary and binary becomes canonical text ($driver, $o1, $o2, ...).\n"
               "A text file is an api program or a driver program as its ops say; bytes\n"
               "are read as an api program unless --driver says they are a driver target's.\n"
               "The result goes to stdout, or to NEW_FILE, which must not exist yet.\n"
               "\n"
               "  --text            read FILE as text whatever its name\n"
               "  --driver          FILE is a driver target's program (docs/DRIVERS.md)\n"
               "  --to text|binary  the form to write (text of a text file: canonical)\n"
               "  -o NEW_FILE       write there instead of stdout\n"
               "  --help            this text\n");
}

int convert_main(int argc, char **argv)
{
    static struct program p;
    static uint8_t bin[PROG_MAX_OPS * 32];
    const char *in = NULL, *outpath = NULL, *to = NULL;
    int i, force_text = 0, driver = 0, want_text;
    size_t n, len;
    char *text;
    FILE *out = stdout;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            convert_usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--text")) {
            force_text = 1;
        } else if (!strcmp(argv[i], "--driver")) {
            driver = 1;
        } else if (!strcmp(argv[i], "--to") && i + 1 < argc) {
            to = argv[++i];
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            outpath = argv[++i];
        } else if (argv[i][0] != '-' && !in) {
            in = argv[i];
        } else {
            fprintf(stderr, "unloadfuzz convert: unexpected argument '%s'\n", argv[i]);
            convert_usage(stderr);
            return 2;
        }
    }
    if (!in) {
        fprintf(stderr, "unloadfuzz convert: no input file\n");
        convert_usage(stderr);
        return 2;
    }
    if (to && strcmp(to, "text") && strcmp(to, "binary")) {
        fprintf(stderr, "unloadfuzz convert: --to takes text or binary\n");
        return 2;
    }
    len = strlen(in);
    if (prog_load_file_kind(in, force_text, driver ? PROG_DRIVER : LOAD_KIND_AS_WRITTEN, &p) < 0)
        return 2;
    want_text = to ? !strcmp(to, "text")
                   : !(force_text || (len > 4 && !strcmp(in + len - 4, ".ufp")));
    if (outpath) {
        /* "x": never replace what the user has. */
        out = fopen(outpath, want_text ? "wx" : "wbx");
        if (!out) {
            fprintf(stderr, "unloadfuzz convert: %s: cannot create (does it exist already?)\n",
                    outpath);
            return 2;
        }
    }
    if (want_text) {
        n = prog_print_text(&p, 1, NULL, 0);
        text = malloc(n + 1);
        if (!text)
            return 2;
        prog_print_text(&p, 1, text, n + 1);
        fwrite(text, 1, n, out);
        free(text);
    } else {
        n = prog_encode(&p, bin, sizeof(bin));
        if (n > sizeof(bin)) {
            fprintf(stderr, "unloadfuzz convert: program too large to encode\n");
            return 2;
        }
        fwrite(bin, 1, n, out);
    }
    if (out != stdout && fclose(out)) {
        fprintf(stderr, "unloadfuzz convert: %s: write failed\n", outpath);
        return 2;
    }
    return 0;
}

int sites_main(int argc, char **argv)
{
    int s;

    if (argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
        printf("usage: unloadfuzz sites\n\nLists the allocation sites, the names that "
               "'fail-alloc site=NAME' accepts.\nEach is one allocation the framework makes "
               "for the driver; see model/sites.def.\n");
        return 0;
    }
    if (argc > 0) {
        fprintf(stderr, "unloadfuzz sites: unexpected argument '%s'\n", argv[0]);
        return 2;
    }
    for (s = 0; s < SITE__COUNT; s++)
        printf("%s\n", model_site_name((enum model_site)s));
    return 0;
}
