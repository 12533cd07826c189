"""Corrupt codestreams inside intact DICOM files: a few real files per codec get their first frame
truncated or some of its bytes flipped, are rewritten with pydicom, and are decoded in a child
process (tests/mutate_child.py), so a crash, hang or runaway allocation fails the test cleanly.
Each must decode (to anything) or raise PixelDataError."""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import pydicom
from pydicom import uid
from pydicom.encaps import encapsulate, generate_frames

from codec_fixtures import htj2k, write_dataset
from corpus import corpus_file
from mutate_child import read_in_child

SEED = 20261126
FILES = [
    # RLE
    "MR_small_RLE.dcm", "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_16bit_2frame.dcm",
    # JPEG baseline, extended, lossless
    "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_small_odd_jpeg.dcm", "JPGExtended.dcm",
    "SC_rgb_jpeg_gdcm.dcm", "JPEG-LL.dcm",
    # JPEG-LS lossless and near-lossless
    "MR_small_jpeg_ls_lossless.dcm", "JPEGLSNearLossless_16.dcm", "SC_rgb_jls_lossy_line.dcm",
    # JPEG 2000 lossless and lossy
    "MR_small_jp2klossless.dcm", "693_J2KI.dcm", "SC_rgb_gdcm_KY.dcm", "GDCMJ2K_TextGBR.dcm",
]  # fmt: skip
FLIPS = 60
SHORT_CUT = 16  # no frame of these files can be decoded from this many bytes
# mutate_child.py's lines: decoded, or a PixelDataError. A flipped J2K SIZ segment may claim
# subsampled components, a feature this build lacks: UnsupportedTransferSyntaxError, a subclass.
ALLOWED = ("ok", "DicomError PixelDataError", "DicomError UnsupportedTransferSyntaxError")


def _htj2k_files(tmp: Path) -> list[Path]:
    """The corpus has no HTJ2K file: MR_small's pixels (signed 16-bit) and SC_rgb's (RGB),
    encoded by OpenJPH, lossless and lossy."""
    mr = pydicom.dcmread(corpus_file("MR_small.dcm"))
    rgb = pydicom.dcmread(corpus_file("SC_rgb.dcm"))
    out = []
    for name, ds, ts, encode in (
        ("mr_htj2k.dcm", mr, uid.HTJ2KLossless, htj2k),
        ("mr_htj2k_lossy.dcm", mr, uid.HTJ2K, lambda a: htj2k(a, qstep=0.001)),
        ("rgb_htj2k_rpcl.dcm", rgb, uid.HTJ2KLosslessRPCL, lambda a: htj2k(a, tlm=True)),
    ):
        arr = ds.pixel_array
        out.append(write_dataset(
            tmp / name, ts, [encode(arr)], rows=ds.Rows, columns=ds.Columns,
            bits_allocated=ds.BitsAllocated, bits_stored=ds.BitsStored,
            signed=bool(ds.PixelRepresentation), samples=ds.SamplesPerPixel,
            photometric="RGB" if ds.SamplesPerPixel == 3 else "MONOCHROME2",
        ))  # fmt: skip
    return out


def _mutants(frame: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    """Truncations at fixed points and single-byte flips, half of them among the first 256
    bytes (where the markers and headers are)."""
    n = len(frame)
    cuts = {1, 2, 8, SHORT_CUT, n // 8, n // 4, n // 2, 3 * n // 4, n - 16, n - 2, n - 1}
    out = [(f"cut {c}", frame[:c]) for c in sorted(c for c in cuts if 0 < c < n)]
    for k in range(FLIPS):
        b = bytearray(frame)
        i = rng.randrange(min(n, 256) if k % 2 else n)
        b[i] ^= rng.randrange(1, 256)
        out.append((f"flip {i}", bytes(b)))
    return out


def _frames(ds: pydicom.Dataset) -> list[bytes]:
    return list(generate_frames(ds.PixelData, number_of_frames=ds.get("NumberOfFrames", 1)))


def _rewrite(src: Path, first_frame: bytes, dest: Path) -> None:
    ds = pydicom.dcmread(src)
    ds.PixelData = encapsulate([first_frame, *_frames(ds)[1:]], has_bot=True)
    ds.save_as(dest)


def test_corrupt_codestreams_raise_pixel_data_error_or_decode(tmp_path: Path):
    rng = random.Random(SEED)
    sources = [Path(corpus_file(name)) for name in FILES] + _htj2k_files(tmp_path)
    paths, labels = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for src in sources:
            ds = pydicom.dcmread(src)
            for k, (what, data) in enumerate(_mutants(_frames(ds)[0], rng)):
                dest = tmp_path / f"{src.stem}.{k}.dcm"
                _rewrite(src, data, dest)
                paths.append(dest)
                labels.append((src.name, what))
    results = read_in_child(paths, labels, timeout=300)
    bad = [(lab, r) for lab, r in zip(labels, results, strict=True) if r not in ALLOWED]
    assert not bad, f"{len(bad)} corrupt codestreams gave something else: {bad[:10]}"
    # Nothing decodes from a few bytes: the codecs do look at the data
    short = [
        lab
        for lab, r in zip(labels, results, strict=True)
        if r == "ok" and lab[1].startswith("cut") and int(lab[1].split()[1]) <= SHORT_CUT
    ]
    assert not short, f"decoded from a few bytes: {short}"
