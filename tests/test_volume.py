"""pyrdicom.volume vs SimpleITK's ImageSeriesReader and highdicom, on series SimpleITK wrote."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import warnings

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.errors import DicomError, VolumeError
from pyrdicom.volume import Volume, read_series
from series_fixtures import (
    AXIAL,
    COMPRESSORS,
    SAGITTAL,
    oblique,
    reversed_slices,
    write_series,
)

sitk = pytest.importorskip("SimpleITK")

GEOMETRIES = {
    "axial": AXIAL,
    "sagittal": SAGITTAL,
    "oblique": oblique(),
    "reversed": reversed_slices(AXIAL),
    "oblique-reversed": reversed_slices(oblique()),
}


def _volume_data(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(-1000, 2000, (12, 40, 32)).astype(np.int16)


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    """name → (directory, paths) for each geometry (native) and each codec (axial)."""
    made = {}
    arr = _volume_data()
    for name, direction in GEOMETRIES.items():
        d = tmp_path_factory.mktemp(name)
        made[name] = (d, write_series(d, arr, direction=direction))
    for compressor in COMPRESSORS:
        if compressor is None:
            continue
        d = tmp_path_factory.mktemp(compressor)
        made[compressor] = (d, write_series(d, arr, direction=oblique(), compressor=compressor))
    return made


def sitk_volume(directory) -> tuple[np.ndarray, np.ndarray]:
    """SimpleITK's array and the affine in pyrdicom's convention (slice, row, column → LPS)."""
    reader = sitk.ImageSeriesReader()
    reader.SetFileNames(sitk.ImageSeriesReader.GetGDCMSeriesFileNames(str(directory)))
    image = reader.Execute()
    direction = np.array(image.GetDirection()).reshape(3, 3)
    sx, sy, sz = image.GetSpacing()
    affine = np.eye(4)
    affine[:3, 0] = direction[:, 2] * sz
    affine[:3, 1] = direction[:, 1] * sy
    affine[:3, 2] = direction[:, 0] * sx
    affine[:3, 3] = image.GetOrigin()
    return sitk.GetArrayFromImage(image), affine


def _as_ascending(arr: np.ndarray, affine: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same volume with its slice axis reversed when it runs against the normal."""
    normal = np.cross(affine[:3, 2], affine[:3, 1])  # row cosine x column cosine
    if affine[:3, 0] @ normal >= 0:
        return arr, affine
    flipped = affine.copy()
    flipped[:3, 0] = -affine[:3, 0]
    flipped[:3, 3] = affine[:3, 3] + (arr.shape[0] - 1) * affine[:3, 0]
    return arr[::-1], flipped


@pytest.mark.parametrize("name", [*GEOMETRIES, *(c for c in COMPRESSORS if c)])
def test_equals_simpleitk(series, name):
    directory, _ = series[name]
    vol = read_series(directory)
    arr, affine = _as_ascending(*sitk_volume(directory))
    assert vol.array.dtype == arr.dtype
    np.testing.assert_array_equal(vol.array, arr)
    np.testing.assert_allclose(vol.affine, affine, atol=1e-4)


@pytest.mark.parametrize("name", [*GEOMETRIES, "JPEG2000"])
def test_equals_highdicom(series, name):
    hd = pytest.importorskip("highdicom")
    directory, paths = series[name]
    vol = read_series(directory)
    ref = hd.get_volume_from_series([pydicom.dcmread(p) for p in paths], dtype=np.float64)
    arr, affine = _as_ascending(ref.array, ref.affine)
    np.testing.assert_array_equal(vol.array, arr)
    np.testing.assert_allclose(vol.affine, affine, atol=1e-4)


def test_geometry_properties(series):
    vol = read_series(series["oblique"][0])
    assert vol.spacing == pytest.approx((2.5, 0.8, 0.7))
    direction = vol.direction
    np.testing.assert_allclose(direction.T @ direction, np.eye(3), atol=1e-6)
    first = pydicom.dcmread(series["oblique"][1][0])
    np.testing.assert_allclose(vol.origin, [float(v) for v in first.ImagePositionPatient])
    ras = vol.to_ras()
    np.testing.assert_allclose(ras.affine[:2], -vol.affine[:2])
    np.testing.assert_allclose(ras.affine[2:], vol.affine[2:])


