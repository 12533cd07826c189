"""pydicom's UID table as a Python dict (`UID_dictionary`: UID -> (name, type, info, retired,
keyword)), built from the core's table when this module is first imported. `UID`'s properties
read the core's table directly."""

from __future__ import annotations

from . import _core

UID_dictionary: dict[str, tuple[str, str, str, str, str]] = {
    uid: (e.name, e.kind, e.info, "Retired" if e.retired else "", e.keyword)
    for uid, e in _core.uid_dictionary()
}
