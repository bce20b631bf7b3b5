#!/usr/bin/env bash
# check_layers.sh SRC - the dependency direction (tests/check_layers.py) on
# the tree as it is: every #include, and every link of a fresh configure's
# target graph (cmake --graphviz); then that the check fails when a wrong
# include is planted (the model including the interpreter's header, a
# driver including the model's control header or a base behind the faces)
# and when a wrong link is.
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check=$src/tests/check_layers.py

cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release --graphviz="$tmp/deps.dot" \
  >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; exit 1; }
python3 "$check" "$src" "$tmp/deps.dot" || fail=1

# planted: each copy of the rooms gets one wrong include
plant() {
  local file=$1 line=$2 what=$3
  rm -rf "$tmp/tree"; mkdir -p "$tmp/tree"
  cp -r "$src"/model "$src"/harness "$src"/reports "$src"/fuzzers "$src"/drivers "$tmp/tree/"
  sed -i "1i $line" "$tmp/tree/$file"
  if python3 "$check" "$tmp/tree" >"$tmp/out" 2>&1; then
    echo "FAIL: the check passed with $what planted"; fail=1
  elif ! grep -q "$file" "$tmp/out"; then
    echo "FAIL: the check did not name $file for $what"; cat "$tmp/out"; fail=1
  else
    echo "planted $what: $(grep -c 'against\|includes' "$tmp/out") finding(s), as it should"
  fi
}
plant model/object.c '#include "exec.h"' "model/object.c including exec.h"
plant drivers/demo/demo_miniport.c '#include "model.h"' "a driver including model.h"
plant drivers/demo/demo_miniport.c '#include "uf/wdf.h"' "a driver including a base behind the faces"
plant harness/program/text.c '#include "trace.h"' "the program language including the trace"

# planted: a wrong link in the graph
sed 's#^}$#    "node9000" [ label = "wdfmodel", shape = octagon ];\n    "node9001" [ label = "tools", shape = octagon ];\n    "node9000" -> "node9001"\n}#' \
  "$tmp/deps.dot" >"$tmp/bad.dot"
if python3 "$check" "$src" "$tmp/bad.dot" >"$tmp/out" 2>&1; then
  echo "FAIL: the check passed with the model linking the tools"; fail=1
else
  echo "planted a link of the model to the tools: $(grep -c against "$tmp/out") finding(s), as it should"
fi
exit $fail
