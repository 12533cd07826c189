"""pixel_array for native transfer syntaxes, against pydicom over the real corpus."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pydicom
import pytest

import pyrdicom
from corpus import NATIVE_SYNTAXES, corpus_file, corpus_files
from pyrdicom.pixels import iter_pixels, pixel_array


def _native_cases() -> list[str]:
    cases = []
    for path in corpus_files():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(path, stop_before_pixels=False)
        except Exception:
            continue
        if not any(k in ds for k in ("PixelData", "FloatPixelData", "DoubleFloatPixelData")):
            continue
        if str(ds.file_meta.get("TransferSyntaxUID", "")) in NATIVE_SYNTAXES:
            cases.append(path)
    return cases


NATIVE_FILES = _native_cases()


def test_corpus_has_native_files():
    assert len(NATIVE_FILES) > 50


@pytest.mark.parametrize("path", NATIVE_FILES, ids=os.path.basename)
def test_pixel_array_matches_pydicom(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref_ds = pydicom.dcmread(path)
        try:
            expected = ref_ds.pixel_array
        except Exception as exc:
            # pydicom cannot decode it: pyrdicom must fail cleanly too.
            with pytest.raises((pyrdicom.DicomError, AttributeError, ValueError)):
                pyrdicom.dcmread(path).pixel_array
            pytest.skip(f"pydicom cannot decode this file either: {exc}")
    ours = pyrdicom.dcmread(path).pixel_array
    assert ours.shape == expected.shape
    assert ours.dtype == expected.dtype
    np.testing.assert_array_equal(ours, expected)


@pytest.mark.parametrize("path", NATIVE_FILES, ids=os.path.basename)
def test_single_frames_match(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = pydicom.dcmread(path)
        try:
            frames = int(ref.get("NumberOfFrames") or 1)
            expected = [pydicom.pixels.pixel_array(ref, index=i) for i in range(frames)]
        except Exception:
            pytest.skip("pydicom cannot decode this file")
    got = list(iter_pixels(path))
    assert len(got) == len(expected)
    for ours, theirs in zip(got, expected, strict=False):
        np.testing.assert_array_equal(ours, theirs)
    last = pixel_array(path, index=len(expected) - 1)
    np.testing.assert_array_equal(last, expected[-1])


def test_mr_small_documentation_example():
    ds = pyrdicom.read_file(corpus_file("MR_small.dcm"))
    arr = ds.pixel_array
    assert arr.shape == (64, 64)
    assert arr.dtype == np.int16
    assert arr[0, :3].tolist() == [905, 1019, 1227]
    assert arr[-1, -3:].tolist() == [1369, 1129, 862]


def test_native_array_is_a_writeable_view_returned_each_time():
    ds = pyrdicom.dcmread(corpus_file("RG1_UNCI.dcm"))
    arr = ds.pixel_array
    assert arr.flags.writeable
    assert arr.base is not None  # a view of the file's bytes, not a copy
    assert ds.pixel_array is arr
    arr.flat[0] = 12345
    assert ds.pixel_array.flat[0] == 12345


def test_in_place_edit_never_reaches_the_file(tmp_path):
    src = corpus_file("RG1_UNCI.dcm")
    path = tmp_path / "copy.dcm"
    path.write_bytes(open(src, "rb").read())
    before = path.read_bytes()
    ds = pyrdicom.dcmread(path)
    ds.pixel_array[:] = 0
    del ds
    assert path.read_bytes() == before


def test_bytes_input_gives_writeable_array():
    data = open(corpus_file("MR_small.dcm"), "rb").read()
    arr = pyrdicom.dcmread(data).pixel_array
    assert arr.flags.writeable
    arr[0, 0] = 1
    assert data == open(corpus_file("MR_small.dcm"), "rb").read()


def test_assigned_pixel_data_is_used():
    ds = pyrdicom.dcmread(corpus_file("MR_small.dcm"))
    arr = ds.pixel_array.copy()
    arr[arr < 300] = 0
    ds.PixelData = arr.tobytes()
    np.testing.assert_array_equal(ds.pixel_array, arr)


def test_frame_index_out_of_range():
    with pytest.raises(IndexError):
        pixel_array(corpus_file("emri_small.dcm"), index=10)


def test_missing_pixel_module_element():
    ds = pyrdicom.dcmread(corpus_file("MR_small.dcm"))
    del ds.Rows
    with pytest.raises(AttributeError):
        ds.pixel_array


def _dirty_bits_file() -> bytes:
    """RG3_UNCR.dcm (10 bits stored in 16) with a bit above Bits Stored set in one pixel."""
    data = bytearray(open(corpus_file("RG3_UNCR.dcm"), "rb").read())
    ds = pyrdicom.dcmread(bytes(data))
    offset = ds._raw.info(ds._dict[0x7FE00010]).offset
    data[offset + 1] |= 0x80  # the high byte of the first pixel
    return bytes(data)


def test_unused_bits_kept_by_default_masked_on_request(monkeypatch):
    data = _dirty_bits_file()
    expected = pydicom.dcmread(pydicom.filebase.DicomBytesIO(data)).pixel_array
    ours = pyrdicom.dcmread(data).pixel_array
    assert ours[0, 0] == expected[0, 0] | 0x8000  # stored value, as dicomsdl/GDCM give it
    np.testing.assert_array_equal(ours.ravel()[1:], expected.ravel()[1:])
    monkeypatch.setattr(pyrdicom.config, "correct_unused_bits", True)
    np.testing.assert_array_equal(pyrdicom.dcmread(data).pixel_array, expected)


def test_clean_unused_bits_stay_a_view_when_masking(monkeypatch):
    monkeypatch.setattr(pyrdicom.config, "correct_unused_bits", True)
    arr = pyrdicom.dcmread(corpus_file("RG3_UNCR.dcm")).pixel_array
    assert arr.base is not None
