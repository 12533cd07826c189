"""VRs (the `VR` enum and pydicom's VR groups) and value validation (`validate_value`).

Re-exported by `pyrdicom.valuerep` under pydicom's names. Validation only runs where pydicom
runs it (setting values, building DS/IS/DA/... from strings): never per element while reading.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from enum import Enum, unique
from typing import Any

from . import config
from .misc import warn_and_log

default_encoding = "iso8859"
# Bytes that reset ISO 2022 escape sequences in text values (PS3.5 6.1.2.5.3) and in PN parts.
TEXT_VR_DELIMS = {0x0D, 0x0A, 0x09, 0x0C}
PN_DELIMS = {0x5E}

MAX_VALUE_LEN = {
    "AE": 16,
    "CS": 16,
    "DS": 16,
    "IS": 12,
    "LO": 64,
    "LT": 10240,
    "SH": 16,
    "ST": 1024,
    "UI": 64,
}


def _range_regex(one: str) -> str:
    """A value or a range of values (PS3.4 C.2.2.2.5), as DA, DT and TM queries allow."""
    return rf"^{one}$|^\-{one} ?$|^{one}\- ?$|^{one}\-{one} ?$"


_TIME = r"([01]\d|2[0-3])([0-5]\d((60|[0-5]\d)(\.\d{1,6} ?)?)?)?"
_DATE_TIME = (
    r"\d{4}((0[1-9]|1[0-2])(([0-2]\d|3[01])(([01]\d|2[0-3])"
    r"([0-5]\d((60|[0-5]\d)(\.\d{1,6} ?)?)?)?)?)?)?([+-][01]\d\d\d)?"
)
VR_REGEXES = {
    "AE": r"^[\x20-\x7e]*$",
    "AS": r"^\d\d\d[DWMY]$",
    "CS": r"^[A-Z0-9 _]*$",
    "DS": r"^ *[+\-]?(\d+|\d+\.\d*|\.\d+)([eE][+\-]?\d+)? *$",
    "IS": r"^ *[+\-]?\d+ *$",
    "DA": _range_regex(r"\d{4}(0[1-9]|1[0-2])([0-2]\d|3[01])"),
    "DT": _range_regex(_DATE_TIME),
    "TM": _range_regex(_TIME),
    "UI": r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$",
    "UR": r"^[A-Za-z_\d:/?#\[\]@!$&'()*+,;=%\-.~]* *$",
}


class _Compiled(dict):
    """VR -> compiled pattern, compiled when first used (`import pyrdicom` stays light)."""

    def __init__(self, as_bytes: bool) -> None:
        super().__init__()
        self._as_bytes = as_bytes

    def __missing__(self, vr: str) -> re.Pattern[Any]:
        rx = VR_REGEXES[vr]
        pattern = self[vr] = re.compile(rx.encode() if self._as_bytes else rx)
        return pattern


STR_VR_REGEXES = _Compiled(as_bytes=False)
BYTE_VR_REGEXES = _Compiled(as_bytes=True)

Result = tuple[bool, str]


def validate_type(vr: str, value: Any, types: type | tuple[type, ...]) -> Result:
    """(ok, message): `value` is None or one of `types`."""
    if value is None or isinstance(value, types):
        return True, ""
    return (
        False,
        f"A value of type '{type(value).__name__}' cannot be assigned to a tag with VR {vr}.",
    )


def validate_vr_length(vr: str, value: Any) -> Result:
    """(ok, message): `value` is no longer than the VR's maximum length (if it has one)."""
    limit = MAX_VALUE_LEN.get(vr, 0)
    if limit and len(value) > limit:
        return False, (
            f"The value length ({len(value)}) exceeds the maximum length of {limit} "
            f"allowed for VR {vr}."
        )
    return True, ""


def validate_type_and_length(vr: str, value: Any) -> Result:
    """(ok, message): a str/bytes no longer than the VR allows."""
    ok, msg = validate_type(vr, value, (str, bytes))
    return validate_vr_length(vr, value) if ok else (ok, msg)


def validate_regex(vr: str, value: Any) -> Result:
    """(ok, message): a non-empty value matches the VR's pattern and does not end in a newline
    (``$`` would accept one)."""
    if not value:
        return True, ""
    regex: Any = STR_VR_REGEXES[vr] if isinstance(value, str) else BYTE_VR_REGEXES[vr]
    newline: Any = "\n" if isinstance(value, str) else 10
    if regex.match(value) is None or value[-1] == newline:
        return False, f"Invalid value for VR {vr}: {value!r}."
    return True, ""


