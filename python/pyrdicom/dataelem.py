"""`DataElement`: one element of a data set, its value decoded lazily from the file."""

from __future__ import annotations

import copy
import warnings
from io import BufferedIOBase
from typing import Any, NamedTuple

from . import config, datadict
from .multival import MultiValue
from .tag import BaseTag, Tag
from .uid import UID, _read_uid
from .valuerep import DS, IS, DSfloat, PersonName, validate_value

# How pydicom converts each (single) value of a VR; other VRs keep the core's value.
_CONVERTERS: dict[str, Any] = {"DS": DS, "IS": IS, "PN": PersonName, "UI": UID, "AT": Tag}
STR_VRS = frozenset(
    [
        "AE",
        "AS",
        "CS",
        "DA",
        "DS",
        "DT",
        "IS",
        "LO",
        "LT",
        "PN",
        "SH",
        "ST",
        "TM",
        "UC",
        "UI",
        "UR",
        "UT",
    ]
)
BYTES_VRS = frozenset(["OB", "OD", "OF", "OL", "OV", "OW", "UN"])
# VRs whose values pydicom does not split on backslashes when they are set.
ALLOW_BACKSLASH = (
    frozenset({"LT", "ST", "UT", "US or SS or OW", "US or OW", "OB or OW"}) | BYTES_VRS
)
_DEFAULT_CHARSET_VRS = frozenset(["AE", "AS", "CS", "DA", "DS", "DT", "IS", "TM", "UI", "UR"])
LONG_VALUE_VRS = frozenset(["LT", "UC", "UT", "OB", "OD", "OF", "OL", "OV", "OW", "UN"]) | {
    "US or SS or OW",
    "US or SS",
    "US or OW",
    "OB or OW",
}


def empty_value_for_VR(vr: str | None, raw: bool = False) -> Any:
    """The value an empty element of `vr` has, as pydicom gives it.

    Parameters
    ----------
    vr : str or None
        The VR.
    raw : bool
        The empty value as bytes (``b""``) for the VRs whose empty value is text or a sequence.

    Returns
    -------
    object
        ``[]`` for SQ, an empty ``PersonName`` for PN, ``""`` for the other text VRs (None with
        `config.use_none_as_empty_text_VR_value`), None for the rest.

    Examples
    --------
    >>> from pyrdicom.dataelem import empty_value_for_VR
    >>> empty_value_for_VR("LO"), empty_value_for_VR("US"), empty_value_for_VR("SQ")
    ('', None, [])
    """
    if vr == "SQ":
        return b"" if raw else []
    if config.use_none_as_empty_text_VR_value:
        return None
    if vr == "PN":
        return b"" if raw else PersonName("")
    if vr in STR_VRS and vr not in ("DS", "IS"):
        return b"" if raw else ""
    return None


def _keep(value: Any) -> Any:
    return value


# Converter pydicom's reader gives each value of a VR (its `values.converters`).
_READ_TYPES: dict[str, Any] = {
    "DS": DSfloat,
    "IS": IS,
    "PN": PersonName,
    "UI": _read_uid,
    "AT": Tag,
}
_NUMBER_VRS = frozenset(["US", "SS", "UL", "SL", "SV", "UV", "FL", "FD"])
# pydicom's reader makes the first value of these LUT descriptors unsigned.
_LUT_DESCRIPTOR_TAGS = frozenset({0x00281101, 0x00281102, 0x00281103, 0x00283002})


_EXTRA_ATTRS = ("is_undefined_length", "private_creator", "file_tell", "validation_mode")


def _restore(
    cls: type[DataElement], tag: int, vr: str, value: Any, extra: dict[str, Any] | None
) -> DataElement:
    self = cls.__new__(cls)
    self.tag = BaseTag(tag)
    self._vr = vr
    self._value = value
    self._raw = None
    self._idx = -1
    self._parent = None
    self.is_undefined_length = False
    self.private_creator = None
    self.file_tell = None
    self.validation_mode = None
    for k, v in (extra or {}).items():
        setattr(self, k, v)
    return self


# The value of an element read from a file until it is first asked for (`_load`). A module
# global: it is read for every element made, and a class attribute is a slower lookup.
_UNSET: Any = object()

_DATETIME_VRS = frozenset({"DA", "DT", "TM"})
# VRs whose read values depend on config (numpy DS/IS, datetime conversion)
_CONFIGURABLE_READ_VRS = _DATETIME_VRS | {"DS", "IS"}


