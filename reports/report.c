/*
 * report.c - `unloadfuzz report DIR`: a campaign directory read back and
 * written up for people (report.md, report.html) and for tools
 * (report.json).
 *
 * The command reads all of the campaign (campdir.h), checks it, takes its
 * figures (tally.h), builds the three reports in memory (markdown.h,
 * html.h, rjson.h) and only then writes them, each first to a temporary
 * file, renamed into place when all three are written: a missing or
 * malformed input gets one clear message and exit status 2, and nothing
 * in DIR is written or overwritten.
 *
 * Output depends on the inputs only (no clock, no addresses), like
 * everything else the tool prints.
 */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "campdir.h"
#include "file.h"
#include "html.h"
#include "markdown.h"
#include "msg.h"
#include "rjson.h"
#include "tally.h"
#include "views.h"

#define NOUTPUTS 3

/* Prints "report: MESSAGE" to stderr. Returns -1, for `return fail(...)`. */
#define fail(...) msg_fail(-1, "report", __VA_ARGS__)

/* One report: its file in DIR and its text. */
struct output {
    const char *name; /* in DIR */
    struct buf text;  /* what goes in it */
};

/* Writes each output to a temporary file in dir, then renames them all
 * into place: a failure before the renames leaves dir as it was. Returns
 * 0, or -1 (said). */
static int write_outputs(const char *dir, struct output *o, size_t n)
{
    char tmp[NOUTPUTS][4096], path[4096];
    size_t i, done;
    int ok;

    for (i = 0; i < n; i++) { /* a rename can only fail on what is in the way */
        struct stat st;

        snprintf(path, sizeof path, "%s/%s", dir, o[i].name);
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
            return fail("%s: in the way: not a regular file", path);
    }
    for (done = 0; done < n; done++) {
        if (buf_failed(&o[done].text)) {
            fail("out of memory");
            break;
        }
        snprintf(tmp[done], sizeof tmp[done], "%s/.%s.tmp", dir, o[done].name);
        if (file_write(tmp[done], buf_str(&o[done].text), o[done].text.len, FILE_REPLACE) < 0) {
            fail("%s: %s", tmp[done], strerror(errno));
            break;
        }
    }
    ok = done == n;
    for (i = 0; i < done; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, o[i].name);
        if (ok && rename(tmp[i], path) != 0)
            ok = fail("%s: %s", path, strerror(errno)) == 0;
        if (!ok) /* nothing more goes in: no temporary file stays behind */
            unlink(tmp[i]);
    }
    return ok ? 0 : -1;
}

/* Builds the three reports of the campaign ty is the figures of, writes
 * them and says so. Returns 0, or -1 (said). */
static int render(const struct tally *ty)
{
    struct output o[NOUTPUTS] = {
        {"report.md", BUF_INIT(0)}, {"report.json", BUF_INIT(0)}, {"report.html", BUF_INIT(0)},
    };
    struct buf line = BUF_INIT(0);
    char *json;
    int rc = 0, i;

    md_report(&o[0].text, ty);
    json = rjson_text(ty);
    if (json == NULL)
        buf_fail(&o[1].text); /* out of memory, said when it is written */
    else
        buf_printf(&o[1].text, "%s\n", json);
    free(json);
    if (html_report(&o[2].text, ty) < 0)
        rc = fail("out of memory");
    if (rc == 0)
        rc = write_outputs(ty->c->dir, o, NOUTPUTS);
    if (rc == 0) {
        view_summary_line(&line, ty);
        printf("report: %s\n", buf_str(&line));
        for (i = 0; i < NOUTPUTS; i++)
            printf("  %s/%s\n", ty->c->dir, o[i].name);
    }
    for (i = 0; i < NOUTPUTS; i++)
        buf_free(&o[i].text);
    buf_free(&line);
    return rc;
}

/* The command's --help, to f. */
static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz report DIR\n"
            "\n"
            "Reads a campaign directory (docs/CAMPAIGNS.md: campaign.json, progress.tsv,\n"
            "findings.json and the minimized programs it names) and writes\n"
            "  DIR/report.md    a summary, a table per target and per rule, and each finding\n"
            "                   with its minimized program and the command that reproduces it\n"
            "  DIR/report.json  the same for tools\n"
            "  DIR/report.html  the same, self-contained (inline CSS and SVG, no script), with\n"
            "                   plots of coverage, exec/s and findings over time\n"
            "\n"
            "Source coverage of model/ and drivers/ is measured apart, by\n"
            "`bash scripts/coverage.sh DIR` (an llvm-cov build replaying every target's\n"
            "corpus): it writes DIR/coverage/, which the reports then link and summarize.\n"
            "\n"
            "Exit status: 0 the reports written; 2 bad usage, or a missing or malformed\n"
            "input (said on stderr; nothing in DIR is then written or overwritten).\n");
}

/* Reads the arguments: DIR into *dir. Returns -1 to go on, else the exit
 * status. */
static int parse_args(int argc, char **argv, const char **dir)
{
    int a;

    *dir = NULL;
    for (a = 0; a < argc; a++) {
        if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
            usage(stdout);
            return 0;
        }
        if (argv[a][0] == '-' && argv[a][1] != '\0') {
            fprintf(stderr, "report: unknown option '%s'\n\n", argv[a]);
            usage(stderr);
            return 2;
        }
        if (*dir != NULL) {
            fprintf(stderr, "report: one campaign directory at a time ('%s', then '%s')\n",
                    *dir, argv[a]);
            return 2;
        }
        *dir = argv[a];
    }
    if (*dir == NULL) {
        fprintf(stderr, "report: no campaign directory given\n\n");
        usage(stderr);
        return 2;
    }
    return -1;
}

/* The command (report.h). Returns its exit status. */
int report_main(int argc, char **argv)
{
    static char err[16384];
    char dir[4096];
    struct stat st;
    struct campdir c;
    struct tally ty;
    const char *arg;
    size_t n;
    int rc = parse_args(argc, argv, &arg);

    if (rc >= 0)
        return rc;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "report: %s: %s\n", arg,
                stat(arg, &st) != 0 ? strerror(errno) : "not a directory");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s", arg);
    for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    rc = 2;
    if (campdir_load(&c, dir, err, sizeof err) < 0) {
        fail("%s", err);
        goto out_free_campaign;
    }
    if (tally_make(&ty, &c) < 0) {
        fail("out of memory");
        goto out_free_tally;
    }
    if (render(&ty) == 0)
        rc = 0;
out_free_tally:
    tally_free(&ty);
out_free_campaign:
    campdir_free(&c);
    return rc;
}
