#!/usr/bin/env bash
# coverage.sh [--build BUILD_DIR] DIR - source coverage of model/ and
# drivers/ reached by a campaign's corpora (docs/CAMPAIGNS.md, "Reports").
#
# The engines count edges in their own terms; this says which lines of the
# framework model and of the drivers the corpus a campaign grew actually
# runs. It builds the replay binaries with clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping, no sanitizers, no engine) in
# BUILD_DIR (default build/coverage), runs every target's DIR/<target>/corpus
# through <target>_replay (driver targets: text *.ufp and binary files alike,
# under the campaign's --inject) or api_replay (the api target: text *.ufp
# converted to the binary form first), merges the profiles with
# llvm-profdata and writes, with llvm-cov, an HTML report of model/ and
# drivers/ to DIR/coverage/index.html and its totals to
# DIR/coverage/summary.json (llvm-cov export -summary-only). Then it runs
# `unloadfuzz report DIR`, whose report.html links and summarizes it.
#
# DIR/coverage/ is generated output: it is emptied at each start. Installs
# clang and llvm-14 (llvm-profdata, llvm-cov) with scripts/setup.sh when
# missing. Exit status: 0 the report written; 1 the build or llvm-cov
# failed; 2 bad arguments, not a campaign directory, or no corpus to replay.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  cat <<'EOF'
usage: bash scripts/coverage.sh [--build BUILD_DIR] DIR

Builds the replay binaries with clang source-based coverage in BUILD_DIR
(default build/coverage), replays every target's DIR/<target>/corpus through
them, and writes an llvm-cov HTML report of model/ and drivers/ to
DIR/coverage/index.html (totals in DIR/coverage/summary.json); then runs
`unloadfuzz report DIR`, which links it from DIR/report.html.
Exit status: 0 done, 1 the build or llvm-cov failed, 2 bad arguments or no
corpus to replay.
EOF
}
die() { echo "coverage: $*" >&2; exit 2; }

build=$src/build/coverage; dir=""
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --build) [ $# -ge 2 ] || die "--build needs a directory"; build=$2; shift 2 ;;
    -*) usage >&2; die "unknown option '$1'" ;;
    *) [ -z "$dir" ] || die "one campaign directory at a time"; dir=$1; shift ;;
  esac
done
[ -n "$dir" ] || { usage >&2; die "no campaign directory given"; }
[ -f "$dir/campaign.json" ] || die "$dir/campaign.json: missing (is $dir a campaign directory? docs/CAMPAIGNS.md)"
dir=$(cd "$dir" && pwd)

