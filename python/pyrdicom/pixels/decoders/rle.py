"""pydicom's RLE Lossless primitives (``pydicom.pixels.decoders.rle``), on the core's PackBits
decoder: a frame's segments are decoded one at a time and laid out as pydicom lays them out."""

from __future__ import annotations

from struct import unpack
from typing import Any

import numpy as np

from ... import _core
from ...misc import warn_and_log


def _rle_parse_header(header: bytes) -> list[int]:
    """The segment offsets of a 64-byte RLE header."""
    if len(header) != 64:
        raise ValueError("The RLE header can only be 64 bytes long")
    (count,) = unpack("<L", header[:4])
    if count > 15:
        raise ValueError(f"The RLE header specifies an invalid number of segments ({count})")
    return list(unpack(f"<{count}L", header[4 : 4 * (count + 1)]))


def _rle_decode_segment(src: bytes) -> bytearray:
    """One PackBits segment decoded to the end of its data."""
    return bytearray(_core.rle_decode_segment(src))


def _rle_decode_frame(
    src: bytes,
    rows: int,
    columns: int,
    nr_samples: int,
    nr_bits: int,
    segment_order: str = ">",
) -> bytearray:
    """An RLE frame decoded as pydicom's: samples planar (all of sample 0, then sample 1...),
    each sample's bytes little endian. `segment_order` ``"<"`` reads the segments of a sample
    least significant byte first."""
    if nr_bits % 8:
        raise NotImplementedError(
            f"Unable to decode RLE encoded pixel data with {nr_bits} bits allocated"
        )
    offsets = _rle_parse_header(src[:64])
    size = nr_bits // 8
    if len(offsets) != nr_samples * size:
        raise ValueError(
            "The number of RLE segments in the pixel data doesn't match the expected amount "
            f"({len(offsets)} vs. {nr_samples * size} segments)"
        )
    pixels = rows * columns
    # planes[sample, pixel, byte]: the decoded bytes, little endian within each sample
    planes = np.empty((nr_samples, pixels, size), dtype=np.uint8)
    bounds = [*offsets, len(src)]
    for index in range(len(offsets)):
        segment = _core.rle_decode_segment(src[bounds[index] : bounds[index + 1]])
        if len(segment) < pixels:
            raise ValueError(
                "The amount of decoded RLE segment data doesn't match the expected amount "
                f"({len(segment)} vs. {pixels} bytes)"
            )
        if len(segment) != pixels:
            warn_and_log(
                "The decoded RLE segment contains non-conformant padding - "
                f"{len(segment)} vs. {pixels} bytes expected"
            )
        sample, byte = divmod(index, size)
        if segment_order == ">":  # the first segment holds the most significant byte
            byte = size - 1 - byte
        planes[sample, :, byte] = np.frombuffer(segment, np.uint8, count=pixels)
    return bytearray(planes.tobytes())


def _decode_frame(src: bytes, runner: Any) -> bytearray:
    """pydicom's RLE plugin function: one frame described by `runner`'s options."""
    return _rle_decode_frame(
        src,
        runner.rows,
        runner.columns,
        runner.samples_per_pixel,
        runner.bits_allocated,
        runner.get_option("rle_segment_order", ">"),
    )
