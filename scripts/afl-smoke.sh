#!/usr/bin/env bash
# afl-smoke.sh [SECONDS | --build-only] - a short AFL++ run of the `api`
# target: it must start, run in persistent shared-memory mode and crash
# nowhere.
#
# Installs AFL++ with apt-get when it is missing; builds the target in its
# own directory, build/afl (CC=afl-clang-lto, or afl-clang-fast when LTO
# fails; -DUF_AFL=ON, no tests); converts the text seeds corpus/seeds/api/*.ufp
# to the binary form with `unloadfuzz convert` (from build/release or
# build/debug when there and able to, else one it builds in build/afl);
# runs `afl-fuzz -V SECONDS` (default 30) from them; prints executions,
# exec/s, new corpus entries (queue size minus seeds) and crashes, with the
# command that reproduces each. Everything it writes goes under
# out/afl-smoke/ (git-ignored), emptied at each start; crashes are also
# copied to out/afl-crashes/, which nothing empties.
#
# Runs of 60 s or more also check the issue's goal: at least 20 new corpus
# entries (GOAL_NEW below). `--build-only` stops after the build: the test
# suite runs it as a step of its own, so that the smoke test's time is the
# fuzzing. Exit status: 0 clean; 1 a crash, AFL++ not starting or not in
# persistent shared-memory mode, or the goal missed; 2 bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

GOAL_SECS=60   # runs this long or longer check the goal
GOAL_NEW=20    # new corpus entries the issue asks of a 60 s run

