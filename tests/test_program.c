/*
 * test_program.c - the program language's codec: ops.def metadata, the text
 * parser and printer, and the binary decoder and encoder.
 *
 * The text tests write programs the way a person would and check what the
 * parser makes of them, that the printer gives the canonical layout back,
 * and that every way of getting the text wrong is an error naming its line.
 * The binary tests check the decoder's rules one by one (slot choice,
 * option masking, blocks, limits, varints), then feed it 100,000
 * pseudo-random byte strings: each must decode to a program that prints,
 * parses back to the same ops, and survives encode-decode unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "program.h"
#include "progtest.h"
#include "testlib.h"

/* Big enough for any program's text (512 ops of well under 200 bytes). */
#define TEXT_MAX (256 * 1024)
/* Big enough for any program's bytes (512 ops of at most 16 bytes). */
#define BYTES_MAX (16 * 1024)

/* Programs and buffers are large; keep them out of the stack. */
static struct program pa, pb, pc;
static char text[TEXT_MAX], text2[TEXT_MAX];
static uint8_t bytes[BYTES_MAX], bytes2[BYTES_MAX];
static char err[512];

/* Every op, option, value word and callback kind, in canonical layout. */
static const char all_ops[] =
    "driver-create cleanup destroy unload-callback init=no-dispatch-override\n"
    "driver-create init=non-pnp scope=device\n"
    "driver-create init=none\n"
    "miniport-device-create $o1 cleanup destroy attached parent=$driver\n"
    "object-create $o2 cleanup destroy context parent=$o1 exec=passive\n"
    "memory-create $o3 cleanup destroy parent=$o2 size=4096 pool=paged\n"
    "memory-create $o4 pool=nonpaged\n"
    "timer-create $o5 cleanup destroy parent=$o1 period=10 exec=dispatch\n"
    "timer-create $o6 parent=$o1 exec=inherit\n"
    "timer-start $o5 due=5\n"
    "timer-start $o6\n"
    "timer-stop $o5 wait\n"
    "timer-stop $o6\n"
    "workitem-create $o7 cleanup destroy parent=$o1\n"
    "workitem-enqueue $o7\n"
    "workitem-flush $o7\n"
    "spinlock-create $o8 cleanup destroy parent=$o1\n"
    "spinlock-acquire $o8\n"
    "spinlock-release $o8\n"
    "waitlock-create $o9 cleanup destroy parent=$o1\n"
    "waitlock-acquire $o9 timeout=0\n"
    "waitlock-acquire $o9\n"
    "waitlock-release $o9\n"
    "collection-create $o10 cleanup destroy parent=$driver\n"
    "collection-add $o10 $o2\n"
    "collection-remove $o10 $o2\n"
    "context-allocate $o2 cleanup destroy\n"
    "reference $o2 tag=7\n"
    "reference $o2\n"
    "dereference $o2 tag=7\n"
    "dereference $o2\n"
    "irql passive\n"
    "irql apc\n"
    "irql dispatch\n"
    "fail-alloc nth=3\n"
    "fail-alloc after=2\n"
    "fail-alloc site=timer-object\n"
    "fail-alloc percent=50 seed=1234\n"
    "fail-alloc percent=100\n"
    "fail-alloc off\n"
    "run-deferred\n"
    "timer-fire $o5\n"
    "workitem-run $o7\n"
    "on $o2 cleanup\n"
    "  delete $o3\n"
    "end\n"
    "on $o2 destroy\n"
    "end\n"
    "on $driver unload\n"
    "  irql passive\n"
    "end\n"
    "on $o5 timer\n"
    "  timer-stop $o5\n"
    "end\n"
    "on $o7 workitem\n"
    "  object-create $o11\n"
    "  object-create $o2\n"
    "end\n"
    "delete $o1\n"
    "miniport-unload\n"
    "miniport-unload $driver\n"
    "pool-allocate $o12 size=32 pool=paged\n"
    "pool-free $o12 tag=7\n"
    "pool-free $o12\n"
    "image-unload\n"
    "image-unload entry-failed\n"
    "follow-documentation unload-callback\n"
    "device-io-target $o13 device=$o1\n"
    "iotarget-create $o14 cleanup destroy device=$o1\n"
    "iotarget-open-by-name $o14\n"
    "iotarget-open $o14\n"
    "iotarget-start $o14\n"
    "iotarget-stop $o14 action=wait\n"
    "iotarget-stop $o14\n"
    "iotarget-purge $o14 wait\n"
    "iotarget-close $o14\n"
    "request-create $o15 cleanup destroy parent=$o1\n"
    "request-format $o15 $o13\n"
    "request-send $o15 $o13 timeout=10 sync\n"
    "request-reuse $o15\n"
    "request-cancel $o15\n"
    "request-complete $o15 status=cancelled\n"
    "ioctl-sync $o13 timeout=5\n"
    "memory-preallocated $o16 cleanup destroy parent=$o1 size=16\n"
    "object-acquire-lock $o1\n"
    "object-release-lock $o1\n"
    "lower-device status=no-answer\n"
    "dpc-create $o17 cleanup destroy parent=$o1\n"
    "dpc-enqueue $o17\n"
    "dpc-cancel $o17 wait\n"
    "dpc-run $o17\n"
    "string-create $o18 cleanup destroy parent=$o1\n"
    "registry-open $o19 cleanup destroy parent=$driver\n"
    "registry-query $o19\n"
    "registry-close $o19\n"
    "lookaside-create $o20 cleanup destroy parent=$o1 size=128 pool=paged\n"
    "memory-from-lookaside $o21 from=$o20\n"
    "on $o15 completion\n"
    "  request-reuse $o15\n"
    "end\n"
    "on $o17 dpc\n"
    "  dpc-enqueue $o17\n"
    "end\n";

/* The same program as a person might write it: own names, comments, blank
 * lines, tabs, CRLF, options in another order. */
