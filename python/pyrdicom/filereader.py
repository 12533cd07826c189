"""`dcmread` (and its old name `read_file`): read a DICOM file lazily."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from . import _core

# pydicom's element-level reader API, answered from the core's index (see _stream.py)
from ._stream import (  # noqa: F401
    _at_pixel_data,
    _read_file_meta_info,
    data_element_generator,
    read_dataset,
    read_file_meta_info,
    read_partial,
    read_preamble,
    read_sequence,
)
from .dataset import FileDataset
from .tag import Tag


def dcmread(
    fp: Any,
    defer_size: str | float | None = None,
    stop_before_pixels: bool = False,
    force: bool = False,
    specific_tags: Sequence[Any] | None = None,
) -> FileDataset:
    """Read a DICOM Part 10 file (or, with `force`, a bare data set).

    `fp` is a path, a bytes-like object, or a binary file-like object. Values are decoded
    when first accessed; `defer_size` is accepted for compatibility (reading is always lazy).
    """
    tags = None if specific_tags is None else [int(Tag(t)) for t in specific_tags]
    if fp.__class__ is str or isinstance(fp, os.PathLike | bytes | bytearray | memoryview):
        src = fp
    elif hasattr(fp, "read"):
        src = fp.read()
        if not isinstance(src, bytes | bytearray):
            raise TypeError("dcmread() needs a file-like object opened in binary mode")
    else:
        raise TypeError(
            "dcmread: expected a path, bytes-like or binary file-like object, "
            f"not {type(fp).__name__}"
        )
    raw = _core.read(src, force=force, stop_before_pixels=stop_before_pixels, specific_tags=tags)
    opts = None
    if stop_before_pixels or tags:
        opts = {"stop_before_pixels": stop_before_pixels, "specific_tags": tags}
    return FileDataset._from_file(raw, fp, opts)


read_file = dcmread
