/*
 * repro.c - `unloadfuzz repro`: run program files and say what happened.
 *
 * A file named *.ufp (or any file with --text) is text; anything else is
 * binary, as engines write their crash artifacts with no extension. A text
 * file that does not parse is an error with its line (exit 2), never read as
 * binary. For each file it prints the program, a trace (each op as it runs,
 * with its status, and each model event under it naming objects as the
 * program does), the violations, and a hash of the trace; --json prints the
 * same as one JSON object per file. The trace text is what the hash covers,
 * so two runs, or two builds, agree on the hash exactly when they agree on
 * every line.
 */
#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "proc.h"
#include "load.h"
#include "program.h"
#include "repro.h"
#include "target.h"
#include "trace.h"

/* Runs one file; prints its report, or appends it to `out` for --json.
 * Returns 0 clean, 1 violation, 2 error. */
static int repro_one(const char *path, const struct repro_opts *ro, json_t *out)
{
    static struct program prog;
    static struct trace t;
    enum model_severity worst;
    size_t failing, i;
    char hex[17], st[16];
    int rc;

    if (prog_load_file(path, ro->text, &prog) < 0)
        return 2;
    trace_free(&t);
    if (trace_run(&t, &prog) < 0) {
        fprintf(stderr, "unloadfuzz: out of memory\n");
        return 2;
    }
    snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)t.hash);
    failing = trace_count_at_least(&t, ro->fail_on);
    worst = trace_worst(&t);
    rc = failing ? 1 : 0;
    if (!ro->json) {
        printf("== %s\n%s-- trace\n%s", path, t.printed, trace_text(&t));
        printf("-- verdict: %s", rc ? "violation" : "clean");
        if (worst != SEV__COUNT)
            printf(" (worst: %s; %zu at or above %s)", model_severity_name(worst), failing,
                   model_severity_name(ro->fail_on));
        printf("\n-- trace_hash: %s\n", hex);
    } else {
        json_t *o = json_object(), *a = json_array();

        json_object_set_new(o, "file", json_string(path));
        json_object_set_new(o, "verdict", json_string(rc ? "violation" : "clean"));
        for (i = 0; i < t.nviolations; i++) {
            const struct trace_violation *v = &t.violations[i];
            json_t *j = json_object();

            json_object_set_new(j, "rule", json_string(model_rule_id(v->rule)));
            json_object_set_new(j, "severity",
                                json_string(model_severity_name(model_rule_severity(v->rule))));
            json_object_set_new(j, "op", json_integer(v->op));
            json_object_set_new(j, "line", v->line ? json_integer(v->line) : json_null());
            json_object_set_new(j, "object", v->object[0] ? json_string(v->object) : json_null());
            json_object_set_new(j, "message", json_string(v->message));
            json_array_append_new(a, j);
        }
        json_object_set_new(o, "violations", a);
        a = json_array();
        for (i = 0; i < prog.nops; i++) {
            json_t *j = json_object();

            json_object_set_new(j, "op", json_integer((json_int_t)i));
            json_object_set_new(j, "line", prog.ops[i].line ? json_integer(prog.ops[i].line)
                                                             : json_null());
            json_object_set_new(j, "text", json_string(t.lines[i] ? t.lines[i] : ""));
            snprintf(st, sizeof(st), "0x%08X", (unsigned)t.x.result[i].status);
            json_object_set_new(j, "status",
                                t.x.result[i].has_status ? json_string(st) : json_null());
            json_object_set_new(j, "executed", json_boolean(t.x.result[i].executed));
            json_array_append_new(a, j);
        }
        json_object_set_new(o, "ops", a);
        a = json_array();
        for (i = 0; i < t.nevents; i++) {
            json_t *j = json_object();

            json_object_set_new(j, "op", json_integer(t.events[i].op));
            json_object_set_new(j, "kind", json_string(trace_kind_name(t.events[i].kind)));
            json_object_set_new(j, "object", t.events[i].object[0]
                                                 ? json_string(t.events[i].object)
                                                 : json_null());
            json_array_append_new(a, j);
        }
        json_object_set_new(o, "events", a);
        json_object_set_new(o, "trace_hash", json_string(hex));
        json_array_append_new(out, o);
    }
    return rc;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz repro [--text] [--json] [--fail-on SEVERITY]\n"
            "                        [--unload-callback=documented] FILE...\n"
            "       unloadfuzz repro --target NAME [--inject=LIST] [--fail-on=SEVERITY]\n"
            "                        [--unload-callback=documented] [--text] [--trace]\n"
            "                        [--expect] FILE...\n"
            "\n"
            "Runs each program file against a fresh framework model and prints the\n"
            "program, a trace (each op with its status, each event naming objects as\n"
            "the program does), the verdict and a hash of the trace.\n"
            "\n"
            "Files named *.ufp are text; anything else is the binary form the fuzzing\n"
            "engines write (crash artifacts have no extension).\n"
            "\n"
            "  --text            read every file as text\n"
            "  --json            one JSON object per file (an array for several)\n"
            "  --fail-on SEV     warning, break (default), ub or bugcheck: the lowest\n"
            "                    severity that makes the verdict 'violation'\n"
            "  --unload-callback=documented\n"
            "                    WdfDriverMiniportUnload calls a miniport's EvtDriverUnload,\n"
            "                    as its documentation says (default: source, as the\n"
            "                    framework's code does: never; docs/WDF-SEMANTICS.md [C1])\n"
            "  --target NAME     the programs are driver target NAME's (docs/DRIVERS.md):\n"
            "                    runs NAME_replay, beside this binary, with the other\n"
            "                    arguments ('NAME_replay --help' lists them)\n"
            "  --help            this text\n"
            "\n"
            "Exit status: 0 all clean, 1 a violation at or above --fail-on, 2 bad input.\n");
}

