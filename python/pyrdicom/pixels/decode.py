"""Choosing how to decode a data set's pixel data: native here, encapsulated through the codecs."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedTransferSyntaxError
from .native import NATIVE_SYNTAXES, PixelInfo, native_array


def transfer_syntax(ds: Any) -> str:
    meta = getattr(ds, "file_meta", None)
    ts = meta.get("TransferSyntaxUID") if meta is not None else None
    if ts is None:
        raw = ds._raw
        if raw is None:
            raise AttributeError(
                "Unable to decode the pixel data as the dataset's 'file_meta' has no "
                "(0002,0010) 'Transfer Syntax UID' element"
            )
        # A bare data set read with force=True: its encoding as read.
        if raw.implicit_vr:
            return "1.2.840.10008.1.2"
        return "1.2.840.10008.1.2.1" if raw.little_endian else "1.2.840.10008.1.2.2"
    return str(ts)


def dataset_array(ds: Any, index: int | None = None) -> np.ndarray:
    info = PixelInfo(ds)
    ts = transfer_syntax(ds)
    if ts in NATIVE_SYNTAXES:
        info.little_endian = NATIVE_SYNTAXES[ts]
        return native_array(ds, info, index)
    raise UnsupportedTransferSyntaxError(
        f"Unable to decode pixel data with a transfer syntax UID of '{ts}': no decoder in this "
        "build of pyrdicom supports it yet"
    )
