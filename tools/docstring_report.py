"""Which public callables lack what the API reference needs (numpydoc's checks).

    PYTHONPATH=python python3 tools/docstring_report.py [--list]

For every public module of pyrdicom (as the API reference finds them) and every public function,
class and method in it (its ``__all__``, else the names it defines without a leading
underscore), counts the docstrings that are missing (GL08), that leave parameters undocumented
(PR01), or have no Returns (RT01) or Examples (EX01) section. ``--list`` prints each callable
with its missing parts.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import warnings
from collections import Counter

from numpydoc.validate import validate

import pyrdicom

CHECKS = {"GL08": "no docstring", "PR01": "parameters", "RT01": "Returns", "EX01": "Examples"}


def public_callables() -> list[str]:
    names = []
    modules = ["pyrdicom"] + [
        m.name
        for m in pkgutil.walk_packages(pyrdicom.__path__, "pyrdicom.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
    for modname in modules:
        module = importlib.import_module(modname)
        members = getattr(module, "__all__", None) or [
            n
            for n, v in vars(module).items()
            if not n.startswith("_") and getattr(v, "__module__", None) == modname
        ]
        for name in members:
            obj = getattr(module, name, None)
            if inspect.isclass(obj):
                names.append(f"{modname}.{name}")
                names += [
                    f"{modname}.{name}.{m}"
                    for m, v in vars(obj).items()
                    if not m.startswith("_") and callable(v)
                ]
            elif callable(obj) and not inspect.ismodule(obj):
                names.append(f"{modname}.{name}")
    return names


def main() -> None:
    counts: Counter[str] = Counter()
    names = public_callables()
    rows = []
    for name in names:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                errors = {code for code, _ in validate(name)["errors"]}
            except Exception as exc:  # an object numpydoc cannot introspect
                rows.append(f"{name}: not checked ({type(exc).__name__})")
                continue
        missing = [CHECKS[c] for c in CHECKS if c in errors]
        counts.update(c for c in CHECKS if c in errors)
        if missing:
            rows.append(f"{name}: {', '.join(missing)}")
    if "--list" in sys.argv:
        print("\n".join(rows))
    print(f"{len(names)} public callables checked")
    for code, what in CHECKS.items():
        print(f"  {code} {what:13} missing in {counts[code]}")


if __name__ == "__main__":
    main()