static const char all_ops_written[] =
    "# every op once\n"
    "driver-create $driver unload-callback init=no-dispatch-override destroy cleanup\n"
    "driver-create scope=device init=non-pnp\n"
    "   driver-create   init=none   \n"
    "\n"
    "miniport-device-create $dev parent=$driver attached destroy cleanup # the device\n"
    "object-create $obj exec=passive parent=$dev context destroy cleanup\n"
    "memory-create $mem pool=paged size=4096 parent=$obj destroy cleanup\r\n"
    "memory-create $mem2 pool=nonpaged\n"
    "timer-create\t$tmr exec=dispatch period=10 parent=$dev destroy cleanup\n"
    "timer-create $tmr2 exec=inherit parent=$dev\n"
    "timer-start $tmr due=5\n"
    "timer-start $tmr2\n"
    "timer-stop $tmr wait\n"
    "timer-stop $tmr2\n"
    "workitem-create $wi parent=$dev destroy cleanup\n"
    "workitem-enqueue $wi\n"
    "workitem-flush $wi\n"
    "spinlock-create $sl parent=$dev destroy cleanup\n"
    "spinlock-acquire $sl\n"
    "spinlock-release $sl\n"
    "waitlock-create $wl parent=$dev destroy cleanup\n"
    "waitlock-acquire $wl timeout=0\n"
    "waitlock-acquire $wl\n"
    "waitlock-release $wl\n"
    "collection-create $coll parent=$driver destroy cleanup\n"
    "collection-add $coll $obj\n"
    "collection-remove $coll $obj\n"
    "context-allocate $obj destroy cleanup\n"
    "reference $obj tag=7\n"
    "reference $obj\n"
    "dereference $obj tag=7\n"
    "dereference $obj\n"
    "irql passive\n"
    "irql apc\n"
    "irql dispatch\n"
    "fail-alloc nth=3\n"
    "fail-alloc after=2\n"
    "fail-alloc site=timer-object\n"
    "fail-alloc seed=1234 percent=50\n"
    "fail-alloc percent=100\n"
    "fail-alloc off\n"
    "run-deferred\n"
    "timer-fire $tmr\n"
    "workitem-run $wi\n"
    "on $obj cleanup\n"
    "delete $mem\n"
    "end\n"
    "on $obj destroy\n"
    "end\n"
    "on $driver unload\n"
    "    irql passive\n"
    "end\n"
    "on $tmr timer\n"
    "\ttimer-stop $tmr\n"
    "end\n"
    "on $wi workitem\n"
    "  object-create $late\n"
    "  object-create $obj   # rebinds $obj\n"
    "end\n"
    "delete $dev\n"
    "miniport-unload\n"
    "miniport-unload $driver\n"
    "pool-allocate $buf pool=paged size=32\n"
    "pool-free $buf tag=7\n"
    "pool-free $buf\n"
    "image-unload\n"
    "image-unload   entry-failed # the stub after a failed DriverEntry\n"
    "follow-documentation unload-callback\n"
    "device-io-target $lower device=$dev\n"
    "iotarget-create $side device=$dev destroy cleanup\n"
    "iotarget-open-by-name $side\n"
    "iotarget-open $side\n"
    "iotarget-start $side\n"
    "iotarget-stop $side action=wait\n"
    "iotarget-stop $side\n"
    "iotarget-purge $side wait\n"
    "iotarget-close $side\n"
    "request-create $req parent=$dev destroy cleanup\n"
    "request-format $req $lower\n"
    "request-send $req $lower sync timeout=10\n"
    "request-reuse $req\n"
    "request-cancel $req\n"
    "request-complete $req status=cancelled # the lower device\n"
    "ioctl-sync $lower timeout=5\n"
    "memory-preallocated $pre size=16 parent=$dev destroy cleanup\n"
    "object-acquire-lock $dev\n"
    "object-release-lock $dev\n"
    "lower-device status=no-answer\n"
    "dpc-create $dpc parent=$dev destroy cleanup\n"
    "dpc-enqueue $dpc\n"
    "dpc-cancel $dpc wait\n"
    "dpc-run $dpc\n"
    "string-create $str parent=$dev destroy cleanup\n"
    "registry-open $key parent=$driver destroy cleanup\n"
    "registry-query $key\n"
    "registry-close $key\n"
    "lookaside-create $la pool=paged size=128 parent=$dev destroy cleanup\n"
    "memory-from-lookaside $lm from=$la\n"
    "on $req completion\n"
    "  request-reuse $req\n"
    "end\n"
    "on $dpc dpc\n"
    "  dpc-enqueue $dpc\n"
    "end";

/* ---------------------------------------------------------------- helpers */

/* Parses the C string s into *p, failing the test (with the message) when
 * the parser refuses it. */
static void parse_ok(const char *s, struct program *p)
{
    if (prog_parse_text(s, strlen(s), p, err, sizeof err) != 0)
        fail_msg("refused: %s\n--- text ---\n%s", err, s);
}

/* Prints *p into `text`, checking it fit. Returns text. */
static const char *print(const struct program *p, int canonical)
{
    size_t n = prog_print_text(p, canonical, text, sizeof text);

    assert_true(n < sizeof text);
    assert_int_equal(strlen(text), n);
    return text;
}


/* The options only driver programs' ops take. */
#define DRIVER_OPTS (OPT_ADAPTER | OPT_DOUBLE_UNLOAD | OPT_INJECT_IRQL)

/* A driver program with every op of driver programs and every option. */
static const char driver_ops[] =
    "load\n"
    "device-arrival\n"
    "device-arrival\n"
    "fire timer#0\n"
    "run workitem#15\n"
    "device-removal adapter=1\n"
    "device-removal\n"
    "fail-alloc nth=2\n"
    "run-deferred\n"
    "inject double-unload irql\n"
    "irql dispatch\n"
    "port-unload\n";

/* Where prog_name() writes a decoded program's canonical names. */
static char name_buf[PROG_NAME_MAX];

/* Asserts that a and b have the same ops and the same slot names. */
static void expect_same_program(const struct program *a, const struct program *b)
{
    char na[PROG_NAME_MAX], nb[PROG_NAME_MAX];
    uint32_t s;

    expect_same_ops(a, b);
    for (s = 0; s < a->nslots; s++)
        assert_string_equal(prog_name(a, s, na), prog_name(b, s, nb));
}

/* Asserts that the text s is refused with exactly the message `want`. */
static void expect_error_n(const char *s, size_t len, const char *want)
{
    int rc = prog_parse_text(s, len, &pa, err, sizeof err);

    if (rc != -1)
        fail_msg("accepted: %s", s);
    if (strcmp(err, want) != 0)
        fail_msg("for %s\n got: %s\nwant: %s", s, err, want);
    assert_int_equal(pa.nops, 0);
    assert_int_equal(pa.nslots, 1);
}

/* expect_error_n for a C string. */
static void expect_error(const char *s, const char *want)
{
    expect_error_n(s, strlen(s), want);
}

