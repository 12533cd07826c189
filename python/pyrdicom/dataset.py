"""`Dataset`, `FileDataset`, `FileMetaDataset`: pydicom's data set API over the lazy core index.

A data set read from a file maps each tag to the index of its element in the core's table; the
`DataElement` (and its value) is made on first access and then replaces the index.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import Any

from . import datadict
from .datadict import _KEYWORDS
from .dataelem import DataElement, _keep
from .errors import DicomAttributeError, DicomValueError
from .multival import MultiValue
from .tag import TAG_ERRORS, BaseTag, Tag
from .uid import UID

_AMBIGUOUS_US_SS_TAGS = frozenset(
    {
        0x00189810, 0x00221452, 0x00280104, 0x00280105, 0x00280106, 0x00280107,
        0x00280108, 0x00280109, 0x00280110, 0x00280111, 0x00280120, 0x00280121,
        0x00281101, 0x00281102, 0x00281103, 0x00283002, 0x00409211, 0x00409216,
        0x00603004, 0x00603006,
    }
)  # fmt: skip
_AMBIGUOUS_OB_OW_TAGS = frozenset({0x54000110, 0x54000112, 0x5400100A, 0x54001010})
_OVERLAY_DATA_TAGS = frozenset(x << 16 | 0x3000 for x in range(0x6000, 0x601F, 2))


class Dataset:
    """A collection of DataElements keyed by tag, with keyword attribute access."""

    indent_chars = "   "
    default_element_format = "%(tag)s %(name)-35.35s %(VR)s: %(repval)s"
    default_sequence_element_format = "%(tag)s %(name)-35.35s %(VR)s: %(repval)s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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
        cls, raw: Any, level: int, parent: Dataset | None, inherits_pixel_rep: bool = False
    ) -> Dataset:
        self = cls.__new__(cls)
        if level >= 0:
            _, _, length, _, flags = raw.info(level)
            implicit, undefined = bool(flags & 2), length == 0xFFFFFFFF
        else:
            implicit, undefined = raw.implicit_vr, False
        # One update of the instance dict (this runs once per data set and item read).
        self.__dict__.update(
            _inherits_pixel_rep=inherits_pixel_rep,
            _dict=raw.level(level),
            _raw=raw,
            _parent=parent,
            _implicit_vr=implicit,
            is_undefined_length_sequence_item=undefined,
        )
        return self

    # --- element access -------------------------------------------------------------

    def _element(self, tag: int) -> DataElement:
        """The element of `tag`, made from the core index on first access."""
        elem = self._dict[tag]
        if elem.__class__ is int:
            raw = self._raw
            info = raw.info(elem)
            elem = DataElement._from_raw(raw, elem, self, info)
            self._dict[tag] = elem
            # pydicom's reader makes undefined-length sequences eagerly; everything else is
            # converted on access, which names the private creator and fixes ambiguous VRs.
            if elem.VR == "SQ" and elem.is_undefined_length:
                return elem
            if tag & 0x10000:
                creator_tag = (tag & 0xFFFF0000) | (tag & 0xFFFF) >> 8
                if creator_tag != tag and creator_tag in self._dict:
                    elem.private_creator = self._element(creator_tag).value
            if " or " in elem.VR:
                try:
                    self._correct_ambiguous_vr(elem)
                except AttributeError as exc:
                    # pydicom keeps the uncorrected element, so only this access fails
                    raise DicomAttributeError(
                        f"Failed to resolve ambiguous VR for tag {elem.tag}: {exc}"
                    ) from None
        return elem

    def _pixel_rep(self) -> Any:
        """pydicom's `_pixel_rep`: the nearest Pixel Representation handed down through
        defined-length sequences (pydicom sets it when it converts such a sequence)."""
        ds: Dataset | None = self
        while ds is not None:
            if 0x00280103 in ds._dict:
                pr = ds._element(0x00280103).value
                if pr is not None:
                    return pr
            if not ds._inherits_pixel_rep:
                return None
            ds = ds._parent
        return None

    def _correct_ambiguous_vr(self, elem: DataElement) -> None:
        """pydicom's `_correct_ambiguous_vr_element`, for an element whose VR came from the
        dictionary (implicit VR or UN)."""
        tag = elem.tag
        if tag == 0x7FE00010:
            if elem.is_undefined_length:
                elem.VR = "OB"
            elif self._implicit_vr:
                elem.VR = "OW"
            else:
                elem.VR = "OW" if self.BitsAllocated > 8 else "OB"
        elif tag in _AMBIGUOUS_US_SS_TAGS:
            rep = self.get("PixelRepresentation")
            if rep is None:
                rep = self._pixel_rep()
            if rep is None:
                # pydicom: no Pixel Representation anywhere means unsigned unless there are pixels
                no_pr = "PixelRepresentation" not in self
                unsigned = (no_pr and "PixelData" not in self) or self.PixelRepresentation == 0
                rep = 0 if unsigned else 1
            elem.VR = "US" if rep == 0 else "SS"
            _reset_numbers(elem)
        elif tag in _AMBIGUOUS_OB_OW_TAGS:
            if self._implicit_vr:
                elem.VR = "OW"
            else:
                elem.VR = "OW" if self.WaveformBitsAllocated > 8 else "OB"
        elif tag == 0x00283006:
            if self.LUTDescriptor[0] == 1:
                elem.VR = "US"
                _reset_numbers(elem)
            else:
                elem.VR = "OW"
        elif tag in _OVERLAY_DATA_TAGS:
            elem.VR = "OW"

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
        tag = _KEYWORDS.get(name, -1)
        if tag == -1:
            tag = datadict.tag_for_keyword(name)
        if tag is not None:
            d = self.__dict__.get("_dict")
            elem = d.get(tag) if d is not None else None
            if elem is not None:
                if elem.__class__ is int:
                    elem = self._element(tag)
                return elem.value
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        tag = datadict.tag_for_keyword(name)
        if tag is not None:
            if tag in self._dict:
                self._element(tag).value = value
            else:
                vr = datadict.dictionary_VR(tag)
                self._dict[BaseTag(tag)] = DataElement(tag, vr, value)
        else:
            object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        tag = datadict.tag_for_keyword(name)
        if tag is not None and tag in self._dict:
            del self._dict[tag]
        elif name in self.__dict__:
            object.__delattr__(self, name)
        else:
            raise AttributeError(name)

    def __setitem__(self, key: Any, elem: Any) -> None:
        if not isinstance(elem, DataElement):
            raise TypeError("Dataset contents must be 'DataElement' instances.")
        tag = Tag(key)
        if tag != elem.tag:
            raise ValueError(f"'key' {tag} does not match the element's tag {elem.tag}")
        if tag.is_private:
            creator_tag = (tag & 0xFFFF0000) | (tag & 0xFFFF) >> 8
            if creator_tag != tag and creator_tag in self._dict:
                elem.private_creator = self._element(creator_tag).value
        self._dict[tag] = elem

    def __delitem__(self, key: Any) -> None:
        if isinstance(key, slice):
            for tag in self._slice_tags(key):
                del self._dict[tag]
            return
        try:
            del self._dict[Tag(key)]
        except Exception as exc:
            raise KeyError(key) from exc

    def __contains__(self, name: Any) -> bool:
        try:
            return Tag(name) in self._dict
        except TAG_ERRORS:
            return False

    def __len__(self) -> int:
        return len(self._dict)

    def __iter__(self) -> Iterator[DataElement]:
        for tag in sorted(self._dict):
            yield self._element(tag)

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if isinstance(other, Dataset):
            if sorted(self._dict) != sorted(other._dict):
                return False
            return all(self[t] == other[t] for t in self._dict)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def get(self, key: Any, default: Any = None) -> Any:
        if isinstance(key, str):
            try:
                return getattr(self, key)
            except AttributeError:
                return default
        try:
            tag = Tag(key)
        except TAG_ERRORS:
            return default
        if tag in self._dict:
            return self._element(tag)
        return default

    def get_item(self, key: Any, *, keep_deferred: bool = False) -> DataElement:
        return self[key]

    def keys(self) -> Any:
        return self._dict.keys()

    def values(self) -> list[DataElement]:
        return [self._element(t) for t in self._dict]

    def items(self) -> list[tuple[BaseTag, DataElement]]:
        return [(BaseTag(t), self._element(t)) for t in self._dict]

    def dir(self, *filters: str) -> list[str]:
        names = []
        for tag in self._dict:
            kw = datadict.keyword_for_tag(tag) if not BaseTag(tag).is_private else ""
            if kw and (not filters or any(f.lower() in kw.lower() for f in filters)):
                names.append(kw)
        return sorted(names)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.dir()))

    def add(self, data_element: DataElement) -> None:
        self[data_element.tag] = data_element

    def add_new(self, tag: Any, VR: str, value: Any) -> None:
        self.add(DataElement(tag, VR, value))

    def pop(self, key: Any, *args: Any) -> Any:
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
        tag = Tag(key)
        if tag in self:
            return self[tag]
        if not isinstance(default, DataElement):
            vr = datadict.dictionary_VR(tag)
            default = DataElement(tag, vr, default)
        self[tag] = default
        return default

    def update(self, d: Any) -> None:
        for key, value in dict(d).items():
            if isinstance(key, str):
                setattr(self, key, value)
            else:
                self[Tag(key)] = value

    def clear(self) -> None:
        self._dict.clear()

    def copy(self) -> Dataset:
        import copy

        return copy.copy(self)

    def _slice_tags(self, s: slice) -> list[int]:
        start = Tag(s.start) if s.start is not None else 0
        stop = Tag(s.stop) if s.stop is not None else 0x100000000
        tags = [t for t in sorted(self._dict) if start <= t < stop]
        return tags[:: s.step] if s.step else tags

    def _dataset_slice(self, s: slice) -> Dataset:
        new = Dataset()
        for tag in self._slice_tags(s):
            new._dict[tag] = self._element(tag)
        return new

    def group_dataset(self, group: int) -> Dataset:
        return self[(group, 0x0000) : (group + 1, 0x0000)]

    def data_element(self, name: str) -> DataElement | None:
        tag = datadict.tag_for_keyword(name)
        if tag is not None and tag in self._dict:
            return self[tag]
        return None

    def walk(
        self, callback: Callable[[Dataset, DataElement], None], recursive: bool = True
    ) -> None:
        for tag in sorted(self._dict):
            if tag not in self._dict:  # the callback may delete elements
                continue
            elem = self._element(tag)
            callback(self, elem)
            if recursive and elem.VR == "SQ" and tag in self._dict:
                for item in elem.value:
                    item.walk(callback)

    def iterall(self) -> Iterator[DataElement]:
        for elem in self:
            yield elem
            if elem.VR == "SQ":
                for item in elem.value:
                    yield from item.iterall()

    @property
    def is_little_endian(self) -> bool | None:
        return self._raw.little_endian if self._raw is not None else None

    @property
    def is_implicit_VR(self) -> bool | None:
        return self._implicit_vr

    @property
    def original_encoding(self) -> tuple[bool | None, bool | None]:
        return (self._implicit_vr, self.is_little_endian)

    # --- private blocks -------------------------------------------------------------

    def private_creators(self, group: int) -> list[str]:
        if group % 2 == 0:
            raise ValueError("Group must be an odd number")
        return [e.value for e in self[(group, 0x10) : (group, 0x100)]]

    # --- pixel data -----------------------------------------------------------------

    @property
    def pixel_array(self) -> Any:
        from .pixels.native import dataset_pixel_array

        return dataset_pixel_array(self)

    def to_pil(self, frame: int = 0, window: tuple[float, float] | None = None) -> Any:
        """Frame `frame` as a Pillow image (L or RGB), rendered as `pyrdicom.pixels.render`
        does. Pillow is only needed here."""
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
        (u)int8/16/32, float32/64 and bool arrays); see `pyrdicom.pixels.set_pixel_data`."""
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
        """Compress the pixel data in place (pydicom 3's method); see `pyrdicom.pixels.compress`."""
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
        method); see `pyrdicom.pixels.decompress`."""
        from .pixels.encoding import decompress

        decompress(self, as_rgb=as_rgb, generate_instance_uid=generate_instance_uid, **kwargs)

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
        pydicom 3's `save_as`; see `pyrdicom.filewriter.dcmwrite`."""
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
                use_little = little_endian if little_endian is not None else self.is_little_endian
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
        if file_meta:
            strings.append(f"{'Dataset.file_meta ':-<49}")
            strings.extend(indent_str + repr(elem) for elem in file_meta)
            strings.append("-" * 49)
        for elem in self:
            if elem.VR == "SQ":
                strings.append(
                    f"{indent_str}{elem.tag}  {elem.name}  {len(elem.value)} item(s) ---- "
                )
                if not top_level_only:
                    for item in elem.value:
                        strings.append(item._pretty_str(indent + 1))
                        strings.append(nested + "---------")
            else:
                strings.append(indent_str + repr(elem))
        return "\n".join(strings)

    def __str__(self) -> str:
        return self._pretty_str()

    def top(self) -> str:
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
        import json

        d = self.to_json_dict(bulk_data_threshold, bulk_data_element_handler, suppress_invalid_tags)
        if dump_handler is not None:
            return dump_handler(d)
        return json.dumps(d, sort_keys=True)

    @classmethod
    def from_json(cls, json_dataset: Any, bulk_data_uri_handler: Any = None) -> Dataset:
        from .jsonrep import dataset_from_json

        return dataset_from_json(cls, json_dataset, bulk_data_uri_handler)


