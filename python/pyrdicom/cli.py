"""The `pyrdicom` command line.

- ``pyrdicom show FILE [--top] [--no-pixels]``: the elements, as pydicom shows them.
- ``pyrdicom view FILE -o OUT.png [--frame N] [--window C W]``: one frame rendered as a viewer
  shows it (modality LUT, window or VOI LUT, MONOCHROME1 inverted, colour as RGB).
- ``pyrdicom convert IN OUT --transfer-syntax NAME|UID``: the file in another transfer syntax
  (decompressed and/or compressed as needed; lossy JPEG-LS/JPEG 2000 take --jls-error/--j2k-cr,
  JPEG Baseline/Extended --jpeg-quality, JPEG Lossless --jpeg-predictor).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .errors import DicomError

if TYPE_CHECKING:
    from .uid import UID


def _show(args: argparse.Namespace) -> None:
    from .filereader import dcmread

    ds = dcmread(args.file, force=args.force, stop_before_pixels=args.no_pixels)
    print(ds.top() if args.top else str(ds))


def _view(args: argparse.Namespace) -> None:
    from .filereader import dcmread
    from .pixels import pixel_array, render
    from .pixels.png import write_png

    ds = dcmread(args.file, force=args.force)
    frame = pixel_array(ds, index=args.frame)
    write_png(args.output, render(ds, frame=args.frame, window=args.window, arr=frame))


def _transfer_syntax(name: str) -> UID:
    from . import uid

    value = getattr(uid, name, None) if not name[:1].isdigit() else uid.UID(name)
    if not isinstance(value, uid.UID) or not value.is_transfer_syntax:
        raise ValueError(f"'{name}' is not a transfer syntax name (e.g. RLELossless) or UID")
    return value


def _convert(args: argparse.Namespace) -> None:
    from .filereader import dcmread
    from .pixels.encoding import ENCODERS

    target = _transfer_syntax(args.transfer_syntax)
    ds = dcmread(args.file, force=args.force)
    current = ds.file_meta.get("TransferSyntaxUID")
    has_pixels = "PixelData" in ds
    if current is not None and current.is_compressed and has_pixels and current != target:
        ds.decompress()
    if target.is_compressed:
        if str(target) not in ENCODERS:
            raise NotImplementedError(f"pyrdicom cannot encode '{target.name}'")
        if has_pixels and ds.file_meta.TransferSyntaxUID != target:
            options = {
                "jls_error": args.jls_error,
                "j2k_cr": args.j2k_cr,
                "jpeg_quality": args.jpeg_quality,
                "jpeg_predictor": args.jpeg_predictor,
            }
            ds.compress(target, **{k: v for k, v in options.items() if v is not None})
    else:
        ds.file_meta.TransferSyntaxUID = target
    ds.save_as(args.output, enforce_file_format=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pyrdicom", description="Read and look at DICOM files.")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="print the elements of a DICOM file")
    show.add_argument("file")
    show.add_argument("--top", action="store_true", help="only the top level, no sequence items")
    show.add_argument("--no-pixels", action="store_true", help="stop before the pixel data")
    show.set_defaults(func=_show)
    view = sub.add_parser("view", help="render one frame to a PNG file")
    view.add_argument("file")
    view.add_argument("-o", "--output", required=True, help="the PNG file to write")
    view.add_argument("--frame", type=int, default=0, help="frame index (default 0)")
    view.add_argument(
        "--window", type=float, nargs=2, metavar=("CENTER", "WIDTH"), help="override the window"
    )
    view.set_defaults(func=_view)
    convert = sub.add_parser("convert", help="write a file in another transfer syntax")
    convert.add_argument("file")
    convert.add_argument("output")
    convert.add_argument(
        "--transfer-syntax", required=True, help="a UID keyword (e.g. JPEG2000Lossless) or a UID"
    )
    convert.add_argument("--jls-error", type=int, help="JPEG-LS near-lossless NEAR value")
    convert.add_argument("--j2k-cr", type=float, nargs="+", help="JPEG 2000 compression ratios")
    convert.add_argument("--jpeg-quality", type=int, help="JPEG Baseline/Extended quality 1-100")
    convert.add_argument("--jpeg-predictor", type=int, help="JPEG Lossless predictor 1-7")
    convert.set_defaults(func=_convert)
    for p in (show, view, convert):
        p.add_argument("--force", action="store_true", help="read files without a DICOM header")
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except BrokenPipeError:
        return 0
    except (
        DicomError,
        OSError,
        ValueError,
        IndexError,
        AttributeError,
        NotImplementedError,
    ) as e:
        # A bad file, path or argument is one line on stderr, never a traceback.
        print(f"pyrdicom: {args.file}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
