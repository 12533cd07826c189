"""pydicom's private dictionary as a Python dict (`private_dictionaries`): creator -> {pattern
such as "0019xx0A": (VR, VM, name, is_retired)}, built from the core's table when this module
is first imported.

Once imported it is what `datadict.get_private_entry` reads, so that code editing it (as
pydicom's users and tests do) sees its changes; entries added with
`datadict.add_private_dict_entries` before the import are included.
"""

from __future__ import annotations

from . import _core

PrivateEntry = tuple[str, str, str, str]


def _row(e: _core.DictEntry) -> PrivateEntry:
    return (e.vr, e.vm, e.name, "R" if e.retired else "")


private_dictionaries: dict[str, dict[str, PrivateEntry]] = {
    creator: {pattern: _row(e) for pattern, e in rows}
    for creator, rows in _core.private_dictionaries()
}


def _with_added() -> None:
    from .datadict import _added_private

    for creator, entries in _added_private.items():
        private_dictionaries.setdefault(creator, {}).update(entries)


_with_added()
