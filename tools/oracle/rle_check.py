"""Export every RLE Lossless test file (pydicom + pydicom-data, plus larger ones
made here) for `cargo run --release --example rle_check`, and time pydicom.

For each file, OUT/<name>.pixeldata holds the encapsulated (7FE0,0010) value,
OUT/<name>.expected pydicom's `pixel_array` bytes (C order), OUT/<name>.eot
the Extended Offset Table (offsets then lengths, u64 LE) when present, and
OUT/manifest.txt a line `name rows columns samples bits frames has_eot`.
OUT/timings.txt gets pydicom (pylibjpeg-rle), pylibjpeg-rle alone and GDCM
decode times in ms (best of several runs; GDCM for the large files only).

Usage: python tools/oracle/rle_check.py [OUT]   (default /tmp/rle_check)
"""

import glob
import os
import sys
import time
import warnings

import pydicom
from pydicom.data import data_manager
from pydicom.encaps import generate_frames
from pydicom.uid import RLELossless
from rle.rle import decode_frame

OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rle_check"
warnings.simplefilter("ignore")


def rle_test_files():
    roots = [data_manager.DATA_ROOT]
    roots += [str(s.data_path) for s in data_manager.get_external_sources().values()]
    for root in roots:
        for path in sorted(glob.glob(os.path.join(root, "**", "*"), recursive=True)):
            if not os.path.isfile(path):
                continue
            try:
                ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
            except Exception:
                continue
            meta = getattr(ds, "file_meta", None)
            if meta is not None and meta.get("TransferSyntaxUID") == RLELossless:
                yield path


def make_large(out_dir):
    """Larger RLE files from big uncompressed/JPEG test files (GDCM's encoder)."""
    made = []
    for name, source in [
        ("big_RG1_16bit.dcm", "RG1_UNCI.dcm"),
        ("big_MR2_16bit.dcm", "MR2_UNCI.dcm"),
        ("big_US1_rgb.dcm", "US1_UNCI.dcm"),
        ("big_color3d_rgb_120f.dcm", "color3d_jpeg_baseline.dcm"),
    ]:
        path = os.path.join(out_dir, name)
        if not os.path.exists(path):
            ds = pydicom.dcmread(pydicom.data.get_testdata_file(source))
            if ds.file_meta.TransferSyntaxUID.is_compressed:
                arr = ds.pixel_array  # converted to RGB
                ds.PhotometricInterpretation = "RGB"
                ds.compress(RLELossless, arr, encoding_plugin="gdcm")
            else:
                ds.compress(RLELossless, encoding_plugin="gdcm")
            ds.save_as(path)
        made.append(path)
    return made


def best_ms(func, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def gdcm_decode(path):
    import gdcm

    reader = gdcm.ImageReader()
    reader.SetFileName(path)
    if not reader.Read():
        raise RuntimeError("GDCM could not read " + path)
    return reader.GetImage().GetBuffer()


def main():
    os.makedirs(OUT, exist_ok=True)
    paths = list(rle_test_files()) + make_large(OUT)
    manifest, timings = [], []
    for path in paths:
        name = os.path.basename(path)[:-4]
        ds = pydicom.dcmread(path)
        nr_frames = int(ds.get("NumberOfFrames", 1) or 1)
        arr = ds.pixel_array
        with open(os.path.join(OUT, name + ".pixeldata"), "wb") as f:
            f.write(ds.PixelData)
        with open(os.path.join(OUT, name + ".expected"), "wb") as f:
            f.write(arr.tobytes())
        has_eot = "ExtendedOffsetTable" in ds
        if has_eot:
            with open(os.path.join(OUT, name + ".eot"), "wb") as f:
                f.write(ds.ExtendedOffsetTable + ds.ExtendedOffsetTableLengths)
        manifest.append(
            f"{name} {ds.Rows} {ds.Columns} {ds.SamplesPerPixel} {ds.BitsAllocated} "
            f"{nr_frames} {int(has_eot)}"
        )

        runs = 3 if len(ds.PixelData) > 10_000_000 else 20
        frames = list(generate_frames(ds.PixelData, number_of_frames=nr_frames))
        pixels, bits = ds.Rows * ds.Columns, ds.BitsAllocated
        t_pydicom = best_ms(lambda p=path: pydicom.dcmread(p).pixel_array, runs)
        t_rle = best_ms(
            lambda fs=frames, n=pixels, b=bits: [decode_frame(f, n, b, "<") for f in fs], runs
        )
        line = (
            f"{name} raw_bytes={arr.nbytes} pydicom_pixel_array={t_pydicom:.3f} "
            f"pylibjpeg_rle_frames={t_rle:.3f}"
        )
        # GDCM aborts the process on some of pydicom's small test files.
        if name.startswith("big_"):
            line += f" gdcm_file={best_ms(lambda p=path: gdcm_decode(p), runs):.3f}"
        timings.append(line)
        print(timings[-1])

    with open(os.path.join(OUT, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")
    with open(os.path.join(OUT, "timings.txt"), "w") as f:
        f.write("\n".join(timings) + "\n")


if __name__ == "__main__":
    main()
