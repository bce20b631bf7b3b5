#!/usr/bin/env bash
# demo.sh - the main job, for now: installs what is missing, builds, and runs
# the bundled demo miniport through load, a device's life and two unloads,
# printing every event of the framework model and a summary of violations.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
exec build/release/unloadfuzz demo "$@"
