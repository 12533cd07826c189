#!/usr/bin/env python3
"""Generate src/dict/table.rs from the installed pydicom's dictionaries.

Usage: python3 tools/gen_dict.py   (run from anywhere; writes into this repository)

Sources: pydicom._dicom_dict (DicomDictionary, RepeatersDictionary), pydicom.datadict
(keyword_dict, so tag_for_keyword agrees with pydicom's), pydicom._private_dict
(private_dictionaries) and pydicom._uid_dict (UID_dictionary). See docs/dictionary.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pydicom
from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
from pydicom._private_dict import private_dictionaries
from pydicom._uid_dict import UID_dictionary
from pydicom.datadict import keyword_dict

OUT = Path(__file__).resolve().parent.parent / "src" / "dict" / "table.rs"

# Shapes of the private keys pydicom's get_private_entry builds, in its lookup order:
# "ggggeeee", "ggggxxee" (block byte masked), "ggxxxxee". PRIVATE_MASKS in mod.rs matches.
PRIVATE_KINDS = ["HHHHHHHH", "HHHHxxHH", "HHxxxxHH"]


def lit(s: str) -> str:
    """A Rust string literal."""
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif " " <= c <= "~" or ord(c) > 0x9F:
            out.append(c)
        else:
            out.append(f"\\u{{{ord(c):x}}}")
    return '"' + "".join(out) + '"'


def utf8_key(s: str) -> bytes:
    # Rust's str ordering is bytewise; sort the same way so binary searches agree.
    return s.encode("utf-8")


def retired(flag: str, where: str) -> str:
    if flag not in ("", "Retired"):
        sys.exit(f"unexpected retired flag {flag!r} for {where}")
    return "true" if flag else "false"


def mask_of(pattern: str) -> tuple[int, int]:
    """(value, mask) for a pattern with 'x' nibbles, as pydicom's datadict.masks."""
    value = int(pattern.replace("x", "0"), 16)
    mask = int("".join("F0"[c == "x"] for c in pattern), 16)
    return value, mask


def entry(tag: int, v: tuple[str, str, str, str, str], where: str) -> str:
    vr, vm, name, ret, kw = v
    return f"e(0x{tag:08X}, {lit(vr)}, {lit(vm)}, {lit(name)}, {lit(kw)}, {retired(ret, where)})"


def gen_public(out: list[str]) -> None:
    tags = sorted(DicomDictionary)
    out.append(f"pub(super) static ENTRIES: [DictEntry; {len(tags)}] = [")
    out += [f"    {entry(t, DicomDictionary[t], f'{t:08X}')}," for t in tags]
    out.append("];")
    out.append("")

    # Repeaters keep pydicom's order: mask_match returns the first matching pattern.
    out.append(
        "/// (mask, entry) in pydicom's RepeatersDictionary order; entry.tag has x nibbles = 0."
    )
    out.append(f"pub(super) static REPEATERS: [(u32, DictEntry); {len(RepeatersDictionary)}] = [")
    for pattern, v in RepeatersDictionary.items():
        value, mask = mask_of(pattern)
        out.append(f"    (0x{mask:08X}, {entry(value, v, pattern)}),")
    out.append("];")
    out.append("")

    index = {t: i for i, t in enumerate(tags)}
    kws = sorted(keyword_dict, key=utf8_key)
    if max(index.values()) > 0xFFFF:
        sys.exit("public dictionary too large for u16 keyword index")
    out.append("/// Indices into ENTRIES sorted by keyword: pydicom's datadict.keyword_dict.")
    out.append(f"pub(super) static BY_KEYWORD: [u16; {len(kws)}] = [")
    out += wrap([str(index[keyword_dict[k]]) for k in kws])
    out.append("];")
    out.append("")


