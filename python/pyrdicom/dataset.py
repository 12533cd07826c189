"""`Dataset`, `FileDataset`, `FileMetaDataset`: pydicom's data set API over the lazy core index.

A data set read from a file maps each tag to the index of its element in the core's table; the
`DataElement` (and its value) is made on first access and then replaces the index.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from . import config, datadict
from .datadict import _KEYWORD_TAGS
from .dataelem import (
    DataElement,
    RawDataElement,
    _convert_with_hooks,
    _element_from_raw,
    _keep,
    convert_raw_data_element,
)
from .errors import DicomAttributeError, DicomValueError
from .multival import MultiValue
from .tag import TAG_ERRORS, BaseTag, Tag, tag_in_exception
from .uid import UID

_AMBIGUOUS_US_SS_TAGS = frozenset(
    {
        0x00189810, 0x00221452, 0x00280104, 0x00280105, 0x00280106, 0x00280107,
        0x00280108, 0x00280109, 0x00280110, 0x00280111, 0x00280120, 0x00280121,
        0x00281101, 0x00281102, 0x00281103, 0x00283002, 0x00409211, 0x00409216,
        0x00603004, 0x00603006,
    }
)  # fmt: skip
_UNSET = DataElement._UNSET
# A keyword not looked up yet (an identity test: BaseTag's == is a Python call).
_NO_TAG: Any = object()
_AMBIGUOUS_OB_OW_TAGS = frozenset({0x54000110, 0x54000112, 0x5400100A, 0x54001010})
_OVERLAY_DATA_TAGS = frozenset(x << 16 | 0x3000 for x in range(0x6000, 0x601F, 2))
# An attribute name that looks like an element keyword (letters and digits with an upper-case
# letter after the first, not ending in "_"): setting one that is not a keyword warns.
_RE_CAMEL_CASE = re.compile(r"^(?:[A-Za-z](?=.+?[A-Z])|[A-Z])[A-Za-z0-9]+[A-Za-z0-9][^_]$")


class _AsRead:
    """An encoding attribute of a data set: the value set, else the one its source was read
    with (None for a data set made from scratch). Reading a file stores nothing for it."""

    def __init__(
        self, as_read: Callable[[dict[str, Any], Any], Any], hidden_in_future: bool = False
    ) -> None:
        self.as_read = as_read
        self.hidden_in_future = hidden_in_future

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, ds: Any, owner: type | None = None) -> Any:
        if ds is None:
            return self
        d = ds.__dict__
        if self.name in d:
            return d[self.name]
        if self.hidden_in_future and config._use_future:
            raise AttributeError(f"'{type(ds).__name__}' object has no attribute '{self.name}'")
        raw = d.get("_raw")
        return None if raw is None else self.as_read(d, raw)

    def __set__(self, ds: Any, value: Any) -> None:
        ds.__dict__[self.name] = value

    def __delete__(self, ds: Any) -> None:
        try:
            del ds.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None


class PrivateBlock:
    """The elements of one private creator's block: (gggg,xx00)-(gggg,xxFF), where (gggg,00xx)
    holds the creator's name.

    Made by `Dataset.private_block`; indexed by the element offset (0x00 to 0xFF) in the block.

    Parameters
    ----------
    key : tuple of (int, str)
        The group and the private creator.
    dataset : Dataset
        The data set the block is a view of.
    private_creator_element : int
        The element number (0x10 to 0xFF) of the private creator in the group.

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> ds = Dataset()
    >>> block = ds.private_block(0x0041, "My Creator", create=True)
    >>> block.add_new(0x01, "LO", "a private value")
    >>> ds[0x00411001].value, block.private_creator
    ('a private value', 'My Creator')
    """

    def __init__(self, key: tuple[int, str], dataset: Dataset, private_creator_element: int):
        self.group = key[0]
        self.private_creator = key[1]
        self.dataset = dataset
        self.block_start = private_creator_element << 8

    def get_tag(self, element_offset: int) -> BaseTag:
        """The tag of the element at `element_offset` in this block.

        Parameters
        ----------
        element_offset : int
            The offset in the block, 0x00 to 0xFF.

        Returns
        -------
        BaseTag

        Raises
        ------
        ValueError
            `element_offset` is above 0xFF.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> block = Dataset().private_block(0x0041, "My Creator", create=True)
        >>> block.get_tag(0x01)
        (0041,1001)
        """
        if element_offset > 0xFF:
            raise ValueError("Element offset must be less than 256")
        return Tag(self.group, self.block_start + element_offset)

    def __contains__(self, element_offset: int) -> bool:
        return self.get_tag(element_offset) in self.dataset

    def __getitem__(self, element_offset: int) -> DataElement:
        return self.dataset[self.get_tag(element_offset)]

    def __delitem__(self, element_offset: int) -> None:
        del self.dataset[self.get_tag(element_offset)]

    def add_new(self, element_offset: int, VR: str, value: object) -> None:
        """Add an element at `element_offset` in this block (replacing one already there).

        Parameters
        ----------
        element_offset : int
            The offset in the block, 0x00 to 0xFF.
        VR : str
            The element's VR.
        value : object
            Its value.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.private_block(0x0041, "My Creator", create=True).add_new(0x02, "US", 7)
        >>> ds[0x00411002].value
        7
        """
        tag = self.get_tag(element_offset)
        self.dataset.add_new(tag, VR, value)
        self.dataset[tag].private_creator = self.private_creator

    def __deepcopy__(self, memo: Any) -> PrivateBlock:
        # The block is a view of its data set, which is not copied with it.
        copied = type(self)((self.group, self.private_creator), self.dataset, self.block_start >> 8)
        memo[id(self)] = copied
        return copied


class Dataset:
    """A collection of DataElements keyed by tag, with keyword attribute access.

    Elements are reached by keyword (``ds.PatientName``), by tag (``ds[0x00100010]``) or by
    slices of tags; iterating yields the elements in tag order.

    Parameters
    ----------
    *args
        Nothing, ``None``, or one mapping of tags to elements (a ``Dataset`` or a dict).
    **kwargs
        Elements to set by keyword (``PatientName="Doe^Jane"``).

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> ds = Dataset(PatientName="Doe^Jane", Modality="CT")
    >>> ds.PatientName
    'Doe^Jane'
    >>> ds[0x00080060].value
    'CT'
    >>> len(ds)
    2
    """

    indent_chars = "   "
    default_element_format = "%(tag)s %(name)-35.35s %(VR)s: %(repval)s"
    default_sequence_element_format = "%(tag)s %(name)-35.35s %(VR)s: %(repval)s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args and args[0] is None:
            args = ()
        d = object.__setattr__
        d(self, "_dict", {})
        d(self, "_raw", None)
        d(self, "_parent", None)
        d(self, "_implicit_vr", None)
        d(self, "is_undefined_length_sequence_item", False)
        d(self, "_inherits_pixel_rep", False)
        if args:
            src = args[0]
            if isinstance(src, Dataset):
                for elem in src:
                    self._dict[elem.tag] = elem
            else:
                for tag, elem in dict(src).items():
                    self._dict[Tag(tag)] = elem
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classmethod
    def _from_raw(
        cls,
        raw: Any,
        level: int,
        parent: Dataset | None,
        inherits_pixel_rep: bool = False,
        read_opts: dict[str, Any] | None = None,
    ) -> Dataset:
        """The data set of `level` of a parsed source (-1 the data set, -2 the file meta, else
        an item). A data set made at level -1 from a source parsed with options of
        `_core.read` other than `force` must be given them as `read_opts`: pickling parses
        the source again with them."""
        self = cls.__new__(cls)
        if level >= 0:
            info = raw.info(level)
            implicit, undefined = info.implicit_vr, info.undefined_length
        else:
            implicit, undefined = raw.implicit_vr, False
        # One update of the instance dict (this runs once per data set and item read).
        d = self.__dict__
        d.update(
            _inherits_pixel_rep=inherits_pixel_rep,
            _dict=raw.level(level),
            _raw=raw,
            _level=level,
            _parent=parent,
            _implicit_vr=implicit,
            is_undefined_length_sequence_item=undefined,
        )
        if read_opts:
            d["_read_opts"] = read_opts
        return self

    # --- copying, pickling, `with` ----------------------------------------------------

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        from ._pickle import reduce_dataset

        return reduce_dataset(self)

    def __setstate__(self, state: Any) -> None:
        from ._pickle import set_state

        set_state(self, state)

    def __copy__(self) -> Dataset:
        # pydicom's shallow copy: a new object sharing the elements (and their mapping).
        new = self.__class__.__new__(self.__class__)
        new.__dict__.update(self.__dict__)
        return new

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        return None

    # --- element access -------------------------------------------------------------

    def _element(self, tag: int) -> DataElement:
        """The element of `tag`, made from the core index on first access."""
        elem = self._dict[tag]
        if elem.__class__ is int:
            return self._element_at(tag, elem)
        if elem.__class__ is RawDataElement:
            return self._convert_raw_element(tag, elem)
        return elem

    def _element_at(self, tag: int, idx: int) -> DataElement:
        """The element of `tag` made from entry `idx` of the core index (what the mapping
        holds until the element is first asked for), stored in its place."""
        raw = self._raw
        if config.data_element_callback is None or raw.info(idx).vr == "SQ":
            elem = _element_from_raw(raw, idx, self, tag if tag.__class__ is BaseTag else None)
        else:
            elem = self._called_back(idx)
        self._dict[tag] = elem
        # pydicom's reader makes undefined-length sequences eagerly; everything else is
        # converted on access, which names the private creator and fixes ambiguous VRs.
        vr = elem._vr  # (not the VR property: this runs for every element read)
        if vr == "SQ":
            self._set_pixel_representation(elem)
            if elem.is_undefined_length:
                return elem
        if tag & 0x10000:
            creator_tag = (tag & 0xFFFF0000) | (tag & 0xFFFF) >> 8
            if creator_tag != tag and creator_tag in self._dict:
                elem.private_creator = self._element(creator_tag).value
        if " or " in vr:
            try:
                self._correct_ambiguous_vr(elem)
            except AttributeError as exc:
                # pydicom keeps the uncorrected element, so only this access fails
                raise DicomAttributeError(
                    f"Failed to resolve ambiguous VR for tag {elem.tag}: {exc}"
                ) from None
        return elem

    def _called_back(self, idx: int) -> DataElement:
        """Element `idx` of the source as pydicom converts a read element when
        `config.data_element_callback` is set: the callback gets its `RawDataElement` (a
        sequence's items are data sets whose elements it gets), the hooks convert the result."""
        raw = config.data_element_callback(
            self._raw_element(idx), **config.data_element_callback_kwargs
        )
        return _convert_with_hooks(raw, self._raw_charset(raw.tag), self)

    def _raw_charset(self, tag: int) -> str | list[str]:
        """The character set a raw element's text is decoded with (its own for (0008,0005))."""
        return "iso8859" if tag == 0x00080005 else (self._read_charset or self._character_set)

    def _convert_raw_element(self, tag: int, raw: RawDataElement) -> DataElement:
        """A RawDataElement stored by the caller (or `update_raw_element`), converted as
        pydicom converts them on access."""
        elem = convert_raw_data_element(raw, encoding=self._raw_charset(tag), ds=self)
        self._dict[tag] = elem
        if elem.VR == "SQ" and isinstance(elem.value, list):
            for item in elem.value:
                if isinstance(item, Dataset) and item.__dict__.get("_parent") is None:
                    object.__setattr__(item, "_parent", self)
                    object.__setattr__(item, "_inherits_pixel_rep", True)
        if " or " in elem.VR:
            # pydicom keeps the element uncorrected when the data set cannot resolve it
            with contextlib.suppress(AttributeError):
                self._correct_ambiguous_vr(elem)
        return elem

    def _inherited_pixel_rep(self) -> Any:
        """The nearest Pixel Representation handed down through defined-length sequences
        (pydicom sets `_pixel_rep` when it converts such a sequence; items read from a file
        look it up through their parents instead)."""
        ds: Dataset | None = self
        while ds is not None:
            if 0x00280103 in ds._dict:
                pr = ds._element(0x00280103).value
                if pr is not None:
                    return pr
            pr = ds.__dict__.get("_pixel_rep")
            if pr is not None:
                return pr
            if not ds._inherits_pixel_rep:
                return None
            ds = ds._parent
        return None

    def _set_pixel_representation(self, elem: DataElement) -> None:
        """pydicom's `_pixel_rep` attribute: this data set's Pixel Representation (or the one
        it was handed), and, for a sequence whose items are made, the items'."""
        d = self.__dict__
        pr = self[0x00280103].value if 0x00280103 in self._dict else d.get("_pixel_rep")
        if pr is not None:
            d["_pixel_rep"] = int(b"\x01" in pr) if isinstance(pr, bytes) else pr
        if elem.VR != "SQ" or elem._value is DataElement._UNSET:
            return
        for item in elem.value:
            if 0x00280103 in item._dict:
                pr = item[0x00280103].value
                if pr is not None:
                    item.__dict__["_pixel_rep"] = (
                        int(b"\x01" in pr) if isinstance(pr, bytes) else pr
                    )
                    continue
            if "_pixel_rep" in d:
                item.__dict__["_pixel_rep"] = d["_pixel_rep"]

    def _correct_ambiguous_vr(self, elem: DataElement) -> None:
        """pydicom's `_correct_ambiguous_vr_element`, for an element whose VR came from the
        dictionary (implicit VR or UN)."""

        def pixel_rep() -> Any:
            rep = self.get("PixelRepresentation")
            return self._inherited_pixel_rep() if rep is None else rep

        resolve_ambiguous_vr(elem, self, self._implicit_vr, pixel_rep, _reset_numbers)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            return self._dataset_slice(key)
        if key.__class__ is not BaseTag:
            try:
                key = Tag(key)
            except Exception as exc:
                raise KeyError(f"'{key}'") from exc
        return self._element(key)

    def __getattr__(self, name: str) -> Any:
        # The hot path of `ds.Keyword`: one keyword lookup, one mapping lookup.
        tag = _KEYWORD_TAGS.get(name, _NO_TAG)
        if tag is _NO_TAG:
            tag = datadict._keyword_tag(name)
        if tag is not None:
            d = self.__dict__.get("_dict")
            elem = d.get(tag) if d is not None else None
            if elem is not None:
                if elem.__class__ is not DataElement:
                    # (an index entry is made an element without looking the tag up again)
                    elem = (
                        self._element_at(tag, elem) if elem.__class__ is int else self._element(tag)
                    )
                    if elem.__class__ is not DataElement:
                        return elem.value
                # DataElement.value without the property call (this is every `ds.Keyword`)
                v = elem._value
                if v is _UNSET:
                    v = elem._value = elem._load()
                return v
            if not hasattr(type(self), name):
                raise DicomAttributeError(
                    f"'{type(self).__name__}' object has no attribute '{name}'"
                )
        if name == "_dict":
            return {}
        if name == "seq_item_tell" and self.__dict__.get("_level", -1) >= 0:
            # pydicom's file position of an item read from a file (its item tag), e.g. what a
            # DICOMDIR's record offsets point at; asked for rarely, so not stored per item.
            return self._raw.info(self._level).offset - 8
        # Python comes here when a property raised AttributeError: running it again raises
        # its own error (naming what is missing) rather than "no attribute 'pixel_array'".
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name[0] == "_" or name.startswith("is_") or name.islower():
            if name == "file_meta":
                self._set_file_meta(value)
            else:
                object.__setattr__(self, name, value)
            return
        tag = datadict.tag_for_keyword(name)
        if tag is not None:
            if tag in self._dict:
                self._element(tag).value = value
            else:
                vr = datadict.dictionary_VR(tag)
                self[BaseTag(tag)] = DataElement(tag, vr, value)
            return
        if datadict.repeater_has_keyword(name):
            raise ValueError(
                f"'{name}' is a DICOM repeating group element and must be added using the "
                "add() or add_new() methods."
            )
        if _RE_CAMEL_CASE.match(name):
            msg = (
                f"Camel case attribute '{name}' used which is not in the element keyword "
                "data dictionary"
            )
            if config.INVALID_KEYWORD_BEHAVIOR == "WARN":
                warnings.warn(msg, stacklevel=2)
            elif config.INVALID_KEYWORD_BEHAVIOR == "RAISE":
                raise ValueError(msg)
        object.__setattr__(self, name, value)

    def _set_file_meta(self, value: Any) -> None:
        if value is not None:
            if not isinstance(value, Dataset):
                raise TypeError(
                    f"'{type(self).__name__}.file_meta' must be a 'FileMetaDataset' instance"
                )
            if not isinstance(value, FileMetaDataset):
                value = FileMetaDataset(value)
        if isinstance(self, FileDataset):
            self.__dict__["_file_meta"] = value
        else:
            object.__setattr__(self, "file_meta", value)

    def ensure_file_meta(self) -> None:
        """Create an empty `file_meta` if there is none.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.ensure_file_meta()
        >>> type(ds.file_meta).__name__
        'FileMetaDataset'
        """
        if getattr(self, "file_meta", None) is None:
            self.file_meta = FileMetaDataset()

    def __delattr__(self, name: str) -> None:
        tag = datadict.tag_for_keyword(name)
        if tag is not None and tag in self._dict:
            del self[tag]
        elif name in self.__dict__ or hasattr(type(self), name):
            object.__delattr__(self, name)
        else:
            raise AttributeError(name)

    def __setitem__(self, key: Any, elem: Any) -> None:
        if isinstance(key, slice):
            raise NotImplementedError("Slicing is not supported when setting Dataset items")
        try:
            tag = Tag(key)
        except Exception as exc:
            raise ValueError(f"Unable to convert the key '{key}' to an element tag") from exc
        if not isinstance(elem, DataElement | RawDataElement):
            raise TypeError("Dataset items must be 'DataElement' instances")
        elem_tag = elem.tag if isinstance(elem.tag, BaseTag) else Tag(elem.tag)
        if tag != elem_tag:
            raise ValueError(f"The key '{tag}' doesn't match the 'DataElement' tag '{elem_tag}'")
        if tag.is_private:
            creator_tag = (tag & 0xFFFF0000) | (tag & 0xFFFF) >> 8
            if creator_tag != tag and creator_tag in self._dict:
                if isinstance(elem, RawDataElement):
                    elem = convert_raw_data_element(elem, encoding=self._character_set, ds=self)
                elem.private_creator = self._element(creator_tag).value
        self._dict[tag] = elem
        if elem.__class__ is not RawDataElement and elem.VR == "SQ":
            from .sequence import Sequence

            if not isinstance(elem.value, Sequence):
                elem.value = Sequence(elem.value)
            self._set_pixel_representation(elem)

    def __delitem__(self, key: Any) -> None:
        tags = self._slice_tags(key) if isinstance(key, slice) else [Tag(key)]
        for tag in tags:
            del self._dict[tag]
            if tag & 0x10000 and 0x10 <= tag & 0xFFFF <= 0xFF:
                self.__dict__.pop("_private_blocks", None)

    def __contains__(self, name: Any) -> bool:
        try:
            return Tag(name) in self._dict
        except Exception as exc:
            msg = (
                f"Invalid value '{name}' used with the 'in' operator: must be an element tag "
                "as a 2-tuple or int, or an element keyword"
            )
            if isinstance(exc, OverflowError):
                msg = (
                    "Invalid element tag value used with the 'in' operator: tags have a "
                    "maximum value of (0xFFFF, 0xFFFF)"
                )
            if config.INVALID_KEY_BEHAVIOR == "WARN":
                warnings.warn(msg, stacklevel=2)
            elif config.INVALID_KEY_BEHAVIOR == "RAISE":
                raise ValueError(msg) from exc
        return False

    def __len__(self) -> int:
        return len(self._dict)

    def __iter__(self) -> Iterator[DataElement]:
        for tag in sorted(self._dict):
            yield self._element(tag)

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if isinstance(other, self.__class__):
            if sorted(self._dict) != sorted(other._dict):
                return False
            return all(self[t] == other[t] for t in self._dict)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def get(self, key: Any, default: Any = None) -> Any:
        """The value of keyword `key`, or the element of tag `key`; `default` when it is absent.

        Parameters
        ----------
        key : str or tag
            A keyword (its value is returned) or a tag (its element is returned).
        default : object, optional
            What an absent element gives.

        Returns
        -------
        object
            The value (for a keyword), the DataElement (for a tag), or `default`.

        Raises
        ------
        TypeError
            `key` is neither a string nor something `Tag` accepts.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(PatientName="Doe^Jane")
        >>> ds.get("PatientName")
        'Doe^Jane'
        >>> ds.get(0x00100010).VR
        'PN'
        >>> ds.get("PatientID", "unknown")
        'unknown'
        """
        if isinstance(key, str):
            try:
                return getattr(self, key)
            except AttributeError:
                return default
        try:
            tag = Tag(key)
        except Exception as exc:
            raise TypeError("Dataset.get key must be a string or tag") from exc
        if tag in self._dict:
            return self._element(tag)
        return default

    def get_item(self, key: Any, *, keep_deferred: bool = False) -> Any:
        """The element of `key` as stored: a `RawDataElement` when its value was not
        converted yet, else the `DataElement`; None when absent.

        With `keep_deferred`, an element longer than dcmread's `defer_size` is a RawDataElement
        whose value is None (pydicom's deferred read; pyrdicom reads every value on demand anyway).

        Parameters
        ----------
        key : tag or slice
            The element's tag, or a slice of tags (a data set of the elements as stored).
        keep_deferred : bool
            Report the elements over `defer_size` as deferred (value None).

        Returns
        -------
        RawDataElement, DataElement, Dataset or None

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
        >>> raw = ds.get_item(0x00100010)
        >>> type(raw).__name__, raw.value
        ('RawDataElement', b'CompressedSamples^CT1 ')
        """
        if isinstance(key, slice):
            return self._dataset_slice(key)
        tag = Tag(key)
        elem = self._dict.get(tag)
        if elem.__class__ is int:
            raw = self._raw_element(elem)
            defer = self._root_defer_size()
            if defer is not None and raw.length > defer:
                return raw._replace(value=None) if keep_deferred else self._element(tag)
            return raw
        if (
            elem.__class__ is DataElement
            and elem._raw is not None
            and elem._value is DataElement._UNSET
        ):
            return self._raw_element(elem._idx)
        return elem

    def _root_defer_size(self) -> float | None:
        ds: Dataset | None = self
        while ds is not None:
            d = ds.__dict__
            if "_defer_size" in d:
                return d["_defer_size"]
            ds = d.get("_parent")
        return None

    def _raw_element(self, idx: int) -> RawDataElement:
        """pydicom's RawDataElement of element `idx` of the source."""
        raw = self._raw
        info = raw.info(idx)
        implicit = info.implicit_vr if self._level >= 0 else raw.implicit_vr
        length = 0xFFFFFFFF if info.undefined_length else info.length
        return RawDataElement(
            BaseTag(info.tag), None if implicit else info.vr, length, raw.raw_value(idx),
            info.offset, implicit, raw.little_endian,
        )  # fmt: skip

    def elements(self) -> Iterator[Any]:
        """The elements in tag order, unconverted ones as `RawDataElement` (see get_item).

        Yields
        ------
        RawDataElement or DataElement

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> [elem.keyword for elem in Dataset(PatientName="Doe^Jane", Modality="CT").elements()]
        ['Modality', 'PatientName']
        """
        for tag in sorted(self._dict.keys()):
            yield self.get_item(tag)

    def update_raw_element(
        self, tag: Any, *, vr: str | None = None, value: bytes | None = None
    ) -> None:
        """Change the VR and/or the encoded value of an element not converted yet.

        Parameters
        ----------
        tag : tag
            The element's tag.
        vr : str, optional
            Its new VR.
        value : bytes, optional
            Its new encoded value.

        Raises
        ------
        ValueError
            Neither `vr` nor `value`, or an unknown VR.
        TypeError
            `value` is not bytes, or the element was already converted to a DataElement.
        KeyError
            No element with that tag.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
        >>> ds.update_raw_element(0x00100010, value=b"Doe^Jane")
        >>> ds.PatientName
        'Doe^Jane'
        """
        from .valuerep import VR as VR_

        if vr is None and value is None:
            raise ValueError("Either or both of 'vr' and 'value' are required")
        if vr is not None:
            try:
                VR_[vr]
            except KeyError:
                raise ValueError(f"Invalid VR value '{vr}'") from None
        if value is not None and not isinstance(value, bytes):
            raise TypeError(f"'value' must be bytes, not '{type(value).__name__}'")
        tag = Tag(tag)
        raw = self.get_item(tag)
        if raw is None:
            raise KeyError(f"No element with tag {tag} was found")
        if not isinstance(raw, RawDataElement):
            raise TypeError(
                f"The element with tag {tag} has already been converted to a 'DataElement' "
                "instance, this method must be called earlier"
            )
        vr = vr if vr is not None else raw.VR
        value = value if value is not None else raw.value
        self._dict[tag] = raw._replace(VR=vr, value=value)

    def popitem(self) -> tuple[BaseTag, DataElement]:
        """Remove and return the element added (or read) last, with its tag.

        Returns
        -------
        tuple of (BaseTag, DataElement)

        Raises
        ------
        KeyError
            The data set is empty.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> tag, elem = Dataset(PatientName="Doe^Jane", Modality="CT").popitem()
        >>> elem.keyword
        'Modality'
        """
        keys = list(self._dict.keys())
        if not keys:
            raise KeyError("popitem(): dictionary is empty")
        tag = BaseTag(keys[-1])
        return (tag, self.pop(tag))

    def keys(self) -> Any:
        """The tags of the elements, as a dict's keys view.

        Returns
        -------
        dict_keys of BaseTag

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> list(Dataset(Modality="CT").keys())
        [(0008,0060)]
        """
        return self._dict.keys()

    def values(self) -> list[DataElement]:
        """The elements, in the order they were added or read.

        Returns
        -------
        list of DataElement

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> [elem.value for elem in Dataset(Modality="CT").values()]
        ['CT']
        """
        return [self._element(t) for t in self._dict]

    def items(self) -> list[tuple[BaseTag, DataElement]]:
        """The (tag, element) pairs, in the order they were added or read.

        Returns
        -------
        list of tuple of (BaseTag, DataElement)

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> [(tag, elem.value) for tag, elem in Dataset(Modality="CT").items()]
        [((0008,0060), 'CT')]
        """
        return [(BaseTag(t), self._element(t)) for t in self._dict]

    def dir(self, *filters: str) -> list[str]:
        """The keywords of the data set's (non-private) elements, sorted.

        Parameters
        ----------
        *filters : str
            Keep only the keywords that contain one of these (case-insensitive).

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(PatientName="Doe^Jane", PatientID="12", Modality="CT")
        >>> ds.dir()
        ['Modality', 'PatientID', 'PatientName']
        >>> ds.dir("name")
        ['PatientName']
        """
        names = []
        for tag in self._dict:
            kw = datadict.keyword_for_tag(tag) if not BaseTag(tag).is_private else ""
            if kw and (not filters or any(f.lower() in kw.lower() for f in filters)):
                names.append(kw)
        return sorted(names)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.dir()))

    def add(self, data_element: DataElement) -> None:
        """Add `data_element`, under its tag (replacing an element already there).

        Parameters
        ----------
        data_element : DataElement
            The element to add.

        Examples
        --------
        >>> from pyrdicom import DataElement, Dataset
        >>> ds = Dataset()
        >>> ds.add(DataElement(0x00100010, "PN", "Doe^Jane"))
        >>> ds.PatientName
        'Doe^Jane'
        """
        self[data_element.tag] = data_element

    def add_new(self, tag: Any, VR: str, value: Any) -> None:
        """Add an element made of `tag`, `VR` and `value` (replacing one already there).

        Parameters
        ----------
        tag : tag
            The element's tag.
        VR : str
            Its VR.
        value : object
            Its value.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.add_new(0x00280010, "US", 512)
        >>> ds.Rows
        512
        """
        self.add(DataElement(tag, VR, value))

    def pop(self, key: Any, *args: Any) -> Any:
        """Remove the element of `key` and return it, as ``dict.pop``.

        Parameters
        ----------
        key : tag or keyword
            The element's tag or keyword.
        *args : object
            A default returned when the element is absent.

        Returns
        -------
        DataElement or object
            The element, or the default.

        Raises
        ------
        KeyError
            The element is absent and no default is given.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(Modality="CT")
        >>> ds.pop("Modality").value
        'CT'
        >>> ds.pop("Modality", None) is None
        True
        """
        try:
            tag = Tag(key)
        except TAG_ERRORS:
            if args:
                return args[0]
            raise KeyError(key) from None
        if tag not in self._dict:
            if args:
                return args[0]
            raise KeyError(key)
        elem = self._element(tag)
        del self._dict[tag]
        return elem

    def setdefault(self, key: Any, default: Any = None) -> DataElement:
        """The element of `key`; when absent, an element of `key` with value `default` is added
        first (its VR from the dictionary; "UN" for private or unknown tags).

        Parameters
        ----------
        key : tag or keyword
            The element's tag or keyword.
        default : DataElement or object, optional
            The element, or the value of the element, to add when absent.

        Returns
        -------
        DataElement

        Raises
        ------
        KeyError
            An unknown public tag while writing validation raises.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.setdefault("PatientName", "Doe^Jane").VR
        'PN'
        >>> ds.setdefault("PatientName", "Other").value
        'Doe^Jane'
        """
        tag = Tag(key)
        if tag in self:
            return self[tag]
        if not isinstance(default, DataElement):
            if tag.is_private:
                vr = "UN"
            else:
                try:
                    vr = datadict.dictionary_VR(tag)
                except KeyError:
                    if config.settings.writing_validation_mode == config.RAISE:
                        raise KeyError(f"Unknown DICOM tag {tag}") from None
                    vr = "UN"
                    warnings.warn(f"Unknown DICOM tag {tag} - setting VR to 'UN'", stacklevel=2)
            default = DataElement(tag, vr, default)
        self[key] = default
        return default

    def trait_names(self) -> list[str]:
        """The names IPython completes on a data set (the attributes and the keywords present).

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> "PatientName" in Dataset(PatientName="Doe^Jane").trait_names()
        True
        """
        return dir(self)

    def update(self, d: Any) -> None:
        """Set the elements of a mapping: keyword keys set values, tag keys set elements.

        Parameters
        ----------
        d : mapping
            Keywords to values, or tags to DataElements.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.update({"PatientName": "Doe^Jane", "PatientID": "12"})
        >>> ds.PatientID
        '12'
        """
        for key, value in list(d.items()):
            if isinstance(key, str):
                setattr(self, key, value)
            else:
                self[Tag(key)] = value

    def clear(self) -> None:
        """Remove every element.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(Modality="CT")
        >>> ds.clear()
        >>> len(ds)
        0
        """
        self._dict.clear()

    def copy(self) -> Dataset:
        """A shallow copy: a new data set holding the same element objects.

        Returns
        -------
        Dataset

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(Modality="CT")
        >>> other = ds.copy()
        >>> other is ds, other[0x00080060] is ds[0x00080060]
        (False, True)
        """
        import copy

        return copy.copy(self)

    def _slice_tags(self, s: slice) -> list[int]:
        start = Tag(s.start) if s.start is not None else 0
        stop = Tag(s.stop) if s.stop is not None else 0x100000000
        tags = [t for t in sorted(self._dict) if start <= t < stop]
        return tags[:: s.step] if s.step else tags

    def _dataset_slice(self, s: slice) -> Dataset:
        """The elements of the slice as stored (unconverted ones as RawDataElement), in a
        data set with this one's original encoding."""
        new = Dataset({tag: self.get_item(tag) for tag in self._slice_tags(s)})
        new.set_original_encoding(*self.original_encoding, self.original_character_set)
        if not config._use_future:
            new.__dict__["_is_little_endian"] = self._is_little_endian
            new.__dict__["_is_implicit_VR"] = self._is_implicit_VR
        return new

    def __array__(self, *args: Any, **kwargs: Any) -> Any:
        # NumPy must see a data set as one object (it has __len__ and __getitem__).
        import numpy as np

        arr = np.empty((), dtype=object)
        arr[()] = self
        return arr

    def group_dataset(self, group: int) -> Dataset:
        """The elements of one group, as a new data set.

        Parameters
        ----------
        group : int
            The group number, 0x0000 to 0xFFFF.

        Returns
        -------
        Dataset

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(PatientName="Doe^Jane", Modality="CT")
        >>> ds.group_dataset(0x0010).dir()
        ['PatientName']
        """
        return self[(group, 0x0000) : (group + 1, 0x0000)]

    def data_element(self, name: str) -> DataElement | None:
        """The element of keyword `name`, or None when the data set has none.

        Parameters
        ----------
        name : str
            A keyword of the DICOM dictionary.

        Returns
        -------
        DataElement or None

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> Dataset(Modality="CT").data_element("Modality").tag
        (0008,0060)
        """
        tag = datadict.tag_for_keyword(name)
        if tag is not None and tag in self._dict:
            return self[tag]
        return None

    def walk(
        self, callback: Callable[[Dataset, DataElement], None], recursive: bool = True
    ) -> None:
        """Call `callback` with each element in tag order (and with the elements of sequence
        items when `recursive`). The callback may delete the element it is given.

        Parameters
        ----------
        callback : callable
            ``callback(dataset, element)``, where `dataset` holds `element`.
        recursive : bool
            Walk into the items of sequences too.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("rtplan.dcm"))
        >>> names = []
        >>> ds.walk(lambda item, elem: names.append(elem.keyword))
        >>> "BeamName" in names
        True
        """
        for tag in sorted(self._dict):
            if tag not in self._dict:  # the callback may delete elements
                continue
            with tag_in_exception(BaseTag(tag)):
                elem = self._element(tag)
                callback(self, elem)
            if recursive and elem.VR == "SQ" and tag in self._dict:
                for item in elem.value:
                    item.walk(callback)

    def iterall(self) -> Iterator[DataElement]:
        """Every element, in tag order, each sequence followed by the elements of its items.

        Yields
        ------
        DataElement

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("rtplan.dcm"))
        >>> sum(1 for _ in ds.iterall()) > len(ds)
        True
        """
        for elem in self:
            yield elem
            if elem.VR == "SQ":
                for item in elem.value:
                    yield from item.iterall()

    # --- encoding (pydicom 3: `original_encoding`, and the deprecated `is_*` pair) ------

    # The encoding a data set was read with (None: made from scratch) and its character set.
    _read_implicit = _AsRead(lambda d, raw: d["_implicit_vr"])
    _read_little = _AsRead(lambda d, raw: raw.little_endian)
    # pydicom 3's deprecated encoding to write with (absent in its future mode)
    _is_implicit_VR = _AsRead(lambda d, raw: d["_implicit_vr"], hidden_in_future=True)
    _is_little_endian = _AsRead(lambda d, raw: raw.little_endian, hidden_in_future=True)

    @property
    def _read_charset(self) -> str | list[str]:
        """The character set the data set was read with ("" if made from scratch)."""
        d = self.__dict__
        charset = d.get("_read_charset")
        if charset is None:
            charset = d["_read_charset"] = self._character_set if d.get("_raw") else ""
        return charset

    @_read_charset.setter
    def _read_charset(self, value: str | list[str]) -> None:
        self.__dict__["_read_charset"] = value

    def _deprecated_encoding(self, name: str) -> Any:
        if config._use_future:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return getattr(self, f"_{name}")

    def _set_deprecated_encoding(self, name: str, value: bool | None, arg: str) -> None:
        cls = type(self).__name__
        if config._use_future:
            raise AttributeError(f"'{cls}' object has no attribute '{name}'")
        warnings.warn(
            f"'{cls}.{name}' will be removed in v4.0, set the Transfer Syntax UID or use the "
            f"'{arg}' argument with {cls}.save_as() or dcmwrite() instead",
            DeprecationWarning,
            stacklevel=3,
        )
        self.__dict__[f"_{name}"] = value

    @property
    def is_little_endian(self) -> bool | None:
        return self._deprecated_encoding("is_little_endian")

    @is_little_endian.setter
    def is_little_endian(self, value: bool | None) -> None:
        self._set_deprecated_encoding("is_little_endian", value, "little_endian")

    @property
    def is_implicit_VR(self) -> bool | None:
        return self._deprecated_encoding("is_implicit_VR")

    @is_implicit_VR.setter
    def is_implicit_VR(self, value: bool | None) -> None:
        self._set_deprecated_encoding("is_implicit_VR", value, "implicit_vr")

    @property
    def original_encoding(self) -> tuple[bool | None, bool | None]:
        return (self._read_implicit, self._read_little)

    def set_original_encoding(
        self,
        is_implicit_vr: bool | None,
        is_little_endian: bool | None,
        character_encoding: str | list[str] | None = None,
    ) -> None:
        """Record the encoding the data set was read with (what `original_encoding` and
        `original_character_set` report).

        Parameters
        ----------
        is_implicit_vr : bool or None
            Implicit VR (None: unknown).
        is_little_endian : bool or None
            Little endian (None: unknown).
        character_encoding : str or list of str, optional
            The character set(s) it was read with.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.set_original_encoding(False, True, "ISO_IR 100")
        >>> ds.original_encoding, ds.original_character_set
        ((False, True), 'ISO_IR 100')
        """
        d = self.__dict__
        d["_read_implicit"] = is_implicit_vr
        d["_read_little"] = is_little_endian
        if character_encoding is not None:
            d["_read_charset"] = character_encoding

    @property
    def _character_set(self) -> str | list[str]:
        """The character set(s) of this data set's text, from (0008,0005) or the parent's."""
        from .charset import convert_encodings

        elem = self.get(0x00080005)
        if elem is None:  # pydicom: an empty (0008,0005) still means the default repertoire
            d = self.__dict__
            if "_parent_encoding" in d:
                return d["_parent_encoding"]
            parent = d.get("_parent")
            return parent._character_set if parent is not None else "iso8859"
        return convert_encodings(elem.value)

    @property
    def original_character_set(self) -> str | list[str]:
        return self._read_charset

    @property
    def is_original_encoding(self) -> bool:
        if config._use_future:
            return self.original_character_set == self._character_set
        current = (self.is_implicit_VR, self.is_little_endian)
        return (
            None not in current
            and self.original_encoding == current
            and self.original_character_set == self._character_set
        )

    def _deprecated_read(self, name: str, use: str) -> None:
        """pydicom 3's deprecated `read_*` names: warn, or AttributeError in future mode."""
        cls = type(self).__name__
        if config._use_future:
            raise AttributeError(f"'{cls}' object has no attribute '{name}'")
        warnings.warn(
            f"'{cls}.{name}' will be removed in v4.0, use '{cls}.{use}' instead",
            DeprecationWarning,
            stacklevel=3,
        )

    @property
    def read_implicit_vr(self) -> bool | None:
        self._deprecated_read("read_implicit_vr", "original_encoding[0]")
        return self._read_implicit

    @property
    def read_little_endian(self) -> bool | None:
        self._deprecated_read("read_little_endian", "original_encoding[1]")
        return self._read_little

    @property
    def read_encoding(self) -> str | list[str]:
        self._deprecated_read("read_encoding", "original_character_set")
        return self._read_charset

    @read_encoding.setter
    def read_encoding(self, value: str | list[str]) -> None:
        self._deprecated_read("read_encoding", "original_character_set")
        self.__dict__["_read_charset"] = value

    # --- private blocks -------------------------------------------------------------

    def decode(self) -> None:
        """Decode the text of every element with the data set's character set (items with
        their own, inheriting this one).

        Examples
        --------
        >>> from pydicom.data import get_charset_files
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_charset_files("chrFren.dcm")[0])
        >>> ds.decode()
        >>> ds.PatientName
        'Buc^Jérôme'
        """
        from .charset import decode_element

        charset = self._character_set

        def decode(ds: Dataset, elem: DataElement) -> None:
            if elem.VR == "SQ":
                for item in elem.value:
                    object.__setattr__(item, "_parent_encoding", charset)
                    item.decode()
            else:
                decode_element(elem, charset)

        self.walk(decode, recursive=False)

    def private_creators(self, group: int) -> list[str]:
        """The private creators of the blocks in `group`.

        Parameters
        ----------
        group : int
            An odd (private) group number.

        Returns
        -------
        list of str

        Raises
        ------
        ValueError
            `group` is even.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.add_new_private("My Creator", 0x0041, 0x01, "value", "LO")
        >>> ds.private_creators(0x0041)
        ['My Creator']
        """
        if group % 2 == 0:
            raise ValueError("Group must be an odd number")
        return [e.value for e in self._creator_elements(group)]

    def _creator_elements(self, group: int) -> list[DataElement]:
        tags = self._slice_tags(slice((group, 0x10), (group, 0x100)))
        return [self._element(t) for t in tags]

    def private_block(self, group: int, private_creator: str, create: bool = False) -> PrivateBlock:
        """The block of `private_creator` in `group`; `create` adds the creator in the first
        free slot when it is absent (else KeyError).

        Parameters
        ----------
        group : int
            An odd (private) group number.
        private_creator : str
            The creator's name.
        create : bool
            Add the creator when the group has none of that name.

        Returns
        -------
        PrivateBlock

        Raises
        ------
        ValueError
            An empty `private_creator`, or an even `group`.
        KeyError
            No block of `private_creator` and `create` is not set.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> block = ds.private_block(0x0041, "My Creator", create=True)
        >>> block.add_new(0x01, "LO", "a value")
        >>> ds.private_block(0x0041, "My Creator")[0x01].value
        'a value'
        """
        blocks = self.__dict__.setdefault("_private_blocks", {})
        key = (group, private_creator)
        if key in blocks:
            return blocks[key]
        if not private_creator:
            raise ValueError("Private creator must have a value")
        if group % 2 == 0:
            raise ValueError("Tag must be private if private creator is given")
        found = next((e for e in self._creator_elements(group) if e.value == private_creator), None)
        if found is not None:
            element = found.tag.element
        elif not create:
            raise KeyError(f"Private creator '{private_creator}' not found")
        else:
            element = next(el for el in range(0x10, 0x100) if Tag(group, el) not in self._dict)
            self.add_new(Tag(group, element), "LO", private_creator)
        block = blocks[key] = PrivateBlock(key, self, element)
        return block

    def get_private_item(
        self, group: int, element_offset: int, private_creator: str
    ) -> DataElement:
        """The element at `element_offset` in the block of `private_creator` in `group`.

        Parameters
        ----------
        group : int
            An odd (private) group number.
        element_offset : int
            The offset in the block, 0x00 to 0xFF.
        private_creator : str
            The creator's name.

        Returns
        -------
        DataElement

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.add_new_private("My Creator", 0x0041, 0x01, "a value", "LO")
        >>> ds.get_private_item(0x0041, 0x01, "My Creator").value
        'a value'
        """
        block = self.private_block(group, private_creator)
        return self[block.get_tag(element_offset)]

    def add_new_private(
        self,
        private_creator: str,
        group: int,
        element_offset: int,
        value: Any,
        vr: str | None = None,
    ) -> None:
        """Add a private element (creating its block if needed); the VR defaults to the
        private dictionary's.

        Parameters
        ----------
        private_creator : str
            The creator's name.
        group : int
            An odd (private) group number.
        element_offset : int
            The offset in the block, 0x00 to 0xFF.
        value : object
            The element's value.
        vr : str, optional
            Its VR (default: the private dictionary's entry for the creator).

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.add_new_private("My Creator", 0x0041, 0x01, "a value", "LO")
        >>> ds[0x00410010].value, ds[0x00411001].value
        ('My Creator', 'a value')
        """
        block = self.private_block(group, private_creator, create=True)
        if vr is None:
            vr = datadict.get_private_entry((group, element_offset), private_creator)[0]
        block.add_new(element_offset, vr, value)

    def remove_private_tags(self) -> None:
        """Delete every private element, in sequence items too.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(Modality="CT")
        >>> ds.add_new_private("My Creator", 0x0041, 0x01, "a value", "LO")
        >>> ds.remove_private_tags()
        >>> ds.dir(), len(ds)
        (['Modality'], 1)
        """

        def remove(ds: Dataset, elem: DataElement) -> None:
            if elem.tag.is_private:
                del ds[elem.tag]

        self.walk(remove)

    def formatted_lines(
        self,
        element_format: str = default_element_format,
        sequence_element_format: str = default_sequence_element_format,
        indent_format: str | None = None,
    ) -> Iterator[str]:
        """Each element (recursively) formatted with %-style keys of its public attributes.

        Parameters
        ----------
        element_format : str
            The format of an element that is not a sequence (``%(tag)s``, ``%(name)s``,
            ``%(VR)s``, ``%(repval)s``, ...).
        sequence_element_format : str
            The format of a sequence element.
        indent_format : str, optional
            Accepted for pydicom's signature; not used.

        Yields
        ------
        str

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> ds = Dataset(PatientName="Doe^Jane")
        >>> list(ds.formatted_lines("%(keyword)s=%(value)s"))
        ['PatientName=Doe^Jane']
        """
        skip = ("from_json", "to_json", "to_json_dict", "clear", "description", "validate")
        for elem in self.iterall():
            fields = {}
            for attr in dir(elem):
                if attr.startswith("_") or attr in skip:
                    continue
                v = getattr(elem, attr)
                fields[attr] = v() if callable(v) else v
            yield (sequence_element_format if elem.VR == "SQ" else element_format) % fields

    # --- pixel data -----------------------------------------------------------------

    @property
    def pixel_array(self) -> Any:
        from .pixels.decode import dataset_pixel_array

        return dataset_pixel_array(self)

    @property
    def _pixel_array(self) -> Any:
        """The decoded pixel data cached by `pixel_array`, or None (pydicom's attribute)."""
        cached = self.__dict__.get("_pixel_cache")
        return cached[1] if cached else None

    @_pixel_array.setter
    def _pixel_array(self, value: Any) -> None:
        # None clears the cache; anything else is what `pixel_array` returns while the Image
        # Pixel module stays as it is now (pydicom's code sets it so)
        if value is None:
            self.__dict__.pop("_pixel_cache", None)
        else:
            from .pixels.native import pixel_id

            object.__setattr__(self, "_pixel_cache", (pixel_id(self), value))

    @property
    def _pixel_id(self) -> dict[str, int]:
        """pydicom's record of the Image Pixel values `_pixel_array` was decoded from."""
        from .pixels.utils import get_image_pixel_ids

        return get_image_pixel_ids(self) if self.__dict__.get("_pixel_cache") else {}

    @_pixel_id.setter
    def _pixel_id(self, value: dict[str, int]) -> None:
        # ids other than the module's own say the cached array is not of this module
        from .pixels.utils import get_image_pixel_ids

        if value != get_image_pixel_ids(self):
            self.__dict__.pop("_pixel_cache", None)

    def overlay_array(self, group: int) -> Any:
        """The Overlay Data of overlay `group` (0x6000 to 0x60FF) as an array.

        Parameters
        ----------
        group : int
            The overlay's group, 0x6000 to 0x60FE (even).

        Returns
        -------
        numpy.ndarray
            ``(rows, columns)`` or ``(frames, rows, columns)`` of 0 and 1, uint8.

        Raises
        ------
        ValueError
            `group` is outside 0x6000 to 0x60FF.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("MR-SIEMENS-DICOM-WithOverlays.dcm"))
        >>> ds.overlay_array(0x6000).shape
        (484, 484)
        """
        if group < 0x6000 or group > 0x60FF:
            raise ValueError(
                "The group part of the 'Overlay Data' element tag must be between 0x6000 and "
                "0x60FF (inclusive)"
            )
        from .overlays import get_overlay_array

        return get_overlay_array(self, group)

    def waveform_array(self, index: int) -> Any:
        """Multiplex group `index` of the Waveform Sequence, scaled to channel units.

        Parameters
        ----------
        index : int
            The item of the Waveform Sequence.

        Returns
        -------
        numpy.ndarray
            ``(samples, channels)``, float64.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("waveform_ecg.dcm"))
        >>> ds.waveform_array(0).shape
        (10000, 12)
        """
        from .waveforms import multiplex_array

        return multiplex_array(self, index, as_raw=False)

    def pixel_array_options(
        self,
        *,
        index: int | None = None,
        raw: bool = False,
        decoding_plugin: str = "",
        use_v2_backend: bool = False,
        **kwargs: Any,
    ) -> None:
        """How `pixel_array` decodes (pydicom 3's method): the frame `index` only, `raw`,
        `decoding_plugin` and the decoders' options (see `pyrdicom.pixels.pixel_array`);
        there is one decoding backend, so `use_v2_backend` changes nothing.

        Parameters
        ----------
        index : int, optional
            Decode only this frame (default: all of them).
        raw : bool
            Leave colour data as stored (no conversion to RGB).
        decoding_plugin : str
            The plugin to decode with (one decoder backs every name pydicom has).
        use_v2_backend : bool
            pydicom's switch to its old handlers; no effect.
        **kwargs
            The decoders' options (``as_rgb``, ``view_only``, ...).

        Raises
        ------
        TypeError
            `use_v2_backend` in pydicom's future mode.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
        >>> ds.pixel_array.shape
        (10, 64, 64)
        >>> ds.pixel_array_options(index=3)
        >>> ds.pixel_array.shape
        (64, 64)
        """
        if config._use_future and use_v2_backend:
            raise TypeError(
                f"{type(self).__name__}.pixel_array_options() got an unexpected keyword "
                "argument 'use_v2_backend'"
            )
        from .pixels import _decoder

        opts = dict(index=index, raw=raw, decoding_plugin=decoding_plugin, **kwargs)
        _decoder(self)._check_plugin(decoding_plugin)
        object.__setattr__(self, "_pixel_array_opts", opts)
        self.__dict__.pop("_pixel_cache", None)

    def convert_pixel_data(self, handler_name: str = "") -> None:
        """pydicom's deprecated explicit decode: `pixel_array` decodes (once) on access.

        Parameters
        ----------
        handler_name : str
            pydicom 2's handler name; not used (one decoder backs them all).

        Raises
        ------
        AttributeError
            In pydicom's future mode, where the method is gone.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
        >>> ds.convert_pixel_data()
        >>> ds.pixel_array.shape
        (128, 128)
        """
        if config._use_future:
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute 'convert_pixel_data'"
            )
        self.pixel_array  # noqa: B018 (decodes into the cache)

    def to_pil(self, frame: int = 0, window: tuple[float, float] | None = None) -> Any:
        """Frame `frame` as a Pillow image (L or RGB), rendered as `pyrdicom.pixels.render`
        does. Pillow is only needed here.

        Parameters
        ----------
        frame : int
            The frame to show.
        window : tuple of (float, float), optional
            (center, width) of the VOI window (default: the data set's, else the data's range).

        Returns
        -------
        PIL.Image.Image

        Raises
        ------
        ImportError
            Pillow is not installed.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> image = dcmread(get_testdata_file("CT_small.dcm")).to_pil()
        >>> image.mode, image.size
        ('L', (128, 128))
        """
        try:
            from PIL import Image
        except ImportError as exc:
            raise ImportError("Dataset.to_pil() needs Pillow: pip install Pillow") from exc
        from .pixels import pixel_array, render

        arr = render(self, frame=frame, window=window, arr=pixel_array(self, index=frame))
        return Image.fromarray(arr)

    def set_pixel_data(
        self,
        arr: Any,
        photometric_interpretation: str,
        bits_stored: int,
        *,
        generate_instance_uid: bool = True,
    ) -> None:
        """Set the pixel data and the Image Pixel module from an array (pydicom 3's method, for
        (u)int8/16/32, float32/64 and bool arrays); see `pyrdicom.pixels.set_pixel_data`.

        Parameters
        ----------
        arr : numpy.ndarray
            ``(rows, columns)``, ``(rows, columns, samples)`` or with frames first.
        photometric_interpretation : str
            "MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", ...
        bits_stored : int
            The bits each sample uses.
        generate_instance_uid : bool
            Give the data set a new SOP Instance UID.

        Examples
        --------
        >>> import numpy as np
        >>> from pyrdicom import Dataset
        >>> ds = Dataset()
        >>> ds.set_pixel_data(np.zeros((4, 6), dtype=np.uint16), "MONOCHROME2", 12)
        >>> ds.Rows, ds.Columns, ds.BitsStored, ds.pixel_array.shape
        (4, 6, 12, (4, 6))
        """
        from .pixels.encoding import set_pixel_data

        set_pixel_data(
            self, arr, photometric_interpretation, bits_stored,
            generate_instance_uid=generate_instance_uid,
        )  # fmt: skip

    def compress(
        self,
        transfer_syntax_uid: str,
        arr: Any = None,
        encoding_plugin: str = "",
        encapsulate_ext: bool = False,
        *,
        generate_instance_uid: bool = True,
        jls_error: int | None = None,
        j2k_cr: list[float] | None = None,
        j2k_psnr: list[float] | None = None,
        **kwargs: Any,
    ) -> None:
        """Compress the pixel data in place (pydicom 3's method); see `pyrdicom.pixels.compress`.

        Parameters
        ----------
        transfer_syntax_uid : str
            The compressed transfer syntax (RLE Lossless, JPEG-LS, JPEG 2000, ...).
        arr : numpy.ndarray, optional
            Compress this array instead of the data set's pixel data.
        encoding_plugin : str
            The plugin to encode with (pyrdicom's own encoders back every name).
        encapsulate_ext : bool
            Add an Extended Offset Table.
        generate_instance_uid : bool
            Give the data set a new SOP Instance UID.
        jls_error : int, optional
            JPEG-LS near-lossless error (lossy).
        j2k_cr : list of float, optional
            JPEG 2000 compression ratios of the quality layers (lossy).
        j2k_psnr : list of float, optional
            JPEG 2000 peak signal-to-noise ratios of the quality layers (lossy).
        **kwargs
            The encoder's options.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.uid import RLELossless
        >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
        >>> before = ds.pixel_array.copy()
        >>> ds.compress(RLELossless)
        >>> ds.file_meta.TransferSyntaxUID.name, bool((ds.pixel_array == before).all())
        ('RLE Lossless', True)
        """
        from .pixels.encoding import compress

        compress(
            self, transfer_syntax_uid, arr, encoding_plugin=encoding_plugin,
            encapsulate_ext=encapsulate_ext, generate_instance_uid=generate_instance_uid,
            jls_error=jls_error, j2k_cr=j2k_cr, j2k_psnr=j2k_psnr, **kwargs,
        )  # fmt: skip

    def decompress(
        self,
        handler_name: str = "",
        *,
        as_rgb: bool = True,
        generate_instance_uid: bool = True,
        decoding_plugin: str = "",
        **kwargs: Any,
    ) -> None:
        """Decompress the pixel data in place to Explicit VR Little Endian (pydicom 3's
        method); see `pyrdicom.pixels.decompress`.

        Parameters
        ----------
        handler_name : str
            pydicom 2's handler name (checked, then decoded with pyrdicom's codecs).
        as_rgb : bool
            Convert YCbCr data to RGB (and the Photometric Interpretation with it).
        generate_instance_uid : bool
            Give the data set a new SOP Instance UID.
        decoding_plugin : str
            The plugin to decode with.
        **kwargs
            The decoder's options.

        Raises
        ------
        TypeError
            `handler_name` in pydicom's future mode.
        ValueError
            An unknown `handler_name`.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
        >>> ds.decompress()
        >>> ds.file_meta.TransferSyntaxUID.name
        'Explicit VR Little Endian'
        """
        from .pixels.encoding import decompress

        if config._use_future and handler_name:
            raise TypeError(
                f"{type(self).__name__}.decompress() got an unexpected keyword argument "
                "'handler_name'"
            )
        if handler_name:  # pydicom 2's handlers: each decodes with pyrdicom's codecs here
            from .pixels.common import HANDLERS

            if handler_name not in HANDLERS:
                raise ValueError(f"No pixel data handler named '{handler_name}'")
        decompress(
            self, as_rgb=as_rgb, generate_instance_uid=generate_instance_uid,
            decoding_plugin=decoding_plugin, **kwargs,
        )  # fmt: skip

    # --- writing --------------------------------------------------------------------

    def save_as(
        self,
        filename: Any,
        /,
        __write_like_original: bool | None = None,
        *,
        implicit_vr: bool | None = None,
        little_endian: bool | None = None,
        enforce_file_format: bool = False,
        overwrite: bool = True,
        **kwargs: Any,
    ) -> None:
        """Encode the data set and write it to `filename` (path or binary file-like), as
        pydicom 3's `save_as`; see `pyrdicom.filewriter.dcmwrite`.

        Parameters
        ----------
        filename : str, path-like or binary file-like
            Where to write.
        __write_like_original : bool, optional
            pydicom's deprecated positional flag: ``False`` is ``enforce_file_format=True``.
        implicit_vr : bool, optional
            Encode with implicit VR when the data set has no Transfer Syntax UID to say.
        little_endian : bool, optional
            Encode little endian when the data set has no Transfer Syntax UID to say.
        enforce_file_format : bool
            Write a conformant Part 10 file: preamble, "DICM" and the required file meta elements.
        overwrite : bool
            Replace an existing file (else `FileExistsError`).
        **kwargs
            Passed to ``dcmwrite``.

        Raises
        ------
        DicomValueError
            The encoding asked for changes the byte order the data set was read with.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
        >>> ds.save_as("copy.dcm")
        >>> dcmread("copy.dcm").SOPInstanceUID == ds.SOPInstanceUID
        True
        """
        from .filewriter import dcmwrite

        if implicit_vr is not None and little_endian is None:
            little_endian = True
        original_little = self.original_encoding[1]
        if original_little is not None:
            meta = getattr(self, "file_meta", None)
            syntax = meta.get("TransferSyntaxUID") if meta is not None else None
            try:
                use_little = UID(str(syntax)).is_little_endian if syntax is not None else None
            except ValueError:
                use_little = None
            if use_little is None:
                if little_endian is not None:
                    use_little = little_endian
                elif not config._use_future:
                    use_little = self.is_little_endian
            if use_little is not None and use_little != original_little:
                raise DicomValueError(
                    f"'{type(self).__name__}.save_as()' cannot be used to convert between "
                    "little and big endian encoding. Please read the documentation for "
                    "filewriter.dcmwrite() if this is what you really want to do"
                )
        dcmwrite(
            filename, self, __write_like_original, implicit_vr=implicit_vr,
            little_endian=little_endian, enforce_file_format=enforce_file_format,
            overwrite=overwrite, **kwargs,
        )  # fmt: skip

    # --- display --------------------------------------------------------------------

    def _pretty_str(self, indent: int = 0, top_level_only: bool = False) -> str:
        """pydicom's layout: file meta first, then each element; sequences as a header line
        followed by their items, indented."""
        strings = []
        indent_str = self.indent_chars * indent
        nested = self.indent_chars * (indent + 1)
        file_meta = getattr(self, "file_meta", None)
        if file_meta and config.show_file_meta:
            strings.append(f"{'Dataset.file_meta ':-<49}")
            strings.extend(indent_str + repr(elem) for elem in file_meta)
            strings.append("-" * 49)
        for elem in self:
            with tag_in_exception(elem.tag):
                if elem.VR != "SQ":
                    strings.append(indent_str + repr(elem))
                    continue
                strings.append(
                    f"{indent_str}{elem.tag}  {elem.name}  {len(elem.value)} item(s) ---- "
                )
                if not top_level_only:
                    for item in elem.value:
                        strings.append(item._pretty_str(indent + 1))
                        strings.append(nested + "---------")
        return "\n".join(strings)

    def __str__(self) -> str:
        return self._pretty_str()

    def top(self) -> str:
        """The top-level elements as text (sequences by their item count only).

        Returns
        -------
        str

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> print(Dataset(PatientName="Doe^Jane").top())
        (0010,0010) Patient's Name                      PN: 'Doe^Jane'
        """
        return self._pretty_str(top_level_only=True)

    def __repr__(self) -> str:
        return str(self)

    # --- JSON -----------------------------------------------------------------------

    def to_json_dict(
        self,
        bulk_data_threshold: int = 1024,
        bulk_data_element_handler: Any = None,
        suppress_invalid_tags: bool = False,
    ) -> dict[str, Any]:
        """The data set as the DICOM JSON Model (PS3.18 F), a dict.

        Parameters
        ----------
        bulk_data_threshold : int
            Values longer than this go to `bulk_data_element_handler` (when there is one).
        bulk_data_element_handler : callable, optional
            ``handler(element) -> str``: the BulkDataURI of a long binary value (default: the
            value inline, base64).
        suppress_invalid_tags : bool
            Leave out the elements whose value cannot be converted, instead of raising.

        Returns
        -------
        dict

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> Dataset(PatientName="Doe^Jane").to_json_dict()
        {'00100010': {'vr': 'PN', 'Value': [{'Alphabetic': 'Doe^Jane'}]}}
        """
        from .jsonrep import dataset_to_json_dict

        return dataset_to_json_dict(
            self, bulk_data_threshold, bulk_data_element_handler, suppress_invalid_tags
        )

    def to_json(
        self,
        bulk_data_threshold: int = 1024,
        bulk_data_element_handler: Any = None,
        dump_handler: Any = None,
        suppress_invalid_tags: bool = False,
    ) -> str:
        """The data set as DICOM JSON (PS3.18 F) text.

        Parameters
        ----------
        bulk_data_threshold : int
            Values longer than this go to `bulk_data_element_handler` (when there is one).
        bulk_data_element_handler : callable, optional
            ``handler(element) -> str``: the BulkDataURI of a long binary value.
        dump_handler : callable, optional
            ``handler(dict) -> str`` in place of ``json.dumps(d, sort_keys=True)``.
        suppress_invalid_tags : bool
            Leave out the elements whose value cannot be converted, instead of raising.

        Returns
        -------
        str

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> Dataset(PatientName="Doe^Jane").to_json()
        '{"00100010": {"Value": [{"Alphabetic": "Doe^Jane"}], "vr": "PN"}}'
        """
        import json

        d = self.to_json_dict(bulk_data_threshold, bulk_data_element_handler, suppress_invalid_tags)
        if dump_handler is not None:
            return dump_handler(d)
        return json.dumps(d, sort_keys=True)

    @classmethod
    def from_json(cls, json_dataset: Any, bulk_data_uri_handler: Any = None) -> Dataset:
        """A data set from the DICOM JSON Model (PS3.18 F): a dict, or its JSON text.

        Parameters
        ----------
        json_dataset : dict, str or bytes
            The DICOM JSON.
        bulk_data_uri_handler : callable, optional
            ``handler(tag, vr, uri)`` (or ``handler(uri)``): the value of a BulkDataURI.

        Returns
        -------
        Dataset

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> Dataset.from_json('{"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Doe^Jane"}]}}')
        (0010,0010) Patient's Name                      PN: 'Doe^Jane'
        """
        from .jsonrep import dataset_from_json

        return dataset_from_json(cls, json_dataset, bulk_data_uri_handler)


