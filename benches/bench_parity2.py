"""pydicom parity II against pydicom: encapsulation and bit packing; prints a markdown report.

    python3 benches/bench_parity2.py [--quick]

- ``generate_frames`` + ``encapsulate`` over the 120 frames of color3d_jpeg_baseline.dcm's
  encapsulated value (the same bytes for both libraries),
- ``pack_bits`` / ``unpack_bits`` of a 512 x 512 x 100 binary mask (e.g. a segmentation),
- ``FileSet(path)`` of a DICOMDIR of 2000 instances (written once by pydicom into .cache/).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
import pydicom
import pydicom.encaps
import pydicom.fileset
import pydicom.pixels.utils
from pydicom.data import get_testdata_file

import pyrdicom.encaps
import pyrdicom.fileset
import pyrdicom.pixels.utils

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import fmt, median_time

warnings.simplefilter("ignore")


def row(work: str, ours: float, theirs: float, floor: float | None = None) -> str:
    floor_cell = f" {fmt(floor)} |" if floor is not None else " |"
    return f"| {work} | {fmt(ours)} | {fmt(theirs)} | {theirs / ours:.1f}x |{floor_cell}"


HEADER = [
    "| work | pyrdicom | pydicom | speed-up | floor |",
    "|---|---|---|---|---|",
]


def bench_encaps(repeat: int) -> list[str]:
    path = get_testdata_file("color3d_jpeg_baseline.dcm")
    value = pydicom.dcmread(path).PixelData
    n = 120

    def frames(module):
        return list(module.generate_frames(value, number_of_frames=n))

    ours_frames, ref_frames = frames(pyrdicom.encaps), frames(pydicom.encaps)
    assert ours_frames == ref_frames
    assert pyrdicom.encaps.encapsulate(ours_frames) == pydicom.encaps.encapsulate(ref_frames)
    # The floor of generate_frames: one bytes object per frame, sliced from the value (each
    # frame is one fragment here), which is all its result is.
    spans, pos = [], 8 + int.from_bytes(value[4:8], "little")
    while pos < len(value):
        length = int.from_bytes(value[pos + 4 : pos + 8], "little")
        spans.append((pos + 8, pos + 8 + length))
        pos += 8 + length
    assert [value[a:b] for a, b in spans] == ref_frames
    floor = median_time(lambda: [value[a:b] for a, b in spans], repeat)
    ours_gen = median_time(lambda: frames(pyrdicom.encaps), repeat)
    ref_gen = median_time(lambda: frames(pydicom.encaps), repeat)
    ours_enc = median_time(lambda: pyrdicom.encaps.encapsulate(ours_frames), repeat)
    ref_enc = median_time(lambda: pydicom.encaps.encapsulate(ref_frames), repeat)
    size = len(value) / 2**20
    return [
        f"### Encapsulation: color3d_jpeg_baseline.dcm ({n} JPEG frames, {size:.1f} MB)",
        "",
        *HEADER,
        row("generate_frames (all 120)", ours_gen, ref_gen, floor),
        row("encapsulate (120 frames, BOT)", ours_enc, ref_enc),
        row("generate_frames + encapsulate", ours_gen + ours_enc, ref_gen + ref_enc),
        row(
            "get_frame(index=60)",
            median_time(lambda: pyrdicom.encaps.get_frame(value, 60, number_of_frames=n), repeat),
            median_time(lambda: pydicom.encaps.get_frame(value, 60, number_of_frames=n), repeat),
        ),
    ]


def bench_bits(repeat: int) -> list[str]:
    rng = np.random.default_rng(0)
    mask = (rng.random((100, 512, 512)) > 0.7).astype(np.uint8)
    packed = pydicom.pixels.utils.pack_bits(mask)
    assert pyrdicom.pixels.utils.pack_bits(mask) == packed
    assert np.array_equal(
        pyrdicom.pixels.utils.unpack_bits(packed), pydicom.pixels.utils.unpack_bits(packed)
    )
    words = mask.reshape(-1).view(np.uint64)
    size = mask.size
    return [
        "### Bit packing: a 512 x 512 x 100 uint8 mask (26.2 M pixels, 3.3 MB packed)",
        "",
        *HEADER,
        row(
            "pack_bits",
            median_time(lambda: pyrdicom.pixels.utils.pack_bits(mask), repeat),
            median_time(lambda: pydicom.pixels.utils.pack_bits(mask), repeat),
            # reading the 26 MB mask once (NumPy's OR reduction over 64-bit words)
            median_time(lambda: np.bitwise_or.reduce(words), repeat),
        ),
        row(
            "unpack_bits",
            median_time(lambda: pyrdicom.pixels.utils.unpack_bits(packed), repeat),
            median_time(lambda: pydicom.pixels.utils.unpack_bits(packed), repeat),
            # a new 26 MB array written once
            median_time(lambda: np.empty(size, np.uint8).fill(1), repeat),
        ),
    ]


def _dicomdir(count: int) -> str:
    """A File-set of `count` small CT instances (CT_small.dcm without pixels, new UIDs, 10
    patients x 10 studies x series of 20), written by pydicom once."""
    root = Path(__file__).resolve().parent.parent / ".cache" / f"bench_fileset_{count}"
    dicomdir = root / "DICOMDIR"
    if dicomdir.exists():
        return str(dicomdir)
    shutil.rmtree(root, ignore_errors=True)
    template = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    del template.PixelData
    fs = pydicom.fileset.FileSet()
    for n in range(count):
        ds = template.copy()
        ds.PatientID = f"P{n // 200:03d}"
        ds.StudyInstanceUID = pydicom.uid.generate_uid(entropy_srcs=[f"study{n // 20 // 10}"])
        ds.SeriesInstanceUID = pydicom.uid.generate_uid(entropy_srcs=[f"series{n // 20}"])
        ds.SOPInstanceUID = pydicom.uid.generate_uid(entropy_srcs=[f"image{n}"])
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.InstanceNumber = n
        fs.add(ds)
    fs.write(root)
    return str(dicomdir)


def bench_fileset(repeat: int) -> list[str]:
    count = 2000
    path = _dicomdir(count)
    ours, ref = pyrdicom.fileset.FileSet(path), pydicom.fileset.FileSet(path)
    assert [i.path for i in ours] == [i.path for i in ref] and len(ours) == count
    return [
        f"### FileSet: load a DICOMDIR of {count} instances ({len(list(ours._tree))} records)",
        "",
        *HEADER,
        row(
            "FileSet(path)",
            median_time(lambda: pyrdicom.fileset.FileSet(path), max(3, repeat // 4)),
            median_time(lambda: pydicom.fileset.FileSet(path), max(3, repeat // 4)),
        ),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    repeat = 5 if ap.parse_args().quick else 21
    report = [*bench_encaps(repeat), "", *bench_bits(repeat), "", *bench_fileset(repeat)]
    print("\n".join(report))


if __name__ == "__main__":
    main()
