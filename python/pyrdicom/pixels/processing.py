"""Pixel data processing with the names, signatures and results of pydicom 3's
``pydicom.pixels.processing``.

Every function takes any object with pydicom's ``Dataset`` interface (pyrdicom's or pydicom's):
only ``ds.get(keyword)``, ``keyword in ds``, attribute access and sequences of such data sets are
used. Where pydicom gives wrong values, these functions deliberately differ (docs/processing.md):
LUT indices never wrap around, 16-bit palette data in big endian data sets is read in the data
set's byte order, and the palette names ``FALL``/``WINTER`` follow PS3.6 Annex B.
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np

from .. import _core, _transfer_syntax
from ..errors import DicomAttributeError

__all__ = [
    "apply_color_lut",
    "apply_icc_profile",
    "apply_modality_lut",
    "apply_presentation_lut",
    "apply_rescale",
    "apply_voi",
    "apply_voi_lut",
    "apply_windowing",
    "convert_color_space",
    "create_icc_transform",
]

# A LUT descriptor can't describe more entries than this.
_MAX_LUT_ENTRIES = 2**16
# Segments one expansion may visit: indirect segments can revisit the same data, and no real
# LUT comes near this.
_MAX_SEGMENTS = 2**20
# Indirect segments may copy indirect segments; this bounds the recursion.
_MAX_INDIRECT_DEPTH = 32
_BYTES_LIKE = (bytes, bytearray, memoryview)


# --- Helpers shared by the LUT functions -----------------------------------------------------


def _little_endian(ds: Any) -> bool | None:
    """Return the byte order of the data set's encoding, ``None`` if it can't be known."""
    tsyntax = _transfer_syntax.of_meta(getattr(ds, "file_meta", None))
    if tsyntax:
        # A private transfer syntax's byte order is unknown.
        entry = _transfer_syntax.lookup(tsyntax)
        return entry.little_endian if entry else None
    encoding = getattr(ds, "original_encoding", None)
    return encoding[1] if encoding else None


def _require_little_endian(ds: Any) -> bool:
    little = _little_endian(ds)
    if little is None:
        raise DicomAttributeError(
            "Unable to determine the endianness of the dataset, please set an appropriate "
            f"Transfer Syntax UID in '{type(ds).__name__}.file_meta'"
        )
    return little


def _nth(value: Any, index: int) -> Any:
    """Value `index` of a multi-valued element; a single value whatever `index` (as pydicom)."""
    if hasattr(value, "__len__") and not isinstance(value, (str, *_BYTES_LIKE)):
        return value[index]
    return value


def _descriptor(value: Any) -> tuple[int, int, int]:
    """(number of entries, first value mapped, bits per entry) of a LUT Descriptor."""
    nr_entries, first_map, depth = (int(v) for v in value)
    return nr_entries or _MAX_LUT_ENTRIES, first_map, depth


def _lut_indices(arr: np.ndarray, first_map: int, nr_entries: int) -> np.ndarray:
    """Map input values to LUT indices: below `first_map` to the first entry, past the end to
    the last one (PS3.3 C.11.1.1.1). Computed wide enough that no index wraps around."""
    if np.issubdtype(arr.dtype, np.integer):
        # Descriptor values are 16-bit, so narrow inputs fit in int32.
        wide = np.int32 if arr.dtype.itemsize <= 2 else np.int64
        idx = arr.astype(wide)
        idx -= first_map
    else:
        # Floats truncate toward zero like pydicom's cast; NaN maps to the first entry.
        shifted = arr.astype(np.float64) - first_map
        idx = np.where(shifted >= 0, shifted, 0)
    np.clip(idx, 0, nr_entries - 1, out=idx)
    return idx.astype(np.intp, copy=False)


def _lookup(arr: np.ndarray, luts: list[np.ndarray], first_map: int, nr_entries: int) -> np.ndarray:
    """`arr` looked up in each of `luts` by `_lut_indices`, one LUT per channel of a new last
    axis, or without one for a single LUT. Integer arrays run in one Rust pass (no index
    array, GIL released, parallel for large arrays); other arrays take the NumPy path."""
    luts = [lut[:nr_entries] for lut in luts]
    shortest = min(len(lut) for lut in luts)
    if shortest < nr_entries:
        _check_lut_covers(arr, first_map, nr_entries, shortest)
    shape = arr.shape if len(luts) == 1 else (*arr.shape, len(luts))
    if arr.dtype.isnative and arr.flags.c_contiguous and all(lut.dtype.isnative for lut in luts):
        out = _core.lut_apply(arr, [np.ascontiguousarray(lut) for lut in luts], first_map)
        if out is not None:
            return out.reshape(shape)
    idx = _lut_indices(arr, first_map, nr_entries)
    if len(luts) == 1:
        return luts[0][idx]
    out = np.empty(shape, dtype=luts[0].dtype)
    for channel, lut in enumerate(luts):
        out[..., channel] = lut[idx]
    return out


def _check_lut_covers(arr: np.ndarray, first_map: int, nr_entries: int, length: int) -> None:
    """LUT data shorter than its descriptor says (e.g. 4096 entries described as 65536) is
    used as it is, as pydicom does, as long as every value of `arr` maps to an entry."""
    idx = _lut_indices(arr, first_map, nr_entries).reshape(-1)
    past = np.flatnonzero(idx >= length)
    if past.size:
        raise IndexError(
            f"index {idx[past[0]]} is out of bounds: the LUT data has {length} entries, its "
            f"descriptor {nr_entries}"
        )


def _lut_dtype(depth: int) -> np.dtype:
    """Entry type for a modality or VOI LUT of `depth` bits (PS3.3 C.11.1.1.1, C.11.2.1.1)."""
    if depth == 8:
        return np.dtype(np.uint8)
    if 9 <= depth <= 16:
        return np.dtype(np.uint16)
    raise NotImplementedError(f"'{depth}' bits per LUT entry is not supported")


def _lut_data(value: Any, nr_entries: int, dtype: np.dtype, ds: Any) -> np.ndarray:
    """LUT Data (US values, or OW bytes in the data set's byte order) as `dtype` entries."""
    if isinstance(value, _BYTES_LIKE):
        order = "<" if _require_little_endian(ds) else ">"
        words = np.frombuffer(value, dtype=f"{order}u2", count=len(value) // 2)[:nr_entries]
    else:
        words = np.asarray(value).reshape(-1)
    return words.astype(dtype)


def _apply_lut_item(arr: np.ndarray, item: Any, ds: Any) -> np.ndarray:
    """Apply the LUT of a Modality or VOI LUT Sequence item."""
    nr_entries, first_map, depth = _descriptor(item.LUTDescriptor)
    lut = _lut_data(item.LUTData, nr_entries, _lut_dtype(depth), ds)
    return _lookup(arr, [lut], first_map, nr_entries)


def _rescale(arr: np.ndarray, slope: Any, intercept: Any) -> np.ndarray:
    out = arr.astype(np.float64) * float(slope)
    out += float(intercept)
    return out


def _window(
    arr: np.ndarray,
    center: float,
    width: float,
    function: str,
    y_min: float,
    y_max: float,
) -> np.ndarray:
    """The VOI LUT function (PS3.3 C.11.2.1.2.1, C.11.2.1.3) onto [y_min, y_max], as float64."""
    y_range = y_max - y_min
    if function in ("LINEAR", "LINEAR_EXACT"):
        if function == "LINEAR":
            if width < 1:
                raise ValueError(
                    "The (0028,1051) Window Width must be greater than or equal to 1 for a "
                    "'LINEAR' windowing operation"
                )
            center -= 0.5
            width -= 1
        elif width <= 0:
            raise ValueError(
                "The (0028,1051) Window Width must be greater than 0 for a 'LINEAR_EXACT' "
                "windowing operation"
            )
        if arr.dtype.isnative and arr.flags.c_contiguous:
            # One Rust pass in pydicom's operation order, so the values are identical.
            window = (center, width, float(y_min), float(y_max), float(y_range))
            out = _core.window_linear(arr, *window)
            if out is not None:
                return out.reshape(arr.shape)
        out = arr.astype(np.float64)
        below = out <= center - width / 2
        above = out > center + width / 2
        between = ~(below | above)
        # Computed on `between` alone: with LINEAR and width 1 it is empty and width - 1 is 0.
        if between.any():
            out[between] = ((out[between] - center) / width + 0.5) * y_range + y_min
        out[below] = y_min
        out[above] = y_max
        return out
    if function == "SIGMOID":
        if width <= 0:
            raise ValueError(
                "The (0028,1051) Window Width must be greater than 0 for a 'SIGMOID' "
                "windowing operation"
            )
        # exp() overflowing to inf gives the right limit, y_min.
        out = arr.astype(np.float64)
        with np.errstate(over="ignore"):
            return y_range / (1 + np.exp(-4 * (out - center) / width)) + y_min
    raise ValueError(f"Unsupported (0028,1056) VOI LUT Function value '{function}'")


# --- Modality, VOI and Presentation LUTs -----------------------------------------------------


def apply_modality_lut(arr: np.ndarray, ds: Any) -> np.ndarray:
    """Apply the Modality LUT Sequence, or Rescale Slope and Intercept, to `arr`.

    Returns ``uint8``/``uint16`` values from a Modality LUT Sequence (by its bits per entry),
    ``float64`` values from a rescale, or `arr` itself when the data set has neither.

    Parameters
    ----------
    arr : numpy.ndarray
        Stored values, as ``pixel_array`` returns them.
    ds : Dataset
        The data set with the Modality LUT module (Rescale Slope and Intercept, or the Modality
        LUT Sequence).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import apply_modality_lut
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> hu = apply_modality_lut(ds.pixel_array, ds)  # Hounsfield units
    >>> ds.RescaleSlope, ds.RescaleIntercept, int(ds.pixel_array[0, 0]), float(hu[0, 0])
    ('1', '-1024', 175, -849.0)
    """
    seq = ds.get("ModalityLUTSequence")
    if seq:
        return _apply_lut_item(arr, seq[0], ds)
    if "RescaleSlope" in ds and "RescaleIntercept" in ds:
        return _rescale(arr, ds.RescaleSlope, ds.RescaleIntercept)
    return arr


apply_rescale = apply_modality_lut


def apply_voi_lut(arr: np.ndarray, ds: Any, index: int = 0, prefer_lut: bool = True) -> np.ndarray:
    """Apply the VOI LUT Sequence or the window (Window Center/Width) to `arr`.

    With both present, `prefer_lut` chooses the LUT. `index` selects one of several views.
    Returns `arr` itself when the data set has neither.

    Parameters
    ----------
    arr : numpy.ndarray
        The modality LUT's output (`apply_modality_lut`).
    ds : Dataset
        The data set with the VOI LUT module.
    index : int
        Which window or VOI LUT (several views may be given).
    prefer_lut : bool
        Use the VOI LUT Sequence when there is a window too.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import apply_modality_lut, apply_voi_lut
    >>> ds = dcmread(get_testdata_file("vlut_04.dcm"))
    >>> apply_voi_lut(apply_modality_lut(ds.pixel_array, ds), ds).dtype
    dtype('uint16')
    """
    seq = ds.get("VOILUTSequence")
    valid_voi = bool(seq) and all(
        seq[0].get(keyword) is not None for keyword in ("LUTDescriptor", "LUTData")
    )
    valid_windowing = all(
        ds.get(keyword) is not None for keyword in ("WindowCenter", "WindowWidth")
    )
    if valid_voi and (prefer_lut or not valid_windowing):
        return apply_voi(arr, ds, index)
    if valid_windowing:
        return apply_windowing(arr, ds, index)
    return arr


def apply_voi(arr: np.ndarray, ds: Any, index: int = 0) -> np.ndarray:
    """Apply item `index` of the VOI LUT Sequence to `arr`.

    Returns ``uint8`` (8 bits per entry) or ``uint16`` (10 to 16 bits) values, or `arr` itself
    without a VOI LUT Sequence.

    Parameters
    ----------
    arr : numpy.ndarray
        The modality LUT's output.
    ds : Dataset
        The data set with the VOI LUT Sequence.
    index : int
        Which item of the sequence.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import apply_voi
    >>> ds = dcmread(get_testdata_file("vlut_04.dcm"))
    >>> apply_voi(ds.pixel_array, ds).dtype
    dtype('uint16')
    """
    seq = ds.get("VOILUTSequence")
    if not seq:
        return arr
    if not np.issubdtype(arr.dtype, np.integer):
        warnings.warn(
            "Applying a VOI LUT on a float input array may give incorrect results",
            UserWarning,
            stacklevel=2,
        )
    return _apply_lut_item(arr, seq[index], ds)


def apply_windowing(arr: np.ndarray, ds: Any, index: int = 0) -> np.ndarray:
    """Apply window `index` (Window Center/Width, VOI LUT Function) to `arr`.

    The output range is that of the modality output: the Modality LUT's entries, or the stored
    values (Bits Stored, Pixel Representation) rescaled. Returns ``float64`` values, or `arr`
    itself when the data set has no window.

    Parameters
    ----------
    arr : numpy.ndarray
        The modality LUT's output.
    ds : Dataset
        The data set with Window Center and Width (and optionally VOI LUT Function).
    index : int
        Which window (several views may be given).

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        The Photometric Interpretation is not MONOCHROME1 or MONOCHROME2.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import apply_modality_lut, apply_windowing
    >>> ds = dcmread(get_testdata_file("CT_small.dcm"))
    >>> ds.WindowCenter, ds.WindowWidth = 40, 400  # a soft-tissue window
    >>> shown = apply_windowing(apply_modality_lut(ds.pixel_array, ds), ds)
    >>> shown.dtype, shown.shape
    (dtype('float64'), (128, 128))
    """
    if "WindowWidth" not in ds and "WindowCenter" not in ds:
        return arr
    if ds.PhotometricInterpretation not in ("MONOCHROME1", "MONOCHROME2"):
        raise ValueError(
            "When performing a windowing operation only 'MONOCHROME1' and 'MONOCHROME2' are "
            "allowed for (0028,0004) Photometric Interpretation"
        )
    function = str(ds.get("VOILUTFunction") or "LINEAR").upper()
    center = float(_nth(ds.WindowCenter, index))
    width = float(_nth(ds.WindowWidth, index))

    y_min: float
    y_max: float
    bits_stored = int(ds.BitsStored)
    mlut = ds.get("ModalityLUTSequence")
    if mlut:
        # Modality LUT output is unsigned, PS3.3 C.11.1.1.1
        y_min, y_max = 0, 2 ** _descriptor(mlut[0].LUTDescriptor)[2] - 1
    elif ds.PixelRepresentation == 0:
        y_min, y_max = 0, 2**bits_stored - 1
    else:
        y_min, y_max = -(2 ** (bits_stored - 1)), 2 ** (bits_stored - 1) - 1
    slope = ds.get("RescaleSlope")
    intercept = ds.get("RescaleIntercept")
    if slope is not None and intercept is not None:
        y_min = y_min * float(slope) + float(intercept)
        y_max = y_max * float(slope) + float(intercept)
    return _window(arr, center, width, function, y_min, y_max)


def apply_presentation_lut(arr: np.ndarray, ds: Any) -> np.ndarray:
    """Apply the Presentation LUT Sequence or Presentation LUT Shape to `arr`.

    A Presentation LUT Sequence gives P-values (``uint8``/``uint16``) after linearly quantising
    `arr` to the LUT's entries; ``INVERSE`` gives ``arr.max() - arr``; otherwise `arr` itself.

    Parameters
    ----------
    arr : numpy.ndarray
        The VOI LUT's output.
    ds : Dataset
        The data set with the Presentation LUT Sequence or Presentation LUT Shape.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    NotImplementedError
        A Presentation LUT Shape other than IDENTITY or INVERSE.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import apply_presentation_lut
    >>> ds = dcmread(get_testdata_file("MR_small.dcm"))
    >>> ds.PresentationLUTShape = "INVERSE"
    >>> arr = ds.pixel_array
    >>> bool((apply_presentation_lut(arr, ds) == arr.max() - arr).all())
    True
    """
    if "PresentationLUTSequence" in ds:
        item = ds.PresentationLUTSequence[0]
        nr_entries, _, depth = _descriptor(item.LUTDescriptor)
        value = item.LUTData
        lut: np.ndarray
        if isinstance(value, _BYTES_LIKE):
            if depth <= 8:
                lut = np.frombuffer(value, dtype=np.uint8, count=min(len(value), nr_entries))
            else:
                order = "<" if _little_endian(ds) is not False else ">"
                count = min(len(value) // 2, nr_entries)
                lut = np.frombuffer(value, dtype=f"{order}u2", count=count).astype(np.uint16)
        else:
            lut = np.asarray(value, dtype=np.uint16).reshape(-1)
        # Clear any bits above the stated depth, counted from the 8 or 16-bit container.
        unused = (8 if depth <= 8 else 16) - depth
        if unused > 0:
            lut = lut & ((1 << (8 * lut.dtype.itemsize - unused)) - 1)

        # Quantise `arr` linearly onto the LUT's entries (float32, as pydicom).
        values = arr.astype(np.float32)
        values -= values.min()
        top = values.max()
        if top > 0:
            values /= top / (nr_entries - 1)
        return lut[values.astype(np.uint16)]

    if "PresentationLUTShape" in ds:
        shape = str(ds.PresentationLUTShape).strip().upper()
        if shape not in ("IDENTITY", "INVERSE"):
            raise NotImplementedError(
                "A (2050,0020) 'Presentation LUT Shape' value of "
                f"'{ds.PresentationLUTShape}' is not supported"
            )
        if shape == "INVERSE":
            return arr.max() - arr
    return arr


# --- Palette colour ---------------------------------------------------------------------------


@cache
def _well_known_palettes() -> dict[str, dict[str, Any]]:
    """PS3.6 Annex B palettes by SOP Instance UID (data from tools/gen_palettes.py)."""
    text = resources.files(__package__).joinpath("_palettes.json").read_text()
    return json.loads(text)["palettes"]


def _palette_entry(palette: str) -> dict[str, Any]:
    palettes = _well_known_palettes()
    key = str(palette)
    if key not in palettes:
        key = next((uid for uid, p in palettes.items() if p["name"] == key), "")
    if not key:
        raise ValueError(f"Unknown palette '{palette}'")
    return palettes[key]


class _SegmentedLut:
    """Expands segmented palette LUT data (PS3.3 C.7.9.2) into its entries.

    Offsets of indirect segments index the data's entries (as pydicom reads them), counted from
    the start of the segments being read. The work is bounded: a LUT has at most 2**16 entries,
    and indirect segments may neither nest deeply nor make the expansion visit segments without
    end.
    """

    def __init__(self, data: list[int], entry_bytes: int, little_endian: bool) -> None:
        self.data = data
        self.entry_bytes = entry_bytes
        self.little_endian = little_endian
        self.budget = _MAX_SEGMENTS
        self.depth = 0

    def expand(
        self, base: int = 0, max_segments: int | None = None, previous: int | None = None
    ) -> list[int]:
        """Entries of the segments from `base`: all of them, or for an indirect segment
        `max_segments` of them (0 reads all, as pydicom) after the `previous` entry, which a
        leading linear segment starts from."""
        data = self.data
        lut: list[int] = []
        pos = base
        segments = 0
        # `pos + 1`: the data may end with a padding entry, and every segment is longer.
        while pos + 1 < len(data):
            self.budget -= 1
            if self.budget < 0:
                raise ValueError("Segmented palette color lookup table data has too many segments")
            opcode, length = data[pos], data[pos + 1]
            pos += 2
            if opcode == 0:  # discrete: `length` entries follow
                lut.extend(data[pos : pos + length])
                pos += length
            elif opcode == 1:  # linear: from the previous entry to the next value
                pos = self._linear(lut, previous, length, pos)
            elif opcode == 2:  # indirect: `length` segments found at an offset
                pos = self._indirect(lut, base, length, pos)
            else:
                raise ValueError(
                    "Error expanding a segmented palette lookup table: "
                    f"unknown segment type '{opcode}'"
                )
            if len(lut) > _MAX_LUT_ENTRIES:
                raise ValueError(
                    f"Segmented palette color lookup table data expands past "
                    f"{_MAX_LUT_ENTRIES} entries"
                )
            segments += 1
            if segments == max_segments:
                break
        return lut

    def _linear(self, lut: list[int], previous: int | None, length: int, pos: int) -> int:
        if lut:
            start = lut[-1]
        elif previous:
            start = previous
        else:
            raise ValueError(
                "Error expanding a segmented palette color lookup table: "
                "the first segment cannot be a linear segment"
            )
        if pos >= len(self.data):
            raise ValueError("Segmented palette color lookup table data is truncated")
        end = self.data[pos]
        if start == end:
            lut.extend([end] * length)
        elif length:
            step = (end - start) / length
            lut.extend(np.around(np.linspace(start + step, end, length)).astype(int).tolist())
        return pos + 1

    def _indirect(self, lut: list[int], base: int, length: int, pos: int) -> int:
        if not lut:
            raise ValueError(
                "Error expanding a segmented palette color lookup table: "
                "the first segment cannot be an indirect segment"
            )
        # The 32-bit offset takes four 8-bit entries (in the data's 16-bit word order) or two
        # 16-bit entries, low word first.
        size = 4 if self.entry_bytes == 1 else 2
        words = self.data[pos : pos + size]
        if len(words) < size:
            raise ValueError("Segmented palette color lookup table data is truncated")
        if self.entry_bytes == 1:
            order = (3, 2, 1, 0) if self.little_endian else (2, 3, 0, 1)
            offset = int.from_bytes(bytes(words[i] for i in order), "big")
        else:
            offset = words[1] << 16 | words[0]
        self.depth += 1
        if self.depth > _MAX_INDIRECT_DEPTH:
            raise ValueError("Segmented palette color lookup table nests indirect segments")
        lut.extend(self.expand(base + offset, length, lut[-1]))
        self.depth -= 1
        return pos + size


def _palette_luts(
    descriptor: Any, channels: list[Any], segmented: bool, little_endian: bool | None
) -> tuple[list[np.ndarray], int, int]:
    """The expanded R, G, B(, A) LUTs, first value mapped and number of entries.

    `channels` holds the LUT Data element values (bytes, normally OW); `little_endian` is the
    data set's byte order (``None`` if unknown, which segmented data can't be).
    """
    nr_entries, first_map, nominal_depth = _descriptor(descriptor)
    if segmented:
        depth = nominal_depth
        if depth not in (8, 16):
            raise ValueError(
                f"The bit depth of the LUT data '{depth:.1f}' is invalid (only 8 or 16 bits "
                "per entry allowed)"
            )
        entry = np.dtype(np.uint8) if depth == 8 else np.dtype("<u2" if little_endian else ">u2")
        luts = []
        for value in channels:
            raw = _channel_values(value, entry)
            expanded = _SegmentedLut(raw.tolist(), depth // 8, bool(little_endian)).expand()
            luts.append(np.asarray(expanded, dtype=f"uint{depth}"))
    else:
        # The actual depth comes from the data's length: 8-bit entries may be described as 16.
        depth_bits = len(_raw_bytes(channels[0])) / nr_entries * 8
        if depth_bits not in (8, 16):
            raise ValueError(
                f"The bit depth of the LUT data '{depth_bits:.1f}' is invalid (only 8 or 16 bits "
                "per entry allowed)"
            )
        depth = int(depth_bits)
        # Unknown byte order is read as little endian, as pydicom does.
        order = ">" if little_endian is False else "<"
        entry = np.dtype(np.uint8) if depth == 8 else np.dtype(f"{order}u2")
        luts = [_channel_values(value, entry).astype(f"uint{depth}") for value in channels]
    if any(len(lut) != len(luts[0]) for lut in luts[1:]):
        raise ValueError("LUT data must be the same length")
    return luts, first_map, nr_entries


def _raw_bytes(value: Any) -> bytes:
    if isinstance(value, _BYTES_LIKE):
        return bytes(value)
    return np.asarray(value, dtype="<u2").tobytes()


def _channel_values(value: Any, entry: np.dtype) -> np.ndarray:
    """One channel's LUT data (bytes, or a sequence of US values) as entries of `entry`."""
    if isinstance(value, _BYTES_LIKE):
        return np.frombuffer(value, dtype=entry, count=len(value) // entry.itemsize)
    return np.asarray(value, dtype=np.uint16).reshape(-1).astype(entry)


def apply_color_lut(arr: np.ndarray, ds: Any = None, palette: str | None = None) -> np.ndarray:
    """Apply a palette colour LUT to `arr`: from the data set's Palette Color Lookup Table
    (normal or segmented, with optional alpha), or one of DICOM's well-known palettes by name
    (``'HOT_IRON'``, ``'PET'``, ``'HOT_METAL_BLUE'``, ``'PET_20_STEP'``, ``'SPRING'``,
    ``'SUMMER'``, ``'FALL'``, ``'WINTER'``) or SOP Instance UID (``'1.2.840.10008.1.5.1'``...).

    Returns RGB or RGBA values in a new last axis, ``uint8`` or ``uint16`` by the LUT entries.

    Parameters
    ----------
    arr : numpy.ndarray
        Palette indices, as ``pixel_array`` returns them for PALETTE COLOR.
    ds : Dataset, optional
        The data set with the Palette Color Lookup Table module.
    palette : str, optional
        A well-known palette's name or UID, instead of `ds`'s.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        Neither `ds` nor `palette`, an unknown palette, a data set without (or with an
        incomplete, or a supplemental) Palette Color Lookup Table module.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom import dcmread
    >>> from pyrdicom.pixels import apply_color_lut
    >>> ds = dcmread(get_testdata_file("OBXXXX1A.dcm"))
    >>> ds.PhotometricInterpretation, apply_color_lut(ds.pixel_array, ds).shape
    ('PALETTE COLOR', (600, 800, 3))
    >>> apply_color_lut(ds.pixel_array, palette="PET").dtype
    dtype('uint8')
    """
    if not ds and not palette:
        raise ValueError("Either 'ds' or 'palette' is required")

    if palette:
        entry = _palette_entry(palette)
        channels = [bytes.fromhex(entry[colour]) for colour in ("red", "green", "blue")]
        luts, first_map, nr_entries = _palette_luts(
            entry["descriptor"], channels, entry["segmented"], entry["little_endian"]
        )
    else:
        if ds.get("PixelPresentation") in ("MIXED", "COLOR"):
            raise ValueError(
                "Use of this function with the Supplemental Palette Color Lookup Table Module "
                "is not currently supported"
            )
        if "RedPaletteColorLookupTableDescriptor" not in ds:
            raise ValueError("No suitable Palette Color Lookup Table Module found")
        if "RedPaletteColorLookupTableData" in ds:
            prefix, segmented = "", False
        elif "SegmentedRedPaletteColorLookupTableData" in ds:
            prefix, segmented = "Segmented", True
        else:
            raise ValueError("No suitable Palette Color Lookup Table Module found")
        keywords = [f"{prefix}{c}PaletteColorLookupTableData" for c in ("Red", "Green", "Blue")]
        channels = [ds.get(keyword) for keyword in keywords]
        if not all(channels):
            raise ValueError(f"The data set needs all of {', '.join(keywords)}")
        alpha = ds.get(f"{prefix}AlphaPaletteColorLookupTableData")
        if alpha:
            channels.append(alpha)
        little = _require_little_endian(ds) if segmented else _little_endian(ds)
        luts, first_map, nr_entries = _palette_luts(
            ds.RedPaletteColorLookupTableDescriptor, channels, segmented, little
        )

    return _lookup(arr, luts, first_map, nr_entries)


# --- Colour spaces ----------------------------------------------------------------------------

# PS3.3 C.7.6.3.1.2 and ITU T.871 section 7: full-range YCbCr.
_RGB_TO_YBR = np.asarray(
    [
        [+0.299, -0.299 / 1.772, +0.701 / 1.402],
        [+0.587, -0.587 / 1.772, -0.587 / 1.402],
        [+0.114, +0.886 / 1.772, -0.114 / 1.402],
    ],
    dtype=np.float32,
)
_YBR_TO_RGB = np.asarray(
    [
        [1.000, 1.000, 1.000],
        [0.000, -0.114 * 1.772 / 0.587, 1.772],
        [1.402, -0.299 * 1.402 / 0.587, 0.000],
    ],
    dtype=np.float32,
)


def _rgb_to_ybr_full(arr: np.ndarray) -> np.ndarray:
    ybr = np.matmul(arr, _RGB_TO_YBR, dtype=np.float32)
    # +0.5 then floor rounds half up (T.871's Round)
    ybr += [0.5, 128.5, 128.5]
    return _round_down_to_uint8(ybr)


def _ybr_full_to_rgb(arr: np.ndarray) -> np.ndarray:
    ybr = arr.astype(np.float32)
    ybr -= [0, 128, 128]
    rgb = np.matmul(ybr, _YBR_TO_RGB, out=ybr)
    rgb += 0.5
    return _round_down_to_uint8(rgb)


def _round_down_to_uint8(values: np.ndarray) -> np.ndarray:
    np.floor(values, out=values)
    np.clip(values, 0, 255, out=values)
    return values.astype(np.uint8)


def _unchanged(arr: np.ndarray) -> np.ndarray:
    return arr


# YBR_FULL_422 arrays hold full-resolution samples once decoded, so they convert as YBR_FULL.
_CONVERTERS = {
    ("YBR_FULL", "RGB"): _ybr_full_to_rgb,
    ("YBR_FULL_422", "RGB"): _ybr_full_to_rgb,
    ("RGB", "YBR_FULL"): _rgb_to_ybr_full,
    ("RGB", "YBR_FULL_422"): _rgb_to_ybr_full,
}
_COLOR_SPACES = ("RGB", "YBR_FULL", "YBR_FULL_422")


def convert_color_space(
    arr: np.ndarray, current: str, desired: str, per_frame: bool = False
) -> np.ndarray:
    """Convert 8-bit (rows, columns, 3) or (frames, rows, columns, 3) pixels between ``'RGB'``,
    ``'YBR_FULL'`` and ``'YBR_FULL_422'``, rounding and clipping as ITU T.871.

    Returns a new array, or with `per_frame` and several frames, `arr` updated frame by frame.

    Parameters
    ----------
    arr : numpy.ndarray
        8-bit pixels, samples last.
    current : str
        Their colour space.
    desired : str
        The colour space wanted.
    per_frame : bool
        Convert frame by frame, in place (less memory for many frames).

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        `arr` is not 8-bit.
    NotImplementedError
        A conversion between other colour spaces.

    Examples
    --------
    >>> import numpy as np
    >>> from pyrdicom.pixels import convert_color_space
    >>> red = np.array([[[255, 0, 0]]], dtype=np.uint8)
    >>> convert_color_space(red, "RGB", "YBR_FULL").tolist()
    [[[76, 85, 255]]]
    """
    if arr.dtype != np.dtype("u1"):
        raise ValueError(
            f"Invalid ndarray.dtype '{arr.dtype}' for color space conversion, "
            "must be 'uint8' or an equivalent"
        )
    if current not in _COLOR_SPACES or desired not in _COLOR_SPACES:
        raise NotImplementedError(f"Conversion from {current} to {desired} is not supported.")
    converter = _CONVERTERS.get((current, desired), _unchanged)
    if arr.ndim == 4 and per_frame:
        for index, frame in enumerate(arr):
            arr[index] = converter(frame)
        return arr
    return converter(arr)


def _expand_segmented_lut(
    data: tuple[int, ...] | list[int],
    fmt: str,
    nr_segments: int | None = None,
    last_value: int | None = None,
) -> list[int]:
    """The entries of segmented palette LUT `data` (decoded with struct format `fmt`: ``B``
    for 8-bit, ``H`` for 16-bit entries, ``<``/``>`` for their byte order)."""
    lut = _SegmentedLut(list(data), 1 if "B" in fmt else 2, "<" in fmt)
    return lut.expand(0, nr_segments or 0, last_value)


# Pillow's names for the (0028,2002) Color Space values it supports.
_CMS_COLOR_SPACES: dict[str, Literal["sRGB", "LAB", "XYZ"]] = {
    "SRGB": "sRGB",
    "LAB": "LAB",
    "XYZ": "XYZ",
}
_CMS_INTENTS = (0, 1, 2, 3)  # perceptual, relative colorimetric, saturation, absolute


def create_icc_transform(
    ds: Any = None,
    icc_profile: bytes = b"",
    intent: int | None = None,
    color_space: str | None = None,
) -> Any:
    """A Pillow ``ImageCmsTransform`` from the (0028,2000) ICC Profile of `ds`, or from
    `icc_profile`, to `color_space` (default: the data set's (0028,2002) Color Space, else
    sRGB).

    Parameters
    ----------
    ds : Dataset, optional
        The data set with the ICC Profile (and Color Space).
    icc_profile : bytes
        An ICC profile, instead of `ds`'s.
    intent : int, optional
        The rendering intent, 0 to 3 (default: the profile's).
    color_space : str, optional
        The output colour space: "sRGB", "LAB" or "XYZ".

    Returns
    -------
    PIL.ImageCms.ImageCmsTransform

    Raises
    ------
    ValueError
        Neither or both of `ds` and `icc_profile`, no ICC Profile in `ds`, an unsupported colour
        space or an invalid intent.
    ImportError
        Pillow is not installed.

    Examples
    --------
    >>> from PIL import ImageCms
    >>> from pyrdicom.pixels import create_icc_transform
    >>> srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    >>> type(create_icc_transform(icc_profile=srgb)).__name__
    'ImageCmsTransform'
    """
    try:
        from PIL import ImageCms
    except ImportError:
        raise ImportError("Pillow is required to create a color transformation object") from None
    if ds is None and not icc_profile:
        raise ValueError("Either 'ds' or 'icc_profile' must be supplied")
    if ds and icc_profile:
        raise ValueError("Only one of 'ds' and 'icc_profile' should be used, not both")
    icc_profile = getattr(ds, "ICCProfile", icc_profile)
    if not icc_profile:
        raise ValueError("No (0028,2000) 'ICC Profile' element was found in 'ds'")
    cs = color_space if color_space else getattr(ds, "ColorSpace", "sRGB")
    if cs and cs.upper() not in _CMS_COLOR_SPACES:
        if not color_space:
            raise ValueError(
                f"The (0028,2002) 'Color Space' value '{cs}' is not supported by Pillow, please "
                "use the 'color_space' argument to specify a supported value"
            )
        raise ValueError(f"Unsupported 'color_space' value '{cs}', must be 'sRGB', 'LAB' or 'XYZ'")
    from io import BytesIO

    profile = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
    intent = intent if intent else ImageCms.getDefaultIntent(profile)
    if intent not in _CMS_INTENTS:
        raise ValueError(f"Invalid 'intent' value '{intent}', must be 0, 1, 2 or 3")
    return ImageCms.buildTransform(
        outputProfile=ImageCms.createProfile(_CMS_COLOR_SPACES[cs.upper()]),
        inputProfile=profile,
        inMode="RGB",
        outMode="RGB",
        renderingIntent=ImageCms.Intent(intent),
    )


def apply_icc_profile(
    arr: np.ndarray,
    ds: Any = None,
    transform: Any = None,
    intent: int | None = None,
    color_space: str | None = None,
) -> np.ndarray:
    """`arr` (8-bit RGB, one frame or several) transformed in place through the ICC profile
    of `ds` or through the Pillow `transform`.

    Parameters
    ----------
    arr : numpy.ndarray
        8-bit RGB, (rows, columns, 3) or (frames, rows, columns, 3); changed in place.
    ds : Dataset, optional
        The data set with the ICC Profile.
    transform : PIL.ImageCms.ImageCmsTransform, optional
        A transform from `create_icc_transform`, instead of `ds`'s profile.
    intent : int, optional
        The rendering intent, 0 to 3 (with `ds`).
    color_space : str, optional
        The output colour space (with `ds`).

    Returns
    -------
    numpy.ndarray
        `arr`.

    Raises
    ------
    ValueError
        Neither or both of `ds` and `transform`, or `arr` of another shape.
    ImportError
        Pillow is not installed.

    Examples
    --------
    >>> import numpy as np
    >>> from PIL import ImageCms
    >>> from pyrdicom.pixels import apply_icc_profile, create_icc_transform
    >>> srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    >>> arr = np.full((2, 2, 3), 100, dtype=np.uint8)
    >>> apply_icc_profile(arr, transform=create_icc_transform(icc_profile=srgb)) is arr
    True
    """
    try:
        from PIL import Image, ImageCms
    except ImportError:
        raise ImportError("Pillow is required to apply an ICC profile to an ndarray") from None
    if ds is None and not transform:
        raise ValueError("Either 'ds' or 'transform' must be supplied")
    if ds is not None and transform:
        raise ValueError("Only one of 'ds' and 'transform' should be used, not both")
    if arr.ndim not in (3, 4):
        raise ValueError(f"The ndarray must have 3 or 4 dimensions, not {arr.ndim}")
    if arr.shape[-1] != 3:
        raise ValueError(
            "Invalid ndarray shape, must be (rows, columns, 3) or (frames, rows, columns, 3), "
            f"not {arr.shape}"
        )
    if not transform:
        transform = create_icc_transform(ds=ds, intent=intent, color_space=color_space)
    for frame in arr if arr.ndim == 4 else [arr]:
        im = Image.fromarray(frame)
        ImageCms.applyTransform(im, transform, inPlace=True)
        frame[...] = np.asarray(im)
    return arr
