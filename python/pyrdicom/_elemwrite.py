"""pydicom's element-level writer API (`write_dataset`, `write_data_element`,
`write_file_meta_info`, the per-VR writers and `writers`, `correct_ambiguous_vr[_element]`)
on the core's writer.

Every byte comes from the core's writer (the one `dcmwrite` uses, src/write) through
`filewriter._encode`, which encodes a bare data set or a {tag: element} mapping: an element is
encoded as a one-element mapping, and its value starts after the header. The per-VR writers
write that value only.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, MutableSequence
from typing import Any

from . import config
from .dataelem import DataElement, RawDataElement, convert_raw_data_element
from .errors import DicomError
from .multival import MultiValue
from .tag import BaseTag

_UNDEFINED = 0xFFFFFFFF
# struct formats of write_numbers -> the VR the core encodes them as
_FORMAT_VR = {"H": "US", "h": "SS", "L": "UL", "l": "SL", "f": "FL", "d": "FD", "q": "SV"}
_FORMAT_VR["Q"] = "UV"


def _encoding_of(fp: Any) -> tuple[bool, bool]:
    """(implicit VR, little endian) of a DicomIO; implicit VR unless set (the per-VR writers
    only need the byte order)."""
    return getattr(fp, "_implicit_vr", True), fp.is_little_endian


def _encode(ds: Any, implicit: bool, little: bool, charset: list[str] | None = None) -> bytes:
    """A bare data set (or {tag: element}) as the core's writer encodes it, its notes warned;
    `charset` is the Specific Character Set terms in force (the parent's)."""
    from .filewriter import _encode

    return _encode(ds, implicit_vr=implicit, little_endian=little, charset=charset)


def _charset_terms(encodings: Any) -> list[str] | None:
    """DICOM defined terms for pydicom's `encodings` (Python codec names or terms); None for
    the default repertoire."""
    from .charset import python_encoding

    if not encodings:
        return None
    if isinstance(encodings, str):
        encodings = [encodings]
    by_codec: dict[str, str] = {}
    for term, codec in python_encoding.items():
        by_codec.setdefault(_codec_name(codec), term)
    terms = [e if e in python_encoding else by_codec.get(_codec_name(e), e) for e in encodings]
    return None if terms in (["ISO_IR 6"], [""]) else terms


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _element_bytes(
    elem: DataElement, implicit: bool, little: bool, encodings: Any = None
) -> tuple[bytes, int]:
    """(the element as the core encodes it: header, value, delimiter; offset of its value)."""
    data = _encode({BaseTag(int(elem.tag)): elem}, implicit, little, _charset_terms(encodings))
    return data, _value_offset(data, implicit)


def _value_offset(data: bytes, implicit: bool) -> int:
    if implicit or len(data) < 8:
        return 8
    return 8 if data[6:8] != b"\x00\x00" or data[4:6] not in _LONG_VRS else 12


_LONG_VRS = frozenset(
    vr.encode() for vr in ("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR")
) | {b"UT", b"UV"}


def _value_bytes(fp: Any, elem: DataElement, vr: str | None = None, encodings: Any = None) -> bytes:
    """The encoded value of `elem` (as `vr`, default its own) in `fp`'s encoding."""
    implicit, little = _encoding_of(fp)
    if vr is not None and vr != elem.VR:
        elem = DataElement(elem.tag, vr, elem.value, is_undefined_length=elem.is_undefined_length)
    data, offset = _element_bytes(elem, implicit, little, encodings)
    value = data[offset:]
    if elem.is_undefined_length and value[-8:-4] in (b"\xfe\xff\xdd\xe0", b"\xff\xfe\xe0\xdd"):
        value = value[:-8]
    return value


def _buffered_bytes(elem: DataElement) -> bytes:
    """The whole of a buffered value (its position kept)."""
    from .filewriter import _read_buffered

    return _read_buffered(elem.value)


def _write_value(fp: Any, elem: DataElement, vr: str | None = None, encodings: Any = None) -> None:
    if elem.value is None or elem.value == "":
        return
    fp.write(_value_bytes(fp, elem, vr, encodings))


def write_numbers(fp: Any, elem: DataElement, struct_format: str) -> None:
    """The value as binary numbers of `struct_format` ("H", "h", "L", "l", "f", "d", "q",
    "Q"); an unencodable value raises `OSError` naming the element."""
    value = elem.value
    if value is None or value == "" or (hasattr(value, "__len__") and not len(value)):
        return
    try:
        _write_value(fp, elem, _FORMAT_VR[struct_format])
    except (DicomError, ValueError, TypeError) as exc:
        raise OSError(f"{exc}\nfor data_element:\n{elem}") from exc


def write_OBvalue(fp: Any, elem: DataElement) -> None:
    """Bytes (or a buffered value) padded to even length."""
    data = _buffered_bytes(elem) if elem.is_buffered else bytes(elem.value)
    fp.write(data + b"\x00" * (len(data) % 2))


write_OWvalue = write_OBvalue


def write_UN(fp: Any, elem: DataElement) -> None:
    write_OBvalue(fp, elem)


def write_string(fp: Any, elem: DataElement, padding: str = " ") -> None:
    _write_value(fp, elem)


def write_UI(fp: Any, elem: DataElement) -> None:
    _write_value(fp, elem, "UI")


def write_number_string(fp: Any, elem: DataElement) -> None:
    _write_value(fp, elem)


def _write_encoded(fp: Any, values: list[Any], encode: Callable[[Any], bytes]) -> None:
    data = b"\\".join(v if isinstance(v, bytes) else encode(v) for v in values)
    fp.write(data + b" " * (len(data) % 2))


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | MultiValue) else [value]


