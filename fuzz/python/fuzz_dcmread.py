"""atheris (libFuzzer for Python) over pyrdicom's Python layer: `dcmread(bytes)`, every value
touched (recursively), `pixel_array`, `save_as(BytesIO)` and the written bytes read back
(exercise.py).

Anything raised that is not a `DicomError` (or an `OSError`) is a bug. By default the first one
stops the run with its input saved by libFuzzer; with FUZZ_COLLECT=DIR the run goes on and each
distinct failure (exception type and the line it came from) is saved once in DIR instead.
Findings, once fixed, go to fuzz/regressions/python/ (replayed by
tests/test_fuzz_regressions.py). Run through `scripts/fuzz.sh python SECONDS`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import traceback
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["pyrdicom"]):
    from exercise import exercise

COLLECT = os.environ.get("FUZZ_COLLECT")
seen: set[str] = set()


def signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if "pyrdicom" in f.filename), frames[-1])
    return f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"


def test_one_input(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exercise(data)
        except Exception as exc:
            if not COLLECT:
                raise
            sig = signature(exc)
            if sig in seen:
                return
            seen.add(sig)
            name = hashlib.sha1(data).hexdigest()
            Path(COLLECT).mkdir(parents=True, exist_ok=True)
            (Path(COLLECT) / name).write_bytes(data)
            print(f"FOUND {sig}: {str(exc)[:200]} -> {name}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.setrecursionlimit(3000)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