def resolve_ambiguous_vr(
    elem: DataElement,
    ds: Dataset,
    implicit: bool | None,
    pixel_rep: Callable[[], Any],
    renumber: Callable[[DataElement], None],
) -> None:
    """pydicom's rules for an ambiguous VR ("US or SS", "OB or OW", ...) from the data set
    `ds` it is in: `implicit` is the data set's VR encoding as read, `pixel_rep()` the nearest
    Pixel Representation (None if none), `renumber` re-reads a value read as the old VR.

    Parameters
    ----------
    elem : DataElement
        The element, its VR set in place.
    ds : Dataset
        The data set it is in.
    implicit : bool or None
        Whether `ds` was read with implicit VR.
    pixel_rep : callable
        ``pixel_rep() -> int or None``: the nearest Pixel Representation.
    renumber : callable
        ``renumber(elem)``: read the value again as the new VR.

    Examples
    --------
    >>> from pyrdicom import DataElement, Dataset
    >>> from pyrdicom.dataset import resolve_ambiguous_vr
    >>> ds = Dataset(PixelRepresentation=1)
    >>> elem = DataElement(0x00280106, "US or SS", 0)
    >>> resolve_ambiguous_vr(elem, ds, False, lambda: 1, lambda e: None)
    >>> elem.VR
    'SS'
    """
    tag = elem.tag
    if tag == 0x7FE00010:
        if elem.is_undefined_length:
            elem._vr = "OB"
        elif implicit:
            elem._vr = "OW"
        else:
            elem._vr = "OW" if ds.BitsAllocated > 8 else "OB"
    elif tag in _AMBIGUOUS_US_SS_TAGS:
        rep = pixel_rep()
        if rep is None:
            # pydicom: no Pixel Representation anywhere means unsigned unless there are pixels
            no_pr = "PixelRepresentation" not in ds
            unsigned = (no_pr and "PixelData" not in ds) or ds.PixelRepresentation == 0
            rep = 0 if unsigned else 1
        elem._vr = "US" if rep == 0 else "SS"
        renumber(elem)
    elif tag in _AMBIGUOUS_OB_OW_TAGS:
        if implicit:
            elem._vr = "OW"
        else:
            elem._vr = "OW" if ds.WaveformBitsAllocated > 8 else "OB"
    elif tag == 0x00283006:
        if ds.LUTDescriptor[0] == 1:
            elem._vr = "US"
            renumber(elem)
        else:
            elem._vr = "OW"
    elif tag in _OVERLAY_DATA_TAGS:
        elem._vr = "OW"


