"""Element-by-element comparison of two pydicom reads, for round trips written by pyrdicom."""

from __future__ import annotations

import math
from typing import Any

import pydicom


def _group_length(tag: int) -> bool:
    return tag & 0xFFFF == 0 and tag >> 16 > 2


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, pydicom.multival.MultiValue | list | tuple):
        return (
            isinstance(b, pydicom.multival.MultiValue | list | tuple)
            and len(a) == len(b)
            and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
        )
    return a == b and str(a) == str(b)


def _value(elem: Any) -> tuple[Any, str | None]:
    try:
        return elem.value, None
    except Exception as exc:  # pydicom fails on some broken values; both must fail alike
        return None, type(exc).__name__


def differences(ours: pydicom.Dataset, ref: pydicom.Dataset, where: str = "") -> list[str]:
    """What differs between two data sets read by pydicom (group lengths of groups above 2
    may be missing on either side, as pydicom's own writer drops them)."""
    out = []
    tags_a = [t for t in ours._dict if not _group_length(t)]
    tags_b = [t for t in ref._dict if not _group_length(t)]
    if sorted(tags_a) != sorted(tags_b):
        extra = sorted(set(tags_a) ^ set(tags_b))
        return [f"{where}: tags differ: {[str(pydicom.tag.Tag(t)) for t in extra][:8]}"]
    for tag in sorted(tags_a):
        a, b = ours[tag], ref[tag]
        at = f"{where}{pydicom.tag.Tag(tag)}"
        if a.VR != b.VR:
            out.append(f"{at}: VR {a.VR} != {b.VR}")
            continue
        va, ea = _value(a)
        vb, eb = _value(b)
        if ea or eb:
            if ea != eb:
                out.append(f"{at}: error {ea} != {eb}")
            continue
        if a.VR == "SQ":
            if len(va) != len(vb):
                out.append(f"{at}: {len(va)} items != {len(vb)}")
                continue
            for i, (x, y) in enumerate(zip(va, vb, strict=True)):
                out.extend(differences(x, y, f"{at}[{i}]."))
        elif not _same_value(va, vb):
            out.append(f"{at}: {str(va)[:60]!r} != {str(vb)[:60]!r}")
    return out


def file_differences(ours: pydicom.Dataset, ref: pydicom.Dataset) -> list[str]:
    diffs = differences(ours.file_meta, ref.file_meta, "meta ")
    return diffs + differences(ours, ref)
