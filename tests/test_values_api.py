"""pydicom's value API (valuerep, values, charset, datadict tables, uid, tag) against pydicom as
the oracle: the VR enum and groups, `validate_value` over every string value of the corpus,
DA/DT/TM and DS formatting, the charset functions (results and warnings), the converters on
raw values, and the dictionary tables."""

from __future__ import annotations

import copy
import functools
import math
import pickle
import random
import sys
import warnings
from typing import Any

import pydicom
import pydicom.charset
import pydicom.datadict
import pydicom.valuerep
import pydicom.values
import pytest

import pyrdicom
import pyrdicom.charset
import pyrdicom.datadict
import pyrdicom.valuerep
import pyrdicom.values
from corpus import corpus_files
from pyrdicom import config

GROUPS = [
    "STANDARD_VR", "AMBIGUOUS_VR", "STR_VR", "BYTES_VR", "FLOAT_VR", "INT_VR", "LIST_VR",
    "DEFAULT_CHARSET_VR", "CUSTOMIZABLE_CHARSET_VR", "ALLOW_BACKSLASH", "LONG_VALUE_VR",
    "EXPLICIT_VR_LENGTH_16", "EXPLICIT_VR_LENGTH_32", "BUFFERABLE_VRS",
]  # fmt: skip


def outcome(fn: Any, *args: Any) -> tuple[str, Any, list[str]]:
    """(kind, result or exception message, warning messages) of a call."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = ("ok", fn(*args))
        except Exception as exc:  # the type and message are what is compared
            result = (type(exc).__name__, str(exc))
    return (*result, [str(w.message) for w in caught])


def test_vr_enum_and_groups() -> None:
    ours, ref = pyrdicom.valuerep.VR, pydicom.valuerep.VR
    assert [(m.name, m.value) for m in ours] == [(m.name, m.value) for m in ref]
    assert str(ours.US_SS) == "US or SS" and ours("OB or OW") is ours.OB_OW
    for name in GROUPS:
        assert {str(v) for v in getattr(pyrdicom.valuerep, name)} == {
            str(v) for v in getattr(pydicom.valuerep, name)
        }, name
    assert pyrdicom.valuerep.MAX_VALUE_LEN == pydicom.valuerep.MAX_VALUE_LEN
    assert pyrdicom.valuerep.VR_REGEXES == pydicom.valuerep.VR_REGEXES


def _string_values(path: str) -> list[tuple[str, Any]]:
    """(VR, value) of every string-VR value of a file as pydicom reads it."""
    out: list[tuple[str, Any]] = []
    try:
        ds = pydicom.dcmread(path, force=True)
        elems = list(ds.iterall())
    except Exception:
        return out
    for elem in elems:
        try:
            value = elem.value
        except Exception:
            continue
        if elem.VR not in pydicom.valuerep.VALIDATORS or elem.VR == "SQ":
            continue
        for v in value if isinstance(value, list | pydicom.multival.MultiValue) else [value]:
            if isinstance(v, str | bytes | int | float) and not isinstance(v, bool):
                out.append((elem.VR, str(v) if isinstance(v, str) else v))
    return out


@functools.cache
def _corpus_values() -> list[tuple[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = {(vr, v) for path in corpus_files() for vr, v in _string_values(path)}
    return sorted(values, key=repr)


@pytest.mark.parametrize("mode", [config.WARN, config.RAISE])
def test_validate_value_matches_pydicom_over_the_corpus(mode: int) -> None:
    checked = 0
    for vr, v in _corpus_values():
        ours = outcome(pyrdicom.valuerep.validate_value, vr, v, mode)
        ref = outcome(pydicom.valuerep.validate_value, vr, v, mode)
        assert ours == ref, (vr, v)
        checked += 1
    assert checked > 1000


BAD_VALUES = [
    ("AE", "A" * 17), ("AE", "a\\b\n"), ("AS", "12Y"), ("CS", "lower"), ("DA", "20201301"),
    ("DA", "2020-01-01"), ("DS", "1.0.0"), ("DS", "12345678901234567"), ("DT", "2020010125"),
    ("IS", "1.5"), ("IS", "1234567890123"), ("LO", "x" * 65), ("PN", "a=b=c=d"),
    ("PN", "x" * 65), ("SH", "s" * 17), ("TM", "2500"), ("UI", "1.02.3"), ("UI", "1." * 33),
    ("UR", "a b"), ("US", -1), ("US", 65536), ("SS", 40000), ("UL", b"\x00\x01\x02"),
    ("FD", "1.0"), ("OB", "text"), ("DA", b"2020"), ("TM", "1200-1300"), ("DA", "-20200101"),
]  # fmt: skip


@pytest.mark.parametrize("vr, value", BAD_VALUES)
@pytest.mark.parametrize("mode", [config.IGNORE, config.WARN, config.RAISE])
def test_validate_value_bad_values(vr: str, value: Any, mode: int) -> None:
    ours = outcome(pyrdicom.valuerep.validate_value, vr, value, mode)
    assert ours == outcome(pydicom.valuerep.validate_value, vr, value, mode)


@pytest.mark.parametrize(
    "cls, text",
    [
        ("DA", "20240229"), ("DA", "2024.02.29"), ("DT", "20240229"), ("DT", "2024022913"),
        ("DT", "20240229131415.123"), ("DT", "20240229131415.5-0130"), ("DT", "2024+0100"),
        ("DT", "20240229235960"), ("TM", "13"), ("TM", "1314"), ("TM", "131415.1234"),
        ("TM", "235960"), ("TM", "24"), ("DA", "2024"), ("DT", "20"), ("TM", ""), ("DA", " "),
    ],
)  # fmt: skip
def test_date_time_types(cls: str, text: str) -> None:
    ours = outcome(getattr(pyrdicom.valuerep, cls), text)
    ref = outcome(getattr(pydicom.valuerep, cls), text)
    assert ours[0] == ref[0] and ours[2] == ref[2]
    if ours[0] == "ok" and ours[1] is not None:
        assert ours[1] == ref[1] and str(ours[1]) == str(ref[1]) and repr(ours[1]) == repr(ref[1])
        assert isinstance(ours[1], getattr(pyrdicom.valuerep, cls))


def test_format_number_as_ds_random() -> None:
    rng = random.Random(17)
    for _ in range(3000):
        val = rng.uniform(-1, 1) * 10 ** rng.randint(-120, 120)
        assert pyrdicom.valuerep.format_number_as_ds(val) == (
            pydicom.valuerep.format_number_as_ds(val)
        )
    for bad in (math.inf, -math.inf, math.nan, 1):
        assert (
            outcome(pyrdicom.valuerep.format_number_as_ds, bad)[:2]
            == (outcome(pydicom.valuerep.format_number_as_ds, bad)[:2])
        )


CHARSET_TERMS = [
    None, "", "ISO_IR 100", ["", "ISO 2022 IR 87"], ["ISO 2022 IR 13", "ISO 2022 IR 87"],
    "ISO IR 192", "ISO-2022-IR-100", "ISO_IR 999", "utf8", ["ISO_IR 192", "ISO 2022 IR 87"],
    ["ISO 2022 IR 6", "GB18030"], ["ISO 2022 IR 6", "ISO 2022 IR 149"], "GBK",
]  # fmt: skip


@pytest.mark.parametrize("terms", CHARSET_TERMS)
def test_convert_encodings(terms: Any) -> None:
    ours = outcome(pyrdicom.charset.convert_encodings, terms)
    assert ours == outcome(pydicom.charset.convert_encodings, terms)


def _named_dataset() -> pyrdicom.Dataset:
    ds = pyrdicom.Dataset()
    ds.PatientName = "A"
    return ds


@pytest.mark.parametrize(
    "terms",
    ["ISO_IR 100\x00", 5, [5, "ISO_IR 100"], [_named_dataset()]],
    ids=["nul", "number", "numbers", "dataset"],
)
def test_convert_encodings_of_what_no_codec_names(terms: Any) -> None:
    # pydicom raises ValueError/TypeError here; a forced read can give (0008,0005) a NUL or
    # another VR, so each such term is an unknown one: a warning and the default repertoire
    with pytest.warns(UserWarning, match="Unknown encoding"):
        codecs_ = pyrdicom.charset.convert_encodings(terms)
    assert codecs_[0] == "iso8859"


TEXTS = [
    ("Buc^Jérôme", ["latin_1"]),
    ("Yamada^Tarou=山田^太郎=やまだ^たろう", ["iso8859", "iso2022_jp"]),
    ("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎", ["shift_jis", "iso2022_jp"]),
    ("Hong^Gildong=洪^吉洞=홍^길동", ["iso8859", "euc_kr"]),
    ("Wang^XiaoDong=王^小东", ["iso8859", "iso_ir_58"]),
    ("Διονυσιος", ["iso_ir_126"]),
    ("abc王", ["latin_1"]),
    ("Люксембург", ["iso8859", "iso_ir_144"]),
]


@pytest.mark.parametrize("text, encodings", TEXTS)
def test_encode_decode_strings(text: str, encodings: list[str]) -> None:
    ours = outcome(pyrdicom.charset.encode_string, text, encodings)
    ref = outcome(pydicom.charset.encode_string, text, encodings)
    assert ours == ref
    if ref[0] == "ok":
        for delims in ({0x5E}, {0x0D, 0x0A, 0x09, 0x0C}, set()):
            args = (ref[1], encodings, delims)
            assert outcome(pyrdicom.charset.decode_bytes, *args) == (
                outcome(pydicom.charset.decode_bytes, *args)
            )
        ours_pn = pyrdicom.valuerep.PersonName(ref[1], encodings)
        ref_pn = pydicom.valuerep.PersonName(ref[1], encodings)
        assert ours_pn.components == ref_pn.components
        assert ours_pn.encode() == ref_pn.encode()


@pytest.mark.parametrize(
    "raw, encodings",
    [
        (b"\x1b$BG\\\x1b(B", ["iso8859", "iso2022_jp"]),
        (b"\xc4\xe9", ["iso8859", "iso2022_jp"]),
        (b"\x1b-Zabc", ["latin_1"]),
        (b"\xff\xfe", ["UTF8"]),
        (b"abc", ["nonexistent"]),
    ],
)
@pytest.mark.parametrize("mode", [config.WARN, config.RAISE])
def test_decode_bytes_bad_input(raw: bytes, encodings: list[str], mode: int, monkeypatch) -> None:
    monkeypatch.setattr(config.settings, "reading_validation_mode", mode)
    monkeypatch.setattr(pydicom.config.settings, "reading_validation_mode", mode)
    ours = outcome(pyrdicom.charset.decode_bytes, raw, encodings, set())
    ref = outcome(pydicom.charset.decode_bytes, raw, encodings, set())
    assert ours[0] == ref[0] and ours[2] == ref[2]
    if ours[0] == "ok":
        assert ours[1] == ref[1]


class Raw:
    """Enough of a RawDataElement for `convert_value`."""

    def __init__(self, value: bytes, little: bool = True) -> None:
        self.value, self.length, self.is_little_endian = value, len(value), little
        self.is_implicit_VR, self.value_tell, self.tag = False, 0, pydicom.tag.Tag(0x00100010)


CONVERSIONS = [
    ("AE", b" AE1 \\AE2 "), ("AT", b"\x10\x00\x10\x00\x08\x00\x05\x00"), ("CS", b"A\\B "),
    ("DA", b"20200101"), ("DS", b" 1.5\\-2e3 "), ("DS", b"x"), ("FD", b"\x00" * 16),
    ("FL", b"\x00\x00\x80\x3f"), ("IS", b"12\\-4 "), ("IS", b"1.5"), ("LO", b"a\\b \x00"),
    ("LT", b"a\\b  "), ("OB", b"\x01\x02"), ("PN", b"Doe^John\\Roe^Jane "), ("SH", b"x "),
    ("SL", b"\xff\xff\xff\xff"), ("SS", b"\xff\xff"), ("SS", b"\xff"), ("UI", b"1.2.3\x00"),
    ("UL", b"\x01\x00\x00\x00\x02\x00\x00\x00"), ("UR", b"http://a/b\\c "), ("US", b"\x01"),
    ("UV", b"\x01" * 8), ("UT", b"text  "), ("TM", b"1200\\1300"), ("DT", b"2020"),
]  # fmt: skip


@pytest.mark.parametrize("vr, raw", CONVERSIONS)
@pytest.mark.parametrize("little", [True, False])
def test_convert_value(vr: str, raw: bytes, little: bool) -> None:
    ours = outcome(pyrdicom.values.convert_value, vr, Raw(raw, little))
    ref = outcome(pydicom.values.convert_value, vr, Raw(raw, little))
    assert ours[0] == ref[0] and ours[2] == ref[2]
    if ours[0] == "ok":
        assert type(ours[1]).__name__ == type(ref[1]).__name__
        assert ours[1] == ref[1] and str(ours[1]) == str(ref[1])


def test_dictionary_tables() -> None:
    from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
    from pydicom._private_dict import private_dictionaries

    from pyrdicom import _dicom_dict, _private_dict

    assert _dicom_dict.DicomDictionary == DicomDictionary
    assert list(_dicom_dict.RepeatersDictionary.items()) == list(RepeatersDictionary.items())
    ours = _private_dict.private_dictionaries
    assert ours.keys() == private_dictionaries.keys()
    for creator, entries in private_dictionaries.items():
        # pydicom's lookups never reach keys masked as "ggggeexx" (the core leaves them out)
        reachable = {k: v for k, v in entries.items() if not k.endswith("xx")}
        assert ours[creator] == reachable, creator
    assert pyrdicom.datadict.keyword_dict == pydicom.datadict.keyword_dict
    # tests/codec_fixtures.py, once imported, adds syntaxes newer than pydicom 3.0.2 to its table
    fixtures = sys.modules.get("codec_fixtures")
    added = set(fixtures.JPEG_XL) if fixtures is not None else set()
    shipped = {k: v for k, v in pydicom.uid.UID_dictionary.items() if k not in added}
    assert pyrdicom.uid.UID_dictionary == shipped


def test_dictionary_lookups() -> None:
    rng = random.Random(5)
    tags = [rng.getrandbits(32) for _ in range(3000)]
    tags += [0x60000010 | rng.getrandbits(8) << 17, 0x00280400, 0x00080000, 0x00091001]
    for tag in tags:
        for name in ("dictionary_has_tag", "keyword_for_tag", "repeater_has_tag", "mask_match"):
            assert getattr(pyrdicom.datadict, name)(tag) == getattr(pydicom.datadict, name)(tag)
        for name in ("get_entry", "dictionary_VR", "_dictionary_vr_fast"):
            ours = outcome(getattr(pyrdicom.datadict, name), tag)
            assert ours[:2] == outcome(getattr(pydicom.datadict, name), tag)[:2], (name, tag)


def test_uid_properties() -> None:
    for uid in [*pydicom.uid.AllTransferSyntaxes, pydicom.uid.CTImageStorage]:
        ours, ref = pyrdicom.uid.UID(uid), pydicom.uid.UID(uid)
        for prop in ("name", "type", "info", "is_retired", "keyword", "is_private", "is_valid"):
            assert getattr(ours, prop) == getattr(ref, prop), (uid, prop)
        for prop in ("is_implicit_VR", "is_little_endian", "is_deflated", "is_encapsulated"):
            assert outcome(getattr, ours, prop)[:2] == outcome(getattr, ref, prop)[:2]
    assert pyrdicom.uid.UncompressedTransferSyntaxes == pydicom.uid.UncompressedTransferSyntaxes
    for name in ("JPEGTransferSyntaxes", "JPEGLSTransferSyntaxes", "JPEG2000TransferSyntaxes",
                 "MPEGTransferSyntaxes", "RLETransferSyntaxes"):  # fmt: skip
        assert getattr(pyrdicom.uid, name) == getattr(pydicom.uid, name), name


@pytest.mark.parametrize(
    "arg", [0x100010, (0x10, 0x10), ("0010", "0010"), "PatientName", "00100010", -1,
            0x1FFFFFFFF, (0x10000, 1), ("a", 1), (1, 2, 3), "NotAKeyword", [0x10, 0x10]],
)  # fmt: skip
def test_tag_errors(arg: Any) -> None:
    assert outcome(pyrdicom.tag.Tag, arg)[:2] == outcome(pydicom.tag.Tag, arg)[:2]


def test_tag_refuses_floats() -> None:
    # pydicom truncates (Tag(1.5) is (0000,0001)); a documented difference (docs/compat.md)
    with pytest.raises(TypeError):
        pyrdicom.tag.Tag(1.5)


def test_value_types_pickle_and_copy() -> None:
    uid = pyrdicom.uid.UID("9.9.1")
    uid.set_private_encoding(True, False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = [
            pyrdicom.valuerep.DA("20200101"),
            pyrdicom.valuerep.DT("20200101120000.5+0100"),
            pyrdicom.valuerep.TM("1200"),
            pyrdicom.valuerep.DSfloat("1.50"),
            pyrdicom.valuerep.DSfloat(1.5, auto_format=True),
            pyrdicom.valuerep.IS("12"),
            pyrdicom.valuerep.IS("1.5"),
            pyrdicom.valuerep.PersonName("A^B=C"),
            pyrdicom.valuerep.PersonName(b"A^B", ["latin_1"]),
            uid,
            pyrdicom.tag.Tag(0x00100010),
            pyrdicom.multival.MultiValue(pyrdicom.valuerep.DSfloat, ["1", "2.0"]),
        ]
    for value in values:
        for clone in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
            assert type(clone) is type(value) and clone == value
            assert (str(clone), repr(clone)) == (str(value), repr(value))
            assert getattr(clone, "original_string", None) == getattr(
                value, "original_string", None
            )
    assert pickle.loads(pickle.dumps(uid)).is_implicit_VR


def test_ds_decimal_applies_to_read_values() -> None:
    from corpus import corpus_file

    path = corpus_file("CT_small.dcm")
    try:
        config.DS_decimal(True)
        pydicom.config.DS_decimal(True)
        ours, ref = pyrdicom.dcmread(path), pydicom.dcmread(path)
        for keyword in ("SliceThickness", "PixelSpacing", "ImagePositionPatient"):
            a, b = getattr(ours, keyword), getattr(ref, keyword)
            assert type(a).__name__ == type(b).__name__ and a == b and str(a) == str(b)
            if isinstance(b, list | pydicom.multival.MultiValue):
                assert [type(v).__name__ for v in a] == [type(v).__name__ for v in b]
    finally:
        config.DS_decimal(False)
        pydicom.config.DS_decimal(False)
    assert type(pyrdicom.dcmread(path).SliceThickness) is pyrdicom.valuerep.DSfloat


@pytest.mark.parametrize("implicit", [True, False])
def test_added_private_entries_apply_to_read_elements(implicit: bool) -> None:
    import io

    ds = pyrdicom.Dataset()
    ds.add_new(0x00450010, "LO", "PYRDICOM TEST 1")
    ds.add_new(0x00451001, "UN", b"\x2a\x00")
    fp = io.BytesIO()
    ds.save_as(fp, implicit_vr=implicit, little_endian=True)
    data = fp.getvalue()
    before = pyrdicom.dcmread(io.BytesIO(data), force=True)[0x00451001]
    assert (before.VR, before.value) == ("UN", b"\x2a\x00")
    entry = {0x00450001: ("US", "1", "Test Number", "")}
    try:
        pyrdicom.datadict.add_private_dict_entries("PYRDICOM TEST 1", entry)
        pydicom.datadict.add_private_dict_entries("PYRDICOM TEST 1", entry)
        ours = pyrdicom.dcmread(io.BytesIO(data), force=True)[0x00451001]
        ref = pydicom.dcmread(io.BytesIO(data), force=True)[0x00451001]
        assert (
            (ours.VR, ours.value, ours.name)
            == (ref.VR, ref.value, ref.name)
            == (
                "US",
                42,
                "[Test Number]",
            )
        )
    finally:
        for datadict in (pyrdicom.datadict, pydicom.datadict):
            datadict.private_dictionaries.pop("PYRDICOM TEST 1", None)
        pyrdicom.datadict._added_private.pop("PYRDICOM TEST 1", None)