/* One step of xorshift32 on *x (never 0). Returns the new value. */
static uint32_t xorshift32(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* -------------------------------------------------------------- metadata */

/* Every op's name looks up to itself; unknown names and codes are refused;
 * the callback kinds have their words. */
static void op_metadata_matches_ops_def(void **state)
{
    int c;

    for (c = 0; c < OP__COUNT; c++) {
        assert_int_equal(op_lookup(op_name((enum op_code)c)), c);
        assert_int_equal(op_options((enum op_code)c) & ~(uint32_t)OPT__ALL, 0);
        assert_true(op_in((enum op_code)c, PROG_API) || op_in((enum op_code)c, PROG_DRIVER));
    }
    assert_string_equal(op_name(OP_DRIVER_CREATE), "driver-create");
    assert_string_equal(op_name(OP_END), "end");
    assert_int_equal(op_arg(OP_COLLECTION_ADD), ARG_OBJ2);
    assert_int_equal(op_arg(OP_MINIPORT_UNLOAD), ARG_OPTOBJ);
    assert_int_equal(op_options(OP_TIMER_STOP), OPT_WAIT);
    assert_int_equal(op_lookup("Driver-Create"), OP__COUNT);
    assert_int_equal(op_lookup(""), OP__COUNT);
    assert_string_equal(op_name(OP__COUNT), "");
    assert_int_equal(op_options(OP__COUNT), 0);
    assert_string_equal(block_kind_name(BLOCK_CLEANUP), "cleanup");
    assert_string_equal(block_kind_name(BLOCK_DESTROY), "destroy");
    assert_string_equal(block_kind_name(BLOCK_UNLOAD), "unload");
    assert_string_equal(block_kind_name(BLOCK_TIMER), "timer");
    assert_string_equal(block_kind_name(BLOCK_WORKITEM), "workitem");
    assert_string_equal(block_kind_name(BLOCK__COUNT), "");
}

/* ------------------------------------------------------------------ text */

/* The program using every op, option and callback kind parses, carries the
 * values written, and prints back byte for byte. */
static void every_op_option_and_block_kind_round_trips(void **state)
{
    uint8_t codes[OP__COUNT] = {0}, api_codes[OP__COUNT] = {0};
    uint32_t opts = 0, kinds = 0, levels = 0, i;

    for (i = 0; i < OP__COUNT; i++)
        api_codes[i] = (uint8_t)op_in((enum op_code)i, PROG_API);
    parse_ok(all_ops, &pa);
    assert_int_equal(pa.kind, PROG_API);
    assert_string_equal(print(&pa, 1), all_ops);
    assert_string_equal(print(&pa, 0), all_ops);
    for (i = 0; i < pa.nops; i++) {
        codes[pa.ops[i].code] = 1;
        opts |= pa.ops[i].opts;
        if (pa.ops[i].code == OP_ON)
            kinds |= 1u << pa.ops[i].level;
        if (pa.ops[i].code == OP_IRQL)
            levels |= 1u << pa.ops[i].level;
        assert_int_equal(pa.ops[i].line, i + 1);
    }
    assert_memory_equal(codes, api_codes, sizeof codes);
    assert_int_equal(opts, OPT__ALL & ~DRIVER_OPTS);
    assert_int_equal(kinds, (1u << BLOCK__COUNT) - 1);
    assert_int_equal(levels, 7);
    assert_int_equal(pa.nslots, 22);

    /* What the values became. */
    assert_int_equal(pa.ops[0].code, OP_DRIVER_CREATE);
    assert_int_equal(pa.ops[0].target, SLOT_DRIVER);
    assert_int_equal(pa.ops[0].level, INIT_NO_DISPATCH_OVERRIDE);
    assert_int_equal(pa.ops[0].opts, OPT_CLEANUP | OPT_DESTROY | OPT_UNLOAD_CALLBACK | OPT_INIT);
    assert_int_equal(pa.ops[1].level, INIT_NON_PNP);
    assert_int_equal(pa.ops[2].level, INIT_NONE);
    assert_int_equal(pa.ops[3].target, 1);
    assert_int_equal(pa.ops[3].arg, SLOT_DRIVER);
    assert_int_equal(pa.ops[4].level, WdfExecutionLevelPassive);
    assert_int_equal(pa.ops[4].arg, 1);
    assert_int_equal(pa.ops[5].num, 4096);
    assert_int_equal(pa.ops[5].level, 1);
    assert_int_equal(pa.ops[6].level, 0);
    assert_int_equal(pa.ops[6].arg, SLOT_NONE);
    assert_int_equal(pa.ops[7].num, 10);
    assert_int_equal(pa.ops[7].level, WdfExecutionLevelDispatch);
    assert_int_equal(pa.ops[8].level, WdfExecutionLevelInheritFromParent);
    assert_int_equal(pa.ops[9].num, 5);
    assert_int_equal(pa.ops[24].target, 10);
    assert_int_equal(pa.ops[24].arg, 2);
    assert_int_equal(pa.ops[27].num, 7);
    assert_int_equal(pa.ops[32].level, APC_LEVEL);
    assert_int_equal(pa.ops[36].num, SITE_TIMER_OBJECT);
    assert_int_equal(pa.ops[37].num, 50);
    assert_int_equal(pa.ops[37].seed, 1234);
    assert_int_equal(pa.ops[39].opts, OPT_OFF);
    assert_int_equal(pa.ops[43].target, 2);
    assert_int_equal(pa.ops[43].level, BLOCK_CLEANUP);
    assert_int_equal(pa.ops[56].target, 2); /* rebinding keeps the slot */
    assert_int_equal(pa.ops[59].code, OP_MINIPORT_UNLOAD);
    assert_int_equal(pa.ops[59].target, SLOT_NONE);
    assert_int_equal(pa.ops[60].target, SLOT_DRIVER);
}

/* A program written with own names, comments, tabs, CRLF and options in any
 * order prints as the canonical form, and its own names survive a
 * non-canonical print. */
static void written_form_prints_canonically(void **state)
{
    parse_ok(all_ops_written, &pa);
    assert_string_equal(print(&pa, 1), all_ops);
    assert_string_equal(pa.names[1], "$dev");
    assert_string_equal(pa.names[11], "$late");
    assert_non_null(strstr(print(&pa, 0), "  object-create $obj\n"));
    parse_ok(text, &pb);
    expect_same_program(&pa, &pb);
    assert_int_equal(pa.ops[3].line, 6);
}

/* Names become slots in order of first binding; rebinding keeps the slot;
 * $driver is slot 0 whether or not driver-create ever ran. */
static void canonical_names_follow_binding_order(void **state)
{
    static const char src[] =
        "object-create $zeta\n"
        "delete $driver\n"
        "driver-create $driver\n"
        "timer-create $alpha parent=$zeta\n"
        "object-create $zeta\n"
        "collection-add $alpha $zeta\n"
        "miniport-unload $alpha\n";

    parse_ok(src, &pa);
    assert_int_equal(pa.nslots, 3);
    assert_string_equal(pa.names[0], "$driver");
    assert_string_equal(pa.names[1], "$zeta");
    assert_string_equal(pa.names[2], "$alpha");
    assert_int_equal(pa.ops[1].target, SLOT_DRIVER);
    assert_int_equal(pa.ops[4].target, 1);
    assert_string_equal(print(&pa, 1),
                        "object-create $o1\n"
                        "delete $driver\n"
                        "driver-create\n"
                        "timer-create $o2 parent=$o1\n"
                        "object-create $o1\n"
                        "collection-add $o2 $o1\n"
                        "miniport-unload $o2\n");
    assert_string_equal(print(&pa, 0),
                        "object-create $zeta\n"
                        "delete $driver\n"
                        "driver-create\n"
                        "timer-create $alpha parent=$zeta\n"
                        "object-create $zeta\n"
                        "collection-add $alpha $zeta\n"
                        "miniport-unload $alpha\n");

    /* A name spelled like a canonical one is just a name. */
    parse_ok("object-create $o2\nobject-create $o1\ndelete $o2\n", &pa);
    assert_int_equal(pa.ops[2].target, 1);
    assert_string_equal(print(&pa, 1), "object-create $o1\nobject-create $o2\ndelete $o1\n");
}

/* Blank lines, comment lines, trailing comments, tabs, CR and a missing
 * final newline are all fine; line numbers count every line. */
static void comments_blanks_and_line_endings(void **state)
{
    parse_ok("", &pa);
    assert_int_equal(pa.nops, 0);
    assert_int_equal(pa.nslots, 1);
    assert_string_equal(print(&pa, 1), "");
    parse_ok("\n\n   \t\n# only a comment\n#\n", &pa);
    assert_int_equal(pa.nops, 0);
    parse_ok("  # header\r\n\r\n\tobject-create \t $a\t# make it\r\ndelete $a#gone", &pa);
    assert_int_equal(pa.nops, 2);
    assert_int_equal(pa.ops[0].line, 3);
    assert_int_equal(pa.ops[1].line, 4);
    assert_string_equal(print(&pa, 0), "object-create $a\ndelete $a\n");
    /* '#' cuts even inside a word. */
    parse_ok("reference $driver tag=1#0\n", &pa);
    assert_int_equal(pa.ops[0].num, 1);
}

/* Numbers are decimal uint32: 0 to 4294967295, leading zeros allowed. */
static void numbers_cover_uint32(void **state)
{
    parse_ok("memory-create $m size=0\nmemory-create $m size=4294967295\n"
             "memory-create $m size=007\nfail-alloc percent=0 seed=4294967295\n",
             &pa);
    assert_int_equal(pa.ops[0].num, 0);
    assert_int_equal(pa.ops[1].num, UINT32_MAX);
    assert_int_equal(pa.ops[2].num, 7);
    assert_int_equal(pa.ops[3].seed, UINT32_MAX);
    assert_string_equal(print(&pa, 1),
                        "memory-create $o1 size=0\nmemory-create $o1 size=4294967295\n"
                        "memory-create $o1 size=7\nfail-alloc percent=0 seed=4294967295\n");
}

/* Every allocation site of sites.def can be named by fail-alloc site=. */
static void every_site_name_parses(void **state)
{
    int s;

    for (s = 0; s < SITE__COUNT; s++) {
        char src[96];

        snprintf(src, sizeof src, "fail-alloc site=%s\n", model_site_name((enum model_site)s));
        parse_ok(src, &pa);
        assert_int_equal(pa.ops[0].num, s);
        assert_int_equal(pa.ops[0].opts, OPT_SITE);
        assert_string_equal(print(&pa, 1), src);
    }
}

/* Every way of getting the text wrong is refused with its line. */
static void parse_errors_name_their_line(void **state)
{
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        /* ops */
        {"frobnicate\n", "line 1: unknown op 'frobnicate'"},
        {"driver-create\n\n# c\nDelete $driver\n", "line 4: unknown op 'Delete'"},
        {"driver-create-and-then-some-more-words-to-make-it-long\n",
         "line 1: unknown op 'driver-create-and-then-some-more-words-to-...'"},
        /* operands */
        {"delete\n", "line 1: delete needs a $name"},
        {"delete cleanup\n", "line 1: delete needs a $name"},
        {"collection-add $driver\n", "line 1: collection-add needs two $names"},
        {"object-create\n", "line 1: object-create needs a $name to bind"},
        {"object-create cleanup\n", "line 1: object-create needs a $name to bind"},
        {"object-create $driver\n", "line 1: only driver-create binds $driver"},
        {"driver-create $drv\n", "line 1: driver-create binds $driver, not $drv"},
        {"delete $driver $driver\n", "line 1: unexpected '$driver' after delete's operands"},
        {"miniport-unload $driver $driver\n",
         "line 1: unexpected '$driver' after miniport-unload's operands"},
        {"delete $driver now\n", "line 1: unexpected 'now' after delete"},
        {"run-deferred now\n", "line 1: unexpected 'now' after run-deferred"},
        /* names */
        {"delete $a\n", "line 1: $a is not bound"},
        {"object-create $a parent=$a\n", "line 1: $a is not bound"},
        {"object-create $a\ncollection-add $a $b\n", "line 2: $b is not bound"},
        {"on $x cleanup\nend\n", "line 1: $x is not bound"},
        {"driver-create\nminiport-unload $d\n", "line 2: $d is not bound"},
        {"delete $\n", "line 1: bad name '$' (a name is $ and letters, digits or _)"},
        {"delete $a-b\n", "line 1: bad name '$a-b' (a name is $ and letters, digits or _)"},
        {"object-create $\xc3\xa9\n", "line 1: bad name '$?" "?' (a name is $ and letters, digits or _)"},
        {"object-create $a\nobject-create $b parent=a\n",
         "line 2: bad name 'a' (a name is $ and letters, digits or _)"},
        {"object-create $abcdefghijklmnopqrstuvwxyz01234\n",
         "line 1: name '$abcdefghijklmnopqrstuvwxyz01234' too long (at most 30 characters after $)"},
        /* levels and callback kinds */
        {"irql\n", "line 1: irql needs a level (passive, apc or dispatch)"},
        {"irql high\n", "line 1: bad level 'high' (passive, apc or dispatch)"},
        {"irql PASSIVE\n", "line 1: bad level 'PASSIVE' (passive, apc or dispatch)"},
        {"irql passive apc\n", "line 1: unexpected 'apc' after irql"},
        {"on\n", "line 1: on needs a $name and a callback kind"},
        {"on cleanup\n", "line 1: on needs a $name and a callback kind"},
        {"on $driver\n",
         "line 1: on needs a callback kind (cleanup, destroy, unload, timer or workitem)"},
        {"on $driver teardown\nend\n",
         "line 1: bad callback kind 'teardown' (cleanup, destroy, unload, timer or workitem)"},
        {"on $driver unload now\nend\n", "line 1: unexpected 'now' after on"},
        /* blocks */
        {"end\n", "line 1: end without on"},
        {"on $driver unload\nend\nend\n", "line 3: end without on"},
        {"on $driver unload\n  on $driver cleanup\n  end\nend\n",
         "line 2: on inside the block opened at line 1 (blocks do not nest)"},
        {"object-create $a\non $a cleanup\n  delete $a\n\n",
         "line 2: on without end (the block is not closed)"},
        {"end $driver\n", "line 1: end without on"},
        {"on $driver unload\nend $driver\n", "line 2: unexpected '$driver' after end's operands"},
        {"on $driver unload\nend now\n", "line 2: unexpected 'now' after end"},
        /* options */
        {"object-create $a bogus\n", "line 1: unknown option 'bogus'"},
        {"object-create $a bogus=1\n", "line 1: unknown option 'bogus'"},
        {"reference $driver =3\n", "line 1: unknown option ''"},
        {"timer-start $driver wait\n", "line 1: timer-start does not take option wait"},
        {"object-create $a size=3\n", "line 1: object-create does not take option size"},
        {"driver-create parent=$driver\n", "line 1: driver-create does not take option parent"},
        {"fail-alloc nth=1 tag=2\n", "line 1: fail-alloc does not take option tag"},
        {"object-create $a cleanup cleanup\n", "line 1: option cleanup given twice"},
        {"reference $driver tag=1 tag=2\n", "line 1: option tag given twice"},
        {"object-create $a cleanup=1\n", "line 1: option cleanup takes no value"},
        {"timer-stop $driver wait=\n", "line 1: option wait takes no value"},
        {"memory-create $m size\n", "line 1: option size needs a value (size=...)"},
        {"object-create $a parent\n", "line 1: option parent needs a value (parent=...)"},
        {"object-create $a parent=\n",
         "line 1: bad name '' (a name is $ and letters, digits or _)"},
        {"memory-create $m pool=huge\n", "line 1: bad pool 'huge' (paged or nonpaged)"},
        {"object-create $o exec=high\n", "line 1: bad exec 'high' (passive, dispatch or inherit)"},
        {"driver-create init=pnp\n",
         "line 1: bad init 'pnp' (no-dispatch-override, non-pnp or none)"},
        /* numbers */
        {"memory-create $m size=\n", "line 1: size= needs a number"},
        {"memory-create $m size=-1\n",
         "line 1: bad number '-1' for size= (a decimal from 0 to 4294967295)"},
        {"memory-create $m size=+1\n",
         "line 1: bad number '+1' for size= (a decimal from 0 to 4294967295)"},
        {"memory-create $m size=12k\n",
         "line 1: bad number '12k' for size= (a decimal from 0 to 4294967295)"},
        {"memory-create $m size=0x10\n",
         "line 1: bad number '0x10' for size= (a decimal from 0 to 4294967295)"},
        {"memory-create $m size=4294967296\n",
         "line 1: number '4294967296' for size= is over 4294967295"},
        {"timer-start $driver due=99999999999999999999999999\n",
         "line 1: number '99999999999999999999999999' for due= is over 4294967295"},
        {"fail-alloc percent=50 seed=x\n",
         "line 1: bad number 'x' for seed= (a decimal from 0 to 4294967295)"},
        /* fail-alloc */
        {"fail-alloc\n", "line 1: fail-alloc needs one of nth=, after=, site=, percent= or off"},
        {"fail-alloc seed=3\n", "line 1: fail-alloc needs one of nth=, after=, site=, percent= or off"},
        {"fail-alloc nth=1 off\n",
         "line 1: fail-alloc takes only one of nth=, after=, site=, percent= and off"},
        {"fail-alloc after=1 percent=3\n",
         "line 1: fail-alloc takes only one of nth=, after=, site=, percent= and off"},
        {"fail-alloc nth=1 seed=3\n", "line 1: seed= goes only with percent="},
        {"fail-alloc off seed=3\n", "line 1: seed= goes only with percent="},
        {"fail-alloc percent=101\n", "line 1: percent=101 is over 100"},
        {"fail-alloc off=1\n", "line 1: option off takes no value"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_error(cases[i].text, cases[i].want);
}

/* A site that sites.def does not name is refused, saying where the valid
 * ones are listed (there are too many for one message). */
static void unknown_site_names_the_list(void **state)
{
    static const char src[] = "driver-create\nfail-alloc site=nowhere\n";

    assert_int_equal(prog_parse_text(src, strlen(src), &pa, err, sizeof err), -1);
    assert_non_null(
        strstr(err, "line 2: bad site 'nowhere' (one of the sites 'unloadfuzz sites' lists)"));
    assert_int_equal(prog_parse_text("fail-alloc site=\n", 17, &pa, err, sizeof err), -1);
    assert_non_null(strstr(err, "line 1: bad site '' (one of the sites"));
}

/* A NUL byte is just a byte: it makes a bad word, shown as '?'. */
static void nul_bytes_are_refused(void **state)
{
    static const char src[] = "driver-create\ndelete\0$driver\n";

    expect_error_n(src, sizeof src - 1, "line 2: unknown op 'delete?$driver'");
    expect_error_n("fail-alloc site=context\0\n", 25,
                   "line 1: bad site 'context?' (one of the sites 'unloadfuzz sites' lists)");
    expect_error_n("delete $dri\0ver\n", 16,
                   "line 1: bad name '$dri?ver' (a name is $ and letters, digits or _)");
}

/* PROG_MAX_OPS ops, PROG_MAX_SLOTS names and 30-character names are
 * accepted; one more of any is refused. */
static void limits_are_enforced(void **state)
{
    size_t o = 0;
    int i;

    for (i = 0; i < PROG_MAX_OPS; i++)
        o += (size_t)snprintf(text2 + o, sizeof text2 - o, "run-deferred\n");
    parse_ok(text2, &pa);
    assert_int_equal(pa.nops, PROG_MAX_OPS);
    snprintf(text2 + o, sizeof text2 - o, "\n# fine\nrun-deferred\n");
    expect_error(text2, "line 515: more than 512 ops");

    /* A block must close within the limit. */
    o = 0;
    for (i = 0; i < PROG_MAX_OPS - 2; i++)
        o += (size_t)snprintf(text2 + o, sizeof text2 - o, "run-deferred\n");
    snprintf(text2 + o, sizeof text2 - o, "on $driver unload\nend\n");
    parse_ok(text2, &pa);
    snprintf(text2 + o, sizeof text2 - o, "on $driver unload\nrun-deferred\nend\n");
    expect_error(text2, "line 513: more than 512 ops");

    o = 0;
    for (i = 1; i < PROG_MAX_SLOTS; i++)
        o += (size_t)snprintf(text2 + o, sizeof text2 - o, "object-create $n%d\n", i);
    o += (size_t)snprintf(text2 + o, sizeof text2 - o, "object-create $n1\n");
    parse_ok(text2, &pa);
    assert_int_equal(pa.nslots, PROG_MAX_SLOTS);
    assert_string_equal(pa.names[PROG_MAX_SLOTS - 1], "$n63");
    snprintf(text2 + o, sizeof text2 - o, "object-create $n64\n");
    expect_error(text2, "line 65: more than 64 names");

    parse_ok("object-create $abcdefghijklmnopqrstuvwxyz0123\n", &pa);
    assert_string_equal(pa.names[1], "$abcdefghijklmnopqrstuvwxyz0123");
    assert_int_equal(strlen(pa.names[1]), PROG_NAME_MAX - 1);
}

/* The error message is cut to the buffer given, and no buffer is fine. */
static void error_buffer_is_respected(void **state)
{
    char small[9];

    memset(small, 'x', sizeof small);
    assert_int_equal(prog_parse_text("end\n", 4, &pa, small, sizeof small), -1);
    assert_string_equal(small, "line 1: ");
    assert_int_equal(prog_parse_text("end\n", 4, &pa, NULL, 0), -1);
    assert_int_equal(prog_parse_text("delete $driver\n", 15, &pa, small, sizeof small), 0);
    assert_string_equal(small, "");
}

/* The printer works like snprintf: it returns the length needed and writes
 * what fits, NUL-terminated. */
static void print_is_snprintf_like(void **state)
{
    char small[8];

    parse_ok("object-create $a\ndelete $a\n", &pa);
    assert_int_equal(prog_print_text(&pa, 1, NULL, 0), 29);
    assert_int_equal(prog_print_text(&pa, 1, small, sizeof small), 29);
    assert_string_equal(small, "object-");
    assert_int_equal(prog_print_text(&pa, 1, small, 1), 29);
    assert_string_equal(small, "");
}

/* ---------------------------------------------------------------- binary */

/* Text to binary to text gives the canonical form of the original text, and
 * decode(encode(p)) == p for a parsed program. */
static void text_binary_text_gives_canonical_form(void **state)
{
    size_t n;

    parse_ok(all_ops_written, &pa);
    n = prog_encode(&pa, bytes, sizeof bytes);
    assert_true(n > 0 && n < sizeof bytes);
    prog_decode(bytes, n, &pb);
    expect_same_ops(&pa, &pb);
    assert_string_equal(print(&pb, 0), all_ops);
    assert_string_equal(prog_name(&pb, 1, name_buf), "$o1");
    assert_int_equal(pb.ops[0].line, 0);
    /* Encoding the decoded program gives the same bytes. */
    assert_int_equal(prog_encode(&pb, bytes2, sizeof bytes2), n);
    assert_memory_equal(bytes, bytes2, n);

    /* Rebinding below the slot limit survives the trip. */
    parse_ok("object-create $a\nobject-create $b\nobject-create $c\nobject-create $b\n"
             "object-create $a\nobject-create $c\ntimer-create $b parent=$c\n",
             &pa);
    n = prog_encode(&pa, bytes, sizeof bytes);
    prog_decode(bytes, n, &pb);
    expect_same_ops(&pa, &pb);
}

/* Encoding reports the size needed and writes only what fits. */
static void encode_is_snprintf_like(void **state)
{
    uint8_t small[3] = {0xAA, 0xAA, 0xAA};
    size_t n;

    parse_ok("reference $driver tag=300\n", &pa);
    n = prog_encode(&pa, NULL, 0);
    assert_int_equal(n, 5); /* op, slot, option bits, 2-byte varint */
    assert_int_equal(prog_encode(&pa, small, 2), 5);
    assert_int_equal(small[0], OP_REFERENCE);
    assert_int_equal(small[1], 0);
    assert_int_equal(small[2], 0xAA);
    assert_int_equal(prog_encode(&pa, bytes, sizeof bytes), 5);
    assert_int_equal(bytes[2], 1);
    assert_int_equal(bytes[3], 0xAC); /* 300 = 0b10_0101100 */
    assert_int_equal(bytes[4], 0x02);
}

/* Decodes the `n` bytes b into pa. */
static void decode(const uint8_t *b, size_t n)
{
    prog_decode(b, n, &pa);
}

/* The decoder's rules, one by one, as LANGUAGE.md states them. */
static void decoder_rules(void **state)
{
    uint32_t c;

    /* Nothing: the empty program, $driver reserved. */
    decode(NULL, 0);
    assert_int_equal(pa.nops, 0);
    assert_int_equal(pa.nslots, 1);
    assert_string_equal(prog_name(&pa, 0, name_buf), "$driver");

    /* An op cut short is ignored, and so is everything after it. */
    {
        const uint8_t b[] = {OP_RUN_DEFERRED, OP_DELETE};
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 1);
    }
    {
        const uint8_t b[] = {OP_OBJECT_CREATE, 0}; /* option byte missing */
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 0);
        assert_int_equal(pa.nslots, 1);
    }
    {
        const uint8_t b[] = {OP_REFERENCE, 0, 1, 0x80, 0x80}; /* varint cut */
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 0);
    }

    /* The op byte is taken modulo the number of api programs' ops; those
     * before `end` keep their op code as their byte. */
    {
        const uint32_t n = prog_vocab_size(PROG_API);
        const uint8_t b[] = {(uint8_t)(OP_RUN_DEFERRED + n), (uint8_t)(OP_RUN_DEFERRED + 2 * n)};

        for (c = 0; c <= OP_END; c++)
            assert_true(op_in((enum op_code)c, PROG_API));
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 2);
        assert_int_equal(pa.ops[1].code, OP_RUN_DEFERRED);
    }

    /* Creates bind new slots in order; a slot byte >= 0xC0 rebinds one. */
    {
        const uint8_t b[] = {OP_OBJECT_CREATE, 0, 0,      OP_TIMER_CREATE, 0x17, 0,
                             OP_OBJECT_CREATE, 0xC1, 0,   OP_DRIVER_CREATE, 0,
                             OP_DELETE, 5};
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 5);
        assert_int_equal(pa.nslots, 3);
        assert_int_equal(pa.ops[0].target, 1);
        assert_int_equal(pa.ops[1].target, 2);
        assert_int_equal(pa.ops[2].target, 1 + 0xC1 % 2);
        assert_int_equal(pa.ops[3].target, SLOT_DRIVER);
        assert_int_equal(pa.ops[4].target, 5 % 3);
        assert_string_equal(prog_name(&pa, 2, name_buf), "$o2");
    }
    /* With only $driver bound, a rebinding byte binds a new slot. */
    {
        const uint8_t b[] = {OP_OBJECT_CREATE, 0xFF, 0};
        decode(b, sizeof b);
        assert_int_equal(pa.ops[0].target, 1);
        assert_int_equal(pa.nslots, 2);
    }

    /* Options are masked to the op's own; values land in range. */
    {
        const uint8_t b[] = {OP_MEMORY_CREATE, 0, 0xFF, 7, 0x81, 0x01, 3};
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 1);
        assert_int_equal(pa.ops[0].opts,
                         OPT_CLEANUP | OPT_DESTROY | OPT_PARENT | OPT_SIZE | OPT_POOL);
        assert_int_equal(pa.ops[0].arg, 0);   /* 7 % 1 */
        assert_int_equal(pa.ops[0].num, 129); /* 0x81 0x01 */
        assert_int_equal(pa.ops[0].level, 1); /* 3 & 1: paged */
    }
    {
        const uint8_t b[] = {OP_OBJECT_CREATE, 0, 0x10, 5, /* exec */
                             OP_IRQL, 5,                   /* dispatch */
                             OP_DRIVER_CREATE, 0x08, 4,    /* init=non-pnp */
                             OP_ON, 1, 12,                 /* on $o1 (12 % 5) */
                             OP_END};
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 5);
        assert_int_equal(pa.ops[0].opts, OPT_EXEC);
        assert_int_equal(pa.ops[0].level, WdfExecutionLevelInheritFromParent + 5 % 3);
        assert_int_equal(pa.ops[1].level, DISPATCH_LEVEL);
        assert_int_equal(pa.ops[2].opts, OPT_INIT);
        assert_int_equal(pa.ops[2].level, INIT_NON_PNP);
        assert_int_equal(pa.ops[3].target, 1);
        assert_int_equal(pa.ops[3].level, 12 % BLOCK__COUNT);
    }

    /* fail-alloc: the lowest mode bit wins; none means off; seed only with
     * percent; percent modulo 101; site modulo the number of sites. */
    {
        const uint8_t b[] = {OP_FAIL_ALLOC, 0x09, 4,         /* nth+percent: nth=4 */
                             OP_FAIL_ALLOC, 0x10,            /* seed alone: off */
                             OP_FAIL_ALLOC, 0x00,            /* nothing: off */
                             OP_FAIL_ALLOC, 0x18, 0x96, 0x01, 9, /* percent=150%101 seed=9 */
                             OP_FAIL_ALLOC, 0x3C, 200,       /* site+...: site */
                             OP_FAIL_ALLOC, 0xC2, 0x7F};     /* after=127 */
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 6);
        assert_int_equal(pa.ops[0].opts, OPT_NTH);
        assert_int_equal(pa.ops[0].num, 4);
        assert_int_equal(pa.ops[1].opts, OPT_OFF);
        assert_int_equal(pa.ops[2].opts, OPT_OFF);
        assert_int_equal(pa.ops[3].opts, OPT_PERCENT | OPT_SEED);
        assert_int_equal(pa.ops[3].num, 150 % 101);
        assert_int_equal(pa.ops[3].seed, 9);
        assert_int_equal(pa.ops[4].opts, OPT_SITE);
        assert_int_equal(pa.ops[4].num, 200 % SITE__COUNT);
        assert_int_equal(pa.ops[5].opts, OPT_AFTER);
        assert_int_equal(pa.ops[5].num, 127);
    }

    /* miniport-unload: below 0x80 no operand, from 0x80 a slot. */
    {
        const uint8_t b[] = {OP_OBJECT_CREATE, 0, 0, OP_MINIPORT_UNLOAD, 0x7F,
                             OP_MINIPORT_UNLOAD, 0x81, OP_MINIPORT_UNLOAD, 0xFE};
        decode(b, sizeof b);
        assert_int_equal(pa.ops[1].target, SLOT_NONE);
        assert_int_equal(pa.ops[2].target, 1);
        assert_int_equal(pa.ops[3].target, (0xFE - 0x80) % 2);
    }

    /* Varints: five bytes at most, bits past 32 dropped. */
    {
        const uint8_t b[] = {OP_REFERENCE, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                             OP_REFERENCE, 0, 1, 0x80, 0x80, 0x80, 0x80, 0x81, OP_RUN_DEFERRED};
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 3);
        assert_int_equal(pa.ops[0].num, UINT32_MAX);
        assert_int_equal(pa.ops[1].num, 1u << 28);
        assert_int_equal(pa.ops[2].code, OP_RUN_DEFERRED);
    }

    /* Blocks: END outside one is dropped, ON inside one closes it first, an
     * open block is closed at the end. */
    {
        const uint8_t b[] = {OP_END, OP_ON, 0, 2, OP_RUN_DEFERRED, OP_ON, 0, 3, OP_DELETE, 0};
        decode(b, sizeof b);
        assert_int_equal(pa.nops, 6);
        assert_int_equal(pa.ops[0].code, OP_ON);
        assert_int_equal(pa.ops[1].code, OP_RUN_DEFERRED);
        assert_int_equal(pa.ops[2].code, OP_END);
        assert_int_equal(pa.ops[3].code, OP_ON);
        assert_int_equal(pa.ops[3].level, BLOCK_TIMER);
        assert_int_equal(pa.ops[4].code, OP_DELETE);
        assert_int_equal(pa.ops[5].code, OP_END);
        assert_string_equal(print(&pa, 1), "on $driver unload\n  run-deferred\nend\n"
                                           "on $driver timer\n  delete $driver\nend\n");
    }
}

