/*
 * program.h - a program: what an engine mutates, a corpus stores and a
 * person reads. One in-memory form, two external ones:
 *
 *  - text (.ufp): one op per line, `#` starts a comment, `$name` binds and
 *    names a handle; `on $o KIND` ... `end` holds the ops that run inside
 *    that callback (text.c);
 *  - binary: what the engines mutate; every byte string decodes to a valid
 *    program (binary.c).
 *
 * Names are slots. A create op binds its slot (to the handle the DDI
 * returned, NULL when it failed); a name stays bound after its object is
 * deleted or freed, so use after free can be written down. Slot 0 is always
 * `$driver`, bound by driver-create. Slots are numbered in binding order, so
 * the canonical text form names them $o1, $o2, ... (and $driver).
 *
 * Blocks do not nest. A block for an object runs each time that callback of
 * that object runs, at the callback's IRQL; the callback itself exists only
 * when the create op asked for it (`cleanup`, `destroy`, `unload-callback`;
 * timers and work items always have theirs).
 */
#ifndef UNLOADFUZZ_PROGRAM_H
#define UNLOADFUZZ_PROGRAM_H

#include <stddef.h>
#include <stdint.h>

#define PROG_MAX_OPS 512   /* ops in one program, blocks' ops included */
#define PROG_MAX_SLOTS 64  /* distinct names, $driver included */
#define PROG_NAME_MAX 32   /* bytes in a name, '$' and NUL included */
#define SLOT_NONE 0xFFFFu  /* no slot */
#define SLOT_DRIVER 0u     /* $driver */

/* The options (options.def): their numbers, and the bits of struct op's
 * opts that say which ones an op was written with. */
enum opt_index {
#define OPTION(e, word, field, value, lo, count, words, hint) OPTI_##e,
#include "options.def"
#undef OPTION
    OPT__COUNT
};
enum {
#define OPTION(e, word, field, value, lo, count, words, hint) OPT_##e = 1u << OPTI_##e,
#include "options.def"
#undef OPTION
    OPT__ALL = (1u << OPT__COUNT) - 1
};
/* The options whose value is a slot, kept in op.arg: an op takes one of
 * them at most. */
#define OPT_SLOTS (OPT_PARENT | OPT_DEVICE | OPT_FROM)
/* The fail-alloc modes: a fail-alloc op carries exactly one. */
#define OPT_FAIL_MODES (OPT_NTH | OPT_AFTER | OPT_SITE | OPT_PERCENT | OPT_OFF)

/* Where an option's value goes in struct op. */
enum opt_field { FIELD_NONE, FIELD_ARG, FIELD_NUM, FIELD_SEED, FIELD_LEVEL };
/* How an option's value is written (options.def says what each means). */
enum opt_value { VAL_FLAG, VAL_SLOT, VAL_U32, VAL_INDEX, VAL_WORD };

/* One row of options.def. */
struct opt_info {
    const char *word;          /* the spelling (the key of key=value) */
    uint8_t len;               /* strlen(word) */
    uint8_t field;             /* enum opt_field */
    uint8_t value;             /* enum opt_value */
    uint32_t lo;               /* VAL_WORD: the value of the first word */
    uint32_t count;            /* values in range (VAL_U32: 0 for any u32) */
    const char *const *words;  /* VAL_WORD: the count words */
    const char *hint;          /* VAL_WORD: the words as an error lists them, or NULL */
};
/* The rows of options.def, by enum opt_index. */
extern const struct opt_info prog_options[OPT__COUNT];
/* The OPT_* bits of the options whose value goes to field f. */
uint32_t prog_option_mask(enum opt_field f);

enum op_arg {
    ARG_NONE, ARG_BIND, ARG_OBJ, ARG_OBJ2, ARG_OPTOBJ, ARG_LEVEL, ARG_BLOCK, ARG_ENVREF, ARG_REGVALUE
};

/* Which programs an op belongs to (ops.def's last column). */
enum { FOR_API = 1, FOR_DRIVER = 2 };

/* The two kinds of program: the api target's, where the program plays the
 * driver, and a driver target's, where it plays the port. */
enum prog_kind { PROG_API, PROG_DRIVER };

#define PROG_MAX_ADAPTERS 4  /* devices a driver program can have arrive */
#define PROG_MAX_ENVREF 16   /* TYPE#N: N below this */
#define PROG_MAX_REGVALUES 8 /* distinct registry value names in a program */
#define PROG_REGNAME_MAX 32  /* bytes in a value's name, NUL included: [A-Za-z0-9_] */

