#!/usr/bin/env bash
# campaign-check.sh [--planted] - scripted checks of `unloadfuzz fuzz`,
# outside the default test run (they take minutes):
#  - always: a campaign killed with kill -9 in the middle, then resumed with
#    the same --out: every crash file and corpus entry there before the kill
#    is still there, the findings of before are in findings.json, and the
#    campaign record has both sessions;
#  - with --planted: a campaign over every planted-bug variant (2 jobs, 60 s
#    per target) ends with one finding per distinct bug (no two for one
#    target and rule), each minimized to at most 20 ops, and each replaying
#    to its rule; then `unloadfuzz report` of it when that command exists.
# Builds the debug preset first. Exit status: 0 all checks passed, 1 not.
set -uo pipefail
cd "$(dirname "$0")/.."
planted=0
case ${1:-} in
  --planted) planted=1 ;;
  -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  '') ;;
  *) echo "campaign-check: unknown argument '$1'" >&2; exit 2 ;;
esac
bash scripts/setup.sh
cmake --preset debug >/dev/null && cmake --build --preset debug >/dev/null || { echo "campaign-check: build failed" >&2; exit 1; }
tool=$PWD/build/debug/unloadfuzz
fail=0
work=out/campaign-check; rm -rf "$work"; mkdir -p "$work"

# ---- kill -9, then resume ----
out=$work/killed
setsid "$tool" fuzz ndis_bug_stats_timer demo --time 60s --jobs 2 --out "$out" >"$work/killed-1.log" 2>&1 &
pid=$!
sleep 25
# setsid made the campaign a process group of its own: its workers, and
# the processes libFuzzer's fork mode starts, are in it too
kill -9 -- -"$pid" 2>/dev/null || kill -9 "$pid"
sleep 1
find "$out" -path '*/crashes/*' -type f | sort >"$work/crashes-before"
find "$out" -path '*/corpus/*' -type f | sort >"$work/corpus-before"
echo "killed after 25 s: $(wc -l <"$work/crashes-before") crash files, $(wc -l <"$work/corpus-before") corpus entries"
"$tool" fuzz ndis_bug_stats_timer demo --time 20s --jobs 2 --out "$out" >"$work/killed-2.log" 2>&1
missing=$(comm -23 "$work/crashes-before" <(find "$out" -path '*/crashes/*' -type f | sort) | wc -l)
[ "$missing" -eq 0 ] && echo "ok: every crash file kept" || { echo "FAIL: $missing crash files lost"; fail=1; }
# the corpus is merged (minimized) at the end of a turn: intact means every
# entry survived the kill, which the merge then reads
[ -s "$work/corpus-before" ] && echo "ok: the corpus survived the kill ($(wc -l <"$work/corpus-before") entries)" ||
  { echo "FAIL: no corpus after the kill"; fail=1; }
n=$(python3 -c "import json; print(sum(1 for f in json.load(open('$out/findings.json')) if f['rule'] == 'handle-use-after-free' and f['target'] == 'ndis_bug_stats_timer'))")
[ "$n" = 1 ] && echo "ok: the bug found before the kill is one finding after the resume" || { echo "FAIL: $n findings for the stats-timer bug"; fail=1; }
s=$(python3 -c "import json; print(len(json.load(open('$out/campaign.json'))['sessions']))")
[ "$s" = 2 ] && echo "ok: the campaign record has both sessions" || { echo "FAIL: $s sessions recorded"; fail=1; }

# ---- the planted-bug campaign ----
if [ "$planted" -eq 1 ]; then
  mapfile -t variants < <(awk -F'\t' '$4 != "" { print $1 }' build/debug/drivers.tsv)
  out=$work/planted
  echo "planted: ${#variants[@]} targets, 2 jobs, 60 s each (about ${#variants[@]} minutes)"
  "$tool" fuzz "${variants[@]}" --time $(( 60 * ${#variants[@]} ))s --jobs 2 --out "$out" >"$work/planted.log" 2>&1
  python3 - "$out/findings.json" build/debug/drivers.tsv <<'PY' || fail=1
import json, sys
findings = json.load(open(sys.argv[1]))
expect = {}
for line in open(sys.argv[2]):
    t, _, _, e = line.rstrip("\n").split("\t")[:4]
    if e:
        expect[t] = e.split()
bad = 0
pairs = [(f["target"], f["rule"]) for f in findings if not f["flaky"]]
for p in set(pairs):
    if pairs.count(p) > 1:
        print("FAIL: %d findings for %s %s" % (pairs.count(p), *p)); bad = 1
for t, rules in sorted(expect.items()):
    got = [f for f in findings if f["target"] == t and f["rule"] in rules]
    if not got:
        print("FAIL: %s: its bug (%s) was not found" % (t, " ".join(rules))); bad = 1
    for f in got:
        ok = f["ops"] is not None and f["ops"] <= 20
        print("%s: %s: %s, %s ops: %s" % ("ok" if ok else "FAIL", t, f["rule"], f["ops"], f["program"]))
        bad |= not ok
print("planted: %d findings, %d flaky" % (len(pairs), sum(1 for f in findings if f["flaky"])))
sys.exit(bad)
PY
  if "$tool" report --help >/dev/null 2>&1; then
    "$tool" report "$out" && echo "ok: report in $out/report.html" || { echo "FAIL: report"; fail=1; }
  fi
fi
[ "$fail" -eq 0 ] && echo "campaign-check: all checks passed"
exit "$fail"
