"""pydicom 3's ``pydicom.pixels.utils``: pixel data helpers, on pyrdicom's decoders and codecs.

Bit packing and unpacking run in the core (GIL released); the rest is arithmetic over the Image
Pixel module.
"""

from __future__ import annotations

import importlib
from struct import unpack
from sys import byteorder
from typing import Any

import numpy as np

from .. import _core, _transfer_syntax
from ..datadict import keyword_for_tag
from ..errors import DicomAttributeError
from ..misc import LOGGER, warn_and_log
from ..uid import UID
from . import iter_pixels, pixel_array
from .common import number_of_frames
from .encoding import compress, decompress, set_pixel_data
from .native import _PIXEL_MODULE

# the elements whose values decide how Pixel Data reads (the native reader's cache key)
_PIXEL_KEYWORDS = tuple(map(keyword_for_tag, _PIXEL_MODULE))

# The Image Pixel module's elements as decoding options (pydicom's names).
_IMAGE_PIXEL = {
    0x00280002: "samples_per_pixel",
    0x00280004: "photometric_interpretation",
    0x00280006: "planar_configuration",
    0x00280008: "number_of_frames",
    0x00280010: "rows",
    0x00280011: "columns",
    0x00280100: "bits_allocated",
    0x00280101: "bits_stored",
    0x00280103: "pixel_representation",
}

# Transfer syntaxes whose decoders always give interleaved (or planar, for RLE) samples:
# pydicom's lists, by registry keyword.
_INTERLEAVED = {
    _transfer_syntax.by_keyword(keyword).uid
    for keyword in (
        "JPEGBaseline8Bit",
        "JPEGLossless",
        "JPEGLosslessSV1",
        "JPEGLSLossless",
        "JPEGLSNearLossless",
        "JPEG2000Lossless",
        "JPEG2000",
    )
}
_PLANAR = {_transfer_syntax.by_keyword("RLELossless").uid}


def as_pixel_options(ds: Any, **kwargs: Any) -> dict[str, Any]:
    """The Image Pixel module of `ds` as decoding options, updated with `kwargs`.

    Parameters
    ----------
    ds : Dataset
        The data set.
    **kwargs
        Options that replace (or add to) the data set's.

    Returns
    -------
    dict

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import as_pixel_options
    >>> opts = as_pixel_options(dcmread(get_testdata_file("emri_small.dcm")))
    >>> opts["rows"], opts["bits_stored"], opts["photometric_interpretation"]
    (64, 12, 'MONOCHROME2')
    """
    opts = {attr: ds[tag].value for tag, attr in _IMAGE_PIXEL.items() if tag in ds._dict}
    opts["number_of_frames"] = number_of_frames(opts.get("number_of_frames", 1))
    if 0x7FE00001 in ds._dict and 0x7FE00002 in ds._dict:
        opts["extended_offsets"] = (ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths)
    opts.update(kwargs)
    return opts


