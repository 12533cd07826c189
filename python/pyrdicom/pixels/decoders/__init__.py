"""pydicom 3's ``pydicom.pixels.decoders``: a decoder object per transfer syntax."""

from .base import (
    DeflatedExplicitVRLittleEndianDecoder,
    ExplicitVRBigEndianDecoder,
    ExplicitVRLittleEndianDecoder,
    HTJ2KDecoder,
    HTJ2KLosslessDecoder,
    HTJ2KLosslessRPCLDecoder,
    ImplicitVRLittleEndianDecoder,
    JPEG2000Decoder,
    JPEG2000LosslessDecoder,
    JPEGBaseline8BitDecoder,
    JPEGExtended12BitDecoder,
    JPEGLosslessDecoder,
    JPEGLosslessSV1Decoder,
    JPEGLSLosslessDecoder,
    JPEGLSNearLosslessDecoder,
    RLELosslessDecoder,
)

__all__ = [
    "DeflatedExplicitVRLittleEndianDecoder",
    "ExplicitVRBigEndianDecoder",
    "ExplicitVRLittleEndianDecoder",
    "HTJ2KDecoder",
    "HTJ2KLosslessDecoder",
    "HTJ2KLosslessRPCLDecoder",
    "ImplicitVRLittleEndianDecoder",
    "JPEG2000Decoder",
    "JPEG2000LosslessDecoder",
    "JPEGBaseline8BitDecoder",
    "JPEGExtended12BitDecoder",
    "JPEGLSLosslessDecoder",
    "JPEGLSNearLosslessDecoder",
    "JPEGLosslessDecoder",
    "JPEGLosslessSV1Decoder",
    "RLELosslessDecoder",
]
