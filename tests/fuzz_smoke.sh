#!/usr/bin/env bash
# fuzz_smoke.sh FUZZER UNLOADFUZZ SEEDS [--driver RUNS] - a short libFuzzer
# run of a target from the text seeds (converted to the binary form in a
# scratch directory): a fixed seed and a fixed number of executions (60000,
# or RUNS for a driver target), so it is the same run every time; it must
# finish with no crash. On a crash it prints the input as text. Then a
# shorter one from an empty corpus, which must start and finish.
set -euo pipefail
fuzzer=$1; tool=$2; seeds=$3
kind=api; runs=60000; convert=()
if [ "${4:-}" = --driver ]; then
  kind=driver; runs=${5:?--driver takes the number of executions}; convert=(--driver)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/seeds" "$work/corpus"
for f in "$seeds"/*.ufp; do
  "$tool" convert "${convert[@]}" -o "$work/seeds/$(basename "$f" .ufp)" "$f"
done
cd "$work"
max_len=$(sed -n 's/^max_len = //p' "$(dirname "$fuzzer")/$kind.options")
if ! "$fuzzer" -seed=1 -runs="$runs" -max_total_time=60 -max_len="$max_len" -print_final_stats=1 \
     -artifact_prefix="$work/" corpus seeds >log 2>&1; then
  tail -n 30 log
  for c in "$work"/crash-* "$work"/leak-* "$work"/oom-* "$work"/timeout-*; do
    [ -e "$c" ] || continue
    echo "== the input, as text (unloadfuzz convert):"
    "$tool" convert "${convert[@]}" "$c" || true
  done
  echo "libFuzzer smoke: FAILED"
  exit 1
fi
tail -n 12 log
echo "libFuzzer smoke: $runs executions, no crash"
# From nothing, too: libFuzzer stops at once ("no interesting inputs") when
# the empty program touches no coverage counter, as after a change to
# fuzzers/coverage-ignore.txt that left a run's start uninstrumented.
mkdir empty
if ! "$fuzzer" -seed=1 -runs=5000 -max_len="$max_len" -artifact_prefix="$work/" empty >log 2>&1; then
  tail -n 5 log
  echo "libFuzzer smoke from an empty corpus: FAILED"
  exit 1
fi
echo "libFuzzer smoke: 5000 executions from an empty corpus, no crash"
