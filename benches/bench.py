"""pyrdicom against pydicom, dicomsdl and python-gdcm, in one run; prints a markdown report.

    python3 benches/bench.py [--quick] [--only header,native,codecs,codec_limit,threads,pickle]

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


# One long-lived process per library, timing `dcmread(path).pixel_array` (or the library's
# equivalent) on request, so the libraries' runs interleave round by round and share the
# machine's load alike. Commands: "load PATH" (warm-up; sets how many calls a round makes so
# a round lasts >= 2 ms), "time" (one round: seconds per call).
WORKER_SCRIPT = r"""
import sys, time, warnings
warnings.simplefilter("ignore")
lib = sys.argv[1]


def reader(path):
    if lib == "pyrdicom":
        import pyrdicom
        return lambda: pyrdicom.dcmread(path).pixel_array
    if lib == "pydicom":
        import pydicom
        return lambda: pydicom.dcmread(path).pixel_array
    if lib == "openjpeg":  # the bare codec: pylibjpeg-openjpeg on the first frame's codestream
        import pydicom
        from openjpeg import decode
        from pydicom.encaps import generate_frames

        frame = next(generate_frames(pydicom.dcmread(path).PixelData, number_of_frames=1))
        return lambda: decode(frame)
    if lib == "dicomsdl":
        import dicomsdl

        def fn():  # dicomsdl decodes one frame per call
            d = dicomsdl.open(path)
            n = int(d.NumberOfFrames or 1) if "NumberOfFrames" in dir(d) else 1
            return [d.pixelData(i, storedvalue=True) for i in range(n)]
        return fn
    import gdcm

    def fn():
        r = gdcm.ImageReader()
        r.SetFileName(path)
        if not r.Read():
            raise RuntimeError("gdcm cannot read")
        return r.GetImage().GetBuffer()
    return fn


fn, number = None, 1
for line in sys.stdin:
    cmd, _, arg = line.rstrip("\n").partition(" ")
    try:
        if cmd == "load":
            fn = reader(arg)
            t = time.perf_counter()
            fn()
            number = max(1, min(1000, int(0.002 / max(time.perf_counter() - t, 1e-7))))
            out = "ok"
        else:
            t = time.perf_counter()
            for _ in range(number):
                fn()
            out = repr((time.perf_counter() - t) / number)
    except Exception as exc:
        out = "fails: " + f"{type(exc).__name__}: {exc}".replace("\n", " ")[:70]
    print(out, flush=True)
"""


class Worker:
    """One library's timing process; restarted after a crash."""

    def __init__(self, lib: str, label: str = "", env: dict[str, str] | None = None) -> None:
        self.lib, self.label, self.env = lib, label or lib, env or {}
        self.proc: subprocess.Popen[str] | None = None

    def ask(self, command: str) -> str:
        if self.proc is None:
            # The child imports the pyrdicom this process imported (a worktree's, say).
            env = dict(os.environ)
            root = os.path.dirname(os.path.dirname(pyrdicom.__file__))
            env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
            env.update(self.env)
            self.proc = subprocess.Popen(
                [sys.executable, "-c", WORKER_SCRIPT, self.lib],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env=env,
            )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(command + "\n")
            self.proc.stdin.flush()
            answer = self.proc.stdout.readline().strip()
        except BrokenPipeError:
            answer = ""
        if not answer:
            code = self.proc.wait()
            self.proc = None
            return f"crashes (signal {-code})" if code < 0 else f"exits ({code})"
        return answer

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait()
            self.proc = None


def interleaved_times(workers: list[Worker], path: str, repeat: int) -> dict[str, float | str]:
    """Each library's median seconds per read + decode of `path` (or why it has none), the
    libraries taking turns round by round, the first of each round rotating."""
    rounds: dict[str, list[float]] = {}
    out: dict[str, float | str] = {}
    for w in workers:
        answer = w.ask(f"load {path}")
        if answer == "ok":
            rounds[w.label] = []
        else:
            out[w.label] = answer
    live = [w for w in workers if w.label in rounds]
    for r in range(repeat):
        for w in live[r % len(live) :] + live[: r % len(live)] if live else []:
            if w.label in out:
                continue
            answer = w.ask("time")
            try:
                rounds[w.label].append(float(answer))
            except ValueError:
                out[w.label] = answer
    for label, times in rounds.items():
        if label not in out:
            out[label] = statistics.median(times)
    return {w.label: out[w.label] for w in workers}


def libraries() -> list[str]:
    """pyrdicom and the installed peers."""
    peers = [n for n, m in (("dicomsdl", dicomsdl), ("python-gdcm", gdcm)) if m]
    return ["pyrdicom", "pydicom", *peers]


