#!/usr/bin/env bash
# throughput.sh - how fast the `api` fuzz target runs, as a ratio to a
# target that does nothing, measured side by side in one run (machines are
# shared and noisy: only the ratio means anything, never a time).
#
# Builds, in build/bench (clang -O2, no sanitizers, libFuzzer: the libraries
# with -fsanitize=fuzzer-no-link, both targets linked with -fsanitize=fuzzer),
# the api target and bench/empty_target.c; writes one seed set of 64-op
# programs (bench/gen_seeds.c, fixed seed); then runs the two targets
# alternately, REPS times each, with the same options: the same seeds
# (given with -seed_inputs, so nothing is written), -max_len = the largest
# seed (the programs stay about 64 ops), the same -mutate_depth and -seed,
# -reduce_inputs=0 (neither target shrinks its inputs). Each measurement is
# two timed runs (wall clock): one that only starts up and executes the
# seeds, then one of a fixed number of executions (-runs); the difference
# is the time of the fuzzing executions without libFuzzer's start-up (about
# 0.1 s, which would weigh on the fast empty target only). The empty target
# does 10 times the executions of api by default, so that its runs last
# long enough to time. Prints both medians in execs/s and their ratio
# api/empty, against the issue's goal of 0.15.
#
# Exits 0 whatever the ratio (a benchmark, not a test), 1 when a build or a
# run fails (a crash of api is kept under out/bench-crashes/ and reported with
# the command that reproduces it), 2 on bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
usage: bench/throughput.sh [--runs N] [--empty-runs M] [--reps R] [--seeds K] [--keep]

Builds the api target and an empty target with libFuzzer (-O2, no sanitizers)
in build/bench, then runs them alternately, R times each, from the same K
seed programs of 64 ops with the same options: api for N executions, the
empty target for M. Prints the median execs/s of each and their ratio.

  --runs N        executions per api run (default 200000)
  --empty-runs M  executions per empty-target run (default 10 N: it is far
                  faster, and a run of a fraction of a second is mostly noise)
  --reps R        runs of each target (default 5)
  --seeds K       seed programs (default 64)
  --keep          keep the scratch directory (seeds, logs) and say where
  --help          this text
EOF
}

GOAL=0.15          # the issue's goal for api/empty without sanitizers
OPS=64             # ops per seed program
GEN_SEED=1         # gen_seeds --seed: the same programs every time
MUTATE_DEPTH=5     # libFuzzer's default, written down
FUZZ_SEED=1        # libFuzzer's -seed: the same mutations every run
runs=200000; empty_runs=""; reps=5; nseeds=64; keep=0
number() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "${#1}" -le 10 ]; }
while [ $# -gt 0 ]; do
  case $1 in
    --help|-h) usage; exit 0 ;;
    --runs|--empty-runs|--reps|--seeds)
      if [ $# -lt 2 ] || ! number "$2"; then
        echo "throughput: $1 wants a positive whole number" >&2; usage >&2; exit 2
      fi
      case $1 in
        --runs) runs=$2 ;; --empty-runs) empty_runs=$2 ;;
        --reps) reps=$2 ;; --seeds) nseeds=$2 ;;
      esac
      shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "throughput: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
empty_runs=${empty_runs:-$((10 * runs))}
if [ "$nseeds" -gt 10000 ]; then echo "throughput: --seeds: at most 10000" >&2; exit 2; fi
for n in "$runs" "$empty_runs"; do
  if [ "$n" -le $((2 * nseeds)) ]; then
    echo "throughput: $n executions would barely run the $nseeds seeds; give more" >&2; exit 2
  fi
done
bash scripts/setup.sh   # clang, its libFuzzer runtime, cmake

# ---- build: one configuration, both targets, only the targets needed ----
build=build/bench
echo "throughput: building in $build (clang -O2, libFuzzer, no sanitizers)"
cmake -S . -B "$build" -G "Unix Makefiles" -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DUF_LIBFUZZER=ON -DUF_SANITIZE=OFF -DUF_BENCH=ON -DUF_AFL=OFF \
  -DBUILD_TESTING=OFF -DUF_WERROR=ON >/dev/null
for t in api_fuzzer bench_empty_fuzzer bench_gen_seeds; do  # one at a time: no race on the libraries
  if ! log=$(cmake --build "$build" -j2 --target "$t" 2>&1); then
    echo "$log" | tail -n 30 >&2; echo "throughput: building $t failed" >&2; exit 1
  fi
done
api=$PWD/$build/api_fuzzer
empty=$PWD/$build/bench/bench_empty_fuzzer

# ---- seeds ----
work=$(mktemp -d /tmp/uf-throughput.XXXXXX)
if [ "$keep" -eq 1 ]; then
  trap 'echo "throughput: scratch kept in $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir "$work/seeds"
