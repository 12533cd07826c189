"""pydicom's Dataset / DataElement / Sequence / Tag / UID / datadict API, checked against
pydicom itself."""

from __future__ import annotations

import os
import re
import warnings

import pydicom
import pytest
from pydicom import datadict as pdd
from pydicom.data import get_testdata_file, get_testdata_files

import pyrdicom
from pyrdicom import datadict, uid
from pyrdicom.dataelem import DataElement
from pyrdicom.sequence import Sequence
from pyrdicom.tag import BaseTag, Tag

CT = get_testdata_file("CT_small.dcm")
RTPLAN = get_testdata_file("rtplan.dcm")
SR = get_testdata_file("test-SR.dcm")
MR_BE = get_testdata_file("MR_small_bigendian.dcm")


@pytest.fixture
def ct() -> pyrdicom.FileDataset:
    return pyrdicom.dcmread(CT)


@pytest.fixture
def ref() -> pydicom.FileDataset:
    return pydicom.dcmread(CT)


def test_access_by_keyword_tag_tuple_and_keyword_key(ct, ref) -> None:
    assert ct.PatientName == ref.PatientName == "CompressedSamples^CT1"
    assert isinstance(ct.PatientName, pyrdicom.valuerep.PersonName)
    assert ct.PatientName.family_name == "CompressedSamples"
    for key in (0x00100010, (0x0010, 0x0010), "PatientName", Tag(0x00100010), "00100010"):
        elem = ct[key]
        assert elem.tag == 0x00100010
        assert elem.VR == "PN"
        assert elem.value == ref[key].value
    assert ct.Rows == 128 and ct.Columns == 128
    assert ct.SliceThickness == ref.SliceThickness
    assert ct.ImagePositionPatient == ref.ImagePositionPatient


def test_missing_keyword_and_tag(ct) -> None:
    with pytest.raises(AttributeError):
        _ = ct.BeamSequence
    with pytest.raises(AttributeError):
        _ = ct.NotAKeyword
    with pytest.raises(KeyError):
        _ = ct[0x300A00B0]
    with pytest.raises(KeyError):
        _ = ct["NotAKeyword"]


def test_get_in_del_len(ct, ref) -> None:
    assert len(ct) == len(ref)
    assert ct.get("PatientID") == ref.get("PatientID")
    assert ct.get("BeamSequence", "dflt") == "dflt"
    assert ct.get(0x00100020).value == ref.get(0x00100020).value
    assert ct.get(0x300A00B0) is None
    assert "PatientName" in ct and 0x00100010 in ct and (0x0010, 0x0010) in ct
    assert "BeamSequence" not in ct and "NotAKeyword" not in ct and 3.5 not in ct
    del ct.PatientName
    assert "PatientName" not in ct
    del ct[0x00100020]
    assert 0x00100020 not in ct
    assert len(ct) == len(ref) - 2
    with pytest.raises(KeyError):
        del ct[0x00100020]
    with pytest.raises(AttributeError):
        del ct.PatientName


def test_iteration_keys_values_items(ct, ref) -> None:
    tags = [e.tag for e in ct]
    assert tags == sorted(tags) == [e.tag for e in ref]
    assert list(ct.keys()) == list(ref.keys())
    assert [str(e) for e in ct.values()] == [str(e) for e in ref.values()]
    assert [(t, e.tag) for t, e in ct.items()] == [(t, e.tag) for t, e in ref.items()]
    assert ct.dir("Patient") == ref.dir("Patient")


def test_walk_visits_nested_elements() -> None:
    ours, theirs = [], []
    pyrdicom.dcmread(RTPLAN).walk(lambda ds, e: ours.append((e.tag, e.VR)))
    pydicom.dcmread(RTPLAN).walk(lambda ds, e: theirs.append((e.tag, e.VR)))
    assert ours == theirs
    assert len(ours) > 100


def test_file_meta_preamble_filename(ct, ref) -> None:
    assert ct.preamble == ref.preamble and len(ct.preamble) == 128
    assert isinstance(ct.file_meta, pyrdicom.FileMetaDataset)
    assert ct.file_meta.TransferSyntaxUID == ref.file_meta.TransferSyntaxUID
    assert ct.file_meta.TransferSyntaxUID.is_little_endian
    assert [e.tag for e in ct.file_meta] == [e.tag for e in ref.file_meta]
    assert ct.filename == CT
    with open(CT, "rb") as f:
        assert pyrdicom.dcmread(f.read()).filename is None


