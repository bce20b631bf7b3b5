#!/usr/bin/env bash
# campaign.sh - what `unloadfuzz fuzz` runs (harness/fuzz_cli.c execs it with
# UF_BUILD_DIR set to the directory of the unloadfuzz binary): a fuzzing
# campaign over one or more targets, in the directory layout of
# docs/CAMPAIGNS.md, resumable, with one live progress line and the
# crashes triaged into distinct findings as each target's turn ends.
#
# The targets take turns, each for its share of --time, with --jobs workers:
# libFuzzer in fork mode (-fork=JOBS, -ignore_crashes=1: a crash is saved and
# the campaign goes on) on the target's shared corpus; or AFL++, a main and
# JOBS-1 secondaries on one sync directory. At the end of a turn the corpus
# is merged (libFuzzer -merge=1: the smallest set with the same coverage) and
# the crashes so far are triaged (`unloadfuzz triage`), and findings.json is
# rewritten. Everything an engine finds is on disk the moment it is found,
# so a kill -9 loses nothing: the next run with the same --out triages what
# is there and goes on.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: unloadfuzz fuzz [TARGET...] [--engine libfuzzer|afl] [--time DURATION]
                       [--jobs N] [--out DIR] [--inject LIST] [--seed N]
                       [--sync-dir DIR [--main]]

Runs a fuzzing campaign: each TARGET (api, or a driver target; default: api
and every correct sample driver) takes its turn for its share of DURATION
with N workers, seeded from corpus/seeds. A progress line shows elapsed
time, executions, exec/s, coverage, corpus size and distinct findings; at
the end of each turn the corpus is merged and the crashes are triaged into
DIR/findings/ and DIR/findings.json (docs/CAMPAIGNS.md). Running it again
with the same --out resumes.

  --engine E       libfuzzer (default) or afl
  --time D         the whole campaign: 90s, 10m, 8h, 1d (default 10m)
  --jobs N         workers per target (default: the machine's cores)
  --out DIR        the campaign directory (default out/campaign)
  --inject LIST    driver targets: double-unload, irql (robustness mode)
  --seed N         libFuzzer's -seed for the first worker (default: from the clock)
  --sync-dir DIR   AFL++ only, one target: join the campaign whose sync directory is
                   DIR (shared with other machines' campaigns, docs/CAMPAIGNS.md) with
                   secondaries named after this host; --main makes one worker the main
Exit status: 0 no finding, 1 findings, 2 bad arguments or a build missing.
EOF
}

die() { echo "unloadfuzz fuzz: $*" >&2; exit 2; }
build=${UF_BUILD_DIR:?run through unloadfuzz fuzz}
src=$(cd "$(dirname "$0")/.." && pwd)
tool=$build/unloadfuzz

engine=libfuzzer; time_arg=10m; jobs=$(nproc); out=out/campaign; inject=""; seed=""
sync_dir=""; main=0
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --engine|--time|--jobs|--out|--inject|--seed|--sync-dir)
      [ $# -ge 2 ] || die "$1 needs a value"
      case $1 in
        --engine) engine=$2 ;; --time) time_arg=$2 ;; --jobs) jobs=$2 ;;
        --out) out=$2 ;; --inject) inject=$2 ;; --seed) seed=$2 ;; --sync-dir) sync_dir=$2 ;;
      esac
      shift 2 ;;
    --main) main=1; shift ;;
    -*) usage >&2; die "unknown option '$1'" ;;
    *) targets+=("$1"); shift ;;
  esac
done
case $engine in libfuzzer|afl) ;; *) die "--engine takes libfuzzer or afl, not '$engine'" ;; esac
[[ $jobs =~ ^[1-9][0-9]{0,2}$ ]] || die "--jobs takes 1 to 999, not '$jobs'"
[[ -z $seed || $seed =~ ^[0-9]{1,9}$ ]] || die "--seed takes a number, not '$seed'"
if [ -n "$inject" ] && [[ ! $inject =~ ^(double-unload|irql)(,(double-unload|irql))?$ ]]; then
  die "--inject takes double-unload, irql or both, not '$inject'"