def write_text(fp: Any, elem: DataElement, encodings: list[str] | None = None) -> None:
    """Text VRs encoded with the Python codecs `encodings` (default ISO 646), as
    `charset.encode_string` does (replacement characters and a warning for what none of
    them encodes, unless writing validation is RAISE)."""
    from .charset import encode_string

    if elem.value is None:
        return
    codecs_ = encodings or ["iso8859"]
    _write_encoded(fp, _values(elem.value), lambda v: encode_string(v, codecs_))


def write_PN(fp: Any, elem: DataElement, encodings: list[str] | None = None) -> None:
    """Person names, each component group encoded with `encodings`."""
    codecs_ = encodings or ["iso8859"]
    _write_encoded(fp, _values(elem.value), lambda v: v.encode(codecs_))


def write_DA(fp: Any, elem: DataElement) -> None:
    _write_value(fp, elem, "DA")


def write_DT(fp: Any, elem: DataElement) -> None:
    _write_value(fp, elem, "DT")


def write_TM(fp: Any, elem: DataElement) -> None:
    _write_value(fp, elem, "TM")


def write_ATvalue(fp: Any, elem: DataElement) -> None:
    _write_value(fp, elem, "AT")


def write_sequence(fp: Any, elem: DataElement, encodings: list[str]) -> None:
    """The items of a sequence (item headers and delimiters included)."""
    _write_value(fp, elem, "SQ", encodings)


def _format_DT(val: Any) -> str:
    """A DT value as written: its original string, else ``YYYYMMDDHHMMSS[.ffffff][&ZZXX]``."""
    from .filewriter import _format

    return "" if val is None else _format("DT", val)


def _format_DA(val: Any) -> str:
    from .filewriter import _format

    return "" if val is None else _format("DA", val)


def _format_TM(val: Any) -> str:
    from .filewriter import _format

    return "" if val is None else _format("TM", val)


