#!/usr/bin/env bash
# bugs.sh - the planted-bug benchmark: how fast each fuzzing engine, and the
# systematic explorer, find the bug planted in each variant of the sample
# drivers.
#
# Builds, in build/bench-bugs (clang -O2 -g, ASan + UBSan, libFuzzer), every
# planted-bug variant's <target>_fuzzer, <target>_explore and <target>_replay
# and the unloadfuzz tool; with AFL++ installed (afl-clang-fast and
# afl-fuzz), the same variants' <target>_afl in build/bench-bugs-afl
# (CC=afl-clang-fast, the same flags).
# Sanitizers are on for both engines: a planted bug that corrupts memory
# before the model names it must show up (as another finding), and both
# engines pay the same price for it.
#
# The variants are the lines of drivers.tsv (written by uf_add_driver) with
# expected rules. Each engine fuzzes each variant K times (--trials, -seed /
# -s 1..K), one process per trial, J trials at a time (--jobs), under the
# default port, until the first crash or the budget: S seconds (--time) or N
# executions (--runs), whichever comes first. Two starts (--from):
#   empty  libFuzzer from an empty corpus; AFL++, which needs one input, from
#          one zero byte (which decodes to the empty program);
#   seeds  from the base sample's seeds (the SEEDS directory, text .ufp files
#          converted with `unloadfuzz convert`), minus the seeds that already
#          raise a violation on the variant: those are replayed first and
#          counted ("seeds that raise it"); fuzzing from them would measure
#          nothing, and AFL++ drops crashing seeds silently.
#
# A trial found the bug only when the crash's first line is exactly
# `unloadfuzz: <target>: <rule>` with <rule> among the variant's expected
# rules; any other crash is "other: ..." (another rule, a sanitizer report, a
# timeout). Every such crash is replayed with build/bench-bugs/<target>_replay,
# which must raise the same rule. Both engines stop at their first crash
# (libFuzzer always does; AFL++ with AFL_BENCH_UNTIL_CRASH=1). Time to it is
# one wall clock for both: from launching the engine to the crash file's
# modification time (so start-up, loading the seeds and AFL++'s calibration
# count; the exit after the crash does not). Executions to it are the
# engine's own count:
#   libFuzzer  stat::number_of_executed_units, which -print_final_stats=1
#              prints at the crash (the crashing input included);
#   AFL++      the execs:N in the crash file's name, afl-fuzz's count when it
#              saved the crash (fuzzer_stats' execs_done is only written
#              every few seconds and at the exit).
#
# The explorer (docs/EXPLORING.md) is deterministic: it runs once per
# variant and start, not K times, with its default options (every sweep,
# search depth 4, its own run budget; --runs does not apply to it) under a
# wall-clock cap of --time seconds (timeout). It needs a scenario, so its
# starts are programs: empty is the shortest life, `load`, `device-arrival`,
# `port-unload`, as a text program; seeds is the same clean seeds the
# engines start from, their text .ufp files given as PROGRAM arguments. It
# found the bug when its summary.json has a finding, not a robustness one
# (the port misbehaving on purpose, which the correct samples fail too), with
# one of the variant's expected rules; time and executions are that
# finding's `seconds` (since the explorer's start) and `runs` (so far). The
# finding's program is replayed with <target>_replay --expect. The explorer
# runs before the engines' trials, J at a time.
#
# Prints one table (per variant and start: each engine's trials that found
# it, median time, median executions, a missed trial counting as infinitely
# long; the explorer's one run) and two goal checks: every bug found by
# libFuzzer within 60 s median on one core; every bug found by the explorer
# in under one second. Writes the table as out/bench-bugs/results.md and
# results.json; each trial's and exploration's log and findings under
# out/bench-bugs/runs/.
# Exits 0 whatever the results (a benchmark, not a test), 1 when a build or
# a seed conversion fails, 2 on bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() {
  cat <<'EOF'
usage: bench/bugs.sh [--time S] [--runs N] [--trials K] [--engines LIST]
                     [--targets LIST] [--from empty|seeds|both] [--jobs J]

Fuzzes every planted-bug variant (drivers.tsv lines with expected rules)
with each engine, K trials each, until the first crash or the budget, and
prints per variant: the trials that found the planted bug (the crash's
first line is `unloadfuzz: <target>: <expected rule>`), the median time and
the median executions to find it. The explorer, deterministic, runs once
per variant and start (all sweeps, depth 4), capped at S seconds. Builds in
build/bench-bugs (clang -O2, ASan + UBSan, libFuzzer) and, when
afl-clang-fast is installed, build/bench-bugs-afl. Writes
out/bench-bugs/results.md and results.json.

  --time S         seconds per trial, and the explorer's cap (default 60)
  --runs N         executions per trial at most (default 2000000; not the
                   explorer's)
  --trials K       trials per variant, engine and start (default 3; the
                   explorer runs once)
  --engines LIST   libfuzzer, afl, explorer, comma-separated (default all
                   three; AFL++ is skipped, and its column says so, when
                   afl-clang-fast is missing: bash scripts/setup.sh afl++)
  --targets LIST   only these variants, comma-separated (default all)
  --from START     empty, seeds or both (default both): start from an empty
                   corpus (the explorer: from `load`, `device-arrival`,
                   `port-unload`), from the base sample's seeds that do not
                   already raise a violation, or each
  --jobs J         trials and explorations at a time, one core each
                   (default: the cores)
  --help           this text

Exit status: 0 whatever the results, 1 a build failed, 2 bad arguments.
EOF
}

