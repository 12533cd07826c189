"""pydicom's ``pydicom.cli.main`` (reached as ``pyrdicom.cli.main``): file specifications
``[pydicom::]file[::element]`` for the ``show`` and ``codify`` commands, and the pydicom-style
entry point. ``pydicom::NAME`` names one of pydicom's test files, found on disk when pydicom (a
separate install) is there; pyrdicom never imports it.

Called, the module runs the command line (see ``pyrdicom.cli``'s ``_main``).

Parameters
----------
argv : list of str, optional
    The arguments (default: ``sys.argv[1:]``).
**kwargs
    ``pydicom_style``: raise errors rather than report them.

Returns
-------
int
    The exit status.

Examples
--------
>>> import pyrdicom.cli.main
>>> pyrdicom.cli.main(["show", "pydicom::CT_small.dcm::Columns"])
128
0
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
import types
from pathlib import Path
from typing import Any

_KEYWORD_OR_ITEM = r"\w+(\[(-)?\d+\])?"
_ELEMENT_SPEC = re.compile(_KEYWORD_OR_ITEM + r"(\." + _KEYWORD_OR_ITEM + r")*$")

filespec_help = (
    "File specification, in format [pydicom::]filename[::element]. If `pydicom::` prefix is "
    "present, then use the pydicom test file with that name. If `element` is given, use only "
    "that data element within the file. Examples: path/to/your_file.dcm, "
    "your_file.dcm::StudyDate, pydicom::rtplan.dcm::BeamSequence[0], "
    "yourplan.dcm::BeamSequence[0].BeamNumber"
)


def _pydicom_test_file(name: str) -> str:
    """The path of pydicom's test or charset file `name`, or "" (pydicom not installed, or
    `name` an absolute path, which names no test file)."""
    if Path(name).is_absolute():
        return ""
    try:  # located through the installed distribution: nothing of pydicom is imported
        data = Path(str(importlib.metadata.distribution("pydicom").locate_file("pydicom/data")))
    except importlib.metadata.PackageNotFoundError:
        return ""
    for folder in ("test_files", "charset_files"):
        found = sorted((data / folder).rglob(name)) if (data / folder).is_dir() else []
        if found:
            return str(found[0])
    return ""


def eval_element(ds: Any, element: str) -> Any:
    """The value of `element` (e.g. ``BeamSequence[0].BeamNumber``) in `ds`."""
    try:
        return eval("ds." + element, {"ds": ds})
    except AttributeError:
        raise argparse.ArgumentTypeError(
            f"Data element '{element}' is not in the dataset"
        ) from None
    except IndexError as e:
        raise argparse.ArgumentTypeError(f"'{element}' has an index error: {e}") from None


def filespec_parts(filespec: str) -> tuple[str, str, str]:
    """(prefix, file name, element) of a file specification."""
    *prefix_file, last = filespec.split("::")
    if not prefix_file:
        return "", last, ""
    prefix = "pydicom" if prefix_file[0] == "pydicom" else ""
    if prefix:
        prefix_file.pop(0)
    if not prefix_file:
        return prefix, last, ""
    return prefix, "".join(prefix_file), last


def filespec_parser(filespec: str) -> list[tuple[Any, Any]]:
    """[(data set, the element's value or None)] for an argparse file specification."""
    from ..filereader import dcmread

    prefix, filename, element = filespec_parts(filespec)
    test_file = _pydicom_test_file(filename) if filename else ""
    if prefix == "pydicom":
        filename = test_file
    if element and not _ELEMENT_SPEC.match(element):
        raise argparse.ArgumentTypeError(
            f"Component '{element}' is not valid syntax for a data element, sequence, or "
            "sequence item"
        )
    try:
        ds = dcmread(filename, force=True)
    except FileNotFoundError:
        extra = f", \nbut 'pydicom::{filename}' test data file is available" if test_file else ""
        raise argparse.ArgumentTypeError(f"File '{filename}' not found{extra}") from None
    except Exception as e:
        raise argparse.ArgumentTypeError(f"Error reading '{filename}': {e}") from None
    return [(ds, eval_element(ds, element) if element else None)]


def main(args: list[str] | None = None, prog: str = "pydicom") -> None:
    """pydicom's command line entry point, for code that drives pydicom's program.

    The commands are the ``pyrdicom`` command's (``help``, ``show``, ``codify`` with pydicom's
    options, and pyrdicom's own); as in pydicom, errors propagate and a call without a command
    prints the help.

    Parameters
    ----------
    args : list of str, optional
        The command line arguments; None (default) takes ``sys.argv[1:]``.
    prog : str, optional
        The program name usage and help texts show: ``"pydicom"`` (default), as pydicom's
        program, which the calling code was written for; ``"pyrdicom"`` names the command
        pyrdicom installs.

    Returns
    -------
    None

    Raises
    ------
    SystemExit
        On invalid arguments, or after ``--help`` (argparse's behaviour).
    Exception
        Whatever the command raises (e.g. ``NotImplementedError`` when codify is given an
        element rather than a data set).

    Examples
    --------
    >>> from pyrdicom.cli.main import main
    >>> main(["help"], prog="pyrdicom")  # doctest: +ELLIPSIS
    Use pyrdicom help [subcommand] to show help for a subcommand
    Available subcommands: show, ...
    """
    from ..cli import pydicom_style_main

    pydicom_style_main(args, prog)


class _CallableModule(types.ModuleType):
    """Importing this module rebinds ``pyrdicom.cli.main`` (the console entry point) to it:
    calling it still runs the command line."""

    def __call__(self, argv: list[str] | None = None, **kwargs: Any) -> int:
        from ..cli import _main

        return _main(argv, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
