"""Small helpers with pydicom's names: size parsing, a quick DICOM check, warnings that log."""

from __future__ import annotations

import logging
import os
import re
import warnings

# pydicom's logger name (config.logger), so logging set up for pydicom keeps working.
LOGGER = logging.getLogger("pydicom")

_SIZE_UNITS = {
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}


def size_in_bytes(expr: int | float | str | None) -> int | float | None:
    """The number of bytes a ``defer_size`` argument means (``None`` for no limit).

    Accepts a number, a string of digits, or a number with a unit (``"512 KB"``, ``"2MiB"``).

    Parameters
    ----------
    expr : int, float, str or None
        The size.

    Returns
    -------
    int, float or None

    Raises
    ------
    ValueError
        If a string has a unit that is not KB, MB, GB, KiB, MiB or GiB.

    Examples
    --------
    >>> from pyrdicom.misc import size_in_bytes
    >>> size_in_bytes("1 KB"), size_in_bytes(512), size_in_bytes(None)
    (1000.0, 512, None)
    """
    if expr is None or expr == float("inf"):
        return None
    if isinstance(expr, int | float):
        return expr
    try:
        return int(expr)
    except ValueError:
        pass
    match = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z]+)\s*", expr)
    unit = match.group(2) if match else expr
    if match and unit.lower() in _SIZE_UNITS:
        return float(match.group(1)) * _SIZE_UNITS[unit.lower()]
    raise ValueError(f"Unable to parse length with unit '{unit}'")


def is_dicom(file_path: str | os.PathLike[str]) -> bool:
    """``True`` when the file has a DICOM Part 10 preamble (128 bytes then ``DICM``).

    Parameters
    ----------
    file_path : str or path-like
        The file.

    Returns
    -------
    bool

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.misc import is_dicom
    >>> is_dicom(get_testdata_file("CT_small.dcm"))
    True
    """
    with open(file_path, "rb") as fp:
        fp.seek(128)
        return fp.read(4) == b"DICM"


def warn_and_log(msg: str, category: type[Warning] | None = None, stacklevel: int = 1) -> None:
    """Log ``msg`` as a warning on pyrdicom's logger and issue it as a Python warning.

    Parameters
    ----------
    msg : str
        The message.
    category : type of Warning, optional
        The warning's class (default: UserWarning).
    stacklevel : int
        Which caller the warning names (1: the caller of `warn_and_log`).

    Examples
    --------
    >>> import warnings
    >>> from pyrdicom.misc import warn_and_log
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_and_log("something odd")
    >>> str(caught[0].message)
    'something odd'
    """
    LOGGER.warning(msg)
    warnings.warn(msg, category, stacklevel=stacklevel + 1)
