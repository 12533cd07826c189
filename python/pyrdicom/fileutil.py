"""pydicom's file and buffer helpers: path-likes and `io.BufferedIOBase` buffers (used as
element values that are read in chunks)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from io import BufferedIOBase
from typing import Any

from . import config


def path_from_pathlike(file_object: Any) -> Any:
    """The path as a str if `file_object` is path-like, else `file_object` itself.


    Parameters
    ----------
    file_object : object
        A path-like object, or anything else (a str, a file object).

    Returns
    -------
    object

    Examples
    --------
    >>> from pathlib import Path
    >>> from pyrdicom.fileutil import path_from_pathlike
    >>> path_from_pathlike(Path("series") / "ct.dcm")
    'series/ct.dcm'
    """
    try:
        return os.fspath(file_object)
    except TypeError:
        return file_object


def check_buffer(buffer: BufferedIOBase) -> None:
    """Raise unless `buffer` is an open, readable and seekable `io.BufferedIOBase`.


    Parameters
    ----------
    buffer : io.BufferedIOBase
        The buffer.

    Raises
    ------
    TypeError
        Not an ``io.BufferedIOBase``.
    ValueError
        Closed, or not readable and seekable.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.fileutil import check_buffer
    >>> check_buffer(io.BufferedReader(io.BytesIO(b"DICM")))
    """
    if not isinstance(buffer, BufferedIOBase):
        raise TypeError("the buffer must inherit from 'io.BufferedIOBase'")
    if buffer.closed:
        raise ValueError("the buffer has been closed")
    if not buffer.readable() or not buffer.seekable():
        raise ValueError("the buffer must be readable and seekable")


@contextmanager
def reset_buffer_position(buffer: BufferedIOBase) -> Iterator[int]:
    """Yield the buffer's position and seek back to it on leaving the block.


    Parameters
    ----------
    buffer : io.BufferedIOBase
        The buffer.

    Yields
    ------
    int
        The position on entering.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.fileutil import reset_buffer_position
    >>> buffer = io.BufferedReader(io.BytesIO(b"0123456789"))
    >>> _ = buffer.seek(4)
    >>> with reset_buffer_position(buffer) as start:
    ...     data = buffer.read()
    >>> start, data, buffer.tell()
    (4, b'456789', 4)
    """
    check_buffer(buffer)
    start = buffer.tell()
    yield start
    buffer.seek(start)


def read_buffer(buffer: BufferedIOBase, *, chunk_size: int | None = None) -> Iterator[bytes]:
    """The rest of `buffer` in chunks of `chunk_size` (default
    ``config.settings.buffered_read_size``); the position is not restored.


    Parameters
    ----------
    buffer : io.BufferedIOBase
        The buffer.
    chunk_size : int, optional
        The size of each chunk.

    Yields
    ------
    bytes

    Raises
    ------
    ValueError
        A `chunk_size` below 1.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.fileutil import read_buffer
    >>> list(read_buffer(io.BufferedReader(io.BytesIO(b"0123456789")), chunk_size=4))
    [b'0123', b'4567', b'89']
    """
    size = config.settings.buffered_read_size if chunk_size is None else chunk_size
    if size <= 0:
        raise ValueError(f"Invalid 'chunk_size' value '{size}', must be greater than 0")
    check_buffer(buffer)
    while chunk := buffer.read(size):
        yield chunk


def buffer_length(buffer: BufferedIOBase) -> int:
    """The buffer's total length (its position is kept).


    Parameters
    ----------
    buffer : io.BufferedIOBase
        The buffer.

    Returns
    -------
    int

    Examples
    --------
    >>> import io
    >>> from pyrdicom.fileutil import buffer_length
    >>> buffer_length(io.BufferedReader(io.BytesIO(b"0123456789")))
    10
    """
    with reset_buffer_position(buffer):
        return buffer.seek(0, os.SEEK_END)


def buffer_remaining(buffer: BufferedIOBase) -> int:
    """The number of bytes after the buffer's position (its position is kept).


    Parameters
    ----------
    buffer : io.BufferedIOBase
        The buffer.

    Returns
    -------
    int

    Examples
    --------
    >>> import io
    >>> from pyrdicom.fileutil import buffer_remaining
    >>> buffer = io.BufferedReader(io.BytesIO(b"0123456789"))
    >>> _ = buffer.seek(4)
    >>> buffer_remaining(buffer)
    6
    """
    with reset_buffer_position(buffer) as start:
        return buffer.seek(0, os.SEEK_END) - start


def buffer_equality(buffer: BufferedIOBase, other: bytes | bytearray | BufferedIOBase) -> bool:
    """Whether the whole of `buffer` equals `other` (bytes or another buffer), compared in
    chunks; both positions are kept.


    Parameters
    ----------
    buffer : io.BufferedIOBase
        The buffer.
    other : bytes, bytearray or io.BufferedIOBase
        What to compare it with.

    Returns
    -------
    bool

    Examples
    --------
    >>> import io
    >>> from pyrdicom.fileutil import buffer_equality
    >>> buffer_equality(io.BufferedReader(io.BytesIO(b"DICM")), b"DICM")
    True
    """
    if not isinstance(other, bytes | bytearray | BufferedIOBase):
        return False
    with reset_buffer_position(buffer):
        buffer.seek(0)
        if isinstance(other, bytes | bytearray):
            start = 0
            for chunk in read_buffer(buffer):
                if other[start : start + len(chunk)] != chunk:
                    return False
                start += len(chunk)
            return len(other) == start
        if buffer_length(buffer) != buffer_length(other):
            return False
        with reset_buffer_position(other):
            other.seek(0)
            chunks = zip(read_buffer(buffer), read_buffer(other), strict=False)
            return all(a == b for a, b in chunks)
