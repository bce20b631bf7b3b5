#!/usr/bin/env bash
# throughput.sh - how fast the `api` fuzz target runs, as a ratio to a
# target that does nothing, measured side by side in one run (machines are
# shared and noisy: only the ratio means anything, never a time).
#
# Builds, in build/bench (clang -O2, no sanitizers, libFuzzer: the libraries
# with -fsanitize=fuzzer-no-link, both targets linked with -fsanitize=fuzzer),
# the api target and bench/empty_target.c; writes one seed set of 64-op
# programs (bench/gen_seeds.c, fixed seed); then runs the two targets
# alternately, REPS times each, for the same number of executions with the
# same options (-runs, -max_len = the largest seed, -mutate_depth, -seed,
# -reduce_inputs=0 so neither shrinks its inputs, seeds given with
# -seed_inputs so nothing is written). It times each run's wall clock and
# prints both medians in execs/s and their ratio api/empty, against the
# issue's goal of 0.15. Exits 0 whatever the ratio (a benchmark, not a
# test), 1 when a build or a run fails (a crash of api is reported with the
# file and the command to reproduce it), 2 on bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
usage: bench/throughput.sh [--runs N] [--reps R] [--seeds K] [--keep]

Builds the api target and an empty target with libFuzzer (-O2, no sanitizers)
in build/bench, then runs each R times for N executions on the same K seed
programs of 64 ops, and prints the median execs/s of each and their ratio.

  --runs N   executions per run (default 500000)
  --reps R   runs of each target (default 5)
  --seeds K  seed programs (default 64)
  --keep     keep the scratch directory (seeds, logs) and say where it is
  --help     this text
EOF
}

runs=500000; reps=5; nseeds=64; keep=0
GOAL=0.15          # the issue's goal for api/empty without sanitizers
MUTATE_DEPTH=5     # libFuzzer's default, written down
FUZZ_SEED=1        # libFuzzer's -seed: the same mutations every run
GEN_SEED=1         # gen_seeds --seed: the same programs every time
OPS=64             # ops per seed program
number() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ]; }
while [ $# -gt 0 ]; do
  case $1 in
    --help|-h) usage; exit 0 ;;
    --runs|--reps|--seeds)
      [ $# -ge 2 ] && number "$2" || { echo "throughput: $1 wants a positive number" >&2; exit 2; }
      case $1 in --runs) runs=$2 ;; --reps) reps=$2 ;; --seeds) nseeds=$2 ;; esac
      shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "throughput: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
command -v clang >/dev/null || { echo "throughput: clang not found; run scripts/setup.sh" >&2; exit 1; }
command -v cmake >/dev/null || { echo "throughput: cmake not found; run scripts/setup.sh" >&2; exit 1; }

# ---- build: one configuration, both targets, only the targets needed ----
build=build/bench
echo "throughput: building in $build (clang -O2, libFuzzer, no sanitizers)"
cmake -S . -B "$build" -G "Unix Makefiles" -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DUF_LIBFUZZER=ON -DUF_SANITIZE=OFF -DUF_BENCH=ON -DUF_AFL=OFF \
  -DBUILD_TESTING=OFF -DUF_WERROR=ON >/dev/null
for t in api_fuzzer bench_empty_fuzzer bench_gen_seeds; do   # one at a time: no race on shared libraries
  log=$(cmake --build "$build" -j2 --target "$t" 2>&1) || { echo "$log" | tail -n 30 >&2; echo "throughput: building $t failed" >&2; exit 1; }
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
avg_len=$(find "$work/seeds" -type f -printf '%s\n' | awk '{ t += $1 } END { printf "%d", t / NR }')
seed_list=$(find "$work/seeds" -type f | sort | paste -sd, -)
opts=(-runs="$runs" -max_len="$max_len" -mutate_depth="$MUTATE_DEPTH" -seed="$FUZZ_SEED"
      -reduce_inputs=0 -detect_leaks=0 -print_final_stats=1)
echo "throughput: $nseeds seeds of $OPS ops (mean $avg_len bytes, largest $max_len)"
echo "throughput: each run: ${opts[*]} -seed_inputs=<the seeds>"

# run_one NAME BINARY REP: runs once; sets `elapsed` to its wall time in
# seconds. A failed run (a crash of the target) ends the script.
run_one() {
  local name=$1 bin=$2 rep=$3 dir="$work/$1-$3" t0 t1 f tool
  mkdir "$dir"
  t0=$EPOCHREALTIME
  if ! "$bin" "${opts[@]}" -artifact_prefix="$dir/" -seed_inputs="$seed_list" >"$dir/log" 2>&1; then
    echo "throughput: the $name target failed on run $rep; its log ends:" >&2
    tail -n 15 "$dir/log" >&2
    tool=build/release/unloadfuzz; [ -x "$tool" ] || tool=build/debug/unloadfuzz
    for f in "$dir"/crash-* "$dir"/timeout-* "$dir"/oom-*; do
      [ -e "$f" ] || continue
      mkdir -p /tmp/uf-crashes && cp "$f" /tmp/uf-crashes/
      echo "throughput: input kept as /tmp/uf-crashes/${f##*/}; reproduce with:" >&2
      echo "  $tool repro /tmp/uf-crashes/${f##*/}" >&2
    done
    exit 1
  fi
  t1=$EPOCHREALTIME
  grep -q "Done $runs runs" "$dir/log" || { echo "throughput: $name run $rep did not do $runs runs" >&2; tail -n 5 "$dir/log" >&2; exit 1; }
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}

# median: the median of the numbers on stdin.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---- the runs, alternating so both see the same machine ----
printf '%-4s %10s %12s %10s %12s %8s\n' run "api s" "api exec/s" "empty s" "empty exec/s" ratio
api_rates=(); empty_rates=()
for ((i = 1; i <= reps; i++)); do
  run_one api "$api" "$i"; ta=$elapsed
  run_one empty "$empty" "$i"; te=$elapsed
  ra=$(awk -v n="$runs" -v t="$ta" 'BEGIN { printf "%.0f", n / t }')
  re=$(awk -v n="$runs" -v t="$te" 'BEGIN { printf "%.0f", n / t }')
  api_rates+=("$ra"); empty_rates+=("$re")
  printf '%-4s %10s %12s %10s %12s %8s\n' "$i" "$ta" "$ra" "$te" "$re" \
    "$(awk -v a="$ra" -v e="$re" 'BEGIN { printf "%.3f", a / e }')"
done
ma=$(printf '%s\n' "${api_rates[@]}" | median)
me=$(printf '%s\n' "${empty_rates[@]}" | median)
ratio=$(awk -v a="$ma" -v e="$me" 'BEGIN { printf "%.3f", a / e }')
met=$(awk -v r="$ratio" -v g="$GOAL" 'BEGIN { print (r >= g) ? "met" : "NOT met" }')
cov=$(grep -E "^#$runs[[:space:]]+DONE" "$work/api-1/log" | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+).*/\1/' || true)
echo
printf 'api target:    median %.0f execs/s over %d runs of %d executions (%s)\n' "$ma" "$reps" "$runs" "${cov:-no stats}"
printf 'empty target:  median %.0f execs/s over %d runs of %d executions\n' "$me" "$reps" "$runs"
echo "ratio api/empty: $ratio (goal >= $GOAL without sanitizers: $met)"
