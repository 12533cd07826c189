"""save_as of an unchanged file: pyrdicom against pydicom; prints medians and ratios.

    python3 benches/bench_write.py [--repeat N]

Each library reads the file once, then saves it repeatedly over the same target (a path in a
temporary directory, and an in-memory file). pyrdicom replaces a path atomically and flushes it
to disk first (`pyrdicom.filewriter.fsync`); pydicom does neither, so the path numbers are also
given with pyrdicom's fsync off and, for reference, with an fsync added to pydicom's write.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable

import pydicom
from pydicom.data import get_testdata_file

import pyrdicom
import pyrdicom.filewriter

warnings.simplefilter("ignore")


def median_time(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def fmt(seconds: float) -> str:
    return f"{seconds * 1e6:.0f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


def pydicom_save_fsync(ds: pydicom.Dataset, path: str) -> None:
    with open(path, "wb") as f:
        ds.save_as(f)
        f.flush()
        os.fsync(f.fileno())


def bench(name: str, repeat: int) -> list[tuple[str, float, float]]:
    src = get_testdata_file(name)
    ours = pyrdicom.dcmread(src)
    theirs = pydicom.dcmread(src)
    tmp = tempfile.mkdtemp()
    a, b = os.path.join(tmp, "ours.dcm"), os.path.join(tmp, "theirs.dcm")

    def to_memory(ds: object) -> Callable[[], object]:
        return lambda: ds.save_as(io.BytesIO())  # type: ignore[attr-defined]

    rows = []
    pyrdicom.filewriter.fsync = True
    rows.append(
        (
            "path, pyrdicom atomic+fsync vs pydicom",
            median_time(lambda: ours.save_as(a), repeat),
            median_time(lambda: theirs.save_as(b), repeat),
        )
    )
    rows.append(
        (
            "path, both fsync",
            rows[-1][1],
            median_time(lambda: pydicom_save_fsync(theirs, b), repeat),
        )
    )
    pyrdicom.filewriter.fsync = False
    rows.append(
        (
            "path, pyrdicom atomic without fsync vs pydicom",
            median_time(lambda: ours.save_as(a), repeat),
            rows[0][2],
        )
    )
    pyrdicom.filewriter.fsync = True
    rows.append(
        (
            "BytesIO",
            median_time(to_memory(ours), repeat),
            median_time(to_memory(theirs), repeat),
        )
    )
    with open(a, "rb") as f, open(src, "rb") as g:
        assert f.read() == g.read()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print("| file | target | pyrdicom | pydicom | speed-up |")
    print("|---|---|---|---|---|")
    for name in ("CT_small.dcm", "RG1_UNCI.dcm"):
        size = os.path.getsize(get_testdata_file(name))
        for what, ours, theirs in bench(name, args.repeat):
            print(
                f"| {name} ({size / 1e6:.2f} MB) | {what} | {fmt(ours)} | {fmt(theirs)} | "
                f"{theirs / ours:.1f}x |"
            )


if __name__ == "__main__":
    main()
