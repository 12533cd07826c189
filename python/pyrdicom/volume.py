"""A series of slices (or an enhanced multi-frame object) as one 3D array with its geometry.

``read_series(source)`` reads the headers, checks that the slices form one regular grid (one
series and frame of reference, one orientation, pixel spacing, size and photometric
interpretation, no duplicate positions, even spacing along the slice normal, no gantry tilt), sorts
them along the normal (the cross product of the orientation's row and column cosines, never by
Instance Number), and decodes the pixels in parallel straight into one output array, applying each
slice's modality rescale. Every check that fails raises :class:`~pyrdicom.errors.VolumeError`
naming the files and values that disagree.

The affine maps (slice, row, column) indices to patient coordinates in millimetres (LPS, as DICOM
defines them): ``affine @ [k, i, j, 1]`` is the centre of voxel ``array[k, i, j]``.
"""

from __future__ import annotations

import glob
import math
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _core, batch, config
from .dataset import Dataset
from .errors import InvalidDicomError, VolumeError
from .filereader import _dataset_of, _read_options, dcmread

if TYPE_CHECKING:
    import nibabel
    import SimpleITK

__all__ = ["Volume", "read_series"]

# Slices whose in-plane offset from the line through the first slice along the normal exceeds
# this fraction of their distance along it (the sine of the angle, ~0.06 degrees) are tilted.
TILT_TOLERANCE = 1e-3
# Two slices closer than this (mm) along the normal are at the same position.
DUPLICATE_TOLERANCE_MM = 1e-3
# How many names an error message lists before it says "and N more".
_NAMES_SHOWN = 6

_INTEGER_DTYPES = [np.dtype(t) for t in ("u1", "i1", "u2", "i2", "u4", "i4", "u8", "i8")]
# What the core writes straight into the output (crate::volume): one-sample monochrome slices
# read from files, into these output types.
_CORE_PHOTOMETRICS = ("MONOCHROME1", "MONOCHROME2")
_CORE_OUT_TYPES = {"u1", "i1", "u2", "i2", "u4", "i4", "u8", "i8", "f4", "f8"}


@dataclass(frozen=True)
class _Slice:
    """What the geometry needs of one slice, and how to get its pixels."""

    name: str
    position: np.ndarray  # (3,) Image Position (Patient)
    orientation: np.ndarray  # (6,) Image Orientation (Patient)
    pixel_spacing: np.ndarray  # (2,) row spacing, column spacing
    shape: tuple[int, int, int]  # rows, columns, samples per pixel
    photometric: str
    slope: float
    intercept: float
    load: Callable[[], np.ndarray]
    path: str | None = None  # the file the core can read the pixels from


