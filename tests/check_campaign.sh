#!/usr/bin/env bash
# check_campaign.sh BUILD_DIR - `unloadfuzz fuzz` end to end in a few
# seconds: a campaign of a planted-bug target (ndis_bug_stats_timer, one
# worker, 4 s) finds its bug and records it as docs/CAMPAIGNS.md says
# (the directory layout, campaign.json, progress.tsv, findings.json with
# the finding's fields in order); a second run with the same --out resumes
# it (a second session, every crash kept, still one finding); under
# --inject the driver's findings replay with it and api is still triaged;
# a worker that fails before its time is said; bad arguments, and AFL++
# asked for where there is none, exit 2 and write nothing.
set -uo pipefail
build=$1
tool=$build/unloadfuzz
t=ndis_bug_stats_timer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
out=$tmp/c

# shape NAME: the checks of campaign.json, progress.tsv and findings.json
# (python below) after run NAME, with the sessions expected.
shape() {
  python3 - "$out" "$t" "$2" <<'PY' || bad "$1: the records are not in shape"
import json, os, sys
d, t, sessions = sys.argv[1], sys.argv[2], int(sys.argv[3])
bad = []
c = json.load(open(os.path.join(d, "campaign.json")))
if list(c) != ["started", "sessions", "targets", "engine", "jobs"]:
    bad.append("campaign.json members %s" % list(c))
if (c["targets"], c["engine"], c["jobs"]) != ([t], "libfuzzer", 1):
    bad.append("campaign.json asks %s" % [c["targets"], c["engine"], c["jobs"]])
if len(c["sessions"]) != sessions:
    bad.append("%d sessions, want %d" % (len(c["sessions"]), sessions))
for s in c["sessions"]:
    if list(s) != ["started", "time_s", "seed", "inject", "targets"] or s["inject"] is not None:
        bad.append("session %s" % s)
if c["sessions"][0]["started"] != c["started"] or c["sessions"][0]["seed"] != 1:
    bad.append("the first session is not the campaign's start")
lines = open(os.path.join(d, "progress.tsv")).read().splitlines()
if lines[0].split("\t") != ["elapsed_s", "target", "execs", "execs_per_s", "coverage", "corpus",
                            "findings"]:
    bad.append("progress.tsv header %r" % lines[0])
rows = [l.split("\t") for l in lines[1:]]
if len(rows) < sessions or any(len(r) != 7 or r[1] != t or
                               not all(x.isdigit() for x in r[:1] + r[2:]) for r in rows):
    bad.append("progress.tsv rows %s" % rows)
elif [int(r[0]) for r in rows] != sorted(int(r[0]) for r in rows) or rows[-1][6] != "1":
    bad.append("progress.tsv: time goes back, or the last line has no finding: %s" % rows)
findings = json.load(open(os.path.join(d, "findings.json")))
real = [f for f in findings if not f["flaky"]]
keys = ["target", "signature", "rule", "severity", "first_seen_s", "inputs", "program", "ops",
        "reproduce", "flaky"]
if len(real) != 1:
    bad.append("%d findings, want 1: %s" % (len(real), real))
for f in real:
    if list(f) != keys:
        bad.append("finding members %s" % list(f))
    elif (f["target"], f["rule"], f["severity"]) != (t, "handle-use-after-free", "ub") or \
            not f["signature"].startswith(t + ":handle-use-after-free:"):
        bad.append("finding %s" % f)
    elif f["program"] != os.path.join(d, "findings", t, "001-handle-use-after-free.ufp") or \
            not os.path.isfile(f["program"]) or \
            f["reproduce"] != "unloadfuzz repro --target %s %s" % (t, f["program"]):
        bad.append("program %s, reproduce %s" % (f["program"], f["reproduce"]))
    elif not (isinstance(f["first_seen_s"], float) and 0 <= f["first_seen_s"] < 600) or \
            not 1 <= f["inputs"] <= len(os.listdir(os.path.join(d, t, "crashes"))) or \
            not 1 <= f["ops"] <= 20:
        bad.append("first_seen_s %s, inputs %s, ops %s" %
                   (f["first_seen_s"], f["inputs"], f["ops"]))
for f in findings:
    if f["flaky"] and (list(f) != [k for k in keys if k != "ops"] or f["signature"] is not None):
        bad.append("flaky entry %s" % f)
for p in ["seeds", "corpus", "crashes", "logs/fuzzer.log", "logs/merge.log"]:
    if not os.path.exists(os.path.join(d, t, p)):
        bad.append("no %s/%s" % (t, p))
for p in ["corpus.merge", "corpus.old"]:
    if os.path.exists(os.path.join(d, t, p)):
        bad.append("%s/%s left behind" % (t, p))
if len(os.listdir(os.path.join(d, t, "seeds"))) == 0:
    bad.append("no seeds converted")
for p in ["triage.json", "triage.log"]:
    if not os.path.isfile(os.path.join(d, "findings", t, p)):
        bad.append("no findings/%s/%s" % (t, p))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
}

# ---- a campaign finds the planted bug ----
"$tool" fuzz "$t" --time 4s --jobs 1 --seed 1 --out "$out" >"$tmp/run1.log" 2>&1
st=$?
cat "$tmp/run1.log"
[ "$st" -eq 1 ] || bad "the first run exited $st, want 1 (a finding)"
grep -q "^unloadfuzz fuzz: 1 target(s) ($t), libfuzzer, 1 job(s), 4s in all, seed 1, in $out\$" \
  "$tmp/run1.log" || bad "no opening line"