enum op_code {
#define OP(e, name, arg, opts, where) OP_##e,
#include "ops.def"
#undef OP
    OP__COUNT
};

/* Callback kinds a block can name: `on $o KIND`. */
enum block_kind {
    BLOCK_CLEANUP, BLOCK_DESTROY, BLOCK_UNLOAD, BLOCK_TIMER, BLOCK_WORKITEM, BLOCK_COMPLETION,
    BLOCK_DPC, BLOCK__COUNT
};

/* init= values (OPT_INIT, in op.level). */
enum init_kind { INIT_NO_DISPATCH_OVERRIDE, INIT_NON_PNP, INIT_NONE, INIT__COUNT };

struct op {
    uint8_t code;     /* enum op_code */
    uint8_t level;    /* irql: KIRQL (0, 1, 2); exec=: WDF_EXECUTION_LEVEL (1..3);
                       * pool=: 1 paged, 0 nonpaged; init=: enum init_kind;
                       * on: enum block_kind */
    uint16_t target;  /* the slot bound or acted on; SLOT_NONE when none;
                       * for ARG_ENVREF, N of TYPE#N; for ARG_REGVALUE, the
                       * index of its name in the program's regnames */
    uint16_t arg;     /* parent=$p, or collection-add/remove's item; SLOT_NONE */
    uint32_t opts;    /* OPT_* bits written */
    uint32_t num;     /* the numeric option (see OPT_*) */
    uint32_t seed;    /* seed=S */
    uint32_t line;    /* 1-based line in the text it came from; 0 for binary */
};

/* The value of option i of *o, read from the field options.def names for
 * it (0 for a flag). */
static inline uint32_t opt_get(const struct op *o, int i)
{
    switch ((enum opt_field)prog_options[i].field) {
    case FIELD_ARG:
        return o->arg;
    case FIELD_NUM:
        return o->num;
    case FIELD_SEED:
        return o->seed;
    case FIELD_LEVEL:
        return o->level;
    default:
        return 0;
    }
}

/* Stores v as the value of option i of *o (nothing for a flag). */
static inline void opt_set(struct op *o, int i, uint32_t v)
{
    switch ((enum opt_field)prog_options[i].field) {
    case FIELD_ARG:
        o->arg = (uint16_t)v;
        break;
    case FIELD_NUM:
        o->num = v;
        break;
    case FIELD_SEED:
        o->seed = v;
        break;
    case FIELD_LEVEL:
        o->level = (uint8_t)v;
        break;
    default:
        break;
    }
}

struct program {
    struct op ops[PROG_MAX_OPS];                 /* in order, blocks inline */
    uint32_t nops;
    uint8_t kind;                                /* enum prog_kind */
    char names[PROG_MAX_SLOTS][PROG_NAME_MAX];   /* names[s]: the text's "$dev", ...; "" when the
                                                  * slot has no name of its own (decoded and
                                                  * mutated programs): see prog_name() */
    uint32_t nslots;                             /* slots bound, $driver counted */
    char regnames[PROG_MAX_REGVALUES][PROG_REGNAME_MAX]; /* the registry op's value names;
                                                  * its target indexes them */
    uint32_t nregnames;
};

/* Op metadata from ops.def. The operand and options are asked on every op
 * of every fuzzing input, so they are inline table reads. */
static const uint8_t op_arg_table[OP__COUNT] = {
#define OP(e, name, arg, opts, where) arg,
#include "ops.def"
#undef OP
};
static const uint32_t op_options_table[OP__COUNT] = {
#define OP(e, name, arg, opts, where) opts,
#include "ops.def"
#undef OP
};
static const uint8_t op_where_table[OP__COUNT] = {
#define OP(e, name, arg, opts, where) where,
#include "ops.def"
#undef OP
};
/* Whether op `c` belongs to programs of kind k. */
static inline int op_in(enum op_code c, enum prog_kind k)
{
    return (unsigned)c < OP__COUNT && (op_where_table[c] & (k == PROG_DRIVER ? FOR_DRIVER : FOR_API));
}
const char *op_name(enum op_code c);
/* The positional operand op `c` takes (ARG_NONE when `c` is no op). */
static inline enum op_arg op_arg(enum op_code c)
{
    return (unsigned)c < OP__COUNT ? (enum op_arg)op_arg_table[c] : ARG_NONE;
}
/* The OPT_* bits op `c` accepts (0 when `c` is no op). */
static inline uint32_t op_options(enum op_code c)
{
    return (unsigned)c < OP__COUNT ? op_options_table[c] : 0;
}
/* The op spelled `name`, or OP__COUNT. */
enum op_code op_lookup(const char *name);
const char *block_kind_name(enum block_kind k);
/* The type word of op `c`'s TYPE#N operand ("timer" for fire), or "". */
const char *op_envref_type(enum op_code c);
/* The index of registry value `name` (n bytes, [A-Za-z0-9_], fewer than
 * PROG_REGNAME_MAX) in p's table, added when new; the comparison ignores
 * case, as the registry's does. Returns the index, or -1 when the table is
 * full. */
