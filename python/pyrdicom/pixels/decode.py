"""Choosing how to decode a data set's pixel data: native here in NumPy, encapsulated frames
in the Rust core (frames decoded in parallel without the GIL)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import _core, _transfer_syntax
from .._core import TransferSyntax
from ..dataset import FileDataset
from ..errors import DicomAttributeError, UnsupportedTransferSyntaxError
from ..uid import UID
from .native import PixelInfo, native_array, pixel_id, pixel_source, shift_unused_bits
from .processing import convert_color_space


def decoded_photometric(uid: str, photometric: str, as_rgb: bool) -> str:
    """The photometric interpretation of what `dataset_array` returns for data stored as
    `photometric` with transfer syntax `uid`.


    Parameters
    ----------
    uid : str
        The transfer syntax.
    photometric : str
        The Photometric Interpretation stored.
    as_rgb : bool
        Whether YCbCr is converted to RGB.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.pixels.decode import decoded_photometric
    >>> from pyrdicom.uid import JPEGBaseline8Bit
    >>> decoded_photometric(JPEGBaseline8Bit, "YBR_FULL_422", True)
    'RGB'
    """
    ts = _transfer_syntax.lookup(uid)
    if ts is None:
        return photometric
    if photometric in ts.codec_rgb:
        if not as_rgb and photometric in ("YBR_FULL", "YBR_FULL_422"):
            return "YBR_FULL"  # the codec's YCbCr, upsampled and not converted
        return "RGB"
    if not ts.encapsulated and photometric == "YBR_FULL_422":
        return "RGB" if as_rgb else "YBR_FULL"  # upsampled either way
    if as_rgb and ts.ybr_to_rgb_after_decoding and photometric == "YBR_FULL":
        return "RGB"
    return photometric


def transfer_syntax_uid(ds: Any) -> str:
    """The data set's Transfer Syntax UID (a bare data set read with ``force=True``: its
    encoding as read), whether or not the registry knows it.


    Parameters
    ----------
    ds : Dataset
        The data set.

    Returns
    -------
    str

    Raises
    ------
    DicomAttributeError
        No Transfer Syntax UID and no encoding as read.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.decode import transfer_syntax_uid
    >>> from pyrdicom.uid import RLELossless
    >>> transfer_syntax_uid(dcmread(get_testdata_file("MR_small_RLE.dcm"))) == RLELossless
    True
    """
    d = ds.__dict__
    raw = d.get("_raw")
    if "_file_meta" not in d and isinstance(ds, FileDataset) and raw is not None:
        # The file meta as read, not made into a data set yet: its UID from the index.
        uid = raw.transfer_syntax
        if uid and "\\" not in uid:
            return str(uid)
    uid = _transfer_syntax.of_meta(getattr(ds, "file_meta", None))
    if uid is None:
        raw = ds._raw
        if raw is None:
            raise DicomAttributeError(
                "Unable to decode the pixel data as the dataset's 'file_meta' has no "
                "(0002,0010) 'Transfer Syntax UID' element"
            )
        return _transfer_syntax.native(raw.implicit_vr, raw.little_endian).uid
    return uid


def transfer_syntax(ds: Any) -> TransferSyntax:
    """The registry entry of the data set's transfer syntax.

    Parameters
    ----------
    ds : Dataset
        The data set.

    Returns
    -------
    TransferSyntax
        The compiled module's description (encoding, encapsulation, codec).

    Raises
    ------
    UnsupportedTransferSyntaxError
        A transfer syntax pyrdicom cannot decode, or none.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.decode import transfer_syntax
    >>> transfer_syntax(dcmread(get_testdata_file("MR_small_RLE.dcm"))).encapsulated
    True
    """
    uid = transfer_syntax_uid(ds)
    ts = _transfer_syntax.lookup(uid)
    if ts is None:
        if not UID(uid).is_transfer_syntax:
            raise UnsupportedTransferSyntaxError(
                "Unable to decode the pixel data as a (0002,0010) 'Transfer Syntax UID' value "
                f"of '{uid}' is not supported"
            )
        raise UnsupportedTransferSyntaxError(
            f"Unable to decode pixel data with a transfer syntax UID of '{uid}': this build "
            "of pyrdicom has no decoder for it"
        )
    return ts


def dataset_array(ds: Any, index: int | None = None, as_rgb: bool = True) -> np.ndarray:
    """The decoded pixel data of `ds`, native or encapsulated, as ``pixel_array`` lays it out.

    Parameters
    ----------
    ds : Dataset
        The data set.
    index : int, optional
        Decode only this frame.
    as_rgb : bool
        Convert YCbCr to RGB.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.decode import dataset_array
    >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
    >>> dataset_array(ds).shape, dataset_array(ds, index=1).shape
    ((10, 64, 64), (64, 64))
    """
    ts = transfer_syntax(ds)
    info = PixelInfo(ds)
    if not ts.encapsulated:
        info.little_endian = ts.little_endian
        return native_array(ds, info, index, as_rgb)
    return encapsulated_array(ds, info, ts, index, as_rgb)


def _extended_offsets(ds: Any) -> tuple[list[int], list[int]] | None:
    d = ds._dict
    if 0x7FE00001 not in d or 0x7FE00002 not in d:
        return None
    offsets = ds.get("ExtendedOffsetTable")
    lengths = ds.get("ExtendedOffsetTableLengths")
    if offsets is None or lengths is None:
        return None
    return (
        np.frombuffer(offsets, dtype="<u8").tolist(),
        np.frombuffer(lengths, dtype="<u8").tolist(),
    )


def encapsulated_array(
    ds: Any, info: PixelInfo, ts: TransferSyntax, index: int | None, as_rgb: bool = True
) -> np.ndarray:
    """The decoded frames of encapsulated pixel data (all, or frame `index`).

    Parameters
    ----------
    ds : Dataset
        The data set.
    info : PixelInfo
        Its Image Pixel module.
    ts : TransferSyntax
        Its transfer syntax (`transfer_syntax`).
    index : int or None
        Decode only this frame.
    as_rgb : bool
        Convert YCbCr to RGB.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    UnsupportedTransferSyntaxError
        A Bits Allocated the codec does not support.
    IndexError
        No frame at `index`.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.decode import encapsulated_array, transfer_syntax
    >>> from pyrdicom.pixels.native import PixelInfo
    >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
    >>> encapsulated_array(ds, PixelInfo(ds), transfer_syntax(ds), None).shape
    (64, 64)
    """
    if info.bits_allocated == 1 or info.bits_allocated % 8:
        raise UnsupportedTransferSyntaxError(
            f"Bits Allocated {info.bits_allocated} is not supported for encapsulated pixel data"
        )
    buf, _, _ = pixel_source(ds, info)
    source, idx = buf, 0
    if buf is ds._raw:
        idx = ds._dict[info.tag]
        if idx.__class__ is not int:
            idx = idx._idx
    spec = info.frame_spec(info.planar)
    # A frame past Number of Frames is decoded when the data holds it, as pydicom does (the
    # core finds it or raises); a negative index names no frame.
    if index is not None and index < 0:
        raise IndexError(f"There is no frame at index {index}: the data has {info.frames} frame(s)")
    flat, frames, warning = _core.decode_pixels(
        source, idx, ts.uid, spec, info.frames, index, _extended_offsets(ds), as_rgb
    )
    if warning:
        warnings.warn(warning, UserWarning, stacklevel=4)
    arr = flat.view(info.dtype()).reshape(info.shape(frames))
    if info.bits_stored < info.bits_allocated and ts.corrects_unused_bits:
        arr = shift_unused_bits(arr, info, in_place=True)
    if as_rgb and ts.ybr_to_rgb_after_decoding and info.photometric == "YBR_FULL":
        arr = convert_color_space(arr, "YBR_FULL", "RGB")
    return arr


def dataset_pixel_array(ds: Any) -> np.ndarray:
    """`Dataset.pixel_array`: decoded once, then the same array while the pixel module stays.


    Parameters
    ----------
    ds : Dataset
        The data set.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.decode import dataset_pixel_array
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> dataset_pixel_array(ds) is ds.pixel_array
    True
    """
    cached = ds.__dict__.get("_pixel_cache")
    if cached is not None and cached[0] == pixel_id(ds):
        return cached[1]
    opts = ds.__dict__.get("_pixel_array_opts")
    if opts:  # set by Dataset.pixel_array_options
        from . import pixel_array

        arr = pixel_array(ds, **opts)
    else:
        arr = dataset_array(ds)
    object.__setattr__(ds, "_pixel_cache", (pixel_id(ds), arr))
    return arr
