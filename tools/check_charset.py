#!/usr/bin/env python3
"""Compare pyrdicom's charset module with pydicom, through tools/oracle/charset_oracle.rs.

    cargo build --release --example charset_oracle
    python tools/check_charset.py [--cases N] [--seed S]

Checks (1) every text element of every pydicom test file (charset_files and the rest),
(2) random term lists, values and strings against pydicom's convert_encodings,
decode_bytes / PersonName decoding and encode_string / PN encoding, warnings and RAISE
mode included, and (3) the Python codecs themselves on random input.
"""

import argparse
import random
import subprocess
import sys
import warnings
from pathlib import Path

import pydicom
from pydicom import charset as pc
from pydicom import config
from pydicom.data import get_testdata_files
from pydicom.valuerep import TEXT_VR_DELIMS, _decode_personname, _encode_personname

ROOT = Path(__file__).resolve().parent.parent
ORACLE = ROOT / "target" / "release" / "examples" / "charset_oracle"
TEXT_VRS = {"SH", "LO", "ST", "LT", "UC", "UT", "PN"}


def hx(b):
    return b.hex()


def unlist(field):
    return [bytes.fromhex(x).decode() for x in field.split(",")] if field else []


def ask(lines):
    out = subprocess.run(
        [str(ORACLE)], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(out) == len(lines)
    return [line.split("\t") for line in out]


def terms_fields(terms):
    return [str(len(terms))] + [hx(t.encode()) for t in terms]


def pydicom_call(fn, mode_attr=None, mode=config.WARN):
    """(result or 'ERR' or 'EXC', warning messages) of fn under the validation mode."""
    old = (config.settings.reading_validation_mode, config.settings.writing_validation_mode)
    if mode_attr:
        setattr(config.settings, mode_attr, mode)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = fn()
            except IndexError:  # pydicom crashes (a LookupError subclass)
                result = "EXC"
            except (UnicodeError, ValueError, LookupError):
                result = "ERR"
            except Exception:  # other pydicom crashes (RuntimeError)
                result = "EXC"
        return result, [str(w.message) for w in caught]
    finally:
        config.settings.reading_validation_mode, config.settings.writing_validation_mode = old


# --- 1. test files ----------------------------------------------------------------------


def walk(ds, terms, out):
    raw_cs = ds.get_item(0x00080005)
    if raw_cs is not None:
        value = raw_cs.value
        if isinstance(value, bytes):
            value = value.decode("latin_1")
        elif not isinstance(value, str):
            value = "\\".join(value)
        terms = value.rstrip(" \x00").split("\\")
    for tag in list(ds.keys()):
        raw = ds.get_item(tag).value
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            elem = ds[tag]
        if elem.VR == "SQ":
            for item in elem.value:
                walk(item, terms, out)
        elif elem.VR in TEXT_VRS and isinstance(raw, bytes) and raw:
            out.append((terms, elem.VR, raw, elem.value))


def postprocess(vr, decoded):
    """pydicom's value conversion after decode_bytes (values.py convert_*)."""
    if vr == "PN":
        values = []
        for v in decoded.split("\\"):
            comps = v.split("=")
            while comps and not comps[-1]:
                comps.pop()
            values.append("=".join(comps))
        return values
    if vr in ("ST", "LT", "UT"):
        return [decoded.rstrip("\0 ")]
    return [v.rstrip("\0 ") for v in decoded.split("\\")]


def check_files():
    cases = []
    files = sorted(set(get_testdata_files("*")))
    for path in files:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(path, force=True)
            walk(ds, None, cases)
        except Exception:
            continue
    lines = []
    for terms, vr, raw, _ in cases:
        data = raw.rstrip(b"\0 ") if vr == "PN" else raw
        lines.append("\t".join(["D", *terms_fields(terms or []), "T", "W", hx(data)]))
    bad = 0
    for (terms, vr, raw, value), ans in zip(cases, ask(lines), strict=False):
        mine = postprocess(vr, bytes.fromhex(ans[1]).decode())
        theirs = (
            [str(v) for v in value]
            if isinstance(value, (list, pydicom.multival.MultiValue))
            else [str(value)]
        )
        if mine != theirs:
            bad += 1
            print("FILE MISMATCH", terms, vr, raw, mine, theirs)
    charset_cases = sum(1 for t, *_ in cases if t)
    print(
        f"files: {len(files)} read, {len(cases)} text elements ({charset_cases} with (0008,0005)), {bad} mismatches"
    )
    return bad


# --- 2. random pydicom-level cases ---------------------------------------------------------

DEFINED = [t for t in pc.python_encoding if t]
MISSPELT = [
    "ISO IR 100",
    "ISO-IR 144",
    "ISO_2022-IR 100",
    "ISO_2022_IR+126",
    "ISOIR 192",
    "ISO 2022 IR 146",
    "ISO IR 999",
    "ISO_IR 87",
    "iso_ir_100",
    "ISO2022IR87",
    "ISO\n2022 IR 6",
]
PYNAMES = [
    "utf8",
    "UTF-8",
    "latin_1",
    "ISO-8859-1",
    "windows-1252",
    "cp1251",
    "koi8-r",
    "iso_ir_126",
    "shift_jis",
    "sjis",
    "euc_kr",
    "gb2312",
    "iso2022_jp",
    "ISO2022_JP",
    "iso_ir_58",
    "ascii",
    "mac_arabic",
    "tis-620",
    "l1",
    "u8",
    "gbk",
    "UNSUPPORTED",
    " latin 1 ",
    "iso8859.1",
]
ESCAPES = [
    *list(pc.CODES_TO_ENCODINGS),
    b"\x1b",
    b"\x1b$",
    b"\x1b$(",
    b"\x1b(I",
    b"\x1bN!",
    b"\x1bNA",
    b"\x1b.A",
    b"\x1b$(C",
    b"\x1b$A",
    b"\x1b$@",
    b"\x1b-Z",
    b"\x1b&@",
    b"\x1b(ABCDEFGHIJKLMNOPQR"[:5] + b"abcdefghijklmnopq",
]
TRICKY = [
    b"\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4",
    b"\xa4\xd4\xa4\xb4\xa4\xc1\xa4\xa9",
    b"\xa4\xd4\xa4",
    b"\xa4\xd4\xa4\xa3\xa4\xbf\xa4\xd4",
    bytes([0x81, 0x30, 0x81, 0x30]),
    bytes([0x84, 0x31, 0xA4, 0x39]),
    bytes([0x84, 0x31, 0xA5, 0x30]),
    bytes([0x90, 0x30, 0x81, 0x30]),
    bytes([0xE3, 0x32, 0x9A, 0x35]),
    bytes([0xE3, 0x32, 0x9A, 0x36]),
    bytes([0x85, 0x30, 0x81, 0x30]),
    bytes([0x81, 0x30]),
    b"\x80",
    b"\x81\x7f",
    b"\x81\x3f",
    b"\xeb\x40",
    b"\xa0",
    b"\xfd",
    b"\x1b&@\x1b$B",
    b"\x1b&@",
    b"\x0e\x0f",
]
SAMPLES = "AZaz09 .^=\\é€ÄöΔιονΛюкשרقبنมา山田太郎やまだﾔﾏﾀﾞ洪吉洞홍길동王小東东鷗齩ｱア¥‾＼〜∥－￠①"
CODECS_FOR_SAMPLES = [
    "latin_1",
    "iso8859_7",
    "iso8859_5",
    "iso8859_8",
    "iso8859_6",
    "tis_620",
    "shift_jis",
    "euc_kr",
    "gb2312",
    "gbk",
    "gb18030",
    "utf_8",
    "iso2022_jp",
    "iso2022_jp_2",
]


def random_terms(rng):
    n = rng.choice([1, 1, 2, 2, 3])
    pool = DEFINED * 4 + MISSPELT + PYNAMES
    terms = [rng.choice(pool) for _ in range(n)]
    if rng.random() < 0.3:
        terms[0] = ""
    return terms


def random_bytes(rng):
    pieces = []
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.2:
            pieces.append(rng.choice(ESCAPES))
        elif r < 0.35:
            pieces.append(
                rng.choice([b"\r", b"\n", b"\t", b"\x0c", b"^", b"=", b"\\", b" ", b"\x00"])
            )
        elif r < 0.5:
            pieces.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))))
        elif r < 0.6:
            pieces.append(bytes(rng.randrange(0x21, 0x7F) for _ in range(rng.randint(1, 6))))
        elif r < 0.7:
            pieces.append(rng.choice(TRICKY))
        else:
            codec = rng.choice(CODECS_FOR_SAMPLES)
            text = "".join(rng.choice(SAMPLES) for _ in range(rng.randint(1, 5)))
            encoded = text.encode(codec, errors="ignore")
            if codec.startswith("iso2022") and rng.random() < 0.5:
                encoded = encoded.replace(b"\x1b(B", b"")
            pieces.append(encoded)
    return b"".join(pieces)


