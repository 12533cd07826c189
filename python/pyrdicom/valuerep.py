"""Value types of pydicom: `DSfloat`/`DSdecimal`, `IS`, `DA`/`DT`/`TM`, `PersonName` (numbers and
dates keep the string they were made from), plus the VR enum, VR groups and validation
(from `_vr`)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from math import floor, isfinite, log10
from typing import Any

from . import config
from ._vr import (  # noqa: F401  (pydicom's names, re-exported)
    ALLOW_BACKSLASH,
    AMBIGUOUS_VR,
    BUFFERABLE_VRS,
    BYTE_VR_REGEXES,
    BYTES_VR,
    CUSTOMIZABLE_CHARSET_VR,
    DEFAULT_CHARSET_VR,
    EXPLICIT_VR_LENGTH_16,
    EXPLICIT_VR_LENGTH_32,
    FLOAT_VR,
    INT_VR,
    LIST_VR,
    LONG_VALUE_VR,
    MAX_VALUE_LEN,
    PN_DELIMS,
    STANDARD_VR,
    STR_VR,
    STR_VR_REGEXES,
    TEXT_VR_DELIMS,
    VALIDATORS,
    VALUE_LENGTH,
    VR,
    VR_REGEXES,
    default_encoding,
    validate_date_time,
    validate_length_and_type_and_regex,
    validate_number,
    validate_pn,
    validate_pn_component,
    validate_pn_component_length,
    validate_regex,
    validate_type,
    validate_type_and_length,
    validate_type_and_regex,
    validate_value,
    validate_vr_length,
)
from .misc import warn_and_log

_RAISE = config.RAISE


def _reading_mode(validation_mode: int | None) -> int:
    if validation_mode is not None:
        return validation_mode
    # the settings' property, without its call
    mode = config.settings._reading_validation_mode
    if mode is None:
        return config.RAISE if config.enforce_valid_values else config.WARN
    return mode


# ---------------------------------------------------------------- DA, DT, TM


class _DateTimeBase:
    """DA, DT and TM: a `datetime` type that remembers the DICOM string it was made from."""

    original_string: str

    def __getstate__(self) -> dict[str, Any]:
        return self.__dict__.copy()

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # datetime's own reduce drops the instance dict (original_string)
        return (*super().__reduce_ex__(protocol), self.__getstate__())

    def __str__(self) -> str:
        if hasattr(self, "original_string"):
            return self.original_string
        return super().__str__()

    def __repr__(self) -> str:
        return f'"{self}"'

    # The datetime type this class extends, how it writes one as DICOM text, how it reads
    # DICOM text (None: not its form) and which constructor arguments a value of it gives.
    _kind: type
    _format: Any
    _parse: Any
    _fields: Any

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if not args or args[0] is None:
            return None
        val = args[0]
        if isinstance(val, str):
            if not val.strip():
                return None
            fields = cls._parse(val)
            if fields is not None:
                return super().__new__(cls, *fields)
        if isinstance(val, cls._kind):
            return super().__new__(cls, *cls._fields(val))
        return cls._other(args, kwargs)

    @classmethod
    def _other(cls, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Built from the datetime type's own arguments; ValueError if they do not fit."""
        try:
            return super().__new__(cls, *args, **kwargs)
        except Exception as exc:
            raise ValueError(f"Unable to convert '{args[0]}' to '{cls.__name__}' object") from exc

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        val = args[0]
        if isinstance(val, str):
            self.original_string = val
        elif isinstance(val, type(self)) and hasattr(val, "original_string"):
            self.original_string = val.original_string
        elif isinstance(val, self._kind):
            self.original_string = self._format(val)


def _seconds_60(kind: str) -> int:
    warn_and_log(
        f"'datetime.{kind}' doesn't allow a value of '60' for the seconds component, "
        "changing to '59'"
    )
    return 59


def _micro(digits: str | None) -> int:
    return int(digits.rstrip().ljust(6, "0")) if digits else 0


class DA(_DateTimeBase, datetime.date):
    """A DA value as a `datetime.date` ("YYYYMMDD", or the old "YYYY.MM.DD").


    Parameters
    ----------
    *args
        A DA string, a `datetime.date` (or None, which gives None), or the year, month and day.
    **kwargs
        ``datetime.date``'s keywords, and ``validation_mode``.

    Examples
    --------
    >>> from pyrdicom.valuerep import DA
    >>> date = DA("20260101")
    >>> date, date.year
    ("20260101", 2026)
    """

    @staticmethod
    def _parse(val: str) -> tuple[int, ...] | None:
        if len(val) == 8:
            return int(val[:4]), int(val[4:6]), int(val[6:8])
        if len(val) == 10 and val[4] == "." and val[7] == ".":
            return int(val[:4]), int(val[5:7]), int(val[8:10])
        return None

    @staticmethod
    def _fields(val: datetime.date) -> tuple[int, ...]:
        return val.year, val.month, val.day

    _kind = datetime.date

    @staticmethod
    def _format(val: datetime.date) -> str:
        return f"{val.year}{val.month:02}{val.day:02}"


