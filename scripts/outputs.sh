#!/usr/bin/env bash
# outputs.sh - everything the tool writes for a fixed set of inputs, in one
# directory, so two trees (before and after a refactor) can be compared byte
# for byte:
#
#   bash scripts/outputs.sh capture BUILD_DIR OUT_DIR   # a debug-preset build
#   bash scripts/outputs.sh compare OUT_A OUT_B         # exit 0: identical
#
# capture runs the build's tools from the source tree the build was made
# from (its CMakeCache.txt says which), so it works on an older checkout too:
#   - `unloadfuzz repro` and `repro --json` of every api program of
#     corpus/ (the trace, its hash, the verdict);
#   - every driver target's replay (`<target>_replay --trace`) of its seeds
#     (also under --inject=double-unload) and of its regressions;
#   - `unloadfuzz gate` with fixed --runs and --seed on api, a correct
#     sample and a planted bug: its stdout, SARIF, JUnit and findings.json;
#   - `unloadfuzz report` on a copy of the fixture campaign
#     (tests/fixtures/campaign): report.md, report.json, report.html;
#   - `unloadfuzz explore` on every correct sample and two planted bugs:
#     the summary and every finding's program;
#   - `unloadfuzz triage` of the fixture campaign's crash programs.
#
# Each file then goes through normalize(): the one filter the comparison
# allows. It removes what differs between any two runs (timestamps,
# durations, the host name, the absolute paths of the trees and of the
# temporary work directories) and maps paths that moved on purpose:
#   corpus/regressions/api/NAME.ufp  ->  corpus/regressions/NAME.ufp
# (the api regressions' own directory), and
#   harness/run/check.c  ->  harness/check.c
# (the checker's file, which the rule catalogue names as the reference of
# the internal-* rules, and so the gate's SARIF). Nothing else is touched,
# so what compare reports as a difference is a change of behaviour.
set -euo pipefail

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
}

# normalize SRC BUILD WORK < in > out: the comparison's one filter.
normalize() {
  local src=$1 build=$2 work=$3
  sed -E \
    -e "s#${work}#WORK#g" -e "s#${build}#BUILD#g" -e "s#${src}#SRC#g" \
    -e 's#regressions/api/#regressions/#g' -e 's#harness/run/check\.c#harness/check.c#g' \
    -e 's#"(seconds|first_seen_s)": [0-9.e+-]+#"\1": T#g' \
    -e 's#(time|timestamp|hostname)="[^"]*"#\1="T"#g' \
    -e 's#, [0-9]+\.[0-9] s$#, T s#' \
    -e 's#after [0-9]+\.[0-9]+s#after Ts#g' \
    -e 's#runs in [0-9]+\.[0-9]+s#runs in Ts#g'
}

capture() {
  local build src out work t dir seeds expect f n
  build=$(cd "$1" && pwd)
  out=$2
  src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
  [ -d "$src" ] || { echo "outputs: $build is not a build tree" >&2; exit 2; }
  [ -x "$build/unloadfuzz" ] || { echo "outputs: no $build/unloadfuzz" >&2; exit 2; }
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  local raw=$work/raw
  mkdir -p "$raw"
  cd "$src"
  local tool=$build/unloadfuzz

  # api programs: every regression and seed, text and JSON
  local api=()
  while IFS= read -r f; do api+=("$f"); done < <(
    { find corpus/regressions -maxdepth 1 -name '*.ufp'
      [ -d corpus/regressions/api ] && find corpus/regressions/api -name '*.ufp'
      find corpus/seeds/api -name '*.ufp'; } | sed 's#regressions/api/#regressions/#' | sort |
    while read -r p; do [ -f "$p" ] && echo "$p" || echo "${p/regressions\//regressions/api/}"; done)
  for f in "${api[@]}"; do
    echo "=== $f"; "$tool" repro "$f" || true
    "$tool" repro --json "$f" || true
  done >"$raw/api-repro.txt" 2>&1

  # driver targets: seeds (default port and double-unload) and regressions
  while IFS='|' read -r t dir seeds expect regs; do
    {
      if [ -n "$seeds" ]; then
        for f in "$seeds"/*.ufp; do
          echo "=== $f"; "$build/${t}_replay" --trace "$f" || true
          echo "=== $f (double-unload)"; "$build/${t}_replay" --inject=double-unload --trace "$f" || true
        done
      fi
      for f in "$regs"/*.ufp; do
        [ -e "$f" ] || continue
        echo "=== $f"; "$build/${t}_replay" --trace --expect "$f" || true
      done
    } >"$raw/driver-$t.txt" 2>&1
  done < <(tr '\t' '|' < "$build/drivers.tsv")

  # the gate, fixed runs and seed
  "$tool" gate --targets api,ndis_sample,ndis_bug_stats_timer --runs 10000 --seed 7 \
    --out "$work/gate" >"$raw/gate-stdout.txt" 2>&1 || true
  for f in gate.sarif gate.junit.xml findings.json; do
    cp "$work/gate/$f" "$raw/gate-$f" 2>/dev/null || echo missing >"$raw/gate-$f"
  done
  find "$work/gate/findings" -name '*.ufp' 2>/dev/null | sort | while read -r f; do
    echo "=== ${f#"$work"/}"; cat "$f"; done >"$raw/gate-programs.txt"

  # the report of the fixture campaign
  cp -r tests/fixtures/campaign "$work/campaign"
  "$tool" report "$work/campaign" >"$raw/report-stdout.txt" 2>&1 || true
  for f in report.md report.json report.html; do
    cp "$work/campaign/$f" "$raw/report-$f" 2>/dev/null || echo missing >"$raw/report-$f"
  done

  # the explorer on the samples (and two planted bugs)
  for t in demo ndis_sample portcls_sample ndis_bug_stats_timer portcls_bug_cleanup_deref; do
    "$tool" explore "$t" --json --quiet --out "$work/explore-$t" >"$raw/explore-$t.json" 2>&1 || true
    find "$work/explore-$t" -name '*.ufp' | sort | while read -r f; do
      echo "=== ${f#"$work"/}"; cat "$f"; done >"$raw/explore-$t-programs.txt"
  done

  # triage of the fixture campaign's findings
  for t in ndis_bug_stale_guard ndis_bug_stats_timer; do
    "$tool" triage "$t" --json --out "$work/triage-$t" tests/fixtures/campaign/findings/"$t" \
      >"$raw/triage-$t.json" 2>&1 || true
  done

  for f in "$raw"/*; do
    normalize "$src" "$build" "$work" <"$f" >"$out/$(basename "$f")"
  done
  echo "outputs: $(ls "$out" | wc -l) files in $out (from $src, build $build)"
}

case ${1:-} in
  capture) [ $# -eq 3 ] || { usage >&2; exit 2; }; capture "$2" "$3" ;;
  compare)
    [ $# -eq 3 ] || { usage >&2; exit 2; }
    if diff -r "$2" "$3" >/dev/null; then
      echo "outputs: identical ($(ls "$2" | wc -l) files)"
    else
      diff -r "$2" "$3" | head -n 60; echo "outputs: DIFFERENT"; exit 1
    fi ;;
  -h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
