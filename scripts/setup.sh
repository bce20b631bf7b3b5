#!/usr/bin/env bash
# setup.sh [PACKAGE...] - installs, with apt-get, whatever the build and the
# tests need (and the extra Debian packages named) and this machine lacks
# (Debian 12). Installs nothing when all is there.
set -euo pipefail
# g++: drivers written in C++ (clang++ comes with clang). python3: the test scripts read the explorer's and triage's JSON with it.
# llvm-14: llvm-profdata and llvm-cov for scripts/coverage.sh. chromium: the
# test that opens report.html in a real (headless) browser.
pkgs=(cmake make gcc g++ libc6-dev clang libclang-rt-14-dev libcmocka-dev libjansson-dev valgrind python3
      llvm-14 chromium "$@")
# python3-jsonschema, libxml2-utils (xmllint): the gate's tests validate its SARIF and JUnit.
# afl++: the test run's AFL++ smoke (api_afl_build, api_afl_smoke) and the AFL++ targets.
pkgs+=(python3-jsonschema libxml2-utils afl++)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 2; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