class DT(_DateTimeBase, datetime.datetime):
    """A DT value as a `datetime.datetime` ("YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]").


    Parameters
    ----------
    *args
        A DT string, a `datetime.datetime` (or None, which gives None), or its fields.
    **kwargs
        ``datetime.datetime``'s keywords, and ``validation_mode``.

    Raises
    ------
    ValueError
        A string that is not a DT value.

    Examples
    --------
    >>> from pyrdicom.valuerep import DT
    >>> moment = DT("20260101120000+0100")
    >>> moment.hour, str(moment.tzinfo)
    (12, '+0100')
    """

    _regex_dt = re.compile(r"((\d{4,14})(\.(\d{1,6}))?)([+-]\d{4})?")

    @staticmethod
    def _utc_offset(value: str) -> datetime.timezone:
        """The timezone of a "&ZZXX" suffix such as "-1000" (named by it)."""
        minutes = int(value[1:3]) * 60 + int(value[3:5])
        seconds = -minutes * 60 if value[0] == "-" else minutes * 60
        return datetime.timezone(datetime.timedelta(seconds=seconds), name=value)

    @classmethod
    def _parse(cls, val: str) -> tuple[Any, ...]:
        match = cls._regex_dt.match(val)
        if not match or len(val) > 26:
            raise ValueError(f"Unable to convert non-conformant value '{val}' to 'DT' object")
        digits = match.group(2)

        def part(start: int, default: int) -> int:
            return int(digits[start : start + 2]) if len(digits) >= start + 2 else default

        second = part(12, 0)
        if second == 60:
            second = _seconds_60("datetime")
        tz = match.group(5)
        return (
            int(digits[:4]),
            part(4, 1),
            part(6, 1),
            part(8, 0),
            part(10, 0),
            second,
            _micro(match.group(4)) if len(digits) >= 14 else 0,
            cls._utc_offset(tz) if tz else None,
        )

    @staticmethod
    def _fields(val: datetime.datetime) -> tuple[Any, ...]:
        return (*val.timetuple()[:6], val.microsecond, val.tzinfo)

    _kind = datetime.datetime

    @staticmethod
    def _format(val: datetime.datetime) -> str:
        s = f"{val.year:04}{val.month:02}{val.day:02}"
        s += f"{val.hour:02}{val.minute:02}{val.second:02}"
        if val.microsecond > 0:
            s += f".{val.microsecond:06}"
        offset = val.tzinfo.utcoffset(val) if val.tzinfo is not None else None
        if offset is not None:
            minutes = offset.days * 24 * 60 + offset.seconds // 60
            sign = "+" if minutes >= 0 else "-"
            s += f"{sign}{abs(minutes) // 60:02}{abs(minutes) % 60:02}"
        return s


class TM(_DateTimeBase, datetime.time):
    """A TM value as a `datetime.time` ("HH[MM[SS[.F]]]").


    Parameters
    ----------
    *args
        A TM string, a `datetime.time` (or None, which gives None), or its fields.
    **kwargs
        ``datetime.time``'s keywords, and ``validation_mode``.

    Raises
    ------
    ValueError
        A string that is not a TM value.

    Examples
    --------
    >>> from pyrdicom.valuerep import TM
    >>> time = TM("123015.5")
    >>> time, time.second, time.microsecond
    ("123015.5", 15, 500000)
    """

    _RE_TIME = re.compile(
        r"(?P<h>^([01][0-9]|2[0-3]))((?P<m>([0-5][0-9]))((?P<s>([0-5][0-9]|60))"
        r"(\.(?P<ms>([0-9]{1,6})?))?)?)?$"
    )

    @classmethod
    def _parse(cls, val: str) -> tuple[int, ...]:
        match = cls._RE_TIME.match(val)
        if not match:
            raise ValueError(f"Unable to convert non-conformant value '{val}' to 'TM' object")
        second = int(match.group("s") or 0)
        if second == 60:
            second = _seconds_60("time")
        return int(match.group("h")), int(match.group("m") or 0), second, _micro(match.group("ms"))

    @staticmethod
    def _fields(val: datetime.time) -> tuple[int, ...]:
        return val.hour, val.minute, val.second, val.microsecond

    _kind = datetime.time

    @staticmethod
    def _format(val: datetime.time) -> str:
        s = f"{val.hour:02}{val.minute:02}{val.second:02}"
        return s + f".{val.microsecond:06}" if val.microsecond > 0 else s


