#!/usr/bin/env bash
# check_report.sh UNLOADFUZZ FIXTURE [LAUNCHER...] - `unloadfuzz report DIR`
# on the fixture campaign (tests/fixtures/campaign: three targets, two
# findings) writes report.md, report.json and report.html with the counts
# the fixture holds, the same bytes twice; a campaign with no findings, and
# one with a flaky crash the campaign could not date, still give full
# reports; every missing or malformed input exits 2 with a message naming
# the file and overwrites nothing. LAUNCHER (valgrind in the gcc preset)
# runs the tool on the good campaigns and on one bad input of each file
# (the rest run bare: valgrind takes seconds a run).
set -uo pipefail
tool=$1 fixture=$2; shift 2
launcher=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
report() { "${launcher[@]}" "$tool" report "$@"; }
bare() { "$tool" report "$@"; }
bad() { echo "FAIL: $*"; fail=1; }
# expect FILE: each line of stdin, "EXPR => VALUE", holds of the JSON in
# FILE (as d); one python run checks them all
expect() {
  python3 -c '
import json, sys
d, bad = json.load(open(sys.argv[1])), 0
for line in sys.stdin:
    if " => " not in line:
        continue
    expr, want = line.strip().split(" => ", 1)
    got = str(eval(expr))
    print("ok: %s = %s" % (expr, got) if got == want else "FAIL: %s is %s, want %s" % (expr, got, want))
    bad |= got != want
sys.exit(bad)' "$1" || fail=1
}
fresh() { rm -rf "$tmp/c"; cp -r "$fixture" "$tmp/c"; }

# ---- the fixture: three files, the expected counts, deterministic ----
fresh
report "$tmp/c" >"$tmp/out" 2>"$tmp/err" || { bad "report on the fixture exited $?"; cat "$tmp/err"; }
for f in report.md report.json report.html; do
  [ -s "$tmp/c/$f" ] || bad "$f not written"
done
[ -z "$(ls -A "$tmp/c" | grep '\.tmp$')" ] || bad "temporary files left in DIR"
J=$tmp/c/report.json
# the second finding has no severity in findings.json: the rule catalogue's
expect "$J" <<'EOF'
d['summary']['targets'] => 3
d['summary']['findings'] => 2
d['summary']['flaky'] => 0
d['summary']['rules'] => 2
d['summary']['executions'] => 124006
d['summary']['time_s'] => 90.0
d['summary']['sessions'] => 1
[t['target'] for t in d['targets']] => ['api', 'ndis_bug_stats_timer', 'ndis_bug_stale_guard']
[t['findings'] for t in d['targets']] => [0, 1, 1]
[t['coverage'] for t in d['targets']] => [471, 262, 255]
[t['time_s'] for t in d['targets']] => [30.0, 30.0, 30.0]
[len(t['not_modelled']) for t in d['targets']] => [0, 1, 0]
[(r['rule'], r['findings']) for r in d['rules']] => [('double-unload', 1), ('handle-use-after-free', 1)]
d['findings'][1]['severity'] => ub
'fire timer#1' in d['findings'][0]['program_text'] => True
d['source_coverage'] => None
EOF
md=$tmp/c/report.md html=$tmp/c/report.html
grep -q '^| `handle-use-after-free` | ub | 1 | 0 | ndis_bug_stats_timer | 47 s |$' "$md" ||
  bad "report.md has no per-rule row for handle-use-after-free"
grep -q '^| ndis_bug_stale_guard | 30 s | 30,990 |' "$md" || bad "report.md has no per-target row"
grep -qx 'unloadfuzz repro --target ndis_bug_stale_guard findings/ndis_bug_stale_guard/001-double-unload.ufp' "$md" ||
  bad "report.md lacks a reproduce command"
grep -qx 'port-unload' "$md" || bad "report.md lacks the minimized program"
# the routines the model does not implement that a target reached (its gaps.txt)
grep -q '^## Not modelled' "$md" || bad "report.md has no Not modelled section"
grep -qx 'violation ddi-not-modelled gap at ndis_sample.c:742: WdfDriverGetRegistryPath is not modelled: it returned a failure (3 programs)' "$md" ||
  bad "report.md does not list ndis_bug_stats_timer's gap"
grep -q '<section id="gaps">' "$html" || bad "report.html has no Not modelled section"
for id in plot-coverage plot-execs plot-findings; do
  grep -q "<svg id=\"$id\" class=\"plot\"" "$html" || bad "report.html has no $id"
done
grep -q '<pre class="program">' "$html" || bad "report.html shows no program"
# self-contained: no script, nothing fetched, no URL but the SVG namespace
ext=$(grep -Eio '<script|<link|<img|<iframe|<object|<embed| src=|url\(|https?://[^"]*' "$html" |
      grep -vx 'http://www.w3.org/2000/svg')
[ -z "$ext" ] || bad "report.html is not self-contained: $(echo $ext | head -c 200)"
cp "$tmp/c/report.md" "$tmp/md1"; cp "$J" "$tmp/json1"; cp "$html" "$tmp/html1"
bare "$tmp/c" >/dev/null 2>&1
cmp -s "$tmp/md1" "$md" && cmp -s "$tmp/json1" "$J" && cmp -s "$tmp/html1" "$html" ||
  bad "a second run gives different reports"