@dataclass(frozen=True, eq=False)
class Volume:
    """A 3D image: ``array`` indexed (slice, row, column[, sample]) and its ``affine``.

    Parameters
    ----------
    array : numpy.ndarray
        The voxels, slices sorted along the slice normal.
    affine : numpy.ndarray
        4x4 matrix mapping (slice, row, column, 1) to patient coordinates (LPS, mm).
    datasets : list of Dataset
        The headers of the slices in array order (``None`` for slices filled in for missing
        ones); the multi-frame data set, once per frame, for :meth:`from_multiframe`.

    Examples
    --------
    >>> import numpy as np
    >>> from pyrdicom.volume import Volume
    >>> affine = np.diag([2.5, 0.7, 0.7, 1.0])  # 2.5 mm slices of 0.7 mm pixels
    >>> vol = Volume(np.zeros((2, 3, 4), dtype=np.int16), affine, [None] * 2)
    >>> vol.spacing
    (2.5, 0.7, 0.7)
    """

    array: np.ndarray
    affine: np.ndarray
    datasets: list[Any]

    @property
    def spacing(self) -> tuple[float, float, float]:
        """Voxel size in mm along (slice, row, column)."""
        norms = np.linalg.norm(self.affine[:3, :3], axis=0)
        return (float(norms[0]), float(norms[1]), float(norms[2]))

    @property
    def origin(self) -> np.ndarray:
        """Patient position (LPS, mm) of the centre of voxel (0, 0, 0)."""
        return self.affine[:3, 3].copy()

    @property
    def direction(self) -> np.ndarray:
        """3x3 matrix whose columns are the unit vectors of the slice, row and column axes."""
        return self.affine[:3, :3] / np.linalg.norm(self.affine[:3, :3], axis=0)

    def to_ras(self) -> Volume:
        """The same volume with its affine in RAS coordinates (x and y negated), as NIfTI uses.


        Returns
        -------
        Volume

        Examples
        --------
        >>> import numpy as np
        >>> from pyrdicom.volume import Volume
        >>> affine = np.diag([2.5, 0.7, 0.7, 1.0])  # 2.5 mm slices of 0.7 mm pixels
        >>> vol = Volume(np.zeros((2, 3, 4), dtype=np.int16), affine, [None] * 2)
        >>> vol.to_ras().affine.diagonal().tolist()
        [-2.5, -0.7, 0.7, 1.0]
        """
        return Volume(self.array, np.diag([-1.0, -1.0, 1.0, 1.0]) @ self.affine, self.datasets)

    def to_nifti(self) -> nibabel.Nifti1Image:
        """A ``nibabel.Nifti1Image`` (needs the ``nifti`` extra: ``pip install pyrdicom[nifti]``).

        NIfTI indexes voxels (i, j, k) = (column, row, slice) with a RAS affine; the array is a
        transposed view, not a copy.


        Returns
        -------
        nibabel.Nifti1Image

        Examples
        --------
        >>> import numpy as np
        >>> from pyrdicom.volume import Volume
        >>> affine = np.diag([2.5, 0.7, 0.7, 1.0])  # 2.5 mm slices of 0.7 mm pixels
        >>> vol = Volume(np.zeros((2, 3, 4), dtype=np.int16), affine, [None] * 2)
        >>> vol.to_nifti().shape
        (4, 3, 2)
        """
        nib = _optional("nibabel", "nifti")
        affine = self.to_ras().affine[:, [2, 1, 0, 3]]
        data = np.moveaxis(self.array, (0, 1, 2), (2, 1, 0))
        return nib.Nifti1Image(data, affine)

    def to_sitk(self) -> SimpleITK.Image:
        """A ``SimpleITK.Image`` (needs the ``sitk`` extra: ``pip install pyrdicom[sitk]``).


        Returns
        -------
        SimpleITK.Image

        Examples
        --------
        >>> import numpy as np
        >>> from pyrdicom.volume import Volume
        >>> affine = np.diag([2.5, 0.7, 0.7, 1.0])  # 2.5 mm slices of 0.7 mm pixels
        >>> vol = Volume(np.zeros((2, 3, 4), dtype=np.int16), affine, [None] * 2)
        >>> image = vol.to_sitk()
        >>> image.GetSize(), image.GetSpacing()
        ((4, 3, 2), (0.7, 0.7, 2.5))
        """
        sitk = _optional("SimpleITK", "sitk")
        image = sitk.GetImageFromArray(self.array, isVector=self.array.ndim == 4)
        spacing = self.spacing
        image.SetSpacing((spacing[2], spacing[1], spacing[0]))
        image.SetOrigin(tuple(float(v) for v in self.origin))
        image.SetDirection(tuple(float(v) for v in self.direction[:, [2, 1, 0]].ravel()))
        return image

    @classmethod
    def from_multiframe(
        cls,
        ds: Dataset,
        *,
        dtype: Any = None,
        rescale: bool = True,
        spacing_rtol: float = 1e-2,
        orientation_atol: float = 1e-4,
        allow_missing_slices: bool = False,
        allow_tilt: bool = False,
        fill_value: float = 0,
    ) -> Volume:
        """The frames of an enhanced multi-frame object as a volume.

        Geometry comes from the Per-frame and Shared Functional Groups (Plane Position, Plane
        Orientation, Pixel Measures, Pixel Value Transformation); the checks and the other
        parameters are those of :func:`read_series`.

        Parameters
        ----------
        ds : Dataset
            The enhanced multi-frame data set.
        dtype : numpy dtype, optional
            The output type (as for :func:`read_series`).
        rescale : bool
            Apply each frame's Pixel Value Transformation (the modality LUT).
        spacing_rtol : float
            How far (relative) the distance between neighbouring frames may vary.
        orientation_atol : float
            How far the direction cosines of two frames may differ.
        allow_missing_slices : bool
            Fill gaps of whole missing frames with ``fill_value`` instead of raising.
        allow_tilt : bool
            Accept frames whose positions are off the slice normal (a sheared affine).
        fill_value : float
            The value of frames filled in for missing ones.

        Returns
        -------
        Volume

        Raises
        ------
        VolumeError
            When the frames do not form one regular grid, or the functional groups lack the
            geometry.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import dcmread
        >>> from pyrdicom.volume import Volume
        >>> vol = Volume.from_multiframe(dcmread(get_testdata_file("eCT_Supplemental.dcm")))
        >>> vol.array.shape, vol.spacing
        ((2, 512, 512), (10.0, 0.388672, 0.388672))
        """
        slices = _frames(ds)
        return _assemble(
            slices,
            [ds] * len(slices),
            dtype=dtype,
            rescale=rescale,
            spacing_rtol=spacing_rtol,
            orientation_atol=orientation_atol,
            allow_missing_slices=allow_missing_slices,
            allow_tilt=allow_tilt,
            fill_value=fill_value,
            threads=1,
        )


