"""The stable-ABI (abi3-py311) extension against a version-specific one, in one run.

    python3 benches/bench_abi3.py ABI3.so SPECIFIC.so [--rounds N]

Each extension is placed in its own copy of python/pyrdicom; child processes run bench.py's
header workload (dcmread(stop_before_pixels) + 6 tags over 2000 copies of CT_small.dcm) and
codec workloads (read + decode all frames of one file per codec), alternating between the two
builds round after round so that the machine's noise falls on both. Prints medians over rounds
and the ratio abi3 / version-specific (above 1: abi3 slower).
"""

from __future__ import annotations

import argparse
import json
import os
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
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pyrdicom-abi3-"))
    try:
        from pydicom.data import get_testdata_file

        builds = {
            "abi3": package_copy(args.abi3, tmp / "abi3", True),
            "version-specific": package_copy(args.specific, tmp / "specific", False),
        }
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