def test_setting_keyword_creates_element_with_dictionary_vr(ct) -> None:
    ct.PatientWeight = "70.5"
    elem = ct["PatientWeight"]
    assert elem.VR == "DS" and elem.value == 70.5
    ct.BodyPartExamined = "CHEST"
    assert ct[0x00180015].VR == "CS"
    ct.ImageType = ["ORIGINAL", "PRIMARY"]
    assert list(ct.ImageType) == ["ORIGINAL", "PRIMARY"]
    ct.PatientName = "Doe^John"
    assert ct.PatientName.given_name == "John"
    ds = pyrdicom.Dataset()
    ds.Rows = 512
    ds.SeriesInstanceUID = "1.2.3"
    assert ds["Rows"].VR == "US" and ds.Rows == 512
    assert isinstance(ds.SeriesInstanceUID, uid.UID)
    ds.not_a_keyword = 1
    assert ds.not_a_keyword == 1 and len(ds) == 2


@pytest.mark.parametrize(
    "name",
    ["CT_small.dcm", "rtplan.dcm", "test-SR.dcm", "MR_small_bigendian.dcm", "nested_priv_SQ.dcm",
     "waveform_ecg.dcm", "JPEG2000.dcm", "no_meta.dcm", "liver.dcm", "emri_small.dcm"],
)  # fmt: skip
def test_str_matches_pydicom(name: str) -> None:
    path = get_testdata_file(name)
    force = name == "no_meta.dcm"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = pydicom.dcmread(path, force=force)
        expected, expected_top = str(ref), ref.top()
    ours = pyrdicom.dcmread(path, force=force)
    assert str(ours) == expected
    assert ours.top() == expected_top
    assert repr(ours) == expected


def test_str_of_every_corpus_file_matches_pydicom() -> None:
    files = [f for f in get_testdata_files() if os.path.isfile(f) and f.endswith(".dcm")]
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                ref = pydicom.dcmread(path)
            except pydicom.errors.InvalidDicomError:
                continue
            expected = str(ref)
        assert str(pyrdicom.dcmread(path)) == expected, path


def test_data_element_attributes() -> None:
    ours, ref = pyrdicom.dcmread(CT), pydicom.dcmread(CT)
    for r in ref:
        o = ours[r.tag]
        assert (o.tag, o.VR, o.VM, o.keyword, o.name, o.is_private) == (
            r.tag, r.VR, r.VM, r.keyword, r.name, r.is_private
        )  # fmt: skip
        assert o.repval == r.repval and str(o) == str(r) and repr(o) == repr(r)
        assert o.is_retired == r.is_retired
    elem = ours[0x00431028]
    assert elem.is_private and elem.private_creator == "GEMS_PARM_01"
    assert elem.name == ref[0x00431028].name


def test_new_data_element() -> None:
    e = DataElement(0x00100010, "PN", "Doe^Jane")
    assert e.tag == 0x00100010 and e.keyword == "PatientName" and e.name == "Patient's Name"
    assert e.VM == 1 and e.value.family_name == "Doe"
    m = DataElement("ImageType", "CS", "A\\B\\C")
    assert m.VM == 3 and list(m.value) == ["A", "B", "C"]
    assert str(m) == str(pydicom.DataElement("ImageType", "CS", "A\\B\\C"))
    assert DataElement(0x00280030, "DS", ["0.5", "0.5"]).value == [0.5, 0.5]
    assert DataElement(0x00200013, "IS", "").VM == 0
    assert DataElement(0x00091001, "LO", "x").is_private


def test_sequence() -> None:
    ours, ref = pyrdicom.dcmread(RTPLAN), pydicom.dcmread(RTPLAN)
    seq = ours.BeamSequence
    assert isinstance(seq, Sequence) and len(seq) == len(ref.BeamSequence)
    assert seq[0].BeamName == ref.BeamSequence[0].BeamName
    assert seq[0].ControlPointSequence[0].NominalBeamEnergy == 6
    assert ours["BeamSequence"].VM == 1
    new = Sequence([pyrdicom.Dataset(), pyrdicom.Dataset()])
    assert len(new) == 2
    with pytest.raises(TypeError):
        Sequence([1])
    with pytest.raises(TypeError):
        new.append("x")
    ds = pyrdicom.Dataset()
    ds.ReferencedImageSequence = [pyrdicom.Dataset()]
    assert isinstance(ds.ReferencedImageSequence, Sequence)
    assert ds["ReferencedImageSequence"].VR == "SQ"


def test_tag() -> None:
    t = Tag(0x00100010)
    assert isinstance(t, BaseTag) and t == (0x0010, 0x0010) and t == "PatientName"
    assert (t.group, t.element, t.elem) == (0x0010, 0x0010, 0x0010)
    assert str(t) == repr(t) == str(pydicom.tag.Tag(0x00100010)) == "(0010,0010)"
    assert Tag(0x0010, 0x0010) == Tag((0x0010, 0x0010)) == Tag("PatientName") == t
    assert Tag("00100010") == t and Tag(("0010", "0010")) == t
    assert Tag(0x00091010).is_private and not t.is_private
    assert Tag(0x00090010).is_private_creator
    assert Tag(0x00091010).private_creator == 0x00090010
    assert t.json_key == "00100010"
    assert Tag(0x00100010) < Tag(0x00100020) and t < (0x0010, 0x0011)
    for bad in ("NotAKeyword", (1, 2, 3), 1.5):
        with pytest.raises((ValueError, TypeError)):
            Tag(bad)
    with pytest.raises(OverflowError):
        Tag(0x1_0000_0000)
    with pytest.raises(OverflowError):
        Tag((0x10000, 0))


