"""Callbacks for reading files with non-standard values (pydicom's ``util.fixer``): they set
``config.data_element_callback``, which the reader calls on each element it converts (as
pydicom does; nothing is called while it is unset)."""

from __future__ import annotations

from typing import Any

from .. import config


def fix_separator_callback(raw_elem: Any, **kwargs: Any) -> Any:
    """`raw_elem` with `invalid_separator` replaced by backslashes in the VRs asked for."""
    from ..datadict import dictionary_VR

    if raw_elem.VR is None:
        try:
            replace = dictionary_VR(raw_elem.tag) in kwargs["for_VRs"]
        except KeyError:
            replace = kwargs["process_unknown_VRs"]
    else:
        replace = raw_elem.VR in kwargs["for_VRs"]
    if not replace:
        return raw_elem
    value = raw_elem.value
    if value is not None:
        separator = kwargs["invalid_separator"]
        if separator == b" ":
            stripped = value.strip()
            value = stripped.replace(separator, b"\\") + b" " * (len(value) - len(stripped))
        else:
            value = value.replace(separator, b"\\")
    return raw_elem._replace(value=value)


def fix_separator(
    invalid_separator: bytes,
    for_VRs: tuple[str, ...] = ("DS", "IS"),
    process_unknown_VRs: bool = True,
) -> None:
    config.data_element_callback = fix_separator_callback
    config.data_element_callback_kwargs = {
        "invalid_separator": invalid_separator,
        "for_VRs": for_VRs,
        "process_unknown_VRs": process_unknown_VRs,
    }
