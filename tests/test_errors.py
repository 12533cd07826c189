"""Each core error reaches Python as its pyrdicom exception (src/error.rs → src/py/mod.rs)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.errors import BytesLengthException, DicomValueError, InvalidDicomError


def _implicit(tag: int, value: bytes) -> bytes:
    return struct.pack("<HHI", tag >> 16, tag & 0xFFFF, len(value)) + value


def test_bytes_length() -> None:
    data = _implicit(0x00280010, b"\x01\x02\x03")  # Rows, US, 3 bytes
    ours = pyrdicom.dcmread(io.BytesIO(data), force=True)
    ref = pydicom.dcmread(io.BytesIO(data), force=True)
    with pytest.raises(pydicom.errors.BytesLengthException):
        _ = ref.Rows
    with pytest.raises(BytesLengthException):
        _ = ours.Rows


def test_value_that_cannot_be_encoded() -> None:
    ds = pyrdicom.dcmread(get_testdata_file("CT_small.dcm"))
    ds.PatientName = "Ünïcödé ☃"  # not encodable in the default character set
    ds.SpecificCharacterSet = "ISO_IR 100"
    with pytest.raises(DicomValueError, match="PatientName"):
        ds.save_as(io.BytesIO())


def test_invalid_dicom_and_os_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidDicomError):
        pyrdicom.dcmread(io.BytesIO(b"\x00" * 10))
    missing = tmp_path / "missing.dcm"
    with pytest.raises(FileNotFoundError) as info:
        pyrdicom.dcmread(missing)
    assert info.value.filename == str(missing) and info.value.strerror
    with pytest.raises(IsADirectoryError):
        pyrdicom.dcmread(tmp_path)