# ---------------------------------------------------------------- DS


def is_valid_ds(s: str) -> bool:
    """Whether `s` is a valid Decimal String (at most 16 characters of the allowed set).


    Parameters
    ----------
    s : str
        The text.

    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.valuerep import is_valid_ds
    >>> is_valid_ds("1.5"), is_valid_ds("12345678901234567")
    (True, False)
    """
    return validate_length_and_type_and_regex("DS", s)[0]


def format_number_as_ds(val: float | Decimal) -> str:
    """The closest representation of `val` that is a valid DS (16 characters at most),
    switching to scientific notation where that keeps more digits.

    Parameters
    ----------
    val : float or decimal.Decimal
        The number.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        Another type.
    ValueError
        An infinity or NaN.

    Examples
    --------
    >>> import math
    >>> from pyrdicom.valuerep import format_number_as_ds
    >>> format_number_as_ds(math.pi), format_number_as_ds(1.5e-20)
    ('3.14159265358979', '1.5e-20')
    """
    if not isinstance(val, float | Decimal):
        raise TypeError("'val' must be of type float or decimal.Decimal")
    if not isfinite(val):
        raise ValueError(f"Cannot encode non-finite floats as DICOM decimal strings. Got '{val}'")
    text = str(val)
    if len(text) <= 16:
        return text
    magnitude = log10(abs(float(val)))
    sign = 1 if val < 0 else 0
    # Truncating the plain form of numbers >= 1e14 (1e13 with a sign) would end in '.', and
    # below 1e-4 scientific notation keeps more digits.
    if magnitude < -4 or magnitude >= 14 - sign:
        digits = 10 - sign
        text = f"{val:.{digits}e}"
        # a three-digit exponent leaves one digit less
        return text if len(text) <= 16 else f"{val:.{digits - 1}e}"
    digits = 14 - sign - (floor(magnitude) if magnitude >= 1 else 0)
    return f"{val:.{digits}f}"


