#!/usr/bin/env bash
# afl-sync-check.sh [SECONDS] - two `unloadfuzz fuzz` campaigns on one
# machine, one AFL++ main and one secondary through a shared sync directory
# (--sync-dir), exchange corpus entries: each one's queue must hold entries
# it imported from the other (AFL++ names them `id:...,sync:<worker>,...`).
# The same layout works across machines when the sync directory's queues
# are copied between them (docs/CAMPAIGNS.md). Installs afl++ when missing,
# builds the AFL++ targets in build/afl, runs for SECONDS (default 60).
# Exit status: 0 they exchanged entries, 1 not (or a failed run), 2 bad usage.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
[[ $secs =~ ^[1-9][0-9]{0,4}$ ]] || { echo "afl-sync-check: SECONDS must be a whole number" >&2; exit 2; }
target=ndis_sample
bash scripts/setup.sh afl++
cmake --preset debug >/dev/null && cmake --build --preset debug --target unloadfuzz >/dev/null ||
  { echo "afl-sync-check: building unloadfuzz failed" >&2; exit 1; }
CC=afl-clang-fast cmake -S . -B build/afl -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release -DUF_AFL=ON \
  -DUF_LIBFUZZER=OFF -DUF_SANITIZE=OFF -DBUILD_TESTING=OFF >/dev/null &&
  cmake --build build/afl -j2 --target "${target}_afl" >/dev/null ||
  { echo "afl-sync-check: building ${target}_afl failed" >&2; exit 1; }
work=out/afl-sync-check; rm -rf "$work"; mkdir -p "$work"
tool=build/debug/unloadfuzz
UF_AFL_BUILD_DIR=$PWD/build/afl "$tool" fuzz "$target" --engine afl --jobs 1 --time "${secs}s" \
  --sync-dir "$work/sync" --main --out "$work/main" >"$work/main.log" 2>&1 &
m=$!
sleep 2
UF_AFL_BUILD_DIR=$PWD/build/afl "$tool" fuzz "$target" --engine afl --jobs 1 --time "${secs}s" \
  --sync-dir "$work/sync" --out "$work/secondary" >"$work/secondary.log" 2>&1 &
s=$!
wait "$m"; wait "$s"
ls "$work/sync"
sec=$(ls "$work/sync" | grep -v '^main$' | head -n 1)
[ -n "$sec" ] || { echo "FAIL: no secondary in $work/sync"; tail -5 "$work/secondary.log"; exit 1; }
from_main=$(find "$work/sync/$sec/queue" -name '*sync:main*' | wc -l)
from_sec=$(find "$work/sync/main/queue" -name "*sync:$sec*" | wc -l)
echo "the secondary ($sec) imported $from_main entries from the main; the main imported $from_sec from the secondary"
if [ "$from_main" -gt 0 ] && [ "$from_sec" -gt 0 ]; then
  echo "afl-sync-check: the two campaigns exchanged corpus entries"; exit 0
fi
echo "FAIL: no exchange in one direction"; exit 1
