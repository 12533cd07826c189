"""pydicom 3.0.2's own tests, run against pyrdicom: no file may score below its committed floor.

The scores and the table in docs/compat.md come from ``python tests/pydicom_suite/run.py``.
"""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "pydicom_suite"))
import run as suite

FLOOR = json.loads(suite.FLOOR.read_text())
REFERENCE = json.loads(suite.REFERENCE.read_text())


@pytest.fixture(scope="module")
def results():
    try:
        suite.fetch()
    except Exception as exc:  # pip could not fetch the sdist: no index reachable
        pytest.skip(f"pydicom's source distribution is not available: {exc}")
    return suite.run_many(sorted(FLOOR), "pyrdicom")


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_pass_rate_holds(results, name):
    got = suite.score(results[name], REFERENCE[name])
    failing = [t for t in REFERENCE[name] if results[name].get(t) != "passed"]
    assert got["passed"] >= FLOOR[name]["passed"], (
        f"{name}: {got['passed']} of pydicom's {got['reference']} pass, "
        f"floor {FLOOR[name]['passed']}; "
        f"not passing now: {failing[:20]}"
    )
