#!/usr/bin/env bash
# check_ossfuzz_build.sh [--planted] [--keep] - runs .clusterfuzzlite/build.sh as the
# OSS-Fuzz base builder would, and checks what it leaves in $OUT.
#
# The layout is the Dockerfile's: the sources at $SRC/unloadfuzz (a link to
# this tree), build.sh copied to $SRC/build.sh and run from $SRC/unloadfuzz
# with `bash -eu`, under an environment holding nothing but PATH, HOME and
# what the base builder sets. $SRC, $WORK and $OUT are in a scratch
# directory, removed at the end (kept on failure, or with --keep).
#
# 1. libFuzzer + ASan (the base builder's flags: CC=clang, CFLAGS with
#    -fsanitize=address -fsanitize-address-use-after-scope
#    -fsanitize=fuzzer-no-link, LIB_FUZZING_ENGINE=-fsanitize=fuzzer): the
#    default targets (api and the correct drivers), or with --planted
#    (UF_OSSFUZZ_PLANTED=1) every target of drivers.tsv. Each target runs
#    once over its unzipped seed corpus (-runs=0, with the flags of its
#    .options file, as ClusterFuzz passes them): a correct target must stay
#    clean and report coverage; a planted-bug variant may crash, but only
#    with one of its expected rules.
# 2. AFL++ + ASan (OSS-Fuzz's AFL++ build: CC=afl-clang-fast, no coverage
#    flags, LIB_FUZZING_ENGINE=libAFLDriver.a), default targets (api and the
#    correct drivers): each binary is in persistent mode and runs every seed
#    clean. Skipped, saying so, when afl-clang-fast or libAFLDriver.a is
#    missing (Debian: apt-get install afl++).
#
# Both: $OUT holds exactly, per target T, T, T.options, T_seed_corpus.zip
# (one entry per seed) and, for api only, api.dict; api.options and api.dict
# are fuzzers/'s. The AFL++ half reuses the first half's build of the
# conversion tool ($WORK/host). Prints each half's time. Exit status: 0 pass,
# 1 fail, 2 bad arguments, 77 skipped (clang, cmake, zip or unzip missing).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
root=$PWD
keep=0; planted=0
for a in "$@"; do
  case $a in
    --keep) keep=1 ;;
    --planted) planted=1 ;;
    *) echo "usage: bash tests/check_ossfuzz_build.sh [--planted] [--keep]" >&2; exit 2 ;;
  esac
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ossfuzz-check.XXXXXX")
fail=0
cleanup() {
  if [ "$fail" -eq 0 ] && [ "$keep" -eq 0 ]; then rm -rf "$scratch"
  else echo "check_ossfuzz_build: scratch directory kept: $scratch"; fi
}
trap cleanup EXIT
bad() { echo "FAIL: $*"; fail=1; }
words() { tr '\n' ' ' <<<"$1"; }   # a list, one a line, on one line

# The base builder's flags for libFuzzer and AFL++ builds with ASan
# (infra/base-images/base-builder: CFLAGS, SANITIZER_FLAGS_address,
# COVERAGE_FLAGS; compile_afl clears the coverage flags).
common="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
asan="-fsanitize=address -fsanitize-address-use-after-scope"

# run_build NAME VAR=VALUE... - runs build.sh in scratch/NAME with these
# variables; its output goes to scratch/NAME/build.log. Returns its status.
run_build() {
  local name=$1 d=$scratch/$1; shift
  mkdir -p "$d/src" "$d/work" "$d/out"
  ln -s "$root" "$d/src/unloadfuzz"
  cp "$root/.clusterfuzzlite/build.sh" "$d/src/build.sh"
  (cd "$d/src/unloadfuzz" &&
   env -i PATH="$PATH" HOME="${HOME:-/root}" TMPDIR="${TMPDIR:-/tmp}" \
     SRC="$d/src" WORK="$d/work" OUT="$d/out" "$@" bash -eu "$d/src/build.sh") \
     >"$d/build.log" 2>&1
}

