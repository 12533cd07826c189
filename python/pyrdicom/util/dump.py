"""Hex dumps of files and bytes, and an indented listing of a data set."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any, BinaryIO


def print_character(ordchr: int) -> str:
    """The character for byte `ordchr` if printable (and not a backslash), else ``"."``."""
    return chr(ordchr) if 31 < ordchr < 126 and ordchr != 92 else "."


def hexdump(
    f: BinaryIO, start_address: int = 0, stop_address: int | None = None, show_address: bool = True
) -> str:
    """16 bytes a line from `start_address` to past `stop_address`: address, hex, characters."""
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
    """:func:`hexdump` of a file."""
    with open(filename, "rb") as f:
        return hexdump(f, start_address, stop_address)


def datadump(data: bytes, start_address: int = 0, stop_address: int | None = None) -> str:
    """:func:`hexdump` of bytes."""
    return hexdump(BytesIO(data), start_address, stop_address)


def pretty_print(ds: Any, indent_level: int = 0, indent_chars: str = "  ") -> None:
    """Print the elements of `ds`, sequence items indented under their sequence."""
    indent = indent_chars * indent_level
    for elem in ds:
        if elem.VR == "SQ":
            print(f"{indent}{elem.tag} {elem.name} -- {len(elem.value)} item(s)")
            for item in elem.value:
                pretty_print(item, indent_level + 1)
                print(indent_chars * (indent_level + 1) + "---------")
        else:
            print(indent + repr(elem))
