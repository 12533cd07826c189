"""Settings that change how pyrdicom interprets data (module attributes, as pydicom.config)."""

import importlib.util
import logging
import os
from collections.abc import Generator
from contextlib import contextmanager
from typing import Any

# Native unsigned pixel data with Bits Stored < Bits Allocated: pydicom 3 masks the bits above
# Bits Stored (PS3.5 8.1.1 says they are not part of the value), which costs a pass over the
# data (and a copy if any are set). pyrdicom's default keeps the array a zero-copy view of the
# stored values, as dicomsdl and GDCM do; set True for pydicom's exact results on files whose
# unused bits hold other data (old overlays). Signed data is always sign-extended, as pydicom.
correct_unused_bits = False

# --- pydicom's configuration names -------------------------------------------------------------
# Module attributes as in pydicom.config, read where they matter (not copied at import), so that
# ported code that sets them keeps working.

# Whether numpy is installed (found, not imported: `import pyrdicom` stays light).
have_numpy = importlib.util.find_spec("numpy") is not None

# pydicom's logger name, so that code configuring pydicom's logging keeps working after the port.
logger = logging.getLogger("pydicom")
if not logger.handlers:
    logger.addHandler(logging.NullHandler())

debugging: bool = False


def debug(debug_on: bool = True, default_handler: bool = True) -> None:
    """Turn logging of file reading and writing details on or off (``default_handler`` adds
    a `logging.StreamHandler`).

    Parameters
    ----------
    debug_on : bool
        Log at DEBUG level (else WARNING).
    default_handler : bool
        Add a handler printing the messages to stderr.

    Examples
    --------
    >>> from pyrdicom import config
    >>> config.debug(True, default_handler=False)
    >>> config.logger.level == 10
    True
    >>> config.debug(False, default_handler=False)
    """
    global debugging
    if default_handler:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    debugging = debug_on
    logger.setLevel(logging.DEBUG if debug_on else logging.WARNING)


debug(False, False)

use_DS_decimal: bool = False
"""DS values are `DSdecimal` (set with `DS_decimal`) instead of `DSfloat`."""

data_element_callback: Any = None
"""Deprecated in pydicom 3: called by the reader on each raw element (use `hooks`)."""
data_element_callback_kwargs: dict[str, Any] = {}


def reset_data_element_callback() -> None:
    """Restore the default (no) `data_element_callback`.

    Examples
    --------
    >>> from pyrdicom import config
    >>> config.data_element_callback = lambda raw, **kwargs: raw
    >>> config.reset_data_element_callback()
    >>> config.data_element_callback is None
    True
    """
    global data_element_callback, data_element_callback_kwargs
    data_element_callback = None
    data_element_callback_kwargs = {}


use_DS_numpy = False
"""Multi-valued DS elements read as numpy arrays (set with `DS_numpy`)."""
use_IS_numpy = False
"""Multi-valued IS elements read as numpy arrays."""
allow_DS_float = False
"""`DSdecimal` accepts floats (otherwise a str with an explicit precision is needed)."""
enforce_valid_values = False
"""Deprecated: use `settings.reading_validation_mode`."""


def DS_numpy(use_numpy: bool = True) -> None:
    """Read multi-valued DS elements as numpy arrays (not with `use_DS_decimal`).

    Parameters
    ----------
    use_numpy : bool
        Turn it on or off.

    Raises
    ------
    ValueError
        Turned on while DS values are read as `DSdecimal`.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import config, dcmread
    >>> config.DS_numpy(True)
    >>> type(dcmread(get_testdata_file("CT_small.dcm")).ImagePositionPatient).__name__
    'ndarray'
    >>> config.DS_numpy(False)
    """
    global use_DS_numpy
    if use_DS_decimal and use_numpy:
        raise ValueError("Cannot use numpy arrays to read DS elements if `use_DS_decimal` is True")
    use_DS_numpy = use_numpy


def DS_decimal(use_Decimal_boolean: bool = True) -> None:
    """Make DS values `DSdecimal` (True) or `DSfloat` (False).

    Parameters
    ----------
    use_Decimal_boolean : bool
        DS values as ``decimal.Decimal`` subclasses (else ``float`` subclasses).

    Raises
    ------
    ValueError
        Turned on while multi-valued DS elements are read as numpy arrays.

    Examples
    --------
    >>> from pyrdicom import config, valuerep
    >>> config.DS_decimal(True)
    >>> valuerep.DSclass.__name__
    'DSdecimal'
    >>> config.DS_decimal(False)
    """
    global use_DS_decimal
    use_DS_decimal = use_Decimal_boolean
    if use_DS_decimal and use_DS_numpy:
        raise ValueError("Cannot set use_DS_decimal True if use_DS_numpy is True")
    from . import dataelem, valuerep

    valuerep.DSclass = valuerep.DSdecimal if use_DS_decimal else valuerep.DSfloat
    # the type the reader gives DS values (pydicom's converter reads valuerep.DSclass)
    dataelem._READ_TYPES["DS"] = valuerep.DSclass


# Validation modes.
IGNORE = 0
WARN = 1
RAISE = 2

_use_future = False


