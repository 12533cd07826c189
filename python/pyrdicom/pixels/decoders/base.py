"""pydicom 3's decoder objects (``pydicom.pixels.decoders``), one per transfer syntax, on
pyrdicom's decoding: native data in NumPy, encapsulated frames in the core's codecs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from ... import uid as _uid
from ...errors import UnsupportedTransferSyntaxError
from ...uid import UID
from ..common import DESCRIPTION, CoderBase, RunnerBase, description_dataset

_SOURCE = {"pixel_keyword", "pixel_vr", "extended_offsets", "transfer_syntax_uid"}
# How the output is processed; pyrdicom returns views where it can, so `view_only` holds.
_PROCESSING = {"as_rgb", "view_only", "rle_segment_order"}


def _check_options(kwargs: dict[str, Any]) -> None:
    unknown = set(kwargs) - set(DESCRIPTION) - _SOURCE - _PROCESSING
    if unknown:
        raise TypeError(
            f"Unsupported decoding option(s): {', '.join(sorted(unknown))}; pyrdicom's decoders "
            f"take {', '.join(sorted(_PROCESSING))} and the Image Pixel description"
        )


def _warn_excess_padding(ds: Any, info: Any) -> None:
    """pydicom's warning for native pixel data longer than the Image Pixel module describes
    (beyond the pad byte of an odd length): the excess is not part of any frame."""
    from ...misc import warn_and_log
    from ..native import pixel_source

    _, _, length = pixel_source(ds, info)
    expected = info.frame_nbytes() * info.frames
    if length > expected + expected % 2:
        warn_and_log(
            f"The pixel data is {length} bytes long, which indicates it contains "
            f"{length - expected} bytes of excess padding to be removed"
        )


def _meta(info: Any, frames: int, photometric: str, planar: int) -> dict[str, Any]:
    """The Image Pixel values (pydicom's option names) describing decoded or stored data."""
    meta: dict[str, Any] = {
        "bits_allocated": info.bits_allocated,
        "bits_stored": info.bits_stored,
        "columns": info.columns,
        "number_of_frames": frames,
        "photometric_interpretation": photometric,
        "pixel_representation": int(info.signed),
        "rows": info.rows,
        "samples_per_pixel": info.samples,
    }
    if info.samples > 1:
        meta["planar_configuration"] = planar
    return meta


class Decoder(CoderBase):
    """Decodes pixel data of one transfer syntax from a data set, or from a buffer or file
    positioned at the pixel data value (described by the Image Pixel options).


    Parameters
    ----------
    uid : str
        The transfer syntax.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import get_decoder
    >>> from pyrdicom.uid import RLELossless
    >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
    >>> arr, meta = get_decoder(RLELossless).as_array(ds)
    >>> arr.shape, meta["bits_allocated"]
    ((64, 64), 16)
    """

    def __init__(self, uid: str) -> None:
        super().__init__(UID(str(uid)), decoder=True)

    def _dataset(self, src: Any, kwargs: dict[str, Any], validate: bool = True) -> Any:
        """A data set holding the pixel data to decode, and the Image Pixel values."""
        from ...dataset import Dataset

        _check_options(kwargs)
        runner = RunnerBase(self.UID)
        if isinstance(src, Dataset):
            runner._set_options_ds(src)
            keyword = next(
                (k for k in ("PixelData", "FloatPixelData", "DoubleFloatPixelData") if k in src),
                None,
            )
            if keyword is None:
                raise AttributeError(
                    "The dataset in 'src' has no 'Pixel Data', 'Float Pixel Data' or 'Double "
                    "Float Pixel Data' element, no pixel data to decode"
                )
            runner.set_option("pixel_keyword", keyword)
        runner.set_options(**{k: v for k, v in kwargs.items() if k not in _PROCESSING})
        runner.set_option("pixel_keyword", runner.get_option("pixel_keyword", "PixelData"))
        if validate:
            runner._validate_options()
        overrides = {k for k in kwargs if k in DESCRIPTION}
        if isinstance(src, Dataset) and not overrides:
            return src
        if isinstance(src, Dataset):
            data = src[runner.pixel_keyword].value
        elif isinstance(src, bytes | bytearray | memoryview):
            data = bytes(src)
        else:  # a file-like positioned at the value: read it, then put it back
            start = src.tell()
            if self.is_encapsulated:
                data = src.read()
            else:
                frames = runner.number_of_frames
                data = src.read(int(-(-runner.frame_length() * frames // 1)))
            src.seek(start)
        return description_dataset(self.UID, runner, data)

    def _decode(
        self, ds: Any, index: int | None, as_rgb: bool, segment_order: str = ">"
    ) -> tuple[np.ndarray, dict]:
        from ..decode import dataset_array, decoded_photometric
        from ..native import PixelInfo

        info = PixelInfo(ds)
        if self.is_native and info.bits_allocated != 1:
            _warn_excess_padding(ds, info)
        if segment_order != ">":
            arr = self._rle_segments_reversed(ds, info, index)
        else:
            arr = dataset_array(ds, index, as_rgb=as_rgb)
        if not arr.flags.writeable:
            arr = arr.copy()
        count = 1 if index is not None else info.frames
        photometric = decoded_photometric(str(self.UID), info.photometric, as_rgb)
        return arr, _meta(info, count, photometric, 0)

    def _rle_segments_reversed(self, ds: Any, info: Any, index: int | None) -> np.ndarray:
        """RLE frames whose segments run least significant byte first (the `rle_segment_order`
        option of pydicom's decoder), for data written that way by mistake."""
        from ...encaps import generate_frames, get_frame
        from .rle import _rle_decode_frame

        if _uid.RLELossless != self.UID:
            raise ValueError("The 'rle_segment_order' option is only for RLE Lossless data")
        value = ds.PixelData
        frames = (
            [get_frame(value, index, number_of_frames=info.frames)]
            if index is not None
            else generate_frames(value, number_of_frames=info.frames)
        )
        planes = [
            _rle_decode_frame(f, info.rows, info.columns, info.samples, info.bits_allocated, "<")
            for f in frames
        ]
        arr = np.frombuffer(b"".join(planes), dtype=info.dtype()).copy()
        arr = arr.reshape(len(planes), info.samples, info.rows, info.columns)
        return arr.transpose(0, 2, 3, 1).reshape(info.shape(len(planes)))

    def as_array(
        self,
        src: Any,
        *,
        index: int | None = None,
        validate: bool = True,
        raw: bool = False,
        decoding_plugin: str = "",
        **kwargs: Any,
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """The pixel data of `src` (all frames, or frame `index`) as an array, and the Image
        Pixel values that describe it. `raw` keeps YCbCr data as stored where the codec
        allows.


        Parameters
        ----------
        src : Dataset, bytes-like or binary file-like
            The data set, or the pixel data value (described by `kwargs`).
        index : int, optional
            Only this frame.
        validate : bool
            Check the options first.
        raw : bool
            Keep YCbCr data as stored.
        decoding_plugin : str
            Any of pydicom's plugin names.
        **kwargs
            The Image Pixel options and the decoders' options.

        Returns
        -------
        tuple of (numpy.ndarray, dict)

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels import get_decoder
        >>> from pyrdicom.uid import RLELossless
        >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
        >>> arr, meta = get_decoder(RLELossless).as_array(ds, index=0)
        >>> arr.shape, meta["photometric_interpretation"]
        ((64, 64), 'MONOCHROME2')
        """
        self._check_plugin(decoding_plugin)
        ds = self._dataset(src, kwargs, validate)
        as_rgb = kwargs.get("as_rgb", True) and not raw
        return self._decode(ds, index, as_rgb, kwargs.get("rle_segment_order", ">"))

    def iter_array(
        self,
        src: Any,
        *,
        indices: Iterable[int] | None = None,
        raw: bool = False,
        validate: bool = True,
        decoding_plugin: str = "",
        **kwargs: Any,
    ) -> Iterator[tuple[np.ndarray, dict[str, Any]]]:
        """Yield each frame of `src` (those in `indices`) as (array, Image Pixel values).


        Parameters
        ----------
        src : Dataset, bytes-like or binary file-like
            The data set, or the pixel data value (described by `kwargs`).
        indices : iterable of int, optional
            The frames (default: all).
        raw : bool
            Keep YCbCr data as stored.
        validate : bool
            Check the options first.
        decoding_plugin : str
            Any of pydicom's plugin names.
        **kwargs
            The Image Pixel options and the decoders' options.

        Yields
        ------
        tuple of (numpy.ndarray, dict)

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels import get_decoder
        >>> from pyrdicom.uid import RLELossless
        >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
        >>> [arr.shape for arr, _ in get_decoder(RLELossless).iter_array(ds)]
        [(64, 64)]
        """
        from ..native import PixelInfo

        self._check_plugin(decoding_plugin)
        ds = self._dataset(src, kwargs, validate)
        as_rgb = kwargs.get("as_rgb", True) and not raw
        for index in indices if indices is not None else range(PixelInfo(ds).frames):
            yield self._decode(ds, index, as_rgb, kwargs.get("rle_segment_order", ">"))

    def as_buffer(
        self,
        src: Any,
        *,
        index: int | None = None,
        validate: bool = True,
        decoding_plugin: str = "",
        **kwargs: Any,
    ) -> tuple[bytes, dict[str, Any]]:
        """The decoded pixel data of `src` as bytes (samples interleaved), and the Image Pixel
        values that describe them.


        Parameters
        ----------
        src : Dataset, bytes-like or binary file-like
            The data set, or the pixel data value (described by `kwargs`).
        index : int, optional
            Only this frame.
        validate : bool
            Check the options first.
        decoding_plugin : str
            Any of pydicom's plugin names.
        **kwargs
            The Image Pixel options and the decoders' options.

        Returns
        -------
        tuple of (bytes, dict)

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels import get_decoder
        >>> from pyrdicom.uid import RLELossless
        >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
        >>> buffer, meta = get_decoder(RLELossless).as_buffer(ds)
        >>> len(buffer) == meta["rows"] * meta["columns"] * 2
        True
        """
        if self.is_encapsulated:
            arr, meta = self.as_array(
                src, index=index, validate=validate, decoding_plugin=decoding_plugin, **kwargs
            )
            return self._buffer(arr, meta)
        return self._stored(self._dataset(src, kwargs, validate), index)

    def _buffer(self, arr: np.ndarray, meta: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
        """Decoded samples as bytes: RLE's are planar (how its segments hold them), as
        pydicom's decoder gives them."""
        if _uid.RLELossless == self.UID and meta["samples_per_pixel"] > 1:
            meta["planar_configuration"] = 1
            return np.moveaxis(arr, -1, -3).tobytes(), meta
        return arr.tobytes(), meta

    def _stored(self, ds: Any, index: int | None) -> tuple[bytes, dict[str, Any]]:
        """Native data as stored (packed bits, subsampled YCbCr and byte order kept): all
        frames, or frame `index`."""
        from ..native import PixelInfo, pixel_source

        info = PixelInfo(ds)
        buf, offset, length = pixel_source(ds, info)
        frame = info.frame_nbytes()
        start, count = (0, info.frames) if index is None else (index * frame, 1)
        data = bytes(memoryview(buf)[offset + start : offset + min(start + frame * count, length)])
        return data, _meta(info, count, info.photometric, info.planar)

    def iter_buffer(
        self,
        src: Any,
        *,
        indices: Iterable[int] | None = None,
        validate: bool = True,
        decoding_plugin: str = "",
        **kwargs: Any,
    ) -> Iterator[tuple[bytes, dict[str, Any]]]:
        """Yield each decoded frame of `src` as bytes, with its Image Pixel values.


        Parameters
        ----------
        src : Dataset, bytes-like or binary file-like
            The data set, or the pixel data value (described by `kwargs`).
        indices : iterable of int, optional
            The frames (default: all).
        validate : bool
            Check the options first.
        decoding_plugin : str
            Any of pydicom's plugin names.
        **kwargs
            The Image Pixel options and the decoders' options.

        Yields
        ------
        tuple of (bytes, dict)

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels import get_decoder
        >>> from pyrdicom.uid import RLELossless
        >>> ds = dcmread(get_testdata_file("MR_small_RLE.dcm"))
        >>> [len(buffer) for buffer, _ in get_decoder(RLELossless).iter_buffer(ds)]
        [8192]
        """
        if self.is_encapsulated:
            for arr, meta in self.iter_array(
                src, indices=indices, validate=validate, decoding_plugin=decoding_plugin, **kwargs
            ):
                yield self._buffer(arr, meta)
            return
        from ..native import PixelInfo

        ds = self._dataset(src, kwargs, validate)
        for index in indices if indices is not None else range(PixelInfo(ds).frames):
            yield self._stored(ds, index)


def _decoder(uid: str, plugins: tuple[str, ...] = ()) -> Decoder:
    decoder = Decoder(uid)
    for label in plugins:
        decoder.add_plugin(label, ("pyrdicom", "_core"))
    return decoder


_JPEG = ("gdcm", "pillow", "pylibjpeg", "pyrdicom")
_JPEG_LS = ("gdcm", "pyjpegls", "pylibjpeg", "pyrdicom")
_J2K = ("gdcm", "pillow", "pylibjpeg", "pyrdicom")
ImplicitVRLittleEndianDecoder = _decoder(_uid.ImplicitVRLittleEndian)
ExplicitVRLittleEndianDecoder = _decoder(_uid.ExplicitVRLittleEndian)
ExplicitVRBigEndianDecoder = _decoder(_uid.ExplicitVRBigEndian)
DeflatedExplicitVRLittleEndianDecoder = _decoder(_uid.DeflatedExplicitVRLittleEndian)
JPEGBaseline8BitDecoder = _decoder(_uid.JPEGBaseline8Bit, _JPEG)
JPEGExtended12BitDecoder = _decoder(_uid.JPEGExtended12Bit, _JPEG)
JPEGLosslessDecoder = _decoder(_uid.JPEGLossless, _JPEG)
JPEGLosslessSV1Decoder = _decoder(_uid.JPEGLosslessSV1, _JPEG)
JPEGLSLosslessDecoder = _decoder(_uid.JPEGLSLossless, _JPEG_LS)
JPEGLSNearLosslessDecoder = _decoder(_uid.JPEGLSNearLossless, _JPEG_LS)
JPEG2000LosslessDecoder = _decoder(_uid.JPEG2000Lossless, _J2K)
JPEG2000Decoder = _decoder(_uid.JPEG2000, _J2K)
HTJ2KLosslessDecoder = _decoder(_uid.HTJ2KLossless, ("pylibjpeg", "pyrdicom"))
HTJ2KLosslessRPCLDecoder = _decoder(_uid.HTJ2KLosslessRPCL, ("pylibjpeg", "pyrdicom"))
HTJ2KDecoder = _decoder(_uid.HTJ2K, ("pylibjpeg", "pyrdicom"))
RLELosslessDecoder = _decoder(_uid.RLELossless, ("gdcm", "pydicom", "pylibjpeg", "pyrdicom"))

# UID -> (decoder, the pydicom version that added it)
_PIXEL_DATA_DECODERS: dict[str, Any] = {
    d.UID: (d, "3.0")
    for d in (
        ImplicitVRLittleEndianDecoder, ExplicitVRLittleEndianDecoder, ExplicitVRBigEndianDecoder,
        DeflatedExplicitVRLittleEndianDecoder, JPEGBaseline8BitDecoder, JPEGExtended12BitDecoder,
        JPEGLosslessDecoder, JPEGLosslessSV1Decoder, JPEGLSLosslessDecoder,
        JPEGLSNearLosslessDecoder, JPEG2000LosslessDecoder, JPEG2000Decoder,
        HTJ2KLosslessDecoder, HTJ2KLosslessRPCLDecoder, HTJ2KDecoder, RLELosslessDecoder,
    )
}  # fmt: skip


def get_decoder(uid: str) -> Decoder:
    """The decoder for transfer syntax `uid`.


    Parameters
    ----------
    uid : str
        The transfer syntax.

    Returns
    -------
    Decoder

    Raises
    ------
    UnsupportedTransferSyntaxError
        No decoder for `uid`.

    Examples
    --------
    >>> from pyrdicom.pixels import get_decoder
    >>> from pyrdicom.uid import JPEG2000Lossless
    >>> get_decoder(JPEG2000Lossless).is_available
    True
    """
    uid = UID(str(uid))
    try:
        return _PIXEL_DATA_DECODERS[uid][0]
    except KeyError:
        raise UnsupportedTransferSyntaxError(
            f"No pixel data decoders have been implemented for '{uid.name}'"
        ) from None
