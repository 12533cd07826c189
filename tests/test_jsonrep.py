"""DICOM JSON: `to_json_dict` / `to_json` / `Dataset.from_json` give what pydicom gives."""

from __future__ import annotations

import json
import os
import warnings

import pydicom
import pytest
from pydicom.data import get_testdata_file, get_testdata_files

import pyrdicom
from oracle import assert_same_dataset

_ROOT = os.path.dirname(os.path.dirname(pydicom.__file__))
FILES = sorted(
    p
    for p in get_testdata_files()
    if os.path.isfile(p) and os.path.splitext(p)[1].lower() in (".dcm", "")
)


def _read_both(path: str) -> tuple[pyrdicom.FileDataset, pydicom.FileDataset]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ref = pydicom.dcmread(path)
            force = False
        except pydicom.errors.InvalidDicomError:
            ref, force = pydicom.dcmread(path, force=True), True
    return pyrdicom.dcmread(path, force=force), ref


def _outcome(fn):
    try:
        return fn(), None
    except Exception as exc:
        return None, exc


@pytest.mark.parametrize("path", FILES, ids=[os.path.relpath(p, _ROOT) for p in FILES])
def test_json_like_pydicom(path: str) -> None:
    ours, ref = _read_both(path)
    expected, err = _outcome(ref.to_json_dict)
    if err is not None:
        with pytest.raises(Exception):  # noqa: B017
            ours.to_json_dict()
        pytest.skip(f"pydicom cannot write this file as JSON: {err!r}")
    assert ours.to_json_dict() == expected
    # from_json of that JSON, by both libraries
    theirs, err = _outcome(lambda: pydicom.Dataset.from_json(expected))
    if err is not None:
        with pytest.raises(ValueError):
            pyrdicom.Dataset.from_json(expected)
        return
    back = pyrdicom.Dataset.from_json(expected)
    assert_same_dataset(back, theirs)
    assert back.to_json_dict() == theirs.to_json_dict()


@pytest.mark.parametrize("name", ["CT_small.dcm", "rtplan.dcm", "test-SR.dcm", "waveform_ecg.dcm"])
def test_json_text_threshold_and_bulk_handler(name: str) -> None:
    ours, ref = _read_both(get_testdata_file(name))
    assert ours.to_json() == ref.to_json()
    assert json.loads(ours.to_json()) == ours.to_json_dict()

    def handler(elem) -> str:
        return f"http://bulk/{elem.tag:08X}"

    for threshold in (1, 64, 1024):
        assert ours.to_json_dict(threshold, handler) == ref.to_json_dict(threshold, handler)
    assert ours.to_json(dump_handler=lambda d: json.dumps(d, indent=1)) == ref.to_json(
        dump_handler=lambda d: json.dumps(d, indent=1)
    )


def test_from_json_text_and_bulk_uri_handler() -> None:
    ours, ref = _read_both(get_testdata_file("CT_small.dcm"))
    text = ref.to_json(bulk_data_threshold=16, bulk_data_element_handler=lambda e: "uri")
    back = pyrdicom.Dataset.from_json(text, lambda tag, vr, uri: b"\x01\x02")
    theirs = pydicom.Dataset.from_json(text, lambda tag, vr, uri: b"\x01\x02")
    assert_same_dataset(back, theirs)
    assert back.PixelData == b"\x01\x02"
    one_arg = pyrdicom.Dataset.from_json(text, lambda uri: b"\x03\x04")
    assert one_arg.PixelData == b"\x03\x04"
    no_handler = pyrdicom.Dataset.from_json(text)
    assert no_handler["PixelData"].value is None
    assert no_handler.PatientName == ours.PatientName


def test_json_values_are_json_types() -> None:
    ours, _ = _read_both(get_testdata_file("CT_small.dcm"))
    d = ours.to_json_dict()
    assert d["00280010"] == {"vr": "US", "Value": [128]}
    assert d["00100010"] == {"vr": "PN", "Value": [{"Alphabetic": "CompressedSamples^CT1"}]}
    assert d["00200032"]["Value"] == [-158.135803, -179.035797, -75.699997]
    assert type(d["00200013"]["Value"][0]) is int
    assert "InlineBinary" in d["7FE00010"]
    with pytest.raises(KeyError):
        pyrdicom.Dataset.from_json({"00100010": {"Value": ["x"]}})
