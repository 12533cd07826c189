"""pixel_array for native (uncompressed) pixel data, shaped and typed as pydicom 3 does.

Little-endian data that needs no conversion is a zero-copy view of the file's bytes (a
copy-on-write mapping for paths), writeable, cached on the data set so in-place edits persist.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

import numpy as np

from .. import _core, config
from .._core import FrameSpec, LevelMap, RawFile
from ..errors import DicomAttributeError, PixelDataError
from .processing import convert_color_space

PIXEL_KEYWORDS = (
    ("PixelData", 0x7FE00010),
    ("FloatPixelData", 0x7FE00008),
    ("DoubleFloatPixelData", 0x7FE00009),
)

# The keywords of the values `_core.pixel_module` reads, in its order.
_MODULE_KEYWORDS = (
    "SamplesPerPixel", "PhotometricInterpretation", "PlanarConfiguration", "NumberOfFrames",
    "Rows", "Columns", "BitsAllocated", "BitsStored", "PixelRepresentation",
)  # fmt: skip
_MODULE_INDEX = {keyword: i for i, keyword in enumerate(_MODULE_KEYWORDS)}
_ASK = object()
_ALL_ASK = (_ASK,) * len(_MODULE_KEYWORDS)

# Elements whose change invalidates a cached array.
_PIXEL_MODULE = (
    0x00280002, 0x00280004, 0x00280006, 0x00280008, 0x00280010, 0x00280011,
    0x00280100, 0x00280101, 0x00280103,
    0x7FE00008, 0x7FE00009, 0x7FE00010,
)  # fmt: skip


class PixelInfo:
    """The Image Pixel module values needed to interpret pixel data (PS3.3 C.7.6.3).


    Parameters
    ----------
    ds : Dataset
        The data set.

    Raises
    ------
    DicomAttributeError
        No pixel data element.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.native import PixelInfo
    >>> info = PixelInfo(dcmread(get_testdata_file("emri_small.dcm")))
    >>> info.frames, info.rows, info.columns, info.bits_allocated
    (10, 64, 64, 16)
    """

    __slots__ = (
        "bits_allocated",
        "bits_stored",
        "columns",
        "frames",
        "keyword",
        "little_endian",
        "photometric",
        "planar",
        "rows",
        "samples",
        "signed",
        "tag",
    )  # fmt: skip

    def __init__(self, ds: Any) -> None:
        d = ds._dict
        for keyword, tag in PIXEL_KEYWORDS:
            if tag in d:
                self.keyword, self.tag = keyword, tag
                break
        else:
            raise DicomAttributeError(
                "The dataset has no 'Pixel Data', 'Float Pixel Data' or 'Double Float Pixel Data'"
            )
        # Values the index gives as the data model would come in one call; the others (_ASK)
        # are read through the data set when needed, in the order pydicom reads them.
        values = _core.pixel_module(d, _ASK) if d.__class__ is LevelMap else _ALL_ASK

        def get(keyword: str) -> Any:
            v = values[_MODULE_INDEX[keyword]]
            return ds.get(keyword) if v is _ASK else v

        self.rows = _required(get("Rows"), "Rows")
        self.columns = _required(get("Columns"), "Columns")
        self.samples = get("SamplesPerPixel") or 1
        frames = _optional_int(get("NumberOfFrames"), "NumberOfFrames")
        if frames is not None and frames < 1:
            warnings.warn(
                f"A value of '{frames}' for (0028,0008) 'Number of Frames' is invalid, assuming 1",
                stacklevel=2,
            )
        self.frames = frames if frames is not None and frames > 0 else 1
        if self.keyword == "PixelData":
            self.bits_allocated = _required(get("BitsAllocated"), "BitsAllocated")
            self.bits_stored = get("BitsStored") or self.bits_allocated
            self.signed = (get("PixelRepresentation") or 0) == 1
        else:
            self.bits_allocated = 32 if self.keyword == "FloatPixelData" else 64
            self.bits_stored = self.bits_allocated
            self.signed = False
        self.planar = get("PlanarConfiguration") or 0
        self.photometric = str(get("PhotometricInterpretation") or "")
        self.little_endian = True

    @property
    def frame_pixels(self) -> int:
        return self.rows * self.columns * self.samples

    def frame_nbytes(self) -> int:
        """Stored bytes of one frame (YBR_FULL_422 native is subsampled, 1-bit is packed).


        Returns
        -------
        int

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels.native import PixelInfo
        >>> PixelInfo(dcmread(get_testdata_file("emri_small.dcm"))).frame_nbytes()
        8192
        """
        if self.bits_allocated == 1:
            return -(-self.frame_pixels // 8)
        if self.photometric == "YBR_FULL_422":
            return self.rows * self.columns * 2 * (self.bits_allocated // 8)
        return self.frame_pixels * (self.bits_allocated // 8)

    def dtype(self) -> np.dtype:
        """The NumPy type of the decoded samples.

        Returns
        -------
        numpy.dtype

        Raises
        ------
        PixelDataError
            A Bits Allocated value with no type.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels.native import PixelInfo
        >>> PixelInfo(dcmread(get_testdata_file("CT_small.dcm"))).dtype()
        dtype('int16')
        """
        if self.keyword == "FloatPixelData" or self.keyword == "DoubleFloatPixelData":
            kind = "f"
        else:
            kind = "i" if self.signed else "u"
        if self.bits_allocated not in (1, 8, 16, 32, 64):
            raise PixelDataError(f"Bits Allocated {self.bits_allocated} is not supported")
        return _dtype(self.little_endian, kind, max(self.bits_allocated // 8, 1))

    def frame_spec(self, planar: int) -> FrameSpec:
        """The core's frame description.

        Parameters
        ----------
        planar : int
            The Planar Configuration.

        Returns
        -------
        FrameSpec
            What the compiled decoder needs to know of a frame.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels.native import PixelInfo
        >>> type(PixelInfo(dcmread(get_testdata_file("CT_small.dcm"))).frame_spec(0)).__name__
        'FrameSpec'
        """
        return FrameSpec(
            rows=self.rows,
            columns=self.columns,
            samples_per_pixel=self.samples,
            bits_allocated=self.bits_allocated,
            bits_stored=self.bits_stored,
            signed=self.signed,
            photometric=self.photometric,
            planar_configuration=planar,
        )

    def shape(self, frames: int) -> tuple[int, ...]:
        """The array shape of `frames` frames: (frames,) rows, columns(, samples).

        Parameters
        ----------
        frames : int
            How many frames (1: no frames axis).

        Returns
        -------
        tuple of int

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels.native import PixelInfo
        >>> info = PixelInfo(dcmread(get_testdata_file("emri_small.dcm")))
        >>> info.shape(10), info.shape(1)
        ((10, 64, 64), (64, 64))
        """
        shape: tuple[int, ...] = (self.rows, self.columns)
        if self.samples > 1:
            shape += (self.samples,)
        return (frames, *shape) if frames > 1 else shape


@functools.cache
def _dtype(little_endian: bool, kind: str, size: int) -> np.dtype:
    return np.dtype(f"{'<' if little_endian else '>'}{kind}{size}")


def _optional_int(value: Any, keyword: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise PixelDataError(f"The value of '{keyword}' cannot be used: {value!r}") from exc


def _required(value: Any, keyword: str) -> int:
    value = _optional_int(value, keyword)
    if value is None:
        raise DicomAttributeError(
            f"Unable to decode the pixel data as the dataset is missing '{keyword}'"
        )
    return value


def pixel_source(ds: Any, info: PixelInfo) -> tuple[Any, int, int]:
    """(buffer, offset, length) of the stored pixel bytes: the file's bytes when the element is
    unchanged since reading, else the bytes value assigned to it.


    Parameters
    ----------
    ds : Dataset
        The data set.
    info : PixelInfo
        Its Image Pixel module.

    Returns
    -------
    tuple of (object, int, int)

    Raises
    ------
    PixelDataError
        The element holds something other than bytes.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.native import PixelInfo, pixel_source
    >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
    >>> pixel_source(ds, PixelInfo(ds))[1:]
    (2336, 81920)
    """
    raw_idx = ds._dict[info.tag]
    if raw_idx.__class__ is not int:
        elem = raw_idx
        if elem._raw is not None and elem._value is elem._UNSET:
            raw_idx = elem._idx
    if raw_idx.__class__ is int:
        raw = ds._raw
        entry = raw.info(raw_idx)
        length = entry.length
        if entry.undefined_length:
            # Undefined length (not encapsulated, as the transfer syntax is native): the value
            # is what runs to its delimiter, as `ds.PixelData` gives it.
            length = len(raw.raw_value(raw_idx))
        return raw, entry.offset, length
    value = ds[info.tag].value
    if value is None:
        value = b""
    if not isinstance(value, (bytes, bytearray, memoryview)):
        # A pixel data element read as something else (a sequence, from an explicit UN of
        # undefined length) holds no pixel bytes.
        raise PixelDataError(
            f"The '{info.keyword}' element holds a {type(value).__name__}, not pixel data bytes"
        )
    return value, 0, len(value)


def native_array(
    ds: Any, info: PixelInfo, index: int | None = None, as_rgb: bool = True
) -> np.ndarray:
    """The array pydicom's pixel_array gives for native data (one frame when `index` is set);
    `as_rgb` False keeps YBR_FULL samples as stored.


    Parameters
    ----------
    ds : Dataset
        The data set.
    info : PixelInfo
        Its Image Pixel module.
    index : int, optional
        Only this frame.
    as_rgb : bool
        Convert YBR_FULL to RGB.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    PixelDataError
        Fewer bytes than the module describes.
    IndexError
        No frame at `index`.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.native import PixelInfo, native_array
    >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
    >>> native_array(ds, PixelInfo(ds), index=0).shape
    (64, 64)
    """
    buf, offset, length = pixel_source(ds, info)
    frame_nbytes = info.frame_nbytes()
    if index is not None:
        if not 0 <= index < info.frames:
            raise IndexError(
                f"There is no frame at index {index}: the data has {info.frames} frame(s)"
            )
        first, count = index, 1
    else:
        first, count = 0, info.frames
    if info.bits_allocated == 1:
        return _unpack_bits(buf, offset, length, info, first, count)
    needed = frame_nbytes * count
    start = offset + frame_nbytes * first
    if frame_nbytes * (first + count) > length:
        raise PixelDataError(
            f"The number of bytes of pixel data is less than expected ({length} vs "
            f"{frame_nbytes * info.frames} bytes) - the dataset may be corrupted, have an invalid "
            "group 0028 element value, or the transfer syntax may be incorrect"
        )
    dtype = info.dtype()
    if info.photometric == "YBR_FULL_422":
        return _ybr422_to_rgb(buf, start, needed, info, count, dtype, as_rgb)
    arr = np.frombuffer(buf, dtype=dtype, count=needed // dtype.itemsize, offset=start)
    if _be_swap_ow(ds, info):
        # 8-bit data in a big endian OW value is stored as byte-swapped 16-bit words.
        arr = _swap_ow_bytes(buf, offset, length, frame_nbytes, first, count)
    if info.samples > 1 and info.planar == 1:
        arr = arr.reshape(count, info.samples, info.rows, info.columns).transpose(0, 2, 3, 1)
        arr = np.ascontiguousarray(arr)
    arr = arr.reshape(info.shape(count))
    # Signed values are always sign-extended from Bits Stored, as pydicom does. Unsigned values
    # are left as stored (a view, no pass over the data) unless config.correct_unused_bits asks
    # for pydicom's masking of the bits above Bits Stored.
    has_unused = info.keyword == "PixelData" and info.bits_stored < info.bits_allocated
    if has_unused and (
        info.signed
        or (config.correct_unused_bits and _unused_bits_set(buf, arr, start, needed, info))
    ):
        arr = shift_unused_bits(arr, info)
    if info.photometric == "YBR_FULL" and as_rgb:
        arr = convert_color_space(arr, "YBR_FULL", "RGB")
    if not arr.flags.writeable:
        arr = arr.copy()
    return arr


def _unused_bits_set(buf: Any, arr: np.ndarray, start: int, nbytes: int, info: PixelInfo) -> bool:
    if isinstance(buf, RawFile):
        return buf.unused_bits_set(start, nbytes, info.bits_allocated, info.bits_stored)
    return bool(np.any(arr & ~np.array((1 << info.bits_stored) - 1, arr.dtype)))


def _be_swap_ow(ds: Any, info: PixelInfo) -> bool:
    return (
        not info.little_endian
        and info.bits_allocated == 8
        and info.keyword == "PixelData"
        and ds[info.tag].VR == "OW"
    )


def _swap_ow_bytes(
    buf: Any, offset: int, length: int, frame_nbytes: int, first: int, count: int
) -> np.ndarray:
    """The 8-bit samples of frames first..first+count of a big endian OW value."""
    return _core.swap_byte_pairs(buf, offset, length, frame_nbytes * first, frame_nbytes * count)


def shift_unused_bits(arr: np.ndarray, info: PixelInfo, in_place: bool = False) -> np.ndarray:
    """pydicom's unused-bits correction: shift out the bits above Bits Stored (sign-extends).
    `in_place` when `arr` is a fresh buffer nobody else sees (else a view of the source).


    Parameters
    ----------
    arr : numpy.ndarray
        Decoded samples.
    info : PixelInfo
        Their Image Pixel module (Bits Stored, Pixel Representation).
    in_place : bool
        Change `arr` itself.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> import numpy as np
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.native import PixelInfo, shift_unused_bits
    >>> info = PixelInfo(dcmread(get_testdata_file("CT_small.dcm")))  # 16 bits stored
    >>> shift_unused_bits(np.array([4095], dtype=np.int16), info).tolist()
    [4095]
    """
    if info.keyword != "PixelData":
        return arr
    if not in_place:
        arr = arr.copy()
    shift = info.bits_allocated - info.bits_stored
    np.left_shift(arr, shift, out=arr)
    np.right_shift(arr, shift, out=arr)
    return arr


def _unpack_bits(
    buf: Any, offset: int, length: int, info: PixelInfo, first: int, count: int
) -> np.ndarray:
    """1-bit data: frames are packed back to back without padding (PS3.5 8.1.1)."""
    npix = info.frame_pixels
    bit_start = npix * first
    bit_end = npix * (first + count)
    byte_start, byte_end = bit_start // 8, -(-bit_end // 8)
    if byte_end > length:
        raise PixelDataError("The number of bytes of pixel data is less than expected")
    packed = np.frombuffer(
        buf, dtype=np.uint8, count=byte_end - byte_start, offset=offset + byte_start
    )
    bits = np.unpackbits(packed, bitorder="little")
    skip = bit_start - byte_start * 8
    return bits[skip : skip + npix * count].reshape(info.shape(count))


def _ybr422_to_rgb(
    buf: Any,
    start: int,
    nbytes: int,
    info: PixelInfo,
    count: int,
    dtype: np.dtype,
    as_rgb: bool = True,
) -> np.ndarray:
    """Native YBR_FULL_422: each pair of pixels is stored Y1 Y2 Cb Cr; upsample, then to RGB
    (or, without `as_rgb`, left as YBR_FULL)."""
    src = np.frombuffer(buf, dtype=dtype, count=nbytes // dtype.itemsize, offset=start)
    src = src.reshape(count, info.rows, info.columns // 2, 4)
    out = np.empty((count, info.rows, info.columns, 3), dtype=dtype)
    out[..., 0::2, 0] = src[..., 0]
    out[..., 1::2, 0] = src[..., 1]
    out[..., 1] = np.repeat(src[..., 2], 2, axis=-1)
    out[..., 2] = np.repeat(src[..., 3], 2, axis=-1)
    if not as_rgb:
        return out.reshape(info.shape(count))
    arr = convert_color_space(out, "YBR_FULL", "RGB")
    return arr.reshape(info.shape(count))


def pixel_id(ds: Any) -> tuple:
    """Identity of the pixel module's current values, to know when a cached array is stale.


    Parameters
    ----------
    ds : Dataset
        The data set.

    Returns
    -------
    tuple

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels.native import pixel_id
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> before = pixel_id(ds)
    >>> ds.BitsStored = 12
    >>> before == pixel_id(ds)
    False
    """
    entries = tuple(map(ds._dict.get, _PIXEL_MODULE))
    if all(e is None or e.__class__ is int for e in entries):
        return entries  # all as read (index entries) or absent
    raw = ds.__dict__.get("_raw")
    out = []
    for e in entries:
        if e is None or e.__class__ is int:
            out.append(e)
        elif raw is not None and getattr(e, "_raw", None) is raw:
            # Made from the index and not set since: the same value as the index entry (so
            # reading `ds.Rows` after decoding keeps the decoded array).
            out.append(e._idx)
        else:
            out.append(id(e._value))
    return tuple(out)
