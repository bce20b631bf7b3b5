#!/usr/bin/env bash
# check_report_coverage.sh FIXTURE SCRATCH - scripts/coverage.sh on the
# fixture campaign (three targets; text and binary corpus files, api's
# converted first): an instrumented build in SCRATCH replays every corpus,
# DIR/coverage/index.html and summary.json are written, the model and the
# NDIS sample are covered in part, and the campaign's report links and
# summarizes it. Labelled slow: the build takes a minute or so.
set -uo pipefail
fixture=$1 scratch=$2
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cp -r "$fixture" "$tmp/c"
bash "$src/scripts/coverage.sh" --build "$scratch" "$tmp/c" || bad "coverage.sh exited $?"
[ -s "$tmp/c/coverage/index.html" ] || bad "no coverage/index.html"
python3 - "$tmp/c" <<'PY' || fail=1
import json, os, sys
d = sys.argv[1]
s = json.load(open(os.path.join(d, "coverage", "summary.json")))
files = {f["filename"]: f["summary"]["lines"] for f in s["data"][0]["files"]}
bad = 0
for part in ("/model/object.c", "/drivers/ndis_sample/ndis_sample.c"):
    hit = [v for k, v in files.items() if k.endswith(part)]
    ok = hit and 0 < hit[0]["covered"] < hit[0]["count"]
    print("%s: %s covered %s" % ("ok" if ok else "FAIL", part, hit and "%d of %d lines" % (hit[0]["covered"], hit[0]["count"])))
    bad |= not ok
outside = [k for k in files if "/harness/" in k or "/fuzzers/" in k]
print("%s: nothing outside model/ and drivers/ (%s)" % ("FAIL" if outside else "ok", outside[:2]))
r = json.load(open(os.path.join(d, "report.json")))["source_coverage"]
ok = r and r["report"] == "coverage/index.html" and r["model/"]["lines"]["covered"] > 0
print("%s: report.json summarizes it" % ("ok" if ok else "FAIL"))
sys.exit(bad or bool(outside) or not ok)
PY
grep -q '<a id="coverage-link" href="coverage/index.html">' "$tmp/c/report.html" ||
  bad "report.html does not link coverage/index.html"
bash "$src/scripts/coverage.sh" --build "$scratch" "$tmp/nonexistent" >/dev/null 2>&1
[ $? -eq 2 ] || bad "coverage.sh on a missing directory does not exit 2"
[ "$fail" -eq 0 ] && echo "report-coverage: all checks passed"
exit "$fail"
