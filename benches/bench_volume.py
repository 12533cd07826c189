"""Series → volume: pyrdicom.volume.read_series against SimpleITK, highdicom and a pydicom loop.

    python3 benches/bench_volume.py [--slices 300] [--size 512] [--repeat 5] [--dir DIR]

A CT-like phantom (slices x size x size, int16, rescale intercept -1024) is written once by
SimpleITK (GDCM) in three variants: native, JPEG lossless (process 14) and JPEG 2000 lossless,
under DIR (default: a folder in the temporary directory, kept between runs). Each reader runs in
a fresh child process per variant: the median wall time of `repeat` reads, and the peak RSS the
read added over the process's size after its imports (ru_maxrss), against the output array's size.
"""

from __future__ import annotations

import argparse
import json
import os
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

CHILD = """
import json, resource, statistics, sys, time, warnings
warnings.simplefilter("ignore")
{reader}
d, repeat = sys.argv[1], int(sys.argv[2])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times = []
for _ in range(repeat):
    t = time.perf_counter()
    arr = read(d)
    times.append(time.perf_counter() - t)
    nbytes = arr.nbytes
    del arr
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"time": statistics.median(times), "extra_rss": (peak - base) * 1024,
                  "nbytes": nbytes}}))
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


def measure(reader: str, directory: Path, repeat: int) -> dict[str, float] | None:
    code = CHILD.format(reader=READERS[reader])
    # The child imports the pyrdicom this process imported (a worktree, or site-packages).
    env = {**os.environ, "PYTHONPATH": str(Path(pyrdicom.__file__).parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(directory), str(repeat)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        print(f"  {reader} failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slices", type=int, default=300)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "pyrdicom-volume-bench"))
    args = ap.parse_args()
    series = make_series(Path(args.dir), args.slices, args.size)
    print(f"### Series to volume: {args.slices} slices of {args.size}x{args.size} int16\n")
    print("| series | reader | median | pyrdicom / reader | extra peak RSS / output array |")
    print("|---|---|---:|---:|---:|")
    for name, directory in series.items():
        results = {r: measure(r, directory, args.repeat) for r in READERS}
        ours = results["pyrdicom"]
        for reader, res in results.items():
            if res is None:
                print(f"| {name} | {reader} | failed | | |")
                continue
            ratio = f"{ours['time'] / res['time']:.2f}" if ours else ""
            rss = res["extra_rss"] / res["nbytes"]
            print(f"| {name} | {reader} | {res['time'] * 1e3:.0f} ms | {ratio} | {rss:.2f} |")
        peers = [res["time"] for r, res in results.items() if res and r != "pyrdicom"]
        if ours and peers:
            speedup = min(peers) / ours["time"]
            print(f"| {name} | **fastest peer / pyrdicom** | | **{speedup:.1f}x** | |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
