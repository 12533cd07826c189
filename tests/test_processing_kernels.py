"""The Rust kernels behind pyrdicom.pixels' LUT and windowing functions: taken for large
integer arrays, bit-identical to the NumPy path and to pydicom, and skipped (NumPy path) for
arrays they don't handle."""

import types

import numpy as np
import pydicom.pixels.processing as oracle
import pytest
from pydicom.dataset import Dataset

from pyrdicom import _core
from pyrdicom.pixels import processing

INT_DTYPES = ["u1", "i1", "u2", "i2", "u4", "i4"]
# Past one parallel chunk (2**16 values), so the threaded path runs.
SHAPE = (3, 211, 173)


@pytest.fixture
def kernel_calls(monkeypatch):
    """Names of the kernels that returned an array."""
    calls = []

    def spy(name):
        kernel = getattr(_core, name)

        def run(*args):
            out = kernel(*args)
            if out is not None:
                calls.append(name)
            return out

        return run

    stub = types.SimpleNamespace(lut_apply=spy("lut_apply"), window_linear=spy("window_linear"))
    monkeypatch.setattr(processing, "_core", stub)
    return calls


def numpy_path(function, *args, **kwargs):
    """`function` with the kernels declining every array."""
    with pytest.MonkeyPatch.context() as mp:
        decline = types.SimpleNamespace(lut_apply=lambda *a: None, window_linear=lambda *a: None)
        mp.setattr(processing, "_core", decline)
        return function(*args, **kwargs)


def identical(ours, theirs):
    assert ours.dtype == theirs.dtype
    assert ours.shape == theirs.shape
    assert ours.tobytes() == theirs.tobytes()


def random_pixels(dtype, low=-3000, high=5000, seed=0):
    info = np.iinfo(dtype)
    rng = np.random.default_rng(seed)
    return rng.integers(max(low, info.min), min(high, info.max), SHAPE, endpoint=True).astype(dtype)


def in_range(arr, first_map, entries):
    """`arr` clipped to the values the LUT maps, for pydicom: past them its indices wrap around
    (docs/processing.md), and clipping first doesn't change the result."""
    return np.clip(arr.astype(np.int64), first_map, first_map + entries - 1)


def lut_item(entries, first_map, depth, seed=1):
    item = Dataset()
    item.LUTDescriptor = [entries, first_map, depth]
    values = np.random.default_rng(seed).integers(0, 2**depth, entries)
    item.LUTData = [int(v) for v in values]
    return item


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize(("first_map", "depth"), [(0, 16), (100, 8), (-1024, 16)])
def test_modality_lut(kernel_calls, dtype, first_map, depth):
    ds = Dataset()
    ds.ModalityLUTSequence = [lut_item(4096, first_map, depth)]
    arr = random_pixels(dtype)
    ours = processing.apply_modality_lut(arr, ds)
    assert kernel_calls == ["lut_apply"]
    identical(ours, numpy_path(processing.apply_modality_lut, arr, ds))
    identical(ours, oracle.apply_modality_lut(in_range(arr, first_map, 4096), ds))


@pytest.mark.parametrize("dtype", ["u1", "u2", "i2"])
def test_voi_lut(kernel_calls, dtype):
    ds = Dataset()
    ds.VOILUTSequence = [lut_item(256, 0, 8), lut_item(2000, 10, 16)]
    arr = random_pixels(dtype, low=0, high=2500)
    for index in (0, 1):
        ours = processing.apply_voi(arr, ds, index)
        identical(ours, numpy_path(processing.apply_voi, arr, ds, index))
        first_map, entries = (0, 256) if index == 0 else (10, 2000)
        identical(ours, oracle.apply_voi(in_range(arr, first_map, entries), ds, index))
    assert kernel_calls == ["lut_apply"] * 2


@pytest.mark.parametrize("dtype", ["u1", "u2", "i4"])
@pytest.mark.parametrize("palette", ["HOT_IRON", "PET"])
def test_color_lut(kernel_calls, dtype, palette):
    arr = random_pixels(dtype, low=0, high=255)
    ours = processing.apply_color_lut(arr, palette=palette)
    assert kernel_calls == ["lut_apply"]
    assert ours.shape == (*SHAPE, 3)
    identical(ours, numpy_path(processing.apply_color_lut, arr, palette=palette))
    identical(ours, oracle.apply_color_lut(in_range(arr, 0, 256), palette=palette))


def window_ds(function, center, width, signed=True):
    ds = Dataset()
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsStored = 12
    ds.PixelRepresentation = int(signed)
    ds.RescaleSlope = 1.5
    ds.RescaleIntercept = -1024
    ds.WindowCenter = center
    ds.WindowWidth = width
    ds.VOILUTFunction = function
    return ds


@pytest.mark.parametrize("dtype", [*INT_DTYPES, "f4", "f8"])
@pytest.mark.parametrize("function", ["LINEAR", "LINEAR_EXACT"])
@pytest.mark.parametrize(("center", "width"), [(40.3, 401.7), (0, 1), (1000, 7)])
def test_windowing(kernel_calls, dtype, function, center, width):
    ds = window_ds(function, center, width)
    arr = random_pixels(dtype if dtype[0] != "f" else "i2").astype(dtype)
    if dtype[0] == "f":
        arr = arr / 3
        arr.reshape(-1)[:5] = [np.nan, np.inf, -np.inf, 0.5, -0.0]
    ours = processing.apply_windowing(arr, ds)
    assert kernel_calls == ["window_linear"]
    assert ours.dtype == np.float64
    identical(ours, numpy_path(processing.apply_windowing, arr, ds))
    with np.errstate(invalid="ignore", divide="ignore"):
        identical(ours, oracle.apply_windowing(arr, ds))


@pytest.mark.parametrize(
    "arr",
    [
        random_pixels("i8"),  # no kernel for 64-bit integers
        random_pixels("u2")[:, ::2],  # not contiguous
        random_pixels("u2").astype(">u2"),  # not native byte order
        random_pixels("i2").astype(np.float32),  # float LUT input
    ],
    ids=["int64", "strided", "big-endian", "float"],
)
def test_lut_fallback(kernel_calls, arr):
    ds = Dataset()
    ds.ModalityLUTSequence = [lut_item(4096, -1024, 16)]
    ours = processing.apply_modality_lut(arr, ds)
    assert kernel_calls == []
    expected = processing.apply_modality_lut(arr.astype(np.int64), ds)
    identical(ours, expected)
    identical(expected, oracle.apply_modality_lut(in_range(arr, -1024, 4096), ds))


def test_kernel_rejects_unequal_luts():
    arr = np.zeros(4, np.uint8)
    with pytest.raises(ValueError, match="equal length"):
        _core.lut_apply(arr, [np.zeros(3, np.uint8), np.zeros(2, np.uint8)], 0)
    assert _core.lut_apply(arr, [np.zeros(3, np.uint8), np.zeros(3, np.uint16)], 0) is None
