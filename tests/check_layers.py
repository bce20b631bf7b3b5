#!/usr/bin/env python3
"""check_layers.py - dependencies point one way (docs/ARCHITECTURE.md).

    check_layers.py SRC [DOT]

Every #include "..." of the project's own sources, and (with DOT, the
graph `cmake --graphviz=DOT` writes) every link between the build's
targets, must go from a room to one below it or to itself:

    model < util < program < run < reports < tools < cli
    mutator (fuzzers/mutator/) uses program and below;
    fuzzers/ uses the mutator, run and below;
    drivers/ use only the WDF-shaped headers and the plug-in header.

The model's public headers (the faces under Microsoft's names in
model/include/: wdf.h, ntddk.h, ...; model.h and the .def tables it
includes) are all that the rooms above it may include of it; a driver may
include the faces alone of the model, never the shared bases behind them
(model/include/uf/). An include is resolved as the compiler resolves it:
the including file's folder, then the model's include directories, then,
for the other rooms' own headers, by name. Exits 1 listing every
dependency that goes the wrong way, 0 when there is none.
"""
import os
import re
import sys

# Room of a source file, by its path under SRC (first match wins).
ROOMS = [
    ("model/", "model"),
    ("harness/util/", "util"),
    ("harness/program/", "program"),
    ("harness/run/", "run"),
    ("reports/", "reports"),
    ("harness/tools/", "tools"),
    ("harness/cli/", "cli"),
    ("fuzzers/mutator/", "mutator"),
    ("fuzzers/", "fuzzers"),
    ("drivers/", "drivers"),
]

# What each room may include or link, beside itself.
BELOW = {
    "model": set(),
    "util": set(),
    "program": {"model", "util"},
    "run": {"program", "model", "util"},
    "reports": {"run", "program", "model", "util"},
    "tools": {"reports", "run", "program", "model", "util"},
    "cli": {"tools", "reports", "run", "program", "model", "util"},
    "mutator": {"program", "model", "util"},
    "fuzzers": {"mutator", "run", "program", "model", "util"},
    "drivers": {"plugin"},
}

