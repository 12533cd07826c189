"""The smoke suite an installed wheel must pass, run by a fresh venv's Python that has only the
wheel and numpy (tests/wheel_smoke/run.py prepares the files and pydicom's arrays for it).

Usage: python smoke.py MANIFEST.json. Standard library and numpy only: no pytest, no pydicom.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig

import numpy as np


def check(cond: bool, what: str) -> None:
    if not cond:
        raise SystemExit(f"FAILED: {what}")


def isolated_import(manifest: dict) -> None:
    import pyrdicom

    site = os.path.realpath(sysconfig.get_paths()["purelib"])
    where = os.path.realpath(pyrdicom.__file__)
    check(where.startswith(site + os.sep), f"pyrdicom imported from {where}, not {site}")
    repo = os.path.realpath(manifest["repo"])
    for entry in sys.path:
        check(not os.path.realpath(entry or ".").startswith(repo), f"{entry} on sys.path")
    for tool in ("cc", "gcc", "g++", "clang", "zig", "cmake", "nasm", "cargo", "rustc"):
        check(shutil.which(tool) is None, f"a compiler on PATH: {shutil.which(tool)}")
    check(pyrdicom.__version__ == manifest["version"], f"__version__ {pyrdicom.__version__}")
    from pyrdicom import _core

    check(_core.build_info()["abi3"] is True, "the extension is not the abi3 build")


def read_sample(manifest: dict) -> None:
    import pyrdicom

    sample = manifest["sample"]
    ds = pyrdicom.dcmread(sample["file"])
    for keyword, value in sample["values"].items():
        check(str(ds.data_element(keyword).value) == value, f"{keyword} of the sample")
    expected = np.load(sample["npy"])
    check(np.array_equal(ds.pixel_array, expected), "the sample's pixel_array")


def decode_codecs(manifest: dict) -> None:
    import pyrdicom

    for case in manifest["codecs"]:
        arr = pyrdicom.dcmread(case["file"]).pixel_array
        expected = np.load(case["npy"])
        check(arr.shape == expected.shape and arr.dtype == expected.dtype, case["name"])
        diff = np.abs(arr.astype(np.int64) - expected.astype(np.int64)).max()
        check(diff <= case["tolerance"], f"{case['name']}: differs from pydicom by {diff}")
        print(f"  decoded {case['name']}: {os.path.basename(case['file'])} {arr.shape}")


def save_and_read_back(manifest: dict, tmp: str) -> None:
    import pyrdicom

    src = manifest["sample"]["file"]
    ds = pyrdicom.dcmread(src)
    ds.PatientName = "Smoke^Test"
    out = os.path.join(tmp, "saved.dcm")
    ds.save_as(out)
    back = pyrdicom.dcmread(out)
    check(str(back.PatientName) == "Smoke^Test", "the changed value after save_as")
    check(np.array_equal(back.pixel_array, ds.pixel_array), "pixels after save_as")
    check(len(back) == len(ds), "the element count after save_as")


def command_line(manifest: dict, tmp: str) -> None:
    exe = os.path.join(os.path.dirname(sys.executable), "pyrdicom")

    def run(*args: str) -> str:
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        check(done.returncode == 0, f"{' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    check(run(exe, "--version").strip() == f"pyrdicom {manifest['version']}", "--version")
    info = run(exe, "info")
    for name in ("libjpeg-turbo", "OpenJPEG", "CharLS", "abi3"):
        check(name in info, f"'{name}' missing from pyrdicom info")
    check(info == run(sys.executable, "-m", "pyrdicom.env_info"), "env_info differs from info")
    shown = run(exe, "show", manifest["sample"]["file"])
    check(manifest["sample"]["values"]["PatientName"] in shown, "pyrdicom show")
    out = os.path.join(tmp, "rle.dcm")
    run(exe, "convert", manifest["sample"]["file"], out, "--transfer-syntax", "RLELossless")
    import pyrdicom

    expected = np.load(manifest["sample"]["npy"])
    check(np.array_equal(pyrdicom.dcmread(out).pixel_array, expected), "convert to RLE")
    print(f"  pyrdicom info:\n{info}")


def main() -> None:
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    tmp = os.path.dirname(os.path.abspath(sys.argv[1]))
    isolated_import(manifest)
    read_sample(manifest)
    decode_codecs(manifest)
    save_and_read_back(manifest, tmp)
    command_line(manifest, tmp)
    print("smoke suite passed")


if __name__ == "__main__":
    main()
