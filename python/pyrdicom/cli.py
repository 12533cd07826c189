"""The `pyrdicom` command line: `pyrdicom show FILE` prints the elements as pydicom shows them."""

from __future__ import annotations

import argparse
import sys

from .errors import DicomError


def _show(args: argparse.Namespace) -> None:
    from .filereader import dcmread

    ds = dcmread(args.file, force=True, stop_before_pixels=args.no_pixels)
    if args.top:
        print(ds.top())
    else:
        print(ds.file_meta)
        print(ds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pyrdicom", description="Read and look at DICOM files.")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="print the elements of a DICOM file")
    show.add_argument("file")
    show.add_argument("--top", action="store_true", help="only the top level, no sequence items")
    show.add_argument("--no-pixels", action="store_true", help="stop before the pixel data")
    show.set_defaults(func=_show)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except BrokenPipeError:
        return 0
    except (DicomError, OSError) as exc:
        print(f"pyrdicom: {args.file}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
