"""Render one frame as a viewer shows it: 8-bit grey or RGB."""

from __future__ import annotations

from typing import Any

import numpy as np

from pyrdicom.pixels.processing import (
    _apply_lut_item,
    _descriptor,
    _nth,
    _rescale,
    _window,
    apply_color_lut,
    apply_modality_lut,
)

__all__ = ["render"]

# Colour images whose pixel array (pydicom's and pyrdicom's `pixel_array` convention) is RGB:
# YBR_FULL and YBR_FULL_422 are converted to RGB by `pixel_array`, and decoded JPEG 2000 YBR_ICT
# and YBR_RCT are RGB.
_RGB_ARRAYS = ("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_ICT", "YBR_RCT")


def render(
    ds: Any,
    frame: int = 0,
    window: tuple[float, float] | None = None,
    arr: np.ndarray | None = None,
) -> np.ndarray:
    """Return `frame` of `ds` as displayed: ``uint8``, (rows, columns) grey or (rows, columns, 3)
    RGB.

    Grey images go through the modality LUT (Rescale Slope/Intercept, the Modality LUT Sequence
    or, in enhanced multi-frame data sets, the frame's Pixel Value Transformation), then the VOI:
    ``window=(center, width)`` if given (DICOM's LINEAR function), else the data set's first
    window (the frame's Frame VOI LUT in enhanced data sets, with its VOI LUT Function), else
    the VOI LUT Sequence, else the frame's minimum to maximum; MONOCHROME1 is inverted. Colour
    images are RGB: PALETTE COLOR through its palette, more than 8 bits scaled down.

    `arr` is the pixel array laid out as ``ds.pixel_array`` returns it (so YBR_FULL and
    YBR_FULL_422 already RGB) with all frames, or just the one frame; default
    ``ds.pixel_array``.


    Parameters
    ----------
    ds : Dataset
        The data set.
    frame : int
        Which frame.
    window : tuple of (float, float), optional
        (center, width) of the VOI window, instead of the data set's.
    arr : numpy.ndarray, optional
        The decoded pixels (all frames, or just `frame`).

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    NotImplementedError
        A Photometric Interpretation that cannot be shown.
    ValueError
        A `window` for a colour image.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import render
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> shown = render(ds, window=(40, 400))
    >>> shown.dtype, shown.shape
    (dtype('uint8'), (128, 128))
    """
    if arr is None:
        arr = ds.pixel_array
    arr = _select_frame(ds, np.asarray(arr), frame)
    photometric = str(ds.PhotometricInterpretation).strip().upper()
    if photometric in ("MONOCHROME1", "MONOCHROME2"):
        grey = _render_grey(ds, arr, frame, window)
        return 255 - grey if photometric == "MONOCHROME1" else grey
    if window is not None:
        raise ValueError(f"A window applies to monochrome images, not {photometric}")
    if photometric == "PALETTE COLOR":
        rgb = apply_color_lut(arr, ds)[..., :3]
        depth = _descriptor(ds.RedPaletteColorLookupTableDescriptor)[2]
        return _to_uint8(rgb, 0, 2**depth - 1)
    if photometric in _RGB_ARRAYS:
        return _to_uint8(arr, 0, 2 ** int(ds.get("BitsStored") or 8) - 1)
    raise NotImplementedError(f"Rendering {photometric} images is not supported")


def _select_frame(ds: Any, arr: np.ndarray, frame: int) -> np.ndarray:
    nr_frames = int(ds.get("NumberOfFrames") or 1)
    if not 0 <= frame < nr_frames:
        raise IndexError(f"Frame {frame} is out of range for {nr_frames} frame(s)")
    frame_ndim = 2 if int(ds.get("SamplesPerPixel") or 1) == 1 else 3
    if arr.ndim == frame_ndim + 1:
        return arr[frame]
    if arr.ndim == frame_ndim:
        return arr
    raise ValueError(f"A pixel array of shape {arr.shape} doesn't fit the data set")


def _frame_value(ds: Any, frame: int, sequence: str, keyword: str) -> Any:
    """`keyword` for `frame`: from its Per-Frame, then the Shared Functional Groups item of
    `sequence` (enhanced multi-frame data sets), else from the data set itself."""
    groups = []
    per_frame = ds.get("PerFrameFunctionalGroupsSequence")
    if per_frame and frame < len(per_frame):
        groups.append(per_frame[frame])
    shared = ds.get("SharedFunctionalGroupsSequence")
    if shared:
        groups.append(shared[0])
    for group in groups:
        items = group.get(sequence)
        if items and items[0].get(keyword) is not None:
            return items[0].get(keyword)
    return ds.get(keyword)


def _render_grey(
    ds: Any, arr: np.ndarray, frame: int, window: tuple[float, float] | None
) -> np.ndarray:
    if ds.get("ModalityLUTSequence"):
        values = apply_modality_lut(arr, ds)
    else:
        transform = "PixelValueTransformationSequence"
        slope = _frame_value(ds, frame, transform, "RescaleSlope")
        intercept = _frame_value(ds, frame, transform, "RescaleIntercept")
        values = arr if slope is None or intercept is None else _rescale(arr, slope, intercept)

    if window is not None:
        center, width = (float(v) for v in window)
        return _to_uint8(_window(values, center, width, "LINEAR", 0, 255), 0, 255)

    voi = "FrameVOILUTSequence"
    center = _frame_value(ds, frame, voi, "WindowCenter")
    width = _frame_value(ds, frame, voi, "WindowWidth")
    if center is not None and width is not None:
        function = str(_frame_value(ds, frame, voi, "VOILUTFunction") or "LINEAR").upper()
        try:
            windowed = _window(
                values, float(_nth(center, 0)), float(_nth(width, 0)), function, 0, 255
            )
            return _to_uint8(windowed, 0, 255)
        except ValueError:
            pass  # an unusable window in the data set: show the image another way

    seq = ds.get("VOILUTSequence")
    if seq and seq[0].get("LUTDescriptor") is not None and seq[0].get("LUTData") is not None:
        depth = _descriptor(seq[0].LUTDescriptor)[2]
        return _to_uint8(_apply_lut_item(values, seq[0], ds), 0, 2**depth - 1)

    return _to_uint8(values, values.min(), values.max())


def _to_uint8(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """Scale [low, high] linearly onto 0..255, rounding to nearest and clipping."""
    if values.dtype == np.uint8 and low == 0 and high == 255:
        return values.copy()  # never hand out the caller's or the data set's array
    if high <= low:
        return np.zeros(values.shape, dtype=np.uint8)
    scaled = values.astype(np.float64)
    scaled -= low
    scaled *= 255.0 / (float(high) - float(low))
    np.rint(scaled, out=scaled)
    np.clip(scaled, 0, 255, out=scaled)
    return scaled.astype(np.uint8)
