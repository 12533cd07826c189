"""Comparison of pyrdicom objects with pydicom's (the reference), reused by the test modules.

`assert_same_file(ours, ref)` checks preamble, file meta and data set; `assert_same_dataset`
walks two data sets recursively: same tags in the same order, and per element the same VR,
value (type, value and str()) and str(element). An element whose value pydicom cannot
decode must fail to decode in pyrdicom too.
"""

from __future__ import annotations

import math
from typing import Any

import pydicom

# pydicom class name -> pyrdicom class name, for the values whose class must match.
_SAME_TYPE = {
    "DSfloat",
    "IS",
    "PersonName",
    "UID",
    "MultiValue",
    "Sequence",
    "BaseTag",
    "bytes",
    "str",
    "int",
    "float",
    "NoneType",
    "list",
}


class Mismatch(AssertionError):
    pass


def _fail(where: str, msg: str) -> None:
    raise Mismatch(f"{where}: {msg}")


def _type_name(v: Any) -> str:
    return type(v).__name__


def assert_same_value(ours: Any, ref: Any, where: str) -> None:
    """`ours` has pydicom's type, value and str() (recursing into sequences and lists)."""
    rt, ot = _type_name(ref), _type_name(ours)
    if rt in _SAME_TYPE and rt != ot:
        _fail(where, f"type {ot} != pydicom's {rt} ({ours!r} vs {ref!r})")
    if isinstance(ref, pydicom.Sequence):
        if len(ours) != len(ref):
            _fail(where, f"{len(ours)} items != pydicom's {len(ref)}")
        for i, (o, r) in enumerate(zip(ours, ref, strict=True)):
            assert_same_dataset(o, r, f"{where}[{i}]")
        return
    if isinstance(ref, pydicom.multival.MultiValue | list | tuple):
        if len(ours) != len(ref):
            _fail(where, f"VM {len(ours)} != pydicom's {len(ref)}: {ours!r} vs {ref!r}")
        for i, (o, r) in enumerate(zip(ours, ref, strict=True)):
            assert_same_value(o, r, f"{where}[{i}]")
        if str(ours) != str(ref):
            _fail(where, f"str {str(ours)!r} != pydicom's {str(ref)!r}")
        return
    if isinstance(ref, float) and math.isnan(ref):
        if not (isinstance(ours, float) and math.isnan(ours)):
            _fail(where, f"{ours!r} != pydicom's NaN")
    elif ours != ref or ref != ours:
        _fail(where, f"value {ours!r} != pydicom's {ref!r}")
    if str(ours) != str(ref):
        _fail(where, f"str {str(ours)!r} != pydicom's {str(ref)!r}")
    if isinstance(ref, pydicom.valuerep.PersonName):
        for part in ("alphabetic", "ideographic", "phonetic", "family_name", "given_name"):
            if getattr(ours, part) != getattr(ref, part):
                _fail(where, f"PersonName.{part} differs")


def _value_or_error(elem: Any) -> tuple[Any, BaseException | None]:
    try:
        return elem.value, None
    except Exception as exc:
        return None, exc


def assert_same_element(ours: Any, ref: Any, where: str) -> None:
    where = f"{where} {ref.tag}"
    if ours.tag != ref.tag:
        _fail(where, f"tag {ours.tag} != pydicom's {ref.tag}")
    rv, rerr = _value_or_error(ref)
    ov, oerr = _value_or_error(ours)
    if rerr is not None:
        if oerr is None:
            _fail(where, f"pydicom fails ({rerr!r}) but pyrdicom gives {ov!r}")
        return
    if oerr is not None:
        _fail(where, f"pyrdicom fails: {oerr!r} (pydicom gives {rv!r})")
    if ours.VR != ref.VR:
        _fail(where, f"VR {ours.VR} != pydicom's {ref.VR}")
    assert_same_value(ov, rv, where)
    if ours.VR != "SQ" and str(ours) != str(ref):
        _fail(where, f"str(elem) {str(ours)!r} != pydicom's {str(ref)!r}")
    for attr in ("VM", "is_private", "keyword", "name", "private_creator"):
        if getattr(ours, attr) != getattr(ref, attr):
            _fail(where, f"{attr} {getattr(ours, attr)!r} != pydicom's {getattr(ref, attr)!r}")


def assert_same_dataset(ours: Any, ref: Any, where: str = "ds") -> None:
    """Same tags in the same order and the same elements, recursively."""
    otags, rtags = list(ours.keys()), list(ref.keys())
    if sorted(otags) != sorted(rtags):
        missing = sorted(set(rtags) - set(otags))
        extra = sorted(set(otags) - set(rtags))
        _fail(
            where,
            f"tags differ: missing {[str(pydicom.tag.Tag(t)) for t in missing]}, extra "
            f"{[str(pydicom.tag.Tag(t)) for t in extra]}",
        )
    if len(ours) != len(ref):
        _fail(where, f"len {len(ours)} != pydicom's {len(ref)}")
    order = [e.tag for e in ours]
    if order != sorted(rtags):
        _fail(where, "iteration is not in tag order")
    for tag in sorted(rtags):
        assert_same_element(ours[tag], ref[tag], where)


def assert_same_file(ours: Any, ref: Any) -> None:
    """Preamble, file meta and data set all as pydicom reads them."""
    if ours.preamble != ref.preamble:
        _fail("preamble", f"{ours.preamble!r} != pydicom's {ref.preamble!r}")
    assert_same_dataset(ours.file_meta, ref.file_meta, "file_meta")
    assert_same_dataset(ours, ref, "ds")