fi
# seconds DURATION: 90, 90s, 10m, 8h, 1d.
seconds() {
  local n=${1%[smhd]} u=${1##*[0-9]}
  [[ $n =~ ^[0-9]{1,7}$ ]] || return 1
  case $u in ''|s) echo $((n)) ;; m) echo $((n * 60)) ;; h) echo $((n * 3600)) ;; d) echo $((n * 86400)) ;; *) return 1 ;; esac
}
total=$(seconds "$time_arg") || die "--time takes 90s, 10m, 8h or 1d, not '$time_arg'"
[ "$total" -ge 1 ] || die "--time must be at least 1s"
[ -x "$tool" ] || die "no $tool: build first (cmake --preset debug && cmake --build --preset debug)"
list=$build/drivers.tsv
[ -f "$list" ] || die "no $list: build first"
if [ ${#targets[@]} -eq 0 ]; then
  targets=(api)
  while IFS=$'\t' read -r t _ _ expect; do [ -z "$expect" ] && targets+=("$t"); done <"$list"
fi
for t in "${targets[@]}"; do
  if [ "$t" != api ] && ! cut -f1 "$list" | grep -qx -- "$t"; then
    die "no target '$t' (api, or one of: $(cut -f1 "$list" | paste -sd' '))"
  fi
  bin=$build/${t}_fuzzer; [ "$engine" = afl ] && bin=${UF_AFL_BUILD_DIR:-$src/build/afl}/${t}_afl
  [ -x "$bin" ] || die "no $bin: build the $engine targets first (docs/CAMPAIGNS.md)"
done
if [ -n "$sync_dir" ]; then
  [ "$engine" = afl ] || die "--sync-dir is for --engine afl"
  [ ${#targets[@]} -eq 1 ] || die "--sync-dir joins one target's campaign: name exactly one target"
  mkdir -p "$sync_dir" 2>/dev/null && [ -w "$sync_dir" ] || die "cannot write to the sync directory $sync_dir"
  sync_dir=$(cd "$sync_dir" && pwd)
elif [ "$main" -eq 1 ]; then
  die "--main goes with --sync-dir"
fi
mkdir -p "$out" 2>/dev/null || die "cannot make $out"
[ -w "$out" ] || die "$out is not writable"
out=$(cd "$out" && pwd)

# ---- the campaign record: a new one, or a resume ----
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
seed=${seed:-$(( $(date +%s) % 1000000000 ))}
start_epoch=$(date +%s)
if [ -f "$out/campaign.json" ]; then
  prior=$(tail -n 1 "$out/progress.tsv" 2>/dev/null | cut -f1)
  [[ ${prior:-0} =~ ^[0-9]+$ ]] || prior=0
  echo "unloadfuzz fuzz: resuming $out (${prior}s done before)"
else
  prior=0
  printf 'elapsed_s\ttarget\texecs\texecs_per_s\tcoverage\tcorpus\tfindings\n' >"$out/progress.tsv"
fi
python3 - "$out/campaign.json" "$now" "$engine" "$jobs" "$total" "$seed" "$inject" "${targets[@]}" <<'PY'
import json, os, sys
path, now, engine, jobs, total, seed, inject, *targets = sys.argv[1:]
c = json.load(open(path)) if os.path.exists(path) else {"started": now, "sessions": []}
c.update({"targets": targets, "engine": engine, "jobs": int(jobs)})
c["sessions"].append({"started": now, "time_s": int(total), "seed": int(seed), "inject": inject or None,
                      "targets": targets})
json.dump(c, open(path + ".tmp", "w"), indent=2); os.replace(path + ".tmp", path)
PY

# ---- findings: triage every target's crashes, then findings.json ----
findings_total=0
triage_all() {
  local t
  for t in "$@"; do
    [ -d "$out/$t/crashes" ] && [ -n "$(ls -A "$out/$t/crashes")" ] || continue
    rm -rf "$out/findings/$t"; mkdir -p "$out/findings/$t"
    "$tool" triage "$t" ${inject:+--inject=$inject} --out "$out/findings/$t" "$out/$t/crashes" \
      >/dev/null 2>"$out/findings/$t/triage.log" || true
  done
  python3 - "$out" <("$tool" rules) <<'PY'
import json, os, sys
out = sys.argv[1]
# `unloadfuzz rules`: "id  severity  ..." per line
severity = {}
for line in open(sys.argv[2]):
    w = line.split()
    if len(w) >= 2:
        severity[w[0]] = w[1]
c = json.load(open(os.path.join(out, "campaign.json")))
import datetime
t0 = datetime.datetime.strptime(c["started"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()
sev = {}
findings = []
root = os.path.join(out, "findings")
for t in sorted(os.listdir(root)) if os.path.isdir(root) else []:
    p = os.path.join(root, t, "triage.json")
    if not os.path.exists(p):
        continue
    tr = json.load(open(p))
    for s in tr["signatures"]:
        first = s["first"]
        seen = os.path.getmtime(first) - t0 if os.path.exists(first) else None
        findings.append({"target": t, "signature": s["signature"], "rule": s["rule"],
                         "severity": severity.get(s["rule"]),
                         "first_seen_s": round(seen, 1) if seen is not None else None,
                         "inputs": s["inputs"], "program": s["program"], "ops": s["ops_after"],
                         "reproduce": "unloadfuzz repro %s%s" % ("" if t == "api" else "--target %s " % t, s["program"]),
                         "flaky": False})
    for f in tr["flaky"]:
        findings.append({"target": t, "signature": None, "rule": None, "severity": None,
                         "first_seen_s": None,
                         "inputs": 1, "program": f, "ops": None, "reproduce": None, "flaky": True})
json.dump(findings, open(os.path.join(out, "findings.json.tmp"), "w"), indent=2)
os.replace(os.path.join(out, "findings.json.tmp"), os.path.join(out, "findings.json"))
print(sum(1 for f in findings if not f["flaky"]))
PY
}

# ---- one target's turn ----
# stats TARGET: "execs execs_per_s coverage corpus" from its workers' logs.
stats() {
  local t=$1 log execs=0 eps=0 cov=0 line
  if [ "$engine" = libfuzzer ]; then
    log=$out/$t/logs/fuzzer.log
    line=$(grep -aE '^#[0-9]+' "$log" 2>/dev/null | tail -n 1 || true)
    execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line"); cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$line")
    eps=$(sed -nE 's/.*exec\/s:? ([0-9]+).*/\1/p' <<<"$line")
  else
    local f e
    local sd=$out/$t/corpus
    [ -n "$sync_dir" ] && sd=$sync_dir
    for f in "$sd"/*/fuzzer_stats; do
      [ -f "$f" ] || continue
      execs=$((execs + $(sed -nE 's/^execs_done *: ([0-9]+)/\1/p' "$f")))
      eps=$((eps + $(sed -nE 's/^execs_per_sec *: ([0-9]+).*/\1/p' "$f")))
      e=$(sed -nE 's/^edges_found *: ([0-9]+)/\1/p' "$f"); [ "${e:-0}" -gt "$cov" ] && cov=$e
    done
    # the sync directory's queues, not AFL++'s own bookkeeping files
    echo "$execs $eps $cov $(find "$sd" -path '*/queue/id:*' -type f 2>/dev/null | wc -l)"
    return
  fi
  echo "${execs:-0} ${eps:-0} ${cov:-0} $(find "$out/$t/corpus" -type f ! -name '.*' 2>/dev/null | wc -l)"
}

turn() {
  local t=$1 secs=$2 pids=() names=() i w name elapsed s execs eps cov corp f n seeds kind
  # a merge cut short by a kill leaves the corpus in corpus.old: take it back
  [ -d "$out/$t/corpus" ] || [ ! -d "$out/$t/corpus.old" ] || mv "$out/$t/corpus.old" "$out/$t/corpus"
  mkdir -p "$out/$t/seeds" "$out/$t/corpus" "$out/$t/crashes" "$out/$t/logs"
  if [ "$t" = api ]; then seeds=$src/corpus/seeds/api; else
    seeds=$(awk -F'\t' -v t="$t" '$1 == t { print $3 }' "$list"); seeds=$src/$seeds; fi
  kind=(); [ "$t" = api ] || kind=(--driver)
  for f in "$seeds"/*.ufp; do
    [ -e "$f" ] && [ ! -e "$out/$t/seeds/$(basename "$f" .ufp)" ] || continue
    # a seed that does not parse is an error to fix, not something to skip
    "$tool" convert "${kind[@]}" -o "$out/$t/seeds/$(basename "$f" .ufp)" "$f" ||
      die "the seed $f does not parse (above); nothing was run for $t"
  done
  if [ "$engine" = libfuzzer ]; then
    (cd "$out/$t" && UNLOADFUZZ_INJECT=${inject:-none} exec "$build/${t}_fuzzer" -fork="$jobs" \
       -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$secs" -seed="$seed" \
       -max_len=4096 -artifact_prefix=crashes/ corpus seeds >logs/fuzzer.log 2>&1) &
    pids+=($!)
  else
    local afl=${UF_AFL_BUILD_DIR:-$src/build/afl}/${t}_afl
    local sync=corpus host
    host=$(hostname -s 2>/dev/null || echo host); host=${host//[^A-Za-z0-9_-]/_}
    [ -n "$sync_dir" ] && sync=$sync_dir
    for ((i = 0; i < jobs; i++)); do
      # alone: w0 is the main; joining a shared sync dir: secondaries named
      # after this host (unique across machines), a main only with --main
      if [ -n "$sync_dir" ]; then
        w=-S; name=$host-$$-$i
        [ "$main" -eq 1 ] && [ "$i" -eq 0 ] && { w=-M; name=main; }
      else
        w=-S; name=w$i; [ "$i" -eq 0 ] && w=-M
      fi
      names+=("$name")
      (cd "$out/$t" && AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
         AFL_SKIP_CRASHES=1 AFL_IMPORT_FIRST=1 UNLOADFUZZ_INJECT=${inject:-none} exec afl-fuzz -i seeds \
         -o "$sync" "$w" "$name" -V "$secs" -- "$afl" >"logs/afl-$i.log" 2>&1) &
      pids+=($!)
    done
  fi
  s=0
  while :; do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" -eq 1 ] || break
    sleep 1; s=$((s + 1))
    read -r execs eps cov corp < <(stats "$t")
    elapsed=$((prior + $(date +%s) - start_epoch))
    if [ "$engine" = afl ]; then
      local sd=$out/$t/corpus c
      [ -n "$sync_dir" ] && sd=$sync_dir
      for name in "${names[@]}"; do
        for f in "$sd/$name"/crashes/id:*; do
          [ -e "$f" ] || continue
          c=$out/$t/crashes/$(echo "$name/${f##*/}" | tr '/:,' '___')
          [ -e "$c" ] || cp "$f" "$c"
        done
      done
    fi
    n=$(find "$out/$t/crashes" -type f | wc -l)
    # one line rewritten in place on a terminal; a line every 10 s in a log
    if [ -t 1 ] || [ $((s % 10)) -eq 0 ]; then
      printf '\r%6ss  %-28s %10s execs %7s/s  cov %5s  corpus %5s  crashes %4s  findings %3s ' \
        "$elapsed" "$t" "$execs" "$eps" "$cov" "$corp" "$n" "$findings_total"
      [ -t 1 ] || echo
    fi
    if [ $((s % 10)) -eq 0 ]; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$t" "$execs" "$eps" "$cov" "$corp" \
        "$findings_total" >>"$out/progress.tsv"
    fi
  done
  wait || true
  [ -t 1 ] && echo
  if [ "$engine" = libfuzzer ] && [ -n "$(ls -A "$out/$t/corpus")" ]; then
    rm -rf "$out/$t/corpus.merge"; mkdir "$out/$t/corpus.merge"
    if (cd "$out/$t" && UNLOADFUZZ_INJECT=${inject:-none} "$build/${t}_fuzzer" -merge=1 \
          corpus.merge corpus >logs/merge.log 2>&1); then
      rm -rf "$out/$t/corpus.old"; mv "$out/$t/corpus" "$out/$t/corpus.old"
      mv "$out/$t/corpus.merge" "$out/$t/corpus"; rm -rf "$out/$t/corpus.old"
    else
      rm -rf "$out/$t/corpus.merge"
    fi
  fi
  read -r execs eps cov corp < <(stats "$t")
  findings_total=$(triage_all "${targets[@]}")
  elapsed=$((prior + $(date +%s) - start_epoch))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$t" "$execs" "$eps" "$cov" "$corp" \
    "$findings_total" >>"$out/progress.tsv"
  echo "unloadfuzz fuzz: $t: ${execs} execs, coverage $cov, corpus $corp, $(find "$out/$t/crashes" -type f | wc -l) crashes; $findings_total distinct finding(s) in all"
}

echo "unloadfuzz fuzz: ${#targets[@]} target(s) (${targets[*]}), $engine, $jobs job(s), ${total}s in all, seed $seed, in $out"
# A resumed campaign first triages what a killed one left.
findings_total=$(triage_all "${targets[@]}")
share=$(( total / ${#targets[@]} )); [ "$share" -ge 1 ] || share=1
for t in "${targets[@]}"; do turn "$t" "$share"; done
echo "unloadfuzz fuzz: done: $findings_total distinct finding(s); $out/findings.json"
python3 - "$out/findings.json" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1])):
    if f["flaky"]:
        print("  FLAKY  %s  %s" % (f["target"], f["program"]))
    else:
        print("  %-22s %-28s %s ops\n      %s" % (f["rule"], f["target"], f["ops"], f["reproduce"]))
PY
[ "$findings_total" -eq 0 ] && exit 0 || exit 1