int repro_main(int argc, char **argv)
{
    struct repro_opts ro = {0, 0, SEV_BREAK};
    json_t *out = NULL;
    int i, nfiles = 0, rc = 0, r;

    for (i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--target") && i + 1 < argc && strcmp(argv[i + 1], "api")) {
            /* a driver target's programs: its own replay, with the rest */
            static char *args[256];
            int k, n = 1;

            for (k = 0; k < argc && n < 255; k++)
                if (k != i && k != i + 1)
                    args[n++] = argv[k];
            args[n] = NULL;
            return proc_exec_beside("repro", argv[i + 1], "_replay", args);
        }
    if (target_unload_callback_from_env("repro") < 0)
        return 2;
    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--target") && i + 1 < argc) {
            i++; /* --target api: this command's own programs */
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--text")) {
            ro.text = 1;
        } else if (!strcmp(argv[i], "--json")) {
            ro.json = 1;
        } else if (!strcmp(argv[i], "--fail-on")) {
            if (i + 1 >= argc || (ro.fail_on = model_severity_lookup(argv[i + 1])) == SEV__COUNT) {
                fprintf(stderr, "unloadfuzz repro: --fail-on takes warning, break, ub or bugcheck\n");
                return 2;
            }
            i++;
        } else if (!strncmp(argv[i], "--unload-callback=", 18)) {
            if (target_set_option("repro", "unload-callback", argv[i] + 18) < 0)
                return 2;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "unloadfuzz repro: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            nfiles++;
        }
    }
    if (!nfiles) {
        fprintf(stderr, "unloadfuzz repro: no program file given\n");
        usage(stderr);
        return 2;
    }
    if (ro.json)
        out = json_array();
    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--fail-on") || !strcmp(argv[i], "--target")) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        r = repro_one(argv[i], &ro, out);
        if (r > rc)
            rc = r;
    }
    if (ro.json) {
        json_t *doc = nfiles == 1 ? json_array_get(out, 0) : out;

        if (doc)
            json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("\n");
        json_decref(out);
    }
    return rc;
}
