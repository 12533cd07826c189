"""Hex strings to bytes and back (handy for writing DICOM byte streams by hand in tests)."""

from __future__ import annotations

from binascii import a2b_hex, b2a_hex


def hex2bytes(hexstring: str | bytes) -> bytes:
    """The bytes of a string of hex pairs separated by whitespace (spaces ignored)."""
    if isinstance(hexstring, bytes):
        return a2b_hex(hexstring.replace(b" ", b""))
    if isinstance(hexstring, str):
        return a2b_hex(hexstring.replace(" ", "").encode("latin-1"))
    raise TypeError("argument shall be bytes or string type")


def bytes2hex(byte_string: bytes) -> str:
    """Hex pairs separated by single spaces."""
    s = b2a_hex(byte_string).decode()
    return " ".join(s[i : i + 2] for i in range(0, len(s), 2))
