"""Type stubs for the compiled core (src/py); `python -m mypy.stubtest pyrdicom._core` checks
them against the extension."""

from collections.abc import Callable, Iterator, Sequence
from os import PathLike
from typing import Any, final

import numpy as np

__all__ = [
    "DictEntry",
    "ElementInfo",
    "ElementState",
    "Encoded",
    "FileList",
    "FrameSpec",
    "LevelMap",
    "RawFile",
    "TransferSyntax",
    "UidEntry",
    "WriteHooks",
    "WriteJob",
    "WriteLevel",
    "WriteValue",
    "build_info",
    "compress_frames",
    "decode_pixels",
    "dict_entries",
    "dict_entry",
    "dict_entry_exact",
    "encaps_frame",
    "encaps_frames",
    "encaps_items",
    "encapsulate_frames",
    "encapsulate_frames_extended",
    "encode",
    "index_column_type",
    "index_columns",
    "lut_apply",
    "pack_bits",
    "pixel_module",
    "private_dictionaries",
    "private_entry",
    "read",
    "read_many",
    "repeater_entries",
    "rle_decode_segment",
    "rle_encode_frame",
    "rle_encode_row",
    "swap_byte_pairs",
    "tag_for_keyword",
    "transfer_syntaxes",
    "uid_dictionary",
    "uid_entry",
    "uid_keywords",
    "unpack_bits",
    "volume_fill",
    "volume_headers",
    "walk",
    "window_linear",
    "write_file",
]

@final
class LevelMap:
    """A data set's tag -> element mapping: ints are indices of untouched elements."""

    def __getitem__(self, key: int, /) -> Any: ...
    def __setitem__(self, key: int, value: Any, /) -> None: ...
    def __delitem__(self, key: int, /) -> None: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[int]: ...
    def get(self, tag: object, default: Any = None) -> Any: ...
    def keys(self) -> list[int]: ...
    def values(self) -> list[Any]: ...
    def items(self) -> list[tuple[int, Any]]: ...
    def pop(self, tag: int, *default: Any) -> Any: ...
    def clear(self) -> None: ...
    def copy(self) -> dict[int, Any]: ...
    def __copy__(self) -> LevelMap: ...
    def __deepcopy__(self, memo: Any) -> LevelMap: ...

