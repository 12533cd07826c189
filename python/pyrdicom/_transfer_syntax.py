"""The Rust core's transfer-syntax registry (``src/transfer_syntax.rs``), read once: per UID its
encoding, whether pixel data is encapsulated or lossy, its codecs and their post-processing.
`uid.UID`'s properties, `pixels` and the writer ask it instead of naming UIDs."""

from __future__ import annotations

from typing import Any

from . import _core
from ._core import TransferSyntax

REGISTRY: dict[str, TransferSyntax] = {ts.uid: ts for ts in _core.transfer_syntaxes()}
_BY_KEYWORD = {ts.keyword: ts for ts in REGISTRY.values()}
# (implicit VR, little endian) -> the native transfer syntax encoded that way
_NATIVE = {
    (ts.implicit_vr, ts.little_endian): ts
    for ts in REGISTRY.values()
    if not ts.encapsulated and not ts.deflated
}


def lookup(uid: str) -> TransferSyntax | None:
    """The registry entry of `uid`, None for a private or unknown UID."""
    return REGISTRY.get(uid)


def by_keyword(keyword: str) -> TransferSyntax:
    """The registry entry with `keyword` (e.g. "RLELossless")."""
    return _BY_KEYWORD[keyword]


def native(implicit_vr: bool, little_endian: bool) -> TransferSyntax:
    """The native transfer syntax of a data set encoded as (implicit VR, little endian)."""
    return _NATIVE[(implicit_vr, little_endian)]


def encoders() -> list[TransferSyntax]:
    """The transfer syntaxes this build can compress pixel data to."""
    return [ts for ts in REGISTRY.values() if ts.encoder is not None]


def of_meta(file_meta: Any) -> str | None:
    """The Transfer Syntax UID of a file meta data set (pass ``ds.file_meta``), None when there
    is no file meta or no (0002,0010): the one place a data set's transfer syntax is found."""
    ts = file_meta.get("TransferSyntaxUID") if file_meta is not None else None
    return None if ts is None else str(ts)
