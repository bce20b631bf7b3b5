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
rm -f /tmp/uf_cli_out.$$ /tmp/uf_cli_err.$$
[ "$fail" -eq 0 ] && echo "cli: all checks passed"
exit "$fail"
