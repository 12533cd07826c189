"""Encapsulated DICOM fixtures made at test time: pixel arrays encoded by independent encoders
from PyPI (imagecodecs: libjpeg-turbo, CharLS, OpenJPEG, OpenJPH; pyjpegls; pylibjpeg-openjpeg;
pylibjpeg-rle), wrapped into data sets with pydicom."""

from __future__ import annotations

from pathlib import Path

import imagecodecs
import jpeg_ls as pyjpegls
import numpy as np
import openjpeg
import pydicom
from pydicom._uid_dict import UID_dictionary
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, encapsulate_extended
from pydicom.uid import generate_uid
from rle.utils import encode_pixel_data as rle_encode_pixel_data

SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"

# Transfer syntaxes newer than pydicom 3.0.2's UID dictionary, registered so that it writes them
JPEG_XL = {
    "1.2.840.10008.1.2.4.110": ("JPEG XL Lossless", "JPEGXLLossless"),
    "1.2.840.10008.1.2.4.111": ("JPEG XL JPEG Recompression", "JPEGXLJPEGRecompression"),
    "1.2.840.10008.1.2.4.112": ("JPEG XL", "JPEGXL"),
}
for _uid, (_name, _keyword) in JPEG_XL.items():
    UID_dictionary.setdefault(_uid, (_name, "Transfer Syntax", "", "", _keyword))

# How the frames are placed in the encapsulated value.
LAYOUTS = (
    "bot",  # one fragment per frame, Basic Offset Table
    "no_bot",  # one fragment per frame, empty BOT
    "eot",  # one fragment per frame, Extended Offset Table (and an empty BOT)
    "fragments",  # three fragments per frame, BOT
    "fragments_no_bot",  # three fragments per frame, no table: frames end at their EOI marker
)


def container(bits_allocated: int, signed: bool) -> np.dtype:
    return np.dtype(f"{'i' if signed else 'u'}{bits_allocated // 8}")


def stored_unsigned(arr: np.ndarray, bits: int) -> np.ndarray:
    """The `bits` low bits of each value (two's complement for negatives) in the smallest
    unsigned container: what an encoder without a notion of sign is given."""
    dtype = np.uint8 if bits <= 8 else np.uint16 if bits <= 16 else np.uint32
    return (arr.astype(np.int64) & ((1 << bits) - 1)).astype(dtype)


def make_pixels(
    seed: int,
    shape: tuple[int, ...],
    bits: int,
    signed: bool,
    bits_allocated: int,
    smooth: bool = False,
    margin: int = 0,
) -> np.ndarray:
    """Values of `bits`-bit (signed or unsigned) samples in Bits Allocated containers.

    Noise over the whole range (with its minimum and maximum present) for lossless codecs;
    a smooth pattern for lossy ones, whose error on noise would be meaningless. `margin` keeps
    values that far from the extremes."""
    rng = np.random.default_rng(seed)
    lo = -(1 << (bits - 1)) if signed else 0
    hi = lo + (1 << bits) - 1
    lo, hi = lo + margin, hi - margin
    if smooth:
        grid = np.indices(shape, dtype=np.float64)
        wave = np.sin(grid[-2] / 5.0) * np.cos(grid[-1] / 7.0) + grid.sum(axis=0) / sum(shape)
        wave = (wave - wave.min()) / (wave.max() - wave.min())
        arr = np.rint(lo + (hi - lo) * (0.1 + 0.8 * wave)) + rng.integers(-2, 3, shape)
        arr = np.clip(arr, lo, hi).astype(np.int64)
    else:
        arr = rng.integers(lo, hi, shape, endpoint=True)
        arr.flat[0], arr.flat[-1] = lo, hi
    return arr.astype(container(bits_allocated, signed))


# --- encoders: one frame (rows, columns[, samples]) -> codestream ---------------------------


def jpeg_lossless(frame: np.ndarray, bits: int, predictor: int) -> bytes:
    """libjpeg-turbo's lossless (SOF3) encoder; components 'R','G','B' for colour."""
    stream = imagecodecs.jpeg8_encode(
        stored_unsigned(frame, bits), lossless=True, predictor=predictor, bitspersample=bits
    )
    sos = stream.index(b"\xff\xda")
    assert stream[sos + 5 + 2 * stream[sos + 4]] == predictor, "SOS Ss is not the predictor"
    return stream


def jpeg_lossy(frame: np.ndarray, bits: int, **kwargs) -> bytes:
    """libjpeg-turbo's DCT encoder (8-bit baseline or 12-bit extended), quality 90."""
    return imagecodecs.jpeg8_encode(frame, level=90, bitspersample=bits, **kwargs)


def zero_scan_parameters(stream: bytes) -> bytes:
    """`stream` with Ss, Se and Ah/Al of each SOS segment set to 0, as some modalities write
    sequential (baseline/extended) JPEG frames, whose Se should be 63. libjpeg-turbo's
    encoder writes no 0xFF 0xDA inside scan data (0xFF is stuffed), so a search finds the
    segments."""
    out = bytearray(stream)
    at = out.find(b"\xff\xda")
    assert at > 0, "no SOS"
    while at > 0:
        ss = at + 5 + 2 * out[at + 4]
        out[ss : ss + 3] = b"\0\0\0"
        at = out.find(b"\xff\xda", at + 2)
    return bytes(out)


