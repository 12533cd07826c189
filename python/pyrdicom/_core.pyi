"""Type stubs for the compiled core (src/py)."""

from collections.abc import Callable, Iterator
from os import PathLike
from typing import Any

import numpy as np

class LevelMap:
    """A data set's tag -> element mapping: ints are indices of untouched elements."""

    def __getitem__(self, tag: int) -> Any: ...
    def __setitem__(self, tag: int, value: Any) -> None: ...
    def __delitem__(self, tag: int) -> None: ...
    def __contains__(self, tag: object) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[int]: ...
    def get(self, tag: object, default: Any = None) -> Any: ...
    def keys(self) -> list[int]: ...
    def values(self) -> list[Any]: ...
    def items(self) -> list[tuple[int, Any]]: ...
    def pop(self, tag: int, *default: Any) -> Any: ...
    def clear(self) -> None: ...
    def copy(self) -> dict[int, Any]: ...

class RawFile:
    """A parsed file: its bytes (buffer protocol) and the element index."""

    preamble: bytes | None
    transfer_syntax: str
    implicit_vr: bool
    little_endian: bool
    writable: bool
    def level(self, level: int) -> LevelMap: ...
    def info(self, idx: int) -> tuple[int, str, int, int, int]: ...
    def value(self, idx: int, vr: str | None = None) -> Any: ...
    def raw_value(self, idx: int) -> bytes: ...
    def unused_bits_set(
        self, offset: int, len: int, bits_allocated: int, bits_stored: int
    ) -> bool: ...

def read(
    src: str | PathLike[str] | bytes | bytearray | memoryview,
    *,
    force: bool = False,
    stop_before_pixels: bool = False,
    specific_tags: list[int] | None = None,
) -> RawFile: ...
def decode_pixels(
    source: RawFile | bytes,
    idx: int,
    transfer_syntax: str,
    spec: tuple[int, int, int, int, int, bool, str, int],
    number_of_frames: int,
    index: int | None = None,
    eot: tuple[list[int], list[int]] | None = None,
) -> tuple[np.ndarray, int, str | None]: ...
def dict_entry(tag: int) -> tuple[str, str, str, bool, str] | None: ...
def dict_entry_exact(tag: int) -> tuple[str, str, str, bool, str] | None: ...
def tag_for_keyword(keyword: str) -> int | None: ...
def private_entry(creator: str, tag: int) -> tuple[str, str, str, bool] | None: ...
def uid_entry(uid: str) -> tuple[str, str, str, bool, str] | None: ...
def uid_keywords() -> list[tuple[str, str]]: ...

# --- the writer (src/py/write.rs; the protocol is described in docs/writing.md) ---

class WriteLevel:
    """A data set or item to write: the data set (handed back to the hooks), its tag ->
    element mapping, and whether its length as an item is undefined."""

    dataset: Any
    elements: LevelMap | dict[int, Any]
    undefined_length: bool
    def __init__(
        self, dataset: Any, elements: LevelMap | dict[int, Any], undefined_length: bool = False
    ) -> None: ...

class ElementState:
    """A stored element's VR and length form; `source`/`index` while it holds the value read."""

    vr: str
    undefined_length: bool
    source: RawFile | None
    index: int
    def __init__(
        self, vr: str, undefined_length: bool, source: RawFile | None = None, index: int = 0
    ) -> None: ...

class WriteValue:
    """A value for the encoder: its resolved VR, `kind` ("empty", "bytes", "str", "int",
    "float") and data (None, a bytes-like object, or a list of str/int/float)."""

    vr: str
    kind: str
    data: Any
    def __init__(self, vr: str, kind: str, data: Any = None) -> None: ...

class WriteHooks:
    """The Python side of the walk."""

    state: Callable[[Any], ElementState]
    element: Callable[[Any, int], Any]
    value: Callable[[Any, Any, bool], WriteValue]
    items: Callable[[Any], list[WriteLevel]]
    charset: Callable[[Any], list[str]]
    def __init__(
        self,
        *,
        state: Callable[[Any], ElementState],
        element: Callable[[Any, int], Any],
        value: Callable[[Any, Any, bool], WriteValue],
        items: Callable[[Any], list[WriteLevel]],
        charset: Callable[[Any], list[str]],
    ) -> None: ...

class WriteJob:
    """What to write: a data set in an encoding, optionally after a preamble and File Meta
    Information, optionally deflated; `charset` is the parent's Specific Character Set."""

    dataset: WriteLevel
    hooks: WriteHooks
    implicit_vr: bool
    little_endian: bool
    preamble: bytes | None
    meta: WriteLevel | None
    deflate: bool
    charset: list[str]
    def __init__(
        self,
        dataset: WriteLevel,
        *,
        implicit_vr: bool,
        little_endian: bool,
        hooks: WriteHooks,
        preamble: bytes | None = None,
        meta: WriteLevel | None = None,
        deflate: bool = False,
        charset: list[str] = ...,
    ) -> None: ...

class Encoded:
    """Encoded bytes and the warnings to issue."""

    data: bytes
    warnings: list[str]

def encode(job: WriteJob) -> Encoded: ...
def write_file(
    path: str | PathLike[str], job: WriteJob, overwrite: bool = True, fsync: bool = True
) -> list[str]: ...
def plan_pieces(job: WriteJob) -> int: ...
def compress_frames(
    transfer_syntax: str,
    data: Any,
    spec: tuple[int, int, int, int, int, bool, str, int],
    frames: int,
    extended: bool = False,
    jls_error: int = 0,
    j2k_cr: list[float] | None = None,
    j2k_psnr: list[float] | None = None,
) -> tuple[bytes, bytes | None, bytes | None]: ...
