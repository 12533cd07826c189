"""Writing Encapsulated Uncompressed Explicit VR Little Endian (1.2.840.10008.1.2.1.98) and
Deflated Image Frame Compression (1.2.840.10008.1.2.8.1): one fragment per frame, holding the
frame's native little-endian bytes as they are or deflated (raw RFC 1951). Checked against the
source arrays (pydicom's) and, for the deflated frames, an independent inflate (zlib)."""

from __future__ import annotations

import zlib

import numpy as np
import pydicom
import pytest
from pydicom.encaps import generate_frames

import pyrdicom
from corpus import corpus_file
from pyrdicom.pixels import pixel_array

ENCAPSULATED_UNCOMPRESSED = "1.2.840.10008.1.2.1.98"
DEFLATED_FRAMES = "1.2.840.10008.1.2.8.1"


@pytest.mark.parametrize("ts", [ENCAPSULATED_UNCOMPRESSED, DEFLATED_FRAMES])
@pytest.mark.parametrize(
    "name",
    ["CT_small.dcm", "SC_rgb_16bit_2frame.dcm", "emri_small.dcm", "SC_rgb_32bit.dcm",
     "OBXXXX1A.dcm"],
)  # fmt: skip
def test_frames_round_trip(name: str, ts: str, tmp_path) -> None:
    expected = pydicom.dcmread(corpus_file(name)).pixel_array
    ds = pyrdicom.dcmread(corpus_file(name))
    ds.compress(ts)
    out = tmp_path / "out.dcm"
    ds.save_as(out)
    back = pydicom.dcmread(out)
    assert back.file_meta.TransferSyntaxUID == ts
    assert back["PixelData"].is_undefined_length
    frames = int(back.get("NumberOfFrames", 1))
    native = np.ascontiguousarray(expected, dtype=expected.dtype.newbyteorder("<"))
    frame_bytes = native.tobytes()
    frame_len = len(frame_bytes) // frames
    for i, fragment in enumerate(generate_frames(back.PixelData, number_of_frames=frames)):
        if ts == DEFLATED_FRAMES:
            fragment = zlib.decompress(fragment, wbits=-15)
        want = frame_bytes[i * frame_len : (i + 1) * frame_len]
        assert fragment[:frame_len] == want
        assert len(fragment) - frame_len in (0, 1)  # odd frames are padded
    np.testing.assert_array_equal(pyrdicom.dcmread(out).pixel_array, expected)
    for i in range(frames):
        got = pixel_array(str(out), index=i)
        np.testing.assert_array_equal(got, expected[i] if frames > 1 else expected)


def test_deflated_frames_are_smaller() -> None:
    ds = pyrdicom.dcmread(corpus_file("emri_small.dcm"))
    size = len(ds.PixelData)
    ds.compress(DEFLATED_FRAMES)
    assert len(ds.PixelData) < size
