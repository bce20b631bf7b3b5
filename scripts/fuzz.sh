#!/usr/bin/env bash
# fuzz.sh [SECONDS] - the main job: a short fuzzing campaign of the `api`
# target with libFuzzer (clang, ASan + UBSan) from the seed corpus.
#
# Installs what is missing, builds (the debug preset), converts the text
# seeds to the binary form, fuzzes for SECONDS (default 60) and prints a
# summary: executions, exec/s, corpus size, and each crash found with the
# command that reproduces it. Everything it writes goes under out/api/
# (git-ignored); running it again continues from the corpus it grew.
# The summary is also written to out/api/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: bash scripts/fuzz.sh [SECONDS]   (default 60)"
  echo "Fuzzes the api target with libFuzzer from corpus/seeds/api; output in out/api/."
}
secs=60
if [ $# -gt 1 ]; then usage >&2; exit 2; fi
if [ $# -eq 1 ]; then
  case "$1" in
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, not '$1'" >&2; usage >&2; exit 2 ;;
    *) secs=$1 ;;
  esac
fi

bash scripts/setup.sh
echo "fuzz: building (debug preset: clang, ASan + UBSan, libFuzzer)..."
cmake --preset debug >/dev/null
cmake --build --preset debug >/dev/null
tool=build/debug/unloadfuzz
fuzzer=build/debug/api_fuzzer
max_len=$(sed -n 's/^max_len = //p' build/debug/api.options) # harness/util/defs.h

out=out/api
mkdir -p "$out/seeds" "$out/corpus" "$out/crashes"
for f in corpus/seeds/api/*.ufp corpus/regressions/api/*.ufp; do
  dst="$out/seeds/$(basename "$f" .ufp)"
  [ -e "$dst" ] || "$tool" convert -o "$dst" "$f"
done
before=$(ls "$out/corpus" | wc -l)

echo "fuzz: running the api target for ${secs}s (libFuzzer; progress below)..."
log="$out/last-run.log"
set +e
(cd "$out" && ../../"$fuzzer" -max_total_time="$secs" -max_len="$max_len" -print_final_stats=1 \
   -artifact_prefix=crashes/ corpus seeds) >"$log" 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  sleep 10
  line=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | cut -c1-110)
  [ -n "$line" ] && echo "  $line"
done
wait "$pid"
status=$?
set -e

stat() { grep -E "^stat::$1:" "$log" | tail -n 1 | awk '{print $2}'; }
execs=$(stat number_of_executed_units); eps=$(stat average_exec_per_sec)
size=$(ls "$out/corpus" | wc -l)
crashes=$(ls "$out/crashes" 2>/dev/null | wc -l)
{
  echo "# unloadfuzz campaign: api target, libFuzzer"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| time | ${secs} s |"
  echo "| executions | ${execs:-?} |"
  echo "| exec/s | ${eps:-?} |"
  echo "| corpus | $size inputs ($((size - before)) new) |"
  echo "| crashes | $crashes |"
  echo
  if [ "$crashes" -gt 0 ]; then
    echo "## Crashes"
    echo
    for c in "$out"/crashes/*; do
      first=$(grep -m1 '^unloadfuzz: api:' "$log" || true)
      echo "- \`$c\` ${first:+($first)}"
      echo "  reproduce: \`$tool repro $c\`; read it: \`$tool convert $c\`"
    done
  else
    echo "No crash: the model and its checker agreed on every execution."
  fi
} >"$out/report.md"
echo
cat "$out/report.md"
echo
echo "fuzz: report written to $out/report.md"
if [ "$crashes" -gt 0 ] || { [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; }; then
  exit 1
fi
exit 0
