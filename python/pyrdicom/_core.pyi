"""Type stubs for the compiled core (src/py)."""

from collections.abc import Iterator
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

# --- writing (src/py/write.rs): `meta` and `dataset` are the element mappings filewriter passes ---
def encode_file(
    preamble: bytes | None,
    meta: Any | None,
    dataset: Any,
    implicit_vr: bool,
    little_endian: bool,
    deflate: bool,
) -> tuple[bytes, list[str]]: ...
def write_file(
    path: str | PathLike[str],
    preamble: bytes | None,
    meta: Any | None,
    dataset: Any,
    implicit_vr: bool,
    little_endian: bool,
    deflate: bool,
    overwrite: bool = True,
    fsync: bool = True,
) -> list[str]: ...
def plan_pieces(
    preamble: bytes | None,
    meta: Any | None,
    dataset: Any,
    implicit_vr: bool,
    little_endian: bool,
    deflate: bool,
) -> int: ...
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

# --- pixel processing kernels (src/py/lut.rs) ---
def lut_apply(
    arr: np.ndarray, luts: list[np.ndarray], first_mapped: int
) -> np.ndarray | None: ...  # None: an input dtype without a kernel
def window_linear(
    arr: np.ndarray, center: float, width: float, y_min: float, y_max: float, y_range: float
) -> np.ndarray | None: ...

# --- the build (src/py/build_info.rs): versions of the core and the bundled codec libraries ---
def build_info() -> dict[str, str | bool]: ...
