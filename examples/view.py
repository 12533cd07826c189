"""Show an image with matplotlib, as a radiologist's viewer would: the modality LUT (rescale)
and the data set's window applied.

    python examples/view.py [IN.dcm] [--output OUT.png]

Without --output a window opens (if the machine has a display).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

import pyrdicom
from pyrdicom.pixels import apply_modality_lut, apply_voi_lut

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(HERE / "CT_small.dcm"))
    parser.add_argument("--output", help="write a PNG instead of opening a window")
    args = parser.parse_args()
    if args.output:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ds = pyrdicom.dcmread(args.file)
    arr = ds.pixel_array  # a zero-copy view of the file for native little-endian data
    hu = apply_modality_lut(arr, ds)  # stored values -> Hounsfield units for CT
    shown = apply_voi_lut(hu, ds)  # the data set's window (Window Center/Width)

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.imshow(shown, cmap="gray")
    ax.set_title(f"{ds.Modality}, {ds.Rows}x{ds.Columns}")
    ax.axis("off")
    if args.output:
        fig.savefig(args.output, dpi=100, bbox_inches="tight")
        print(f"wrote {args.output}")
    else:
        plt.show()


if __name__ == "__main__":
    main()
