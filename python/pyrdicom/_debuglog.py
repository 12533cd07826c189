"""pydicom's DEBUG log of `dcmread` ("Reading File Meta Information preamble...", and with
`config.debug()` one line per element header), written after the core has parsed the file:
a read pays only the logger's level check unless that level is DEBUG."""

from __future__ import annotations

from typing import Any

from . import config
from ._vr import EXPLICIT_VR_LENGTH_32
from .tag import BaseTag


def _hex(data: bytes | memoryview) -> str:
    return " ".join(f"{b:02x}" for b in data)


def log_read(raw: Any, has_preamble: bool) -> None:
    """Log what pydicom logs while reading `raw` (a `_core.RawFile`); `dcmread` calls it when
    the logger is enabled for DEBUG."""
    logger = config.logger
    debugging = config.debugging
    data = memoryview(raw)
    if debugging:
        logger.debug("Call to dcmread()")
    logger.debug("Reading File Meta Information preamble...")
    if debugging and has_preamble:
        logger.debug(f"00000000: {_hex(data[:8])}...{_hex(data[120:128])}")
    logger.debug("Reading File Meta Information prefix...")
    if has_preamble:
        logger.debug("00000080: 'DICM' prefix found")
    if debugging:
        log_element_headers(raw)


def log_element_headers(raw: Any) -> None:
    """pydicom's `config.debug()` line per element header, for every element of `raw`."""
    logger = config.logger
    data = memoryview(raw)
    idx = 0
    while True:
        try:
            info = raw.info(idx)
        except ValueError:
            break
        idx += 1
        tag, offset, implicit = info.tag, info.offset, info.implicit_vr
        encoded_vr = "UN" if info.from_un else info.vr
        long_header = not implicit and encoded_vr in EXPLICIT_VR_LENGTH_32
        start = offset - (12 if long_header else 8)
        header = _hex(data[start : start + 8])
        if long_header:
            header += " " + _hex(data[start + 8 : start + 12])
        msg = f"{f'{start:08x}: {header}':<47s}  {BaseTag(tag)}"
        if not implicit:
            msg += f" {encoded_vr} "
        if info.undefined_length:
            msg += "Length: Undefined length (FFFFFFFF)"
        else:
            msg += f"Length: {info.length}"
        logger.debug(msg)
