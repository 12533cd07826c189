#!/usr/bin/env python3
"""Generate the character set tables used by src/charset/ from CPython's own codecs.

pydicom decodes DICOM text with Python's codecs, so the mapping tables are taken from
them (by probing every code), not from WHATWG/encoding_rs, whose CJK and some
single-byte tables differ. The script also checks that the encoders the Rust side
derives from the decode tables (first code in table order wins; last byte for the
single-byte codecs) agree with Python's encoders for every BMP character.

Run from the repository root:  python tools/gen_charset_tables.py
Outputs src/charset/data/*.bin (little-endian u16 arrays) and src/charset/generated.rs.
"""

import codecs
import encodings
import encodings.aliases
import importlib
import itertools
import pkgutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "charset" / "data"
UNDEF = 0xFFFE  # marks an unmapped code in every table (Python's charmap uses the same)

MULTIBYTE = [
    "utf_8",
    "shift_jis",
    "euc_kr",
    "gb2312",
    "gbk",
    "gb18030",
    "iso2022_jp",
    "iso2022_jp_2",
]


def try_decode(b, enc):
    try:
        return b.decode(enc)
    except UnicodeDecodeError:
        return None


def try_encode(c, enc):
    try:
        return c.encode(enc)
    except UnicodeEncodeError:
        return None


def bmp_chars():
    for cp in range(0x80, 0x10000):
        if not 0xD800 <= cp <= 0xDFFF:
            yield chr(cp)


def write_u16(path, values):
    path.write_bytes(struct.pack(f"<{len(values)}H", *values))


# --- single-byte codecs -------------------------------------------------------------


def single_byte_codecs():
    """ASCII-compatible single-byte codecs: ascii, latin_1 and every charmap codec."""
    names = ["ascii", "latin_1"]
    for m in sorted(pkgutil.iter_modules(encodings.__path__), key=lambda m: m.name):
        try:
            mod = importlib.import_module("encodings." + m.name)
        except ImportError:
            continue
        table = getattr(mod, "decoding_table", None)
        if isinstance(table, str) and len(table) == 256:
            if table[:128] == "".join(map(chr, range(128))):
                names.append(m.name)
    return names


def single_byte_table(name):
    high = []
    for b in range(0x80, 0x100):
        s = try_decode(bytes([b]), name)
        high.append(UNDEF if s is None else ord(s))
    for b in range(0x80):
        assert bytes([b]).decode(name) == chr(b), name
    # like Python's charmap_build, the last byte mapping to a character wins (even
    # over ASCII: mac_arabic encodes ' ' as 0xA0)
    derived = {b: b for b in range(0x80)}
    for i, u in enumerate(high):
        if u != UNDEF:
            derived[u] = 0x80 + i
    for c in map(chr, range(0x10000)):
        if 0xD800 <= ord(c) <= 0xDFFF:
            continue
        want = try_encode(c, name)
        got = derived.get(ord(c))
        assert (want is None and got is None) or want == bytes([got]), (name, c)
    return high


# --- 94x94 double-byte sets ---------------------------------------------------------

DBCS_PROBES = {
    # set name: (escape sequence in a codec that has it as G0, that codec)
    "jisx0208": (b"\x1b$B", "iso2022_jp"),
    "jisx0212": (b"\x1b$(D", "iso2022_jp_2"),
    "ksx1001": (b"\x1b$(C", "iso2022_jp_2"),
    "gb2312": (b"\x1b$A", "iso2022_jp_2"),
}


def dbcs_table(name):
    esc, codec = DBCS_PROBES[name]
    table = []
    for r in range(0x21, 0x7F):
        for c in range(0x21, 0x7F):
            s = try_decode(esc + bytes([r, c]), codec)
            table.append(UNDEF if s is None else ord(s))
    for r in (0x20, 0x7F):
        for c in range(0x20, 0x80):
            assert try_decode(esc + bytes([r, c]), codec) is None
    return table


def first_code_map(table, index_to_code):
    m = {}
    for i, u in enumerate(table):
        if u != UNDEF:
            m.setdefault(u, index_to_code(i))
    return m


