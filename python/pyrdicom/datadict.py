"""Data dictionary lookups (PS3.6), backed by the generated table in the Rust core, plus the
entries added at run time (`add_dict_entries`, `add_private_dict_entries`), as pydicom.datadict.

pydicom's tables as Python dicts (`DicomDictionary`, `RepeatersDictionary`, `keyword_dict`,
`private_dictionaries`) are built on first use only.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from . import _core
from .misc import warn_and_log
from .tag import BaseTag, Tag

Entry = tuple[str, str, str, str, str]
PrivateEntry = tuple[str, str, str, str]

_KEYWORDS: dict[str, int | None] = {}
# Entries added at run time: tag -> entry; creator -> {pattern: entry}.
_added: dict[int, Entry] = {}
_added_private: dict[str, dict[str, PrivateEntry]] = {}


def __getattr__(name: str) -> Any:
    # pydicom's module-level tables, built when first asked for
    if name in ("DicomDictionary", "RepeatersDictionary"):
        from . import _dicom_dict

        return getattr(_dicom_dict, name)
    if name == "private_dictionaries":
        from ._private_dict import private_dictionaries

        return private_dictionaries
    if name == "keyword_dict":
        from ._dicom_dict import DicomDictionary

        return {e[4]: tag for tag, e in DicomDictionary.items()}
    if name == "REPEATER_KEYWORDS":
        return [e[4] for _, e in _repeaters()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _entry(found: _core.DictEntry) -> Entry:
    retired = "Retired" if found.retired else ""
    return (found.vr, found.vm, found.name, retired, found.keyword)


def _core_entry(tag: int, exact: bool = False) -> Entry | None:
    """The added entry of `tag`, else the core's (repeating groups too unless `exact`)."""
    entry = _added.get(tag)
    if entry is not None:
        return entry
    found = (_core.dict_entry_exact if exact else _core.dict_entry)(tag)
    return None if found is None else _entry(found)


def add_dict_entry(
    tag: int, VR: str, keyword: str, description: str, VM: str = "1", is_retired: str = ""
) -> None:
    """Add (or replace) a public dictionary entry for this run (see `add_dict_entries`)."""
    add_dict_entries({tag: (VR, VM, description, is_retired, keyword)})


def add_dict_entries(new_entries_dict: dict[int, Entry]) -> None:
    """Add (or replace) public dictionary entries ``{tag: (VR, VM, name, is_retired,
    keyword)}`` for this run; their keywords work as Dataset attributes.

    Raises ValueError for private tags (use `add_private_dict_entries`)."""
    if any(BaseTag(tag).is_private for tag in new_entries_dict):
        raise ValueError(
            'Private tags cannot be added using "add_dict_entries" - use '
            '"add_private_dict_entries" instead'
        )
    _added.update(new_entries_dict)
    _KEYWORDS.update({entry[4]: tag for tag, entry in new_entries_dict.items()})
    loaded = sys.modules.get(f"{__package__}._dicom_dict")
    if loaded is not None:
        loaded.DicomDictionary.update(new_entries_dict)


def add_private_dict_entry(
    private_creator: str, tag: int, VR: str, description: str, VM: str = "1"
) -> None:
    """Add (or replace) a private dictionary entry (see `add_private_dict_entries`)."""
    add_private_dict_entries(private_creator, {tag: (VR, VM, description, "")})


def add_private_dict_entries(
    private_creator: str, new_entries_dict: dict[int, PrivateEntry]
) -> None:
    """Add (or replace) private dictionary entries ``{tag: (VR, VM, name, is_retired)}`` of
    `private_creator` for this run; the block byte of each tag is ignored ("ggggxxee").

    Raises ValueError for non-private tags (use `add_dict_entries`)."""
    if not all(BaseTag(tag).is_private for tag in new_entries_dict):
        raise ValueError(
            "Non-private tags cannot be added using 'add_private_dict_entries()' - use "
            "'add_dict_entries()' instead"
        )
    entries = {f"{tag >> 16:04X}xx{tag & 0xFF:02X}": v for tag, v in new_entries_dict.items()}
    _private_table().setdefault(private_creator, {}).update(entries)
    # also here when the table is pydicom's dict: tells the reader that entries were added
    _added_private.setdefault(private_creator, {}).update(entries)


def _private_table() -> dict[str, dict[str, PrivateEntry]]:
    """Where private entries are looked up first: pydicom's `private_dictionaries` once it has
    been imported (code may edit it), else the entries added at run time."""
    loaded = sys.modules.get(f"{__package__}._private_dict")
    return _added_private if loaded is None else loaded.private_dictionaries


def _added_vr(tag: int, ds: Any) -> str | None:
    """The VR that an entry added at run time gives an element the core read as UN (pydicom's
    reader sees added entries): public ones by tag, private ones under the element's creator
    in `ds`."""
    if not tag >> 16 & 1:
        entry = _added.get(tag)
        return entry[0] if entry else None
    if ds is None or not tag & 0xFF00:
        return None
    creator = ds.get((tag >> 16) << 16 | (tag & 0xFFFF) >> 8)
    if creator is None or not isinstance(creator.value, str):
        return None
    try:
        return get_private_entry(tag, creator.value)[0]
    except KeyError:
        return None