def read_series(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str] | Dataset],
    *,
    series_uid: str | None = None,
    dtype: Any = None,
    rescale: bool = True,
    threads: int | None = None,
    spacing_rtol: float = 1e-2,
    orientation_atol: float = 1e-4,
    allow_missing_slices: bool = False,
    allow_tilt: bool = False,
    fill_value: float = 0,
) -> Volume:
    """Read a series of single-frame slices into a :class:`Volume`.

    Parameters
    ----------
    source : str, path, or iterable of paths or Datasets
        A directory (read recursively; files that are not DICOM, or have no pixel data, such as
        a DICOMDIR, are left out), a glob pattern, or a list of files or data sets.
    series_uid : str, optional
        The Series Instance UID to read when the source holds more than one series.
    dtype : numpy dtype, optional
        The output type. By default: the stored type without rescaling; with it, the smallest
        integer type that holds every rescaled value when slopes and intercepts are integers,
        else float32.
    rescale : bool
        Apply each slice's Rescale Slope and Intercept (the modality LUT).
    threads : int, optional
        Threads decoding slices (default: the number of CPUs).
    spacing_rtol : float
        How far (relative) the distance between neighbouring slices may vary.
    orientation_atol : float
        How far the direction cosines of two slices may differ.
    allow_missing_slices : bool
        Fill gaps of whole missing slices with ``fill_value`` instead of raising.
    allow_tilt : bool
        Accept slices whose positions are off the slice normal (gantry tilt): the affine is then
        sheared (its slice axis follows the positions) instead of raising.
    fill_value : float
        The value of slices filled in for missing ones.

    Returns
    -------
    Volume

    Raises
    ------
    VolumeError
        Fewer than two slices; more than one series or frame of reference (without
        ``series_uid``); slices that differ in orientation, pixel spacing, size or photometric
        interpretation; duplicate positions; uneven spacing or missing slices; gantry tilt.

    Examples
    --------
    >>> vol = read_series("ct_series/")  # doctest: +SKIP
    >>> vol.array.shape, vol.spacing  # doctest: +SKIP
    ((120, 512, 512), (2.5, 0.7, 0.7))
    """
    headers = _one_series(_headers(source, threads), series_uid)
    slices = [h.slice or _slice_of(h.name, h.ds, h.load) for h in headers]
    return _assemble(
        slices,
        [h.ds for h in headers],
        dtype=dtype,
        rescale=rescale,
        spacing_rtol=spacing_rtol,
        orientation_atol=orientation_atol,
        allow_missing_slices=allow_missing_slices,
        allow_tilt=allow_tilt,
        fill_value=fill_value,
        threads=threads,
    )


# -- reading headers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    """A slice's header, with what the core read from it (`_core.volume_headers`)."""

    name: str
    ds: Dataset
    load: Callable[[], np.ndarray]
    series: str  # str(ds.get("SeriesInstanceUID", ""))
    frame_of_reference: str  # str(ds.get("FrameOfReferenceUID", ""))
    slice: _Slice | None  # None: `_slice_of` reads the header (and raises what it finds)


