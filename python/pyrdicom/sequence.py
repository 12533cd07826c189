"""`Sequence`: the value of an SQ element, a list of `Dataset` items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class Sequence(list):
    """A list of Datasets, as pydicom's Sequence.

    Parameters
    ----------
    iterable : iterable of Dataset, optional
        The items.

    Raises
    ------
    TypeError
        `iterable` is a single ``Dataset``, or holds something else than data sets.

    Examples
    --------
    >>> from pyrdicom import Dataset, Sequence
    >>> seq = Sequence([Dataset(CodeValue="T-04000")])
    >>> seq
    <Sequence, length 1>
    >>> ds = Dataset()
    >>> ds.AnatomicRegionSequence = seq
    >>> ds.AnatomicRegionSequence[0].CodeValue
    'T-04000'
    """

    is_undefined_length: bool = False

    def __init__(self, iterable: Iterable[Any] | None = None) -> None:
        from .dataset import Dataset

        # A Dataset is iterable (its elements): say what is wrong rather than reject elements.
        if isinstance(iterable, Dataset):
            raise TypeError("The Sequence constructor requires an iterable")
        items = list(iterable) if iterable is not None else []
        for item in items:
            if not isinstance(item, Dataset):
                raise TypeError("Sequence contents must be 'Dataset' instances.")
        super().__init__(items)

    def _check(self, val: Any) -> Any:
        from .dataset import Dataset

        if not isinstance(val, Dataset):
            raise TypeError("Sequence contents must be 'Dataset' instances.")
        return val

    def append(self, val: Any) -> None:
        """Add the data set `val` at the end.

        Parameters
        ----------
        val : Dataset
            The item.

        Examples
        --------
        >>> from pyrdicom import Dataset, Sequence
        >>> seq = Sequence()
        >>> seq.append(Dataset(CodeValue="T-04000"))
        >>> len(seq)
        1
        """
        super().append(self._check(val))

    def insert(self, index: Any, val: Any) -> None:
        """Insert the data set `val` before position `index`.

        Parameters
        ----------
        index : int
            The position.
        val : Dataset
            The item.

        Examples
        --------
        >>> from pyrdicom import Dataset, Sequence
        >>> seq = Sequence([Dataset(CodeValue="B")])
        >>> seq.insert(0, Dataset(CodeValue="A"))
        >>> [item.CodeValue for item in seq]
        ['A', 'B']
        """
        super().insert(index, self._check(val))

    def extend(self, vals: Iterable[Any]) -> None:
        """Add the data sets of `vals` at the end.

        Parameters
        ----------
        vals : iterable of Dataset
            The items (a single ``Dataset`` is refused: it is an iterable of elements).

        Examples
        --------
        >>> from pyrdicom import Dataset, Sequence
        >>> seq = Sequence()
        >>> seq.extend([Dataset(CodeValue="A"), Dataset(CodeValue="B")])
        >>> len(seq)
        2
        """
        super().extend(self._checked_all(vals))

    def __iadd__(self, other: Iterable[Any]) -> Sequence:  # type: ignore[misc]
        return super().__iadd__(self._checked_all(other))

    def _checked_all(self, vals: Iterable[Any]) -> list[Any]:
        from .dataset import Dataset

        if isinstance(vals, Dataset):
            raise TypeError("An iterable of 'Dataset' is required")
        return [self._check(v) for v in vals]

    def __setitem__(self, index: Any, val: Any) -> None:
        from .dataset import Dataset

        if isinstance(index, slice):
            if isinstance(val, Dataset):
                raise TypeError("Can only assign an iterable of 'Dataset'")
            super().__setitem__(index, [self._check(v) for v in val])
        else:
            super().__setitem__(index, self._check(val))

    def __str__(self) -> str:
        return f"[{''.join([str(x) for x in self])}]"

    def __repr__(self) -> str:
        return f"<Sequence, length {len(self)}>"

    __hash__ = None
