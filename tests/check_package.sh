#!/usr/bin/env bash
# check_package.sh SRC_DIR - a driver's own project that prefers
# find_package(unloadfuzz): unloadfuzz configured and installed into a
# prefix (`cmake --install`), then a project of its own, outside both trees,
# whose CMakeLists.txt finds the package and calls uf_add_driver() on a copy
# of examples/vadapter's sources; built (no sanitizers, no fuzzers), its
# seeds replayed clean, and the unloadfuzz command of that build tree
# running the explorer on the target.
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check_package: $*" >&2; exit 1; }

echo "== install unloadfuzz into $work/prefix"
cmake -S "$src" -B "$work/uf" -DCMAKE_C_COMPILER="${CC:-clang}" -DBUILD_TESTING=OFF \
      -DUF_SAMPLES=OFF -DUF_LIBFUZZER=OFF -DUF_SANITIZE=OFF >"$work/uf.log" 2>&1 ||
  { cat "$work/uf.log"; fail "configure failed"; }
cmake --install "$work/uf" --prefix "$work/prefix" >>"$work/uf.log" 2>&1 ||
  { tail -20 "$work/uf.log"; fail "install failed"; }
[ -f "$work/prefix/lib/cmake/unloadfuzz/unloadfuzzConfig.cmake" ] || fail "no unloadfuzzConfig.cmake"

echo "== a driver's own project"
proj=$work/mydriver
mkdir -p "$proj"
cp "$src"/examples/vadapter/*.c "$src"/examples/vadapter/*.h "$proj"/
cp -r "$src"/examples/vadapter/seeds "$proj"/
cat >"$proj/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.21)
project(mydriver C)
find_package(unloadfuzz REQUIRED)
uf_add_driver(mydriver
  SOURCES adapter.c driver.c
  SEEDS seeds
  WPP "-scan:trace.h")
CM
cmake -S "$proj" -B "$proj/build" -DCMAKE_C_COMPILER="${CC:-clang}" \
      -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/proj.log" 2>&1 ||
  { cat "$work/proj.log"; fail "the project's configure failed"; }
cmake --build "$proj/build" -j2 --target mydriver_replay mydriver_explore unloadfuzz \
      >>"$work/proj.log" 2>&1 || { tail -40 "$work/proj.log"; fail "the project's build failed"; }

echo "== replay and explore from the project's build tree"
"$proj/build/mydriver_replay" --expect "$proj"/seeds/*.ufp || fail "the seeds do not replay clean"
"$proj/build/unloadfuzz" explore mydriver --sweeps alloc,unload --quiet --out "$work/explore" \
  >"$work/explore.log" 2>&1 || { cat "$work/explore.log"; fail "explore failed"; }
tail -2 "$work/explore.log"
echo "check_package: ok"