def _headers(source: Any, threads: int | None) -> list[_Header]:
    if isinstance(source, str | os.PathLike):
        # Walk problems (a symbolic-link loop, an unreadable folder) leave no slice behind:
        # the slices found are checked as a series all the same.
        items: list[Any] = batch._files(source)[0]
        from_tree = os.path.isdir(source) or glob.has_magic(os.fspath(source))
    else:
        items, from_tree = list(source), False
    # The files are parsed in parallel (batch.read_many's path), as dcmread would parse them.
    opts = _read_options(True, None)
    paths = [os.fspath(item) for item in items if not isinstance(item, Dataset)]
    raws = iter(
        _core.read_many(
            paths,
            stop_before_pixels=True,
            threads=threads or None,
            implicit_vr_switch=config.assume_implicit_vr_switch,
            infer_sq_for_un_vr=config.settings.infer_sq_for_un_vr,
        )
        if paths
        else []
    )
    read: list[tuple[str, Dataset, Callable[[], np.ndarray]]] = []
    for n, item in enumerate(items):
        if isinstance(item, Dataset):
            name = str(getattr(item, "filename", None) or f"dataset #{n}")
            read.append((name, item, _dataset_pixels(item)))
            continue
        path = os.fspath(item)
        raw = next(raws)
        if isinstance(raw, BaseException):
            if from_tree and isinstance(raw, InvalidDicomError):
                continue  # a stray non-DICOM file in a directory is not part of the series
            raise raw
        ds = _dataset_of(raw, path, opts)
        if from_tree and "Rows" not in ds:  # a DICOMDIR, report or presentation state
            continue
        read.append((path, ds, _FilePixels(path)))
    if len(read) < 2:
        raise VolumeError(f"a volume needs at least 2 slices, {len(read)} found in {source!r}")
    return _with_geometry(read)


def _with_geometry(read: list[tuple[str, Dataset, Callable[[], np.ndarray]]]) -> list[_Header]:
    """The headers with the core's reading of what `_slice_of` and `_one_series` need (files
    only: a data set given may have been changed since it was read)."""
    raws = [ds._raw if isinstance(load, _FilePixels) else None for _, ds, load in read]
    floats, ints, found, photometric, series, frames = _core.volume_headers(raws)
    headers = []
    for k, (name, ds, load) in enumerate(read):
        fast = None
        if found[k]:
            fast = _Slice(
                name=name,
                position=floats[k, 0:3],
                orientation=floats[k, 3:9],
                pixel_spacing=floats[k, 9:11],
                shape=(int(ints[k, 0]), int(ints[k, 1]), int(ints[k, 2])),
                photometric=str(photometric[k]),
                slope=float(floats[k, 11]),
                intercept=float(floats[k, 12]),
                load=load,
                path=load.path if isinstance(load, _FilePixels) else None,
            )
        series_uid = series[k]
        if series_uid is None:
            series_uid = str(ds.get("SeriesInstanceUID", ""))
        frame = frames[k]
        if frame is None:
            frame = str(ds.get("FrameOfReferenceUID", ""))
        headers.append(_Header(name, ds, load, series_uid, frame, fast))
    return headers


@dataclass(frozen=True)
class _FilePixels:
    """A slice's pixels, read again from its file (the mapping goes as soon as the slice is
    copied, so the volume's memory is the output array and a few slices in flight); the core
    reads `path` itself when it can (`_fill_in_core`)."""

    path: str

    def __call__(self) -> np.ndarray:
        return dcmread(self.path).pixel_array


def _dataset_pixels(ds: Dataset) -> Callable[[], np.ndarray]:
    return lambda: ds.pixel_array


def _one_series(headers: list[_Header], series_uid: str | None) -> list[_Header]:
    if series_uid is not None:
        picked = [h for h in headers if h.series == series_uid]
        if len(picked) < 2:
            raise VolumeError(
                f"series {series_uid} has {len(picked)} slice(s) among the {len(headers)} read"
            )
        headers = picked
    _same(headers, "SeriesInstanceUID", lambda h: h.series)
    _same(headers, "FrameOfReferenceUID", lambda h: h.frame_of_reference)
    return headers


def _same(headers: list[_Header], what: str, key: Callable[[_Header], str]) -> None:
    groups: dict[str, list[str]] = {}
    for h in headers:
        groups.setdefault(key(h), []).append(h.name)
    if len(groups) > 1:
        detail = "; ".join(
            f"{value or '(none)'}: {_names(names)}" for value, names in groups.items()
        )
        hint = " (pick one with series_uid=)" if what == "SeriesInstanceUID" else ""
        raise VolumeError(f"the slices belong to {len(groups)} different {what}s{hint}: {detail}")


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:_NAMES_SHOWN])
    more = len(names) - _NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _floats(ds: Any, keyword: str, count: int, name: str) -> np.ndarray:
    value = ds.get(keyword)
    try:
        arr = np.array([float(v) for v in value], dtype=np.float64)
    except (TypeError, ValueError):
        arr = np.empty(0)
    if arr.shape != (count,) or not np.all(np.isfinite(arr)):
        raise VolumeError(f"{name}: {keyword} must be {count} numbers, not {value!r}")
    return arr


