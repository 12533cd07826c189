"""pydicom's element-level reader and writer API (filereader.data_element_generator,
read_dataset, read_file_meta_info; filewriter.write_dataset, write_data_element,
write_file_meta_info) against pydicom over real files."""

from __future__ import annotations

import io
import warnings

import pydicom
import pydicom.filebase
import pydicom.filereader
import pydicom.filewriter
import pytest

import pyrdicom
from oracle import assert_same_dataset
from pyrdicom import errors, filebase, filereader, filewriter

FILES = ["CT_small.dcm", "MR_small_bigendian.dcm", "rtplan.dcm", "MR_small_implicit.dcm"]


def _dataset_bytes(name: str) -> tuple[bytes, bool, bool]:
    """The data set bytes of a test file (after the file meta) and its encoding."""
    path = pydicom.data.get_testdata_file(name)
    with open(path, "rb") as fp:
        pydicom.filereader.read_preamble(fp, False)
        pydicom.filereader._read_file_meta_info(fp)
        data = fp.read()
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    return data, ds.original_encoding[0], ds.original_encoding[1]


@pytest.mark.parametrize("name", FILES)
def test_data_element_generator_as_pydicom(name: str) -> None:
    data, implicit, little = _dataset_bytes(name)
    ref_fp, our_fp = io.BytesIO(data), io.BytesIO(data)
    ref = pydicom.filereader.data_element_generator(ref_fp, implicit, little)
    ours = filereader.data_element_generator(our_fp, implicit, little)
    for a, b in zip(ref, ours, strict=True):
        assert int(a.tag) == int(b.tag)
        if isinstance(a, pydicom.dataelem.RawDataElement):
            assert isinstance(b, pyrdicom.dataelem.RawDataElement)
            assert tuple(a)[1:] == tuple(b)[1:]
        else:  # an undefined-length sequence
            assert len(a.value) == len(b.value)
        assert ref_fp.tell() == our_fp.tell()


@pytest.mark.parametrize("name", FILES)
def test_read_dataset_as_pydicom(name: str) -> None:
    data, implicit, little = _dataset_bytes(name)
    ref = pydicom.filereader.read_dataset(io.BytesIO(data), implicit, little)
    ours = filereader.read_dataset(io.BytesIO(data), implicit, little)
    assert_same_dataset(ours, ref)


def test_read_dataset_stop_when_leaves_position() -> None:
    data, implicit, little = _dataset_bytes("CT_small.dcm")

    def stop(tag, vr, length):
        return tag >= 0x00200000

    ref_fp, our_fp = io.BytesIO(data), io.BytesIO(data)
    ref = pydicom.filereader.read_dataset(ref_fp, implicit, little, stop_when=stop)
    ours = filereader.read_dataset(our_fp, implicit, little, stop_when=stop)
    assert ref_fp.tell() == our_fp.tell()
    assert_same_dataset(ours, ref)


def test_read_file_meta_info_as_pydicom() -> None:
    path = pydicom.data.get_testdata_file("CT_small.dcm")
    ours = filereader.read_file_meta_info(path)
    ref = pydicom.filereader.read_file_meta_info(path)
    assert_same_dataset(ours, ref)


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("encoding", [(True, True), (False, True), (False, False)])
def test_write_dataset_as_pydicom(name: str, encoding: tuple[bool, bool]) -> None:
    path = pydicom.data.get_testdata_file(name)
    ref_fp = pydicom.filebase.DicomBytesIO()
    our_fp = filebase.DicomBytesIO()
    for fp in (ref_fp, our_fp):
        fp.is_implicit_VR, fp.is_little_endian = encoding
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pydicom.filewriter.write_dataset(ref_fp, pydicom.dcmread(path))
        filewriter.write_dataset(our_fp, pyrdicom.dcmread(path))
    # the bytes may differ (pydicom drops group lengths), the data sets they hold must not;
    # pydicom does not byte-swap OW values when the byte order changes (pyrdicom does)
    swapped = encoding[1] != (name != "MR_small_bigendian.dcm")

    def kept(ds: pydicom.Dataset) -> pydicom.Dataset:
        return pydicom.Dataset(
            {t: e for t, e in ds.items() if t.element != 0 and not (swapped and t == 0x7FE00010)}
        )

    ref = pydicom.filereader.read_dataset(io.BytesIO(ref_fp.getvalue()), *encoding)
    ours = pydicom.filereader.read_dataset(io.BytesIO(our_fp.getvalue()), *encoding)
    assert kept(ours) == kept(ref)


@pytest.mark.parametrize("encoding", [(True, True), (False, True), (False, False)])
def test_write_data_element_bytes_as_pydicom(encoding: tuple[bool, bool]) -> None:
    ds = pydicom.dcmread(pydicom.data.get_testdata_file("CT_small.dcm"))
    ours_ds = pyrdicom.dcmread(pydicom.data.get_testdata_file("CT_small.dcm"))
    for tag in [0x00080008, 0x00100010, 0x00280030, 0x00280010, 0x00200032, 0x00431028]:
        ref_fp, our_fp = pydicom.filebase.DicomBytesIO(), filebase.DicomBytesIO()
        for fp in (ref_fp, our_fp):
            fp.is_implicit_VR, fp.is_little_endian = encoding
        pydicom.filewriter.write_data_element(ref_fp, ds[tag])
        filewriter.write_data_element(our_fp, ours_ds[tag])
        assert our_fp.getvalue() == ref_fp.getvalue(), hex(tag)


def test_write_file_meta_info_as_pydicom() -> None:
    path = pydicom.data.get_testdata_file("CT_small.dcm")
    ref_fp, our_fp = pydicom.filebase.DicomBytesIO(), filebase.DicomBytesIO()
    pydicom.filewriter.write_file_meta_info(ref_fp, pydicom.dcmread(path).file_meta, False)
    filewriter.write_file_meta_info(our_fp, pyrdicom.dcmread(path).file_meta, False)
    assert our_fp.getvalue() == ref_fp.getvalue()


def test_read_notes_follow_the_validation_mode() -> None:
    # an implicit VR file meta group: pydicom warns, or raises in its strict mode
    data = b"\x02\x00\x10\x00\x12\x00\x00\x001.2.840.10008.1.2\x00"
    with pytest.warns(UserWarning, match="Expected explicit VR, but found implicit VR"):
        ds = pyrdicom.dcmread(io.BytesIO(data), force=True)
    assert ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2"
    with pyrdicom.config.strict_reading(), pytest.raises(errors.InvalidDicomError):
        pyrdicom.dcmread(io.BytesIO(data), force=True)


def test_unknown_vr_error_names_it() -> None:
    data = b"\x08\x00\x05\x00CS\x0a\x00ISO_IR 100\x08\x00\x06\x00XX\x00\x00"
    old = pyrdicom.config.assume_implicit_vr_switch
    pyrdicom.config.assume_implicit_vr_switch = False
    try:
        ds = filereader.read_dataset(io.BytesIO(data), False, True)
    finally:
        pyrdicom.config.assume_implicit_vr_switch = old
    with pytest.raises(NotImplementedError, match=r"Unknown Value Representation 'XX'"):
        ds[0x00080006].value
