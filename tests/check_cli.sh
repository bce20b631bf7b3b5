#!/usr/bin/env bash
# check_cli.sh UNLOADFUZZ - the command-line tool behaves as documented:
# --help on every command (exit 0), bad arguments exit 2 with a message on
# stderr, and the demo's verdicts hold (exit 0, the stale guard caught).
set -uo pipefail
tool=$1
fail=0
check() { # check WANT_STATUS DESCRIPTION CMD...
  local want=$1 what=$2; shift 2
  "$@" >/tmp/uf_cli_out.$$ 2>/tmp/uf_cli_err.$$
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat /tmp/uf_cli_err.$$; fail=1
  else
    echo "ok: $what"
  fi
}
check 0 "top-level --help" "$tool" --help
check 0 "--version" "$tool" --version
check 2 "no command" "$tool"
check 2 "unknown command" "$tool" frobnicate
check 0 "demo --help" "$tool" demo --help
check 2 "demo bad flag" "$tool" demo --nope
grep -q "unknown argument" /tmp/uf_cli_err.$$ || { echo "FAIL: no message for a bad flag"; fail=1; }
check 0 "rules --help" "$tool" rules --help
check 2 "rules bad flag" "$tool" rules --nope
check 2 "rules --check without --tests" "$tool" rules --check
check 2 "rules --tests on a missing file" "$tool" rules --tests /nonexistent/file.c
check 0 "rules lists the catalogue" "$tool" rules
grep -q "^double-unload  *ub " /tmp/uf_cli_out.$$ || { echo "FAIL: rules output lacks double-unload"; fail=1; }
check 0 "demo runs" "$tool" demo
grep -q "violation double-unload ub o1 driver in WdfDriverMiniportUnload at demo_miniport.c:" \
  /tmp/uf_cli_out.$$ || { echo "FAIL: demo did not show the double unload with its line"; fail=1; }
check 0 "demo --correct --quiet" "$tool" demo --correct --quiet
grep -q "no violations" /tmp/uf_cli_out.$$ || { echo "FAIL: correct demo driver not clean"; fail=1; }
corpus=$(cd "$(dirname "$0")/../corpus" && pwd)
tmp=$(mktemp -d)
check 0 "repro --help" "$tool" repro --help
check 2 "repro without files" "$tool" repro
check 2 "repro bad option" "$tool" repro --nope x.ufp
check 2 "repro bad --fail-on" "$tool" repro --fail-on loud "$corpus/regressions/api/clean-life.ufp"
check 2 "repro missing file" "$tool" repro /nonexistent.ufp
printf 'driver-create\nfrobnicate $x\n' >"$tmp/bad.ufp"
check 2 "repro text that does not parse" "$tool" repro "$tmp/bad.ufp"
grep -q "line 2" /tmp/uf_cli_err.$$ || { echo "FAIL: parse error without its line"; fail=1; }
check 0 "repro a clean program" "$tool" repro "$corpus/regressions/api/clean-life.ufp"
grep -q "verdict: clean" /tmp/uf_cli_out.$$ || { echo "FAIL: clean verdict missing"; fail=1; }
check 1 "repro a violation" "$tool" repro "$corpus/regressions/api/double-unload.ufp"
check 0 "repro --fail-on bugcheck ignores ub" "$tool" repro --fail-on bugcheck "$corpus/regressions/api/double-unload.ufp"
check 0 "repro --fail-on break ignores a warning" "$tool" repro "$corpus/regressions/api/miniport-device-not-deleted.ufp"
check 1 "repro --fail-on warning counts it" "$tool" repro --fail-on warning "$corpus/regressions/api/miniport-device-not-deleted.ufp"
check 1 "repro --json" "$tool" repro --json "$corpus/regressions/api/double-unload.ufp"
grep -q '"rule": "double-unload"' /tmp/uf_cli_out.$$ || { echo "FAIL: json lacks the rule"; fail=1; }
check 0 "convert --help" "$tool" convert --help
check 0 "convert text to binary" "$tool" convert -o "$tmp/p.bin" "$corpus/seeds/api/life.ufp"
check 2 "convert never overwrites" "$tool" convert -o "$tmp/p.bin" "$corpus/seeds/api/life.ufp"
check 0 "convert binary to text" "$tool" convert "$tmp/p.bin"
cp /tmp/uf_cli_out.$$ "$tmp/p.ufp"
check 0 "repro the binary" "$tool" repro "$tmp/p.bin"
h1=$(grep trace_hash /tmp/uf_cli_out.$$)
check 0 "repro its canonical text" "$tool" repro "$tmp/p.ufp"
h2=$(grep trace_hash /tmp/uf_cli_out.$$)
[ -n "$h1" ] && [ "$h1" = "$h2" ] || { echo "FAIL: binary and canonical text trace differently"; fail=1; }
# Driver programs: text converts as its ops say; bytes need --driver.
check 0 "convert a driver program to binary" "$tool" convert -o "$tmp/d.bin" "$corpus/seeds/demo/life.ufp"
check 0 "convert its bytes back with --driver" "$tool" convert --driver "$tmp/d.bin"
grep -v '^#' "$corpus/seeds/demo/life.ufp" | grep -v '^$' | diff - /tmp/uf_cli_out.$$ >/dev/null ||
  { echo "FAIL: a driver program does not come back from its bytes"; fail=1; }
