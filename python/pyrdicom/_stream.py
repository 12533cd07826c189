"""pydicom's stream-level reader API (`data_element_generator`, `read_dataset`,
`read_sequence`, `read_preamble`, `read_partial`, ...) over the core's one-pass index.

Each function reads the bytes it is given from the file-like in one call, has the core index
them in the encoding the caller names (`_core.read(..., encoding=(implicit, little))`), and
answers from that index: the elements are never parsed in Python. The file-like is left where
pydicom's element-by-element reader would leave it (after the last element returned, or at the
header of the element `stop_when` stopped at).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, MutableSequence
from typing import Any, BinaryIO, Literal, cast

from . import _core, config
from ._core import ElementInfo
from .dataelem import DataElement, RawDataElement, _element_from_raw, empty_value_for_VR
from .dataset import Dataset, FileDataset, FileMetaDataset
from .errors import InvalidDicomError
from .misc import size_in_bytes
from .sequence import Sequence
from .tag import BaseTag, Tag

StopWhen = Callable[[BaseTag, str | None, int], bool] | None

_UNDEFINED = 0xFFFFFFFF
_LONG_LENGTH_VRS = frozenset(
    ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]
)
_PIXEL_TAGS = frozenset([0x7FE00010, 0x7FE00009, 0x7FE00008])
_CHARSET = 0x00080005
# Any tag whose dictionary VR is SQ: frames the items of a bare sequence value for the core.
_SEQUENCE_FRAME_TAG = 0x00081115


def report_notes(notes: Iterable[tuple[str, str]], name: Any, kinds: tuple[str, ...]) -> None:
    """What pydicom warns about while reading (the core's notes of `kinds`): a UserWarning,
    or under the RAISE reading mode pydicom's error (InvalidDicomError, EOFError)."""
    from .misc import warn_and_log

    strict = config.settings.reading_validation_mode == config.RAISE
    for kind, msg in notes:
        if kind not in kinds:
            continue
        if kind == "vr_encoding":
            if strict:
                raise InvalidDicomError(msg)
            found = "implicit" if msg.endswith("implicit VR") else "explicit"
            warn_and_log(f"{msg} - using {found} VR for reading", UserWarning)
        else:
            if strict:
                raise EOFError(msg)
            where = name if isinstance(name, str) else getattr(name, "name", "<no filename>")
            warn_and_log(f"{msg} in file {where}", UserWarning)


def _index(data: bytes, implicit: bool, little: bool, specific_tags: Any = None) -> Any:
    return _core.read(data, **_parse_opts(implicit, little, specific_tags))


def _parse_opts(implicit: bool, little: bool, specific_tags: Any = None) -> dict[str, Any]:
    """`_core.read`'s options for a bare data set; a data set made from the result is given
    them too (`Dataset._from_raw`'s `read_opts`: a pickle parses the bytes again with them)."""
    tags = None if not specific_tags else [int(Tag(t)) for t in specific_tags]
    return {
        "encoding": (implicit, little),
        "specific_tags": tags,
        "implicit_vr_switch": config.assume_implicit_vr_switch,
        "infer_sq_for_un_vr": config.settings.infer_sq_for_un_vr,
    }


def _top_level(raw: Any) -> list[int]:
    """Indices of the top-level elements in file order."""
    return sorted(raw.level(-1).values())


def _length(info: ElementInfo) -> int:
    """The length as encoded, as pydicom gives it (0xFFFFFFFF: undefined)."""
    return _UNDEFINED if info.undefined_length else info.length


def _header_size(info: ElementInfo, wire_vr: str | None) -> int:
    if info.implicit_vr or wire_vr is None:
        return 8
    return 12 if wire_vr in _LONG_LENGTH_VRS else 8


def _wire_vr(raw: Any, info: ElementInfo) -> str | None:
    """The VR as encoded: None for implicit VR (pydicom's RawDataElement.VR), the stream's
    own VR where the core replaced it (UN of a known element, an unknown VR)."""
    if info.implicit_vr:
        # pydicom looks undefined-length VRs up at once (the value's form depends on it)
        return info.vr if info.undefined_length else None
    if info.unknown_vr:
        return bytes(memoryview(raw)[info.offset - 4 : info.offset - 2]).decode("latin-1")
    if info.from_un:
        return "UN"
    return info.vr


def _value_end(raw: Any, idx: int, info: ElementInfo) -> int:
    """Offset just past an element (its sequence delimiter included)."""
    if info.undefined_length:
        return info.offset + len(raw.raw_value(idx)) + 8
    return info.offset + info.length


def data_element_generator(
    fp: BinaryIO,
    is_implicit_VR: bool,
    is_little_endian: bool,
    stop_when: StopWhen = None,
    defer_size: int | str | float | None = None,
    encoding: str | MutableSequence[str] = "iso8859",
    specific_tags: list[BaseTag | int] | None = None,
) -> Iterator[RawDataElement | DataElement]:
    """The elements of `fp` from its position: a `RawDataElement` (value as bytes) for each,
    except undefined-length sequences, which come as a `DataElement` holding the `Sequence`.

    `stop_when(tag, VR, length)` returning True ends reading before that element (`fp` is
    left at its header); values longer than `defer_size` are None.
    """
    start = fp.tell()
    data = fp.read()
    raw = _index(data, is_implicit_VR, is_little_endian, specific_tags)
    defer = size_in_bytes(defer_size)
    parent: Dataset | None = None
    end = 0
    for idx in _top_level(raw):
        info = raw.info(idx)
        tag, vr, length, offset = info.tag, info.vr, _length(info), info.offset
        wire_vr = _wire_vr(raw, info)
        if stop_when is not None and stop_when(BaseTag(tag), wire_vr, length):
            fp.seek(start + offset - _header_size(info, wire_vr))
            return
        end = _value_end(raw, idx, info)
        fp.seek(start + end)
        if length == _UNDEFINED and vr == "SQ":
            if parent is None:
                opts = _parse_opts(is_implicit_VR, is_little_endian, specific_tags)
                parent = Dataset._from_raw(raw, -1, None, False, opts)
            elem = _element_from_raw(raw, idx, parent)
            elem.file_tell = start + offset
            yield elem
            continue
        value: bytes | None
        if defer is not None and length != _UNDEFINED and length > defer and tag != _CHARSET:
            value = None
        else:
            value = raw.raw_value(idx)
            if defer is not None and length == _UNDEFINED and len(value) > defer:
                value = None
            elif not value:
                value = empty_value_for_VR(wire_vr, raw=True)
        yield RawDataElement(
            BaseTag(tag), wire_vr, length, value, start + offset, is_implicit_VR, is_little_endian
        )
    if any(kind == "no_delimiter" for kind, _ in raw.notes):
        fp.seek(start + end)
        raise EOFError(
            "End of file reached before delimiter (FFFE,E0DD) found in file "
            f"{getattr(fp, 'name', '<no filename>')}"
        )
    fp.seek(start + len(data))


def _log_dataset(raw: Any, implicit: bool, little: bool) -> None:
    """pydicom's `config.debug()` messages of `read_dataset` (element headers, VR guesses,
    undefined lengths, items and delimiters), from the index."""
    from ._debuglog import log_element_headers

    log_element_headers(raw)
    data = bytes(memoryview(raw))
    order: Literal["little", "big"] = "little" if little else "big"
    for idx in _top_level(raw):
        _log_element(raw, data, idx, implicit, order)


def _log_element(
    raw: Any, data: bytes, idx: int, implicit: bool, order: Literal["little", "big"]
) -> None:
    logger = config.logger
    info = raw.info(idx)
    vr, offset = info.vr, info.offset
    if info.unknown_vr:
        logger.warning(
            f"Unknown VR '{_wire_vr(raw, info)}' assuming explicit VR encoding with 2-byte length"
        )
    elif info.implicit_vr and not implicit:
        field = data[offset - 4 : offset - 2]
        logger.warning(f"Unknown VR '0x{field[0]:02x}{field[1]:02x}' assuming implicit VR encoding")
    if not info.undefined_length:
        return
    if vr != "SQ":
        logger.debug("Reading undefined length data element")
        return
    logger.debug(f"{offset:08X}: Reading/parsing undefined length sequence")
    items = raw.value(idx) or []
    for item in items:
        item_info = raw.info(item)
        item_tag, content = item_info.tag, item_info.offset
        header = content - 8
        if item_tag != 0xFFFEE000:
            logger.warning(
                f"Expected sequence item with tag (FFFE,E000) at file position 0x{header + 4:X}"
            )
        else:
            hexed = " ".join(f"{b:02x}" for b in data[header:content])
            logger.debug(f"{header + 4:08x}: {hexed}  Found Item tag (start of item)")
        for child in sorted(raw.level(item).values()):
            _log_element(raw, data, child, implicit, order)
        if not item_info.undefined_length:
            logger.debug(f"{content + item_info.length:08X}: Finished sequence item")
    delimiter = offset + len(raw.raw_value(idx))
    logger.debug(f"{delimiter:08x}: End of Sequence")
    delimiter_len = int.from_bytes(data[delimiter + 4 : delimiter + 8], order)
    if delimiter_len:
        logger.warning(
            f"Expected 0x00000000 after delimiter, found 0x{delimiter_len:X}, at position "
            f"0x{delimiter + 4:X}"
        )


def _check_vr_encoding(data: bytes, implicit: bool, little: bool, stop_when: StopWhen) -> bool:
    """pydicom's `_is_implicit_vr` for a top-level data set: trust the VR field of the first
    element over the caller, with a warning (an error in RAISE mode)."""
    if len(data) < 6:
        return implicit
    found = not (0x40 < data[4] < 0x5B and 0x40 < data[5] < 0x5B)
    if found == implicit:
        return implicit
    if stop_when is not None:
        order: Literal["little", "big"] = "little" if little else "big"
        tag = int.from_bytes(data[0:2], order) << 16 | int.from_bytes(data[2:4], order)
        if stop_when(BaseTag(tag), data[4:6].decode("latin-1"), 0):
            return found
    found_vr, expected_vr = ("implicit", "explicit") if found else ("explicit", "implicit")
    msg = f"Expected {expected_vr} VR, but found {found_vr} VR"
    if config.settings.reading_validation_mode == config.RAISE:
        raise InvalidDicomError(msg)
    warnings.warn(f"{msg} - using {found_vr} VR for reading", UserWarning, stacklevel=3)
    return found


def read_dataset(
    fp: BinaryIO,
    is_implicit_VR: bool,
    is_little_endian: bool,
    bytelength: int | None = None,
    stop_when: StopWhen = None,
    defer_size: str | int | float | None = None,
    parent_encoding: str | MutableSequence[str] = "iso8859",
    specific_tags: list[BaseTag | int] | None = None,
    at_top_level: bool = True,
) -> Dataset:
    """The data set at `fp`'s position: `bytelength` bytes, or up to the end, an item
    delimiter, or the element `stop_when` stops at. Values are decoded on access."""
    start = fp.tell()
    data = fp.read() if bytelength is None else fp.read(bytelength)
    if at_top_level:
        is_implicit_VR = _check_vr_encoding(data, is_implicit_VR, is_little_endian, stop_when)
    raw = _index(data, is_implicit_VR, is_little_endian, specific_tags)
    end = len(data)
    if stop_when is not None:
        for idx in _top_level(raw):
            info = raw.info(idx)
            wire_vr = _wire_vr(raw, info)
            if stop_when(BaseTag(info.tag), wire_vr, _length(info)):
                end = info.offset - _header_size(info, wire_vr)
                raw = _index(data[:end], is_implicit_VR, is_little_endian, specific_tags)
                break
    fp.seek(start + end)
    if config.debugging:
        _log_dataset(raw, is_implicit_VR, is_little_endian)
    report_notes(raw.notes, fp, ("no_delimiter",))
    opts = _parse_opts(is_implicit_VR, is_little_endian, specific_tags)
    ds = Dataset._from_raw(raw, -1, None, False, opts)
    if ds.get("SpecificCharacterSet") is not None:
        charset = ds._character_set
    else:
        charset = parent_encoding if isinstance(parent_encoding, str) else list(parent_encoding)
    ds.set_original_encoding(is_implicit_VR, is_little_endian, charset)
    return ds


def read_sequence(
    fp: BinaryIO,
    is_implicit_VR: bool,
    is_little_endian: bool,
    bytelength: int,
    encoding: str | MutableSequence[str],
    offset: int = 0,
) -> Sequence:
    """The items of a sequence value at `fp`'s position (`bytelength` bytes, or
    0xFFFFFFFF: up to the sequence delimiter)."""
    undefined = bytelength == _UNDEFINED
    if bytelength == 0:
        return Sequence()
    data = fp.read() if undefined else fp.read(bytelength)
    order: Literal["little", "big"] = "little" if is_little_endian else "big"
    tag = _SEQUENCE_FRAME_TAG
    header = (tag >> 16).to_bytes(2, order) + (tag & 0xFFFF).to_bytes(2, order)
    if not is_implicit_VR:
        header += b"SQ\x00\x00"
    length = _UNDEFINED if undefined else len(data)
    raw = _index(header + length.to_bytes(4, order) + data, is_implicit_VR, is_little_endian)
    idx = _top_level(raw)[0]
    info = raw.info(idx)
    parent = Dataset._from_raw(raw, -1, None, False, _parse_opts(is_implicit_VR, is_little_endian))
    elem = _element_from_raw(raw, idx, parent)
    seq = elem.value
    if undefined:
        fp.seek(fp.tell() - len(data) + _value_end(raw, idx, info) - len(header) - 4)
    return seq


def read_preamble(fp: BinaryIO, force: bool) -> bytes | None:
    """The 128-byte preamble, `fp` left after 'DICM'; without 'DICM': None and `fp` rewound
    to 0 when `force`, else `InvalidDicomError`."""
    preamble = fp.read(128)
    if fp.read(4) == b"DICM":
        return preamble
    if force:
        fp.seek(0)
        return None
    raise InvalidDicomError(
        "File is missing DICOM File Meta Information header or the 'DICM' prefix is missing "
        "from the header. Use force=True to force reading."
    )


def _not_group_0002(tag: BaseTag, vr: str | None, length: int) -> bool:
    return tag >> 16 != 0x0002


def _read_file_meta_info(fp: BinaryIO) -> FileMetaDataset:
    """The File Meta Information at `fp`'s position (explicit VR little endian)."""
    ds = read_dataset(fp, False, True, stop_when=_not_group_0002)
    meta = cast(
        FileMetaDataset,
        FileMetaDataset._from_raw(ds._raw, -1, None, False, ds.__dict__.get("_read_opts")),
    )
    object.__setattr__(meta, "_implicit_vr", False)
    return meta


def read_file_meta_info(filename: Any) -> FileMetaDataset:
    """Only the File Meta Information of a file (its preamble and 'DICM' are required)."""
    with open(filename, "rb") as fp:
        read_preamble(fp, False)
        return _read_file_meta_info(fp)


def _at_pixel_data(tag: BaseTag, vr: str | None, length: int) -> bool:
    return tag in _PIXEL_TAGS


def read_partial(
    fileobj: BinaryIO,
    stop_when: StopWhen = None,
    defer_size: int | str | float | None = None,
    force: bool = False,
    specific_tags: list[BaseTag | int] | None = None,
) -> FileDataset:
    """A whole file read up to the element `stop_when` stops at (`dcmread` otherwise)."""
    from .filereader import dcmread

    start = fileobj.tell()
    data = fileobj.read()
    if stop_when is None:
        return dcmread(data, force=force, specific_tags=specific_tags)
    whole = dcmread(data, force=force, specific_tags=specific_tags)
    raw = whole._raw
    for tag, elem in whole._dict.items():
        if elem.__class__ is not int:
            continue
        info = raw.info(elem)
        wire_vr = _wire_vr(raw, info)
        if stop_when(BaseTag(tag), wire_vr, _length(info)):
            cut = info.offset - _header_size(info, wire_vr)
            fileobj.seek(start + cut)
            return dcmread(data[:cut], force=force, specific_tags=specific_tags)
    return whole
