#!/usr/bin/env bash
# libfuzzer-soak.sh [SECONDS] - a long libFuzzer run of the `api` target with
# ASan + UBSan: the issue's "10 minutes of libFuzzer on api with no crash",
# kept out of the default test run.
#
# Installs what is missing, builds the debug preset (clang, ASan + UBSan,
# libFuzzer), converts the text seeds corpus/seeds/api/*.ufp to the binary
# form, and runs build/debug/api_fuzzer for SECONDS (default 600) with
# -max_len=4096, from an empty corpus and the seeds, printing progress every
# 30 s. At the end it prints executions, exec/s, coverage (edges and
# features), corpus size and every crash (ASan, UBSan, a leak, a timeout, an
# out-of-memory, or the model's `unloadfuzz: api: internal-*`) with the
# command that reproduces it. Everything it writes goes under
# out/libfuzzer-soak/ (git-ignored), emptied at each start; crashes are also
# copied to out/libfuzzer-crashes/, which nothing empties.
# Exit status: 0 no crash, 1 a crash or a failed run, 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
usage: bash scripts/libfuzzer-soak.sh [SECONDS]   (default 600)

Builds the debug preset (clang, ASan + UBSan, libFuzzer) and fuzzes the api
target for SECONDS from the seeds in corpus/seeds/api (-max_len=4096), then
prints executions, exec/s, coverage, corpus size and every crash with the
command that reproduces it. Output goes to out/libfuzzer-soak/.
Exit status: 0 no crash, 1 a crash or a failed run, 2 bad arguments.
EOF
}
secs=600
if [ $# -gt 1 ]; then usage >&2; exit 2; fi
if [ $# -eq 1 ]; then
  case $1 in
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "libfuzzer-soak: SECONDS must be a whole number, not '$1'" >&2; usage >&2; exit 2 ;;
    *) secs=$((10#$1)) ;;
  esac
fi
if [ "$secs" -lt 1 ] || [ "$secs" -gt 604800 ]; then
  echo "libfuzzer-soak: SECONDS must be from 1 to 604800, not $secs" >&2; exit 2
fi

bash scripts/setup.sh
echo "libfuzzer-soak: building (debug preset: clang, ASan + UBSan, libFuzzer)..."
cmake --preset debug >/dev/null
if ! log=$(cmake --build --preset debug 2>&1); then
  echo "$log" | tail -n 30 >&2; echo "libfuzzer-soak: the build failed" >&2; exit 1
fi
tool=build/debug/unloadfuzz
fuzzer=build/debug/api_fuzzer
[ -x "$fuzzer" ] || { echo "libfuzzer-soak: $fuzzer was not built (UF_LIBFUZZER off?)" >&2; exit 1; }

out=out/libfuzzer-soak
rm -rf "$out"
mkdir -p "$out/seeds" "$out/corpus" "$out/crashes"
for f in corpus/seeds/api/*.ufp; do
  "$tool" convert -o "$out/seeds/$(basename "$f" .ufp)" "$f"
done
nseeds=$(find "$out/seeds" -type f | wc -l)

echo "libfuzzer-soak: fuzzing api for ${secs}s from $nseeds seeds (progress every 30 s)..."
log=$out/fuzz.log
set +e
(cd "$out" && UBSAN_OPTIONS=print_stacktrace=1 ../../"$fuzzer" -max_total_time="$secs" \
   -max_len=4096 -print_final_stats=1 -artifact_prefix=crashes/ corpus seeds) >"$log" 2>&1 &
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
echo "libFuzzer soak of api (ASan + UBSan): ${secs}s"
echo "  executions:  ${execs:-?}"
echo "  exec/s:      ${eps:-?}"
echo "  coverage:    $(field cov) edges, $(field ft) features"
echo "  corpus:      $corpus inputs found (from $nseeds seeds)"
echo "  peak rss:    $(lf_stat peak_rss_mb) MB"
echo "  crashes:     ${#found[@]}"
if [ "${#found[@]}" -gt 0 ]; then
  keep=out/libfuzzer-crashes/$(date +%Y%m%d-%H%M%S)
  mkdir -p "$keep"
  first=$(grep -m1 -E '^unloadfuzz: api:|^SUMMARY: |runtime error:|ERROR: libFuzzer' "$log" || true)
  echo "  first report: ${first:-see $log}"
  for c in "${found[@]}"; do
    cp "$c" "$keep/"
    echo "  crash: $keep/${c##*/}"
    echo "    reproduce: $tool repro $keep/${c##*/}"
  done
  echo "libfuzzer-soak: the log is $log"
  exit 1
fi
if [ "$status" -ne 0 ] || [ -z "$execs" ]; then
  echo "libfuzzer-soak: api_fuzzer exited with status $status and no crash file; its log ends:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
echo "libfuzzer-soak: no crash in ${secs}s"
