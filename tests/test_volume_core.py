"""read_series' core path (crate::volume: headers and pixels read in Rust straight into the
output) gives what the Python path gives, array for array and exception for exception.

The Python path is the one a list of data sets takes (the core reads only files); pydicom is the
oracle for the stored values.
"""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
from pydicom.uid import ExplicitVRBigEndian

from pyrdicom import config, dcmread, volume
from pyrdicom.errors import PixelDataError
from pyrdicom.volume import read_series
from series_fixtures import COMPRESSORS, oblique, write_series

pytest.importorskip("SimpleITK")


def _edit(path, **values) -> None:
    ds = pydicom.dcmread(path)
    for keyword, value in values.items():
        setattr(ds, keyword, value)
    ds.save_as(path)


def _python_path(directory, **kwargs) -> volume.Volume:
    paths = sorted(directory.iterdir())
    return read_series([dcmread(p) for p in paths], **kwargs)


def _same(directory, **kwargs) -> np.ndarray:
    """read_series through the core and through Python: the same array, type and geometry."""
    core = read_series(directory, **kwargs)
    python = _python_path(directory, **kwargs)
    assert core.array.dtype == python.array.dtype
    np.testing.assert_array_equal(core.array, python.array)
    np.testing.assert_array_equal(core.affine, python.affine)
    return core.array


@pytest.fixture
def no_python_fill(monkeypatch):
    """Fails a test in which any slice goes through the Python path."""

    def refuse(*args, **kwargs):
        raise AssertionError("a slice went through the Python path")

    monkeypatch.setattr(volume, "_fill_slices", refuse)
    monkeypatch.setattr(volume, "_fill_in_python", refuse)


OPTIONS = [
    {},
    {"rescale": False},
    {"dtype": np.float32},
    {"dtype": np.float64},
    {"dtype": np.uint8},  # wraps, as NumPy's unsafe cast does
    {"dtype": np.int64},
]


@pytest.mark.parametrize("compressor", list(COMPRESSORS))
@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_core_equals_python(tmp_path, compressor, options):
    arr = np.random.default_rng(3).integers(-1000, 2000, (4, 24, 20)).astype(np.int16)
    write_series(tmp_path, arr, direction=oblique(), compressor=compressor, rescale=(1, -1024))
    _same(tmp_path, **options)


def test_core_does_the_work(tmp_path, no_python_fill):
    arr = np.random.default_rng(4).integers(0, 4000, (3, 16, 16)).astype(np.int16)
    write_series(tmp_path, arr, rescale=(1, -1024))
    vol = read_series(tmp_path)
    # GDCM stores arr + 1024 under the intercept -1024
    np.testing.assert_array_equal(vol.array, arr)


@pytest.mark.parametrize(
    ("slope", "intercept", "dtype"),
    [
        (0.5, -3.25, None),
        (0.1, 0.3, None),  # float32: each step rounded as NumPy rounds it
        (0.1, 0.3, np.float64),
        (3, 7, None),
        (2.9, -1.5, np.int16),
        (-2, 5, np.uint8),
    ],
)
def test_rescale_variants(tmp_path, slope, intercept, dtype):
    arr = np.random.default_rng(5).integers(0, 3000, (3, 12, 10)).astype(np.int16)
    for path in write_series(tmp_path, arr):
        _edit(path, RescaleSlope=slope, RescaleIntercept=intercept)
    _same(tmp_path, dtype=dtype)


def test_intercept_outside_the_output_type(tmp_path):
    """NumPy refuses an intercept the output type cannot hold: both paths raise it."""
    arr = np.zeros((3, 8, 8), np.int16)
    for path in write_series(tmp_path, arr):
        _edit(path, RescaleIntercept=100000)
    for read in (read_series, _python_path):
        with pytest.raises(OverflowError):
            read(tmp_path, dtype=np.int16)


@pytest.mark.parametrize("signed", [True, False])
@pytest.mark.parametrize("correct", [True, False])
def test_bits_above_bits_stored(tmp_path, monkeypatch, signed, correct):
    """Signed samples are sign-extended from Bits Stored; unsigned ones masked only with
    config.correct_unused_bits (native), always after JPEG decoding — stray high bits included."""
    monkeypatch.setattr(config, "correct_unused_bits", correct)
    arr = np.random.default_rng(6).integers(0, 1 << 16, (3, 8, 8)).astype(np.uint16)
    dtype = np.int16 if signed else np.uint16
    for compressor in (None, "JPEG"):  # GDCM fails to write full-range RLE, JPEG-LS, J2K
        d = tmp_path / str(compressor)
        paths = write_series(d, arr.view(dtype), compressor=compressor)
        for path in paths:
            _edit(path, BitsStored=12, HighBit=11)
        _same(d)


def test_declined_slices_go_through_python(tmp_path):
    """A big endian slice is the Python path's: the rest still comes from the core."""
    arr = np.random.default_rng(7).integers(-1000, 2000, (4, 10, 12)).astype(np.int16)
    paths = write_series(tmp_path, arr)
    ds = pydicom.dcmread(paths[2])
    ds.PixelData = ds.pixel_array.astype(">i2").tobytes()
    ds.file_meta.TransferSyntaxUID = ExplicitVRBigEndian
    pydicom.dcmwrite(paths[2], ds, implicit_vr=False, little_endian=False, force_encoding=True)
    np.testing.assert_array_equal(_same(tmp_path), arr)


def test_errors_come_from_the_python_path(tmp_path):
    arr = np.zeros((3, 8, 8), np.int16)
    paths = write_series(tmp_path, arr)
    ds = pydicom.dcmread(paths[1])
    ds.PixelData = ds.PixelData[:10]
    ds.save_as(paths[1])
    with pytest.raises(PixelDataError, match="less than expected"):
        read_series(tmp_path)
    with pytest.raises(PixelDataError, match="less than expected"):
        _python_path(tmp_path)


def test_geometry_read_by_python_when_unusual(tmp_path):
    """Values the core does not read exactly as Python would (here a 17-character decimal
    string) are read by `_slice_of`; the result is the same."""
    arr = np.zeros((3, 8, 8), np.int16)
    paths = write_series(tmp_path, arr)
    for k, path in enumerate(paths):
        _edit(path, ImagePositionPatient=["10.00000000000001", "-20", f"{30 + 2.5 * k}"])
    _same(tmp_path)
    headers = volume._headers(tmp_path, None)
    assert all(h.slice is None for h in headers)