def bench_native(quick: bool) -> list[str]:
    path = get_testdata_file("RG1_UNCI.dcm")
    repeat = 7 if quick else 25
    workers = [Worker(lib) for lib in libraries()]
    try:
        results = interleaved_times(workers, path, repeat)
    finally:
        for w in workers:
            w.close()
    getter = results.pop("pyrdicom")
    assert isinstance(getter, float), getter
    arr = pyrdicom.dcmread(path).pixel_array
    copy = median_time(arr.copy, repeat)
    lines = [
        "### Native pixel data: RG1_UNCI.dcm (7.2 MB, 16-bit)",
        "",
        "| work | time | pyrdicom / work |",
        "|---|---|---|",
        f"| pyrdicom: dcmread + pixel_array | {fmt(getter)} | 1.000 |",
        f"| one `ndarray.copy()` of the array | {fmt(copy)} | {getter / copy:.3f} |",
    ]
    for name, t in results.items():
        if isinstance(t, str):
            lines.append(f"| {name} | {t} | |")
        else:
            lines.append(f"| {name}: read + pixels | {fmt(t)} | {getter / t:.3f} |")
    return lines


# Every codec group with at least two corpus files (pydicom's test files and pydicom-data);
# files no corpus has are made at run time from corpus files (GENERATED).
CODEC_FILES = [
    ("Native LE", "CT_small.dcm"),
    ("Native LE", "SC_rgb.dcm"),
    ("Native LE", "US1_UNCR.dcm"),
    ("Big endian", "OBXXXX1A_expb_2frame.dcm"),
    ("Big endian", "MR_small_bigendian.dcm"),
    ("Big endian", "SC_rgb_expb_16bit.dcm"),
    ("Deflated", "image_dfl.dcm"),
    ("Deflated", "CT_small_deflated.dcm"),
    ("RLE", "OBXXXX1A_rle_2frame.dcm"),
    ("RLE", "MR_small_RLE.dcm"),
    ("RLE", "SC_rgb_rle.dcm"),
    ("JPEG baseline", "color3d_jpeg_baseline.dcm"),
    ("JPEG baseline", "examples_ybr_color.dcm"),
    ("JPEG baseline", "SC_rgb_dcmtk_+eb+cy+s4.dcm"),
    ("JPEG extended", "JPGExtended.dcm"),
    ("JPEG extended", "JPEG-lossy.dcm"),
    ("JPEG lossless", "JPEG-LL.dcm"),
    ("JPEG lossless", "JPGLosslessP14SV1_1s_1f_8b.dcm"),
    ("JPEG lossless", "SC_rgb_jpeg_gdcm.dcm"),
    ("JPEG-LS lossless", "emri_small_jpeg_ls_lossless.dcm"),
    ("JPEG-LS lossless", "MR_small_jpeg_ls_lossless.dcm"),
    ("JPEG-LS near-lossless", "JPEGLSNearLossless_08.dcm"),
    ("JPEG-LS near-lossless", "SC_rgb_jls_lossy_line.dcm"),
    ("JPEG 2000 lossless", "RG1_J2KR.dcm"),
    ("JPEG 2000 lossless", "US1_J2KR.dcm"),
    ("JPEG 2000 lossless", "MR_small_jp2klossless.dcm"),
    ("JPEG 2000 lossy", "RG1_J2KI.dcm"),
    ("JPEG 2000 lossy", "US1_J2KI.dcm"),
    ("HTJ2K", "RG1_HTJ2K.dcm"),
    ("HTJ2K", "MR2_HTJ2K.dcm"),
    ("HTJ2K", "CT_small_HTJ2K.dcm"),
]
# No peer decodes JPEG XL (pydicom 3.0.2, dicomsdl and GDCM have no decoder): not compared.


def make_htj2k(source: str, tmp: str, name: str) -> str | None:
    """The corpus has no HTJ2K file: `source`'s pixels (16-bit grey) encoded to HTJ2K lossless
    by OpenJPH (imagecodecs), written with pydicom. None without imagecodecs."""
    try:
        import imagecodecs
    except ImportError:
        return None
    from pydicom.encaps import encapsulate
    from pydicom.uid import HTJ2KLossless

    ds = pydicom.dcmread(get_testdata_file(source))
    ds.PixelData = encapsulate([imagecodecs.htj2k_encode(ds.pixel_array, reversible=True)])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = HTJ2KLossless
    path = os.path.join(tmp, name)
    ds.save_as(path)
    return path


def make_deflated(source: str, tmp: str, name: str) -> str:
    """A second Deflated Explicit VR Little Endian file: `source` written deflated by pydicom."""
    from pydicom.uid import DeflatedExplicitVRLittleEndian

    ds = pydicom.dcmread(get_testdata_file(source))
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    path = os.path.join(tmp, name)
    ds.save_as(path, enforce_file_format=True)
    return path


# Files made at run time (in a temporary folder) rather than taken from the corpus
GENERATED: dict[str, Callable[[str, str], str | None]] = {
    "RG1_HTJ2K.dcm": lambda tmp, name: make_htj2k("RG1_UNCI.dcm", tmp, name),
    "MR2_HTJ2K.dcm": lambda tmp, name: make_htj2k("MR2_UNCI.dcm", tmp, name),
    "CT_small_HTJ2K.dcm": lambda tmp, name: make_htj2k("CT_small.dcm", tmp, name),
    "CT_small_deflated.dcm": lambda tmp, name: make_deflated("CT_small.dcm", tmp, name),
}


