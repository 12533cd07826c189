"""pydicom's buffer wrappers: `DicomIO`, `DicomFileLike`, `DicomBytesIO`, `DicomFile`.

They carry the encoding (`is_little_endian`, `is_implicit_VR`) that pydicom's per-element
functions (`filewriter.write_dataset`, `write_data_element`, ...) read from the buffer, and
pack/unpack the few fixed-size numbers of element headers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO
from struct import Struct
from typing import Any, Protocol


class ReadableBuffer(Protocol):
    """What `DicomIO` reads from: ``read``, ``seek`` and ``tell`` as binary files have them.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.filebase import DicomIO
    >>> DicomIO(io.BytesIO(b"DICM")).read(4)  # io.BytesIO is a ReadableBuffer
    b'DICM'
    """

    def read(self, size: int = ..., /) -> bytes:
        """Up to `size` bytes (all that is left without it).

        Parameters
        ----------
        size : int
            How many bytes.

        Returns
        -------
        bytes

        Examples
        --------
        >>> import io
        >>> io.BytesIO(b"DICM").read(2)
        b'DI'
        """

    def seek(self, offset: int, whence: int = ..., /) -> int:
        """Move to `offset` relative to `whence` (``os.SEEK_SET``, ``SEEK_CUR``, ``SEEK_END``).

        Parameters
        ----------
        offset : int
            The position, relative to `whence`.
        whence : int
            Where `offset` counts from.

        Returns
        -------
        int
            The new position.

        Examples
        --------
        >>> import io
        >>> io.BytesIO(b"DICM").seek(2)
        2
        """

    def tell(self) -> int:
        """The position.

        Returns
        -------
        int

        Examples
        --------
        >>> import io
        >>> io.BytesIO(b"DICM").tell()
        0
        """


class WriteableBuffer(Protocol):
    """What `DicomIO` writes to: ``write``, ``seek`` and ``tell`` as binary files have them.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.filebase import DicomIO
    >>> DicomIO(io.BytesIO()).write(b"DICM")  # io.BytesIO is a WriteableBuffer
    4
    """

    def seek(self, offset: int, whence: int = ..., /) -> int:
        """Move to `offset` relative to `whence` (``os.SEEK_SET``, ``SEEK_CUR``, ``SEEK_END``).

        Parameters
        ----------
        offset : int
            The position, relative to `whence`.
        whence : int
            Where `offset` counts from.

        Returns
        -------
        int
            The new position.

        Examples
        --------
        >>> import io
        >>> io.BytesIO(b"DICM").seek(0, 2)
        4
        """

    def tell(self) -> int:
        """The position.

        Returns
        -------
        int

        Examples
        --------
        >>> import io
        >>> buffer = io.BytesIO()
        >>> _ = buffer.write(b"DICM")
        >>> buffer.tell()
        4
        """

    def write(self, b: bytes | bytearray | memoryview, /) -> int:
        """Write `b`.

        Parameters
        ----------
        b : bytes-like
            The bytes.

        Returns
        -------
        int
            How many were written.

        Examples
        --------
        >>> import io
        >>> io.BytesIO().write(b"DICM")
        4
        """


class DicomIO:
    """Wraps a buffer-like object (``seek``/``tell``, and ``read`` and/or ``write``).


    Parameters
    ----------
    buffer : ReadableBuffer or WriteableBuffer
        The object read from or written to.

    Examples
    --------
    >>> import io
    >>> from pyrdicom.filebase import DicomIO
    >>> fp = DicomIO(io.BytesIO(bytes([0x10, 0, 0x20, 0])))
    >>> fp.is_little_endian = True
    >>> fp.read_tag()
    (16, 32)
    """

    def __init__(self, buffer: ReadableBuffer | WriteableBuffer) -> None:
        self._us_unpacker: Callable[[bytes], tuple[Any, ...]]
        self._us_packer: Callable[[int], bytes]
        self._ul_unpacker: Callable[[bytes], tuple[Any, ...]]
        self._ul_packer: Callable[[int], bytes]
        self._tag_unpacker: Callable[[bytes], tuple[Any, ...]]
        self._tag_packer: Callable[[int, int], bytes]
        self._implicit_vr: bool
        self._little_endian: bool
        self._buffer = buffer
        self._name: str | None = getattr(buffer, "name", None)
        # the buffer's own methods replace the class's (no wrapper call per read/write)
        for method in ("read", "write", "close"):
            if hasattr(buffer, method):
                setattr(self, method, getattr(buffer, method))
        self.seek = buffer.seek  # type: ignore[method-assign]
        self.tell = buffer.tell  # type: ignore[method-assign]

    def close(self, *args: Any, **kwargs: Any) -> Any:
        """Close the buffer (when it can be closed).


        Parameters
        ----------
        *args
            Passed to the buffer's ``close``.
        **kwargs
            Passed to the buffer's ``close``.

        Returns
        -------
        object
            What the buffer's ``close`` returns.

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> buffer = io.BytesIO()
        >>> DicomIO(buffer).close()
        >>> buffer.closed
        True
        """

    def __enter__(self) -> DicomIO:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def is_little_endian(self) -> bool:
        """The byte order used to encode/decode: ``True`` for little endian."""
        if not hasattr(self, "_little_endian"):
            raise AttributeError(f"{type(self).__name__}.is_little_endian' has not been set")
        return self._little_endian

    @is_little_endian.setter
    def is_little_endian(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"'{type(self).__name__}.is_little_endian' must be bool")
        self._little_endian = value
        order = "><"[value]
        self._us_packer = Struct(f"{order}H").pack
        self._us_unpacker = Struct(f"{order}H").unpack
        self._ul_packer = Struct(f"{order}L").pack
        self._ul_unpacker = Struct(f"{order}L").unpack
        self._tag_packer = Struct(f"{order}2H").pack
        self._tag_unpacker = Struct(f"{order}2H").unpack

    @property
    def is_implicit_VR(self) -> bool:
        """The VR encoding used to encode/decode: ``True`` for implicit VR."""
        if not hasattr(self, "_implicit_vr"):
            raise AttributeError(f"{type(self).__name__}.is_implicit_VR' has not been set")
        return self._implicit_vr

    @is_implicit_VR.setter
    def is_implicit_VR(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"'{type(self).__name__}.is_implicit_VR' must be bool")
        self._implicit_vr = value

    @property
    def name(self) -> str | None:
        """The wrapped buffer's ``name`` (``None`` when it has none)."""
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        self._name = name

    @property
    def parent(self) -> ReadableBuffer | WriteableBuffer:
        """The wrapped buffer."""
        return self._buffer

    def read(self, size: int = -1, /) -> bytes:
        """Read up to `size` bytes (the buffer's own ``read`` replaces this one).

        Parameters
        ----------
        size : int
            How many bytes (-1: the rest).

        Returns
        -------
        bytes

        Raises
        ------
        TypeError
            The buffer cannot be read.

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> DicomIO(io.BytesIO(b"DICM")).read(2)
        b'DI'
        """
        raise TypeError(
            f"'{type(self).__name__}' cannot be used with "
            f"'{type(self._buffer).__name__}': object has no read() method"
        )

    def read_exact(self, length: int, nr_retries: int = 3) -> bytes:
        """Exactly `length` bytes, retrying short reads up to `nr_retries` times;
        ``EOFError`` when the buffer ends first.


        Parameters
        ----------
        length : int
            How many bytes.
        nr_retries : int
            How many more reads a short read gets.

        Returns
        -------
        bytes

        Raises
        ------
        EOFError
            The buffer ends first.

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> DicomIO(io.BytesIO(b"DICM")).read_exact(4)
        b'DICM'
        """
        data = self.read(length)
        if len(data) == length:
            return data
        got = bytearray(data)
        for _ in range(nr_retries):
            if len(got) >= length:
                break
            got += self.read(length - len(got))
        if len(got) == length:
            return bytes(got)
        raise EOFError(
            f"Unexpected end of file. Read {len(got)} bytes of {length} "
            f"expected starting at position 0x{self.tell() - len(got):x}"
        )

    def read_tag(self) -> tuple[int, int]:
        """A (group, element) pair read from the buffer.


        Returns
        -------
        tuple of (int, int)

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> fp = DicomIO(io.BytesIO(bytes([0x28, 0, 0x10, 0])))
        >>> fp.is_little_endian = True
        >>> fp.read_tag()
        (40, 16)
        """
        return self._tag_unpacker(self.read_exact(4))

    def read_UL(self) -> int:
        """A 4-byte unsigned integer in the byte order set (`is_little_endian`).

        Returns
        -------
        int

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> fp = DicomIO(io.BytesIO(bytes([1, 0, 0, 0])))
        >>> fp.is_little_endian = True
        >>> fp.read_UL()
        1
        """
        return int(self._ul_unpacker(self.read(4))[0])

    def read_US(self) -> int:
        """A 2-byte unsigned integer in the byte order set (`is_little_endian`).

        Returns
        -------
        int

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> fp = DicomIO(io.BytesIO(bytes([0, 1])))
        >>> fp.is_little_endian = False
        >>> fp.read_US()
        1
        """
        return int(self._us_unpacker(self.read(2))[0])

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        """Move in the buffer, as ``io.IOBase.seek`` (the buffer's own ``seek`` replaces this one).

        Parameters
        ----------
        offset : int
            The position, relative to `whence`.
        whence : int
            ``os.SEEK_SET``, ``os.SEEK_CUR`` or ``os.SEEK_END``.

        Returns
        -------
        int

        Raises
        ------
        NotImplementedError
            Never reached: every buffer has its own ``seek``.

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> DicomIO(io.BytesIO(b"DICM")).seek(2)
        2
        """
        raise NotImplementedError

    def tell(self) -> int:
        """The position in the buffer (the buffer's own ``tell`` replaces this one).

        Returns
        -------
        int

        Raises
        ------
        NotImplementedError
            Never reached: every buffer has its own ``tell``.

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> fp = DicomIO(io.BytesIO(b"DICM"))
        >>> _ = fp.read(3)
        >>> fp.tell()
        3
        """
        raise NotImplementedError

    def write(self, b: bytes | bytearray | memoryview, /) -> int:
        """Write `b` (the buffer's own ``write`` replaces this one).

        Parameters
        ----------
        b : bytes-like
            The bytes.

        Returns
        -------
        int
            How many were written.

        Raises
        ------
        TypeError
            The buffer cannot be written.

        Examples
        --------
        >>> import io
        >>> from pyrdicom.filebase import DicomIO
        >>> DicomIO(io.BytesIO()).write(b"DICM")
        4
        """
        raise TypeError(
            f"'{type(self).__name__}' cannot be used with "
            f"'{type(self._buffer).__name__}': object has no write() method"
        )

    def write_tag(self, tag: int) -> None:
        """Write `tag` as its group and element in the byte order set (`is_little_endian`).

        Parameters
        ----------
        tag : int
            The tag.

        Examples
        --------
        >>> from pyrdicom.filebase import DicomBytesIO
        >>> fp = DicomBytesIO()
        >>> fp.is_little_endian = True
        >>> fp.write_tag(0x00100020)
        >>> fp.getvalue().hex()
        '10002000'
        """
        self.write(self._tag_packer(tag >> 16, tag & 0xFFFF))

    def write_UL(self, val: int) -> None:
        """Write a 4-byte unsigned integer in the byte order set (`is_little_endian`).

        Parameters
        ----------
        val : int
            The value.

        Examples
        --------
        >>> from pyrdicom.filebase import DicomBytesIO
        >>> fp = DicomBytesIO()
        >>> fp.is_little_endian = False
        >>> fp.write_UL(1)
        >>> fp.getvalue().hex()
        '00000001'
        """
        self.write(self._ul_packer(val))

    def write_US(self, val: int) -> None:
        """Write a 2-byte unsigned integer in the byte order set (`is_little_endian`).

        Parameters
        ----------
        val : int
            The value.

        Examples
        --------
        >>> from pyrdicom.filebase import DicomBytesIO
        >>> fp = DicomBytesIO()
        >>> fp.is_little_endian = True
        >>> fp.write_US(1)
        >>> fp.getvalue().hex()
        '0100'
        """
        self.write(self._us_packer(val))


