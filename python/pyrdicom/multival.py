"""`MultiValue`: the list type of multi-valued elements, converting items on the way in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableSequence
from typing import Any


class MultiValue(MutableSequence):
    """A list whose items are all passed through `type_constructor`, as in pydicom."""

    __slots__ = ("_list", "type_constructor")

    def __init__(
        self,
        type_constructor: Callable[[Any], Any],
        iterable: Iterable[Any],
        validation_mode: Any = None,
    ) -> None:
        self.type_constructor = type_constructor
        self._list = [v if type(v) is type_constructor else type_constructor(v) for v in iterable]

    def append(self, val: Any) -> None:
        self._list.append(self.type_constructor(val))

    def extend(self, vals: Iterable[Any]) -> None:
        self._list.extend(self.type_constructor(v) for v in vals)

    def insert(self, position: int, val: Any) -> None:
        self._list.insert(position, self.type_constructor(val))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return MultiValue(self.type_constructor, self._list[index])
        return self._list[index]

    def __setitem__(self, index: Any, val: Any) -> None:
        if isinstance(index, slice):
            self._list[index] = [self.type_constructor(v) for v in val]
        else:
            self._list[index] = self.type_constructor(val)

    def __delitem__(self, index: Any) -> None:
        del self._list[index]

    def __len__(self) -> int:
        return len(self._list)

    def __iter__(self):
        return iter(self._list)

    def __eq__(self, other: object) -> bool:
        return self._list == other

    def __ne__(self, other: object) -> bool:
        return self._list != other

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        if not self:
            return ""
        items = (repr(x) if isinstance(x, str | bytes) else str(x) for x in self)
        return f"[{', '.join(items)}]"

    __repr__ = __str__

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._list.sort(*args, **kwargs)
