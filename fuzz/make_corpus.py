"""Builds the seed corpora of the fuzz targets in fuzz/corpus/TARGET/ (not committed).

Seeds come from the real files (pydicom's test files and pydicom-data) and from small
codestreams made by the encoders of the codec fixtures (tests/codec_fixtures.py), each
prefixed with the option bytes its target reads (see src/fuzzing/). Usage:
    python3 fuzz/make_corpus.py [TARGET ...]
"""

from __future__ import annotations

import functools
import hashlib
import struct
import sys
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pydicom
from pydicom.encaps import generate_fragmented_frames

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests"))

import codec_fixtures as fx  # noqa: E402
from corpus import corpus_files  # noqa: E402

# Header targets read this much of each file: whole headers, the start of the pixel data.
HEADER_BYTES = 64 * 1024
# Decoders get whole frames up to this size (larger frames only slow every execution down).
FRAME_BYTES = 256 * 1024

CODECS = {
    "decode_rle": {"1.2.840.10008.1.2.5"},
    "decode_jpeg": {
        "1.2.840.10008.1.2.4.50",
        "1.2.840.10008.1.2.4.51",
        "1.2.840.10008.1.2.4.57",
        "1.2.840.10008.1.2.4.70",
    },
    "decode_jpegls": {"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"},
    "decode_j2k": {
        "1.2.840.10008.1.2.4.90",
        "1.2.840.10008.1.2.4.91",
        "1.2.840.10008.1.2.4.201",
        "1.2.840.10008.1.2.4.202",
        "1.2.840.10008.1.2.4.203",
    },
    "decode_jxl": {
        "1.2.840.10008.1.2.4.110",
        "1.2.840.10008.1.2.4.111",
        "1.2.840.10008.1.2.4.112",
    },
    "decode_deflate": {"1.2.840.10008.1.2.8.1"},
}
COMPRESSED = set().union(*CODECS.values())
PHOTOMETRICS = [
    "MONOCHROME1",
    "MONOCHROME2",
    "RGB",
    "YBR_FULL",
    "YBR_FULL_422",
    "YBR_RCT",
    "YBR_ICT",
    "PALETTE COLOR",
    "YBR_PARTIAL_420",
]


def frame_header(
    rows: int,
    cols: int,
    samples: int,
    bits_allocated: int,
    bits_stored: int,
    signed: bool,
    photometric: str,
    planar: int,
) -> bytes:
    """The 13 option bytes of the decoder targets for one wrapped frame."""
    pi = PHOTOMETRICS.index(photometric) if photometric in PHOTOMETRICS else 9
    return struct.pack(
        "<HHBBBBBBBBB",
        rows,
        cols,
        samples,
        bits_allocated,
        bits_stored,
        int(signed),
        pi,
        planar,
        1,
        0,
        0,
    )


@functools.cache
def real_files() -> list[tuple[Path, pydicom.Dataset | None]]:
    files = []
    for name in corpus_files():
        path = Path(name)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(path, force=True)
        except Exception:
            ds = None
        files.append((path, ds))
    return files


def header_seeds() -> Iterator[bytes]:
    for path, _ in real_files():
        yield path.read_bytes()[:HEADER_BYTES]


def frame_seeds(target: str) -> Iterator[bytes]:
    for _, ds in real_files():
        if ds is None or "PixelData" not in ds or "Rows" not in ds:
            continue
        ts = str(getattr(ds.file_meta, "TransferSyntaxUID", ""))
        if ts not in CODECS[target]:
            continue
        try:
            frames = ds.get("NumberOfFrames", 1) or 1
            frame = b"".join(
                next(generate_fragmented_frames(ds.PixelData, number_of_frames=int(frames)))
            )
            header = frame_header(
                ds.Rows,
                ds.Columns,
                ds.SamplesPerPixel,
                ds.BitsAllocated,
                ds.BitsStored,
                bool(ds.PixelRepresentation),
                str(ds.PhotometricInterpretation),
                int(ds.get("PlanarConfiguration", 0) or 0),
            )
        except Exception:
            continue
        if len(frame) <= FRAME_BYTES:
            yield header + frame
    yield from fixture_seeds(target)