# expected_targets NAME PLANTED - api and the driver targets build.sh should
# have built, one "name<TAB>seeds<TAB>expected rules" a line.
expected_targets() {
  printf 'api\tcorpus/seeds/api\t\n'
  awk -F'\t' -v planted="$2" '$1 != "" && ($4 == "" || planted == "1") { print $1 "\t" $3 "\t" $4 }' \
    "$scratch/$1/work/build/drivers.tsv"
}

# check_out NAME PLANTED - the files in scratch/NAME/out, and each seed
# corpus unzipped to scratch/NAME/seeds/T.
check_out() {
  local name=$1 out=$scratch/$1/out t seeds rules want got n
  want=$(expected_targets "$name" "$2" | while IFS=$'\t' read -r t _; do
           printf '%s\n%s.options\n%s_seed_corpus.zip\n' "$t" "$t" "$t"
           [ "$t" = api ] && echo api.dict; done | sort)
  got=$(ls -A "$out" | sort)
  [ "$want" = "$got" ] || bad "$name: \$OUT holds $(words "$got"), want $(words "$want")"
  limit=$(sed -n 's/^#define UF_MAX_INPUT //p' harness/util/defs.h)
  [ "$(cat "$out/api.options")" = $'[libfuzzer]\nmax_len = '"$limit"$'\ndict = api.dict' ] ||
    bad "$name: api.options is not max_len = $limit (harness/util/defs.h) and the dictionary"
  cmp -s "$out/api.dict" fuzzers/api.dict || bad "$name: api.dict is not fuzzers/api.dict"
  while IFS=$'\t' read -r t seeds rules; do
    [ -x "$out/$t" ] || bad "$name: $t is not an executable"
    if [ "$t" != api ] && [ "$(cat "$out/$t.options" 2>/dev/null)" != $'[libfuzzer]\nmax_len = '"$limit" ]; then
      bad "$name: $t.options is not '[libfuzzer] max_len = $limit'"
    fi
    mkdir -p "$scratch/$name/seeds/$t"
    unzip -q "$out/${t}_seed_corpus.zip" -d "$scratch/$name/seeds/$t" ||
      { bad "$name: ${t}_seed_corpus.zip does not unzip"; continue; }
    want=$(cd "$root/$seeds" && ls -- *.ufp | sed 's/\.ufp$//' | sort)
    got=$(ls -A "$scratch/$name/seeds/$t" | sort)
    [ "$want" = "$got" ] || bad "$name: ${t}_seed_corpus.zip holds $(words "$got"), want $(words "$want")"
    n=$(echo "$got" | wc -l)
    echo "  $t: $n seeds"
  done < <(expected_targets "$name" "$2")
}

# options_flags FILE - the [libfuzzer] section of an .options file as
# libFuzzer flags (-key=value), one a line.
options_flags() {
  awk '/^\[/ { s = $0; next }
       s == "[libfuzzer]" && /=/ { k = $0; sub(/[ \t]*=.*/, "", k); v = $0; sub(/^[^=]*=[ \t]*/, "", v)
                                   print "-" k "=" v }' "$1"
}

# ---- 1. libFuzzer + ASan ----
for tool in clang clang++ cmake zip unzip; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
start=$SECONDS
echo "== libFuzzer + ASan (UF_OSSFUZZ_PLANTED=$planted)"
flags="$common $asan -fsanitize=fuzzer-no-link"
if ! run_build libfuzzer CC=clang CXX=clang++ CFLAGS="$flags" CXXFLAGS="$flags" \
       LIB_FUZZING_ENGINE=-fsanitize=fuzzer UF_OSSFUZZ_PLANTED=$planted; then
  tail -n 30 "$scratch/libfuzzer/build.log"; bad "libFuzzer: build.sh failed"; exit 1
