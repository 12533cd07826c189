"""Pickling and copying: data sets read from files cross process boundaries (a `spawn` pool, as
DataLoader workers, joblib and Dask use) and come back equal, element by element and pixel by
pixel; a file-backed data set pickles as its source plus what changed, never a path."""

from __future__ import annotations

import copy
import os
import pickle
import warnings
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

import numpy as np
import pytest

import pyrdicom
from corpus import corpus_file, corpus_files
from pyrdicom.dataelem import DataElement
from pyrdicom.dataset import Dataset, FileDataset, FileMetaDataset
from pyrdicom.multival import MultiValue
from pyrdicom.sequence import Sequence
from pyrdicom.tag import Tag
from pyrdicom.uid import UID
from pyrdicom.valuerep import DA, DS, DT, IS, TM, DSdecimal, DSfloat, PersonName

FILES = corpus_files()


def _read(path: str) -> Any:
    """The data set of `path` as dcmread gives it (force when needed), or the exception type."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pyrdicom.dcmread(path)
        except pyrdicom.errors.InvalidDicomError:
            pass
        try:
            return pyrdicom.dcmread(path, force=True)
        except Exception as exc:
            return type(exc)


def _outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok", fn(*args))
        except Exception as exc:
            return ("raises", type(exc))


def _assert_same(a: Dataset, b: Dataset) -> None:
    """Same tags, and per element the same VR and value (or the same exception), recursively."""
    assert type(a) is type(b)
    tags = list(a.keys())
    assert tags == list(b.keys())
    for tag in tags:
        ea, eb = _outcome(a.__getitem__, tag), _outcome(b.__getitem__, tag)
        assert ea[0] == eb[0], tag
        if ea[0] != "ok":
            assert ea == eb
            continue
        va = _outcome(getattr, ea[1], "value")
        vb = _outcome(getattr, eb[1], "value")
        assert ea[1].VR == eb[1].VR, tag
        assert va[0] == vb[0], tag
        if va[0] != "ok":
            assert va == vb, tag
        elif ea[1].VR == "SQ":
            assert len(va[1]) == len(vb[1])
            for ia, ib in zip(va[1], vb[1], strict=True):
                _assert_same(ia, ib)
        else:
            assert type(va[1]) is type(vb[1]), tag
            assert va[1] == vb[1], tag


def _assert_same_file(a: FileDataset, b: FileDataset) -> None:
    _assert_same(a, b)
    _assert_same(a.file_meta, b.file_meta)
    assert a.preamble == b.preamble
    pa = _outcome(getattr, a, "pixel_array")
    pb = _outcome(getattr, b, "pixel_array")
    assert pa[0] == pb[0]
    if pa[0] == "ok":
        assert pa[1].dtype == pb[1].dtype
        np.testing.assert_array_equal(pa[1], pb[1])
    else:
        assert pa == pb


@pytest.fixture(scope="module")
def from_pool() -> dict[str, Any]:
    """Every corpus file read in `spawn` workers and returned to this process by pickle."""
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        return dict(zip(FILES, pool.map(_read, FILES, chunksize=16), strict=True))


@pytest.mark.parametrize("path", FILES, ids=[os.path.basename(p) for p in FILES])
def test_spawn_pool_returns_equal_data_sets(from_pool: dict[str, Any], path: str) -> None:
    here, there = _read(path), from_pool[path]
    if isinstance(here, type):
        assert there is here
        return
    _assert_same_file(here, there)


def test_pickle_is_source_plus_changes() -> None:
    path = corpus_file("CT_small.dcm")
    ds = pyrdicom.dcmread(path)
    data = pickle.dumps(ds)
    assert len(data) <= os.path.getsize(path)
    assert path.encode() in data  # the filename attribute is kept ...
    ds.filename = "elsewhere.dcm"  # ... but nothing is read from it
    back = pickle.loads(pickle.dumps(ds))
    _assert_same_file(ds, back)
    assert back.filename == "elsewhere.dcm"

    ds.PatientName = "Changed^Name"
    del ds.PatientID
    ds.PixelSpacing = [1.0, 2.0]
    ds.add_new(0x00091001, "LO", "private value")
    grown = pickle.dumps(ds)
    changes = [ds[t] for t in ("PatientName", "PixelSpacing", 0x00091001)]
    assert len(grown) - len(data) < len(pickle.dumps(changes)) + 100
    back = pickle.loads(grown)
    _assert_same_file(ds, back)
    assert "PatientID" not in back
    assert back.PatientName == "Changed^Name"


def test_pickle_changed_sequence_item() -> None:
    ds = pyrdicom.dcmread(corpus_file("rtplan.dcm"))
    ds.BeamSequence[0].BeamName = "changed"
    del ds.BeamSequence[0].BeamNumber
    ds.FractionGroupSequence[0].ReferencedBeamSequence.append(Dataset())
    back = pickle.loads(pickle.dumps(ds))
    _assert_same_file(ds, back)
    assert back.BeamSequence[0].BeamName == "changed"
    # an item on its own brings its file along
    item = pickle.loads(pickle.dumps(ds.BeamSequence[0]))
    _assert_same(ds.BeamSequence[0], item)


def test_pickle_options_of_the_read() -> None:
    path = corpus_file("CT_small.dcm")
    for kwargs in ({"stop_before_pixels": True}, {"specific_tags": ["PatientName", "Rows"]}):
        ds = pyrdicom.dcmread(path, **kwargs)
        back = pickle.loads(pickle.dumps(ds))
        _assert_same_file(ds, back)


def test_pickle_from_file_object_and_bytes() -> None:
    path = corpus_file("MR_small.dcm")
    with open(path, "rb") as f:
        ds = pyrdicom.dcmread(f)
    _assert_same_file(ds, pickle.loads(pickle.dumps(ds)))


def test_pixel_array_written_in_place_is_pickled() -> None:
    ds = pyrdicom.dcmread(corpus_file("CT_small.dcm"))
    arr = ds.pixel_array
    arr[0, 0] = 1234
    back = pickle.loads(pickle.dumps(ds))
    assert back.pixel_array[0, 0] == 1234


def test_copy_and_deepcopy() -> None:
    ds = pyrdicom.dcmread(corpus_file("rtplan.dcm"))
    shallow = copy.copy(ds)
    assert shallow == ds
    assert shallow["BeamSequence"] is ds["BeamSequence"]
    deep = copy.deepcopy(ds)
    _assert_same_file(ds, deep)
    deep.BeamSequence[0].BeamName = "deep"
    assert ds.BeamSequence[0].BeamName != "deep"
    meta = copy.deepcopy(ds.file_meta)
    assert isinstance(meta, FileMetaDataset)
    assert meta == ds.file_meta


@pytest.mark.parametrize(
    "value",
    [
        Tag(0x00100010),
        UID("1.2.840.10008.1.2"),
        DS("1.50"),
        IS("12"),
        PersonName("Family^Given=Ideo^Graphic"),
        DSfloat("1.5", auto_format=True),
        DSdecimal("1.25"),
        DA("20200101"),
        DT("20200101120000.5"),
        TM("120000"),
        MultiValue(DSfloat, ["1", "2.5"]),
        DataElement(0x00100010, "PN", "A^B"),
        DataElement(0x00280030, "DS", ["1.0", "2.5"]),
        Sequence([Dataset()]),
    ],
    ids=repr,
)
def test_pickle_and_copy_values(value: Any) -> None:
    for back in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(back) is type(value)
        assert back == value
        assert str(back) == str(value)


def test_file_dataset_in_a_with_block() -> None:
    with pyrdicom.dcmread(corpus_file("CT_small.dcm")) as ds:
        assert ds.Modality == "CT"
