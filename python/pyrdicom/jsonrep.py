"""DICOM JSON Model (PS3.18 Annex F), written and read as pydicom's to_json_dict/from_json do."""

from __future__ import annotations

import base64
import json
import struct
import warnings
from collections.abc import Callable
from contextlib import nullcontext
from inspect import signature
from typing import Any

from . import config
from .config import logger
from .dataelem import DataElement, empty_value_for_VR
from .tag import BaseTag

JSON_VALUE_KEYS = ("Value", "BulkDataURI", "InlineBinary")
_BINARY_VRS = frozenset(["OB", "OD", "OF", "OL", "OV", "OW", "UN"]) | {
    "US or SS or OW",
    "US or OW",
    "OB or OW",
}
_INT_VRS = frozenset(["IS", "SL", "SS", "SV", "UL", "US", "UV"]) | {"US or SS"}
_FLOAT_VRS = frozenset({"DS", "FD", "FL"})


def convert_to_python_number(value: Any, vr: str) -> Any:
    """JSON numbers for the number VRs (IS and DS included), as pydicom converts them.


    Parameters
    ----------
    value : object
        A JSON value, or a list of them.
    vr : str
        The element's VR.

    Returns
    -------
    object

    Examples
    --------
    >>> from pyrdicom.jsonrep import convert_to_python_number
    >>> convert_to_python_number(["1", "2"], "IS"), convert_to_python_number("1.5", "DS")
    ([1, 2], 1.5)
    """
    if value is None:
        return value
    number_type = int if vr in _INT_VRS else float if vr in _FLOAT_VRS else None
    if number_type is None:
        return value
    if isinstance(value, list | tuple):
        return [number_type(v) if v is not None else empty_value_for_VR(vr) for v in value]
    return number_type(value)


# --- writing ----------------------------------------------------------------------------


