/*
 * test_corpus.c - every program under corpus/ runs as it says it does.
 *
 * Regressions (the .ufp files of corpus/regressions/api) open with `# expect: RULE...` (or
 * `# expect: clean`): the rules at or above `break` they must raise, exactly,
 * plus any warnings they must raise. Each is replayed three times in one
 * process, so state leaking from one execution into the next shows up as a
 * changed set or a changed trace. Every rule of the catalogue but
 * internal-* must have a regression. Seeds (corpus/seeds) must parse and
 * run without an internal-* finding. Every corpus file's trace hash must be
 * the one in corpus/trace_hashes.txt, which the clang and gcc builds both
 * check: the same program gives the same trace, byte for byte, everywhere.
 * Set UF_HASHES_UPDATE=1 to rewrite that file after a deliberate change.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "testlib.h"
#include "trace.h"
#include "verdict.h"

#define MAX_FILES 256

struct file {
    char path[1024];  /* corpus dir, sub dir, name */
    char name[320];   /* relative to corpus/ */
};

static struct file files[MAX_FILES];
static int nfiles;
static struct program prog;
static struct trace tr;

/* Orders files by name so the hash list is stable. */
static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct file *)a)->name, ((const struct file *)b)->name);
}

/* Adds every *.ufp file of corpus/<sub> to files[]. */
static void list(const char *sub)
{
    char dir[512];
    const char *n0;
    struct dirent *e;
    DIR *d;

    snprintf(dir, sizeof(dir), "%s/%s", UF_CORPUS_DIR, sub);
    d = opendir(dir);
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);

        if (n < 5 || strcmp(e->d_name + n - 4, ".ufp"))
            continue;
        assert_true(nfiles < MAX_FILES);
        assert_true(strlen(sub) < 64);
        n0 = e->d_name;
        snprintf(files[nfiles].path, sizeof(files[0].path), "%s/%.255s", dir, n0);
        snprintf(files[nfiles].name, sizeof(files[0].name), "%.63s/%.255s", sub, n0);
        nfiles++;
    }
    closedir(d);
}

/* Reads the `# expect:` line of a regression into want[] (1 per rule).
 * Returns 0, or -1 when the file has none; an unknown rule fails the test. */
static int expectations(const char *path, uint8_t want[RULE__COUNT])
{
    char bad[64];
    int n = expect_read(path, want, bad, sizeof bad);

    if (n < 0)
        fail_msg("%s: unknown rule '%s' in # expect", path, bad);
    return n > 0 ? 0 : -1;
}

/* Runs the program at `path` into tr; fails on a load error. */
static void run(const char *path)
{
    assert_int_equal(prog_load_file(path, 0, &prog), 0);
    trace_free(&tr);
    assert_int_equal(trace_run(&tr, &prog), 0);
}

/* Asserts no internal-* rule fired in tr. */
static void no_internal(const char *name)
{
    size_t i;

    for (i = 0; i < tr.nviolations; i++)
        if (model_rule_internal(tr.violations[i].rule))
            fail_msg("%s: the model found itself inconsistent: %s (%s)", name,
                     model_rule_id(tr.violations[i].rule), tr.violations[i].message);
}

/* Each regression raises exactly its expected set, three times over, with
 * the same trace each time. */
static void regressions_raise_exactly_what_they_expect(void **state)
{
    uint8_t want[RULE__COUNT];
    struct verdict got;
    struct expect_mismatch miss;
    uint64_t first = 0;
    int i, k;
    size_t v;

    nfiles = 0;
    list("regressions/api");
    assert_true(nfiles > 0);
    for (i = 0; i < nfiles; i++) {
        assert_int_equal(expectations(files[i].path, want), 0);
        for (k = 0; k < 3; k++) {
            run(files[i].path);
            no_internal(files[i].name);
            if (k == 0)
                first = tr.hash;
            else if (tr.hash != first)
                fail_msg("%s: run %d traced differently from run 1", files[i].name, k + 1);
            verdict_clear(&got);
            for (v = 0; v < tr.nviolations; v++)
                verdict_add(&got, tr.violations[v].rule);
            if (expect_compare(&got, want, &miss, 1) > 0)
                fail_msg("%s: %s %s\n%s", files[i].name,
                         miss.miss == EXPECT_NOT_RAISED ? "expected, not raised:"
                                                        : "raised, not expected:",
                         model_rule_id(miss.rule), trace_text(&tr));
        }
    }
}

/* Rules no op of the language can raise: pool-allocate never asks the
 * pool to raise on failure (POOL_FLAG_RAISE_ON_FAILURE); tests/test_pool.c
 * shows the rule. Nor does an api program trace with WPP or call what the
 * model does not implement: the regressions of a driver target show those
 * (examples/netmini), and tests/test_wpp.c. Nor has an api program a port
 * whose contract it could break: tests/test_ks.c shows AVStream's. */
static int no_op_reaches(enum model_rule r)
{
    /* A port's rules: the api target plays no port (tests/test_ndis.c
     * shows NDIS's, tests/test_portcls.c PortCls's). */
    if (strncmp(model_rule_id(r), "ndis-", 5) == 0 || strncmp(model_rule_id(r), "portcls-", 8) == 0)
        return 1;
    /* A C++ driver's: the api target's driver is a program, not C++
     * (tests/test_cxx.c shows them). */
    if (strncmp(model_rule_id(r), "cxx-", 4) == 0)
        return 1;
    return r == model_rule_lookup("pool-raise-unhandled") ||
           r == model_rule_lookup("wpp-not-cleaned-up") ||
           r == model_rule_lookup("ddi-not-modelled") ||
           r == model_rule_lookup("ks-dispatch-pending");
}

