"""``show`` as pydicom's: a file specification, -x (no private elements), -t (top level only),
-q (a summary)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def do_command(args: argparse.Namespace) -> None:
    from ..dataset import Dataset

    (ds, value), *rest = args.filespec
    if rest:
        raise NotImplementedError("Show can only work on a single DICOM file input")
    if value is None or (not isinstance(value, Dataset) and not value):
        value = ds
    if args.exclude_private:
        ds.remove_private_tags()
    if args.quiet and isinstance(value, Dataset):
        for item in quiet_items:
            line = item(value) if callable(item) else f"{item}: {value.get(item, 'N/A')}"
            if line:
                print(line)
    elif args.top and isinstance(value, Dataset):
        print(value.top())
    else:
        print(str(value))


def _sop_class(ds: Any) -> str | None:
    uid = ds.get("SOPClassUID")
    return None if uid is None else f"SOPClassUID: {uid.name}"


def _image(ds: Any) -> str | None:
    if "SOPClassUID" not in ds or "Image Storage" not in ds.SOPClassUID.name:
        return None
    names = ("BitsStored", "Modality", "Rows", "Columns", "SliceLocation")
    return "\n".join(f"{name}: {ds.get(name, 'N/A')}" for name in names)


def _rtplan(ds: Any) -> str | None:
    if "BeamSequence" not in ds:
        return None
    line = f"Plan Label: {ds.get('RTPlanLabel')}  "
    if name := ds.get("RTPlanName"):
        line += f"Plan Name: {name}"
    lines = [line]
    for group in ds.get("FractionGroupSequence", []):
        fractions = group.get("NumberOfFractionsPlanned")
        info = f"{fractions} fraction(s) planned" if fractions else ""
        lines.append(
            f"Fraction Group {group.get('FractionGroupNumber', '')} "
            f"{group.get('FractionGroupDescription', '')} {info}"
        )
        lines.append(
            f"   Brachy Application Setups: {group.get('NumberOfBrachyApplicationSetups')}"
        )
        for beam in group.ReferencedBeamSequence:
            line = f"   Beam {beam.get('ReferencedBeamNumber')} "
            dose, meterset = beam.get("BeamDose"), beam.get("BeamMeterset")
            if dose or meterset:
                line += f"Dose {dose} Meterset {meterset}"
            lines.append(line)
    for beam in ds.BeamSequence:
        kind = beam.get("BeamType")
        line = (
            f"Beam {beam.get('BeamNumber')} '{beam.get('BeamName')}' "
            f"{beam.get('TreatmentDeliveryType')} {kind} {beam.get('RadiationType')}"
        )
        if kind == "STATIC" and (cp := beam.ControlPointSequence[0]):
            line += (
                f" energy {cp.get('NominalBeamEnergy')} gantry {cp.get('GantryAngle')}, "
                f"coll {cp.get('BeamLimitingDeviceAngle')}, couch {cp.get('PatientSupportAngle')}"
            )
        line += (
            f" ({beam.get('NumberOfWedges')} wedges, {beam.get('NumberOfCompensators')} comps, "
            f"{beam.get('NumberOfBoli')} boli, {beam.get('NumberOfBlocks')} blocks)"
        )
        lines.append(line)
    return "\n".join(lines)


quiet_items: list[Callable[[Any], str | None] | str] = [
    _sop_class, "PatientName", "PatientID", "StudyID", "StudyDate", "StudyTime",
    "StudyDescription", _image, _rtplan,
]  # fmt: skip
