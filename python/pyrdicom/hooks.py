"""pydicom's hooks for turning a `RawDataElement` into a `DataElement` (`hooks`).

`convert_raw_data_element` calls ``hooks.raw_element_vr`` then ``hooks.raw_element_value``;
replace them with `Hooks.register_callback`. pyrdicom's `dcmread` decides VRs and values in
the core (the same rules as `raw_element_vr`/`raw_element_value`) and does not call them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, MutableSequence
from typing import TYPE_CHECKING, Any

from . import config
from .datadict import dictionary_VR, private_dictionary_VR
from .errors import BytesLengthException
from .misc import warn_and_log
from .tag import _LUT_DESCRIPTOR_TAGS, BaseTag
from .valuerep import VR

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset

Encoding = str | MutableSequence[str] | None


class Hooks:
    """The callbacks `convert_raw_data_element` uses, and the kwargs it passes them.


    Examples
    --------
    >>> from pyrdicom.hooks import Hooks, raw_element_value_fix_separator
    >>> hooks = Hooks()  # pyrdicom.hooks.hooks is the one the reader uses
    >>> hooks.register_callback("raw_element_value", raw_element_value_fix_separator)
    >>> hooks.raw_element_value is raw_element_value_fix_separator
    True
    """

    def __init__(self) -> None:
        self.raw_element_value: Callable[..., None]
        self.raw_element_vr: Callable[..., None]
        self.raw_element_kwargs: dict[str, Any] = {}

    def register_callback(self, hook: str, func: Callable[..., None]) -> None:
        """Use `func` for `hook` ("raw_element_vr" or "raw_element_value").


        Parameters
        ----------
        hook : str
            "raw_element_vr" or "raw_element_value".
        func : callable
            ``func(raw, data, *, encoding, ds, **kwargs)``.

        Raises
        ------
        TypeError
            `func` is not callable.
        ValueError
            An unknown hook.

        Examples
        --------
        >>> from pyrdicom.hooks import Hooks, raw_element_vr
        >>> hooks = Hooks()
        >>> hooks.register_callback("raw_element_vr", raw_element_vr)
        """
        if not callable(func):
            raise TypeError("'func' must be a callable function")
        if hook not in ("raw_element_value", "raw_element_vr"):
            raise ValueError(f"Unknown hook '{hook}'")
        setattr(self, hook, func)

    def register_kwargs(self, hook: str, kwargs: dict[str, Any]) -> None:
        """Pass `kwargs` to the raw element hooks ("raw_element_kwargs").


        Parameters
        ----------
        hook : str
            "raw_element_kwargs".
        kwargs : dict
            The keyword arguments.

        Raises
        ------
        TypeError
            `kwargs` is not a dict.
        ValueError
            An unknown hook.

        Examples
        --------
        >>> from pyrdicom.hooks import Hooks
        >>> hooks = Hooks()
        >>> hooks.register_kwargs("raw_element_kwargs", {"target_VRs": ("DS",)})
        >>> hooks.raw_element_kwargs
        {'target_VRs': ('DS',)}
        """
        if not isinstance(kwargs, dict):
            raise TypeError(f"'kwargs' must be a dict, not '{type(kwargs).__name__}'")
        if hook != "raw_element_kwargs":
            raise ValueError(f"Unknown hook '{hook}'")
        self.raw_element_kwargs = kwargs


def _private_vr_for_tag(ds: Dataset | None, tag: BaseTag) -> str:
    """LO for private creators; the private dictionary's VR under the element's creator in
    `ds`; else UN."""
    if tag.is_private_creator:
        return VR.LO
    if ds is not None and tag.element & 0xFF00:
        creator = ds.get(tag.group << 16 | (tag.element >> 8), "")
        if creator:
            try:
                return private_dictionary_VR(tag, creator.value)
            except KeyError:
                pass
    return VR.UN


def raw_element_vr(
    raw: Any, data: dict[str, Any], *, encoding: Encoding = None, ds: Any = None, **kwargs: Any
) -> None:
    """Set ``data["VR"]``: the explicit VR, else the dictionary's (private rules, UL for group
    lengths, else UN with a warning or KeyError under RAISE); explicit UN is replaced by the
    known VR with ``config.replace_un_with_known_vr``.


    Parameters
    ----------
    raw : RawDataElement
        The element as read.
    data : dict
        Where the VR goes.
    encoding : str or list of str, optional
        The character set.
    ds : Dataset, optional
        The data set the element is in.
    **kwargs
        The registered ``raw_element_kwargs``.

    Raises
    ------
    KeyError
        An implicit VR element of an unknown tag, under the RAISE reading mode.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.hooks import raw_element_vr
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> data = {}
    >>> raw_element_vr(ds.get_item("ImagePositionPatient"), data, ds=ds)
    >>> data
    {'VR': 'DS'}
    """
    vr = raw.VR
    tag = raw.tag
    if vr is None:
        try:
            vr = dictionary_VR(tag)
        except KeyError:
            if tag.is_private:
                vr = _private_vr_for_tag(ds, tag)
            elif tag.element == 0:
                vr = VR.UL
            else:
                msg = f"VR lookup failed for the raw element with tag {tag}"
                if config.settings.reading_validation_mode == config.RAISE:
                    raise KeyError(msg) from None
                vr = VR.UN
                warn_and_log(f"{msg} - setting VR to 'UN'")
    elif vr == VR.UN and config.replace_un_with_known_vr:
        if tag.is_private:
            vr = _private_vr_for_tag(ds, tag)
        elif raw.value is None or len(raw.value) < 0xFFFF:
            with contextlib.suppress(KeyError):
                vr = dictionary_VR(tag)
    data["VR"] = vr


def raw_element_value(
    raw: Any, data: dict[str, Any], *, encoding: Encoding = None, ds: Any = None, **kwargs: Any
) -> None:
    """Set ``data["value"]``: the raw value converted for ``data["VR"]``. A length that does not
    fit the VR raises BytesLengthException, or with ``config.convert_wrong_length_to_UN``
    warns and makes the element UN.


    Parameters
    ----------
    raw : RawDataElement
        The element as read.
    data : dict
        Holds the VR; the value goes here.
    encoding : str or list of str, optional
        The character set.
    ds : Dataset, optional
        The data set the element is in.
    **kwargs
        The registered ``raw_element_kwargs``.

    Raises
    ------
    NotImplementedError
        An unknown VR.
    BytesLengthException
        A length that does not fit the VR.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.hooks import raw_element_value
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> data = {"VR": "US"}
    >>> raw_element_value(ds.get_item("Rows"), data, ds=ds)
    >>> data["value"]
    128
    """
    from .values import convert_value

    try:
        value = convert_value(data["VR"], raw, encoding)
    except NotImplementedError as exc:
        raise NotImplementedError(f"{exc} in tag {raw.tag}") from None
    except BytesLengthException as exc:
        msg = f"{exc} This occurred while trying to parse {raw.tag} according to VR '{raw.VR}'."
        if not config.convert_wrong_length_to_UN:
            raise BytesLengthException(
                f"{msg} To replace this error with a warning set "
                "pydicom.config.convert_wrong_length_to_UN = True."
            ) from None
        warn_and_log(f"{msg} Setting VR to 'UN'.")
        data["VR"] = VR.UN
        value = raw.value
    if raw.tag in _LUT_DESCRIPTOR_TAGS and value and isinstance(value, list):
        try:
            if value[0] < 0:
                value[0] += 65536
        except Exception:
            pass
    data["value"] = value


def raw_element_value_fix_separator(
    raw: Any,
    data: dict[str, Any],
    *,
    encoding: Encoding = None,
    ds: Any,
    separator: str | bytes = b",",
    target_VRs: tuple[str, ...] | None = None,
    **kwargs: Any,
) -> None:
    """`raw_element_value` after replacing `separator` by backslashes in values of
    `target_VRs` (for writers that separate values with another character).


    Parameters
    ----------
    raw : RawDataElement
        The element as read.
    data : dict
        Holds the VR; the value goes here.
    encoding : str or list of str, optional
        The character set.
    ds : Dataset
        The data set the element is in.
    separator : str or bytes
        The separator used in place of the backslash.
    target_VRs : tuple of str, optional
        The VRs to fix (default: all the string VRs).
    **kwargs
        The other registered ``raw_element_kwargs``.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.hooks import raw_element_value_fix_separator
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> raw = ds.get_item("PixelSpacing")
    >>> raw = raw._replace(value=raw.value.replace(bytes([92]), b","))  # "0.66,0.66"
    >>> data = {"VR": "DS"}
    >>> raw_element_value_fix_separator(raw, data, ds=ds, target_VRs=("DS",))
    >>> data["value"]
    [0.661468, 0.661468]
    """
    if target_VRs and data["VR"] in target_VRs and isinstance(raw.value, bytes):
        sep = separator.encode("ascii") if isinstance(separator, str) else separator
        raw = raw._replace(value=raw.value.replace(sep, b"\\"))
    raw_element_value(raw, data, encoding=encoding, ds=ds, **kwargs)


def raw_element_value_retry(
    raw: Any,
    data: dict[str, Any],
    *,
    encoding: Encoding = None,
    ds: Any,
    target_VRs: dict[str, tuple[str, ...]] | None = None,
    **kwargs: Any,
) -> None:
    """`raw_element_value`; when it fails, the VRs ``target_VRs[VR]`` are tried in order.


    Parameters
    ----------
    raw : RawDataElement
        The element as read.
    data : dict
        Holds the VR; the VR and value go here.
    encoding : str or list of str, optional
        The character set.
    ds : Dataset
        The data set the element is in.
    target_VRs : dict of str to tuple of str, optional
        For a VR, the VRs to try when its conversion fails.
    **kwargs
        The other registered ``raw_element_kwargs``.

    Examples
    --------
    >>> import warnings
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.hooks import raw_element_value_retry
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> raw = ds.get_item("Rows")._replace(value=bytes(3))  # too short for US
    >>> data = {"VR": "US"}
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     raw_element_value_retry(raw, data, ds=ds, target_VRs={"US": ("OB",)})
    >>> data["VR"]
    'OB'
    """
    from .values import convert_value

    try:
        raw_element_value(raw, data, encoding=encoding, ds=ds, **kwargs)
    except Exception:
        for candidate in (target_VRs or {}).get(data["VR"], ()):
            try:
                data["value"] = convert_value(candidate, raw)
            except Exception:
                continue
            data["VR"] = candidate
            return
        raise


hooks = Hooks()
hooks.raw_element_value = raw_element_value
hooks.raw_element_vr = raw_element_vr
