/*
 * sarif.c - the gate's SARIF 2.1.0 log (sarif.h).
 */
#include "sarif.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "defs.h"
#include "model.h"
#include "text.h"

/* What the log is built from, and whether building it ran out of memory. */
struct sarif {
    const struct gate_report *r; /* the run */
    int failed;                  /* a text it holds is incomplete */
};

/* The text of b, noting in w when b ran out of memory. Returns it. */
static const char *text_of(struct sarif *w, const struct buf *b)
{
    if (buf_failed(b))
        w->failed = 1;
    return buf_str(b);
}

/* Appends path percent-encoded for a URI (RFC 3986: unreserved characters
 * and '/' stay). */
static void uri_path(struct buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;

    for (p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            buf_add(b, p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};

            buf_add(b, e, 3);
        }
    }
}

/* A physicalLocation for file path (absolute) at line (0: none): relative
 * to SRCROOT under the source tree, else a file: URI. */
static json_t *sarif_physical(struct sarif *w, const char *path, unsigned line)
{
    const char *rel = gate_report_relative(w->r, path);
    struct buf uri = BUF_INIT(0);
    json_t *art = json_object(), *loc = json_object();

    if (!rel)
        buf_puts(&uri, "file://");
    uri_path(&uri, rel ? rel : path);
    json_object_set_new(art, "uri", json_string(text_of(w, &uri)));
    if (rel)
        json_object_set_new(art, "uriBaseId", json_string("SRCROOT"));
    buf_free(&uri);
    json_object_set_new(loc, "artifactLocation", art);
    if (line)
        json_object_set_new(loc, "region", json_pack("{s:i}", "startLine", (int)line));
    return loc;
}

/* A location (with a message when msg is not NULL, an id when id > 0). */
static json_t *sarif_location(struct sarif *w, const char *path, unsigned line, const char *msg,
                              int id)
{
    json_t *l = json_object();

    if (id)
        json_object_set_new(l, "id", json_integer(id));
    json_object_set_new(l, "physicalLocation", sarif_physical(w, path, line));
    if (msg)
        json_object_set_new(l, "message", json_pack("{s:o}", "text", text_json(msg)));
    return l;
}

/* The level of a rule id: "warning" for the catalogue's warnings, else
 * "error". */
static const char *sarif_level(const char *rule)
{
    enum model_rule r = model_rule_lookup(rule);

    return r < RULE__COUNT && model_rule_severity(r) == SEV_WARNING ? "warning" : "error";
}

/* The index of rule id among the descriptors: the catalogue's in order,
 * then the gate's two. */
static int rule_index(const char *rule)
{
    enum model_rule r = model_rule_lookup(rule);

    if (r < RULE__COUNT)
        return (int)r;
    return strcmp(rule, GATE_RULE_BROKEN) ? RULE__COUNT + 1 : RULE__COUNT;
}

/* The first sentence (or clause) of text, for shortDescription. */
static json_t *first_clause(struct sarif *w, const char *text)
{
    struct buf b = BUF_INIT(0);
    json_t *j;

    buf_add(&b, text, strcspn(text, ".:;"));
    j = text_json(text_of(w, &b));
    buf_free(&b);
    return j;
}

/* One reportingDescriptor. */
static json_t *sarif_rule(struct sarif *w, const char *id, const char *description,
                          const char *reference, const char *severity, const char *semantics)
{
    json_t *d = json_object(), *props = json_object();
    struct buf help = BUF_INIT(0);
    const char *level = !strcmp(severity, "warning") ? "warning" : "error";

    buf_printf(&help, "Real-world counterpart: %s.", reference);
    if (semantics && *semantics)
        buf_printf(&help, " The WDF facts it encodes: %s (docs/WDF-SEMANTICS.md).", semantics);
    buf_printf(&help, " Severity in the model: %s. docs/RULES.md describes every rule.",
               severity);
    json_object_set_new(d, "id", json_string(id));
    json_object_set_new(d, "shortDescription",
                        json_pack("{s:o}", "text", first_clause(w, description)));
    json_object_set_new(d, "fullDescription", json_pack("{s:o}", "text", text_json(description)));
    json_object_set_new(d, "help", json_pack("{s:o}", "text", text_json(text_of(w, &help))));
    json_object_set_new(d, "defaultConfiguration", json_pack("{s:s}", "level", level));
    json_object_set_new(props, "severity", json_string(severity));
    json_object_set_new(props, "reference", text_json(reference));
    json_object_set_new(props, "tags", json_pack("[s,s]", "kmdf", "unload"));
    json_object_set_new(d, "properties", props);
    buf_free(&help);
    return d;
}

