"""The `pyrdicom` command line, run as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

import pyrdicom
from corpus import corpus_file
from pyrdicom.pixels import render

# The package of the tree under test (as pytest imports it), not the interpreter's install
PACKAGE_ROOT = str(Path(pyrdicom.__file__).parent.parent)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_ROOT, os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-m", "pyrdicom", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@pytest.mark.parametrize("name", ["CT_small.dcm", "rtplan.dcm", "MR_small_bigendian.dcm"])
def test_show_prints_what_pydicom_show_prints(name):
    path = corpus_file(name)
    ours = run("show", path)
    assert ours.returncode == 0, ours.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = str(pydicom.dcmread(path, force=True))
    assert ours.stdout == expected + "\n"


def test_show_top_and_no_pixels():
    path = corpus_file("rtplan.dcm")
    top = run("show", "--top", path)
    assert top.stdout == pydicom.dcmread(path).top() + "\n"
    no_pixels = run("show", "--no-pixels", corpus_file("CT_small.dcm"))
    assert "(7FE0,0010)" not in no_pixels.stdout
    assert "(0028,0010) Rows" in no_pixels.stdout


@pytest.mark.parametrize(
    ("name", "frame", "window"),
    [
        ("CT_small.dcm", 0, None),
        ("MR_small.dcm", 0, ("1000", "1500")),
        ("RG1_UNCI.dcm", 0, None),  # MONOCHROME1
        ("SC_rgb.dcm", 0, None),
        ("OBXXXX1A.dcm", 0, None),  # PALETTE COLOR
        ("emri_small.dcm", 7, None),
        ("color3d_jpeg_baseline.dcm", 3, None),
    ],
)
def test_view_writes_the_rendered_frame(tmp_path, name, frame, window):
    path = corpus_file(name)
    out = tmp_path / "out.png"
    args = ["view", path, "-o", str(out), "--frame", str(frame)]
    if window:
        args += ["--window", *window]
    proc = run(*args)
    assert proc.returncode == 0, proc.stderr
    png = np.asarray(Image.open(out))
    ref = pydicom.dcmread(path)
    win = tuple(float(v) for v in window) if window else None
    expected = render(ref, frame=frame, window=win, arr=ref.pixel_array)
    assert png.shape == expected.shape
    assert np.abs(png.astype(int) - expected.astype(int)).max() <= 1


@pytest.mark.parametrize(
    "args",
    [
        ["show", "/no/such/file.dcm"],
        ["view", "/no/such/file.dcm", "-o", "/tmp/x.png"],
        ["show", __file__],  # not DICOM
    ],
)
def test_errors_are_one_line_without_traceback(args):
    proc = run(*args)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_view_bad_frame_is_an_error(tmp_path):
    proc = run("view", corpus_file("CT_small.dcm"), "-o", str(tmp_path / "x.png"), "--frame", "5")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "x.png").exists()


def test_to_pil_matches_render():
    import pyrdicom

    ds = pyrdicom.dcmread(corpus_file("US1_UNCR.dcm"))
    img = ds.to_pil()
    assert img.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(img), render(ds))
    grey = pyrdicom.dcmread(corpus_file("CT_small.dcm")).to_pil(window=(40, 400))
    assert grey.mode == "L"


@pytest.mark.parametrize(
    ("name", "syntax"),
    [
        ("CT_small.dcm", "JPEG2000Lossless"),
        ("MR_small.dcm", "RLELossless"),
        ("JPEG-LL.dcm", "ExplicitVRLittleEndian"),
        ("emri_small_jpeg_ls_lossless.dcm", "1.2.840.10008.1.2.4.90"),
        ("MR_small.dcm", "ImplicitVRLittleEndian"),
        ("SC_rgb.dcm", "JPEGLSLossless"),
    ],
)
def test_convert_transcodes_losslessly(tmp_path, name, syntax):
    src = corpus_file(name)
    out = tmp_path / "out.dcm"
    proc = run("convert", src, str(out), "--transfer-syntax", syntax)
    assert proc.returncode == 0, proc.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = pydicom.dcmread(src).pixel_array
        back = pydicom.dcmread(out)
    uid = getattr(pydicom.uid, syntax, syntax)
    assert back.file_meta.TransferSyntaxUID == uid
    np.testing.assert_array_equal(back.pixel_array, expected)


def test_convert_to_jpeg(tmp_path):
    src = corpus_file("SC_rgb.dcm")
    expected = pydicom.dcmread(src).pixel_array
    lossless, lossy = tmp_path / "ll.dcm", tmp_path / "lossy.dcm"
    args = ("--transfer-syntax", "JPEGLossless", "--jpeg-predictor", "5")
    assert run("convert", src, str(lossless), *args).returncode == 0
    np.testing.assert_array_equal(pydicom.dcmread(lossless).pixel_array, expected)
    args = ("--transfer-syntax", "JPEGBaseline8Bit", "--jpeg-quality", "95")
    assert run("convert", src, str(lossy), *args).returncode == 0
    back = pydicom.dcmread(lossy)
    assert back.PhotometricInterpretation == "YBR_FULL_422"
    assert np.abs(back.pixel_array.astype(int) - expected).max() <= 8


def test_convert_unknown_syntax_is_one_line(tmp_path):
    proc = run(
        "convert", corpus_file("CT_small.dcm"), str(tmp_path / "o.dcm"), "--transfer-syntax", "Nope"
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "o.dcm").exists()