/* The slot and op limits: creates past PROG_MAX_SLOTS rebind, ops past
 * PROG_MAX_OPS are ignored, an open block keeps room for its END. */
static void decoder_limits(void **state)
{
    size_t n = 0;
    int i;

    for (i = 0; i < PROG_MAX_SLOTS + 2; i++) {
        bytes[n++] = OP_SPINLOCK_CREATE;
        bytes[n++] = 0;
        bytes[n++] = 0;
    }
    decode(bytes, n);
    assert_int_equal(pa.nslots, PROG_MAX_SLOTS);
    assert_int_equal(pa.ops[PROG_MAX_SLOTS - 2].target, PROG_MAX_SLOTS - 1);
    assert_int_equal(pa.ops[PROG_MAX_SLOTS - 1].target, 1);
    assert_int_equal(pa.ops[PROG_MAX_SLOTS].target, 1);
    assert_string_equal(prog_name(&pa, PROG_MAX_SLOTS - 1, name_buf), "$o63");
    n = prog_encode(&pa, bytes2, sizeof bytes2);
    prog_decode(bytes2, n, &pb);
    expect_same_program(&pa, &pb);

    memset(bytes, OP_RUN_DEFERRED, 600);
    decode(bytes, 600);
    assert_int_equal(pa.nops, PROG_MAX_OPS);

    /* 510 ops, ON fits with its END, nothing more inside it. */
    memset(bytes, OP_RUN_DEFERRED, 510);
    bytes[510] = OP_ON;
    bytes[511] = 0;
    bytes[512] = 0;
    memset(bytes + 513, OP_RUN_DEFERRED, 5);
    decode(bytes, 518);
    assert_int_equal(pa.nops, PROG_MAX_OPS);
    assert_int_equal(pa.ops[510].code, OP_ON);
    assert_int_equal(pa.ops[511].code, OP_END);
    /* 511 ops: no room for ON and END, so ON and the rest are ignored. */
    memset(bytes, OP_RUN_DEFERRED, 511);
    bytes[511] = OP_ON;
    bytes[512] = 0;
    bytes[513] = 0;
    bytes[514] = OP_RUN_DEFERRED;
    decode(bytes, 515);
    assert_int_equal(pa.nops, 511);
    /* ON inside a block needs room for END, ON and END: with 509 ops it
     * has it, with 510 it is ignored and the open block closed. */
    bytes[0] = OP_ON;
    bytes[1] = 0;
    bytes[2] = 0;
    memset(bytes + 3, OP_RUN_DEFERRED, 508);
    bytes[511] = OP_ON;
    bytes[512] = 0;
    bytes[513] = 1;
    decode(bytes, 514);
    assert_int_equal(pa.nops, PROG_MAX_OPS);
    assert_int_equal(pa.ops[509].code, OP_END);
    assert_int_equal(pa.ops[510].code, OP_ON);
    assert_int_equal(pa.ops[511].code, OP_END);
    print(&pa, 1);
    parse_ok(text, &pb);
    expect_same_ops(&pa, &pb);
    memset(bytes + 3, OP_RUN_DEFERRED, 509);
    bytes[512] = OP_ON;
    bytes[513] = 0;
    bytes[514] = 1;
    decode(bytes, 515);
    assert_int_equal(pa.nops, 511);
    assert_int_equal(pa.ops[509].code, OP_RUN_DEFERRED);
    assert_int_equal(pa.ops[510].code, OP_END);
    print(&pa, 1);
    parse_ok(text, &pb);
    expect_same_ops(&pa, &pb);
}

