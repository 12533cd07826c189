"""JPEG XL Lossless encoding (`compress` to 1.2.840.10008.1.2.4.110, zune-jpegxl): every frame
decoded back by libjxl (imagecodecs' `jpegxl_decode`) and by pyrdicom equal to the original
array (pydicom 3.0.2 has no JPEG XL decoder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import imagecodecs
import numpy as np
import pydicom
import pytest
from pydicom.encaps import generate_frames

import pyrdicom
from corpus import corpus_file
from pyrdicom.errors import PixelDataError
from pyrdicom.uid import UID

# pydicom 3.0.2 (whose names pyrdicom.uid follows) has no constant for it
JPEGXLLossless = UID("1.2.840.10008.1.2.4.110")


def _new_dataset(arr: np.ndarray, photometric: str, bits_stored: int):
    ds = pyrdicom.Dataset()
    ds.file_meta = pyrdicom.dataset.FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = pyrdicom.uid.ExplicitVRLittleEndian
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.set_pixel_data(arr, photometric, bits_stored)
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    return ds


def _check_libjxl(path, expected: np.ndarray) -> None:
    """Each frame decoded by libjxl equals the original (signed data as its bit pattern)."""
    ds = pydicom.dcmread(path)
    assert ds.file_meta.TransferSyntaxUID == JPEGXLLossless
    frames = list(generate_frames(ds.PixelData, number_of_frames=ds.get("NumberOfFrames", 1)))
    libjxl = np.stack([imagecodecs.jpegxl_decode(f) for f in frames])
    assert libjxl.dtype.itemsize == expected.dtype.itemsize
    frames_shape = (len(frames), *expected.shape[-3 if ds.SamplesPerPixel > 1 else -2 :])
    np.testing.assert_array_equal(
        libjxl.reshape(frames_shape).view(expected.dtype), expected.reshape(frames_shape)
    )


@pytest.mark.parametrize(
    "name",
    [
        "CT_small.dcm",  # signed 16-bit
        "MR_small.dcm",  # 16-bit
        "OBXXXX1A.dcm",  # 8-bit, one sample
        "SC_rgb.dcm",  # 8-bit RGB
        "SC_rgb_16bit.dcm",  # 16-bit RGB
        "SC_rgb_2frame.dcm",  # multi-frame RGB
        "emri_small.dcm",  # 10 frames, 16-bit
    ],
)
def test_lossless_round_trip_is_exact(name: str, tmp_path) -> None:
    path = corpus_file(name)
    expected = pydicom.dcmread(path).pixel_array
    ds = pyrdicom.dcmread(path)
    ds.compress(JPEGXLLossless)
    out = tmp_path / "out.dcm"
    ds.save_as(out, enforce_file_format=True)
    _check_libjxl(out, expected)
    np.testing.assert_array_equal(pyrdicom.dcmread(out).pixel_array, expected)


@pytest.mark.parametrize(("bits", "signed"), [(12, True), (12, False), (7, True)])
def test_precision_below_bits_allocated(bits: int, signed: bool, tmp_path) -> None:
    rng = np.random.default_rng(bits)
    lo, hi = (-(1 << (bits - 1)), 1 << (bits - 1)) if signed else (0, 1 << bits)
    dtype = f"{'i' if signed else 'u'}{1 if bits <= 8 else 2}"
    arr = rng.integers(lo, hi, size=(3, 19, 23)).astype(dtype)
    ds = _new_dataset(arr, "MONOCHROME2", bits)
    ds.compress(JPEGXLLossless)
    out = tmp_path / "out.dcm"
    ds.save_as(out, enforce_file_format=True)
    _check_libjxl(out, arr)
    np.testing.assert_array_equal(pyrdicom.dcmread(out).pixel_array, arr)


@pytest.mark.parametrize(
    "arr",
    [
        np.zeros((4, 4), dtype=np.uint32),  # Bits Allocated 32
        np.zeros((1, 8), dtype=np.uint8),  # a single row
        np.zeros((8, 1), dtype=np.uint16),  # a single column
    ],
)
def test_unsupported_input_is_refused(arr: np.ndarray) -> None:
    ds = _new_dataset(arr, "MONOCHROME2", arr.dtype.itemsize * 8)
    with pytest.raises(PixelDataError, match="JPEG XL"):
        ds.compress(JPEGXLLossless)


def test_convert_cli(tmp_path) -> None:
    src = corpus_file("MR_small.dcm")
    out = tmp_path / "out.dcm"
    # the package of the tree under test, not the interpreter's install
    env = {**os.environ, "PYTHONPATH": str(Path(pyrdicom.__file__).parent.parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "pyrdicom", "convert", src, str(out), "--transfer-syntax",
         "JPEGXLLossless"],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    _check_libjxl(out, pydicom.dcmread(src).pixel_array)