def dbcs_code(i):
    return ((0x21 + i // 94) << 8) | (0x21 + i % 94)


def python_dbcs_encoder(name):
    """Python's encoder for a 94x94 set, as (row << 8 | cell) in 0x21..0x7E form."""

    def enc(c):
        if name == "jisx0208":
            b = try_encode(c, "iso2022_jp")
            ok = b is not None and b[:3] == b"\x1b$B" and len(b) == 8
            return (b[3] << 8 | b[4]) if ok else None
        if name == "jisx0212":
            b = try_encode(c, "iso2022_jp_2")
            ok = b is not None and b[:4] == b"\x1b$(D" and len(b) == 9
            return (b[4] << 8 | b[5]) if ok else None
        b = try_encode(c, "euc_kr" if name == "ksx1001" else "gb2312")
        if b is None or len(b) != 2:
            return None
        return (b[0] & 0x7F) << 8 | (b[1] & 0x7F)

    return enc


def check_inverse(derived, python_encode, what):
    for c in bmp_chars():
        assert python_encode(c) == derived.get(ord(c)), (what, c)


# --- GBK / GB18030 ------------------------------------------------------------------

GB_LEADS = range(0x81, 0xFF)
GB_TRAILS = range(0x40, 0xFF)


def gb_index_to_code(i):
    return ((0x81 + i // len(GB_TRAILS)) << 8) | (0x40 + i % len(GB_TRAILS))


def gb_tables():
    table, gbk_mask = [], []
    for lead in GB_LEADS:
        for trail in GB_TRAILS:
            b = bytes([lead, trail])
            s = try_decode(b, "gb18030") if not 0x30 <= trail <= 0x39 else None
            k = try_decode(b, "gbk")
            assert k is None or k == s, b
            table.append(UNDEF if s is None else ord(s))
            gbk_mask.append(k is not None)
    # no valid two-byte code outside the table's lead/trail ranges
    for lead in range(0x80, 0x100):
        for trail in range(0x100):
            if lead in GB_LEADS and trail in GB_TRAILS:
                continue
            b = bytes([lead, trail])
            assert try_decode(b, "gbk") is None
            if not 0x30 <= trail <= 0x39:
                assert try_decode(b, "gb18030") is None, b
    return table, gbk_mask


def gb18030_four_byte(lseq):
    c, r = divmod(lseq, 12600)
    c2, r = divmod(r, 1260)
    c3, c4 = divmod(r, 10)
    return bytes([0x81 + c, 0x30 + c2, 0x81 + c3, 0x30 + c4])


def gb18030_ranges():
    """Runs (first linear index, first character) of the BMP four-byte area."""
    runs = []
    prev = None
    for lseq in range(39420):
        u = ord(gb18030_four_byte(lseq).decode("gb18030"))
        if prev is None or u - lseq != prev:
            runs.append((lseq, u))
            prev = u - lseq
    runs.append((39420, 0))  # sentinel: end of the last run
    return runs


def check_gb_encoders(table, gbk_mask, runs):
    def derived(mask):
        m = {}
        for i, u in enumerate(table):
            if u != UNDEF and (mask is None or mask[i]):
                m.setdefault(u, gb_index_to_code(i))
        return m

    def py_gbk(c):
        b = try_encode(c, "gbk")
        return None if b is None else (b[0] << 8 | b[1])

    check_inverse(derived(gbk_mask), py_gbk, "gbk")

    two = derived(None)
    for c in bmp_chars():
        cp = ord(c)
        if cp in two:
            code = two[cp]
            want = bytes([code >> 8, code & 0xFF])
        else:
            # the first run containing the character, as the Rust encoder searches
            want = next(
                gb18030_four_byte(cp - first + start)
                for (start, first), (end, _) in itertools.pairwise(runs)
                if first <= cp < first + (end - start)
            )
        assert try_encode(c, "gb18030") == want, c


# --- EUC-KR make-up sequences ---------------------------------------------------------


def euckr_jamo():
    cho, jong = [], []
    for b in range(0xA1, 0xBF):
        s = try_decode(bytes([0xA4, 0xD4, 0xA4, b, 0xA4, 0xBF, 0xA4, 0xD4]), "euc_kr")
        cho.append(0xFF if s is None else (ord(s) - 0xAC00) // 588)
        s = try_decode(bytes([0xA4, 0xD4, 0xA4, 0xA1, 0xA4, 0xBF, 0xA4, b]), "euc_kr")
        jong.append(0xFF if s is None else ord(s) - 0xAC00)
    return cho, jong


# --- checks of encoders built from the tables ------------------------------------------


def check_shift_jis(jis_enc):
    for c in bmp_chars():
        cp = ord(c)
        if cp == 0xA5:
            want = b"\x5c"
        elif cp == 0x203E:
            want = b"\x7e"
        elif 0xFF61 <= cp <= 0xFF9F:
            want = bytes([cp - 0xFEC0])
        elif cp in jis_enc:
            r, k = (jis_enc[cp] >> 8) - 0x21, (jis_enc[cp] & 0xFF) - 0x21
            lead = r // 2 + (0x81 if r < 0x3E else 0xC1)
            trail = k + (0x5E if r % 2 else 0)
            want = bytes([lead, trail + (0x40 if trail < 0x3F else 0x41)])
        else:
            want = None
        assert try_encode(c, "shift_jis") == want, c


def check_euc_kr(ksx1001, cho, jong):
    """Hangul syllables outside KS X 1001 encode as make-up sequences."""
    for c in bmp_chars():
        cp = ord(c)
        if cp in ksx1001:
            code = ksx1001[cp]
            want = bytes([code >> 8 | 0x80, code & 0xFF | 0x80])
        elif 0xAC00 <= cp <= 0xD7A3:
            s = cp - 0xAC00
            want = bytes(
                [
                    0xA4,
                    0xD4,
                    0xA4,
                    0xA1 + cho.index(s // 588),
                    0xA4,
                    0xBF + s // 28 % 21,
                    0xA4,
                    0xD4 if s % 28 == 0 else 0xA1 + jong.index(s % 28),
                ]
            )
        else:
            want = None
        assert try_encode(c, "euc_kr") == want, c


def check_iso2022_jp_2(encs):
    for c in bmp_chars():
        cp = ord(c)
        for name, esc in (
            ("jisx0208", b"\x1b$B"),
            ("jisx0212", b"\x1b$(D"),
            ("ksx1001", b"\x1b$(C"),
            ("gb2312", b"\x1b$(A"),
        ):
            if cp in encs[name]:
                code = encs[name][cp]
                want = esc + bytes([code >> 8, code & 0xFF]) + b"\x1b(B"
                break
        else:
            want = {0xA5: b"\x1b(J\x5c\x1b(B", 0x203E: b"\x1b(J\x7e\x1b(B"}.get(cp)
        assert try_encode(c, "iso2022_jp_2") == want, c


# --- codec names --------------------------------------------------------------------


def aliases(modules):
    out = {}
    for alias, module in encodings.aliases.aliases.items():
        # aliases are consulted before module names, so dropping an alias of an
        # unsupported codec must not expose a supported module of the same name
        assert module in modules or alias not in modules
        if module in modules:
            out[alias] = module
    for module in modules:
        codecs.lookup(module)
    return sorted(out.items())


# --- output -------------------------------------------------------------------------


def rust_u8_array(name, values):
    body = "".join(f"    {v},\n" for v in values)
    return f"pub(super) static {name}: [u8; {len(values)}] = [\n{body}];\n"


def main():
    DATA.mkdir(parents=True, exist_ok=True)
    sbcs = single_byte_codecs()
    write_u16(DATA / "sbcs.bin", [u for name in sbcs for u in single_byte_table(name)])

    encs = {}
    for name in DBCS_PROBES:
        table = dbcs_table(name)
        write_u16(DATA / f"{name}.bin", table)
        encs[name] = first_code_map(table, dbcs_code)
        check_inverse(encs[name], python_dbcs_encoder(name), name)
    check_shift_jis(encs["jisx0208"])
    check_iso2022_jp_2(encs)

    table, gbk_mask = gb_tables()
    write_u16(DATA / "gb18030.bin", table)
    mask_bytes = bytearray((len(gbk_mask) + 7) // 8)
    for i, ok in enumerate(gbk_mask):
        if ok:
            mask_bytes[i // 8] |= 1 << (i % 8)
    (DATA / "gbk_mask.bin").write_bytes(bytes(mask_bytes))
    runs = gb18030_ranges()
    check_gb_encoders(table, gbk_mask, runs)
    cho, jong = euckr_jamo()
    check_euc_kr(encs["ksx1001"], cho, jong)

    out = [
        "// @generated by tools/gen_charset_tables.py from CPython "
        f"{sys.version.split()[0]}'s codecs; do not edit.\n",
        "\n",
        f"pub(super) static SBCS_MODULES: [&str; {len(sbcs)}] = [\n",
        "".join(f'    "{n}",\n' for n in sbcs),
        "];\n\n",
        "/// Python codec aliases (normalised) of the supported codecs, sorted.\n",
        f"pub(super) static ALIASES: [(&str, &str); {len(aliases(sbcs + MULTIBYTE))}] = [\n",
        "".join(f'    ("{a}", "{m}"),\n' for a, m in aliases(sbcs + MULTIBYTE)),
        "];\n\n",
        "/// GB18030 four-byte BMP area: runs of (linear index, first character); the last\n"
        "/// entry only marks the end.\n",
        f"pub(super) static GB18030_RANGES: [(u16, u16); {len(runs)}] = [\n",
        "".join(f"    ({a}, 0x{b:04X}),\n" for a, b in runs),
        "];\n\n",
        "/// EUC-KR make-up sequences: choseong / jongseong index per jamo byte 0xA1..=0xBE\n"
        "/// (0xFF: not allowed in that position).\n",
        rust_u8_array("EUCKR_CHOSEONG", cho),
        rust_u8_array("EUCKR_JONGSEONG", jong),
        "\n",
    ]
    generated = ROOT / "src" / "charset" / "generated.rs"
    generated.write_text("".join(out))
    subprocess.run(["rustfmt", "--edition", "2021", str(generated)], check=True)
    print("single-byte codecs:", len(sbcs), "gb18030 runs:", len(runs) - 1)


if __name__ == "__main__":
    main()
