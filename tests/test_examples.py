"""The user examples in examples/ run (each in a fresh interpreter, on this source tree)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _run(script: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "python"), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_example_is_tested() -> None:
    assert {p.name for p in EXAMPLES.glob("*.py")} == {
        "read_modify_save.py",
        "view.py",
        "compress.py",
    }


def test_read_modify_save(tmp_path: Path) -> None:
    out = tmp_path / "out.dcm"
    assert "Anonymous^Patient" in _run(
        "read_modify_save.py", str(EXAMPLES / "CT_small.dcm"), str(out)
    )
    assert out.exists()


def test_view(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "ct.png"
    _run("view.py", "--output", str(png))
    assert png.read_bytes().startswith(b"\x89PNG")


def test_compress(tmp_path: Path) -> None:
    out = _run("compress.py", str(EXAMPLES / "CT_small.dcm"), str(tmp_path))
    assert "identical pixels" in out
    assert len(list(tmp_path.glob("*.dcm"))) == 3
