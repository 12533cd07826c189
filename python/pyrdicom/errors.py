"""pyrdicom's exceptions: one root, `DicomError`; I/O problems stay `OSError`."""


class DicomError(Exception):
    """Root of every error pyrdicom raises for DICOM content."""


class InvalidDicomError(DicomError):
    """The input is not DICOM (no preamble/'DICM' prefix and ``force`` not given)."""


class MalformedDicomError(InvalidDicomError):
    """The input is DICOM but its structure is broken (truncated, bad lengths, nesting)."""


class BytesLengthException(DicomError, ValueError):
    """A value's length is not a multiple of its VR's value size."""


class DicomValueError(DicomError, ValueError):
    """A value that is not valid for its element's VR."""


class PixelDataError(DicomError, ValueError):
    """Pixel data that does not match its description, or that a codec could not decode."""


class UnsupportedTransferSyntaxError(PixelDataError, NotImplementedError):
    """A transfer syntax this build of pyrdicom cannot decode or encode."""


class DicomAttributeError(DicomError, AttributeError):
    """A data set has no element of the keyword asked for (also raised from properties that
    need one, such as `pixel_array`, so the message names what is missing)."""
