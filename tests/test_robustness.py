"""Bad input gives a `DicomError` (or a successful read), never a crash, hang or huge allocation.

Where pydicom raises a ValueError or AttributeError for a value, pyrdicom's exception is both that
and a `DicomError` (`DicomValueError`, `DicomAttributeError`): nothing else is accepted here.
"""

from __future__ import annotations

import os
import random
import struct
import time

import pytest
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.errors import DicomError, InvalidDicomError, MalformedDicomError

CT = get_testdata_file("CT_small.dcm")
RTPLAN = get_testdata_file("rtplan.dcm")

PREAMBLE = b"\0" * 128 + b"DICM"


def walk(ds) -> int:
    """Reads every value (recursing into sequences); returns how many elements were seen."""
    n = 0
    for tag in list(ds.keys()):
        n += 1
        try:
            elem = ds[tag]
            value = elem.value
            str(elem)
        except DicomError:
            continue
        if elem.VR == "SQ":
            for item in value:
                n += walk(item)
    return n


def read_all(data: bytes, **kwargs) -> int | None:
    try:
        ds = pyrdicom.dcmread(data, **kwargs)
    except DicomError:
        return None
    return walk(ds.file_meta) + walk(ds)


def meta(ts: str = "1.2.840.10008.1.2.1") -> bytes:
    uid = ts.encode() + b"\0" * (len(ts) % 2)
    return PREAMBLE + b"\x02\x00\x10\x00UI" + struct.pack("<H", len(uid)) + uid


def explicit(tag: int, vr: bytes, value: bytes, length: int | None = None) -> bytes:
    length = len(value) if length is None else length
    head = struct.pack("<HH", tag >> 16, tag & 0xFFFF) + vr
    if vr in (b"OB", b"OW", b"SQ", b"UN", b"UT", b"UC", b"UR", b"OD", b"OF", b"OL", b"OV"):
        return head + b"\0\0" + struct.pack("<I", length) + value
    return head + struct.pack("<H", length) + value


def item(content: bytes, length: int | None = None) -> bytes:
    n = 0xFFFFFFFF if length is None else length
    tail = b"\xfe\xff\x0d\xe0\0\0\0\0" if length is None else b""
    return b"\xfe\xff\x00\xe0" + struct.pack("<I", n) + content + tail


SEQ_END = b"\xfe\xff\xdd\xe0\0\0\0\0"


@pytest.mark.parametrize(
    "data", [b"", b"hello", b"\0" * 131, b"\0" * 128 + b"DICN" + b"\0" * 100, os.urandom(500)]
)
def test_non_dicom_is_invalid(data: bytes) -> None:
    with pytest.raises(InvalidDicomError):
        pyrdicom.dcmread(data)


def test_force_on_garbage_never_crashes() -> None:
    rng = random.Random(1)
    for size in (0, 1, 7, 8, 13, 100, 1000, 5000):
        for _ in range(20):
            read_all(bytes(rng.randrange(256) for _ in range(size)), force=True)


def test_truncated_files() -> None:
    for path in (CT, RTPLAN):
        with open(path, "rb") as f:
            data = f.read()
        for cut in range(0, len(data), 37):
            read_all(data[:cut], force=True)
            read_all(data[:cut])


def test_flipped_bytes() -> None:
    rng = random.Random(2)
    for path in (CT, RTPLAN):
        with open(path, "rb") as f:
            data = bytearray(f.read())
        for _ in range(300):
            mutated = bytearray(data)
            for _ in range(rng.randrange(1, 8)):
                mutated[rng.randrange(132, len(mutated))] = rng.randrange(256)
            read_all(bytes(mutated))