/* Driver programs (the port's ops, timer#N and workitem#N operands): every
 * op and option parses and prints back, is a driver program, and goes
 * through the binary form, whose code bytes number the driver programs'
 * ops on their own. */
static void driver_programs_round_trip(void **state)
{
    uint32_t opts = 0, i, n;

    parse_ok(driver_ops, &pa);
    assert_int_equal(pa.kind, PROG_DRIVER);
    assert_string_equal(print(&pa, 1), driver_ops);
    for (i = 0; i < pa.nops; i++) {
        assert_true(op_in((enum op_code)pa.ops[i].code, PROG_DRIVER));
        opts |= pa.ops[i].opts;
    }
    assert_int_equal(opts & DRIVER_OPTS, DRIVER_OPTS);
    assert_int_equal(pa.ops[3].target, 0);
    assert_int_equal(pa.ops[4].target, 15);
    assert_int_equal(pa.ops[5].num, 1);
    n = (uint32_t)prog_encode(&pa, bytes, sizeof bytes);
    assert_int_equal(bytes[0], 3); /* load: the fourth op of driver programs */
    prog_decode_kind(bytes, n, PROG_DRIVER, &pb);
    assert_int_equal(pb.kind, PROG_DRIVER);
    expect_same_ops(&pa, &pb);
    /* the same bytes read as an api program are api ops */
    prog_decode(bytes, n, &pc);
    assert_int_equal(pc.kind, PROG_API);
    for (i = 0; i < pc.nops; i++)
        assert_true(op_in((enum op_code)pc.ops[i].code, PROG_API));
    /* a program of ops both kinds have is an api program until told */
    parse_ok("run-deferred\nfail-alloc off\n", &pa);
    assert_int_equal(pa.kind, PROG_API);
    assert_int_equal(prog_set_kind(&pa, PROG_DRIVER, err, sizeof err), 0);
    assert_int_equal(pa.kind, PROG_DRIVER);
}

