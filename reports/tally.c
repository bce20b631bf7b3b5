/*
 * tally.c - a campaign's figures (tally.h).
 */
#include "tally.h"

#include <stdlib.h>
#include <string.h>

/* A target's figures. An engine's execution count starts again at 0 when
 * a session resumes the campaign: where it drops, the count before the
 * drop is added in. */
static void target_figures(const struct campdir_target *t, struct tally_target *st)
{
    size_t i;

    memset(st, 0, sizeof *st);
    for (i = 0; i < t->n; i++) {
        if (i > 0 && t->s[i].execs < t->s[i - 1].execs)
            st->execs += t->s[i - 1].execs;
        if (t->s[i].cov > st->cov)
            st->cov = t->s[i].cov;
        st->time += t->s[i].dt;
    }
    if (t->n > 0) {
        st->execs += t->s[t->n - 1].execs;
        st->eps = t->s[t->n - 1].eps;
        st->corpus = t->s[t->n - 1].corpus;
    }
    st->mean = st->time > 0 ? st->execs / st->time : 0;
}

/* qsort order of rule rows: by rule id. */
static int by_rule(const void *a, const void *b)
{
    return strcmp(((const struct tally_rule *)a)->rule, ((const struct tally_rule *)b)->rule);
}

/* The per-rule figures into rows (c->nf of room), sorted by rule id.
 * Returns how many. */
static size_t rule_figures(const struct campdir *c, struct tally_rule *rows)
{
    size_t n = 0, i, k;

    for (i = 0; i < c->nf; i++) {
        const struct campdir_finding *f = &c->f[i];

        if (!f->rule[0])
            continue;
        for (k = 0; k < n && strcmp(rows[k].rule, f->rule); k++)
            ;
        if (k == n) {
            rows[n].rule = f->rule;
            rows[n].severity = f->severity;
            rows[n].n = rows[n].nflaky = 0;
            rows[n].first = f->first_seen;
            n++;
        }
        rows[k].n++;
        rows[k].nflaky += (unsigned)f->flaky;
        if (f->first_seen >= 0 && (rows[k].first < 0 || f->first_seen < rows[k].first))
            rows[k].first = f->first_seen;
    }
    qsort(rows, n, sizeof rows[0], by_rule);
    return n;
}

/* Takes the figures (tally.h). Returns 0, or -1 out of memory. */
int tally_make(struct tally *ty, const struct campdir *c)
{
    size_t i;

    memset(ty, 0, sizeof *ty);
    ty->c = c;
    ty->targets = calloc(c->nt + 1, sizeof *ty->targets);
    ty->rules = calloc(c->nf + 1, sizeof *ty->rules);
    if (ty->targets == NULL || ty->rules == NULL)
        return -1;
    for (i = 0; i < c->nt; i++) {
        target_figures(&c->t[i], &ty->targets[i]);
        ty->execs += ty->targets[i].execs;
    }
    ty->eps = c->end > 0 ? ty->execs / c->end : 0;
    for (i = 0; i < c->nf; i++)
        ty->flaky += (unsigned)c->f[i].flaky;
    ty->nrules = rule_figures(c, ty->rules);
    return 0;
}

/* Frees the figures. */
void tally_free(struct tally *ty)
{
    free(ty->targets);
    free(ty->rules);
    memset(ty, 0, sizeof *ty);
}

/* Whether a finding of target ti has rule. */
int tally_has_rule(const struct tally *ty, size_t ti, const char *rule)
{
    size_t i;

    for (i = 0; i < ty->c->nf; i++)
        if (ty->c->f[i].ti == ti && !strcmp(ty->c->f[i].rule, rule))
            return 1;
    return 0;
}
