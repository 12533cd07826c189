"""Hex dumps of files and bytes, and an indented listing of a data set."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any, BinaryIO


def print_character(ordchr: int) -> str:
    """The character for byte `ordchr` if printable (and not a backslash), else ``"."``.


    Parameters
    ----------
    ordchr : int
        The byte.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.util.dump import print_character
    >>> print_character(65), print_character(0)
    ('A', '.')
    """
    return chr(ordchr) if 31 < ordchr < 126 and ordchr != 92 else "."


def hexdump(
    f: BinaryIO, start_address: int = 0, stop_address: int | None = None, show_address: bool = True
) -> str:
    """16 bytes a line from `start_address` to past `stop_address`: address, hex, characters.


    Parameters
    ----------
    f : binary file-like
        The data.
    start_address : int
        Where to start.
    stop_address : int, optional
        Where to stop (default: the end).
    show_address : bool
        Start each line with its address.

    Returns
    -------
    str

    Examples
    --------
    >>> import io
    >>> from pyrdicom.util.dump import hexdump
    >>> print(hexdump(io.BytesIO(b"DICM"), show_address=False))
    44 49 43 4D                                      DICM
    """
    width = len(f"{stop_address:X}") if stop_address else len(f"{f.seek(0, 2):X}")
    f.seek(start_address)
    lines = []
    while not (stop_address and f.tell() > stop_address):
        offset = f.tell()
        data = f.read(16)
        if not data:
            break
        address = f"{offset:0{width}X}  " if show_address else ""
        hexes = " ".join(f"{x:02X}" for x in data)
        lines.append(f"{address}{hexes:<49}{''.join(map(print_character, data))}")
    return "\n".join(lines)


def filedump(
    filename: str | bytes | os.PathLike, start_address: int = 0, stop_address: int | None = None
) -> str:
    """:func:`hexdump` of a file.


    Parameters
    ----------
    filename : str, bytes or path-like
        The file.
    start_address : int
        Where to start.
    stop_address : int, optional
        Where to stop (default: the end).

    Returns
    -------
    str

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.util.dump import filedump
    >>> print(filedump(get_testdata_file("CT_small.dcm"), 128, 132))
    80  44 49 43 4D 02 00 00 00 55 4C 04 00 C0 00 00 00  DICM....UL......
    """
    with open(filename, "rb") as f:
        return hexdump(f, start_address, stop_address)


def datadump(data: bytes, start_address: int = 0, stop_address: int | None = None) -> str:
    """:func:`hexdump` of bytes.


    Parameters
    ----------
    data : bytes
        The data.
    start_address : int
        Where to start.
    stop_address : int, optional
        Where to stop (default: the end).

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.util.dump import datadump
    >>> print(datadump(b"DICM0123456789abcdefXYZ"))
    00  44 49 43 4D 30 31 32 33 34 35 36 37 38 39 61 62  DICM0123456789ab
    10  63 64 65 66 58 59 5A                             cdefXYZ
    """
    return hexdump(BytesIO(data), start_address, stop_address)


def pretty_print(ds: Any, indent_level: int = 0, indent_chars: str = "  ") -> None:
    """Print the elements of `ds`, sequence items indented under their sequence.


    Parameters
    ----------
    ds : Dataset
        The data set.
    indent_level : int
        The indentation of its elements.
    indent_chars : str
        One level of indentation.

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.util.dump import pretty_print
    >>> pretty_print(Dataset(PatientName="Doe^Jane"))
    (0010,0010) Patient's Name                      PN: 'Doe^Jane'
    """
    indent = indent_chars * indent_level
    for elem in ds:
        if elem.VR == "SQ":
            print(f"{indent}{elem.tag} {elem.name} -- {len(elem.value)} item(s)")
            for item in elem.value:
                pretty_print(item, indent_level + 1)
                print(indent_chars * (indent_level + 1) + "---------")
        else:
            print(indent + repr(elem))
