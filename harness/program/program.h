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

/* Option bits: which options an op was written with. */
enum {
    OPT_CLEANUP = 1u << 0,         /* cleanup */
    OPT_DESTROY = 1u << 1,         /* destroy */
    OPT_CONTEXT = 1u << 2,         /* context */
    OPT_ATTACHED = 1u << 3,        /* attached */
    OPT_UNLOAD_CALLBACK = 1u << 4, /* unload-callback */
    OPT_WAIT = 1u << 5,            /* wait */
    OPT_PARENT = 1u << 6,          /* parent=$p        -> op.arg */
    OPT_SIZE = 1u << 7,            /* size=N           -> op.num */
    OPT_POOL = 1u << 8,            /* pool=paged|nonpaged -> op.level (1 paged) */
    OPT_PERIOD = 1u << 9,          /* period=MS        -> op.num */
    OPT_EXEC = 1u << 10,           /* exec=passive|dispatch|inherit -> op.level */
    OPT_INIT = 1u << 11,           /* init=no-dispatch-override|non-pnp|none -> op.level */
    OPT_DUE = 1u << 12,            /* due=MS           -> op.num */
    OPT_TIMEOUT = 1u << 13,        /* timeout=N (ms)   -> op.num */
    OPT_TAG = 1u << 14,            /* tag=N            -> op.num */
    OPT_NTH = 1u << 15,            /* nth=N            -> op.num */
    OPT_AFTER = 1u << 16,          /* after=N          -> op.num */
    OPT_SITE = 1u << 17,           /* site=NAME        -> op.num (enum model_site) */
    OPT_PERCENT = 1u << 18,        /* percent=P        -> op.num (0..100) */
    OPT_SEED = 1u << 19,           /* seed=S           -> op.seed */
    OPT_OFF = 1u << 20,            /* off */
    OPT_ADAPTER = 1u << 21,        /* adapter=N        -> op.num (0..PROG_MAX_ADAPTERS-1) */
    OPT_DOUBLE_UNLOAD = 1u << 22,  /* double-unload (inject) */
    OPT_INJECT_IRQL = 1u << 23,    /* irql (inject) */
    OPT__ALL = (1u << 24) - 1
};

enum op_arg { ARG_NONE, ARG_BIND, ARG_OBJ, ARG_OBJ2, ARG_OPTOBJ, ARG_LEVEL, ARG_BLOCK, ARG_ENVREF };

/* Which programs an op belongs to (ops.def's last column). */
enum { FOR_API = 1, FOR_DRIVER = 2 };

/* The two kinds of program: the api target's, where the program plays the
 * driver, and a driver target's, where it plays the port. */
enum prog_kind { PROG_API, PROG_DRIVER };

#define PROG_MAX_ADAPTERS 4  /* devices a driver program can have arrive */
#define PROG_MAX_ENVREF 16   /* TYPE#N: N below this */

enum op_code {
#define OP(e, name, arg, opts, where) OP_##e,
#include "ops.def"
#undef OP
    OP__COUNT
};

/* Callback kinds a block can name: `on $o KIND`. */
enum block_kind { BLOCK_CLEANUP, BLOCK_DESTROY, BLOCK_UNLOAD, BLOCK_TIMER, BLOCK_WORKITEM, BLOCK__COUNT };

/* init= values (OPT_INIT, in op.level). */
enum init_kind { INIT_NO_DISPATCH_OVERRIDE, INIT_NON_PNP, INIT_NONE, INIT__COUNT };

struct op {
    uint8_t code;     /* enum op_code */
    uint8_t level;    /* irql: KIRQL (0, 1, 2); exec=: WDF_EXECUTION_LEVEL (1..3);
                       * pool=: 1 paged, 0 nonpaged; init=: enum init_kind;
                       * on: enum block_kind */
    uint16_t target;  /* the slot bound or acted on; SLOT_NONE when none;
                       * for ARG_ENVREF, N of TYPE#N */
    uint16_t arg;     /* parent=$p, or collection-add/remove's item; SLOT_NONE */
    uint32_t opts;    /* OPT_* bits written */
    uint32_t num;     /* the numeric option (see OPT_*) */
    uint32_t seed;    /* seed=S */
    uint32_t line;    /* 1-based line in the text it came from; 0 for binary */
};

struct program {
    struct op ops[PROG_MAX_OPS];                 /* in order, blocks inline */
    uint32_t nops;
    uint8_t kind;                                /* enum prog_kind */
    char names[PROG_MAX_SLOTS][PROG_NAME_MAX];   /* names[s]: the text's "$dev", ...; "" when the
                                                  * slot has no name of its own (decoded and
                                                  * mutated programs): see prog_name() */
    uint32_t nslots;                             /* slots bound, $driver counted */
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
