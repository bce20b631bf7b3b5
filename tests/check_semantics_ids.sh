#!/usr/bin/env bash
# check_semantics_ids.sh SEMANTICS.md TEST.c... - fails when a fact id of
# docs/WDF-SEMANTICS.md (a "[O1]"-style tag opening a bullet) has no test
# function named for it ("static void O1_..." in a test source).
set -euo pipefail
doc=$1; shift
ids=$(grep -oE '^- \[[A-Z][0-9]+\]' "$doc" | grep -oE '[A-Z][0-9]+' | sort -u)
[ -n "$ids" ] || { echo "no fact ids found in $doc"; exit 1; }
missing=0
for id in $ids; do
  if ! grep -qE "^static void ${id}_[A-Za-z0-9_]*\(void \*\*state\)" "$@"; then
    echo "no test named for [$id] (want: static void ${id}_..., in tests/)"
    missing=$((missing + 1))
  fi
done
n=$(echo "$ids" | wc -l)
echo "$((n - missing)) of $n fact ids have a test"
[ "$missing" -eq 0 ]