def test_uid() -> None:
    for kw in ("ExplicitVRLittleEndian", "ImplicitVRLittleEndian", "ExplicitVRBigEndian",
               "RLELossless", "JPEGBaseline8Bit", "DeflatedExplicitVRLittleEndian",
               "JPEG2000Lossless", "JPEGLSLossless", "CTImageStorage"):  # fmt: skip
        ours, ref = getattr(uid, kw), getattr(pydicom.uid, kw)
        assert ours == ref and isinstance(ours, uid.UID)
        assert ours.name == ref.name and ours.keyword == ref.keyword
        assert ours.is_transfer_syntax == ref.is_transfer_syntax
        if ref.is_transfer_syntax:
            assert ours.is_little_endian == ref.is_little_endian
            assert ours.is_implicit_VR == ref.is_implicit_VR
            assert ours.is_compressed == ref.is_compressed
            assert ours.is_encapsulated == ref.is_encapsulated
            assert ours.is_deflated == ref.is_deflated
    assert uid.RLELossless.name == "RLE Lossless"
    assert uid.JPEGBaseline8Bit == "1.2.840.10008.1.2.4.50"
    assert uid.ExplicitVRLittleEndian.is_little_endian
    assert not uid.ExplicitVRLittleEndian.is_implicit_VR
    assert not uid.ExplicitVRLittleEndian.is_compressed and uid.RLELossless.is_compressed
    assert uid.UID("1.2.3").name == "1.2.3" and uid.UID("1.2.3").is_valid
    assert not uid.UID("1.02.3").is_valid
    with pytest.raises(ValueError):
        _ = uid.CTImageStorage.is_little_endian


def test_generate_uid() -> None:
    seen = set()
    for _ in range(1000):
        u = uid.generate_uid()
        assert isinstance(u, uid.UID) and u.is_valid and len(u) <= 64
        assert re.fullmatch(r"[0-9.]+", u)
        seen.add(u)
    assert len(seen) == 1000
    u = uid.generate_uid(prefix=None)
    assert u.startswith("2.25.") and u.is_valid and len(u) <= 64
    assert uid.generate_uid("1.2.3.", ["a", "b"]) == uid.generate_uid("1.2.3.", ["a", "b"])
    assert uid.generate_uid("1.2.3.").startswith("1.2.3.")
    with pytest.raises(ValueError):
        uid.generate_uid("1.2.3")


def _sample_tags() -> list[int]:
    tags = list(pdd.DicomDictionary)[::7]
    return [*tags, 0x60003000, 0x60020010, 0x50000005, 0x00280010, 0x7FE00010, 0x00081150]


def test_datadict_matches_pydicom() -> None:
    for tag in _sample_tags():
        assert datadict.dictionary_VR(tag) == pdd.dictionary_VR(tag), hex(tag)
        assert datadict.keyword_for_tag(tag) == pdd.keyword_for_tag(tag), hex(tag)
        assert datadict.dictionary_description(tag) == pdd.dictionary_description(tag), hex(tag)
        assert datadict.dictionary_VM(tag) == pdd.dictionary_VM(tag), hex(tag)
        assert datadict.dictionary_is_retired(tag) == pdd.dictionary_is_retired(tag), hex(tag)
        kw = pdd.keyword_for_tag(tag)
        if kw and pdd.dictionary_has_tag(tag):
            assert datadict.tag_for_keyword(kw) == pdd.tag_for_keyword(kw)
    assert datadict.tag_for_keyword("NotAKeyword") is None
    assert datadict.keyword_for_tag(0x00091010) == ""
    with pytest.raises(KeyError):
        datadict.dictionary_VR(0x00091010)
    assert datadict.private_dictionary_VR(0x00431028, "GEMS_PARM_01") == (
        pdd.private_dictionary_VR(0x00431028, "GEMS_PARM_01")
    )


def test_big_endian_values() -> None:
    ours, ref = pyrdicom.dcmread(MR_BE), pydicom.dcmread(MR_BE)
    assert ours.Rows == ref.Rows and ours.PixelSpacing == ref.PixelSpacing
    assert ours.original_encoding == ref.original_encoding == (False, False)


def test_sr_nested_content() -> None:
    ours, ref = pyrdicom.dcmread(SR), pydicom.dcmread(SR)

    def walk(ds):
        return [(e.tag, str(e)) for e in ds.iterall()]

    assert walk(ours) == walk(ref)