class DataElement:
    """A data element: tag, VR, value (and, for elements read from a file, where it came from).

    Parameters
    ----------
    tag : tag
        The element's tag (anything `Tag` accepts).
    VR : str
        Its VR; "UN" of a known public tag becomes the dictionary's VR with
        `config.replace_un_with_known_vr`.
    value : object
        Its value (converted to the VR's type: ``PersonName``, ``MultiValue``, ...).
    file_value_tell : int, optional
        Where the value starts in the file it was read from.
    is_undefined_length : bool
        Whether it was encoded with undefined length.
    already_converted : bool
        Keep `value` as given (no conversion or validation).
    validation_mode : int, optional
        How invalid values are handled (default: `config.settings.reading_validation_mode`).

    Examples
    --------
    >>> from pyrdicom import DataElement
    >>> elem = DataElement(0x00100010, "PN", "Doe^Jane")
    >>> elem.keyword, elem.VR, elem.value
    ('PatientName', 'PN', 'Doe^Jane')
    >>> elem
    (0010,0010) Patient's Name                      PN: 'Doe^Jane'
    """

    # `__dict__` lets an instance override the display settings (showVR, descripWidth, ...).
    __slots__ = (
        "__dict__",
        "_idx",
        "_parent",
        "_raw",
        "_value",
        "_vr",
        "file_tell",
        "is_undefined_length",
        "private_creator",
        "tag",
        "validation_mode",
    )
    # Where a value not read yet comes from: the parsed source and the element's index in it.
    _raw: Any
    _idx: int
    descripWidth = 35
    maxBytesToDisplay = 16
    showVR = True
    is_raw = False

    _UNSET = _UNSET

    def __init__(
        self,
        tag: Any,
        VR: str,
        value: Any,
        file_value_tell: int | None = None,
        is_undefined_length: bool = False,
        already_converted: bool = False,
        validation_mode: Any = None,
    ) -> None:
        if validation_mode is None:
            validation_mode = config.settings.reading_validation_mode
        self.tag = tag = tag if isinstance(tag, BaseTag) else Tag(tag)
        if (
            VR == "UN"
            and not tag.is_private
            and config.replace_un_with_known_vr
            and (is_undefined_length or value is None or len(value) < 0xFFFF)
        ):
            entry = datadict._core.dict_entry(tag)
            if entry is not None:
                VR = entry.vr
        self._vr = VR
        self._raw = None
        self._idx = -1
        self._parent = None
        self.is_undefined_length = is_undefined_length
        self.private_creator = None
        self.file_tell = file_value_tell
        self.validation_mode = validation_mode
        if already_converted:
            self._value = value
        else:
            self.value = value

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Pickled and copied with its value (the source it may be read from is not carried);
        # attributes at their defaults are left out, which keeps a data set's changes small.
        extra = {k: v for k in _EXTRA_ATTRS if (v := getattr(self, k))}
        return (_restore, (type(self), int(self.tag), self.VR, self.value, extra or None))

    @property
    def VR(self) -> str:
        """The element's value representation."""
        return self._vr

    @VR.setter
    def VR(self, vr: str) -> None:
        # pydicom converts a read element's value when the element is looked up, so a VR set
        # afterwards changes how the value is written, not how it was read: read it first.
        if self._value is _UNSET:
            self._value = self._load()
        self._vr = vr

    @property
    def value(self) -> Any:
        v = self._value
        if v is _UNSET:
            v = self._value = self._load()
        return v

    @value.setter
    def value(self, val: Any) -> None:
        self._raw = None
        if isinstance(val, BufferedIOBase):
            from .fileutil import check_buffer
            from .valuerep import BUFFERABLE_VRS

            if self.VR not in BUFFERABLE_VRS:
                supported = sorted(str(vr) for vr in BUFFERABLE_VRS if "or" not in vr)
                raise ValueError(
                    f"Elements with a VR of '{self.VR}' cannot be used with buffered values, "
                    f"supported VRs are: {', '.join(supported)}"
                )
            try:
                check_buffer(val)
            except Exception as exc:
                raise type(exc)(f"Invalid buffer for {self.tag} '{self.name}': {exc}") from exc
            self._value = val
            return
        self._value = self._convert_value(val)

    @property
    def is_buffered(self) -> bool:
        """Whether the value is a buffer (read when written) rather than bytes."""
        return isinstance(self._value, BufferedIOBase)

    def validate(self, value: Any) -> None:
        """Check `value` for this element's VR, as `validation_mode` says (warn or raise).

        Parameters
        ----------
        value : object
            The value to check.

        Examples
        --------
        >>> from pyrdicom import DataElement
        >>> from pyrdicom import config
        >>> elem = DataElement(0x00080060, "CS", "CT", validation_mode=config.RAISE)
        >>> elem.validate("MR")
        >>> elem.validate("not upper case")
        Traceback (most recent call last):
            ...
        ValueError: The value length (14) exceeds the maximum length of 16 allowed for VR CS.
        """
        validate_value(self.VR, value, self.validation_mode)

    def __deepcopy__(self, memo: dict[int, Any]) -> DataElement:
        cls, args = self.__reduce_ex__(4)
        try:
            args = copy.deepcopy(args, memo)
        except Exception as exc:
            if not self.is_buffered:
                raise
            raise type(exc)(
                f"Error deepcopying the buffered element {self.tag} '{self.name}': {exc}"
            ) from exc
        result = cls(*args)
        memo[id(self)] = result
        return result

    def _load(self) -> Any:
        vr = self._vr
        v = self._raw.value(self._idx, vr)
        if v is None:
            return empty_value_for_VR(vr)
        if vr == "SQ":
            from .dataset import Dataset
            from .sequence import Sequence

            raw, parent = self._raw, self._parent
            inherit = not self.is_undefined_length
            seq = Sequence([Dataset._from_raw(raw, i, parent, inherit) for i in v])
            seq.is_undefined_length = self.is_undefined_length
            return seq
        if vr in _CONFIGURABLE_READ_VRS:  # one set lookup for the other VRs
            if vr in _DATETIME_VRS:
                if config.datetime_conversion:
                    return self._convert_value(v)  # DA/DT/TM values, as set
            elif config.use_DS_numpy if vr == "DS" else config.use_IS_numpy:
                from .values import convert_DS_string, convert_IS_string

                convert = convert_DS_string if vr == "DS" else convert_IS_string
                return convert(self._raw.raw_value(self._idx), True)
        # The types pydicom's reader gives the core's primitive values (its converters' output
        # is kept as is: several numbers stay a plain list).
        conv = _READ_TYPES.get(vr)
        if v.__class__ is list:
            if vr in _NUMBER_VRS:
                # pydicom's reader makes the first value of the LUT descriptors unsigned
                if v[0] < 0 and self.tag in _LUT_DESCRIPTOR_TAGS:
                    v[0] += 65536
                return v
            if conv is None:
                return MultiValue(str, v)
        elif conv is None:
            return v
        try:
            return conv(v) if v.__class__ is not list else MultiValue(conv, v)
        except ValueError:
            # pydicom's convert_value retries a value its VR cannot read (e.g. IS "1A") with
            # the VRs of its retry order (the first, SH, reads anything), unless reading
            # raises on invalid values.
            if config.settings.reading_validation_mode == config.RAISE:
                raise
            v = self._raw.value(self._idx, "SH")
            return MultiValue(str, v) if v.__class__ is list else v

    def _convert_value(self, val: Any) -> Any:
        """pydicom's value setter: split on backslashes, then convert each value for the VR."""
        vr = self.VR
        if self.tag == 0x7FE00010 and val.__class__.__module__ == "numpy":
            raise TypeError(
                "The value for (7FE0,0010) 'Pixel Data' should be set using 'bytes' not "
                "'numpy.ndarray'. See the Dataset.set_pixel_data() method for an alternative "
                "that supports ndarrays."
            )
        if vr == "SQ":
            from .sequence import Sequence

            if isinstance(val, Sequence):
                return val
            return Sequence(val or [])
        if vr not in ALLOW_BACKSLASH:
            if isinstance(val, str) and "\\" in val:
                val = val.split("\\")
            elif isinstance(val, bytes) and b"\\" in val:
                val = val.split(b"\\")
        if not hasattr(val, "append"):
            return self._convert_one(val)
        if len(val) == 1:
            return self._convert_one(val[0])
        if self.tag in _LUT_DESCRIPTOR_TAGS and val:
            # The first value is US whatever the VR (pydicom keeps the values unconverted).
            validate_value("US", val[0], self.validation_mode)
            for v in val[1:]:
                validate_value(vr, v, self.validation_mode)
            return MultiValue(_keep, val)
        return MultiValue(self._convert_one, val)

    def _convert_one(self, val: Any) -> Any:
        vr = self.VR
        if vr in _DEFAULT_CHARSET_VRS and isinstance(val, bytes):
            val = val.decode()
        mode = self.validation_mode
        if vr == "IS":
            return IS(val, mode)
        if vr == "DS":
            return DS(val, False, mode)
        if vr in _DATETIME_VRS and config.datetime_conversion:
            from . import valuerep

            return getattr(valuerep, vr)(val, validation_mode=mode)
        if vr == "UI":
            return UID(val, mode) if val is not None else None
        if vr == "PN":
            return PersonName(val, validation_mode=mode)
        if vr == "AT" and (val == 0 or val):
            return val if isinstance(val, BaseTag) else Tag(val)
        self.validate(val)
        return val

    @property
    def VM(self) -> int:
        if self.VR == "SQ":
            return 1
        value = self.value
        if value is None:
            return 0
        if isinstance(value, str | bytes | PersonName):
            return 1 if value else 0
        if isinstance(value, BufferedIOBase):
            from .fileutil import buffer_length

            try:
                return 1 if buffer_length(value) else 0
            except Exception as exc:
                raise type(exc)(f"Invalid buffer for {self.tag} '{self.name}': {exc}") from exc
        try:
            iter(value)
        except TypeError:
            return 1
        return len(value)

    @property
    def is_empty(self) -> bool:
        if self.VR == "SQ":
            return not self.value
        return self.VM == 0

    @property
    def empty_value(self) -> Any:
        return empty_value_for_VR(self.VR)

    def clear(self) -> None:
        """Empty the element: its value becomes the VR's empty value.

        Examples
        --------
        >>> from pyrdicom import DataElement
        >>> elem = DataElement(0x00100010, "PN", "Doe^Jane")
        >>> elem.clear()
        >>> elem.is_empty
        True
        """
        self._value = self.empty_value
        self._raw = None

    @property
    def is_private(self) -> bool:
        return self.tag.is_private

    @property
    def is_retired(self) -> bool:
        entry = None if self.tag.is_private else datadict._core.dict_entry_exact(self.tag)
        return bool(entry and entry.retired)

    @property
    def keyword(self) -> str:
        if self.tag.is_private:
            return ""
        entry = datadict._core.dict_entry_exact(self.tag)
        return entry.keyword if entry else ""

    @property
    def name(self) -> str:
        tag = self.tag
        if tag.is_private:
            creator = self.private_creator
            if creator:
                try:
                    return f"[{datadict.private_dictionary_description(tag, creator)}]"
                except KeyError:
                    pass
            elif tag.element >> 8 == 0:
                return "Private Creator"
            return "Private tag data"
        entry = datadict._core.dict_entry(tag)
        if entry is not None:
            return entry.name
        if tag.element == 0:
            return "Group Length"
        return ""

    description = name

    @property
    def repval(self) -> str:
        value = self.value
        if self.is_buffered:
            return repr(value)
        if self.VR in LONG_VALUE_VRS:
            try:
                length = len(value)
            except TypeError:
                pass
            else:
                if length > self.maxBytesToDisplay:
                    return f"Array of {length} elements"
        if self.maxBytesToDisplay < self.VM:
            return f"Array of {self.VM} elements"
        if isinstance(value, UID):
            return value.name
        return repr(value)

    def __str__(self) -> str:
        value = self.repval or ""
        name = f"{self.name[: self.descripWidth]:<{self.descripWidth}}"
        if self.showVR:
            return f"{self.tag} {name} {self.VR}: {value}"
        return f"{self.tag} {name} {value}"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if not isinstance(other, self.__class__):
            return NotImplemented
        if self.tag != other.tag or self.VR != other.VR:
            return False
        value, other_value = self.value, other.value
        if value.__class__.__module__ == "numpy":
            import numpy as np

            return len(value) == len(other_value) and bool(np.allclose(value, other_value))
        if not self.is_buffered and not other.is_buffered:
            return bool(value == other_value)
        from .fileutil import buffer_equality

        try:
            if self.is_buffered:
                return buffer_equality(value, other_value)
            return buffer_equality(other_value, value)
        except Exception as exc:
            raise type(exc)(f"Invalid buffer for {self.tag} '{self.name}': {exc}") from exc

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    # --- JSON (see `jsonrep`) ---------------------------------------------------------

    @classmethod
    def from_json(
        cls,
        dataset_class: type,
        tag: str,
        vr: str,
        value: Any,
        value_key: str | None,
        bulk_data_uri_handler: Any = None,
    ) -> DataElement:
        """An element from the DICOM JSON Model (PS3.18 F), as pydicom's ``DataElement.from_json``.

        Parameters
        ----------
        dataset_class : type
            The class of the data sets of sequence items.
        tag : str
            The "ggggeeee" key.
        vr : str
            The VR.
        value : object
            The JSON value.
        value_key : str or None
            "Value", "InlineBinary" or "BulkDataURI".
        bulk_data_uri_handler : callable, optional
            ``handler(tag, vr, uri)`` (or ``handler(uri)``): the value of a BulkDataURI.

        Returns
        -------
        DataElement

        Examples
        --------
        >>> from pyrdicom import DataElement, Dataset
        >>> DataElement.from_json(Dataset, "00100010", "PN", [{"Alphabetic": "Doe^Jane"}], "Value")
        (0010,0010) Patient's Name                      PN: 'Doe^Jane'
        """
        from .jsonrep import _wrap_handler, element_from_json

        return element_from_json(
            dataset_class, tag, vr, value, value_key, _wrap_handler(bulk_data_uri_handler), cls
        )

    def to_json_dict(
        self, bulk_data_element_handler: Any, bulk_data_threshold: int
    ) -> dict[str, Any]:
        """The element as the DICOM JSON Model (PS3.18 F), a dict.

        Parameters
        ----------
        bulk_data_element_handler : callable or None
            ``handler(element) -> str``: the BulkDataURI of a long binary value.
        bulk_data_threshold : int
            Values longer than this go to `bulk_data_element_handler` (when there is one).

        Returns
        -------
        dict

        Examples
        --------
        >>> from pyrdicom import DataElement
        >>> DataElement(0x00100010, "PN", "Doe^Jane").to_json_dict(None, 1024)
        {'vr': 'PN', 'Value': [{'Alphabetic': 'Doe^Jane'}]}
        """
        from .jsonrep import element_to_json_dict

        return element_to_json_dict(self, bulk_data_element_handler, bulk_data_threshold)

    def to_json(
        self,
        bulk_data_threshold: int = 1024,
        bulk_data_element_handler: Any = None,
        dump_handler: Any = None,
    ) -> str:
        """The element as DICOM JSON (PS3.18 F) text.

        Parameters
        ----------
        bulk_data_threshold : int
            Values longer than this go to `bulk_data_element_handler` (when there is one).
        bulk_data_element_handler : callable, optional
            ``handler(element) -> str``: the BulkDataURI of a long binary value.
        dump_handler : callable, optional
            ``handler(dict) -> str`` in place of ``json.dumps(d, sort_keys=True)``.

        Returns
        -------
        str

        Examples
        --------
        >>> from pyrdicom import DataElement
        >>> DataElement(0x00100010, "PN", "Doe^Jane").to_json()
        '{"Value": [{"Alphabetic": "Doe^Jane"}], "vr": "PN"}'
        """
        import json

        d = self.to_json_dict(bulk_data_element_handler, bulk_data_threshold)
        if dump_handler is None:
            return json.dumps(d, sort_keys=True)
        return dump_handler(d)

    def __getitem__(self, key: int) -> Any:
        try:
            return self.value[key]
        except TypeError:
            raise TypeError("DataElement value is unscriptable (not a Sequence)") from None