def validate_type_and_regex(vr: str, value: Any) -> Result:
    """(ok, message): a str/bytes matching the VR's pattern."""
    ok, msg = validate_type(vr, value, (str, bytes))
    return validate_regex(vr, value) if ok else (ok, msg)


def validate_date_time(vr: str, value: Any, date_time_type: type) -> Result:
    """(ok, message): a non-empty `date_time_type`, or a str/bytes matching the VR's pattern."""
    if value and isinstance(value, date_time_type):
        return True, ""
    return validate_type_and_regex(vr, value)


def validate_length_and_type_and_regex(vr: str, value: Any) -> Result:
    """(ok, message): type, length and pattern, both problems reported together."""
    ok, msg = validate_type(vr, value, (str, bytes))
    if not ok:
        return ok, msg
    len_ok, len_msg = validate_vr_length(vr, value)
    rx_ok, rx_msg = validate_regex(vr, value)
    msg = f"{len_msg} {rx_msg}".strip()
    if msg:
        msg += (
            " Please see <https://dicom.nema.org/medical/dicom/current/output"
            "/html/part05.html#table_6.2-1> for allowed values for each VR."
        )
    return len_ok and rx_ok, msg


def validate_pn_component_length(vr: str, value: Any) -> Result:
    """(ok, message): a PN component group of at most 64 characters."""
    if len(value) > 64:
        return False, (
            f"The PN component length ({len(value)}) exceeds the maximum allowed length of 64."
        )
    return True, ""


def validate_pn(vr: str, value: Any) -> Result:
    """(ok, message): at most 3 component groups of at most 64 characters each."""
    from .valuerep import PersonName

    if not value or isinstance(value, PersonName):
        return True, ""
    ok, msg = validate_type(vr, value, (str, bytes))
    if not ok:
        return ok, msg
    groups = value.split(b"=" if isinstance(value, bytes) else "=")
    if len(groups) > 3:
        return False, (
            f"The number of PN components length ({len(groups)}) exceeds the maximum "
            "allowed number of 3."
        )
    for group in groups:
        ok, msg = validate_pn_component_length("PN", group)
        if not ok:
            return ok, msg
    return True, ""


def validate_pn_component(value: str | bytes) -> None:
    """Check one PN component group's length under the writing validation mode."""
    validate_value(
        "PN", value, config.settings.writing_validation_mode, validate_pn_component_length
    )


VALUE_LENGTH = {"US": 2, "SS": 2, "UL": 4, "SL": 4, "UV": 8, "SV": 8, "FL": 4, "FD": 8}


def validate_number(vr: str, value: Any, min_value: int, max_value: int) -> Result:
    """(ok, message): an int in [min_value, max_value], or bytes of whole values."""
    ok, msg = validate_type(vr, value, (int, bytes))
    if not ok:
        return ok, msg
    if isinstance(value, int):
        if not min_value <= value <= max_value:
            return False, (
                f"Invalid value: a value for a tag with VR {vr} must be between "
                f"{min_value} and {max_value}."
            )
    elif len(value) % VALUE_LENGTH[vr]:
        return False, (
            f"Invalid value length {len(value)}: the value length for a tag with VR {vr} "
            f"must be a multiple of {VALUE_LENGTH[vr]}."
        )
    return True, ""


def _typed(*types: type) -> Callable[[str, Any], Result]:
    return lambda vr, value: validate_type(vr, value, types)


def _ranged(low: int, high: int) -> Callable[[str, Any], Result]:
    return lambda vr, value: validate_number(vr, value, low, high)


def _dated(kind: type) -> Callable[[str, Any], Result]:
    return lambda vr, value: validate_date_time(vr, value, kind)


_BYTES = _typed(bytes, bytearray)
VALIDATORS: dict[str, Callable[[str, Any], Result]] = {
    "AE": validate_length_and_type_and_regex,
    "AS": validate_type_and_regex,
    "CS": validate_length_and_type_and_regex,
    "DA": _dated(datetime.date),
    "DS": validate_length_and_type_and_regex,
    "DT": _dated(datetime.datetime),
    "FD": _typed(float, int),
    "FL": _typed(float, int),
    "IS": validate_length_and_type_and_regex,
    "LO": validate_type_and_length,
    "LT": validate_type_and_length,
    "OB": _BYTES,
    "OD": _BYTES,
    "OF": _BYTES,
    "OL": _BYTES,
    "OW": _BYTES,
    "OV": _BYTES,
    "PN": validate_pn,
    "SH": validate_type_and_length,
    "SL": _ranged(-(2**31), 2**31 - 1),
    "SS": _ranged(-(2**15), 2**15 - 1),
    "ST": validate_type_and_length,
    "SV": _ranged(-(2**63), 2**63 - 1),
    "TM": _dated(datetime.time),
    "UI": validate_length_and_type_and_regex,
    "UL": _ranged(0, 2**32 - 1),
    "US": _ranged(0, 2**16 - 1),
    "UR": validate_type_and_regex,
    "UV": _ranged(0, 2**64 - 1),
}


