"""Write 8-bit grey or RGB images as PNG (ISO/IEC 15948) with only the standard library and
NumPy."""

from __future__ import annotations

import contextlib
import os
import secrets
import struct
import zlib
from typing import IO

import numpy as np

__all__ = ["encode_png", "write_png"]

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_DIMENSION = 2**31 - 1
# Compressed data is split over IDAT chunks of this size (a chunk holds at most 2**31 - 1).
_IDAT_SIZE = 1 << 20
_COLOUR_TYPE = {1: 0, 3: 2}  # samples per pixel -> PNG colour type (grey, truecolour)


def encode_png(arr: np.ndarray) -> bytes:
    """Return `arr`, ``uint8`` of shape (rows, columns) grey or (rows, columns, 3) RGB, as PNG.


    Parameters
    ----------
    arr : numpy.ndarray
        The image.

    Returns
    -------
    bytes

    Raises
    ------
    ValueError
        Not ``uint8``, another shape, or an empty image.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import render
    >>> from pyrdicom.pixels.png import encode_png
    >>> png = encode_png(render(dcmread(get_testdata_file("CT_small.dcm"))))
    >>> png[1:4]
    b'PNG'
    """
    if not isinstance(arr, np.ndarray) or arr.dtype != np.uint8:
        raise ValueError("A PNG needs a uint8 numpy array")
    if not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] == 3)):
        raise ValueError(
            f"A PNG needs shape (rows, columns) or (rows, columns, 3), not {arr.shape}"
        )
    rows, columns = arr.shape[:2]
    if not (0 < rows <= _MAX_DIMENSION and 0 < columns <= _MAX_DIMENSION):
        raise ValueError(f"A PNG can't have {rows} rows and {columns} columns")
    samples = 1 if arr.ndim == 2 else 3

    raw = np.ascontiguousarray(arr).reshape(rows, columns * samples)
    compressed = zlib.compress(_filter(raw, samples).tobytes())
    # Width, height, bit depth, colour type, compression, filter method, no interlace
    header = struct.pack(">IIBBBBB", columns, rows, 8, _COLOUR_TYPE[samples], 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)]
    chunks += [
        _chunk(b"IDAT", compressed[start : start + _IDAT_SIZE])
        for start in range(0, len(compressed), _IDAT_SIZE)
    ]
    chunks.append(_chunk(b"IEND", b""))
    return _SIGNATURE + b"".join(chunks)


def write_png(path_or_file: str | os.PathLike[str] | IO[bytes], arr: np.ndarray) -> None:
    """Write `arr` (see `encode_png`) as PNG to a binary file object, or atomically to a path:
    through a temporary file in the same directory, synced, then renamed over the target, so
    the path never holds a partial image and a failure leaves no temporary file.


    Parameters
    ----------
    path_or_file : str, path-like or binary file-like
        Where to write.
    arr : numpy.ndarray
        The image (see `encode_png`).

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import render
    >>> from pyrdicom.pixels.png import write_png
    >>> write_png("ct.png", render(dcmread(get_testdata_file("CT_small.dcm"))))
    """
    data = encode_png(arr)
    if hasattr(path_or_file, "write"):
        path_or_file.write(data)
        return
    path = os.path.abspath(os.fsdecode(os.fspath(path_or_file)))
    directory, name = os.path.split(path)
    fd, temp = _create_temp(directory, name)
    try:
        with open(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _filter(raw: np.ndarray, bpp: int) -> np.ndarray:
    """Filter each row with the PNG filter (None, Sub, Up, Average, Paeth) whose output has the
    smallest sum of absolute values as signed bytes (the PNG specification's heuristic);
    returns the rows, each led by its filter type."""
    rows, width = raw.shape
    up = np.zeros_like(raw)
    up[1:] = raw[:-1]
    left = np.zeros_like(raw)
    left[:, bpp:] = raw[:, :-bpp]
    up_left = np.zeros_like(raw)
    up_left[:, bpp:] = up[:, :-bpp]

    a, b, c = (x.astype(np.int16) for x in (left, up, up_left))
    estimate = a + b - c
    pa, pb, pc = np.abs(estimate - a), np.abs(estimate - b), np.abs(estimate - c)
    paeth = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, up_left))
    average = ((a + b) >> 1).astype(np.uint8)

    # uint8 arithmetic wraps modulo 256, as the filters are defined
    candidates = np.stack([raw, raw - left, raw - up, raw - average, raw - paeth])
    cost = np.abs(candidates.view(np.int8).astype(np.int16)).sum(axis=2, dtype=np.int64)
    best = np.argmin(cost, axis=0)

    out = np.empty((rows, width + 1), dtype=np.uint8)
    out[:, 0] = best
    out[:, 1:] = candidates[best, np.arange(rows)]
    return out


def _create_temp(directory: str, name: str) -> tuple[int, str]:
    """Create a new temporary file beside the target; its mode follows the umask as the
    target's would (unlike `tempfile.mkstemp`'s 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(16):
        temp = os.path.join(directory, f".{name}.{secrets.token_hex(6)}.tmp")
        with contextlib.suppress(FileExistsError):
            return os.open(temp, flags, 0o666), temp
    raise FileExistsError(f"No free temporary file name beside {name!r} in {directory!r}")


def _fsync_directory(directory: str) -> None:
    """Make the rename durable where directories can be synced (POSIX)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