@pytest.mark.parametrize("length", [0xFFFFFFF0, 0xFFFFFFFE, 0x7FFFFFFF, 0x10000])
def test_huge_lengths(length: int) -> None:
    name = explicit(0x00100010, b"PN", b"Doe^J ")
    for element in (
        explicit(0x00100020, b"UT", b"abc", length),
        explicit(0x00081140, b"SQ", item(name, length), length),
        explicit(0x00081140, b"SQ", item(name, length) + SEQ_END, 0xFFFFFFFF),
        explicit(0x7FE00010, b"OB", item(b"", length) + SEQ_END, 0xFFFFFFFF),
    ):
        read_all(meta() + name + element)


def test_truncated_value_reads_what_is_there() -> None:
    ds = pyrdicom.dcmread(meta() + explicit(0x00100020, b"LO", b"ABC", 200))
    assert ds.PatientID == "ABC"


def test_many_items() -> None:
    items = item(explicit(0x00080100, b"SH", b"CODE01")) * 20000
    ds = pyrdicom.dcmread(meta() + explicit(0x00081140, b"SQ", items + SEQ_END, 0xFFFFFFFF))
    seq = ds.ReferencedImageSequence
    assert len(seq) == 20000 and seq[-1].CodeValue == "CODE01"
    defined = item(b"", 0) * 50000
    ds = pyrdicom.dcmread(meta() + explicit(0x00081140, b"SQ", defined))
    assert len(ds.ReferencedImageSequence) == 50000


def _nested(depth: int, defined: bool) -> bytes:
    inner = explicit(0x00100010, b"PN", b"Deep")
    for _ in range(depth):
        if defined:
            it = item(inner, len(inner))
            inner = explicit(0x00081140, b"SQ", it)
        else:
            inner = explicit(0x00081140, b"SQ", item(inner) + SEQ_END, 0xFFFFFFFF)
    return meta() + inner


def test_deep_nesting() -> None:
    ds = pyrdicom.dcmread(_nested(30, defined=False))
    for _ in range(30):
        ds = ds.ReferencedImageSequence[0]
    assert ds.PatientName == "Deep"
    with pytest.raises(MalformedDicomError):
        pyrdicom.dcmread(_nested(5000, defined=False))
    # defined-length sequences are read lazily by pydicom: too deep fails only when read
    ds = pyrdicom.dcmread(_nested(5000, defined=True))
    with pytest.raises(MalformedDicomError):
        for _ in range(5000):
            ds = ds.ReferencedImageSequence[0]


def test_broken_sequence_fails_only_when_read() -> None:
    broken = explicit(0x00081140, b"SQ", b"\xfe\xff\x00\xe0\x10\x00")  # item header cut short
    ds = pyrdicom.dcmread(meta() + broken + explicit(0x00100020, b"LO", b"ID"))
    assert ds.PatientID == "ID"
    with pytest.raises(MalformedDicomError):
        _ = ds.ReferencedImageSequence


def test_undefined_length_value_without_delimiter() -> None:
    # pydicom drops the whole data set when an undefined-length value never ends
    data = (
        meta()
        + explicit(0x00100020, b"LO", b"ID")
        + explicit(0x7FE00010, b"OB", b"x" * 64, 0xFFFFFFFF)
    )
    ds = pyrdicom.dcmread(data)
    assert len(ds) == 0
    assert ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"


def _text_elements(n: int) -> bytes:
    """n private LO elements in n/200 groups (no Specific Character Set)."""
    return meta() + b"".join(
        explicit(((0x0009 + 2 * (i // 200)) << 16) | (0x0010 + i % 200), b"LO", b"CREATOR ")
        for i in range(n)
    )


def test_reading_every_text_value_is_linear() -> None:
    """Each text value finds its character set without scanning its data set (that was n²)."""

    def seconds(data: bytes) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            ds = pyrdicom.dcmread(data)
            for elem in ds:
                elem.value
            best = min(best, time.perf_counter() - start)
        return best

    small, large = seconds(_text_elements(5_000)), seconds(_text_elements(20_000))
    # 4x the elements: ~4x the time when linear, ~16x when quadratic.
    assert large < 8 * small, (small, large)
