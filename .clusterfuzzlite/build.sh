#!/bin/bash -eu
# build.sh - builds unloadfuzz's fuzz targets the OSS-Fuzz way, for
# ClusterFuzzLite (.clusterfuzzlite/Dockerfile copies it to $SRC/build.sh)
# or an OSS-Fuzz project (the same file), and locally under the same
# environment (tests/check_ossfuzz_build.sh).
#
# It takes everything from the environment the base builder sets: $CC, $CXX,
# $CFLAGS and $CXXFLAGS (sanitizer and coverage flags included),
# $LIB_FUZZING_ENGINE (-fsanitize=fuzzer for libFuzzer, a driver library such
# as libAFLDriver.a for AFL++), $OUT (where the targets go), $WORK (build
# trees) and $SRC. The sources are the current directory (the Dockerfile's
# WORKDIR, $SRC/unloadfuzz), else the tree this script sits in, else
# $SRC/unloadfuzz.
#
# 1. A host build of the `unloadfuzz` tool in $WORK/host, with plain flags
#    (no sanitizer, no coverage), to convert the text seeds (*.ufp) to the
#    binary form the engines read.
# 2. The fuzz build in $WORK/build: CMake with -DLIB_FUZZING_ENGINE, the
#    flags of $CFLAGS and nothing of the project's own: UF_SANITIZE=OFF (the
#    sanitizers come from $CFLAGS), UF_LIBFUZZER=OFF (its coverage flags
#    would duplicate those $CFLAGS carries in a libFuzzer build, and be wrong
#    in an AFL++ one, where afl-clang-fast instruments), no tests. So every
#    file gets the base builder's coverage, the harness included (the local
#    presets leave the harness uninstrumented; here $CFLAGS rules). Executables
#    are linked with $CXX $CXXFLAGS, as OSS-Fuzz asks of C projects: an engine
#    library may be C++. The api target links no structure-aware mutator in
#    this build (CMakeLists.txt: only UF_LIBFUZZER builds do).
# 3. Into $OUT, for each target T (`api`, and each driver target of
#    drivers.tsv), named T without the _fuzzer suffix of the build tree:
#      T                     the fuzz target
#      T_seed_corpus.zip     its seeds (corpus/seeds/T), in the binary form
#      T.options             [libfuzzer] max_len = UF_MAX_INPUT (harness/util/defs.h:
#                            the targets ignore longer inputs); api's also
#                            dict = api.dict; the build writes both files
#      T.dict                api only (fuzzers/api.dict): its tokens are api
#                            ops; driver programs have none written yet
#
# Driver targets: the correct ones (drivers.tsv lists no expected rule) by
# default. The planted-bug variants crash by design, so continuous fuzzing
# would report them on every run; UF_OSSFUZZ_PLANTED=1 builds them too (a
# benchmark, or a check that the pipeline finds them).
set -euo pipefail

: "${OUT:?build.sh: OUT is not set (the base builder sets it)}"
: "${WORK:?build.sh: WORK is not set (the base builder sets it)}"
: "${CC:?build.sh: CC is not set}"
: "${LIB_FUZZING_ENGINE:?build.sh: LIB_FUZZING_ENGINE is not set}"
CXX=${CXX:-${CC}++}
CFLAGS=${CFLAGS:-}
CXXFLAGS=${CXXFLAGS:-$CFLAGS}
planted=${UF_OSSFUZZ_PLANTED:-0}

# is_tree DIR - whether DIR holds unloadfuzz's sources.
is_tree() { grep -qs '^project(unloadfuzz' "$1/CMakeLists.txt"; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if is_tree "$PWD"; then src=$PWD
elif is_tree "$here/.."; then src=$(cd "$here/.." && pwd)
elif [ -n "${SRC:-}" ] && is_tree "$SRC/unloadfuzz"; then src=$SRC/unloadfuzz
else echo "build.sh: no unloadfuzz source tree (cwd, $here/.., \$SRC/unloadfuzz)" >&2; exit 2
fi
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$OUT" "$WORK"

# ---- 1. the conversion tool, with plain flags ----
host_cc=${UF_HOST_CC:-$(command -v clang || command -v cc)}
env -u CFLAGS -u CXXFLAGS -u LDFLAGS -u LIB_FUZZING_ENGINE \
  cmake -S "$src" -B "$WORK/host" -DCMAKE_C_COMPILER="$host_cc" -DCMAKE_BUILD_TYPE=Release \
        -DLIB_FUZZING_ENGINE= -DUF_LIBFUZZER=OFF -DUF_SANITIZE=OFF -DUF_AFL=OFF \
        -DBUILD_TESTING=OFF >"$WORK/host-configure.log"
cmake --build "$WORK/host" --target unloadfuzz -j "$jobs" >"$WORK/host-build.log"
tool=$WORK/host/unloadfuzz

# ---- 2. the fuzz targets, with the base builder's flags ----
cmake -S "$src" -B "$WORK/build" \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE= \
  -DCMAKE_C_LINK_EXECUTABLE="$CXX $CXXFLAGS <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>" \
  -DLIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
  -DUF_SANITIZE=OFF -DUF_LIBFUZZER=OFF -DUF_TRACE_CMP=OFF -DUF_AFL=OFF -DUF_WERROR=OFF \
  -DUF_BENCH=OFF -DBUILD_TESTING=OFF

# name<TAB>seeds<TAB>kind for api and each driver target built, kind being
# api or driver (drivers.tsv: name, directory, seeds, expected rules).
targets=$WORK/targets.tsv
{
  printf 'api\tcorpus/seeds/api\tapi\n'
  awk -F'\t' -v planted="$planted" \
    '$1 != "" && ($4 == "" || planted == "1") { print $1 "\t" $3 "\tdriver" }' \
    "$WORK/build/drivers.tsv"
} >"$targets"
mapfile -t build_targets < <(awk -F'\t' '{ print $1 "_fuzzer" }' "$targets")
cmake --build "$WORK/build" --target "${build_targets[@]}" -j "$jobs"

# ---- 3. targets, seed corpora, options and dictionaries into $OUT ----
seeds_tmp=$WORK/seeds
rm -rf "$seeds_tmp"
while IFS=$'\t' read -r name seeds kind; do
  cp "$WORK/build/${name}_fuzzer" "$OUT/$name"

  rm -f "$OUT/${name}_seed_corpus.zip"
  if [ -n "$seeds" ] && [ -d "$src/$seeds" ]; then
    mkdir -p "$seeds_tmp/$name"
    conv=()
    [ "$kind" = driver ] && conv=(--driver)
    for f in "$src/$seeds"/*.ufp; do
      [ -e "$f" ] || continue
      "$tool" convert "${conv[@]}" -o "$seeds_tmp/$name/$(basename "$f" .ufp)" "$f"
    done
    if [ -n "$(ls -A "$seeds_tmp/$name")" ]; then
      (cd "$seeds_tmp/$name" && zip -q -X -j "$OUT/${name}_seed_corpus.zip" ./*)
    fi
  fi

  if [ "$kind" = api ]; then
    cp "$WORK/build/api.options" "$OUT/api.options"
    cp "$src/fuzzers/api.dict" "$OUT/api.dict"
  else
    cp "$WORK/build/driver.options" "$OUT/$name.options"
  fi
done <"$targets"

echo "build.sh: $(wc -l <"$targets") targets in $OUT: $(cut -f1 "$targets" | tr '\n' ' ')"
