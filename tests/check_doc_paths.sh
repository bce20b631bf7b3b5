#!/usr/bin/env bash
# check_doc_paths.sh SRC - the README and docs/ARCHITECTURE.md describe the
# tree as it is: every path they name in backquotes under one of the
# project's top-level rooms (model/, harness/, reports/, ...) exists.
# Paths with a placeholder (<target>) or a wildcard are patterns, not
# paths, and are left out. And the other way: every room of the tree (the
# top-level folders, each folder of harness/, fuzzers/mutator/) has its
# paragraph in docs/ARCHITECTURE.md.
set -euo pipefail
src=$1
cd "$src"
fail=0; n=0
rooms='^(model|harness|reports|fuzzers|drivers|corpus|tests|bench|scripts|docs|\.ci|\.clusterfuzzlite)(/|$)'
for doc in README.md docs/ARCHITECTURE.md; do
  while IFS= read -r p; do
    case $p in *'<'*|*'*'*|*' '*) continue ;; esac
    [[ $p =~ $rooms ]] || continue
    n=$((n + 1))
    [ -e "${p%/}" ] || { echo "check_doc_paths: $doc names $p, which is not in the tree"; fail=1; }
  done < <(grep -o '`[^`]*`' "$doc" | tr -d '`')
done
for room in model harness/util harness/program harness/run harness/tools harness/cli reports \
            fuzzers fuzzers/mutator drivers corpus tests bench scripts; do
  grep -q "\*\*\`$room/\`\*\*" docs/ARCHITECTURE.md ||
    { echo "check_doc_paths: docs/ARCHITECTURE.md has no paragraph for $room/"; fail=1; }
done
for d in harness/*/ fuzzers/*/; do
  case " model harness/util harness/program harness/run harness/tools harness/cli fuzzers/mutator " in
    *" ${d%/} "*) ;;
    *) echo "check_doc_paths: $d is a room this check does not know: describe it in docs/ARCHITECTURE.md and list it here"; fail=1 ;;
  esac
done
[ $fail -eq 0 ] && echo "check_doc_paths: the $n paths README.md and docs/ARCHITECTURE.md name are all in the tree"
exit $fail
