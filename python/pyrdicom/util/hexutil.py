"""Hex strings to bytes and back."""

from __future__ import annotations

from binascii import a2b_hex, b2a_hex


def hex2bytes(hexstring: str | bytes) -> bytes:
    """The bytes of space-separated hex digits (``"00 01 0A"``).


    Parameters
    ----------
    hexstring : str or bytes
        The hex digits.

    Returns
    -------
    bytes

    Raises
    ------
    TypeError
        Neither str nor bytes.

    Examples
    --------
    >>> from pyrdicom.util.hexutil import hex2bytes
    >>> list(hex2bytes("00 01 0A"))
    [0, 1, 10]
    """
    if isinstance(hexstring, bytes):
        return a2b_hex(hexstring.replace(b" ", b""))
    if isinstance(hexstring, str):
        return a2b_hex(hexstring.replace(" ", "").encode("iso8859"))
    raise TypeError("argument shall be bytes or string type")


def bytes2hex(byte_string: bytes) -> str:
    """`byte_string` as space-separated hex pairs (``"00 01 0a"``).


    Parameters
    ----------
    byte_string : bytes
        The bytes.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.util.hexutil import bytes2hex
    >>> bytes2hex(bytes([0, 1, 10]))
    '00 01 0a'
    """
    return b2a_hex(byte_string, " ").decode()
