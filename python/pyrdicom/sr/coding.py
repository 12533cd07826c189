"""Coded concepts (PS3.3 8.8): pydicom's ``Code``."""

from __future__ import annotations

from typing import Any, NamedTuple

from ._snomed_dict import mapping as snomed_mapping


class Code(NamedTuple):
    """A coded concept. Codes compare by value, scheme and version (not meaning), a SNOMED RT
    ("SRT") code being equal to its SNOMED CT ("SCT") equivalent."""

    value: str
    scheme_designator: str
    meaning: str
    scheme_version: str | None = None

    def _canonical(self) -> tuple[str, str, str | None]:
        if self.scheme_designator == "SRT" and self.value in snomed_mapping["SRT"]:
            return snomed_mapping["SRT"][self.value], "SCT", self.scheme_version
        return self.value, self.scheme_designator, self.scheme_version

    def __hash__(self) -> int:
        return hash(self.scheme_designator + self.value)

    def __eq__(self, other: Any) -> bool:
        return bool(self._canonical() == other._canonical())

    def __ne__(self, other: Any) -> bool:
        return not self == other