def element_to_json_dict(
    elem: DataElement,
    bulk_data_element_handler: Callable[[DataElement], str] | None,
    bulk_data_threshold: int,
) -> dict[str, Any]:
    """`DataElement.to_json_dict`: the element in the DICOM JSON Model.

    Parameters
    ----------
    elem : DataElement
        The element.
    bulk_data_element_handler : callable or None
        ``handler(element) -> str``: the BulkDataURI of a long binary value.
    bulk_data_threshold : int
        Values longer than this go to the handler (when there is one).

    Returns
    -------
    dict

    Examples
    --------
    >>> from pyrdicom import DataElement
    >>> from pyrdicom.jsonrep import element_to_json_dict
    >>> element_to_json_dict(DataElement(0x00280010, "US", 512), None, 1024)
    {'vr': 'US', 'Value': [512]}
    """
    vr = elem.VR
    json_element: dict[str, Any] = {"vr": vr}
    if vr in _BINARY_VRS:
        if not elem.is_empty:
            binary_value = elem.value
            if bulk_data_element_handler is not None and len(binary_value) > (
                (bulk_data_threshold // 4) * 3
            ):
                json_element["BulkDataURI"] = bulk_data_element_handler(elem)
            else:
                json_element["InlineBinary"] = base64.b64encode(binary_value).decode("utf-8")
    elif vr == "SQ":
        json_element["Value"] = [
            dataset_to_json_dict(item, bulk_data_threshold, bulk_data_element_handler)
            for item in elem.value
        ]
    elif vr == "PN":
        if not elem.is_empty:
            names = elem.value if elem.VM > 1 else [elem.value]
            values = []
            for name in names:
                comps = name.components
                groups = {"Alphabetic": comps[0]}
                if len(comps) > 1:
                    groups["Ideographic"] = comps[1]
                if len(comps) > 2:
                    groups["Phonetic"] = comps[2]
                values.append(groups)
            json_element["Value"] = values
    elif vr == "AT":
        if not elem.is_empty:
            tags = [elem.value] if elem.VM == 1 else elem.value
            json_element["Value"] = [format(t, "08X") for t in tags]
    elif not elem.is_empty:
        json_element["Value"] = list(elem.value) if elem.VM > 1 else [elem.value]
    if "Value" in json_element:
        json_element["Value"] = convert_to_python_number(json_element["Value"], vr)
    return json_element


def dataset_to_json_dict(
    ds: Any,
    bulk_data_threshold: int = 1024,
    bulk_data_element_handler: Callable[[DataElement], str] | None = None,
    suppress_invalid_tags: bool = False,
) -> dict[str, Any]:
    """`Dataset.to_json_dict`: {"ggggeeee": {"vr": ..., "Value" | "InlineBinary" |
    "BulkDataURI": ...}}; with `suppress_invalid_tags`, elements that fail are left out.


    Parameters
    ----------
    ds : Dataset
        The data set.
    bulk_data_threshold : int
        Values longer than this go to the handler (when there is one).
    bulk_data_element_handler : callable, optional
        ``handler(element) -> str``: the BulkDataURI of a long binary value.
    suppress_invalid_tags : bool
        Leave out the elements that fail.

    Returns
    -------
    dict

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.jsonrep import dataset_to_json_dict
    >>> dataset_to_json_dict(Dataset(Rows=512))
    {'00280010': {'vr': 'US', 'Value': [512]}}
    """
    json_dataset = {}
    # Leaving invalid elements out needs them to raise rather than warn.
    with config.strict_reading() if suppress_invalid_tags else nullcontext():
        for key in ds.keys():  # noqa: SIM118 (a Dataset iterates its elements)
            json_key = f"{key:08X}"
            try:
                json_dataset[json_key] = ds[key].to_json_dict(
                    bulk_data_element_handler, bulk_data_threshold
                )
            except Exception as exc:
                if not suppress_invalid_tags:
                    logger.error(f"Error while processing tag {json_key}")
                    raise
                logger.warning(f"Error while processing tag {json_key}: {exc}")
    return json_dataset


# --- reading ----------------------------------------------------------------------------


def _value_key(mapping: dict[str, Any]) -> str | None:
    keys = [k for k in JSON_VALUE_KEYS if k in mapping]
    return keys[0] if keys else None


def _wrap_handler(handler: Any) -> Any:
    """pydicom accepts a handler of the URI alone or of (tag, vr, uri)."""
    if handler and len(signature(handler).parameters) == 1:
        return lambda tag, vr, value: handler(value)
    return handler


def _pn_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    comps = ["", "", ""] if "Phonetic" in value else ["", ""] if "Ideographic" in value else [""]
    for i, key in enumerate(("Alphabetic", "Ideographic", "Phonetic")):
        if key in value:
            comps[i] = value[key]
    return "=".join(comps)


def _regular_value(cls: type, tag: str, vr: str, value: Any, handler: Any) -> Any:
    if vr == "SQ":
        return _item_from_json(cls, tag, value or {}, handler)
    if value is None:
        return empty_value_for_VR(vr)
    if vr == "PN":
        return _pn_value(value)
    if vr == "AT":
        try:
            return int(value, 16)
        except ValueError:
            warnings.warn(f"Invalid value '{value}' for AT element - ignoring it", stacklevel=2)
            return None
    return value


def _element_value(cls: type, tag: str, vr: str, value: Any, key: str | None, handler: Any) -> Any:
    if key is None:
        return empty_value_for_VR(vr)
    if key == "Value":
        if not isinstance(value, list):
            raise TypeError(f"'{key}' of data element '{tag}' must be a list")
        if not value:
            return empty_value_for_VR(vr)
        values = [_regular_value(cls, tag, vr, v, handler) for v in value]
        if len(values) == 1 and vr != "SQ":
            values = values[0]
        return convert_to_python_number(values, vr)
    if isinstance(value, list):
        value = value[0]
    if not isinstance(value, str):
        raise TypeError(
            f"Invalid attribute value for data element '{tag}' - the value for '{key}' must "
            f"be str, not {type(value).__name__}"
        )
    if key == "InlineBinary":
        return base64.b64decode(value)
    if handler is None:
        warnings.warn(
            f'No bulk data URI handler provided for retrieval of value of data element "{tag}"',
            stacklevel=2,
        )
        return empty_value_for_VR(vr)
    return handler(tag, vr, value)


def _decode_un(tag: int, value: bytes) -> Any:
    """The value of UN bytes read with the VR pydicom's reader would give the element."""
    from .filereader import dcmread

    header = struct.pack("<HHI", tag >> 16, tag & 0xFFFF, len(value))
    return dcmread(header + value, force=True)[tag].value


def element_from_json(
    cls: type,
    tag: str,
    vr: str,
    value: Any,
    key: str | None,
    handler: Any,
    element_class: type = DataElement,
) -> DataElement:
    """`DataElement.from_json`.


    Parameters
    ----------
    cls : type
        The element class to make.
    tag : str
        The "ggggeeee" key.
    vr : str
        The VR.
    value : object
        The JSON value.
    key : str or None
        "Value", "InlineBinary" or "BulkDataURI".
    handler : callable or None
        ``handler(tag, vr, uri)``: the value of a BulkDataURI.
    element_class : type
        The class of the elements of nested items.

    Returns
    -------
    DataElement

    Raises
    ------
    ValueError
        A value that cannot be loaded.

    Examples
    --------
    >>> from pyrdicom import DataElement
    >>> from pyrdicom.jsonrep import element_from_json
    >>> element_from_json(DataElement, "00280010", "US", [512], "Value", None).value
    512
    """
    elem_value = _element_value(cls, tag, vr, value, key, handler)
    if vr == "UN" and isinstance(elem_value, bytes):
        elem_value = _decode_un(int(tag, 16), elem_value)
    try:
        return element_class(BaseTag(int(tag, 16) if isinstance(tag, str) else tag), vr, elem_value)
    except Exception as exc:
        raise ValueError(
            f"Data element '{tag}' could not be loaded from JSON: {elem_value}"
        ) from exc


def _item_from_json(cls: type, tag: str, value: dict[str, Any], handler: Any) -> Any:
    ds = cls()
    for key, val in value.items():
        if "vr" not in val:
            raise KeyError(f"Data element '{tag}' must have key 'vr'")
        vr = val["vr"]
        value_key = _value_key(val)
        if value_key is None:
            elem = DataElement(BaseTag(int(key, 16)), vr, empty_value_for_VR(vr))
        else:
            elem = element_from_json(cls, key, vr, val[value_key], value_key, handler)
        ds.add(elem)
    return ds


def dataset_from_json(
    cls: type, json_dataset: dict[str, Any] | str | bytes | bytearray, bulk_data_uri_handler: Any
) -> Any:
    """`Dataset.from_json`: a `cls` from a DICOM JSON dict (or its text).


    Parameters
    ----------
    cls : type
        The data set class to make.
    json_dataset : dict, str or bytes
        The DICOM JSON.
    bulk_data_uri_handler : callable or None
        ``handler(tag, vr, uri)`` (or ``handler(uri)``): the value of a BulkDataURI.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.jsonrep import dataset_from_json
    >>> dataset_from_json(Dataset, '{"00280010": {"vr": "US", "Value": [512]}}', None).Rows
    512
    """
    elements: dict[str, Any] = (
        json.loads(json_dataset)
        if isinstance(json_dataset, str | bytes | bytearray)
        else json_dataset
    )
    handler = _wrap_handler(bulk_data_uri_handler)
    dataset = cls()
    for tag, mapping in elements.items():
        vr = mapping["vr"]
        key = _value_key(mapping)
        value = mapping[key] if key is not None else [""]
        dataset.add(element_from_json(cls, tag, vr, value, key, handler))
    return dataset