def bench_codecs(quick: bool) -> list[str]:
    load = os.getloadavg()
    workers = [Worker(lib) for lib in libraries()]
    repeat = 5 if quick else 15
    lines = [
        "### Compressed and converted pixel data: read + decode all frames",
        "",
        f"One interleaved run, {repeat} rounds per file and library (median of the rounds).",
        "",
        "| group | file | pyrdicom | best peer | pyrdicom / best | all peers |",
        "|---|---|---|---|---|---|",
    ]
    ratios: dict[str, list[float]] = {}
    slower: list[str] = []
    tmp = tempfile.mkdtemp(prefix="pyrdicom-bench-")
    try:
        for group, name in CODEC_FILES:
            path = GENERATED[name](tmp, name) if name in GENERATED else get_testdata_file(name)
            if path is None:
                continue
            results = interleaved_times(workers, path, repeat)
            ours = results.pop("pyrdicom")
            if isinstance(ours, str):
                lines.append(f"| {group} | {name} | {ours} | | | |")
                continue
            timed = {k: v for k, v in results.items() if isinstance(v, float)}
            all_peers = ", ".join(
                f"{k} {fmt(v) if isinstance(v, float) else v}" for k, v in results.items()
            )
            if not timed:
                lines.append(
                    f"| {group} | {name} | {fmt(ours)} | none decodes it | | {all_peers} |"
                )
                continue
            best_name, best = min(timed.items(), key=lambda kv: kv[1])
            ratios.setdefault(group, []).append(ours / best)
            if ours > best:
                slower.append(f"{name} ({ours / best:.2f}x {best_name})")
            lines.append(
                f"| {group} | {name} | {fmt(ours)} | {best_name} {fmt(best)} "
                f"| {ours / best:.3f} | {all_peers} |"
            )
    finally:
        shutil.rmtree(tmp)
        for w in workers:
            w.close()
    after = os.getloadavg()
    if ratios:
        lines += [
            "",
            "| group | files | geometric mean of pyrdicom / best |",
            "|---|---|---|",
        ]
        per_group = {g: statistics.geometric_mean(v) for g, v in ratios.items()}
        for g, v in per_group.items():
            lines.append(f"| {g} | {len(ratios[g])} | {v:.3f} |")
        lines += [
            "",
            f"Geometric mean over groups of pyrdicom / best peer: "
            f"{statistics.geometric_mean(per_group.values()):.3f}",
            f"Files slower than the best peer: {', '.join(slower) or 'none'}",
            f"Load average (1, 5, 15 min) before: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}; "
            f"after: {after[0]:.1f}, {after[1]:.1f}, {after[2]:.1f}",
        ]
    return lines


def bench_codec_limit(quick: bool) -> list[str]:
    """pyrdicom's read + decode of one large JPEG 2000 frame against the bare codec call
    (pylibjpeg-openjpeg's decode of the codestream: the same OpenJPEG, single-threaded)."""
    workers = [
        Worker("openjpeg", "bare OpenJPEG"),
        Worker("pyrdicom", "pyrdicom, 1 thread", {"RAYON_NUM_THREADS": "1"}),
        Worker("pyrdicom", "pyrdicom, all cores"),
    ]
    repeat = 5 if quick else 11
    lines = [
        "### JPEG 2000 against the codec's limit: read + decode vs the bare OpenJPEG call",
        "",
        "| file | bare OpenJPEG | pyrdicom, 1 thread | ratio | pyrdicom, all cores | ratio |",
        "|---|---|---|---|---|---|",
    ]
    tmp = tempfile.mkdtemp(prefix="pyrdicom-bench-")
    try:
        for name in ("RG1_J2KR.dcm", "RG1_HTJ2K.dcm"):
            path = GENERATED[name](tmp, name) if name in GENERATED else get_testdata_file(name)
            if path is None:
                continue
            t = interleaved_times(workers, path, repeat)
            bare, one, many = (t[w.label] for w in workers)
            if isinstance(bare, float) and isinstance(one, float) and isinstance(many, float):
                lines.append(
                    f"| {name} | {fmt(bare)} | {fmt(one)} | {one / bare:.3f} | {fmt(many)} "
                    f"| {many / bare:.3f} |"
                )
            else:
                lines.append(f"| {name} | {bare} | {one} | | {many} | |")
    finally:
        shutil.rmtree(tmp)
        for w in workers:
            w.close()
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
    parser.add_argument("--only", default="header,native,codecs,codec_limit,threads,pickle")
    args = parser.parse_args()
    sections = {
        "header": bench_header,
        "native": bench_native,
        "codecs": bench_codecs,
        "codec_limit": bench_codec_limit,
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
