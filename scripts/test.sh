#!/usr/bin/env bash
# test.sh - the whole test suite: installs what is missing, then builds and
# tests three ways: clang with ASan + UBSan (debug), gcc with every test
# under valgrind memcheck (gcc), and clang optimized (release). Warnings
# are errors in all three. Prints each ctest summary and a total.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
passed=0; failed=0; status=0
for preset in debug gcc release; do
  echo "== $preset =="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" 2>&1 | grep -E "(warning|error):|Error [0-9]" && status=1
  log=$(mktemp)
  ctest --preset "$preset" 2>&1 | tee "$log" || status=1
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -n 1 || true)
  rm -f "$log"
  if [ -z "$line" ]; then status=1; continue; fi
  total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
  nfail=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/')
  passed=$((passed + total - nfail)); failed=$((failed + nfail))
done
echo "unloadfuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit "$status" || exit 1
