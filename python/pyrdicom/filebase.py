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
    def read(self, size: int = ..., /) -> bytes: ...
    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def tell(self) -> int: ...


class WriteableBuffer(Protocol):
    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def tell(self) -> int: ...
    def write(self, b: bytes | bytearray | memoryview, /) -> int: ...


class DicomIO:
    """Wraps a buffer-like object (``seek``/``tell``, and ``read`` and/or ``write``)."""

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
        """Close the buffer (when it can be closed)."""

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
        raise TypeError(
            f"'{type(self).__name__}' cannot be used with "
            f"'{type(self._buffer).__name__}': object has no read() method"
        )

    def read_exact(self, length: int, nr_retries: int = 3) -> bytes:
        """Exactly `length` bytes, retrying short reads up to `nr_retries` times;
        ``EOFError`` when the buffer ends first."""
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
        """A (group, element) pair read from the buffer."""
        return self._tag_unpacker(self.read_exact(4))

    def read_UL(self) -> int:
        return int(self._ul_unpacker(self.read(4))[0])

    def read_US(self) -> int:
        return int(self._us_unpacker(self.read(2))[0])

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        raise NotImplementedError

    def tell(self) -> int:
        raise NotImplementedError

    def write(self, b: bytes | bytearray | memoryview, /) -> int:
        raise TypeError(
            f"'{type(self).__name__}' cannot be used with "
            f"'{type(self._buffer).__name__}': object has no write() method"
        )

    def write_tag(self, tag: int) -> None:
        self.write(self._tag_packer(tag >> 16, tag & 0xFFFF))

    def write_UL(self, val: int) -> None:
        self.write(self._ul_packer(val))

    def write_US(self, val: int) -> None:
        self.write(self._us_packer(val))


class DicomFileLike(DicomIO):
    """`DicomIO` over a file-like object."""


def DicomFile(*args: Any, **kwargs: Any) -> DicomFileLike:
    """A `DicomFileLike` over ``open(*args, **kwargs)``."""
    return DicomFileLike(open(*args, **kwargs))


class DicomBytesIO(DicomIO):
    """`DicomIO` over an in-memory `io.BytesIO`."""

    def __init__(self, initial_bytes: bytes | bytearray | memoryview = b"") -> None:
        buffer = BytesIO(initial_bytes)
        super().__init__(buffer)
        self.getvalue = buffer.getvalue