/* A program plays the driver or the port, never both; TYPE#N operands are
 * checked; a `#` inside a word is not a comment. */
static void program_kinds_do_not_mix(void **state)
{
    expect_error("driver-create\nload\n",
                 "line 2: load belongs to driver programs, line 1 to api programs (a program "
                 "plays the driver or the port, not both)");
    expect_error("load\n\nobject-create $o\n",
                 "line 3: object-create belongs to api programs, line 1 to driver programs (a "
                 "program plays the driver or the port, not both)");
    expect_error("fire\n", "line 1: fire needs an object: timer#N");
    expect_error("fire workitem#0\n", "line 1: fire needs timer#N, not 'workitem#0'");
    expect_error("run timer#1", "line 1: run needs workitem#N, not 'timer#1'");
    expect_error("run workitem#", "line 1: run needs workitem#N, not 'workitem'"); /* # comment */
    expect_error("fire timer#16\n", "line 1: timer#16: at most timer#15");
    expect_error("device-removal adapter=4\n",
                 "line 1: adapter=4: adapters are numbered 0 to 3");
    expect_error("inject irql=1\n", "line 1: option irql takes no value");
    parse_ok("fire timer#2 # the watchdog\n#fire timer#3\nfire timer#4#5\n", &pa);
    assert_int_equal(pa.nops, 2);
    assert_int_equal(pa.ops[1].target, 4);
    assert_int_equal(pa.ops[0].target, 2);
    parse_ok("delete $driver\n", &pa);
    assert_int_equal(prog_set_kind(&pa, PROG_DRIVER, err, sizeof err), -1);
    assert_string_equal(err, "line 1: delete is not an op of driver programs");
}

