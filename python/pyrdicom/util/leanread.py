"""A minimal element-by-element reader (pydicom's ``util.leanread``): yields raw elements
``((group, element), VR, length, value, value position)`` without building a data set."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from struct import Struct, unpack
from types import TracebackType
from typing import BinaryIO

from ..datadict import dictionary_VR
from ..misc import size_in_bytes
from ..uid import UID

# Explicit VRs whose length is 4 bytes after 2 reserved ones (PS3.5 7.1.2).
_LONG_VRS = (b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR",
             b"UT", b"UV")  # fmt: skip
_UNDEFINED = 0xFFFFFFFF

ElementType = tuple[tuple[int, int], bytes | None, int, bytes | None, int]


class dicomfile:
    """The elements of a DICOM file, read lazily: file meta, then the data set.


    Iterating yields ``(tag, VR, length, value, value_tell)`` tuples, ``tag`` a (group,
    element) pair and ``VR`` bytes (None for implicit VR).

    Parameters
    ----------
    filename : str, bytes or path-like
        The file (opened here, closed by the ``with`` block).

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.util.leanread import dicomfile
    >>> with dicomfile(get_testdata_file("CT_small.dcm")) as f:
    ...     first = next(iter(f))
    >>> first[:3]
    ((2, 0), b'UL', 4)
    """

    def __init__(self, filename: str | bytes | os.PathLike) -> None:
        self.fobj = open(filename, "rb")  # noqa: SIM115 - closed by __exit__
        self.preamble: bytes | None = self.fobj.read(128)
        if self.fobj.read(4) != b"DICM":
            self.preamble = None
            self.fobj.seek(0)

    def __enter__(self) -> dicomfile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.fobj.close()

    def __iter__(self) -> Iterator[ElementType]:
        syntax = None
        for elem in data_element_generator(self.fobj, False, True, lambda g, e: g != 2):
            if elem[0] == (2, 0x10) and elem[3] is not None:
                syntax = UID(elem[3].strip(b" \x00").decode("ascii"))
            yield elem
        if not syntax:
            raise NotImplementedError("No transfer syntax in file meta info")
        yield from data_element_generator(self.fobj, syntax.is_implicit_VR, syntax.is_little_endian)


def data_element_generator(
    fp: BinaryIO,
    is_implicit_VR: bool,
    is_little_endian: bool,
    stop_when: Callable[[int, int], bool] | None = None,
    defer_size: str | int | float | None = None,
) -> Iterator[ElementType]:
    """Yield the elements read from `fp` (sequences as their header, then their items'
    elements); stops at the end, or before the first element for which `stop_when` is true.


    Parameters
    ----------
    fp : binary file-like
        Positioned at the first element.
    is_implicit_VR : bool
        The VR encoding.
    is_little_endian : bool
        The byte order.
    stop_when : callable, optional
        ``stop_when(group, element) -> bool``.
    defer_size : int, float or str, optional
        Values longer than this are yielded as None.

    Yields
    ------
    tuple
        ``(tag, VR, length, value, value_tell)``.

    Raises
    ------
    NotImplementedError
        An undefined length element that is not a sequence.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.util.leanread import data_element_generator
    >>> with open(get_testdata_file("CT_small.dcm"), "rb") as fp:
    ...     _ = fp.seek(132)
    ...     tags = [elem[0] for elem in data_element_generator(fp, False, True)]
    >>> tags[0]
    (2, 0)
    """
    endian = "<" if is_little_endian else ">"
    header = Struct(endian + ("HHL" if is_implicit_VR else "HH2sH"))
    long_length = Struct(endian + "L")
    defer = size_in_bytes(defer_size)
    while len(raw := fp.read(8)) == 8:
        vr: bytes | None
        if is_implicit_VR:
            group, elem, length = header.unpack(raw)
            vr, header_len = None, 8
        else:
            group, elem, vr, length = header.unpack(raw)
            header_len = 8
            if vr in _LONG_VRS:
                (length,) = long_length.unpack(fp.read(4))
                header_len = 12
        position = fp.tell()
        if stop_when is not None and stop_when(group, elem):
            fp.seek(position - header_len)
            return
        if length != _UNDEFINED:
            if defer is not None and length > defer:
                fp.seek(position + length)
                yield (group, elem), vr, length, None, position
            else:
                yield (group, elem), vr, length, fp.read(length), position
            continue
        if vr is None:
            try:
                vr = dictionary_VR((group, elem)).encode("ascii")
            except KeyError:  # an unknown element: a sequence if an item follows
                if unpack(endian + "HH", fp.read(4)) == (0xFFFE, 0xE000):
                    vr = b"SQ"
                fp.seek(position)
        if vr != b"SQ":
            raise NotImplementedError("This reader does not handle undefined length except for SQ")
        yield (group, elem), vr, length, None, position