class RawDataElement(NamedTuple):
    """An element as read, value still bytes (pydicom's reader API: `data_element_generator`).

    `VR` is None for implicit VR (the dictionary decides in `convert_raw_data_element`).

    Parameters
    ----------
    tag : BaseTag
        The element's tag.
    VR : str or None
        Its VR as encoded (None: implicit VR).
    length : int
        Its value length (0xFFFFFFFF: undefined).
    value : bytes or None
        Its encoded value (None: deferred).
    value_tell : int
        Where the value starts in the file.
    is_implicit_VR : bool
        The encoding it was read with.
    is_little_endian : bool
        The byte order it was read with.
    is_raw : bool
        Always True (pydicom's marker).
    is_buffered : bool
        Whether the value is a buffer.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> raw = dcmread(get_testdata_file("CT_small.dcm")).get_item("Modality")
    >>> raw.VR, raw.value
    ('CS', b'CT')
    """

    tag: BaseTag
    VR: str | None
    length: int
    value: bytes | None
    value_tell: int
    is_implicit_VR: bool
    is_little_endian: bool
    is_raw: bool = True
    is_buffered: bool = False


def convert_raw_data_element(
    raw: RawDataElement, *, encoding: Any = None, ds: Any = None
) -> DataElement:
    """The `DataElement` of `raw`: VR and value from the ``raw_element_vr`` and
    ``raw_element_value`` hooks (`pyrdicom.hooks`), after `config.data_element_callback`.

    Parameters
    ----------
    raw : RawDataElement
        The element as read.
    encoding : str or list of str, optional
        The character set(s) of text values (default: `ds`'s).
    ds : Dataset, optional
        The data set the element is in (for its character set and Pixel Representation).

    Returns
    -------
    DataElement

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.dataelem import convert_raw_data_element
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> convert_raw_data_element(ds.get_item("Rows"), ds=ds).value
    128
    """
    from . import config

    if ds is not None and encoding is None:
        encoding = ds._character_set
    if config.data_element_callback:
        raw = config.data_element_callback(raw, **config.data_element_callback_kwargs)
    return _convert_with_hooks(raw, encoding, ds)