def _slice_of(name: str, ds: Dataset, load: Callable[[], np.ndarray]) -> _Slice:
    return _Slice(
        name=name,
        position=_floats(ds, "ImagePositionPatient", 3, name),
        orientation=_floats(ds, "ImageOrientationPatient", 6, name),
        pixel_spacing=_floats(ds, "PixelSpacing", 2, name),
        shape=(
            int(ds.get("Rows", 0)),
            int(ds.get("Columns", 0)),
            int(ds.get("SamplesPerPixel", 1)),
        ),
        photometric=str(ds.get("PhotometricInterpretation", "")),
        slope=float(ds.get("RescaleSlope", 1) or 1),
        intercept=float(ds.get("RescaleIntercept", 0) or 0),
        load=load,
        path=load.path if isinstance(load, _FilePixels) else None,
    )


def _group_item(groups: Any, keyword: str) -> Any:
    """The first item of functional-group macro `keyword` in a groups item, or None."""
    if groups is None or keyword not in groups:
        return None
    seq = groups[keyword].value
    return seq[0] if len(seq) else None


def _frames(ds: Dataset) -> list[_Slice]:
    per_frame = ds.get("PerFrameFunctionalGroupsSequence")
    if not per_frame:
        raise VolumeError("not an enhanced multi-frame object: no Per-frame Functional Groups")
    shared_seq = ds.get("SharedFunctionalGroupsSequence")
    shared = shared_seq[0] if shared_seq else None
    name = str(getattr(ds, "filename", None) or "the data set")
    cache: dict[str, np.ndarray] = {}

    def frames() -> np.ndarray:
        if "all" not in cache:
            rows, cols, samples = _shape(ds)
            shape = (len(per_frame), rows, cols) + ((samples,) if samples > 1 else ())
            cache["all"] = ds.pixel_array.reshape(shape)
        return cache["all"]

    def macro(item: Any, keyword: str) -> Any:
        found = _group_item(item, keyword)
        return found if found is not None else _group_item(shared, keyword)

    slices = []
    for n, item in enumerate(per_frame):
        frame_name = f"{name} frame {n + 1}"
        position = macro(item, "PlanePositionSequence")
        orientation = macro(item, "PlaneOrientationSequence")
        measures = macro(item, "PixelMeasuresSequence")
        if position is None or orientation is None or measures is None:
            raise VolumeError(
                f"{frame_name}: the functional groups lack Plane Position, Plane Orientation or "
                "Pixel Measures"
            )
        transform = macro(item, "PixelValueTransformationSequence")
        rescale_from = transform if transform is not None else ds
        rows, cols, samples = _shape(ds)
        slices.append(
            _Slice(
                name=frame_name,
                position=_floats(position, "ImagePositionPatient", 3, frame_name),
                orientation=_floats(orientation, "ImageOrientationPatient", 6, frame_name),
                pixel_spacing=_floats(measures, "PixelSpacing", 2, frame_name),
                shape=(rows, cols, samples),
                photometric=str(ds.get("PhotometricInterpretation", "")),
                slope=float(rescale_from.get("RescaleSlope", 1) or 1),
                intercept=float(rescale_from.get("RescaleIntercept", 0) or 0),
                load=lambda n=n: frames()[n],  # type: ignore[misc]
            )
        )
    return slices


def _shape(ds: Dataset) -> tuple[int, int, int]:
    return int(ds.Rows), int(ds.Columns), int(ds.get("SamplesPerPixel", 1))


# -- geometry ----------------------------------------------------------------------------------


def _check_alike(slices: list[_Slice], orientation_atol: float, spacing_rtol: float) -> None:
    first = slices[0]
    # numpy.allclose(value, first's, rtol, atol) for every slice at once
    orientations = np.array([s.orientation for s in slices])
    spacings = np.array([s.pixel_spacing for s in slices])
    checks: list[tuple[str, Callable[[_Slice], Any], Sequence[bool]]] = [
        (
            "Rows, Columns, Samples per Pixel",
            lambda s: s.shape,
            [s.shape == first.shape for s in slices],
        ),
        (
            "Photometric Interpretation",
            lambda s: s.photometric,
            [s.photometric == first.photometric for s in slices],
        ),
        (
            "Image Orientation (Patient)",
            lambda s: s.orientation,
            np.all(np.abs(orientations - first.orientation) <= orientation_atol, axis=1),
        ),
        (
            "Pixel Spacing",
            lambda s: s.pixel_spacing,
            np.all(
                np.abs(spacings - first.pixel_spacing)
                <= spacing_rtol * np.abs(first.pixel_spacing),
                axis=1,
            ),
        ),
    ]
    for what, key, alike in checks:
        odd = [s for s, same in zip(slices, alike, strict=True) if not same]
        if odd:
            raise VolumeError(
                f"the slices differ in {what}: {first.name} has {_show(key(first))}, "
                f"{_names([s.name for s in odd])} {'has' if len(odd) == 1 else 'have'} "
                f"{_show(key(odd[0]))}"
            )
    r, c = first.orientation[:3], first.orientation[3:]
    if not (
        np.isclose(np.linalg.norm(r), 1, atol=1e-3)
        and np.isclose(np.linalg.norm(c), 1, atol=1e-3)
        and abs(float(r @ c)) < 1e-3
    ):
        raise VolumeError(
            f"{first.name}: Image Orientation (Patient) {_show(first.orientation)} is not two "
            "orthogonal unit vectors"
        )


