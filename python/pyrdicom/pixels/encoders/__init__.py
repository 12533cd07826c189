"""pydicom 3's ``pydicom.pixels.encoders``: an encoder object per transfer syntax."""

from .base import (
    JPEG2000Encoder,
    JPEG2000LosslessEncoder,
    JPEGLSLosslessEncoder,
    JPEGLSNearLosslessEncoder,
    RLELosslessEncoder,
)

__all__ = [
    "JPEG2000Encoder",
    "JPEG2000LosslessEncoder",
    "JPEGLSLosslessEncoder",
    "JPEGLSNearLosslessEncoder",
    "RLELosslessEncoder",
]
