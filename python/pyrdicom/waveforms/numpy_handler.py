"""Waveform multiplex groups (PS3.3 C.10.9) to NumPy arrays, (samples, channels) each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

HANDLER_NAME = "Numpy Waveform"
DEPENDENCIES = {"numpy": ("https://numpy.org/", "NumPy")}

# (Waveform Bits Allocated, Waveform Sample Interpretation) -> dtype
WAVEFORM_DTYPES = {
    (8, "SB"): "int8",
    (8, "UB"): "uint8",
    (8, "MB"): "uint8",
    (8, "AB"): "uint8",
    (16, "SS"): "int16",
    (16, "US"): "uint16",
    (32, "SL"): "int32",
    (32, "UL"): "uint32",
    (64, "SV"): "int64",
    (64, "UV"): "uint64",
}
_REQUIRED = (
    "NumberOfWaveformChannels", "NumberOfWaveformSamples", "WaveformBitsAllocated",
    "WaveformSampleInterpretation", "WaveformData",
)  # fmt: skip


def is_available() -> bool:
    """Whether waveforms can be read (NumPy is installed).

    Returns
    -------
    bool

    Examples
    --------
    >>> from pyrdicom.waveforms import numpy_handler
    >>> numpy_handler.is_available()
    True
    """
    return True


def _groups(ds: Any) -> list[Any]:
    if "WaveformSequence" not in ds:
        raise AttributeError("No (5400,0100) Waveform Sequence element found in the dataset")
    return list(ds.WaveformSequence)


def _multiplex(item: Any, index: int, as_raw: bool) -> np.ndarray:
    """Multiplex group `item` (number `index`) as (samples, channels); unless `as_raw`, each
    channel scaled by its sensitivity and correction factor, plus its baseline."""
    missing = [keyword for keyword in _REQUIRED if keyword not in item]
    if missing:
        raise AttributeError(
            f"Unable to convert the waveform multiplex group with index {index} as the "
            f"following required elements are missing from the sequence item: "
            f"{', '.join(missing)}"
        )
    samples, channels = item.NumberOfWaveformSamples, item.NumberOfWaveformChannels
    bits = item.WaveformBitsAllocated
    dtype = np.dtype(WAVEFORM_DTYPES[bits, item.WaveformSampleInterpretation]).newbyteorder("<")
    data = item.WaveformData[: samples * channels * (bits // 8)]
    arr = np.frombuffer(data, dtype=dtype).reshape(samples, channels).copy()
    if as_raw:
        return arr
    arr = arr.astype("float")
    for jj, channel in enumerate(item.ChannelDefinitionSequence):
        sensitivity = channel.get("ChannelSensitivity", 1.0)
        correction = channel.get("ChannelSensitivityCorrectionFactor", 1.0)
        arr[..., jj] = arr[..., jj] * sensitivity * correction + channel.get("ChannelBaseline", 0.0)
    return arr


def generate_multiplex(ds: Any, as_raw: bool = True) -> Iterator[np.ndarray]:
    """Yield each multiplex group of `ds`'s Waveform Sequence as (samples, channels).


    Parameters
    ----------
    ds : Dataset
        The data set.
    as_raw : bool
        The stored values (else scaled by each channel's sensitivity, baseline and correction).

    Yields
    ------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.waveforms import generate_multiplex
    >>> ds = dcmread(get_testdata_file("waveform_ecg.dcm"))
    >>> [group.shape for group in generate_multiplex(ds)]
    [(10000, 12), (1200, 12)]
    """
    for index, item in enumerate(_groups(ds)):
        yield _multiplex(item, index, as_raw)


def multiplex_array(ds: Any, index: int, as_raw: bool = True) -> np.ndarray:
    """Multiplex group `index` of `ds`'s Waveform Sequence as (samples, channels).


    Parameters
    ----------
    ds : Dataset
        The data set.
    index : int
        The item of the Waveform Sequence.
    as_raw : bool
        The stored values (else scaled to channel units, float64).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.waveforms import multiplex_array
    >>> ds = dcmread(get_testdata_file("waveform_ecg.dcm"))
    >>> multiplex_array(ds, 1).dtype.name, multiplex_array(ds, 1, as_raw=False).dtype.name
    ('int16', 'float64')
    """
    return _multiplex(_groups(ds)[index], index, as_raw)
