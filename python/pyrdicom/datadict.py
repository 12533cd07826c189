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
# The same tags as `BaseTag`s (`_keyword_tag`): the elements `Dataset.Keyword` makes share them.
_KEYWORD_TAGS: dict[str, BaseTag | None] = {}
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
    """Add (or replace) a public dictionary entry for this run (see `add_dict_entries`).

    Parameters
    ----------
    tag : int
        The tag (an even group).
    VR : str
        Its VR.
    keyword : str
        Its keyword (a Dataset attribute from now on).
    description : str
        Its name.
    VM : str
        Its value multiplicity ("1", "1-n", ...).
    is_retired : str
        "Retired" when it is, else "".

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.datadict import add_dict_entry
    >>> add_dict_entry(0x10021001, "UL", "TestOne", "Test One")
    >>> ds = Dataset()
    >>> ds.TestOne = 42
    >>> ds[0x10021001].VR
    'UL'
    """
    add_dict_entries({tag: (VR, VM, description, is_retired, keyword)})


def add_dict_entries(new_entries_dict: dict[int, Entry]) -> None:
    """Add (or replace) public dictionary entries ``{tag: (VR, VM, name, is_retired,
    keyword)}`` for this run; their keywords work as Dataset attributes.

    Parameters
    ----------
    new_entries_dict : dict
        ``{tag: (VR, VM, name, is_retired, keyword)}``.

    Raises
    ------
    ValueError
        A private tag (use `add_private_dict_entries`).

    Examples
    --------
    >>> from pyrdicom.datadict import add_dict_entries, dictionary_VR
    >>> add_dict_entries({0x10021002: ("DS", "3", "Test Two", "", "TestTwo")})
    >>> dictionary_VR("TestTwo")
    'DS'
    """
    if any(BaseTag(tag).is_private for tag in new_entries_dict):
        raise ValueError(
            'Private tags cannot be added using "add_dict_entries" - use '
            '"add_private_dict_entries" instead'
        )
    _added.update(new_entries_dict)
    _KEYWORDS.update({entry[4]: tag for tag, entry in new_entries_dict.items()})
    _KEYWORD_TAGS.update({entry[4]: BaseTag(tag) for tag, entry in new_entries_dict.items()})
    loaded = sys.modules.get(f"{__package__}._dicom_dict")
    if loaded is not None:
        loaded.DicomDictionary.update(new_entries_dict)


def add_private_dict_entry(
    private_creator: str, tag: int, VR: str, description: str, VM: str = "1"
) -> None:
    """Add (or replace) a private dictionary entry (see `add_private_dict_entries`).

    Parameters
    ----------
    private_creator : str
        The private creator the entry belongs to.
    tag : int
        The private tag (its block byte is ignored).
    VR : str
        Its VR.
    description : str
        Its name.
    VM : str
        Its value multiplicity.

    Examples
    --------
    >>> from pyrdicom.datadict import add_private_dict_entry, private_dictionary_VR
    >>> add_private_dict_entry("ACME 1.1", 0x00410001, "DS", "Test Private Value")
    >>> private_dictionary_VR(0x00411001, "ACME 1.1")
    'DS'
    """
    add_private_dict_entries(private_creator, {tag: (VR, VM, description, "")})


