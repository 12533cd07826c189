"""Value converters of pydicom (`pydicom.values`): raw bytes of one element -> its value.

pyrdicom's reader converts values in the core (`src/value.rs`), lazily; these are pydicom's
Python converters, for code that calls them (and for `convert_value` on a `RawDataElement`).
They give the same types as the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableSequence
from struct import calcsize, unpack
from typing import Any, TypeVar

from . import config, valuerep
from .charset import decode_bytes, default_encoding
from .config import have_numpy, logger  # noqa: F401  (pydicom's names)
from .dataelem import RawDataElement, empty_value_for_VR  # noqa: F401
from .errors import BytesLengthException
from .multival import MultiValue
from .tag import BaseTag, Tag, TupleTag
from .uid import UID
from .valuerep import (
    CUSTOMIZABLE_CHARSET_VR,
    DA,
    DT,
    IS,
    TEXT_VR_DELIMS,
    TM,
    PersonName,
    validate_value,
)
from .valuerep import VR as VR_

_T = TypeVar("_T")


def __getattr__(name: str) -> Any:
    # pydicom's values module exposes the reader's read_sequence (imported when asked for: the
    # reader imports the data set modules)
    if name == "read_sequence":
        from .filereader import read_sequence

        return read_sequence
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def multi_string(val: str, valtype: Callable[[str], _T] | None = None) -> Any:
    """`val` without trailing spaces/NULs, split on backslashes: one value or a MultiValue.

    Parameters
    ----------
    val : str
        The decoded value.
    valtype : callable, optional
        The type each value is made into (default: str).

    Returns
    -------
    object or MultiValue

    Examples
    --------
    >>> from pyrdicom.values import multi_string
    >>> multi_string("12 ", int)
    12
    """
    make: Callable[[str], Any] = str if valtype is None else valtype
    items = val.rstrip(" \x00").split("\\")
    return make(items[0]) if len(items) == 1 else MultiValue(make, items)


def convert_tag(byte_string: bytes, is_little_endian: bool, offset: int = 0) -> BaseTag:
    """The tag encoded in the 4 bytes at `offset`.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Its byte order.
    offset : int
        Where the tag starts.

    Returns
    -------
    BaseTag

    Raises
    ------
    ValueError
        Fewer than 4 bytes.

    Examples
    --------
    >>> from pyrdicom.values import convert_tag
    >>> convert_tag(bytes([0x10, 0, 0x20, 0]), True)
    (0010,0020)
    """
    if len(byte_string) < 4:
        raise ValueError("byte string too short - must be at least 4 bytes long.")
    fmt = "<HH" if is_little_endian else ">HH"
    return TupleTag(unpack(fmt, byte_string[offset : offset + 4]))


def convert_AE_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> str | MutableSequence[str]:
    """AE: values stripped of spaces at both ends.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used (pydicom's converter signature).
    struct_format : str, optional
        Not used.

    Returns
    -------
    str or MultiValue of str

    Examples
    --------
    >>> from pyrdicom.values import convert_AE_string
    >>> convert_AE_string(b" STORESCP ", True)
    'STORESCP'
    """
    values = [s.strip() for s in byte_string.decode(default_encoding).split("\\")]
    return values[0] if len(values) == 1 else MultiValue(str, values)


def convert_ATvalue(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> BaseTag | MutableSequence[BaseTag]:
    """AT: one tag per 4 bytes (a trailing partial tag is dropped with a logged warning).

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Its byte order.
    struct_format : str, optional
        Not used.

    Returns
    -------
    BaseTag or MultiValue of BaseTag

    Examples
    --------
    >>> from pyrdicom.values import convert_ATvalue
    >>> convert_ATvalue(bytes([0x28, 0, 0x10, 0, 0x28, 0, 0x11, 0]), True)
    [(0028,0010), (0028,0011)]
    """
    length = len(byte_string)
    if length == 4:
        return convert_tag(byte_string, is_little_endian)
    if length % 4:
        logger.warning(f"Expected length to be multiple of 4 for VR 'AT', got length {length}")
        length -= length % 4
    return MultiValue(
        Tag, [convert_tag(byte_string, is_little_endian, offset=i) for i in range(0, length, 4)]
    )


def _dates(byte_string: bytes, make: Callable[[str], Any]) -> Any:
    parts = byte_string.decode(default_encoding).split("\\")
    return make(parts[0]) if len(parts) == 1 else MultiValue(make, parts)


def _DA_from_str(value: str) -> DA | None:
    return DA(value.rstrip())


def _DT_from_str(value: str) -> DT | None:
    value = value.rstrip()
    if not 4 <= len(value) <= 26:
        logger.warning(f"Expected length between 4 and 26, got length {len(value)}")
    return DT(value)


def _TM_from_str(value: str) -> TM | None:
    value = value.rstrip()
    if value and not 2 <= len(value) <= 16:
        logger.warning(f"Expected length between 2 and 16, got length {len(value)}")
    return TM(value)


def convert_DA_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> Any:
    """DA: a str, or a `DA` with ``config.datetime_conversion``.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    str, DA or MultiValue

    Examples
    --------
    >>> from pyrdicom.values import convert_DA_string
    >>> convert_DA_string(b"20260101", True)
    '20260101'
    """
    if config.datetime_conversion:
        return _dates(byte_string, _DA_from_str)
    return convert_string(byte_string, is_little_endian, struct_format)


def convert_DT_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> Any:
    """DT: a str, or a `DT` with ``config.datetime_conversion``.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    str, DT or MultiValue

    Examples
    --------
    >>> from pyrdicom.values import convert_DT_string
    >>> convert_DT_string(b"20260101120000", True)
    '20260101120000'
    """
    if config.datetime_conversion:
        return _dates(byte_string, _DT_from_str)
    return convert_string(byte_string, is_little_endian, struct_format)


def convert_TM_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> Any:
    """TM: a str, or a `TM` with ``config.datetime_conversion``.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    str, TM or MultiValue

    Examples
    --------
    >>> from pyrdicom import config
    >>> from pyrdicom.values import convert_TM_string
    >>> config.datetime_conversion = True
    >>> tm = convert_TM_string(b"120000", True)
    >>> type(tm).__name__, tm.hour
    ('TM', 12)
    >>> config.datetime_conversion = False
    """
    if config.datetime_conversion:
        return _dates(byte_string, _TM_from_str)
    return convert_string(byte_string, is_little_endian)


def _numpy_numbers(text: str, vr: str, allowed: str, dtype: str) -> Any:
    if not config.have_numpy:
        raise ImportError(f"use_{vr}_numpy set but numpy not installed")
    import numpy

    if re.fullmatch(f"[{allowed}]*", text) is None:
        raise ValueError(f"{vr}: char(s) not in repertoire: '{re.sub(f'[{allowed}]', '', text)}'")
    values = numpy.fromstring(text, dtype=dtype, sep="\\")
    return values[0] if len(values) == 1 else values


def convert_DS_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> Any:
    """DS: `valuerep.DSclass` values, or numpy float64 with ``config.use_DS_numpy``.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    DSfloat, DSdecimal, MultiValue or numpy.ndarray

    Examples
    --------
    >>> from pyrdicom.values import convert_DS_string
    >>> convert_DS_string(b"0.661468 ", True)
    '0.661468'
    """
    text = byte_string.decode(default_encoding)
    if config.use_DS_numpy:
        return _numpy_numbers(text, "DS", r" \\0-9\.+eE-", "f8")
    return multi_string(text.strip(), valtype=valuerep.DSclass)


def convert_IS_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> Any:
    """IS: `IS` values, or numpy int64 with ``config.use_IS_numpy``.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    IS, MultiValue or numpy.ndarray

    Examples
    --------
    >>> from pyrdicom.values import convert_IS_string
    >>> convert_IS_string(b"12 ", True) + 1
    13
    """
    text = byte_string.decode(default_encoding)
    if config.use_IS_numpy:
        return _numpy_numbers(text, "IS", r" \\0-9\.+-", "i8")
    return multi_string(text, valtype=IS)


def convert_numbers(byte_string: bytes, is_little_endian: bool, struct_format: str) -> Any:
    """Binary numbers in `struct_format`: '' for none, one number, or a list.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Its byte order.
    struct_format : str
        The `struct` format of one number ("H", "h", "L", "f", "d", ...).

    Returns
    -------
    str, int, float or list

    Raises
    ------
    BytesLengthException
        The length is not a multiple of the number's size.

    Examples
    --------
    >>> from pyrdicom.values import convert_numbers
    >>> convert_numbers(bytes([1, 0, 2, 0]), True, "H")
    [1, 2]
    """
    size = calcsize("=" + struct_format)
    length = len(byte_string)
    if length % size:
        shown = repr(byte_string) if length <= 256 else "bytes"
        raise BytesLengthException(
            "Expected total bytes to be an even multiple of bytes per value. Instead received "
            f"{shown} with length {length} and struct format '{struct_format}' which "
            f"corresponds to bytes per value of {size}."
        )
    values = unpack(
        f"{'<' if is_little_endian else '>'}{length // size}{struct_format}", byte_string
    )
    if not values:
        return ""
    return values[0] if len(values) == 1 else list(values)


def convert_OBvalue(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> bytes:
    """OB (and the other binary VRs): the bytes as they are.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pyrdicom.values import convert_OBvalue
    >>> convert_OBvalue(b"abcd", True)
    b'abcd'
    """
    return byte_string


convert_OWvalue = convert_OVvalue = convert_UN = convert_OBvalue


def convert_PN(byte_string: bytes, encodings: list[str] | None = None) -> Any:
    """PN: `PersonName` values decoded with `encodings`.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    encodings : list of str, optional
        Python codecs of the character set (default: the default repertoire).

    Returns
    -------
    PersonName or MultiValue of PersonName

    Examples
    --------
    >>> from pyrdicom.values import convert_PN
    >>> name = convert_PN(b"Doe^Jane")
    >>> name.family_name, name.given_name
    ('Doe', 'Jane')
    """
    encodings = encodings or [default_encoding]

    def person_name(text: str) -> PersonName:
        name = PersonName(text, encodings)
        name.encode()
        return name.decode()

    text = decode_bytes(byte_string.rstrip(b"\x00 "), encodings, TEXT_VR_DELIMS)
    parts = text.split("\\")
    return person_name(parts[0]) if len(parts) == 1 else MultiValue(person_name, parts)


def convert_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> str | MutableSequence[str]:
    """A default-character-set string VR, split on backslashes.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    str or MultiValue of str

    Examples
    --------
    >>> from pyrdicom.values import convert_string
    >>> convert_string(b"ORIGINAL", True)
    'ORIGINAL'
    """
    return multi_string(byte_string.decode(default_encoding))


def convert_text(
    byte_string: bytes, encodings: list[str] | None = None, vr: str | None = None
) -> str | MutableSequence[str]:
    """SH, LO, UC: decoded with `encodings`, split on backslashes, each value validated (if
    `vr` is given) and stripped of trailing spaces/NULs.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    encodings : list of str, optional
        Python codecs of the character set.
    vr : str, optional
        The VR to validate each value against.

    Returns
    -------
    str or MultiValue of str

    Examples
    --------
    >>> from pyrdicom.values import convert_text
    >>> convert_text(bytes([74, 0xE9, 32]), ["latin_1"])
    'Jé'
    """
    text = decode_bytes(byte_string, encodings or [default_encoding], TEXT_VR_DELIMS)
    values = []
    for value in text.split("\\"):
        if vr is not None:
            validate_value(vr, value, config.settings.reading_validation_mode)
        values.append(value.rstrip("\0 "))
    return values[0] if len(values) == 1 else MultiValue(str, values)


def convert_single_string(
    byte_string: bytes, encodings: list[str] | None = None, vr: str | None = None
) -> str:
    """ST, LT, UT: decoded with `encodings`, not split, trailing spaces/NULs stripped.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    encodings : list of str, optional
        Python codecs of the character set.
    vr : str, optional
        The VR to validate the value against.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.values import convert_single_string
    >>> convert_single_string(b"A comment ")
    'A comment'
    """
    value = decode_bytes(byte_string, encodings or [default_encoding], TEXT_VR_DELIMS)
    if vr is not None:
        validate_value(vr, value, config.settings.reading_validation_mode)
    return value.rstrip("\0 ")


def convert_SQ(
    byte_string: bytes,
    is_implicit_VR: bool,
    is_little_endian: bool,
    encoding: list[str] | None = None,
    offset: int = 0,
) -> Any:
    """SQ: the items read from the value's bytes.

    Parameters
    ----------
    byte_string : bytes
        The encoded value (the items).
    is_implicit_VR : bool
        The items' VR encoding.
    is_little_endian : bool
        Their byte order.
    encoding : list of str, optional
        Python codecs of the character set.
    offset : int
        Where the value starts in its file (the items' ``file_tell``).

    Returns
    -------
    Sequence

    Examples
    --------
    >>> from pyrdicom.values import convert_SQ
    >>> convert_SQ(b"", True, True)
    <Sequence, length 0>
    """
    from io import BytesIO

    from .filereader import read_sequence

    return read_sequence(
        BytesIO(byte_string),
        is_implicit_VR,
        is_little_endian,
        len(byte_string),
        encoding or [default_encoding],
        offset,
    )


def convert_UI(byte_string: bytes, is_little_endian: bool, struct_format: str | None = None) -> Any:
    """UI: `UID` values (trailing NUL padding removed).

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    UID or MultiValue of UID

    Examples
    --------
    >>> from pyrdicom.values import convert_UI
    >>> convert_UI(b"1.2.840.10008.5.1.4.1.1.2" + bytes(1), True).name
    'CT Image Storage'
    """
    return multi_string(byte_string.decode(default_encoding).rstrip("\0 "), UID)


def convert_UR_string(
    byte_string: bytes, is_little_endian: bool, struct_format: str | None = None
) -> str:
    """UR: one value (backslashes are allowed), trailing spaces removed.

    Parameters
    ----------
    byte_string : bytes
        The encoded value.
    is_little_endian : bool
        Not used.
    struct_format : str, optional
        Not used.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.values import convert_UR_string
    >>> convert_UR_string(b"http://example.com ", True)
    'http://example.com'
    """
    return byte_string.decode(default_encoding).rstrip()


def convert_value(
    VR: str, raw_data_element: Any, encodings: str | MutableSequence[str] | None = None
) -> Any:
    """The value of a `RawDataElement` as `VR` says. A value that does not convert is tried with
    the VRs of `convert_retry_VR_order` (under the RAISE reading mode: the error is raised);
    if none converts, the raw bytes are returned.

    Parameters
    ----------
    VR : str
        The VR to convert as.
    raw_data_element : RawDataElement
        The element as read.
    encodings : str or list of str, optional
        Python codecs of the character set.

    Returns
    -------
    object

    Raises
    ------
    NotImplementedError
        An unknown VR.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.values import convert_value
    >>> raw = dcmread(get_testdata_file("CT_small.dcm")).get_item("Rows")
    >>> convert_value("US", raw)
    128
    """
    if VR not in converters:
        letters = set(range(65, 91)) | set(range(97, 123))
        if ord(VR[0]) not in letters or ord(VR[1]) not in letters:
            VR = " ".join(f"0x{ord(ch):02x}" for ch in VR)
        raise NotImplementedError(f"Unknown Value Representation '{VR}'")
    if raw_data_element.length == 0:
        return empty_value_for_VR(VR)
    converter = converters[VR]
    num_format = None
    if isinstance(converter, tuple):
        converter, num_format = converter
    if isinstance(encodings, str):
        encodings = [encodings]
    encodings = encodings or [default_encoding]
    raw = raw_data_element.value
    try:
        if VR == VR_.PN:
            return converter(raw, encodings)
        if VR in CUSTOMIZABLE_CHARSET_VR:
            return converter(raw, encodings, VR)
        if VR != VR_.SQ:
            return converter(raw, raw_data_element.is_little_endian, num_format)
        return converter(
            raw,
            raw_data_element.is_implicit_VR,
            raw_data_element.is_little_endian,
            encodings,
            raw_data_element.value_tell,
        )
    except BytesLengthException:
        raise  # pyrdicom's is also a ValueError; pydicom's is not retried with other VRs
    except ValueError:
        if config.settings.reading_validation_mode == config.RAISE:
            raise
    logger.debug(
        f"Unable to convert tag {raw_data_element.tag} with VR {VR} using the standard "
        "value converter"
    )
    for vr in convert_retry_VR_order:
        if vr != VR:
            try:
                return convert_value(vr, raw_data_element, encodings)
            except Exception:
                pass
    logger.debug(
        f"Could not convert value for tag {raw_data_element.tag} with any VR in the "
        "'convert_retry_VR_order' list"
    )
    return raw


# The VRs tried, in order, for a value that does not convert with its own VR.
convert_retry_VR_order = [
    VR_.SH, VR_.UL, VR_.SL, VR_.US, VR_.SS, VR_.FL, VR_.FD, VR_.OF, VR_.OB, VR_.UI, VR_.DA,
    VR_.TM, VR_.PN, VR_.IS, VR_.DS, VR_.LT, VR_.SQ, VR_.UN, VR_.AT, VR_.OW, VR_.DT, VR_.UT,
]  # fmt: skip

# VR -> converter, or (converter, struct format) for binary numbers.
converters: dict[str, Any] = {
    VR_.AE: convert_AE_string,
    VR_.AS: convert_string,
    VR_.AT: convert_ATvalue,
    VR_.CS: convert_string,
    VR_.DA: convert_DA_string,
    VR_.DS: convert_DS_string,
    VR_.DT: convert_DT_string,
    VR_.FD: (convert_numbers, "d"),
    VR_.FL: (convert_numbers, "f"),
    VR_.IS: convert_IS_string,
    VR_.LO: convert_text,
    VR_.LT: convert_single_string,
    VR_.OB: convert_OBvalue,
    VR_.OD: convert_OBvalue,
    VR_.OF: convert_OWvalue,
    VR_.OL: convert_OBvalue,
    VR_.OW: convert_OWvalue,
    VR_.OV: convert_OVvalue,
    VR_.PN: convert_PN,
    VR_.SH: convert_text,
    VR_.SL: (convert_numbers, "l"),
    VR_.SQ: convert_SQ,
    VR_.SS: (convert_numbers, "h"),
    VR_.ST: convert_single_string,
    VR_.SV: (convert_numbers, "q"),
    VR_.TM: convert_TM_string,
    VR_.UC: convert_text,
    VR_.UI: convert_UI,
    VR_.UL: (convert_numbers, "L"),
    VR_.UN: convert_UN,
    VR_.UR: convert_UR_string,
    VR_.US: (convert_numbers, "H"),
    VR_.UT: convert_single_string,
    VR_.UV: (convert_numbers, "Q"),
    VR_.OB_OW: convert_OBvalue,
    VR_.US_SS: convert_OWvalue,
    VR_.US_OW: convert_OWvalue,
    VR_.US_SS_OW: convert_OWvalue,
}
