#!/usr/bin/env bash
# check_explore.sh BUILD_DIR - the explorer (harness/tools/explore*.c) does what
# docs/EXPLORING.md says:
#  1. the bounded search on tests/drivers/ordering, from `load /
#     device-arrival`, with the events fire, run and removal, reaches exactly
#     the states counted below and finds the use after free that only the
#     ordering fire timer#0, run workitem#0, device-removal reaches (not at
#     depth 2);
#  2. the sweeps find every planted bug of drivers.tsv (EXPECT) from the
#     shortest life, `load / device-arrival / port-unload`, each with its
#     rule;
#  3. the correct samples come out of the allocation and unload sweeps over
#     their seeds clean.
#
# The states of (1), counted by hand. S0, after the setup: the timer started,
# the work item idle, the buffer alive, the adapter present. Events:
#   fire:    S0 -> S1 (timer expired, work item queued); elsewhere nothing
#   run:     S1 -> S3 (work item ran: buffer deleted); elsewhere nothing
#   removal: S0, S1, S3 -> S2 (the adapter and its objects gone: the same
#            objects freed whichever way they went), and S3's removal reads
#            the deleted buffer: the finding
# So 4 states: 3 within depth 1 (S0, S1, S2), all 4 within depth 2, and the
# runs at depth 3: S0; its 3 children; S1's 3 and S2's 2 (fire and run:
# no removal without an adapter); S3's 3 = 12.
set -uo pipefail
build=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
json() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }

# ---- 1. the bounded search ----
for depth in 2 3; do
  out=$tmp/search$depth
  "$build/ordering_explore" --sweeps search --events fire,run,removal --depth "$depth" \
    --out "$out" --quiet "$root/tests/drivers/ordering/setup.ufp" >/dev/null
  states=$(json "$out/summary.json" "d['sweeps']['search']['states']")
  runs=$(json "$out/summary.json" "d['sweeps']['search']['runs']")
  found=$(json "$out/summary.json" "' '.join(f['rule'] for f in d['findings'])")
  echo "search depth $depth: $states states, $runs runs, findings: ${found:-none}"
  [ "$states" = 4 ] || { echo "FAIL: depth $depth: $states states, counted 4"; fail=1; }
  if [ "$depth" = 2 ]; then
    [ "$runs" = 9 ] || { echo "FAIL: depth 2: $runs runs, counted 9"; fail=1; }
    [ -z "$found" ] || { echo "FAIL: depth 2 found '$found': the bug needs three events"; fail=1; }
  else
    [ "$runs" = 12 ] || { echo "FAIL: depth 3: $runs runs, counted 12"; fail=1; }
    [ "$found" = handle-use-after-free ] || { echo "FAIL: depth 3 found '$found'"; fail=1; }
    prog=$(json "$out/summary.json" "d['findings'][0]['program']")
    if [ "$(grep -v '^#' "$prog" | tr '\n' '/')" != \
         "load/device-arrival/fire timer#0/run workitem#0/device-removal adapter=0/" ]; then
      echo "FAIL: the finding's program is not the ordering:"; cat "$prog"; fail=1
    fi
    "$build/ordering_replay" --expect "$prog" >/dev/null ||
      { echo "FAIL: the finding's program does not replay as written"; fail=1; }
  fi
done

# ---- 2. every planted bug, from the shortest life ----
printf 'load\ndevice-arrival\nport-unload\n' > "$tmp/life.ufp"
while IFS='|' read -r target dir seeds expect regs; do
  [ -n "$expect" ] || continue
  out=$tmp/$target
  "$build/${target}_explore" --out "$out" --quiet "$tmp/life.ufp" >/dev/null 2>&1
  for rule in $expect; do
    how=$(json "$out/summary.json" \
      "next((f['sweep'] + ' (' + f['how'] + ') after %.3fs' % f['seconds'] for f in d['findings'] if f['rule'] == '$rule'), '')")
    if [ -n "$how" ]; then
      echo "ok: $target: $rule by the $how"
    else
      echo "FAIL: $target: the sweeps did not find $rule"; fail=1
    fi
  done
done < <(tr '\t' '|' < "$build/drivers.tsv")

# ---- 3. the correct samples: allocation and unload sweeps clean ----
while IFS='|' read -r target dir seeds expect regs; do
  [ -z "$expect" ] || continue
  out=$tmp/$target
  "$build/${target}_explore" --sweeps alloc,unload --out "$out" --quiet >/dev/null 2>&1
  n=$(json "$out/summary.json" "len(d['findings'])")
  runs=$(json "$out/summary.json" "d['runs']")
  if [ "$n" = 0 ]; then
    echo "ok: $target: alloc and unload sweeps clean ($runs runs over its seeds)"
  else
    echo "FAIL: $target: $n findings in the alloc and unload sweeps:"
    json "$out/summary.json" "'\n'.join(f['rule'] + ' ' + f['program'] for f in d['findings'])"
    fail=1
  fi
done < <(tr '\t' '|' < "$build/drivers.tsv")
[ "$fail" -eq 0 ] && echo "explore: all checks passed"
exit "$fail"
