#!/usr/bin/env bash
# checker.sh - what the independent checker costs a driver target: each
# correct sample's fuzz target with the checker attached (as every build
# has it) and without (UF_BENCH_WITHOUT_CHECKER, a build for this
# measurement only), run alternately from the same seeds with the same
# options, so both execute the same inputs (the checker carries no
# coverage counters: libFuzzer takes the same course in both). Prints, per
# target, the median exec/s of each and their ratio with/without, measured
# side by side in one run (machines are shared and noisy: only the ratio
# means anything).
#
# Two configurations: the debug preset's flags (clang -O0, ASan + UBSan,
# libFuzzer: what campaigns run today) and -O2 without sanitizers.
#
# Exits 0 whatever the ratios (a benchmark, not a test), 1 when a build or
# a run fails, 2 on bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
usage: bench/checker.sh [--runs N] [--reps R] [--targets LIST] [--configs LIST]

Builds each correct sample's libFuzzer target with and without the checker
(build/bench-checker-*), runs them alternately R times each for N
executions from the sample's seeds, and prints the median exec/s of each
and the ratio with/without.

  --runs N         executions per run (default 100000)
  --reps R         runs of each build (default 5)
  --targets LIST   comma-separated driver targets (default demo,ndis_sample,portcls_sample)
  --configs LIST   debug (ASan + UBSan, -O0) and/or release (-O2) (default both)
  --help           this text
EOF
}

runs=100000; reps=5; targets=demo,ndis_sample,portcls_sample; configs=debug,release
number() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "${#1}" -le 9 ]; }
while [ $# -gt 0 ]; do
  case $1 in
    --help|-h) usage; exit 0 ;;
    --runs|--reps)
      if [ $# -lt 2 ] || ! number "$2"; then echo "checker: $1 wants a positive number" >&2; exit 2; fi
      [ "$1" = --runs ] && runs=$2 || reps=$2; shift 2 ;;
    --targets|--configs)
      [ $# -ge 2 ] && [ -n "$2" ] || { echo "checker: $1 wants a list" >&2; exit 2; }
      [ "$1" = --targets ] && targets=$2 || configs=$2; shift 2 ;;
    *) echo "checker: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
IFS=, read -r -a tlist <<<"$targets"
IFS=, read -r -a clist <<<"$configs"
for c in "${clist[@]}"; do
  case $c in debug|release) ;; *) echo "checker: --configs takes debug and release" >&2; exit 2 ;; esac
done

bash scripts/setup.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build CONFIG WITH|WITHOUT: the fuzz targets in build/bench-checker-CONFIG-WITH.
build() {
  local config=$1 with=$2 dir=build/bench-checker-$1-$2 flags=()
  if [ "$config" = debug ]; then
    flags=(-DCMAKE_BUILD_TYPE=Debug -DUF_SANITIZE=ON)
  else
    flags=(-DCMAKE_BUILD_TYPE=Release -DUF_SANITIZE=OFF)
  fi
  [ "$with" = without ] && flags+=(-DUF_BENCH_WITHOUT_CHECKER=ON)
  cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DUF_LIBFUZZER=ON -DUF_WERROR=ON \
    -DBUILD_TESTING=OFF "${flags[@]}" >"$work/configure-$config-$with.log" 2>&1 ||
    { tail -n 20 "$work/configure-$config-$with.log" >&2; exit 1; }
  cmake --build "$dir" -j "$(nproc)" --target unloadfuzz "${tlist[@]/%/_fuzzer}" \
    >"$work/build-$config-$with.log" 2>&1 ||
    { tail -n 20 "$work/build-$config-$with.log" >&2; exit 1; }
}

# rate DIR TARGET: exec/s of one run of TARGET_fuzzer of build DIR (wall
# clock over -runs executions from the seeds, nothing written).
rate() {
  local dir=$1 t=$2 start end
  start=$(date +%s.%N)
  "$dir/${t}_fuzzer" -runs="$runs" -seed=1 -max_len="$max_len" -reduce_inputs=0 \
    -seed_inputs="$seeds" >"$work/run.log" 2>&1 ||
    { echo "checker: $dir/${t}_fuzzer failed" >&2; tail -n 20 "$work/run.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v r="$runs" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f\n", r / (e - s) }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

max_len=$(sed -n 's/^#define UF_MAX_INPUT //p' harness/util/defs.h)
printf '%-9s %-16s %12s %12s %8s\n' config target with/s without/s ratio
for c in "${clist[@]}"; do
  build "$c" with
  build "$c" without
  for t in "${tlist[@]}"; do
    src=$(awk -F'\t' -v t="$t" '$1 == t { print $3 }' "build/bench-checker-$c-with/drivers.tsv")
    [ -n "$src" ] || { echo "checker: no seeds for $t" >&2; exit 1; }
    if [ ! -d "$work/seeds-$t" ]; then
      mkdir -p "$work/seeds-$t"
      for f in "$src"/*.ufp; do
        "build/bench-checker-$c-with/unloadfuzz" convert --driver \
          -o "$work/seeds-$t/$(basename "$f" .ufp)" "$f"
      done
    fi
    seeds=$(find "$work/seeds-$t" -type f | sort | paste -sd,)
    : >"$work/with"; : >"$work/without"
    for ((i = 0; i < reps; i++)); do
      rate "build/bench-checker-$c-with" "$t" >>"$work/with"
      rate "build/bench-checker-$c-without" "$t" >>"$work/without"
    done
    w=$(median <"$work/with"); wo=$(median <"$work/without")
    printf '%-9s %-16s %12s %12s %8s\n' "$c" "$t" "$w" "$wo" \
      "$(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%.3f", a / b }')"
  done
done
