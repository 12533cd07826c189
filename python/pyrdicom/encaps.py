"""Encapsulated (compressed) pixel data: pydicom 3's ``pydicom.encaps``.

Item walks and frame layouts run in the core (``src/pixel/encaps.rs``) over the whole value at
once, the GIL released; only the frames asked for are copied out. A file-like `buffer` (one with
``read``/``tell``/``seek``) is read from its current position, and left where pydicom leaves it.
"""

from __future__ import annotations

import mmap
import os
import warnings
from collections.abc import Iterator
from io import BufferedIOBase, BytesIO
from itertools import accumulate, pairwise
from struct import pack, unpack
from typing import Any

from . import _core
from .misc import warn_and_log
from .tag import BaseTag

_ITEM = b"\xfe\xff\x00\xe0"
_MAX_ITEM = 2**32 - 2

Spans = list[tuple[int, int]]


class _Value:
    """An encapsulated value as bytes-like `data` (from a buffer's current position), with what
    is needed to put a file-like buffer back where pydicom leaves it."""

    def __init__(self, buffer: Any, endianness: str) -> None:
        if endianness not in ("<", ">"):
            raise ValueError(f"Invalid 'endianness' value '{endianness}', must be '<' or '>'")
        self.big = endianness == ">"
        self.file = None if isinstance(buffer, bytes | bytearray | memoryview) else buffer
        self.start = 0
        if self.file is None:
            self.data: Any = buffer
        elif isinstance(buffer, mmap.mmap):
            self.start = buffer.tell()
            self.data = memoryview(buffer)[self.start :]  # no copy
        else:
            self.start = buffer.tell()
            # In chunks: EncapsulatedBuffer.read() reads 8 KiB by default, as pydicom's does.
            self.data = b"".join(iter(lambda: buffer.read(1 << 20), b""))

    def seek(self, offset: int) -> None:
        """Put a file-like buffer at `offset` from where reading started."""
        if self.file is not None:
            self.file.seek(self.start + offset)

    def bytes(self, spans: Spans) -> bytes:
        data = self.data
        if len(spans) == 1:
            start, end = spans[0]
            if data.__class__ is bytes:
                return data[start:end]  # one copy, no view
            return bytes(memoryview(data)[start:end])
        view = memoryview(data)
        return b"".join(view[start:end] for start, end in spans)


