"""JPEG encoding (`compress` to JPEG Lossless, Baseline and Extended, libjpeg-turbo 3), decoded
back by pydicom with two independent decoders (pylibjpeg's libjpeg 9 and GDCM's IJG 6b):
lossless exactly, lossy within the stated tolerance."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom import uid
from pydicom.pixels import pixel_array as pydicom_pixel_array

import pyrdicom
from codec_fixtures import make_pixels
from corpus import corpus_file
from pyrdicom.errors import PixelDataError


def _save(ds, path: Path) -> Path:
    ds.save_as(path, enforce_file_format=True)
    return path


def _max_diff(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.abs(a.astype(np.int64) - b.astype(np.int64)).max())


def _new_dataset(arr: np.ndarray, photometric: str, bits_stored: int):
    ds = pyrdicom.Dataset()
    ds.file_meta = pyrdicom.dataset.FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = uid.ExplicitVRLittleEndian
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.set_pixel_data(arr, photometric, bits_stored)
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    return ds


# (file, can GDCM decode it: it aborts on lossless precision below Bits Allocated)
LOSSLESS_FILES = [
    "CT_small.dcm",  # signed 16-bit
    "MR_small.dcm",
    "SC_rgb.dcm",
    "SC_rgb_16bit_2frame.dcm",
    "OBXXXX1A.dcm",  # PALETTE COLOR, 8-bit
    "emri_small.dcm",  # 10 frames, 16-bit
]


@pytest.mark.parametrize("name", LOSSLESS_FILES)
@pytest.mark.parametrize(
    ("ts", "predictor"),
    [(uid.JPEGLosslessSV1, 1)] + [(uid.JPEGLossless, p) for p in range(1, 8)],
)
def test_lossless_is_exact(name: str, ts: str, predictor: int, tmp_path) -> None:
    path = corpus_file(name)
    expected = pydicom.dcmread(path).pixel_array
    ds = pyrdicom.dcmread(path)
    ds.compress(ts, jpeg_predictor=predictor)
    assert ds.PhotometricInterpretation == pydicom.dcmread(path).PhotometricInterpretation
    out = _save(ds, tmp_path / "out.dcm")
    assert pydicom.dcmread(out).file_meta.TransferSyntaxUID == ts
    for plugin in ("pylibjpeg", "gdcm"):
        np.testing.assert_array_equal(pydicom_pixel_array(out, decoding_plugin=plugin), expected)
    np.testing.assert_array_equal(pyrdicom.dcmread(out).pixel_array, expected)


@pytest.mark.parametrize("bits", [2, 7, 12, 15])
@pytest.mark.parametrize("signed", [False, True])
def test_lossless_precision_is_bits_stored(bits: int, signed: bool, tmp_path) -> None:
    ba = 8 if bits <= 8 else 16
    arr = make_pixels(bits, (2, 17, 23), bits, signed, ba)
    ds = _new_dataset(arr, "MONOCHROME2", bits)
    ds.compress(uid.JPEGLossless, jpeg_predictor=6)
    out = _save(ds, tmp_path / "out.dcm")
    sof = bytes(pydicom.dcmread(out).PixelData).index(b"\xff\xc3")
    assert bytes(pydicom.dcmread(out).PixelData)[sof + 4] == bits
    # pylibjpeg (GDCM aborts on precision below Bits Allocated)
    np.testing.assert_array_equal(pydicom_pixel_array(out, decoding_plugin="pylibjpeg"), arr)
    np.testing.assert_array_equal(pyrdicom.dcmread(out).pixel_array, arr)


# Lossy tolerances at quality 90 over smooth images: against the original, the coding error
# (measured 2-6 for 8-bit, 5-8 for 12-bit); against the decoders: GDCM (IJG 6b, 8-bit only)
# exactly, since pyrdicom's decoder reproduces its IDCT, upsampling and pydicom's colour
# conversion; pylibjpeg's libjpeg 9 by 1 for grayscale (its IDCT rounds differently) and by 3
# for 4:2:2 colour (it upsamples chroma by DCT scaling, not by interpolation).
@pytest.mark.parametrize(
    ("name", "ts", "bits", "ba", "photometric", "max_error", "libjpeg9"),
    [
        ("gray8", uid.JPEGBaseline8Bit, 8, 8, "MONOCHROME2", 10, 1),
        ("rgb8", uid.JPEGBaseline8Bit, 8, 8, "RGB", 16, 3),
        ("gray12", uid.JPEGExtended12Bit, 12, 16, "MONOCHROME2", 40, 1),
        ("gray8_extended", uid.JPEGExtended12Bit, 8, 8, "MONOCHROME2", 10, 1),
    ],
)
def test_lossy_within_tolerance(
    name, ts, bits, ba, photometric, max_error, libjpeg9, tmp_path
) -> None:
    samples = 3 if photometric == "RGB" else 1
    shape = (2, 40, 54) + ((3,) if samples == 3 else ())
    arr = make_pixels(bits, shape, bits, False, ba, smooth=True)
    ds = _new_dataset(arr, photometric, bits)
    ds.compress(ts, jpeg_quality=90)
    out = _save(ds, tmp_path / "out.dcm")
    back = pydicom.dcmread(out)
    assert back.file_meta.TransferSyntaxUID == ts
    stream = bytes(back.PixelData)
    if samples == 3:
        # lossy colour: YCbCr, chroma halved horizontally (PS3.5 8.2.1)
        assert back.PhotometricInterpretation == "YBR_FULL_422"
        sof = stream.index(b"\xff\xc0")
        assert [stream[sof + 11 + 3 * c] for c in range(3)] == [0x21, 0x11, 0x11]
    else:
        assert back.PhotometricInterpretation == photometric
    ours = pyrdicom.dcmread(out).pixel_array
    assert 0 < _max_diff(ours, arr) <= max_error
    assert _max_diff(pydicom_pixel_array(out, decoding_plugin="pylibjpeg"), ours) <= libjpeg9
    if bits == 8:
        np.testing.assert_array_equal(pydicom_pixel_array(out, decoding_plugin="gdcm"), ours)


def test_quality_changes_size_and_error(tmp_path) -> None:
    arr = make_pixels(3, (64, 64), 8, False, 8, smooth=True)
    sizes, errors = [], []
    for quality in (30, 95):
        ds = _new_dataset(arr, "MONOCHROME2", 8)
        ds.compress(uid.JPEGBaseline8Bit, jpeg_quality=quality)
        sizes.append(len(ds.PixelData))
        errors.append(_max_diff(pyrdicom.dcmread(_save(ds, tmp_path / "q.dcm")).pixel_array, arr))
    assert sizes[0] < sizes[1] and errors[0] > errors[1]


@pytest.mark.parametrize(
    ("ts", "make", "options", "error", "match"),
    [
        (uid.JPEGBaseline8Bit, "CT_small.dcm", {}, PixelDataError, "Bits Allocated 8"),
        (uid.JPEGExtended12Bit, "MR_small.dcm", {}, PixelDataError, "Bits Stored 12"),
        (uid.JPEGBaseline8Bit, "OBXXXX1A.dcm", {}, PixelDataError, "PALETTE COLOR"),
        (uid.JPEGBaseline8Bit, "SC_rgb.dcm", {"jpeg_quality": 0}, ValueError, "1 to 100"),
        (uid.JPEGLossless, "MR_small.dcm", {"jpeg_predictor": 8}, ValueError, "1 to 7"),
        (uid.JPEGLosslessSV1, "MR_small.dcm", {"jpeg_predictor": 2}, ValueError, "did you mean"),
    ],
)
def test_encoding_errors(ts, make, options, error, match) -> None:
    ds = pyrdicom.dcmread(corpus_file(make))
    with pytest.raises(error, match=match):
        ds.compress(ts, **options)


def test_signed_lossy_is_refused() -> None:
    arr = make_pixels(5, (16, 16), 12, True, 16, smooth=True)
    ds = _new_dataset(arr, "MONOCHROME2", 12)
    with pytest.raises(PixelDataError, match="signed"):
        ds.compress(uid.JPEGExtended12Bit)
    assert ds.file_meta.TransferSyntaxUID == uid.ExplicitVRLittleEndian


def test_values_above_the_precision_are_refused() -> None:
    arr = np.full((8, 8), 4096, dtype=np.uint16)
    ds = _new_dataset(arr, "MONOCHROME2", 13)
    ds.BitsStored, ds.HighBit = 12, 11
    with pytest.raises(PixelDataError, match="4096"):
        ds.compress(uid.JPEGExtended12Bit, arr)