# Headers other rooms may include of the model beside the faces.
MODEL_PUBLIC = re.compile(r"^(model\.h|[a-z]+\.def)$")
# The faces: the headers under Microsoft's names, the model's public face
# to every room and all a driver may include of it.
FACES = "model/include"
# Where a quoted include is looked for after the including file's folder,
# in the order of the model's include directories (model/CMakeLists.txt).
SEARCH = ["model/include", "model"]
# The plug-in header and what it includes: a room of their own for drivers.
PLUGIN = {"harness/run/unloadfuzz_driver.h"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def room_of(rel):
    """The room of the file at rel (a path under SRC), or None."""
    if rel in PLUGIN:
        return "plugin"
    for prefix, room in ROOMS:
        if rel.startswith(prefix):
            return room
    return None


def sources(src):
    """Every .c, .h and .def file of the rooms, as paths under SRC."""
    out = []
    for top in ("model", "harness", "reports", "fuzzers", "drivers"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(src, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".c", ".h", ".def")):
                    out.append(os.path.relpath(os.path.join(dirpath, name), src))
    return out


def check_includes(src):
    """The includes that go the wrong way, as messages."""
    files = sources(src)
    by_name = {}
    for rel in files:
        by_name.setdefault(os.path.basename(rel), []).append(rel)
    bad = []
    for rel in files:
        room = room_of(rel)
        with open(os.path.join(src, rel), encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                name = m.group(1)
                here = os.path.normpath(os.path.join(os.path.dirname(rel), name))
                searched = [os.path.normpath(os.path.join(d, name)) for d in SEARCH]
                found = [p for p in searched if p in files]
                if here in files:
                    target = here
                elif found:
                    target = found[0]
                elif len(by_name.get(os.path.basename(name), [])) == 1:
                    target = by_name[os.path.basename(name)][0]
                elif os.path.basename(name) in by_name:
                    bad.append("%s:%d: \"%s\" names more than one file: %s" % (
                        rel, lineno, name, ", ".join(by_name[os.path.basename(name)])))
                    continue
                else:
                    continue  # not the project's (a generated or system header)
                to = room_of(target)
                if to == room:
                    if room == "drivers" and os.path.dirname(target) != os.path.dirname(rel):
                        bad.append("%s:%d: a driver includes another driver's %s" % (
                            rel, lineno, target))
                    continue
                base = os.path.basename(target)
                face = os.path.dirname(target) == FACES
                if room == "drivers":
                    ok = to == "plugin" or (to == "model" and face)
                elif room == "plugin":
                    ok = to == "plugin" or (to == "model" and face)
                elif to == "model":
                    ok = "model" in BELOW.get(room, set()) and (
                        face or bool(MODEL_PUBLIC.match(base)))
                elif to == "plugin":
                    ok = room in ("run", "tools", "cli", "fuzzers")
                else:
                    ok = to in BELOW.get(room, set())
                if not ok:
                    bad.append("%s:%d: %s includes %s (%s): against the direction" % (
                        rel, lineno, room, target, to))
    return bad


# Rooms of the build's targets, by name (uf_add_driver's targets by suffix).
TARGET_ROOMS = {
    "wdfmodel": "model", "ufutil": "util", "program": "program", "run": "run",
    "port": "run", "driverapi": "plugin", "reports": "reports", "tools": "tools",
    "mutator": "mutator", "unloadfuzz": "cli", "unloadfuzz_afl_mutator": "fuzzers",
    "api_replay": "fuzzers", "api_fuzzer": "fuzzers", "api_afl": "fuzzers",
}
DRIVER_BINARY_LINKS = {"tools", "reports", "run", "program", "model", "util", "drivers", "plugin"}


def target_room(name):
    """The room of build target `name`: a room, 'driver-binary', 'tests',
    'external', or None when unknown."""
    if name in TARGET_ROOMS:
        return TARGET_ROOMS[name]
    if name.startswith(("test", "progtest", "porttest", "bench_")):
        return "tests"
    if name.endswith(("_driver", "_objs", "_registration")) or name == "demo_miniport":
        return "drivers"
    if re.search(r"_(replay|explore|fuzzer|afl)$", name):
        return "driver-binary"
    return None


def check_links(dot):
    """The links that go the wrong way, as messages."""
    label = {}
    edges = []
    with open(dot, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*"(node\d+)"\s*\[\s*label\s*=\s*"([^"]+)"\s*,\s*shape\s*=\s*(\w+)', line)
            if m:
                label[m.group(1)] = (m.group(2), m.group(3))
                continue
            m = re.match(r'\s*"(node\d+)"\s*->\s*"(node\d+)"', line)
            if m:
                edges.append((m.group(1), m.group(2)))
    bad = []
    for a, b in edges:
        fa, fb = label[a][0], label[b][0]
        ra, rb = target_room(fa), target_room(fb)
        if ra == "tests" or "/" in fb or fb.startswith("-") or fb in ("m", "dl", "pthread"):
            continue  # tests use anything; system libraries and link options
        if ra is None:
            bad.append("the target %s is in no room: classify it in tests/check_layers.py" % fa)
            continue
        if rb is None:
            bad.append("the target %s (linked by %s) is in no room" % (fb, fa))
            continue
        if ra == rb:
            continue
        allowed = DRIVER_BINARY_LINKS if ra == "driver-binary" else BELOW.get(ra, set())
        if ra in ("run", "tools", "cli", "fuzzers"):
            allowed = allowed | {"plugin"}
        if rb not in allowed:
            bad.append("%s (%s) links %s (%s): against the direction" % (fa, ra, fb, rb))
    return bad


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) == 2 and argv[1] in ("-h", "--help") else 2
    bad = check_includes(argv[1])
    if len(argv) == 3:
        bad += check_links(argv[2])
    for b in bad:
        print("check_layers: " + b)
    if bad:
        print("check_layers: %d dependencies against the direction" % len(bad))
        return 1
    print("check_layers: every include%s points down or within its room" %
          (" and link" if len(argv) == 3 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