Writer = tuple[Callable[..., None], str | None]
writers: dict[str, Writer] = {
    "AE": (write_string, None),
    "AS": (write_string, None),
    "AT": (write_ATvalue, None),
    "CS": (write_string, None),
    "DA": (write_DA, None),
    "DS": (write_number_string, None),
    "DT": (write_DT, None),
    "FD": (write_numbers, "d"),
    "FL": (write_numbers, "f"),
    "IS": (write_number_string, None),
    "LO": (write_text, None),
    "LT": (write_text, None),
    "OB": (write_OBvalue, None),
    "OD": (write_OWvalue, None),
    "OF": (write_OWvalue, None),
    "OL": (write_OWvalue, None),
    "OW": (write_OWvalue, None),
    "OV": (write_OWvalue, None),
    "PN": (write_PN, None),
    "SH": (write_text, None),
    "SL": (write_numbers, "l"),
    "SQ": (write_sequence, None),
    "SS": (write_numbers, "h"),
    "ST": (write_text, None),
    "SV": (write_numbers, "q"),
    "TM": (write_TM, None),
    "UC": (write_text, None),
    "UI": (write_UI, None),
    "UL": (write_numbers, "L"),
    "UN": (write_UN, None),
    "UR": (write_string, None),
    "US": (write_numbers, "H"),
    "UT": (write_text, None),
    "UV": (write_numbers, "Q"),
    "US or SS": (write_OWvalue, None),
    "US or OW": (write_OWvalue, None),
    "US or SS or OW": (write_OWvalue, None),
    "OB or OW": (write_OBvalue, None),
}


def write_data_element(fp: Any, elem: DataElement | RawDataElement, encodings: Any = None) -> None:
    """One element (header and value) in `fp`'s encoding (`is_implicit_VR`,
    `is_little_endian`); text with `encodings`."""
    implicit, little = fp.is_implicit_VR, fp.is_little_endian
    vr = elem.VR
    if not implicit and vr and len(vr) != 2:
        raise ValueError(
            f"Cannot write ambiguous VR of '{vr}' for data element with tag {elem.tag!r}.\n"
            "Set the correct VR before writing, or use an implicit VR transfer syntax"
        )
    if isinstance(elem, RawDataElement):
        elem = convert_raw_data_element(elem, encoding=encodings)
    elif vr not in writers:
        raise NotImplementedError(f"write_data_element: unknown Value Representation '{vr}'")
    if elem.is_undefined_length and elem.tag == 0x7FE00010:
        start = _buffered_bytes(elem)[:4] if elem.is_buffered else bytes(elem.value or b"")[:4]
        if start != (b"\xfe\xff\x00\xe0" if little else b"\xff\xfe\xe0\x00"):
            raise ValueError(
                "The (7FE0,0010) 'Pixel Data' element value hasn't been encapsulated as "
                "required for a compressed transfer syntax - see pydicom.encaps.encapsulate() "
                "for more information"
            )
    fp.write(_element_bytes(elem, implicit, little, encodings)[0])


def write_dataset(fp: Any, dataset: Any, parent_encoding: Any = "iso8859") -> int:
    """A data set (without preamble or file meta) in `fp`'s encoding, else the data set's
    (`is_implicit_VR`/`is_little_endian`, then its original encoding); returns the number of
    bytes written."""
    fp_encoding = (getattr(fp, "_implicit_vr", None), getattr(fp, "_little_endian", None))
    ds_encoding: tuple[Any, Any] = (None, None)
    if not config._use_future:
        ds_encoding = (dataset.is_implicit_VR, dataset.is_little_endian)
    original = dataset.original_encoding
    if None in fp_encoding and None in ds_encoding and None in original:
        raise AttributeError(
            "'fp.is_implicit_VR' and 'fp.is_little_endian' attributes are required "
        )
    if None in fp_encoding:
        fp_encoding = ds_encoding if None not in ds_encoding else original
    fp.is_implicit_VR, fp.is_little_endian = fp_encoding
    if fp_encoding != original or _charset_changed(dataset):
        correct_ambiguous_vr(dataset, fp.is_little_endian)
    terms = _charset_terms(parent_encoding)
    data = _encode(dataset, fp.is_implicit_VR, fp.is_little_endian, terms)
    fp.write(data)
    return len(data)