def _show(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return "[" + ", ".join(f"{v:g}" for v in value) + "]"
    return repr(value)


@dataclass(frozen=True)
class _Grid:
    order: list[int]  # indices into the slices, sorted along the normal
    index: list[int]  # position of each sorted slice in the output (gaps for missing slices)
    count: int  # slices in the output, missing ones included
    affine: np.ndarray


def _grid(
    slices: list[_Slice], spacing_rtol: float, allow_missing: bool, allow_tilt: bool
) -> _Grid:
    first = slices[0]
    r, c = first.orientation[:3], first.orientation[3:]
    normal = np.cross(r, c)
    normal /= np.linalg.norm(normal)
    positions = np.array([s.position for s in slices])
    distance = positions @ normal
    order = [int(i) for i in np.argsort(distance, kind="stable")]
    d = distance[order]
    gaps = np.diff(d)

    same = np.flatnonzero(gaps < DUPLICATE_TOLERANCE_MM)
    if same.size:
        k = int(same[0])
        a, b = slices[order[k]], slices[order[k + 1]]
        raise VolumeError(
            f"{len(same)} duplicate slice position(s): {a.name} and {b.name} are both at "
            f"{_show(a.position)}"
        )

    p0 = positions[order[0]]
    along = positions[order] - p0
    offset = along - np.outer(along @ normal, normal)
    off = np.linalg.norm(offset, axis=1)
    tilted = np.flatnonzero(off > TILT_TOLERANCE * np.abs(along @ normal) + DUPLICATE_TOLERANCE_MM)
    if tilted.size and not allow_tilt:
        k = int(tilted[0])
        angle = np.degrees(np.arctan2(off[k], abs(float(along[k] @ normal))))
        raise VolumeError(
            f"the slice positions are off the slice normal {_show(normal)} (gantry tilt of about "
            f"{angle:.2f} degrees): {slices[order[k]].name} at {_show(positions[order[k]])} is "
            f"{off[k]:.3g} mm off the line through {slices[order[0]].name}; "
            "pass allow_tilt=True for a sheared affine"
        )

    step = float(np.median(gaps))
    multiples = gaps / step
    whole = np.rint(multiples)
    uneven = np.flatnonzero(np.abs(multiples - whole) > spacing_rtol * np.maximum(whole, 1))
    if uneven.size:
        k = int(uneven[0])
        raise VolumeError(
            f"the slice spacing varies by more than spacing_rtol={spacing_rtol}: "
            f"{gaps[k]:.4g} mm between {slices[order[k]].name} and {slices[order[k + 1]].name}, "
            f"{step:.4g} mm typically"
        )
    index = [0, *(int(v) for v in np.cumsum(whole))]
    count = index[-1] + 1
    if count != len(slices) and not allow_missing:
        missing = sorted(set(range(count)) - set(index))
        # The expected position of a missing slice: along the line through the neighbours.
        lines = []
        for m in missing[:_NAMES_SHOWN]:
            k = max(i for i, v in enumerate(index) if v < m)
            frac = (m - index[k]) / (index[k + 1] - index[k])
            pos = positions[order[k]] + frac * (positions[order[k + 1]] - positions[order[k]])
            lines.append(f"{_show(pos)} (after {slices[order[k]].name})")
        more = f" and {len(missing) - _NAMES_SHOWN} more" if len(missing) > _NAMES_SHOWN else ""
        raise VolumeError(
            f"{len(missing)} slice(s) missing from the series, expected at "
            f"{'; '.join(lines)}{more}; pass allow_missing_slices=True to fill them"
        )

    if allow_tilt and tilted.size:
        slice_axis = (positions[order[-1]] - p0) / (count - 1)
    else:
        slice_axis = normal * (float(d[-1] - d[0]) / (count - 1))
    affine = np.eye(4)
    affine[:3, 0] = slice_axis
    affine[:3, 1] = c * first.pixel_spacing[0]
    affine[:3, 2] = r * first.pixel_spacing[1]
    affine[:3, 3] = p0
    return _Grid(order, index, count, affine)


# -- pixels ------------------------------------------------------------------------------------


def _stored_range(ds: Any) -> tuple[int, int] | None:
    try:
        bits = int(ds.BitsStored)
        signed = int(ds.PixelRepresentation) == 1
    except (AttributeError, TypeError, ValueError):
        return None
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


def _smallest_integer(lo: float, hi: float) -> np.dtype | None:
    for dt in _INTEGER_DTYPES:
        info = np.iinfo(dt)
        if info.min <= lo and hi <= info.max:
            return dt
    return None


def _output_dtype(slices: list[_Slice], header: Any, stored: np.dtype, rescale: bool) -> np.dtype:
    pairs = {(s.slope, s.intercept) for s in slices}
    if not rescale or pairs == {(1.0, 0.0)}:
        return stored
    if all(m.is_integer() and b.is_integer() for m, b in pairs):
        rng = _stored_range(header)
        if rng is not None:
            ends = [v * m + b for m, b in pairs for v in rng]
            found = _smallest_integer(min(ends), max(ends))
            if found is not None:
                return found
    return np.dtype(np.float32)


def _fits(src: np.dtype, dst: np.dtype) -> bool:
    if src.kind not in "iu" or dst.kind not in "iu":
        return src == dst
    s, d = np.iinfo(src), np.iinfo(dst)
    return d.min <= s.min and s.max <= d.max


def _put(out: np.ndarray, arr: np.ndarray, slope: float, intercept: float, rescale: bool) -> None:
    """Write one slice into its place in the output, rescaled (numpy releases the GIL here)."""
    if arr.shape != out.shape:
        raise VolumeError(f"a slice decoded to shape {arr.shape}, expected {out.shape}")
    if not rescale or (slope == 1 and intercept == 0):
        np.copyto(out, arr, casting="unsafe")
    elif out.dtype.kind in "iu" and slope == 1 and _fits(arr.dtype, out.dtype):
        np.add(arr, out.dtype.type(intercept), out=out, dtype=out.dtype, casting="unsafe")
    elif out.dtype.kind in "iu":
        wide = arr.astype(np.int64) * int(slope) + int(intercept)
        np.copyto(out, wide, casting="unsafe")
    else:
        np.multiply(arr, slope, out=out, dtype=out.dtype, casting="unsafe")
        out += out.dtype.type(intercept)


def _new_output(
    slices: list[_Slice], grid: _Grid, out_dtype: np.dtype, fill_value: float
) -> np.ndarray:
    rows, cols, samples = slices[0].shape
    shape = (grid.count, rows, cols) + ((samples,) if samples > 1 else ())
    out = np.empty(shape, dtype=out_dtype)
    if grid.count != len(slices):
        out[...] = fill_value
    return out


def _fill_slices(
    out: np.ndarray,
    slices: list[_Slice],
    grid: _Grid,
    ks: Sequence[int],
    rescale: bool,
    threads: int | None,
    first_pixels: np.ndarray | None = None,
) -> None:
    """Sorted slices `ks` loaded and written into the output by `_put` on a thread pool."""

    def fill(k: int) -> None:
        s = slices[grid.order[k]]
        arr = first_pixels if k == 0 and first_pixels is not None else s.load()
        _put(out[grid.index[k]], arr, s.slope, s.intercept, rescale)

    workers = min(threads or os.cpu_count() or 1, len(ks))
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(fill, ks))
    else:
        for k in ks:
            fill(k)


