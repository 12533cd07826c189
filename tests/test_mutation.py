"""Seeded mutation test: thousands of corrupted corpus files, read in a subprocess so that a
crash, hang or runaway allocation is caught. Every input must read, or fail with a DicomError."""

from __future__ import annotations

import os
import random
from pathlib import Path

from corpus import corpus_files
from mutate_child import read_in_child

SEED = 20261125
CASES_PER_FILE = 12
MAX_FILE_SIZE = 300_000
# A missing or unusable Image Pixel module element is pydicom's AttributeError too.
ALLOWED_OTHER = ("builtins.AttributeError",)


def _mutations(data: bytes, rng: random.Random) -> list[bytes]:
    n = len(data)
    out = []
    for _ in range(CASES_PER_FILE):
        kind = rng.randrange(5)
        b = bytearray(data)
        if kind == 0:  # truncated anywhere
            out.append(bytes(b[: rng.randrange(n)]))
            continue
        if kind == 1:  # bytes flipped
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(n)
                b[i] ^= 1 << rng.randrange(8)
        elif kind == 2:  # a huge length somewhere
            i = rng.randrange(max(n - 4, 1))
            b[i : i + 4] = (0xFFFFFFF0).to_bytes(4, "little")
        elif kind == 3:  # undefined length somewhere
            i = rng.randrange(max(n - 4, 1))
            b[i : i + 4] = b"\xff\xff\xff\xff"
        else:  # a region repeated many times (items repeated thousands of times)
            i = rng.randrange(n)
            j = min(n, i + rng.randint(8, 64))
            b[i:i] = bytes(b[i:j]) * rng.randint(100, 3000)
        out.append(bytes(b))
    return out


def test_mutated_corpus_never_crashes(tmp_path: Path):
    rng = random.Random(SEED)
    paths = []
    for src in corpus_files():
        if os.path.getsize(src) > MAX_FILE_SIZE:
            continue
        data = Path(src).read_bytes()
        if len(data) < 16:
            continue
        for k, mutated in enumerate(_mutations(data, rng)):
            p = tmp_path / f"{Path(src).name}.{k}"
            p.write_bytes(mutated)
            paths.append(p)
    assert len(paths) > 1000
    results = read_in_child(paths)
    bad = [
        (str(p), r)
        for p, r in zip(paths, results, strict=True)
        if r.startswith("other") and not r.split()[1].rstrip(":").startswith(ALLOWED_OTHER)
    ]
    assert not bad, f"{len(bad)} inputs raised a non-DicomError, e.g. {bad[:10]}"