"$build/bench/bench_gen_seeds" --ops "$OPS" --seed "$GEN_SEED" "$nseeds" "$work/seeds" >/dev/null
max_len=$(find "$work/seeds" -type f -printf '%s\n' | sort -n | tail -n 1)
mean_len=$(find "$work/seeds" -type f -printf '%s\n' | awk '{ t += $1 } END { printf "%d", t / NR }')
seed_list=$(find "$work/seeds" -type f | sort | paste -sd, -)
opts=(-max_len="$max_len" -mutate_depth="$MUTATE_DEPTH" -seed="$FUZZ_SEED"
      -reduce_inputs=0 -detect_leaks=0 -print_final_stats=1)
echo "throughput: $nseeds seeds of $OPS ops (mean $mean_len bytes, largest $max_len)"
echo "throughput: every run: ${opts[*]} -seed_inputs=<the seeds>;" \
     "-runs=$runs for api, -runs=$empty_runs for empty"

# timed_run NAME BINARY DIR RUNS: runs BINARY once for RUNS executions,
# writing to DIR; sets `elapsed` to its wall time in seconds and `done_runs`
# to the executions libFuzzer counted. A failed run (a crash) ends the script.
timed_run() {
  local name=$1 bin=$2 dir=$3 n=$4 t0 t1 f tool
  mkdir "$dir"
  t0=$EPOCHREALTIME
  if ! "$bin" -runs="$n" "${opts[@]}" -artifact_prefix="$dir/" -seed_inputs="$seed_list" \
       >"$dir/log" 2>&1; then
    echo "throughput: the $name target failed (${dir##*/}); its log ends:" >&2
    tail -n 15 "$dir/log" >&2
    grep -m1 -E '^unloadfuzz: api:|^SUMMARY: ' "$dir/log" >&2 || true
    tool=build/release/unloadfuzz; [ -x "$tool" ] || tool=build/debug/unloadfuzz
    for f in "$dir"/crash-* "$dir"/timeout-* "$dir"/oom-*; do
      [ -e "$f" ] || continue
      mkdir -p out/bench-crashes && cp "$f" out/bench-crashes/
      echo "throughput: input kept as out/bench-crashes/${f##*/}; reproduce with:" >&2
      echo "  $tool repro out/bench-crashes/${f##*/}" >&2
    done
    exit 1
  fi
  t1=$EPOCHREALTIME
  done_runs=$(sed -n -E 's/^Done ([0-9]+) runs.*/\1/p' "$dir/log")
  if [ -z "$done_runs" ]; then
    echo "throughput: $name (${dir##*/}) did not finish its runs" >&2; tail -n 5 "$dir/log" >&2; exit 1
  fi
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
}

# measure NAME BINARY REP RUNS: one measurement of a target: a run that
# only starts up and executes the seeds, then one of RUNS executions; sets
# `secs` to the difference of their wall times and `rate` to the execs/s
# of the difference.
measure() {
  local name=$1 bin=$2 rep=$3 n=$4 t_start n_start
  timed_run "$name" "$bin" "$work/$name-start-$rep" 1
  t_start=$elapsed; n_start=$done_runs
  timed_run "$name" "$bin" "$work/$name-$rep" "$n"
  secs=$(awk -v a="$t_start" -v b="$elapsed" 'BEGIN { printf "%.3f", b - a }')
  rate=$(awk -v n="$((done_runs - n_start))" -v t="$secs" 'BEGIN { printf "%.0f", (t > 0) ? n / t : 0 }')
  if [ "$rate" = 0 ]; then
    echo "throughput: $name run $rep took no measurable time; give more executions" >&2; exit 1
  fi
}

# median: the median of the numbers on stdin, one a line.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---- the runs, alternating so both see the same machine ----
printf '%-4s %9s %12s %9s %12s %8s\n' rep "api s" "api exec/s" "empty s" "empty exec/s" ratio
api_rates=(); empty_rates=()
for ((i = 1; i <= reps; i++)); do
  measure api "$api" "$i" "$runs"; ta=$secs; ra=$rate
  measure empty "$empty" "$i" "$empty_runs"; te=$secs; re=$rate
  api_rates+=("$ra"); empty_rates+=("$re")
  printf '%-4s %9s %12s %9s %12s %8s\n' "$i" "$ta" "$ra" "$te" "$re" \
    "$(awk -v a="$ra" -v e="$re" 'BEGIN { printf "%.3f", a / e }')"
done
ma=$(printf '%s\n' "${api_rates[@]}" | median)
me=$(printf '%s\n' "${empty_rates[@]}" | median)
ratio=$(awk -v a="$ma" -v e="$me" 'BEGIN { printf "%.3f", a / e }')
met=$(awk -v r="$ratio" -v g="$GOAL" 'BEGIN { print (r >= g) ? "met" : "NOT met" }')
cov=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/api-1/log" |
      sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+).*/\1/' || true)
echo
printf 'api target:    median %8.0f execs/s (%d runs of %d executions; %s)\n' \
  "$ma" "$reps" "$runs" "${cov:-no stats}"
printf 'empty target:  median %8.0f execs/s (%d runs of %d executions)\n' "$me" "$reps" "$empty_runs"
echo "ratio api/empty: $ratio (the goal, >= $GOAL without sanitizers, is $met)"