GOAL_SECS=60        # the goal: every bug found by libFuzzer within this median
MAX_LEN=$(sed -n 's/^#define UF_MAX_INPUT //p' harness/util/defs.h) # the targets' input limit
INPUT_TIMEOUT=10    # libFuzzer -timeout: an input this slow is a finding, not a wait
EXPLORER_GOAL=1     # the explorer's goal: every bug found in under this many seconds
secs=60; runs=2000000; trials=3; engines=libfuzzer,afl,explorer; targets=""; from=both
jobs=$(nproc)
number() { [[ $1 =~ ^[0-9]+$ ]] && [ "${#1}" -le 10 ] && [ "$((10#$1))" -gt 0 ]; }
while [ $# -gt 0 ]; do
  case $1 in
    --help|-h) usage; exit 0 ;;
    --time|--runs|--trials|--jobs|--engines|--targets|--from)
      if [ $# -lt 2 ]; then echo "bugs: $1 needs a value" >&2; usage >&2; exit 2; fi
      case $1 in
        --time|--runs|--trials|--jobs)
          if ! number "$2"; then
            echo "bugs: $1 wants a positive whole number, not '$2'" >&2; usage >&2; exit 2
          fi ;;
      esac
      case $1 in
        --time) secs=$((10#$2)) ;; --runs) runs=$((10#$2)) ;;
        --trials) trials=$((10#$2)) ;; --jobs) jobs=$((10#$2)) ;;
        --engines) engines=$2 ;; --targets) targets=$2 ;; --from) from=$2 ;;
      esac
      shift 2 ;;
    *) echo "bugs: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if [ "$secs" -gt 86400 ]; then echo "bugs: --time: at most 86400" >&2; exit 2; fi
if [ "$trials" -gt 100 ]; then echo "bugs: --trials: at most 100" >&2; exit 2; fi
if [ "$jobs" -gt 256 ]; then echo "bugs: --jobs: at most 256" >&2; exit 2; fi
want_lf=0; want_afl=0; want_ex=0
IFS=, read -r -a engine_list <<<"$engines"
[ "${#engine_list[@]}" -gt 0 ] || { echo "bugs: --engines: name at least one" >&2; exit 2; }
for e in "${engine_list[@]}"; do
  case $e in
    libfuzzer) want_lf=1 ;; afl) want_afl=1 ;; explorer) want_ex=1 ;;
    *) echo "bugs: --engines: libfuzzer, afl or explorer, not '$e'" >&2; usage >&2; exit 2 ;;
  esac
done
if [ "$want_ex" -eq 1 ] && ! command -v python3 >/dev/null; then
  echo "bugs: the explorer's column reads its summary.json with python3, which is missing" >&2; exit 1
fi
case $from in
  empty) starts=(empty) ;; seeds) starts=(seeds) ;; both) starts=(empty seeds) ;;
  *) echo "bugs: --from: empty, seeds or both, not '$from'" >&2; usage >&2; exit 2 ;;
esac
if [ -n "$targets" ] && [[ ! $targets =~ ^[a-z0-9_]+(,[a-z0-9_]+)*$ ]]; then
  echo "bugs: --targets: target names ([a-z0-9_]+), comma-separated, not '$targets'" >&2; exit 2
fi
if [ "$jobs" -gt "$(nproc)" ]; then
  echo "bugs: warning: --jobs $jobs is more than the $(nproc) cores: trials will not have a core each" >&2
fi

bash scripts/setup.sh   # clang, its libFuzzer runtime, cmake

# ---- one run at a time: the build directories and out/bench-bugs are shared ----
out=out/bench-bugs
mkdir -p "$out"
exec 9>"$out/.lock"
if ! flock -n 9; then echo "bugs: another bench/bugs.sh is running here; waiting for it" >&2; flock 9; fi
buildlog=$out/build.log
: >"$buildlog"

# Both builds: optimized as a campaign would be, with the sanitizers and the
# asserts (no NDEBUG) that make a bug crash where it happens; only the tool,
# the variants' targets and what they link are built.
common=(-G "Unix Makefiles" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g"
        -DUF_SANITIZE=ON -DUF_TRACE_CMP=OFF -DUF_BENCH=OFF -DBUILD_TESTING=OFF -DUF_WERROR=ON
        -DLIB_FUZZING_ENGINE=)
# build_targets DIR TARGET...: builds each target in DIR, one at a time (the
# Makefile generator races on shared libraries when given several); on a
# failure prints the log's end and exits 1.
build_targets() {
  local dir=$1 t
  shift
  for t in "$@"; do
    if ! cmake --build "$dir" -j"$(nproc)" --target "$t" >>"$buildlog" 2>&1; then
      tail -n 30 "$buildlog" >&2; echo "bugs: building $t in $dir failed (log: $buildlog)" >&2; exit 1
    fi
  done
}

build=build/bench-bugs
echo "bugs: building in $build (clang -O2 -g, ASan + UBSan, libFuzzer)"
if ! cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DUF_LIBFUZZER=ON -DUF_AFL=OFF \
     "${common[@]}" >>"$buildlog" 2>&1; then
  tail -n 30 "$buildlog" >&2; echo "bugs: configuring $build failed" >&2; exit 1
fi

# ---- the variants: drivers.tsv lines with expected rules ----
# name, directory, seeds directory, expected rules (space-separated); read
# through awk with `|` between fields, since read collapses empty fields
# between tabs (a driver without SEEDS has one).
declare -A seeds_of expect_of
variants=()
while IFS='|' read -r name sdir expect; do
  [ -n "$expect" ] || continue
  variants+=("$name"); seeds_of[$name]=$sdir; expect_of[$name]=$expect
done < <(awk -F'\t' '{ print $1 "|" $3 "|" $4 }' "$build/drivers.tsv")
if [ -n "$targets" ]; then
  chosen=()
  IFS=, read -r -a asked <<<"$targets"
  for t in "${asked[@]}"; do
    if [ -z "${expect_of[$t]:-}" ]; then
      if grep -q "^$t	" "$build/drivers.tsv"; then
        echo "bugs: --targets: '$t' has no planted bug (no expected rules in drivers.tsv)" >&2
      else
        echo "bugs: --targets: no target '$t'; the variants are: ${variants[*]}" >&2
      fi
      exit 2
    fi
    chosen+=("$t")
  done
  variants=("${chosen[@]}")
fi
[ "${#variants[@]}" -gt 0 ] || { echo "bugs: no planted-bug variant in $build/drivers.tsv" >&2; exit 1; }
# The arguments are good: the last run's trials and seeds go (its results.*
# stay until this run writes its own).
rm -rf "$out/runs" "$out/seeds"
mkdir -p "$out/runs" "$out/seeds"