def expand_ybr422(src: bytes | bytearray | memoryview, bits_allocated: int) -> bytes:
    """YBR_FULL_422 data (Y1 Y2 Cb Cr per pair of pixels) with its chroma repeated: YBR_FULL.

    Parameters
    ----------
    src : bytes-like
        The YBR_FULL_422 samples.
    bits_allocated : int
        8 or 16.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from pyrdicom.pixels.utils import expand_ybr422
    >>> list(expand_ybr422(bytes([1, 2, 3, 4]), 8))
    [1, 3, 4, 2, 3, 4]
    """
    size = bits_allocated // 8
    pairs = np.frombuffer(src, dtype=np.uint8)[: len(src) // (4 * size) * 4 * size]
    pairs = pairs.reshape(-1, 4, size)
    out = np.empty((pairs.shape[0], 6, size), dtype=np.uint8)
    out[:, 0], out[:, 3] = pairs[:, 0], pairs[:, 1]
    out[:, 1] = out[:, 4] = pairs[:, 2]
    out[:, 2] = out[:, 5] = pairs[:, 3]
    return out.tobytes()


def get_nr_frames(ds: Any, warn: bool = True) -> int:
    """(0028,0008) Number of Frames, or 1 when absent, empty or 0 (with a warning).

    Parameters
    ----------
    ds : Dataset
        The data set.
    warn : bool
        Warn about an empty or zero value.

    Returns
    -------
    int

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.utils import get_nr_frames
    >>> get_nr_frames(dcmread(get_testdata_file("emri_small.dcm")))
    10
    """
    nr_frames = getattr(ds, "NumberOfFrames", 1)
    if not nr_frames:
        if warn:
            warn_and_log(
                f"A value of {nr_frames} for (0028,0008) 'Number of Frames' is non-conformant. "
                "It's recommended that this value be changed to 1"
            )
        return 1
    return int(nr_frames)


def get_expected_length(ds: Any, unit: str = "bytes") -> int:
    """The length of the native pixel data of `ds`, in ``"bytes"`` or ``"pixels"``.

    Parameters
    ----------
    ds : Dataset
        The data set.
    unit : str
        "bytes" or "pixels".

    Returns
    -------
    int

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.utils import get_expected_length
    >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
    >>> get_expected_length(ds), get_expected_length(ds, "pixels")
    (81920, 40960)
    """
    length = int(ds.Rows) * int(ds.Columns) * int(ds.SamplesPerPixel) * get_nr_frames(ds)
    if unit == "pixels":
        return length
    bits_allocated = int(ds.BitsAllocated)
    if bits_allocated == 1:
        length = -(-length // 8)
    else:
        length *= bits_allocated // 8
    if ds.PhotometricInterpretation == "YBR_FULL_422":
        length = length // 3 * 2
    return length


def get_image_pixel_ids(ds: Any) -> dict[str, int]:
    """The ``id()`` of each Image Pixel module value: a change shows the module changed.

    Parameters
    ----------
    ds : Dataset
        The data set.

    Returns
    -------
    dict of str to int
        Keyword to ``id()`` of its value.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.utils import get_image_pixel_ids
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> before = get_image_pixel_ids(ds)
    >>> ds.Rows = 64
    >>> before == get_image_pixel_ids(ds)
    False
    """
    return {kw: id(getattr(ds, kw, None)) for kw in _PIXEL_KEYWORDS}


def get_j2k_parameters(codestream: bytes) -> dict[str, Any]:
    """Precision and signedness from the SIZ segment of a JPEG 2000 codestream (or JP2 file),
    and whether it is a JP2 file; an empty dict when it cannot be parsed.


    Parameters
    ----------
    codestream : bytes
        A JPEG 2000 codestream or JP2 file.

    Returns
    -------
    dict
        ``precision``, ``is_signed`` and ``jp2``; empty when it cannot be parsed.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.encaps import generate_frames
    >>> from pyrdicom.pixels.utils import get_j2k_parameters
    >>> ds = dcmread(get_testdata_file("US1_J2KR.dcm"))
    >>> get_j2k_parameters(next(generate_frames(ds.PixelData, number_of_frames=1)))
    {'jp2': False, 'precision': 8, 'is_signed': False}
    """
    info: dict[str, Any] = {"jp2": False}
    offset = 0
    if codestream.startswith(b"\x00\x00\x00\x0c\x6a\x50\x20\x20"):
        info["jp2"] = True
        offset = 12  # the signature box; then find the contiguous codestream box
        while offset < len(codestream):
            if codestream[offset + 4 : offset + 8] == b"jp2c":
                offset += 8
                break
            box_length = int.from_bytes(codestream[offset : offset + 4], "big")
            if box_length <= 0:
                return {}
            offset += box_length
    try:
        if codestream[offset : offset + 4] != b"\xff\x4f\xff\x51":  # SOC, then SIZ
            return {}
        ssiz = codestream[offset + 42]
    except (IndexError, TypeError):
        return {}
    info["precision"] = (ssiz & 0x7F) + 1
    info["is_signed"] = bool(ssiz & 0x80)
    return info


# Start of frame markers: JPEG's SOF0-SOF15 (less DHT, JPG, DAC) and JPEG-LS's SOF55.
_SOF = {bytes([0xFF, c]) for c in range(0xC0, 0xD0) if c not in (0xC4, 0xC8, 0xCC)}
_SOF.add(b"\xff\xf7")
_APP = {bytes([0xFF, c]) for c in range(0xE0, 0xF0)}


def _get_jpg_parameters(src: bytes) -> dict[str, Any]:
    """From a JPEG or JPEG-LS codestream's header: precision, height, width, components and
    their IDs, the APPn segments and, for JPEG-LS, the NEAR and interleave mode of the first
    scan; an empty dict when it cannot be parsed."""
    info: dict[str, Any] = {}
    try:
        if src[0:2] != b"\xff\xd8":
            return info
        offset = 2
        app = {}
        while (marker := src[offset : offset + 2]) not in _SOF:
            (length,) = unpack(">H", src[offset + 2 : offset + 4])
            if marker in _APP:
                app[marker] = src[offset + 4 : offset + 2 + length]
            offset += length + 2
        if app:
            info["app"] = app
        sof = src[offset + 4 : offset + 4 + 6]
        info["precision"] = sof[0]
        info["height"], info["width"] = unpack(">HH", sof[1:5])
        info["components"] = sof[5]
        ids = offset + 10
        info["component_ids"] = [src[ids + 3 * i] for i in range(sof[5])]
        if marker != b"\xff\xf7":
            return info
        offset = ids + 3 * sof[5]
        while src[offset : offset + 2] != b"\xff\xda":
            offset += unpack(">H", src[offset + 2 : offset + 4])[0] + 2
        offset += 5 + src[offset + 4] * 2
        info["lossy_error"] = src[offset]
        info["interleave_mode"] = src[offset + 1]
    except Exception:
        return {}
    return info


def _passes_version_check(package_name: str, minimum_version: tuple[int, ...]) -> bool:
    """True if `package_name` is importable at `minimum_version` or later."""
    try:
        module = importlib.import_module(package_name, "__version__")
        return tuple(int(x) for x in module.__version__.split(".")) >= minimum_version
    except Exception as exc:
        LOGGER.debug(exc)
    return False


def pack_bits(arr: np.ndarray, pad: bool = True) -> bytes:
    """`arr` (only 0 and 1) packed eight values to a byte, first value in the least significant
    bit; with `pad`, a null byte is added to make the length even.


    Parameters
    ----------
    arr : numpy.ndarray
        0s and 1s.
    pad : bool
        Pad to an even length.

    Returns
    -------
    bytes

    Raises
    ------
    ValueError
        `arr` holds values other than 0 and 1.

    Examples
    --------
    >>> import numpy as np
    >>> from pyrdicom.pixels import pack_bits
    >>> list(pack_bits(np.array([1, 0, 1, 1, 0, 0, 0, 0, 1])))
    [13, 1]
    """
    if arr.shape == (0,):
        return b""
    values = np.ascontiguousarray(arr).ravel()
    if values.dtype != np.uint8:
        if values.dtype == np.bool_:
            values = values.view(np.uint8)
        elif not np.array_equal(values, values.astype(bool)):
            raise ValueError("Only binary arrays (containing ones or zeroes) can be packed.")
        else:
            values = values.astype(np.uint8)
    try:
        return _core.pack_bits(values, pad)
    except ValueError:
        raise ValueError("Only binary arrays (containing ones or zeroes) can be packed.") from None


def unpack_bits(src: bytes, as_array: bool = True) -> np.ndarray | bytes:
    """The bits of `src`, least significant first, as a uint8 array of 0s and 1s (or bytes).

    Parameters
    ----------
    src : bytes
        Packed bits.
    as_array : bool
        An array (else bytes of 0s and 1s).

    Returns
    -------
    numpy.ndarray or bytes

    Examples
    --------
    >>> from pyrdicom.pixels import unpack_bits
    >>> unpack_bits(bytes([13])).tolist()
    [1, 0, 1, 1, 0, 0, 0, 0]
    """
    arr = _core.unpack_bits(src).view(np.uint8)
    return arr if as_array else arr.tobytes()


def pixel_dtype(ds: Any, as_float: bool = False) -> np.dtype:
    """The NumPy dtype of the pixel data of `ds` (in its byte order).

    Parameters
    ----------
    ds : Dataset
        The data set.
    as_float : bool
        The type of Float (32) or Double Float (64) Pixel Data.

    Returns
    -------
    numpy.dtype

    Raises
    ------
    DicomAttributeError
        The byte order cannot be told (no transfer syntax, no encoding as read).
    ValueError
        The Bits Allocated or Pixel Representation value has no type.
    NotImplementedError
        A type NumPy lacks.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.utils import pixel_dtype
    >>> pixel_dtype(dcmread(get_testdata_file("CT_small.dcm")))
    dtype('int16')
    """
    if hasattr(ds, "file_meta"):
        syntax = ds.file_meta.get("TransferSyntaxUID")
        syntax = UID(str(syntax)) if syntax is not None else None
        little = syntax.is_little_endian if syntax and syntax.is_transfer_syntax else None
    else:
        little = ds.original_encoding[1]
    if little is None:
        raise DicomAttributeError(
            "Unable to determine the endianness of the dataset, please set an appropriate "
            f"Transfer Syntax UID in '{type(ds).__name__}.file_meta'"
        )
    if as_float:
        kind = "float"
    else:
        pixel_repr = ds.PixelRepresentation
        if pixel_repr not in (0, 1):
            raise ValueError(
                "Unable to determine the data type to use to contain the Pixel Data as a value "
                f"of '{pixel_repr}' for '(0028,0103) Pixel Representation' is invalid"
            )
        kind = "int" if pixel_repr else "uint"
    bits_allocated = ds.BitsAllocated
    if bits_allocated == 1:
        kind = "uint8"
    elif bits_allocated > 0 and bits_allocated % 8 == 0:
        kind += str(bits_allocated)
    else:
        raise ValueError(
            "Unable to determine the data type to use to contain the Pixel Data as a value of "
            f"'{bits_allocated}' for '(0028,0100) Bits Allocated' is invalid"
        )
    try:
        dtype = np.dtype(kind)
    except TypeError:
        raise NotImplementedError(
            f"The data type '{kind}' needed to contain the Pixel Data is not supported by numpy"
        ) from None
    if little != (byteorder == "little"):
        dtype = dtype.newbyteorder("S")
    return dtype


def reshape_pixel_array(ds: Any, arr: np.ndarray) -> np.ndarray:
    """The flat pixel values `arr` shaped as the Image Pixel module of `ds` describes:
    (frames,) rows, columns(, samples).


    Parameters
    ----------
    ds : Dataset
        The data set with the Image Pixel module.
    arr : numpy.ndarray
        The values, flat.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        An invalid Samples per Pixel or Planar Configuration.

    Examples
    --------
    >>> import numpy as np
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.utils import reshape_pixel_array
    >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
    >>> reshape_pixel_array(ds, np.zeros(10 * 64 * 64, dtype=np.uint16)).shape
    (10, 64, 64)
    """
    nr_frames = get_nr_frames(ds)
    nr_samples = ds.SamplesPerPixel
    if nr_samples < 1:
        raise ValueError(
            f"Unable to reshape the pixel array as a value of {nr_samples} for (0028,0002) "
            "'Samples per Pixel' is invalid."
        )
    rows, columns = ds.Rows, ds.Columns
    frame: tuple[int, ...] = (rows, columns)
    if nr_samples > 1:
        syntax = ds.file_meta.TransferSyntaxUID
        if syntax in _INTERLEAVED:
            planar = 0
        elif syntax in _PLANAR:
            planar = 1
        else:
            planar = ds.PlanarConfiguration
        if planar not in (0, 1):
            raise ValueError(
                f"Unable to reshape the pixel array as a value of {planar} for (0028,0006) "
                "'Planar Configuration' is invalid."
            )
        if planar:
            arr = arr.reshape((nr_frames, nr_samples, rows, columns))
            arr = arr.transpose(0, 2, 3, 1)
            return arr if nr_frames > 1 else arr[0]
        frame = (rows, columns, nr_samples)
    return arr.reshape((nr_frames, *frame) if nr_frames > 1 else frame)


__all__ = [
    "as_pixel_options",
    "compress",
    "decompress",
    "expand_ybr422",
    "get_expected_length",
    "get_image_pixel_ids",
    "get_j2k_parameters",
    "get_nr_frames",
    "iter_pixels",
    "pack_bits",
    "pixel_array",
    "pixel_dtype",
    "reshape_pixel_array",
    "set_pixel_data",
    "unpack_bits",
]
