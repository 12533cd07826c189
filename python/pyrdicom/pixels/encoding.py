"""Changing pixel data: `set_pixel_data`, `compress` and `decompress` as pydicom 3's
(``pydicom.pixels.utils``), over the Rust encoders (frames encoded in parallel)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _core, _transfer_syntax
from ..datadict import dictionary_description
from ..dataset import Dataset
from ..errors import DicomAttributeError
from ..uid import UID, generate_uid
from .decode import dataset_array, decoded_photometric
from .native import _PIXEL_MODULE, PIXEL_KEYWORDS, PixelInfo

# Transfer syntaxes `compress` can encode: UID -> name (the registry's; a new encoder is one
# registry entry and one arm in src/write/pixels.rs).
ENCODERS = {ts.uid: ts.name for ts in _transfer_syntax.encoders()}
_EXPLICIT_VR_LITTLE_ENDIAN = _transfer_syntax.native(implicit_vr=False, little_endian=True).uid

_SAMPLES = {
    "MONOCHROME1": 1,
    "MONOCHROME2": 1,
    "PALETTE COLOR": 1,
    "RGB": 3,
    "YBR_FULL": 3,
    "YBR_FULL_422": 3,
}
_FLOAT_TAGS = {4: ("FloatPixelData", "OF"), 8: ("DoubleFloatPixelData", "OD")}


def _file_meta(ds: Any) -> Any:
    meta = getattr(ds, "file_meta", None)
    if meta is None:
        from ..dataset import FileMetaDataset

        meta = FileMetaDataset()
        object.__setattr__(ds, "file_meta", meta)
    return meta


def _dataset_uid(ds: Any) -> UID | None:
    ts = _transfer_syntax.of_meta(getattr(ds, "file_meta", None))
    return UID(ts) if ts else None


def _new_instance_uid(ds: Any) -> None:
    uid = generate_uid()
    ds.SOPInstanceUID = uid
    _file_meta(ds).MediaStorageSOPInstanceUID = uid


def _forget_pixels(ds: Any) -> None:
    ds.__dict__.pop("_pixel_cache", None)


def set_pixel_data(
    ds: Any,
    arr: np.ndarray,
    photometric_interpretation: str,
    bits_stored: int,
    *,
    generate_instance_uid: bool = True,
) -> None:
    """pydicom 3's `set_pixel_data`, for any dtype pydicom's pixel module reads: (u)int8/16/32
    into Pixel Data, float32/float64 into Float/Double Float Pixel Data, bool as 1-bit packed
    Pixel Data. Nothing changes unless every check passes.


    Parameters
    ----------
    ds : Dataset
        The data set, changed in place (Image Pixel module, pixel data, transfer syntax).
    arr : numpy.ndarray
        (rows, columns), (rows, columns, samples), or with a leading frames axis.
    photometric_interpretation : str
        "MONOCHROME1", "MONOCHROME2", "PALETTE COLOR", "RGB", "YBR_FULL", ...
    bits_stored : int
        The bits each sample uses.
    generate_instance_uid : bool
        Give the data set a new SOP Instance UID.

    Raises
    ------
    ValueError
        A dtype, shape, photometric interpretation or bits stored that does not fit, values
        outside `bits_stored`, or data over 4 GiB.
    NotImplementedError
        A big endian transfer syntax.
    DicomAttributeError
        Another pixel data element is present.

    Examples
    --------
    >>> import numpy as np
    >>> from pyrdicom import Dataset
    >>> from pyrdicom.pixels import set_pixel_data
    >>> ds = Dataset()
    >>> set_pixel_data(ds, np.zeros((2, 4, 6, 3), dtype=np.uint8), "RGB", 8)
    >>> ds.NumberOfFrames, ds.SamplesPerPixel, ds.pixel_array.shape
    ('2', 3, (2, 4, 6, 3))
    """
    arr = np.asarray(arr)
    dtype = arr.dtype
    if dtype.kind == "b":
        bits_allocated = 1
    elif (dtype.kind in "ui" and dtype.itemsize in (1, 2, 4)) or (
        dtype.kind == "f" and dtype.itemsize in (4, 8)
    ):
        bits_allocated = dtype.itemsize * 8
    else:
        raise ValueError(
            f"Unsupported ndarray dtype '{dtype}', must be bool, int8, int16, int32, uint8, "
            "uint16, uint32, float32 or float64"
        )
    is_float = dtype.kind == "f"
    pixel_keyword, vr = (
        _FLOAT_TAGS[dtype.itemsize]
        if is_float
        else ("PixelData", "OB" if bits_allocated <= 8 else "OW")
    )
    others = [
        k for k in ("PixelData", "FloatPixelData", "DoubleFloatPixelData") if k != pixel_keyword
    ]
    for keyword in others:
        if keyword in ds:
            elem = ds[keyword]
            raise DicomAttributeError(
                f"The dataset has an existing {elem.tag} '{elem.name}' element which indicates "
                "the (0008,0016) 'SOP Class UID' value is not suitable for a dataset with "
                f"'{dictionary_description(pixel_keyword)}'. The '{elem.name}' element should "
                "be deleted and the 'SOP Class UID' changed."
            )
    tsyntax = _dataset_uid(ds)
    if tsyntax is not None and tsyntax.is_transfer_syntax and not tsyntax.is_little_endian:
        raise NotImplementedError(
            f"The dataset's transfer syntax '{tsyntax.name}' is big-endian, which is not supported"
        )
    try:
        samples = _SAMPLES[photometric_interpretation]
    except KeyError:
        raise ValueError(
            f"Unsupported 'photometric_interpretation' value '{photometric_interpretation}'"
        ) from None
    if (is_float or bits_allocated == 1) and samples != 1:
        raise ValueError(f"A {dtype} ndarray must hold single-sample (monochrome) data")

    shape, ndim = arr.shape, arr.ndim
    if samples == 1:
        if ndim not in (2, 3):
            raise ValueError(
                f"An ndarray with '{photometric_interpretation}' data must have 2 or 3 "
                f"dimensions, not {ndim}"
            )
        frames = shape[0] if ndim == 3 else None
        rows, columns = shape[-2:]
    else:
        if ndim not in (3, 4):
            raise ValueError(
                f"An ndarray with '{photometric_interpretation}' data must have 3 or 4 "
                f"dimensions, not {ndim}"
            )
        if shape[-1] != samples:
            raise ValueError(
                f"An ndarray with '{photometric_interpretation}' data must have shape (rows, "
                f"columns, 3) or (frames, rows, columns, 3), not {shape}"
            )
        frames = shape[0] if ndim == 4 else None
        rows, columns = shape[-3:-1]
    if rows > 0xFFFF or columns > 0xFFFF or 0 in shape:
        raise ValueError(f"An ndarray of shape {shape} cannot be DICOM pixel data")
    if photometric_interpretation == "YBR_FULL_422" and columns % 2:
        raise ValueError("YBR_FULL_422 data must have an even number of columns")

    if is_float:
        if bits_stored != bits_allocated:
            raise ValueError(f"'bits_stored' must be {bits_allocated} for {dtype} data")
    elif not 0 < bits_stored <= bits_allocated:
        raise ValueError(
            f"Invalid 'bits_stored' value '{bits_stored}', must be greater than 0 and less "
            f"than or equal to the number of bits for the ndarray's itemsize '{bits_allocated}'"
        )
    elif bits_allocated > 1 and arr.size:
        lo, hi = arr.min(), arr.max()
        allowed_min = 0 if dtype.kind == "u" else -(2 ** (bits_stored - 1))
        allowed_max = 2**bits_stored - 1 if dtype.kind == "u" else 2 ** (bits_stored - 1) - 1
        if lo < allowed_min or hi > allowed_max:
            raise ValueError(
                f"The range of values in the ndarray [{lo}, {hi}] is greater than that allowed "
                f"by the 'bits_stored' value [{allowed_min}, {allowed_max}]"
            )

    if bits_allocated == 1:
        data = np.packbits(arr.astype(bool).ravel(), bitorder="little").tobytes()
    else:
        little = np.ascontiguousarray(arr, dtype=dtype.newbyteorder("<"))
        if photometric_interpretation == "YBR_FULL_422":
            # Y1 B1 R1 Y2 B2 R2 -> Y1 Y2 B1 R1 (PS3.3 C.7.6.3.1.2)
            flat = little.ravel()
            out = np.empty(flat.size // 3 * 2, dtype=little.dtype)
            out[::4], out[1::4], out[2::4], out[3::4] = (
                flat[::6],
                flat[3::6],
                flat[1::6],
                flat[2::6],
            )
            little = out
        data = little.tobytes()
    if len(data) % 2:
        data += b"\x00"
    if len(data) > 0xFFFFFFFE:
        raise ValueError("The pixel data is too large for a DICOM value (4 GiB)")

    # Checks passed: change the data set.
    if frames is None:
        ds.pop("NumberOfFrames", None)
    else:
        ds.NumberOfFrames = frames
    ds.Rows = rows
    ds.Columns = columns
    ds.SamplesPerPixel = samples
    if samples > 1:
        ds.PlanarConfiguration = 0
    else:
        ds.pop("PlanarConfiguration", None)
    ds.PhotometricInterpretation = photometric_interpretation
    ds.BitsAllocated = bits_allocated
    if is_float:
        for keyword in ("BitsStored", "HighBit", "PixelRepresentation"):
            ds.pop(keyword, None)
    else:
        ds.BitsStored = bits_stored
        ds.HighBit = bits_stored - 1
        ds.PixelRepresentation = 1 if dtype.kind == "i" else 0
    for keyword in ("ExtendedOffsetTable", "ExtendedOffsetTableLengths"):
        ds.pop(keyword, None)
    setattr(ds, pixel_keyword, data)
    elem = ds[pixel_keyword]
    elem.VR = vr
    elem.is_undefined_length = False
    _forget_pixels(ds)
    if tsyntax is None or (tsyntax.is_transfer_syntax and tsyntax.is_encapsulated):
        _file_meta(ds).TransferSyntaxUID = UID(_EXPLICIT_VR_LITTLE_ENDIAN)
    if generate_instance_uid:
        _new_instance_uid(ds)


def _described_pixels(ds: Any) -> PixelInfo:
    """The pixels `ds`'s Image Pixel module describes, whether or not it holds pixel data yet
    (`compress` of an array)."""
    if any(tag in ds._dict for _, tag in PIXEL_KEYWORDS):
        return PixelInfo(ds)
    probe = Dataset({tag: ds[tag] for tag in _PIXEL_MODULE if tag in ds})
    probe.PixelData = b""
    return PixelInfo(probe)


def compress(
    ds: Any,
    transfer_syntax_uid: str,
    arr: np.ndarray | None = None,
    *,
    encoding_plugin: str = "",
    encapsulate_ext: bool = False,
    generate_instance_uid: bool = True,
    jls_error: int | None = None,
    j2k_cr: list[float] | None = None,
    j2k_psnr: list[float] | None = None,
    jpeg_quality: int = 90,
    jpeg_predictor: int = 1,
    **kwargs: Any,
) -> Any:
    """pydicom 3's `compress`: encode the native pixel data (or `arr`, shaped as the data set's
    pixel_array) with `transfer_syntax_uid` and put it in the data set, encapsulated. Encoders:
    `ENCODERS`. Beyond pydicom's options: `jpeg_quality` (1-100) for JPEG Baseline/Extended,
    whose colour frames are coded as YBR_FULL_422, and `jpeg_predictor` (1-7) for JPEG
    Lossless process 14 (JPEGLosslessSV1 is predictor 1).


    Parameters
    ----------
    ds : Dataset
        The data set, changed in place.
    transfer_syntax_uid : str
        The compressed transfer syntax.
    arr : numpy.ndarray, optional
        Compress this instead of the data set's pixel data.
    encoding_plugin : str
        Any of pydicom's plugin names.
    encapsulate_ext : bool
        Add an Extended Offset Table.
    generate_instance_uid : bool
        Give the data set a new SOP Instance UID.
    jls_error : int, optional
        JPEG-LS near-lossless error (lossy).
    j2k_cr : list of float, optional
        JPEG 2000 compression ratios (lossy).
    j2k_psnr : list of float, optional
        JPEG 2000 peak signal-to-noise ratios (lossy).
    jpeg_quality : int
        JPEG Baseline/Extended quality.
    jpeg_predictor : int
        JPEG Lossless predictor.
    **kwargs
        The encoders' options.

    Returns
    -------
    Dataset
        `ds`.

    Raises
    ------
    TypeError
        An unknown option.
    ValueError
        Compressed pixel data, an array that does not match the data set, or data that cannot
        be compressed losslessly as it is.
    DicomAttributeError
        No transfer syntax to tell whether the data is compressed.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import compress
    >>> from pyrdicom.uid import JPEGLSLossless
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> before = ds.pixel_array.copy()
    >>> _ = compress(ds, JPEGLSLossless)
    >>> ds.file_meta.TransferSyntaxUID.name, bool((ds.pixel_array == before).all())
    ('JPEG-LS Lossless Image Compression', True)
    """
    from .encoders.base import get_encoder

    uid = UID(str(transfer_syntax_uid))
    get_encoder(uid)._check_plugin(encoding_plugin)
    from .common import DESCRIPTION

    # pydicom passes kwargs to its encoding plugins, except the Image Pixel description, which
    # the data set's elements override; pyrdicom's encoders take no other option.
    if unknown := set(kwargs) - set(DESCRIPTION):
        raise TypeError(f"Unsupported encoding option(s): {', '.join(sorted(unknown))}")
    info = PixelInfo(ds) if arr is None else _described_pixels(ds)
    if info.keyword != "PixelData":
        raise ValueError(f"Only 'Pixel Data' can be compressed, not '{info.keyword}'")
    if info.photometric == "YBR_FULL_422":
        raise ValueError("YBR_FULL_422 pixel data cannot be compressed losslessly as it is")
    if arr is None:
        tsyntax = _dataset_uid(ds)
        if tsyntax is None:
            raise DicomAttributeError(
                "Unable to determine the initial compression state of the dataset as there's "
                "no (0002,0010) 'Transfer Syntax UID' element in the dataset's 'file_meta' "
                "attribute"
            )
        if tsyntax.is_compressed:
            raise ValueError("Only uncompressed datasets may be compressed")
        arr = dataset_array(ds, as_rgb=False)
    else:
        arr = np.asarray(arr)
        expected = info.shape(info.frames)
        if arr.shape != expected:
            raise ValueError(
                f"The ndarray's shape {arr.shape} does not match the dataset's {expected}"
            )
        if arr.dtype.kind not in "ui" or arr.dtype.itemsize * 8 != info.bits_allocated:
            raise ValueError(
                f"The ndarray's dtype '{arr.dtype}' does not match the dataset's Bits Allocated "
                f"{info.bits_allocated}"
            )
        if (arr.dtype.kind == "i") != info.signed:
            raise ValueError(
                f"The ndarray's dtype '{arr.dtype}' does not match the dataset's Pixel "
                f"Representation {int(info.signed)}"
            )
    jls_error, j2k_cr, j2k_psnr = _codec_options(uid, arr, info, jls_error, j2k_cr, j2k_psnr)
    encoder = _transfer_syntax.lookup(uid).encoder  # type: ignore[union-attr]
    _check_jpeg_options(encoder, jpeg_quality, jpeg_predictor)
    data = np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<"))
    spec = info.frame_spec(0)  # encoded from pixel_array's interleaved samples
    value, offsets, lengths = _core.compress_frames(
        str(uid), data.view(np.uint8).reshape(-1), spec, info.frames, encapsulate_ext,
        jls_error, j2k_cr, j2k_psnr, jpeg_quality, jpeg_predictor,
    )  # fmt: skip
    ds.PixelData = value
    elem = ds["PixelData"]
    elem.VR = "OB"
    elem.is_undefined_length = True
    if offsets is not None:
        ds.ExtendedOffsetTable = offsets
        ds.ExtendedOffsetTableLengths = lengths
    else:
        for keyword in ("ExtendedOffsetTable", "ExtendedOffsetTableLengths"):
            ds.pop(keyword, None)
    if info.samples > 1 and uid.keyword != "RLELossless":
        # The frames were encoded from pixel_array's interleaved samples; decoders (pydicom's
        # too) read JPEG-LS/JPEG 2000 output by Planar Configuration, so it must say so.
        ds.PlanarConfiguration = 0
    if info.samples > 1 and encoder in _JPEG_DCT:
        # libjpeg-turbo converted RGB to YCbCr, chroma subsampled 2:1 horizontally (JFIF)
        ds.PhotometricInterpretation = "YBR_FULL_422"
    _forget_pixels(ds)
    _file_meta(ds).TransferSyntaxUID = uid
    if generate_instance_uid:
        _new_instance_uid(ds)
    return ds


_JPEG_DCT = ("jpeg-baseline", "jpeg-extended")


def _check_jpeg_options(encoder: str | None, quality: int, predictor: int) -> None:
    if encoder in _JPEG_DCT and not 1 <= quality <= 100:
        raise ValueError(f"'jpeg_quality' must be 1 to 100, not {quality}")
    if encoder == "jpeg-lossless" and not 1 <= predictor <= 7:
        raise ValueError(f"'jpeg_predictor' must be 1 to 7, not {predictor}")
    if encoder == "jpeg-lossless-sv1" and predictor != 1:
        raise ValueError(
            f"A 'jpeg_predictor' of {predictor} is being used with 'JPEG Lossless, "
            "Non-Hierarchical, First-Order Prediction', whose predictor is 1 - did you mean to "
            "use 'JPEG Lossless, Non-Hierarchical (Process 14)' instead?"
        )


def _codec_options(
    uid: UID,
    arr: np.ndarray,
    info: Any,
    jls_error: int | None,
    j2k_cr: list[float] | None,
    j2k_psnr: list[float] | None,
) -> tuple[int, list[float] | None, list[float] | None]:
    """pydicom's checks of the lossy options for `uid`; returns them for the core."""
    error = int(jls_error or 0)
    if uid.keyword == "JPEGLSLossless" and error:
        raise ValueError(
            f"A 'jls_error' value of '{error}' is being used with a transfer syntax of "
            "'JPEG-LS Lossless' - did you mean to use 'JPEG-LS Near Lossless' instead?"
        )
    if uid.keyword == "JPEGLSNearLossless" and error and info.signed:
        # Lossy JPEG-LS does not track signedness: keep values where the error cannot flip
        # their sign (pydicom's rule).
        minimum, maximum = -(1 << (info.bits_stored - 1)), (1 << (info.bits_stored - 1)) - 1
        if arr.size and (arr.max() > maximum - error or arr.min() < minimum + error):
            raise ValueError(
                "The supported range of pixel values when performing lossy JPEG-LS encoding "
                f"of signed integers with a (0028,0103) 'Bits Stored' value of "
                f"'{info.bits_stored}' and a 'jls_error' of '{error}' is "
                f"({minimum + error}, {maximum - error})"
            )
    if uid.keyword == "JPEG2000Lossless" and (j2k_cr or j2k_psnr):
        raise ValueError(
            "A lossy configuration option is being used with a transfer syntax of 'JPEG 2000 "
            "Lossless' - did you mean to use 'JPEG 2000' instead?"
        )
    if uid.keyword == "JPEG2000":
        if not j2k_cr and not j2k_psnr:
            raise ValueError(
                "The 'JPEG 2000' transfer syntax requires a lossy configuration option such "
                "as 'j2k_cr' or 'j2k_psnr'"
            )
        if j2k_cr and j2k_psnr:
            raise ValueError(
                "Multiple lossy configuration options are being used with the 'JPEG 2000' "
                "transfer syntax, please specify only one"
            )
    cr = [float(v) for v in j2k_cr] if j2k_cr else None
    psnr = [float(v) for v in j2k_psnr] if j2k_psnr else None
    return error, cr, psnr