usage() {
  cat <<'EOF'
usage: bash scripts/afl-smoke.sh [SECONDS | --build-only]   (default 30)

Builds the api target for AFL++ in build/afl, fuzzes it for SECONDS from the
seeds in corpus/seeds/api (persistent shared-memory mode), and prints
executions, exec/s, new corpus entries and crashes. Runs of 60 s or more
also check that at least 20 new corpus entries were found. Output goes to
out/afl-smoke/. With --build-only it only installs AFL++ and builds (the
test suite runs that as a separate step). Exit status: 0 clean, 1 a crash
or a failed run or check, 2 bad arguments.
EOF
}
secs=30; build_only=0
if [ $# -gt 1 ]; then usage >&2; exit 2; fi
if [ $# -eq 1 ]; then
  case $1 in
    -h|--help) usage; exit 0 ;;
    --build-only) build_only=1 ;;
    ''|*[!0-9]*) echo "afl-smoke: SECONDS must be a whole number, not '$1'" >&2; usage >&2; exit 2 ;;
    *) secs=$((10#$1)) ;;
  esac
fi
if [ "$secs" -lt 5 ] || [ "$secs" -gt 86400 ]; then
  echo "afl-smoke: SECONDS must be from 5 to 86400, not $secs" >&2; exit 2
fi

# ---- what the build needs, and AFL++ itself ----
bash scripts/setup.sh afl++

# ---- one run at a time: the build and the scratch directory are shared ----
scratch=out/afl-smoke
mkdir -p out
exec 9>out/afl-smoke.lock
flock 9

# ---- the AFL++ build, in its own directory ----
build=build/afl
buildlog=out/afl-build.log
# configure_afl CC: configures build/afl with compiler CC and builds api_afl.
configure_afl() {
  CC=$1 cmake -S . -B "$build" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release \
    -DUF_AFL=ON -DUF_LIBFUZZER=OFF -DUF_SANITIZE=OFF -DLIB_FUZZING_ENGINE= \
    -DBUILD_TESTING=OFF -DUF_WERROR=ON >"$buildlog" 2>&1 &&
    cmake --build "$build" -j2 --target api_afl >>"$buildlog" 2>&1
}
mkdir -p build
if [ -f "$build/CMakeCache.txt" ] && cmake --build "$build" -j2 --target api_afl >"$buildlog" 2>&1; then
  cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
else
  cc=""
  for c in afl-clang-lto afl-clang-fast; do
    command -v "$c" >/dev/null || continue
    rm -rf "$build"     # our own directory: a failed or stale configuration goes
    if configure_afl "$c"; then cc=$c; break; fi
    echo "afl-smoke: building with $c failed; $( [ "$c" = afl-clang-lto ] && echo "trying afl-clang-fast" || echo "giving up")" >&2
  done
  if [ -z "$cc" ]; then tail -n 30 "$buildlog" >&2; exit 1; fi
fi
echo "afl-smoke: built $build/api_afl with ${cc##*/}"
[ "$build_only" -eq 1 ] && exit 0

# ---- the seeds, in the binary form ----
# convert_seeds TOOL: converts every text seed into $scratch/seeds.
convert_seeds() {
  local f
  rm -rf "$scratch/seeds"; mkdir -p "$scratch/seeds"
  for f in corpus/seeds/api/*.ufp; do
    "$1" convert -o "$scratch/seeds/$(basename "$f" .ufp)" "$f" || return 1
  done
}
rm -rf "$scratch"; mkdir -p "$scratch"
converted=0
for tool in build/release/unloadfuzz build/debug/unloadfuzz; do
  if [ -x "$tool" ] && "$tool" --version >/dev/null 2>&1 && convert_seeds "$tool" 2>/dev/null; then
    converted=1; break
  fi
done
if [ "$converted" -eq 0 ]; then
  # None there (or too old to read the seeds): build one in build/afl. The
  # AFL++ instrumentation does nothing outside afl-fuzz.
  echo "afl-smoke: building unloadfuzz in $build to convert the seeds"
  if ! cmake --build "$build" -j2 --target unloadfuzz >>"$buildlog" 2>&1; then
    tail -n 30 "$buildlog" >&2; echo "afl-smoke: building unloadfuzz failed" >&2; exit 1
  fi
  tool=$build/unloadfuzz
  convert_seeds "$tool"
fi
nseeds=$(find "$scratch/seeds" -type f | wc -l)

# ---- the run ----
echo "afl-smoke: fuzzing api with AFL++ for ${secs}s from $nseeds seeds..."
log=$scratch/afl-fuzz.log
set +e
AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
AFL_TRY_AFFINITY=1 AFL_FAST_CAL=1 AFL_NO_CRASH_README=1 \
  afl-fuzz -i "$scratch/seeds" -o "$scratch/out" -V "$secs" -- "$build/api_afl" >"$log" 2>&1
status=$?
set -e

stats=$scratch/out/default/fuzzer_stats
# afl_stat NAME: the value of NAME in fuzzer_stats.
afl_stat() { sed -n -E "s/^$1[[:space:]]*: (.*[^ ]) *$/\1/p" "$stats"; }
if [ ! -f "$stats" ] || [ "$(afl_stat execs_done)" = 0 ]; then
  echo "afl-smoke: AFL++ did not start (exit $status); its log ends:" >&2
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^\[\*\] Fuzzing test case' | tail -n 25 >&2
  exit 1
fi
queue=$(find "$scratch/out/default/queue" -maxdepth 1 -type f -name 'id:*' | wc -l)
seeded=$(find "$scratch/out/default/queue" -maxdepth 1 -type f -name 'id:*orig:*' | wc -l)
new=$((queue - seeded))
crashes=$(find "$scratch/out/default/crashes" -maxdepth 1 -type f -name 'id:*' | wc -l)
hangs=$(find "$scratch/out/default/hangs" -maxdepth 1 -type f -name 'id:*' | wc -l)
echo
echo "AFL++ smoke of api: ${secs}s, $(afl_stat target_mode | sed 's/shmem_testcase/shared-memory/') mode, built with ${cc##*/}"
echo "  executions:  $(afl_stat execs_done)"
echo "  exec/s:      $(afl_stat execs_per_sec)"
echo "  new entries: $new (queue $queue, from $seeded of $nseeds seeds)"
echo "  stability:   $(afl_stat stability)"
echo "  crashes:     $crashes (hangs: $hangs)"
fail=0
mode=$(afl_stat target_mode)
if [[ $mode != *persistent* || $mode != *shmem_testcase* ]]; then
  echo "afl-smoke: afl-fuzz ran the target in '$mode' mode, not persistent shared-memory" >&2
  fail=1
fi
if [ "$status" -ne 0 ]; then
  echo "afl-smoke: afl-fuzz exited with status $status; its log ends:" >&2
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^\[\*\] Fuzzing test case' | tail -n 15 >&2
  fail=1
fi
if [ "$crashes" -gt 0 ]; then
  # Kept outside the scratch directory, which the next run empties.
  keep=out/afl-crashes/$(date +%Y%m%d-%H%M%S)
  mkdir -p "$keep"
  for c in "$scratch"/out/default/crashes/id:*; do
    k=$keep/crash-$(sha1sum "$c" | cut -c1-16)
    cp "$c" "$k"
    # Outside afl-fuzz the target reads stdin once; an inner shell takes the
    # "Aborted" notice.
    bash -c '"$0" <"$1" >/dev/null 2>"$2"; exit 0' "$build/api_afl" "$c" "$scratch/crash.err" 2>/dev/null
    msg=$(grep -m1 '^unloadfuzz: api:' "$scratch/crash.err" || true)
    echo "  crash: $k (${msg:-no message})"
    echo "    reproduce: $tool repro $k"
  done
  fail=1
fi
if [ "$secs" -ge "$GOAL_SECS" ]; then
  if [ "$new" -ge "$GOAL_NEW" ]; then
    echo "goal met: $new new corpus entries in ${secs}s (at least $GOAL_NEW wanted)"
  else
    echo "goal NOT met: $new new corpus entries in ${secs}s (at least $GOAL_NEW wanted)"
    fail=1
  fi
fi
[ "$fail" -eq 0 ] && echo "afl-smoke: no crash in ${secs}s"
exit "$fail"