/* 20,000 pseudo-random byte strings decode to driver programs that print,
 * parse back (as driver programs) and survive encode-decode. */
static void random_driver_programs_round_trip(void **state)
{
    uint32_t x = 0x9E3779B9u, iter;
    size_t total_ops = 0;

    for (iter = 0; iter < 20000; iter++) {
        size_t len = xorshift32(&x) % 40, i, n1;

        for (i = 0; i < len; i++)
            bytes[i] = (uint8_t)(xorshift32(&x) >> 24);
        prog_decode_kind(bytes, len, PROG_DRIVER, &pa);
        total_ops += pa.nops;
        prog_print_text(&pa, 1, text, sizeof text);
        if (prog_parse_text(text, strlen(text), &pb, err, sizeof err) != 0 ||
            prog_set_kind(&pb, PROG_DRIVER, err, sizeof err) != 0)
            fail_msg("iteration %u: printed text refused: %s\n%s", (unsigned)iter, err, text);
        expect_same_ops(&pa, &pb);
        n1 = prog_encode(&pa, bytes2, sizeof bytes2);
        prog_decode_kind(bytes2, n1, PROG_DRIVER, &pc);
        expect_same_ops(&pa, &pc);
    }
    assert_true(total_ops > 100000);
}

/* 100,000 pseudo-random byte strings each decode to a program that prints,
 * parses back to the same ops, and survives encode-decode unchanged (and
 * encodes to the same bytes again). */