class Settings:
    """pydicom's settings object (`settings`): validation modes and reading options.

    Examples
    --------
    >>> from pyrdicom import config
    >>> config.settings.reading_validation_mode == config.WARN
    True
    """

    def __init__(self) -> None:
        self._reading_validation_mode: int | None = None
        self._writing_validation_mode: int | None = RAISE if _use_future else None
        self._infer_sq_for_un_vr = True
        self._buffered_read_size = 8192

    @property
    def buffered_read_size(self) -> int:
        """Chunk size for reading buffered values (> 0, default 8192)."""
        return self._buffered_read_size

    @buffered_read_size.setter
    def buffered_read_size(self, size: int) -> None:
        if size <= 0:
            raise ValueError("The read size must be greater than 0")
        self._buffered_read_size = size

    @property
    def reading_validation_mode(self) -> int:
        """What an invalid value read from a file does: WARN (default), RAISE or IGNORE."""
        if self._reading_validation_mode is None:
            return RAISE if enforce_valid_values else WARN
        return self._reading_validation_mode

    @reading_validation_mode.setter
    def reading_validation_mode(self, value: int) -> None:
        self._reading_validation_mode = value

    @property
    def writing_validation_mode(self) -> int:
        """What setting an invalid value does: WARN (default), RAISE or IGNORE."""
        if self._writing_validation_mode is None:
            return RAISE if enforce_valid_values else WARN
        return self._writing_validation_mode

    @writing_validation_mode.setter
    def writing_validation_mode(self, value: int) -> None:
        self._writing_validation_mode = value

    @property
    def infer_sq_for_un_vr(self) -> bool:
        """Explicit UN of undefined length for a known element is read as SQ."""
        return self._infer_sq_for_un_vr

    @infer_sq_for_un_vr.setter
    def infer_sq_for_un_vr(self, value: bool) -> None:
        self._infer_sq_for_un_vr = value


settings = Settings()


@contextmanager
def disable_value_validation() -> Generator[None, None, None]:
    """No value validation, reading or writing, inside the block.


    Yields
    ------
    None

    Examples
    --------
    >>> from pyrdicom import DataElement, config
    >>> with config.disable_value_validation():
    ...     elem = DataElement(0x00080060, "CS", "far too long for a code string")
    >>> elem.value
    'far too long for a code string'
    """
    reading, writing = settings._reading_validation_mode, settings._writing_validation_mode
    try:
        settings.reading_validation_mode = IGNORE
        settings.writing_validation_mode = IGNORE
        yield
    finally:
        settings._reading_validation_mode = reading
        settings._writing_validation_mode = writing


@contextmanager
def strict_reading() -> Generator[None, None, None]:
    """Invalid values read inside the block raise.


    Yields
    ------
    None

    Examples
    --------
    >>> from pyrdicom import config
    >>> with config.strict_reading():
    ...     config.settings.reading_validation_mode == config.RAISE
    True
    """
    reading = settings._reading_validation_mode
    try:
        settings.reading_validation_mode = RAISE
        yield
    finally:
        settings._reading_validation_mode = reading


convert_wrong_length_to_UN = False
"""A value whose length does not fit its VR is read as UN bytes instead of raising."""
datetime_conversion = False
"""DA, DT and TM values read as `datetime.date`/`datetime`/`time` subclasses."""
use_none_as_empty_text_VR_value = False
"""Empty text values are None instead of ''."""
replace_un_with_known_vr = True
"""Explicit UN for a dictionary element is read with the dictionary VR."""
show_file_meta = True
"""`str(ds)` shows the file meta group first."""
APPLY_J2K_CORRECTIONS = True
"""Use the JPEG 2000 codestream's precision and sign to correct decoded pixels."""
assume_implicit_vr_switch = True
"""An invalid explicit VR means the writer switched to implicit VR."""
INVALID_KEYWORD_BEHAVIOR = "WARN"
"""Setting a camel-case attribute that is no keyword: "WARN", "RAISE" or "IGNORE"."""
INVALID_KEY_BEHAVIOR = "WARN"
"""``key in ds`` with a key that is no tag or keyword: "WARN", "RAISE" or "IGNORE"."""


def future_behavior(enable_future: bool = True) -> None:
    """Behave as pydicom's next major version will (errors instead of deprecations).

    Parameters
    ----------
    enable_future : bool
        Turn it on or off.

    Examples
    --------
    >>> from pyrdicom import config
    >>> config.future_behavior()
    >>> config.settings.writing_validation_mode == config.RAISE
    True
    >>> config.future_behavior(False)
    """
    global _use_future, INVALID_KEYWORD_BEHAVIOR
    _use_future = enable_future
    INVALID_KEYWORD_BEHAVIOR = "RAISE" if enable_future else "WARN"
    settings._writing_validation_mode = RAISE if enable_future else None


_use_future_env = os.getenv("PYDICOM_FUTURE")
if _use_future_env:
    if _use_future_env.lower() in ("true", "yes", "on", "1"):
        future_behavior()
    elif _use_future_env.lower() not in ("false", "no", "off", "0"):
        raise ValueError(
            "Unknown setting for environment variable PYDICOM_FUTURE. Use True or False."
        )
