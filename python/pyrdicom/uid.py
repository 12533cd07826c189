"""`UID` and the registered UID constants (``ExplicitVRLittleEndian``, ``RLELossless``, ...)."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from . import _core, _transfer_syntax, config
from ._core import TransferSyntax, UidEntry
from .valuerep import STR_VR_REGEXES, validate_value

PYRDICOM_ROOT_UID = "1.2.826.0.1.3680043.10.1543."  # a root for generate_uid's default prefix
# pydicom's names for the library's own root and implementation UID. They are pyrdicom's: UIDs
# made under pydicom's root would claim pydicom made them (docs/compat.md).
PYDICOM_ROOT_UID = PYRDICOM_ROOT_UID
RE_VALID_UID = STR_VR_REGEXES["UI"]
RE_VALID_UID_PREFIX = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*\.$")
_VALID_UID = re.compile(r"(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*")


def _plainly_valid(val: str) -> bool:
    """True for most valid UIDs (string tests at C speed); False leaves it to the pattern
    (components "0", i.e. ".0", and every invalid UID)."""
    return (
        len(val) <= 64
        and val.isascii()
        and val.replace(".", "").isdigit()
        and ".0" not in val
        and ".." not in val
        and val[0] not in ".0"
        and val[-1] != "."
    )


class UID(str):
    """A UID string that knows its registered name and transfer-syntax properties. Invalid
    UIDs warn (or raise under the RAISE validation mode), as in pydicom.

    Parameters
    ----------
    val : str
        The UID.
    validation_mode : int, optional
        How an invalid UID is handled (default: `config.settings.reading_validation_mode`).

    Raises
    ------
    TypeError
        `val` is not a string.

    Examples
    --------
    >>> from pyrdicom.uid import UID, JPEGBaseline8Bit
    >>> uid = UID("1.2.840.10008.5.1.4.1.1.2")
    >>> uid.name, uid.is_transfer_syntax
    ('CT Image Storage', False)
    >>> JPEGBaseline8Bit.name, JPEGBaseline8Bit.is_compressed
    ('JPEG Baseline (Process 1)', True)
    """

    _PRIVATE_TS_ENCODING: tuple[bool, bool]

    def __new__(cls, val: str, validation_mode: int | None = None) -> UID:
        if not isinstance(val, str):
            raise TypeError("A UID must be created from a string")
        if not _plainly_valid(val) and (len(val) > 64 or _VALID_UID.fullmatch(val) is None):
            if validation_mode is None:
                validation_mode = config.settings.reading_validation_mode
            validate_value("UI", val, validation_mode)
        uid = super().__new__(cls, val.strip())
        if val.__class__ is not str:
            encoding = getattr(val, "_PRIVATE_TS_ENCODING", None)
            if encoding is not None:
                uid._PRIVATE_TS_ENCODING = encoding
        return uid

    def _entry(self) -> UidEntry | None:
        return _core.uid_entry(str(self))

    @property
    def name(self) -> str:
        e = self._entry()
        return e.name if e else str.__str__(self)

    @property
    def type(self) -> str:
        e = self._entry()
        return e.kind if e else ""

    @property
    def info(self) -> str:
        e = self._entry()
        return e.info if e else ""

    @property
    def is_retired(self) -> bool:
        e = self._entry()
        return bool(e and e.retired)

    @property
    def keyword(self) -> str:
        e = self._entry()
        return e.keyword if e else ""

    @property
    def is_transfer_syntax(self) -> bool:
        if self.is_private:
            return hasattr(self, "_PRIVATE_TS_ENCODING")
        # The registry also knows syntaxes newer than pydicom 3.0.2's UID dictionary
        # (Deflated Image Frame Compression, JPEG XL), which pyrdicom reads and writes.
        return self.type == "Transfer Syntax" or _transfer_syntax.lookup(self) is not None

    def _registry_entry(self) -> TransferSyntax | None:
        """The registry's entry; None for a private transfer syntax (`set_private_encoding`).
        Raises ValueError when this is not a transfer syntax."""
        if self.is_transfer_syntax:
            if self.is_private:
                return None
            ts = _transfer_syntax.lookup(self)
            if ts is not None:
                return ts
        raise ValueError("UID is not a transfer syntax.")

    @property
    def is_implicit_VR(self) -> bool:
        ts = self._registry_entry()
        return self._PRIVATE_TS_ENCODING[0] if ts is None else ts.implicit_vr

    @property
    def is_little_endian(self) -> bool:
        ts = self._registry_entry()
        return self._PRIVATE_TS_ENCODING[1] if ts is None else ts.little_endian

    @property
    def is_deflated(self) -> bool:
        ts = self._registry_entry()
        return ts is not None and ts.deflated

    @property
    def is_encapsulated(self) -> bool:
        return self.is_compressed

    @property
    def is_compressed(self) -> bool:
        # pydicom counts a private transfer syntax as compressed
        ts = self._registry_entry()
        return ts is None or ts.encapsulated

    def set_private_encoding(self, implicit_vr: bool, little_endian: bool) -> None:
        """Make this private UID a transfer syntax with the given encoding.

        Parameters
        ----------
        implicit_vr : bool
            Whether data sets of this transfer syntax use implicit VR.
        little_endian : bool
            Whether they are little endian.

        Examples
        --------
        >>> from pyrdicom.uid import UID
        >>> uid = UID("1.2.3.4")
        >>> uid.set_private_encoding(False, True)
        >>> uid.is_transfer_syntax, uid.is_implicit_VR, uid.is_little_endian
        (True, False, True)
        """
        self._PRIVATE_TS_ENCODING = (implicit_vr, little_endian)

    @property
    def is_private(self) -> bool:
        return not self.startswith("1.2.840.10008.")

    @property
    def is_valid(self) -> bool:
        return len(self) <= 64 and _VALID_UID.fullmatch(self) is not None

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return repr(str.__str__(self))


_MAX_PREFIX_LENGTH = 54


def generate_uid(
    prefix: str | None = PYDICOM_ROOT_UID, entropy_srcs: list[str] | None = None
) -> UID:
    """A new UID of up to 64 characters: `prefix` + a random number (or the SHA-512 of
    `entropy_srcs`, so the same sources give the same UID); with prefix None a 2.25. UUID
    UID, as in pydicom.

    Parameters
    ----------
    prefix : str or None
        The root, ending in "." (default: pydicom's root); None for a "2.25." UUID-based UID.
    entropy_srcs : list of str, optional
        Make the UID from these (the same sources give the same UID) instead of at random.

    Returns
    -------
    UID

    Raises
    ------
    ValueError
        `prefix` is longer than 54 characters or is not a valid UID prefix.

    Examples
    --------
    >>> from pyrdicom.uid import generate_uid
    >>> len(generate_uid()) <= 64
    True
    >>> generate_uid(entropy_srcs=["patient 12", "study 3"]) == generate_uid(
    ...     entropy_srcs=["patient 12", "study 3"])
    True
    >>> generate_uid(prefix=None).startswith("2.25.")
    True
    """
    import hashlib
    import secrets
    import uuid

    if prefix is None:
        return UID(f"2.25.{uuid.uuid4().int}")
    if len(prefix) > _MAX_PREFIX_LENGTH:
        raise ValueError(
            f"The 'prefix' should be no more than {_MAX_PREFIX_LENGTH} characters long"
        )
    if not RE_VALID_UID_PREFIX.match(prefix):
        raise ValueError(
            "The 'prefix' is not valid for use with a UID, see Part 5, Section 9.1 of the "
            "DICOM Standard"
        )
    if entropy_srcs is None:
        return UID(f"{prefix}{secrets.randbelow(10 ** (64 - len(prefix)))}"[:64])
    digest = hashlib.sha512("".join(entropy_srcs).encode("utf-8")).hexdigest()
    return UID(f"{prefix}{int(digest, 16)}"[:64])


def _define_constants() -> dict[str, Any]:
    return {kw: UID(uid) for kw, uid in _core.uid_keywords()}


globals().update(_define_constants())

PYRDICOM_IMPLEMENTATION_UID = UID(f"{PYRDICOM_ROOT_UID}1")
PYDICOM_IMPLEMENTATION_UID = PYRDICOM_IMPLEMENTATION_UID

if TYPE_CHECKING:
    UID_dictionary: dict[str, tuple[str, str, str, str, str]]


def __getattr__(name: str) -> UID:
    # Only reached for names not defined above: pydicom's table, built when first asked for.
    # The return type tells type checkers that the constants (``uid.RLELossless``, ...) are UIDs.
    if name == "UID_dictionary":
        from ._uid_dict import UID_dictionary

        return UID_dictionary  # type: ignore[return-value]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# pydicom's groupings of transfer syntaxes.
AllTransferSyntaxes = [UID(uid) for _, uid in _core.uid_keywords() if UID(uid).is_transfer_syntax]
_TS = globals()
JPEGTransferSyntaxes = [
    _TS[k] for k in ("JPEGBaseline8Bit", "JPEGExtended12Bit", "JPEGLossless", "JPEGLosslessSV1")
]
JPEGLSTransferSyntaxes = [_TS["JPEGLSLossless"], _TS["JPEGLSNearLossless"]]
JPEG2000TransferSyntaxes = [
    _TS[k]
    for k in (
        "JPEG2000Lossless",
        "JPEG2000",
        "JPEG2000MCLossless",
        "JPEG2000MC",
        "HTJ2KLossless",
        "HTJ2KLosslessRPCL",
        "HTJ2K",
    )
]
MPEGTransferSyntaxes = [ts for ts in AllTransferSyntaxes if ts.keyword.startswith(("MPEG", "HEVC"))]
RLETransferSyntaxes = [_TS["RLELossless"]]
UncompressedTransferSyntaxes = [
    _TS[k]
    for k in (
        "ExplicitVRLittleEndian",
        "ImplicitVRLittleEndian",
        "DeflatedExplicitVRLittleEndian",
        "ExplicitVRBigEndian",
    )
]
# Private transfer syntaxes the reader accepts (`register_transfer_syntax`).
PrivateTransferSyntaxes: list[UID] = []


def register_transfer_syntax(
    uid: str | UID, implicit_vr: bool | None = None, little_endian: bool | None = None
) -> UID:
    """Register a private transfer syntax (its encoding given here, or set before with
    `UID.set_private_encoding`) so that files using it can be read.

    Parameters
    ----------
    uid : str or UID
        The private transfer syntax UID.
    implicit_vr : bool, optional
        Whether its data sets use implicit VR (needed unless set on `uid` before).
    little_endian : bool, optional
        Whether they are little endian (needed unless set on `uid` before).

    Returns
    -------
    UID
        The registered UID, a transfer syntax.

    Raises
    ------
    ValueError
        The encoding is given neither here nor on `uid`.

    Examples
    --------
    >>> from pyrdicom.uid import register_transfer_syntax
    >>> uid = register_transfer_syntax("1.2.3.4.5", implicit_vr=False, little_endian=True)
    >>> uid.is_transfer_syntax
    True
    """
    uid = UID(uid)
    if None in (implicit_vr, little_endian) and not uid.is_transfer_syntax:
        raise ValueError(
            "The corresponding dataset encoding for 'uid' must be set using the "
            "'implicit_vr' and 'little_endian' arguments"
        )
    if implicit_vr is not None and little_endian is not None:
        uid.set_private_encoding(implicit_vr, little_endian)
    if uid not in PrivateTransferSyntaxes:
        PrivateTransferSyntaxes.append(uid)
    return uid


# The reader's UI values: made without UID's Python __new__ and without validation (a UID read
# from a file is taken as it is, which keeps header reads as fast as before; pydicom validates
# it: docs/compat.md).
_read_uid = functools.partial(str.__new__, UID)
