"""Specific Character Set (0008,0005) for values built or changed in Python, as pydicom.charset.

Values read from files are decoded by the core (`src/charset.rs`, same results and warnings);
this module is pydicom's Python API for the rest: `convert_encodings` (DICOM terms to Python
codec names), `decode_bytes` / `encode_string` (ISO 2022 escape sequences included) and
`decode_element`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, MutableSequence, Sequence
from typing import TYPE_CHECKING, Any

from . import config
from .misc import warn_and_log
from .valuerep import CUSTOMIZABLE_CHARSET_VR, TEXT_VR_DELIMS, VR, PersonName  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from .dataelem import DataElement

default_encoding = "iso8859"

_SINGLE_BYTE = {
    "6": default_encoding,
    "13": "shift_jis",
    "100": "latin_1",
    "101": "iso8859_2",
    "109": "iso8859_3",
    "110": "iso8859_4",
    "126": "iso_ir_126",  # Greek
    "127": "iso_ir_127",  # Arabic
    "138": "iso_ir_138",  # Hebrew
    "144": "iso_ir_144",  # Cyrillic
    "148": "iso_ir_148",  # Turkish
    "166": "iso_ir_166",  # Thai
}
# DICOM defined terms -> Python codec names.
python_encoding = {
    "": default_encoding,
    **{f"ISO_IR {ir}": codec for ir, codec in _SINGLE_BYTE.items()},
    **{f"ISO 2022 IR {ir}": codec for ir, codec in _SINGLE_BYTE.items()},
    "ISO 2022 IR 87": "iso2022_jp",
    "ISO 2022 IR 149": "euc_kr",
    "ISO 2022 IR 159": "iso2022_jp_2",
    "ISO 2022 IR 58": "iso_ir_58",
    "ISO_IR 192": "UTF8",
    "GB18030": "GB18030",
    "ISO 2022 GBK": "GBK",
    "ISO 2022 58": "GB2312",
    "GBK": "GBK",
}
# Terms that allow no code extensions.
STAND_ALONE_ENCODINGS = ("ISO_IR 192", "GBK", "GB18030")

ESC = b"\x1b"
CODES_TO_ENCODINGS = {
    ESC + b"(B": default_encoding,  # back to ASCII in G0
    ESC + b"-A": "latin_1",
    ESC + b")I": "shift_jis",  # ISO-IR 13 (katakana)
    ESC + b"(J": "shift_jis",  # ISO-IR 14 (romaji); shift_jis decodes both
    ESC + b"$B": "iso2022_jp",
    ESC + b"-B": "iso8859_2",
    ESC + b"-C": "iso8859_3",
    ESC + b"-D": "iso8859_4",
    ESC + b"-F": "iso_ir_126",
    ESC + b"-G": "iso_ir_127",
    ESC + b"-H": "iso_ir_138",
    ESC + b"-L": "iso_ir_144",
    ESC + b"-M": "iso_ir_148",
    ESC + b"-T": "iso_ir_166",
    ESC + b"$)C": "euc_kr",
    ESC + b"$(D": "iso2022_jp_2",
    ESC + b"$)A": "iso_ir_58",
}
ENCODINGS_TO_CODES = {codec: code for code, codec in CODES_TO_ENCODINGS.items()}
ENCODINGS_TO_CODES["shift_jis"] = ESC + b")I"

# Codecs that read and write their own escape sequences.
handled_encodings = ("iso2022_jp", "iso2022_jp_2", "iso_ir_58")
# After text in these, switch back to the first encoding.
need_tail_escape_sequence_encodings = ("iso2022_jp", "iso2022_jp_2")

_ESC_IR_14 = ESC + b"(J"
_ESC_IR_13 = ESC + b")I"


def _strict() -> bool:
    return config.settings.reading_validation_mode == config.RAISE


def _out_of(codec: str, value: str, start: int, charset: str) -> UnicodeEncodeError:
    return UnicodeEncodeError(
        codec, value, start, len(value), f"Given character is out of {charset}"
    )


def _encode_rest(
    out: bytearray,
    encoder: codecs.IncrementalEncoder,
    value: str,
    fits: Callable[[bytes], bool],
    codec: str,
    charset: str,
) -> bytes:
    """`out` followed by `value` from its second character, encoded one character at a time;
    a character the codec cannot encode, or whose bytes do not `fit` the character set of the
    first one, raises UnicodeEncodeError at its position."""
    for i, ch in enumerate(value[1:], 1):
        try:
            b = encoder.encode(ch)
        except UnicodeEncodeError as exc:
            exc.start, exc.end = i, len(value)
            raise
        if not fits(b):
            raise _out_of(codec, value, i, charset)
        out += b
    return bytes(out)


def _encode_to_jis_x_0201(value: str, errors: str = "strict") -> bytes:
    """JIS X 0201 through shift_jis: one byte per character, all in ISO IR 13 (high bit set)
    or all in ISO IR 14, as the first character decides."""
    encoder = codecs.getincrementalencoder("shift_jis")()
    if errors != "strict" or not value:
        out = bytearray()
        for ch in value:
            try:
                b = encoder.encode(ch)
            except UnicodeEncodeError:
                b = b"?"
            out += b if len(b) == 1 and b[0] < 0x80 else b"?"
        return bytes(out)
    first = encoder.encode(value[0])
    if len(first) != 1:
        raise UnicodeEncodeError("shift_jis", value, 0, len(value), "illegal multibyte sequence")
    high = first[0] & 0x80
    return _encode_rest(
        bytearray(first),
        encoder,
        value,
        lambda b: len(b) == 1 and (b[0] & 0x80) == high,
        "shift_jis",
        "ISO IR 13" if high else "ISO IR 14",
    )


def _encode_to_given_charset(value: str, character_set: str, errors: str = "strict") -> bytes:
    """Encode with an ISO 2022 codec, failing (strict) when a character needs another set than
    the first character's escape sequence selects."""
    codec = python_encoding[character_set]
    if errors != "strict":
        return value.encode(codec, errors=errors)
    encoder = codecs.getincrementalencoder(codec)()
    out = bytearray(encoder.encode(value[0]))
    if not out.startswith(ENCODINGS_TO_CODES[codec]):
        raise _out_of(codec, value, 0, character_set)
    return _encode_rest(out, encoder, value, lambda b: b[:1] != ESC, codec, character_set)


