#!/usr/bin/env bash
# libfuzzer-soak.sh [--target NAME] [--inject LIST] [SECONDS] - a long
# libFuzzer run of one target with ASan + UBSan, kept out of the default test
# run: the `api` target (the issue's "10 minutes of libFuzzer on api with no
# crash") or a driver target (docs/DRIVERS.md: "10 minutes on each correct
# sample, default port and --inject double-unload"; scripts/soak-samples.sh
# runs all of those).
#
# Installs what is missing, builds the debug preset (clang, ASan + UBSan,
# libFuzzer), converts the target's text seeds (corpus/seeds/api, or the
# SEEDS of a driver target in build/debug/drivers.tsv) to the binary form,
# and runs build/debug/NAME_fuzzer for SECONDS (default 600) with
# the input limit as -max_len (build/debug/driver.options), from an empty corpus and the seeds, printing progress every
# 30 s. A driver target runs under the default port, or with --inject LIST
# (double-unload, irql) as its --inject=LIST. At the end it prints
# executions, exec/s, coverage (edges and features), corpus size and every
# crash (ASan, UBSan, a leak, a timeout, an out-of-memory, or the first line
# `unloadfuzz: NAME: <rule>`) with the command that reproduces it. Everything
# it writes goes under out/libfuzzer-soak/NAME[-inject-LIST]/ (git-ignored),
# emptied at each start; crashes are also copied to out/libfuzzer-crashes/,
# which nothing empties.
# Exit status: 0 no crash, 1 a crash or a failed run, 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() {
  cat <<'EOF'
usage: bash scripts/libfuzzer-soak.sh [--target NAME] [--inject LIST] [SECONDS]