def random_text(rng):
    return "".join(rng.choice(SAMPLES) for _ in range(rng.randint(0, 8)))


def pydicom_decode(encs, delims, data):
    if delims == "P":
        return "=".join(_decode_personname(data.split(b"="), encs)).encode()
    return pc.decode_bytes(data, encs, TEXT_VR_DELIMS if delims == "T" else set()).encode()


def pydicom_encode(encs, kind, text):
    if kind == "P":
        comps = text.split("=")
        while comps and not comps[-1]:
            comps.pop()
        return _encode_personname(comps, encs)
    return pc.encode_string(text, encs)


def check_random(rng, n):
    cases, lines = [], []
    for _ in range(n):
        terms = random_terms(rng)
        r = rng.random()
        if r < 0.1:
            cases.append(("P", terms, None))
            lines.append("\t".join(["P", *terms_fields(terms)]))
        elif r < 0.7:
            delims = rng.choice("TTPN")
            mode = rng.choice("WWWR")
            data = random_bytes(rng)
            cases.append(("D", terms, (delims, mode, data)))
            lines.append("\t".join(["D", *terms_fields(terms), delims, mode, hx(data)]))
        else:
            kind = rng.choice("TP")
            mode = rng.choice("WWWR")
            text = random_text(rng)
            cases.append(("E", terms, (kind, mode, text)))
            lines.append("\t".join(["E", *terms_fields(terms), kind, mode, hx(text.encode())]))
    bad = skipped = 0
    for (cmd, terms, args), ans in zip(cases, ask(lines), strict=False):
        # the encodings as converted in WARN mode (RAISE is checked with "P")
        encs, term_warnings = pydicom_call(lambda: pc.convert_encodings(list(terms)))
        if cmd == "P":
            strict, _ = pydicom_call(
                lambda: pc.convert_encodings(list(terms)), "reading_validation_mode", config.RAISE
            )
            unknown = unlist(ans[3])
            ok = (
                unlist(ans[1]) == encs
                and unlist(ans[2]) == term_warnings
                and (strict == "ERR") == bool(unknown)
            )
            expected = (encs, term_warnings, strict)
        elif cmd == "D":
            delims, mode, data = args
            result, warns = pydicom_call(
                lambda: pydicom_decode(encs, delims, data),
                "reading_validation_mode",
                config.RAISE if mode == "R" else config.WARN,
            )
            expected = (result, warns)
            if result == "EXC":
                skipped += 1
                continue
            ok = (
                (ans[0] == "ERR")
                if result == "ERR"
                else (
                    ans[0] == "OK" and bytes.fromhex(ans[1]) == result and unlist(ans[2]) == warns
                )
            )
        else:
            kind, mode, text = args
            result, warns = pydicom_call(
                lambda: pydicom_encode(encs, kind, text),
                "writing_validation_mode",
                config.RAISE if mode == "R" else config.WARN,
            )
            expected = (result, warns)
            if result == "EXC":
                skipped += 1
                continue
            ok = (
                (ans[0] == "ERR")
                if result == "ERR"
                else (
                    ans[0] == "OK"
                    and bytes.fromhex(ans[1]) == bytes(result)
                    and unlist(ans[2]) == warns
                )
            )
        if not ok:
            bad += 1
            if bad <= 20:
                print("MISMATCH", cmd, terms, args, "\n   mine:", ans, "\n   pydicom:", expected)
    print(f"random cases: {n}, {bad} mismatches, {skipped} skipped (pydicom crashes)")
    return bad