class _TextEquality:
    """Numbers equal to a str when their text is that str (pydicom's DS and IS)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return str(self) == other
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        return not self == other


def _ds_setup(self: Any, val: Any, auto_format: bool, validation_mode: int | None) -> None:
    """What DSfloat and DSdecimal share: the original string (re-formatted under auto_format)."""
    pre_checked = False
    if isinstance(val, str):
        self.original_string = val.strip()
    elif isinstance(val, DSfloat | DSdecimal):
        if val.auto_format:
            auto_format = pre_checked = True
        if hasattr(val, "original_string"):
            self.original_string = val.original_string
    self.auto_format = auto_format
    if auto_format and not pre_checked:
        if not hasattr(self, "original_string"):
            self.original_string = format_number_as_ds(self)
        elif not is_valid_ds(self.original_string):
            self.original_string = format_number_as_ds(float(self.original_string))


class DSfloat(_TextEquality, float):
    """A DS value as a float that remembers the string it was made from.

    As in pydicom, a blank string stays a string (``DSfloat(" ")`` is ``" "``); under the RAISE
    validation mode a value whose text is longer than 16 characters raises OverflowError, an
    invalid one ValueError (`auto_format` instead makes the text valid).


    Parameters
    ----------
    val : str, float, int or decimal.Decimal
        The value.
    auto_format : bool
        Make the text a valid DS (`format_number_as_ds`).
    validation_mode : int, optional
        How an invalid value is handled (default: the reading validation mode).

    Examples
    --------
    >>> from pyrdicom.valuerep import DSfloat
    >>> value = DSfloat("1.50")
    >>> value == 1.5, str(value)
    (True, '1.50')
    >>> str(DSfloat(1 / 3, auto_format=True))
    '0.33333333333333'
    """

    __slots__ = ("auto_format", "original_string")
    auto_format: bool
    original_string: str

    # All set up in __new__ (no __init__): one Python call per value, as many are read.
    def __new__(
        cls, val: Any, auto_format: bool = False, validation_mode: int | None = None
    ) -> Any:
        if val.__class__ is str and not auto_format:  # the reader's values
            stripped = val.strip()
            if not stripped:
                return val
            self = float.__new__(cls, val)
            self.original_string = stripped
            self.auto_format = False
        else:
            if val is None:
                return None
            if isinstance(val, str) and not val.strip():
                return val
            self = float.__new__(cls, val)
            _ds_setup(self, val, auto_format, validation_mode)
        # The reading validation mode, as few lookups as can be (DS values are read in
        # numbers): only RAISE checks anything here.
        mode = validation_mode
        if mode is None:
            mode = config.settings._reading_validation_mode
            if mode is None and config.enforce_valid_values:
                mode = _RAISE
        if mode == _RAISE and not self.auto_format:
            text = str(self)
            if len(text) > 16:
                raise OverflowError(
                    "Values for elements with a VR of 'DS' must be <= 16 characters long, "
                    "but the float provided requires > 16 characters to be accurately "
                    "represented. Use a smaller string, set "
                    "'config.settings.reading_validation_mode' to 'WARN' to override the "
                    "length check, or explicitly construct a DS object with 'auto_format' "
                    "set to True"
                )
            if not is_valid_ds(text):
                raise ValueError(f'Value "{self}" is not valid for elements with a VR of DS')
        return self

    __hash__ = float.__hash__

    def __str__(self) -> str:
        if hasattr(self, "original_string") and not self.auto_format:
            return self.original_string
        return repr(self)[1:-1]

    def __repr__(self) -> str:
        if hasattr(self, "original_string"):
            return f"'{self.original_string}'"
        return f"'{float.__repr__(self)}'"


class DSdecimal(_TextEquality, Decimal):
    """A DS value as a `decimal.Decimal` that remembers the string it was made from (floats
    only with ``config.allow_DS_float``). Invalid text warns, or raises under RAISE.


    Parameters
    ----------
    val : str, int, float or decimal.Decimal
        The value.
    auto_format : bool
        Make the text a valid DS.
    validation_mode : int, optional
        How an invalid value is handled (default: the reading validation mode).

    Raises
    ------
    TypeError
        A float without ``config.allow_DS_float``.
    OverflowError
        Text longer than 16 characters, under the RAISE validation mode.
    ValueError
        Invalid text, under the RAISE validation mode.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from pyrdicom.valuerep import DSdecimal
    >>> DSdecimal("1.50") == Decimal("1.5"), str(DSdecimal("1.50"))
    (True, '1.50')
    """

    auto_format: bool
    original_string: str

    def __new__(
        cls, val: Any, auto_format: bool = False, validation_mode: int | None = None
    ) -> Any:
        if val is None:
            return None
        if isinstance(val, str) and not val.strip():
            return val
        if isinstance(val, float) and not config.allow_DS_float:
            raise TypeError(
                "'DS' cannot be instantiated with a float value unless "
                "'config.allow_DS_float' is set to True. You should convert the value to a "
                "string with the desired number of digits, or use 'Decimal.quantize()' and "
                "pass a 'Decimal' instance."
            )
        return super().__new__(cls, val)

    def __init__(
        self, val: Any, auto_format: bool = False, validation_mode: int | None = None
    ) -> None:
        _ds_setup(self, val, auto_format, validation_mode)
        mode = _reading_mode(validation_mode)
        if mode == config.IGNORE:
            return
        text = repr(self).strip("'")
        if len(text) > 16:
            msg = (
                "Values for elements with a VR of 'DS' values must be <= 16 characters long. "
                "Use a smaller string, set 'config.settings.reading_validation_mode' to "
                "'WARN' to override the length check, use 'Decimal.quantize()' and "
                "initialize with a 'Decimal' instance, or explicitly construct a DS instance "
                "with 'auto_format' set to True"
            )
            if mode == config.RAISE:
                raise OverflowError(msg)
            warn_and_log(msg)
        elif not is_valid_ds(text):
            msg = f'Value "{self}" is not valid for elements with a VR of DS'
            if mode == config.RAISE:
                raise ValueError(msg)
            warn_and_log(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        # Decimal's reduce passes str(self), which may be the original string
        return (self.__class__, (Decimal.__str__(self),), self.__dict__)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    __hash__ = Decimal.__hash__

    def __str__(self) -> str:
        original = getattr(self, "original_string", None)
        if original is not None and len(original) <= 16:
            return original
        return super().__str__()

    def __repr__(self) -> str:
        if hasattr(self, "original_string"):
            return f"'{self.original_string}'"
        return f"'{self}'"


# The class DS values are (DSdecimal after config.DS_decimal(True)).
DSclass: Any = DSdecimal if config.use_DS_decimal else DSfloat


def DS(val: Any, auto_format: bool = False, validation_mode: int | None = None) -> Any:
    """A DS value: None and blank strings pass through, strings are validated, anything else
    is a DSfloat (a DSdecimal with ``config.use_DS_decimal``).


    Parameters
    ----------
    val : object
        The value.
    auto_format : bool
        Make the text a valid DS.
    validation_mode : int, optional
        How an invalid value is handled.

    Returns
    -------
    DSfloat, DSdecimal, str or None

    Examples
    --------
    >>> from pyrdicom.valuerep import DS
    >>> value = DS("2.5")
    >>> type(value).__name__, value * 2
    ('DSfloat', 5.0)
    """
    if val is None:
        return val
    mode = _reading_mode(validation_mode)
    if isinstance(val, str):
        if not val.strip():
            return val
        validate_value("DS", val, mode)
    if config.use_DS_decimal:
        return DSdecimal(val, auto_format, mode)
    return DSfloat(val, auto_format, mode)


# ---------------------------------------------------------------- IS


class ISfloat(float):
    """An IS value that is not an integer (``"1.5"``): invalid, so it warns (WARN) or raises
    TypeError (RAISE) when a validation mode is given.


    Parameters
    ----------
    val : str or float
        The value.
    validation_mode : int, optional
        How the invalid value is handled.

    Raises
    ------
    TypeError
        Under the RAISE validation mode.

    Examples
    --------
    >>> import warnings
    >>> from pyrdicom.valuerep import IS
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     value = IS("1.5")
    >>> type(value).__name__, value
    ('ISfloat', 1.5)
    """

    def __new__(cls, val: Any, validation_mode: int | None = None) -> Any:
        if isinstance(val, str) and not val.strip():
            return ""
        return super().__new__(cls, val)

    def __init__(self, val: Any, validation_mode: int | None = None) -> None:
        if isinstance(val, str):
            self.original_string = val.strip()
        elif isinstance(val, IS | ISfloat) and hasattr(val, "original_string"):
            self.original_string = val.original_string
        if validation_mode:
            msg = f'Value "{self}" is not valid for elements with a VR of IS'
            if validation_mode == config.WARN:
                warn_and_log(msg)
            elif validation_mode == config.RAISE:
                raise TypeError(msg + "\nSet reading_validation_mode to WARN or IGNORE to bypass")


_NOT_INT = (float, Decimal, str)


def _range_checked(value: Any, validation_mode: int | None) -> Any:
    """`value`, or OverflowError if it is beyond 32 bits under the RAISE mode."""
    if not -(2**31) <= value < 2**31 and _reading_mode(validation_mode) == config.RAISE:
        raise OverflowError(
            "Elements with a VR of IS must have a value between -2**31 and (2**31 - 1). "
            "Set 'config.settings.reading_validation_mode' to 'WARN' to override the "
            "value check"
        )
    return value


class IS(_TextEquality, int):
    """An IS value as an int that remembers the string it was made from (an `ISfloat` for
    non-integers). Beyond 32 bits raises OverflowError under RAISE.


    Parameters
    ----------
    val : str, int or float
        The value.
    validation_mode : int, optional
        How an invalid value is handled (default: the reading validation mode).

    Examples
    --------
    >>> from pyrdicom.valuerep import IS
    >>> IS("12") + 1, str(IS("012"))
    (13, '012')
    """

    original_string: str

    # All set up in __new__ (no __init__): one Python call per value, as many are read.
    def __new__(cls, val: Any, validation_mode: int | None = None) -> Any:
        if val.__class__ is str and val.isdigit() and len(val) < 10:
            # plain digits within 32 bits: nothing to check or convert
            self = int.__new__(cls, val)
            self.original_string = val
            return self
        if val is None:
            return None
        mode = None
        if isinstance(val, str):
            if not val.strip():
                return val
            if not (val.isdigit() and len(val) <= 12):
                mode = _reading_mode(validation_mode)
                validate_value("IS", val, mode)
        try:
            newval: Any = int.__new__(cls, val)
        except ValueError:
            # float strings that are integers, e.g. "1.0"
            newval = int.__new__(cls, float(val))
        if isinstance(val, _NOT_INT) and newval != float(val):
            mode = _reading_mode(validation_mode) if mode is None else mode
            return _range_checked(ISfloat(val, mode), validation_mode)
        if isinstance(val, str):
            newval.original_string = val.strip()
        elif isinstance(val, IS) and hasattr(val, "original_string"):
            newval.original_string = val.original_string
        return _range_checked(newval, validation_mode)

    __hash__ = int.__hash__

    def __str__(self) -> str:
        if hasattr(self, "original_string"):
            return self.original_string
        return repr(self)[1:-1]

    def __repr__(self) -> str:
        return f"'{int.__repr__(self)}'"


# ---------------------------------------------------------------- PN


def _verify_encodings(encodings: str | Sequence[str] | None) -> tuple[str, ...] | None:
    if encodings is None:
        return None
    if isinstance(encodings, str):
        return (encodings,)
    return tuple(encodings)


def _decode_personname(components: Sequence[bytes], encodings: Sequence[str]) -> tuple[str, ...]:
    """Decoded component groups, trailing empty ones dropped."""
    from .charset import decode_bytes

    groups = [decode_bytes(c, encodings, PN_DELIMS) for c in components]
    while groups and not groups[-1]:
        groups.pop()
    return tuple(groups)


def _encode_personname(components: Sequence[str], encodings: Sequence[str]) -> bytes:
    """Component groups encoded part by part (escape sequences restart at each '^'),
    trailing empty groups dropped."""
    from .charset import encode_string

    groups = [b"^".join(encode_string(p, encodings) for p in g.split("^")) for g in components]
    while groups and not groups[-1]:
        groups.pop()
    return b"=".join(groups)


_NAME_PARTS = ("family_name", "given_name", "middle_name", "name_prefix", "name_suffix")


class PersonName:
    """A PN value: up to three component groups (alphabetic, ideographic, phonetic) of up to
    five ^-separated components. Made from bytes, it is decoded (with `encodings`) when first
    looked at.


    Parameters
    ----------
    val : str, bytes or PersonName
        The name.
    encodings : sequence of str, optional
        Python codecs to decode bytes with.
    original_string : bytes, optional
        The encoded name it was read as.
    validation_mode : int, optional
        How an invalid value is handled.

    Examples
    --------
    >>> from pyrdicom.valuerep import PersonName
    >>> name = PersonName("Doe^Jane^^Dr")
    >>> name.family_name, name.given_name, name.name_prefix
    ('Doe', 'Jane', 'Dr')
    """

    __slots__ = ("_components", "_text", "encodings", "original_string", "validation_mode")
    _components: tuple[str, ...] | None
    _text: str | None  # the text the components are split from when first used
    encodings: tuple[str, ...] | None
    original_string: bytes | None
    validation_mode: int | None

    # All set up in __new__ (no __init__): one Python call per value, as many are read.
    def __new__(
        cls,
        val: Any = "",
        encodings: Sequence[str] | None = None,
        original_string: bytes | None = None,
        validation_mode: int | None = None,
    ) -> Any:
        self = object.__new__(cls)
        self.validation_mode = validation_mode
        if val.__class__ is str and original_string is None and encodings is None:
            # the reader's values: decoded text
            if len(val) > 64 or val.count("=") > 2:
                validate_value("PN", val, _reading_mode(validation_mode))
            self._text = val
            self._components = None
            self.original_string = None
            self.encodings = None
            return self
        self._text = None
        if val is None:
            return None
        if isinstance(val, PersonName):
            encodings = val.encodings
            self.original_string = val.original_string
            self._components = val.components
        elif isinstance(val, bytes):
            self.original_string = val
            validate_value("PN", val, _reading_mode(validation_mode))
            self._components = None
        else:
            self.original_string = original_string
            checked: Any = original_string or val
            # only another type, more than 3 groups or a group over 64 characters can fail
            equals: Any = b"=" if isinstance(checked, bytes) else "="
            if (
                not isinstance(checked, str | bytes)
                or len(checked) > 64
                or checked.count(equals) > 2
            ):
                validate_value("PN", checked, _reading_mode(validation_mode))
            text = val.rstrip("=")  # AttributeError for other types, as pydicom
            self._components = tuple(text.split("=")) if text else ()
        self.encodings = _verify_encodings(encodings)
        return self

    def __copy__(self) -> PersonName:
        self.components  # noqa: B018  (made first: the copy shares them, as pydicom's)
        clone = object.__new__(type(self))
        for name in self.__slots__:
            setattr(clone, name, getattr(self, name))
        return clone

    def __deepcopy__(self, memo: dict[int, Any]) -> PersonName:
        return self.__copy__()  # every attribute is immutable

    @property
    def components(self) -> tuple[str, ...]:
        """The component groups (alphabetic, ideographic, phonetic) present."""
        if self._components is None and self._text is not None:
            text = self._text.rstrip("=")  # trailing empty groups are dropped
            self._components = tuple(text.split("=")) if text else ()
        if self._components is None:  # made from bytes, decoded on first use
            groups = (self.original_string or b"").split(b"=")
            self._components = _decode_personname(groups, self.encodings or [default_encoding])
        return self._components

    def _name_part(self, i: int) -> str:
        parts = self.alphabetic.split("^")
        return parts[i] if i < len(parts) else ""

    @property
    def family_name(self) -> str:
        return self._name_part(0)

    @property
    def given_name(self) -> str:
        return self._name_part(1)

    @property
    def middle_name(self) -> str:
        return self._name_part(2)

    @property
    def name_prefix(self) -> str:
        return self._name_part(3)

    @property
    def name_suffix(self) -> str:
        return self._name_part(4)

    def _group(self, i: int) -> str:
        groups = self.components
        return groups[i] if i < len(groups) else ""

    @property
    def alphabetic(self) -> str:
        return self._group(0)

    @property
    def ideographic(self) -> str:
        return self._group(1)

    @property
    def phonetic(self) -> str:
        return self._group(2)

    def _create_dict(self) -> dict[str, str]:
        return {p: getattr(self, p) for p in (*_NAME_PARTS, "ideographic", "phonetic")}

    def formatted(self, format_str: str) -> str:
        """`format_str` %-formatted with the name parts (family_name, ..., phonetic).


        Parameters
        ----------
        format_str : str
            A %-format with keys ``family_name``, ``given_name``, ``middle_name``, ``name_prefix``,
            ``name_suffix``, ``ideographic`` and ``phonetic``.

        Returns
        -------
        str

        Examples
        --------
        >>> from pyrdicom.valuerep import PersonName
        >>> PersonName("Doe^Jane").formatted("%(given_name)s %(family_name)s")
        'Jane Doe'
        """
        return format_str % self._create_dict()

    def family_comma_given(self) -> str:
        """ "Family, Given", as many lists show names.

        Returns
        -------
        str

        Examples
        --------
        >>> from pyrdicom.valuerep import PersonName
        >>> PersonName("Doe^Jane").family_comma_given()
        'Doe, Jane'
        """
        return f"{self.family_name}, {self.given_name}"

    def decode(self, encodings: Sequence[str] | None = None) -> PersonName:
        """This name decoded from its original bytes with other (Python) encodings.


        Parameters
        ----------
        encodings : sequence of str, optional
            Python codecs (default: its own).

        Returns
        -------
        PersonName

        Examples
        --------
        >>> from pyrdicom.valuerep import PersonName
        >>> PersonName(bytes([74, 0xE9]), ["latin_1"]).decode(["latin_1"])
        'Jé'
        """
        if encodings is None or encodings == self.encodings:
            return self
        if self.original_string is None and self.encodings is None:
            # text that never was bytes (the reader's values are decoded by the core):
            # re-encoding it in the default encoding, as pydicom would, could only lose
            # characters (docs/compat.md)
            name = PersonName(self)
            name.encodings = _verify_encodings(encodings)
            return name
        if self.original_string is None:
            self.original_string = _encode_personname(
                self.components, self.encodings or [default_encoding]
            )
            validate_value("PN", self.original_string, _reading_mode(self.validation_mode))
        return PersonName(self.original_string, encodings)

    def encode(self, encodings: Sequence[str] | None = None) -> bytes:
        """The name as bytes in (Python) `encodings` (default: its own).


        Parameters
        ----------
        encodings : sequence of str, optional
            Python codecs (default: its own).

        Returns
        -------
        bytes

        Examples
        --------
        >>> from pyrdicom.valuerep import PersonName
        >>> list(PersonName("Jé").encode(["latin_1"]))
        [74, 233]
        """
        encodings = _verify_encodings(encodings) or self.encodings
        if encodings != self.encodings and self.encodings is not None:
            return _encode_personname(self.components, encodings)  # type: ignore[arg-type]
        if self.original_string is None:
            self.original_string = _encode_personname(
                self.components, encodings or [default_encoding]
            )
        return self.original_string

    def __str__(self) -> str:
        return "=".join(self.components)

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.components)

    def __bool__(self) -> bool:
        if not self.original_string:
            groups = self.components
            return bool(groups) and (len(groups) > 1 or bool(groups[0]))
        return True

    def __len__(self) -> int:
        return len(str(self))

    def __iter__(self) -> Iterator[str]:
        return iter(str(self))

    def __contains__(self, x: Any) -> bool:
        return x in str(self)

    @staticmethod
    def _encode_component_groups(
        alphabetic_group: Sequence[str | bytes],
        ideographic_group: Sequence[str | bytes],
        phonetic_group: Sequence[str | bytes],
        encodings: list[str] | None = None,
    ) -> bytes:
        """The encoded value of three groups of parts (str parts encoded, bytes parts kept);
        no part may contain '\\', '=' or '^'."""
        from .charset import decode_bytes, encode_string

        codecs_ = encodings or [default_encoding]

        def encoded(part: str | bytes) -> bytes:
            text = decode_bytes(part, codecs_, set()) if isinstance(part, bytes) else part
            for c in "\\=^":
                if c in text:
                    raise ValueError(f"Strings may not contain the {c} character")
            return part if isinstance(part, bytes) else encode_string(part, codecs_)

        caret, equals = encode_string("^", codecs_), encode_string("=", codecs_)
        groups = [
            caret.join(encoded(p) for p in group).rstrip(caret)
            for group in (alphabetic_group, ideographic_group, phonetic_group)
        ]
        return equals.join(groups).rstrip(equals)

    @classmethod
    def from_named_components(
        cls,
        family_name: str | bytes = "",
        given_name: str | bytes = "",
        middle_name: str | bytes = "",
        name_prefix: str | bytes = "",
        name_suffix: str | bytes = "",
        family_name_ideographic: str | bytes = "",
        given_name_ideographic: str | bytes = "",
        middle_name_ideographic: str | bytes = "",
        name_prefix_ideographic: str | bytes = "",
        name_suffix_ideographic: str | bytes = "",
        family_name_phonetic: str | bytes = "",
        given_name_phonetic: str | bytes = "",
        middle_name_phonetic: str | bytes = "",
        name_prefix_phonetic: str | bytes = "",
        name_suffix_phonetic: str | bytes = "",
        encodings: list[str] | None = None,
    ) -> PersonName:
        """A name from its parts, each group's five parts given by name.


        Parameters
        ----------
        family_name : str or bytes
            The alphabetic group's family name.
        given_name : str or bytes
            Its given name.
        middle_name : str or bytes
            Its middle name.
        name_prefix : str or bytes
            Its prefix.
        name_suffix : str or bytes
            Its suffix.
        family_name_ideographic : str or bytes
            The ideographic group's family name.
        given_name_ideographic : str or bytes
            Its given name.
        middle_name_ideographic : str or bytes
            Its middle name.
        name_prefix_ideographic : str or bytes
            Its prefix.
        name_suffix_ideographic : str or bytes
            Its suffix.
        family_name_phonetic : str or bytes
            The phonetic group's family name.
        given_name_phonetic : str or bytes
            Its given name.
        middle_name_phonetic : str or bytes
            Its middle name.
        name_prefix_phonetic : str or bytes
            Its prefix.
        name_suffix_phonetic : str or bytes
            Its suffix.
        encodings : list of str, optional
            Python codecs to encode the parts with.

        Returns
        -------
        PersonName

        Examples
        --------
        >>> from pyrdicom.valuerep import PersonName
        >>> PersonName.from_named_components(family_name="Doe", given_name="Jane", name_prefix="Dr")
        'Doe^Jane^^Dr'
        """
        value = cls._encode_component_groups(
            [family_name, given_name, middle_name, name_prefix, name_suffix],
            [
                family_name_ideographic,
                given_name_ideographic,
                middle_name_ideographic,
                name_prefix_ideographic,
                name_suffix_ideographic,
            ],
            [
                family_name_phonetic,
                given_name_phonetic,
                middle_name_phonetic,
                name_prefix_phonetic,
                name_suffix_phonetic,
            ],
            encodings,
        )
        return cls(value, encodings=encodings)

    @classmethod
    def from_named_components_veterinary(
        cls,
        responsible_party_name: str | bytes = "",
        patient_name: str | bytes = "",
        responsible_party_name_ideographic: str | bytes = "",
        patient_name_ideographic: str | bytes = "",
        responsible_party_name_phonetic: str | bytes = "",
        patient_name_phonetic: str | bytes = "",
        encodings: list[str] | None = None,
    ) -> PersonName:
        """A veterinary name (responsible party ^ patient) from its parts.


        Parameters
        ----------
        responsible_party_name : str or bytes
            The alphabetic group's responsible party (owner) name.
        patient_name : str or bytes
            Its patient (animal) name.
        responsible_party_name_ideographic : str or bytes
            The ideographic group's responsible party name.
        patient_name_ideographic : str or bytes
            Its patient name.
        responsible_party_name_phonetic : str or bytes
            The phonetic group's responsible party name.
        patient_name_phonetic : str or bytes
            Its patient name.
        encodings : list of str, optional
            Python codecs to encode the parts with.

        Returns
        -------
        PersonName

        Examples
        --------
        >>> from pyrdicom.valuerep import PersonName
        >>> PersonName.from_named_components_veterinary(
        ...     responsible_party_name="ABC Farms", patient_name="Running on Water")
        'ABC Farms^Running on Water'
        """
        value = cls._encode_component_groups(
            [responsible_party_name, patient_name],
            [responsible_party_name_ideographic, patient_name_ideographic],
            [responsible_party_name_phonetic, patient_name_phonetic],
            encodings,
        )
        return cls(value, encodings=encodings)
