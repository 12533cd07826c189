"""Header read of two pyrdicom trees against each other, interleaved in one run.

    python3 benches/bench_header_ab.py BASE_TREE NEW_TREE [--rounds 15] [--files 500]

Each round runs every tree once, alternating which goes first, in a fresh child process that
imports `pyrdicom` from TREE/python and times (process CPU time, which other jobs on the machine
disturb less than wall time) bench.py's header work: dcmread(stop_before_pixels) of copies of
CT_small.dcm and the six tags bench.py touches; a child reports the minimum over its repeats.
Prints per tree the median over rounds (µs per file) and NEW / BASE.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import pyrdicom
paths = sys.argv[3:]
tags = ("PatientName", "Modality", "StudyInstanceUID", "Rows", "PixelSpacing", "SliceThickness")
def run():
    for p in paths:
        ds = pyrdicom.dcmread(p, stop_before_pixels=True)
        for t in tags:
            getattr(ds, t)
run()
best = float("inf")
for _ in range(int(sys.argv[2])):
    t = time.process_time()
    run()
    best = min(best, time.process_time() - t)
print(best / len(paths))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from pydicom.data import get_testdata_file

    src = get_testdata_file("CT_small.dcm")
    tmp = tempfile.mkdtemp(prefix="pyrdicom-header-ab-")
    try:
        paths = []
        for i in range(args.files):
            p = os.path.join(tmp, f"ct{i}.dcm")
            shutil.copyfile(src, p)
            paths.append(p)
        trees = {"base": args.base, "new": args.new}
        times: dict[str, list[float]] = {k: [] for k in trees}
        for r in range(args.rounds):
            order = list(trees) if r % 2 == 0 else list(reversed(trees))
            for k in order:
                py = os.path.join(os.path.abspath(trees[k]), "python")
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, py, str(args.repeat), *paths],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=tmp,
                )
                times[k].append(float(out.stdout))
    finally:
        shutil.rmtree(tmp)
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items():
        low, high = min(v) * 1e6, max(v) * 1e6
        print(f"{k}: median {med[k] * 1e6:.2f} µs/file (range {low:.2f}-{high:.2f})")
    print(f"new / base: {med['new'] / med['base']:.3f}")
    ratios = [n / b for n, b in zip(times["new"], times["base"], strict=True)]
    print(f"per-round ratios: median {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
