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

    `fp` is a path, a bytes-like object, or a binary file-like object. Values are decoded
    when first accessed; `defer_size` is accepted for compatibility (reading is always lazy).
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


def _read_options(stop_before_pixels: bool, tags: list[int] | None) -> dict[str, Any]:
    """The core's parse options for a read (`force` aside), as `config` sets them: what a
    pickle parses the source again with."""
    return {
        "stop_before_pixels": stop_before_pixels,
        "specific_tags": tags,
        "implicit_vr_switch": config.assume_implicit_vr_switch,
        "infer_sq_for_un_vr": config.settings.infer_sq_for_un_vr,
    }


def _dataset_of(raw: Any, fp: Any, opts: dict[str, Any]) -> FileDataset:
    """The data set of a file the core parsed with `opts` from `fp`, after reporting what
    pydicom would warn about and log while reading it."""
    if raw.notes:
        report_notes(raw.notes, fp, _reported_notes(raw))
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