def _eot(extended_offsets: Any, endianness: str) -> tuple[list[int], list[int]] | None:
    if not extended_offsets:
        return None

    def values(v: Any) -> list[int]:
        if isinstance(v, bytes | bytearray):
            return list(unpack(f"{endianness}{len(v) // 8}Q", v[: len(v) // 8 * 8]))
        return [int(x) for x in v]

    return values(extended_offsets[0]), values(extended_offsets[1])


# Parsing
def parse_basic_offsets(buffer: Any, *, endianness: str = "<") -> list[int]:
    """The Basic Offset Table's frame offsets, `buffer` positioned at the BOT item.


    Parameters
    ----------
    buffer : bytes-like or binary file-like
        The encapsulated value (a file-like one is left after the BOT item).
    endianness : str
        "<" little endian, ">" big endian.

    Returns
    -------
    list of int

    Raises
    ------
    ValueError
        No item tag where the BOT should start, or a length that is not a multiple of 4.

    Examples
    --------
    >>> from pyrdicom.encaps import encapsulate, parse_basic_offsets
    >>> value = encapsulate([bytes(4), bytes(2)])
    >>> parse_basic_offsets(value)
    [0, 12]
    """
    if isinstance(buffer, bytes | bytearray):
        buffer = BytesIO(buffer)
    group, elem = unpack(f"{endianness}HH", buffer.read(4))
    if (group << 16 | elem) != 0xFFFEE000:
        raise ValueError(
            f"Found unexpected tag {BaseTag(group << 16 | elem)} instead of (FFFE,E000) when "
            "parsing the Basic Offset Table item"
        )
    (length,) = unpack(f"{endianness}L", buffer.read(4))
    if length % 4:
        raise ValueError("The length of the Basic Offset Table item is not a multiple of 4")
    if length == 0:
        return []
    return list(unpack(f"{endianness}{length // 4}L", buffer.read(length)))


def parse_fragments(buffer: Any, *, endianness: str = "<") -> tuple[int, list[int]]:
    """The number of fragment items in `buffer` (from its position) and where each item
    starts; a file-like buffer is put back where it was.


    Parameters
    ----------
    buffer : bytes-like or binary file-like
        Positioned at the first fragment item (after the BOT item).
    endianness : str
        "<" little endian, ">" big endian.

    Returns
    -------
    tuple of (int, list of int)

    Raises
    ------
    ValueError
        An item tag is missing or a length runs past the end.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.encaps import encapsulate, parse_basic_offsets, parse_fragments
    >>> buffer = io.BytesIO(encapsulate([bytes(4), bytes(2)]))
    >>> _ = parse_basic_offsets(buffer)  # past the BOT item
    >>> parse_fragments(buffer)
    (2, [16, 28])
    """
    value = _Value(buffer, endianness)
    spans, error = _core.encaps_items(value.data, value.big)
    value.seek(0)
    if error is not None:
        raise error
    return len(spans), [value.start + start - 8 for start, _ in spans]


def generate_fragments(buffer: Any, *, endianness: str = "<") -> Iterator[bytes]:
    """Yield the contents of the fragment items in `buffer`, from its position.


    Parameters
    ----------
    buffer : bytes-like or binary file-like
        Positioned at the first fragment item.
    endianness : str
        "<" little endian, ">" big endian.

    Yields
    ------
    bytes

    Raises
    ------
    ValueError
        An item tag is missing or a length runs past the end.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.encaps import encapsulate, generate_fragments, parse_basic_offsets
    >>> buffer = io.BytesIO(encapsulate([bytes(4), bytes(2)]))
    >>> _ = parse_basic_offsets(buffer)
    >>> [len(fragment) for fragment in generate_fragments(buffer)]
    [4, 2]
    """
    value = _Value(buffer, endianness)
    spans, error = _core.encaps_items(value.data, value.big)
    for start, end in spans:
        value.seek(end)
        yield value.bytes([(start, end)])
    if error is not None:
        raise error
    value.seek(len(value.data))


def _frames(
    buffer: Any, number_of_frames: int | None, extended_offsets: Any, endianness: str
) -> Iterator[tuple[_Value, Spans]]:
    """Each frame's fragment spans in the encapsulated value of `buffer` (with the value), the
    frame layout's warning given before the last frame, as pydicom's generators give it."""
    value = _Value(buffer, endianness)
    frames, warning = _core.encaps_frames(
        value.data, number_of_frames or 0, _eot(extended_offsets, endianness), value.big
    )
    value.seek(len(value.data))
    for i, spans in enumerate(frames):
        if warning and i == len(frames) - 1:
            warn_and_log(warning)
        yield value, spans


def generate_fragmented_frames(
    buffer: Any,
    *,
    number_of_frames: int | None = None,
    extended_offsets: Any = None,
    endianness: str = "<",
) -> Iterator[tuple[bytes, ...]]:
    """Yield each frame of the encapsulated value in `buffer` as a tuple of its fragments.


    Parameters
    ----------
    buffer : bytes-like or binary file-like
        The encapsulated value, from the BOT item.
    number_of_frames : int, optional
        How many frames (needed when neither offset table tells).
    extended_offsets : tuple of (list of int, list of int) or bytes, optional
        The Extended Offset Table and its lengths.
    endianness : str
        "<" little endian, ">" big endian.

    Yields
    ------
    tuple of bytes

    Examples
    --------
    >>> from pyrdicom.encaps import encapsulate, generate_fragmented_frames
    >>> value = encapsulate([bytes(4), bytes(2)], fragments_per_frame=1)
    >>> [len(frame) for frame in generate_fragmented_frames(value)]
    [1, 1]
    """
    for value, spans in _frames(buffer, number_of_frames, extended_offsets, endianness):
        yield tuple(value.bytes([span]) for span in spans)


def generate_frames(
    buffer: Any,
    *,
    number_of_frames: int | None = None,
    extended_offsets: Any = None,
    endianness: str = "<",
) -> Iterator[bytes]:
    """Yield each frame of the encapsulated value in `buffer` as one bytes.


    Parameters
    ----------
    buffer : bytes-like or binary file-like
        The encapsulated value, from the BOT item.
    number_of_frames : int, optional
        How many frames (needed when neither offset table tells).
    extended_offsets : tuple of (list of int, list of int) or bytes, optional
        The Extended Offset Table and its lengths.
    endianness : str
        "<" little endian, ">" big endian.

    Yields
    ------
    bytes

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.encaps import generate_frames
    >>> ds = dcmread(get_testdata_file("emri_small_jpeg_2k_lossless.dcm"))
    >>> frames = list(generate_frames(ds.PixelData, number_of_frames=ds.NumberOfFrames))
    >>> len(frames), frames[0][:2].hex()
    (10, 'ff4f')
    """
    for value, spans in _frames(buffer, number_of_frames, extended_offsets, endianness):
        yield value.bytes(spans)


def get_frame(
    buffer: Any,
    index: int,
    *,
    extended_offsets: Any = None,
    number_of_frames: int | None = None,
    endianness: str = "<",
) -> bytes:
    """Frame `index` (from 0) of the encapsulated value in `buffer`.


    Parameters
    ----------
    buffer : bytes-like or binary file-like
        The encapsulated value, from the BOT item.
    index : int
        The frame.
    extended_offsets : tuple of (list of int, list of int) or bytes, optional
        The Extended Offset Table and its lengths.
    number_of_frames : int, optional
        How many frames (needed when neither offset table tells).
    endianness : str
        "<" little endian, ">" big endian.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pyrdicom.encaps import encapsulate, get_frame
    >>> len(get_frame(encapsulate([bytes(4), bytes(2)]), 1))
    2
    """
    value = _Value(buffer, endianness)
    try:
        spans, warning = _core.encaps_frame(
            value.data,
            index,
            number_of_frames or 0,
            _eot(extended_offsets, endianness),
            value.big,
        )
    finally:
        value.seek(0)
    if warning:
        warn_and_log(warning)
    return value.bytes(spans)


# Encapsulating
def fragment_frame(frame: bytes, nr_fragments: int = 1) -> Iterator[bytes]:
    """Yield `frame` split into `nr_fragments` even-length fragments (the last padded).


    Parameters
    ----------
    frame : bytes
        The frame.
    nr_fragments : int
        How many fragments.

    Yields
    ------
    bytes

    Raises
    ------
    ValueError
        Fragments would be shorter than 2 bytes.

    Examples
    --------
    >>> from pyrdicom.encaps import fragment_frame
    >>> [len(fragment) for fragment in fragment_frame(bytes(5), 2)]
    [2, 4]
    """
    size = len(frame)
    if nr_fragments > (size + 1) / 2.0:
        raise ValueError("Too many fragments requested (the minimum fragment size is 2 bytes)")
    length = size // nr_fragments
    length += length % 2
    last = length * (nr_fragments - 1)
    for offset in range(0, last, length):
        yield frame[offset : offset + length]
    yield frame[last:] + b"\x00" * ((size - last) % 2)


def itemize_fragment(fragment: bytes) -> bytes:
    """`fragment` as an item: tag, length, value.


    Parameters
    ----------
    fragment : bytes
        The fragment (of even length).

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pyrdicom.encaps import itemize_fragment
    >>> itemize_fragment(bytes(2)).hex()
    'feff00e0020000000000'
    """
    return _ITEM + pack("<I", len(fragment)) + fragment


def itemize_frame(frame: bytes, nr_fragments: int = 1) -> Iterator[bytes]:
    """Yield the items of `frame` split into `nr_fragments` fragments.


    Parameters
    ----------
    frame : bytes
        The frame.
    nr_fragments : int
        How many fragments.

    Yields
    ------
    bytes

    Examples
    --------
    >>> from pyrdicom.encaps import itemize_frame
    >>> [len(item) for item in itemize_frame(bytes(4), 2)]
    [10, 10]
    """
    for fragment in fragment_frame(frame, nr_fragments):
        yield itemize_fragment(fragment)


def _check_bot_limit(lengths: list[int]) -> None:
    total = (len(lengths) - 1) * 8 + sum(lengths[:-1])
    if total > 2**32 - 1:
        raise ValueError(
            f"The total length of the encapsulated frame data ({total} bytes) will be greater "
            f"than the maximum allowed by the Basic Offset Table ({2**32 - 1} bytes), it's "
            "recommended that you use the Extended Offset Table instead (see the "
            "'encapsulate_extended' function for more information)"
        )


def encapsulate(frames: list[bytes], fragments_per_frame: int = 1, has_bot: bool = True) -> bytes:
    """The encapsulated value of `frames`: a Basic Offset Table item (filled when `has_bot`)
    then each frame's fragment items.


    Parameters
    ----------
    frames : list of bytes
        The encoded frames.
    fragments_per_frame : int
        Fragments each frame is split into.
    has_bot : bool
        Fill the Basic Offset Table.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pyrdicom.encaps import encapsulate
    >>> value = encapsulate([bytes(4), bytes(2)])
    >>> len(value), value[:4].hex()
    (38, 'feff00e0')
    """
    if has_bot and frames:
        _check_bot_limit([len(f) for f in frames])
    if fragments_per_frame == 1:
        return _core.encapsulate_frames(frames, has_bot)
    items = [b"".join(itemize_frame(f, fragments_per_frame)) for f in frames]
    offsets = list(accumulate((len(i) for i in items[:-1]), initial=0)) if has_bot else []
    bot = _ITEM + pack(f"<I{len(offsets)}I", 4 * len(offsets), *offsets)
    return bot + b"".join(items)


def encapsulate_extended(frames: list[bytes]) -> tuple[bytes, bytes, bytes]:
    """The encapsulated value of `frames` with an empty BOT, and the (7FE0,0001) Extended
    Offset Table and (7FE0,0002) Extended Offset Table Lengths values.


    Parameters
    ----------
    frames : list of bytes
        The encoded frames.

    Returns
    -------
    tuple of (bytes, bytes, bytes)
        The Pixel Data value, the Extended Offset Table and its lengths.

    Examples
    --------
    >>> import numpy as np
    >>> from pyrdicom.encaps import encapsulate_extended
    >>> value, offsets, lengths = encapsulate_extended([bytes(4), bytes(2)])
    >>> np.frombuffer(offsets, "<u8").tolist(), np.frombuffer(lengths, "<u8").tolist()
    ([0, 12], [4, 2])
    """
    data, offsets, lengths = _core.encapsulate_frames_extended(frames)
    return data, pack(f"<{len(offsets)}Q", *offsets), pack(f"<{len(lengths)}Q", *lengths)


def _buffer_length(buffer: Any) -> int:
    position = buffer.tell()
    try:
        return int(buffer.seek(0, os.SEEK_END))
    finally:
        buffer.seek(position)


class _BufferedItem:
    """One frame's buffer seen as an item: tag and length, the buffer's bytes, a pad byte."""

    def __init__(self, buffer: BufferedIOBase) -> None:
        self.buffer = buffer
        self._blen = _buffer_length(buffer)
        if self._blen > _MAX_ITEM:
            raise ValueError("Buffers containing more than 4294967294 bytes are not supported")
        self._padding = bool(self._blen % 2)
        self.length = 8 + self._blen + self._padding
        self._item = _ITEM + (self.length - 8).to_bytes(4, "little")

    def read(self, start: int, size: int) -> bytes:
        """Up to `size` bytes of the item from `start` (0 is the item tag's first byte)."""
        if not 0 <= start < self.length:
            raise ValueError(
                f"Invalid 'start' value '{start}', must be in the closed interval "
                f"[0, {self.length - 1}]"
            )
        end = min(start + size, self.length)
        out = bytearray(self._item[start:end])
        lo, hi = max(start, 8), min(end, 8 + self._blen)
        if lo < hi:
            position = self.buffer.tell()
            try:
                self.buffer.seek(lo - 8)
                out += self.buffer.read(hi - lo)
            finally:
                self.buffer.seek(position)
        if self._padding and end == self.length:
            out += b"\x00"
        return bytes(out)


class EncapsulatedBuffer(BufferedIOBase):
    """A readable, seekable stream of the encapsulated value of buffered frames (one frame per
    buffer), read from the buffers only as it is read: for writing large data sets.


    Parameters
    ----------
    buffers : list of io.BufferedIOBase
        One encoded frame each (readable and seekable).
    use_bot : bool
        Fill the Basic Offset Table.

    Raises
    ------
    TypeError
        `buffers` is not a list of ``io.BufferedIOBase``.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.encaps import EncapsulatedBuffer, encapsulate
    >>> frames = [bytes(4), bytes(2)]
    >>> stream = EncapsulatedBuffer([io.BufferedReader(io.BytesIO(f)) for f in frames])
    >>> stream.read() == encapsulate(frames, has_bot=False)
    True
    """

    def __init__(self, buffers: list[BufferedIOBase], use_bot: bool = False) -> None:
        if not isinstance(buffers, list):
            raise TypeError(
                "'buffers' must be a list of objects that inherit from 'io.BufferedIOBase'"
            )
        self._items = [_BufferedItem(b) for b in buffers]
        self._offset = 0
        self._use_bot = use_bot
        bot = self.basic_offset_table
        self._item_offsets = [0] + [offset + len(bot) for offset in self.offsets]
        self._item_offsets.append(self.encapsulated_length)
        self._buffers: dict[int, _BufferedItem] = dict(enumerate(self._items, 1))
        self._buffers[0] = _BufferedItem(BytesIO(bot[8:]))

    @property
    def basic_offset_table(self) -> bytes:
        """The encoded Basic Offset Table item."""
        if not self._use_bot:
            return _ITEM + b"\x00\x00\x00\x00"
        offsets = self.offsets
        return _ITEM + pack(f"<I{len(offsets)}I", 4 * len(offsets), *offsets)

    @property
    def closed(self) -> bool:
        return any(item.buffer.closed for item in self._items)

    @property
    def extended_lengths(self) -> bytes:
        """The (7FE0,0002) Extended Offset Table Lengths value."""
        return pack(f"<{len(self.lengths)}Q", *(length - 8 for length in self.lengths))

    @property
    def extended_offsets(self) -> bytes:
        """The (7FE0,0001) Extended Offset Table value."""
        return pack(f"<{len(self.offsets)}Q", *self.offsets)

    @property
    def encapsulated_length(self) -> int:
        """The length of the whole encapsulated value."""
        return len(self.basic_offset_table) + sum(self.lengths)

    @property
    def lengths(self) -> list[int]:
        """Each frame item's length, tag and length included."""
        return [item.length for item in self._items]

    @property
    def offsets(self) -> list[int]:
        """Each frame item's offset, from 0 for the first."""
        offsets, at = [], 0
        for length in self.lengths:
            offsets.append(at)
            at += length
        return offsets

    def read(self, size: int | None = 8192, /) -> bytes:
        """Read up to `size` bytes of the encapsulated value (the rest when None or negative).

        Parameters
        ----------
        size : int or None
            How many bytes.

        Returns
        -------
        bytes

        Examples
        --------
        >>> import io
        >>> from pyrdicom.encaps import EncapsulatedBuffer
        >>> stream = EncapsulatedBuffer([io.BufferedReader(io.BytesIO(bytes(4)))])
        >>> stream.read(4).hex()
        'feff00e0'
        """
        total = self.encapsulated_length
        if self._offset >= total:
            return b""
        size = total - self._offset if size is None or size < 0 else size
        out = bytearray()
        while len(out) < size and self._offset < total:
            for idx, (start, end) in enumerate(pairwise(self._item_offsets)):
                if start <= self._offset < end:
                    chunk = self._buffers[idx].read(self._offset - start, size - len(out))
                    break
            else:
                chunk = b""
            if not chunk:
                break
            self._offset += len(chunk)
            out += chunk
        return bytes(out)

    def readable(self) -> bool:
        """Always True.

        Returns
        -------
        bool

        Examples
        --------
        >>> import io
        >>> from pyrdicom.encaps import EncapsulatedBuffer
        >>> EncapsulatedBuffer([io.BufferedReader(io.BytesIO(bytes(4)))]).readable()
        True
        """
        return all(item.buffer.readable() for item in self._items)

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        """Move to `offset` in the encapsulated value, as ``io.IOBase.seek``.

        Parameters
        ----------
        offset : int
            The position, relative to `whence`.
        whence : int
            ``os.SEEK_SET``, ``os.SEEK_CUR`` or ``os.SEEK_END``.

        Returns
        -------
        int
            The new position.

        Raises
        ------
        ValueError
            Another `whence`, or a position before the start.

        Examples
        --------
        >>> import io, os
        >>> from pyrdicom.encaps import EncapsulatedBuffer
        >>> stream = EncapsulatedBuffer([io.BufferedReader(io.BytesIO(bytes(4)))])
        >>> stream.seek(0, os.SEEK_END)
        20
        """
        if whence not in (os.SEEK_SET, os.SEEK_CUR, os.SEEK_END):
            raise ValueError("Invalid 'whence' value, should be 0, 1 or 2")
        if whence == os.SEEK_SET:
            if offset < 0:
                raise ValueError(f"Negative seek 'offset' value {offset}")
            self._offset = offset
        else:
            base = self._offset if whence == os.SEEK_CUR else self.encapsulated_length
            self._offset = max(base + offset, 0)
        return self._offset

    def seekable(self) -> bool:
        """Always True.

        Returns
        -------
        bool

        Examples
        --------
        >>> import io
        >>> from pyrdicom.encaps import EncapsulatedBuffer
        >>> EncapsulatedBuffer([io.BufferedReader(io.BytesIO(bytes(4)))]).seekable()
        True
        """
        return all(item.buffer.seekable() for item in self._items)

    def tell(self) -> int:
        """The position in the encapsulated value.

        Returns
        -------
        int

        Examples
        --------
        >>> import io
        >>> from pyrdicom.encaps import EncapsulatedBuffer
        >>> stream = EncapsulatedBuffer([io.BufferedReader(io.BytesIO(bytes(4)))])
        >>> _ = stream.read(8)
        >>> stream.tell()
        8
        """
        return self._offset


def encapsulate_buffer(buffers: list[BufferedIOBase], has_bot: bool = True) -> EncapsulatedBuffer:
    """An :class:`EncapsulatedBuffer` of `buffers`, one frame each.


    Parameters
    ----------
    buffers : list of io.BufferedIOBase
        One encoded frame each.
    has_bot : bool
        Fill the Basic Offset Table.

    Returns
    -------
    EncapsulatedBuffer

    Examples
    --------
    >>> import io
    >>> from pyrdicom.encaps import encapsulate, encapsulate_buffer
    >>> frames = [bytes(4), bytes(2)]
    >>> stream = encapsulate_buffer([io.BufferedReader(io.BytesIO(f)) for f in frames])
    >>> stream.read() == encapsulate(frames)
    True
    """
    return EncapsulatedBuffer(buffers, use_bot=has_bot)


def encapsulate_extended_buffer(
    buffers: list[BufferedIOBase],
) -> tuple[EncapsulatedBuffer, bytes, bytes]:
    """An :class:`EncapsulatedBuffer` of `buffers` and its Extended Offset Table values.


    Parameters
    ----------
    buffers : list of io.BufferedIOBase
        One encoded frame each.

    Returns
    -------
    tuple of (EncapsulatedBuffer, bytes, bytes)
        The Pixel Data value, the Extended Offset Table and its lengths.

    Examples
    --------
    >>> import io
    >>> import numpy as np
    >>> from pyrdicom.encaps import encapsulate_extended_buffer
    >>> buffers = [io.BufferedReader(io.BytesIO(bytes(n))) for n in (4, 2)]
    >>> stream, offsets, lengths = encapsulate_extended_buffer(buffers)
    >>> np.frombuffer(lengths, "<u8").tolist()
    [4, 2]
    """
    eb = EncapsulatedBuffer(buffers)
    return eb, eb.extended_offsets, eb.extended_lengths


# pydicom 2's names, deprecated in pydicom 3 (removed when config._use_future is set)
def _require_little(fp: Any) -> None:
    if not getattr(fp, "is_little_endian", True):
        raise ValueError("'fp.is_little_endian' must be True")


def _get_frame_offsets(fp: Any) -> tuple[bool, list[int]]:
    _require_little(fp)
    group, elem = unpack("<HH", fp.read(4))
    if (group << 16 | elem) != 0xFFFEE000:
        raise ValueError(
            f"Unexpected tag '{BaseTag(group << 16 | elem)}' when parsing the Basic Offset Table "
            "item"
        )
    (length,) = unpack("<L", fp.read(4))
    if length % 4:
        raise ValueError("The length of the Basic Offset Table item is not a multiple of 4")
    offsets = list(unpack(f"<{length // 4}L", fp.read(length)))
    return bool(length), offsets or [0]


def _get_nr_fragments(fp: Any) -> int:
    _require_little(fp)
    return parse_fragments(fp)[0]


def _generate_pixel_data_fragment(fp: Any) -> Iterator[bytes]:
    _require_little(fp)
    yield from generate_fragments(fp)


def _generate_pixel_data_frame(bytestream: bytes, nr_frames: int | None = None) -> Iterator[bytes]:
    yield from generate_frames(bytestream, number_of_frames=nr_frames)


def _generate_pixel_data(
    bytestream: bytes, nr_frames: int | None = None
) -> Iterator[tuple[bytes, ...]]:
    yield from generate_fragmented_frames(bytestream, number_of_frames=nr_frames)


def _read_item(fp: Any) -> bytes | None:
    header = fp.read(4)
    if len(header) < 4:
        return None
    group, elem = unpack("<HH", header)
    tag = group << 16 | elem
    (length,) = unpack("<L", fp.read(4))
    if tag == 0xFFFEE0DD:
        return None
    if length == 0xFFFFFFFF:
        raise ValueError(
            f"Encapsulated data fragment had Undefined Length at data position 0x{fp.tell() - 4:x}"
        )
    return bytes(fp.read(length))


def _decode_data_sequence(data: bytes) -> list[bytes]:
    fp = BytesIO(data)
    _get_frame_offsets(fp)
    items = []
    while item := _read_item(fp):
        items.append(item)
    return items


def _defragment_data(data: bytes) -> bytes:
    return b"".join(_decode_data_sequence(data))


_DEPRECATED = {
    "get_frame_offsets": _get_frame_offsets,
    "get_nr_fragments": _get_nr_fragments,
    "generate_pixel_data_fragment": _generate_pixel_data_fragment,
    "generate_pixel_data_frame": _generate_pixel_data_frame,
    "generate_pixel_data": _generate_pixel_data,
    "decode_data_sequence": _decode_data_sequence,
    "defragment_data": _defragment_data,
    "read_item": _read_item,
    "itemise_frame": itemize_frame,
    "itemise_fragment": itemize_fragment,
}


def __getattr__(name: str) -> Any:
    from . import config

    if name in _DEPRECATED and not getattr(config, "_use_future", False):
        msg = f"{name} is deprecated and will be removed in v4.0"
        warnings.warn(msg, DeprecationWarning, stacklevel=2)
        return _DEPRECATED[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