build_targets "$build" unloadfuzz
for t in "${variants[@]}"; do
  build_targets "$build" "${t}_replay"
  if [ "$want_lf" -eq 1 ]; then build_targets "$build" "${t}_fuzzer"; fi
  if [ "$want_ex" -eq 1 ]; then build_targets "$build" "${t}_explore"; fi
done
tool=$build/unloadfuzz

# ---- AFL++, when installed ----
afl_build=build/bench-bugs-afl
afl_state=""   # empty when AFL++ runs; else what its column says
if [ "$want_afl" -eq 0 ]; then
  afl_state="not run"
elif ! command -v afl-clang-fast >/dev/null || ! command -v afl-fuzz >/dev/null; then
  afl_state="not installed"
  echo "bugs: AFL++ is not installed (bash scripts/setup.sh afl++): its column says so"
else
  echo "bugs: building in $afl_build (afl-clang-fast -O2 -g, ASan + UBSan)"
  # AFL_QUIET: afl-cc's banner on every compile would bury the build log.
  if ! AFL_QUIET=1 cmake -S . -B "$afl_build" -DCMAKE_C_COMPILER=afl-clang-fast -DUF_AFL=ON \
       -DUF_LIBFUZZER=OFF "${common[@]}" >>"$buildlog" 2>&1; then
    tail -n 30 "$buildlog" >&2; echo "bugs: configuring $afl_build failed" >&2; exit 1
  fi
  afl_targets=()
  for t in "${variants[@]}"; do afl_targets+=("${t}_afl"); done
  AFL_QUIET=1 build_targets "$afl_build" "${afl_targets[@]}"
fi
[ "$want_lf" -eq 1 ] && lf_state="" || lf_state="not run"
[ "$want_ex" -eq 1 ] && ex_state="" || ex_state="not run"

# ---- the seeds, in the binary form, and which already raise the bug ----
# replay_rule TARGET FILE: runs FILE through TARGET's replay binary and prints
# the first rule it raises at or above break (what the fuzz target would
# crash on), `clean`, or `error: ...` when the replay fails or its two runs
# differ.
replay_rule() {
  local rep rc=0 rule
  rep=$("$root/$build/$1_replay" "$2" 2>&1) || rc=$?
  # The replay binary runs each program again and says `reset: ...` when the
  # runs differ: the driver's reset hook is broken, and the verdict is moot.
  if grep -q '^[[:space:]]*reset: ' <<<"$rep"; then
    echo "error: $(grep -m1 '^[[:space:]]*reset: ' <<<"$rep" | sed -E 's/^[[:space:]]*//' | cut -c1-60)"; return
  fi
  rule=$(awk '$1 == "violation" && $3 != "warning" { print $2; exit }' <<<"$rep")
  if [ "$rc" -eq 0 ] && [ -z "$rule" ]; then echo clean
  elif [ "$rc" -eq 1 ] && [ -n "$rule" ]; then echo "$rule"
  else echo "error: exit $rc: $(grep -m1 -v '^[[:space:]]' <<<"$rep" | grep -m1 . || true)"
  fi
}
# expected TARGET RULE: whether RULE is among TARGET's expected rules.
expected() { [[ " ${expect_of[$1]} " == *" $2 "* ]]; }

declare -A seeds_total seeds_raise seeds_other seeds_clean
for t in "${variants[@]}"; do
  sdir=${seeds_of[$t]}
  seeds_total[$t]=0; seeds_raise[$t]=0; seeds_other[$t]=""; seeds_clean[$t]=0
  [[ " ${starts[*]} " == *" seeds "* ]] || continue
  { [ -n "$sdir" ] && [ -d "$sdir" ]; } || continue
  conv=$out/seeds/all-${sdir//\//_}
  if [ ! -d "$conv" ]; then
    mkdir -p "$conv"
    for f in "$sdir"/*.ufp; do
      [ -e "$f" ] || continue
      if ! "$tool" convert -o "$conv/$(basename "$f" .ufp)" "$f" >>"$buildlog" 2>&1; then
        tail -n 5 "$buildlog" >&2; echo "bugs: converting $f failed" >&2; exit 1
      fi
    done
  fi
  mkdir -p "$out/seeds/$t"
  for f in "$conv"/*; do
    [ -e "$f" ] || continue
    seeds_total[$t]=$((seeds_total[$t] + 1))
    r=$(replay_rule "$t" "$f")
    if [ "$r" = clean ]; then
      cp "$f" "$out/seeds/$t/"; seeds_clean[$t]=$((seeds_clean[$t] + 1))
    elif expected "$t" "$r"; then
      seeds_raise[$t]=$((seeds_raise[$t] + 1))
    else
      seeds_other[$t]+="${f##*/}: $r; "
    fi
  done
done

# ---- one trial ----
# Each trial writes DIR/result, one tab-separated line: target, engine,
# start, trial, outcome (found, other, none, error), what it found (the rule,
# or the other finding's first line), seconds and executions (to the first
# crash, or of the whole run when none), replay (yes, `no: ...`, or - when
# there is no rule to replay), the crash file.

# classify TARGET FIRSTLINE: sets `outcome` and `what` from a crash's first line.
classify() {
  local t=$1 line=$2
  if [[ $line =~ ^unloadfuzz:\ $t:\ ([a-z0-9-]+)$ ]]; then
    what=${BASH_REMATCH[1]}
    if expected "$t" "$what"; then outcome=found; else outcome=other; fi
  elif [ -z "$line" ]; then
    outcome=other; what="a crash with no report"
  else
    outcome=other
    what=$(sed -E 's/^==[0-9]+== ?//; s/ on (unknown )?address.*//; s/^.*runtime error: /UBSan: /' <<<"$line" | cut -c1-80)
  fi
}
# first_line LOG: the first line of the crash report in LOG: the target's own
# line, or a sanitizer's or libFuzzer's error.
first_line() {
  grep -m1 -E '^unloadfuzz: |ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:' "$1" || true
}
# check_replay TARGET CRASH: sets `replay` to yes when CRASH replays with the
# replay binary and raises the rule the fuzzer reported (`what`).
check_replay() {
  local r
  if [ "$outcome" = none ] || [ "$outcome" = error ] || [[ ! $what =~ ^[a-z0-9-]+$ ]]; then
    replay=-; return
  fi
  r=$(replay_rule "$1" "$2")
  if [ "$r" = "$what" ]; then replay=yes; else replay="no: $r"; fi
}

