"""Pixel data: decoding to NumPy arrays, and pydicom 3's ``pydicom.pixels`` processing functions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from ..errors import DicomAttributeError
from .encoding import compress, decompress, set_pixel_data
from .processing import (
    apply_color_lut,
    apply_icc_profile,
    apply_modality_lut,
    apply_presentation_lut,
    apply_rescale,
    apply_voi,
    apply_voi_lut,
    apply_windowing,
    convert_color_space,
    create_icc_transform,
)
from .render import render

_PIXEL_TAGS = (0x7FE00008, 0x7FE00009, 0x7FE00010)


def _dataset(src: Any, ds_out: Any, specific_tags: list[int] | None, kwargs: dict) -> Any:
    """`src` as a data set: read when a path or file-like (a file-like is put back where it
    was), with `kwargs`' ``transfer_syntax_uid`` for data sets without file meta. For a path
    or file-like, `ds_out` receives the file meta, the Image Pixel elements, the extended offset
    table and `specific_tags`, as pydicom's."""
    from ..dataset import Dataset, FileMetaDataset
    from ..filereader import dcmread
    from ..tag import Tag

    if isinstance(src, Dataset):
        ds = src
        if not getattr(ds, "file_meta", {}).get("TransferSyntaxUID"):
            raise DicomAttributeError(
                "Unable to decode the pixel data as the dataset's 'file_meta' has no "
                "(0002,0010) 'Transfer Syntax UID' element"
            )
    else:
        position = src.tell() if hasattr(src, "read") else None
        try:
            ds = dcmread(src, force=True)
        finally:
            if position is not None:
                src.seek(position)
        syntax = kwargs.pop("transfer_syntax_uid", None)
        meta = getattr(ds, "file_meta", None)
        if syntax or meta is None or "TransferSyntaxUID" not in meta:
            if not syntax:
                raise DicomAttributeError(
                    "'transfer_syntax_uid' is required if the dataset in 'src' is not in the "
                    "DICOM File Format"
                )
            if meta is None:
                ds.file_meta = meta = FileMetaDataset()
            meta.TransferSyntaxUID = syntax
        if ds_out is not None:
            ds_out.file_meta = ds.file_meta
            wanted = {Tag(t) for t in specific_tags or ()} | {0x7FE00001, 0x7FE00002}
            for elem in ds:
                if elem.tag >> 16 == 0x0028 or elem.tag in wanted:
                    ds_out[elem.tag] = elem
    if not any(tag in ds._dict for tag in _PIXEL_TAGS):
        raise DicomAttributeError(
            "The dataset in 'src' has no 'Pixel Data', 'Float Pixel Data' or 'Double Float "
            "Pixel Data' element, no pixel data to decode"
        )
    return ds


def _decoder(ds: Any) -> Any:
    """The decoder for the data set's transfer syntax; one the core may know beyond pydicom's
    list (Deflated Image Frame Compression, Encapsulated Uncompressed) gets a decoder too."""
    from .. import _transfer_syntax
    from ..errors import UnsupportedTransferSyntaxError
    from ..uid import UID
    from .decode import transfer_syntax_uid
    from .decoders.base import _PIXEL_DATA_DECODERS
    from .decoders.base import _decoder as _core_decoder

    ts = transfer_syntax_uid(ds)
    if entry := _PIXEL_DATA_DECODERS.get(ts):
        return entry[0]
    registered = _transfer_syntax.lookup(ts)
    if registered is not None and registered.decoder is not None:
        plugins = ("pyrdicom",) if registered.encapsulated else ()
        return _core_decoder(ts, plugins)
    name = UID(ts).name
    raise UnsupportedTransferSyntaxError(
        "Unable to decode the pixel data as a (0002,0010) 'Transfer Syntax UID' value of "
        f"'{name}' is not supported" + (f" ({ts})" if name != ts else "")
    )


def pixel_array(
    src: Any,
    *,
    ds_out: Any = None,
    specific_tags: list[int] | None = None,
    index: int | None = None,
    raw: bool = False,
    decoding_plugin: str = "",
    **kwargs: Any,
) -> np.ndarray:
    """The pixel data of `src` (a path, file-like or Dataset) as an array; with `index`, only
    that frame is read and decoded. `raw` keeps YCbCr as stored (where the codec allows);
    `decoding_plugin` may name any of pydicom's plugins (pyrdicom's codec decodes); `kwargs`
    are the decoders' options (``as_rgb``, ``view_only``).


    Parameters
    ----------
    src : str, path-like, binary file-like or Dataset
        The file, or a data set.
    ds_out : Dataset, optional
        Filled with the file's elements other than the pixel data (with a path or file).
    specific_tags : list of int, optional
        The elements to put in `ds_out` (default: all but the pixel data).
    index : int, optional
        Decode only this frame.
    raw : bool
        Keep YCbCr data as stored.
    decoding_plugin : str
        Any of pydicom's plugin names.
    **kwargs
        The decoders' options.

    Returns
    -------
    numpy.ndarray
        (rows, columns), with a leading frames axis for several frames and a trailing
        samples axis for colour.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.pixels import pixel_array
    >>> path = get_testdata_file("emri_small.dcm")
    >>> pixel_array(path).shape, pixel_array(path, index=2).shape
    ((10, 64, 64), (64, 64))
    """
    ds = _dataset(src, ds_out, specific_tags, kwargs)
    arr, _ = _decoder(ds).as_array(
        ds, index=index, raw=raw, decoding_plugin=decoding_plugin, **kwargs
    )
    return arr


def iter_pixels(
    src: Any,
    *,
    ds_out: Any = None,
    specific_tags: list[int] | None = None,
    indices: Iterable[int] | None = None,
    raw: bool = False,
    decoding_plugin: str = "",
    **kwargs: Any,
) -> Iterator[np.ndarray]:
    """Yield the frames of `src` one at a time (those in `indices`, if given).


    Parameters
    ----------
    src : str, path-like, binary file-like or Dataset
        The file, or a data set.
    ds_out : Dataset, optional
        Filled with the file's elements other than the pixel data (with a path or file).
    specific_tags : list of int, optional
        The elements to put in `ds_out`.
    indices : iterable of int, optional
        The frames to yield (default: all).
    raw : bool
        Keep YCbCr data as stored.
    decoding_plugin : str
        Any of pydicom's plugin names.
    **kwargs
        The decoders' options.

    Yields
    ------
    numpy.ndarray
        One frame.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.pixels import iter_pixels
    >>> [frame.shape for frame in iter_pixels(get_testdata_file("emri_small.dcm"), indices=[0, 5])]
    [(64, 64), (64, 64)]
    """
    ds = _dataset(src, ds_out, specific_tags, kwargs)
    for arr, _ in _decoder(ds).iter_array(
        ds, indices=indices, raw=raw, decoding_plugin=decoding_plugin, **kwargs
    ):
        yield arr


from .decoders.base import get_decoder  # noqa: E402 - after pixel_array, which utils imports
from .encoders.base import get_encoder  # noqa: E402
from .utils import as_pixel_options, pack_bits, unpack_bits  # noqa: E402

__all__ = [
    "apply_color_lut",
    "apply_icc_profile",
    "apply_modality_lut",
    "apply_presentation_lut",
    "apply_rescale",
    "apply_voi",
    "apply_voi_lut",
    "apply_windowing",
    "as_pixel_options",
    "compress",
    "convert_color_space",
    "create_icc_transform",
    "decompress",
    "get_decoder",
    "get_encoder",
    "iter_pixels",
    "pack_bits",
    "pixel_array",
    "render",
    "set_pixel_data",
    "unpack_bits",
]
