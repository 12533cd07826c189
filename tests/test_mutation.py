"""Seeded mutation test: 10,000 corrupted corpus files, read in a subprocess so that a crash,
hang or runaway allocation is caught. Every input must read, or fail with a DicomError: no
other exception (an AttributeError or ValueError that is not a DicomError included)."""

from __future__ import annotations

import os
import random

from corpus import corpus_files
from mutate_child import read_in_child

SEED = 20261125
CASES = 10_000
MAX_FILE_SIZE = 300_000


def test_mutated_corpus_never_crashes():
    sources = [p for p in corpus_files() if 16 <= os.path.getsize(p) <= MAX_FILE_SIZE]
    rng = random.Random(SEED)
    # Each case is a file and the seed of its corruption; the child corrupts it in memory.
    cases = [f"{sources[k % len(sources)]}\t{rng.getrandbits(32)}" for k in range(CASES)]
    results = read_in_child(cases, timeout=1200)
    bad = [(c, r) for c, r in zip(cases, results, strict=True) if r.startswith("other")]
    assert not bad, f"{len(bad)} inputs raised a non-DicomError, e.g. {bad[:10]}"
