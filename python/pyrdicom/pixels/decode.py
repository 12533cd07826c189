"""Choosing how to decode a data set's pixel data: native here in NumPy, encapsulated frames
in the Rust core (frames decoded in parallel without the GIL)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import _core
from ..errors import DicomAttributeError, UnsupportedTransferSyntaxError
from .native import NATIVE_SYNTAXES, PixelInfo, native_array, pixel_source, shift_unused_bits

# Codecs that leave colour conversion (YBR_FULL -> RGB) to us; the JPEG family converts itself.
_RAW_COLOUR = {"1.2.840.10008.1.2.5", "1.2.840.10008.1.2.1.98", "1.2.840.10008.1.2.8.1"}
# JPEG-LS and JPEG 2000: pydicom does not correct the bits above Bits Stored; it only applies its
# sign correction from the codestream's precision (done by our codecs), so a 16-bit codestream
# with Bits Stored 12 keeps its high bits.
_NO_UNUSED_BITS_CORRECTION = {
    "1.2.840.10008.1.2.4.80",
    "1.2.840.10008.1.2.4.81",
    "1.2.840.10008.1.2.4.90",
    "1.2.840.10008.1.2.4.91",
    "1.2.840.10008.1.2.4.201",
    "1.2.840.10008.1.2.4.202",
    "1.2.840.10008.1.2.4.203",
}


def transfer_syntax(ds: Any) -> str:
    meta = getattr(ds, "file_meta", None)
    ts = meta.get("TransferSyntaxUID") if meta is not None else None
    if ts is None:
        raw = ds._raw
        if raw is None:
            raise DicomAttributeError(
                "Unable to decode the pixel data as the dataset's 'file_meta' has no "
                "(0002,0010) 'Transfer Syntax UID' element"
            )
        # A bare data set read with force=True: its encoding as read.
        if raw.implicit_vr:
            return "1.2.840.10008.1.2"
        return "1.2.840.10008.1.2.1" if raw.little_endian else "1.2.840.10008.1.2.2"
    return str(ts)


def dataset_array(ds: Any, index: int | None = None, as_rgb: bool = True) -> np.ndarray:
    info = PixelInfo(ds)
    ts = transfer_syntax(ds)
    if ts in NATIVE_SYNTAXES:
        info.little_endian = NATIVE_SYNTAXES[ts]
        return native_array(ds, info, index, as_rgb)
    return encapsulated_array(ds, info, ts, index, as_rgb)


def _extended_offsets(ds: Any) -> tuple[list[int], list[int]] | None:
    offsets = ds.get("ExtendedOffsetTable")
    lengths = ds.get("ExtendedOffsetTableLengths")
    if offsets is None or lengths is None:
        return None
    return (
        np.frombuffer(offsets, dtype="<u8").tolist(),
        np.frombuffer(lengths, dtype="<u8").tolist(),
    )


def encapsulated_array(
    ds: Any, info: PixelInfo, ts: str, index: int | None, as_rgb: bool = True
) -> np.ndarray:
    if info.bits_allocated == 1 or info.bits_allocated % 8:
        raise UnsupportedTransferSyntaxError(
            f"Bits Allocated {info.bits_allocated} is not supported for encapsulated pixel data"
        )
    buf, _, _ = pixel_source(ds, info)
    source, idx = (buf, ds._dict[info.tag]) if buf is ds._raw else (buf, 0)
    if source is ds._raw and idx.__class__ is not int:
        idx = idx._idx
    spec = info.frame_spec(info.planar)
    if index is not None and not 0 <= index < info.frames:
        raise IndexError(f"There is no frame at index {index}: the data has {info.frames} frame(s)")
    flat, frames, warning = _core.decode_pixels(
        source, idx, ts, spec, info.frames, index, _extended_offsets(ds)
    )
    if warning:
        warnings.warn(warning, UserWarning, stacklevel=4)
    arr = flat.view(info.dtype()).reshape(info.shape(frames))
    if info.bits_stored < info.bits_allocated and ts not in _NO_UNUSED_BITS_CORRECTION:
        arr = shift_unused_bits(arr, info, in_place=True)
    if as_rgb and ts in _RAW_COLOUR and info.photometric == "YBR_FULL":
        from .processing import convert_color_space

        arr = convert_color_space(arr, "YBR_FULL", "RGB")
    return arr