# --- 3. the codecs themselves -------------------------------------------------------------

CODEC_NAMES = [
    "ascii",
    "latin_1",
    "iso8859_2",
    "iso8859_7",
    "iso8859_8",
    "iso8859_9",
    "tis_620",
    "cp1252",
    "mac_arabic",
    "koi8_u",
    "utf_8",
    "shift_jis",
    "euc_kr",
    "gb2312",
    "gbk",
    "gb18030",
    "iso2022_jp",
    "iso2022_jp_2",
]


def check_codecs(rng, n):
    cases, lines = [], []
    for _ in range(n):
        name = rng.choice(CODEC_NAMES)
        if rng.random() < 0.6:
            op = rng.choice("dD")
            r = rng.random()
            if r < 0.3:
                data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 12)))
            elif r < 0.6:
                alphabet = b"\x1b$()&.@ABCDFJN!\x21\x7e\x5c\x30\x39\x80\x81\xa0\xa1\xa4\xd4\xdf\xe0\xea\xfe\xff\n"
                data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
            else:
                data = random_bytes(rng)
            lines.append("\t".join(["C", hx(name.encode()), op, hx(data)]))
        else:
            op = rng.choice("eE")
            data = random_text(rng) + chr(
                rng.choice([0x41, 0x1F600, 0x20AC, 0x3000, rng.randrange(0x80, 0xD800)])
            )
            lines.append("\t".join(["C", hx(name.encode()), op, hx(data.encode())]))
        cases.append((name, op, data))
    bad = 0
    for (name, op, data), ans in zip(cases, ask(lines), strict=False):
        try:
            if op in "dD":
                want = data.decode(name, errors="strict" if op == "d" else "replace").encode()
            else:
                want = data.encode(name, errors="strict" if op == "e" else "replace")
            ok = ans[0] == "OK" and bytes.fromhex(ans[1]) == want
        except UnicodeEncodeError as e:
            want = f"ERR at {e.start}"
            ok = ans == ["ERR", str(e.start)]
        except UnicodeDecodeError:
            want = "ERR"
            ok = ans[0] == "ERR"
        if not ok:
            bad += 1
            if bad <= 20:
                print("CODEC MISMATCH", name, op, data, "\n   mine:", ans, "\n   python:", want)
    print(f"codec cases: {n}, {bad} mismatches")
    return bad


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bad = check_files() + check_random(rng, args.cases) + check_codecs(rng, args.cases)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
