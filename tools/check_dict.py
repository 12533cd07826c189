#!/usr/bin/env python3
"""Check src/dict against pydicom: writes pydicom's answers for ~100k lookups to a file and
runs the ignored Rust test `dict::tests::pydicom_oracle`, which asserts pyrdicom agrees.

Usage: python3 tools/check_dict.py
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
from pydicom._private_dict import private_dictionaries
from pydicom._uid_dict import UID_dictionary
from pydicom.datadict import get_entry, get_private_entry, keyword_dict, tag_for_keyword

ROOT = Path(__file__).resolve().parent.parent


def answer(fn, *args) -> str:
    try:
        v = fn(*args)
    except KeyError:
        return "KeyError"
    if v is None:
        return "KeyError"
    return v if isinstance(v, str) else "\t".join(v)


def fill(pattern: str, rng: random.Random) -> int:
    return int("".join(rng.choice("0123456789ABCDEF") if c == "x" else c for c in pattern), 16)


def main() -> None:
    rng = random.Random(1)
    lines = []

    def entry(tag: int) -> None:
        lines.append(f"E\t{tag:08X}\t{answer(get_entry, tag)}")

    for tag in DicomDictionary:
        entry(tag)
        entry(tag ^ 0x00010000)  # the same element in an odd (private) group
    for pattern in RepeatersDictionary:
        for _ in range(20):
            entry(fill(pattern, rng))
    for group in range(0, 0x10000, 0x101):
        entry(group << 16)  # group lengths
    for _ in range(20000):
        entry(rng.getrandbits(32))

    kws = list(keyword_dict) + [v[4] for v in RepeatersDictionary.values()]
    kws += ["", "patientname", "NoSuchKeyword", "PatientName "]
    for kw in kws:
        tag = tag_for_keyword(kw)
        lines.append(f"K\t{kw}\t{'KeyError' if tag is None else f'{tag:08X}'}")

    def private(creator: str, tag: int) -> None:
        lines.append(f"P\t{creator}\t{tag:08X}\t{answer(get_private_entry, tag, creator)}")

    for creator, entries in private_dictionaries.items():
        for key in entries:
            for _ in range(3):
                private(creator, fill(key, rng))
        private(creator, rng.getrandbits(32))
    for key in ["0029xx10", "0019xx08"]:
        private("NO SUCH CREATOR", fill(key, rng))
        private("siemens csa header", fill(key, rng))

    by_kw = {v[4]: uid for uid, v in UID_dictionary.items() if v[4]}
    for uid in UID_dictionary:
        lines.append(f"U\t{uid}\t{answer(UID_dictionary.get, uid)}")
    for uid in ["1.2.3", "1.2.840.10008.1.2.", ""]:
        lines.append(f"U\t{uid}\t{answer(UID_dictionary.get, uid)}")
    for kw in [*list(by_kw), "", "NoSuchUID"]:
        lines.append(f"UK\t{kw}\t{by_kw.get(kw, 'KeyError')}")

    if any(line.count("\n") for line in lines):
        sys.exit("newline in a dictionary value")
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} pydicom answers in {f.name}")
    cmd = [
        "cargo",
        "test",
        "--lib",
        "dict::tests::pydicom_oracle",
        "--",
        "--ignored",
        "--nocapture",
    ]
    rc = subprocess.call(cmd, cwd=ROOT, env={**os.environ, "PYRDICOM_DICT_ORACLE": f.name})
    os.unlink(f.name)
    sys.exit(rc)


if __name__ == "__main__":
    main()
