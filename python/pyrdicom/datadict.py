"""Data dictionary lookups (PS3.6), backed by the generated table in the Rust core."""

from __future__ import annotations

from typing import Any

from . import _core
from .tag import BaseTag, Tag

_KEYWORDS: dict[str, int | None] = {}


def tag_for_keyword(keyword: str) -> int | None:
    """The tag of a dictionary keyword, or None."""
    try:
        return _KEYWORDS[keyword]
    except KeyError:
        tag = _KEYWORDS[keyword] = _core.tag_for_keyword(keyword)
        return tag


def get_entry(tag: Any) -> tuple[str, str, str, str, str]:
    """(VR, VM, name, is_retired, keyword) of a tag, repeating groups included."""
    tag = Tag(tag)
    entry = _core.dict_entry(tag)
    if entry is None:
        if tag.element == 0 and not tag.is_private:
            return ("UL", "1", "Group Length", "", "GroupLength")
        raise KeyError(f"Tag {tag} not found in DICOM dictionary")
    retired = "Retired" if entry.retired else ""
    return (entry.vr, entry.vm, entry.name, retired, entry.keyword)


def dictionary_has_tag(tag: Any) -> bool:
    return _core.dict_entry_exact(Tag(tag)) is not None


def dictionary_VR(tag: Any) -> str:
    entry = _core.dict_entry(Tag(tag))
    if entry is None:
        raise KeyError(f"Tag {Tag(tag)} not found in DICOM dictionary")
    return entry.vr


def dictionary_VM(tag: Any) -> str:
    return get_entry(tag)[1]


def dictionary_description(tag: Any) -> str:
    return get_entry(tag)[2]


def dictionary_is_retired(tag: Any) -> bool:
    return bool(get_entry(tag)[3])


def dictionary_keyword(tag: Any) -> str:
    return get_entry(tag)[4]


def keyword_for_tag(tag: Any) -> str:
    """The keyword of a tag, or '' if it has none."""
    entry = _core.dict_entry(Tag(tag))
    return entry.keyword if entry else ""


def get_private_entry(tag: Any, private_creator: str) -> tuple[str, str, str, str]:
    """(VR, VM, name, is_retired) of a private tag under its creator."""
    tag = Tag(tag)
    entry = _core.private_entry(private_creator, tag)
    if entry is None:
        raise KeyError(f"Private tag {tag} not found in DICOM dictionary")
    return (entry.vr, entry.vm, entry.name, "Retired" if entry.retired else "")


def private_dictionary_VR(tag: Any, private_creator: str) -> str:
    return get_private_entry(tag, private_creator)[0]


def private_dictionary_VM(tag: Any, private_creator: str) -> str:
    return get_private_entry(tag, private_creator)[1]


def private_dictionary_description(tag: Any, private_creator: str) -> str:
    return get_private_entry(tag, private_creator)[2]


__all__ = [
    "BaseTag",
    "dictionary_VM",
    "dictionary_VR",
    "dictionary_description",
    "dictionary_has_tag",
    "dictionary_is_retired",
    "dictionary_keyword",
    "get_entry",
    "get_private_entry",
    "keyword_for_tag",
    "private_dictionary_VM",
    "private_dictionary_VR",
    "private_dictionary_description",
    "tag_for_keyword",
]
