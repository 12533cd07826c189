"""The `pyrdicom` command line.

- ``pyrdicom show FILE [--top] [--no-pixels]``: the elements, as pydicom shows them.
- ``pyrdicom view FILE -o OUT.png [--frame N] [--window C W]``: one frame rendered as a viewer
  shows it (modality LUT, window or VOI LUT, MONOCHROME1 inverted, colour as RGB).
- ``pyrdicom convert IN OUT --transfer-syntax NAME|UID``: the file in another transfer syntax
  (decompressed and/or compressed as needed; lossy JPEG-LS/JPEG 2000 take --jls-error/--j2k-cr,
  JPEG Baseline/Extended --jpeg-quality, JPEG Lossless --jpeg-predictor).
- ``pyrdicom index DIR... -o OUT.parquet [--tags KEYWORD...] [--threads N]``: one row per file
  (the Parquet index; needs pyarrow), with a progress bar and a one-line summary.
- ``pyrdicom volume DIR -o OUT.nii.gz|OUT.npz``: a series as one volume (NIfTI needs nibabel;
  ``.npz`` holds ``array`` and ``affine``); ``pyrdicom view DIR --slice N`` renders one slice.
- ``pyrdicom info``, ``pyrdicom --version``: the versions of the package, the core and the codecs.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from .errors import DicomError

if TYPE_CHECKING:
    from .uid import UID


def _show(args: argparse.Namespace) -> None:
    from ._cli.show import do_command
    from .filereader import dcmread

    if "::" in args.file:  # pydicom's file specification: [pydicom::]file[::element]
        from ._cli.main import filespec_parser

        args.filespec = filespec_parser(args.file)
    else:
        ds = dcmread(args.file, force=args.force, stop_before_pixels=args.no_pixels)
        args.filespec = [(ds, None)]
    do_command(args)


def _view(args: argparse.Namespace) -> None:
    from .filereader import dcmread
    from .pixels import pixel_array, render
    from .pixels.png import write_png

    if os.path.isdir(args.file):
        _view_series(args)
        return
    ds = dcmread(args.file, force=args.force)
    frame = pixel_array(ds, index=args.frame)
    write_png(args.output, render(ds, frame=args.frame, window=args.window, arr=frame))


def _view_series(args: argparse.Namespace) -> None:
    from .pixels import render
    from .pixels.png import write_png
    from .volume import read_series

    vol = read_series(args.file, rescale=False)  # render applies each slice's modality LUT
    if not -vol.array.shape[0] <= args.slice < vol.array.shape[0]:
        raise IndexError(f"slice {args.slice} of a series of {vol.array.shape[0]} slices")
    ds = vol.datasets[args.slice]
    write_png(args.output, render(ds, window=args.window, arr=vol.array[args.slice]))


def _volume(args: argparse.Namespace) -> None:
    import numpy as np

    from .volume import read_series

    nifti = args.output.endswith((".nii", ".nii.gz"))
    if not nifti and not args.output.endswith(".npz"):
        raise ValueError(f"'{args.output}': the output must end in .nii, .nii.gz or .npz")
    vol = read_series(
        args.file,
        series_uid=args.series_uid,
        allow_missing_slices=args.allow_missing_slices,
        allow_tilt=args.allow_tilt,
    )
    if nifti:
        vol.to_nifti().to_filename(args.output)
    else:
        np.savez(args.output, array=vol.array, affine=vol.affine)
    shape = "x".join(str(n) for n in vol.array.shape)
    spacing = ", ".join(f"{v:.4g}" for v in vol.spacing)
    print(f"{args.output}: {shape} {vol.array.dtype}, spacing ({spacing}) mm")


def _index(args: argparse.Namespace) -> None:
    import time

    from .batch import DEFAULT_TAGS, index, summary

    start = time.perf_counter()
    table = index(
        args.file,
        tags=args.tags or DEFAULT_TAGS,
        out=args.output,
        threads=args.threads,
        progress=None,
    )
    print(f"{args.output}: {summary(table, time.perf_counter() - start)}")


def _transfer_syntax(name: str) -> UID:
    from . import uid

    value = getattr(uid, name, None) if not name[:1].isdigit() else uid.UID(name)
    if value is None:
        # keywords pydicom 3.0.2's uid module lacks (JPEGXLLossless, ...): the registry's
        from . import _transfer_syntax

        keywords = {ts.keyword: ts.uid for ts in _transfer_syntax.REGISTRY.values()}
        value = uid.UID(keywords[name]) if name in keywords else None
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


# --- the package itself: --version and `info` (versions of the core and bundled codecs) ---


def _info(args: argparse.Namespace) -> None:
    from . import env_info

    env_info.main()


def _add_package_commands(
    parser: argparse.ArgumentParser, sub: argparse._SubParsersAction[argparse.ArgumentParser]
) -> None:
    from . import __version__

    parser.add_argument("--version", action="version", version=f"pyrdicom {__version__}")
    info = sub.add_parser("info", help="versions of pyrdicom, its core and its bundled codecs")
    info.set_defaults(func=_info, file="info")


# --- end of the package commands ---


def _main(
    argv: list[str] | None = None, *, pydicom_style: bool = False, prog: str = "pyrdicom"
) -> int:
    """The ``pyrdicom`` command line (``python -m pyrdicom``): ``show``, ``codify``, ``help`` and
    the package's own commands.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).
    pydicom_style : bool
        Behave as pydicom's program: raise errors rather than report them, print the help when
        called bare, and offer only pydicom's commands.
    prog : str
        The program's name in usage texts.

    Returns
    -------
    int
        The exit status.

    Examples
    --------
    >>> from pyrdicom.cli import main
    >>> main(["show", "pydicom::CT_small.dcm::Rows"])
    128
    0
    """
    parser = argparse.ArgumentParser(prog=prog, description="Read and look at DICOM files.")
    # pydicom's program prints its help when called bare and has no options of its own.
    sub = parser.add_subparsers(dest="command", required=not pydicom_style)
    if not pydicom_style:
        _add_package_commands(parser, sub)
    show = sub.add_parser("show", help="print the elements of a DICOM file")
    show.add_argument("file")
    show.add_argument(
        "-t", "--top", action="store_true", help="only the top level, no sequence items"
    )
    show.add_argument("--no-pixels", action="store_true", help="stop before the pixel data")
    show.add_argument(
        "-x", "--exclude-private", action="store_true", help="leave out private elements"
    )
    show.add_argument("-q", "--quiet", action="store_true", help="only a summary")
    show.set_defaults(func=_show)
    view = sub.add_parser("view", help="render one frame to a PNG file")
    view.add_argument("file")
    view.add_argument("-o", "--output", required=True, help="the PNG file to write")
    view.add_argument("--frame", type=int, default=0, help="frame index (default 0)")
    view.add_argument(
        "--slice",
        type=int,
        default=0,
        help="with a series folder: the slice (sorted along the normal)",
    )
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
    idx = sub.add_parser("index", help="a Parquet table of the files in folders (one row each)")
    idx.add_argument("file", nargs="+", metavar="PATH", help="folders, files or glob patterns")
    idx.add_argument("-o", "--output", required=True, help="the .parquet file to write")
    idx.add_argument("--tags", nargs="+", help="keywords or tags (default: a catalogue's set)")
    idx.add_argument("--threads", type=int, help="threads parsing files (default: all CPUs)")
    idx.set_defaults(func=_index)
    volume = sub.add_parser("volume", help="read a series folder as one volume")
    volume.add_argument("file", metavar="DIR")
    volume.add_argument("-o", "--output", required=True, help="OUT.nii.gz (nibabel) or OUT.npz")
    volume.add_argument("--series-uid", help="the series to read when the folder holds several")
    volume.add_argument("--allow-missing-slices", action="store_true", help="fill gaps")
    volume.add_argument("--allow-tilt", action="store_true", help="accept gantry tilt (shear)")
    volume.set_defaults(func=_volume)
    for p in (show, view, convert):
        p.add_argument("--force", action="store_true", help="read files without a DICOM header")
    _add_pydicom_commands(sub, prog)
    args = parser.parse_args(argv)
    if pydicom_style:  # as pydicom.cli.main.main: errors propagate
        if args.command is None:
            parser.print_help()
        else:
            args.func(args)
        return 0
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
        ImportError,
    ) as e:
        # A bad file, path or argument is one line on stderr, never a traceback.
        print(f"pyrdicom: {getattr(args, 'file', '')}: {e}", file=sys.stderr)
        return 1
    return 0


# --- pydicom's commands: codify, help; `pyrdicom.cli.main` (pydicom's module) ----------------

# This module doubles as the package holding `main` (pydicom.cli.main's names), in ../_cli.
__path__ = [os.path.join(os.path.dirname(__file__), "_cli")]


def _add_pydicom_commands(sub: Any, prog: str) -> None:
    from .util.codify import do_codify, set_parser_arguments

    codify = sub.add_parser(
        "codify",
        help="write the Python code that recreates a DICOM file",
        description="Read a DICOM file and produce the pyrdicom (Python) code which can create "
        "that file",
    )
    set_parser_arguments(codify, 100)
    codify.set_defaults(func=do_codify)
    helper = sub.add_parser("help", help="display help for subcommands")
    helper.add_argument("subcommand", nargs="?", help="Subcommand to show help for")
    helper.set_defaults(func=lambda args: _help(sub, prog, args))


def _help(sub: Any, prog: str, args: argparse.Namespace) -> None:
    names = [name for name in sub.choices if name != "help"]
    if args.subcommand in names:
        sub.choices[args.subcommand].print_help()
    else:
        print(f"Use {prog} help [subcommand] to show help for a subcommand")
        print(f"Available subcommands: {', '.join(names)}")


def pydicom_style_main(argv: list[str] | None = None, prog: str = "pydicom") -> None:
    """`pydicom.cli.main.main`: pydicom's program (usage texts name it `prog`), with the same
    commands as `pyrdicom`'s but no options of its own; errors raised rather than reported.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).
    prog : str
        The program's name in usage texts.

    Examples
    --------
    >>> from pyrdicom.cli import pydicom_style_main
    >>> pydicom_style_main(["show", "pydicom::CT_small.dcm::PatientName"])  # a test file
    CompressedSamples^CT1
    """
    _main(argv, pydicom_style=True, prog=prog)


# `main` is also the name of the submodule: importing `pyrdicom.cli.main` rebinds it here to that
# module, which is made callable as this function (see _cli/main.py).
main = _main

if __name__ == "__main__":
    sys.exit(main())