check 2 "--driver refuses an api program" "$tool" convert --driver "$corpus/seeds/api/life.ufp"
grep -q "is not an op of driver programs" /tmp/uf_cli_err.$$ || { echo "FAIL: no message for an api program read as a driver's"; fail=1; }
check 2 "repro refuses a driver program" "$tool" repro "$corpus/seeds/demo/life.ufp"
check 0 "repro --target runs a driver program" "$tool" repro --target demo --expect "$corpus/seeds/demo/life.ufp"
grep -q "as expected" /tmp/uf_cli_out.$$ || { echo "FAIL: repro --target did not replay the demo's program"; fail=1; }
check 2 "repro --target of no target" "$tool" repro --target no_such_target "$corpus/seeds/demo/life.ufp"
check 0 "explore --help" "$tool" explore --help
check 2 "explore without a target" "$tool" explore
check 2 "explore an unknown target" "$tool" explore no_such_target
check 2 "explore api without a program" "$tool" explore api --quiet
check 2 "explore api --sweeps search" "$tool" explore api --sweeps search "$corpus/seeds/api/life.ufp"
check 2 "explore a bad --depth" "$tool" explore api --depth 99 "$corpus/seeds/api/life.ufp"
check 1 "explore api finds the double unload" "$tool" explore api --quiet --out "$tmp/explore" "$corpus/regressions/api/double-unload.ufp"
grep -q "double-unload (ub)" /tmp/uf_cli_out.$$ || { echo "FAIL: explore did not report double-unload"; fail=1; }
[ -s "$tmp/explore/summary.json" ] || { echo "FAIL: explore wrote no summary"; fail=1; }
mkdir -p "$tmp/busy" && touch "$tmp/busy/mine.txt"
check 2 "explore refuses a directory holding other files" "$tool" explore api --quiet --out "$tmp/busy" "$corpus/regressions/api/double-unload.ufp"
[ -e "$tmp/busy/mine.txt" ] || { echo "FAIL: explore removed a file it did not write"; fail=1; }
# [C1]: the documented EvtDriverUnload on request, by flag or environment, on
# repro (api and driver targets), explore (with its findings' replay lines) and triage.
ignored="$corpus/regressions/api/unload-callback-ignored.ufp"
check 1 "repro: EvtDriverUnload never runs by default" "$tool" repro "$ignored"
check 0 "repro --unload-callback=documented runs it" "$tool" repro --unload-callback=documented "$ignored"
UNLOADFUZZ_UNLOAD_CALLBACK=documented check 0 "repro under UNLOADFUZZ_UNLOAD_CALLBACK" "$tool" repro "$ignored"
check 2 "repro --unload-callback=bogus" "$tool" repro --unload-callback=bogus "$ignored"
grep -q "source or documented" /tmp/uf_cli_err.$$ || { echo "FAIL: no message for a bad --unload-callback"; fail=1; }
check 0 "a driver target's replay takes --unload-callback" "$tool" repro --target ndis_sample \
  --unload-callback=documented --expect "$corpus/seeds/ndis_sample/life.ufp"
check 2 "a driver target's replay refuses a bad one" "$tool" repro --target ndis_sample \
  --unload-callback=maybe "$corpus/seeds/ndis_sample/life.ufp"
check 1 "explore: the program as written leaks" "$tool" explore api --quiet --sweeps unload \
  --out "$tmp/x1" "$ignored"
grep -q "pool-leak-at-unload.*as written" /tmp/uf_cli_out.$$ ||
  { echo "FAIL: explore did not find the ignored callback's leak as written"; fail=1; }
check 1 "explore --unload-callback=documented: only the sweep's own findings" "$tool" explore api \
  --quiet --sweeps unload --unload-callback=documented --out "$tmp/x2" "$ignored"
! grep -q "as written" /tmp/uf_cli_out.$$ ||
  { echo "FAIL: under the documented behaviour the program as written is not clean"; fail=1; }
check 1 "explore --unload-callback=documented, a double unload" "$tool" explore api --quiet \
  --sweeps unload --unload-callback=documented --out "$tmp/x3" "$corpus/regressions/api/double-unload.ufp"
grep -q "^# replay: unloadfuzz repro .*--unload-callback=documented FILE" "$tmp"/x3/0*.ufp ||
  { echo "FAIL: a documented-mode finding's replay line lacks --unload-callback=documented"; fail=1; }
check 2 "triage --unload-callback=bogus" "$tool" triage api --unload-callback=bogus x
check 0 "fuzz --help" "$tool" fuzz --help
check 2 "fuzz --jobs 0" "$tool" fuzz --jobs 0
check 2 "fuzz a bad --time" "$tool" fuzz --time 5q
check 2 "fuzz an unknown target" "$tool" fuzz no_such_target --time 1s
check 2 "fuzz an unknown engine" "$tool" fuzz --engine nope
check 0 "triage --help" "$tool" triage --help
check 2 "triage without a target" "$tool" triage
check 0 "sites" "$tool" sites
grep -q "^collection-entry$" /tmp/uf_cli_out.$$ || { echo "FAIL: sites lacks collection-entry"; fail=1; }
check 2 "sites bad argument" "$tool" sites --nope
rm -rf "$tmp"
rm -f /tmp/uf_cli_out.$$ /tmp/uf_cli_err.$$
[ "$fail" -eq 0 ] && echo "cli: all checks passed"
exit "$fail"
