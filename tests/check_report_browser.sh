#!/usr/bin/env bash
# check_report_browser.sh UNLOADFUZZ FIXTURE SRC_DIR - report.html in a real
# browser: headless Chromium opens the fixture campaign's report.html from
# disk, logs no console message at all (the page has no script, so any
# message is an error: SVG markup it rejected, such as a malformed path),
# and its DOM holds the three plots as SVG elements with drawn series. A
# second run of a copy with a probe script appended checks the layout: each
# plot is laid out at a readable size and its longest series is a line of
# real length; the probe's own console message proves that console output
# is seen at all.
#
# Chromium comes from Debian's chromium package, which scripts/setup.sh
# installs; if it is missing here the test installs it the same way and
# skips (exit 77) only when that cannot be done. It takes a few seconds.
set -uo pipefail
tool=$1 fixture=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

browser() { command -v chromium || command -v chromium-headless-shell || command -v google-chrome; }
if ! browser >/dev/null; then
  echo "report-browser: no chromium; installing it with scripts/setup.sh"
  bash "$src/scripts/setup.sh" chromium >/dev/null 2>&1 || true
fi
chrome=$(browser) || { echo "SKIP: chromium is not installed and cannot be installed here"; exit 77; }

cp -r "$fixture" "$tmp/c"
"$tool" report "$tmp/c" >/dev/null || { echo "FAIL: unloadfuzz report failed"; exit 1; }

# open FILE DOM LOG: loads FILE headless, the DOM after load to DOM, its log to LOG
open_page() {
  # --no-sandbox: test machines run as root; a profile of its own per run
  timeout 25 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-extensions --disable-background-networking --user-data-dir="$tmp/profile-$RANDOM" \
    --enable-logging=stderr --v=0 --dump-dom "file://$1" >"$2" 2>"$3"
}

# ---- the page as written: no console message, the plots in the DOM ----
open_page "$tmp/c/report.html" "$tmp/dom.html" "$tmp/log.txt" ||
  { bad "chromium could not open report.html (exit $?)"; tail -n 5 "$tmp/log.txt"; }
if grep -q 'CONSOLE' "$tmp/log.txt"; then
  bad "console messages:"; grep 'CONSOLE' "$tmp/log.txt"
else
  echo "ok: no console message"
fi
python3 - "$tmp/dom.html" <<'PY' || fail=1
import sys
from html.parser import HTMLParser

class Plots(HTMLParser):
    """Counts, per svg.plot, the path.series whose d draws a line."""
    def __init__(self):
        super().__init__()
        self.plots, self.cur = {}, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "plot" in (a.get("class") or "").split():
            self.cur = a.get("id")
            self.plots[self.cur] = 0
        elif tag == "path" and self.cur and "series" in (a.get("class") or "").split():
            d = a.get("d") or ""
            if d.startswith("M") and " L" in d:
                self.plots[self.cur] += 1
    def handle_endtag(self, tag):
        if tag == "svg":
            self.cur = None

p = Plots()
p.feed(open(sys.argv[1], encoding="utf-8").read())
bad = 0
for plot, want in (("plot-coverage", 3), ("plot-execs", 3), ("plot-findings", 3)):
    got = p.plots.get(plot)
    ok = got is not None and got >= want
    print("%s: %s in the DOM with %s drawn series (want %d)" % ("ok" if ok else "FAIL", plot, got, want))
    bad |= not ok
sys.exit(bad)
PY

# ---- laid out: a probe appended to a copy measures each plot ----
sed 's#</body>#<script>\
(function () {\
  var out = [], ok = true;\
  ["plot-coverage", "plot-execs", "plot-findings"].forEach(function (id) {\
    var svg = document.getElementById(id), longest = 0;\
    if (!svg || !(svg instanceof SVGSVGElement)) { ok = false; out.push(id + ":missing"); return; }\
    var r = svg.getBoundingClientRect(), paths = svg.querySelectorAll("path.series");\
    paths.forEach(function (p) { longest = Math.max(longest, p.getTotalLength()); });\
    out.push(id + ":" + Math.round(r.width) + "x" + Math.round(r.height) + ",series=" +\
             paths.length + ",longest=" + Math.round(longest));\
    if (r.width < 300 \|\| r.height < 100 \|\| paths.length === 0 \|\| longest < 50) ok = false;\
  });\
  var pre = document.createElement("pre");\
  pre.id = "uf-probe";\
  pre.textContent = (ok ? "PROBE-OK " : "PROBE-FAIL ") + out.join(" ");\
  document.body.appendChild(pre);\
  console.log("uf-probe " + pre.textContent);\
})();\
</script></body>#' "$tmp/c/report.html" >"$tmp/c/probe.html"
open_page "$tmp/c/probe.html" "$tmp/probe-dom.html" "$tmp/probe-log.txt" ||
  bad "chromium could not open the probe page (exit $?)"
result=$(grep -o '<pre id="uf-probe">[^<]*' "$tmp/probe-dom.html" | sed 's/.*>//')
case $result in
  PROBE-OK*) echo "ok: laid out: ${result#PROBE-OK }" ;;
  *) bad "the plots are not laid out: ${result:-no probe result}" ;;
esac
grep -q 'CONSOLE.*uf-probe' "$tmp/probe-log.txt" ||
  bad "chromium's console output is not seen: the first check proves nothing"
others=$(grep 'CONSOLE' "$tmp/probe-log.txt" | grep -v 'uf-probe')
[ -z "$others" ] || bad "console messages besides the probe's: $others"
[ "$fail" -eq 0 ] && echo "report-browser: all checks passed"
exit "$fail"