class DicomFileLike(DicomIO):
    """`DicomIO` over a file-like object.


    Parameters
    ----------
    buffer : ReadableBuffer or WriteableBuffer
        The file-like object.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.filebase import DicomFileLike
    >>> with open(get_testdata_file("CT_small.dcm"), "rb") as f:
    ...     fp = DicomFileLike(f)
    ...     _ = fp.seek(128)
    ...     prefix = fp.read(4)
    >>> prefix
    b'DICM'
    """


def DicomFile(*args: Any, **kwargs: Any) -> DicomFileLike:
    """A `DicomFileLike` over ``open(*args, **kwargs)``.


    Parameters
    ----------
    *args
        ``open``'s arguments.
    **kwargs
        ``open``'s keywords.

    Returns
    -------
    DicomFileLike

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.filebase import DicomFile
    >>> with DicomFile(get_testdata_file("CT_small.dcm"), "rb") as fp:
    ...     _ = fp.seek(128)
    ...     prefix = fp.read(4)
    >>> prefix
    b'DICM'
    """
    return DicomFileLike(open(*args, **kwargs))


class DicomBytesIO(DicomIO):
    """`DicomIO` over an in-memory `io.BytesIO`.


    Parameters
    ----------
    initial_bytes : bytes-like
        The buffer's first contents.

    Examples
    --------
    >>> from pyrdicom.filebase import DicomBytesIO
    >>> fp = DicomBytesIO(b"DICM")
    >>> fp.read(4), fp.getvalue()
    (b'DICM', b'DICM')
    """

    def __init__(self, initial_bytes: bytes | bytearray | memoryview = b"") -> None:
        buffer = BytesIO(initial_bytes)
        super().__init__(buffer)
        self.getvalue = buffer.getvalue
