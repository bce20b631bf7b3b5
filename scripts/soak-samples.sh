#!/usr/bin/env bash
# soak-samples.sh [--jobs N] [SECONDS] - the correct sample drivers under
# long libFuzzer runs, to show the harness raises no false positive: every
# driver target registered without expected rules (build/debug/drivers.tsv),
# once under the default port and once with --inject=double-unload, each for
# SECONDS (default 600) with scripts/libfuzzer-soak.sh, N at a time (default:
# the machine's cores; one core each). Prints one line per run and a summary.
# Outside the default test run (it takes SECONDS x runs / N).
# Exit status: 0 no run crashed, 1 a crash or a failed run, 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
usage: bash scripts/soak-samples.sh [--jobs N] [SECONDS]   (default 600)

Fuzzes every correct sample driver (no expected rules in drivers.tsv) with
libFuzzer (ASan + UBSan) for SECONDS, under the default port and with
--inject=double-unload, N runs at a time (default: the cores). Each run's
output is under out/libfuzzer-soak/<target>[-inject-double-unload]/.
Exit status: 0 no crash, 1 a crash or a failed run, 2 bad arguments.
USAGE
}
secs=600; jobs=$(nproc)
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --jobs)
      if [ $# -lt 2 ] || [[ ! $2 =~ ^[1-9][0-9]{0,2}$ ]]; then
        echo "soak-samples: --jobs wants a whole number from 1 to 999" >&2; exit 2
      fi
      jobs=$2; shift 2 ;;
    ''|*[!0-9]*) echo "soak-samples: SECONDS must be a whole number, not '$1'" >&2; usage >&2; exit 2 ;;
    *) secs=$((10#$1)); shift ;;
  esac
done
if [ "$secs" -lt 1 ] || [ "$secs" -gt 604800 ]; then
  echo "soak-samples: SECONDS must be from 1 to 604800, not $secs" >&2; exit 2
fi

bash scripts/setup.sh
echo "soak-samples: building (debug preset: clang, ASan + UBSan, libFuzzer)..."
cmake --preset debug >/dev/null
if ! log=$(cmake --build --preset debug 2>&1); then
  echo "$log" | tail -n 30 >&2; echo "soak-samples: the build failed" >&2; exit 1
fi
mapfile -t samples < <(awk -F'\t' '$4 == "" { print $1 }' build/debug/drivers.tsv)
[ "${#samples[@]}" -gt 0 ] || { echo "soak-samples: no correct sample in drivers.tsv" >&2; exit 1; }
runs=()
for t in "${samples[@]}"; do runs+=("$t:" "$t:double-unload"); done
echo "soak-samples: ${#runs[@]} runs of ${secs}s, $jobs at a time: ${samples[*]}, each default and --inject=double-unload"

mkdir -p out/soak-samples
status=0; pids=(); names=()
# finish: waits for the oldest run and prints its summary line.
finish() {
  local pid=${pids[0]} name=${names[0]} rc=0 log label
  pids=("${pids[@]:1}"); names=("${names[@]:1}")
  wait "$pid" || rc=$?
  log=out/soak-samples/${name/:/-inject-}.log
  label=${name%%:*}; [ -n "${name#*:}" ] && label="$label --inject=${name#*:}"
  if [ "$rc" -eq 0 ]; then
    echo "  ok    $label: $(grep -m1 -E 'executions:' "$log" | tr -s ' ') $(grep -m1 -E 'coverage:' "$log" | tr -s ' ')"
  else
    echo "  FAIL  $label: $(grep -m1 -E 'first report:|exited with' "$log" || tail -n 1 "$log")"
    status=1
  fi
}
for r in "${runs[@]}"; do
  t=${r%%:*}; inj=${r#*:}
  [ "${#pids[@]}" -ge "$jobs" ] && finish
  UF_SOAK_BUILT=1 bash scripts/libfuzzer-soak.sh --target "$t" ${inj:+--inject "$inj"} "$secs" \
    >"out/soak-samples/${r/:/-inject-}.log" 2>&1 &
  pids+=($!); names+=("$r")
done
while [ "${#pids[@]}" -gt 0 ]; do finish; done
[ "$status" -eq 0 ] && echo "soak-samples: no crash in any run" || echo "soak-samples: a run crashed (logs in out/soak-samples/)"
exit "$status"
