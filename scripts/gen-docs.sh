#!/usr/bin/env bash
# gen-docs.sh - regenerates docs/RULES.md from the rule catalogue
# (model/rules.def) and the tests that show each rule. Needs a build
# (scripts/test.sh or cmake --preset debug && cmake --build --preset debug).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${UNLOADFUZZ:-build/debug/unloadfuzz}
[ -x "$tool" ] || { echo "gen-docs: $tool not built; run: cmake --preset debug && cmake --build --preset debug" >&2; exit 2; }
"$tool" rules --markdown --tests tests/test_*.c >docs/RULES.md
echo "wrote docs/RULES.md"
