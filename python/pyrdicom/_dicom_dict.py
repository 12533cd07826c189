"""pydicom's public data dictionary tables as Python dicts (`DicomDictionary`,
`RepeatersDictionary`), built from the core's table when this module is first imported.

Lookups (`pyrdicom.datadict`) do not need these: they use the core's table directly, plus the
entries added with `datadict.add_dict_entries`, which are also added here.
"""

from __future__ import annotations

from . import _core
from .datadict import Entry, _entry

# tag -> (VR, VM, name, is_retired ("Retired" or ""), keyword)
DicomDictionary: dict[int, Entry] = {tag: _entry(e) for tag, e in _core.dict_entries()}
# repeating-group pattern such as "60xx0010" -> entry
RepeatersDictionary: dict[str, Entry] = {p: _entry(e) for p, e in _core.repeater_entries()}


def _with_added() -> None:
    from .datadict import _added

    DicomDictionary.update(_added)


_with_added()