static void random_byte_strings_round_trip(void **state)
{
    uint32_t x = 0x2545F491u, iter, full_ops = 0, full_slots = 0, with_blocks = 0;
    size_t total_ops = 0;

    for (iter = 0; iter < 100000; iter++) {
        size_t len = xorshift32(&x) % 48, i, n1, n2;

        if (iter % 1000 == 999)
            len = 3000;
        for (i = 0; i < len; i++)
            bytes[i] = (uint8_t)(xorshift32(&x) >> 24);
        prog_decode(bytes, len, &pa);
        total_ops += pa.nops;
        full_ops += pa.nops == PROG_MAX_OPS;
        full_slots += pa.nslots == PROG_MAX_SLOTS;
        for (i = 0; i < pa.nops; i++)
            if (pa.ops[i].code == OP_ON) {
                with_blocks++;
                break;
            }

        prog_print_text(&pa, 1, text, sizeof text);
        if (prog_parse_text(text, strlen(text), &pb, err, sizeof err) != 0)
            fail_msg("iteration %u: printed text refused: %s\n%s", (unsigned)iter, err, text);
        expect_same_program(&pa, &pb);

        n1 = prog_encode(&pa, bytes2, sizeof bytes2);
        assert_true(n1 <= sizeof bytes2);
        prog_decode(bytes2, n1, &pc);
        expect_same_program(&pa, &pc);
        n2 = prog_encode(&pc, bytes, sizeof bytes);
        assert_int_equal(n1, n2);
        assert_memory_equal(bytes, bytes2, n1);
    }
    /* The strings made programs of every size, limits and blocks included. */
    assert_true(total_ops > 500000);
    assert_true(full_ops > 0);
    assert_true(full_slots > 0);
    assert_true(with_blocks > 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(op_metadata_matches_ops_def),
        cmocka_unit_test(every_op_option_and_block_kind_round_trips),
        cmocka_unit_test(written_form_prints_canonically),
        cmocka_unit_test(canonical_names_follow_binding_order),
        cmocka_unit_test(comments_blanks_and_line_endings),
        cmocka_unit_test(numbers_cover_uint32),
        cmocka_unit_test(every_site_name_parses),
        cmocka_unit_test(parse_errors_name_their_line),
        cmocka_unit_test(unknown_site_names_the_list),
        cmocka_unit_test(nul_bytes_are_refused),
        cmocka_unit_test(limits_are_enforced),
        cmocka_unit_test(error_buffer_is_respected),
        cmocka_unit_test(print_is_snprintf_like),
        cmocka_unit_test(text_binary_text_gives_canonical_form),
        cmocka_unit_test(encode_is_snprintf_like),
        cmocka_unit_test(decoder_rules),
        cmocka_unit_test(decoder_limits),
        cmocka_unit_test(random_byte_strings_round_trip),
        cmocka_unit_test(driver_programs_round_trip),
        cmocka_unit_test(program_kinds_do_not_mix),
        cmocka_unit_test(random_driver_programs_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
