"""The wheel stage of scripts/test.sh: install the built wheel into a fresh venv of every CPython
that pyenv has (3.11 and later; the abi3-py311 wheel covers them all) with numpy only, no compiler
on PATH and no project source on sys.path, and run smoke.py there against pydicom's arrays.

Usage: python3 tests/wheel_smoke/run.py [WHEEL]  (default: the newest dist/pyrdicom-*abi3*.whl)
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pydicom
from pydicom.data import get_testdata_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))  # tests/: codec_fixtures makes the HTJ2K file

VERSIONS = ("3.11", "3.12", "3.13")
# One file per codec: (name, corpus file, largest difference allowed from pydicom's array).
# Lossy JPEG decoders legitimately differ a little (tests/test_pixels_encapsulated.py).
CODECS = (
    ("RLE", "OBXXXX1A_rle_2frame.dcm", 0),
    ("JPEG baseline", "SC_rgb_jpeg_dcmtk.dcm", 5),
    ("JPEG extended", "JPGExtended.dcm", 5),
    ("JPEG lossless", "JPEG-LL.dcm", 0),
    ("JPEG-LS", "emri_small_jpeg_ls_lossless.dcm", 0),
    ("JPEG 2000", "MR_small_jp2klossless.dcm", 0),
    ("Deflated", "image_dfl.dcm", 0),
)
SAMPLE = ROOT / "examples" / "CT_small.dcm"
# Only these variables reach pip and the smoke run (no PYTHONPATH, no compiler variables).
KEEP = ("HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_INDEX_URL", "PIP_CERT", "SSL_CERT_FILE")


def pyenv_pythons() -> dict[str, str | None]:
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found: dict[str, str | None] = {}
    for version in ("3.10", *VERSIONS):
        matches = sorted(glob.glob(f"{root}/versions/{version}.*/bin/python{version}"))
        found[version] = matches[-1] if matches else None
    return found


def pixels(path: str | Path, out: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.save(out, pydicom.dcmread(path).pixel_array)
    return str(out)


def manifest(tmp: Path, version: str) -> Path:
    """The files and pydicom's arrays for smoke.py."""
    from codec_fixtures import htj2k, write_dataset

    sample = pydicom.dcmread(SAMPLE)
    codecs = []
    for name, file, tolerance in CODECS:
        path = str(get_testdata_file(file))
        codecs.append({"name": name, "file": path, "npy": pixels(path, tmp / f"{file}.npy"),
                       "tolerance": tolerance})  # fmt: skip
    mr = pydicom.dcmread(get_testdata_file("MR_small.dcm"))
    ht = write_dataset(
        tmp / "mr_htj2k.dcm", pydicom.uid.HTJ2KLossless, [htj2k(mr.pixel_array)],
        rows=mr.Rows, columns=mr.Columns, bits_allocated=mr.BitsAllocated,
        bits_stored=mr.BitsStored, signed=bool(mr.PixelRepresentation),
    )  # fmt: skip
    codecs.append({"name": "HTJ2K", "file": str(ht), "npy": pixels(ht, tmp / "ht.npy"),
                   "tolerance": 0})  # fmt: skip
    data = {
        "version": version,
        "repo": str(ROOT),
        "sample": {
            "file": str(SAMPLE),
            "npy": pixels(SAMPLE, tmp / "sample.npy"),
            "values": {k: str(sample.data_element(k).value) for k in ("PatientName", "Rows")},
        },
        "codecs": codecs,
    }
    path = tmp / "manifest.json"
    path.write_text(json.dumps(data, indent=1))
    shutil.copy(HERE / "smoke.py", tmp / "smoke.py")
    return path


def clean_env(venv: Path) -> dict[str, str]:
    env = {k: os.environ[k] for k in KEEP if k in os.environ}
    env["PATH"] = str(venv / "bin")  # the venv alone: no cc, g++, zig, cmake, cargo
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run_one(python: str, wheel: Path, tmp: Path, data: Path) -> float:
    venv = tmp / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    env = clean_env(venv)
    start = time.perf_counter()
    subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "--only-binary=:all:",
         str(wheel), "numpy"],
        check=True, env=env, cwd=tmp,
    )  # fmt: skip
    installed = time.perf_counter() - start
    subprocess.run([venv / "bin" / "python", "smoke.py", str(data)], check=True, env=env, cwd=tmp)
    return installed


def refused_by(python: str, wheel: Path) -> bool:
    """Whether this (older) CPython's pip refuses the wheel, as abi3-py311's tag says it must."""
    done = subprocess.run(
        [python, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    return done.returncode != 0 and "is not a supported wheel" in done.stderr


def main() -> int:
    if len(sys.argv) > 1:
        wheel = Path(sys.argv[1]).resolve()
    else:
        wheels = sorted((ROOT / "dist").glob("pyrdicom-*-cp311-abi3-manylinux_*.whl"))
        if not wheels:
            sys.exit("no dist/pyrdicom-*-cp311-abi3-manylinux_*.whl: run scripts/build-wheel.sh")
        wheel = max(wheels, key=lambda p: p.stat().st_mtime)
    version = wheel.name.split("-")[1]
    print(f"wheel stage: {wheel.name}")
    passed, failed, skipped = [], [], []
    pythons = pyenv_pythons()
    for minor in VERSIONS:
        python = pythons[minor]
        if python is None:
            print(f"CPython {minor}: skipped, pyenv does not have it")
            skipped.append(minor)
            continue
        print(f"CPython {minor} ({python}):")
        with tempfile.TemporaryDirectory(prefix=f"pyrdicom-smoke-{minor}-") as tmp:
            try:
                data = manifest(Path(tmp), version)
                seconds = run_one(python, wheel, Path(tmp), data)
                print(f"  install of the wheel and numpy: {seconds:.1f} s")
                passed.append(minor)
            except subprocess.CalledProcessError as e:
                print(f"  FAILED: {e}")
                failed.append(minor)
    old = pythons["3.10"]
    if old is not None:
        ok = refused_by(old, wheel)
        print(f"CPython 3.10: not covered by abi3-py311; pip refuses the wheel: {ok}")
        if not ok:
            failed.append("3.10 (installed the wheel)")
    print(f"smoke suite ran on CPython {', '.join(passed) or 'none'}", end="")
    print(f"; skipped: {', '.join(skipped) or 'none'}; failed: {', '.join(failed) or 'none'}")
    print(f"wheel-smoke: {len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
