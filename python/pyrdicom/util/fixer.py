"""Callbacks for reading files with non-standard values (pydicom's ``util.fixer``): they set
``config.data_element_callback``, which the reader calls on each element it converts (as
pydicom does; nothing is called while it is unset)."""

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
    """Set `config.data_element_callback` to `fix_separator_callback`: values of `for_VRs`
    separated by `invalid_separator` instead of backslashes are read as multiple values.

    Parameters
    ----------
    invalid_separator : bytes
        The single byte used in place of the backslash.
    for_VRs : tuple of str, optional
        The VRs whose values are fixed (default ``("DS", "IS")``).
    process_unknown_VRs : bool, optional
        Whether elements of implicit VR missing from the dictionary are fixed too (default).

    Returns
    -------
    None

    Examples
    --------
    >>> from pyrdicom import config
    >>> from pyrdicom.util.fixer import fix_separator, fix_separator_callback
    >>> fix_separator(b",")
    >>> config.data_element_callback is fix_separator_callback
    True
    >>> config.reset_data_element_callback()
    """
    config.data_element_callback = fix_separator_callback
    config.data_element_callback_kwargs = {
        "invalid_separator": invalid_separator,
        "for_VRs": for_VRs,
        "process_unknown_VRs": process_unknown_VRs,
    }


def fix_mismatch_callback(raw_elem: Any, **kwargs: Any) -> Any:
    """`raw_elem` with the first VR of ``kwargs["with_VRs"]`` its value converts with, if it
    does not convert with its own VR (explicit VR elements only; as pydicom, a value fails to
    convert only under the RAISE reading mode).

    Parameters
    ----------
    raw_elem : RawDataElement
        The element as read.
    **kwargs
        ``with_VRs``: the VRs to try, in order.

    Returns
    -------
    RawDataElement
        `raw_elem`, or a copy with the VR that converts its value.

    Raises
    ------
    KeyError
        If ``with_VRs`` is not given.

    Examples
    --------
    >>> from pyrdicom import config
    >>> from pyrdicom.dataelem import RawDataElement
    >>> from pyrdicom.tag import Tag
    >>> from pyrdicom.util.fixer import fix_mismatch_callback
    >>> raw = RawDataElement(Tag(0x00100010), "DS", 8, b"Doe^John", 0, False, True)
    >>> config.settings.reading_validation_mode = config.RAISE
    >>> fix_mismatch_callback(raw, with_VRs=("PN",)).VR
    'PN'
    >>> config.settings.reading_validation_mode = config.WARN
    """
    from ..values import convert_value

    if raw_elem.VR is None:
        return raw_elem
    try:
        convert_value(raw_elem.VR, raw_elem)
    except ValueError:
        for vr in kwargs["with_VRs"]:
            try:
                convert_value(vr, raw_elem)
            except ValueError:
                continue
            raw_elem = raw_elem._replace(VR=vr)
    return raw_elem


def fix_mismatch(with_VRs: tuple[str, ...] = ("PN", "DS", "IS")) -> None:
    """Set `config.data_element_callback` to `fix_mismatch_callback`: an element whose value
    its VR cannot read is read with the first of `with_VRs` that can.

    Parameters
    ----------
    with_VRs : tuple of str, optional
        The VRs to try, in order (default ``("PN", "DS", "IS")``).

    Returns
    -------
    None

    Examples
    --------
    >>> from pyrdicom import config
    >>> from pyrdicom.util.fixer import fix_mismatch
    >>> fix_mismatch(with_VRs=("PN",))
    >>> config.data_element_callback_kwargs
    {'with_VRs': ('PN',)}
    >>> config.reset_data_element_callback()
    """
    config.data_element_callback = fix_mismatch_callback
    config.data_element_callback_kwargs = {"with_VRs": with_VRs}