grep -q "^unloadfuzz fuzz: done: 1 distinct finding(s); $out/findings.json\$" "$tmp/run1.log" ||
  bad "no closing line"
grep -q "^      unloadfuzz repro --target $t $out/findings/$t/001-handle-use-after-free.ufp\$" \
  "$tmp/run1.log" || bad "the summary does not show how to reproduce the finding"
shape "first run" 1
find "$out/$t/crashes" -type f | sort >"$tmp/crashes-1"
[ -s "$tmp/crashes-1" ] || bad "no crash saved"

# ---- the same --out resumes it ----
"$tool" fuzz "$t" --time 2s --jobs 1 --out "$out" >"$tmp/run2.log" 2>&1
st=$?
cat "$tmp/run2.log"
[ "$st" -eq 1 ] || bad "the resumed run exited $st, want 1"
grep -Eq "^unloadfuzz fuzz: resuming $out \([0-9]+s done before\)\$" "$tmp/run2.log" ||
  bad "the second run does not say it resumes"
shape "resumed run" 2
lost=$(comm -23 "$tmp/crashes-1" <(find "$out/$t/crashes" -type f | sort) | wc -l)
[ "$lost" -eq 0 ] || bad "$lost crash files lost in the resume"

# ---- --inject: driver findings replay with it; api crashes are still triaged ----
# (api programs have no port to misbehave: their triage takes no --inject).
# The api target crashes only on the model's internal-* findings, so the
# input planted in its crashes/ is one triage counts as not crashing.
o3=$tmp/inj
"$tool" fuzz api "$t" --inject double-unload --time 2s --jobs 1 --seed 1 --out "$o3" \
  >"$tmp/run3.log" 2>&1
mkdir -p "$o3/api/crashes"
"$tool" convert -o "$o3/api/crashes/planted" \
  "$(dirname "$0")/../corpus/regressions/api/callback-lock-held.ufp"
"$tool" fuzz api "$t" --inject double-unload --time 2s --jobs 1 --out "$o3" >"$tmp/run4.log" 2>&1
python3 - "$o3" "$t" <<'PY' || { bad "--inject campaign: the triages"; cat "$tmp/run4.log"; }
import json, os, sys
d, t = sys.argv[1], sys.argv[2]
bad = []
api = json.load(open(os.path.join(d, "findings", "api", "triage.json")))
if api["inject"] is not None or api["inputs"] < 1:
    bad.append("api triage %s" % api)
f = [x for x in json.load(open(os.path.join(d, "findings.json"))) if x["target"] == t]
if not f or any(x["reproduce"] != "unloadfuzz repro --target %s --inject=double-unload %s" %
                (t, x["program"]) for x in f if not x["flaky"]):
    bad.append("%s findings %s" % (t, f))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY

# ---- bad arguments: exit 2, a message, nothing written ----
for args in "--jobs 0" "--time 5q" "--inject nope" "--engine nope" "--seed x" "no_such_target" \
            "--main" "--sync-dir $tmp/sync"; do
  # shellcheck disable=SC2086
  "$tool" fuzz $args --out "$tmp/bad" >/dev/null 2>"$tmp/err"
  st=$?
  [ "$st" -eq 2 ] || bad "fuzz $args: exit $st, want 2"
  grep -q "^unloadfuzz fuzz: " "$tmp/err" || bad "fuzz $args: no message"
  [ ! -e "$tmp/bad" ] && [ ! -e "$tmp/sync" ] || bad "fuzz $args wrote something"
done
# an engine that cannot start (here an afl-fuzz that refuses at once) is said
mkdir -p "$tmp/fake/bin" "$tmp/fake/afl"
printf '#!/bin/sh\necho "[-] PROGRAM ABORT : refused" >&2\nexit 1\n' >"$tmp/fake/bin/afl-fuzz"
printf '#!/bin/sh\nexit 0\n' >"$tmp/fake/afl/${t}_afl"
chmod +x "$tmp/fake/bin/afl-fuzz" "$tmp/fake/afl/${t}_afl"
PATH=$tmp/fake/bin:$PATH UF_AFL_BUILD_DIR=$tmp/fake/afl "$tool" fuzz "$t" --engine afl --jobs 2 \
  --time 20s --out "$tmp/afl" >/dev/null 2>"$tmp/err"
for i in 0 1; do
  grep -Eq "^unloadfuzz fuzz: a worker ended after [01] s of 20 \(status 1\): see $tmp/afl/$t/logs/afl-$i.log\$" \
    "$tmp/err" || bad "a worker that failed at once is not said: $(cat "$tmp/err")"
done
PATH=/nonexistent "$tool" fuzz --engine afl --out "$tmp/bad" >/dev/null 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && grep -q "^unloadfuzz fuzz: no afl-fuzz in PATH" "$tmp/err" && [ ! -e "$tmp/bad" ] ||
  bad "--engine afl without afl-fuzz: exit $st, $(cat "$tmp/err")"
[ "$fail" -eq 0 ] && echo "campaign: all checks passed"
exit "$fail"
