"""DICOM tags: `Tag` and `BaseTag`, as in pydicom."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# What `Tag()` raises for something that is not a tag.
TAG_ERRORS = (TypeError, ValueError, OverflowError)


class BaseTag(int):
    """A tag as an int, ``(group << 16) | element``, shown as ``(gggg,eeee)``.

    Examples
    --------
    >>> from pyrdicom.tag import BaseTag
    >>> tag = BaseTag(0x00100010)
    >>> tag, tag.group, tag.element, tag.is_private
    ((0010,0010), 16, 16, False)
    """

    __slots__ = ()

    @property
    def group(self) -> int:
        return self >> 16

    @property
    def element(self) -> int:
        return self & 0xFFFF

    elem = element

    @property
    def is_private(self) -> bool:
        return self.group % 2 == 1

    @property
    def is_private_creator(self) -> bool:
        return self.is_private and 0x0010 <= self.element <= 0x00FF

    @property
    def private_creator(self) -> BaseTag:
        return BaseTag((self.group << 16) | (self.element >> 8))

    @property
    def json_key(self) -> str:
        return f"{self:08X}"

    def __str__(self) -> str:
        return f"({self.group:04X},{self.element:04X})"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, int):
            try:
                other = Tag(other)
            except Exception:
                return False
        return int(self) == int(other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, int):
            try:
                other = Tag(other)
            except Exception:
                raise TypeError("Cannot compare Tag with non-Tag item") from None
        return int(self) < int(other)

    def __le__(self, other: Any) -> bool:
        return self == other or self < other

    def __gt__(self, other: Any) -> bool:
        return not (self == other or self < other)

    def __ge__(self, other: Any) -> bool:
        return self == other or self > other

    __hash__ = int.__hash__


TagType = int | str | tuple
TagListType = list[int] | list[str] | list[tuple[int, int]] | list[BaseTag]


def _too_big(value: Any, what: str) -> OverflowError:
    return OverflowError(f"Unable to create an element tag from '{value}': {what}")


_MAX_4 = "the combined group and element values are limited to a maximum of 4-bytes"


def Tag(arg: Any, arg2: int | None = None) -> BaseTag:
    """A tag from an int, a (group, element) pair of ints or of hex strings, two ints, a hex
    string or a keyword. As pydicom: TypeError for mixed or other types, OverflowError above
    the 2-byte (group/element) or 4-byte limits, ValueError for negative values and unknown
    keywords.

    Parameters
    ----------
    arg : int, str, tuple of (int, int) or tuple of (str, str)
        The tag, a (group, element) pair, a hex string or a keyword; with `arg2`, the group.
    arg2 : int, optional
        The element, when `arg` is the group.

    Returns
    -------
    BaseTag

    Raises
    ------
    TypeError
        A pair of mixed types, or a value of another type (a float).
    OverflowError
        A group or element above 0xFFFF, or a tag above 0xFFFFFFFF.
    ValueError
        A negative value, a sequence that is not a pair, or an unknown keyword.

    Examples
    --------
    >>> from pyrdicom.tag import Tag
    >>> Tag("PatientName"), Tag(0x0010, 0x0010), Tag(("0010", "0010")), Tag(0x00100010)
    ((0010,0010), (0010,0010), (0010,0010), (0010,0010))
    """
    if isinstance(arg, BaseTag):
        return arg
    if arg2 is not None:
        arg = (arg, arg2)
    if isinstance(arg, tuple | list):
        if len(arg) != 2:
            raise ValueError("Tag must be an int or a 2-tuple")
        group, element = arg
        if isinstance(group, str) and isinstance(element, str):
            group, element = int(group, 16), int(element, 16)
        elif not (isinstance(group, int) and isinstance(element, int)):
            raise TypeError(
                f"Unable to create an element tag from '{arg}': both arguments must be the "
                "same type and str or int"
            )
        if group > 0xFFFF or element > 0xFFFF:
            raise _too_big(
                arg, "the group and element values are limited to a maximum of 2-bytes each"
            )
        value = (group << 16) | element
    elif isinstance(arg, str):
        try:
            value = int(arg, 16)
        except ValueError:
            from .datadict import tag_for_keyword

            found = tag_for_keyword(arg)
            if found is None:
                raise ValueError(
                    f"Unable to create an element tag from '{arg}': unknown DICOM element "
                    "keyword or an invalid int"
                ) from None
            value = found
        else:
            if value > 0xFFFFFFFF:
                raise _too_big(value, _MAX_4)
    elif isinstance(arg, int):
        value = arg
        if value > 0xFFFFFFFF:
            raise _too_big(value, _MAX_4)
    else:
        # pydicom truncates a float (Tag(1.5) is (0000,0001)): refused here (docs/compat.md)
        raise TypeError(f"Unable to create an element tag from '{arg!r}'")
    if value < 0:
        raise ValueError(f"Unable to create an element tag from '{value}': tags must be positive")
    return BaseTag(value)


def TupleTag(group_elem: tuple[int, int]) -> BaseTag:
    """The tag of a (group, element) pair (no checks).

    Parameters
    ----------
    group_elem : tuple of (int, int)
        The group and the element.

    Returns
    -------
    BaseTag

    Examples
    --------
    >>> from pyrdicom.tag import TupleTag
    >>> TupleTag((0x0028, 0x0010))
    (0028,0010)
    """
    return BaseTag(group_elem[0] << 16 | group_elem[1])


@contextmanager
def tag_in_exception(tag: BaseTag) -> Iterator[None]:
    """Re-raise an exception raised inside the block as the same type, its message naming
    `tag` (with the traceback).

    Parameters
    ----------
    tag : BaseTag
        The tag the block works on.

    Yields
    ------
    None

    Raises
    ------
    Exception
        What the block raised, of the same type, its message prefixed with the tag.

    Examples
    --------
    >>> from pyrdicom.tag import Tag, tag_in_exception
    >>> try:
    ...     with tag_in_exception(Tag("PatientName")):
    ...         raise ValueError("bad value")
    ... except ValueError as exc:
    ...     print(str(exc).splitlines()[0])
    With tag (0010,0010) got exception: bad value
    """
    try:
        yield
    except Exception as exc:
        raise type(exc)(f"With tag {tag} got exception: {exc}\n{traceback.format_exc()}") from exc


ItemTag = BaseTag(0xFFFEE000)
ItemDelimiterTag = BaseTag(0xFFFEE00D)
SequenceDelimiterTag = BaseTag(0xFFFEE0DD)
TAG_PIXREP = BaseTag(0x00280103)
TAG_CHARSET = BaseTag(0x00080005)
# The first value of these LUT descriptors is unsigned even when the VR is SS (PS3.3 C.7.6.3.1.5,
# C.11.1, C.11.2).
_LUT_DESCRIPTOR_TAGS = (0x00281101, 0x00281102, 0x00281103, 0x00283002)
