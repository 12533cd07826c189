"""The Python-level fuzzer's findings (fuzz/regressions/python/), replayed: each input reads,
writes and reads back, or fails with a DicomError (docs/robustness.md)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
sys.path.insert(0, str(FUZZ / "python"))

from exercise import exercise  # noqa: E402

FINDINGS = sorted((FUZZ / "regressions" / "python").iterdir())


@pytest.mark.parametrize("path", FINDINGS, ids=[p.name for p in FINDINGS])
def test_finding_raises_only_dicom_errors(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exercise(path.read_bytes())
