"""Writing DICOM files: `dcmwrite` with pydicom 3's signature and semantics.

The bytes are assembled in Rust (`src/write/walk.rs`): elements untouched since reading are
copied from the file as they are (an unchanged file is a few large copies), the rest is encoded
per VR there, with pydicom's validators as errors. The core sees the data set only through the
protocol section of this module (typed `_core` objects and `_HOOKS`).

A path is replaced atomically (temporary file in the same directory, flushed to disk, renamed
over the target); a file-like object gets the whole encoded file in one ``write`` call, made
only after everything encoded. See docs/writing.md.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import operator
import os
import warnings
from collections.abc import Sequence
from io import BufferedIOBase
from typing import Any

from . import _core, config

# pydicom's element-level writer API, encoded by the core's writer (see _elemwrite.py)
from ._elemwrite import (  # noqa: F401
    _correct_ambiguous_vr_element,
    _format_DA,
    _format_DT,
    _format_TM,
    correct_ambiguous_vr,
    correct_ambiguous_vr_element,
    write_ATvalue,
    write_DA,
    write_data_element,
    write_dataset,
    write_DT,
    write_file_meta_info,
    write_number_string,
    write_numbers,
    write_OBvalue,
    write_OWvalue,
    write_PN,
    write_sequence,
    write_string,
    write_text,
    write_TM,
    write_UI,
    write_UN,
    writers,
)
from ._transfer_syntax import native as native_transfer_syntax
from ._transfer_syntax import of_meta
from .dataelem import BYTES_VRS, STR_VRS, DataElement, RawDataElement
from .errors import DicomValueError, PixelDataError
from .multival import MultiValue
from .tag import _LUT_DESCRIPTOR_TAGS, Tag
from .uid import PYRDICOM_ROOT_UID, UID
from .valuerep import IS, DSfloat, ISfloat, PersonName

#: Flush a written file to disk before renaming it over the target (crash safety). Turning it
#: off trades that for speed, e.g. for scratch files.
fsync = True

PYRDICOM_IMPLEMENTATION_UID = UID(f"{PYRDICOM_ROOT_UID}1")
IMPLEMENTATION_VERSION_NAME = "PYRDICOM 0.1.0"

_NUMBER_VRS = frozenset(["US", "SS", "UL", "SL", "SV", "UV", "FL", "FD", "AT"])
_IMMUTABLE = (str, int, float, bytes, type(None), PersonName)
_PIXEL_DATA_TAGS = (0x7FE00010, 0x7FE00008, 0x7FE00009)


def dcmwrite(
    filename: Any,
    dataset: Any,
    /,
    __write_like_original: bool | None = None,
    *,
    implicit_vr: bool | None = None,
    little_endian: bool | None = None,
    enforce_file_format: bool = False,
    force_encoding: bool = False,
    overwrite: bool = True,
    **kwargs: Any,
) -> None:
    """Write `dataset` to `filename` (a path, or a binary file-like object with ``write``).

    As pydicom 3's ``dcmwrite``: the data set is encoded as its file meta's Transfer Syntax UID
    says, else as `implicit_vr`/`little_endian`, else as it was read. With
    `enforce_file_format` the preamble and the required File Meta Information elements are
    added (or an error raised); otherwise the data set is written as it is. Unlike pydicom,
    values are checked against their VR (a ``DicomValueError`` names the element) and nothing
    is written unless the whole file encoded.

    Parameters
    ----------
    filename : str, path-like or binary file-like
        Where to write.
    dataset : Dataset
        The data set to write (its `file_meta` and `preamble` too, when it has them).
    __write_like_original : bool, optional
        pydicom's deprecated positional flag: ``False`` is ``enforce_file_format=True``.
    implicit_vr : bool, optional
        Encode with implicit VR when the data set has no Transfer Syntax UID to say.
    little_endian : bool, optional
        Encode little endian when the data set has no Transfer Syntax UID to say.
    enforce_file_format : bool
        Write a conformant Part 10 file: preamble, "DICM" and the required file meta elements.
    force_encoding : bool
        Use `implicit_vr` and `little_endian` even when the transfer syntax says otherwise.
    overwrite : bool
        Replace an existing file (else `FileExistsError`).
    **kwargs
        ``write_like_original``, pydicom's deprecated keyword for the flag above.

    Raises
    ------
    TypeError
        An unknown keyword, or ``write_like_original`` given twice (or at all in future mode).
    DicomValueError
        Command Set elements (group 0000) in the data set, an encoding that cannot be
        determined, or a value that does not fit its VR.
    AttributeError
        `enforce_file_format` and a required File Meta Information element is missing.
    OSError
        The file cannot be written (`FileExistsError` without `overwrite`).

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread, dcmwrite
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> ds.PatientName = "Anonymous"
    >>> dcmwrite("anonymous.dcm", ds)
    >>> dcmread("anonymous.dcm").PatientName
    'Anonymous'
    """
    write_like_original = kwargs.pop("write_like_original", None)
    if __write_like_original is not None and write_like_original is not None:
        if config._use_future:
            raise TypeError(
                "'write_like_original' is no longer accepted as a positional or keyword "
                "argument, use 'enforce_file_format' instead"
            )
        raise TypeError(
            "'write_like_original' cannot be used as both a positional and keyword argument"
        )
    if write_like_original is None:
        write_like_original = __write_like_original
    if write_like_original is not None:
        if config._use_future:
            raise TypeError(
                "'write_like_original' is no longer accepted as a positional or keyword "
                "argument, use 'enforce_file_format' instead"
            )
        warnings.warn(
            "'write_like_original' is deprecated and will be removed in v4.0, please use "
            "'enforce_file_format' instead",
            DeprecationWarning,
            stacklevel=2,
        )
        enforce_file_format = not write_like_original
    if kwargs:
        raise TypeError(f"Invalid keyword argument(s) for dcmwrite(): {', '.join(kwargs)}")

    cls_name = type(dataset).__name__
    groups = {t >> 16 for t in dataset._dict if t >> 16 in (0, 2)}
    if 0 in groups:
        raise DicomValueError(
            "Command Set elements (0000,eeee) are not allowed when using dcmwrite(), use "
            "write_dataset() instead"
        )
    if 2 in groups:
        raise DicomValueError(
            "File Meta Information Group elements (0002,eeee) must be in a FileMetaDataset "
            f"instance in the '{cls_name}.file_meta' attribute"
        )
    if force_encoding and enforce_file_format:
        raise ValueError("'force_encoding' cannot be used with 'enforce_file_format'")

    file_meta: Any = getattr(dataset, "file_meta", None)
    if enforce_file_format:
        from .dataset import FileMetaDataset

        # pydicom changes a copy, never the data set's own file meta
        file_meta = copy.deepcopy(file_meta) if file_meta is not None else FileMetaDataset()
    tsyntax = _transfer_syntax(file_meta)
    encoding = _determine_encoding(dataset, tsyntax, implicit_vr, little_endian, force_encoding)
    if not force_encoding and encoding == (True, False):
        raise ValueError("Implicit VR and big endian is not a valid encoding combination")

    preamble = getattr(dataset, "preamble", None)
    if preamble and len(preamble) != 128:
        raise ValueError(f"'{cls_name}.preamble' must be 128-bytes long")

    if enforce_file_format:
        if tsyntax is None:
            if encoding == (True, True):
                file_meta.TransferSyntaxUID = native_transfer_syntax(True, True).uid
            elif encoding == (False, False):
                file_meta.TransferSyntaxUID = native_transfer_syntax(False, False).uid
            tsyntax = _transfer_syntax(file_meta)
        meta_class = file_meta.get("MediaStorageSOPClassUID")
        ds_class = dataset.get("SOPClassUID")
        if meta_class is None or (ds_class and ds_class != meta_class):
            file_meta.MediaStorageSOPClassUID = ds_class
        meta_instance = file_meta.get("MediaStorageSOPInstanceUID")
        ds_instance = dataset.get("SOPInstanceUID")
        if meta_instance is None or (ds_instance and ds_instance != meta_instance):
            file_meta.MediaStorageSOPInstanceUID = ds_instance
        validate_file_meta(file_meta, enforce_standard=True)
        if "FileMetaInformationGroupLength" not in file_meta:
            file_meta.FileMetaInformationGroupLength = 0  # the writer computes it
        if not preamble:
            preamble = b"\x00" * 128
    elif file_meta is not None:
        validate_file_meta(file_meta, enforce_standard=False)

    known_ts = tsyntax is not None and not tsyntax.is_private and tsyntax.is_transfer_syntax
    if tsyntax is not None and known_ts and 0x7FE00010 in dataset._dict:
        # PS3.5 A.4: encapsulated pixel data has an undefined length, native a defined one
        pixels = dataset[0x7FE00010]
        pixels.is_undefined_length = tsyntax.is_compressed
        # a value set from Python must be items (a value read from the file is as it was)
        value = pixels.value if pixels._raw is None else None
        if tsyntax.is_compressed and isinstance(value, bytes) and value[:4] != b"\xfe\xff\x00\xe0":
            raise ValueError(
                "The (7FE0,0010) 'Pixel Data' element value hasn't been encapsulated as "
                "required for a compressed transfer syntax - see pydicom.encaps.encapsulate() "
                "for more information"
            )
    if tsyntax is None or not known_ts or not tsyntax.is_encapsulated:
        check_pixel_data_length(dataset)
    if 0x00080005 in dataset._dict:
        from .charset import convert_encodings

        # pydicom's warning (LookupError in RAISE mode) for a term it does not know
        convert_encodings(dataset[0x00080005].value)

    for ds in (file_meta, dataset):
        # RawDataElements stored by the caller are written as their converted value
        for tag, entry in ds._dict.items() if ds is not None else ():
            if entry.__class__ is RawDataElement:
                ds[tag]
    job = _core.WriteJob(
        _level(dataset),
        implicit_vr=encoding[0],
        little_endian=encoding[1],
        hooks=_HOOKS,
        preamble=bytes(preamble) if preamble else None,
        meta=_level(file_meta) if file_meta else None,
        deflate=tsyntax is not None and known_ts and tsyntax.is_deflated,
    )
    if isinstance(filename, str | os.PathLike):
        notes = _core.write_file(os.fspath(filename), job, overwrite=overwrite, fsync=fsync)
    elif hasattr(filename, "write"):
        encoded = _core.encode(job)
        filename.write(encoded.data)
        notes = encoded.warnings
    else:
        raise TypeError(
            "dcmwrite: Expected a file path, file-like or writeable buffer, but got "
            f"{type(filename).__name__}"
        )
    for note in notes:
        warnings.warn(note, UserWarning, stacklevel=2)


def _transfer_syntax(file_meta: Any) -> UID | None:
    uid = of_meta(file_meta)
    if uid is None:
        return None
    # UID(the value) keeps a private transfer syntax's encoding (UID.set_private_encoding)
    value = file_meta.get("TransferSyntaxUID")
    return UID(value) if isinstance(value, str) else UID(uid)


def _determine_encoding(
    ds: Any,
    tsyntax: UID | None,
    implicit_vr: bool | None,
    little_endian: bool | None,
    force_encoding: bool,
) -> tuple[bool, bool]:
    """pydicom's encoding priority: the transfer syntax, the arguments, the data set's
    `is_implicit_VR`/`is_little_endian`, its original encoding."""
    arg_encoding = (implicit_vr, little_endian)
    if force_encoding:
        if None in arg_encoding:
            raise ValueError(
                "'implicit_vr' and 'little_endian' are required if 'force_encoding' is used"
            )
        return arg_encoding  # type: ignore[return-value]
    if implicit_vr is not None and little_endian is None:
        arg_encoding = (implicit_vr, True)
    # the deprecated encoding attributes are gone in pydicom's future mode
    ds_encoding = (None, None) if config._use_future else (ds.is_implicit_VR, ds.is_little_endian)
    fallback: tuple[Any, Any] = (None, None)
    if None not in arg_encoding:
        fallback = arg_encoding
    elif None not in ds_encoding:
        fallback = ds_encoding
    elif None not in ds.original_encoding:
        fallback = ds.original_encoding
    if tsyntax is None:
        if None not in fallback:
            return fallback
        raise DicomValueError(
            "Unable to determine the encoding to use for writing the dataset, please set the "
            "file meta's Transfer Syntax UID or use the 'implicit_vr' and 'little_endian' "
            "arguments"
        )
    if tsyntax.is_private and not tsyntax.is_transfer_syntax:
        if None in fallback:
            raise DicomValueError(
                "The 'implicit_vr' and 'little_endian' arguments are required when using a "
                "private transfer syntax"
            )
        return fallback
    if not tsyntax.is_transfer_syntax:
        raise DicomValueError(
            f"The Transfer Syntax UID '{tsyntax.name}' is not a valid transfer syntax"
        )
    if implicit_vr is not None and implicit_vr != tsyntax.is_implicit_VR:
        raise ValueError(
            "The 'implicit_vr' value is not consistent with the required VR encoding for the "
            f"'{tsyntax.name}' transfer syntax"
        )
    if little_endian is not None and little_endian != tsyntax.is_little_endian:
        raise ValueError(
            "The 'little_endian' value is not consistent with the required endianness for the "
            f"'{tsyntax.name}' transfer syntax"
        )
    return (tsyntax.is_implicit_VR, tsyntax.is_little_endian)


def validate_file_meta(file_meta: Any, enforce_standard: bool = True) -> None:
    """pydicom's `validate_file_meta`: only group 2; with `enforce_standard` the Type 1
    elements pyrdicom can supply are added and the others must be present and non-empty.

    Parameters
    ----------
    file_meta : FileMetaDataset
        The File Meta Information, changed in place.
    enforce_standard : bool
        Add File Meta Information Version, Implementation Class UID and Implementation
        Version Name when missing, and require Media Storage SOP Class UID, Media Storage SOP
        Instance UID and Transfer Syntax UID.

    Raises
    ------
    ValueError
        An element outside group 0002.
    AttributeError
        A required element is missing or empty (with `enforce_standard`).

    Examples
    --------
    >>> from pyrdicom.dataset import FileMetaDataset
    >>> from pyrdicom.filewriter import validate_file_meta
    >>> from pyrdicom.uid import ExplicitVRLittleEndian
    >>> meta = FileMetaDataset()
    >>> meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    >>> meta.MediaStorageSOPInstanceUID = "1.2.3.4"
    >>> meta.TransferSyntaxUID = ExplicitVRLittleEndian
    >>> validate_file_meta(meta)
    >>> "ImplementationClassUID" in meta
    True
    """
    for tag in file_meta._dict:
        if tag >> 16 != 0x0002:
            raise ValueError(
                "Only File Meta Information group (0002,eeee) elements may be present in "
                "'file_meta'."
            )
    if not enforce_standard:
        return
    if "FileMetaInformationVersion" not in file_meta or file_meta[0x00020001].is_empty:
        file_meta.FileMetaInformationVersion = b"\x00\x01"
    if "ImplementationClassUID" not in file_meta or file_meta[0x00020012].is_empty:
        file_meta.ImplementationClassUID = PYRDICOM_IMPLEMENTATION_UID
    if "ImplementationVersionName" not in file_meta:
        file_meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
    invalid = [
        f"{Tag(tag)} {DataElement(tag, 'UI', None).name}"
        for tag in (0x00020002, 0x00020003, 0x00020010)
        if tag not in file_meta or file_meta[tag].is_empty
    ]
    if invalid:
        raise AttributeError(
            "Required File Meta Information elements are either missing or have an empty "
            f"value: {', '.join(invalid)}"
        )


def check_pixel_data_length(ds: Any) -> None:
    """For native pixel data whose data or Image Pixel module was changed since reading: the
    value must be as long as the module says (padding to even length aside).

    ``dcmwrite`` calls it before writing; a data set without native pixel data, or whose
    pixel data and Image Pixel module are as read, passes unchecked.

    Parameters
    ----------
    ds : Dataset
        The data set about to be written.

    Raises
    ------
    PixelDataError
        The Pixel Data's length does not match Rows, Columns, Samples per Pixel, Bits
        Allocated and Number of Frames, or the module cannot be interpreted.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.filewriter import check_pixel_data_length
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> ds.Rows = 64
    >>> check_pixel_data_length(ds)
    Traceback (most recent call last):
        ...
    pyrdicom.errors.PixelDataError: The Pixel Data is 32768 bytes but the Image ...
    """
    from .pixels.native import _PIXEL_MODULE, PixelInfo

    d = ds._dict
    if not any(t in d for t in _PIXEL_DATA_TAGS):
        return
    changed = [
        t for t in _PIXEL_MODULE if t in d and d[t].__class__ is not int and d[t]._raw is None
    ]
    if not changed:
        return
    try:
        info = PixelInfo(ds)
    except AttributeError:
        return  # no Image Pixel module to check against: written as it is, as pydicom does
    except PixelDataError as exc:
        raise PixelDataError(f"The pixel data cannot be checked before writing: {exc}") from exc
    elem = ds[info.tag]
    if elem.is_undefined_length:
        return
    if elem._raw is not None and elem._value is DataElement._UNSET:
        actual = elem._raw.info(elem._idx).length
    else:
        actual = len(elem.value or b"")
    if info.bits_allocated == 1:
        expected = -(-info.frame_pixels * info.frames // 8)
    else:
        expected = info.frame_nbytes() * info.frames
    if actual not in (expected, expected + expected % 2):
        raise PixelDataError(
            f"The {elem.name} is {actual} bytes but the Image Pixel module describes "
            f"{expected} bytes: {info.rows} rows x {info.columns} columns x {info.frames} "
            f"frame(s) x {info.samples} sample(s) x {info.bits_allocated} bits allocated "
            f"({info.photometric or 'no photometric interpretation'}); update the module "
            "(or use Dataset.set_pixel_data) before writing"
        )


# --- the writer protocol -------------------------------------------------------------------
# The core walks a data set (src/write/walk.rs) as typed objects: a `_core.WriteLevel` per data
# set or item (`_level`), and these hooks, handed over once as `_HOOKS`, for what Python
# stored. Nothing else of the data model is read by the core.


def _level(ds: Any) -> _core.WriteLevel:
    """A data set or item as the writer sees it."""
    return _core.WriteLevel(ds, ds._dict, ds.is_undefined_length_sequence_item)


def _state(elem: DataElement) -> _core.ElementState:
    """Its VR and length form and, while it still holds the value read, where it was read."""
    raw = elem._raw
    if raw is not None and (
        elem._value is DataElement._UNSET or (elem.VR != "SQ" and _unchanged(elem))
    ):
        return _core.ElementState(elem.VR, elem.is_undefined_length, raw, elem._idx)
    return _core.ElementState(elem.VR, elem.is_undefined_length)


def _element(ds: Any, tag: int) -> DataElement:
    """The DataElement of a raw entry; an ambiguous VR is resolved if the data set allows."""
    try:
        return ds._element(tag)
    except AttributeError:
        return ds._dict[tag]


def _unchanged(elem: DataElement) -> bool:
    """Whether the loaded value of an element read from a file is still the value read (a
    list or bytearray may have been edited in place)."""
    value = elem._value
    if isinstance(value, _IMMUTABLE):
        return True
    fresh = elem._load()
    return type(fresh) is type(value) and fresh == value and str(fresh) == str(value)


def _items(elem: DataElement) -> list[_core.WriteLevel]:
    return [_level(item) for item in elem.value]


def _charset_terms(elem: DataElement) -> list[str]:
    value = elem.value
    if not value:
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        value = [value]  # one term, or a forced read's number under another VR
    return [v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in value]


def _value(ds: Any, elem: DataElement, implicit: bool) -> _core.WriteValue:
    """An element's value for the Rust encoder, its ambiguous VR resolved. Errors name the
    element."""
    try:
        vr = elem.VR
        if " or " in vr:
            vr = _resolve_vr(ds, elem, implicit)
        kind, data = _to_primitive(vr, elem.value)
        if vr == "SS" and kind == "int" and elem.tag in _LUT_DESCRIPTOR_TAGS and data[0] > 0x7FFF:
            # pydicom writes a LUT Descriptor's first value (entries) unsigned
            data[0] -= 0x10000
        return _core.WriteValue(vr, kind, data)
    except (TypeError, ValueError, AttributeError, OverflowError) as exc:
        if isinstance(exc, DicomValueError):
            raise
        if isinstance(elem.value, BufferedIOBase):
            raise ValueError(f"Invalid buffer for {elem.tag} '{elem.name}': {exc}") from exc
        raise DicomValueError(f"{elem.tag} {elem.keyword or elem.name}: {exc}") from exc


_HOOKS = _core.WriteHooks(
    state=_state, element=_element, value=_value, items=_items, charset=_charset_terms
)


def _encode(
    ds: Any,
    *,
    implicit_vr: bool,
    little_endian: bool,
    charset: list[str] | None = None,
) -> bytes:
    """A bare data set (no preamble, no File Meta Information) in one of the three encodings,
    as bytes; `ds` may also be a dict {tag: DataElement} (e.g. one element). `charset` is the
    Specific Character Set in force where it is written (the parent's terms). Group lengths
    present are written (recomputed unless their group is as read); warnings are issued."""
    level = _level(ds) if hasattr(ds, "_dict") else _core.WriteLevel(None, ds)
    job = _core.WriteJob(
        level,
        implicit_vr=implicit_vr,
        little_endian=little_endian,
        hooks=_HOOKS,
        charset=charset or [],
    )
    encoded = _core.encode(job)
    for note in encoded.warnings:
        warnings.warn(note, UserWarning, stacklevel=2)
    return encoded.data


def _resolve_vr(ds: Any, elem: DataElement, implicit: bool) -> str:
    with contextlib.suppress(AttributeError, KeyError, TypeError, IndexError):
        ds._correct_ambiguous_vr(elem)  # as far as the data set allows
    vr = elem.VR
    if " or " in vr and not implicit:
        raise DicomValueError(
            f"Cannot write ambiguous VR of '{vr}': set the correct VR before writing, or use "
            "an implicit VR transfer syntax"
        )
    if " or " in vr and not isinstance(elem.value, bytes | bytearray | memoryview):
        # implicit VR writes no VR: numbers are unsigned unless one is negative
        values = elem.value if _is_multi(elem.value) else [elem.value]
        vr = "SS" if any(v is not None and v < 0 for v in values) else "US"
    return vr


def _is_multi(value: Any) -> bool:
    return isinstance(value, list | tuple | MultiValue) or type(value).__name__ == "ndarray"


def _to_primitive(vr: str, value: Any) -> tuple[str, Any]:
    if value is None:
        return "empty", None
    if isinstance(value, BufferedIOBase):
        return "bytes", _read_buffered(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return "bytes", value
    if type(value).__name__ == "ndarray":
        if vr in BYTES_VRS or " or " in vr:
            import numpy as np

            return "bytes", np.ascontiguousarray(value).view("u1").reshape(-1)
        value = value.tolist()
    if vr in BYTES_VRS:
        if _is_multi(value) and not len(value):
            return "empty", None  # an empty list, as DataElement makes of [] (pydicom writes it)
        raise TypeError(
            f"A value of type '{type(value).__name__}' cannot be assigned to a tag with VR {vr}."
        )
    values = list(value) if _is_multi(value) else [value]
    if vr in _NUMBER_VRS or " or " in vr:
        values = [v for v in values if v is not None and v != ""]
        if not values:
            return "empty", None
        if vr in ("FL", "FD"):
            if any(isinstance(v, str | bytes) for v in values):
                raise TypeError(f"A value of type 'str' cannot be assigned to a tag with VR {vr}.")
            return "float", [float(v) for v in values]
        return "int", [operator.index(v) for v in values]
    if vr in STR_VRS:
        if all(isinstance(v, bytes) for v in values):
            return "bytes", b"\\".join(values)
        strs = [_format(vr, v) for v in values]
        if len(strs) <= 1 and not any(strs):
            return "empty", None
        return "str", strs
    raise TypeError(f"Cannot encode a value for VR {vr}")


def _read_buffered(buffer: BufferedIOBase) -> bytes:
    """The whole of a buffered value (pydicom's DataElement with a buffer as its value),
    its position kept; a closed or unreadable buffer is a ValueError."""
    from .fileutil import reset_buffer_position

    with reset_buffer_position(buffer):
        buffer.seek(0)
        return buffer.read()  # one allocation (joining chunks would hold the data twice)


def _format(vr: str, v: Any) -> str:
    """One value of a string VR as text (pydicom's writers)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return str.__str__(v)
    original = getattr(v, "original_string", None)
    if isinstance(original, str):
        return original
    if vr in ("DS", "IS") and isinstance(v, int | float | DSfloat | IS | ISfloat):
        return str(v)
    if vr == "DA" and isinstance(v, datetime.date):
        return v.strftime("%Y%m%d")
    if vr == "DT" and isinstance(v, datetime.datetime):
        return v.strftime("%Y%m%d%H%M%S.%f%z" if v.microsecond else "%Y%m%d%H%M%S%z")
    if vr == "TM" and isinstance(v, datetime.time):
        return v.strftime("%H%M%S.%f" if v.microsecond else "%H%M%S")
    if vr == "PN" and isinstance(v, PersonName):
        return str(v)
    if isinstance(v, bytes):
        return v.decode("latin-1")
    raise TypeError(
        f"A value of type '{type(v).__name__}' cannot be assigned to a tag with VR {vr}."
    )