def test_any_input_order_and_kind(series):
    directory, paths = series["oblique-reversed"]
    expected = read_series(directory)
    shuffled = [str(p) for p in paths]
    random.Random(1).shuffle(shuffled)
    for source in (
        shuffled,
        str(directory / "*.dcm"),
        [pyrdicom.dcmread(p) for p in shuffled],
    ):
        vol = read_series(source)
        np.testing.assert_array_equal(vol.array, expected.array)
        np.testing.assert_array_equal(vol.affine, expected.affine)
        assert [ds.SOPInstanceUID for ds in vol.datasets] == [
            ds.SOPInstanceUID for ds in expected.datasets
        ]


def test_threads_do_not_change_the_result(series):
    directory, _ = series["JPEG2000"]
    one = read_series(directory, threads=1)
    two = read_series(directory, threads=2)
    np.testing.assert_array_equal(one.array, two.array)


def test_rescale_smallest_dtype(tmp_path):
    arr = np.random.default_rng(2).integers(0, 3071, (5, 16, 16)).astype(np.uint16)
    paths = write_series(tmp_path / "int", arr, rescale=(1, -1024))
    # GDCM declares 16 bits stored: 0..65535 minus 1024 needs int32.
    assert read_series(tmp_path / "int").array.dtype == np.int32
    for path in paths:
        _edit(path, BitsStored=12, HighBit=11)
    vol = read_series(tmp_path / "int")
    assert vol.array.dtype == np.int16  # 0..4095 minus 1024
    refs = [pydicom.dcmread(p) for p in paths]
    expected = np.stack([pydicom.pixels.apply_modality_lut(d.pixel_array, d) for d in refs])
    np.testing.assert_array_equal(vol.array, expected)

    # GDCM writes integer intercepts only: pydicom sets the others.
    for path in write_series(tmp_path / "float", arr):
        _edit(path, RescaleSlope=0.5, RescaleIntercept=-3.25)
    vol = read_series(tmp_path / "float")
    assert vol.array.dtype == np.float32
    refs = [pydicom.dcmread(p) for p in sorted((tmp_path / "float").iterdir())]
    expected = np.stack([pydicom.pixels.apply_modality_lut(d.pixel_array, d) for d in refs])
    np.testing.assert_allclose(vol.array, expected, rtol=1e-6)

    raw = read_series(tmp_path / "float", rescale=False)
    np.testing.assert_array_equal(raw.array, np.stack([d.pixel_array for d in refs]))
    assert read_series(tmp_path / "float", dtype=np.float64).array.dtype == np.float64


def test_multiframe_from_corpus():
    path = get_testdata_file("eCT_Supplemental.dcm")
    ds = pyrdicom.dcmread(path)
    vol = Volume.from_multiframe(ds)
    ref = pydicom.dcmread(path)
    frames = ref.pixel_array
    positions = [
        [float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient]
        for f in ref.PerFrameFunctionalGroupsSequence
    ]
    iop = [
        float(v)
        for v in ref.SharedFunctionalGroupsSequence[0]
        .PlaneOrientationSequence[0]
        .ImageOrientationPatient
    ]
    normal = np.cross(iop[:3], iop[3:])
    order = np.argsort(np.array(positions) @ normal)
    np.testing.assert_allclose(vol.origin, positions[order[0]])
    hd = pytest.importorskip("highdicom")
    ref_vol = hd.imread(path).get_volume()
    arr, affine = _as_ascending(ref_vol.array, ref_vol.affine)
    np.testing.assert_allclose(vol.affine, affine, atol=1e-4)
    np.testing.assert_allclose(vol.array, arr)
    slope = float(
        ref.SharedFunctionalGroupsSequence[0].PixelValueTransformationSequence[0].RescaleSlope
    )
    assert slope == 1 or vol.array.dtype == np.float32
    assert frames.shape[0] == vol.array.shape[0]


def test_multiframe_without_functional_groups():
    ds = pyrdicom.dcmread(get_testdata_file("CT_small.dcm"))
    with pytest.raises(VolumeError, match="Per-frame Functional Groups"):
        Volume.from_multiframe(ds)