def _encode_to_jis_x_0208(value: str, errors: str = "strict") -> bytes:
    return _encode_to_given_charset(value, "ISO 2022 IR 87", errors)


def _encode_to_jis_x_0212(value: str, errors: str = "strict") -> bytes:
    return _encode_to_given_charset(value, "ISO 2022 IR 159", errors)


custom_encoders: dict[str, Callable[..., bytes]] = {
    "shift_jis": _encode_to_jis_x_0201,
    "iso2022_jp": _encode_to_jis_x_0208,
    "iso2022_jp_2": _encode_to_jis_x_0212,
}


def _get_escape_sequence_for_encoding(encoding: str, encoded: bytes | None = None) -> bytes:
    """The escape sequence that selects `encoding` (for shift_jis: IR 13 or IR 14, by the
    encoded text's first byte)."""
    if encoding == "shift_jis":
        return _ESC_IR_13 if encoded and encoded[0] >= 0x80 else _ESC_IR_14
    return ENCODINGS_TO_CODES.get(encoding, b"")


def decode_bytes(value: bytes, encodings: Sequence[str], delimiters: set[int]) -> str:
    """Decode `value` with Python codecs `encodings` (the first one until an escape sequence
    selects another); `delimiters` are the bytes after which the first one applies again.

    Undecodable bytes become replacement characters with a warning (under the RAISE reading
    mode: the codec's error); an unknown first codec falls back to the default one.

    Parameters
    ----------
    value : bytes
        The encoded text.
    encodings : sequence of str
        Python codecs of the character set.
    delimiters : set of int
        The bytes after which the first codec applies again.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.charset import decode_bytes
    >>> decode_bytes(bytes([74, 0xE9, 114, 0xF4, 109, 101]), ["latin_1"], set())
    'Jérôme'
    """
    if ESC not in value:
        first = encodings[0]
        try:
            return value.decode(first)
        except LookupError:
            if _strict():
                raise
            warn_and_log(f"Unknown encoding '{first}' - using default encoding instead")
            return value.decode(default_encoding)
        except UnicodeError:
            if _strict():
                raise
            warn_and_log(
                f"Failed to decode byte string with encoding '{first}' - using replacement "
                "characters in decoded string"
            )
            return value.decode(first, errors="replace")
    fragments = re.findall(b"(^[^\x1b]+|[\x1b][^\x1b]*)", value)
    return "".join(_decode_fragment(f, encodings, delimiters) for f in fragments)


decode_string = decode_bytes


