"""pytest plugin: run pydicom's own test suite with ``pydicom`` resolved to pyrdicom.

Loaded with ``-p pyrdicom_as_pydicom`` (its folder on ``sys.path``). With ``PYRDICOM_SUITE_TARGET``
set to ``pydicom`` the real pydicom runs instead (the reference counts); with ``pyrdicom`` (the
default) a meta-path finder answers ``pydicom`` and every ``pydicom.X`` with the pyrdicom module of
the same name. Only ``pydicom.data`` (the test-file locator) comes from the real pydicom; its
downloads fail at once, since CI has no network. Each test's outcome is written as JSON lines to
``PYRDICOM_SUITE_OUT``.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

TARGET = os.environ.get("PYRDICOM_SUITE_TARGET", "pyrdicom")


def _real_pydicom_root() -> Path:
    spec = importlib.util.find_spec("pydicom")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the real pydicom (a test dependency) is needed for pydicom.data")
    return Path(next(iter(spec.submodule_search_locations)))


class _PyrdicomAsPydicom(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``pydicom[.X]`` → ``pyrdicom[.X]`` (the same module object); ``pydicom.data`` → real."""

    def __init__(self) -> None:
        self._real_root = _real_pydicom_root()
        self._specs: dict[str, importlib.machinery.ModuleSpec | None] = {}

    def find_spec(self, name, path=None, target=None):
        if name != "pydicom" and not name.startswith("pydicom."):
            return None
        if name == "pydicom.data" or name.startswith("pydicom.data."):
            return self._real_data_spec(name)
        alias = "pyrdicom" + name[len("pydicom") :]
        try:
            real = importlib.util.find_spec(alias)
        except ModuleNotFoundError:
            return None
        if real is None:
            return None
        return importlib.util.spec_from_loader(
            name, self, is_package=real.submodule_search_locations is not None
        )

    def _real_data_spec(self, name: str):
        where = self._real_root.joinpath(*name.split(".")[1:])
        if where.is_dir():
            return importlib.util.spec_from_file_location(
                name, where / "__init__.py", submodule_search_locations=[str(where)]
            )
        if where.with_suffix(".py").exists():
            return importlib.util.spec_from_file_location(name, where.with_suffix(".py"))
        return None

    def create_module(self, spec):
        return importlib.import_module("pyrdicom" + spec.name[len("pydicom") :])

    def exec_module(self, module: ModuleType) -> None:
        # The import system stamped the alias's spec on the shared module: put pyrdicom's back so
        # reload() and pickling by module name keep working.
        alias = module.__name__
        real = "pyrdicom" + alias[len("pydicom") :] if alias.startswith("pydicom") else alias
        module.__name__ = real
        # from the files, not sys.modules (whose entry may carry the alias's spec by now)
        parent = real.rpartition(".")[0]
        path = sys.modules[parent].__path__ if parent else None
        module.__spec__ = importlib.machinery.PathFinder.find_spec(real, path)
        if alias != real:
            # reload() of the alias renames the module to it: re-run pyrdicom's code, as a
            # reload means (a first import keeps the module's own name and is not re-run)
            module.__spec__.loader.exec_module(module)


def _no_downloads() -> None:
    from pydicom.data import data_manager  # the real one (see the finder)

    def refuse(filename, *args, **kwargs):
        raise OSError(f"no network: {filename} is not in the local test data")

    data_manager.data_path_with_download = refuse


if TARGET == "pyrdicom":
    for mod in [m for m in sys.modules if m == "pydicom" or m.startswith("pydicom.")]:
        del sys.modules[mod]
    sys.meta_path.insert(0, _PyrdicomAsPydicom())
_no_downloads()


def pytest_make_parametrize_id(config, val, argname):
    # A test-data file's id is its name: pytest ids a string of over 100 characters by the
    # argument's name and index, so a path's id would depend on where the data is installed
    if isinstance(val, str) and os.path.isabs(val) and os.path.isfile(val):
        return os.path.basename(val)
    return None


_outcomes: dict[str, str] = {}


def pytest_runtest_logreport(report) -> None:
    # A test's outcome: failed in any phase > skipped > passed in its call phase.
    prev = _outcomes.get(report.nodeid)
    if report.failed:
        _outcomes[report.nodeid] = "error" if report.when != "call" else "failed"
    elif report.skipped and prev is None:
        _outcomes[report.nodeid] = "skipped"
    elif report.passed and report.when == "call" and prev is None:
        _outcomes[report.nodeid] = "passed"


def pytest_collectreport(report) -> None:
    if report.failed:
        _outcomes[report.nodeid or "<collection>"] = "collection-error"


def pytest_sessionfinish(session, exitstatus) -> None:
    out = os.environ.get("PYRDICOM_SUITE_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            for nodeid, outcome in sorted(_outcomes.items()):
                fh.write(json.dumps({"id": nodeid, "outcome": outcome}) + "\n")
