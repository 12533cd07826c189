"""Every DICOM file of pydicom's test data (and pydicom-data) reads as pydicom reads it.

Files under pydicom's charset_files are included too. Files pydicom itself cannot read with
force=True are skipped (none currently).
"""

from __future__ import annotations

import io
import os
import warnings
from functools import lru_cache

import pydicom
import pytest
from pydicom.data import get_charset_files, get_testdata_files

import pyrdicom
from oracle import assert_same_dataset, assert_same_file

_ROOT = os.path.dirname(os.path.dirname(pydicom.__file__))


def _dicom_files(paths: list[str]) -> list[str]:
    exts = {".dcm", ""}
    return sorted(p for p in paths if os.path.isfile(p) and os.path.splitext(p)[1].lower() in exts)


FILES = _dicom_files(get_testdata_files())
CHARSET_FILES = _dicom_files(get_charset_files())


def _param(path: str):
    return pytest.param(path, id=os.path.relpath(path, _ROOT))


PARAMS = [_param(p) for p in FILES + CHARSET_FILES]


@lru_cache(maxsize=8)
def reference(path: str, **kwargs) -> tuple[pydicom.FileDataset | None, bool]:
    """pydicom's reading of `path`: (data set, whether force was needed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pydicom.dcmread(path, **kwargs), False
        except pydicom.errors.InvalidDicomError:
            pass
        try:
            return pydicom.dcmread(path, force=True, **kwargs), True
        except Exception as exc:
            pytest.skip(f"pydicom itself cannot read this file: {exc!r}")


def test_corpus_is_complete() -> None:
    assert len(FILES) > 200
    assert any("data_store" in p for p in FILES), "pydicom-data files are missing"


@pytest.mark.parametrize("path", PARAMS)
def test_read_like_pydicom(path: str) -> None:
    ref, forced = reference(path)
    if forced:
        with pytest.raises(pyrdicom.InvalidDicomError):
            pyrdicom.dcmread(path)
    assert_same_file(pyrdicom.dcmread(path, force=forced), ref)


@pytest.mark.parametrize("path", PARAMS)
def test_read_from_bytes_and_file_object(path: str) -> None:
    ref, forced = reference(path)
    with open(path, "rb") as f:
        data = f.read()
    ours = pyrdicom.dcmread(data, force=forced)
    assert ours.filename is None
    assert_same_file(ours, ref)
    with open(path, "rb") as f:
        ours = pyrdicom.dcmread(f, force=forced)
    assert ours.filename == path
    assert_same_file(ours, ref)
    assert_same_file(pyrdicom.dcmread(io.BytesIO(data), force=forced), ref)


@pytest.mark.parametrize("path", PARAMS)
def test_stop_before_pixels(path: str) -> None:
    _, forced = reference(path)
    ref, _ = reference(path, stop_before_pixels=True)
    ours = pyrdicom.dcmread(path, stop_before_pixels=True, force=forced)
    assert_same_file(ours, ref)
    assert "PixelData" not in ours


SPECIFIC = [
    (0x0010, 0x0010),
    "StudyDate",
    0x00080016,
    "0020000D",
    "BeamSequence",
    "ReferencedImageSequence",
    "PixelData",
]


@pytest.mark.parametrize("path", PARAMS)
def test_specific_tags(path: str) -> None:
    _, forced = reference(path)
    ref, _ = reference(path, specific_tags=tuple(SPECIFIC))
    ours = pyrdicom.dcmread(path, specific_tags=SPECIFIC, force=forced)
    assert_same_file(ours, ref)
    assert set(ours.keys()) <= {pyrdicom.Tag(t) for t in SPECIFIC} | {0x00080005}


@pytest.mark.parametrize("path", PARAMS[:40])
def test_empty_specific_tags_read_everything(path: str) -> None:
    ref, forced = reference(path)
    assert_same_dataset(pyrdicom.dcmread(path, specific_tags=[], force=forced), ref)