def _reset_numbers(elem: DataElement) -> None:
    """pydicom sets a corrected element's value anew, so several numbers become a MultiValue."""
    if elem._raw is None:
        return  # a value set from Python keeps its numbers
    v = elem._raw.value(elem._idx, elem.VR)
    elem._value = MultiValue(_keep, v) if v.__class__ is list else v


def validate_file_meta(file_meta: FileMetaDataset, enforce_standard: bool = True) -> None:
    """pydicom's `dataset.validate_file_meta` (see `filewriter.validate_file_meta`).

    Parameters
    ----------
    file_meta : FileMetaDataset
        The File Meta Information, changed in place.
    enforce_standard : bool
        Add the elements pyrdicom can supply and require the other Type 1 elements.

    Examples
    --------
    >>> from pyrdicom.dataset import FileMetaDataset, validate_file_meta
    >>> from pyrdicom.uid import ImplicitVRLittleEndian
    >>> meta = FileMetaDataset(TransferSyntaxUID=ImplicitVRLittleEndian)
    >>> validate_file_meta(meta, enforce_standard=False)
    """
    from . import filewriter

    filewriter.validate_file_meta(file_meta, enforce_standard)


class FileMetaDataset(Dataset):
    """The File Meta Information (group 0002): only group 2 elements.

    Parameters
    ----------
    *args
        Nothing, ``None``, or a ``Dataset`` or dict of group 2 elements.
    **kwargs
        Elements to set by keyword.

    Raises
    ------
    TypeError
        The argument is neither a ``Dataset`` nor a dict.

    Examples
    --------
    >>> from pyrdicom.dataset import FileMetaDataset
    >>> from pyrdicom.uid import ExplicitVRLittleEndian
    >>> meta = FileMetaDataset(TransferSyntaxUID=ExplicitVRLittleEndian)
    >>> meta.TransferSyntaxUID.name
    'Explicit VR Little Endian'
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args and args[0] is not None and not isinstance(args[0], Dataset | dict):
            raise TypeError(f"Argument must be a dict or Dataset, not {type(args[0])}")
        super().__init__(*args, **kwargs)
        FileMetaDataset.validate(self._dict)

    @staticmethod
    def validate(init_value: Any) -> None:
        """pydicom's check of a file meta's initial elements.

        Parameters
        ----------
        init_value : Dataset, dict or None
            The elements a FileMetaDataset is made with.

        Raises
        ------
        TypeError
            `init_value` is neither a ``Dataset`` nor a dict.
        ValueError
            An element outside group 0002.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> from pyrdicom.dataset import FileMetaDataset
        >>> FileMetaDataset.validate(Dataset(PatientName="Doe^Jane"))
        Traceback (most recent call last):
            ...
        ValueError: File meta datasets may only contain group 2 elements but ...
        """
        if init_value is None:
            return
        if (
            not isinstance(init_value, Dataset | dict)
            and init_value.__class__.__name__ != "LevelMap"
        ):
            raise TypeError(f"Argument must be a dict or Dataset, not {type(init_value)}")
        non_group2 = [str(Tag(t)) for t in init_value.keys() if Tag(t).group != 2]  # noqa: SIM118
        if non_group2:
            raise ValueError(
                "File meta datasets may only contain group 2 elements but the following "
                f"elements are present: {', '.join(non_group2)}"
            )

    def __setitem__(self, key: Any, value: Any) -> None:
        tag = value.tag if isinstance(value.tag, BaseTag) else Tag(value.tag)
        if tag.group != 2:
            raise ValueError("Only group 2 data elements are allowed in a FileMetaDataset")
        super().__setitem__(key, value)

    @property
    def _tsyntax_encoding(self) -> tuple[bool, bool] | tuple[None, None]:
        """(implicit VR, little endian) of a known public Transfer Syntax UID, else Nones."""
        tsyntax = self.get("TransferSyntaxUID", None)
        if not tsyntax or tsyntax.is_private or not tsyntax.is_transfer_syntax:
            return (None, None)
        return (tsyntax.is_implicit_VR, tsyntax.is_little_endian)


class FileDataset(Dataset):
    """A Dataset read from a file: adds `preamble`, `file_meta` and `filename`.

    ``dcmread`` makes them; made directly, a FileDataset wraps the elements of `dataset`.

    Parameters
    ----------
    filename_or_obj : str, path-like, bytes or file-like
        Where the data set comes from (a path becomes `filename`).
    dataset : Dataset or dict
        The elements.
    preamble : bytes, optional
        The 128-byte preamble.
    file_meta : FileMetaDataset, optional
        The File Meta Information (default: an empty one).
    is_implicit_VR : bool
        The VR encoding it was read with.
    is_little_endian : bool
        The byte order it was read with.

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.dataset import FileDataset
    >>> fds = FileDataset("new.dcm", Dataset(Modality="CT"), preamble=bytes(128))
    >>> fds.filename, fds.Modality
    ('new.dcm', 'CT')
    """

    def __init__(
        self,
        filename_or_obj: Any,
        dataset: Dataset | dict,
        preamble: bytes | None = None,
        file_meta: FileMetaDataset | None = None,
        is_implicit_VR: bool = True,
        is_little_endian: bool = True,
    ) -> None:
        super().__init__(dataset)
        self.preamble = preamble
        self.file_meta = file_meta if file_meta is not None else FileMetaDataset()
        d = self.__dict__
        if not config._use_future:
            d["_is_implicit_VR"] = is_implicit_VR
            d["_is_little_endian"] = is_little_endian
        d["_implicit_vr"] = d["_read_implicit"] = is_implicit_VR
        d["_read_little"] = is_little_endian
        src = (
            os.fspath(filename_or_obj)
            if isinstance(filename_or_obj, os.PathLike)
            else filename_or_obj
        )
        d["filename"] = src if isinstance(src, str) else None
        if not isinstance(src, str):
            _set_source(d, src)
        name = d["filename"]
        d["_timestamp"] = os.stat(name).st_mtime if name and os.path.exists(name) else None

    @classmethod
    def _from_file(cls, raw: Any, src: Any, read_opts: dict[str, Any] | None = None) -> FileDataset:
        self = Dataset._from_raw.__func__(cls, raw, -1, None, False, read_opts)  # type: ignore[attr-defined]
        d = self.__dict__
        d["filename"] = _filename(src)
        if src.__class__ is not str and not isinstance(src, os.PathLike):
            _set_source(d, src)
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FileDataset:
        # As pydicom: a buffer that cannot be copied (closed, an open file) becomes None.
        d = self.__dict__
        buffer = d.get("buffer")
        try:
            buffer_copy = copy.deepcopy(buffer, memo)
        except Exception as exc:
            warnings.warn(
                f"The {type(exc).__name__} exception '{exc}' occurred trying to deepcopy the "
                "buffer-like the dataset was read from, the 'buffer' attribute will be set to "
                "'None' in the copied object",
                stacklevel=2,
            )
            buffer_copy = None
        func, args, state = self.__reduce_ex__(4)[:3]
        if isinstance(state, dict):
            state = {k: v for k, v in state.items() if k != "buffer"}
        new = func(*copy.deepcopy(args, memo))
        memo[id(self)] = new
        new.__setstate__(copy.deepcopy(state, memo))
        if "buffer" in d:
            new.__dict__["buffer"] = buffer_copy
        return new

    # pydicom's record of where a data set was read from (`buffer`: a file-like object other
    # than an open file). Reading a path stores neither: see `_deflated_buffer`.

    @property
    def buffer(self) -> Any:
        d = self.__dict__
        return d["buffer"] if "buffer" in d else self._deflated_buffer()

    @buffer.setter
    def buffer(self, value: Any) -> None:
        self.__dict__["buffer"] = value

    @property
    def fileobj_type(self) -> Any:
        d = self.__dict__
        if "fileobj_type" in d:
            return d["fileobj_type"]
        buffer = self._deflated_buffer()
        return open if buffer is None else type(buffer)

    @fileobj_type.setter
    def fileobj_type(self, value: Any) -> None:
        self.__dict__["fileobj_type"] = value

    def _deflated_buffer(self) -> Any:
        """pydicom reads a deflated data set from a DicomBytesIO of the inflated bytes and
        keeps it as `buffer`: made here when first asked for."""
        d = self.__dict__
        raw = d.get("_raw")
        if raw is None or not is_deflated(raw):
            return None
        from .filebase import DicomBytesIO

        buffer = d["buffer"] = DicomBytesIO(bytes(memoryview(raw)[meta_end(raw) :]))
        return buffer

    @property
    def timestamp(self) -> float | None:
        """The file's modification time (taken when first asked for, not when read)."""
        d = self.__dict__
        if "_timestamp" not in d:
            name = d.get("filename")
            d["_timestamp"] = (
                os.stat(name).st_mtime if isinstance(name, str) and os.path.exists(name) else None
            )
        return d["_timestamp"]

    @timestamp.setter
    def timestamp(self, value: float | None) -> None:
        self.__dict__["_timestamp"] = value

    # The file meta and preamble of a file read are made when first asked for.
    @property
    def file_meta(self) -> FileMetaDataset:
        d = self.__dict__
        if "_file_meta" in d:
            meta = d["_file_meta"]
            if meta is _DELETED:
                raise AttributeError(f"'{type(self).__name__}' object has no attribute 'file_meta'")
        else:
            raw = d.get("_raw")
            if raw is None:
                meta = FileMetaDataset()
            else:
                # Its parent is the data set (the root a pickle refers to), which no element
                # of the file meta looks at.
                meta = FileMetaDataset._from_raw(raw, -2, self)
                object.__setattr__(meta, "_implicit_vr", False)
            d["_file_meta"] = meta
        return meta

    @file_meta.setter
    def file_meta(self, value: FileMetaDataset) -> None:
        self._set_file_meta(value)

    @file_meta.deleter
    def file_meta(self) -> None:
        if self.__dict__.get("_file_meta") is _DELETED:
            raise AttributeError("file_meta")
        self.__dict__["_file_meta"] = _DELETED

    @property
    def preamble(self) -> bytes | None:
        d = self.__dict__
        if "_preamble" not in d:
            raw = d.get("_raw")
            d["_preamble"] = raw.preamble if raw is not None else None
        return d["_preamble"]

    @preamble.setter
    def preamble(self, value: bytes | None) -> None:
        self.__dict__["_preamble"] = value

    @preamble.deleter
    def preamble(self) -> None:
        # pydicom writes no preamble for a data set without one
        self.__dict__["_preamble"] = None