int prog_regname(struct program *p, const char *name, size_t n);
/* "api" or "driver". */
const char *prog_kind_name(enum prog_kind k);
/* Writes the canonical name of slot `s` ("$driver", "$o1", ...) into dst,
 * which holds PROG_NAME_MAX bytes. */
void prog_slot_name(char *dst, uint32_t s);
/* The name of slot `s` of *p: its own, or else the canonical one, written
 * into buf (PROG_NAME_MAX bytes). Decoding leaves names empty, since the
 * engines decode on every execution and never print. */
const char *prog_name(const struct program *p, uint32_t s, char *buf);

/* ---- text form (text.c) ---- */

/* Parses `len` bytes of text into *p. Returns 0, or -1 with a message
 * "line N: reason" in err (never reinterpreting bad text as anything). The
 * kind is the one its ops belong to: a driver program when it has an op
 * only driver programs have, else an api program; an op of the other kind
 * is an error. */
int prog_parse_text(const char *text, size_t len, struct program *p, char *err, size_t errlen);
/* Makes *p, parsed or built, a program of kind k. Returns 0, or -1 with
 * "line N: reason" in err when an op does not belong to k. */
int prog_set_kind(struct program *p, enum prog_kind k, char *err, size_t errlen);
/* Prints *p as text. With `canonical` the names are $driver, $o1, $o2, ...
 * in binding order; otherwise the program's own names. Returns the bytes
 * needed (like snprintf). No comments are printed. */
size_t prog_print_text(const struct program *p, int canonical, char *buf, size_t n);

/* ---- binary form (binary.c) ---- */

/* Decodes any byte string into *p, an api program (always succeeds;
 * trailing bytes that do not make a whole op are ignored). Names are left
 * empty: canonical. */
void prog_decode(const uint8_t *data, size_t len, struct program *p);
/* prog_decode() for a program of kind k: each kind numbers its own ops. */
void prog_decode_kind(const uint8_t *data, size_t len, enum prog_kind k, struct program *p);
/* How many ops programs of kind k have: a code byte is taken modulo this. */
uint32_t prog_vocab_size(enum prog_kind k);
/* Encodes *p (of its kind); returns the bytes needed. Decoding the result
 * as that kind gives the same program (names canonical, lines 0). */
size_t prog_encode(const struct program *p, uint8_t *buf, size_t n);
/* prog_encode() that also writes into ends[i] (ends holds p->nops entries)
 * the length of the encoding up to and including op i. An op's bytes do not
 * depend on what follows it, so ops 0..i alone encode to ends[i] bytes, the
 * same ones: a program too long for a buffer can be cut without encoding
 * it again. */
size_t prog_encode_ends(const struct program *p, uint8_t *buf, size_t n, uint32_t *ends);
/* prog_encode_ends() of ops from..to-1 only, when buf already holds the
 * bytes of ops 0..from-1 (as many as fit) and ends[0..from) their ends: an
 * op's bytes depend only on the slots bound before it, so a program that
 * shares ops with one encoded before can reuse their bytes. slots, when
 * not NULL, receives in slots[i] the slots bound once op i has run, and
 * gives in slots[from - 1] those bound before `from`. Returns the bytes of
 * ops 0..to-1; buf holds as many as fit. */
size_t prog_encode_range(const struct program *p, uint32_t from, uint32_t to, uint8_t *buf,
                         size_t n, uint32_t *ends, uint32_t *slots);

#endif /* UNLOADFUZZ_PROGRAM_H */