def decompress(
    ds: Any,
    *,
    as_rgb: bool = True,
    generate_instance_uid: bool = True,
    decoding_plugin: str = "",
    **kwargs: Any,
) -> Any:
    """pydicom 3's `decompress`: decode all frames into native Explicit VR Little Endian pixel
    data (YBR_FULL converted to RGB with `as_rgb`, as pydicom's decoders do).


    Parameters
    ----------
    ds : Dataset
        The data set, changed in place.
    as_rgb : bool
        Convert YBR_FULL (and YBR_FULL_422) to RGB.
    generate_instance_uid : bool
        Give the data set a new SOP Instance UID.
    decoding_plugin : str
        Any of pydicom's plugin names.
    **kwargs
        The decoders' options.

    Returns
    -------
    Dataset
        `ds`.

    Raises
    ------
    DicomAttributeError
        No Pixel Data, or no transfer syntax.
    ValueError
        The data is not compressed, or decompressed it would be over 4 GiB.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import decompress
    >>> ds = decompress(dcmread(get_testdata_file("SC_rgb_jpeg_dcmtk.dcm")))
    >>> ds.file_meta.TransferSyntaxUID.name, ds.PhotometricInterpretation
    ('Explicit VR Little Endian', 'RGB')
    """
    if "PixelData" not in ds:
        raise DicomAttributeError(
            "Unable to decompress as the dataset has no (7FE0,0010) 'Pixel Data' element"
        )
    tsyntax = _dataset_uid(ds)
    if tsyntax is None:
        raise DicomAttributeError(
            "Unable to determine the initial compression state as there's no (0002,0010) "
            "'Transfer Syntax UID' element in the dataset's 'file_meta' attribute"
        )
    if not tsyntax.is_compressed:
        raise ValueError("The dataset is already uncompressed")
    from . import _decoder

    decoder = _decoder(ds)
    decoder._check_plugin(decoding_plugin)
    info = PixelInfo(ds)
    kwargs.pop("index", None)  # every frame is decompressed: pydicom ignores it too
    arr, _ = decoder.as_array(ds, raw=not as_rgb, **kwargs)
    # What the pixels now are: pydicom's decompress says RGB once YCbCr has been converted.
    photometric = decoded_photometric(str(tsyntax), info.photometric, as_rgb)
    data = np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<")).tobytes()
    if len(data) >= 2**32 - 1:
        raise ValueError(
            "Unable to decompress as the length of the uncompressed pixel data will be greater "
            "than the maximum allowed by the DICOM Standard"
        )
    frames = info.frames if arr.ndim == (4 if info.samples > 1 else 3) else 1
    if len(data) % 2:
        data += b"\x00"
    elem = ds["PixelData"]
    elem.value = data
    elem.is_undefined_length = False
    elem.VR = "OB" if info.bits_allocated <= 8 else "OW"
    for keyword in ("ExtendedOffsetTable", "ExtendedOffsetTableLengths"):
        ds.pop(keyword, None)
    _forget_pixels(ds)
    _file_meta(ds).TransferSyntaxUID = UID(_EXPLICIT_VR_LITTLE_ENDIAN)
    if generate_instance_uid:
        _new_instance_uid(ds)
    ds.PhotometricInterpretation = photometric
    if info.samples > 1:
        ds.PlanarConfiguration = 0
    if "NumberOfFrames" in ds or frames > 1:
        ds.NumberOfFrames = frames
    return ds
