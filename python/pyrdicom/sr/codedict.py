"""Code dictionaries by scheme and by context group: pydicom's ``codes``, ``Collection`` and
``Concepts`` (``codes.DCM.Modality``, ``codes.CID4.Skull``)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, KeysView
from itertools import chain
from typing import Any

from ._cid_dict import cid_concepts as CID_CONCEPTS
from ._cid_dict import name_for_cid
from ._concepts_dict import concepts as CONCEPTS
from .coding import Code

cid_for_name = {name: cid for cid, name in name_for_cid.items()}


def _filtered(source: Iterable[str], filters: Iterable[str]) -> list[str]:
    """Sorted unique `source` entries containing any of `filters` (case-insensitive)."""
    lowered = [f.lower() for f in filters]
    return sorted({v for v in source if not lowered or any(f in v.lower() for f in lowered)})


class Collection:
    """The concepts of one coding scheme ("DCM", "SCT", ...) or context group ("CID2"), as
    attributes named by keyword.


    Parameters
    ----------
    name : str
        A scheme designator ("SCT") or a context group ("CID2").

    Examples
    --------
    >>> from pyrdicom.sr import Collection
    >>> Collection("UCUM").Millimeter.value
    'mm'
    """

    repr_format = "{} = {}"

    def __init__(self, name: str) -> None:
        if name.upper().startswith("CID"):
            self._name = f"CID{name[3:]}"
            self._cid_data = CID_CONCEPTS[int(name[3:])]
        else:
            self._name = name
            self._scheme_data = CONCEPTS[name]
        self._concepts: dict[str, Code] = {}

    @property
    def name(self) -> str:
        return self._name

    @property
    def scheme_designator(self) -> str:
        return self._name

    @property
    def is_cid(self) -> bool:
        return self._name.startswith("CID")

    @property
    def concepts(self) -> dict[str, Code]:
        if not self._concepts:
            self._concepts = {name: getattr(self, name) for name in self.dir()}
        return self._concepts

    def dir(self, *filters: str) -> list[str]:
        """The concept keywords, those containing any of `filters` if given.


        Parameters
        ----------
        *filters : str
            Keep the keywords containing one of these (case-insensitive).

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pyrdicom.sr import codes
        >>> codes.SCT.dir("liver")[:2]
        ['AlcoholicLiverDamage', 'AlcoholicLiverDisease']
        """
        if self.is_cid:
            return _filtered(chain.from_iterable(self._cid_data.values()), filters)
        return _filtered(self._scheme_data, filters)

    def __dir__(self) -> list[str]:
        members = {
            name
            for name, _ in inspect.getmembers(
                type(self), lambda m: inspect.isroutine(m) or inspect.isdatadescriptor(m)
            )
        }
        return sorted(members | set(self.dir()))

    def trait_names(self) -> list[str]:
        """The names IPython completes on a collection (its members and concept keywords).

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pyrdicom.sr import codes
        >>> "Liver" in codes.SCT.trait_names()
        True
        """
        return dir(self)

    def __contains__(self, item: str | Code) -> bool:
        if isinstance(item, str):
            try:
                item = getattr(self, item)
            except AttributeError:
                return False
        return item in self.concepts.values()

    def __getattr__(self, name: str) -> Code:
        if name.startswith("__") or name in ("_name", "_scheme_data", "_cid_data", "_concepts"):
            raise AttributeError(name)  # not a keyword: copy/pickle probes, or during __init__
        if self.is_cid:
            return self._cid_code(name)
        entries = self._scheme_data.get(name)
        if entries is None:
            raise AttributeError(f"No matching code for keyword '{name}' in scheme '{self.name}'")
        if len(entries) > 1:
            raise RuntimeError(
                f"Multiple codes found for keyword '{name}' in scheme '{self.name}': "
                f"{', '.join(entries)}"
            )
        ((value, (meaning, _)),) = entries.items()
        return Code(value=value, meaning=meaning, scheme_designator=self.name)

    def _cid_code(self, name: str) -> Code:
        schemes = [s for s, keywords in self._cid_data.items() if name in keywords]
        if not schemes:
            raise AttributeError(f"No matching code for keyword '{name}' in {self.name}")
        if len(schemes) > 1:
            raise RuntimeError(
                f"Multiple schemes found to contain the keyword '{name}' in {self.name}: "
                f"{', '.join(schemes)}"
            )
        (scheme,) = schemes
        entries = CONCEPTS[scheme][name]
        if len(entries) > 1:  # the code of this keyword that belongs to this group
            cid = int(self.name[3:])
            matching = [(v, e) for v, e in entries.items() if cid in e[1]]
            if len(matching) > 1:
                raise RuntimeError(
                    f"Multiple codes found for keyword '{name}' in {self.name}: "
                    f"{', '.join(v for v, _ in matching)}"
                )
            entries = dict(matching)
        ((value, (meaning, _)),) = entries.items()
        return Code(value=value, meaning=meaning, scheme_designator=scheme)

    def __repr__(self) -> str:
        lines = [self.repr_format.format(name, code) for name, code in self.concepts.items()]
        return f"{self.name}\n" + "\n".join(lines)

    def __str__(self) -> str:
        concepts = self.concepts
        names = max(max(len(n) for n in concepts) + 2, 11)
        values = max(max(len(c[0]) for c in concepts.values()) + 2, 6)
        schemes = max(max(len(c[1]) for c in concepts.values()) + 2, 8)
        if self.is_cid:
            fmt = f"{{:{names}}} {{:{values}}} {{:{schemes}}} {{}}"
            head = [self.name, fmt.format("Attribute", "Code", "Scheme", "Meaning")]
            head.append(fmt.format("---------", "----", "------", "-------"))
            rows = [fmt.format(n, *c) for n, c in concepts.items()]
        else:
            fmt = f"{{:{names}}} {{:{values}}} {{}}"
            head = [f"Scheme: {self.name}", fmt.format("Attribute", "Code", "Meaning")]
            head.append(fmt.format("---------", "----", "-------"))
            rows = [fmt.format(n, c[0], c[2]) for n, c in concepts.items()]
        return "\n".join([*head, "\n".join(rows)])


class Concepts:
    """Every collection by name: ``codes.SCT``, ``codes.CID4`` (or ``codes.cid4``).


    Parameters
    ----------
    collections : list of Collection
        The collections.

    Examples
    --------
    >>> from pyrdicom.sr import Collection, Concepts
    >>> concepts = Concepts([Collection("UCUM"), Collection("CID7181")])
    >>> concepts.UCUM.Millimeter.meaning, concepts.cid7181.name
    ('mm', 'CID7181')
    """

    def __init__(self, collections: list[Collection]) -> None:
        self._collections = {c.name: c for c in collections}

    @property
    def collections(self) -> KeysView[str]:
        return self._collections.keys()

    def __getattr__(self, name: str) -> Any:
        if name.upper().startswith("CID"):
            name = f"CID{name[3:]}"
        if name in self._collections:
            return self._collections[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def schemes(self) -> list[str]:
        """The coding schemes' names.

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pyrdicom.sr import codes
        >>> "SCT" in codes.schemes()
        True
        """
        return [c for c in self._collections if not c.startswith("CID")]

    def CIDs(self) -> list[str]:
        """The context groups' names ("CID2", ...).

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pyrdicom.sr import codes
        >>> "CID2" in codes.CIDs()
        True
        """
        return [c for c in self._collections if c.startswith("CID")]


codes = Concepts(
    [Collection(scheme) for scheme in CONCEPTS] + [Collection(f"CID{cid}") for cid in name_for_cid]
)