def _reset_numbers(elem: DataElement) -> None:
    """pydicom sets a corrected element's value anew, so several numbers become a MultiValue."""
    if elem._raw is None:
        return  # a value set from Python keeps its numbers
    v = elem._raw.value(elem._idx, elem.VR)
    elem._value = MultiValue(_keep, v) if v.__class__ is list else v


class FileMetaDataset(Dataset):
    """The File Meta Information (group 0002)."""


class FileDataset(Dataset):
    """A Dataset read from a file: adds `preamble`, `file_meta` and `filename`."""

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
        object.__setattr__(self, "preamble", preamble)
        object.__setattr__(
            self, "file_meta", file_meta if file_meta is not None else FileMetaDataset()
        )
        object.__setattr__(self, "filename", _filename(filename_or_obj))
        object.__setattr__(self, "_implicit_vr", is_implicit_VR)

    @classmethod
    def _from_file(cls, raw: Any, src: Any) -> FileDataset:
        self = Dataset._from_raw.__func__(cls, raw, -1, None)  # type: ignore[attr-defined]
        self.__dict__["filename"] = _filename(src)
        return self

    # The file meta and preamble of a file read are made when first asked for.
    @property
    def file_meta(self) -> FileMetaDataset:
        d = self.__dict__
        meta = d.get("_file_meta")
        if meta is None:
            raw = d.get("_raw")
            if raw is None:
                meta = FileMetaDataset()
            else:
                meta = FileMetaDataset._from_raw(raw, -2, None)
                object.__setattr__(meta, "_implicit_vr", False)
            d["_file_meta"] = meta
        return meta

    @file_meta.setter
    def file_meta(self, value: FileMetaDataset) -> None:
        self.__dict__["_file_meta"] = value

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


def _filename(src: Any) -> str | None:
    if src.__class__ is str:
        return src
    if isinstance(src, str | os.PathLike):
        return os.fspath(src)
    if isinstance(src, io.IOBase | io.BufferedIOBase) or hasattr(src, "read"):
        name = getattr(src, "name", None)
        return name if isinstance(name, str) else None
    return None