def _charset_changed(ds: Any) -> bool:
    try:
        return bool(ds.original_character_set != ds._character_set)
    except AttributeError:
        return False


def write_file_meta_info(fp: Any, file_meta: Any, enforce_standard: bool = True) -> None:
    """The File Meta Information (explicit VR little endian), its group length (when present
    or `enforce_standard`) set to the encoded length; `enforce_standard` also adds and checks
    the Type 1 elements (`validate_file_meta`)."""
    from .filewriter import validate_file_meta

    validate_file_meta(file_meta, enforce_standard)
    if enforce_standard and "FileMetaInformationGroupLength" not in file_meta:
        file_meta.FileMetaInformationGroupLength = 0
    data = _encode(file_meta, False, True)
    if "FileMetaInformationGroupLength" in file_meta:
        file_meta.FileMetaInformationGroupLength = len(data) - 12
    fp.write(bytes(data))


def _pixel_rep(ancestors: list[Any]) -> Any:
    """The nearest Pixel Representation among `ancestors`, else the nearest `_pixel_rep`."""
    for ds in ancestors:
        rep = getattr(ds, "PixelRepresentation", None)
        if rep is not None:
            return rep
    return next((ds._pixel_rep for ds in ancestors if hasattr(ds, "_pixel_rep")), None)


def _correct_ambiguous_vr_element(
    elem: DataElement, ancestors: list[Any], is_little_endian: bool
) -> DataElement:
    """pydicom's rules for the VR of an ambiguous element, from its data set and ancestors
    (nearest first); a value set as bytes while the VR was ambiguous becomes numbers."""
    from .dataset import resolve_ambiguous_vr
    from .values import convert_numbers

    def renumber(elem: DataElement) -> None:
        if elem.VM == 0:
            return
        first = elem.value if elem.VM == 1 else elem.value[0]
        if not isinstance(first, int):
            fmt = "H" if elem.VR == "US" else "h"
            elem.value = convert_numbers(bytes(elem.value), is_little_endian, fmt)

    ds = ancestors[0]
    resolve_ambiguous_vr(elem, ds, ds.original_encoding[0], lambda: _pixel_rep(ancestors), renumber)
    return elem


def correct_ambiguous_vr_element(
    elem: DataElement | RawDataElement,
    ds: Any,
    is_little_endian: bool,
    ancestors: list[Any] | None = None,
) -> DataElement | RawDataElement:
    """`elem` with its ambiguous VR ("US or SS", "OB or OW", ...) resolved from `ds` (and its
    `ancestors`, nearest first); a `RawDataElement` is converted (and replaced in `ds`)."""
    ancestors = [ds] if ancestors is None else ancestors
    if elem.VR and " or " in elem.VR:
        if isinstance(elem, RawDataElement):
            elem = convert_raw_data_element(elem, ds=ds)
            ds.__setitem__(elem.tag, elem)
        try:
            _correct_ambiguous_vr_element(elem, ancestors, is_little_endian)
        except AttributeError as exc:
            msg = f"Failed to resolve ambiguous VR for tag {elem.tag}: {exc}"
            raise AttributeError(msg) from exc
    return elem


def correct_ambiguous_vr(
    ds: Any, is_little_endian: bool, ancestors: MutableSequence[Any] | None = None
) -> Any:
    """Resolve every ambiguous VR in `ds` and its sequences (in place); returns `ds`."""
    ancestors = [ds] if ancestors is None else ancestors
    for tag in list(ds.keys()):
        elem = ds[tag]
        if elem.VR == "SQ":
            for item in elem.value:
                ancestors.insert(0, item)
                correct_ambiguous_vr(item, is_little_endian, ancestors)
        elif elem.VR and " or " in elem.VR:
            correct_ambiguous_vr_element(elem, ds, is_little_endian, list(ancestors))
    del ancestors[0]
    return ds