def jpeg_ls_lse_zero_before_eoi(frame: np.ndarray) -> bytes:
    """CharLS through imagecodecs (16-bit container), which writes a preset-parameters (LSE)
    segment with MAXVAL 65535 for 16-bit data, then a 0x00 byte between the scan data and EOI,
    as WG04's MR1_JLSL has (CharLS >= 2.3 rejects it; libjpeg, GDCM and imagecodecs decode)."""
    stream = imagecodecs.jpegls_encode(stored_unsigned(frame, 16))
    assert b"\xff\xf8\x00\x0d\x01\xff\xff" in stream, "no LSE segment with MAXVAL 65535"
    assert stream.endswith(b"\xff\xd9")
    return stream[:-2] + b"\x00\xff\xd9"


def jpeg_ls(frame: np.ndarray, bits: int, near: int = 0, interleave: int = 2) -> bytes:
    """CharLS through pyjpegls, which takes the precision and the interleave mode (0: colour by
    plane, 1: by line, 2: by pixel). CharLS wants its input by plane for mode 0 and by pixel
    otherwise (not by line for mode 1, whatever pyjpegls' docstring says)."""
    samples = frame.shape[2] if frame.ndim == 3 else 1
    data = stored_unsigned(frame, bits)
    if samples > 1 and interleave == 0:
        data = data.transpose(2, 0, 1)
    rows, cols = frame.shape[:2]
    return bytes(
        pyjpegls.encode_buffer(
            np.ascontiguousarray(data).tobytes(), rows, cols, samples, bits, near, interleave
        )
    )


def jpeg_ls_imagecodecs(frame: np.ndarray, near: int = 0) -> bytes:
    """CharLS through imagecodecs: the precision is the container's (8 or 16)."""
    return imagecodecs.jpegls_encode(frame, level=near)


def jpeg_xl(frame: np.ndarray, bits: int, level: int | None = None) -> bytes:
    """libjxl through imagecodecs: lossless unless `level` (a quality) is given; signed data is
    given as its unsigned bit pattern."""
    data = stored_unsigned(frame, bits)
    if level is None:
        return imagecodecs.jpegxl_encode(data, lossless=True, bitspersample=bits)
    return imagecodecs.jpegxl_encode(data, level=level)


def j2k(frame: np.ndarray, bits: int, level: float | None = None, mct: bool = False) -> bytes:
    """OpenJPEG through imagecodecs: reversible 5/3 unless `level` (a PSNR-like quality) is
    given; signed input gives a signed codestream."""
    return imagecodecs.jpeg2k_encode(
        frame,
        level=level,
        codecformat="J2K",
        reversible=level is None,
        bitspersample=bits,
        mct=mct,
    )


def j2k_layers(frame: np.ndarray, bits: int, ratios: list[float]) -> bytes:
    """OpenJPEG through pylibjpeg-openjpeg: irreversible 9/7, one quality layer per ratio."""
    return openjpeg.encode(frame, bits_stored=bits, compression_ratios=ratios)


def htj2k(
    frame: np.ndarray,
    qstep: float | None = None,
    tlm: bool = False,
    rct: bool = False,
    tile: tuple[int, int] | None = None,
) -> bytes:
    """OpenJPH through imagecodecs (RPCL order): reversible unless a quantisation step is given;
    `rct` applies the colour transform."""
    return imagecodecs.htj2k_encode(
        frame, level=qstep, reversible=qstep is None, tlm=tlm, rgb=rct, tile=tile
    )


def rle(frame: np.ndarray) -> bytes:
    """pylibjpeg-rle's encoder (takes interleaved samples, little endian)."""
    rows, cols = frame.shape[:2]
    return rle_encode_pixel_data(
        frame.astype(frame.dtype.newbyteorder("<")).tobytes(),
        rows=rows,
        columns=cols,
        samples_per_pixel=frame.shape[2] if frame.ndim == 3 else 1,
        bits_allocated=frame.dtype.itemsize * 8,
        byteorder="<",
    )


# --- data sets ----------------------------------------------------------------------------


def write_dataset(
    path: Path,
    transfer_syntax: str,
    frames: list[bytes],
    *,
    rows: int,
    columns: int,
    bits_allocated: int,
    bits_stored: int,
    signed: bool,
    samples: int = 1,
    photometric: str = "MONOCHROME2",
    planar: int = 0,
    layout: str = "bot",
) -> Path:
    """An encapsulated Secondary Capture file holding `frames` (codestreams) in `layout`."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SECONDARY_CAPTURE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = transfer_syntax
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = SECONDARY_CAPTURE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Rows, ds.Columns = rows, columns
    ds.SamplesPerPixel = samples
    ds.PhotometricInterpretation = photometric
    if samples > 1:
        ds.PlanarConfiguration = planar
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = bits_allocated, bits_stored, bits_stored - 1
    ds.PixelRepresentation = int(signed)
    if len(frames) > 1:
        ds.NumberOfFrames = len(frames)
    if layout == "eot":
        value, offsets, lengths = encapsulate_extended(frames)
        ds.ExtendedOffsetTable = offsets
        ds.ExtendedOffsetTableLengths = lengths
    else:
        split = layout.startswith("fragments")
        value = encapsulate(
            frames, fragments_per_frame=3 if split else 1, has_bot=not layout.endswith("no_bot")
        )
    ds.PixelData = value
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    # A private syntax tells pydicom nothing about the data set's encoding: say it.
    ds.save_as(path, implicit_vr=False, little_endian=True, enforce_file_format=True)
    return path


def reference_array(path: Path, plugin: str) -> np.ndarray:
    """pydicom's pixel_array of `path` with one decoding plugin (GDCM, pydicom's first choice,
    aborts the process on some valid codestreams, so it is never picked implicitly)."""
    return pydicom.pixels.pixel_array(str(path), decoding_plugin=plugin)
