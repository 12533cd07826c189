"""`UID` and the registered UID constants (``ExplicitVRLittleEndian``, ``RLELossless``, ...)."""

from __future__ import annotations

import os
import uuid
from typing import Any

from . import _core, _transfer_syntax
from ._core import TransferSyntax, UidEntry

PYRDICOM_ROOT_UID = "1.2.826.0.1.3680043.10.1543."  # a root for generate_uid's default prefix


class UID(str):
    """A UID string that knows its registered name and transfer-syntax properties."""

    __slots__ = ()

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
        # The registry also knows syntaxes newer than pydicom 3.0.2's UID dictionary
        # (Deflated Image Frame Compression), which pyrdicom reads and writes.
        return self.type == "Transfer Syntax" or _transfer_syntax.lookup(self) is not None

    def _registry_entry(self) -> TransferSyntax:
        ts = _transfer_syntax.lookup(self) if self.is_transfer_syntax else None
        if ts is None:
            raise ValueError("UID is not a transfer syntax.")
        return ts

    @property
    def is_implicit_VR(self) -> bool:
        return self._registry_entry().implicit_vr

    @property
    def is_little_endian(self) -> bool:
        return self._registry_entry().little_endian

    @property
    def is_deflated(self) -> bool:
        return self._registry_entry().deflated

    @property
    def is_encapsulated(self) -> bool:
        return self._registry_entry().encapsulated

    @property
    def is_compressed(self) -> bool:
        return self._registry_entry().encapsulated

    @property
    def is_private(self) -> bool:
        return not self.startswith("1.2.840.10008.")

    @property
    def is_valid(self) -> bool:
        import re

        return (
            len(self) <= 64
            and re.fullmatch(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*", self) is not None
        )

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return repr(str.__str__(self))


def generate_uid(
    prefix: str | None = PYRDICOM_ROOT_UID, entropy_srcs: list[str] | None = None
) -> UID:
    """A new UID: `prefix` + a number from 128 random bits (or a hash of `entropy_srcs`),
    or with prefix None a 2.25. UUID-derived UID, as in pydicom."""
    if prefix is None:
        return UID(f"2.25.{uuid.uuid4().int}")
    if len(prefix) > 63 or not prefix.endswith("."):
        raise ValueError("The prefix must be at most 63 characters long and end with a '.'")
    if entropy_srcs is None:
        suffix = str(int.from_bytes(os.urandom(16), "big"))
    else:
        import hashlib

        h = hashlib.sha512("".join(entropy_srcs).encode("utf-8")).digest()
        suffix = str(int.from_bytes(h[:16], "big"))
    return UID((prefix + suffix)[:64])


def _define_constants() -> dict[str, Any]:
    return {kw: UID(uid) for kw, uid in _core.uid_keywords()}


globals().update(_define_constants())


def __getattr__(name: str) -> UID:
    # Only reached for names the dictionary has not defined above; its return type tells type
    # checkers that the constants (``uid.RLELossless``, ...) are UIDs.
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# pydicom's groupings of transfer syntaxes.
AllTransferSyntaxes = [UID(uid) for _, uid in _core.uid_keywords() if UID(uid).is_transfer_syntax]
PrivateTransferSyntaxes: list[UID] = []
