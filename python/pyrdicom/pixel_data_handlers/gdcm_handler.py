"""pydicom's GDCM handler module: whether python-gdcm is importable (pyrdicom decodes pixel
data itself and never uses GDCM)."""

from __future__ import annotations

import importlib.util


def is_available() -> bool:
    """Whether the ``gdcm`` package is installed.


    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.pixel_data_handlers import gdcm_handler
    >>> isinstance(gdcm_handler.is_available(), bool)
    True
    """
    return importlib.util.find_spec("gdcm") is not None
