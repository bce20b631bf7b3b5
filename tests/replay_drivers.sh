#!/usr/bin/env bash
# replay_drivers.sh BUILD_DIR - replays, for every driver target the build
# registered (BUILD_DIR/drivers.tsv, written by uf_add_driver), its programs
# with their `# expect:` lines checked: a correct driver's seeds (they must
# be clean, and are run once more with --inject=double-unload, where they
# must stay clean too) and every target's regressions (drivers.tsv's fifth
# column: corpus/regressions/<target>/*.ufp for a driver in the tree).
# Each program runs three times in one process, between other programs, and
# the traces must match: the driver's reset hook works. Fails when a target
# has neither seeds nor regressions, a program does not give exactly its
# expected rules, or a planted bug's rule (EXPECT in uf_add_driver) is not
# expected by one of its regressions.
set -euo pipefail
build=$1
cd "$(dirname "$0")/.."
list="$build/drivers.tsv"
[ -s "$list" ] || { echo "replay_drivers: no driver targets in $list" >&2; exit 1; }
fail=0; targets=0; programs=0
while IFS='|' read -r target dir seeds expect regs; do
  targets=$((targets + 1))
  bin="$build/${target}_replay"
  files=()
  if [ -z "$expect" ] && [ -n "$seeds" ]; then
    files+=("$seeds"/*.ufp)
  fi
  if [ -d "$regs" ]; then
    files+=("$regs"/*.ufp)
  fi
  if [ ${#files[@]} -eq 0 ]; then
    echo "replay_drivers: $target has no programs (seeds or $regs)" >&2
    fail=1; continue
  fi
  programs=$((programs + ${#files[@]}))
  for rule in $expect; do
    if ! grep -h -m1 '^# expect:' "$regs"/*.ufp 2>/dev/null |
         tr ' ' '\n' | grep -qx -- "$rule"; then
      echo "replay_drivers: $target: no regression in $regs expects $rule (its EXPECT)" >&2
      fail=1
    fi
  done
  if ! out=$("$bin" --expect "${files[@]}" 2>&1); then
    echo "$out" | grep -v '; as expected$' >&2
    echo "replay_drivers: $target: FAILED" >&2; fail=1
  fi
  if [ -z "$expect" ] && [ -n "$seeds" ]; then
    if ! out=$("$bin" --inject=double-unload --quiet "$seeds"/*.ufp 2>&1); then
      echo "$out" >&2; echo "replay_drivers: $target under --inject=double-unload: FAILED" >&2; fail=1
    fi
  fi
done < <(tr '\t' '|' < "$list")
echo "replay_drivers: $programs programs of $targets driver targets replayed"
exit $fail