def _decode_fragment(fragment: bytes, encodings: Sequence[str], delimiters: set[int]) -> str:
    try:
        if fragment.startswith(ESC):
            return _decode_escaped_fragment(fragment, encodings, delimiters)
        return fragment.decode(encodings[0])
    except UnicodeError:
        if _strict():
            raise
        warn_and_log(
            f"Failed to decode byte string with encodings: {', '.join(encodings)} - using "
            "replacement characters in decoded string"
        )
        return fragment.decode(encodings[0], errors="replace")


def _decode_escaped_fragment(
    fragment: bytes, encodings: Sequence[str], delimiters: set[int]
) -> str:
    """A fragment starting with an escape sequence: its codec up to the first delimiter, the
    first codec after it."""
    seq_len = 4 if fragment.startswith((b"\x1b$(", b"\x1b$)")) else 3
    codec = CODES_TO_ENCODINGS.get(fragment[:seq_len], "")
    if codec in encodings or codec == default_encoding:
        if codec in handled_encodings:
            return fragment.decode(codec)
        text = fragment[seq_len:]
        cut = next((i for i, b in enumerate(text) if b in delimiters), None)
        if cut is None:
            return text.decode(codec)
        return text[:cut].decode(codec) + text[cut:].decode(encodings[0])
    msg = "Found unknown escape sequence in encoded string value"
    if _strict():
        raise ValueError(msg)
    warn_and_log(f"{msg} - using encoding {encodings[0]}")
    return fragment.decode(encodings[0], errors="replace")


def _encode_string_impl(value: str, encoding: str, errors: str = "strict") -> bytes:
    encoder = custom_encoders.get(encoding)
    if encoder is not None:
        return encoder(value, errors=errors)
    return value.encode(encoding, errors=errors)


def encode_string(value: str, encodings: Sequence[str]) -> bytes:
    """Encode `value` with the first of the Python codecs `encodings` that can encode all of
    it (with its escape sequence if not the first), else part by part; what no codec can
    encode becomes '?' with a warning (under the RAISE writing mode: the first codec's error).

    Parameters
    ----------
    value : str
        The text.
    encodings : sequence of str
        Python codecs of the character set.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pyrdicom.charset import encode_string
    >>> list(encode_string("Jé", ["latin_1"]))
    [74, 233]
    """
    for i, encoding in enumerate(encodings):
        try:
            encoded = _encode_string_impl(value, encoding)
        except UnicodeError:
            continue
        if i > 0 and encoding not in handled_encodings:
            encoded = _get_escape_sequence_for_encoding(encoding, encoded) + encoded
        if encoding in need_tail_escape_sequence_encodings:
            encoded += _get_escape_sequence_for_encoding(encodings[0])
        return encoded
    if len(encodings) > 1:
        try:
            return _encode_string_parts(value, encodings)
        except ValueError:
            pass
    if config.settings.writing_validation_mode == config.RAISE:
        value.encode(encodings[0])
    warn_and_log(
        f"Failed to encode value with encodings: {', '.join(encodings)} - using replacement "
        "characters in encoded string"
    )
    return _encode_string_impl(value, encodings[0], errors="replace")


def _encode_string_parts(value: str, encodings: Sequence[str]) -> bytes:
    """Encode `value` in runs: each run in the codec that encodes the longest prefix of what is
    left, preceded by its escape sequence."""
    out = bytearray()
    rest = value
    best = default_encoding
    while rest:
        reach = 0
        for encoding in encodings:
            try:
                _encode_string_impl(rest, encoding)
            except (UnicodeDecodeError, UnicodeEncodeError) as exc:
                if exc.start > reach:
                    reach, best = exc.start, encoding
            else:
                reach, best = len(rest), encoding
                break
        if reach == 0:
            raise ValueError("None of the given encodings can encode the first character")
        part = _encode_string_impl(rest[:reach], best)
        if best not in handled_encodings:
            out += _get_escape_sequence_for_encoding(best, part)
        out += part
        rest = rest[reach:]
    if best in need_tail_escape_sequence_encodings:
        out += _get_escape_sequence_for_encoding(encodings[0])
    return bytes(out)