/* Every descriptor: the catalogue's rules in order, then the gate's two. */
static json_t *sarif_rules(struct sarif *w)
{
    json_t *rules = json_array();
    size_t i;

    for (i = 0; i < RULE__COUNT; i++) {
        enum model_rule r = (enum model_rule)i;

        json_array_append_new(rules, sarif_rule(w, model_rule_id(r), model_rule_description(r),
                                                model_rule_reference(r),
                                                model_severity_name(model_rule_severity(r)),
                                                model_rule_semantics(r)));
    }
    json_array_append_new(rules, sarif_rule(w, GATE_RULE_BROKEN,
        "A regression program (corpus/regressions) no longer gives the verdict its `# expect:`"
        " line records: a rule expected and not raised, a rule raised and not expected, a trace"
        " that differs between runs, or a program that does not run.",
        "the project's own regression corpus: each program is a bug found before", "bugcheck",
        NULL));
    json_array_append_new(rules, sarif_rule(w, GATE_RULE_ENGINE,
        "The fuzzing engine saved an input that no catalogue rule names: a sanitizer report"
        " (memory or undefined-behaviour error in the driver or the harness), a timeout, an"
        " out-of-memory or a leak.",
        "AddressSanitizer / UndefinedBehaviorSanitizer / libFuzzer reports: a crash, hang or"
        " leak a real machine would show as a bug check or a hang", "bugcheck", NULL));
    return rules;
}

/* The result of new finding f. */
static json_t *sarif_finding(struct sarif *w, const struct gate_report_finding *f)
{
    const char *target = w->r->targets[f->target].name;
    const char *rule = f->engine ? GATE_RULE_ENGINE : f->rule;
    json_t *res = json_object(), *locs = json_array(), *rel = json_array(), *props = json_object();
    struct buf m = BUF_INIT(0);
    char *ops = gate_report_ops(f->program);
    int id = 1;

    if (ops == NULL)
        w->failed = 1;
    buf_printf(&m, "New finding %s of target %s", f->sig, target);
    if (f->violation)
        buf_printf(&m, ": %s", f->violation);
    buf_printf(&m, ".");
    if (f->program)
        buf_printf(&m, " Minimized program (%s):\n%s", gate_report_shown(w->r, f->program),
                   ops ? ops : "");
    if (f->reproduce)
        buf_printf(&m, "%sReproduce: %s", f->program ? "" : " ", f->reproduce);
    json_object_set_new(res, "ruleId", json_string(rule));
    json_object_set_new(res, "ruleIndex", json_integer(rule_index(rule)));
    json_object_set_new(res, "level", json_string(sarif_level(rule)));
    json_object_set_new(res, "message", json_pack("{s:o}", "text", text_json(text_of(w, &m))));
    if (f->file)
        json_array_append_new(locs, sarif_location(w, f->file, f->line, NULL, 0));
    else if (f->program)
        json_array_append_new(locs, sarif_location(w, f->program, 0, NULL, 0));
    else if (f->artifact)
        json_array_append_new(locs, sarif_location(w, f->artifact, 0, NULL, 0));
    json_object_set_new(res, "locations", locs);
    if (f->program && f->file)
        json_array_append_new(rel, sarif_location(w, f->program, 0, "the minimized program that"
                                                  " reproduces it", id++));
    if (f->artifact)
        json_array_append_new(rel, sarif_location(w, f->artifact, 0,
                                                  "the input the fuzzing engine saved", id++));
    if (json_array_size(rel))
        json_object_set_new(res, "relatedLocations", rel);
    else
        json_decref(rel);
    json_object_set_new(res, "partialFingerprints",
                        json_pack("{s:o}", "unloadfuzzSignature/v1", text_json(f->sig)));
    json_object_set_new(res, "baselineState", json_string("new"));
    json_object_set_new(props, "kind", json_string("new-finding"));
    json_object_set_new(props, "target", text_json(target));
    json_object_set_new(props, "signature", text_json(f->sig));
    json_object_set_new(props, "inputs", json_integer(f->inputs));
    if (f->program) {
        json_object_set_new(props, "program", text_json(gate_report_shown(w->r, f->program)));
        json_object_set_new(props, "programText", text_json(ops ? ops : ""));
    }
    if (f->reproduce)
        json_object_set_new(props, "reproduce", text_json(f->reproduce));
    json_object_set_new(res, "properties", props);
    free(ops);
    buf_free(&m);
    return res;
}

