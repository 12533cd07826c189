"""Waveform data (5400,0100) as arrays: pydicom 3's ``pydicom.waveforms``."""

from .numpy_handler import generate_multiplex, multiplex_array

__all__ = ["generate_multiplex", "multiplex_array"]
