"""pyrdicom's exceptions: one root, `DicomError`; I/O problems stay `OSError`."""


class DicomError(Exception):
    """Root of every error pyrdicom raises for DICOM content.

    Examples
    --------
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.errors import DicomError
    >>> try:
    ...     dcmread(b"not DICOM")
    ... except DicomError as exc:
    ...     print(type(exc).__name__)
    InvalidDicomError
    """


class InvalidDicomError(DicomError):
    """The input is not DICOM (no preamble/'DICM' prefix and ``force`` not given).

    Parameters
    ----------
    *args : object
        The message (default: "The specified file is not a valid DICOM file.").

    Examples
    --------
    >>> from pyrdicom import InvalidDicomError, dcmread
    >>> try:
    ...     dcmread(b"not DICOM")
    ... except InvalidDicomError as exc:
    ...     print(str(exc)[:50])
    File is missing DICOM File Meta Information header
    """

    def __init__(self, *args: object) -> None:
        super().__init__(*(args or ("The specified file is not a valid DICOM file.",)))


class MalformedDicomError(InvalidDicomError):
    """The input is DICOM but its structure is broken (truncated, bad lengths, nesting).

    Parameters
    ----------
    *args : object
        The message.

    Examples
    --------
    >>> from pyrdicom.errors import InvalidDicomError, MalformedDicomError
    >>> issubclass(MalformedDicomError, InvalidDicomError)
    True
    """


class BytesLengthException(DicomError, ValueError):
    """A value's length is not a multiple of its VR's value size.

    Examples
    --------
    >>> from pyrdicom.errors import BytesLengthException, DicomError
    >>> issubclass(BytesLengthException, (DicomError, ValueError))
    True
    """


class DicomValueError(DicomError, ValueError):
    """A value that is not valid for its element's VR.

    Examples
    --------
    >>> from pyrdicom.errors import DicomValueError
    >>> issubclass(DicomValueError, ValueError)
    True
    """


class PixelDataError(DicomError, ValueError):
    """Pixel data that does not match its description, or that a codec could not decode.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.errors import PixelDataError
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> ds.BitsAllocated = 32  # twice the bytes the Pixel Data holds
    >>> try:
    ...     ds.pixel_array
    ... except PixelDataError as exc:
    ...     print(type(exc).__name__)
    PixelDataError
    """


class UnsupportedTransferSyntaxError(PixelDataError, NotImplementedError):
    """A transfer syntax this build of pyrdicom cannot decode or encode.

    Examples
    --------
    >>> from pyrdicom.errors import PixelDataError, UnsupportedTransferSyntaxError
    >>> issubclass(UnsupportedTransferSyntaxError, (PixelDataError, NotImplementedError))
    True
    """


class DicomAttributeError(DicomError, AttributeError):
    """A data set has no element of the keyword asked for (also raised from properties that
    need one, such as `pixel_array`, so the message names what is missing).

    Examples
    --------
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.errors import DicomAttributeError
    >>> try:
    ...     Dataset().pixel_array
    ... except DicomAttributeError as exc:
    ...     print(type(exc).__name__)
    DicomAttributeError
    """


class VolumeError(DicomError):
    """Slices that do not form one regular volume (see :mod:`pyrdicom.volume`).

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.errors import VolumeError
    >>> from pyrdicom.volume import read_series
    >>> try:
    ...     read_series([get_testdata_file("CT_small.dcm")])
    ... except VolumeError as exc:
    ...     print(type(exc).__name__)
    VolumeError
    """
