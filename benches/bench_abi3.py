"""The stable-ABI (abi3-py311) extension against a version-specific one, in one run.

    python3 benches/bench_abi3.py ABI3.so SPECIFIC.so [--rounds N]

Each extension is placed in its own copy of python/pyrdicom; child processes run bench.py's
header workload (dcmread(stop_before_pixels) + 6 tags over 2000 copies of CT_small.dcm) and
codec workloads (read + decode all frames of one file per codec), alternating between the two
builds round after round so that the machine's noise falls on both. Prints medians over rounds
and the ratio abi3 / version-specific (above 1: abi3 slower).

    python3 benches/bench_abi3.py ABI3.so SPECIFIC.so --instructions [--reads N]

counts instead the instructions the header workload executes per file in each build, under
valgrind's callgrind (`apt-get install valgrind`): a count does not move with the machine's
load, so it separates the stable ABI's own cost from noise on a busy machine. Each build runs the
workload over 1 and over 1 + N reads of CT_small.dcm; the difference, divided by N, leaves out
start-up and the first read.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import CODEC_FILES, GENERATED, TAGS, fmt  # noqa: E402

warnings.simplefilter("ignore")

CHILD = """
import json, sys
sys.path.insert(0, sys.argv[4])
from bench import median_time  # imports pyrdicom: the build on PYTHONPATH
import pyrdicom
paths, files = json.loads(sys.argv[1]), json.loads(sys.argv[2])
tags = sys.argv[3].split(",")

def header():
    for p in paths:
        ds = pyrdicom.dcmread(p, stop_before_pixels=True)
        for t in tags:
            getattr(ds, t)

out = {"_build": pyrdicom._core.build_info()["abi3"], "header": median_time(header, 5) / len(paths)}
for group, path in files:
    out[group] = median_time(lambda: pyrdicom.dcmread(path).pixel_array, 7)
print(json.dumps(out))
"""


COUNT_CHILD = """
import sys
import pyrdicom
tags = sys.argv[3].split(",")
for _ in range(int(sys.argv[2])):
    ds = pyrdicom.dcmread(sys.argv[1], stop_before_pixels=True)
    for tag in tags:
        getattr(ds, tag)
"""


def header_instructions(where: Path, path: str, reads: int, tmp: Path) -> float:
    """Instructions per header read (dcmread + the 6 tags) of the build at `where`."""
    counts = []
    for n in (1, 1 + reads):
        out = tmp / f"callgrind.{where.name}.{n}"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, "-c", COUNT_CHILD, path, str(n), ",".join(TAGS)],
            env={**os.environ, "PYTHONPATH": str(where)}, capture_output=True, text=True,
            check=True, cwd=tmp,
        )  # fmt: skip
        counts.append(int(re.search(r"Collected : (\d+)", done.stderr).group(1)))
    return (counts[1] - counts[0]) / reads


def package_copy(so: Path, dest: Path, abi3: bool) -> Path:
    """python/pyrdicom with `so` as its extension, named as the interpreter expects it."""
    pkg = dest / "pyrdicom"
    shutil.copytree(HERE.parent / "python" / "pyrdicom", pkg,
                    ignore=shutil.ignore_patterns("_core*.so", "__pycache__"))  # fmt: skip
    suffix = ".abi3.so" if abi3 else sysconfig.get_config_var("EXT_SUFFIX")
    shutil.copy(so, pkg / f"_core{suffix}")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("abi3", type=Path)
    parser.add_argument("specific", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--reads", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pyrdicom-abi3-"))
    try:
        from pydicom.data import get_testdata_file

        builds = {
            "abi3": package_copy(args.abi3, tmp / "abi3", True),
            "version-specific": package_copy(args.specific, tmp / "specific", False),
        }
        if args.instructions:
            ct = get_testdata_file("CT_small.dcm")
            a, s = (header_instructions(b, ct, args.reads, tmp) for b in builds.values())
            print(f"Instructions per header read ({args.reads} reads of CT_small.dcm + 6 tags):")
            print(f"abi3 {a:,.0f}, version-specific {s:,.0f}, abi3 / version-specific {a / s:.4f}")
            return
        src = get_testdata_file("CT_small.dcm")
        paths = []
        for i in range(2000):
            paths.append(str(tmp / f"ct{i}.dcm"))
            shutil.copyfile(src, paths[-1])
        files = []
        for group, name in CODEC_FILES:
            path = GENERATED[name](str(tmp)) if name in GENERATED else get_testdata_file(name)
            if path is not None:
                files.append((group, str(path)))
        results: dict[str, list[dict[str, float]]] = {k: [] for k in builds}
        for _ in range(args.rounds):
            for label, where in builds.items():
                env = {**os.environ, "PYTHONPATH": str(where)}
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, json.dumps(paths), json.dumps(files),
                     ",".join(TAGS), str(HERE)],
                    env=env, capture_output=True, text=True, check=True, cwd=tmp,
                )  # fmt: skip
                row = json.loads(done.stdout)
                assert row.pop("_build") is (label == "abi3"), f"{label} is not that build"
                results[label].append(row)
    finally:
        shutil.rmtree(tmp)
    names = {"header": "header, per file"} | {g: f"{g} ({Path(p).name})" for g, p in files}
    print(f"Medians over {args.rounds} alternating rounds (each a median of repeated runs)\n")
    print("| workload | abi3 | version-specific | abi3 / version-specific |")
    print("|---|---|---|---|")
    ratios = []
    for key, label in names.items():
        a = statistics.median(r[key] for r in results["abi3"])
        s = statistics.median(r[key] for r in results["version-specific"])
        ratios.append(a / s)
        print(f"| {label} | {fmt(a)} | {fmt(s)} | {a / s:.3f} |")
    print(f"\nGeometric mean of abi3 / version-specific: {statistics.geometric_mean(ratios):.3f}")


if __name__ == "__main__":
    main()
