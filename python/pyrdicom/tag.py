"""DICOM tags: `Tag` and `BaseTag`, as in pydicom."""

from __future__ import annotations

from typing import Any

# What `Tag()` raises for something that is not a tag.
TAG_ERRORS = (TypeError, ValueError, OverflowError)


class BaseTag(int):
    """A tag as an int, ``(group << 16) | element``, shown as ``(gggg,eeee)``."""

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
            except TAG_ERRORS:
                return False
        return int(self) == int(other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __lt__(self, other: Any) -> bool:
        return int(self) < int(Tag(other))

    def __le__(self, other: Any) -> bool:
        return int(self) <= int(Tag(other))

    def __gt__(self, other: Any) -> bool:
        return int(self) > int(Tag(other))

    def __ge__(self, other: Any) -> bool:
        return int(self) >= int(Tag(other))

    __hash__ = int.__hash__


TagType = int | str | tuple


def Tag(arg: Any, arg2: int | None = None) -> BaseTag:
    """Build a tag from an int, a (group, element) pair, two ints, a keyword or a hex string."""
    if arg2 is not None:
        arg = (arg, arg2)
    if isinstance(arg, BaseTag):
        return arg
    if isinstance(arg, tuple | list):
        if len(arg) != 2:
            raise ValueError("Tag must be an int or a 2-tuple")
        group, element = arg
        if isinstance(group, str):
            group = int(group, 16)
        if isinstance(element, str):
            element = int(element, 16)
        if not (0 <= group <= 0xFFFF and 0 <= element <= 0xFFFF):
            raise OverflowError("Groups and elements of tags must each be <=2 byte integers")
        return BaseTag((group << 16) | element)
    if isinstance(arg, str):
        from .datadict import tag_for_keyword

        tag = tag_for_keyword(arg)
        if tag is None:
            try:
                tag = int(arg, 16)
            except ValueError:
                raise ValueError(
                    f"Unable to create an element tag from '{arg}': unknown keyword"
                ) from None
        arg = tag
    if not isinstance(arg, int):
        raise TypeError(f"Unable to create an element tag from '{arg!r}'")
    if not 0 <= arg <= 0xFFFFFFFF:
        raise OverflowError(f"Tags must be within [0x00000000, 0xFFFFFFFF], not {arg:#x}")
    return BaseTag(arg)


ItemTag = BaseTag(0xFFFEE000)
ItemDelimiterTag = BaseTag(0xFFFEE00D)
SequenceDelimiterTag = BaseTag(0xFFFEE0DD)
