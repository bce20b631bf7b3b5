/*
 * findings.c - the one writer of findings.json (findings.h), for the
 * campaign and for the gate.
 */
#include "findings.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "text.h"

/* A JSON string of s made valid, or null for NULL. */
static json_t *str_or_null(const char *s)
{
    return s ? text_json(s) : json_null();
}

/* The JSON object of finding f, its members in the documented order. */
static json_t *entry(const struct findings_entry *f)
{
    json_t *o = json_object();

    json_object_set_new(o, "target", str_or_null(f->target));
    json_object_set_new(o, "signature", str_or_null(f->signature));
    json_object_set_new(o, "rule", str_or_null(f->rule));
    json_object_set_new(o, "severity", str_or_null(f->severity));
    /* tenths of a second: what a person reads, and what a campaign of days
     * still writes in full (see the precision below) */
    json_object_set_new(o, "first_seen_s", f->first_seen_s >= 0
                                               ? json_real(round(f->first_seen_s * 10) / 10)
                                               : json_null());
    json_object_set_new(o, "inputs", json_integer(f->inputs));
    json_object_set_new(o, "program", str_or_null(f->program));
    if (f->with_ops)
        json_object_set_new(o, "ops", f->ops >= 0 ? json_integer(f->ops) : json_null());
    json_object_set_new(o, "reproduce", str_or_null(f->reproduce));
    json_object_set_new(o, "flaky", json_boolean(f->flaky));
    if (f->baseline) {
        json_object_set_new(o, "new", json_boolean(f->is_new));
        json_object_set_new(o, "baseline_reason", str_or_null(f->baseline_reason));
        json_object_set_new(o, "location", str_or_null(f->location));
    }
    return o;
}

/* The text of findings.json (findings.h). Returns it, or NULL. */
char *findings_json(const struct findings_entry *v, size_t n)
{
    json_t *a = json_array();
    char *text;
    size_t i;

    if (a == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        json_array_append_new(a, entry(&v[i]));
    /* ten digits: 0.1 s resolution up to a campaign of 31 years */
    text = json_dumps(a, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    json_decref(a);
    return text;
}

/* Writes findings.json atomically (findings.h). Returns 0 or -1. */
int findings_write(const char *path, const struct findings_entry *v, size_t n)
{
    char *text = findings_json(v, n);
    int rc, e;

    if (text == NULL) {
        errno = ENOMEM;
        return -1;
    }
    rc = file_write(path, text, strlen(text), FILE_REPLACE);
    e = errno;
    free(text);
    errno = e;
    return rc;
}