/* Every rule but internal-* (and those no op reaches) has a regression that
 * expects it. */
static void every_rule_has_a_regression(void **state)
{
    uint8_t want[RULE__COUNT], covered[RULE__COUNT];
    int i, r, missing = 0;

    nfiles = 0;
    list("regressions/api");
    memset(covered, 0, sizeof(covered));
    for (i = 0; i < nfiles; i++) {
        assert_int_equal(expectations(files[i].path, want), 0);
        for (r = 0; r < RULE__COUNT; r++)
            covered[r] |= want[r];
    }
    for (r = 0; r < RULE__COUNT; r++)
        if (!covered[r] && !model_rule_internal((enum model_rule)r) &&
            !no_op_reaches((enum model_rule)r)) {
            print_error("no regression expects %s\n", model_rule_id((enum model_rule)r));
            missing++;
        }
    assert_int_equal(missing, 0);
}

/* Seeds parse, run, and never find the model inconsistent. */
static void seeds_run_clean_of_internal_findings(void **state)
{
    int i;

    nfiles = 0;
    list("seeds/api");
    assert_true(nfiles >= 3);
    for (i = 0; i < nfiles; i++) {
        run(files[i].path);
        no_internal(files[i].name);
        assert_true(tr.x.steps > 0);
    }
}

/* The options of api programs' ops. */
#define API_OPTS (OPT__ALL & ~(OPT_ADAPTER | OPT_DOUBLE_UNLOAD | OPT_INJECT_IRQL))

/* The api seeds together use every op, every option and every block kind
 * of api programs, so the engine starts from the whole language. */
static void seeds_use_the_whole_language(void **state)
{
    uint8_t ops[OP__COUNT], kinds[BLOCK__COUNT];
    uint32_t opts = 0, i;
    int f, missing = 0;

    memset(ops, 0, sizeof(ops));
    memset(kinds, 0, sizeof(kinds));
    nfiles = 0;
    list("seeds/api");
    for (f = 0; f < nfiles; f++) {
        assert_int_equal(prog_load_file(files[f].path, 0, &prog), 0);
        for (i = 0; i < prog.nops; i++) {
            ops[prog.ops[i].code] = 1;
            opts |= prog.ops[i].opts;
            if (prog.ops[i].code == OP_ON)
                kinds[prog.ops[i].level] = 1;
        }
    }
    for (i = 0; i < OP__COUNT; i++)
        if (!ops[i] && op_in((enum op_code)i, PROG_API)) {
            print_error("no seed uses op %s\n", op_name((enum op_code)i));
            missing++;
        }
    for (i = 0; i < BLOCK__COUNT; i++)
        if (!kinds[i]) {
            print_error("no seed has a block of kind %s\n", block_kind_name((enum block_kind)i));
            missing++;
        }
    if ((opts & API_OPTS) != API_OPTS) {
        print_error("options no seed uses: 0x%x\n", (unsigned)(~opts & API_OPTS));
        missing++;
    }
    assert_int_equal(missing, 0);
}

/* Every corpus file's trace hash is the recorded one. */
static void trace_hashes_match_the_record(void **state)
{
    const char *path = UF_CORPUS_DIR "/trace_hashes.txt";
    char line[512], name[320], hex[32], want[32];
    FILE *f;
    int i, found;

    nfiles = 0;
    list("regressions/api");
    list("seeds/api");
    qsort(files, (size_t)nfiles, sizeof(files[0]), by_name);
    if (getenv("UF_HASHES_UPDATE")) {
        f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "# trace hash of every corpus program (tests/test_corpus.c)\n");
        for (i = 0; i < nfiles; i++) {
            run(files[i].path);
            fprintf(f, "%016llx %s\n", (unsigned long long)tr.hash, files[i].name);
        }
        fclose(f);
    }
    for (i = 0; i < nfiles; i++) {
        run(files[i].path);
        snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)tr.hash);
        f = fopen(path, "r");
        assert_non_null(f);
        found = 0;
        while (fgets(line, sizeof(line), f))
            if (sscanf(line, "%31s %319s", want, name) == 2 && !strcmp(name, files[i].name)) {
                found = 1;
                break;
            }
        fclose(f);
        if (!found)
            fail_msg("%s has no recorded trace hash (UF_HASHES_UPDATE=1 records it)",
                     files[i].name);
        if (strcmp(want, hex))
            fail_msg("%s: trace hash %s, recorded %s\n%s", files[i].name, hex, want, trace_text(&tr));
    }
}

/* Frees the last trace so leak checkers see nothing. */
static int teardown(void **state)
{
    (void)state;
    trace_free(&tr);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regressions_raise_exactly_what_they_expect),
        cmocka_unit_test(every_rule_has_a_regression),
        cmocka_unit_test(seeds_run_clean_of_internal_findings),
        cmocka_unit_test(seeds_use_the_whole_language),
        cmocka_unit_test(trace_hashes_match_the_record),
    };

    return cmocka_run_group_tests(tests, NULL, teardown);
}
