"""Callbacks for reading files with non-standard values (pydicom's ``util.fixer``): they set
``config.data_element_callback``, which pyrdicom's reader does not call (see docs/compat.md), so
they are kept for code that imports them."""

from __future__ import annotations

from typing import Any

from .. import config


def fix_separator_callback(raw_elem: Any, **kwargs: Any) -> Any:
    """`raw_elem` with `invalid_separator` replaced by backslashes in the VRs asked for.


    Parameters
    ----------
    raw_elem : RawDataElement
        The element as read.
    **kwargs
        ``invalid_separator`` (bytes), ``for_VRs`` (tuple of str) and ``process_unknown_VRs``
        (also for implicit VR elements of unknown tags).

    Returns
    -------
    RawDataElement

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.util.fixer import fix_separator_callback
    >>> raw = dcmread(get_testdata_file("CT_small.dcm")).get_item("PixelSpacing")
    >>> raw = raw._replace(value=raw.value.replace(bytes([92]), b","))
    >>> fixed = fix_separator_callback(
    ...     raw, invalid_separator=b",", for_VRs=("DS",), process_unknown_VRs=True)
    >>> fixed.value.count(b",")
    0
    """
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
    """Read values separated by `invalid_separator` as if separated by backslashes, from now on
    (it sets `config.data_element_callback`; `config.reset_data_element_callback` undoes it).

    Parameters
    ----------
    invalid_separator : bytes
        The separator the writer used.
    for_VRs : tuple of str
        The VRs to fix.
    process_unknown_VRs : bool
        Fix implicit VR elements of unknown tags too.

    Examples
    --------
    >>> from pyrdicom import config
    >>> from pyrdicom.util.fixer import fix_separator
    >>> fix_separator(b",")
    >>> config.data_element_callback.__name__
    'fix_separator_callback'
    >>> config.reset_data_element_callback()
    """
    config.data_element_callback = fix_separator_callback
    config.data_element_callback_kwargs = {
        "invalid_separator": invalid_separator,
        "for_VRs": for_VRs,
        "process_unknown_VRs": process_unknown_VRs,
    }
