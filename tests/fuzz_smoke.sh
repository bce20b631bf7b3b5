#!/usr/bin/env bash
# fuzz_smoke.sh FUZZER UNLOADFUZZ SEEDS - a short libFuzzer run of a target
# from the text seeds (converted to the binary form in a scratch directory):
# it must run to its budget with no crash.
set -euo pipefail
fuzzer=$1; tool=$2; seeds=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/seeds" "$work/corpus"
for f in "$seeds"/*.ufp; do
  "$tool" convert -o "$work/seeds/$(basename "$f" .ufp)" "$f"
done
cd "$work"
"$fuzzer" -max_total_time=15 -max_len=4096 -print_final_stats=1 corpus seeds 2>&1 | tail -n 12
echo "libFuzzer smoke: no crash in 15 s"