def is_deflated(raw: Any) -> bool:
    """Whether a parsed source is a deflated data set (its transfer syntax may be none).

    Parameters
    ----------
    raw : object
        The compiled reader's parsed file (``FileDataset`` keeps it).

    Returns
    -------
    bool

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import _core
    >>> from pyrdicom.dataset import is_deflated
    >>> is_deflated(_core.read(get_testdata_file("image_dfl.dcm")))
    True
    """
    try:
        return UID(raw.transfer_syntax).is_deflated
    except ValueError:
        return False


def meta_end(raw: Any) -> int:
    """Offset of the end of the file meta in a parsed source (where the data set starts).

    Parameters
    ----------
    raw : object
        The compiled reader's parsed file.

    Returns
    -------
    int

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import _core
    >>> from pyrdicom.dataset import meta_end
    >>> meta_end(_core.read(get_testdata_file("CT_small.dcm")))
    336
    """
    return max(
        ((info := raw.info(i)).length + info.offset for i in raw.level(-2).values()), default=0
    )


# `FileDataset._file_meta` after `del ds.file_meta` (the file's own is not made again).
_DELETED = object()


def _set_source(d: dict[str, Any], src: Any) -> None:
    """pydicom's `buffer`/`fileobj_type` for a data set read from `src`, not a path."""
    if isinstance(src, io.BufferedReader):
        d["filename"] = src.name
        d["fileobj_type"] = open
    else:
        d["buffer"] = src
        d["fileobj_type"] = type(src)
        if not d.get("filename"):
            d["filename"] = getattr(src, "name", None) or getattr(src, "filename", None)


def _filename(src: Any) -> str | None:
    if src.__class__ is str:
        return src
    if isinstance(src, str | os.PathLike):
        return os.fspath(src)
    if isinstance(src, io.IOBase | io.BufferedIOBase) or hasattr(src, "read"):
        name = getattr(src, "name", None)
        return name if isinstance(name, str) else None
    return None
