"""pixel_array for encapsulated (compressed) transfer syntaxes, against pydicom over the corpus."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pydicom
import pytest

import pyrdicom
from corpus import LOSSY, LOSSY_TOLERANCE, NATIVE_SYNTAXES, corpus_file, corpus_files
from pyrdicom.errors import DicomError, UnsupportedTransferSyntaxError
from pyrdicom.pixels import iter_pixels, pixel_array

# Transfer syntaxes this build decodes; the others must raise UnsupportedTransferSyntaxError.
SUPPORTED = {
    "1.2.840.10008.1.2.5",
    "1.2.840.10008.1.2.1.98",
    "1.2.840.10008.1.2.8.1",
    "1.2.840.10008.1.2.4.50",
    "1.2.840.10008.1.2.4.51",
    "1.2.840.10008.1.2.4.57",
    "1.2.840.10008.1.2.4.70",
    "1.2.840.10008.1.2.4.80",
    "1.2.840.10008.1.2.4.81",
    "1.2.840.10008.1.2.4.90",
    "1.2.840.10008.1.2.4.91",
    "1.2.840.10008.1.2.4.201",
    "1.2.840.10008.1.2.4.202",
    "1.2.840.10008.1.2.4.203",
}


def _cases() -> list[tuple[str, str]]:
    cases = []
    for path in corpus_files():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(path, stop_before_pixels=True)
        except Exception:
            continue
        ts = str(ds.file_meta.get("TransferSyntaxUID", ""))
        if ts and ts not in NATIVE_SYNTAXES:
            cases.append((path, ts))
    return cases


CASES = _cases()


def _reference(path: str) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(path)
        if "PixelData" not in ds:
            pytest.skip("no pixel data")
        try:
            return ds.pixel_array
        except Exception as exc:
            pytest.skip(f"pydicom cannot decode this file: {exc}")


def _assert_close(ours: np.ndarray, theirs: np.ndarray, ts: str) -> None:
    assert ours.shape == theirs.shape
    assert ours.dtype == theirs.dtype
    if ts in LOSSY:
        diff = np.abs(ours.astype(np.int64) - theirs.astype(np.int64))
        assert diff.max() <= LOSSY_TOLERANCE
    else:
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize(("path", "ts"), CASES, ids=[os.path.basename(p) for p, _ in CASES])
def test_pixel_array_matches_pydicom(path, ts):
    if ts not in SUPPORTED:
        with pytest.raises((UnsupportedTransferSyntaxError, AttributeError)):
            pyrdicom.dcmread(path).pixel_array
        return
    expected = _reference(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = pyrdicom.dcmread(path).pixel_array
    _assert_close(ours, expected, ts)


@pytest.mark.parametrize(("path", "ts"), CASES, ids=[os.path.basename(p) for p, _ in CASES])
def test_single_frames_match(path, ts):
    if ts not in SUPPORTED:
        pytest.skip("transfer syntax not decoded by this build")
    expected = _reference(path)
    frames = int(pydicom.dcmread(path, stop_before_pixels=True).get("NumberOfFrames") or 1)
    expected_frames = list(expected) if frames > 1 else [expected]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = list(iter_pixels(path))
        assert len(got) == len(expected_frames)
        for ours, theirs in zip(got, expected_frames, strict=False):
            _assert_close(ours, theirs, ts)
        _assert_close(pixel_array(path, index=frames - 1), expected_frames[-1], ts)


def test_rle_corrupt_segments_raise_dicom_error():
    data = bytearray(open(corpus_file("MR_small_RLE.dcm"), "rb").read())
    ds = pyrdicom.dcmread(bytes(data))
    offset = ds._raw.info(ds._dict[0x7FE00010]).offset
    # First fragment header starts after the (empty) BOT item: corrupt its segment offsets.
    frag = offset + 8 + 8
    data[frag + 4 : frag + 8] = (0xFFFFFFF0).to_bytes(4, "little")
    with pytest.raises(DicomError):
        pyrdicom.dcmread(bytes(data)).pixel_array


def test_truncated_rle_is_an_error():
    # Cut inside the encapsulated value, the delimiter is missing: like pydicom, the whole data
    # set is dropped, so there is no pixel data to decode.
    data = open(corpus_file("OBXXXX1A_rle.dcm"), "rb").read()
    for cut in (len(data) - 10, len(data) - 5000, len(data) // 2):
        ds = pyrdicom.dcmread(data[:cut])
        assert "PixelData" not in ds
        with pytest.raises(AttributeError):
            ds.pixel_array


def test_module_values_read_after_decoding_keep_the_array():
    # The pixel module is read from the index without making elements; elements made later
    # by reading them are the same values, so the decoded array stays cached.
    ds = pyrdicom.dcmread(corpus_file("JPEGLSNearLossless_08.dcm"))
    arr = ds.pixel_array
    assert (ds.Rows, ds.Columns, ds.BitsAllocated, ds.PhotometricInterpretation) == (
        45,
        10,
        8,
        "MONOCHROME2",
    )
    assert ds.pixel_array is arr
    ds.Rows = 45
    assert ds.pixel_array is not arr
    np.testing.assert_array_equal(ds.pixel_array, arr)


def test_module_values_set_from_python_are_used():
    path = corpus_file("MR_small_RLE.dcm")
    ds, ref = pyrdicom.dcmread(path), pydicom.dcmread(path)
    ds.BitsStored = ref.BitsStored = 8
    np.testing.assert_array_equal(ds.pixel_array, ref.pixel_array)
