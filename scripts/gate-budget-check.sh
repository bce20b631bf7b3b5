#!/usr/bin/env bash
# gate-budget-check.sh [BUILD_DIR] [BUDGET] [LIMIT] - the merge gate keeps to
# its time: `unloadfuzz gate --budget BUDGET` (default 120 s, the default
# targets) must finish within LIMIT seconds (default 150: the budget plus the
# regressions, triage and reports). Outside the default test run: it takes
# minutes, and a time limit depends on the machine (docs/CAMPAIGNS.md,
# "The merge gate"). Exit status: 0 in time (whatever the gate found), 1 too
# slow, 2 the gate could not run.
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build/debug}
budget=${2:-120}
limit=${3:-150}
tool=$build/unloadfuzz
[ -x "$tool" ] || { echo "gate-budget-check: no $tool (cmake --preset debug && cmake --build --preset debug)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
"$tool" gate --budget "$budget" --out "$work/gate" | tee "$work/log"
status=${PIPESTATUS[0]}
took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "gate-budget-check: --budget $budget took ${took} s (limit $limit s), exit status $status"
[ "$status" -le 1 ] || { echo "gate-budget-check: the gate could not run" >&2; exit 2; }
if awk -v t="$took" -v l="$limit" 'BEGIN { exit !(t > l) }'; then
  echo "gate-budget-check: FAILED: over $limit s"
  exit 1
fi
echo "gate-budget-check: within $limit s"
