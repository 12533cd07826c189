"""pydicom 3's encoder objects (``pydicom.pixels.encoders``), one per transfer syntax, on the
core's encoders (RLE, JPEG-LS, JPEG 2000)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from ... import _core, _transfer_syntax
from ... import uid as _uid
from ...encaps import get_frame
from ...errors import UnsupportedTransferSyntaxError
from ...uid import UID
from ..common import DESCRIPTION, CoderBase, RunnerBase, description_dataset

# Options of the lossy encoders, as `compress` takes them.
_CODEC_OPTIONS = {"jls_error", "j2k_cr", "j2k_psnr"}


class Encoder(CoderBase):
    """Encodes frames of native pixel data, from a data set, an array or bytes (the latter two
    described by the Image Pixel options), into this transfer syntax's codestreams.


    Parameters
    ----------
    uid : str
        The transfer syntax.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import get_encoder
    >>> from pyrdicom.uid import RLELossless
    >>> frame = get_encoder(RLELossless).encode(dcmread(get_testdata_file("CT_small.dcm")))
    >>> len(frame) < 128 * 128 * 2
    True
    """

    def __init__(self, uid: str) -> None:
        super().__init__(UID(str(uid)), decoder=False)

    def _frames(self, src: Any, kwargs: dict[str, Any]) -> tuple[np.ndarray, Any]:
        """(every frame of `src` as one array shaped as pixel_array, its PixelInfo)."""
        from ...dataset import Dataset
        from ..decode import dataset_array
        from ..native import PixelInfo

        unknown = set(kwargs) - set(DESCRIPTION) - _CODEC_OPTIONS - {"pixel_keyword"}
        if unknown:
            raise TypeError(f"Unsupported encoding option(s): {', '.join(sorted(unknown))}")
        if isinstance(src, Dataset):
            return dataset_array(src, as_rgb=False), PixelInfo(src)
        runner = RunnerBase(_uid.ExplicitVRLittleEndian)
        runner.set_options(**{k: v for k, v in kwargs.items() if k in DESCRIPTION})
        runner.set_option("pixel_keyword", "PixelData")
        runner.set_option("number_of_frames", runner.get_option("number_of_frames", 1))
        runner._validate_options()
        data = np.ascontiguousarray(src).tobytes() if isinstance(src, np.ndarray) else bytes(src)
        ds = description_dataset(UID(_uid.ExplicitVRLittleEndian), runner, data)
        return dataset_array(ds, as_rgb=False), PixelInfo(ds)

    def _encode(self, frames: np.ndarray, info: Any, count: int, kwargs: dict) -> bytes:
        from ..encoding import _codec_options

        jls_error, j2k_cr, j2k_psnr = _codec_options(
            UID(self.UID), frames, info, kwargs.get("jls_error"), kwargs.get("j2k_cr"),
            kwargs.get("j2k_psnr"),
        )  # fmt: skip
        data = np.ascontiguousarray(frames, dtype=frames.dtype.newbyteorder("<"))
        value, _, _ = _core.compress_frames(
            str(self.UID), data.view(np.uint8).reshape(-1), info.frame_spec(0), count, False,
            jls_error, j2k_cr, j2k_psnr,
        )  # fmt: skip
        return value

    def encode(
        self,
        src: Any,
        *,
        index: int | None = None,
        validate: bool = True,
        encoding_plugin: str = "",
        **kwargs: Any,
    ) -> bytes:
        """Frame `index` of `src` (required when it has more than one frame) encoded.


        Parameters
        ----------
        src : Dataset, bytes-like or numpy.ndarray
            The data set, or native pixel data (described by `kwargs`).
        index : int, optional
            The frame.
        validate : bool
            Check the options first.
        encoding_plugin : str
            Any of pydicom's plugin names.
        **kwargs
            The Image Pixel options and the encoders' options.

        Returns
        -------
        bytes

        Raises
        ------
        ValueError
            No `index` for data of several frames.

        Examples
        --------
        >>> import numpy as np
        >>> from pyrdicom.pixels import get_encoder
        >>> from pyrdicom.uid import RLELossless
        >>> arr = np.arange(64, dtype=np.uint8).reshape(8, 8)
        >>> frame = get_encoder(RLELossless).encode(
        ...     arr, rows=8, columns=8, samples_per_pixel=1, bits_allocated=8, bits_stored=8,
        ...     pixel_representation=0, photometric_interpretation="MONOCHROME2",
        ...     number_of_frames=1)
        >>> frame[0]  # the RLE header: one segment
        1
        """
        self._check_plugin(encoding_plugin)
        arr, info = self._frames(src, kwargs)
        if info.frames > 1:
            if index is None:
                raise ValueError("The 'index' of the frame to be encoded is required")
            arr = arr[index]
        return get_frame(self._encode(arr, info, 1, kwargs), 0)

    def iter_encode(
        self,
        src: Any,
        *,
        validate: bool = True,
        encoding_plugin: str = "",
        **kwargs: Any,
    ) -> Iterator[bytes]:
        """Yield each frame of `src` encoded (all frames are encoded at once, in parallel).


        Parameters
        ----------
        src : Dataset, bytes-like or numpy.ndarray
            The data set, or native pixel data (described by `kwargs`).
        validate : bool
            Check the options first.
        encoding_plugin : str
            Any of pydicom's plugin names.
        **kwargs
            The Image Pixel options and the encoders' options.

        Yields
        ------
        bytes

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.pixels import get_encoder
        >>> from pyrdicom.uid import RLELossless
        >>> ds = dcmread(get_testdata_file("emri_small.dcm"))
        >>> len(list(get_encoder(RLELossless).iter_encode(ds)))
        10
        """
        from ...encaps import generate_frames

        self._check_plugin(encoding_plugin)
        arr, info = self._frames(src, kwargs)
        value = self._encode(arr, info, info.frames, kwargs)
        yield from generate_frames(value, number_of_frames=info.frames)


class EncodeRunner(RunnerBase):
    """The options describing one encoding (pydicom's runner, for its encoder functions).


    Parameters
    ----------
    tsyntax : str
        The transfer syntax.

    Examples
    --------
    >>> from pyrdicom.pixels.encoders.base import EncodeRunner
    >>> from pyrdicom.uid import RLELossless
    >>> runner = EncodeRunner(RLELossless)
    >>> runner.set_options(rows=2, columns=3)
    >>> runner.rows, runner.transfer_syntax.name
    (2, 'RLE Lossless')
    """


def _encoder(uid: str, plugins: tuple[str, ...]) -> Encoder:
    encoder = Encoder(uid)
    for label in plugins:
        encoder.add_plugin(label, ("pyrdicom", "_core"))
    return encoder


RLELosslessEncoder = _encoder(_uid.RLELossless, ("gdcm", "pydicom", "pylibjpeg", "pyrdicom"))
JPEGLSLosslessEncoder = _encoder(_uid.JPEGLSLossless, ("pyjpegls", "pyrdicom"))
JPEGLSNearLosslessEncoder = _encoder(_uid.JPEGLSNearLossless, ("pyjpegls", "pyrdicom"))
JPEG2000LosslessEncoder = _encoder(_uid.JPEG2000Lossless, ("pylibjpeg", "pyrdicom"))
JPEG2000Encoder = _encoder(_uid.JPEG2000, ("pylibjpeg", "pyrdicom"))

# UID -> (encoder, the pydicom version that added it)
_PIXEL_DATA_ENCODERS: dict[str, Any] = {
    RLELosslessEncoder.UID: (RLELosslessEncoder, "2.2"),
    JPEGLSLosslessEncoder.UID: (JPEGLSLosslessEncoder, "3.0"),
    JPEGLSNearLosslessEncoder.UID: (JPEGLSNearLosslessEncoder, "3.0"),
    JPEG2000LosslessEncoder.UID: (JPEG2000LosslessEncoder, "3.0"),
    JPEG2000Encoder.UID: (JPEG2000Encoder, "3.0"),
}


def get_encoder(uid: str) -> Encoder:
    """The encoder for transfer syntax `uid`: pydicom's list, and the other syntaxes the core's
    registry can encode (JPEG, Deflated Image Frame, Encapsulated Uncompressed).


    Parameters
    ----------
    uid : str
        The transfer syntax.

    Returns
    -------
    Encoder

    Raises
    ------
    UnsupportedTransferSyntaxError
        No encoder for `uid`.

    Examples
    --------
    >>> from pyrdicom.pixels import get_encoder
    >>> from pyrdicom.uid import JPEGLSLossless
    >>> get_encoder(JPEGLSLossless).is_available
    True
    """
    uid = UID(str(uid))
    if entry := _PIXEL_DATA_ENCODERS.get(uid):
        return entry[0]
    registered = _transfer_syntax.lookup(uid)
    if registered is None or registered.encoder is None:
        raise UnsupportedTransferSyntaxError(
            f"No pixel data encoders have been implemented for '{uid.name}'"
        )
    encoder = _encoder(uid, ("pyrdicom",))
    _PIXEL_DATA_ENCODERS[uid] = (encoder, "")
    return encoder