def gen_private(out: list[str]) -> None:
    vrs: dict[str, int] = {}
    vms: dict[str, int] = {}
    names = sorted({v[2] for d in private_dictionaries.values() for v in d.values()}, key=utf8_key)
    name_off: dict[str, int] = {}
    offset = 0
    for n in names:
        if len(n.encode()) > 0xFF:
            sys.exit(f"private name too long for u8 length: {n!r}")
        name_off[n] = offset
        offset += len(n.encode())

    creators = []
    rows = []
    skipped = 0
    for creator in sorted(private_dictionaries, key=utf8_key):
        keyed = []
        for key, (vr, vm, name, ret) in private_dictionaries[creator].items():
            shape = "".join("x" if c == "x" else "H" for c in key)
            if shape not in PRIVATE_KINDS:
                # e.g. "001110xx": get_private_entry never builds such a key, so it is unreachable.
                skipped += 1
                continue
            if any(c in "abcdef" for c in key):
                skipped += 1  # get_private_entry builds upper-case keys only
                continue
            kind = PRIVATE_KINDS.index(shape)
            value, _ = mask_of(key)
            vr_i = vrs.setdefault(vr, len(vrs))
            vm_i = vms.setdefault(vm, len(vms))
            nlen = len(name.encode())
            ret = retired(ret, f"{creator}/{key}")
            row = f"    p(0x{value:08X}, {kind}, {vr_i}, {vm_i}, {name_off[name]}, {nlen}, {ret}),"
            keyed.append(((kind, value), row))
        if len(vrs) > 0x100 or len(vms) > 0x100:
            sys.exit("too many distinct private VRs/VMs for u8 indices")
        keyed.sort()
        creators.append(f"    c({lit(creator)}, {len(rows)}, {len(rows) + len(keyed)}),")
        rows += [r for _, r in keyed]

    out.append(
        '/// Distinct private VRs (pydicom\'s strings, e.g. "OB_OW"), indexed by PrivateEntry.'
    )
    out.append(f"pub(super) static PRIVATE_VRS: [&str; {len(vrs)}] = [")
    out += wrap([lit(v) for v in vrs])
    out.append("];")
    out.append(f"pub(super) static PRIVATE_VMS: [&str; {len(vms)}] = [")
    out += wrap([lit(v) for v in vms])
    out.append("];")
    out.append("")
    out.append(
        "/// Every distinct private element name, concatenated; PrivateEntry holds byte ranges."
    )
    out.append("pub(super) static PRIVATE_NAMES: &str = concat!(")
    out += [f"    {lit(n)}," for n in names]
    out.append(");")
    out.append("")
    out.append("/// Private creators sorted bytewise, each owning a range of PRIVATE_ENTRIES.")
    out.append(f"pub(super) static PRIVATE_CREATORS: [PrivateCreator; {len(creators)}] = [")
    out += creators
    out.append("];")
    out.append("")
    out.append(f"/// {skipped} pydicom keys that get_private_entry can never match are left out.")
    out.append("/// Within a creator, sorted by (kind, tag) for binary search.")
    out.append(f"pub(super) static PRIVATE_ENTRIES: [PrivateEntry; {len(rows)}] = [")
    out += rows
    out.append("];")
    out.append("")


def gen_uids(out: list[str]) -> None:
    uids = sorted(UID_dictionary, key=utf8_key)
    out.append(f"pub(super) static UIDS: [UidEntry; {len(uids)}] = [")
    for uid in uids:
        name, kind, info, ret, kw = UID_dictionary[uid]
        out.append(
            f"    u({lit(uid)}, {lit(name)}, {lit(kind)}, {lit(info)}, {retired(ret, uid)}, "
            f"{lit(kw)}),"
        )
    out.append("];")
    out.append("")

    by_kw: dict[str, int] = {}
    for i, uid in enumerate(uids):
        kw = UID_dictionary[uid][4]
        if not kw:
            continue
        if kw in by_kw:
            sys.exit(f"duplicate UID keyword {kw}")
        by_kw[kw] = i
    out.append("/// Indices into UIDS sorted by keyword (UIDs without a keyword are left out).")
    out.append("#[cfg(test)]")
    out.append(f"pub(super) static UIDS_BY_KEYWORD: [u16; {len(by_kw)}] = [")
    out += wrap([str(by_kw[k]) for k in sorted(by_kw, key=utf8_key)])
    out.append("];")


def wrap(items: list[str], width: int = 96) -> list[str]:
    lines, cur = [], "   "
    for it in items:
        if len(cur) + len(it) + 2 > width:
            lines.append(cur)
            cur = "   "
        cur += f" {it},"
    if cur.strip():
        lines.append(cur)
    return lines


def main() -> None:
    out = [
        f"// @generated by tools/gen_dict.py from pydicom {pydicom.__version__}. Do not edit;",
        "// regenerate with `python3 tools/gen_dict.py` (see docs/dictionary.md).",
        "",
        "use super::{c, e, p, u, DictEntry, PrivateCreator, PrivateEntry, UidEntry};",
        "",
    ]
    gen_public(out)
    gen_private(out)
    gen_uids(out)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