def test_exports(series):
    vol = read_series(series["oblique"][0])
    image = vol.to_sitk()
    arr, affine = sitk_volume(series["oblique"][0])
    np.testing.assert_array_equal(sitk.GetArrayFromImage(image), arr)
    np.testing.assert_allclose(image.GetOrigin(), affine[:3, 3], atol=1e-6)
    np.testing.assert_allclose(image.GetSpacing(), [0.7, 0.8, 2.5])
    nib = pytest.importorskip("nibabel")
    nii = vol.to_nifti()
    assert isinstance(nii, nib.Nifti1Image)
    # voxel (col j, row i, slice k) of the NIfTI maps to RAS = flip of LPS of (k, i, j)
    k, i, j = 3, 5, 7
    lps = vol.affine @ [k, i, j, 1]
    np.testing.assert_allclose(nii.affine @ [j, i, k, 1], [-lps[0], -lps[1], lps[2], 1])
    assert nii.get_fdata()[j, i, k] == vol.array[k, i, j]


# -- broken series: each check names the culprit --------------------------------------------


def _copy_series(src_dir, dst):
    shutil.copytree(src_dir, dst)
    return sorted(dst.iterdir())


def _edit(path, **values):
    ds = pydicom.dcmread(path)
    for keyword, value in values.items():
        setattr(ds, keyword, value)
    ds.save_as(path)


