#!/usr/bin/env bash
# checker.sh - what the independent checker costs a driver target: each
# correct sample's driver target with the checker attached (as every build
# has it) and without (UF_BENCH_WITHOUT_CHECKER, a build for this
# measurement only), run alternately over the same fixed inputs, so the
# two do exactly the same work but the checker's. Prints, per target, the
# median exec/s of each and their ratio with/without, measured side by
# side in one run (machines are shared and noisy: only the ratio means
# anything).
#
# The inputs are the corpus libFuzzer grows from the sample's seeds in
# --corpus-runs executions of the build without the checker (fixed
# -seed); bench/replay_timer.c then runs them, all read once, ROUNDS times
# per measurement, with no engine. (Fuzzing each build would not do: the
# two builds' libFuzzer courses need not be the same, and a longer input
# costs more whoever runs it.)
#
# Two configurations: the debug preset's flags (clang -O0, ASan + UBSan:
# what campaigns run today) and -O2 without sanitizers.
#
# Exits 0 whatever the ratios (a benchmark, not a test), 1 when a build or
# a run fails, 2 on bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
usage: bench/checker.sh [--corpus-runs N] [--rounds K] [--reps R] [--targets LIST]
                        [--configs LIST]

Builds each correct sample's driver target with and without the checker
(build/bench-checker-*), grows one corpus per target from its seeds with
libFuzzer (N executions), then times both builds alternately over that
corpus, R times each, K rounds a time, and prints the median exec/s of
each and the ratio with/without.

  --corpus-runs N  libFuzzer executions that grow the corpus (default 20000)
  --rounds K       passes over the corpus per measurement (default 200)
  --reps R         measurements of each build (default 5)
  --targets LIST   comma-separated driver targets (default demo,ndis_sample,portcls_sample)
  --configs LIST   debug (ASan + UBSan, -O0) and/or release (-O2) (default both)
  --help           this text
EOF
}

corpus_runs=20000; rounds=200; reps=5; targets=demo,ndis_sample,portcls_sample
configs=debug,release
number() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "${#1}" -le 9 ]; }
while [ $# -gt 0 ]; do
  case $1 in
    --help|-h) usage; exit 0 ;;
    --corpus-runs|--rounds|--reps)
      if [ $# -lt 2 ] || ! number "$2"; then echo "checker: $1 wants a positive number" >&2; exit 2; fi
      case $1 in --corpus-runs) corpus_runs=$2 ;; --rounds) rounds=$2 ;; *) reps=$2 ;; esac
      shift 2 ;;
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
  cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DUF_LIBFUZZER=ON -DUF_WERROR=ON -DUF_BENCH=ON \
    -DBUILD_TESTING=OFF "${flags[@]}" >"$work/configure-$config-$with.log" 2>&1 ||
    { tail -n 20 "$work/configure-$config-$with.log" >&2; exit 1; }
  cmake --build "$dir" -j "$(nproc)" --target unloadfuzz "${tlist[@]/%/_fuzzer}" \
    "${timers[@]}" \
    >"$work/build-$config-$with.log" 2>&1 ||
    { tail -n 20 "$work/build-$config-$with.log" >&2; exit 1; }
}

# rate DIR TARGET: exec/s of one measurement of TARGET in build DIR (its
# timer over the corpus, ROUNDS passes).
rate() {
  "$1/bench/bench_$2_timer" "$rounds" "$work/corpus-$2"/* 2>"$work/run.log" ||
    { echo "checker: $1/bench/bench_$2_timer failed" >&2; tail -n 20 "$work/run.log" >&2; exit 1; }
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

max_len=$(sed -n 's/^#define UF_MAX_INPUT //p' harness/util/defs.h)
timers=("${tlist[@]/#/bench_}"); timers=("${timers[@]/%/_timer}")
echo "checker: corpora of $corpus_runs libFuzzer executions; $reps measurements of $rounds passes"
printf '%-9s %-16s %8s %12s %12s %8s\n' config target inputs with/s without/s ratio
for c in "${clist[@]}"; do
  build "$c" with
  build "$c" without
  for t in "${tlist[@]}"; do
    if [ ! -d "$work/corpus-$t" ]; then
      src=$(awk -F'\t' -v t="$t" '$1 == t { print $3 }' "build/bench-checker-$c-with/drivers.tsv")
      [ -n "$src" ] || { echo "checker: no seeds for $t" >&2; exit 1; }
      mkdir -p "$work/seeds-$t" "$work/corpus-$t"
      for f in "$src"/*.ufp; do
        "build/bench-checker-$c-with/unloadfuzz" convert --driver \
          -o "$work/seeds-$t/$(basename "$f" .ufp)" "$f"
      done
      "build/bench-checker-$c-without/${t}_fuzzer" -runs="$corpus_runs" -seed=1 \
        -max_len="$max_len" -detect_leaks=0 "$work/corpus-$t" "$work/seeds-$t" \
        >"$work/corpus-$t.log" 2>&1 || { tail -n 20 "$work/corpus-$t.log" >&2; exit 1; }
    fi
    : >"$work/with"; : >"$work/without"
    for ((i = 0; i < reps; i++)); do
      rate "build/bench-checker-$c-with" "$t" >>"$work/with"
      rate "build/bench-checker-$c-without" "$t" >>"$work/without"
    done
    w=$(median <"$work/with"); wo=$(median <"$work/without")
    printf '%-9s %-16s %8s %12s %12s %8s\n' "$c" "$t" "$(ls "$work/corpus-$t" | wc -l)" "$w" "$wo" \
      "$(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%.3f", a / b }')"
  done
done
