"""`dcmread` (and its old name `read_file`): read a DICOM file lazily."""

from __future__ import annotations

import os
from collections.abc import Sequence
from logging import DEBUG
from typing import Any

from . import _core, config
from ._debuglog import log_read

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
    report_notes,
)
from .dataset import FileDataset
from .misc import size_in_bytes
from .tag import Tag


def dcmread(
    fp: Any,
    defer_size: str | float | None = None,
    stop_before_pixels: bool = False,
    force: bool = False,
    specific_tags: Sequence[Any] | None = None,
) -> FileDataset:
    """Read a DICOM Part 10 file (or, with `force`, a bare data set).

    Values are decoded when first accessed: the file is indexed in one pass and each element's
    value is converted the first time it is read.

    Parameters
    ----------
    fp : str, path-like, bytes-like or binary file-like
        The file: a path, the file's bytes, or an object with ``read`` opened in binary mode.
    defer_size : int, float or str, optional
        Accepted for compatibility (reading is always lazy); it only says which elements
        ``Dataset.get_item(..., keep_deferred=True)`` reports as deferred ("512 KB", 1024, ...).
    stop_before_pixels : bool
        Stop before the Pixel Data (and the other bulk pixel elements): only the header is read.
    force : bool
        Read a file without the preamble and "DICM" prefix (a bare data set) too.
    specific_tags : sequence of tags or keywords, optional
        Keep only these elements (and the Specific Character Set).

    Returns
    -------
    FileDataset
        The data set, with its `file_meta`, `preamble` and `filename`.

    Raises
    ------
    TypeError
        `fp` is none of a path, bytes or a binary file-like object.
    InvalidDicomError
        The file has no "DICM" prefix and `force` is not set.
    OSError
        The file cannot be opened or read.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> ds.Modality, ds.Rows, ds.Columns
    ('CT', 128, 128)
    >>> "PixelData" in dcmread(get_testdata_file("CT_small.dcm"), stop_before_pixels=True)
    False
    """
    tags = None if specific_tags is None else [int(Tag(t)) for t in specific_tags]
    if fp.__class__ is str or isinstance(fp, os.PathLike | bytes | bytearray | memoryview):
        src = fp
    elif hasattr(fp, "read"):
        start = fp.tell() if hasattr(fp, "tell") else 0
        src = fp.read()
        if force and start and src[128:132] != b"DICM" and hasattr(fp, "seek"):
            # pydicom rewinds to the start when the preamble is not where reading began
            fp.seek(0)
            src = fp.read()
        if not isinstance(src, bytes | bytearray):
            raise TypeError("dcmread() needs a file-like object opened in binary mode")
    else:
        raise TypeError(
            "dcmread: Expected a file path, file-like or readable buffer, but got "
            f"{type(fp).__name__}"
        )
    opts = _read_options(stop_before_pixels, tags)
    raw = _core.read(src, force=force, **opts)
    ds = _dataset_of(raw, fp, opts)
    if defer_size is not None:
        # Nothing is read before it is asked for; this only says which elements
        # `get_item(..., keep_deferred=True)` reports as deferred, as pydicom does.
        ds.__dict__["_defer_size"] = size_in_bytes(defer_size)
    return ds


_DEFAULTS: dict[str, Any] = {}
_HEADER_ONLY: dict[str, Any] = {"stop_before_pixels": True}


def _read_options(stop_before_pixels: bool, tags: list[int] | None) -> dict[str, Any]:
    """The core's parse options for a read (`force` aside), as `config` sets them: what a
    pickle parses the source again with. The usual ones are one shared dict each (never
    changed), so a read builds none."""
    if tags is None and config.assume_implicit_vr_switch and config.settings._infer_sq_for_un_vr:
        return _HEADER_ONLY if stop_before_pixels else _DEFAULTS
    return {
        "stop_before_pixels": stop_before_pixels,
        "specific_tags": tags,
        "implicit_vr_switch": config.assume_implicit_vr_switch,
        "infer_sq_for_un_vr": config.settings.infer_sq_for_un_vr,
    }


def _dataset_of(raw: Any, fp: Any, opts: dict[str, Any]) -> FileDataset:
    """The data set of a file the core parsed with `opts` from `fp`, after reporting what
    pydicom would warn about and log while reading it."""
    notes = raw.notes
    if notes:
        report_notes(notes, fp, _reported_notes(raw))
    if config.logger.isEnabledFor(DEBUG):
        log_read(raw, raw.preamble is not None)
    return FileDataset._from_file(raw, fp, opts)


def _reported_notes(raw: Any) -> tuple[str, ...]:
    """The kinds of the core's notes pydicom would report for `raw`: not the VR encoding of
    a private transfer syntax registered with the encoding found (`register_transfer_syntax`)."""
    from .uid import PrivateTransferSyntaxes

    for ts in PrivateTransferSyntaxes:
        if ts == raw.transfer_syntax and ts.is_implicit_VR == raw.implicit_vr:
            return ("no_delimiter",)
    return ("vr_encoding", "no_delimiter")


read_file = dcmread