def _fill_in_python(
    slices: list[_Slice],
    datasets: list[Any],
    grid: _Grid,
    out_dtype: np.dtype | None,
    rescale: bool,
    fill_value: float,
    threads: int | None,
) -> np.ndarray:
    first_pixels = slices[grid.order[0]].load()
    if out_dtype is None:
        out_dtype = _output_dtype(slices, datasets[grid.order[0]], first_pixels.dtype, rescale)
    out = _new_output(slices, grid, out_dtype, fill_value)
    _fill_slices(out, slices, grid, range(len(slices)), rescale, threads, first_pixels)
    return out


def _stored_dtype(ds: Any) -> np.dtype | None:
    """The type of a monochrome slice's `pixel_array`, from its header (8, 16 or 32 bits)."""
    try:
        bits = int(ds.BitsAllocated)
        signed = (ds.get("PixelRepresentation") or 0) == 1
    except (AttributeError, TypeError, ValueError):
        return None
    if bits not in (8, 16, 32):
        return None
    return np.dtype(f"{'i' if signed else 'u'}{bits // 8}")


def _core_rescale(
    slices: list[_Slice], order: list[int], out_dtype: np.dtype, rescale: bool
) -> tuple[list[float], list[float]] | None:
    """Each sorted slice's (slope, intercept) for the core, which computes what `_put` does
    with them; None when `_put` would not compute in plain integer or float arithmetic."""
    pairs = [(slices[i].slope, slices[i].intercept) if rescale else (1.0, 0.0) for i in order]
    if out_dtype.kind in "iu":
        info = np.iinfo(out_dtype)
        for m, b in pairs:
            if not (math.isfinite(m) and math.isfinite(b) and abs(m) < 2**63 and abs(b) < 2**63):
                return None
            # `_put` adds the intercept as an out_dtype scalar when the slope is 1.
            if m == 1 and not info.min <= int(b) <= info.max:
                return None
    return [m for m, _ in pairs], [b for _, b in pairs]


