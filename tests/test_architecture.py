"""Rules about the code itself: the transfer-syntax registry (src/transfer_syntax.rs) is the one
place hand-written code names a transfer syntax UID."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A whole transfer syntax UID (PS3.6 Table A-1 roots them all at 1.2.840.10008.1.2 or .1.20).
TS_UID = re.compile(r"1\.2\.840\.10008\.1\.20?(?:\.\d+)*(?![\d.])")
REGISTRY = ROOT / "src" / "transfer_syntax.rs"
# Generated from pydicom's dictionaries, not written by hand.
GENERATED = {ROOT / "src" / "dict" / "table.rs"}
HAND_WRITTEN = ("src", "python/pyrdicom", "tools", "examples", "benches", "scripts")


def _is_test(path: Path) -> bool:
    # Tests may name UIDs as statements independent of the code under test.
    return path.name == "tests.rs" or "tests" in path.relative_to(ROOT).parts[1:]


def test_transfer_syntax_uids_only_in_the_registry() -> None:
    offenders = []
    for top in HAND_WRITTEN:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in {".rs", ".py", ".sh", ".pyi"} or path == REGISTRY:
                continue
            if path in GENERATED or _is_test(path):
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if TS_UID.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "transfer syntax UIDs outside the registry:\n" + "\n".join(offenders)


def test_the_pattern_finds_uids() -> None:
    assert TS_UID.search('"1.2.840.10008.1.2"') and TS_UID.search("x = '1.2.840.10008.1.2.4.50'")
    assert TS_UID.search("1.2.840.10008.1.20")
    assert not TS_UID.search("1.2.840.10008.1.2.")
    assert not TS_UID.search("1.2.840.10008.5.1.4.1.1.2")
