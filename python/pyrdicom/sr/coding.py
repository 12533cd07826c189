"""Coded concepts (PS3.3 8.8): pydicom's ``Code``."""

from __future__ import annotations

from typing import Any, NamedTuple

from ._snomed_dict import mapping as snomed_mapping


def _canonical(code: Any) -> tuple[str, str, str | None]:
    """(value, scheme, version) of any code-like object, SNOMED RT mapped to SNOMED CT."""
    if code.scheme_designator == "SRT" and code.value in snomed_mapping["SRT"]:
        return snomed_mapping["SRT"][code.value], "SCT", code.scheme_version
    return code.value, code.scheme_designator, code.scheme_version


class Code(NamedTuple):
    """A coded concept. Codes compare by value, scheme and version (not meaning), a SNOMED RT
    ("SRT") code being equal to its SNOMED CT ("SCT") equivalent.


    Parameters
    ----------
    value : str
        The code value.
    scheme_designator : str
        The coding scheme ("DCM", "SCT", "UCUM", ...).
    meaning : str
        The code meaning.
    scheme_version : str, optional
        The coding scheme version.

    Examples
    --------
    >>> from pyrdicom.sr import Code, codes
    >>> codes.SCT.Liver.value
    '10200004'
    >>> Code("T-62000", "SRT", "Liver") == codes.SCT.Liver  # SNOMED RT equals SNOMED CT
    True
    """

    value: str
    scheme_designator: str
    meaning: str
    scheme_version: str | None = None

    def __hash__(self) -> int:
        return hash(self.scheme_designator + self.value)

    def __eq__(self, other: Any) -> bool:
        return _canonical(self) == _canonical(other)

    def __ne__(self, other: Any) -> bool:
        return not self == other
