"""Pickling of data sets read from a file: the source bytes once, plus what changed since reading.

A data set read from a file is a view of a parsed source (`_core.RawFile`). Its pickle holds the
source bytes (once per pickle, however many data sets and items refer to them: the root data set
is pickled by reference from every other level) and, per level, only what Python changed: the
elements set, the tags deleted, the instance attributes. Unpickling parses the bytes again, which
gives the same element indices, so untouched elements stay lazy in the copy too.

Which level of the source a data set is: -1 the data set (the root, which carries the bytes),
-2 the file meta, n >= 0 the item whose index is n.
"""

from __future__ import annotations

import zlib
from typing import Any

from . import _core
from .valuerep import PersonName

# Instance attributes that are rebuilt on unpickling, or valid in one process only (caches, the
# file-like object a data set was read from: the pickle has its bytes).
_REBUILT = frozenset({"_dict", "_raw", "_level", "_pixel_cache", "buffer"})
# Values that cannot have changed in place: an element holding one whose `_raw` is still set
# (the value setter clears it) is as it was read.
_IMMUTABLE = (str, bytes, int, float, PersonName, type(None))
_MAX_COMPRESSED = 1 << 20


def reduce_dataset(ds: Any) -> tuple[Any, ...]:
    """`Dataset.__reduce_ex__`: a plain data set pickles its instance dict; one read from a file
    pickles as its level of the source plus its changes."""
    d = ds.__dict__
    raw = d.get("_raw")
    if raw is None:
        state = {k: v for k, v in d.items() if k != "_pixel_cache"}
        state["_dict"] = dict(d["_dict"])
        return (_new, (type(ds),), state)
    level = d["_level"]
    if level == -1:
        data = memoryview(raw)
        from .dataset import is_deflated, meta_end

        if is_deflated(raw):
            # The source holds the data set inflated: deflate it again for the parser.
            split = meta_end(raw)
            deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
            rest = deflate.compress(data[split:]) + deflate.flush()
        else:
            # The header (text, padding) is compressed, the pixel data kept as it is: the
            # pickle is smaller than the file at a small cost.
            split = min(len(data), _MAX_COMPRESSED)
            pixels = raw.level(-1).get(0x7FE00010)
            if pixels is not None:
                split = min(split, raw.info(pixels).offset)
            rest = bytes(data[split:])
        head = zlib.compress(data[:split], 1)
        args: tuple[Any, ...] = (type(ds), head, rest, d.get("_read_opts"))
        return (_rebuild_root, args, _changes(ds, raw, level))
    root = _root(ds, raw)
    if root is None:
        # Detached from the data set it was read with: pickle the elements themselves.
        state = {k: v for k, v in d.items() if k not in _REBUILT}
        state["_dict"] = {tag: ds._element(tag) for tag in d["_dict"]}
        return (_new, (type(ds),), state)
    return (_rebuild_level, (type(ds), root, level), _changes(ds, raw, level))


def _root(ds: Any, raw: Any) -> Any:
    """The data set at level -1 of `raw` that `ds` was reached from, if it still is."""
    node = ds
    while node is not None:
        nd = node.__dict__
        if nd.get("_raw") is raw and nd.get("_level") == -1:
            return node
        node = nd.get("_parent")
    return None


def _changes(ds: Any, raw: Any, level: int) -> tuple[dict, list, dict]:
    """What Python changed in `ds` since it was read: (attributes, deleted tags, elements)."""
    from .dataset import Dataset

    d = ds.__dict__
    parent = d.get("_parent")
    inherits = d.get("_inherits_pixel_rep", False)
    # Attributes as reading sets them are set again by unpickling.
    as_made = Dataset._from_raw.__func__(  # type: ignore[attr-defined]
        type(ds), raw, level, parent, inherits, d.get("_read_opts")
    ).__dict__
    attrs = {
        k: v
        for k, v in d.items()
        if k not in _REBUILT and (k not in as_made or as_made[k] is not v)
    }
    if "_preamble" in attrs and attrs["_preamble"] == raw.preamble:
        del attrs["_preamble"]
    as_read = as_made["_dict"]
    now = d["_dict"]
    gone = [t for t in as_read if t not in now]
    changed = {
        tag: elem
        for tag, elem in now.items()
        if elem.__class__ is not int and not _as_read(elem, raw, as_read.get(tag))
    }
    if level >= 0 and (attrs or gone or changed):
        # An item's place in the tree is not part of the source.
        attrs.update(_parent=parent, _inherits_pixel_rep=inherits)
    return (attrs, gone, changed)


def _as_read(elem: Any, raw: Any, idx: int | None) -> bool:
    """Whether `elem` is still the element `idx` of `raw`, as reading would make it again."""
    from .dataelem import DataElement, _element_from_raw

    if not isinstance(elem, DataElement) or elem._raw is not raw or elem._idx != idx:
        return False
    info = raw.info(idx)
    if info.vr != elem.VR:
        return False
    value = elem._value
    if value is DataElement._UNSET or isinstance(value, _IMMUTABLE):
        return True
    if elem.VR == "SQ":
        items = raw.value(idx) or []
        return len(value) == len(items) and all(
            item.__dict__.get("_raw") is raw
            and item.__dict__.get("_level") == i
            and not any(_changes(item, raw, i))
            for item, i in zip(value, items, strict=True)
        )
    # A list of values, possibly changed in place: compare with the value as read.
    fresh = _element_from_raw(raw, idx, None).value
    return type(fresh) is type(value) and bool(fresh == value)


def _new(cls: type) -> Any:
    return object.__new__(cls)


def _rebuild_root(cls: type, head: bytes, rest: bytes, opts: dict | None) -> Any:
    from .dataset import Dataset

    raw = _core.read(zlib.decompress(head) + rest, force=True, **(opts or {}))
    return Dataset._from_raw.__func__(cls, raw, -1, None)  # type: ignore[attr-defined]


def _rebuild_level(cls: type, root: Any, level: int) -> Any:
    from .dataset import Dataset

    return Dataset._from_raw.__func__(cls, root._raw, level, None)  # type: ignore[attr-defined]


def set_state(ds: Any, state: dict[str, Any] | tuple[dict, list, dict]) -> None:
    """`Dataset.__setstate__`, for both forms of `reduce_dataset` (a plain data set's dict, or
    the changes of one read from a file)."""
    d = ds.__dict__
    if isinstance(state, dict):
        d.update(state)
        return
    attrs, gone, changed = state
    d.update(attrs)
    now = d["_dict"]
    for tag in gone:
        del now[tag]
    for tag, elem in changed.items():
        now[tag] = elem