def convert_encodings(encodings: str | MutableSequence[str] | None) -> list[str]:
    """Python codec names for the DICOM terms of a Specific Character Set value (misspelled
    terms corrected with a warning, unknown ones replaced by the default with a warning, or
    LookupError under the RAISE reading mode).

    Parameters
    ----------
    encodings : str, list of str or None
        The Specific Character Set value (None: the default repertoire).

    Returns
    -------
    list of str

    Examples
    --------
    >>> from pyrdicom.charset import convert_encodings
    >>> convert_encodings(["ISO_IR 100"]), convert_encodings("ISO_IR 192")
    (['latin_1'], ['UTF8'])
    """
    terms: list[str]
    if not encodings:
        terms = [""]
    elif isinstance(encodings, Sequence) and not isinstance(encodings, (str, bytes)):
        terms = list(encodings)
        if not terms[0]:
            terms[0] = "ISO_IR 6"
    else:
        terms = [encodings]
    codecs_ = [
        python_encoding[t] if t in python_encoding else _python_encoding_for_corrected_encoding(t)
        for t in map(_term, terms)
    ]
    if len(terms) > 1:
        codecs_ = _handle_illegal_standalone_encodings(terms, codecs_)
    return codecs_


def _term(value: object) -> str:
    """A term as text: a value that is not one (a forced read may give (0008,0005) another
    VR, hence a number or a sequence) is its repr, which no codec knows, so it gets the
    invalid-term warning and the default repertoire."""
    return value if isinstance(value, str) else repr(value)


def _python_encoding_for_corrected_encoding(encoding: str) -> str:
    """A codec for a term that is not a defined term: a corrected spelling of one
    ("ISO IR 100", "ISO-2022-IR-87"), else any name Python's codecs know, else the default."""
    patched = None
    if re.match("^ISO[^_]IR", encoding):
        patched = "ISO_IR" + encoding[6:]
    elif re.match("^(?=ISO.2022.IR.)(?!ISO 2022 IR )", encoding):
        patched = "ISO 2022 IR " + encoding[12:]
    if patched is not None:
        if patched in python_encoding:
            _warn_about_invalid_encoding(encoding, patched)
            return python_encoding[patched]
        _warn_about_invalid_encoding(encoding)
        return default_encoding
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        _warn_about_invalid_encoding(encoding)
        return default_encoding
    return encoding


def _warn_about_invalid_encoding(encoding: str, patched_encoding: str | None = None) -> None:
    if patched_encoding is not None:
        msg = (
            f"Incorrect value for Specific Character Set '{encoding}' - assuming "
            f"'{patched_encoding}'"
        )
    elif _strict():
        raise LookupError(f"Unknown encoding '{encoding}'")
    else:
        msg = f"Unknown encoding '{encoding}' - using default encoding instead"
    warn_and_log(msg, stacklevel=2)


def _handle_illegal_standalone_encodings(
    encodings: MutableSequence[str], py_encodings: list[str]
) -> list[str]:
    """Drop code extensions after a stand-alone first term, and stand-alone terms used as code
    extensions, with a warning each."""
    if encodings[0] in STAND_ALONE_ENCODINGS:
        warn_and_log(
            f"Value '{encodings[0]}' for Specific Character Set does not allow code "
            f"extensions, ignoring: {', '.join(encodings[1:])}",
            stacklevel=2,
        )
        return py_encodings[:1]
    for i in range(len(encodings) - 1, 0, -1):
        if encodings[i] in STAND_ALONE_ENCODINGS:
            warn_and_log(
                f"Value '{encodings[i]}' cannot be used as code extension, ignoring it",
                stacklevel=2,
            )
            del py_encodings[i]
    return py_encodings


def decode_element(elem: DataElement, dicom_character_set: str | list[str] | None) -> None:
    """Decode a PN or text element's bytes value(s) in place with `dicom_character_set`.


    Parameters
    ----------
    elem : DataElement
        A PN or text element, changed in place.
    dicom_character_set : str, list of str or None
        The Specific Character Set value.

    Examples
    --------
    >>> from pyrdicom import DataElement
    >>> from pyrdicom.charset import decode_element
    >>> elem = DataElement(0x00100010, "PN", bytes([74, 0xE9]))
    >>> decode_element(elem, "ISO_IR 100")
    >>> elem.value
    'Jé'
    """
    if elem.is_empty:
        return
    encodings = convert_encodings(dicom_character_set or ["ISO_IR 6"])
    if elem.VR == VR.PN:
        if elem.VM == 1:
            elem.value = elem.value.decode(encodings)
        else:
            elem.value = [v.decode(encodings) for v in elem.value]
    elif elem.VR in CUSTOMIZABLE_CHARSET_VR:

        def decoded(v: Any) -> Any:
            return v if isinstance(v, str) else decode_bytes(v, encodings, TEXT_VR_DELIMS)

        if elem.VM == 1:
            if not isinstance(elem.value, str):
                elem.value = decoded(elem.value)
        else:
            elem.value = [decoded(v) for v in elem.value]
