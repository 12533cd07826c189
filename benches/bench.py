"""pyrdicom against pydicom, dicomsdl and python-gdcm, in one run; prints a markdown report.

    python3 benches/bench.py [--quick] [--only header,native,codecs,threads,pickle]

Peers that are not installed are left out. Times are medians of repeated runs (this kind of
machine is small and noisy); ratios are pyrdicom's time over the peer's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import pydicom
from pydicom.data import get_testdata_file

import pyrdicom

warnings.simplefilter("ignore")

try:
    import dicomsdl
except ImportError:
    dicomsdl = None
try:
    import gdcm
except ImportError:
    gdcm = None

TAGS = ("PatientName", "Modality", "StudyInstanceUID", "Rows", "PixelSpacing", "SliceThickness")


def median_time(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    """Median seconds per call over `repeat` rounds of `number` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t) / number)
    return statistics.median(times)


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.2f} ms"


# --- header -------------------------------------------------------------------------------


def bench_header(quick: bool) -> list[str]:
    n = 200 if quick else 2000
    src = get_testdata_file("CT_small.dcm")
    tmp = tempfile.mkdtemp(prefix="pyrdicom-bench-")
    try:
        paths = []
        for i in range(n):
            p = os.path.join(tmp, f"ct{i}.dcm")
            shutil.copyfile(src, p)
            paths.append(p)

        def floor() -> None:
            for p in paths:
                with open(p, "rb") as f:
                    f.read()

        def ours() -> None:
            for p in paths:
                ds = pyrdicom.dcmread(p, stop_before_pixels=True)
                for t in TAGS:
                    getattr(ds, t)

        def theirs() -> None:
            for p in paths:
                ds = pydicom.dcmread(p, stop_before_pixels=True)
                for t in TAGS:
                    getattr(ds, t)

        runs = {"open()+read()": floor, "pyrdicom": ours, "pydicom": theirs}
        if dicomsdl is not None:

            def sdl() -> None:
                for p in paths:
                    d = dicomsdl.open(p)
                    for t in TAGS:
                        getattr(d, t)

            runs["dicomsdl"] = sdl
        repeat = 3 if quick else 7
        per_file = {k: median_time(f, repeat) / n for k, f in runs.items()}
    finally:
        shutil.rmtree(tmp)
    lines = [
        f"### Header: dcmread(stop_before_pixels) + 6 tags, {n} copies of CT_small.dcm",
        "",
        "| reader | per file | pyrdicom / reader |",
        "|---|---|---|",
    ]
    for k, v in per_file.items():
        lines.append(f"| {k} | {fmt(v)} | {per_file['pyrdicom'] / v:.3f} |")
    return lines


# --- pickling -----------------------------------------------------------------------------


def bench_pickle(quick: bool) -> list[str]:
    """dcmread + pickle.dumps + pickle.loads of CT_small.dcm (what a process pool does with a
    data set returned by a worker), and the pickle's size against the file's."""
    import pickle

    path = get_testdata_file("CT_small.dcm")
    size = os.path.getsize(path)
    libs = {"pyrdicom": pyrdicom, "pydicom": pydicom}
    times, sizes = {}, {}
    for name, lib in libs.items():

        def roundtrip(lib=lib) -> object:
            return pickle.loads(pickle.dumps(lib.dcmread(path)))

        times[name] = median_time(roundtrip, 20 if quick else 100, 10)
        sizes[name] = len(pickle.dumps(lib.dcmread(path)))
    lines = [
        f"### Pickling: dcmread + pickle.dumps + pickle.loads of CT_small.dcm ({size} bytes)",
        "",
        "| library | time | pyrdicom / library | pickle size | size / file |",
        "|---|---|---|---|---|",
    ]
    for name, t in times.items():
        lines.append(
            f"| {name} | {fmt(t)} | {times['pyrdicom'] / t:.3f} | {sizes[name]} bytes "
            f"| {sizes[name] / size:.3f} |"
        )
    return lines


# --- pixel data ---------------------------------------------------------------------------


