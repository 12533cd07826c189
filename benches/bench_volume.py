"""Series → volume: pyrdicom.volume.read_series against SimpleITK, highdicom and a pydicom loop.

    python3 benches/bench_volume.py [--slices 300] [--size 512] [--repeat 5] [--dir DIR]

A CT-like phantom (slices x size x size, int16, rescale intercept -1024) is written once by
SimpleITK (GDCM) in three variants: native, JPEG lossless (process 14) and JPEG 2000 lossless,
under DIR (default: a folder in the temporary directory, kept between runs). Each reader runs in
its own child process per variant, all started together and asked in turn for one read per round
(interleaved, so that the machine's load falls on every reader alike), after one untimed read:
the median wall time of `repeat` rounds (and the process's CPU time, all threads, which the
machine's load disturbs less), and the peak RSS the reads added over the process's size
after its imports (ru_maxrss), against the output array's size. The load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pyrdicom

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

VARIANTS = {"native": None, "JPEG lossless": "JPEG", "JPEG 2000 lossless": "JPEG2000"}

READERS = {
    "pyrdicom": """
from pyrdicom.volume import read_series
def read(d):
    return read_series(d).array
""",
    "SimpleITK": """
import SimpleITK as sitk
def read(d):
    r = sitk.ImageSeriesReader()
    r.SetFileNames(sitk.ImageSeriesReader.GetGDCMSeriesFileNames(d))
    return sitk.GetArrayViewFromImage(r.Execute())
""",
    "highdicom": """
import glob, highdicom as hd, pydicom
def read(d):
    dss = [pydicom.dcmread(p) for p in glob.glob(d + "/*.dcm")]
    return hd.get_volume_from_series(dss, dtype="float32").array
""",
    "pydicom + np.stack": """
import glob, numpy as np, pydicom
from pydicom.pixels import apply_modality_lut
def read(d):
    dss = [pydicom.dcmread(p) for p in glob.glob(d + "/*.dcm")]
    dss.sort(key=lambda ds: float(ds.ImagePositionPatient[2]))
    return np.stack([apply_modality_lut(ds.pixel_array, ds).astype(np.int16) for ds in dss])
""",
}

# A child reads once per line of its standard input ("read": prints the time; "done": prints
# the peak RSS added and the array's size).
CHILD = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
{reader}
d = sys.argv[1]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
nbytes = read(d).nbytes  # untimed: lazy imports, first-use caches
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "done":
        break
    t, cpu = time.perf_counter(), time.process_time()
    arr = read(d)
    print(time.perf_counter() - t, time.process_time() - cpu, flush=True)
    del arr
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"extra_rss": (peak - base) * 1024, "nbytes": nbytes}}), flush=True)
"""


def phantom(slices: int, size: int):
    import numpy as np

    z, y, x = np.ogrid[:slices, :size, :size]
    c = size / 2
    body = ((x - c) ** 2 + (y - c) ** 2) < (0.45 * size) ** 2
    organ = ((x - 0.6 * c) ** 2 + (y - c) ** 2 + ((z - slices / 2) * size / slices) ** 2) < (
        0.15 * size
    ) ** 2
    rng = np.random.default_rng(0)
    stored = np.where(body, 1024 + 40, 24) + np.where(organ, 60, 0)
    stored = stored + rng.normal(0, 8, (slices, size, size))
    return np.clip(stored, 0, 4095).astype(np.int16)


def make_series(root: Path, slices: int, size: int) -> dict[str, Path]:
    from series_fixtures import write_series

    made = {}
    arr = None
    for name, compressor in VARIANTS.items():
        d = root / f"{slices}x{size}-{compressor or 'native'}"
        if not (d / "done").exists():
            arr = phantom(slices, size) if arr is None else arr
            write_series(
                d, arr, spacing=(0.7, 0.7, 1.25), compressor=compressor, rescale=(1, -1024)
            )
            (d / "done").write_text("")
        made[name] = d
    return made


def measure(directory: Path, repeat: int) -> dict[str, dict[str, float] | None]:
    """Every reader's median time and peak memory on one series, the reads interleaved."""
    # The children import the pyrdicom this process imported (a worktree, or site-packages).
    env = {**os.environ, "PYTHONPATH": str(Path(pyrdicom.__file__).parent.parent)}
    children = {
        reader: subprocess.Popen(
            [sys.executable, "-c", CHILD.format(reader=code), str(directory)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for reader, code in READERS.items()
    }
    times: dict[str, list[float]] = {reader: [] for reader in READERS}
    cpu: dict[str, list[float]] = {reader: [] for reader in READERS}
    alive = {}
    for reader, child in children.items():
        assert child.stdout is not None
        if child.stdout.readline().strip() == "ready":
            alive[reader] = child
        else:
            _, err = child.communicate()
            print(f"  {reader} failed: {err.strip().splitlines()[-1:]}", file=sys.stderr)
    for _ in range(repeat):
        for reader, child in alive.items():
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write("read\n")
            child.stdin.flush()
            wall, used = child.stdout.readline().split()
            times[reader].append(float(wall))
            cpu[reader].append(float(used))
    results: dict[str, dict[str, float] | None] = dict.fromkeys(READERS)
    for reader, child in alive.items():
        out, _ = child.communicate("done\n")
        results[reader] = {
            "time": statistics.median(times[reader]),
            "cpu": statistics.median(cpu[reader]),
            **json.loads(out),
        }
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slices", type=int, default=300)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "pyrdicom-volume-bench"))
    args = ap.parse_args()
    series = make_series(Path(args.dir), args.slices, args.size)
    print(f"### Series to volume: {args.slices} slices of {args.size}x{args.size} int16\n")
    print(f"load average before: {os.getloadavg()}\n")
    print(
        "| series | reader | median | pyrdicom / reader | CPU time (median) "
        "| extra peak RSS / output array |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for name, directory in series.items():
        results = measure(directory, args.repeat)
        ours = results["pyrdicom"]
        for reader, res in results.items():
            if res is None:
                print(f"| {name} | {reader} | failed | | | |")
                continue
            ratio = f"{ours['time'] / res['time']:.2f}" if ours else ""
            rss = res["extra_rss"] / res["nbytes"]
            print(
                f"| {name} | {reader} | {res['time'] * 1e3:.0f} ms | {ratio} "
                f"| {res['cpu'] * 1e3:.0f} ms | {rss:.2f} |"
            )
        peers = [res["time"] for r, res in results.items() if res and r != "pyrdicom"]
        if ours and peers:
            speedup = min(peers) / ours["time"]
            print(f"| {name} | **fastest peer / pyrdicom** | | **{speedup:.1f}x** | | |")
    print(f"\nload average after: {os.getloadavg()}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