/* Appends to results those of broken regression g, one per problem. */
static void sarif_regression(struct sarif *w, json_t *results,
                             const struct gate_report_regression *g)
{
    unsigned i;

    for (i = 0; i < g->nproblems; i++) {
        const struct gate_report_problem *p = &g->problems[i];
        json_t *res = json_object(), *locs = json_array(), *props = json_object();
        struct buf m = BUF_INIT(0);

        buf_printf(&m, "Broken regression %s (target %s): %s", gate_report_shown(w->r, g->path),
                   g->target_name, p->message);
        json_object_set_new(res, "ruleId", json_string(p->rule));
        json_object_set_new(res, "ruleIndex", json_integer(rule_index(p->rule)));
        json_object_set_new(res, "level", json_string("error"));
        json_object_set_new(res, "message", json_pack("{s:o}", "text", text_json(text_of(w, &m))));
        json_array_append_new(locs, sarif_location(w, p->file ? p->file : g->path,
                                                   p->file ? p->line : 1, NULL, 0));
        json_object_set_new(res, "locations", locs);
        if (p->file && strcmp(p->file, g->path))
            json_object_set_new(res, "relatedLocations",
                                json_pack("[o]", sarif_location(w, g->path, 1,
                                                                "the regression program", 1)));
        json_object_set_new(props, "kind", json_string("broken-regression"));
        json_object_set_new(props, "target", text_json(g->target_name));
        json_object_set_new(props, "regression", text_json(gate_report_shown(w->r, g->path)));
        json_object_set_new(res, "properties", props);
        json_array_append_new(results, res);
        buf_free(&m);
    }
}

/* The run's properties: what was asked, and each fuzzed target's figures
 * with the known findings it met. */
static json_t *sarif_properties(const struct gate_report *r)
{
    json_t *props = json_object(), *fuzz = json_array();
    size_t i, j;

    json_object_set_new(props, "seed", json_integer(r->seed));
    if (r->runs)
        json_object_set_new(props, "runs", json_integer(r->runs));
    else
        json_object_set_new(props, "budget", json_integer(r->budget));
    json_object_set_new(props, "regressions", json_integer((json_int_t)r->nregs));
    for (i = 0; i < r->ntargets; i++) {
        const struct gate_report_target *t = &r->targets[i];
        json_t *known;

        if (!t->fuzz)
            continue;
        known = json_array();
        for (j = 0; j < r->nfindings; j++)
            if (r->findings[j].target == i && r->findings[j].known)
                json_array_append_new(known, text_json(r->findings[j].sig));
        json_array_append_new(fuzz, json_pack("{s:o,s:I,s:i,s:o}", "target", text_json(t->name),
                                              "executions", (json_int_t)t->execs, "sessions",
                                              (int)t->sessions, "knownFindings", known));
    }
    json_object_set_new(props, "fuzz", fuzz);
    return props;
}

/* The SARIF log of run r (sarif.h). Returns its text, or NULL. */
char *sarif_text(const struct gate_report *r)
{
    struct sarif w = {r, 0};
    json_t *log = json_object(), *run = json_object(), *results = json_array(), *inv;
    struct buf root = BUF_INIT(0);
    char *text;
    size_t i;

    for (i = 0; i < r->nregs; i++)
        if (r->regs[i].broken)
            sarif_regression(&w, results, &r->regs[i]);
    for (i = 0; i < r->nfindings; i++)
        if (!r->findings[i].known)
            json_array_append_new(results, sarif_finding(&w, &r->findings[i]));
    json_object_set_new(run, "tool", json_pack("{s:{s:s,s:s,s:s,s:o}}", "driver", "name",
                                               "unloadfuzz", "version", UF_VERSION,
                                               "semanticVersion", UF_VERSION, "rules",
                                               sarif_rules(&w)));
    inv = json_object();
    json_object_set_new(inv, "executionSuccessful", json_true());
    json_object_set_new(run, "invocations", json_pack("[o]", inv));
    buf_puts(&root, "file://");
    uri_path(&root, r->src);
    buf_puts(&root, "/");
    json_object_set_new(run, "originalUriBaseIds",
                        json_pack("{s:{s:s}}", "SRCROOT", "uri", text_of(&w, &root)));
    json_object_set_new(run, "automationDetails", json_pack("{s:s}", "id", "unloadfuzz/gate/"));
    json_object_set_new(run, "results", results);
    json_object_set_new(run, "properties", sarif_properties(r));
    json_object_set_new(log, "$schema", json_string("https://docs.oasis-open.org/sarif/sarif/"
                                                    "v2.1.0/errata01/os/schemas/"
                                                    "sarif-schema-2.1.0.json"));
    json_object_set_new(log, "version", json_string("2.1.0"));
    json_object_set_new(log, "runs", json_pack("[o]", run));
    text = json_dumps(log, JSON_INDENT(2));
    json_decref(log);
    buf_free(&root);
    if (w.failed) {
        free(text);
        return NULL;
    }
    return text;
}
