"""Python code that recreates a data set (pydicom's ``util.codify``); also ``pyrdicom codify``.

The code it writes imports pyrdicom, so it runs where pyrdicom is installed; ``package="pydicom"``
(``--package pydicom`` on the command line) writes pydicom's imports instead, the code pydicom's
codify writes.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import deque
from collections.abc import Callable
from typing import Any

from ..datadict import dictionary_keyword
from ..dataset import Dataset
from ..filereader import dcmread

line_term = "\n"

_FIRST_CAP = re.compile("(.)([A-Z][a-z]+)")
_ALL_CAP = re.compile("([a-z0-9])([A-Z])")
# VRs whose values are bytes (or numbers) that --exclude-size may leave out.
_BINARY_VRS = {"OB", "OD", "OF", "OL", "OV", "OW", "UN", "OB or OW", "US or OW"}


def camel_to_underscore(name: str) -> str:
    """``"BeamSequence"`` -> ``"beam_sequence"``.


    Parameters
    ----------
    name : str
        A CamelCase name.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.util.codify import camel_to_underscore
    >>> camel_to_underscore("BeamSequence")
    'beam_sequence'
    """
    return _ALL_CAP.sub(r"\1_\2", _FIRST_CAP.sub(r"\1_\2", name)).lower()


def tag_repr(tag: Any) -> str:
    """A tag as code: ``(0x0010, 0x0010)``.


    Parameters
    ----------
    tag : BaseTag
        The tag.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.tag import Tag
    >>> from pyrdicom.util.codify import tag_repr
    >>> tag_repr(Tag("PatientName"))
    '(0x0010, 0x0010)'
    """
    return f"(0x{tag.group:04X}, 0x{tag.element:04X})"


def default_name_filter(name: str) -> str:
    """A variable name for keyword `name`: snake case, with common words shortened.


    Parameters
    ----------
    name : str
        A keyword.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom.util.codify import default_name_filter
    >>> default_name_filter("ReferencedImageSequence")
    'refd_image_sequence'
    """
    name = camel_to_underscore(name)
    for long, short in (
        ("control_point", "cp"),
        ("reference", "ref"),
        ("fraction_group", "frxn_gp"),
    ):
        name = name.replace(long, short)
    return name


# The packages whose API the generated code may use (pyrdicom's is pydicom's).
PACKAGES = ("pyrdicom", "pydicom")


def code_imports(package: str = "pyrdicom") -> str:
    """The import lines of the generated code.

    Parameters
    ----------
    package : str, optional
        The package the code imports: ``"pyrdicom"`` (default; the code runs without pydicom)
        or ``"pydicom"`` (pydicom's codify output, for code meant to run with pydicom).

    Returns
    -------
    str
        Three lines: the package, its ``Dataset`` and ``FileMetaDataset``, its ``Sequence``.

    Raises
    ------
    ValueError
        If `package` is not one of ``PACKAGES``.

    Examples
    --------
    >>> from pyrdicom.util.codify import code_imports
    >>> print(code_imports("pydicom"))
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    """
    if package not in PACKAGES:
        raise ValueError(f"'package' must be one of {', '.join(PACKAGES)}, not '{package}'")
    return line_term.join(
        (
            f"import {package}",
            f"from {package}.dataset import Dataset, FileMetaDataset",
            f"from {package}.sequence import Sequence",
        )
    )


def code_dataelem(
    dataelem: Any,
    dataset_name: str = "ds",
    exclude_size: int | None = None,
    include_private: bool = False,
    var_names: deque | None = None,
) -> str:
    """One line setting `dataelem` on `dataset_name` (a block for a sequence).


    Parameters
    ----------
    dataelem : DataElement
        The element.
    dataset_name : str
        The variable of the data set it is set on.
    exclude_size : int, optional
        Leave out binary values this long or longer (a comment says so).
    include_private : bool
        Code private elements too.
    var_names : collections.deque, optional
        The variable names in use (sequence items get new ones).

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom import DataElement
    >>> from pyrdicom.util.codify import code_dataelem
    >>> code_dataelem(DataElement(0x00100010, "PN", "Doe^Jane"))
    "ds.PatientName = 'Doe^Jane'"
    """
    if dataelem.VR == "SQ":
        return code_sequence(
            dataelem, dataset_name, exclude_size, include_private, var_names=var_names
        )
    try:
        keyword = dictionary_keyword(dataelem.tag)
    except KeyError:
        keyword = ""
    value = dataelem.value
    valuerep = tag_repr(value) if dataelem.VR == "AT" else repr(value)
    if (
        exclude_size
        and dataelem.VR in _BINARY_VRS
        and not isinstance(value, int | float)
        and len(value) > exclude_size
    ):
        valuerep = f"# XXX Array of {len(value)} bytes excluded"
    if keyword:
        return f"{dataset_name}.{keyword} = {valuerep}"
    return f"{dataset_name}.add_new({tag_repr(dataelem.tag)}, '{dataelem.VR}', {valuerep})"


def code_sequence(
    dataelem: Any,
    dataset_name: str = "ds",
    exclude_size: int | None = None,
    include_private: bool = False,
    name_filter: Callable[[str], str] = default_name_filter,
    var_names: deque | None = None,
) -> str:
    """The lines building sequence `dataelem` item by item, each item a variable.


    Parameters
    ----------
    dataelem : DataElement
        The sequence element.
    dataset_name : str
        The variable of the data set it is set on.
    exclude_size : int, optional
        Leave out binary values this long or longer.
    include_private : bool
        Code private elements too.
    name_filter : callable
        Makes variable names from keywords.
    var_names : collections.deque, optional
        The variable names in use.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom import Dataset, Sequence
    >>> from pyrdicom.util.codify import code_sequence
    >>> ds = Dataset(AnatomicRegionSequence=Sequence([Dataset(CodeValue="T-04000")]))
    >>> print(code_sequence(ds["AnatomicRegionSequence"]))
    <BLANKLINE>
    # Anatomic Region Sequence
    anatomic_region_sequence = Sequence()
    ds.AnatomicRegionSequence = anatomic_region_sequence
    <BLANKLINE>
    # Anatomic Region Sequence: Anatomic Region 1
    anatomic_region1 = Dataset()
    anatomic_region_sequence.append(anatomic_region1)
    anatomic_region1.CodeValue = 'T-04000'
    """
    names: deque = deque() if var_names is None else var_names

    def unique(name: str) -> str:
        count = names.count(name) - 1
        return name if count == 0 else f"{name}_{count}"

    try:
        keyword = dictionary_keyword(dataelem.tag)
    except KeyError:
        keyword = f"Tag{dataelem.tag:08x}"
    seq_name = dataelem.name
    item_name = seq_name.replace(" Sequence", "")
    base_var = name_filter(keyword)
    names.append(base_var)
    seq_var = unique(base_var)
    lines = [
        "",
        f"# {seq_name}",
        f"{seq_var} = Sequence()",
        f"{dataset_name}.{keyword} = {seq_var}",
    ]
    stem = keyword.replace("Sequence", "")
    for i, item in enumerate(dataelem.value):
        number = item.get(stem + "Index", item.get(stem + "Number"))
        index = str(number if number is not None else i + 1)
        lines += ["", f"# {seq_name}: {item_name} {index}"]
        names.append(base_var.replace("_sequence", "") + index)
        item_var = unique(names[-1])
        item_lines = code_dataset(
            item, item_var, exclude_size, include_private, var_names=names
        ).splitlines()
        names.pop()
        lines += [item_lines[0], f"{seq_var}.append({item_var})", *item_lines[1:]]
    names.pop()
    return line_term.join(lines)


def code_dataset(
    ds: Any,
    dataset_name: str = "ds",
    exclude_size: int | None = None,
    include_private: bool = False,
    is_file_meta: bool = False,
    var_names: deque | None = None,
) -> str:
    """The lines building data set `ds` as `dataset_name`.


    Parameters
    ----------
    ds : Dataset
        The data set.
    dataset_name : str
        Its variable.
    exclude_size : int, optional
        Leave out binary values this long or longer.
    include_private : bool
        Code private elements too.
    is_file_meta : bool
        Make it a ``FileMetaDataset``.
    var_names : collections.deque, optional
        The variable names in use.

    Returns
    -------
    str

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.util.codify import code_dataset
    >>> print(code_dataset(Dataset(PatientName="Doe^Jane", Rows=2)))
    ds = Dataset()
    ds.PatientName = 'Doe^Jane'
    ds.Rows = 2
    """
    names: deque = deque() if var_names is None else var_names
    lines = [f"{dataset_name} = {'FileMetaDataset' if is_file_meta else 'Dataset'}()"]
    for elem in ds:
        if not include_private and elem.tag.is_private:
            continue
        lines.append(code_dataelem(elem, dataset_name, exclude_size, include_private, names))
        if elem.VR == "SQ":
            lines.append("")
    if lines[-1] == "":
        lines.pop()
    return line_term.join(lines)


def code_file(
    filename: str,
    exclude_size: int | None = None,
    include_private: bool = False,
    package: str = "pyrdicom",
) -> str:
    """The code that recreates the file `filename` (see `code_file_from_dataset`).

    Parameters
    ----------
    filename : str
        The DICOM file.
    exclude_size : int, optional
        Leave out binary values this long or longer.
    include_private : bool
        Code private elements too.
    package : str, optional
        The package the code imports (see `code_imports`).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If `package` is not one of ``PACKAGES``.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.util.codify import code_file
    >>> code = code_file(get_testdata_file("rtplan.dcm"))
    >>> "ds.BeamSequence = beam_sequence" in code
    True
    """
    return code_file_from_dataset(
        dcmread(filename, force=True), exclude_size, include_private, package
    )


def code_file_from_dataset(
    ds: Any,
    exclude_size: int | None = None,
    include_private: bool = False,
    package: str = "pyrdicom",
) -> str:
    """The code that recreates `ds` (with its file meta and encoding).

    Parameters
    ----------
    ds : Dataset
        The data set to recreate.
    exclude_size : int, optional
        Binary values longer than this many bytes are replaced by a comment (a line that does
        not run, prompting a fix); None (default) keeps them.
    include_private : bool, optional
        Whether private elements are coded (default False).
    package : str, optional
        The package the code imports: ``"pyrdicom"`` (default) or ``"pydicom"``.

    Returns
    -------
    str
        A Python module that builds `ds` as ``ds`` (and its ``file_meta``).

    Raises
    ------
    ValueError
        If `package` is not one of ``PACKAGES``.

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.util.codify import code_file_from_dataset
    >>> ds = Dataset()
    >>> ds.PatientName = "CITIZEN^Jan"
    >>> print(code_file_from_dataset(ds, package="pydicom").splitlines()[3])
    import pydicom
    """
    filename = ds.get("filename")
    identifier = f"DICOM file '{filename}'" if filename else "non-file dataset"
    lines = [
        "# -*- coding: utf-8 -*-",
        f"# Coded version of {identifier}",
        "# Produced by pyrdicom codify utility script",
        code_imports(package),
        "",
    ]
    meta = getattr(ds, "file_meta", None)
    if meta is not None:
        lines += ["# File meta info data elements"]
        lines += [code_dataset(meta, "file_meta", exclude_size, include_private, is_file_meta=True)]
        lines += [""]
    lines += [
        "# Main data elements",
        code_dataset(ds, exclude_size=exclude_size, include_private=include_private),
        "",
    ]
    if meta is not None:
        lines.append("ds.file_meta = file_meta")
    implicit_vr, little_endian = ds.original_encoding
    lines.append(f"ds.set_original_encoding({implicit_vr}, {little_endian})")
    return line_term.join(lines)


def set_parser_arguments(parser: argparse.ArgumentParser, default_exclude_size: int) -> None:
    """Add the ``codify`` command's arguments to `parser`.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    default_exclude_size : int
        The default of ``--exclude-size``.

    Examples
    --------
    >>> import argparse
    >>> from pyrdicom.util.codify import set_parser_arguments
    >>> parser = argparse.ArgumentParser()
    >>> set_parser_arguments(parser, 100)
    >>> parser.parse_args(["pydicom::CT_small.dcm"]).exclude_size
    100
    """
    from .._cli.main import filespec_help, filespec_parser

    parser.add_argument("filespec", help=filespec_help, type=filespec_parser)
    parser.add_argument(
        "outfile",
        nargs="?",
        type=argparse.FileType("w", encoding="UTF-8"),
        help="Filename to write Python code to, if not specified then code is written to stdout",
        default=sys.stdout,
    )
    parser.add_argument(
        "-e",
        "--exclude-size",
        type=int,
        default=default_exclude_size,
        help=f"Exclude binary data larger than specified (default: {default_exclude_size} bytes)",
    )
    parser.add_argument(
        "-p",
        "--include-private",
        action="store_true",
        help="Include private data elements (default is to exclude them)",
    )
    parser.add_argument(
        "-s",
        "--save-as",
        help="Specify the filename for ds.save_as(save_filename); otherwise the input name + "
        "'_from_codify' will be used",
    )
    parser.add_argument(
        "--package",
        choices=PACKAGES,
        default="pyrdicom",
        help="The package the code imports (default: pyrdicom; pydicom gives pydicom's code)",
    )


def do_codify(args: argparse.Namespace) -> None:
    """Run the ``codify`` command: write the code of the file in `args` (to its outfile or stdout).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed arguments (`set_parser_arguments`).

    Raises
    ------
    NotImplementedError
        More than one file, or an element rather than a data set.

    Examples
    --------
    >>> import argparse
    >>> from pyrdicom.util.codify import do_codify, set_parser_arguments
    >>> parser = argparse.ArgumentParser()
    >>> set_parser_arguments(parser, 100)
    >>> do_codify(parser.parse_args(["pydicom::rtplan.dcm", "rtplan.py"]))  # a test file
    Writing code to file 'rtplan.py'
    >>> "BeamSequence" in open("rtplan.py").read()
    True
    """
    if len(args.filespec) != 1:
        raise NotImplementedError("Codify can only work on a single DICOM file input")
    ds, element = args.filespec[0]
    if element and not isinstance(element, Dataset):
        raise NotImplementedError(f"Codify can only code a Dataset, not a {type(element)}")
    code = code_file_from_dataset(
        element or ds, args.exclude_size, args.include_private, args.package
    )
    save_as = args.save_as or os.path.splitext(ds.filename)[0] + "_from_codify.dcm"
    code += f"\nds.save_as(r'{save_as}', enforce_file_format=True)"
    if getattr(args.outfile, "name", "<stdout>") != "<stdout>":
        print(f"Writing code to file '{args.outfile.name}'")
    args.outfile.write(code)


def main(default_exclude_size: int, args: list[str] | None = None) -> None:
    """The ``codify`` command line: ``python -m pyrdicom.util.codify file [outfile]``.

    Parameters
    ----------
    default_exclude_size : int
        The default of ``--exclude-size``.
    args : list of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Examples
    --------
    >>> from pyrdicom.util.codify import main
    >>> main(100, ["pydicom::CT_small.dcm", "ct.py"])
    Writing code to file 'ct.py'
    >>> "ds.Rows = 128" in open("ct.py").read()
    True
    """
    parser = argparse.ArgumentParser(
        description="Produce python/pyrdicom code from a DICOM file",
        epilog=f"Binary data (e.g. pixels) larger than --exclude-size (default "
        f"{default_exclude_size} bytes) is not included. A dummy line with a syntax error is "
        "produced. Private data elements are not included by default.",
    )
    set_parser_arguments(parser, default_exclude_size)
    do_codify(parser.parse_args(args))


if __name__ == "__main__":
    main(default_exclude_size=100)
