#!/usr/bin/env bash
# check_gate.sh BUILD_DIR CHECK - `unloadfuzz gate`, the merge gate, one
# check at a time (each is its own ctest test, each well under a minute):
#
#   clean       the correct samples pass: exit 0, no SARIF result, one JUnit
#               testcase per regression and per target, both reports valid
#   fuzz-bug    fuzzing a planted bug (ndis_bug_stats_timer) fails: exit 1,
#               a SARIF result at the driver's source line of the offending
#               call with the minimized program, which replays; both reports
#               valid; with the finding's signature in a baseline, exit 0
#   regression  a broken regression fails: a temporary regressions directory
#               whose program for ndis_bug_stats_timer expects clean (and an
#               api program expecting a rule it does not raise): exit 1, a
#               JUnit failure and a SARIF result for each; both reports valid
#   repeat      the same --runs and --seed twice: the same exit status, the
#               same SARIF byte for byte, the same corpora
#   usage       bad arguments, a bad baseline, an existing report file, a
#               missing build: exit 2, a message, nothing written
#
# The reports are validated against the schemas in tests/schemas/ (sources
# in tests/schemas/README.md): SARIF with python3-jsonschema, JUnit with
# xmllint (libxml2-utils) against both the Ant and the Jenkins JUnit XSD;
# scripts/setup.sh installs both tools.
set -uo pipefail
build=$1
check=$2
src=$(cd "$(dirname "$0")/.." && pwd)
tool=$build/unloadfuzz
schemas=$src/tests/schemas
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# A python3 that has jsonschema: Debian's (python3-jsonschema) or the PATH's.
py=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done

# validate SARIF JUNIT - both reports against their schemas, and
# what the gate promises beyond them: one reportingDescriptor per catalogue
# rule (then the gate's two), each with its descriptions, help and severity;
# every result's ruleIndex naming its ruleId; every region with a startLine
# (SARIF 2.1.0 errata 01 requires one of startLine, charOffset, byteOffset).
validate() {
  local sarif=$1 junit=$2
  if [ -z "$py" ]; then
    bad "no python3 with jsonschema (bash scripts/setup.sh installs python3-jsonschema)"; return
  fi
  if ! command -v xmllint >/dev/null; then
    bad "no xmllint (bash scripts/setup.sh installs libxml2-utils)"; return
  fi
  "$tool" rules | awk 'NF && $1 !~ /^(rule|id)$/ {print $1}' > "$tmp/rules.txt"
  if ! "$py" - "$schemas/sarif-schema-2.1.0.json" "$sarif" "$tmp/rules.txt" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
catalogue = [l.strip() for l in open(sys.argv[3]) if l.strip()]
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc), key=str)
for e in errors[:10]:
    print("SARIF schema:", "/".join(map(str, e.absolute_path)), e.message[:300])
problems = []
run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
if ids[:len(catalogue)] != catalogue:
    problems.append("the descriptors are not the catalogue's rules in order: %s" % ids[:5])
if ids[len(catalogue):] != ["gate/regression-broken", "gate/engine-crash"]:
    problems.append("the gate's own descriptors: %s" % ids[len(catalogue):])
for r in rules:
    for k in ("shortDescription", "fullDescription", "help"):
        if not r.get(k, {}).get("text"):
            problems.append("rule %s has no %s" % (r["id"], k))
    if "severity" not in r.get("properties", {}):
        problems.append("rule %s has no severity" % r["id"])
    if "Real-world counterpart" not in r["help"]["text"]:
        problems.append("rule %s: help lacks the real-world reference" % r["id"])
