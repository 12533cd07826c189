"""Structured reporting codes: pydicom 3's ``pydicom.sr`` (``codes``, ``Code``)."""

from .codedict import Collection, Concepts, codes
from .coding import Code

__all__ = ["Code", "Collection", "Concepts", "codes"]
