"""Overlay Plane data (60xx,3000) as arrays: pydicom 3's ``pydicom.overlays``."""

from .numpy_handler import get_overlay_array

__all__ = ["get_overlay_array"]
