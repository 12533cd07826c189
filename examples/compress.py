"""Compress a file's pixel data with each lossless encoder the build has, check that each
decodes back to the same pixels, and save the results.

    python examples/compress.py [IN.dcm] [OUT_DIR]
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import numpy as np

import pyrdicom
from pyrdicom import uid

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else HERE / "CT_small.dcm"
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp())
    original = pyrdicom.dcmread(source)
    pixels = original.pixel_array
    print(f"{source.name}: {len(original.PixelData)} bytes of native pixel data")

    for syntax in (uid.RLELossless, uid.JPEGLSLossless, uid.JPEG2000Lossless):
        ds = pyrdicom.dcmread(source)
        ds.compress(syntax)  # frames are encoded in parallel by the Rust core
        target = out_dir / f"{source.stem}_{syntax.keyword}.dcm"
        ds.save_as(target)

        back = pyrdicom.dcmread(target)
        assert back.file_meta.TransferSyntaxUID == syntax
        assert np.array_equal(back.pixel_array, pixels), f"{syntax.name} is not lossless"
        print(f"{syntax.name:45} {len(back.PixelData):7} bytes -> {target.name}")

    # And back to native, in memory.
    ds = pyrdicom.dcmread(out_dir / f"{source.stem}_RLELossless.dcm")
    ds.decompress()
    buffer = io.BytesIO()
    ds.save_as(buffer)
    assert np.array_equal(pyrdicom.dcmread(io.BytesIO(buffer.getvalue())).pixel_array, pixels)
    print("decompressed again: identical pixels")


if __name__ == "__main__":
    main(sys.argv[1:])