def test_missing_slice(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    paths[5].unlink()
    with pytest.raises(VolumeError, match=r"1 slice\(s\) missing.*expected at \[10, -20, 42\.5\]"):
        read_series(tmp_path / "s")
    vol = read_series(tmp_path / "s", allow_missing_slices=True, fill_value=-2000)
    assert vol.array.shape[0] == 12
    assert np.all(vol.array[5] == -2000)
    assert vol.datasets[5] is None
    full = read_series(series["axial"][0])
    np.testing.assert_array_equal(np.delete(vol.array, 5, 0), np.delete(full.array, 5, 0))
    np.testing.assert_allclose(vol.affine, full.affine)


def test_duplicate_position(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    shutil.copy(paths[3], tmp_path / "s" / "copy.dcm")
    _edit(tmp_path / "s" / "copy.dcm", SOPInstanceUID="1.2.3.4")
    with pytest.raises(VolumeError, match=r"duplicate slice position.*copy\.dcm|slice0003.*copy"):
        read_series(tmp_path / "s")


def test_tilt(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    for k, p in enumerate(paths):  # shift each slice along y: a 10-degree gantry tilt
        z = 30 + 2.5 * k
        _edit(p, ImagePositionPatient=[10, -20 + np.tan(np.radians(10)) * 2.5 * k, z])
    with pytest.raises(VolumeError, match=r"gantry tilt of about 10\.00 degrees.*slice0001"):
        read_series(tmp_path / "s")
    vol = read_series(tmp_path / "s", allow_tilt=True)
    np.testing.assert_allclose(vol.affine[:3, 0], [0, np.tan(np.radians(10)) * 2.5, 2.5])
    last = pydicom.dcmread(paths[-1]).ImagePositionPatient
    np.testing.assert_allclose(vol.affine @ [11, 0, 0, 1], [*map(float, last), 1], atol=1e-6)


def test_mixed_series(series, tmp_path):
    _copy_series(series["axial"][0], tmp_path / "s")
    write_series(
        tmp_path / "s" / "other", _volume_data(1)[:3], series_uid="1.2.826.0.1.3680043.8.498.2"
    )
    with pytest.raises(VolumeError, match=r"2 different SeriesInstanceUIDs.*series_uid.*498\.2"):
        read_series(tmp_path / "s")
    vol = read_series(tmp_path / "s", series_uid="1.2.826.0.1.3680043.8.498.2")
    assert vol.array.shape[0] == 3
    with pytest.raises(VolumeError, match=r"series 9\.9 has 0 slice"):
        read_series(tmp_path / "s", series_uid="9.9")


def test_mixed_frame_of_reference(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    _edit(paths[2], FrameOfReferenceUID="1.2.3")
    with pytest.raises(VolumeError, match=r"FrameOfReferenceUIDs.*1\.2\.3: .*slice0002"):
        read_series(tmp_path / "s")


@pytest.mark.parametrize(
    ("keyword", "value", "message"),
    [
        ("ImageOrientationPatient", [1, 0, 0, 0, 0.9, 0.43589], "Image Orientation"),
        ("PixelSpacing", [0.9, 0.7], "Pixel Spacing"),
        ("PhotometricInterpretation", "MONOCHROME1", "Photometric Interpretation"),
    ],
)
def test_mixed_attributes(series, tmp_path, keyword, value, message):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    _edit(paths[4], **{keyword: value})
    with pytest.raises(VolumeError, match=rf"differ in {message}.*slice0004"):
        read_series(tmp_path / "s")


def test_mixed_size(series, tmp_path):
    _copy_series(series["axial"][0], tmp_path / "s")
    small = _volume_data()[:, :20]
    write_series(tmp_path / "t", small, origin=(10, -20, 30 + 2.5 * 12))
    shutil.copy(tmp_path / "t" / "slice0000.dcm", tmp_path / "s" / "small.dcm")
    with pytest.raises(VolumeError, match=r"differ in Rows, Columns.*small\.dcm"):
        read_series(tmp_path / "s")


def test_uneven_spacing(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    _edit(paths[6], ImagePositionPatient=[10, -20, 30 + 2.5 * 6 + 0.8])
    with pytest.raises(VolumeError, match=r"spacing varies.*slice0005.*slice0006"):
        read_series(tmp_path / "s")


def test_too_few_slices(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    with pytest.raises(VolumeError, match="at least 2 slices, 1"):
        read_series([paths[0]])
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not DICOM")
    with pytest.raises(VolumeError, match="at least 2 slices, 0"):
        read_series(empty)


def test_errors_are_dicom_errors():
    assert issubclass(VolumeError, DicomError)


def test_bad_geometry_values(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(paths[1])
        del ds.ImagePositionPatient
        ds.save_as(paths[1])
    with pytest.raises(VolumeError, match=r"slice0001.*ImagePositionPatient must be 3 numbers"):
        read_series(tmp_path / "s")


# -- command line ------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    # The pyrdicom under test, wherever it was imported from (a worktree or site-packages).
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(pyrdicom.__file__))}
    return subprocess.run(
        [sys.executable, "-m", "pyrdicom", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_cli_volume_npz_and_nifti(series, tmp_path):
    directory, _ = series["oblique"]
    expected = read_series(directory)
    done = _cli("volume", str(directory), "-o", str(tmp_path / "v.npz"))
    assert done.returncode == 0, done.stderr
    assert "12x40x32 int16" in done.stdout
    saved = np.load(tmp_path / "v.npz")
    np.testing.assert_array_equal(saved["array"], expected.array)
    np.testing.assert_array_equal(saved["affine"], expected.affine)
    nib = pytest.importorskip("nibabel")
    done = _cli("volume", str(directory), "-o", str(tmp_path / "v.nii.gz"))
    assert done.returncode == 0, done.stderr
    nii = nib.load(tmp_path / "v.nii.gz")
    np.testing.assert_allclose(nii.affine, expected.to_nifti().affine, atol=1e-5)
    np.testing.assert_array_equal(np.asarray(nii.dataobj), expected.to_nifti().get_fdata())


def test_cli_volume_errors(series, tmp_path):
    paths = _copy_series(series["axial"][0], tmp_path / "s")
    paths[4].unlink()
    done = _cli("volume", str(tmp_path / "s"), "-o", str(tmp_path / "v.npz"))
    assert done.returncode == 1
    assert "missing" in done.stderr and "Traceback" not in done.stderr
    done = _cli("volume", str(tmp_path / "s"), "-o", str(tmp_path / "v.txt"))
    assert done.returncode == 1 and "must end in" in done.stderr


def test_cli_view_series_slice(series, tmp_path):
    from PIL import Image

    from pyrdicom.pixels import render

    directory, paths = series["reversed"]
    done = _cli("view", str(directory), "--slice", "2", "-o", str(tmp_path / "s.png"))
    assert done.returncode == 0, done.stderr
    vol = read_series(directory, rescale=False)
    expected = render(vol.datasets[2], arr=vol.array[2])
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "s.png")), expected)
    # "reversed": files were written against the normal, so slice 2 is the third file from the end
    assert vol.datasets[2].SOPInstanceUID == pydicom.dcmread(paths[-3]).SOPInstanceUID


def test_missing_extra_is_named(series, monkeypatch):
    vol = read_series(series["axial"][0])
    monkeypatch.setitem(sys.modules, "nibabel", None)  # as if not installed
    with pytest.raises(ImportError, match=r"pip install pyrdicom\[nifti\]"):
        vol.to_nifti()
    monkeypatch.setitem(sys.modules, "SimpleITK", None)
    with pytest.raises(ImportError, match=r"pip install pyrdicom\[sitk\]"):
        vol.to_sitk()
