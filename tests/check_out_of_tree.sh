#!/usr/bin/env bash
# check_out_of_tree.sh SRC_DIR - a driver in a repository of its own, built
# as docs/DRIVERS.md says: the sources of examples/vadapter (no
# CMakeLists.txt, no seeds) copied to a directory outside the tree,
# `unloadfuzz init` run on it, unloadfuzz configured with
# -DUF_DRIVER_DIRS=that directory in a build tree of its own (no
# sanitizers, no fuzzers: it only has to build and run the driver), and
# then:
#   - init wrote the CMakeLists.txt (the sources, the .vcxproj's WPP scan
#     option) and seeds, and nothing for the registration, which the port
#     learns from PcInitializeAdapterDriver; a second init keeps
#     everything; a directory whose CMakeLists.txt is not unloadfuzz's is
#     refused (exit 2) and the file is untouched;
#   - the seeds replay clean, three times each in one process, with no
#     reset hook, and with the restore off (--keep-globals) the replay names
#     the global the restore hides;
#   - the explorer's allocation and unload sweeps of the seeds are clean;
#   - the WPP headers were generated from trace.h's configuration;
#   - a C++ driver (examples/vaudio's sources) is init'ed the same way:
#     its .cpp files are the sources, and its seeds replay clean.
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check_out_of_tree: $*" >&2; exit 1; }

repo=$work/repo/vadapter
mkdir -p "$repo"
cp "$src"/examples/vadapter/*.c "$src"/examples/vadapter/*.h "$src"/examples/vadapter/*.vcxproj "$repo"/
rm -f "$repo"/CMakeLists.txt

echo "== configure and build unloadfuzz with the driver (-DUF_DRIVER_DIRS)"
build=$work/build
# init itself comes from this build: configure once without the driver.
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="${CC:-clang}" -DCMAKE_BUILD_TYPE=Release \
      -DBUILD_TESTING=OFF -DUF_LIBFUZZER=OFF -DUF_SANITIZE=OFF -DUF_WERROR=ON >"$work/cmake.log" 2>&1 ||
  { cat "$work/cmake.log"; fail "configure failed"; }
cmake --build "$build" -j2 --target unloadfuzz >"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; fail "build of unloadfuzz failed"; }

echo "== unloadfuzz init $repo"
out=$("$build/unloadfuzz" init "$repo") || fail "init failed: $out"
echo "$out"
grep -q 'a PortCls adapter' <<<"$out" || fail "init did not find the PortCls flavour"
[ ! -e "$repo/unloadfuzz_port.c" ] || fail "init wrote a registration file: the port learns it"
grep -q '^  SOURCES adapter.c driver.c$' "$repo/CMakeLists.txt" ||
  fail "CMakeLists.txt lists other sources: $(cat "$repo/CMakeLists.txt")"
grep -q '^  WPP "-scan:trace.h"$' "$repo/CMakeLists.txt" || fail "no WPP scan option from the .vcxproj"
ls "$repo"/seeds/*.ufp >/dev/null || fail "no seeds written"
before=$(cat "$repo/CMakeLists.txt")
again=$("$build/unloadfuzz" init "$repo") || fail "a second init failed"
grep -q 'wrote' <<<"$again" && fail "a second init wrote: $again"
[ "$(cat "$repo/CMakeLists.txt")" = "$before" ] || fail "a second init changed CMakeLists.txt"
mkdir -p "$work/foreign" && cp "$repo"/driver.c "$work/foreign"/ &&
  echo 'project(theirs)' >"$work/foreign/CMakeLists.txt"
st=0; "$build/unloadfuzz" init "$work/foreign" 2>"$work/foreign.err" || st=$?
[ $st -eq 2 ] || fail "init on a foreign CMakeLists.txt exited $st, not 2"
[ "$(cat "$work/foreign/CMakeLists.txt")" = "project(theirs)" ] || fail "init touched a foreign CMakeLists.txt"
[ ! -e "$work/foreign/seeds" ] || fail "init wrote seeds beside a foreign CMakeLists.txt"

cmake "$build" -DUF_DRIVER_DIRS="$repo" >>"$work/cmake.log" 2>&1 ||
  { tail -20 "$work/cmake.log"; fail "configure with UF_DRIVER_DIRS failed"; }
cmake --build "$build" -j2 --target vadapter_replay vadapter_explore >"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; fail "build of the driver failed"; }
grep -q "^vadapter	$repo	$repo/seeds		$repo/regressions/vadapter$" "$build/drivers.tsv" ||
  fail "drivers.tsv does not list the driver out of the tree: $(cat "$build/drivers.tsv")"
grep -q '#define TraceEvents(LEVEL, FLAGS, MSG, ...) WPP_DISCARD_ARGS(MSG, ##__VA_ARGS__)' "$(find "$build" -name driver.tmh | head -1)" ||
  fail "driver.tmh does not define TraceEvents"

echo "== replay the seeds"
"$build/vadapter_replay" --expect "$repo"/seeds/*.ufp || fail "the seeds do not replay clean"
out=$("$build/vadapter_replay" --keep-globals "$repo"/seeds/life.ufp) && fail "--keep-globals hid nothing"
grep -q 'reset: a run after other programs differs.*--keep-globals' <<<"$out" ||
  fail "--keep-globals did not name the stale global: $out"

echo "== explore"
"$build/unloadfuzz" explore vadapter --sweeps alloc,unload --quiet --out "$work/explore" >"$work/explore.log" 2>&1 ||
  { cat "$work/explore.log"; fail "the explorer found something in the correct driver"; }
tail -3 "$work/explore.log"
echo "== a C++ driver: init, build, replay"
cxx=$work/repo/vaudio
mkdir -p "$cxx"
cp "$src"/examples/vaudio/*.cpp "$src"/examples/vaudio/*.h "$cxx"/
"$build/unloadfuzz" init "$cxx" >"$work/init-cxx.log" || { cat "$work/init-cxx.log"; fail "init of the C++ driver failed"; }
grep -q 'SOURCES NewDelete.cpp adapter.cpp common.cpp mintopo.cpp minwavert.cpp$' "$cxx/CMakeLists.txt" ||
  fail "init did not list the .cpp sources: $(cat "$cxx/CMakeLists.txt")"
cmake "$build" -DUF_DRIVER_DIRS="$repo;$cxx" >>"$work/cmake.log" 2>&1 ||
  { tail -20 "$work/cmake.log"; fail "configure with the C++ driver failed"; }
cmake --build "$build" -j2 --target vaudio_replay >"$work/build-cxx.log" 2>&1 ||
  { tail -40 "$work/build-cxx.log"; fail "build of the C++ driver failed"; }
"$build/vaudio_replay" --expect "$cxx"/seeds/*.ufp || fail "the C++ driver's seeds do not replay clean"
echo "check_out_of_tree: ok"
