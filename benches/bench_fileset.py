"""pyrdicom.fileset against pydicom.fileset on a large File-set; prints a markdown report.

    python3 benches/bench_fileset.py [--quick] [--count N]

The File-set (default 5000 small CT instances: CT_small.dcm without its pixels, new UIDs,
10 patients x 5 studies x 5 series of 20 images) is written once into .cache/ by pyrdicom's
``FileSet.write`` and checked to load in pydicom without orphans. Timed, medians of the
same work in one run:

- ``FileSet(path)``: read the DICOMDIR, build the record tree, check every instance's File ID
  (inside the root, the file there) and whether it is in the standard layout;
- ``_write_dicomdir``: encode the DICOMDIR of the loaded File-set (offsets included) into
  memory, the step ``write``/``copy`` add to moving files.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import warnings
from pathlib import Path

import pydicom.fileset
from pydicom.data import get_testdata_file
from pydicom.filebase import DicomFileLike as RefDicomFileLike

import pyrdicom
import pyrdicom.fileset
from pyrdicom.filebase import DicomFileLike

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import fmt, median_time

warnings.simplefilter("ignore")


def build(count: int) -> Path:
    """The DICOMDIR of a File-set of `count` instances, written once."""
    root = Path(__file__).resolve().parent.parent / ".cache" / f"bench_fileset_big_{count}"
    dicomdir = root / "DICOMDIR"
    if dicomdir.exists():
        return dicomdir
    shutil.rmtree(root, ignore_errors=True)
    template = pyrdicom.dcmread(get_testdata_file("CT_small.dcm"))
    del template.PixelData
    fs = pyrdicom.fileset.FileSet()
    for n in range(count):
        ds = template.copy()
        ds.PatientID = f"P{n // 500:03d}"
        ds.StudyInstanceUID = f"1.2.826.0.1.3680043.10.1543.7.1.{n // 100}"
        ds.SeriesInstanceUID = f"1.2.826.0.1.3680043.10.1543.7.2.{n // 20}"
        ds.SOPInstanceUID = f"1.2.826.0.1.3680043.10.1543.7.3.{n}"
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.InstanceNumber = n
        fs.add(ds)
    fs.write(root)
    pydicom.fileset.FileSet().load(dicomdir, raise_orphans=True)
    return dicomdir


def encode(fs: object, file_like: type) -> bytes:
    buffer = io.BytesIO()
    fs._write_dicomdir(file_like(buffer), copy_safe=True)  # type: ignore[attr-defined]
    return buffer.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--count", type=int, default=5000)
    args = ap.parse_args()
    repeat = 3 if args.quick else 7
    path = build(args.count)

    ours, ref = pyrdicom.fileset.FileSet(path), pydicom.fileset.FileSet(path)
    assert [i.path for i in ours] == [i.path for i in ref] and len(ours) == args.count
    assert ours._tree.prettify() == ref._tree.prettify()
    records = len(list(ours._tree))
    # same records, pyrdicom's Implementation Class UID 2 bytes longer than pydicom's
    assert len(encode(ours, DicomFileLike)) == len(encode(ref, RefDicomFileLike)) + 2

    rows = [
        (
            "FileSet(path)",
            median_time(lambda: pyrdicom.fileset.FileSet(path), repeat),
            median_time(lambda: pydicom.fileset.FileSet(path), repeat),
        ),
        (
            "_write_dicomdir (to memory)",
            median_time(lambda: encode(ours, DicomFileLike), repeat),
            median_time(lambda: encode(ref, RefDicomFileLike), repeat),
        ),
    ]
    print(f"### FileSet: a DICOMDIR of {args.count} instances ({records} records)\n")
    print("| work | pyrdicom | pydicom | speed-up |")
    print("|---|---|---|---|")
    for work, mine, theirs in rows:
        print(f"| {work} | {fmt(mine)} | {fmt(theirs)} | {theirs / mine:.1f}x |")


if __name__ == "__main__":
    main()