def get_entry(tag: Any) -> Entry:
    """(VR, VM, name, is_retired, keyword) of a tag, repeating groups included.

    Raises KeyError for unknown tags."""
    tag = Tag(tag)
    entry = _core_entry(tag)
    if entry is None:
        raise KeyError(f"Tag {tag} not found in DICOM dictionary")
    return entry


def dictionary_has_tag(tag: Any) -> bool:
    """Whether `tag` (a tag or keyword) has an entry of its own (repeating groups excluded)."""
    try:
        return _core_entry(Tag(tag), exact=True) is not None
    except Exception:
        return False


def dictionary_VR(tag: Any) -> str:
    return get_entry(tag)[0]


def _dictionary_vr_fast(tag: int) -> str:
    """`dictionary_VR` of an int tag, without conversion."""
    entry = _core_entry(tag)
    if entry is None:
        raise KeyError(f"Tag {Tag(tag)} not found in DICOM dictionary")
    return entry[0]


def dictionary_VM(tag: Any) -> str:
    return get_entry(tag)[1]


def dictionary_description(tag: Any) -> str:
    return get_entry(tag)[2]


def dictionary_is_retired(tag: Any) -> bool:
    return "retired" in get_entry(tag)[3].lower()


def dictionary_keyword(tag: Any) -> str:
    return get_entry(tag)[4]


def keyword_for_tag(tag: Any) -> str:
    """The keyword of a tag, or '' if it has none."""
    try:
        entry = _core_entry(Tag(tag))
    except Exception:
        return ""
    return entry[4] if entry else ""


def tag_for_keyword(keyword: str) -> int | None:
    """The tag of a dictionary keyword, or None."""
    try:
        return _KEYWORDS[keyword]
    except KeyError:
        tag = _KEYWORDS[keyword] = _core.tag_for_keyword(keyword)
        return tag


@functools.cache
def _repeaters() -> list[tuple[str, Entry]]:
    return [(p, _entry(e)) for p, e in _core.repeater_entries()]


@functools.cache
def _repeater_masks() -> list[tuple[int, int, str]]:
    """(mask, masked tag, pattern) of each repeating-group entry, in pydicom's order."""
    return [
        (
            int("".join("0" if c == "x" else "F" for c in p), 16),
            int(p.replace("x", "0"), 16),
            p,
        )
        for p, _ in _repeaters()
    ]


def mask_match(tag: int) -> str | None:
    """The repeating-group pattern (such as "60xx0010") that `tag` matches, or None."""
    for mask, masked, pattern in _repeater_masks():
        if tag & mask == masked:
            return pattern
    return None


def repeater_has_tag(tag: int) -> bool:
    """Whether `tag` matches a repeating-group entry (such as (60xx,0010))."""
    return mask_match(tag) is not None


def repeater_has_keyword(keyword: str) -> bool:
    """Whether `keyword` is the keyword of a repeating-group entry."""
    return any(e[4] == keyword for _, e in _repeaters())


def get_private_entry(tag: Any, private_creator: str) -> PrivateEntry:
    """(VR, VM, name, is_retired) of a private tag under its creator: the keys "ggggeeee",
    "ggggxxee" and "ggxxxxee" are tried in that order.

    Raises KeyError for unknown creators and tags."""
    tag = Tag(tag)
    if not isinstance(private_creator, str):
        msg = f"{tag.private_creator} '{private_creator}' is not a valid private creator"
        warn_and_log(msg)
        raise KeyError(msg)
    table = _private_table()
    own = table.get(private_creator) or {}
    group, elem = f"{tag.group:04X}", f"{tag.element:04X}"
    for key in (group + elem, f"{group}xx{elem[2:]}", f"{group[:2]}xxxx{elem[2:]}"):
        if key in own:
            return own[key]
    if table is _added_private:
        entry = _core.private_entry(private_creator, tag)
        if entry is not None:
            return (entry.vr, entry.vm, entry.name, "R" if entry.retired else "")
    raise KeyError(f"Tag '{tag}' not in private dictionary for private creator '{private_creator}'")


def private_dictionary_VR(tag: Any, private_creator: str) -> str:
    return get_private_entry(tag, private_creator)[0]


def private_dictionary_VM(tag: Any, private_creator: str) -> str:
    return get_private_entry(tag, private_creator)[1]


def private_dictionary_description(tag: Any, private_creator: str) -> str:
    return get_private_entry(tag, private_creator)[2]


__all__ = [
    "BaseTag",
    "add_dict_entries",
    "add_dict_entry",
    "add_private_dict_entries",
    "add_private_dict_entry",
    "dictionary_VM",
    "dictionary_VR",
    "dictionary_description",
    "dictionary_has_tag",
    "dictionary_is_retired",
    "dictionary_keyword",
    "get_entry",
    "get_private_entry",
    "keyword_for_tag",
    "mask_match",
    "private_dictionary_VM",
    "private_dictionary_VR",
    "private_dictionary_description",
    "repeater_has_keyword",
    "repeater_has_tag",
    "tag_for_keyword",
]
