"""The data model's pydicom behaviours that pydicom's own suite leaves loose, against pydicom:
error types, `with` blocks, parameters that must do something (or raise), missing methods."""

from __future__ import annotations

import pydicom
import pytest

import pyrdicom
from corpus import corpus_file
from pyrdicom.dataelem import DataElement, RawDataElement
from pyrdicom.dataset import Dataset, FileDataset, FileMetaDataset
from pyrdicom.errors import DicomAttributeError, DicomError
from pyrdicom.sequence import Sequence


def test_missing_keyword_is_dicom_and_attribute_error() -> None:
    ds = Dataset()
    with pytest.raises(DicomAttributeError, match="'Dataset' object has no attribute 'Rows'"):
        ds.Rows
    assert issubclass(DicomAttributeError, DicomError)
    assert issubclass(DicomAttributeError, AttributeError)
    assert not hasattr(ds, "PatientName")
    with pytest.raises(AttributeError) as plain:
        ds.not_a_keyword
    assert type(plain.value) is AttributeError


def test_attribute_error_inside_a_property_surfaces() -> None:
    """pydicom re-raises the property's own error, which names what is missing."""
    path = corpus_file("CT_small.dcm")
    ours, theirs = pyrdicom.dcmread(path), pydicom.dcmread(path)
    del ours.Rows, theirs.Rows
    with pytest.raises(AttributeError, match="Rows") as ours_exc:
        ours.pixel_array
    with pytest.raises(AttributeError, match="Rows"):
        theirs.pixel_array
    assert isinstance(ours_exc.value, DicomAttributeError)

    class Foo(Dataset):
        @property
        def bar(self) -> object:
            return self._missing()

    with pytest.raises(AttributeError, match="'Foo' object has no attribute '_missing'"):
        Foo().bar


def test_file_dataset_with_block() -> None:
    path = corpus_file("CT_small.dcm")
    with pyrdicom.dcmread(path) as ds, pydicom.dcmread(path) as ref:
        assert ds.PatientName == ref.PatientName


def test_sequence_of_a_dataset_is_type_error() -> None:
    for lib in (pyrdicom, pydicom):
        with pytest.raises(TypeError, match="The Sequence constructor requires an iterable"):
            lib.Sequence(lib.Dataset())
    seq = Sequence()
    with pytest.raises(TypeError, match="An iterable of 'Dataset' is required"):
        seq.extend(Dataset())
    with pytest.raises(TypeError, match="An iterable of 'Dataset' is required"):
        seq += Dataset()


def test_parameters_that_used_to_be_ignored() -> None:
    # FileDataset(is_implicit_VR=, is_little_endian=): the original encoding
    for lib in (pyrdicom, pydicom):
        fds = lib.FileDataset("x.dcm", lib.Dataset(), is_implicit_VR=False, is_little_endian=False)
        assert fds.original_encoding == (False, False)
    # DataElement(already_converted=True) keeps the value as given
    elem = DataElement(0x00280030, "DS", ["1.5", "2"], already_converted=True)
    assert elem.value == ["1.5", "2"]
    assert DataElement(0x00280030, "DS", ["1.5", "2"]).value == [1.5, 2.0]
    # get_item(keep_deferred=): elements over dcmread's defer_size are reported as deferred
    path = corpus_file("MR_small.dcm")
    ours = pyrdicom.dcmread(path, defer_size="0.8 kB")
    theirs = pydicom.dcmread(path, defer_size="0.8 kB")
    expected = pydicom.dcmread(path).PixelData
    for ds in (ours, theirs):
        raw = ds.get_item("PixelData", keep_deferred=True)
        assert type(raw).__name__ == "RawDataElement"
        assert raw.value is None
        assert ds.get_item("PixelData").value == expected
    assert isinstance(ours.get_item("PatientName"), RawDataElement)


def test_dataset_methods_as_pydicom() -> None:
    path = corpus_file("rtplan.dcm")
    for lib in (pyrdicom, pydicom):
        ds = lib.dcmread(path)
        ds.add_new_private("Creator 1.0", 0x0011, 0x01, "VALUE", "SH")
        assert ds.get_private_item(0x0011, 0x01, "Creator 1.0").value == "VALUE"
        block = ds.private_block(0x0011, "Creator 1.0")
        assert block.get_tag(0x01) == 0x00111001
        ds.remove_private_tags()
        assert not any(e.tag.is_private for e in ds.iterall())
        ds.set_original_encoding(True, True, "iso8859")
        assert ds.original_encoding == (True, True)
        plain = lib.Dataset()
        plain.ensure_file_meta()
        assert isinstance(plain.file_meta, lib.dataset.FileMetaDataset)
    with pytest.raises(ValueError, match="only contain group 2 elements"):
        FileMetaDataset({0x00100010: DataElement(0x00100010, "PN", "A^B")})


def test_update_raw_element_and_elements() -> None:
    ds = pyrdicom.dcmread(corpus_file("CT_small.dcm"))
    ds.update_raw_element("PatientName", value=b"Other^Name")
    assert ds.PatientName == "Other^Name"
    kinds = {type(e).__name__ for e in ds.elements()}
    assert kinds <= {"RawDataElement", "DataElement"}
    with pytest.raises(TypeError, match="already been converted"):
        ds.update_raw_element("PatientName", vr="LO")


def test_file_dataset_source_attributes() -> None:
    path = corpus_file("CT_small.dcm")
    ours, theirs = pyrdicom.dcmread(path), pydicom.dcmread(path)
    assert isinstance(ours, FileDataset)
    assert (ours.filename, ours.buffer, ours.fileobj_type) == (
        theirs.filename,
        theirs.buffer,
        theirs.fileobj_type,
    )
    assert ours.timestamp == theirs.timestamp