Builds the debug preset (clang, ASan + UBSan, libFuzzer) and fuzzes a target
(default api; or a driver target such as ndis_sample) for SECONDS (default
600) from its seeds (-max_len: the targets' input limit), then prints executions, exec/s,
coverage, corpus size and every crash with the command that reproduces it.
  --target NAME   api, or a driver target (build/debug/drivers.tsv)
  --inject LIST   driver targets: double-unload, irql or both, comma-separated
Output goes to out/libfuzzer-soak/NAME[-inject-LIST]/.
Exit status: 0 no crash, 1 a crash or a failed run, 2 bad arguments.
EOF
}
secs=600; target=api; inject=""
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --target|--inject)
      if [ $# -lt 2 ]; then echo "libfuzzer-soak: $1 needs a value" >&2; usage >&2; exit 2; fi
      if [ "$1" = --target ]; then target=$2; else inject=$2; fi
      shift 2 ;;
    ''|*[!0-9]*) echo "libfuzzer-soak: SECONDS must be a whole number, not '$1'" >&2; usage >&2; exit 2 ;;
    *) secs=$((10#$1)); shift ;;
  esac
done
if [[ ! $target =~ ^[a-z0-9_]+$ ]]; then
  echo "libfuzzer-soak: bad target name '$target'" >&2; exit 2
fi
if [ -n "$inject" ] && [[ ! $inject =~ ^(double-unload|irql)(,(double-unload|irql))?$ ]]; then
  echo "libfuzzer-soak: --inject takes double-unload, irql or both, not '$inject'" >&2; exit 2
fi
if [ -n "$inject" ] && [ "$target" = api ]; then
  echo "libfuzzer-soak: --inject is for driver targets" >&2; exit 2
fi
if [ "$secs" -lt 1 ] || [ "$secs" -gt 604800 ]; then
  echo "libfuzzer-soak: SECONDS must be from 1 to 604800, not $secs" >&2; exit 2
fi

# UF_SOAK_BUILT=1: the caller built the debug preset (soak-samples.sh, which
# runs soaks side by side and must not run two builds of one tree at once).
if [ "${UF_SOAK_BUILT:-0}" != 1 ]; then
  bash scripts/setup.sh
  echo "libfuzzer-soak: building (debug preset: clang, ASan + UBSan, libFuzzer)..."
  cmake --preset debug >/dev/null
  if ! log=$(cmake --build --preset debug 2>&1); then
    echo "$log" | tail -n 30 >&2; echo "libfuzzer-soak: the build failed" >&2; exit 1
  fi
fi
tool=build/debug/unloadfuzz
fuzzer=build/debug/${target}_fuzzer
extra=()
if [ "$target" = api ]; then
  seeds=corpus/seeds/api
  repro="$tool repro"
else
  if ! grep -q "^$target	" build/debug/drivers.tsv; then
    echo "libfuzzer-soak: no target '$target' (api, or one of: $(cut -f1 build/debug/drivers.tsv | paste -sd' '))" >&2
    exit 2
  fi
  seeds=$(awk -F'\t' -v t="$target" '$1 == t { print $3 }' build/debug/drivers.tsv)
  repro="build/debug/${target}_replay${inject:+ --inject=$inject}"
  [ -n "$inject" ] && extra=("--inject=$inject")
fi
[ -x "$fuzzer" ] || { echo "libfuzzer-soak: $fuzzer was not built (UF_LIBFUZZER off?)" >&2; exit 1; }

out=out/libfuzzer-soak/$target${inject:+-inject-${inject//,/-}}
rm -rf "$out"
mkdir -p "$out/seeds" "$out/corpus" "$out/crashes"
if [ -n "$seeds" ]; then
  for f in "$seeds"/*.ufp; do
    "$tool" convert -o "$out/seeds/$(basename "$f" .ufp)" "$f"
  done
fi
nseeds=$(find "$out/seeds" -type f | wc -l)

echo "libfuzzer-soak: fuzzing $target${inject:+ (--inject=$inject)} for ${secs}s from $nseeds seeds (progress every 30 s)..."
log=$out/fuzz.log
set +e
(cd "$out" && UBSAN_OPTIONS=print_stacktrace=1 "$root/$fuzzer" -max_total_time="$secs" \
   -max_len="$(sed -n 's/^max_len = //p' build/debug/driver.options)" -print_final_stats=1 -artifact_prefix=crashes/ "${extra[@]}" corpus seeds) >"$log" 2>&1 &
pid=$!
waited=0
while kill -0 "$pid" 2>/dev/null; do
  sleep 1; waited=$((waited + 1))
  if [ $((waited % 30)) -eq 0 ]; then
    line=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | cut -c1-110)
    [ -n "$line" ] && echo "  ${waited}s: $line"
  fi
done
wait "$pid"
status=$?
set -e

# lf_stat NAME: libFuzzer's final stat::NAME.
lf_stat() { sed -n -E "s/^stat::$1:[[:space:]]*//p" "$log" | tail -n 1; }
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
# field NAME: the number after `NAME:` in libFuzzer's last status line.
field() { echo "$last" | sed -n -E "s/.* $1: ([0-9]+[A-Za-z]*).*/\\1/p"; }
execs=$(lf_stat number_of_executed_units); eps=$(lf_stat average_exec_per_sec)
corpus=$(find "$out/corpus" -type f | wc -l)
mapfile -t found < <(find "$out/crashes" -maxdepth 1 -type f | sort)
echo
echo "libFuzzer soak of $target${inject:+ (--inject=$inject)} (ASan + UBSan): ${secs}s"
echo "  executions:  ${execs:-?}"
echo "  exec/s:      ${eps:-?}"
echo "  coverage:    $(field cov) edges, $(field ft) features"
echo "  corpus:      $corpus inputs found (from $nseeds seeds)"
echo "  peak rss:    $(lf_stat peak_rss_mb) MB"
echo "  crashes:     ${#found[@]}"
if [ "${#found[@]}" -gt 0 ]; then
  keep=out/libfuzzer-crashes/$(date +%Y%m%d-%H%M%S)
  mkdir -p "$keep"
  first=$(grep -m1 -E "^unloadfuzz: $target:|^SUMMARY: |runtime error:|ERROR: libFuzzer" "$log" || true)
  echo "  first report: ${first:-see $log}"
  for c in "${found[@]}"; do
    cp "$c" "$keep/"
    echo "  crash: $keep/${c##*/}"
    echo "    reproduce: $repro $keep/${c##*/}"
  done
  echo "libfuzzer-soak: the log is $log"
  exit 1
fi
if [ "$status" -ne 0 ] || [ -z "$execs" ]; then
  echo "libfuzzer-soak: ${target}_fuzzer exited with status $status and no crash file; its log ends:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
echo "libfuzzer-soak: no crash in ${secs}s"