# lf_trial TARGET START K DIR: one libFuzzer trial.
lf_trial() {
  local t=$1 start=$2 k=$3 dir=$4 t0 t1 rc=0 crash=""
  local inputs=(corpus)
  mkdir -p "$dir/corpus"
  [ "$start" = seeds ] && inputs+=("$root/$out/seeds/$t")
  t0=$EPOCHREALTIME
  # symbolize=0: the stack trace of an abort costs no time before the exit.
  (cd "$dir" && ASAN_OPTIONS=symbolize=0 UBSAN_OPTIONS=symbolize=0 \
     timeout -k 10 $((secs + 120)) "$root/$build/${t}_fuzzer" -seed="$k" \
       -max_total_time="$secs" -runs="$runs" -max_len="$MAX_LEN" -timeout="$INPUT_TIMEOUT" \
       -print_final_stats=1 -artifact_prefix=./ "${inputs[@]}") >"$dir/log" 2>&1 || rc=$?
  t1=$EPOCHREALTIME
  execs=$(sed -n -E 's/^stat::number_of_executed_units:[[:space:]]*//p' "$dir/log" | tail -n 1)
  crash=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
          -o -name 'oom-*' \) | sort | head -n 1)
  # To the crash: until its file was written; else the whole run.
  [ -n "$crash" ] && t1=$(stat -c %.3Y "$crash")
  secs_used=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  if [ -n "$crash" ]; then
    classify "$t" "$(first_line "$dir/log")"
  elif [ "$rc" -eq 0 ] && [ -n "$execs" ]; then
    outcome=none; what=-
  else
    outcome=error; what="exit $rc, no crash file: $(tail -n 1 "$dir/log" | cut -c1-80)"
  fi
  check_replay "$t" "$crash"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" libfuzzer "$start" "$k" "$outcome" \
    "$what" "$secs_used" "${execs:-0}" "$replay" "${crash:--}" >"$dir/result"
}

# afl_trial TARGET START K DIR: one AFL++ trial.
afl_trial() {
  local t=$1 start=$2 k=$3 dir=$4 rc=0 crash stats name t0 t1
  mkdir -p "$dir/in"
  if [ "$start" = seeds ]; then cp "$out/seeds/$t"/* "$dir/in/"
  else printf '\0' >"$dir/in/empty"; fi   # afl-fuzz needs a file; this one is the empty program
  t0=$EPOCHREALTIME
  # AFL_NO_AFFINITY: trials share the cores as libFuzzer's do, none pinned.
  AFL_BENCH_UNTIL_CRASH=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
  AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_CRASH_README=1 \
    timeout -k 10 $((secs + 120)) afl-fuzz -i "$dir/in" -o "$dir/out" -s "$k" -V "$secs" -E "$runs" \
      -- "$root/$afl_build/${t}_afl" >"$dir/log" 2>&1 || rc=$?
  t1=$EPOCHREALTIME
  stats=$dir/out/default/fuzzer_stats
  crash=$(find "$dir/out/default/crashes" -maxdepth 1 -type f -name 'id:*' 2>/dev/null | sort | head -n 1)
  [ -n "$crash" ] && t1=$(stat -c %.3Y "$crash")
  secs_used=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  if [ -n "$crash" ]; then
    name=${crash##*/}
    execs=$(sed -n -E 's/.*,execs:([0-9]+).*/\1/p' <<<"$name")
    # Outside afl-fuzz the target reads its input from stdin once and prints
    # the crash's first line; the inner shell takes the "Aborted" notice.
    bash -c 'ASAN_OPTIONS=symbolize=0 "$0" <"$1" >/dev/null 2>"$2"; exit 0' \
      "$root/$afl_build/${t}_afl" "$crash" "$dir/crash.err" 2>/dev/null
    classify "$t" "$(first_line "$dir/crash.err")"
  elif [ -f "$stats" ]; then
    outcome=none; what=-
    execs=$(sed -n -E 's/^execs_done[[:space:]]*: ([0-9]+).*/\1/p' "$stats")
  else
    outcome=error; execs=0
    what="afl-fuzz exit $rc, no fuzzer_stats: $(sed 's/\x1b\[[0-9;]*m//g' "$dir/log" | grep -m1 -E 'PROGRAM ABORT|ERROR' | cut -c1-80 || true)"
  fi
  check_replay "$t" "$crash"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" afl "$start" "$k" "$outcome" \
    "$what" "${secs_used:-0}" "${execs:-0}" "$replay" "${crash:--}" >"$dir/result"
}

