#!/usr/bin/env bash
# check_triage.sh BUILD_DIR - `unloadfuzz triage` groups crashes by their
# meaning and minimizes one of each: the planted stats-timer bug of the NDIS
# sample reached three ways (a long program, the same bytes an engine would
# write, another path to the same misuse) is one signature, minimized to a
# program that is no longer than the shortest input and replays to the same
# rule through `unloadfuzz repro --target`; a program that does not crash is
# counted apart; bad usage exits 2.
set -uo pipefail
build=$1
tool=$build/unloadfuzz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
mkdir -p "$tmp/in"
cat > "$tmp/in/long.ufp" <<'UFP'
load
device-arrival
run-deferred
fire timer#0
run workitem#0
device-arrival
device-removal adapter=0
run-deferred
fire timer#1
fire timer#1
port-unload
UFP
cat > "$tmp/other-path.ufp" <<'UFP'
load
device-arrival
device-removal
run-deferred
fire timer#1
UFP
"$tool" convert -o "$tmp/in/crash-bytes" "$tmp/other-path.ufp"
printf 'load\ndevice-arrival\nport-unload\n' > "$tmp/in/clean.ufp"
"$tool" triage ndis_bug_stats_timer --out "$tmp/out" --json "$tmp/in" > "$tmp/triage.json"
status=$?
[ "$status" -eq 1 ] || { echo "FAIL: triage exited $status, want 1 (crashes triaged)"; fail=1; }
j() { python3 -c "import json; d=json.load(open('$tmp/triage.json')); print($1)"; }
echo "triage: $(j "d['inputs']") inputs, $(j "len(d['signatures'])") signature(s), $(j "d['not_crashing']") not crashing"
[ "$(j "len(d['signatures'])")" = 1 ] || { echo "FAIL: want one signature"; cat "$tmp/triage.json"; fail=1; }
[ "$(j "d['signatures'][0]['inputs']")" = 2 ] || { echo "FAIL: want both crashing inputs under it"; fail=1; }
[ "$(j "d['not_crashing']")" = 1 ] || { echo "FAIL: the clean program is not counted apart"; fail=1; }
[ "$(j "d['inject']")" = None ] || { echo "FAIL: triage.json names an --inject not given"; fail=1; }
sig=$(j "d['signatures'][0]['signature']")
[ "$sig" = "ndis_bug_stats_timer:handle-use-after-free:WdfMemoryGetBuffer:memory" ] ||
  { echo "FAIL: signature '$sig'"; fail=1; }
prog=$(j "d['signatures'][0]['program']")
after=$(j "d['signatures'][0]['ops_after']")
echo "minimized to $after ops:"; grep -v '^#' "$prog"
[ "$after" -le 5 ] || { echo "FAIL: $after ops: not minimized below the shortest input"; fail=1; }
"$tool" repro --target ndis_bug_stats_timer --expect "$prog" >/dev/null ||
  { echo "FAIL: the minimized program does not replay to its rule"; fail=1; }
# under --inject the record and the program's header carry it, for the replay
"$tool" triage ndis_bug_stats_timer --inject=double-unload --out "$tmp/out-inj" --json \
  "$tmp/in" > "$tmp/triage.json"
[ "$(j "d['inject']")" = double-unload ] || { echo "FAIL: triage.json lacks the --inject"; fail=1; }
grep -q '^# reproduce: .* --inject=double-unload FILE$' "$(j "d['signatures'][0]['program']")" ||
  { echo "FAIL: the program's header does not replay with --inject"; fail=1; }
"$tool" triage api --inject=irql --out "$tmp/out3" "$tmp/in" >/dev/null 2>&1; [ $? -eq 2 ] ||
  { echo "FAIL: api triage takes --inject (api programs have no port)"; fail=1; }
"$tool" triage ndis_bug_stats_timer --out "$tmp/out2" >/dev/null 2>&1; [ $? -eq 2 ] ||
  { echo "FAIL: triage without a crash file does not exit 2"; fail=1; }
"$tool" triage ndis_bug_stats_timer --nope "$tmp/in" >/dev/null 2>&1; [ $? -eq 2 ] ||
  { echo "FAIL: triage with a bad option does not exit 2"; fail=1; }
[ "$fail" -eq 0 ] && echo "triage: all checks passed"
exit "$fail"
