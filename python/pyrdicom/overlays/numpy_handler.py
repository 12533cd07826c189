"""Overlay Data (60xx,3000) to NumPy: 1-bit data (PS3.5 8.2) unpacked in the core."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..misc import warn_and_log
from ..pixels.utils import unpack_bits

HANDLER_NAME = "Numpy Overlay"
DEPENDENCIES = {"numpy": ("https://numpy.org/", "NumPy")}


def is_available() -> bool:
    """Whether overlays can be read (NumPy is installed).

    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.overlays import numpy_handler
    >>> numpy_handler.is_available()
    True
    """
    return True


def get_expected_length(elem: dict[str, Any], unit: str = "bytes") -> int:
    """The overlay data's length in whole bytes (without odd-length padding) or pixels, from
    ``OverlayRows``, ``OverlayColumns`` and ``NumberOfFramesInOverlay`` in `elem`.


    Parameters
    ----------
    elem : dict
        ``OverlayRows``, ``OverlayColumns`` and ``NumberOfFramesInOverlay``.
    unit : str
        "bytes" or "pixels".

    Returns
    -------
    int

    Examples
    --------
    >>> from pyrdicom.overlays.numpy_handler import get_expected_length
    >>> overlay = {"OverlayRows": 484, "OverlayColumns": 484, "NumberOfFramesInOverlay": 1}
    >>> get_expected_length(overlay), get_expected_length(overlay, "pixels")
    (29282, 234256)
    """
    length = elem["OverlayRows"] * elem["OverlayColumns"] * elem["NumberOfFramesInOverlay"]
    if unit == "pixels":
        return int(length)
    return int(-(-length // 8))


def reshape_overlay_array(elem: dict[str, Any], arr: np.ndarray) -> np.ndarray:
    """`arr` shaped (rows, columns), or (frames, rows, columns) for multi-frame overlays.


    Parameters
    ----------
    elem : dict
        ``OverlayRows``, ``OverlayColumns`` and ``NumberOfFramesInOverlay``.
    arr : numpy.ndarray
        The overlay's bits, flat.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        An invalid Number of Frames in Overlay.

    Examples
    --------
    >>> import numpy as np
    >>> from pyrdicom.overlays.numpy_handler import reshape_overlay_array
    >>> overlay = {"OverlayRows": 4, "OverlayColumns": 6, "NumberOfFramesInOverlay": 1}
    >>> reshape_overlay_array(overlay, np.zeros(24, dtype=np.uint8)).shape
    (4, 6)
    """
    nr_frames = elem["NumberOfFramesInOverlay"]
    if nr_frames < 1:
        raise ValueError(
            f"Unable to reshape the overlay array as a value of {nr_frames} for (60xx,0015) "
            "'Number of Frames in Overlay' is invalid."
        )
    shape = (elem["OverlayRows"], elem["OverlayColumns"])
    return arr.reshape((nr_frames, *shape) if nr_frames > 1 else shape)


def get_overlay_array(ds: Any, group: int) -> np.ndarray:
    """The Overlay Data of overlay `group` (0x6000 to 0x60FF) of `ds` as a uint8 array.


    Parameters
    ----------
    ds : Dataset
        The data set.
    group : int
        The overlay's group.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    AttributeError
        An element the overlay needs is missing.
    ValueError
        The Overlay Data is shorter than its rows and columns say.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.overlays import get_overlay_array
    >>> ds = dcmread(get_testdata_file("MR-SIEMENS-DICOM-WithOverlays.dcm"))
    >>> overlay = get_overlay_array(ds, 0x6000)
    >>> overlay.shape, overlay.dtype
    ((484, 484), dtype('uint8'))
    """
    elems = {
        "OverlayData": ds.get((group, 0x3000)),
        "OverlayBitsAllocated": ds.get((group, 0x0100)),
        "OverlayRows": ds.get((group, 0x0010)),
        "OverlayColumns": ds.get((group, 0x0011)),
    }
    missing = [keyword for keyword, elem in elems.items() if elem is None]
    if missing:
        raise AttributeError(
            "Unable to convert the overlay data as the following required elements are missing "
            f"from the dataset: {', '.join(missing)}"
        )
    values = {keyword: elem.value for keyword, elem in elems.items()}
    frames = ds.get((group, 0x0015))
    values["NumberOfFramesInOverlay"] = 1 if frames is None else frames.value
    expected = get_expected_length(values)
    actual = len(values["OverlayData"])
    padded = expected + expected % 2
    if actual < padded:
        if actual != expected:
            raise ValueError(
                f"The length of the overlay data in the dataset ({actual} bytes) doesn't match "
                f"the expected length ({padded} bytes). The dataset may be corrupted or there "
                "may be an issue with the overlay data handler."
            )
        warn_and_log("The overlay data length is odd and misses a padding byte.")
    elif actual > padded:
        warn_and_log(
            f"The length of the overlay data in the dataset ({actual} bytes) indicates it "
            f"contains excess padding. {actual - expected} bytes will be removed from the end "
            "of the data"
        )
    pixels = get_expected_length(values, unit="pixels")
    arr = np.asarray(unpack_bits(values["OverlayData"][:expected]))[:pixels]
    return reshape_overlay_array(values, arr)