def add_private_dict_entries(
    private_creator: str, new_entries_dict: dict[int, PrivateEntry]
) -> None:
    """Add (or replace) private dictionary entries ``{tag: (VR, VM, name, is_retired)}`` of
    `private_creator` for this run; the block byte of each tag is ignored ("ggggxxee").

    Parameters
    ----------
    private_creator : str
        The private creator the entries belong to.
    new_entries_dict : dict
        ``{tag: (VR, VM, name, is_retired)}``.

    Raises
    ------
    ValueError
        A tag that is not private (use `add_dict_entries`).

    Examples
    --------
    >>> from pyrdicom.datadict import add_private_dict_entries, private_dictionary_VM
    >>> add_private_dict_entries("ACME 1.1", {0x00410002: ("US", "1-n", "Test Counts", "")})
    >>> private_dictionary_VM(0x00411002, "ACME 1.1")
    '1-n'
    """
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

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    tuple of (str, str, str, str, str)

    Raises
    ------
    KeyError
        The tag is not in the dictionary.

    Examples
    --------
    >>> from pyrdicom.datadict import get_entry
    >>> get_entry("PatientName")
    ('PN', '1', "Patient's Name", '', 'PatientName')
    """
    tag = Tag(tag)
    entry = _core_entry(tag)
    if entry is None:
        raise KeyError(f"Tag {tag} not found in DICOM dictionary")
    return entry


def dictionary_has_tag(tag: Any) -> bool:
    """Whether `tag` (a tag or keyword) has an entry of its own (repeating groups excluded).

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.datadict import dictionary_has_tag
    >>> dictionary_has_tag(0x00100010), dictionary_has_tag(0x60000010)
    (True, False)
    """
    try:
        return _core_entry(Tag(tag), exact=True) is not None
    except Exception:
        return False


def dictionary_VR(tag: Any) -> str:
    """The VR of a tag in the dictionary (repeating groups included).

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        The tag is not in the dictionary.

    Examples
    --------
    >>> from pyrdicom.datadict import dictionary_VR
    >>> dictionary_VR(0x00280010), dictionary_VR("PixelSpacing")
    ('US', 'DS')
    """
    return get_entry(tag)[0]


def _dictionary_vr_fast(tag: int) -> str:
    """`dictionary_VR` of an int tag, without conversion."""
    entry = _core_entry(tag)
    if entry is None:
        raise KeyError(f"Tag {Tag(tag)} not found in DICOM dictionary")
    return entry[0]


def dictionary_VM(tag: Any) -> str:
    """The value multiplicity of a tag in the dictionary.

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        The tag is not in the dictionary.

    Examples
    --------
    >>> from pyrdicom.datadict import dictionary_VM
    >>> dictionary_VM("PixelSpacing")
    '2'
    """
    return get_entry(tag)[1]


def dictionary_description(tag: Any) -> str:
    """The name of a tag in the dictionary.

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        The tag is not in the dictionary.

    Examples
    --------
    >>> from pyrdicom.datadict import dictionary_description
    >>> dictionary_description(0x00280030)
    'Pixel Spacing'
    """
    return get_entry(tag)[2]


def dictionary_is_retired(tag: Any) -> bool:
    """Whether a tag is retired from the standard.

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    bool

    Raises
    ------
    KeyError
        The tag is not in the dictionary.

    Examples
    --------
    >>> from pyrdicom.datadict import dictionary_is_retired
    >>> dictionary_is_retired(0x00080040), dictionary_is_retired("PatientName")
    (True, False)
    """
    return "retired" in get_entry(tag)[3].lower()


def dictionary_keyword(tag: Any) -> str:
    """The keyword of a tag in the dictionary.

    Parameters
    ----------
    tag : tag or keyword
        Anything `Tag` accepts.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        The tag is not in the dictionary.

    Examples
    --------
    >>> from pyrdicom.datadict import dictionary_keyword
    >>> dictionary_keyword(0x00100010)
    'PatientName'
    """
    return get_entry(tag)[4]


def keyword_for_tag(tag: Any) -> str:
    """The keyword of a tag, or '' if it has none.

    Parameters
    ----------
    tag : tag
        Anything `Tag` accepts.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.datadict import keyword_for_tag
    >>> keyword_for_tag(0x00100020), keyword_for_tag(0x00111001)
    ('PatientID', '')
    """
    try:
        entry = _core_entry(Tag(tag))
    except Exception:
        return ""
    return entry[4] if entry else ""


def tag_for_keyword(keyword: str) -> int | None:
    """The tag of a dictionary keyword, or None.

    Parameters
    ----------
    keyword : str
        A keyword.

    Returns
    -------
    int or None

    Examples
    --------
    >>> from pyrdicom.datadict import tag_for_keyword
    >>> hex(tag_for_keyword("PatientID")), tag_for_keyword("NotAKeyword")
    ('0x100020', None)
    """
    try:
        return _KEYWORDS[keyword]
    except KeyError:
        tag = _KEYWORDS[keyword] = _core.tag_for_keyword(keyword)
        return tag


def _keyword_tag(keyword: str) -> BaseTag | None:
    """`tag_for_keyword` as a `BaseTag`, one object per keyword."""
    try:
        return _KEYWORD_TAGS[keyword]
    except KeyError:
        tag = tag_for_keyword(keyword)
        found = _KEYWORD_TAGS[keyword] = None if tag is None else BaseTag(tag)
        return found


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
    """The repeating-group pattern (such as "60xx0010") that `tag` matches, or None.

    Parameters
    ----------
    tag : int
        The tag.

    Returns
    -------
    str or None

    Examples
    --------
    >>> from pyrdicom.datadict import mask_match
    >>> mask_match(0x60020010), mask_match(0x00100010)
    ('60xx0010', None)
    """
    for mask, masked, pattern in _repeater_masks():
        if tag & mask == masked:
            return pattern
    return None


def repeater_has_tag(tag: int) -> bool:
    """Whether `tag` matches a repeating-group entry (such as (60xx,0010)).

    Parameters
    ----------
    tag : int
        The tag.

    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.datadict import repeater_has_tag
    >>> repeater_has_tag(0x60023000)
    True
    """
    return mask_match(tag) is not None


def repeater_has_keyword(keyword: str) -> bool:
    """Whether `keyword` is the keyword of a repeating-group entry.

    Parameters
    ----------
    keyword : str
        A keyword.

    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.datadict import repeater_has_keyword
    >>> repeater_has_keyword("OverlayData"), repeater_has_keyword("PatientName")
    (True, False)
    """
    return any(e[4] == keyword for _, e in _repeaters())


def get_private_entry(tag: Any, private_creator: str) -> PrivateEntry:
    """(VR, VM, name, is_retired) of a private tag under its creator: the keys "ggggeeee",
    "ggggxxee" and "ggxxxxee" are tried in that order.

    Parameters
    ----------
    tag : tag
        The private tag.
    private_creator : str
        Its private creator.

    Returns
    -------
    tuple of (str, str, str, str)

    Raises
    ------
    KeyError
        An unknown creator or tag, or a creator that is not a string.

    Examples
    --------
    >>> from pyrdicom.datadict import get_private_entry
    >>> get_private_entry(0x00291008, "SIEMENS CSA HEADER")
    ('CS', '1', 'CSA Image Header Type', '')
    """
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
    """The VR of a private tag under its creator.

    Parameters
    ----------
    tag : tag
        The private tag.
    private_creator : str
        Its private creator.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        An unknown creator or tag.

    Examples
    --------
    >>> from pyrdicom.datadict import private_dictionary_VR
    >>> private_dictionary_VR(0x00291008, "SIEMENS CSA HEADER")
    'CS'
    """
    return get_private_entry(tag, private_creator)[0]


def private_dictionary_VM(tag: Any, private_creator: str) -> str:
    """The value multiplicity of a private tag under its creator.

    Parameters
    ----------
    tag : tag
        The private tag.
    private_creator : str
        Its private creator.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        An unknown creator or tag.

    Examples
    --------
    >>> from pyrdicom.datadict import private_dictionary_VM
    >>> private_dictionary_VM(0x00291008, "SIEMENS CSA HEADER")
    '1'
    """
    return get_private_entry(tag, private_creator)[1]


def private_dictionary_description(tag: Any, private_creator: str) -> str:
    """The name of a private tag under its creator.

    Parameters
    ----------
    tag : tag
        The private tag.
    private_creator : str
        Its private creator.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        An unknown creator or tag.

    Examples
    --------
    >>> from pyrdicom.datadict import private_dictionary_description
    >>> private_dictionary_description(0x00291008, "SIEMENS CSA HEADER")
    'CSA Image Header Type'
    """
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
