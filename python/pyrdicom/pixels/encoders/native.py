"""pydicom's own RLE Lossless encoder functions (``pydicom.pixels.encoders.native``), on the
core's encoder (which matches pydicom's output byte for byte)."""

from __future__ import annotations

from typing import Any

from ... import _core


def _encode_row(src: bytes | list[int]) -> bytes:
    """One row (bytes, or a list of byte values) PackBits-encoded."""
    return _core.rle_encode_row(src if isinstance(src, bytes | bytearray) else bytes(src))


def _encode_segment(src: bytes, columns: int) -> bytearray:
    """A segment (one byte of every pixel, row after row) encoded, padded to even length."""
    out = bytearray()
    for start in range(0, len(src), columns):
        out += _core.rle_encode_row(src[start : start + columns])
    out += b"\x00" * (len(out) % 2)
    return out


def _encode_frame(src: bytes, runner: Any) -> bytes:
    """One frame (interleaved, little-endian samples) RLE encoded with `runner`'s description."""
    if runner.get_option("byteorder", "<") == ">":
        raise ValueError("Unsupported option \"byteorder = '>'\"")
    if -(-runner.bits_allocated // 8) * runner.samples_per_pixel > 15:
        raise ValueError(
            "Unable to encode as the DICOM standard only allows a maximum of 15 segments in "
            "RLE encoded data"
        )
    return _core.rle_encode_frame(
        src, runner.rows, runner.columns, runner.samples_per_pixel, runner.bits_allocated
    )
