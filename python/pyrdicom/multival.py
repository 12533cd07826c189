"""`MultiValue`, the list type of multi-valued elements (items converted on the way in), and its
base `ConstrainedList`, as in pydicom."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableSequence
from typing import Any, TypeVar

T = TypeVar("T")


class ConstrainedList(MutableSequence[T]):
    """A list whose items all pass `_validate` (which subclasses define) on the way in."""

    def __init__(self, iterable: Iterable[T] | None = None) -> None:
        self._list: list[T] = [] if iterable is None else [self._validate(v) for v in iterable]

    def _validate(self, item: Any) -> T:
        raise NotImplementedError(f"'{type(self).__name__}._validate()' must be implemented")

    def append(self, item: T) -> None:
        self._list.append(self._validate(item))

    def extend(self, val: Iterable[T]) -> None:
        if not hasattr(val, "__iter__"):
            raise TypeError("An iterable is required")
        self._list.extend([self._validate(v) for v in val])

    def __iadd__(self, other: Iterable[T]) -> ConstrainedList[T]:
        self.extend(other)
        return self

    def insert(self, position: int, item: T) -> None:
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
    """A list whose items are all passed through `type_constructor`, as in pydicom."""

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
        self._list.sort(*args, **kwargs)

    def __str__(self) -> str:
        if not self:
            return ""
        items = (repr(x) if isinstance(x, str | bytes) else str(x) for x in self)
        return f"[{', '.join(items)}]"

    __repr__ = __str__