PEER_SCRIPT = """
import statistics, sys, time, warnings
warnings.simplefilter("ignore")
peer, path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
if peer == "pydicom":
    import pydicom
    fn = lambda: pydicom.dcmread(path).pixel_array
elif peer == "dicomsdl":
    import dicomsdl
    def fn():  # dicomsdl decodes one frame per call
        d = dicomsdl.open(path)
        n = int(d.NumberOfFrames or 1) if "NumberOfFrames" in dir(d) else 1
        return [d.pixelData(i, storedvalue=True) for i in range(n)]
else:
    import gdcm
    def fn():
        r = gdcm.ImageReader()
        r.SetFileName(path)
        if not r.Read():
            raise RuntimeError("gdcm cannot read")
        return r.GetImage().GetBuffer()
fn()
times = []
for _ in range(repeat):
    t = time.perf_counter()
    fn()
    times.append(time.perf_counter() - t)
print(statistics.median(times))
"""


def peer_times(path: str, repeat: int) -> dict[str, float | str]:
    """Each peer's median read + decode time of `path`, measured in a child process, since
    some peers crash the interpreter on some files (then the entry says so)."""
    peers = ["pydicom"] + [n for n, m in (("dicomsdl", dicomsdl), ("python-gdcm", gdcm)) if m]
    out: dict[str, float | str] = {}
    for peer in peers:
        proc = subprocess.run(
            [sys.executable, "-c", PEER_SCRIPT, peer, path, str(repeat)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode == 0:
            out[peer] = float(proc.stdout.split()[-1])
        elif proc.returncode < 0:
            out[peer] = f"crashes (signal {-proc.returncode})"
        else:
            out[peer] = "fails: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:60]
    return out


def bench_native(quick: bool) -> list[str]:
    path = get_testdata_file("RG1_UNCI.dcm")
    repeat = 7 if quick else 25
    arr = pyrdicom.dcmread(path).pixel_array
    getter = median_time(lambda: pyrdicom.dcmread(path).pixel_array, repeat)
    ds = pyrdicom.dcmread(path)
    ds.pixel_array  # noqa: B018 (decode once; the getter then returns the cached view)
    copy = median_time(arr.copy, repeat)
    lines = [
        "### Native pixel data: RG1_UNCI.dcm (7.2 MB, 16-bit)",
        "",
        "| work | time | pyrdicom / work |",
        "|---|---|---|",
        f"| pyrdicom: dcmread + pixel_array | {fmt(getter)} | 1.000 |",
        f"| one `ndarray.copy()` of the array | {fmt(copy)} | {getter / copy:.3f} |",
    ]
    for name, t in peer_times(path, repeat).items():
        if isinstance(t, str):
            lines.append(f"| {name} | {t} | |")
        else:
            lines.append(f"| {name}: read + pixels | {fmt(t)} | {getter / t:.3f} |")
    return lines


CODEC_FILES = [
    ("RLE", "OBXXXX1A_rle_2frame.dcm"),
    ("RLE", "MR_small_RLE.dcm"),
    ("JPEG baseline", "color3d_jpeg_baseline.dcm"),
    ("JPEG baseline", "SC_rgb_dcmtk_+eb+cy+s4.dcm"),
    ("JPEG extended", "JPGExtended.dcm"),
    ("JPEG extended", "JPEG-lossy.dcm"),
    ("JPEG lossless", "JPEG-LL.dcm"),
    ("JPEG lossless", "SC_rgb_jpeg_gdcm.dcm"),
    ("JPEG-LS", "emri_small_jpeg_ls_lossless.dcm"),
    ("JPEG-LS", "JPEGLSNearLossless_08.dcm"),
    ("JPEG 2000", "RG1_J2KR.dcm"),
    ("JPEG 2000", "US1_J2KR.dcm"),
    ("HTJ2K", "RG1_HTJ2K.dcm"),
    ("Deflated", "image_dfl.dcm"),
    ("Big endian", "OBXXXX1A_expb_2frame.dcm"),
    ("Big endian", "MR_small_bigendian.dcm"),
]


def make_rg1_htj2k(tmp: str) -> str | None:
    """The corpus has no HTJ2K file: RG1_UNCI.dcm's pixels (1955 x 1841, 16-bit) encoded to
    HTJ2K lossless by OpenJPH (imagecodecs), written with pydicom. None without imagecodecs."""
    try:
        import imagecodecs
    except ImportError:
        return None
    from pydicom.encaps import encapsulate
    from pydicom.uid import HTJ2KLossless

    ds = pydicom.dcmread(get_testdata_file("RG1_UNCI.dcm"))
    ds.PixelData = encapsulate([imagecodecs.htj2k_encode(ds.pixel_array, reversible=True)])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = HTJ2KLossless
    path = os.path.join(tmp, "RG1_HTJ2K.dcm")
    ds.save_as(path)
    return path


# Files made at run time (in a temporary folder) rather than taken from the corpus
GENERATED = {"RG1_HTJ2K.dcm": make_rg1_htj2k}


def bench_codecs(quick: bool) -> list[str]:
    lines = [
        "### Compressed pixel data: read + decode all frames",
        "",
        "| group | file | pyrdicom | best peer | pyrdicom / best | all peers |",
        "|---|---|---|---|---|---|",
    ]
    ratios: dict[str, list[float]] = {}
    tmp = tempfile.mkdtemp(prefix="pyrdicom-bench-")
    try:
        for group, name in CODEC_FILES:
            path = GENERATED[name](tmp) if name in GENERATED else get_testdata_file(name)
            if path is None:
                continue
            repeat = 3 if quick else 9
            try:
                ours = median_time(lambda p=path: pyrdicom.dcmread(p).pixel_array, repeat)
            except pyrdicom.DicomError as exc:
                lines.append(f"| {group} | {name} | not decoded: {type(exc).__name__} | | | |")
                continue
            results = peer_times(path, repeat)
            peers = {k: v for k, v in results.items() if isinstance(v, float)}
            all_peers = ", ".join(
                f"{k} {fmt(v) if isinstance(v, float) else v}" for k, v in results.items()
            )
            if not peers:
                lines.append(
                    f"| {group} | {name} | {fmt(ours)} | none decodes it | | {all_peers} |"
                )
                continue
            best_name, best = min(peers.items(), key=lambda kv: kv[1])
            ratios.setdefault(group, []).append(ours / best)
            lines.append(
                f"| {group} | {name} | {fmt(ours)} | {best_name} {fmt(best)} "
                f"| {ours / best:.3f} | {all_peers} |"
            )
    finally:
        shutil.rmtree(tmp)
    if ratios:
        per_group = [statistics.geometric_mean(v) for v in ratios.values()]
        lines += ["", f"Geometric mean over groups of pyrdicom / best peer: "
                  f"{statistics.geometric_mean(per_group):.3f}"]  # fmt: skip
    return lines


# --- threads vs processes -----------------------------------------------------------------


def _cpu_work(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def _decode_file(path: str) -> None:
    """One thread's work in the scaling test."""
    pyrdicom.dcmread(path).pixel_array  # noqa: B018


def bench_threads(quick: bool) -> list[str]:
    # One frame per file, so each decode runs on its caller's thread only.
    path = get_testdata_file("JPEG-LL.dcm")
    workers = os.cpu_count() or 2
    jobs = 16 if quick else 120

    def run_threads(k: int) -> float:
        t = time.perf_counter()
        ths = [
            threading.Thread(target=lambda: [_decode_file(path) for _ in range(jobs // k)])
            for _ in range(k)
        ]
        for th in ths:
            th.start()
        for th in ths:
            th.join()
        return time.perf_counter() - t

    def run_procs(k: int) -> float:
        n = 3_000_000 // (2 if quick else 1)
        with ProcessPoolExecutor(k) as ex:
            list(ex.map(_cpu_work, [n] * k))  # start the workers
            t = time.perf_counter()
            list(ex.map(_cpu_work, [n] * jobs))
            return time.perf_counter() - t

    one_t, many_t = run_threads(1), run_threads(workers)
    one_p, many_p = run_procs(1), run_procs(workers)
    return [
        f"### Scaling: {jobs} decodes of {os.path.basename(path)} on {workers} Python threads",
        "",
        f"| work | 1 worker | {workers} workers | speed-up |",
        "|---|---|---|---|",
        f"| pyrdicom decode, threads | {fmt(one_t)} | {fmt(many_t)} | {one_t / many_t:.2f}x |",
        f"| pure-Python work, processes | {fmt(one_p)} | {fmt(many_p)} | {one_p / many_p:.2f}x |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="header,native,codecs,threads,pickle")
    args = parser.parse_args()
    sections = {
        "header": bench_header,
        "native": bench_native,
        "codecs": bench_codecs,
        "threads": bench_threads,
        "pickle": bench_pickle,
    }
    print(f"pyrdicom {pyrdicom.__version__}, pydicom {pydicom.__version__}, "
          f"dicomsdl {'yes' if dicomsdl else 'no'}, python-gdcm {'yes' if gdcm else 'no'}, "
          f"{os.cpu_count()} cores\n")  # fmt: skip
    for name in args.only.split(","):
        print("\n".join(sections[name](args.quick)))
        print()


if __name__ == "__main__":
    main()