# ex_run TARGET START DIR: the explorer, once (it is deterministic), with its
# default options, over the shortest life (start empty) or the clean seeds'
# text programs (start seeds), capped at --time seconds of wall clock. Its
# result line has five more fields: how the finding was made (sweep and
# insertion), a note, and the whole exploration's seconds and runs (from its
# summary) and wall-clock seconds (the process, start-up included).
ex_run() {
  local t=$1 start=$2 dir=$3 rc=0 t0 t1 f wall program="" by=- note="" all_secs=0 all_runs=0 r
  local progs=()
  if [ "$start" = seeds ]; then
    # The clean seeds were converted under their names without .ufp.
    for f in "$out/seeds/$t"/*; do progs+=("${seeds_of[$t]}/${f##*/}.ufp"); done
  else
    printf '# the shortest life: the explorer needs a scenario\nload\ndevice-arrival\nport-unload\n' \
      >"$dir/empty.ufp"
    progs=("$dir/empty.ufp")
  fi
  t0=$EPOCHREALTIME
  ASAN_OPTIONS=symbolize=0 UBSAN_OPTIONS=symbolize=0 \
    timeout -k 10 "$secs" "$root/$build/${t}_explore" --quiet --out "$dir/out" "${progs[@]}" \
      >"$dir/log" 2>&1 || rc=$?
  t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  if [ -f "$dir/out/summary.json" ]; then
    # outcome, what, seconds, runs, program, by, note, all seconds, all runs:
    # the first finding (in the order found) with an expected rule that is
    # not a robustness finding.
    r=$(python3 - "$dir/out/summary.json" "${expect_of[$t]}" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
expect = sys.argv[2].split()
def by(f):
    return "the program as written" if f["sweep"] == "scenario" else "the %s sweep (%s)" % (f["sweep"], f["how"])
fs = sorted(s["findings"], key=lambda f: (f["runs"], f["seconds"]))
hit = [f for f in fs if f["rule"] in expect and not f["robustness"]]
rob = [f for f in fs if f["rule"] in expect and f["robustness"]]
others = sorted({f["rule"] for f in fs if f["rule"] not in expect and not f["robustness"]})
note = []
if others:
    note.append("also found " + ", ".join(others))
if s.get("crash"):
    note.append("the driver crashed the process in the %s, which ended the exploration" % s["crash"]["found_by"])
search = s["sweeps"].get("search")
if search and not search.get("complete", True):
    note.append("the search stopped at its budget")
if s.get("findings_dropped"):
    note.append("%d findings not kept" % s["findings_dropped"])
if hit:
    f = hit[0]
    row = ["found", f["rule"], "%.4f" % f["seconds"], str(f["runs"]), f["program"], by(f)]
elif rob:
    f = rob[0]
    row = ["other", "only as a robustness finding: %s by %s" % (f["rule"], by(f)),
           "%.4f" % s["seconds"], str(s["runs"]), f["program"], by(f)]
elif others:
    row = ["other", "found only " + ", ".join(others), "%.4f" % s["seconds"], str(s["runs"]), "-", "-"]
    note = note[1:]
else:
    row = ["none", "-", "%.4f" % s["seconds"], str(s["runs"]), "-", "-"]
row += ["; ".join(note) or "-", "%.4f" % s["seconds"], str(s["runs"])]
print("\t".join(x.replace("\t", " ").replace("\n", " ") for x in row))
PY
) || r=$(printf 'error\tunreadable summary.json\t0\t0\t-\t-\t-\t0\t0')
    IFS=$'\t' read -r outcome what secs_used execs program by note all_secs all_runs <<<"$r"
  elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    outcome=none; what="stopped at the ${secs} s cap, no summary"; secs_used=$wall; execs=0
    f=$(find "$dir/out" -maxdepth 1 -name '[0-9][0-9][0-9]-*.ufp' 2>/dev/null | sort | tr '\n' ' ')
    [ -n "$f" ] && note="findings written before the cap: ${f% }"
  else
    outcome=error; secs_used=$wall; execs=0
    what="exit $rc, no summary.json: $(first_line "$dir/log" | cut -c1-80)"
    [ "$what" = "exit $rc, no summary.json: " ] && what+=$(grep -m1 . "$dir/log" | cut -c1-80 || true)
  fi
  # The finding's program carries `# expect: <rule>`: the replay binary must agree.
  replay=-
  if [ "$outcome" = found ]; then
    if r=$("$root/$build/${t}_replay" --expect "$program" 2>&1) && grep -q 'as expected' <<<"$r"; then
      replay=yes
    else
      replay="no: $(grep -m1 -E 'verdict|reset' <<<"$r" | sed -E 's/^[[:space:]]*//' | cut -c1-60)"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" explorer "$start" 1 "$outcome" \
    "$what" "$secs_used" "${execs:-0}" "$replay" "${program:--}" "${by:--}" "${note:--}" "$all_secs" \
    "$all_runs" "$wall" >"$dir/result"
}

# run_trial ENGINE TARGET START K: one trial in its own directory, then one
# progress line. A trial that fails in the script itself (set -e) still
# leaves a result line, an error, so that it is counted.
run_trial() {
  local engine=$1 t=$2 start=$3 k=$4 dir r
  dir=$out/runs/$t/$engine-$start-$k
  mkdir -p "$dir"
  case $engine in
    libfuzzer) (lf_trial "$t" "$start" "$k" "$dir") || true ;;
    afl) (afl_trial "$t" "$start" "$k" "$dir") || true ;;
    explorer) (ex_run "$t" "$start" "$dir") || true ;;
  esac
  [ -f "$dir/result" ] || printf '%s\t%s\t%s\t%s\terror\tthe trial script failed (see %s)\t0\t0\t-\t-\n' \
    "$t" "$engine" "$start" "$k" "$dir" >"$dir/result"
  IFS=$'\t' read -r -a r <"$dir/result"
  printf '  %-9s %-36s %-5s #%-2s %s%s in %ss, %s %s\n' "$engine" "$t" "$start" "$k" "${r[4]}" \
    "${r[5]:+ ${r[5]}}" "${r[6]}" "${r[7]}" "$([ "$engine" = explorer ] && echo runs || echo execs)"
}

# ---- the explorations, then the trials, J at a time ----
engines_run=()
[ -z "$lf_state" ] && engines_run+=(libfuzzer)
[ -z "$afl_state" ] && engines_run+=(afl)
plan=()
# The explorer first: its runs last a fraction of a second each, and before
# the trials they do not share the cores with fuzzers.
for t in "${variants[@]}"; do
  for start in "${starts[@]}"; do
    # From seeds with no clean seed left, there is nothing to start from.
    [ "$start" = seeds ] && [ "${seeds_clean[$t]}" -eq 0 ] && continue
    [ -z "$ex_state" ] && plan+=("explorer $t $start 1")
  done
