"""Extract DICOM's well-known colour palettes (PS3.6 Annex B) from pydicom's palette files.

Writes python/pyrdicom/pixels/_palettes.json, which is committed: pyrdicom must not need pydicom
at run time. The raw LUT element bytes are kept as they are in the files (normal or segmented), so
pyrdicom expands them with the same code it uses for any data set.

    python tools/gen_palettes.py
"""

import json
from pathlib import Path

import pydicom
from pydicom.data import get_palette_files

# SOP Instance UID -> (name, pydicom's file), PS3.6 Annex B.
PALETTES = {
    "1.2.840.10008.1.5.1": ("HOT_IRON", "hotiron.dcm"),
    "1.2.840.10008.1.5.2": ("PET", "pet.dcm"),
    "1.2.840.10008.1.5.3": ("HOT_METAL_BLUE", "hotmetalblue.dcm"),
    "1.2.840.10008.1.5.4": ("PET_20_STEP", "pet20step.dcm"),
    "1.2.840.10008.1.5.5": ("SPRING", "spring.dcm"),
    "1.2.840.10008.1.5.6": ("SUMMER", "summer.dcm"),
    "1.2.840.10008.1.5.7": ("FALL", "fall.dcm"),
    "1.2.840.10008.1.5.8": ("WINTER", "winter.dcm"),
}
OUT = Path(__file__).resolve().parent.parent / "python" / "pyrdicom" / "pixels" / "_palettes.json"


def extract(uid: str, name: str, filename: str) -> dict:
    ds = pydicom.dcmread(get_palette_files(filename)[0])
    if ds.SOPInstanceUID != uid:
        raise SystemExit(f"{filename}: SOP Instance UID {ds.SOPInstanceUID}, expected {uid}")
    segmented = "SegmentedRedPaletteColorLookupTableData" in ds
    prefix = "Segmented" if segmented else ""
    entry = {
        "name": name,
        "descriptor": [int(v) for v in ds.RedPaletteColorLookupTableDescriptor],
        "segmented": segmented,
        "little_endian": ds.file_meta.TransferSyntaxUID.is_little_endian,
    }
    for colour in ("Red", "Green", "Blue"):
        entry[colour.lower()] = ds[f"{prefix}{colour}PaletteColorLookupTableData"].value.hex()
    return entry


def main() -> None:
    palettes = {uid: extract(uid, *spec) for uid, spec in PALETTES.items()}
    doc = {"source": f"pydicom {pydicom.__version__} data/palettes", "palettes": palettes}
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