def _fill_in_core(
    slices: list[_Slice],
    datasets: list[Any],
    grid: _Grid,
    out_dtype: np.dtype | None,
    rescale: bool,
    fill_value: float,
    threads: int | None,
) -> np.ndarray | None:
    """The output array, each slice read, decoded and rescaled by the core straight into its
    place (crate::volume: parallel, GIL released, no per-slice array); the slices the core
    leaves go through `_put`. None when the series is not one the core reads."""
    rows, cols, samples = slices[0].shape
    paths = [p for p in (slices[i].path for i in grid.order) if p is not None]
    if samples != 1 or rows * cols == 0 or slices[0].photometric not in _CORE_PHOTOMETRICS:
        return None
    stored = _stored_dtype(datasets[grid.order[0]])
    if stored is None or len(paths) != len(slices):
        return None
    from_header = out_dtype is None
    if out_dtype is None:
        out_dtype = _output_dtype(slices, datasets[grid.order[0]], stored, rescale)
    code = f"{out_dtype.kind}{out_dtype.itemsize}"
    params = _core_rescale(slices, grid.order, out_dtype, rescale)
    if params is None or not out_dtype.isnative or code not in _CORE_OUT_TYPES:
        return None
    out = _new_output(slices, grid, out_dtype, fill_value)
    declined = _core.volume_fill(
        out.reshape(-1).view(np.uint8),
        code,
        rows,
        cols,
        paths,
        grid.index,
        *params,
        mask_unsigned_native=config.correct_unused_bits,
        implicit_vr_switch=config.assume_implicit_vr_switch,
        infer_sq_for_un_vr=config.settings.infer_sq_for_un_vr,
        threads=threads or None,
    )
    if from_header and 0 in declined:
        # The output type came from the first slice's header: its pixels must decide it.
        return None
    if declined:
        _fill_slices(out, slices, grid, declined, rescale, threads)
    return out


def _assemble(
    slices: list[_Slice],
    datasets: list[Any],
    *,
    dtype: Any,
    rescale: bool,
    spacing_rtol: float,
    orientation_atol: float,
    allow_missing_slices: bool,
    allow_tilt: bool,
    fill_value: float,
    threads: int | None,
) -> Volume:
    if len(slices) < 2:
        raise VolumeError(f"a volume needs at least 2 slices, {len(slices)} given")
    _check_alike(slices, orientation_atol, spacing_rtol)
    grid = _grid(slices, spacing_rtol, allow_missing_slices, allow_tilt)
    out_dtype = np.dtype(dtype) if dtype is not None else None
    out = _fill_in_core(slices, datasets, grid, out_dtype, rescale, fill_value, threads)
    if out is None:
        out = _fill_in_python(slices, datasets, grid, out_dtype, rescale, fill_value, threads)
    sorted_datasets: list[Any] = [None] * grid.count
    for k, i in enumerate(grid.order):
        sorted_datasets[grid.index[k]] = datasets[i]
    return Volume(out, grid.affine, sorted_datasets)


def _optional(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is needed for this: install it with `pip install pyrdicom[{extra}]`"
        ) from exc