fi
check_out libfuzzer "$planted"
out=$scratch/libfuzzer/out
while IFS=$'\t' read -r t seeds rules; do
  mapfile -t opts < <(options_flags "$out/$t.options")
  log=$scratch/libfuzzer/$t.run.log
  (cd "$out" && "./$t" "${opts[@]}" -runs=0 "$scratch/libfuzzer/seeds/$t") >"$log" 2>&1
  status=$?
  first=$(grep -m1 "^unloadfuzz: $t: " "$log" | sed "s/^unloadfuzz: $t: //; s/ .*//")
  if [ -z "$rules" ]; then
    cov=$(grep -m1 -o 'INITED cov: [0-9]*' "$log" | grep -o '[0-9]*$')
    if [ "$status" -ne 0 ]; then tail -n 20 "$log"; bad "libFuzzer: $t exited $status over its seeds"
    elif [ "${cov:-0}" -eq 0 ]; then bad "libFuzzer: $t reports no coverage (not instrumented?)"
    else echo "  $t: seeds clean, cov $cov"; fi
  elif [ "$status" -eq 0 ]; then
    echo "  $t: seeds clean (planted bug not reached by the seeds)"
  elif [ -n "$first" ] && [[ " $rules " == *" $first "* ]]; then
    echo "  $t: planted bug found on the seeds: $first"
  else
    tail -n 20 "$log"; bad "libFuzzer: $t exited $status with '${first:-no rule}', want one of: $rules"
  fi
done < <(expected_targets libfuzzer "$planted")
echo "libFuzzer half: $((SECONDS - start)) s"

# ---- 2. AFL++ + ASan, default targets ----
start=$SECONDS
driver=""
for d in /usr/lib/afl /usr/local/lib/afl "$(dirname "$(command -v afl-fuzz 2>/dev/null || echo /nonexistent/x)")/../lib/afl"; do
  [ -f "$d/libAFLDriver.a" ] && { driver=$d/libAFLDriver.a; break; }
done
if ! command -v afl-clang-fast >/dev/null || ! command -v afl-clang-fast++ >/dev/null; then
  echo "SKIP AFL++ half: afl-clang-fast is not installed (Debian: apt-get install afl++)"
elif [ -z "$driver" ]; then
  echo "SKIP AFL++ half: no libAFLDriver.a (looked in /usr/lib/afl, /usr/local/lib/afl)"
else
  echo "== AFL++ + ASan ($driver, default targets)"
  # The conversion tool is built with plain flags either way: share it.
  mkdir -p "$scratch/afl/work"
  ln -s "$scratch/libfuzzer/work/host" "$scratch/afl/work/host"
  if ! run_build afl CC=afl-clang-fast CXX=afl-clang-fast++ CFLAGS="$common $asan" \
         CXXFLAGS="$common $asan" LIB_FUZZING_ENGINE="$driver" AFL_QUIET=1; then
    tail -n 30 "$scratch/afl/build.log"; bad "AFL++: build.sh failed"; exit 1
  fi
  check_out afl 0
  out=$scratch/afl/out
  while IFS=$'\t' read -r t seeds rules; do
    log=$scratch/afl/$t.run.log
    if ! grep -aq '##SIG_AFL_PERSISTENT##' "$out/$t"; then
      bad "AFL++: $t is not an AFL++ persistent-mode binary"; continue
    fi
    files=("$scratch/afl/seeds/$t"/*)
    ASAN_OPTIONS=detect_leaks=1 "$out/$t" "${files[@]}" >"$log" 2>&1
    status=$?
    ok=$(grep -c '^Execution successful' "$log")
    if [ "$status" -ne 0 ] || [ "$ok" -ne "${#files[@]}" ]; then
      tail -n 20 "$log"; bad "AFL++: $t exited $status, $ok of ${#files[@]} seeds run"
    else
      echo "  $t: ${#files[@]} seeds clean"
    fi
  done < <(expected_targets afl 0)
  echo "AFL++ half: $((SECONDS - start)) s"
fi

[ "$fail" -eq 0 ] && echo "check_ossfuzz_build: PASS" || echo "check_ossfuzz_build: FAIL"
exit "$fail"