def regions(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "region":
                yield v
            yield from regions(v)
    elif isinstance(o, list):
        for v in o:
            yield from regions(v)
for reg in regions(doc):
    if not any(k in reg for k in ("startLine", "charOffset", "byteOffset")):
        problems.append("a region without startLine: %s" % reg)
for res in run["results"]:
    if ids[res["ruleIndex"]] != res["ruleId"]:
        problems.append("result ruleIndex %d is not %s" % (res["ruleIndex"], res["ruleId"]))
for p in problems[:10]:
    print("SARIF:", p)
print("SARIF: %d descriptors, %d results, %s" % (len(rules), len(run["results"]),
      "valid against the SARIF 2.1.0 schema" if not errors else "%d schema errors" % len(errors)))
sys.exit(1 if errors or problems else 0)
PY
  then bad "$sarif does not validate"; fi
  for xsd in JUnit.xsd jenkins-junit.xsd; do
    xmllint --noout --schema "$schemas/$xsd" "$junit" 2>"$tmp/xmllint.err" ||
      { cat "$tmp/xmllint.err"; bad "$junit does not validate against $xsd"; }
    grep -q "validates" "$tmp/xmllint.err" && echo "JUnit: $(cat "$tmp/xmllint.err") ($xsd)"
  done
}

# sarif_get FILE EXPR - a Python expression over the SARIF log `d`.
sarif_get() { "${py:-python3}" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# Python paths into the SARIF log: the first result, its location.
r0='d["runs"][0]["results"][0]'
l0=$r0'["locations"][0]["physicalLocation"]'
# gate ARGS... - runs the gate; its output in $tmp/out, its status in $st.
gate() { "$tool" gate "$@" >"$tmp/out" 2>&1; st=$?; }

case $check in
clean)
  gate --targets demo,ndis_sample,portcls_sample --runs 20000 --seed 1 --out "$tmp/w"
  cat "$tmp/out"
  [ "$st" -eq 0 ] || bad "the correct samples: exit $st, want 0"
  grep -q "^gate: seed 1 " "$tmp/out" || bad "the seed is not printed"
  validate "$tmp/w/gate.sarif" "$tmp/w/gate.junit.xml"
  [ "$(sarif_get "$tmp/w/gate.sarif" 'len(d["runs"][0]["results"])')" = 0 ] ||
    bad "SARIF results on a clean run"
  # corpus/regressions, and those of the drivers -DUF_DRIVER_DIRS added
  # (drivers.tsv's fifth column, outside corpus/regressions).
  nregs=$(find "$src/corpus/regressions" -name '*.ufp' | wc -l)
  while IFS='|' read -r _ _ _ _ regs; do
    case $regs in corpus/regressions/*|"") continue ;; esac
    [ -d "$src/$regs" ] || [ -d "$regs" ] || continue
    d=$regs; [ -d "$d" ] || d=$src/$regs
    nregs=$((nregs + $(find "$d" -name '*.ufp' | wc -l)))
  done < <(tr '\t' '|' < "$build/drivers.tsv")
  ncases=$(grep -c '<testcase ' "$tmp/w/gate.junit.xml")
  [ "$ncases" -eq $((nregs + 3)) ] || bad "JUnit: $ncases testcases, want $nregs regressions + 3 targets"
  grep -q '<failure' "$tmp/w/gate.junit.xml" && bad "JUnit failures on a clean run"
  ;;
fuzz-bug)
  gate --targets ndis_bug_stats_timer --runs 20000 --seed 1 --out "$tmp/w"
  cat "$tmp/out"
  [ "$st" -eq 1 ] || bad "the planted bug: exit $st, want 1"
  validate "$tmp/w/gate.sarif" "$tmp/w/gate.junit.xml"
  s=$tmp/w/gate.sarif
  [ "$(sarif_get "$s" "$r0[\"ruleId\"]")" = handle-use-after-free ] || bad "ruleId"
  uri=$(sarif_get "$s" "$l0[\"artifactLocation\"][\"uri\"]")
  line=$(sarif_get "$s" "$l0[\"region\"][\"startLine\"]")
  echo "located at $uri:$line: $(sed -n "${line}p" "$src/$uri" 2>/dev/null)"
  [ "$uri" = drivers/ndis_sample/ndis_sample.c ] || bad "location $uri, want the driver's source"
  grep -q WdfMemoryGetBuffer <<< "$(sed -n "${line}p" "$src/$uri")" ||
    bad "line $line is not the WdfMemoryGetBuffer call"
  prog=$(sarif_get "$s" "$r0[\"relatedLocations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"]")
  prog=${prog#file://}
  [ -f "$prog" ] || bad "the related location $prog is no file"
  msg=$(sarif_get "$s" "$r0[\"message\"][\"text\"]")
  grep -q "^fire timer#1" <<< "$msg" || bad "the message lacks the minimized program"
  "$tool" repro --target ndis_bug_stats_timer --expect "$prog" >/dev/null ||
    bad "the minimized program does not replay to its rule"
  grep -q '<failure type="new-finding"' "$tmp/w/gate.junit.xml" || bad "JUnit: no failure"
  sig=$(sarif_get "$s" "$r0[\"partialFingerprints\"][\"unloadfuzzSignature/v1\"]")
  printf '# known\n%s\tplanted on purpose (tests/check_gate.sh)\n' "$sig" > "$tmp/baseline.tsv"
  gate --targets ndis_bug_stats_timer --runs 2000 --seed 1 --out "$tmp/w" \
    --baseline "$tmp/baseline.tsv"
  tail -n 8 "$tmp/out"
  [ "$st" -eq 0 ] || bad "with its signature in the baseline: exit $st, want 0"
  grep -q "known $sig" "$tmp/out" || bad "the finding is not reported as known"
  ;;
regression)
  # the correct sample's regression (clean there), replayed against the planted bug
  mkdir -p "$tmp/reg/ndis_bug_stats_timer"
  cp "$src/corpus/regressions/ndis_sample/clean-life.ufp" "$tmp/reg/ndis_bug_stats_timer/"
  mkdir -p "$tmp/reg/api"
  printf '# expect: double-unload\ndriver-create unload-callback\nminiport-unload\n' \
    > "$tmp/reg/api/wrong-expect.ufp"
  cp "$src/corpus/regressions/api/double-unload.ufp" "$tmp/reg/api/"
  gate --regressions "$tmp/reg" --targets demo --runs 500 --seed 1 --out "$tmp/w" \
    --sarif "$tmp/gate.sarif" --junit "$tmp/gate.junit.xml"
  cat "$tmp/out"
  [ "$st" -eq 1 ] || bad "broken regressions: exit $st, want 1"
  validate "$tmp/gate.sarif" "$tmp/gate.junit.xml"
  j=$tmp/gate.junit.xml
  [ "$(grep -c '<failure type="broken-regression"' "$j")" -eq 2 ] || bad "JUnit: want 2 broken"
  [ "$(grep -c '<testcase ' "$j")" -eq 4 ] || bad "JUnit: want 3 regression testcases and 1 fuzz"
  grep -q 'classname="regressions.ndis_bug_stats_timer"' "$j" || bad "JUnit: no driver regression"
  loc=$(sarif_get "$tmp/gate.sarif" '" ".join("%s:%s:%s" % (r["ruleId"],
    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
    r["locations"][0]["physicalLocation"].get("region", {}).get("startLine"))
    for r in d["runs"][0]["results"])')
  echo "SARIF results: $loc"
  grep -q "handle-use-after-free:drivers/ndis_sample/ndis_sample.c:[0-9]" <<< "$loc" ||
    bad "no result at the driver's line"
  grep -q "double-unload:file://$tmp/reg/api/wrong-expect.ufp:1" <<< "$loc" ||
    bad "no result for the api regression"
  ;;
repeat)
  args=(--targets api,ndis_sample,ndis_bug_stats_timer --runs 10000 --seed 7 --out "$tmp/w")
  gate "${args[@]}" --sarif "$tmp/1.sarif"; st1=$st; cat "$tmp/out"
  ls "$tmp/w/api/corpus" "$tmp/w/ndis_sample/corpus" > "$tmp/corpus1"
  gate "${args[@]}" --sarif "$tmp/2.sarif"; st2=$st
  ls "$tmp/w/api/corpus" "$tmp/w/ndis_sample/corpus" > "$tmp/corpus2"
  [ "$st1" -eq 1 ] && [ "$st2" -eq 1 ] || bad "exit $st1 then $st2, want 1 twice (the planted bug)"
  cmp -s "$tmp/1.sarif" "$tmp/2.sarif" ||
    { diff "$tmp/1.sarif" "$tmp/2.sarif" | head; bad "the two SARIF logs differ"; }
  cmp -s "$tmp/corpus1" "$tmp/corpus2" || bad "the two runs grew different corpora"
  [ "$fail" -eq 0 ] && echo "two runs: exit $st1 and $st2, SARIF identical," \
    "corpora identical ($(wc -l < "$tmp/corpus1") lines)"
  ;;
usage)
  expect2() { # expect2 DESCRIPTION ARGS... - exit 2 with a message
    local what=$1; shift
    gate "$@"
    if [ "$st" -ne 2 ]; then bad "$what: exit $st, want 2"; cat "$tmp/out"
    elif ! grep -q "unloadfuzz gate: " "$tmp/out"; then bad "$what: no message"
    else echo "ok: $what: $(grep -m1 'unloadfuzz gate: ' "$tmp/out")"; fi
  }
  o=(--out "$tmp/never")
  expect2 "unknown option" --frobnicate "${o[@]}"
  expect2 "--runs 0" --runs 0 "${o[@]}"
  expect2 "--runs not a number" --runs many "${o[@]}"
  expect2 "--runs without a value" "${o[@]}" --runs
  expect2 "--runs and --budget" --runs 10 --budget 10 "${o[@]}"
  expect2 "--seed 0" --seed 0 "${o[@]}"
  expect2 "--budget negative" --budget -5 "${o[@]}"
  expect2 "an unknown target" --targets api,nosuch --runs 10 "${o[@]}"
  expect2 "a missing baseline" --baseline "$tmp/none.tsv" --runs 10 "${o[@]}"
  printf 'ndis_sample:leak-at-unload:-:-\n' > "$tmp/noreason.tsv"
  expect2 "a baseline line without a reason" --baseline "$tmp/noreason.tsv" --runs 10 "${o[@]}"
  printf 'not a signature\tbecause\n' > "$tmp/nosig.tsv"
  expect2 "a baseline line without a signature" --baseline "$tmp/nosig.tsv" --runs 10 "${o[@]}"
  expect2 "a missing regressions directory" --regressions "$tmp/nodir" --runs 10 "${o[@]}"
  echo keep > "$tmp/existing.sarif"
  expect2 "an existing --sarif file" --sarif "$tmp/existing.sarif" --runs 10 "${o[@]}"
  [ "$(cat "$tmp/existing.sarif")" = keep ] || bad "the existing --sarif file was overwritten"
  expect2 "an existing --junit file" --junit "$tmp/existing.sarif" --runs 10 "${o[@]}"
  expect2 "--junit in a missing directory" --junit "$tmp/nodir/j.xml" --runs 10 "${o[@]}"
  mkdir -p "$tmp/theirs" && echo mine > "$tmp/theirs/notes.txt"
  expect2 "an --out directory the gate did not make" --runs 10 --out "$tmp/theirs"
  [ -f "$tmp/theirs/notes.txt" ] || bad "a file in a foreign --out directory was removed"
  [ -e "$tmp/never" ] && bad "an error run wrote its work directory"
  mkdir -p "$tmp/fakebuild" && cp "$tool" "$tmp/fakebuild/unloadfuzz"
  "$tmp/fakebuild/unloadfuzz" gate --runs 10 --out "$tmp/never" >"$tmp/out" 2>&1; st=$?
  [ "$st" -eq 2 ] && grep -q "unloadfuzz gate: " "$tmp/out" || bad "a missing build: exit $st, want 2"
  echo "ok: a missing build: $(head -n1 "$tmp/out")"
  "$tool" gate --help >/dev/null || bad "--help does not exit 0"
  ;;
*)
  echo "check_gate.sh: unknown check '$check'" >&2; exit 2 ;;
esac
[ "$fail" -eq 0 ] && echo "gate $check: all checks passed"
exit "$fail"