def fixture_seeds(target: str) -> Iterator[bytes]:
    """Small frames from the fixture encoders: fast to decode, and the only HTJ2K seeds."""
    gray8 = fx.make_pixels(1, (16, 24), 8, False, 8)
    gray12 = fx.make_pixels(2, (16, 24), 12, False, 16)
    signed16 = fx.make_pixels(3, (16, 24), 16, True, 16)
    rgb8 = fx.make_pixels(4, (16, 24, 3), 8, False, 8)
    smooth = fx.make_pixels(5, (32, 32), 8, False, 8, smooth=True)
    mono = "MONOCHROME2"
    made: list[tuple[bytes, bytes]] = []
    if target == "decode_rle":
        made += [
            (frame_header(16, 24, 1, 8, 8, False, mono, 0), fx.rle(gray8)),
            (frame_header(16, 24, 1, 16, 12, False, mono, 0), fx.rle(gray12)),
            (frame_header(16, 24, 3, 8, 8, False, "RGB", 0), fx.rle(rgb8)),
        ]
    elif target == "decode_jpeg":
        made += [
            (frame_header(16, 24, 1, 8, 8, False, mono, 0), fx.jpeg_lossless(gray8, 8, 1)),
            (frame_header(16, 24, 1, 16, 12, False, mono, 0), fx.jpeg_lossless(gray12, 12, 7)),
            (frame_header(32, 32, 1, 8, 8, False, mono, 0), fx.jpeg_lossy(smooth, 8)),
            (frame_header(16, 24, 3, 8, 8, False, "YBR_FULL_422", 0), fx.jpeg_lossy(rgb8, 8)),
        ]
    elif target == "decode_jpegls":
        made += [
            (frame_header(16, 24, 1, 8, 8, False, mono, 0), fx.jpeg_ls_imagecodecs(gray8)),
            (frame_header(16, 24, 1, 16, 12, False, mono, 0), fx.jpeg_ls(gray12, 12)),
            (frame_header(16, 24, 3, 8, 8, False, "RGB", 0), fx.jpeg_ls(rgb8, 8, near=2)),
        ]
    elif target == "decode_j2k":
        made += [
            (frame_header(16, 24, 1, 8, 8, False, mono, 0), fx.j2k(gray8, 8)),
            (frame_header(16, 24, 1, 16, 16, True, mono, 0), fx.j2k(signed16, 16)),
            (frame_header(16, 24, 3, 8, 8, False, "YBR_RCT", 0), fx.j2k(rgb8, 8, mct=True)),
            (frame_header(32, 32, 1, 8, 8, False, mono, 0), fx.htj2k(smooth)),
            (frame_header(16, 24, 3, 8, 8, False, "RGB", 0), fx.htj2k(rgb8, tlm=True)),
            (frame_header(16, 24, 1, 16, 16, True, mono, 0), fx.htj2k(signed16, qstep=0.01)),
        ]
    elif target == "decode_jxl":
        made += [
            (frame_header(16, 24, 1, 8, 8, False, mono, 0), fx.jpeg_xl(gray8, 8)),
            (frame_header(16, 24, 1, 16, 12, False, mono, 0), fx.jpeg_xl(gray12, 12)),
            (frame_header(16, 24, 3, 8, 8, False, "RGB", 0), fx.jpeg_xl(rgb8, 8)),
            (frame_header(32, 32, 1, 8, 8, False, mono, 0), fx.jpeg_xl(smooth, 8, level=90)),
        ]
    elif target == "decode_deflate":
        # Raw deflate (RFC 1951) of native frames, as Deflated Image Frame Compression holds.
        made += [
            (frame_header(16, 24, 1, 8, 8, False, mono, 0), raw_deflate(gray8.tobytes())),
            (frame_header(16, 24, 1, 16, 12, False, mono, 0), raw_deflate(gray12.tobytes())),
            (frame_header(16, 24, 3, 8, 8, False, "RGB", 0), raw_deflate(rgb8.tobytes())),
        ]
    for header, frame in made:
        yield header + bytes(frame)


def raw_deflate(data: bytes) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush()


def encapsulated_seeds() -> Iterator[bytes]:
    for _, ds in real_files():
        if ds is None or "PixelData" not in ds:
            continue
        if str(getattr(ds.file_meta, "TransferSyntaxUID", "")) not in COMPRESSED:
            continue
        frames = int(ds.get("NumberOfFrames", 1) or 1)
        yield bytes([min(frames, 255), 0]) + bytes(ds.PixelData)[:HEADER_BYTES]


def lut_seeds() -> Iterator[bytes]:
    ramp = np.arange(0, 4096, 16, dtype="<u2").tobytes()
    table8 = bytes(range(256))
    table16 = np.arange(256, dtype="<u2").tobytes()
    yield bytes([0x00, 0, 0, 0, 0]) + table8 * 0 + ramp
    yield struct.pack("<BBhB", 0x10, 0, 0, 0) + table8 + ramp
    yield struct.pack("<BBhB", 0x11, 2, -100, 0) + table16 * 3 + ramp
    yield (
        struct.pack("<BBhB", 0x13, 0, 1024, 0) + table16 + struct.pack("<5d", 40, 400, 0, 255, 255)
    )


def seeds(target: str) -> Iterator[bytes]:
    if target == "python":
        return header_seeds()
    if target in ("index", "values"):
        return (b"\0" + s for s in header_seeds())
    if target == "write":
        return (bytes([k % 3, 0]) + s for k, s in enumerate(header_seeds()))
    if target == "write_walk":
        return (bytes([k % 6 + k % 6 // 3, 0]) + s for k, s in enumerate(header_seeds()))
    if target == "encaps":
        return encapsulated_seeds()
    if target == "lut":
        return lut_seeds()
    return frame_seeds(target)


TARGETS = ["index", "values", "encaps", *CODECS, "lut", "write", "write_walk", "python"]


def main(targets: list[str]) -> None:
    for target in targets or TARGETS:
        out = ROOT / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        n = 0
        for seed in seeds(target):
            (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
            n += 1
        print(f"{target}: {n} seeds in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