@final
class ElementInfo:
    """One element of a parsed file's index."""

    @property
    def tag(self) -> int: ...
    @property
    def vr(self) -> str: ...
    @property
    def length(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def implicit_vr(self) -> bool: ...
    @property
    def undefined_length(self) -> bool: ...
    @property
    def from_un(self) -> bool: ...
    @property
    def unknown_vr(self) -> bool: ...

@final
class RawFile:
    """A parsed file: its bytes (buffer protocol) and the element index."""

    @property
    def preamble(self) -> bytes | None: ...
    @property
    def transfer_syntax(self) -> str: ...
    @property
    def implicit_vr(self) -> bool: ...
    @property
    def little_endian(self) -> bool: ...
    @property
    def writable(self) -> bool: ...
    @property
    def notes(self) -> tuple[tuple[str, str], ...]: ...
    def level(self, level: int) -> LevelMap: ...
    def info(self, idx: int) -> ElementInfo: ...
    def element(self, idx: int) -> tuple[int, str, int, bool]:
        """(tag, VR, value offset, undefined length) of element idx: `info`'s tag, vr,
        offset and undefined_length in one call, for making a `DataElement`."""
    def value(self, idx: int, vr: str | None = None) -> Any: ...
    def raw_value(self, idx: int) -> bytes: ...
    def unused_bits_set(
        self, offset: int, len: int, bits_allocated: int, bits_stored: int
    ) -> bool: ...
    def __copy__(self) -> RawFile: ...
    def __deepcopy__(self, _memo: Any) -> RawFile: ...

@final
class FrameSpec:
    """How the frames of pixel data are laid out."""

    def __new__(
        cls,
        rows: int,
        columns: int,
        samples_per_pixel: int,
        bits_allocated: int,
        bits_stored: int,
        signed: bool,
        photometric: str,
        planar_configuration: int,
    ) -> FrameSpec: ...
    @property
    def rows(self) -> int: ...
    @property
    def columns(self) -> int: ...
    @property
    def samples_per_pixel(self) -> int: ...
    @property
    def bits_allocated(self) -> int: ...
    @property
    def bits_stored(self) -> int: ...
    @property
    def signed(self) -> bool: ...
    @property
    def photometric(self) -> str: ...
    @property
    def planar_configuration(self) -> int: ...

@final
class TransferSyntax:
    """An entry of the core's transfer-syntax registry (src/transfer_syntax.rs)."""

    @property
    def uid(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def keyword(self) -> str: ...
    @property
    def implicit_vr(self) -> bool: ...
    @property
    def little_endian(self) -> bool: ...
    @property
    def deflated(self) -> bool: ...
    @property
    def encapsulated(self) -> bool: ...
    @property
    def lossy(self) -> bool: ...
    @property
    def decoder(self) -> str | None: ...
    @property
    def encoder(self) -> str | None: ...
    @property
    def ybr_to_rgb_after_decoding(self) -> bool: ...
    @property
    def codec_rgb(self) -> list[str]: ...
    @property
    def corrects_unused_bits(self) -> bool: ...

@final
class DictEntry:
    """A row of the data dictionary, or of the private dictionary (keyword "")."""

    @property
    def vr(self) -> str: ...
    @property
    def vm(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def retired(self) -> bool: ...
    @property
    def keyword(self) -> str: ...

@final
class UidEntry:
    """A row of the UID table."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def info(self) -> str: ...
    @property
    def retired(self) -> bool: ...
    @property
    def keyword(self) -> str: ...

def read(
    src: str | PathLike[str] | bytes | bytearray | memoryview,
    *,
    force: bool = False,
    stop_before_pixels: bool = False,
    specific_tags: list[int] | None = None,
    encoding: tuple[bool, bool] | None = None,
    implicit_vr_switch: bool = True,
    infer_sq_for_un_vr: bool = True,
) -> RawFile: ...
def decode_pixels(
    source: RawFile | bytes,
    idx: int,
    transfer_syntax: str,
    spec: FrameSpec,
    number_of_frames: int,
    index: int | None = None,
    eot: tuple[list[int], list[int]] | None = None,
    as_rgb: bool = True,
) -> tuple[np.ndarray, int, str | None]: ...
def swap_byte_pairs(
    source: Any, offset: int, length: int, start: int, count: int
) -> np.ndarray: ...
def pixel_module(level: LevelMap, ask: object) -> tuple[Any, ...]: ...
def compress_frames(
    transfer_syntax: str,
    data: Any,
    spec: FrameSpec,
    frames: int,
    extended: bool = False,
    jls_error: int = 0,
    j2k_cr: list[float] | None = None,
    j2k_psnr: list[float] | None = None,
    jpeg_quality: int = 90,
    jpeg_predictor: int = 1,
) -> tuple[bytes, bytes | None, bytes | None]: ...
def lut_apply(arr: np.ndarray, luts: list[np.ndarray], first_mapped: int) -> np.ndarray | None: ...
def window_linear(
    arr: np.ndarray, center: float, width: float, y_min: float, y_max: float, y_range: float
) -> np.ndarray | None: ...
def dict_entry(tag: int) -> DictEntry | None: ...
def dict_entry_exact(tag: int) -> DictEntry | None: ...
def tag_for_keyword(keyword: str) -> int | None: ...
def private_entry(creator: str, tag: int) -> DictEntry | None: ...
def uid_entry(uid: str) -> UidEntry | None: ...
def uid_keywords() -> list[tuple[str, str]]: ...
def dict_entries() -> list[tuple[int, DictEntry]]: ...
def repeater_entries() -> list[tuple[str, DictEntry]]: ...
def uid_dictionary() -> list[tuple[str, UidEntry]]: ...
def private_dictionaries() -> list[tuple[str, list[tuple[str, DictEntry]]]]: ...

# encapsulation and bit packing (src/py/encaps.rs)
_Spans = list[tuple[int, int]]
_Eot = tuple[list[int], list[int]] | None

def encaps_items(buffer: Any, big_endian: bool) -> tuple[_Spans, Exception | None]: ...
def encaps_frames(
    buffer: Any, number_of_frames: int, eot: _Eot, big_endian: bool
) -> tuple[list[_Spans], str | None]: ...
def encaps_frame(
    buffer: Any, index: int, number_of_frames: int, eot: _Eot, big_endian: bool
) -> tuple[_Spans, str | None]: ...
def encapsulate_frames(frames: list[Any], has_bot: bool) -> bytes: ...
def encapsulate_frames_extended(frames: list[Any]) -> tuple[bytes, list[int], list[int]]: ...
def pack_bits(values: Any, pad: bool = False) -> bytes: ...
def unpack_bits(packed: Any) -> np.ndarray: ...  # uint64 words: view as uint8
def rle_decode_segment(src: Any) -> bytes: ...
def rle_encode_row(row: Any) -> bytes: ...
def rle_encode_frame(
    src: Any, rows: int, columns: int, samples_per_pixel: int, bits_allocated: int
) -> bytes: ...

# --- the writer (src/py/write.rs; the protocol is described in docs/writing.md) ---

@final
class WriteLevel:
    """A data set or item to write: the data set (handed back to the hooks), its tag ->
    element mapping, and whether its length as an item is undefined."""

    dataset: Any
    elements: LevelMap | dict[int, Any]
    undefined_length: bool
    def __new__(
        cls, dataset: Any, elements: LevelMap | dict[int, Any], undefined_length: bool = False
    ) -> WriteLevel: ...

@final
class ElementState:
    """A stored element's VR and length form; `source`/`index` while it holds the value read."""

    vr: str
    undefined_length: bool
    source: RawFile | None
    index: int
    def __new__(
        cls, vr: str, undefined_length: bool, source: RawFile | None = None, index: int = 0
    ) -> ElementState: ...

@final
class WriteValue:
    """A value for the encoder: its resolved VR, `kind` ("empty", "bytes", "str", "int",
    "float") and data (None, a bytes-like object, or a list of str/int/float)."""

    vr: str
    kind: str
    data: Any
    def __new__(cls, vr: str, kind: str, data: Any = None) -> WriteValue: ...

@final
class WriteHooks:
    """The Python side of the walk."""

    state: Callable[[Any], ElementState]
    element: Callable[[Any, int], Any]
    value: Callable[[Any, Any, bool], WriteValue]
    items: Callable[[Any], list[WriteLevel]]
    charset: Callable[[Any], list[str]]
    def __new__(
        cls,
        *,
        state: Callable[[Any], ElementState],
        element: Callable[[Any, int], Any],
        value: Callable[[Any, Any, bool], WriteValue],
        items: Callable[[Any], list[WriteLevel]],
        charset: Callable[[Any], list[str]],
    ) -> WriteHooks: ...

@final
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
    def __new__(
        cls,
        dataset: WriteLevel,
        *,
        implicit_vr: bool,
        little_endian: bool,
        hooks: WriteHooks,
        preamble: bytes | None = None,
        meta: WriteLevel | None = None,
        deflate: bool = False,
        charset: list[str] = ...,
    ) -> WriteJob: ...

@final
class Encoded:
    """Encoded bytes and the warnings to issue."""

    data: bytes
    warnings: list[str]

def encode(job: WriteJob) -> Encoded: ...
def write_file(
    path: str | PathLike[str], job: WriteJob, overwrite: bool = True, fsync: bool = True
) -> list[str]: ...
def transfer_syntaxes() -> list[TransferSyntax]: ...

# --- many files (src/py/batch.rs; see docs/batch.md) ---

@final
class FileList:
    """Files found by `walk`, kept in Rust."""

    def __len__(self) -> int: ...
    def paths(self) -> list[str]: ...
    @property
    def problems(self) -> list[tuple[str, str]]: ...

def walk(roots: Sequence[str | PathLike[str]], *, threads: int | None = None) -> FileList: ...
def read_many(
    paths: Sequence[str | PathLike[str]],
    *,
    force: bool = False,
    stop_before_pixels: bool = True,
    specific_tags: list[int] | None = None,
    threads: int | None = None,
    implicit_vr_switch: bool = True,
    infer_sq_for_un_vr: bool = True,
) -> list[RawFile | BaseException]: ...
def index_column_type(tag: int) -> tuple[str, bool]: ...
def index_columns(
    files: FileList | Sequence[str | PathLike[str]],
    tags: list[int],
    *,
    start: int = 0,
    stop: int | None = None,
    threads: int | None = None,
) -> list[
    tuple[
        np.ndarray,
        np.ndarray | None,
        np.ndarray,
        np.ndarray | None,
        np.ndarray | None,
        np.ndarray | None,
    ]
]: ...

# --- the build (src/py/build_info.rs): versions of the core and the bundled codec libraries ---
def build_info() -> dict[str, str | bool]: ...

# --- series to volume (src/py/volume.rs; see docs/volume.md) ---

def volume_fill(
    out: np.ndarray,
    out_type: str,
    rows: int,
    columns: int,
    paths: Sequence[str | PathLike[str]],
    slots: Sequence[int],
    slopes: Sequence[float],
    intercepts: Sequence[float],
    *,
    mask_unsigned_native: bool,
    implicit_vr_switch: bool = True,
    infer_sq_for_un_vr: bool = True,
    threads: int | None = None,
) -> list[int]: ...
def volume_headers(
    headers: Sequence[RawFile | None],
) -> tuple[
    np.ndarray,  # (n, 13) float64: position, orientation, pixel spacing, slope, intercept
    np.ndarray,  # (n, 3) int64: rows, columns, samples per pixel
    np.ndarray,  # (n,) bool: the two above and the photometric interpretation were read
    list[str | None],  # photometric interpretation
    list[str | None],  # Series Instance UID
    list[str | None],  # Frame of Reference UID
]: ...
