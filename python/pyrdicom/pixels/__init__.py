"""Pixel data: decoding to NumPy arrays, and pydicom 3's ``pydicom.pixels`` processing functions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from . import decode
from .encoding import compress, decompress, set_pixel_data
from .native import PixelInfo
from .processing import (
    apply_color_lut,
    apply_modality_lut,
    apply_presentation_lut,
    apply_rescale,
    apply_voi,
    apply_voi_lut,
    apply_windowing,
    convert_color_space,
)
from .render import render


def _dataset(src: Any, ds_out: Any) -> Any:
    """`src` as a data set (read when a path or file-like); its elements before the pixel data
    are also put in `ds_out` when given, as pydicom does."""
    from ..dataset import Dataset
    from ..filereader import dcmread

    ds = src if isinstance(src, Dataset) else dcmread(src)
    if ds_out is not None:
        for elem in ds:
            if elem.tag < 0x7FE00008:
                ds_out[elem.tag] = elem
    return ds


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
    that frame is read and decoded."""
    ds = _dataset(src, ds_out)
    return decode.dataset_array(ds, index)


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
    """Yield the frames of `src` one at a time (those in `indices`, if given)."""
    ds = _dataset(src, ds_out)
    frames = PixelInfo(ds).frames
    for i in indices if indices is not None else range(frames):
        yield decode.dataset_array(ds, i)


__all__ = [
    "apply_color_lut",
    "apply_modality_lut",
    "apply_presentation_lut",
    "apply_rescale",
    "apply_voi",
    "apply_voi_lut",
    "apply_windowing",
    "compress",
    "convert_color_space",
    "decompress",
    "iter_pixels",
    "pixel_array",
    "render",
    "set_pixel_data",
]
