"""Instructions and L1 data-cache misses per header read of pyrdicom trees, under callgrind.

    python3 benches/bench_header_callgrind.py TREE [TREE ...] [--reads 200] [--seeds 0,1,2,3]

The header work of bench_header_ab.py (dcmread(stop_before_pixels) of CT_small.dcm and the six
tags) runs under `valgrind --tool=callgrind --cache-sim=yes` (`apt-get install valgrind`),
importing pyrdicom from TREE/python, once with 1 read and once with 1 + N: the difference over
N leaves out start-up and the first read. Counts do not move with the machine's load, so they
compare trees on a busy machine where CPU time cannot.

Cache misses depend on where things land in memory: each seed is one layout (PYTHONHASHSEED,
and a seeded number of allocations made before the loop), and the figures are means over the
seeds (each seed's are printed too). Run from an empty directory (the script does): the
contents of the working directory, which the import system lists, move the heap as well.

Callgrind does not see the kernel: bytes read() copies into a buffer are first "touched" when
the parser reads them, so code that reads a file into memory it did not write first shows
misses there that the hardware (where the kernel's copy leaves them in cache) would not have.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

CHILD = r"""
import os, random, sys
import pyrdicom
random.seed(int(os.environ.get("PYTHONHASHSEED", "0")))
junk = [bytes(random.randint(1, 3000)) for _ in range(random.randint(0, 400))]
junk2 = [object() for _ in range(random.randint(0, 3000))]
tags = ("PatientName", "Modality", "StudyInstanceUID", "Rows", "PixelSpacing", "SliceThickness")
for _ in range(int(sys.argv[2])):
    ds = pyrdicom.dcmread(sys.argv[1], stop_before_pixels=True)
    for tag in tags:
        getattr(ds, tag)
"""


def counts(tree: str, path: str, reads: int, seed: int, tmp: str) -> dict[str, int]:
    """The events callgrind counted over the whole run of `reads` reads."""
    out = os.path.join(tmp, "callgrind.out")
    env = {
        **os.environ,
        "PYTHONHASHSEED": str(seed),
        "PYTHONPATH": os.path.join(os.path.abspath(tree), "python"),
    }
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--cache-sim=yes", f"--callgrind-out-file={out}",
         sys.executable, "-c", CHILD, path, str(reads)],
        env=env, capture_output=True, check=True, cwd=os.path.join(tmp, "run"),
    )  # fmt: skip
    with open(out) as f:
        text = f.read()
    events = re.search(r"^events:\s*(.*)$", text, re.M).group(1).split()  # type: ignore[union-attr]
    totals = re.search(r"^summary:\s*(.*)$", text, re.M).group(1).split()  # type: ignore[union-attr]
    return dict(zip(events, map(int, totals), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--seeds", default="0,1,2,3")
    args = parser.parse_args()
    from pydicom.data import get_testdata_file

    path = get_testdata_file("CT_small.dcm")
    seeds = [int(s) for s in args.seeds.split(",")]
    with tempfile.TemporaryDirectory(prefix="pyrdicom-header-cg-") as tmp:
        os.mkdir(os.path.join(tmp, "run"))
        for tree in args.trees:
            env = {**os.environ, "PYTHONPATH": os.path.join(os.path.abspath(tree), "python")}
            # compiled once outside valgrind, so that neither run below compiles anything
            subprocess.run([sys.executable, "-c", CHILD, path, "1"], env=env, check=True)
            per_seed = []
            for seed in seeds:
                one = counts(tree, path, 1, seed, tmp)
                many = counts(tree, path, 1 + args.reads, seed, tmp)
                per_seed.append({k: (many[k] - one[k]) / args.reads for k in one})
            mean = {k: sum(r[k] for r in per_seed) / len(per_seed) for k in per_seed[0]}
            d1 = mean["D1mr"] + mean["D1mw"]
            each = ", ".join(f"{r['Ir']:,.0f}/{r['D1mr'] + r['D1mw']:,.0f}" for r in per_seed)
            print(
                f"{tree}: instructions {mean['Ir']:,.0f}, L1 data misses {d1:,.0f} "
                f"(read {mean['D1mr']:,.0f}, write {mean['D1mw']:,.0f}) per read; "
                f"per seed {each}",
                flush=True,
            )


if __name__ == "__main__":
    main()
