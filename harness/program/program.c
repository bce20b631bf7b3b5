/*
 * program.c - the program language's schema as data.
 *
 * ops.def lists every op once: its spelling, the operand it takes and the
 * options it accepts; options.def lists every option: its spelling, where
 * its value goes and how it is written. This file expands both into the
 * tables behind program.h, so the text parser and printer (text.c), the
 * binary codec (binary.c), the mutator and whatever runs a program all read
 * the same facts. The names of the callback kinds a block can name live
 * here too.
 */
#include <string.h>
#include <strings.h>

#include "model.h"
#include "program.h"

/* The words of the options whose value is one of several (VAL_WORD). */
static const char *const pool_words[] = {"nonpaged", "paged"};
static const char *const exec_words[] = {"inherit", "passive", "dispatch"};
static const char *const init_words[INIT__COUNT] = {"no-dispatch-override", "non-pnp", "none"};
static const char *const status_words[LOWER__COUNT] = {
    "success", "unsuccessful", "cancelled", "device-removed", "not-supported", "no-answer", "hold",
};
static const char *const action_words[] = {"cancel", "wait", "leave"};
static const char *const scope_words[] = {"inherit", "device", "queue", "none"};
static const char *const site_words[SITE__COUNT] = {
#define SITE(e, name, kind) name,
#include "sites.def"
#undef SITE
};

const struct opt_info prog_options[OPT__COUNT] = {
#define OPTION(e, word, field, value, lo, count, words, hint) \
    {word, sizeof(word) - 1, field, value, lo, count, words, hint},
#include "options.def"
#undef OPTION
};

/* The OPT_* bits of the options whose value goes to field f (program.h). */
uint32_t prog_option_mask(enum opt_field f)
{
    uint32_t m = 0;
    int i;

    for (i = 0; i < OPT__COUNT; i++)
        if (prog_options[i].field == f)
            m |= 1u << i;
    return m;
}

/* One row of ops.def. */
struct op_info {
    const char *name; /* the spelling in the text form */
    enum op_arg arg;  /* what follows the name positionally */
    uint32_t opts;    /* OPT_* bits the op accepts */
};

static const struct op_info ops[OP__COUNT] = {
#define OP(e, name, arg, opts, where) {name, arg, opts},
#include "ops.def"
#undef OP
};

static const char *const block_kinds[BLOCK__COUNT] = {
    "cleanup", "destroy", "unload", "timer", "workitem", "completion", "dpc",
};

/* The spelling of op `c`, or "" when `c` is no op. */
const char *op_name(enum op_code c)
{
    return (unsigned)c < OP__COUNT ? ops[c].name : "";
}

/* The op spelled `name` (exactly, case included), or OP__COUNT. */
enum op_code op_lookup(const char *name)
{
    int c;

    for (c = 0; c < OP__COUNT; c++)
        if (strcmp(ops[c].name, name) == 0)
            return (enum op_code)c;
    return OP__COUNT;
}

/* The word for callback kind `k` ("cleanup", ...), or "" when `k` is none. */
const char *block_kind_name(enum block_kind k)
{
    return (unsigned)k < BLOCK__COUNT ? block_kinds[k] : "";
}

/* The type word of op c's TYPE#N operand, or "". */
int prog_regname(struct program *p, const char *name, size_t n)
{
    uint32_t i;

    for (i = 0; i < p->nregnames; i++)
        if (strlen(p->regnames[i]) == n && strncasecmp(p->regnames[i], name, n) == 0)
            return (int)i;
    if (p->nregnames == PROG_MAX_REGVALUES || n == 0 || n >= PROG_REGNAME_MAX)
        return -1;
    memcpy(p->regnames[p->nregnames], name, n);
    p->regnames[p->nregnames][n] = '\0';
    return (int)p->nregnames++;
}

const char *op_envref_type(enum op_code c)
{
    switch (c) {
    case OP_FIRE:
        return "timer";
    case OP_RUN:
        return "workitem";
    case OP_COMPLETE:
        return "request";
    case OP_RUN_DPC:
        return "dpc";
    default:
        return "";
    }
}

/* The name of program kind k. */
const char *prog_kind_name(enum prog_kind k)
{
    return k == PROG_DRIVER ? "driver" : "api";
}

/* Writes the canonical name of slot s ($driver, $o1, ...); see program.h. */
void prog_slot_name(char *dst, uint32_t s)
{
    char d[10];
    size_t i = sizeof d, k;

    if (s == SLOT_DRIVER) {
        memcpy(dst, "$driver", sizeof "$driver");
        return;
    }
    do {
        d[--i] = (char)('0' + s % 10);
        s /= 10;
    } while (s != 0);
    dst[0] = '$';
    dst[1] = 'o';
    k = sizeof d - i;
    memcpy(dst + 2, d + i, k);
    dst[2 + k] = '\0';
}

/* The name of slot s of *p (see program.h). */
const char *prog_name(const struct program *p, uint32_t s, char *buf)
{
    if (s < p->nslots && p->names[s][0] != '\0')
        return p->names[s];
    prog_slot_name(buf, s);
    return buf;
}