# ---- the targets: every DIR/<target>/corpus with something in it ----
targets=()
for c in "$dir"/*/corpus; do
  t=$(basename "$(dirname "$c")")
  [[ $t =~ ^[a-z0-9_]+$ ]] || continue
  [ -n "$(find "$c" -type f ! -name '.*' -print -quit)" ] && targets+=("$t")
done
[ ${#targets[@]} -gt 0 ] || die "no corpus to replay: no file in any $dir/<target>/corpus"
# the port misbehaved on purpose in the last session (--inject): replay so too
inject=$(grep -o '"inject": *"[a-z,-]*"' "$dir/campaign.json" | tail -n 1 | sed -E 's/.*"([a-z,-]*)"$/\1/' || true)

# ---- the tools, and an instrumented build ----
bash "$src/scripts/setup.sh"
profdata=$(command -v llvm-profdata-14 || command -v llvm-profdata) || die "no llvm-profdata"
llvmcov=$(command -v llvm-cov-14 || command -v llvm-cov) || die "no llvm-cov"
flags="-fprofile-instr-generate -fcoverage-mapping"
echo "coverage: building the replay binaries with coverage in $build..."
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
  -DBUILD_TESTING=OFF -DUF_SANITIZE=OFF -DUF_LIBFUZZER=OFF -DUF_AFL=OFF \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fprofile-instr-generate" >/dev/null ||
  { echo "coverage: cmake failed" >&2; exit 1; }
known=" api $(cut -f1 "$build/drivers.tsv" | tr '\n' ' ')"
bins=(); run=()
for t in "${targets[@]}"; do
  if [[ $known != *" $t "* ]]; then
    echo "coverage: $t: no such target in this source tree; its corpus is skipped" >&2
    continue
  fi
  bins+=("${t}_replay"); run+=("$t")
done
[ ${#run[@]} -gt 0 ] || die "none of the campaign's targets (${targets[*]}) is built here"
cmake --build "$build" -j "$(nproc)" --target unloadfuzz "${bins[@]}" >"$build/coverage-build.log" 2>&1 ||
  { tail -n 30 "$build/coverage-build.log" >&2; echo "coverage: the build failed" >&2; exit 1; }

# ---- replay every corpus ----
# corpus_files CORPUS: its inputs, NUL-separated: an AFL++ sync directory's
# queue entries (not its stats and bitmaps), or every file of a libFuzzer
# corpus
corpus_files() {
  if [ -n "$(find "$1" -path '*/queue/id:*' -type f -print -quit)" ]; then
    find "$1" -path '*/queue/id:*' -type f -print0
  else
    find "$1" -type f ! -name '.*' -print0
  fi
}
cov=$dir/coverage
rm -rf "$cov"; mkdir -p "$cov/profraw"
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
# the tool's own runs (converting seeds) are not what is measured
tool() { LLVM_PROFILE_FILE=$scratch/tool-%p.profraw "$build/unloadfuzz" "$@"; }
for t in "${run[@]}"; do
  corpus=$dir/$t/corpus
  n=$(corpus_files "$corpus" | tr -cd '\0' | wc -c)
  echo "coverage: $t: replaying $n corpus file(s)"
  export LLVM_PROFILE_FILE=$cov/profraw/$t-%p.profraw
  if [ "$t" = api ]; then
    # api_replay reads the binary form only: text programs are converted
    mkdir -p "$scratch/$t"
    find "$corpus" -type f -name '*.ufp' ! -name '.*' | while read -r f; do
      tool convert -o "$scratch/$t/$(basename "$f" .ufp).bin" "$f" >/dev/null
    done
    { corpus_files "$corpus" | grep -zv '\.ufp$'
      find "$scratch/$t" -type f -print0; } |
      xargs -0 -r -n 256 "$build/api_replay" >>"$cov/replay-$t.log" 2>&1 || true
  else
    corpus_files "$corpus" |
      xargs -0 -r -n 256 "$build/${t}_replay" --quiet ${inject:+--inject=$inject} \
        >>"$cov/replay-$t.log" 2>&1 || true
  fi
  unset LLVM_PROFILE_FILE
done
profiles=("$cov"/profraw/*.profraw)
[ -e "${profiles[0]}" ] || { echo "coverage: the replays wrote no profile" >&2; exit 1; }
"$profdata" merge -sparse "${profiles[@]}" -o "$cov/merged.profdata"
rm -rf "$cov/profraw"

# ---- the report: model/ and drivers/ only ----
objects=("$build/${bins[0]}")
for b in "${bins[@]:1}"; do objects+=(-object "$build/$b"); done
ignore='/(harness|fuzzers|tests|bench)/|^/usr/'
"$llvmcov" show -format=html -output-dir="$cov" -instr-profile="$cov/merged.profdata" \
  -ignore-filename-regex="$ignore" -show-line-counts-or-regions \
  -project-title="unloadfuzz campaign $(basename "$dir")" "${objects[@]}" ||
  { echo "coverage: llvm-cov show failed" >&2; exit 1; }
"$llvmcov" export -summary-only -format=text -instr-profile="$cov/merged.profdata" \
  -ignore-filename-regex="$ignore" "${objects[@]}" >"$cov/summary.json" ||
  { echo "coverage: llvm-cov export failed" >&2; exit 1; }
"$llvmcov" report -instr-profile="$cov/merged.profdata" -ignore-filename-regex="$ignore" \
  "${objects[@]}" >"$cov/summary.txt" || true
grep '^TOTAL' "$cov/summary.txt" | sed 's/^/coverage: /' || true
echo "coverage: $cov/index.html"
# the campaign's report links it; a campaign the report cannot read is said so
tool report "$dir" || echo "coverage: unloadfuzz report $dir failed (above); the coverage report stands" >&2
