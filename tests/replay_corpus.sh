#!/usr/bin/env bash
# replay_corpus.sh UNLOADFUZZ REPLAY DIR... - converts every text program of
# the given corpus directories to the binary form the fuzz targets read, and
# runs them all through a target's plain replay binary (each input twice).
set -euo pipefail
tool=$1; replay=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for dir in "$@"; do
  for f in "$dir"/*.ufp; do
    n=$((n + 1))
    "$tool" convert -o "$work/$n-$(basename "$f" .ufp)" "$f"
  done
done
"$replay" "$work"