def validate_value(
    vr: str,
    value: Any,
    validation_mode: int,
    validator: Callable[[str, Any], Result] | None = None,
) -> None:
    """Check `value` against the standard for `vr`: under WARN a failure warns (and logs),
    under RAISE it raises ValueError, under IGNORE nothing is checked."""
    if validation_mode == config.IGNORE or value is None:
        return
    validator = validator or VALIDATORS.get(vr)
    if validator is None:
        return
    ok, msg = validator(vr, value)
    if not ok:
        if validation_mode == config.RAISE:
            raise ValueError(msg)
        warn_and_log(msg)


@unique
class VR(str, Enum):
    """A data element's Value Representation; the ambiguous ones are e.g. ``VR.US_SS``."""

    AE = "AE"
    AS = "AS"
    AT = "AT"
    CS = "CS"
    DA = "DA"
    DS = "DS"
    DT = "DT"
    FD = "FD"
    FL = "FL"
    IS = "IS"
    LO = "LO"
    LT = "LT"
    OB = "OB"
    OD = "OD"
    OF = "OF"
    OL = "OL"
    OW = "OW"
    OV = "OV"
    PN = "PN"
    SH = "SH"
    SL = "SL"
    SQ = "SQ"
    SS = "SS"
    ST = "ST"
    SV = "SV"
    TM = "TM"
    UC = "UC"
    UI = "UI"
    UL = "UL"
    UN = "UN"
    UR = "UR"
    US = "US"
    UT = "UT"
    UV = "UV"
    US_SS_OW = "US or SS or OW"
    US_SS = "US or SS"
    US_OW = "US or OW"
    OB_OW = "OB or OW"

    def __str__(self) -> str:
        return str.__str__(self)


AMBIGUOUS_VR = {VR.US_SS_OW, VR.US_SS, VR.US_OW, VR.OB_OW}
STANDARD_VR = set(VR) - AMBIGUOUS_VR
DEFAULT_CHARSET_VR = {VR.AE, VR.AS, VR.CS, VR.DA, VR.DS, VR.DT, VR.IS, VR.TM, VR.UI, VR.UR}
CUSTOMIZABLE_CHARSET_VR = {VR.LO, VR.LT, VR.PN, VR.SH, VR.ST, VR.UC, VR.UT}
BYTES_VR = {VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.UN}
FLOAT_VR = {VR.DS, VR.FD, VR.FL}
INT_VR = {VR.AT, VR.IS, VR.SL, VR.SS, VR.SV, VR.UL, VR.US, VR.UV}
LIST_VR = {VR.SQ}
STR_VR = DEFAULT_CHARSET_VR | CUSTOMIZABLE_CHARSET_VR
# Values of these VRs are not split on backslashes.
ALLOW_BACKSLASH = {VR.LT, VR.ST, VR.UT, VR.US_SS_OW, VR.US_OW, VR.OB_OW} | BYTES_VR
# Values of these VRs may be long, so their repr is shortened.
LONG_VALUE_VR = {VR.LT, VR.UC, VR.UT} | BYTES_VR | AMBIGUOUS_VR
# Explicit VR encoding: these have a 2-byte length, the others 2 reserved bytes and 4.
EXPLICIT_VR_LENGTH_16 = {
    VR.AE, VR.AS, VR.AT, VR.CS, VR.DA, VR.DS, VR.DT, VR.FL, VR.FD, VR.IS, VR.LO, VR.LT,
    VR.PN, VR.SH, VR.SL, VR.SS, VR.ST, VR.TM, VR.UI, VR.UL, VR.US,
}  # fmt: skip
EXPLICIT_VR_LENGTH_32 = STANDARD_VR - EXPLICIT_VR_LENGTH_16
BUFFERABLE_VRS = (BYTES_VR | {VR.OB_OW}) - {VR.UN}
