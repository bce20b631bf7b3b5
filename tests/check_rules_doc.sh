#!/usr/bin/env bash
# check_rules_doc.sh UNLOADFUZZ RULES.md TEST.c... - fails when docs/RULES.md
# is not what `unloadfuzz rules --markdown` generates from the catalogue.
set -euo pipefail
tool=$1; doc=$2; shift 2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$tool" rules --markdown --tests "$@" >"$tmp"
if ! diff -u "$doc" "$tmp"; then
  echo "docs/RULES.md is out of date: run scripts/gen-docs.sh"
  exit 1
fi
echo "docs/RULES.md matches the catalogue"