done
nex=${#plan[@]}
for t in "${variants[@]}"; do
  for start in "${starts[@]}"; do
    [ "$start" = seeds ] && [ "${seeds_clean[$t]}" -eq 0 ] && continue
    for ((k = 1; k <= trials; k++)); do
      for e in "${engines_run[@]}"; do plan+=("$e $t $start $k"); done
    done
  done
done
rounds=$(( (${#plan[@]} + jobs - 1) / jobs ))   # runs in rounds of J at the worst
echo "bugs: ${#variants[@]} variants, $nex explorations and $(( ${#plan[@]} - nex )) trials of at most" \
     "${secs}s (trials: or $runs executions), $jobs at a time (at most $(( (rounds * secs + 59) / 60 )) min);" \
     "starts: ${starts[*]}"
started=$EPOCHSECONDS
load_before=$(cut -d' ' -f1 /proc/loadavg)   # the machine is shared: say how busy it was
running=0
for p in "${plan[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  # shellcheck disable=SC2086 # p is four words
  run_trial $p &
  running=$((running + 1))
done
wait || true
elapsed=$((EPOCHSECONDS - started))
load_after=$(cut -d' ' -f1 /proc/loadavg)

# ---- the table ----
results=$out/trials.tsv
find "$out/runs" -name result -exec cat {} + | sort >"$results"
# One line per variant: target, expected rules, seeds (total, raising it,
# clean, others raised), for awk.
vfile=$out/variants.tsv
: >"$vfile"
for t in "${variants[@]}"; do
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${expect_of[$t]}" "${seeds_of[$t]:--}" "${seeds_total[$t]}" \
    "${seeds_raise[$t]}" "${seeds_clean[$t]}" "${seeds_other[$t]%; }" >>"$vfile"
done
when=$(date -u '+%Y-%m-%d %H:%M UTC')
# The tree measured: the commit, and whether files differed from it.
tree=$(git describe --always --dirty 2>/dev/null || echo unknown)
cpu=$(sed -n -E 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
awk -F'\t' -v trials="$trials" -v secs="$secs" -v runs="$runs" -v goal="$GOAL_SECS" \
    -v starts="${starts[*]}" -v lf_state="$lf_state" -v afl_state="$afl_state" \
    -v md="$out/results.md" -v json="$out/results.json" -v when="$when" -v cores="$(nproc)" \
    -v cpu="$cpu" -v jobs="$jobs" -v elapsed="$elapsed" -v results="$results" \
    -v load="$load_before / $load_after" -v tree="$tree" -v ex_state="$ex_state" -v ex_goal="$EXPLORER_GOAL" '
# The median of the n values v[1..n] (a miss is INF), over K trials: the
# misses sort last. Returns INF when the middle trial missed.
function median(v, n, K,    i, j, x, a, lo, hi) {
  for (i = 1; i <= n; i++) a[i] = v[i]
  for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
  for (i = n + 1; i <= K; i++) a[i] = INF
  if (K == 0) return INF
  lo = a[int((K + 1) / 2)]; hi = a[int(K / 2) + 1]
  if (lo == INF || hi == INF) return INF
  return (lo + hi) / 2
}
function fmt_secs(x) { return x == INF ? "-" : (x < 10 ? sprintf("%.1f", x) : sprintf("%.0f", x)) }
# The explorer finds most bugs in milliseconds: more digits.
function fmt_fine(x) { return x == INF ? "-" : (x < 1 ? sprintf("%.3f", x) : fmt_secs(x)) }
function commas(x,    s, r) {
  if (x == INF) return "-"
  s = sprintf("%.0f", x); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  return s r
}
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return "\"" s "\"" }
# cell ENGINE KEY: sets C_found, C_time, C_execs, C_note for a table cell.
function cell(e, key, state,    n, i, tv, ev, nf, note, w) {
  C_found = ""; C_time = ""; C_execs = ""; C_note = ""; C_mt = INF; C_me = INF
  tv[0] = 0; ev[0] = 0   # arrays, even with nothing found
  if (state != "") { C_found = state; return }
  n = count[e, key]
  if (n == 0) { C_found = "not run"; return }
  nf = 0
  for (i = 1; i <= n; i++) {
    if (outc[e, key, i] == "found") { nf++; tv[nf] = tsec[e, key, i]; ev[nf] = texe[e, key, i] }
  }
  C_mt = median(tv, nf, n); C_me = median(ev, nf, n)
  C_found = nf "/" n; C_time = fmt_secs(C_mt); C_execs = commas(C_me)
  note = ""
  for (i = 1; i <= n; i++) {
    w = outc[e, key, i]
    if (w == "other") note = note sprintf("%s #%d other: %s; ", ename[e], i, what[e, key, i])
    else if (w == "error") note = note sprintf("%s #%d error: %s; ", ename[e], i, what[e, key, i])
    if (rep[e, key, i] != "-" && rep[e, key, i] != "yes")
      note = note sprintf("%s #%d crash does not replay (%s); ", ename[e], i, rep[e, key, i])
  }
  C_note = note
}
# ex_cell KEY STATE: sets X_found (yes, no, error or STATE), X_time, X_execs,
# X_note and X_t (seconds, INF when not found) for the explorer one run.
function ex_cell(key, state,    note, w) {
  X_found = ""; X_time = ""; X_execs = ""; X_note = ""; X_t = INF; X_e = INF
  if (state != "") { X_found = state; return }
  if (count["explorer", key] == 0) { X_found = "not run"; return }
  w = outc["explorer", key, 1]
  if (w == "found") {
    X_found = "yes"; X_t = tsec["explorer", key, 1]; X_e = texe["explorer", key, 1]
    X_time = fmt_fine(X_t); X_execs = commas(X_e)
    note = "explorer: found by " xby["explorer", key, 1]
  } else if (w == "error") {
    X_found = "error"; note = "explorer error: " what["explorer", key, 1]
  } else {
    X_found = "no"; X_time = "-"; X_execs = "-"
    note = sprintf("explorer: not found in %s runs, %s s", commas(xruns["explorer", key, 1]), \
                   fmt_fine(xsecs["explorer", key, 1]))
    if (what["explorer", key, 1] != "-") note = note " (" what["explorer", key, 1] ")"
  }
  if (xnote["explorer", key, 1] != "-" && xnote["explorer", key, 1] != "") note = note "; " xnote["explorer", key, 1]
  if (rep["explorer", key, 1] != "-" && rep["explorer", key, 1] != "yes")
    note = note sprintf("; the explorer program does not replay (%s)", rep["explorer", key, 1])
  X_note = note "; "
}
BEGIN {
  INF = 1e300; ename["libfuzzer"] = "libFuzzer"; ename["afl"] = "AFL++"; ename["explorer"] = "explorer"
  legend1 = "found k/K: trials whose first crash was `unloadfuzz: <target>: <expected rule>`; medians over all K trials, a miss"
  legend2 = "counting as infinitely long (-: the median trial missed); time from launching the engine to the crash file."
  legend3 = "start `seeds n/N`: fuzzed from the n of the N base-sample seeds that raise no violation on the variant."
  legend4 = "explorer: deterministic, one run per variant and start (all sweeps, depth 4), not K trials; from empty it explores"
  legend5 = "the shortest life `load`, `device-arrival`, `port-unload` (it needs a scenario), from seeds the same n seeds;"
  legend6 = "s and runs: to its first finding of an expected rule (not a robustness one), from its own start."
}
FILENAME == results {
  key = $1 SUBSEP $3
  i = ++count[$2, key]
  outc[$2, key, i] = $5; what[$2, key, i] = $6; tsec[$2, key, i] = $7 + 0
  texe[$2, key, i] = $8 + 0; rep[$2, key, i] = $9; cfile[$2, key, i] = $10
  xby[$2, key, i] = $11; xnote[$2, key, i] = $12; xsecs[$2, key, i] = $13 + 0; xruns[$2, key, i] = $14 + 0
  xwall[$2, key, i] = $15 + 0
  ttrial[$2, key, i] = $4
  next
}
{ nv++; vt[nv] = $1; vexp[nv] = $2; vsd[nv] = $3; vtot[nv] = $4; vraise[nv] = $5; vclean[nv] = $6; voth[nv] = $7 }
END {
  ns = split(starts, st, " ")
  # Columns as wide as their longest entry.
  wt = length("bug (target)"); wr = length("expected rule")
  for (v = 1; v <= nv; v++) {
    if (length(vt[v]) > wt) wt = length(vt[v])
    if (length(vexp[v]) > wr) wr = length(vexp[v])
  }
  rowfmt = "%-" wt "s  %-" wr "s  %-12s | %-13s %8s %11s | %-13s %8s %11s | %-13s %6s %7s\n"
  hdr = sprintf(rowfmt, "bug (target)", "expected rule", "start",
                "libFuzzer", "median s", "med. execs", "AFL++", "median s", "med. execs",
                "explorer", "s", "runs")
  sub(/\n$/, "", hdr)
  print hdr; gsub(/./, "-", hdr); print hdr
  print "# Planted-bug benchmark" > md
  printf "\n%s; tree %s; %d cores (%s; 1-minute load average before / after: %s), %d runs at a time; %d trials per engine cell, each at most %d s or %s executions; the explorer once per cell, at most %d s; %d s in all.\n\n", \
    when, tree, cores, cpu, load, jobs, trials, secs, commas(runs), secs, elapsed > md
  print "| bug (target) | expected rule | start | libFuzzer found | median s | median execs | AFL++ found | median s | median execs | explorer found | s | runs | notes |" > md
  print "|---|---|---|---|---|---|---|---|---|---|---|---|---|" > md
  printf "{\n  \"date\": %s,\n  \"tree\": %s,\n  \"machine\": {\"cores\": %d, \"cpu\": %s, \"load_average_before_after\": %s},\n  \"jobs\": %d,\n  \"budget\": {\"seconds\": %d, \"executions\": %d},\n  \"trials\": %d,\n  \"seconds_in_all\": %d,\n  \"engines\": {\"libfuzzer\": %s, \"afl\": %s, \"explorer\": %s},\n  \"explorer\": %s,\n  \"variants\": [\n", \
    jstr(when), jstr(tree), cores, jstr(cpu), jstr(load), jobs, secs, runs, trials, elapsed, \
    jstr(lf_state == "" ? "run" : lf_state), jstr(afl_state == "" ? "run" : afl_state), \
    jstr(ex_state == "" ? "run" : ex_state), \
    jstr("deterministic: one run per variant and start, not trials; default options (every sweep, search depth 4, its own run budget), at most " secs " s of wall clock; from empty it explores the program load, device-arrival, port-unload; found: its first finding, not a robustness one, with an expected rule; seconds and executions: that finding seconds since the explorer start and its runs so far") > json
  for (v = 1; v <= nv; v++) {
    printf "    {\"target\": %s, \"expected\": %s, \"seeds\": {\"directory\": %s, \"total\": %d, \"raise_expected\": %d, \"clean\": %d, \"raise_other\": %s},\n     \"starts\": {", \
      jstr(vt[v]), jstr(vexp[v]), jstr(vsd[v]), vtot[v], vraise[v], vclean[v], jstr(voth[v]) > json
    for (s = 1; s <= ns; s++) {
      key = vt[v] SUBSEP st[s]
      label = st[s]; extra = ""
      if (st[s] == "seeds") {
        label = sprintf("seeds %d/%d", vclean[v], vtot[v])
        if (vtot[v] - vclean[v] > 0)
          extra = sprintf("%d of %d seeds raise it already%s; ", vraise[v], vtot[v], voth[v] != "" ? " (others: " voth[v] ")" : "")
      }
      skip = (st[s] == "seeds" && vclean[v] == 0) ? (vtot[v] == 0 ? "no seeds" : "every seed raises it") : ""
      cell("libfuzzer", key, skip != "" ? skip : lf_state)
      lf_f = C_found; lf_t = C_time; lf_e = C_execs; lf_n = C_note; lf_mt = C_mt; lf_me = C_me
      cell("afl", key, skip != "" ? skip : afl_state)
      af_f = C_found; af_t = C_time; af_e = C_execs; af_n = C_note; af_mt = C_mt; af_me = C_me
      ex_cell(key, skip != "" ? skip : ex_state)
      printf rowfmt, (s == 1 ? vt[v] : ""), (s == 1 ? vexp[v] : ""), \
        label, lf_f, lf_t, lf_e, af_f, af_t, af_e, X_found, X_time, X_execs
      notes = extra lf_n af_n X_note; sub(/; $/, "", notes)
      if (notes != "") { all_notes = all_notes sprintf("  %s, from %s: %s\n", vt[v], st[s], notes) }
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", "`" vt[v] "`", vexp[v], label, lf_f, lf_t, lf_e, \
        af_f, af_t, af_e, X_found, X_time, X_execs, notes > md
      # The explorer goal: found in under ex_goal seconds, per start.
      if (ex_state == "" && skip == "every seed raises it") { xok[st[s]]++; xchecked[st[s]]++ }
      else if (ex_state == "" && skip == "") {
        xchecked[st[s]]++
        if (X_found == "yes" && X_t < ex_goal) {
          xok[st[s]]++
          if (!((st[s]) in xslow) || X_t > xslow[st[s]]) { xslow[st[s]] = X_t; xslowt[st[s]] = vt[v] }
        } else if (X_found == "yes") xlate[st[s]] = xlate[st[s]] " " vt[v] " (" fmt_fine(X_t) " s)"
        else xmiss[st[s]] = xmiss[st[s]] " " vt[v]
      }
      # The goal: libFuzzer median time within goal seconds, per start.
      if (lf_state == "" && skip == "every seed raises it") { ok[st[s]]++; checked[st[s]]++ }
      else if (lf_state == "" && skip == "") {
        if (lf_mt <= goal) ok[st[s]]++
        else if (secs < goal && lf_mt == INF) { unk[st[s]] = unk[st[s]] " " vt[v] }
        else { miss[st[s]] = miss[st[s]] " " vt[v] }
        checked[st[s]]++
      }
      printf "%s\n       %s: {\"label\": %s, \"skipped\": %s", (s > 1 ? "," : ""), jstr(st[s]), jstr(label), jstr(skip) > json
      for (ei = 1; ei <= 2; ei++) {
        e = (ei == 1 ? "libfuzzer" : "afl")
        mt = (e == "libfuzzer" ? lf_mt : af_mt); me = (e == "libfuzzer" ? lf_me : af_me)
        f = (e == "libfuzzer" ? lf_f : af_f)
        printf ",\n         %s: {\"found\": %s, \"median_seconds\": %s, \"median_executions\": %s, \"trials\": [", \
          jstr(e), jstr(f), (mt == INF ? "null" : sprintf("%.2f", mt)), (me == INF ? "null" : sprintf("%.0f", me)) > json
        n = count[e, key]
        for (i = 1; i <= n; i++)
          printf "%s\n           {\"trial\": %d, \"outcome\": %s, \"what\": %s, \"seconds\": %.2f, \"executions\": %.0f, \"replays\": %s, \"crash\": %s}", \
            (i > 1 ? "," : ""), ttrial[e, key, i], jstr(outc[e, key, i]), jstr(what[e, key, i]), tsec[e, key, i], \
            texe[e, key, i], jstr(rep[e, key, i]), jstr(cfile[e, key, i]) > json
        printf "]}" > json
      }
      n = count["explorer", key]
      printf ",\n         \"explorer\": {\"found\": %s, \"seconds\": %s, \"executions\": %s", jstr(X_found), \
        (X_t == INF ? "null" : sprintf("%.4f", X_t)), (X_e == INF ? "null" : sprintf("%.0f", X_e)) > json
      if (n > 0)
        printf ",\n           \"run\": {\"outcome\": %s, \"what\": %s, \"found_by\": %s, \"note\": %s, \"replays\": %s, \"program\": %s, \"exploration_seconds\": %.4f, \"exploration_runs\": %.0f, \"wall_seconds\": %.2f}", \
          jstr(outc["explorer", key, 1]), jstr(what["explorer", key, 1]), jstr(xby["explorer", key, 1]), \
          jstr(xnote["explorer", key, 1]), jstr(rep["explorer", key, 1]), jstr(cfile["explorer", key, 1]), \
          xsecs["explorer", key, 1], xruns["explorer", key, 1], xwall["explorer", key, 1] > json
      printf "}}" > json
    }
    printf "}}%s\n", (v < nv ? "," : "") > json
  }
  printf "  ],\n  \"goal\": {\"text\": %s", jstr("every bug found by libFuzzer within " goal " s median on one core") > json
  print ""
  print legend1; print legend2; print legend3; print legend4; print legend5; print legend6
  if (all_notes != "") { print "notes:"; printf "%s", all_notes }
  printf "\n%s\n%s\n%s\n%s\n%s\n%s\n", legend1, legend2, legend3, legend4, legend5, legend6 > md
  print ""
  for (s = 1; s <= ns; s++) {
    g = st[s]
    if (lf_state != "") verdict = "not checked (libFuzzer " lf_state ")"
    else if (checked[g] == 0) verdict = "not checked (no variant fuzzed from " g ")"
    else if (miss[g] != "") verdict = "NOT met (missed:" miss[g] ")"
    else if (unk[g] != "") verdict = "cannot tell (--time " secs " < " goal " s; not found:" unk[g] ")"
    else verdict = "met (" ok[g] " of " checked[g] " variants)"
    printf "goal, from %s: every bug found by libFuzzer within %d s median on one core: %s\n", g, goal, verdict
    printf "\nGoal, from %s: every bug found by libFuzzer within %d s median on one core: **%s**\n", g, goal, verdict > md
    printf ", %s: %s", jstr("from_" g), jstr(verdict) > json
  }
  printf "},\n  \"explorer_goal\": {\"text\": %s", jstr("every bug found by the explorer in under " ex_goal " s") > json
  for (s = 1; s <= ns; s++) {
    g = st[s]
    if (ex_state != "") verdict = "not checked (explorer " ex_state ")"
    else if (xchecked[g] == 0) verdict = "not checked (no variant explored from " g ")"
    else if (xmiss[g] != "" || xlate[g] != "")
      verdict = "NOT met (" (xmiss[g] != "" ? "not found:" xmiss[g] : "") \
                (xmiss[g] != "" && xlate[g] != "" ? "; " : "") (xlate[g] != "" ? ex_goal " s or more:" xlate[g] : "") ")"
    else if (g in xslow) verdict = "met (" xok[g] " of " xchecked[g] " variants; the slowest " fmt_fine(xslow[g]) " s, " xslowt[g] ")"
    else verdict = "met (" xok[g] " of " xchecked[g] " variants)"
    printf "goal, from %s: every bug found by the explorer in under %d s: %s\n", g, ex_goal, verdict
    printf "\nExplorer goal, from %s: every bug found by the explorer in under %d s: **%s**\n", g, ex_goal, verdict > md
    printf ", %s: %s", jstr("from_" g), jstr(verdict) > json
  }
  printf "}\n}\n" > json
}' "$results" "$vfile"
echo
echo "bugs: ${elapsed}s; the table is in $out/results.md and $out/results.json, each trial under $out/runs/"