# ---- no findings: still a full report ----
fresh
echo '[]' >"$tmp/c/findings.json"
report "$tmp/c" >/dev/null 2>"$tmp/err" || { bad "report with no findings exited $?"; cat "$tmp/err"; }
expect "$tmp/c/report.json" <<'EOF'
d['summary']['findings'] => 0
len(d['targets']) => 3
d['rules'] => []
EOF
grep -q 'None: no target crashed' "$tmp/c/report.md" || bad "report.md does not say there is no finding"
grep -q '<svg id="plot-findings"' "$tmp/c/report.html" || bad "no findings plot without findings"

# ---- as `unloadfuzz fuzz` writes them: absolute paths, a flaky crash with nulls ----
fresh
mkdir -p "$tmp/c/ndis_bug_stats_timer/crashes"
printf '\x01\x02\x00\x03' >"$tmp/c/ndis_bug_stats_timer/crashes/crash-1"
# no control characters, but Latin-1, not UTF-8: named, not shown
printf 'port-unload caf\xe9\n' >"$tmp/c/ndis_bug_stats_timer/crashes/crash-2"
python3 - "$tmp/c" <<'PY'
import json, os, sys
d = sys.argv[1]
p = os.path.join(d, "findings.json")
f = json.load(open(p))
f[0]["program"] = os.path.join(d, f[0]["program"])
f.append({"target": "ndis_bug_stats_timer", "signature": None, "rule": None, "severity": None,
          "first_seen_s": None, "inputs": 1,
          "program": os.path.join(d, "ndis_bug_stats_timer/crashes/crash-1"),
          "ops": None, "reproduce": None, "flaky": True})
f.append(dict(f[-1], program=os.path.join(d, "ndis_bug_stats_timer/crashes/crash-2")))
json.dump(f, open(p, "w"), indent=2)
PY
report "$tmp/c" >/dev/null 2>"$tmp/err" || { bad "report with a flaky crash exited $?"; cat "$tmp/err"; }
expect "$tmp/c/report.json" <<'EOF'
d['summary']['findings'] => 4
d['summary']['flaky'] => 2
d['summary']['rules'] => 2
d['findings'][2]['program_text'] => None
d['findings'][2]['first_seen_s'] => None
d['findings'][3]['program_text'] => None
d['findings'][3]['program_file'].endswith('crashes/crash-2') => True
EOF
grep -q 'A flaky crash in ndis_bug_stats_timer' "$tmp/c/report.md" || bad "report.md does not show the flaky crash"

# ---- bad input: exit 2, a message naming the file, nothing overwritten ----
# broken [-l] DESCRIPTION SHELL-EDIT WORD: the edit breaks a fresh copy;
# stderr must name WORD. -l: under LAUNCHER.
broken() {
  local run=bare
  [ "$1" = -l ] && { run=report; shift; }
  fresh
  (cd "$tmp/c" && eval "$2")
  for f in report.md report.json report.html; do echo "old $f" >"$tmp/c/$f"; done
  $run "$tmp/c" >/dev/null 2>"$tmp/err"
  local st=$?
  if [ "$st" -ne 2 ]; then
    bad "$1: exit $st, want 2"
  elif ! grep -q -- "$3" "$tmp/err"; then
    bad "$1: the message does not name $3: $(cat "$tmp/err")"
  else
    echo "ok: $1: $(head -n 1 "$tmp/err")"
  fi
  for f in report.md report.json report.html; do
    [ "$(cat "$tmp/c/$f")" = "old $f" ] || bad "$1: $f overwritten"
  done
  [ -z "$(ls -A "$tmp/c" | grep '\.tmp$')" ] || bad "$1: temporary files left"
}
broken "no campaign.json" 'rm campaign.json' campaign.json
broken -l "campaign.json not JSON" 'echo "{" >campaign.json' campaign.json
broken "campaign.json an array" 'echo "[]" >campaign.json' campaign.json
broken "no progress.tsv" 'rm progress.tsv' progress.tsv
broken "progress.tsv empty" ': >progress.tsv' progress.tsv
broken "progress.tsv without a column" 'sed -i 1s/coverage/cov/ progress.tsv' "progress.tsv:1"
broken -l "progress.tsv not a number" 'sed -i 3s/39120/39x20/ progress.tsv' "progress.tsv:3"
broken "progress.tsv short line" 'printf "100\tapi\t5\n" >>progress.tsv' "progress.tsv:11"
broken "no findings.json" 'rm findings.json' findings.json
broken "findings.json not an array" 'echo "{}" >findings.json' findings.json
broken "finding without a target" 'echo "[{\"rule\": \"x\"}]" >findings.json' '"target"'
broken "finding without a rule" 'echo "[{\"target\": \"api\", \"signature\": \"s\"}]" >findings.json' '"rule"'
broken -l "finding's program missing" 'rm findings/ndis_bug_stale_guard/001-double-unload.ufp' 001-double-unload.ufp
broken "coverage summary malformed" 'mkdir coverage && echo "{}" >coverage/summary.json' summary.json

# ---- usage ----
usage() { # usage WANT DESCRIPTION ARGS...
  local want=$1 what=$2; shift 2
  bare "$@" >/dev/null 2>"$tmp/err"
  local st=$?
  [ "$st" -eq "$want" ] && echo "ok: $what" || bad "$what: exit $st, want $want"
}
usage 0 "report --help" --help
usage 2 "report without DIR"
usage 2 "report with two DIRs" "$fixture" "$fixture"
usage 2 "report with a bad option" --nope "$fixture"
usage 2 "report on a missing directory" "$tmp/nonexistent"
usage 2 "report on a file" "$fixture/progress.tsv"
[ "$fail" -eq 0 ] && echo "report: all checks passed"
exit "$fail"
