"""Every public callable has a numpydoc docstring with Parameters, Returns, Raises and Examples,
and its Parameters section names exactly its signature's parameters (for the compiled module's
functions, the stub's). The checks are tools/docstring_report.py's; docs/documentation.md says
what they demand. The examples run as doctests when the site is built (tests/test_docs.py).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import docstring_report as report


@functools.cache
def results() -> dict[str, tuple[list[str], str | None]]:
    """Each public callable's failed checks and Parameters disagreement (computed once)."""
    return {name: report.check(name) for name in report.public_callables()}


def test_public_callables_have_complete_docstrings() -> None:
    todo = report.todo()
    gaps = [
        f"{name}: {', '.join(report.CHECKS[c] for c in missing if c not in todo.get(name, ()))}"
        for name, (missing, _) in results().items()
        if not set(missing) <= todo.get(name, set())
    ]
    assert not gaps, "docstrings lacking parts (docs/documentation.md):\n" + "\n".join(gaps)


def test_the_todo_list_only_shrinks() -> None:
    # an entry whose callable is now complete (or gone) is dropped by --prune
    stale = [
        name
        for name, codes in report.todo().items()
        if name not in results() or not codes & set(results()[name][0])
    ]
    assert not stale, (
        "complete now; run `PYTHONPATH=python python3 tools/docstring_report.py --prune`:\n"
        + "\n".join(stale)
    )


def test_parameters_sections_match_the_signatures() -> None:
    wrong = [f"{name}: {why}" for name, (_, why) in results().items() if why]
    assert not wrong, "\n".join(wrong)


def test_compiled_functions_are_checked_against_the_stub(monkeypatch: pytest.MonkeyPatch) -> None:
    # the compiled module's signatures come from _core.pyi (which stubtest ties to the runtime)
    from pyrdicom import _core

    assert report._stub_signatures()["lut_apply"] == ["arr", "luts", "first_mapped"]
    assert report.signature_parameters(_core.WriteValue) == ["vr", "kind", "data"]  # __new__
    monkeypatch.setattr(report, "_stub_signatures", lambda: {"lut_apply": ["from_the_stub"]})
    assert report.signature_parameters(_core.lut_apply) == ["from_the_stub"]
