"""Read a file, change a few elements, save it, and read it back.

    python examples/read_modify_save.py [IN.dcm] [OUT.dcm]

With pydicom the same code runs after ``import pydicom as pyrdicom``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pyrdicom

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else HERE / "CT_small.dcm"
    target = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp()) / "anonymised.dcm"

    ds = pyrdicom.dcmread(source)
    print(f"read {source.name}: {ds.PatientName}, {ds.Modality}, {ds.Rows}x{ds.Columns}")

    # Element access by keyword; values have pydicom's types (PersonName, DSfloat, ...).
    ds.PatientName = "Anonymous^Patient"
    ds.PatientID = "0000"
    ds.InstitutionName = "Example Hospital"
    del ds.PatientBirthDate
    ds.add_new(0x00204000, "LT", "modified by examples/read_modify_save.py")  # ImageComments

    # Untouched elements (the pixel data too) are copied from the source as read.
    ds.save_as(target)

    back = pyrdicom.dcmread(target)
    assert back.PatientName == "Anonymous^Patient" and "PatientBirthDate" not in back
    assert back.ImageComments.startswith("modified by")
    print(f"saved {target}: {back.PatientName}, {back.InstitutionName}")


if __name__ == "__main__":
    main(sys.argv[1:])
