"""`MultiValue`, the list type of multi-valued elements (items converted on the way in), and its
base `ConstrainedList`, as in pydicom."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableSequence
from typing import Any, TypeVar

T = TypeVar("T")


class ConstrainedList(MutableSequence[T]):
    """A list whose items all pass `_validate` (which subclasses define) on the way in.


    Parameters
    ----------
    iterable : iterable, optional
        The items.

    Examples
    --------
    >>> from pyrdicom.multival import MultiValue
    >>> values = MultiValue(int, ["1", "2"])  # a ConstrainedList that converts
    >>> values.append("3")
    >>> values
    [1, 2, 3]
    """

    def __init__(self, iterable: Iterable[T] | None = None) -> None:
        self._list: list[T] = [] if iterable is None else [self._validate(v) for v in iterable]

    def _validate(self, item: Any) -> T:
        raise NotImplementedError(f"'{type(self).__name__}._validate()' must be implemented")

    def append(self, item: T) -> None:
        """Add `item` at the end (validated first).

        Parameters
        ----------
        item : object
            The item.

        Examples
        --------
        >>> from pyrdicom.multival import MultiValue
        >>> values = MultiValue(int, ["1"])
        >>> values.append("2")
        >>> values
        [1, 2]
        """
        self._list.append(self._validate(item))

    def extend(self, val: Iterable[T]) -> None:
        """Add the items of `val` at the end (each validated first).

        Parameters
        ----------
        val : iterable
            The items.

        Raises
        ------
        TypeError
            `val` is not iterable.

        Examples
        --------
        >>> from pyrdicom.multival import MultiValue
        >>> values = MultiValue(int, ["1"])
        >>> values.extend(["2", "3"])
        >>> values
        [1, 2, 3]
        """
        if not hasattr(val, "__iter__"):
            raise TypeError("An iterable is required")
        self._list.extend([self._validate(v) for v in val])

    def __iadd__(self, other: Iterable[T]) -> ConstrainedList[T]:
        self.extend(other)
        return self

    def insert(self, position: int, item: T) -> None:
        """Insert `item` (validated first) before `position`.

        Parameters
        ----------
        position : int
            The position.
        item : object
            The item.

        Examples
        --------
        >>> from pyrdicom.multival import MultiValue
        >>> values = MultiValue(int, ["2"])
        >>> values.insert(0, "1")
        >>> values
        [1, 2]
        """
        self._list.insert(position, self._validate(item))

    def __getitem__(self, index: Any) -> Any:
        return self._list[index]

    def __setitem__(self, index: Any, val: Any) -> None:
        if isinstance(index, slice):
            self._list[index] = [self._validate(v) for v in val]
        else:
            self._list[index] = self._validate(val)

    def __delitem__(self, index: Any) -> None:
        del self._list[index]

    def __len__(self) -> int:
        return len(self._list)

    def __iter__(self) -> Iterator[T]:
        return iter(self._list)

    def __eq__(self, other: object) -> bool:
        return self._list == other

    def __ne__(self, other: object) -> bool:
        return self._list != other

    __hash__ = None  # type: ignore[assignment]


class MultiValue(ConstrainedList[T]):
    """A list whose items are all passed through `type_constructor`, as in pydicom.


    Parameters
    ----------
    type_constructor : callable
        Makes each item (``int``, ``DSfloat``, ``PersonName``, ...).
    iterable : iterable
        The items.
    validation_mode : int, optional
        How invalid values are handled.

    Examples
    --------
    >>> from pyrdicom.multival import MultiValue
    >>> from pyrdicom.valuerep import DSfloat
    >>> MultiValue(DSfloat, ["0.5", "1.5"])
    [0.5, 1.5]
    """

    def __init__(
        self,
        type_constructor: Callable[[Any], T],
        iterable: Iterable[Any],
        validation_mode: int | None = None,
    ) -> None:
        self._constructor = type_constructor
        # items that already have the type are kept (the reader's values are)
        self._list = [v if type(v) is type_constructor else type_constructor(v) for v in iterable]

    @property
    def type_constructor(self) -> Callable[[Any], T]:
        return self._constructor

    def _validate(self, item: Any) -> T:
        return self._constructor(item)

    def sort(self, *args: Any, **kwargs: Any) -> None:
        """Sort the items in place, as ``list.sort``.

        Parameters
        ----------
        *args
            ``list.sort``'s arguments.
        **kwargs
            ``key`` and ``reverse``.

        Examples
        --------
        >>> from pyrdicom.multival import MultiValue
        >>> values = MultiValue(int, ["3", "1", "2"])
        >>> values.sort(reverse=True)
        >>> values
        [3, 2, 1]
        """
        self._list.sort(*args, **kwargs)

    def __str__(self) -> str:
        if not self:
            return ""
        items = (repr(x) if isinstance(x, str | bytes) else str(x) for x in self)
        return f"[{', '.join(items)}]"

    __repr__ = __str__