def _convert_with_hooks(raw: RawDataElement, encoding: Any, ds: Any) -> DataElement:
    """`convert_raw_data_element` after the callback: the hooks decide the VR and value."""
    from .hooks import hooks

    data: dict[str, Any] = {}
    kwargs = hooks.raw_element_kwargs
    hooks.raw_element_vr(raw, data, encoding=encoding, ds=ds, **kwargs)
    hooks.raw_element_value(raw, data, encoding=encoding, ds=ds, **kwargs)
    return DataElement(
        raw.tag,
        data["VR"],
        data["value"],
        raw.value_tell,
        raw.length == 0xFFFFFFFF,
        already_converted=True,
    )


_new = object.__new__


def _element_from_raw(raw: Any, idx: int, parent: Any, tag: BaseTag | None = None) -> DataElement:
    """The element of entry `idx` of a parsed source, its value read when first asked for.

    `parent` is its data set; `tag`, when the caller has it as a `BaseTag`, is shared by the
    element. A function rather than a classmethod, and the core's fields as one tuple: this
    runs for every element read, and each lookup or call saved is a saving per element.
    """
    tag_int, vr, offset, undefined_length = raw.element(idx)
    self = _new(DataElement)
    self.tag = BaseTag(tag_int) if tag is None else tag
    # Entries added at run time (add_dict_entries, add_private_dict_entries) that the
    # core's tables lack; an explicit UN only with config.replace_un_with_known_vr.
    if (
        vr == "UN"
        and (datadict._added or datadict._added_private)
        and (config.replace_un_with_known_vr or raw.info(idx).implicit_vr)
    ):
        vr = datadict._added_vr(tag_int, parent) or vr
    self._vr = vr
    self._value = _UNSET
    self._raw = raw
    self._idx = idx
    # Only a sequence needs its data set (as the parent of its items); not holding it
    # otherwise keeps elements out of reference cycles.
    self._parent = parent if vr == "SQ" else None
    self.is_undefined_length = undefined_length
    self.private_creator = None
    self.file_tell = offset
    self.validation_mode = None
    return self


def _deprecated_from_raw(
    raw_data_element: RawDataElement, encoding: Any = None, dataset: Any = None
) -> DataElement:
    warnings.warn(
        "'pydicom.dataelem.DataElement_from_raw' is deprecated and will be removed in v4.0, "
        "please use 'pydicom.dataelem.convert_raw_data_element' instead",
        DeprecationWarning,
        stacklevel=2,
    )
    return convert_raw_data_element(raw_data_element, encoding=encoding, ds=dataset)


def __getattr__(name: str) -> Any:
    # pydicom 3's deprecated name, gone with config._use_future as in pydicom
    if name == "DataElement_from_raw" and not config._use_future:
        return _deprecated_from_raw
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
